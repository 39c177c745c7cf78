#pragma once

#include "json/Json.h"
#include "providers/StreamEncoder.h"

#include <QString>

#include <map>

namespace signalbox {

// Writes canonical events as the chat.completion.chunk stream an OpenAI client expects:
// one id, created and model (the one the client asked for) on every chunk; a first
// delta {role, content:""}; text as `content`, reasoning as DeepSeek's
// `reasoning_content`; tool calls numbered from 0 in order of appearance; the finish
// chunk; then, at the end, the usage chunk (only if the client asked for it) and
// `data: [DONE]`.
//
// Gemini's tool-call signature must ride in the call's id, which goes out first, but a
// provider may send the signature after the call's start. A tool call is therefore held
// back until its block stops or its arguments arrive in a second piece: providers that
// sign calls send each call whole, while those that stream arguments piecemeal
// (Anthropic, OpenAI) sign nothing and are held back by one fragment only.
class OpenAiStreamEncoder : public StreamEncoder {
public:
    OpenAiStreamEncoder(QString model, bool includeUsage);

    void encode(const StreamEvent& event, QByteArray& out) override;
    void finish(QByteArray& out) override;
    void fail(const ApiError& error, QByteArray& out) override;

private:
    struct ToolCall {
        int position = 0;  // OpenAI's tool_calls index
        QString id;
        QString name;
        QByteArray signature;
        QByteArray heldArguments;
        int pieces = 0;
        bool announced = false;
    };

    Json chunkBase();
    void writeDelta(Json delta, QByteArray& out, QByteArrayView finishReason = {});
    void writeToolDelta(const ToolCall& call, Json toolDelta, QByteArray& out);
    void begin(QByteArray& out);
    void announce(int block, QByteArray& out);
    void announceAll(QByteArray& out);
    void writeFinish(FinishReason finish, QByteArray& out);

    QString model_;
    bool includeUsage_;
    QString id_;
    qint64 created_;
    bool begun_ = false;
    bool finishSent_ = false;
    bool ended_ = false;
    int nextPosition_ = 0;
    std::map<int, ContentPart::Kind> kinds_;  // block index → kind
    std::map<int, ToolCall> calls_;           // block index → tool call
    Usage usage_;
};

}  // namespace signalbox
