#include "providers/ResponseAssembler.h"

#include <utility>

namespace signalbox {

void ResponseAssembler::add(const StreamEvent& event) {
    switch (event.type) {
        case StreamEvent::Type::MessageStart:
            response_.id = event.id;
            response_.model = event.model;
            response_.usage.merge(event.usage);
            return;
        case StreamEvent::Type::BlockStart: {
            ContentPart& part = block(event.index, event.blockKind);
            part.kind = event.blockKind;
            part.text += event.text;
            part.signature += event.signature;
            if (event.blockKind == ContentPart::Kind::RedactedThinking)
                part.data = event.data;
            if (event.blockKind == ContentPart::Kind::ToolCall) {
                part.toolCallId = event.toolCallId;
                part.toolName = event.toolName;
            }
            return;
        }
        case StreamEvent::Type::TextDelta:
            block(event.index, ContentPart::Kind::Text).text += event.text;
            return;
        case StreamEvent::Type::SignatureDelta:
            block(event.index, ContentPart::Kind::Thinking).signature += event.signature;
            return;
        case StreamEvent::Type::ArgumentsDelta:
            block(event.index, ContentPart::Kind::ToolCall).arguments += event.arguments;
            return;
        case StreamEvent::Type::BlockStop:
            return;
        case StreamEvent::Type::Usage:
            response_.usage.merge(event.usage);
            return;
        case StreamEvent::Type::Finish:
            response_.finish = event.finish;
            response_.stopSequence = event.stopSequence;
            response_.usage.merge(event.usage);
            finished_ = true;
            return;
        case StreamEvent::Type::Error:
            failed_ = true;
            return;
    }
}

ChatResponse ResponseAssembler::take() {
    ChatResponse out = std::exchange(response_, {});
    out.content.reserve(blocks_.size());
    for (auto& [index, part] : blocks_) {
        if (part.kind == ContentPart::Kind::ToolCall && part.arguments.isEmpty())
            part.arguments = QByteArrayLiteral("{}");
        out.content.push_back(std::move(part));
    }
    blocks_.clear();
    finished_ = false;
    failed_ = false;
    return out;
}

ContentPart& ResponseAssembler::block(int index, ContentPart::Kind kind) {
    // A delta for a block that never opened opens one of the delta's kind rather than
    // losing what it carries.
    const auto [it, inserted] = blocks_.try_emplace(index);
    if (inserted)
        it->second.kind = kind;
    return it->second;
}

}  // namespace signalbox
