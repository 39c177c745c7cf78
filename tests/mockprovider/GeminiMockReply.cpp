#include "GeminiMockReply.h"

#include <QCryptographicHash>
#include <QJsonDocument>

#include <atomic>

namespace signalbox::mock {

namespace {
std::atomic<int> replyCounter{0};

// Stands in for the call's args while the body is built: QJsonObject would
// sort them, and the model writes them in schema order.
constexpr char kArgsSlot[] = "@@signalbox-mock-function-args@@";

QByteArray compact(const QJsonObject& o) {
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QString str(const QJsonObject& o, const char* key) {
    return o.value(QLatin1String(key)).toString();
}

int promptTokens(const QJsonObject& request) {
    QJsonObject prompt;
    for (const char* key : {"systemInstruction", "contents", "tools"}) {
        if (request.contains(QLatin1String(key))) {
            prompt.insert(QLatin1String(key), request.value(QLatin1String(key)));
        }
    }
    return MockConversation::estimateTokens(prompt);
}

QJsonArray safetyRatings(bool blocked) {
    QJsonArray ratings;
    for (const char* category : {"HARM_CATEGORY_HATE_SPEECH", "HARM_CATEGORY_DANGEROUS_CONTENT",
                                 "HARM_CATEGORY_HARASSMENT", "HARM_CATEGORY_SEXUALLY_EXPLICIT"}) {
        QJsonObject r{{QStringLiteral("category"), QLatin1String(category)},
                      {QStringLiteral("probability"), QStringLiteral("NEGLIGIBLE")}};
        if (blocked && ratings.isEmpty()) {
            r.insert(QStringLiteral("probability"), QStringLiteral("HIGH"));
            r.insert(QStringLiteral("blocked"), true);
        }
        ratings.append(r);
    }
    return ratings;
}

QString defaultMessage(int code) {
    switch (code) {
        case 400:
            return QStringLiteral("Request contains an invalid argument.");
        case 401:
            return QStringLiteral("Request had invalid authentication credentials.");
        case 403:
            return QStringLiteral("The caller does not have permission");
        case 404:
            return QStringLiteral("Requested entity was not found.");
        case 429:
            return QStringLiteral("Resource has been exhausted (e.g. check quota).");
        case 503:
            return QStringLiteral("The model is overloaded. Please try again later.");
        case 504:
            return QStringLiteral("Deadline expired before operation could complete.");
        default:
            return QStringLiteral("An internal error has occurred.");
    }
}

int codeFor(const QString& status) {
    for (int code : {400, 401, 403, 404, 409, 429, 499, 500, 501, 503, 504}) {
        if (GeminiMockReply::statusName(code) == status) {
            return code;
        }
    }
    return 500;
}
}  // namespace

GeminiMockReply::GeminiMockReply(MockReplyContext context, const QJsonObject& request,
                                 QByteArrayView raw, const QString& model, Mode mode)
    : MockReply(std::move(context)),
      conversation_(MockConversation::fromGemini(request, raw)),
      mode_(mode),
      model_(model) {
    badRequest_ = invalid(request);
    responseId_ = QStringLiteral("mockresp%1").arg(++replyCounter);
    const QJsonObject generation = request.value(QLatin1String("generationConfig")).toObject();
    candidates_ = std::max(1, generation.value(QLatin1String("candidateCount")).toInt(1));
    const QJsonObject thinking = generation.value(QLatin1String("thinkingConfig")).toObject();
    thinks_ = !thinking.isEmpty() && thinking.value(QLatin1String("thinkingBudget")).toInt(-1) != 0;
    showThoughts_ = thinks_ && thinking.value(QLatin1String("includeThoughts")).toBool();
    thoughtText_ = QStringLiteral("The user wrote: %1").arg(conversation_.userText());
    if (conversation_.toolToCall() == nullptr) {
        pieces_ = MockConversation::words(conversation_.replyText());
        const int limit = generation.value(QLatin1String("maxOutputTokens")).toInt();
        if (limit > 0 && limit < pieces_.size()) {
            pieces_.resize(limit);
            truncated_ = true;
        }
    }
    promptTokens_ = promptTokens(request);
    if (request.contains(QLatin1String("cachedContent"))) {
        cachedTokens_ = std::max(1, promptTokens_ * 3 / 4);
    }
}

QString GeminiMockReply::statusName(int code) {
    switch (code) {
        case 400:
            return QStringLiteral("INVALID_ARGUMENT");
        case 401:
            return QStringLiteral("UNAUTHENTICATED");
        case 402:
        case 429:
            return QStringLiteral("RESOURCE_EXHAUSTED");
        case 403:
            return QStringLiteral("PERMISSION_DENIED");
        case 404:
            return QStringLiteral("NOT_FOUND");
        case 409:
            return QStringLiteral("ABORTED");
        case 499:
            return QStringLiteral("CANCELLED");
        case 501:
            return QStringLiteral("UNIMPLEMENTED");
        case 503:
            return QStringLiteral("UNAVAILABLE");
        case 504:
            return QStringLiteral("DEADLINE_EXCEEDED");
        default:
            return code < 500 ? QStringLiteral("FAILED_PRECONDITION") : QStringLiteral("INTERNAL");
    }
}

QByteArray GeminiMockReply::errorBody(int status, const QString& message, bool inArray) {
    const QByteArray body =
        compact({{QStringLiteral("error"),
                  QJsonObject{{QStringLiteral("code"), status},
                              {QStringLiteral("message"),
                               message.isEmpty() ? defaultMessage(status) : message},
                              {QStringLiteral("status"), statusName(status)}}}});
    return inArray ? '[' + body + ']' : body;
}

QByteArray GeminiMockReply::errorBody(int status) const {
    const bool inArray = mode_ == Mode::JsonArray;
    const QByteArray delay = fault().retryDelay;
    if (delay.isEmpty()) {
        return errorBody(status, QString(), inArray);
    }
    QJsonObject error = QJsonDocument::fromJson(errorBody(status, QString())).object();
    QJsonObject inner = error.value(QLatin1String("error")).toObject();
    QJsonArray details;
    if (status == 429) {
        const QString metric =
            QStringLiteral("generativelanguage.googleapis.com/generate_content_free_tier_requests");
        inner.insert(QStringLiteral("message"),
                     QStringLiteral("You exceeded your current quota, please check your plan and "
                                    "billing details. For more information on this error, head "
                                    "to: https://ai.google.dev/gemini-api/docs/rate-limits. To "
                                    "monitor your current usage, head to: "
                                    "https://ai.dev/usage?tab=rate-limit. \n* Quota exceeded for "
                                    "metric: %1, limit: 10, model: %2\nPlease retry in %3.")
                         .arg(metric, model_, QString::fromLatin1(delay)));
        const QJsonObject violation{
            {QStringLiteral("quotaMetric"), metric},
            {QStringLiteral("quotaId"),
             QStringLiteral("GenerateRequestsPerMinutePerProjectPerModel-FreeTier")},
            {QStringLiteral("quotaDimensions"),
             QJsonObject{{QStringLiteral("location"), QStringLiteral("global")},
                         {QStringLiteral("model"), model_}}},
            {QStringLiteral("quotaValue"), QStringLiteral("10")}};
        details.append(QJsonObject{{QStringLiteral("@type"),
                                    QStringLiteral("type.googleapis.com/google.rpc.QuotaFailure")},
                                   {QStringLiteral("violations"), QJsonArray{violation}}});
        const QJsonObject link{
            {QStringLiteral("description"), QStringLiteral("Learn more about Gemini API quotas")},
            {QStringLiteral("url"),
             QStringLiteral("https://ai.google.dev/gemini-api/docs/rate-limits")}};
        details.append(QJsonObject{
            {QStringLiteral("@type"), QStringLiteral("type.googleapis.com/google.rpc.Help")},
            {QStringLiteral("links"), QJsonArray{link}}});
    }
    details.append(QJsonObject{
        {QStringLiteral("@type"), QStringLiteral("type.googleapis.com/google.rpc.RetryInfo")},
        {QStringLiteral("retryDelay"), QString::fromLatin1(delay)}});
    inner.insert(QStringLiteral("details"), details);
    error.insert(QStringLiteral("error"), inner);
    const QByteArray body = compact(error);
    return inArray ? '[' + body + ']' : body;
}

std::optional<MockReply::ErrorAnswer> GeminiMockReply::namedError(const QString& name) const {
    if (name == QLatin1String("context_length")) {
        constexpr int kWindow = 1048576;
        return ErrorAnswer{400, errorBody(400,
                                          QStringLiteral("The input token count (%1) exceeds the "
                                                         "maximum number of tokens allowed (%2).")
                                              .arg(kWindow + promptTokens_)
                                              .arg(kWindow),
                                          mode_ == Mode::JsonArray)};
    }
    if (name == QLatin1String("content_policy")) {
        return std::nullopt;
    }
    return MockReply::namedError(name);
}

QByteArray GeminiMockReply::garbageContentType() const {
    return mode_ == Mode::Sse ? "text/event-stream" : "application/json; charset=UTF-8";
}

QString GeminiMockReply::thoughtSignature(const QString& name, const QJsonObject& args) {
    const QByteArray digest =
        QCryptographicHash::hash("signalbox-mock-function-call\n" + name.toUtf8() + '\n' +
                                     QJsonDocument(args).toJson(QJsonDocument::Compact),
                                 QCryptographicHash::Sha256);
    return QString::fromLatin1(digest.toBase64());
}

QByteArray GeminiMockReply::countTokens(const QJsonObject& request) {
    const QJsonObject inner = request.value(QLatin1String("generateContentRequest")).toObject();
    const int total = promptTokens(inner.isEmpty() ? request : inner);
    return compact({{QStringLiteral("totalTokens"), total},
                    {QStringLiteral("promptTokensDetails"),
                     QJsonArray{QJsonObject{{QStringLiteral("modality"), QStringLiteral("TEXT")},
                                            {QStringLiteral("tokenCount"), total}}}}});
}

QString GeminiMockReply::invalid(const QJsonObject& request) const {
    const QJsonArray contents = request.value(QLatin1String("contents")).toArray();
    if (contents.isEmpty()) {
        return QStringLiteral("* GenerateContentRequest.contents: contents is not specified\n");
    }
    // Gemini 3 checks signatures; the models before it do not.
    if (model_.startsWith(QLatin1String("gemini-1")) ||
        model_.startsWith(QLatin1String("gemini-2"))) {
        return {};
    }
    // The current turn starts at the last user content that is not only
    // function responses; each step's first function call in it must carry the
    // signature it was issued with.
    qsizetype start = 0;
    for (qsizetype i = 0; i < contents.size(); ++i) {
        const QJsonObject c = contents[i].toObject();
        if (str(c, "role") == QLatin1String("model")) {
            continue;
        }
        for (const QJsonValue part : c.value(QLatin1String("parts")).toArray()) {
            if (!part.toObject().contains(QLatin1String("functionResponse"))) {
                start = i;
            }
        }
    }
    for (qsizetype i = start; i < contents.size(); ++i) {
        const QJsonObject c = contents[i].toObject();
        if (str(c, "role") != QLatin1String("model")) {
            continue;
        }
        for (const QJsonValue v : c.value(QLatin1String("parts")).toArray()) {
            const QJsonObject part = v.toObject();
            if (!part.contains(QLatin1String("functionCall"))) {
                continue;
            }
            const QJsonObject call = part.value(QLatin1String("functionCall")).toObject();
            const QString signature = str(part, "thoughtSignature");
            if (signature.isEmpty()) {
                return QStringLiteral(
                           "Function call is missing a thought_signature in functionCall parts. "
                           "This is required for tools to work correctly, and missing "
                           "thought_signature may lead to degraded model performance. Additional "
                           "data, function call `default_api:%1` , position %2. Please refer to "
                           "https://ai.google.dev/gemini-api/docs/thought-signatures for more "
                           "details.")
                    .arg(str(call, "name"))
                    .arg(i + 1);
            }
            // Google documents these two as stand-ins that skip the check.
            const bool standIn = signature == QLatin1String("skip_thought_signature_validator") ||
                                 signature == QLatin1String("context_engineering_is_the_way_to_go");
            if (!standIn &&
                signature != thoughtSignature(str(call, "name"),
                                              call.value(QLatin1String("args")).toObject())) {
                return QStringLiteral("Corrupted thought signature.");
            }
            break;  // only a step's first call carries one
        }
    }
    return {};
}

QString GeminiMockReply::finishReason() const {
    if (!fault().finishReason.isEmpty()) {
        return fault().finishReason;
    }
    return truncated_ ? QStringLiteral("MAX_TOKENS") : QStringLiteral("STOP");
}

QJsonObject GeminiMockReply::usage(bool last) const {
    const int thoughts =
        thinks_ ? static_cast<int>(MockConversation::words(thoughtText_).size()) : 0;
    const int candidates = static_cast<int>(
        conversation_.toolToCall() != nullptr
            ? MockConversation::fragments(QString::fromUtf8(conversation_.toolArguments()), 5)
                  .size()
            : pieces_.size());
    QJsonObject u{{QStringLiteral("promptTokenCount"), promptTokens_},
                  {QStringLiteral("totalTokenCount"), promptTokens_},
                  {QStringLiteral("promptTokensDetails"),
                   QJsonArray{QJsonObject{{QStringLiteral("modality"), QStringLiteral("TEXT")},
                                          {QStringLiteral("tokenCount"), promptTokens_}}}}};
    if (cachedTokens_ > 0) {
        u.insert(QStringLiteral("cachedContentTokenCount"), cachedTokens_);
    }
    if (last) {
        u.insert(QStringLiteral("candidatesTokenCount"), candidates);
        u.insert(QStringLiteral("totalTokenCount"), promptTokens_ + candidates + thoughts);
        if (thinks_) {
            u.insert(QStringLiteral("thoughtsTokenCount"), thoughts);
        }
    }
    return u;
}

QString GeminiMockReply::textSignature() const {
    return thoughtSignature(QStringLiteral("text"),
                            {{QStringLiteral("text"), pieces_.join(QString())}});
}

QJsonObject GeminiMockReply::functionCallPart() const {
    const MockTool* tool = conversation_.toolToCall();
    const QJsonObject args = QJsonDocument::fromJson(conversation_.toolArguments()).object();
    return {{QStringLiteral("functionCall"),
             QJsonObject{{QStringLiteral("name"), tool->name},
                         {QStringLiteral("args"), QString::fromLatin1(kArgsSlot)}}},
            {QStringLiteral("thoughtSignature"), thoughtSignature(tool->name, args)}};
}

QByteArray GeminiMockReply::response(const QJsonArray& parts, bool last) const {
    QJsonArray candidates;
    for (int i = 0; i < candidates_; ++i) {
        QJsonObject candidate{{QStringLiteral("content"),
                               QJsonObject{{QStringLiteral("parts"), parts},
                                           {QStringLiteral("role"), QStringLiteral("model")}}},
                              {QStringLiteral("index"), i}};
        if (last) {
            candidate.insert(QStringLiteral("finishReason"), finishReason());
            if (finishReason() == QLatin1String("SAFETY")) {
                candidate.insert(QStringLiteral("safetyRatings"), safetyRatings(true));
            }
        }
        candidates.append(candidate);
    }
    QByteArray text = compact({{QStringLiteral("candidates"), candidates},
                               {QStringLiteral("usageMetadata"), usage(last)},
                               {QStringLiteral("modelVersion"), model_},
                               {QStringLiteral("responseId"), responseId_}});
    return text.replace('"' + QByteArray(kArgsSlot) + '"', conversation_.toolArguments());
}

void GeminiMockReply::serve() {
    if (!badRequest_.isEmpty()) {
        return respond(400, errorBody(400, badRequest_, mode_ == Mode::JsonArray));
    }
    QList<QByteArray> bodies;
    if (fault().blocked || fault().error == QLatin1String("content_policy")) {
        // A safety block rates the prompt; a prohibited-content block says no more.
        const QJsonObject feedback =
            fault().blocked ? QJsonObject{{QStringLiteral("blockReason"), QStringLiteral("SAFETY")},
                                          {QStringLiteral("safetyRatings"), safetyRatings(true)}}
                            : QJsonObject{{QStringLiteral("blockReason"),
                                           QStringLiteral("PROHIBITED_CONTENT")}};
        bodies << compact({{QStringLiteral("promptFeedback"), feedback},
                           {QStringLiteral("usageMetadata"), usage(false)},
                           {QStringLiteral("modelVersion"), model_},
                           {QStringLiteral("responseId"), responseId_}});
    } else if (mode_ == Mode::Whole) {
        QJsonArray parts;
        if (showThoughts_) {
            parts.append(QJsonObject{{QStringLiteral("text"), thoughtText_},
                                     {QStringLiteral("thought"), true}});
        }
        if (conversation_.toolToCall() != nullptr) {
            parts.append(functionCallPart());
        } else {
            QJsonObject text{{QStringLiteral("text"), pieces_.join(QString())}};
            if (thinks_) {
                text.insert(QStringLiteral("thoughtSignature"), textSignature());
            }
            parts.append(text);
        }
        bodies << response(parts, true);
    } else {
        if (showThoughts_) {
            for (const QString& piece : MockConversation::words(thoughtText_)) {
                bodies << response({QJsonObject{{QStringLiteral("text"), piece},
                                                {QStringLiteral("thought"), true}}},
                                   false);
            }
        }
        if (conversation_.toolToCall() != nullptr) {
            bodies << response({functionCallPart()}, true);  // calls arrive whole
        } else {
            for (qsizetype i = 0; i < pieces_.size(); ++i) {
                const bool last = i + 1 == pieces_.size();
                QJsonObject text{{QStringLiteral("text"), pieces_[i]}};
                if (last && thinks_) {
                    text.insert(QStringLiteral("thoughtSignature"), textSignature());
                }
                bodies << response({text}, last);
            }
        }
    }
    if (mode_ == Mode::Whole) {
        return respond(200, bodies.first(), {}, "application/json; charset=UTF-8");
    }

    const QString status = fault().streamError;
    const QByteArray error =
        compact({{QStringLiteral("error"),
                  QJsonObject{{QStringLiteral("code"), codeFor(status)},
                              {QStringLiteral("message"),
                               QStringLiteral("The stream failed: %1").arg(status)},
                              {QStringLiteral("status"), status}}}});
    HttpHeaders h;
    if (mode_ == Mode::Sse) {
        h.add("content-type", "text/event-stream");
        QList<QByteArray> events;
        for (const QByteArray& body : std::as_const(bodies)) {
            events << "data: " + body + "\r\n\r\n";
        }
        return stream(h, events, 0, "data: " + error + "\r\n\r\n");
    }
    h.add("content-type", "application/json; charset=UTF-8");
    stream(h, bodies, 0, error, {"[", ",\r\n", "]"});
}

}  // namespace signalbox::mock
