#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace signalbox::mock {

// Embedding answers, OpenAI's and Gemini's. A vector is derived from its input
// text alone (a hash, normalized to length 1), so equal inputs embed equally
// in every format and a test can compare them.
class MockEmbeddings {
public:
    static constexpr int kDefaultDimensions = 8;

    // `dimensions` floats for `text`, each exactly representable as float32.
    static QList<float> vector(const QString& text, int dimensions = kDefaultDimensions);

    // POST /v1/embeddings: data[] of floats, or base64 of little-endian float32
    // when encoding_format is "base64"; usage prompt_tokens and total_tokens.
    // Empty when the input is missing.
    static QByteArray openAi(const QJsonObject& request, const QString& model);
    // :embedContent -> {"embedding":{"values":[...]}}
    static QByteArray gemini(const QJsonObject& request);
    // :batchEmbedContents -> {"embeddings":[{"values":[...]}, ...]}
    static QByteArray geminiBatch(const QJsonObject& request);
};

}  // namespace signalbox::mock
