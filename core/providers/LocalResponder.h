#pragma once

#include "http/UpstreamRequest.h"

#include <memory>

namespace signalbox {

// A provider that answers from inside the process instead of over HTTP (the built-in
// demo provider). It hears the same request and calls back the same way as
// UpstreamClient does, so a call cannot tell the two apart. One per call, on the
// calling thread.
class LocalResponder {
public:
    // Its owner lets go through release(): the owner may go away inside a callback the
    // responder is still running, so a responder decides when it is safe to be deleted.
    struct Release {
        void operator()(LocalResponder* responder) const { responder->release(); }
    };
    using Ptr = std::unique_ptr<LocalResponder, Release>;

    virtual ~LocalResponder() = default;

    virtual void start(const UpstreamRequest& request, UpstreamCallbacks callbacks) = 0;
    // Stops at once; no callback is called afterwards.
    virtual void cancel() = 0;

protected:
    // Cancels and deletes itself, now or once its current callback has returned.
    virtual void release() = 0;
};

}  // namespace signalbox
