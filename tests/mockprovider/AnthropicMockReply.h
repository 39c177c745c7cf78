#pragma once

#include "MockConversation.h"
#include "MockReply.h"

#include <QJsonObject>
#include <QStringList>

namespace signalbox::mock {

// One answer in Anthropic's Messages format (POST /v1/messages), as the API
// gives it: a message object with content blocks, or the SSE sequence
// message_start, content_block_start, ping, content_block_delta …,
// content_block_stop, message_delta, message_stop. Offered tools are called
// with a tool_use block; thinking, when asked for, comes first with a
// signature the mock checks when the block is sent back.
class AnthropicMockReply : public MockReply {
    Q_OBJECT
public:
    // `version` is the request's anthropic-version header.
    AnthropicMockReply(MockReplyContext context, const QJsonObject& request, QByteArrayView raw,
                       QByteArrayView version);

    // The API versions the mock knows; others are refused as the API does.
    static bool knownVersion(QByteArrayView version);
    // Why the API would refuse the request with a 400 (its message), or empty:
    // missing fields, a thinking block not sent back as issued, a tool turn
    // with thinking on whose assistant message lost its thinking, and what API
    // version 2026-10-21 no longer takes. `countTokens` checks that endpoint.
    static QString refusal(const QJsonObject& request, QByteArrayView version, bool countTokens);

    // {"type":"error","error":{"type":…,"message":…},"request_id":…}, the type
    // following the status as the API documents it.
    static QByteArray errorBody(int status, const QString& message);
    static QString errorType(int status);
    // The signature the mock gives a thinking block: derived from its text, so
    // a block sent back can be checked without remembering anything.
    static QString thinkingSignature(const QString& thinking);
    // POST /v1/messages/count_tokens: {"input_tokens":N}, N the same total a
    // message answer reports as input plus cache reads.
    static QByteArray countTokens(const QJsonObject& request);

protected:
    void serve() override;
    QByteArray errorBody(int status) const override { return errorBody(status, QString()); }
    // 400 invalid_request_error either way: "prompt is too long: N tokens > 200000
    // maximum", or "Output blocked by content filtering policy".
    std::optional<ErrorAnswer> namedError(const QString& name) const override;
    QByteArray garbageContentType() const override;

private:
    QJsonObject usage(bool final) const;
    QString stopReason() const;
    void sendWhole();
    void sendStream();

    MockConversation conversation_;
    QString badRequest_;
    QString model_;
    QByteArray id_;
    QString toolId_;
    bool stream_ = false;
    bool thinking_ = false;
    bool truncated_ = false;
    QString thinkingText_;
    QStringList pieces_;  // the text, or the tool input's JSON fragments
    int inputTokens_ = 0;
    int cacheReadTokens_ = 0;
};

}  // namespace signalbox::mock
