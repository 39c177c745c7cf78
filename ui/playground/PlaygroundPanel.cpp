#include "playground/PlaygroundPanel.h"

#include "common/PanelHeader.h"
#include "common/StatusLabel.h"
#include "engine/Engine.h"
#include "playground/ChatColumn.h"
#include "playground/ExportDialog.h"
#include "playground/LoggedRequestReader.h"
#include "playground/ModelPicker.h"
#include "playground/ParametersPanel.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>

#include <algorithm>

namespace signalbox {

namespace {

// Scoped to the panel, so as not to clash with other panels' keys.
QAction* panelAction(QWidget* owner, const QString& text, const QString& objectName,
                     const QList<QKeySequence>& keys) {
    auto* action = new QAction(text, owner);
    action->setObjectName(objectName);
    action->setShortcuts(keys);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    owner->addAction(action);
    return action;
}

// The text of a user message that holds nothing else.
std::optional<QString> plainUserText(const Json& message) {
    if (message["role"].toString() != QLatin1String("user"))
        return std::nullopt;
    const Json& content = message["content"];
    if (content.isString())
        return content.toString();
    QStringList texts;
    for (const Json& part : content.items()) {
        if (part["type"].toString() != QLatin1String("text"))
            return std::nullopt;
        texts << part["text"].toString();
    }
    if (texts.isEmpty())
        return std::nullopt;
    return texts.join(QLatin1Char('\n'));
}

QString keyText(const QAction* action) {
    return action->shortcut().toString(QKeySequence::NativeText);
}

}  // namespace

PlaygroundPanel::PlaygroundPanel(Engine& engine, QWidget* parent)
    : QWidget(parent),
      engine_(engine),
      parameters_(new ParametersPanel(this)),
      compareButton_(new QPushButton(tr("Compare"), this)),
      compareCount_(new QSpinBox(this)),
      newButton_(new QPushButton(tr("New conversation"), this)),
      exportButton_(new QPushButton(tr("Export as"), this)),
      notice_(new StatusLabel(this)),
      input_(new QPlainTextEdit(this)),
      sendButton_(new QPushButton(tr("Send"), this)),
      stopButton_(new QPushButton(tr("Stop"), this)),
      hint_(new StatusLabel(this)),
      sendAction_(panelAction(
          this, tr("Send the message"), QStringLiteral("playgroundSendAction"),
          {QKeySequence(Qt::CTRL | Qt::Key_Enter), QKeySequence(Qt::CTRL | Qt::Key_Return)})),
      stopAction_(panelAction(this, tr("Stop the answers under way"),
                              QStringLiteral("playgroundStopAction"),
                              {QKeySequence(Qt::Key_Escape)})) {
    setObjectName(QStringLiteral("playgroundPanel"));
    QVBoxLayout* layout = PanelHeader::addTo(
        this, tr("Playground"),
        tr("Chat with any route or model through the same engine your applications use; "
           "every call is logged, tagged source=playground. Compare sends one prompt to "
           "several models side by side."));
    QAction* newAction =
        panelAction(this, tr("Start a new conversation"), QStringLiteral("playgroundNewAction"),
                    {QKeySequence(QKeySequence::New)});

    // The bar: compare, new conversation, export.
    auto* bar = new QHBoxLayout;
    compareButton_->setObjectName(QStringLiteral("playgroundCompareButton"));
    compareButton_->setCheckable(true);
    compareButton_->setToolTip(tr("Send the same prompt to two to four models side by side"));
    compareCount_->setObjectName(QStringLiteral("playgroundCompareCount"));
    compareCount_->setRange(2, kMaxColumns);
    compareCount_->setValue(3);
    compareCount_->setSuffix(tr(" models"));
    compareCount_->setToolTip(tr("How many models to compare"));
    compareCount_->setVisible(false);
    newButton_->setObjectName(QStringLiteral("playgroundNewButton"));
    newButton_->setToolTip(tr("Clears the conversation; the system prompt and parameters stay (%1)")
                               .arg(keyText(newAction)));
    exportButton_->setObjectName(QStringLiteral("playgroundExportButton"));
    exportButton_->setToolTip(
        tr("The call as code for the local proxy, copied to the clipboard: the first "
           "column's model, the conversation and the message being typed"));
    auto* exportMenu = new QMenu(exportButton_);
    exportMenu->setObjectName(QStringLiteral("playgroundExportMenu"));
    const std::pair<CodeExport::Language, const char*> languages[] = {
        {CodeExport::Language::Curl, "playgroundExportCurlAction"},
        {CodeExport::Language::Python, "playgroundExportPythonAction"},
        {CodeExport::Language::JavaScript, "playgroundExportJavaScriptAction"}};
    for (const auto& [language, name] : languages) {
        QAction* action = exportMenu->addAction(CodeExport::languageName(language));
        action->setObjectName(QString::fromLatin1(name));
        connect(action, &QAction::triggered, this, [this, language] { exportAs(language); });
    }
    exportButton_->setMenu(exportMenu);
    bar->addWidget(compareButton_);
    bar->addWidget(compareCount_);
    bar->addStretch(1);
    bar->addWidget(newButton_);
    bar->addWidget(exportButton_);
    layout->addLayout(bar);

    notice_->setObjectName(QStringLiteral("playgroundNoticeLabel"));
    notice_->setWordWrap(true);
    notice_->setHideWhenEmpty(true);
    notice_->showMessage({});
    layout->addWidget(notice_);

    // The conversation columns over the input; the parameters beside them.
    auto* splitter = new QSplitter(this);
    splitter->setObjectName(QStringLiteral("playgroundSplitter"));
    splitter->setChildrenCollapsible(false);
    auto* chat = new QWidget(splitter);
    auto* chatLayout = new QVBoxLayout(chat);
    chatLayout->setContentsMargins(0, 0, 0, 0);
    auto* columns = new QSplitter(chat);
    columns->setObjectName(QStringLiteral("playgroundColumns"));
    columns->setChildrenCollapsible(false);
    for (int i = 0; i < kMaxColumns; ++i) {
        auto* column = new ChatColumn(engine, i, columns);
        columns->addWidget(column);
        columns_.push_back(column);
        connect(column, &ChatColumn::runningChanged, this, &PlaygroundPanel::updateState);
        connect(column->picker(), &QComboBox::editTextChanged, this, &PlaygroundPanel::updateState);
    }
    chatLayout->addWidget(columns, 1);

    auto* inputRow = new QHBoxLayout;
    input_->setObjectName(QStringLiteral("playgroundInput"));
    input_->setPlaceholderText(tr("Message (%1 sends)").arg(keyText(sendAction_)));
    input_->setTabChangesFocus(true);
    input_->setFixedHeight(input_->fontMetrics().lineSpacing() * 4 + 12);
    inputRow->addWidget(input_, 1);
    auto* buttons = new QVBoxLayout;
    sendButton_->setObjectName(QStringLiteral("playgroundSendButton"));
    sendButton_->setToolTip(tr("Send to every model shown (%1)").arg(keyText(sendAction_)));
    stopButton_->setObjectName(QStringLiteral("playgroundStopButton"));
    stopButton_->setToolTip(
        tr("Stop every answer under way; the proxy cancels the provider's call (%1)")
            .arg(keyText(stopAction_)));
    buttons->addWidget(sendButton_);
    buttons->addWidget(stopButton_);
    buttons->addStretch(1);
    inputRow->addLayout(buttons);
    chatLayout->addLayout(inputRow);
    hint_->setObjectName(QStringLiteral("playgroundHintLabel"));
    hint_->setWordWrap(true);
    chatLayout->addWidget(hint_);

    auto* side = new QScrollArea(splitter);
    side->setObjectName(QStringLiteral("playgroundParametersScroll"));
    side->setWidget(parameters_);
    side->setWidgetResizable(true);
    side->setFrameShape(QFrame::NoFrame);
    side->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    side->viewport()->setAutoFillBackground(false);
    parameters_->setAutoFillBackground(false);
    side->setMinimumWidth(240);
    splitter->addWidget(chat);
    splitter->addWidget(side);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 0);
    splitter->setSizes({900, 290});
    layout->addWidget(splitter, 1);

