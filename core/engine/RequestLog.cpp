#include "engine/RequestLog.h"

#include "config/Config.h"
#include "engine/ProxySnapshot.h"
#include "engine/SecretMask.h"
#include "pricing/Pricing.h"
#include "store/RequestStore.h"
#include "telemetry/MetricsRegistry.h"
#include "telemetry/OtlpExporter.h"

#include <QPointer>

namespace signalbox {

RequestLog::RequestLog(const Clock& clock, QObject* parent)
    : QObject(parent),
      clock_(clock),
      metrics_(std::make_unique<MetricsRegistry>()),
      otlp_(std::make_unique<OtlpExporter>()) {}

RequestLog::~RequestLog() = default;

void RequestLog::open(const QString& dataDir) {
    if (store_)
        return;
    store_ = std::make_unique<RequestStore>(dataDir, clock_);
    QPointer<RequestLog> self(this);
    store_->setFailureHandler([self](const QString& problem) {
        // The store has said it on stderr already, where a server's operator reads it;
        // this tells the window.
        QMetaObject::invokeMethod(self, [self, problem] {
            if (self)
                emit self->storeProblem(problem);
        });
    });
    store_->start();
}

void RequestLog::configure(const Config& config) {
    if (store_)
        store_->configure(config.store);
    otlp_->reconfigure(config.telemetry);
}

void RequestLog::submit(RequestRecord& record, const ProxySnapshot& snapshot) {
    const Config& config = *snapshot.config;
    if ((!record.costUsd || record.cacheHit) && !record.target.isEmpty()) {
        // The target's label is "provider-id/model".
        const QString providerId =
            record.target.left(record.target.size() - record.model.size() - 1);
        const std::optional<double> cost =
            Pricing(config.pricing)
                .cost(providerId, record.providerKind, record.model, record.inputTokens,
                      record.cachedInputTokens, record.cacheWriteTokens, record.outputTokens);
        if (record.cacheHit) {
            // Nobody was called: the answer's price is what the hit saved.
            record.cacheSavedUsd = cost;
            record.costUsd = 0.0;
        } else {
            record.costUsd = cost;
            if (!cost && store_)
                store_->noteUnpriced();
        }
    }
    // Providers quote keys in their errors ("Incorrect API key provided: …").
    SecretMask::apply(record.error, snapshot);
    for (Attempt& attempt : record.attempts)
        SecretMask::apply(attempt.error, snapshot);
    if (config.store.logBodies) {
        record.requestBody = keptBody(record.requestBody, config.store.maxBodyBytes, snapshot);
        record.responseBody = keptBody(record.responseBody, config.store.maxBodyBytes, snapshot);
    } else {
        record.requestBody.clear();
        record.responseBody.clear();
    }
    requests_.fetch_add(1, std::memory_order_relaxed);
    if (!record.ok())
        errors_.fetch_add(1, std::memory_order_relaxed);
    metrics_->observe(record);
    otlp_->submit(record);
    if (store_)
        store_->submit(record);  // a copy: the caller reads the cost priced here
}

QByteArray RequestLog::keptBody(QByteArrayView body, int maxBytes, const ProxySnapshot& snapshot) {
    if (body.isEmpty() || maxBytes <= 0)
        return {};
    // Masked before it is cut, so that no key is cut in two and half of it kept.
    QByteArray kept = body.toByteArray();
    SecretMask::apply(kept, snapshot);
    if (kept.size() > maxBytes) {
        // Cut on a character boundary: the column is text.
        qsizetype end = maxBytes;
        while (end > 0 && (static_cast<uchar>(kept[end]) & 0xC0) == 0x80)
            --end;
        kept.truncate(end);
    }
    return kept;
}

void RequestLog::renderMetrics(QByteArray& out) const {
    metrics_->render(out, storeStats(), otlp_->dropped());
}

StoreStats RequestLog::storeStats() const {
    return store_ ? store_->stats() : StoreStats{};
}

}  // namespace signalbox
