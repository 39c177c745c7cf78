#include "playground/MessageBlock.h"

#include <QFontDatabase>
#include <QLabel>
#include <QStringList>
#include <QVBoxLayout>

namespace signalbox {

namespace {

QLabel* textLabel(const QString& text, QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    // Long words (JSON, URLs) wrap at the column's edge instead of widening it.
    label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    label->setText(text);
    return label;
}

BubbleFrame::Tone toneOf(const QString& role) {
    if (role == QLatin1String("user"))
        return BubbleFrame::Tone::User;
    if (role == QLatin1String("assistant"))
        return BubbleFrame::Tone::Assistant;
    return BubbleFrame::Tone::Other;
}

}  // namespace

QString MessageBlock::textOf(const Json& message) {
    const Json& content = message["content"];
    if (content.isString())
        return content.toString();
    QStringList parts;
    for (const Json& part : content.items()) {
        const QString type = part["type"].toString();
        if (type == QLatin1String("text"))
            parts << part["text"].toString();
        else if (type == QLatin1String("image_url") || type == QLatin1String("image"))
            parts << tr("[image]");
        else if (type == QLatin1String("input_audio"))
            parts << tr("[audio]");
        else if (type == QLatin1String("file"))
            parts << tr("[file]");
    }
    return parts.join(QLatin1Char('\n'));
}

MessageBlock::MessageBlock(const Json& message, const QString& toolName, QWidget* parent)
    : BubbleFrame(toneOf(message["role"].toString()), parent), text_(textOf(message)) {
    setObjectName(QStringLiteral("playgroundMessage"));
    const QString role = message["role"].toString();
    QString caption;
    if (role == QLatin1String("user"))
        caption = tr("You");
    else if (role == QLatin1String("assistant"))
        caption = tr("Assistant");
    else if (role == QLatin1String("tool"))
        caption = toolName.isEmpty() ? tr("Tool result") : tr("Result of %1").arg(toolName);
    else if (role == QLatin1String("system") || role == QLatin1String("developer"))
        caption = tr("System");
    else
        caption = role;

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 8);
    layout->setSpacing(3);
    auto* captionLabel = new QLabel(caption, this);
    captionLabel->setObjectName(QStringLiteral("playgroundMessageRole"));
    QFont bold = captionLabel->font();
    bold.setBold(true);
    captionLabel->setFont(bold);
    layout->addWidget(captionLabel);
    if (!text_.isEmpty()) {
        QLabel* body = textLabel(text_, this);
        body->setObjectName(QStringLiteral("playgroundMessageText"));
        if (role == QLatin1String("tool"))
            body->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        layout->addWidget(body);
    }
    QStringList calls;
    for (const Json& call : message["tool_calls"].items()) {
        calls << QStringLiteral("%1(%2)").arg(call["function"]["name"].toString(),
                                              call["function"]["arguments"].toString());
    }
    if (!calls.isEmpty()) {
        QLabel* tools = textLabel(tr("Calls %1").arg(calls.join(QLatin1Char('\n'))), this);
        tools->setObjectName(QStringLiteral("playgroundMessageToolCalls"));
        tools->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        layout->addWidget(tools);
    }
}

}  // namespace signalbox