    connect(sendAction_, &QAction::triggered, this, &PlaygroundPanel::send);
    connect(sendButton_, &QPushButton::clicked, this, &PlaygroundPanel::send);
    connect(stopAction_, &QAction::triggered, this, &PlaygroundPanel::stop);
    connect(stopButton_, &QPushButton::clicked, this, &PlaygroundPanel::stop);
    connect(newAction, &QAction::triggered, this, &PlaygroundPanel::newConversation);
    connect(newButton_, &QPushButton::clicked, this, &PlaygroundPanel::newConversation);
    connect(compareButton_, &QPushButton::toggled, this, &PlaygroundPanel::showColumns);
    connect(compareCount_, &QSpinBox::valueChanged, this, &PlaygroundPanel::showColumns);
    connect(input_, &QPlainTextEdit::textChanged, this, &PlaygroundPanel::updateState);
    connect(parameters_, &ParametersPanel::changed, this, &PlaygroundPanel::updateState);
    connect(&engine_, &Engine::proxyStateChanged, this, &PlaygroundPanel::updateState);
    connect(&engine_, &Engine::configChanged, this, &PlaygroundPanel::updateState);
    showColumns();
}

std::vector<ChatColumn*> PlaygroundPanel::visibleColumns() const {
    const int shown = compareButton_->isChecked() ? compareCount_->value() : 1;
    return {columns_.begin(), columns_.begin() + shown};
}

