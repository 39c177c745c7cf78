#include "providers/gemini/GeminiEmbeddings.h"

#include "providers/gemini/GeminiWire.h"

#include <QCoreApplication>
#include <QtEndian>

#include <cstring>

namespace signalbox {

namespace {
QString tr(const char* text) {
    return QCoreApplication::translate("GeminiFormat", text);
}

ApiError invalid(const QString& message, QByteArray param) {
    ApiError e = ApiError::invalidRequest(message);
    e.param = std::move(param);
    return e;
}

ApiError badResponse(const QString& message) {
    ApiError e;
    e.status = 502;
    e.kind = ApiError::Kind::BadResponse;
    e.message = message;
    return e;
}

Json embedRequest(const QString& modelPath, const QString& text, const Json& dimensions) {
    Json part = Json::object();
    part.set("text", text);
    Json parts = Json::array();
    parts.append(std::move(part));
    Json content = Json::object();
    content.set("parts", std::move(parts));
    Json request = Json::object();
    request.set("model", modelPath);
    request.set("content", std::move(content));
    if (dimensions.isNumber())
        request.set("outputDimensionality", dimensions);
    return request;
}

// What OpenAI's encoding_format "base64" means: the float32 values, little-endian, in
// standard base64.
QByteArray base64Floats(const Json& values) {
    QByteArray bytes;
    bytes.reserve(values.size() * 4);
    for (const Json& v : values.items()) {
        const float f = static_cast<float>(v.toDouble());
        quint32 bits = 0;
        std::memcpy(&bits, &f, sizeof bits);
        char le[4];
        qToLittleEndian(bits, le);
        bytes.append(le, 4);
    }
    return bytes.toBase64();
}
}  // namespace

bool GeminiEmbeddings::encodeRequest(const Json& body, const QString& model, Json& out,
                                     QStringList& dropped, ApiError& error) {
    if (!body.isObject()) {
        error = invalid(tr("The request body must be a JSON object."), {});
        return false;
    }
    const Json& input = body["input"];
    QStringList texts;
    if (input.isString()) {
        texts.append(input.toString());
    } else if (input.isArray() && input.size() > 0) {
        for (const Json& item : input.items()) {
            if (!item.isString()) {
                error = invalid(tr("Gemini embeds text only; input must be a string or an "
                                   "array of strings, not tokens."),
                                "input");
                return false;
            }
            texts.append(item.toString());
        }
    } else {
        error = invalid(tr("input must be a non-empty string or array of strings."), "input");
        return false;
    }
    const QByteArray format = body["encoding_format"].utf8();
    if (body.contains("encoding_format") && format != "float" && format != "base64") {
        error = invalid(tr("encoding_format must be \"float\" or \"base64\"."), "encoding_format");
        return false;
    }

    const QString path = GeminiWire::modelPath(model);
    Json requests = Json::array();
    for (const QString& text : texts)
        requests.append(embedRequest(path, text, body["dimensions"]));
    out = Json::object();
    out.set("requests", std::move(requests));

    for (const Json::Member& m : body.members()) {
        if (m.first != "input" && m.first != "model" && m.first != "dimensions" &&
            m.first != "encoding_format" && !dropped.contains(QString::fromUtf8(m.first)))
            dropped.append(QString::fromUtf8(m.first));
    }
    return true;
}

bool GeminiEmbeddings::decodeResponse(const Json& geminiBody, const Json& openAiRequest,
                                      const QString& model, Json& out, ApiError& error) {
    const Json& embeddings = geminiBody["embeddings"];
    if (!embeddings.isArray()) {
        error = badResponse(tr("Gemini answered an embeddings call without embeddings."));
        return false;
    }
    const bool base64 = openAiRequest["encoding_format"].utf8() == "base64";
    Json data = Json::array();
    qsizetype index = 0;
    for (const Json& e : embeddings.items()) {
        const Json& values = e["values"];
        if (!values.isArray()) {
            error = badResponse(tr("Gemini answered an embedding without values."));
            return false;
        }
        Json item = Json::object();
        item.set("object", "embedding");
        item.set("index", qint64(index++));
        // Gemini's number text goes on as written, no float round trip.
        item.set("embedding", base64 ? Json(QByteArrayView(base64Floats(values))) : values);
        data.append(std::move(item));
    }
    Json usage = Json::object();
    usage.set("prompt_tokens", 0);
    usage.set("total_tokens", 0);
    out = Json::object();
    out.set("object", "list");
    out.set("data", std::move(data));
    out.set("model", model);
    out.set("usage", std::move(usage));
    return true;
}

}  // namespace signalbox
