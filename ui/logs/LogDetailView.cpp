#include "logs/LogDetailView.h"

#include "common/SectionLabel.h"

#include <QDateTime>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace signalbox {

namespace {

QString known(qint64 n, const QString& unit = {}) {
    if (n < 0)
        return QStringLiteral("\u2013");
    return QLocale().toString(n) + unit;
}

QPlainTextEdit* bodyEdit(const QString& name, QWidget* parent) {
    auto* edit = new QPlainTextEdit(parent);
    edit->setObjectName(name);
    edit->setReadOnly(true);
    edit->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return edit;
}

}  // namespace

LogDetailView::LogDetailView(QWidget* parent)
    : QWidget(parent),
      pages_(new QStackedWidget(this)),
      message_(new QLabel(this)),
      title_(new QLabel(this)),
      facts_(new QLabel(this)),
      trail_(new QTreeWidget(this)),
      bodies_(new QTabWidget(this)),
      requestBody_(bodyEdit(QStringLiteral("logsRequestBody"), this)),
      responseBody_(bodyEdit(QStringLiteral("logsResponseBody"), this)),
      copyCurl_(new QPushButton(tr("Copy as curl"), this)),
      openInPlayground_(new QPushButton(tr("Open in Playground"), this)) {
    setObjectName(QStringLiteral("logsDetail"));

    message_->setObjectName(QStringLiteral("logsDetailMessage"));
    message_->setAlignment(Qt::AlignCenter);
    message_->setWordWrap(true);
    message_->setEnabled(false);

    title_->setObjectName(QStringLiteral("logsDetailTitle"));
    QFont titleFont = title_->font();
    titleFont.setWeight(QFont::DemiBold);
    title_->setFont(titleFont);
    title_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    facts_->setObjectName(QStringLiteral("logsDetailFacts"));
    facts_->setWordWrap(true);
    facts_->setTextFormat(Qt::PlainText);
    facts_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    trail_->setObjectName(QStringLiteral("logsTrail"));
    trail_->setRootIsDecorated(false);
    trail_->setUniformRowHeights(true);
    trail_->setHeaderLabels(
        {tr("#"), tr("Target"), tr("Outcome"), tr("Started"), tr("Took"), tr("Error")});
    trail_->header()->setStretchLastSection(true);
    trail_->setMaximumHeight(110);

    bodies_->setObjectName(QStringLiteral("logsBodies"));
    bodies_->addTab(requestBody_, tr("Request body"));
    bodies_->addTab(responseBody_, tr("Response body"));

    copyCurl_->setObjectName(QStringLiteral("copyCurlButton"));
    copyCurl_->setToolTip(
        tr("Copy a curl command that sends this request again through the "
           "local proxy"));
    connect(copyCurl_, &QPushButton::clicked, this, &LogDetailView::copyCurlRequested);
    openInPlayground_->setObjectName(QStringLiteral("openInPlaygroundButton"));
    openInPlayground_->setToolTip(
        tr("Open the selected request's model and messages in the Playground"));
    connect(openInPlayground_, &QPushButton::clicked, this,
            &LogDetailView::openInPlaygroundRequested);

    auto* shown = new QWidget(this);
    auto* layout = new QVBoxLayout(shown);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* top = new QHBoxLayout;
    top->addWidget(title_, 1);
    top->addWidget(copyCurl_);
    top->addWidget(openInPlayground_);
    layout->addLayout(top);
    layout->addWidget(facts_);
    layout->addWidget(new SectionLabel(tr("Attempts"), shown));
    layout->addWidget(trail_);
    layout->addWidget(bodies_, 1);

    pages_->addWidget(message_);
    pages_->addWidget(shown);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(pages_);
    showMessage(tr("Select a request to see its attempts and bodies."));
}

void LogDetailView::showMessage(const QString& message) {
    detail_.reset();
    message_->setText(message);
    pages_->setCurrentWidget(message_);
    copyCurl_->setEnabled(false);
    openInPlayground_->setEnabled(false);
}

void LogDetailView::focusContent() {
    if (detail_)
        bodies_->currentWidget()->setFocus(Qt::OtherFocusReason);
}

QString LogDetailView::whyNotPlayable(const RequestDetail& detail) {
    if (!detail.requestBody.isEmpty())
        return {};
    return tr(
        "The request body was not kept, so there is nothing to open. Bodies are stored "
        "only with store.log_bodies: true in the config.");
}

