#include "proxy/ProxyPanel.h"

#include "common/PanelHeader.h"
#include "common/SectionLabel.h"
#include "config/Config.h"
#include "engine/Engine.h"
#include "engine/RequestLog.h"
#include "proxy/KeyHealthModel.h"
#include "proxy/ProxyStateText.h"
#include "proxy/RateSparkline.h"
#include "proxy/TargetHealthModel.h"
#include "routing/HealthBoard.h"

#include <QDateTime>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace signalbox {

namespace {

QLabel* wrappedLabel(const QString& objectName, QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

// A read-only table of health rows, laid out like its neighbour.
void setUpHealthTable(QTableView* table) {
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
}

// Widens `column` to its longest name when the rows change: never below `minimum`, nor
// so far that one odd name squeezes the other columns. Measured from the model, so it
// works while the table is hidden.
void fitColumn(QTableView* table, int column, int minimum) {
    const QAbstractItemModel* model = table->model();
    const QFontMetrics metrics = table->fontMetrics();
    int width = minimum;
    for (int row = 0; row < model->rowCount(); ++row) {
        const QString text = model->index(row, column).data().toString();
        width = std::max(width, metrics.horizontalAdvance(text) + 24);
    }
    table->setColumnWidth(column, std::min(width, 2 * minimum));
}

}  // namespace

ProxyPanel::ProxyPanel(Engine& engine, QWidget* parent)
    : QWidget(parent),
      engine_(engine),
      sampler_(engine.requestLog()),
      listenEdit_(new QLineEdit(this)),
      applyButton_(new QPushButton(tr("Apply"), this)),
      listenHint_(wrappedLabel(QStringLiteral("proxyListenHint"), this)),
      addressLabel_(new QLabel(this)),
      stateLabel_(wrappedLabel(QStringLiteral("proxyStateLabel"), this)),
      startButton_(new QPushButton(tr("Start"), this)),
      stopButton_(new QPushButton(tr("Stop"), this)),
      rateLabel_(wrappedLabel(QStringLiteral("proxyRateLabel"), this)),
      sparkline_(new RateSparkline(this)),
      targetsModel_(new TargetHealthModel(this)),
      targetsTable_(new QTableView(this)),
      targetsEmptyLabel_(wrappedLabel(QStringLiteral("proxyTargetsEmptyLabel"), this)),
      keysModel_(new KeyHealthModel(this)),
      keysTable_(new QTableView(this)),
      keysEmptyLabel_(wrappedLabel(QStringLiteral("proxyKeysEmptyLabel"), this)),
      refreshTimer_(new QTimer(this)) {
    setObjectName(QStringLiteral("proxyPanel"));
    QVBoxLayout* layout = PanelHeader::addTo(
        this, tr("Proxy"),
        tr("The local endpoint your applications call. It speaks the OpenAI API and routes "
           "every call by your configuration."));

    listenEdit_->setObjectName(QStringLiteral("proxyListenEdit"));
    listenEdit_->setPlaceholderText(QStringLiteral("127.0.0.1:4747"));
    listenEdit_->setToolTip(tr("An IP address and port, e.g. 127.0.0.1:4747 or [::1]:4747"));
    listenEdit_->setMaximumWidth(260);
    applyButton_->setObjectName(QStringLiteral("proxyApplyButton"));
    applyButton_->setToolTip(tr("Save the address; a running proxy restarts on it"));
    listenHint_->setForegroundRole(QPalette::PlaceholderText);
    connect(listenEdit_, &QLineEdit::textChanged, this, &ProxyPanel::checkListenAddress);
    connect(listenEdit_, &QLineEdit::returnPressed, this, [this] {
        if (applyButton_->isEnabled())
            applyListenAddress();
    });
    connect(applyButton_, &QPushButton::clicked, this, &ProxyPanel::applyListenAddress);
    auto* listenRow = new QHBoxLayout;
    listenRow->addWidget(listenEdit_);
    listenRow->addWidget(applyButton_);
    listenRow->addStretch();
    // The hint sits right under the field it explains.
    auto* listenBox = new QVBoxLayout;
    listenBox->setSpacing(4);
    listenBox->addLayout(listenRow);
    listenBox->addWidget(listenHint_);

    addressLabel_->setObjectName(QStringLiteral("proxyAddressLabel"));
    addressLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse |
                                           Qt::TextSelectableByKeyboard);
    addressLabel_->setCursor(Qt::IBeamCursor);
    QFont stateFont = stateLabel_->font();
    stateFont.setWeight(QFont::DemiBold);
    stateLabel_->setFont(stateFont);

    startButton_->setObjectName(QStringLiteral("proxyStartButton"));
    stopButton_->setObjectName(QStringLiteral("proxyStopButton"));
    connect(startButton_, &QPushButton::clicked, &engine_, &Engine::startProxy);
    connect(stopButton_, &QPushButton::clicked, &engine_, &Engine::stopProxy);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(startButton_);
    buttons->addWidget(stopButton_);
    buttons->addStretch();

