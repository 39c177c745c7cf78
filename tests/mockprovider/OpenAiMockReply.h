#pragma once

#include "MockConversation.h"
#include "MockReply.h"

#include <QJsonObject>
#include <QStringList>

namespace signalbox::mock {

// One answer in OpenAI's chat-completions format, as the real API gives it:
// a chat.completion object, or chat.completion.chunk SSE events (role chunk,
// content or tool-call argument deltas, a finish chunk, the usage chunk when
// stream_options asks for it, then [DONE]). Offered tools are called; a tool
// result is answered in words. Also serves Azure OpenAI deployments, whose
// answers name the deployment as the model.
class OpenAiMockReply : public MockReply {
    Q_OBJECT
public:
    // `model` replaces the request's model (an Azure deployment) when not empty.
    OpenAiMockReply(MockReplyContext context, const QJsonObject& request, QByteArrayView raw,
                    const QString& model = {}, bool azure = false);

    static QByteArray errorBody(int status, const QByteArray& customBody);
    // Azure's own shape, for what its gateway answers before the model does.
    static QByteArray azureErrorBody(int status);
    // The 400 body of a named error (MockFault::error): context_length_exceeded,
    // the same on Azure; for content_policy OpenAI's invalid_prompt refusal, or
    // Azure's content_filter with its per-category results.
    static QByteArray namedErrorBody(const QString& name, int promptTokens, bool azure);

protected:
    void serve() override;
    QByteArray errorBody(int status) const override;
    std::optional<ErrorAnswer> namedError(const QString& name) const override;
    QByteArray garbageContentType() const override;

private:
    QByteArray chunk(const QJsonObject& delta, const QJsonValue& finishReason) const;
    QJsonObject toolCall(bool streamed) const;
    QJsonObject usage() const;
    QString finishReason() const;

    MockConversation conversation_;
    bool azure_ = false;
    QString model_;
    QByteArray id_;
    qint64 created_ = 0;
    bool stream_ = false;
    bool includeUsage_ = false;
    bool truncated_ = false;  // max_tokens cut the text short
    QStringList pieces_;      // the text, or the tool call's argument fragments
    int promptTokens_ = 0;
};

}  // namespace signalbox::mock
