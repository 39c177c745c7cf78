#include "OpenAiMockReply.h"

#include "http/HttpExchange.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

#include <atomic>

namespace signalbox::mock {

namespace {
std::atomic<int> replyCounter{0};

QString lastUserText(const QJsonObject& request) {
    const QJsonArray messages = request.value(QLatin1String("messages")).toArray();
    for (auto it = messages.end(); it != messages.begin();) {
        const QJsonObject m = (--it)->toObject();
        if (m.value(QLatin1String("role")).toString() != QLatin1String("user"))
            continue;
        const QJsonValue content = m.value(QLatin1String("content"));
        if (content.isString())
            return content.toString();
        for (const QJsonValue& part : content.toArray()) {
            if (part.toObject().value(QLatin1String("type")).toString() == QLatin1String("text")) {
                return part.toObject().value(QLatin1String("text")).toString();
            }
        }
    }
    return {};
}

QByteArray compact(const QJsonObject& o) {
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}
}  // namespace

OpenAiMockReply::OpenAiMockReply(std::shared_ptr<HttpExchange> exchange, const QJsonObject& request,
                                 const MockFault& fault, int chunkDelayMs,
                                 std::atomic<int>* clientsGone)
    : exchange_(std::move(exchange)), fault_(fault) {
    model_ = request.value(QLatin1String("model")).toString();
    id_ = "chatcmpl-mock" + QByteArray::number(++replyCounter);
    created_ = QDateTime::currentSecsSinceEpoch();
    stream_ = request.value(QLatin1String("stream")).toBool(false);
    includeUsage_ = request.value(QLatin1String("stream_options"))
                        .toObject()
                        .value(QLatin1String("include_usage"))
                        .toBool(false);
    const QString said = lastUserText(request);
    const QString text = QStringLiteral("Hello from the mock provider. You said: %1").arg(said);
    // Words with their leading space, as tokenizers split text.
    const QStringList words = text.split(QLatin1Char(' '));
    for (int i = 0; i < words.size(); ++i)
        pieces_ << (i == 0 ? words[i] : QLatin1Char(' ') + words[i]);
    promptTokens_ =
        8 + static_cast<int>(QJsonDocument(request.value(QLatin1String("messages")).toArray())
                                 .toJson(QJsonDocument::Compact)
                                 .size() /
                             4);
    chunkDelayMs_ = fault.chunkDelayMs >= 0 ? fault.chunkDelayMs : chunkDelayMs;
    timer_.setSingleShot(true);
    exchange_->setClientGoneHandler([this, clientsGone] {
        ++*clientsGone;
        finish();
    });
}

QByteArray OpenAiMockReply::errorBody(int status, const QByteArray& customBody) {
    if (!customBody.isEmpty())
        return customBody;
    QJsonObject error;
    switch (status) {
        case 401:
            error = {{QStringLiteral("message"), QStringLiteral("Incorrect API key provided.")},
                     {QStringLiteral("type"), QStringLiteral("invalid_request_error")},
                     {QStringLiteral("code"), QStringLiteral("invalid_api_key")}};
            break;
        case 429:
            error = {
                {QStringLiteral("message"), QStringLiteral("Rate limit reached for requests.")},
                {QStringLiteral("type"), QStringLiteral("requests")},
                {QStringLiteral("code"), QStringLiteral("rate_limit_exceeded")}};
            break;
        case 400:
            error = {{QStringLiteral("message"), QStringLiteral("Invalid request.")},
                     {QStringLiteral("type"), QStringLiteral("invalid_request_error")},
                     {QStringLiteral("code"), QJsonValue::Null}};
            break;
        default:
            error = {{QStringLiteral("message"),
                      QStringLiteral("The server had an error while processing your request.")},
                     {QStringLiteral("type"), QStringLiteral("server_error")},
                     {QStringLiteral("code"), QJsonValue::Null}};
    }
    error.insert(QStringLiteral("param"), QJsonValue::Null);
    return compact({{QStringLiteral("error"), error}});
}

void OpenAiMockReply::start() {
    auto go = [this] {
        if (!exchange_->isOpen())
            return finish();
        if (fault_.status >= 400) {
            HttpHeaders h;
            h.add("content-type", "application/json");
            if (!fault_.retryAfter.isEmpty())
                h.add("retry-after", fault_.retryAfter);
            exchange_->respond(fault_.status, h, errorBody(fault_.status, fault_.body));
            return finish();
        }
        if (fault_.garbage) {
            HttpHeaders h;
            h.add("content-type", stream_ ? "text/event-stream" : "application/json");
            exchange_->respond(200, h, "<html>this is not what you asked for</html>");
            return finish();
        }
        if (!stream_)
            return sendWhole();
        HttpHeaders h;
        h.add("content-type", "text/event-stream; charset=utf-8");
        exchange_->beginStream(200, h);
        sendNextChunk();
    };
    if (fault_.delayMs > 0) {
        connect(&timer_, &QTimer::timeout, this, go, Qt::SingleShotConnection);
        timer_.start(fault_.delayMs);
    } else {
        go();
    }
}

QJsonObject OpenAiMockReply::usage() const {
    const int completion = static_cast<int>(pieces_.size());
    return {
        {QStringLiteral("prompt_tokens"), promptTokens_},
        {QStringLiteral("completion_tokens"), completion},
        {QStringLiteral("total_tokens"), promptTokens_ + completion},
        {QStringLiteral("prompt_tokens_details"),
         QJsonObject{{QStringLiteral("cached_tokens"), 0}, {QStringLiteral("audio_tokens"), 0}}},
        {QStringLiteral("completion_tokens_details"),
         QJsonObject{{QStringLiteral("reasoning_tokens"), 0},
                     {QStringLiteral("audio_tokens"), 0},
                     {QStringLiteral("accepted_prediction_tokens"), 0},
                     {QStringLiteral("rejected_prediction_tokens"), 0}}}};
}

void OpenAiMockReply::sendWhole() {
    const QJsonObject message{{QStringLiteral("role"), QStringLiteral("assistant")},
                              {QStringLiteral("content"), pieces_.join(QString())},
                              {QStringLiteral("refusal"), QJsonValue::Null},
                              {QStringLiteral("annotations"), QJsonArray{}}};
    const QJsonObject choice{{QStringLiteral("index"), 0},
                             {QStringLiteral("message"), message},
                             {QStringLiteral("logprobs"), QJsonValue::Null},
                             {QStringLiteral("finish_reason"), QStringLiteral("stop")}};
    const QJsonObject body{{QStringLiteral("id"), QString::fromLatin1(id_)},
                           {QStringLiteral("object"), QStringLiteral("chat.completion")},
                           {QStringLiteral("created"), created_},
                           {QStringLiteral("model"), model_},
                           {QStringLiteral("choices"), QJsonArray{choice}},
                           {QStringLiteral("usage"), usage()},
                           {QStringLiteral("service_tier"), QStringLiteral("default")},
                           {QStringLiteral("system_fingerprint"), QStringLiteral("fp_mock")}};
    HttpHeaders h;
    h.add("content-type", "application/json");
    h.add("x-request-id", "req_" + id_);
    exchange_->respond(200, h, compact(body));
    finish();
}

QByteArray OpenAiMockReply::chunk(const QJsonObject& delta, const QJsonValue& finishReason) const {
    QJsonObject o{{QStringLiteral("id"), QString::fromLatin1(id_)},
                  {QStringLiteral("object"), QStringLiteral("chat.completion.chunk")},
                  {QStringLiteral("created"), created_},
                  {QStringLiteral("model"), model_},
                  {QStringLiteral("service_tier"), QStringLiteral("default")},
                  {QStringLiteral("system_fingerprint"), QStringLiteral("fp_mock")},
                  {QStringLiteral("choices"),
                   QJsonArray{QJsonObject{{QStringLiteral("index"), 0},
                                          {QStringLiteral("delta"), delta},
                                          {QStringLiteral("logprobs"), QJsonValue::Null},
                                          {QStringLiteral("finish_reason"), finishReason}}}}};
    if (includeUsage_)
        o.insert(QStringLiteral("usage"), QJsonValue::Null);
    return "data: " + compact(o) + "\n\n";
}

void OpenAiMockReply::sendNextChunk() {
    if (!exchange_->isOpen())
        return finish();
    if (fault_.cutAfterChunks >= 0 && sent_ >= fault_.cutAfterChunks) {
        exchange_->abort();
        return finish();
    }
    const int n = static_cast<int>(pieces_.size());
    if (sent_ == 0) {
        exchange_->write(chunk({{QStringLiteral("role"), QStringLiteral("assistant")},
                                {QStringLiteral("content"), QString()},
                                {QStringLiteral("refusal"), QJsonValue::Null}},
                               QJsonValue::Null));
    } else if (sent_ <= n) {
        exchange_->write(
            chunk({{QStringLiteral("content"), pieces_[sent_ - 1]}}, QJsonValue::Null));
    } else {
        exchange_->write(chunk({}, QStringLiteral("stop")));
        if (includeUsage_) {
            const QJsonObject last{
                {QStringLiteral("id"), QString::fromLatin1(id_)},
                {QStringLiteral("object"), QStringLiteral("chat.completion.chunk")},
                {QStringLiteral("created"), created_},
                {QStringLiteral("model"), model_},
                {QStringLiteral("service_tier"), QStringLiteral("default")},
                {QStringLiteral("system_fingerprint"), QStringLiteral("fp_mock")},
                {QStringLiteral("choices"), QJsonArray{}},
                {QStringLiteral("usage"), usage()}};
            exchange_->write("data: " + compact(last) + "\n\n");
        }
        exchange_->write("data: [DONE]\n\n");
        exchange_->end();
        return finish();
    }
    ++sent_;
    if (chunkDelayMs_ > 0) {
        connect(&timer_, &QTimer::timeout, this, &OpenAiMockReply::sendNextChunk,
                Qt::SingleShotConnection);
        timer_.start(chunkDelayMs_);
    } else {
        QMetaObject::invokeMethod(this, &OpenAiMockReply::sendNextChunk, Qt::QueuedConnection);
    }
}

void OpenAiMockReply::finish() {
    timer_.stop();
    exchange_->setClientGoneHandler(nullptr);
    deleteLater();
}

}  // namespace signalbox::mock
