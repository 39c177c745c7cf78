#pragma once

#include "json/Json.h"
#include "providers/SseParser.h"
#include "providers/StreamDecoder.h"

#include <QString>

namespace signalbox {

// Reads streamGenerateContent?alt=sse: each `data:` event is a whole
// GenerateContentResponse and there is no [DONE]; a finishReason (or a prompt
// blockReason) marks a complete answer.
//
// Text and thought parts stream into one Text or Thinking block until a part carries a
// thoughtSignature: the signature closes the block (Gemini asks that a signed part is
// never merged with unsigned ones). A functionCall arrives whole and becomes a ToolCall
// block with one ArgumentsDelta; its signature travels as a SignatureDelta on that block,
// since BlockStart has no signature field.
class GeminiStreamDecoder : public StreamDecoder {
public:
    bool feed(QByteArrayView bytes, std::vector<StreamEvent>& out) override;
    bool finish(std::vector<StreamEvent>& out) override;

private:
    void response(const Json& body, std::vector<StreamEvent>& out);
    void start(const Json& body, std::vector<StreamEvent>& out);
    void textPart(const Json& part, std::vector<StreamEvent>& out);
    void callPart(const Json& part, std::vector<StreamEvent>& out);
    int openBlock(ContentPart::Kind kind, std::vector<StreamEvent>& out);
    void closeBlock(std::vector<StreamEvent>& out);
    void takeUsage(const Json& metadata, bool report, std::vector<StreamEvent>& out);
    void end(FinishReason reason, std::vector<StreamEvent>& out);

    SseParser sse_;
    bool started_ = false;
    bool finished_ = false;
    bool broken_ = false;  // unreadable bytes or an error object: nothing more is read
    int nextIndex_ = 0;
    int openIndex_ = -1;
    ContentPart::Kind openKind_ = ContentPart::Kind::Text;
    int calls_ = 0;
    QString idBase_;
    Usage usage_;
    Usage reported_;
};

}  // namespace signalbox
