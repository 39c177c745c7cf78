#pragma once

#include <QByteArray>
#include <QString>

#include <vector>

namespace signalbox {

// What became of each try of one request, in order: for the response headers, the
// request log and the UI.
struct Attempt {
    QString target;         // provider/model
    QString key;            // the key's reference when the provider has several
    QByteArray outcome;     // "ok", an HTTP status, "timeout", "connect", "benched", ...
    qint64 startMs = 0;     // since the request arrived
    qint64 durationMs = 0;  // 0 for targets passed over without a call
    QString error;          // the failure in words; empty for "ok"
    bool called = true;     // false: passed over (benched, keys resting, unsupported)
};

class AttemptTrail {
public:
    void add(Attempt attempt) { attempts_.push_back(std::move(attempt)); }
    const std::vector<Attempt>& attempts() const { return attempts_; }
    Attempt* last() { return attempts_.empty() ? nullptr : &attempts_.back(); }
    int calls() const;  // attempts that reached a provider

    // "openai/gpt-5 429 12ms, claude/claude-sonnet-4-6 ok 340ms": the
    // x-signalbox-trail header.
    QByteArray header() const;
    // Text fit for a header value: printable ASCII, anything else as '?'. Model names
    // come from clients.
    static QByteArray headerText(const QString& text);

private:
    std::vector<Attempt> attempts_;
};

}  // namespace signalbox
