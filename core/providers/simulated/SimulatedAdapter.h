#pragma once

#include "providers/ProviderAdapter.h"
#include "providers/openai/OpenAiChatFormat.h"

namespace signalbox {

// The built-in demo provider (kind "simulated"): answers in OpenAI's format from inside
// the process, with realistic latency and usage, so that the playground, the logs and
// the route editor work before the first key is added. Faults are picked by model name
// (SimulatedReply), so a route can be tried against failures safely.
class SimulatedAdapter : public ProviderAdapter {
public:
    QString kind() const override { return QStringLiteral("simulated"); }
    QString displayName() const override { return QStringLiteral("Simulated (demo)"); }
    QString defaultBaseUrl() const override { return {}; }
    bool needsBaseUrl() const override { return false; }
    bool keyOptional() const override { return true; }

    const ChatFormat& chatFormat() const override { return format_; }
    bool supports(ProviderEndpoint endpoint) const override;
    UpstreamRequest prepare(ProviderEndpoint endpoint, const ProviderConfig& provider,
                            QByteArrayView key, const QString& model, bool stream,
                            const HttpHeaders& clientHeaders) const override;
    LocalResponder::Ptr newLocalResponder() const override;

private:
    OpenAiChatFormat format_{OpenAiFormatOptions{"max_tokens", "seed", {}}};
};

}  // namespace signalbox
