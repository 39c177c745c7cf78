#pragma once

#include <QByteArray>
#include <QString>

namespace signalbox::mock {

// The models the mock offers, listed in each provider's format.
class MockCatalog {
public:
    // GET /v1/models, OpenAI: {"object":"list","data":[{"id","object":"model",...}]}
    static QByteArray openAiModels();
    // GET /v1/models, Anthropic: data[] of type "model", has_more, first_id, last_id.
    static QByteArray anthropicModels();
    // GET /v1/models/{id}, Anthropic; empty when unknown.
    static QByteArray anthropicModel(const QString& id);
    // GET /v1beta/models: {"models":[{"name":"models/…",…}]}
    static QByteArray geminiModels();
    // GET /v1beta/models/{model}; empty when unknown.
    static QByteArray geminiModel(const QString& name);
};

}  // namespace signalbox::mock
