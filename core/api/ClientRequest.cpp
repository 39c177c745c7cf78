#include "api/ClientRequest.h"

#include "json/Json.h"

#include <QCoreApplication>

namespace signalbox {

namespace {
// Longer chains are a mistake or an attack: each name is a target to plan and watch.
constexpr qsizetype kMaxFallbacks = 16;

QString tr(const char* text) {
    return QCoreApplication::translate("ClientRequest", text);
}

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Where the member whose value is `value` begins and ends, with one comma that separates
// it from a neighbour, so that cutting [begin, end) leaves valid JSON. The scanner found
// the member at the top level of a valid object, so the bytes are known to be there.
std::pair<qsizetype, qsizetype> memberBounds(const QByteArray& body, JsonSpan value) {
    qsizetype i = value.begin - 1;
    while (isSpace(body[i]))
        --i;
    --i;  // ':'
    while (isSpace(body[i]))
        --i;
    // i is at the key's closing quote; its opening one is the first unescaped quote back.
    qsizetype keyStart = i - 1;
    while (body[keyStart] != '"' || body[keyStart - 1] == '\\')
        --keyStart;
    qsizetype before = keyStart - 1;
    while (isSpace(body[before]))
        --before;
    if (body[before] == ',')
        return {before, value.end};  // cut ", "key": value"
    qsizetype after = value.end;
    while (after < body.size() && isSpace(body[after]))
        ++after;
    if (after < body.size() && body[after] == ',') {
        ++after;
        while (after < body.size() && isSpace(body[after]))
            ++after;
    }
    return {keyStart, after};  // the first member: cut ""key": value, "
}

// Model names from a list of strings or of {"model": NAME, ...} objects.
std::optional<QStringList> readNames(const QByteArray& body, JsonSpan span, const char* field,
                                     ApiError& error) {
    const Json list =
        Json::parseValid(QByteArrayView(body).sliced(span.begin, span.end - span.begin));
    QStringList names;
    bool ok = list.isArray();
    for (const Json& item : list.items()) {
        const Json& name = item.isObject() ? item["model"] : item;
        ok = ok && name.isString() && !name.toString().isEmpty();
        names.append(name.toString());
    }
    if (!ok || list.isNull() || names.size() > kMaxFallbacks) {
        error = ApiError::invalidRequest(
            tr("'%1' must be a list of at most %2 model names (routes or 'provider/model'), "
               "or of objects with a 'model'.")
                .arg(QLatin1String(field))
                .arg(kMaxFallbacks),
            "invalid_fallbacks");
        error.param = field;
        return std::nullopt;
    }
    return names;
}
}  // namespace

std::optional<ClientRequest> ClientRequest::read(QByteArray body, ApiError& error) {
    JsonScanner json;
    if (!json.scan(body, {"model", "stream", "fallbacks", "models", "user", "metadata",
                          "stream_options", "max_tokens", "max_completion_tokens"})) {
        error = ApiError::invalidRequest(tr("We could not parse the JSON body of your request "
                                            "(%1). The body must be a JSON object.")
                                             .arg(json.error()),
                                         "invalid_json");
        return std::nullopt;
    }
    ClientRequest request;
    const JsonSpan fallbacks = json.span("fallbacks");
    const JsonSpan models = json.span("models");
    QStringList modelList;
    if (fallbacks.found() || models.found()) {
        if (fallbacks.found()) {
            const auto names = readNames(body, fallbacks, "fallbacks", error);
            if (!names)
                return std::nullopt;
            request.fallbacks = *names;
        }
        if (models.found()) {
            const auto names = readNames(body, models, "models", error);
            if (!names)
                return std::nullopt;
            modelList = *names;
        }
        // One member at a time, the body scanned again in between: two neighbours' cuts
        // would share the comma between them.
        for (const QByteArrayView key : {QByteArrayView("fallbacks"), QByteArrayView("models")}) {
            JsonScanner again;
            again.scan(body, {key});
            if (const JsonSpan span = again.span(key); span.found()) {
                const auto [begin, end] = memberBounds(body, span);
                body.remove(begin, end - begin);
            }
        }
        json.scan(body, {"model", "stream", "user", "metadata", "stream_options", "max_tokens",
                         "max_completion_tokens"});
    }
    request.modelSpan = json.span("model");
    request.stream = JsonScanner::isLiteral(body, json.span("stream"), "true");
    if (request.modelSpan.found())
        JsonScanner::decodeString(body, request.modelSpan, &request.model);
    if (const JsonSpan user = json.span("user"); user.found()) {
        JsonScanner::decodeString(body, user, &request.user);
    } else if (const JsonSpan metadata = json.span("metadata"); metadata.found()) {
        const Json meta = Json::parseValid(
            QByteArrayView(body).sliced(metadata.begin, metadata.end - metadata.begin));
        request.user = meta["user_id"].toString();
    }
    request.hasStreamOptions = json.span("stream_options").found();
    for (const QByteArrayView cap : {"max_completion_tokens", "max_tokens"}) {
        const JsonSpan span = json.span(cap);
        bool ok = false;
        const qint64 n =
            span.found()
                ? QByteArrayView(body).sliced(span.begin, span.end - span.begin).toLongLong(&ok)
                : 0;
        if (ok && n >= 0) {
            request.maxOutputTokens = n;
            break;
        }
    }
    // OpenRouter's "models" are tried in order after "model", which may be left out, and
    // before any "fallbacks".
    QStringList chain;
    for (const QString& name : modelList) {
        if (request.model.isEmpty())
            request.model = name;
        else if (name != request.model)
            chain.append(name);
    }
    request.fallbacks = chain + request.fallbacks;
    if (request.model.isEmpty()) {
        error = ApiError::invalidRequest(
            tr("You must provide a model parameter: a route name or 'provider/model'."),
            "missing_model");
        error.param = "model";
        return std::nullopt;
    }
    request.body = std::move(body);
    return request;
}

QByteArray ClientRequest::withModel(const QString& target) const {
    if (target == model && modelSpan.found())
        return body;  // shared, not copied
    QByteArray out;
    out.reserve(body.size() + target.size() + 10);
    if (!modelSpan.found()) {
        // Named only in "models": the provider needs it in "model".
        const qsizetype open = body.indexOf('{') + 1;
        out.append(body.constData(), open);
        out.append("\"model\":");
        JsonScanner::appendQuoted(out, target);
        qsizetype next = open;
        while (next < body.size() && isSpace(body[next]))
            ++next;
        if (next < body.size() && body[next] != '}')
            out.append(',');
        out.append(body.constData() + open, body.size() - open);
        return out;
    }
    out.append(body.constData(), modelSpan.begin);
    JsonScanner::appendQuoted(out, target);
    out.append(body.constData() + modelSpan.end, body.size() - modelSpan.end);
    return out;
}

QByteArray ClientRequest::withModelAndUsage(const QString& target) const {
    if (!stream || hasStreamOptions)
        return withModel(target);
    QByteArray out = withModel(target);
    // The body is an object with a model in it: the member goes first, a comma after.
    const qsizetype open = out.indexOf('{') + 1;
    out.insert(open, R"("stream_options":{"include_usage":true},)");
    return out;
}

QByteArray ClientRequest::tagsJson(QByteArrayView header) {
    QByteArray out;
    if (header.isEmpty())
        return out;
    const QString text = QString::fromUtf8(header);
    for (const QString& pair : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        if (eq <= 0)
            continue;
        const QString key = pair.first(eq).trimmed();
        if (key.isEmpty())
            continue;
        out.append(out.isEmpty() ? '{' : ',');
        JsonScanner::appendQuoted(out, key);
        out.append(':');
        JsonScanner::appendQuoted(out, pair.sliced(eq + 1).trimmed());
    }
    if (!out.isEmpty())
        out.append('}');
    return out;
}

}  // namespace signalbox
