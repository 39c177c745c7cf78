#include "providers/simulated/SimulatedAdapter.h"

#include "providers/ProviderRegistry.h"
#include "providers/simulated/SimulatedReply.h"

namespace signalbox {

bool SimulatedAdapter::supports(ProviderEndpoint endpoint) const {
    return endpoint == ProviderEndpoint::Chat;
}

UpstreamRequest SimulatedAdapter::prepare(ProviderEndpoint, const ProviderConfig&, QByteArrayView,
                                          const QString& model, bool stream,
                                          const HttpHeaders&) const {
    UpstreamRequest request;
    // Never dialled: names the call in messages the way a URL would.
    request.url = "simulated:" + model.toUtf8();
    if (stream)
        request.headers.add("Accept", "text/event-stream");
    return request;
}

LocalResponder::Ptr SimulatedAdapter::newLocalResponder() const {
    return LocalResponder::Ptr(new SimulatedReply);
}

SIGNALBOX_REGISTER_PROVIDER(SimulatedAdapter)

}  // namespace signalbox