    auto* form = new QFormLayout;
    form->setHorizontalSpacing(16);
    form->setVerticalSpacing(10);
    form->addRow(tr("Listen on:"), listenBox);
    form->addRow(tr("Address:"), addressLabel_);
    form->addRow(tr("State:"), stateLabel_);
    form->addRow(QString(), buttons);
    layout->addLayout(form);

    layout->addWidget(new SectionLabel(tr("Traffic"), this));
    sparkline_->setObjectName(QStringLiteral("proxyRateSparkline"));
    // The request line takes the theme's accent colour, so it is named by its shape.
    sparkline_->setToolTip(
        tr("Requests per second (the filled line) and errors per second (the red line), the "
           "last minute"));
    rateLabel_->setMinimumWidth(360);
    auto* traffic = new QHBoxLayout;
    traffic->setSpacing(16);
    traffic->addWidget(rateLabel_);
    traffic->addWidget(sparkline_);
    traffic->addStretch();
    layout->addLayout(traffic);

    layout->addWidget(new SectionLabel(tr("Targets"), this));
    targetsTable_->setObjectName(QStringLiteral("proxyTargetsTable"));
    targetsTable_->setModel(targetsModel_);
    setUpHealthTable(targetsTable_);
    const QFontMetrics metrics = targetsTable_->fontMetrics();
    const auto widthOf = [&](const QString& sample) {
        return metrics.horizontalAdvance(sample) + 24;
    };
    const int targetWidth = widthOf(QStringLiteral("provider/model-name-1"));
    targetsTable_->setColumnWidth(TargetHealthModel::Target, targetWidth);
    connect(targetsModel_, &QAbstractItemModel::modelReset, this, [this, targetWidth] {
        fitColumn(targetsTable_, TargetHealthModel::Target, targetWidth);
    });
    targetsTable_->setColumnWidth(TargetHealthModel::Breaker,
                                  widthOf(tr("half-open: trying one call")));
    targetsTable_->setColumnWidth(
        TargetHealthModel::BenchedUntil,
        widthOf(tr("%1 (in %2 s)").arg(QStringLiteral("00:00:00"), QStringLiteral("30"))));
    targetsTable_->setColumnWidth(TargetHealthModel::RecentFailures,
                                  widthOf(tr("Recent failures")));
    targetsTable_->setColumnWidth(
        TargetHealthModel::Calls,
        widthOf(tr("%1 ok, %2 failed").arg(QStringLiteral("1,000"), QStringLiteral("100"))));
    targetsTable_->setColumnWidth(TargetHealthModel::Latency, widthOf(QStringLiteral("10000 ms")));
    targetsEmptyLabel_->setText(
        tr("No target has been called yet. Each target appears here with its circuit breaker "
           "once the proxy sends it a request."));
    targetsEmptyLabel_->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(targetsEmptyLabel_);
    layout->addWidget(targetsTable_, 1);

    // Keys of one provider share its targets but rest and bench on their own: a 429 on
    // one key sends the next call to another key, not to the next target.
    layout->addWidget(new SectionLabel(tr("Provider keys"), this));
    keysTable_->setObjectName(QStringLiteral("proxyKeysTable"));
    keysTable_->setModel(keysModel_);
    setUpHealthTable(keysTable_);
    const int providerWidth = widthOf(tr("Provider"));
    keysTable_->setColumnWidth(KeyHealthModel::Provider, providerWidth);
    const int keyWidth = widthOf(QStringLiteral("keychain:provider-2"));
    keysTable_->setColumnWidth(KeyHealthModel::Key, keyWidth);
    connect(keysModel_, &QAbstractItemModel::modelReset, this, [this, providerWidth, keyWidth] {
        fitColumn(keysTable_, KeyHealthModel::Provider, providerWidth);
        fitColumn(keysTable_, KeyHealthModel::Key, keyWidth);
        fitKeysTable();
    });
    keysTable_->setColumnWidth(KeyHealthModel::Breaker,
                               widthOf(tr("closed, resting (rate limited)")));
    keysTable_->setColumnWidth(
        KeyHealthModel::AvailableAgain,
        widthOf(tr("%1 (in %2 s)").arg(QStringLiteral("00:00:00"), QStringLiteral("30"))));
    keysTable_->setColumnWidth(KeyHealthModel::RecentFailures, widthOf(tr("Recent failures")));
    keysTable_->setColumnWidth(
        KeyHealthModel::Calls,
        widthOf(tr("%1 ok, %2 failed").arg(QStringLiteral("1,000"), QStringLiteral("100"))));
    keysTable_->setColumnWidth(KeyHealthModel::Weight, widthOf(tr("Weight")));
    keysEmptyLabel_->setText(
        tr("No provider with several keys has been called yet. Such a provider spreads its "
           "calls over its keys by weight; each key appears here with its own breaker, and "
           "one that was rate limited rests until the time the provider named."));
    keysEmptyLabel_->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(keysEmptyLabel_);
    // A provider has a few keys: the table is as tall as its rows and the targets above
    // take the rest of the room.
    keysTable_->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    layout->addWidget(keysTable_);
    fitKeysTable();

