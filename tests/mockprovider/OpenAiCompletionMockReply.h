#pragma once

#include "MockReply.h"

#include <QJsonObject>
#include <QStringList>

namespace signalbox::mock {

// One answer in OpenAI's legacy text-completions format (POST /v1/completions):
// a text_completion object with choices[].text, or the same objects as SSE
// chunks, the usage chunk when stream_options asks for it, then [DONE].
class OpenAiCompletionMockReply : public MockReply {
    Q_OBJECT
public:
    OpenAiCompletionMockReply(MockReplyContext context, const QJsonObject& request,
                              const QString& model = {}, bool azure = false);

protected:
    void serve() override;
    QByteArray errorBody(int status) const override;
    std::optional<ErrorAnswer> namedError(const QString& name) const override;
    QByteArray garbageContentType() const override;

private:
    QJsonObject completion(const QJsonArray& choices) const;
    QJsonObject usage() const;

    bool azure_ = false;
    QString model_;
    QByteArray id_;
    qint64 created_ = 0;
    bool stream_ = false;
    bool includeUsage_ = false;
    QString finishReason_;
    QStringList pieces_;
    int promptTokens_ = 0;
};

}  // namespace signalbox::mock
