#include "store/VirtualKeyStore.h"

#include "store/StoreConnection.h"
#include "store/StoreSchema.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace signalbox {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("VirtualKeyStore", text);
}

void setError(QString* error, const QString& text) {
    if (error)
        *error = text;
}

const QString kColumns = QStringLiteral(
    "id, name, hash, hint, routes, budget_usd, budget_period, rpm, tpm, created_at, "
    "expires_at, revoked_at");

QString periodText(BudgetPeriod period) {
    switch (period) {
        case BudgetPeriod::Day:
            return QStringLiteral("day");
        case BudgetPeriod::Month:
            return QStringLiteral("month");
        case BudgetPeriod::Total:
            return QStringLiteral("total");
    }
    return QStringLiteral("month");
}

std::optional<BudgetPeriod> periodOf(const QString& text) {
    if (text == QLatin1String("day"))
        return BudgetPeriod::Day;
    if (text == QLatin1String("month"))
        return BudgetPeriod::Month;
    if (text == QLatin1String("total"))
        return BudgetPeriod::Total;
    return std::nullopt;
}

QString routesJson(const QStringList& routes) {
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(routes)).toJson(QJsonDocument::Compact));
}

// 0 (never, none) is NULL in the table.
QVariant timeOrNull(qint64 ms) {
    return ms != 0 ? QVariant(ms) : QVariant(QMetaType(QMetaType::LongLong));
}

// A row in kColumns' order; nullopt with *error when a hand-edited file holds what no
// Signalbox writes: the gateway must not guess a key's limits.
std::optional<VirtualKey> readKey(const QSqlQuery& q, QString* error) {
    VirtualKey k;
    k.id = q.value(0).toString();
    k.name = q.value(1).toString();
    k.hash = q.value(2).toString().toLatin1();
    k.hint = q.value(3).toString();
    const QJsonDocument routes = QJsonDocument::fromJson(q.value(4).toString().toUtf8());
    if (!routes.isArray()) {
        setError(error, tr("virtual key %1: its routes are not a JSON array").arg(k.id));
        return std::nullopt;
    }
    for (const QJsonValue& route : routes.array()) {
        if (!route.isString()) {
            setError(error, tr("virtual key %1: a route is not a string").arg(k.id));
            return std::nullopt;
        }
        k.routes.append(route.toString());
    }
    if (!q.value(5).isNull())
        k.budgetUsd = q.value(5).toDouble();
    const std::optional<BudgetPeriod> period = periodOf(q.value(6).toString());
    if (!period) {
        setError(
            error,
            tr("virtual key %1: unknown budget period \"%2\"").arg(k.id, q.value(6).toString()));
        return std::nullopt;
    }
    k.period = *period;
    k.rpm = q.value(7).toInt();
    k.tpm = q.value(8).toInt();
    k.createdAtMs = q.value(9).toLongLong();
    k.expiresAtMs = q.value(10).toLongLong();  // NULL reads as 0: never
    k.revokedAtMs = q.value(11).toLongLong();
    return k;
}

// Prepares and runs `sql` with `values` bound in order; nullopt with *error when it
// fails (or the store is not open).
std::optional<QSqlQuery> run(StoreConnection* db, const QString& sql, const QVariantList& values,
                             QString* error) {
    if (!db) {
        setError(error, tr("the virtual keys are not open"));
        return std::nullopt;
    }
    QSqlQuery q(db->db());
    q.setForwardOnly(true);
    if (!q.prepare(sql)) {
        setError(error, q.lastError().text());
        return std::nullopt;
    }
    for (qsizetype i = 0; i < values.size(); ++i)
        q.bindValue(int(i), values[i]);
    if (!q.exec()) {
        setError(error, q.lastError().text());
        return std::nullopt;
    }
    return q;
}

bool exists(StoreConnection* db, const QString& column, const QVariant& value) {
    std::optional<QSqlQuery> q =
        run(db, QStringLiteral("SELECT 1 FROM virtual_keys WHERE %1 = ?").arg(column), {value},
            nullptr);
    return q && q->next();
}

}  // namespace

VirtualKeyStore::VirtualKeyStore(const QString& databasePath) : path_(databasePath) {}

VirtualKeyStore::~VirtualKeyStore() = default;

bool VirtualKeyStore::open(QString* error) {
    QDir().mkpath(QFileInfo(path_).absolutePath());
    auto connection = std::make_unique<StoreConnection>(path_, QStringLiteral("keys"));
    QString why;
    if (!connection->open()) {
        why = connection->error();
    } else if (StoreSchema::migrate(connection->db(), &why)) {
        db_ = std::move(connection);
        return true;
    }
    setError(error, tr("the virtual keys in %1 cannot be opened: %2")
                        .arg(QDir::toNativeSeparators(path_), why));
    return false;
}

