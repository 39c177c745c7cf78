#pragma once

#include "governance/KeyMeter.h"
#include "providers/Usage.h"
#include "store/RequestRecord.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>
#include <optional>

namespace signalbox {

class AttemptTrail;
class KeyMeter;
struct CallGovernance;
class ChatFormat;
class RequestLog;
struct ClientRequest;
struct ProxySnapshot;
struct ResolvedTarget;
struct StreamEvent;

// What the request log learns of one call as it goes (who asked, the usage the provider
// reported, what went out) and the one record it hands over at the end. When a provider
// reports no usage, or the answer was cut short before its final counts, the tokens are
// estimated and the record says so.
class CallRecorder {
public:
    CallRecorder(RequestLog& log, const ProxySnapshot& snapshot, QByteArray id, qint64 startedAtMs,
                 QByteArray surface, QByteArrayView tagsHeader);

    void describe(const ClientRequest& request);
    // The virtual key, what was masked, and the key's meter to settle with the real usage.
    void govern(const CallGovernance& governance);
    // A cache hit: the answer made by `target` with `usage`, which the log prices as saved.
    void noteCacheHit(const QString& target, const Usage& usage);
    const RequestRecord& record() const { return record_; }
    bool logged() const { return logged_; }

    void firstContent(qint64 sinceStartMs);
    void noteUsage(const Usage& usage) { usage_.merge(usage); }
    // What an event of a translated stream says of usage and output.
    void noteEvent(const StreamEvent& event);
    void noteOutputBytes(qint64 bytes) { outputBytes_ += bytes; }
    void noteOutputEvents(qint64 events) { outputEvents_ = events; }
    void markTruncated() { record_.truncated = true; }
    // The answer as the client got it, when the config keeps bodies (else nothing).
    void keepResponse(QByteArrayView data);
    // A whole pass-through answer, copied as it goes out and read for its usage at the end.
    void copyWhole(QByteArrayView data);
    void endWhole(const ChatFormat& format);
    // Reads the usage member of a whole answer in `format` without decoding the rest.
    void readUsage(const ChatFormat& format, QByteArrayView body);

    // Completes the record and hands it to the log, once. `billed`: a provider worked
    // on the request (it answered, or it was at work when the client left).
    void finish(int status, const QString& error, qint64 latencyMs, const ResolvedTarget* target,
                const AttemptTrail& trail, bool billed);

    // About four bytes a token of text; a long unbroken string (an image or audio in
    // base64) counts as one picture's worth, not as text.
    static qint64 estimatePromptTokens(QByteArrayView body);

private:
    qint64 estimateOutputTokens() const;

    RequestLog& log_;
    const ProxySnapshot& snapshot_;
    RequestRecord record_;
    bool logged_ = false;
    bool keepBodies_ = false;
    qsizetype keepBytes_ = 0;  // the stored cap and room for masking a key across it
    qint64 promptTokens_ = 0;  // the estimate, made while the body is at hand
    qint64 outputBytes_ = 0;   // text sent to a translated answer
    qint64 outputEvents_ = 0;  // events of a pass-through stream
    qint64 wholeBytes_ = 0;    // bytes of a whole pass-through answer
    bool wholeTooBig_ = false;
    QByteArray wholeCopy_;
    Usage usage_;
    std::shared_ptr<KeyMeter> meter_;
    std::optional<MeterTicket> ticket_;
};

}  // namespace signalbox