void PlaygroundPanel::setCompare(bool on, int columns) {
    compareCount_->setValue(std::clamp(columns, 2, kMaxColumns));
    compareButton_->setChecked(on);
}

void PlaygroundPanel::showColumns() {
    const std::vector<ChatColumn*> shown = visibleColumns();
    compareCount_->setVisible(compareButton_->isChecked());
    const PlaygroundConversation& first = columns_.front()->conversation();
    for (size_t i = 0; i < columns_.size(); ++i) {
        ChatColumn* column = columns_[i];
        const bool visible = i < shown.size();
        if (!visible) {
            column->stop();
        } else if (i > 0 && !column->isVisibleTo(this) && column->conversation().isEmpty() &&
                   !first.isEmpty() && !columns_.front()->isRunning()) {
            // A column joining the comparison continues the conversation so far.
            column->setMessages(first.messages());
        }
        column->setVisible(visible);
    }
    // A splitter that is not on screen does not notice its children hiding: without this
    // the layouts above it keep the width of four columns as the panel's minimum.
    columns_.front()->parentWidget()->updateGeometry();
    updateState();
}

bool PlaygroundPanel::usesKey() const {
    const std::shared_ptr<const Config> config = engine_.config();
    return !parameters_->virtualKey().isEmpty() ||
           (config && config->governance.keysRequired(config->listen));
}

void PlaygroundPanel::updateState() {
    const std::vector<ChatColumn*> shown = visibleColumns();
    const bool running = std::any_of(columns_.begin(), columns_.end(),
                                     [](const ChatColumn* c) { return c->isRunning(); });
    const bool valid = parameters_->isValid();
    const bool hasInput = !input_->toPlainText().trimmed().isEmpty();
    const bool modelsSet = std::all_of(shown.begin(), shown.end(),
                                       [](const ChatColumn* c) { return !c->model().isEmpty(); });
    const bool canResend = std::all_of(shown.begin(), shown.end(), [](const ChatColumn* c) {
        return c->conversation().awaitsAnswer();
    });
    const bool canSend = !running && valid && modelsSet && (hasInput || canResend);
    sendButton_->setEnabled(canSend);
    sendAction_->setEnabled(canSend);
    stopButton_->setEnabled(running);
    stopAction_->setEnabled(running);
    exportButton_->setEnabled(valid && !columns_.front()->model().isEmpty());
    const std::shared_ptr<const Config> config = engine_.config();
    parameters_->setKeysRequired(config && config->governance.keysRequired(config->listen));

    const auto pending = columns_.front()->conversation().pendingToolCalls();
    if (engine_.proxyState() != Engine::ProxyState::Running &&
        engine_.proxyState() != Engine::ProxyState::Starting) {
        hint_->showMessage(tr("The proxy is not running, and the Playground sends through it: "
                              "start it under Proxy."),
                           StatusLabel::Tone::Error);
    } else if (!valid) {
        hint_->showMessage(tr("%1 Fix it to send.").arg(parameters_->problem()),
                           StatusLabel::Tone::Error);
    } else if (!modelsSet) {
        hint_->showMessage(tr("Pick a route or provider/model to send to."),
                           StatusLabel::Tone::Error);
    } else if (running) {
        hint_->showMessage(tr("Streaming… %1 stops.").arg(keyText(stopAction_)));
    } else if (!pending.empty()) {
        hint_->showMessage(tr("The model called %1. Type what the tool returned and send it as "
                              "the call's result.")
                               .arg(pending.front().name));
    } else if (!hasInput && canResend) {
        hint_->showMessage(tr("The conversation ends with your message: %1 sends it as it is.")
                               .arg(keyText(sendAction_)));
    } else {
        hint_->showMessage(
            tr("%1 sends, %2 stops.").arg(keyText(sendAction_), keyText(stopAction_)));
    }
}

