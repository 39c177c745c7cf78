#include "OpenAiCompletionMockReply.h"

#include "MockConversation.h"
#include "OpenAiMockReply.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

#include <atomic>

namespace signalbox::mock {

namespace {
std::atomic<int> replyCounter{0};

QByteArray compact(const QJsonObject& o) {
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonObject choice(const QString& text, const QJsonValue& finishReason) {
    return {{QStringLiteral("text"), text},
            {QStringLiteral("index"), 0},
            {QStringLiteral("logprobs"), QJsonValue::Null},
            {QStringLiteral("finish_reason"), finishReason}};
}
}  // namespace

OpenAiCompletionMockReply::OpenAiCompletionMockReply(MockReplyContext context,
                                                     const QJsonObject& request,
                                                     const QString& model, bool azure)
    : MockReply(std::move(context)), azure_(azure) {
    model_ = model.isEmpty() ? request.value(QLatin1String("model")).toString() : model;
    id_ = "cmpl-mock" + QByteArray::number(++replyCounter);
    created_ = QDateTime::currentSecsSinceEpoch();
    stream_ = request.value(QLatin1String("stream")).toBool(false);
    includeUsage_ = request.value(QLatin1String("stream_options"))
                        .toObject()
                        .value(QLatin1String("include_usage"))
                        .toBool(false);
    // The prompt may be a string or a list of them; the mock answers the first.
    const QJsonValue prompt = request.value(QLatin1String("prompt"));
    const QString said = prompt.isArray() ? prompt.toArray().at(0).toString() : prompt.toString();
    pieces_ = MockConversation::words(
        QStringLiteral("Hello from the mock provider. You said: %1").arg(said));
    finishReason_ = QStringLiteral("stop");
    const int limit = request.value(QLatin1String("max_tokens")).toInt();
    if (limit > 0 && limit < pieces_.size()) {
        pieces_.resize(limit);
        finishReason_ = QStringLiteral("length");
    }
    if (!fault().finishReason.isEmpty()) {
        finishReason_ = fault().finishReason;
    }
    promptTokens_ = MockConversation::estimateTokens(QJsonArray{prompt});
}

std::optional<MockReply::ErrorAnswer> OpenAiCompletionMockReply::namedError(
    const QString& name) const {
    return ErrorAnswer{400, OpenAiMockReply::namedErrorBody(name, promptTokens_, azure_)};
}

QByteArray OpenAiCompletionMockReply::errorBody(int status) const {
    return azure_ ? OpenAiMockReply::azureErrorBody(status)
                  : OpenAiMockReply::errorBody(status, {});
}

QByteArray OpenAiCompletionMockReply::garbageContentType() const {
    return stream_ ? "text/event-stream" : "application/json";
}

QJsonObject OpenAiCompletionMockReply::usage() const {
    const int completion = static_cast<int>(pieces_.size());
    return {{QStringLiteral("prompt_tokens"), promptTokens_},
            {QStringLiteral("completion_tokens"), completion},
            {QStringLiteral("total_tokens"), promptTokens_ + completion}};
}

QJsonObject OpenAiCompletionMockReply::completion(const QJsonArray& choices) const {
    return {{QStringLiteral("id"), QString::fromLatin1(id_)},
            {QStringLiteral("object"), QStringLiteral("text_completion")},
            {QStringLiteral("created"), created_},
            {QStringLiteral("model"), model_},
            {QStringLiteral("system_fingerprint"), QStringLiteral("fp_mock")},
            {QStringLiteral("choices"), choices}};
}

void OpenAiCompletionMockReply::serve() {
    HttpHeaders h;
    h.add("x-request-id", "req_" + id_);
    if (!stream_) {
        QJsonObject body = completion({choice(pieces_.join(QString()), finishReason_)});
        body.insert(QStringLiteral("usage"), usage());
        return respond(200, compact(body), h);
    }
    h.add("content-type", "text/event-stream; charset=utf-8");
    QList<QByteArray> events;
    for (const QString& piece : std::as_const(pieces_)) {
        events << "data: " + compact(completion({choice(piece, QJsonValue::Null)})) + "\n\n";
    }
    QByteArray end = "data: " + compact(completion({choice(QString(), finishReason_)})) + "\n\n";
    if (includeUsage_) {
        QJsonObject last = completion({});
        last.insert(QStringLiteral("usage"), usage());
        end += "data: " + compact(last) + "\n\n";
    }
    events << end + "data: [DONE]\n\n";
    const QJsonObject error{{QStringLiteral("message"),
                             QStringLiteral("The stream failed: %1").arg(fault().streamError)},
                            {QStringLiteral("type"), fault().streamError},
                            {QStringLiteral("param"), QJsonValue::Null},
                            {QStringLiteral("code"), QJsonValue::Null}};
    stream(h, events, 0, "data: " + compact({{QStringLiteral("error"), error}}) + "\n\n");
}

}  // namespace signalbox::mock
