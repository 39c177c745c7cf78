#include "MockCatalog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace signalbox::mock {

namespace {

QByteArray compact(const QJsonObject& o) {
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonArray anthropic() {
    auto model = [](const char* id, const char* name) {
        return QJsonObject{{QStringLiteral("type"), QStringLiteral("model")},
                           {QStringLiteral("id"), QString::fromLatin1(id)},
                           {QStringLiteral("display_name"), QString::fromLatin1(name)},
                           {QStringLiteral("created_at"), QStringLiteral("2025-01-01T00:00:00Z")},
                           {QStringLiteral("max_input_tokens"), 200000},
                           {QStringLiteral("max_tokens"), 64000}};
    };
    return {model("claude-mock", "Claude Mock"),
            model("claude-mock-thinking", "Claude Mock Thinking")};
}

QJsonArray gemini() {
    auto model = [](const char* id, const char* name, QJsonArray methods, int in, int out) {
        return QJsonObject{{QStringLiteral("name"), QStringLiteral("models/") + QLatin1String(id)},
                           {QStringLiteral("version"), QStringLiteral("001")},
                           {QStringLiteral("displayName"), QString::fromLatin1(name)},
                           {QStringLiteral("description"), QStringLiteral("Signalbox test model")},
                           {QStringLiteral("inputTokenLimit"), in},
                           {QStringLiteral("outputTokenLimit"), out},
                           {QStringLiteral("supportedGenerationMethods"), methods}};
    };
    QJsonObject chat =
        model("gemini-mock", "Gemini Mock",
              {QStringLiteral("generateContent"), QStringLiteral("countTokens"),
               QStringLiteral("createCachedContent"), QStringLiteral("batchGenerateContent")},
              1048576, 65536);
    chat.insert(QStringLiteral("temperature"), 1);
    chat.insert(QStringLiteral("topP"), 0.95);
    chat.insert(QStringLiteral("topK"), 64);
    chat.insert(QStringLiteral("maxTemperature"), 2);
    chat.insert(QStringLiteral("thinking"), true);
    return {chat, model("gemini-embedding-mock", "Gemini Embedding Mock",
                        {QStringLiteral("embedContent"), QStringLiteral("countTextTokens"),
                         QStringLiteral("countTokens")},
                        2048, 1)};
}

}  // namespace

QByteArray MockCatalog::openAiModels() {
    const QJsonObject model{{QStringLiteral("id"), QStringLiteral("gpt-mock")},
                            {QStringLiteral("object"), QStringLiteral("model")},
                            {QStringLiteral("created"), 1700000000},
                            {QStringLiteral("owned_by"), QStringLiteral("mock")}};
    return compact({{QStringLiteral("object"), QStringLiteral("list")},
                    {QStringLiteral("data"), QJsonArray{model}}});
}

QByteArray MockCatalog::anthropicModels() {
    const QJsonArray data = anthropic();
    return compact({{QStringLiteral("data"), data},
                    {QStringLiteral("has_more"), false},
                    {QStringLiteral("first_id"), data.first()[QLatin1String("id")]},
                    {QStringLiteral("last_id"), data.last()[QLatin1String("id")]}});
}

QByteArray MockCatalog::anthropicModel(const QString& id) {
    for (const QJsonValue m : anthropic()) {
        if (m[QLatin1String("id")].toString() == id) {
            return compact(m.toObject());
        }
    }
    return {};
}

QByteArray MockCatalog::geminiModels() {
    return compact({{QStringLiteral("models"), gemini()}});
}

QByteArray MockCatalog::geminiModel(const QString& name) {
    for (const QJsonValue m : gemini()) {
        if (m[QLatin1String("name")].toString() == QStringLiteral("models/") + name) {
            return compact(m.toObject());
        }
    }
    return {};
}

}  // namespace signalbox::mock
