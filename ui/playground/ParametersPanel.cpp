#include "playground/ParametersPanel.h"

#include "common/SectionLabel.h"
#include "playground/JsonEdit.h"
#include "playground/OptionalNumberField.h"
#include "playground/PlaygroundRequest.h"

#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QVBoxLayout>

#include <cmath>

namespace signalbox {

ParametersPanel::ParametersPanel(QWidget* parent)
    : QWidget(parent),
      system_(new QPlainTextEdit(this)),
      temperature_(new OptionalNumberField(tr("Temperature"),
                                           QStringLiteral("playgroundTemperature"),
                                           {0.0, 2.0, 0.1, 2, 1.0}, this)),
      topP_(new OptionalNumberField(tr("Top p"), QStringLiteral("playgroundTopP"),
                                    {0.0, 1.0, 0.05, 2, 1.0}, this)),
      maxTokens_(new OptionalNumberField(tr("Max tokens"), QStringLiteral("playgroundMaxTokens"),
                                         {1, 1'000'000, 256, 0, 1024}, this)),
      tools_(new JsonEdit(QStringLiteral("playgroundTools"),
                          tr("[{\"type\": \"function\", \"function\": {\"name\": \"get_weather\", "
                             "\"parameters\": {…}}}]"),
                          &PlaygroundRequest::toolsProblem, this)),
      responseFormat_(new JsonEdit(QStringLiteral("playgroundResponseFormat"),
                                   tr("{\"type\": \"json_object\"}"),
                                   &PlaygroundRequest::responseFormatProblem, this)),
      virtualKey_(new QLineEdit(this)),
      keyNote_(new QLabel(this)) {
    setObjectName(QStringLiteral("playgroundParameters"));
    system_->setObjectName(QStringLiteral("playgroundSystemPrompt"));
    system_->setPlaceholderText(tr("You are a helpful assistant."));
    system_->setTabChangesFocus(true);
    system_->setMinimumHeight(system_->fontMetrics().lineSpacing() * 3);
    temperature_->setToolTip(tr("Randomness, 0 to 2; unset: the provider's default"));
    topP_->setToolTip(tr("Nucleus sampling, 0 to 1; unset: the provider's default"));
    maxTokens_->setToolTip(
        tr("The most tokens the answer may take; unset: the provider's "
           "default"));
    virtualKey_->setObjectName(QStringLiteral("playgroundVirtualKey"));
    virtualKey_->setEchoMode(QLineEdit::Password);
    virtualKey_->setPlaceholderText(tr("sbk-…"));
    virtualKey_->setClearButtonEnabled(true);
    keyNote_->setObjectName(QStringLiteral("playgroundKeyNote"));
    keyNote_->setWordWrap(true);
    keyNote_->setForegroundRole(QPalette::PlaceholderText);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 4, 0);
    layout->addWidget(new SectionLabel(tr("System prompt"), this));
    layout->addWidget(system_, 2);
    layout->addSpacing(6);
    layout->addWidget(new SectionLabel(tr("Parameters"), this));
    layout->addWidget(temperature_);
    layout->addWidget(topP_);
    layout->addWidget(maxTokens_);
    layout->addSpacing(6);
    layout->addWidget(new SectionLabel(tr("Tools (JSON)"), this));
    layout->addWidget(tools_, 4);
    layout->addSpacing(6);
    layout->addWidget(new SectionLabel(tr("Response format (JSON)"), this));
    responseFormat_->setMaximumLines(4);
    layout->addWidget(responseFormat_);
    layout->addSpacing(6);
    layout->addWidget(new SectionLabel(tr("Virtual key"), this));
    layout->addWidget(virtualKey_);
    layout->addWidget(keyNote_);
    setKeysRequired(false);

    for (OptionalNumberField* field : {temperature_, topP_, maxTokens_})
        connect(field, &OptionalNumberField::changed, this, &ParametersPanel::changed);
    connect(tools_, &JsonEdit::changed, this, &ParametersPanel::changed);
    connect(responseFormat_, &JsonEdit::changed, this, &ParametersPanel::changed);
    connect(system_, &QPlainTextEdit::textChanged, this, &ParametersPanel::changed);
    connect(virtualKey_, &QLineEdit::textChanged, this, &ParametersPanel::changed);
}

void ParametersPanel::fill(PlaygroundRequest& request) const {
    request.system = system_->toPlainText();
    request.temperature = temperature_->value();
    request.topP = topP_->value();
    const std::optional<double> maxTokens = maxTokens_->value();
    request.maxTokens = maxTokens ? std::optional<qint64>(std::llround(*maxTokens)) : std::nullopt;
    request.tools = tools_->value();
    request.responseFormat = responseFormat_->value();
}

void ParametersPanel::restore(const PlaygroundRequest& request) {
    system_->setPlainText(request.system);
    temperature_->setValue(request.temperature);
    topP_->setValue(request.topP);
    maxTokens_->setValue(request.maxTokens
                             ? std::optional<double>(static_cast<double>(*request.maxTokens))
                             : std::nullopt);
    tools_->setValue(request.tools);
    responseFormat_->setValue(request.responseFormat);
}

bool ParametersPanel::isValid() const {
    return tools_->isValid() && responseFormat_->isValid();
}

QString ParametersPanel::problem() const {
    if (!tools_->isValid())
        return tr("Tools: %1").arg(tools_->problem());
    if (!responseFormat_->isValid())
        return tr("Response format: %1").arg(responseFormat_->problem());
    return {};
}

int ParametersPanel::heightForWidth(int width) const {
    return layout()->totalMinimumHeightForWidth(width);
}

QByteArray ParametersPanel::virtualKey() const {
    return virtualKey_->text().trimmed().toUtf8();
}

void ParametersPanel::setKeysRequired(bool required) {
    keyNote_->setText(required ? tr("Required: this proxy takes only calls with a virtual key. "
                                    "It is kept in memory, never saved.")
                               : tr("Optional: calls with a key count against its budget and "
                                    "limits. Kept in memory, never saved."));
}

}  // namespace signalbox
