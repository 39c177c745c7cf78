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
}  // namespace

OpenAiMockReply::OpenAiMockReply(MockReplyContext context, const QJsonObject& request,
                                 QByteArrayView raw, const QString& model, bool azure)
    : MockReply(std::move(context)),
      conversation_(MockConversation::fromOpenAi(request, raw)),
      azure_(azure) {
    model_ = model.isEmpty() ? request.value(QLatin1String("model")).toString() : model;
    id_ = "chatcmpl-mock" + QByteArray::number(++replyCounter);
    created_ = QDateTime::currentSecsSinceEpoch();
    stream_ = request.value(QLatin1String("stream")).toBool(false);
    includeUsage_ = request.value(QLatin1String("stream_options"))
                        .toObject()
                        .value(QLatin1String("include_usage"))
                        .toBool(false);
    if (conversation_.toolToCall() != nullptr) {
        pieces_ = MockConversation::fragments(QString::fromUtf8(conversation_.toolArguments()), 5);
    } else {
        pieces_ = MockConversation::words(conversation_.replyText());
        const int limit = request.contains(QLatin1String("max_completion_tokens"))
                              ? request.value(QLatin1String("max_completion_tokens")).toInt()
                              : request.value(QLatin1String("max_tokens")).toInt();
        if (limit > 0 && limit < pieces_.size()) {
            pieces_.resize(limit);
            truncated_ = true;
        }
    }
    promptTokens_ = MockConversation::estimateTokens(request.value(QLatin1String("messages")));
}

QByteArray OpenAiMockReply::errorBody(int status, const QByteArray& customBody) {
    if (!customBody.isEmpty()) {
        return customBody;
    }
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

QByteArray OpenAiMockReply::azureErrorBody(int status) {
    QString message;
    switch (status) {
        case 401:
            message = QStringLiteral(
                "Access denied due to invalid subscription key or wrong API endpoint. Make sure "
                "to provide a valid key for an active subscription and use a correct regional "
                "API endpoint for your resource.");
            break;
        case 404:
            message = QStringLiteral("Resource not found");
            break;
        case 429:
            message = QStringLiteral(
                "Requests to the ChatCompletions_Create Operation under Azure OpenAI API have "
                "exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry "
                "after 1 second.");
            break;
        default:
            return errorBody(status, {});  // the model's own errors keep OpenAI's shape
    }
    return compact(
        {{QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), QString::number(status)},
                                               {QStringLiteral("message"), message}}}});
}

QByteArray OpenAiMockReply::namedErrorBody(const QString& name, int promptTokens, bool azure) {
    if (name == QLatin1String("context_length")) {
        constexpr int kWindow = 128000;
        const QJsonObject error{
            {QStringLiteral("message"),
             QStringLiteral("This model's maximum context length is %1 tokens. However, your "
                            "messages resulted in %2 tokens. Please reduce the length of the "
                            "messages.")
                 .arg(kWindow)
                 .arg(kWindow + promptTokens)},
            {QStringLiteral("type"), QStringLiteral("invalid_request_error")},
            {QStringLiteral("param"), QStringLiteral("messages")},
            {QStringLiteral("code"), QStringLiteral("context_length_exceeded")}};
        return compact({{QStringLiteral("error"), error}});
    }
    if (name == QLatin1String("content_policy") && azure) {
        const auto rated = [](bool filtered, const char* severity) {
            return QJsonObject{{QStringLiteral("filtered"), filtered},
                               {QStringLiteral("severity"), QLatin1String(severity)}};
        };
        const QJsonObject results{
            {QStringLiteral("hate"), rated(false, "safe")},
            {QStringLiteral("jailbreak"),
             QJsonObject{{QStringLiteral("filtered"), false}, {QStringLiteral("detected"), false}}},
            {QStringLiteral("self_harm"), rated(false, "safe")},
            {QStringLiteral("sexual"), rated(false, "safe")},
            {QStringLiteral("violence"), rated(true, "medium")}};
        const QJsonObject error{
            {QStringLiteral("message"),
             QStringLiteral("The response was filtered due to the prompt triggering Azure "
                            "OpenAI's content management policy. Please modify your prompt and "
                            "retry. To learn more about our content filtering policies please "
                            "read our documentation: https://go.microsoft.com/fwlink/"
                            "?linkid=2198766")},
            {QStringLiteral("type"), QJsonValue::Null},
            {QStringLiteral("param"), QStringLiteral("prompt")},
            {QStringLiteral("code"), QStringLiteral("content_filter")},
            {QStringLiteral("status"), 400},
            {QStringLiteral("innererror"),
             QJsonObject{{QStringLiteral("code"), QStringLiteral("ResponsibleAIPolicyViolation")},
                         {QStringLiteral("content_filter_result"), results}}}};
        return compact({{QStringLiteral("error"), error}});
    }
    if (name == QLatin1String("content_policy")) {
        const QJsonObject error{
            {QStringLiteral("message"),
             QStringLiteral("Invalid prompt: your prompt was flagged as potentially violating "
                            "our usage policy. Please try again with a different prompt: "
                            "https://platform.openai.com/docs/guides/reasoning"
                            "#advice-on-prompting")},
            {QStringLiteral("type"), QStringLiteral("invalid_request_error")},
            {QStringLiteral("param"), QJsonValue::Null},
            {QStringLiteral("code"), QStringLiteral("invalid_prompt")}};
        return compact({{QStringLiteral("error"), error}});
    }
    return errorBody(400, {});
}

