#pragma once

#include "providers/ChatFormat.h"

namespace signalbox::test {

// Stands in for a client format in format tests: encoders choose the names of dropped
// fields by the client format's name, and nothing else of it is used.
class NamedFormat : public ChatFormat {
public:
    explicit NamedFormat(QByteArrayView name) noexcept : name_(name) {}
    QByteArrayView name() const override { return name_; }
    bool decodeRequest(const Json&, ChatRequest&, ApiError&) const override { return false; }
    Json encodeRequest(const ChatRequest&, QStringList&) const override { return {}; }
    bool decodeResponse(const Json&, ChatResponse&, ApiError&) const override { return false; }
    Json encodeResponse(const ChatResponse&) const override { return {}; }
    std::unique_ptr<StreamDecoder> newStreamDecoder() const override { return nullptr; }
    std::unique_ptr<StreamEncoder> newStreamEncoder(const ChatRequest&) const override {
        return nullptr;
    }
    ApiError decodeError(int, QByteArrayView) const override { return {}; }
    QByteArray encodeError(const ApiError&) const override { return {}; }
    std::optional<Usage> usageIn(const Json&) const override { return std::nullopt; }

private:
    QByteArrayView name_;
};

}  // namespace signalbox::test