bool VirtualKeyStore::insert(const VirtualKey& key, QString* error) {
    if (key.id.isEmpty() || key.hash.isEmpty()) {
        setError(error, tr("a virtual key needs an id and the hash of its secret"));
        return false;
    }
    const QVariantList values = {
        key.id,
        key.name,
        QString::fromLatin1(key.hash),
        key.hint,
        routesJson(key.routes),
        key.budgetUsd ? QVariant(*key.budgetUsd) : QVariant(QMetaType(QMetaType::Double)),
        periodText(key.period),
        key.rpm,
        key.tpm,
        key.createdAtMs,
        timeOrNull(key.expiresAtMs),
        timeOrNull(key.revokedAtMs)};
    QString why;
    if (run(db_.get(),
            QStringLiteral("INSERT INTO virtual_keys (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                           "?, ?)")
                .arg(kColumns),
            values, &why))
        return true;
    // Say which unique column refused it, in words an admin can act on.
    if (exists(db_.get(), QStringLiteral("hash"), QString::fromLatin1(key.hash)))
        why = tr("another virtual key has the same secret");
    else if (exists(db_.get(), QStringLiteral("id"), key.id))
        why = tr("a virtual key with id %1 exists already").arg(key.id);
    setError(error, why);
    return false;
}

bool VirtualKeyStore::update(const VirtualKey& key, QString* error) {
    const std::optional<QSqlQuery> q =
        run(db_.get(),
            QStringLiteral("UPDATE virtual_keys SET name = ?, routes = ?, budget_usd = ?, "
                           "budget_period = ?, rpm = ?, tpm = ?, expires_at = ? WHERE id = ?"),
            {key.name, routesJson(key.routes),
             key.budgetUsd ? QVariant(*key.budgetUsd) : QVariant(QMetaType(QMetaType::Double)),
             periodText(key.period), key.rpm, key.tpm, timeOrNull(key.expiresAtMs), key.id},
            error);
    if (!q)
        return false;
    if (q->numRowsAffected() == 0) {
        setError(error, tr("no virtual key has id %1").arg(key.id));
        return false;
    }
    return true;
}

bool VirtualKeyStore::revoke(const QString& id, qint64 atMs, QString* error) {
    const std::optional<QSqlQuery> q =
        run(db_.get(),
            QStringLiteral(
                "UPDATE virtual_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL"),
            {atMs, id}, error);
    if (!q)
        return false;
    if (q->numRowsAffected() > 0 || exists(db_.get(), QStringLiteral("id"), id))
        return true;
    setError(error, tr("no virtual key has id %1").arg(id));
    return false;
}

std::optional<std::vector<VirtualKey>> VirtualKeyStore::all(QString* error) {
    std::optional<QSqlQuery> q =
        run(db_.get(),
            QStringLiteral("SELECT %1 FROM virtual_keys ORDER BY created_at, id").arg(kColumns), {},
            error);
    if (!q)
        return std::nullopt;
    std::vector<VirtualKey> keys;
    while (q->next()) {
        std::optional<VirtualKey> key = readKey(*q, error);
        if (!key)
            return std::nullopt;
        keys.push_back(std::move(*key));
    }
    if (q->lastError().isValid()) {
        setError(error, q->lastError().text());
        return std::nullopt;
    }
    return keys;
}

std::optional<VirtualKey> VirtualKeyStore::find(const QString& id, QString* error) {
    setError(error, QString());
    std::optional<QSqlQuery> q =
        run(db_.get(), QStringLiteral("SELECT %1 FROM virtual_keys WHERE id = ?").arg(kColumns),
            {id}, error);
    if (!q)
        return std::nullopt;
    if (!q->next()) {
        if (q->lastError().isValid())
            setError(error, q->lastError().text());
        return std::nullopt;
    }
    return readKey(*q, error);
}

std::optional<qint64> VirtualKeyStore::version(QString* error) {
    std::optional<QSqlQuery> q =
        run(db_.get(), QStringLiteral("SELECT value FROM store_meta WHERE name = 'keys_version'"),
            {}, error);
    if (!q)
        return std::nullopt;
    if (!q->next()) {
        setError(error, q->lastError().isValid() ? q->lastError().text()
                                                 : tr("the file has no keys_version"));
        return std::nullopt;
    }
    return q->value(0).toLongLong();
}

std::optional<std::map<QString, KeySpend>> VirtualKeyStore::spend(qint64 fromMs, qint64 toMs,
                                                                  QString* error) {
    QString sql = QStringLiteral(
        "SELECT virtual_key_id, sum(requests), total(cost_usd), sum(input_tokens), "
        "sum(output_tokens) FROM virtual_key_spend WHERE day >= ?");
    QVariantList values = {fromMs};
    if (toMs != 0) {
        sql += QStringLiteral(" AND day < ?");
        values.append(toMs);
    }
    sql += QStringLiteral(" GROUP BY virtual_key_id");
    std::optional<QSqlQuery> q = run(db_.get(), sql, values, error);
    if (!q)
        return std::nullopt;
    std::map<QString, KeySpend> out;
    while (q->next()) {
        KeySpend& s = out[q->value(0).toString()];
        s.requests = q->value(1).toLongLong();
        s.costUsd = q->value(2).toDouble();
        s.inputTokens = q->value(3).toLongLong();
        s.outputTokens = q->value(4).toLongLong();
    }
    if (q->lastError().isValid()) {
        setError(error, q->lastError().text());
        return std::nullopt;
    }
    return out;
}

}  // namespace signalbox