void PlaygroundPanel::send() {
    updateState();
    if (!sendButton_->isEnabled())
        return;
    QString input = input_->toPlainText();
    if (input.trimmed().isEmpty())
        input.clear();
    PlaygroundRequest parameters;
    parameters_->fill(parameters);
    const QByteArray key = parameters_->virtualKey();
    for (ChatColumn* column : visibleColumns())
        column->send(input, parameters, key);
    input_->clear();
    notice_->showMessage({});
    updateState();
}

void PlaygroundPanel::stop() {
    for (ChatColumn* column : columns_)
        column->stop();
}

void PlaygroundPanel::newConversation() {
    for (ChatColumn* column : columns_)
        column->clear();
    notice_->showMessage({});
    input_->setFocus();
    updateState();
}

void PlaygroundPanel::exportAs(CodeExport::Language language) {
    PlaygroundRequest parameters;
    parameters_->fill(parameters);
    QString input = input_->toPlainText();
    if (input.trimmed().isEmpty())
        input.clear();
    const PlaygroundRequest request = columns_.front()->request(parameters, input);
    const QString code = CodeExport::build(language, engine_.localUrl(), request.body(), usesKey());
    QGuiApplication::clipboard()->setText(code);
    if (!exportDialog_)
        exportDialog_ = new ExportDialog(this);
    const QString languageName = CodeExport::languageName(language);
    exportDialog_->showCode(
        tr("Export as %1").arg(languageName), code,
        tr("Copied to the clipboard: %1 for %2 through the local proxy, with the conversation "
           "so far. A virtual key, when one is needed, is read from $SIGNALBOX_API_KEY; none "
           "is written out.")
            .arg(languageName, request.model));
}

bool PlaygroundPanel::openRequest(const QString& requestId, const QString& route,
                                  const QString& surface, const QByteArray& requestBody) {
    const LoggedRequestReader::Result read = LoggedRequestReader::read(surface, route, requestBody);
    if (!read.request) {
        notice_->showMessage(
            tr("Request %1 cannot be opened here. %2").arg(requestId, read.problem),
            StatusLabel::Tone::Error);
        return false;
    }
    const PlaygroundRequest& request = *read.request;
    stop();
    compareButton_->setChecked(false);
    for (ChatColumn* column : columns_)
        column->clear();
    parameters_->restore(request);
    ChatColumn* column = columns_.front();
    column->picker()->setModel(request.model);
    std::vector<Json> messages = request.messages;
    // A last message of plain text goes to the input box, to be edited or sent as it is.
    const std::optional<QString> last =
        messages.empty() ? std::nullopt : plainUserText(messages.back());
    if (last)
        messages.pop_back();
    column->setMessages(std::move(messages));
    input_->setPlainText(last.value_or(QString()));
    QString notice = tr("Opened request %1 from the log. %2 sends it again.")
                         .arg(requestId, keyText(sendAction_));
    if (!read.notRestored.isEmpty()) {
        notice += QLatin1Char(' ') + tr("Not carried over, as the Playground has no field for "
                                        "them: %1.")
                                         .arg(read.notRestored.join(QStringLiteral(", ")));
    }
    notice_->showMessage(notice, StatusLabel::Tone::Success);
    input_->setFocus();
    updateState();
    return true;
}

}  // namespace signalbox