    refreshTimer_->setObjectName(QStringLiteral("proxyRefreshTimer"));
    refreshTimer_->setInterval(1000);
    connect(refreshTimer_, &QTimer::timeout, this, &ProxyPanel::refreshFigures);

    connect(&engine_, &Engine::proxyStateChanged, this, &ProxyPanel::showState);
    listenEdit_->setText(engine_.config()->listen.toString());
    checkListenAddress();
    showState();
    refreshFigures();
}

void ProxyPanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    // Another panel may have changed the config while this one was hidden.
    if (!listenEdit_->isModified())
        listenEdit_->setText(engine_.config()->listen.toString());
    sampler_.restart();
    refreshFigures();
    refreshTimer_->start();
}

void ProxyPanel::hideEvent(QHideEvent* event) {
    refreshTimer_->stop();
    QWidget::hideEvent(event);
}

void ProxyPanel::showState() {
    const Engine::ProxyState state = engine_.proxyState();
    const bool listening =
        state == Engine::ProxyState::Running || state == Engine::ProxyState::Draining;
    addressLabel_->setText(listening ? engine_.proxyUrl() : tr("not listening"));
    // The address row beside it carries the URL.
    stateLabel_->setText(ProxyStateText::describe(engine_));

    startButton_->setEnabled(state == Engine::ProxyState::Stopped ||
                             state == Engine::ProxyState::Failed);
    stopButton_->setEnabled(state == Engine::ProxyState::Starting ||
                            state == Engine::ProxyState::Running);
}

void ProxyPanel::checkListenAddress() {
    const std::optional<ListenAddress> address = parseListenAddress(listenEdit_->text().trimmed());
    const Config& config = *engine_.config();
    applyButton_->setEnabled(address && *address != config.listen);
    if (!address) {
        listenHint_->setText(
            tr("Write an IP address and a port, e.g. 127.0.0.1:4747. Host names other than "
               "localhost are not accepted: the proxy binds an address."));
    } else if (address->isLoopback()) {
        listenHint_->setText(tr("Only programs on this computer can reach the proxy."));
    } else {
        listenHint_->setText(
            tr("Beyond loopback other machines can reach the proxy, so every client must present "
               "a virtual key: create them in Virtual Keys first, or the proxy will not start."));
    }
}

void ProxyPanel::applyListenAddress() {
    const std::optional<ListenAddress> address = parseListenAddress(listenEdit_->text().trimmed());
    if (!address)
        return;
    auto config = std::make_shared<Config>(*engine_.config());
    config->listen = *address;
    const bool hasFile = !config->sourcePath.isEmpty();
    engine_.setConfig(std::move(config));
    // The window edits the same file signalboxd reads.
    QString saveError;
    const bool saved = !hasFile || engine_.saveConfig(&saveError);
    listenEdit_->setText(address->toString());
    listenEdit_->setModified(false);
    // A running proxy moves to the new address by itself; requests in flight on the old
    // one finish there.
    checkListenAddress();
    if (!saved)
        listenHint_->setText(tr("The proxy uses the new address, but it was not saved: %1. Make "
                                "the config file writable and apply again, or the address is "
                                "lost when Signalbox quits.")
                                 .arg(saveError));
    showState();
}

void ProxyPanel::fitKeysTable() {
    constexpr int kMostRowsShown = 8;  // more scroll
    const int rows = std::clamp(keysModel_->rowCount(), 1, kMostRowsShown);
    keysTable_->setFixedHeight(2 * keysTable_->frameWidth() +
                               keysTable_->horizontalHeader()->sizeHint().height() +
                               rows * keysTable_->verticalHeader()->defaultSectionSize());
}

void ProxyPanel::refreshFigures() {
    if (sampler_.sample()) {
        const RequestRateSampler::Rate rate = sampler_.latest();
        const RequestLog::Totals totals = sampler_.totals();
        const QLocale shown;
        rateLabel_->setText(tr("<b>%1</b> requests/s &nbsp; <b>%2</b> errors/s<br>"
                               "%3 requests, %4 failed since Signalbox started")
                                .arg(shown.toString(rate.requestsPerSecond, 'f', 1),
                                     shown.toString(rate.errorsPerSecond, 'f', 1),
                                     shown.toString(totals.requests),
                                     shown.toString(totals.errors)));
        sparkline_->setHistory(sampler_.history());
    } else if (rateLabel_->text().isEmpty()) {
        rateLabel_->setText(tr("Measuring requests per second…"));
    }

    const qint64 nowWallMs = QDateTime::currentMSecsSinceEpoch();
    targetsModel_->setTargets(engine_.health().targetStatus(), nowWallMs);
    targetsEmptyLabel_->setVisible(targetsModel_->rowCount() == 0);
    keysModel_->setKeys(engine_.health().providerKeyStatus(), *engine_.config(), nowWallMs);
    // Most providers have one key, whose health is the target's: no empty table for them.
    keysEmptyLabel_->setVisible(keysModel_->rowCount() == 0);
    keysTable_->setVisible(keysModel_->rowCount() > 0);
}

}  // namespace signalbox