void LogDetailView::showDetail(const RequestDetail& detail) {
    detail_ = detail;
    const LogRow& row = detail.row;
    QString status = row.status == 0 ? tr("no answer") : QString::number(row.status);
    if (row.truncated)
        status = tr("%1, stream cut off").arg(status);
    title_->setText(tr("%1 \u00b7 %2 \u00b7 %3").arg(row.id, row.surface, status));

    QStringList facts;
    facts << tr("Started %1")
                 .arg(QDateTime::fromMSecsSinceEpoch(row.startedAt)
                          .toLocalTime()
                          .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")));
    facts << tr("Route %1 \u2192 %2")
                 .arg(row.route, row.target.isEmpty() ? tr("no target") : row.target);
    facts << tr("Latency %1, first token %2")
                 .arg(known(row.latencyMs, tr(" ms")), known(row.ttftMs, tr(" ms")));
    QString tokens =
        tr("Tokens %1 in, %2 out").arg(known(row.inputTokens), known(row.outputTokens));
    if (detail.cachedInputTokens > 0)
        tokens += tr(", %1 cached").arg(known(detail.cachedInputTokens));
    if (detail.reasoningTokens > 0)
        tokens += tr(", %1 reasoning").arg(known(detail.reasoningTokens));
    facts << tokens;
    if (row.costUsd) {
        facts << (row.costEstimated ? tr("Cost ~$%1 (tokens estimated)") : tr("Cost $%1"))
                     .arg(QLocale().toString(*row.costUsd, 'f', 6));
    } else {
        facts << tr("Cost unknown: the model has no price");
    }
    if (row.cacheHit)
        facts << tr("Answered from the cache");
    if (!row.virtualKeyId.isEmpty())
        facts << tr("Virtual key %1").arg(row.virtualKeyId);
    if (!row.user.isEmpty())
        facts << tr("User %1").arg(row.user);
    if (!row.error.isEmpty())
        facts << tr("Error: %1").arg(row.error);
    facts_->setText(facts.join(QStringLiteral("   \u00b7   ")));

    showTrail(detail.trail);
    const QString notKept =
        tr("Not kept. Set store.log_bodies: true in the config to keep request and response "
           "bodies (masked and capped).");
    requestBody_->setPlainText(detail.requestBody.isEmpty() ? notKept
                                                            : bodyText(detail.requestBody));
    responseBody_->setPlainText(detail.responseBody.isEmpty() ? notKept
                                                              : bodyText(detail.responseBody));
    copyCurl_->setEnabled(!detail.requestBody.isEmpty());
    copyCurl_->setToolTip(detail.requestBody.isEmpty()
                              ? tr("The request body was not kept, so there is nothing to send "
                                   "again. Set store.log_bodies: true to keep bodies.")
                              : tr("Copy a curl command that sends this request again through "
                                   "the local proxy"));
    const QString notPlayable = whyNotPlayable(detail);
    openInPlayground_->setEnabled(notPlayable.isEmpty());
    openInPlayground_->setToolTip(
        notPlayable.isEmpty()
            ? tr("Open this request's model and messages in the Playground to try it again")
            : notPlayable);
    pages_->setCurrentIndex(1);
}

void LogDetailView::showTrail(const QByteArray& trailJson) {
    trail_->clear();
    const QJsonArray tries = QJsonDocument::fromJson(trailJson).array();
    int n = 0;
    for (const QJsonValue& value : tries) {
        const QJsonObject a = value.toObject();
        QString target = a.value(QLatin1String("target")).toString();
        const QString key = a.value(QLatin1String("key")).toString();
        if (!key.isEmpty())
            target += tr(" (key %1)").arg(key);
        const bool called = a.value(QLatin1String("called")).toBool(true);
        QString outcome = a.value(QLatin1String("outcome")).toString();
        if (!called)
            outcome = tr("%1, passed over").arg(outcome);
        auto* item = new QTreeWidgetItem(trail_);
        item->setText(0, QString::number(++n));
        item->setText(1, target);
        item->setText(2, outcome);
        item->setText(3, tr("+%1 ms").arg(a.value(QLatin1String("start_ms")).toInteger()));
        item->setText(4, called ? tr("%1 ms").arg(a.value(QLatin1String("duration_ms")).toInteger())
                                : QStringLiteral("\u2013"));
        item->setText(5, a.value(QLatin1String("error")).toString());
        item->setToolTip(5, item->text(5));
    }
    if (n == 0) {
        auto* item = new QTreeWidgetItem(trail_);
        item->setText(1, tr("No attempt: the request was answered before reaching a target"));
        item->setFirstColumnSpanned(true);
    }
    for (int c = 0; c < 5; ++c)
        trail_->resizeColumnToContents(c);
}

QString LogDetailView::bodyText(const QByteArray& body) {
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error == QJsonParseError::NoError && !doc.isNull())
        return QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
    return QString::fromUtf8(body);
}

}  // namespace signalbox
