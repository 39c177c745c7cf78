#include "providers/ResponseEvents.h"

namespace signalbox {

std::vector<StreamEvent> ResponseEvents::fromResponse(const ChatResponse& response) {
    std::vector<StreamEvent> out;
    StreamEvent start;
    start.type = StreamEvent::Type::MessageStart;
    start.id = response.id;
    start.model = response.model;
    start.usage = response.usage;
    out.push_back(start);

    int index = 0;
    for (const ContentPart& part : response.content) {
        StreamEvent open;
        open.type = StreamEvent::Type::BlockStart;
        open.index = index;
        open.blockKind = part.kind;
        open.toolCallId = part.toolCallId;
        open.toolName = part.toolName;
        open.data = part.data;
        out.push_back(open);
        // Signatures first: encoders that fold them into ids need them early.
        if (!part.signature.isEmpty()) {
            StreamEvent sig;
            sig.type = StreamEvent::Type::SignatureDelta;
            sig.index = index;
            sig.signature = part.signature;
            out.push_back(sig);
        }
        if (part.kind == ContentPart::Kind::ToolCall) {
            StreamEvent args;
            args.type = StreamEvent::Type::ArgumentsDelta;
            args.index = index;
            args.arguments = part.arguments;
            out.push_back(args);
        } else if (!part.text.isEmpty()) {
            StreamEvent text;
            text.type = StreamEvent::Type::TextDelta;
            text.index = index;
            text.text = part.text;
            out.push_back(text);
        }
        StreamEvent stop;
        stop.type = StreamEvent::Type::BlockStop;
        stop.index = index;
        out.push_back(stop);
        ++index;
    }

    StreamEvent finish;
    finish.type = StreamEvent::Type::Finish;
    finish.finish = response.finish;
    finish.stopSequence = response.stopSequence;
    finish.usage = response.usage;
    out.push_back(finish);
    return out;
}

}  // namespace signalbox
