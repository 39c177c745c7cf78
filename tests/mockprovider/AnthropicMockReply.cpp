#include "AnthropicMockReply.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <atomic>

namespace signalbox::mock {

namespace {
std::atomic<int> replyCounter{0};

// Stands in for the tool input while the body is built: QJsonObject would sort
// the input's members, and the API keeps them in the order the model wrote.
constexpr char kInputSlot[] = "@@signalbox-mock-tool-input@@";

QByteArray compact(const QJsonObject& o) {
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray sseEvent(const char* name, const QJsonObject& data) {
    return QByteArray("event: ") + name + "\ndata: " + compact(data) + "\n\n";
}

bool hasCacheControl(const QJsonValue& v) {
    if (v.isArray()) {
        for (const QJsonValue item : v.toArray()) {
            if (hasCacheControl(item)) {
                return true;
            }
        }
    } else if (v.isObject()) {
        const QJsonObject o = v.toObject();
        if (o.contains(QLatin1String("cache_control"))) {
            return true;
        }
        for (const QJsonValue member : o) {
            if (hasCacheControl(member)) {
                return true;
            }
        }
    }
    return false;
}

// What the prompt costs: system, messages and tools, as the API counts them.
int promptTokens(const QJsonObject& request) {
    QJsonObject prompt;
    for (const char* key : {"system", "messages", "tools"}) {
        if (request.contains(QLatin1String(key))) {
            prompt.insert(QLatin1String(key), request.value(QLatin1String(key)));
        }
    }
    return MockConversation::estimateTokens(prompt);
}

QString defaultMessage(int status) {
    switch (status) {
        case 400:
            return QStringLiteral("Invalid request");
        case 401:
            return QStringLiteral("invalid x-api-key");
        case 403:
            return QStringLiteral(
                "Your API key does not have permission to use the specified resource.");
        case 404:
            return QStringLiteral("Not found");
        case 413:
            return QStringLiteral("Request exceeds the maximum allowed number of bytes.");
        case 429:
            return QStringLiteral("Number of requests has exceeded your rate limit.");
        case 529:
            return QStringLiteral("Overloaded");
        default:
            return QStringLiteral("Internal server error");
    }
}
}  // namespace

AnthropicMockReply::AnthropicMockReply(MockReplyContext context, const QJsonObject& request,
                                       QByteArrayView raw, QByteArrayView version)
    : MockReply(std::move(context)), conversation_(MockConversation::fromAnthropic(request, raw)) {
    badRequest_ = refusal(request, version, false);
    model_ = request.value(QLatin1String("model")).toString();
    const int n = ++replyCounter;
    id_ = "msg_mock" + QByteArray::number(n);
    toolId_ = QStringLiteral("toolu_mock%1").arg(conversation_.priorToolCalls() + 1);
    stream_ = request.value(QLatin1String("stream")).toBool(false);
    const QString thinking =
        request.value(QLatin1String("thinking")).toObject().value(QLatin1String("type")).toString();
    thinking_ = thinking == QLatin1String("enabled") || thinking == QLatin1String("adaptive");
    thinkingText_ = QStringLiteral("The user wrote: %1").arg(conversation_.userText());
    if (conversation_.toolToCall() != nullptr) {
        pieces_ = MockConversation::fragments(QString::fromUtf8(conversation_.toolArguments()), 5);
    } else {
        pieces_ = MockConversation::words(conversation_.replyText());
        const int limit = request.value(QLatin1String("max_tokens")).toInt();
        if (limit > 0 && limit < pieces_.size()) {
            pieces_.resize(limit);
            truncated_ = true;
        }
    }
    const int total = promptTokens(request);
    if (hasCacheControl(request.value(QLatin1String("system"))) ||
        hasCacheControl(request.value(QLatin1String("messages"))) ||
        hasCacheControl(request.value(QLatin1String("tools")))) {
        cacheReadTokens_ = std::max(1, total * 3 / 4);
    }
    inputTokens_ = total - cacheReadTokens_;
}

QString AnthropicMockReply::errorType(int status) {
    switch (status) {
        case 400:
            return QStringLiteral("invalid_request_error");
        case 401:
            return QStringLiteral("authentication_error");
        case 402:
            return QStringLiteral("billing_error");
        case 403:
            return QStringLiteral("permission_error");
        case 404:
            return QStringLiteral("not_found_error");
        case 409:
            return QStringLiteral("conflict_error");
        case 413:
            return QStringLiteral("request_too_large");
        case 429:
            return QStringLiteral("rate_limit_error");
        case 504:
            return QStringLiteral("timeout_error");
        case 529:
            return QStringLiteral("overloaded_error");
        default:
            // Other 4xx are reported as invalid requests, other 5xx as API errors.
            return status < 500 ? QStringLiteral("invalid_request_error")
                                : QStringLiteral("api_error");
    }
}

QByteArray AnthropicMockReply::errorBody(int status, const QString& message) {
    static std::atomic<int> errors{0};
    const QJsonObject error{
        {QStringLiteral("type"), errorType(status)},
        {QStringLiteral("message"), message.isEmpty() ? defaultMessage(status) : message}};
    return compact(
        {{QStringLiteral("type"), QStringLiteral("error")},
         {QStringLiteral("error"), error},
         {QStringLiteral("request_id"), QStringLiteral("req_mockerror%1").arg(++errors)}});
}

std::optional<MockReply::ErrorAnswer> AnthropicMockReply::namedError(const QString& name) const {
    if (name == QLatin1String("context_length")) {
        constexpr int kWindow = 200000;
        return ErrorAnswer{400, errorBody(400, QStringLiteral("prompt is too long: %1 tokens > "
                                                              "%2 maximum")
                                                   .arg(kWindow + inputTokens_ + cacheReadTokens_)
                                                   .arg(kWindow))};
    }
    if (name == QLatin1String("content_policy")) {
        return ErrorAnswer{
            400, errorBody(400, QStringLiteral("Output blocked by content filtering policy"))};
    }
    return MockReply::namedError(name);
}

QString AnthropicMockReply::thinkingSignature(const QString& thinking) {
    const QByteArray digest = QCryptographicHash::hash(
        "signalbox-mock-thinking\n" + thinking.toUtf8(), QCryptographicHash::Sha256);
    return QString::fromLatin1(digest.toBase64());
}

QByteArray AnthropicMockReply::countTokens(const QJsonObject& request) {
    return compact({{QStringLiteral("input_tokens"), promptTokens(request)}});
}

bool AnthropicMockReply::knownVersion(QByteArrayView version) {
    return version == "2023-01-01" || version == "2023-06-01" || version == "2026-10-21";
}

QString AnthropicMockReply::refusal(const QJsonObject& request, QByteArrayView version,
                                    bool countTokens) {
    for (const char* field : {"model", "messages", "max_tokens"}) {
        const QLatin1String name(field);
        if (countTokens && name == QLatin1String("max_tokens")) {
            continue;  // counting needs no output budget
        }
        if (!request.contains(name)) {
            return QStringLiteral("%1: Field required").arg(name);
        }
    }
    const bool v2026 = version == "2026-10-21";
    if (v2026) {
        // 2026-10-21 removed the sampling parameters, defaults included.
        for (const char* field : {"temperature", "top_p", "top_k"}) {
            if (request.contains(QLatin1String(field))) {
                return QStringLiteral("%1: Extra inputs are not permitted")
                    .arg(QLatin1String(field));
            }
        }
    }
    const QJsonArray messages = request.value(QLatin1String("messages")).toArray();
    for (qsizetype i = 0; i < messages.size(); ++i) {
        const QJsonObject m = messages[i].toObject();
        const bool assistant =
            m.value(QLatin1String("role")).toString() == QLatin1String("assistant");
        const QJsonArray blocks = m.value(QLatin1String("content")).toArray();
        for (qsizetype j = 0; j < blocks.size(); ++j) {
            const QJsonObject b = blocks[j].toObject();
            const QString type = b.value(QLatin1String("type")).toString();
            const QString at = QStringLiteral("messages.%1.content.%2").arg(i).arg(j);
            // A thinking block must come back exactly as issued, signature and all.
            if (assistant && type == QLatin1String("thinking") &&
                b.value(QLatin1String("signature")).toString() !=
                    thinkingSignature(b.value(QLatin1String("thinking")).toString())) {
                return at + QStringLiteral(": Invalid `signature` in `thinking` block");
            }
            if (v2026 && assistant && type == QLatin1String("document")) {
                return at + QStringLiteral(
                                ": `document` blocks are not accepted in `assistant` messages");
            }
            if (v2026 && !assistant && type == QLatin1String("text") &&
                !b.value(QLatin1String("citations")).toArray().isEmpty()) {
                return at +
                       QStringLiteral(".citations: citations are not accepted in `user` messages");
            }
        }
    }
    // With thinking on, a tool turn in progress keeps its assistant message's
    // thinking block in front.
    const QString thinking =
        request.value(QLatin1String("thinking")).toObject().value(QLatin1String("type")).toString();
    if ((thinking == QLatin1String("enabled") || thinking == QLatin1String("adaptive")) &&
        messages.size() >= 2) {
        const QJsonArray last =
            messages.last().toObject().value(QLatin1String("content")).toArray();
        const bool toolTurn = std::any_of(last.begin(), last.end(), [](const QJsonValue& b) {
            return b.toObject().value(QLatin1String("type")).toString() ==
                   QLatin1String("tool_result");
        });
        const qsizetype a = messages.size() - 2;
        const QJsonValue content = messages[a].toObject().value(QLatin1String("content"));
        const QString first =
            content.isString()
                ? QStringLiteral("text")
                : content.toArray().at(0).toObject().value(QLatin1String("type")).toString();
        if (toolTurn && first != QLatin1String("thinking") &&
            first != QLatin1String("redacted_thinking")) {
            return QStringLiteral(
                       "messages.%1.content.0.type: Expected `thinking` or `redacted_thinking`, "
                       "but found `%2`. When `thinking` is enabled, a final `assistant` message "
                       "must start with a thinking block (preceeding the lastmost set of "
                       "`tool_use` and `tool_result` blocks). We recommend you include thinking "
                       "blocks from previous turns. To avoid this requirement, disable "
                       "`thinking`. Please consult our documentation at "
                       "https://docs.claude.com/en/docs/build-with-claude/extended-thinking")
                .arg(a)
                .arg(first);
        }
    }
    return {};
}

QByteArray AnthropicMockReply::garbageContentType() const {
    return stream_ ? "text/event-stream" : "application/json";
}

QString AnthropicMockReply::stopReason() const {
    if (!fault().finishReason.isEmpty()) {
        return fault().finishReason;
    }
    if (conversation_.toolToCall() != nullptr) {
        return QStringLiteral("tool_use");
    }
    return truncated_ ? QStringLiteral("max_tokens") : QStringLiteral("end_turn");
}

QJsonObject AnthropicMockReply::usage(bool final) const {
    const int thinking =
        thinking_ ? static_cast<int>(MockConversation::words(thinkingText_).size()) : 0;
    const int output = final ? thinking + static_cast<int>(pieces_.size()) : 1;
    QJsonObject u{{QStringLiteral("input_tokens"), inputTokens_},
                  {QStringLiteral("cache_creation_input_tokens"), 0},
                  {QStringLiteral("cache_read_input_tokens"), cacheReadTokens_},
                  {QStringLiteral("output_tokens"), output}};
    return u;
}

void AnthropicMockReply::serve() {
    if (!badRequest_.isEmpty()) {
        return respond(400, errorBody(400, badRequest_));
    }
    if (stream_) {
        return sendStream();
    }
    sendWhole();
}

void AnthropicMockReply::sendWhole() {
    QJsonArray content;
    if (thinking_) {
        content.append(
            QJsonObject{{QStringLiteral("type"), QStringLiteral("thinking")},
                        {QStringLiteral("thinking"), thinkingText_},
                        {QStringLiteral("signature"), thinkingSignature(thinkingText_)}});
    }
    const MockTool* tool = conversation_.toolToCall();
    if (tool != nullptr) {
        content.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("tool_use")},
                                   {QStringLiteral("id"), toolId_},
                                   {QStringLiteral("name"), tool->name},
                                   {QStringLiteral("input"), QString::fromLatin1(kInputSlot)}});
    } else {
        content.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                   {QStringLiteral("text"), pieces_.join(QString())}});
    }
    QJsonObject u = usage(true);
    u.insert(QStringLiteral("service_tier"), QStringLiteral("standard"));
    const QJsonObject body{{QStringLiteral("id"), QString::fromLatin1(id_)},
                           {QStringLiteral("type"), QStringLiteral("message")},
                           {QStringLiteral("role"), QStringLiteral("assistant")},
                           {QStringLiteral("model"), model_},
                           {QStringLiteral("content"), content},
                           {QStringLiteral("stop_reason"), stopReason()},
                           {QStringLiteral("stop_sequence"), QJsonValue::Null},
                           {QStringLiteral("usage"), u}};
    QByteArray text = compact(body);
    text.replace('"' + QByteArray(kInputSlot) + '"', conversation_.toolArguments());
    HttpHeaders h;
    h.add("request-id", "req_" + id_);
    respond(200, text, h);
}

