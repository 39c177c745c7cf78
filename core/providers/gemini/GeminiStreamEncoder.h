#pragma once

#include "json/Json.h"
#include "providers/StreamEncoder.h"
#include "providers/Usage.h"

#include <QString>

#include <map>

namespace signalbox {

// Canonical events → streamGenerateContent?alt=sse chunks, one GenerateContentResponse
// per `data:` event. Gemini is not yet a client surface of Signalbox; this writes what
// GeminiStreamDecoder reads, so the pair can be checked against each other.
class GeminiStreamEncoder : public StreamEncoder {
public:
    explicit GeminiStreamEncoder(QString model) : model_(std::move(model)) {}

    void encode(const StreamEvent& event, QByteArray& out) override;
    void finish(QByteArray& out) override;
    void fail(const ApiError& error, QByteArray& out) override;

private:
    struct Block {
        ContentPart::Kind kind = ContentPart::Kind::Text;
        QString id;
        QString name;
        QByteArray arguments;
        QByteArray signature;
    };

    void textChunk(const Block& block, const QString& text, const QByteArray& signature,
                   QByteArray& out);
    void callChunk(const Block& block, QByteArray& out);
    // A null candidate writes a chunk of usage only.
    void writeChunk(Json candidate, QByteArray& out);

    std::map<int, Block> blocks_;
    QString model_;
    QString id_;
    Usage usage_;
    bool failed_ = false;
};

}  // namespace signalbox
