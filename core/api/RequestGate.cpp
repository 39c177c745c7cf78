#include "api/RequestGate.h"

#include "api/CallRecorder.h"
#include "api/ClientRequest.h"
#include "engine/ProxySnapshot.h"
#include "governance/CacheKey.h"
#include "governance/CachedAnswer.h"
#include "governance/Governance.h"
#include "governance/KeyDirectory.h"
#include "governance/KeySecret.h"
#include "governance/Redactor.h"
#include "governance/ResponseCache.h"
#include "http/HttpHeaders.h"
#include "pricing/Pricing.h"
#include "routing/Clock.h"
#include "routing/RoutePlan.h"

#include <QCoreApplication>
#include <QDateTime>

#include <cmath>

namespace signalbox {

namespace {
QString tr(const char* text) {
    return QCoreApplication::translate("RequestGate", text);
}

// The most a client may ask an answer to be cached for.
constexpr qint64 kMaxCacheTtlSeconds = 30LL * 24 * 3600;

// A refused key, in OpenAI's words for it (type invalid_request_error, as OpenAI sends).
ApiError unauthorized(const QString& message) {
    ApiError error = ApiError::of(401, ApiError::Kind::Authentication, "invalid_api_key", message);
    error.openAiType = "invalid_request_error";
    return error;
}

QString dateText(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

QString keyName(const VirtualKey& key) {
    return QStringLiteral("'%1' (%2)").arg(key.name, KeySecret::masked(key.hint));
}

QString dollars(double usd) {
    return QStringLiteral("$") + QString::number(usd, 'f', usd < 1 ? 4 : 2);
}

QString seconds(qint64 ms) {
    return QString::number(std::max<qint64>(1, (ms + 999) / 1000));
}

// Routes by name, models by "provider/model" or every model of a provider by "provider/*".
bool allows(const QStringList& allowed, const QString& model) {
    if (allowed.isEmpty())
        return true;
    for (const QString& entry : allowed) {
        if (entry == model)
            return true;
        if (entry.endsWith(QLatin1String("/*")) && model.startsWith(entry.chopped(1)))
            return true;
    }
    return false;
}

RedactionKinds kindsOf(const QStringList& names) {
    RedactionKinds kinds;
    for (const QString& name : names) {
        if (const auto kind = redactionKindFromName(name))
            kinds.insert(*kind);
    }
    return kinds;
}

std::optional<qint64> cacheTtlSeconds(const HttpHeaders& headers, qint64 fallback) {
    const QByteArrayView asked = headers.value("x-signalbox-cache-ttl");
    if (asked.isEmpty())
        return fallback;
    bool ok = false;
    const qint64 ttl = asked.trimmed().toLongLong(&ok);
    if (!ok || ttl < 1 || ttl > kMaxCacheTtlSeconds)
        return std::nullopt;
    return ttl;
}
}  // namespace

QByteArrayView RequestGate::presentedKey(const HttpHeaders& headers) {
    const QByteArrayView apiKey = headers.value("x-api-key").trimmed();
    if (!apiKey.isEmpty())
        return apiKey;
    const QByteArrayView authorization = headers.value("authorization").trimmed();
    if (authorization.size() > 7 &&
        authorization.first(7).compare("bearer ", Qt::CaseInsensitive) == 0)
        return authorization.sliced(7).trimmed();
    return {};
}

std::optional<ApiError> RequestGate::identify(const HttpHeaders& headers, const Config& config,
                                              CallGovernance& out) const {
    const QByteArrayView presented = presentedKey(headers);
    if (!KeySecret::looksVirtual(presented)) {
        if (!config.governance.keysRequired(config.listen))
            return std::nullopt;
        return unauthorized(
            tr("This gateway needs a virtual key (sbk-…): send it as "
               "'Authorization: Bearer sbk-…' (the api_key of OpenAI SDKs) or as "
               "'x-api-key' (Anthropic SDKs). Its administrator can create one."));
    }
    const auto entry = governance_.keys().find(presented);
    if (!entry) {
        // Nothing of what was presented is said back: it may be someone's secret.
        return unauthorized(
            tr("The virtual key presented is not known to this gateway. Check that "
               "it was copied whole, or ask for a new one."));
    }
    const VirtualKey& key = entry->key;
    out.key = entry;
    if (key.revoked()) {
        return unauthorized(tr("The virtual key %1 was revoked on %2. Ask for a new one.")
                                .arg(keyName(key), dateText(key.revokedAtMs)));
    }
    if (key.expired(clock_.wallMs())) {
        return unauthorized(tr("The virtual key %1 expired on %2. Ask for a new one.")
                                .arg(keyName(key), dateText(key.expiresAtMs)));
    }
    return std::nullopt;
}

std::optional<ApiError> RequestGate::authorize(const CallGovernance& call,
                                               const ClientRequest& request) const {
    if (!call.key)
        return std::nullopt;
    const VirtualKey& key = call.key->key;
    QStringList asked{request.model};
    asked += request.fallbacks;
    for (const QString& model : asked) {
        if (!allows(key.routes, model)) {
            return ApiError::of(
                403, ApiError::Kind::PermissionDenied, "model_not_allowed",
                tr("The virtual key %1 may not use '%2'. It may use: %3.")
                    .arg(keyName(key), model, key.routes.join(QStringLiteral(", "))));
        }
    }
    return std::nullopt;
}

bool RequestGate::redact(ClientRequest& request, const ProxySnapshot& snapshot, CallGovernance& out,
                         ApiError& error) const {
    if (!snapshot.redacts)
        return true;
    const Config& config = *snapshot.config;
    const auto route = config.routes.find(request.model);
    const QStringList& names = route != config.routes.end() && route->second.redact
                                   ? *route->second.redact
                                   : config.governance.redact;
    if (names.isEmpty())
        return true;
    RedactionCounts counts;
    std::optional<QByteArray> masked = Redactor(kindsOf(names)).redactBody(request.body, counts);
    if (!masked)
        return true;
    out.redactions = counts.json();
    const QString model = request.model;
    const QStringList fallbacks = request.fallbacks;
    std::optional<ClientRequest> again = ClientRequest::read(std::move(*masked), error);
    if (!again) {
        request.body = QByteArray();
        return false;
    }
    // The fallback fields were taken out on the first read; the chain stays as read then.
    again->fallbacks = fallbacks;
    again->model = model;
    request = std::move(*again);
    return true;
}

std::optional<ApiError> RequestGate::admit(const ClientRequest& request, const RoutePlan& plan,
                                           const ProxySnapshot& snapshot,
                                           CallGovernance& out) const {
    if (!out.key)
        return std::nullopt;
    const VirtualKey& key = out.key->key;
    const Config& config = *snapshot.config;
    const qint64 prompt = CallRecorder::estimatePromptTokens(request.body);
    const qint64 output = request.maxOutputTokens >= 0
                              ? request.maxOutputTokens
                              : qint64(config.governance.budgetOutputTokens);
    // The estimate is about four bytes a token; dense text (code, CJK) runs closer to two,
    // so the reservation takes that: settling gives back what was not used.
    const qint64 promptCeiling = 2 * prompt;
    double ceiling = 0;
    if (key.budgetUsd) {
        const Pricing pricing(config.pricing);
        for (const auto* targets :
             {&plan.targets, &plan.contextWindowTargets, &plan.contentPolicyTargets}) {
            for (const ResolvedTarget& target : *targets) {
                const auto price =
                    pricing.find(target.provider->id, target.provider->kind, target.model);
                if (!price) {
                    return ApiError::of(
                        403, ApiError::Kind::PermissionDenied, "model_not_priced",
                        tr("The virtual key %1 has a budget, and '%2' has no price, so what it "
                           "costs cannot be counted. Add its price under 'pricing:' in the "
                           "config, or use a priced model.")
                            .arg(keyName(key), target.label()));
                }
                ceiling = std::max({ceiling, price->cost(promptCeiling, 0, 0, output),
                                    price->cost(promptCeiling, 0, promptCeiling, output)});
            }
        }
    }
    // Tokens per minute count as OpenAI counts them on admission: the prompt's estimate and
    // the output asked for; the real count replaces them when the call ends.
    const qint64 tokens = prompt + std::max<qint64>(0, request.maxOutputTokens);
    const Admission admission = out.key->meter->admit(tokens, ceiling);
    out.requests = admission.requests;
    out.tokens = admission.tokens;
    if (admission.admitted()) {
        out.ticket = admission.ticket;
        return std::nullopt;
    }
    ApiError error = ApiError::of(429, ApiError::Kind::RateLimited, "rate_limit_exceeded", {});
    if (admission.retryAfterMs >= 0)
        error.retryAfter = seconds(admission.retryAfterMs).toLatin1();
    switch (admission.refusal) {
        case MeterRefusal::Requests:
            error.openAiType = "requests";
            error.message = tr("The virtual key %1 is over its limit of %2 requests per minute; "
                               "try again in %3 s.")
                                .arg(keyName(key))
                                .arg(key.rpm)
                                .arg(seconds(admission.retryAfterMs));
            break;
        case MeterRefusal::Tokens:
            error.openAiType = "tokens";
            error.message =
                admission.retryAfterMs < 0
                    ? tr("This request counts about %1 tokens with its output limit, more than "
                         "the %2 tokens per minute the virtual key %3 may use. Lower "
                         "max_tokens or shorten the prompt.")
                          .arg(tokens)
                          .arg(key.tpm)
                          .arg(keyName(key))
                    : tr("The virtual key %1 is over its limit of %2 tokens per minute (this "
                         "request counts about %3 with its output limit); try again in %4 s.")
                          .arg(keyName(key))
                          .arg(key.tpm)
                          .arg(tokens)
                          .arg(seconds(admission.retryAfterMs));
            break;
        case MeterRefusal::Budget: {
            error.code = "insufficient_quota";
            error.openAiType = "insufficient_quota";
            const QString period = key.period == BudgetPeriod::Day     ? tr("daily")
                                   : key.period == BudgetPeriod::Month ? tr("monthly")
                                                                       : tr("total");
            const QString resets =
                admission.budgetResetAtMs > 0
                    ? tr("It resets at %1.").arg(dateText(admission.budgetResetAtMs))
                    : tr("It does not reset; its administrator can raise it.");
            error.message = tr("The virtual key %1 is over its %2 budget of %3: %4 spent and "
                               "%5 reserved by requests under way, and this one may cost up to "
                               "%6. %7")
                                .arg(keyName(key), period, dollars(admission.budgetUsd),
                                     dollars(admission.spentUsd), dollars(admission.reservedUsd),
                                     dollars(ceiling), resets);
            break;
        }
        case MeterRefusal::None:
            break;
    }
    return error;
}

std::shared_ptr<const CachedAnswer> RequestGate::lookup(QByteArrayView surface,
                                                        const ClientRequest& request,
                                                        const HttpHeaders& headers,
                                                        const Config& config,
                                                        CallGovernance& out) const {
    out.cache = CallGovernance::Cache::Bypass;
    if (!config.cache.enabled || (surface != "openai.chat" && surface != "anthropic.messages"))
        return nullptr;
    const QByteArrayView control = headers.value("cache-control");
    const QByteArrayView asked = headers.value("x-signalbox-cache").trimmed();
    if (control.contains("no-store") || asked == "off" || asked == "no-store" ||
        asked == "bypass") {
        return nullptr;
    }
    const auto ttl = cacheTtlSeconds(headers, config.cache.ttlSeconds);
    const std::optional<QByteArray> key =
        CacheKey::of(surface, out.key ? QStringView(out.key->key.id) : QStringView(), request.body);
    if (!ttl || !key)
        return nullptr;
    out.cache = CallGovernance::Cache::Miss;
    out.cacheKey = *key;
    out.cacheTtlMs = *ttl * 1000;
    // no-cache: answer afresh, and keep that answer.
    if (control.contains("no-cache") || asked == "refresh")
        return nullptr;
    auto answer = governance_.cache().find(*key);
    if (answer)
        out.cache = CallGovernance::Cache::Hit;
    return answer;
}

}  // namespace signalbox