std::optional<MockReply::ErrorAnswer> OpenAiMockReply::namedError(const QString& name) const {
    return ErrorAnswer{400, namedErrorBody(name, promptTokens_, azure_)};
}

QByteArray OpenAiMockReply::errorBody(int status) const {
    return azure_ ? azureErrorBody(status) : errorBody(status, {});
}

QByteArray OpenAiMockReply::garbageContentType() const {
    return stream_ ? "text/event-stream" : "application/json";
}

QString OpenAiMockReply::finishReason() const {
    if (!fault().finishReason.isEmpty()) {
        return fault().finishReason;
    }
    if (conversation_.toolToCall() != nullptr) {
        return QStringLiteral("tool_calls");
    }
    return truncated_ ? QStringLiteral("length") : QStringLiteral("stop");
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

QJsonObject OpenAiMockReply::toolCall(bool streamed) const {
    const QString id = QStringLiteral("call_mock%1").arg(conversation_.priorToolCalls() + 1);
    const QJsonObject function{
        {QStringLiteral("name"), conversation_.toolToCall()->name},
        {QStringLiteral("arguments"),
         streamed ? QString() : QString::fromUtf8(conversation_.toolArguments())}};
    QJsonObject call{{QStringLiteral("id"), id},
                     {QStringLiteral("type"), QStringLiteral("function")},
                     {QStringLiteral("function"), function}};
    if (streamed) {
        call.insert(QStringLiteral("index"), 0);
    }
    return call;
}

void OpenAiMockReply::serve() {
    HttpHeaders h;
    h.add("x-request-id", "req_" + id_);
    if (stream_) {
        h.add("content-type", "text/event-stream; charset=utf-8");
        const bool calls = conversation_.toolToCall() != nullptr;
        QList<QByteArray> events;
        QJsonObject first{{QStringLiteral("role"), QStringLiteral("assistant")},
                          {QStringLiteral("content"), calls ? QJsonValue() : QJsonValue(QString())},
                          {QStringLiteral("refusal"), QJsonValue::Null}};
        if (calls) {
            first.insert(QStringLiteral("tool_calls"), QJsonArray{toolCall(true)});
        }
        events << chunk(first, QJsonValue::Null);
        for (const QString& piece : std::as_const(pieces_)) {
            const QJsonObject delta =
                calls ? QJsonObject{{QStringLiteral("tool_calls"),
                                     QJsonArray{QJsonObject{
                                         {QStringLiteral("index"), 0},
                                         {QStringLiteral("function"),
                                          QJsonObject{{QStringLiteral("arguments"), piece}}}}}}}
                      : QJsonObject{{QStringLiteral("content"), piece}};
            events << chunk(delta, QJsonValue::Null);
        }
        // The end goes out in one write: finish chunk, usage chunk, [DONE].
        QByteArray end = chunk({}, finishReason());
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
            end += "data: " + compact(last) + "\n\n";
        }
        events << end + "data: [DONE]\n\n";
        const QJsonObject error{{QStringLiteral("message"),
                                 QStringLiteral("The stream failed: %1").arg(fault().streamError)},
                                {QStringLiteral("type"), fault().streamError},
                                {QStringLiteral("param"), QJsonValue::Null},
                                {QStringLiteral("code"), QJsonValue::Null}};
        return stream(h, events, 1,
                      "data: " + compact({{QStringLiteral("error"), error}}) + "\n\n");
    }
    QJsonObject message{{QStringLiteral("role"), QStringLiteral("assistant")},
                        {QStringLiteral("content"), pieces_.join(QString())},
                        {QStringLiteral("refusal"), QJsonValue::Null},
                        {QStringLiteral("annotations"), QJsonArray{}}};
    if (conversation_.toolToCall() != nullptr) {
        message.insert(QStringLiteral("content"), QJsonValue::Null);
        message.insert(QStringLiteral("tool_calls"), QJsonArray{toolCall(false)});
    }
    const QJsonObject choice{{QStringLiteral("index"), 0},
                             {QStringLiteral("message"), message},
                             {QStringLiteral("logprobs"), QJsonValue::Null},
                             {QStringLiteral("finish_reason"), finishReason()}};
    const QJsonObject body{{QStringLiteral("id"), QString::fromLatin1(id_)},
                           {QStringLiteral("object"), QStringLiteral("chat.completion")},
                           {QStringLiteral("created"), created_},
                           {QStringLiteral("model"), model_},
                           {QStringLiteral("choices"), QJsonArray{choice}},
                           {QStringLiteral("usage"), usage()},
                           {QStringLiteral("service_tier"), QStringLiteral("default")},
                           {QStringLiteral("system_fingerprint"), QStringLiteral("fp_mock")}};
    respond(200, compact(body), h);
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
    if (includeUsage_) {
        o.insert(QStringLiteral("usage"), QJsonValue::Null);
    }
    return "data: " + compact(o) + "\n\n";
}

}  // namespace signalbox::mock
