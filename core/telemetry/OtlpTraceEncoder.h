#pragma once

#include "store/RequestRecord.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace signalbox {

// Finished requests as OpenTelemetry spans, encoded as an OTLP/JSON
// ExportTraceServiceRequest. Each request is a SERVER span ("chat {route}") with a
// CLIENT child per call to a provider ("chat {model}", GenAI semantic conventions);
// targets passed over without a call are events of the SERVER span.
class OtlpTraceEncoder {
public:
    // One resource (service.name, service.version), one scope, every record's spans.
    static QByteArray encode(const std::vector<RequestRecord>& records, const QString& serviceName);

    // Spans one record becomes: its own and one per provider call.
    static int spanCount(const RequestRecord& record);

    // Ids derive from the request id, so a request id found in a log leads to its
    // trace, and a re-sent export repeats ids instead of inventing new ones.
    static QByteArray traceId(const QByteArray& requestId);  // 32 hex digits
    // 16 hex digits: call 0 is the request's SERVER span, call n its n-th provider call.
    static QByteArray spanId(const QByteArray& requestId, int call);

    // gen_ai.provider.name for a provider kind: the semantic conventions' well-known
    // value where one exists, the kind otherwise.
    static QString providerName(const QString& kind);
    // gen_ai.operation.name for an inbound surface: chat, text_completion, embeddings...
    static QString operationName(const QByteArray& surface);
};

}  // namespace signalbox
