#pragma once

namespace signalbox {

// How much the trace exporter holds and how it paces itself. Defaults suit a proxy at
// thousands of requests a second; tests shrink them.
struct OtlpLimits {
    int queueRecords = 8192;       // requests waiting for export; beyond, new ones are dropped
    int batchSpans = 512;          // spans per export request (a request's spans never split)
    int intervalMs = 1000;         // a partial batch waits at most this long
    int timeoutMs = 10'000;        // one export request, connect to last byte
    int retryDelayMs = 1000;       // before the one retry, unless the collector asks for longer
    int maxRetryDelayMs = 30'000;  // cap on a collector's Retry-After
};

}  // namespace signalbox
