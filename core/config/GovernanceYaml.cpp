#include "config/GovernanceYaml.h"

#include "config/ConfigLoader.h"
#include "governance/Redaction.h"
#include "secrets/KeyResolver.h"

#include <QUrl>

namespace signalbox::yaml {

namespace {
// More output than any model writes in one answer is a typo.
constexpr int kMaxBudgetOutputTokens = 10'000'000;

QStringList readHosts(const Entry& entry, const QString& where) {
    QStringList hosts;
    for (const YAML::Node& item : readList(entry, where, true)) {
        const QString host = scalarText(item).trimmed().toLower();
        if (!item.IsScalar() || host.isEmpty() || host.contains(QLatin1Char('/')) ||
            host.contains(QLatin1Char(' '))) {
            refuse(item, within(where, ConfigLoader::tr("'allowed_hosts' takes host names such "
                                                        "as gateway.example.com, got %1")
                                           .arg(describe(item))));
        }
        hosts += host;
    }
    return hosts;
}

QStringList readOrigins(const Entry& entry, const QString& where) {
    QStringList origins;
    for (const YAML::Node& item : readList(entry, where, true)) {
        const QString text = scalarText(item).trimmed();
        const QUrl url(text, QUrl::StrictMode);
        const bool ok =
            item.IsScalar() && url.isValid() &&
            (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https")) &&
            !url.host().isEmpty() && (url.path().isEmpty() || url.path() == u"/") &&
            !url.hasQuery() && !url.hasFragment();
        if (!ok) {
            refuse(item, within(where, ConfigLoader::tr("'allowed_origins' takes browser origins "
                                                        "such as http://localhost:3000 (scheme, "
                                                        "host and port only), got %1")
                                           .arg(describe(item))));
        }
        origins += url.toString(QUrl::RemovePath | QUrl::StripTrailingSlash).toLower();
    }
    return origins;
}
}  // namespace

QStringList readRedactKinds(const Entry& entry, const QString& where) {
    QStringList kinds;
    for (const YAML::Node& item : readList(entry, where, true)) {
        const QString name = scalarText(item).trimmed().toLower();
        if (!item.IsScalar() || !redactionKindFromName(name)) {
            refuse(item, within(where, ConfigLoader::tr("'redact' takes a list of: email, "
                                                        "phone, card, iban, secret; got %1")
                                           .arg(describe(item))));
        }
        if (!kinds.contains(name))
            kinds += name;
    }
    return kinds;
}

GovernanceConfig readGovernance(const Entry& section) {
    const QString where = ConfigLoader::tr("section 'governance'");
    GovernanceConfig governance;
    for (const Entry& entry :
         mapEntries(section,
                    {QStringLiteral("require_keys"), QStringLiteral("admin_token"),
                     QStringLiteral("allowed_hosts"), QStringLiteral("allowed_origins"),
                     QStringLiteral("redact"), QStringLiteral("budget_output_tokens")},
                    where)) {
        if (entry.name == QLatin1String("require_keys")) {
            governance.requireKeys = readBool(entry, where);
        } else if (entry.name == QLatin1String("admin_token")) {
            const QString ref = entry.value.IsScalar() ? scalarText(entry.value) : QString();
            QString scheme;
            if (!KeyResolver::splitRef(ref, &scheme, nullptr) ||
                !QStringList{QStringLiteral("env"), QStringLiteral("keychain"),
                             QStringLiteral("file")}
                     .contains(scheme)) {
                // Never quoted back: it may be the token pasted in place of a reference.
                refuse(blame(entry),
                       within(where, ConfigLoader::tr("'admin_token' must be a key reference "
                                                      "(env:NAME, keychain:NAME or file:PATH), "
                                                      "got %1")
                                         .arg(describe(entry.value, false))));
            }
            governance.adminTokenRef = ref;
        } else if (entry.name == QLatin1String("allowed_hosts")) {
            governance.allowedHosts = readHosts(entry, where);
        } else if (entry.name == QLatin1String("allowed_origins")) {
            governance.allowedOrigins = readOrigins(entry, where);
        } else if (entry.name == QLatin1String("redact")) {
            governance.redact = readRedactKinds(entry, where);
        } else {
            governance.budgetOutputTokens = readInt(entry, where, 1, kMaxBudgetOutputTokens);
        }
    }
    return governance;
}

void writeGovernance(YAML::Emitter& out, const GovernanceConfig& governance) {
    const GovernanceConfig defaults;
    if (governance == defaults)
        return;
    out << YAML::Key << "governance" << YAML::Value << YAML::BeginMap;
    if (governance.requireKeys)
        out << YAML::Key << "require_keys" << YAML::Value << *governance.requireKeys;
    if (!governance.adminTokenRef.isEmpty())
        out << YAML::Key << "admin_token" << YAML::Value << governance.adminTokenRef;
    for (const auto& [key, list] : {std::pair{"allowed_hosts", &governance.allowedHosts},
                                    std::pair{"allowed_origins", &governance.allowedOrigins},
                                    std::pair{"redact", &governance.redact}}) {
        if (list->isEmpty())
            continue;
        out << YAML::Key << key << YAML::Value << YAML::Flow << YAML::BeginSeq;
        for (const QString& item : *list)
            out << item;
        out << YAML::EndSeq;
    }
    if (governance.budgetOutputTokens != defaults.budgetOutputTokens) {
        out << YAML::Key << "budget_output_tokens" << YAML::Value << governance.budgetOutputTokens;
    }
    out << YAML::EndMap;
}

}  // namespace signalbox::yaml
