#include "telemetry/MetricsRegistry.h"

#include "json/Json.h"
#include "telemetry/PrometheusWriter.h"

#include <algorithm>
#include <mutex>
#include <type_traits>
#include <utility>
#include <vector>

namespace signalbox {

namespace {

constexpr auto kRelaxed = std::memory_order_relaxed;
// The kinds redaction counts, as RedactionCounts names them.
constexpr const char* kRedactionKinds[] = {"email", "phone", "card", "iban", "secret"};

void addTokens(TargetMetrics& t, TargetMetrics::TokenType type, qint64 count) {
    if (count > 0)
        t.tokens[type].fetch_add(static_cast<quint64>(count), kRelaxed);
}

quint64 sum(const TargetMetrics::Slots& counters) {
    quint64 total = 0;
    for (const auto& counter : counters)
        total += counter.load(kRelaxed);
    return total;
}

// Label text of a slot: its value, or "other" for the fold slot.
template <typename Key>
QByteArray slotName(const LabelIndex<Key>& index, size_t slot) {
    if (slot >= index.keys().size())
        return "other";
    if constexpr (std::is_same_v<Key, int>)
        return QByteArray::number(index.keys()[slot]);
    else
        return index.keys()[slot];
}

}  // namespace

TargetMetrics* MetricsRegistry::find(const QString& target) const {
    if (const auto it = targets_.find(target); it != targets_.end())
        return it->second.get();
    return targets_.size() >= kMaxTargets ? other_.get() : nullptr;
}

void MetricsRegistry::learn(const RequestRecord& record) {
    const auto addTarget = [this](const QString& target) {
        if (find(target) == nullptr)
            targets_.emplace(target, std::make_unique<TargetMetrics>());
    };
    addTarget(record.target);
    codes_.add(record.status);
    for (const Attempt& a : record.attempts) {
        addTarget(a.target);
        outcomes_.add(a.outcome);
    }
}

bool MetricsRegistry::tryCount(const RequestRecord& r) const {
    TargetMetrics* t = find(r.target);
    const int code = codes_.find(r.status);
    if (t == nullptr || code < 0)
        return false;
    for (const Attempt& a : r.attempts) {
        if (find(a.target) == nullptr || outcomes_.find(a.outcome) < 0)
            return false;
    }

    t->requests[static_cast<size_t>(code)].fetch_add(1, kRelaxed);
    if (r.status < 200 || r.status >= 300)
        t->failed.fetch_add(1, kRelaxed);
    if (r.truncated)
        t->truncated.fetch_add(1, kRelaxed);
    if (r.cacheHit)
        t->cacheHits.fetch_add(1, kRelaxed);
    if (r.latencyMs >= 0)
        t->duration.observe(r.latencyMs);
    if (r.ttftMs >= 0)
        t->ttft.observe(r.ttftMs);
    addTokens(*t, TargetMetrics::Input, r.inputTokens);
    addTokens(*t, TargetMetrics::Output, r.outputTokens);
    addTokens(*t, TargetMetrics::CachedInput, r.cachedInputTokens);
    addTokens(*t, TargetMetrics::CacheWrite, r.cacheWriteTokens);
    addTokens(*t, TargetMetrics::Reasoning, r.reasoningTokens);
    if (r.costUsd)
        t->costUsd.fetch_add(*r.costUsd, kRelaxed);
    else if (r.inputTokens >= 0 || r.outputTokens >= 0)  // usage to price, yet no cost
        t->unpriced.fetch_add(1, kRelaxed);
    if (r.cacheSavedUsd)
        t->cacheSavedUsd.fetch_add(*r.cacheSavedUsd, kRelaxed);

    for (const Attempt& a : r.attempts) {
        TargetMetrics* at = a.target == r.target ? t : find(a.target);
        if (at == nullptr)  // cannot be: checked above
            continue;
        auto& counters = a.called ? at->attempts : at->skips;
        counters[static_cast<size_t>(outcomes_.find(a.outcome))].fetch_add(1, kRelaxed);
    }
    return true;
}

void MetricsRegistry::observe(const RequestRecord& record) {
    if (!record.redactions.isEmpty()) {
        // A small object of counts by kind ({"email":2}), and only when something was masked.
        if (const std::optional<Json> counts = Json::parse(record.redactions)) {
            for (size_t i = 0; i < std::size(kRedactionKinds); ++i) {
                const qint64 n = (*counts)[kRedactionKinds[i]].toInt();
                if (n > 0)
                    redacted_[i].fetch_add(static_cast<quint64>(n), kRelaxed);
            }
        }
    }
    {
        std::shared_lock lock(mutex_);
        if (tryCount(record))
            return;
    }
    {
        std::unique_lock lock(mutex_);
        learn(record);
    }
    // Nothing is ever removed, so what learn() added is still there.
    std::shared_lock lock(mutex_);
    [[maybe_unused]] const bool counted = tryCount(record);
    Q_ASSERT(counted);
}

void MetricsRegistry::render(QByteArray& out, const StoreStats& store,
                             qint64 otlpDroppedSpans) const {
    // Series are never freed, so their pointers outlive the lock; the counters are atomic.
    std::vector<std::pair<QByteArray, const TargetMetrics*>> targets;
    std::vector<QByteArray> codes;
    std::vector<QByteArray> outcomes;
    {
        std::shared_lock lock(mutex_);
        targets.reserve(targets_.size() + 1);
        for (const auto& [name, series] : targets_) {
            targets.emplace_back(name.isEmpty() ? QByteArray("none") : name.toUtf8(), series.get());
        }
        targets.emplace_back("other", other_.get());
        for (size_t i = 0; i < LabelIndex<int>::kSlots; ++i)
            codes.push_back(slotName(codes_, i));
        for (size_t i = 0; i < LabelIndex<QByteArray>::kSlots; ++i)
            outcomes.push_back(slotName(outcomes_, i));
    }
    std::sort(targets.begin(), targets.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    // Request families show a target once it has answered a request; label values
    // (codes, outcomes) once they have been seen.
    std::vector<std::pair<QByteArray, const TargetMetrics*>> served;
    for (const auto& entry : targets) {
        if (sum(entry.second->requests) > 0)
            served.push_back(entry);
    }

    // HELP texts are part of the exposition format, read by tools, so they stay English.
    PrometheusWriter w(out);
    w.family("signalbox_requests_total", "counter",
             "Proxied requests by the target that served them (or was tried last) and the "
             "HTTP status sent to the client.");
    for (const auto& [target, t] : served) {
        for (size_t i = 0; i < codes.size(); ++i) {
            if (const quint64 n = t->requests[i].load(kRelaxed))
                w.sample("signalbox_requests_total", {{"target", target}, {"code", codes[i]}}, n);
        }
    }

    w.family("signalbox_request_errors_total", "counter",
             "Requests that failed (status outside 2xx) or streams truncated after bytes "
             "reached the client.");
    for (const auto& [target, t] : served) {
        w.sample("signalbox_request_errors_total", {{"target", target}, {"kind", "failed"}},
                 t->failed.load(kRelaxed));
        w.sample("signalbox_request_errors_total", {{"target", target}, {"kind", "truncated"}},
                 t->truncated.load(kRelaxed));
    }

    w.family("signalbox_request_duration_seconds", "histogram",
             "Time from a request's arrival until its answer ended.");
    for (const auto& [target, t] : served)
        w.histogram("signalbox_request_duration_seconds", {{"target", target}},
                    t->duration.snapshot());

    w.family("signalbox_time_to_first_token_seconds", "histogram",
             "Time from a request's arrival until its first content went out.");
    for (const auto& [target, t] : served)
        w.histogram("signalbox_time_to_first_token_seconds", {{"target", target}},
                    t->ttft.snapshot());

    w.family("signalbox_tokens_total", "counter",
             "Tokens reported by providers. input includes cached_input and cache_write; "
             "output includes reasoning.");
    static constexpr const char* kTokenNames[TargetMetrics::kTokenTypes] = {
        "input", "output", "cached_input", "cache_write", "reasoning"};
    for (const auto& [target, t] : served) {
        for (int type = 0; type < TargetMetrics::kTokenTypes; ++type) {
            w.sample("signalbox_tokens_total", {{"target", target}, {"type", kTokenNames[type]}},
                     t->tokens[static_cast<size_t>(type)].load(kRelaxed));
        }
    }

    w.family("signalbox_cost_usd_total", "counter",
             "Cost of requests in US dollars, from usage and the price table.");
    for (const auto& [target, t] : served) {
        w.sample("signalbox_cost_usd_total", {{"target", target}},
                 PrometheusWriter::number(t->costUsd.load(kRelaxed)));
    }

    w.family("signalbox_unpriced_requests_total", "counter",
             "Requests with token usage but no cost: their model has no price.");
    for (const auto& [target, t] : served)
        w.sample("signalbox_unpriced_requests_total", {{"target", target}},
                 t->unpriced.load(kRelaxed));

    w.family("signalbox_cache_hits_total", "counter", "Requests answered from the cache.");
    for (const auto& [target, t] : served)
        w.sample("signalbox_cache_hits_total", {{"target", target}}, t->cacheHits.load(kRelaxed));

    w.family("signalbox_cache_saved_usd_total", "counter",
             "What the answers served from the cache cost when they were first made, in USD.");
    for (const auto& [target, t] : served)
        w.sample("signalbox_cache_saved_usd_total", {{"target", target}},
                 PrometheusWriter::number(t->cacheSavedUsd.load(kRelaxed)));

    w.family("signalbox_redactions_total", "counter",
             "Values masked in requests before they left, by kind.");
    for (size_t i = 0; i < std::size(kRedactionKinds); ++i)
        w.sample("signalbox_redactions_total", {{"kind", kRedactionKinds[i]}},
                 redacted_[i].load(kRelaxed));

    w.family("signalbox_upstream_attempts_total", "counter",
             "Calls made to providers, by target and outcome (ok, an HTTP status, timeout, "
             "connect, ...).");
    for (const auto& [target, t] : targets) {
        for (size_t i = 0; i < outcomes.size(); ++i) {
            if (const quint64 n = t->attempts[i].load(kRelaxed))
                w.sample("signalbox_upstream_attempts_total",
                         {{"target", target}, {"outcome", outcomes[i]}}, n);
        }
    }

    w.family("signalbox_upstream_skips_total", "counter",
             "Targets passed over without a call, by reason (benched, keys resting, ...).");
    for (const auto& [target, t] : targets) {
        for (size_t i = 0; i < outcomes.size(); ++i) {
            if (const quint64 n = t->skips[i].load(kRelaxed))
                w.sample("signalbox_upstream_skips_total",
                         {{"target", target}, {"reason", outcomes[i]}}, n);
        }
    }

    const auto counter = [](qint64 v) { return static_cast<quint64>(std::max<qint64>(v, 0)); };
    w.family("signalbox_store_enabled", "gauge", "1 when the config asks for a request log.");
    w.sample("signalbox_store_enabled", {}, quint64{store.enabled ? 1u : 0u});
    w.family("signalbox_store_up", "gauge",
             "1 when the request log's last write succeeded (or none was needed).");
    w.sample("signalbox_store_up", {}, quint64{store.healthy ? 1u : 0u});
    w.family("signalbox_store_queue_depth", "gauge",
             "Request records accepted but not yet written to the log.");
    w.sample("signalbox_store_queue_depth", {}, counter(store.queued));
    w.family("signalbox_store_written_records_total", "counter",
             "Request records committed to the log.");
    w.sample("signalbox_store_written_records_total", {}, counter(store.written));
    w.family("signalbox_store_dropped_records_total", "counter",
             "Request records lost: the log was unwritable, full or failing.");
    w.sample("signalbox_store_dropped_records_total", {}, counter(store.dropped));
    w.family("signalbox_otlp_dropped_spans_total", "counter",
             "Trace spans not delivered to the OpenTelemetry collector.");
    w.sample("signalbox_otlp_dropped_spans_total", {}, counter(otlpDroppedSpans));
}

}  // namespace signalbox