void AnthropicMockReply::sendStream() {
    QList<QByteArray> events;
    QJsonObject start{{QStringLiteral("id"), QString::fromLatin1(id_)},
                      {QStringLiteral("type"), QStringLiteral("message")},
                      {QStringLiteral("role"), QStringLiteral("assistant")},
                      {QStringLiteral("model"), model_},
                      {QStringLiteral("content"), QJsonArray{}},
                      {QStringLiteral("stop_reason"), QJsonValue::Null},
                      {QStringLiteral("stop_sequence"), QJsonValue::Null},
                      {QStringLiteral("usage"), usage(false)}};
    events << sseEvent("message_start", {{QStringLiteral("type"), QStringLiteral("message_start")},
                                         {QStringLiteral("message"), start}});
    qsizetype firstDelta = -1;
    int index = 0;
    auto block = [&](const QJsonObject& opening, const QList<QJsonObject>& deltas) {
        events << sseEvent("content_block_start",
                           {{QStringLiteral("type"), QStringLiteral("content_block_start")},
                            {QStringLiteral("index"), index},
                            {QStringLiteral("content_block"), opening}});
        if (index == 0) {
            events << sseEvent("ping", {{QStringLiteral("type"), QStringLiteral("ping")}});
        }
        for (const QJsonObject& delta : deltas) {
            if (firstDelta < 0) {
                firstDelta = events.size();
            }
            events << sseEvent("content_block_delta",
                               {{QStringLiteral("type"), QStringLiteral("content_block_delta")},
                                {QStringLiteral("index"), index},
                                {QStringLiteral("delta"), delta}});
        }
        events << sseEvent("content_block_stop",
                           {{QStringLiteral("type"), QStringLiteral("content_block_stop")},
                            {QStringLiteral("index"), index}});
        ++index;
    };
    if (thinking_) {
        QList<QJsonObject> deltas;
        for (const QString& piece : MockConversation::words(thinkingText_)) {
            deltas << QJsonObject{{QStringLiteral("type"), QStringLiteral("thinking_delta")},
                                  {QStringLiteral("thinking"), piece}};
        }
        deltas << QJsonObject{{QStringLiteral("type"), QStringLiteral("signature_delta")},
                              {QStringLiteral("signature"), thinkingSignature(thinkingText_)}};
        block({{QStringLiteral("type"), QStringLiteral("thinking")},
               {QStringLiteral("thinking"), QString()},
               {QStringLiteral("signature"), QString()}},
              deltas);
    }
    const MockTool* tool = conversation_.toolToCall();
    if (tool != nullptr) {
        // As the API does, the input opens with an empty fragment.
        QList<QJsonObject> deltas{{{QStringLiteral("type"), QStringLiteral("input_json_delta")},
                                   {QStringLiteral("partial_json"), QString()}}};
        for (const QString& piece : std::as_const(pieces_)) {
            deltas << QJsonObject{{QStringLiteral("type"), QStringLiteral("input_json_delta")},
                                  {QStringLiteral("partial_json"), piece}};
        }
        block({{QStringLiteral("type"), QStringLiteral("tool_use")},
               {QStringLiteral("id"), toolId_},
               {QStringLiteral("name"), tool->name},
               {QStringLiteral("input"), QJsonObject{}}},
              deltas);
    } else {
        QList<QJsonObject> deltas;
        for (const QString& piece : std::as_const(pieces_)) {
            deltas << QJsonObject{{QStringLiteral("type"), QStringLiteral("text_delta")},
                                  {QStringLiteral("text"), piece}};
        }
        block(
            {{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), QString()}},
            deltas);
    }
    events << sseEvent("message_delta",
                       {{QStringLiteral("type"), QStringLiteral("message_delta")},
                        {QStringLiteral("delta"),
                         QJsonObject{{QStringLiteral("stop_reason"), stopReason()},
                                     {QStringLiteral("stop_sequence"), QJsonValue::Null}}},
                        {QStringLiteral("usage"), usage(true)}});
    events << sseEvent("message_stop", {{QStringLiteral("type"), QStringLiteral("message_stop")}});

    const QString type = fault().streamError;
    const QJsonObject error{
        {QStringLiteral("type"), type},
        {QStringLiteral("message"), type == QLatin1String("overloaded_error")
                                        ? QStringLiteral("Overloaded")
                                        : QStringLiteral("The stream failed: %1").arg(type)}};
    HttpHeaders h;
    h.add("content-type", "text/event-stream; charset=utf-8");
    h.add("cache-control", "no-cache");
    h.add("request-id", "req_" + id_);
    stream(h, events, firstDelta,
           sseEvent("error", {{QStringLiteral("type"), QStringLiteral("error")},
                              {QStringLiteral("error"), error}}));
}

}  // namespace signalbox::mock
