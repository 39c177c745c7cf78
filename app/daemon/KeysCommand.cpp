#include "KeysCommand.h"

#include "governance/KeyDirectory.h"
#include "governance/KeyJson.h"
#include "governance/KeySecret.h"
#include "governance/KeyService.h"
#include "json/Json.h"
#include "routing/Clock.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QEventLoop>
#include <QStandardPaths>

#include <cstdio>

namespace signalbox {

namespace {
QString tr(const char* text) {
    return QCoreApplication::translate("signalboxd keys", text);
}

void out(const QString& text) {
    std::fprintf(stdout, "%s\n", qPrintable(text));
}

int fail(const QString& text) {
    std::fprintf(stderr, "signalboxd keys: %s\n", qPrintable(text));
    return 1;
}

// Runs one KeyService call to its answer.
template <typename T, typename Start>
std::optional<T> await(Start start, QString* error) {
    QEventLoop loop;
    std::optional<T> result;
    start(&loop, [&](std::optional<T> answer, const QString& why) {
        result = std::move(answer);
        *error = why;
        loop.quit();
    });
    loop.exec();
    return result;
}

const KeySpend& periodSpend(const KeyReport& r) {
    switch (r.key.period) {
        case BudgetPeriod::Day:
            return r.today;
        case BudgetPeriod::Month:
            return r.month;
        case BudgetPeriod::Total:
            break;
    }
    return r.total;
}

QString row(const KeyReport& r, qint64 now) {
    const VirtualKey& k = r.key;
    const QString budget = k.budgetUsd ? QStringLiteral("$%1/%2 ($%3 used)")
                                             .arg(*k.budgetUsd, 0, 'f', 2)
                                             .arg(budgetPeriodName(k.period))
                                             .arg(periodSpend(r).costUsd, 0, 'f', 4)
                                       : tr("no budget");
    const QString limits = QStringLiteral("rpm %1, tpm %2")
                               .arg(k.rpm > 0 ? QString::number(k.rpm) : QStringLiteral("-"),
                                    k.tpm > 0 ? QString::number(k.tpm) : QStringLiteral("-"));
    return QStringLiteral("%1  %2  %3  %4  %5  %6  %7")
        .arg(k.id, KeySecret::masked(k.hint), KeyJson::status(k, now).leftJustified(7), k.name,
             budget, limits,
             k.routes.isEmpty() ? tr("all models") : k.routes.join(QLatin1Char(',')));
}

void print(const std::vector<KeyReport>& reports, bool json, qint64 now) {
    if (json) {
        Json data = Json::array();
        for (const KeyReport& r : reports)
            data.append(KeyJson::toJson(r, now));
        out(QString::fromUtf8(data.serialize()));
        return;
    }
    for (const KeyReport& r : reports)
        out(row(r, now));
}
}  // namespace

int runKeysCommand(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Manage virtual keys in the data dir's database:\n"
           "  keys create --name NAME [settings]   a new key; its secret is shown once\n"
           "  keys list                            every key, with its use\n"
           "  keys usage ID                        one key and what it used\n"
           "  keys update ID [settings]            changes a key's settings\n"
           "  keys revoke ID                       the key stops working at once"));
    parser.addHelpOption();
    const QCommandLineOption dataDir(QStringLiteral("data-dir"), tr("The gateway's data folder."),
                                     QStringLiteral("dir"));
    const QCommandLineOption name(QStringLiteral("name"), tr("Who or what uses the key."),
                                  QStringLiteral("name"));
    const QCommandLineOption routes(QStringLiteral("routes"),
                                    tr("Models it may use: routes, provider/model or "
                                       "provider/*, comma-separated; '' for all."),
                                    QStringLiteral("list"));
    const QCommandLineOption budget(QStringLiteral("budget"),
                                    tr("Budget in US dollars; 'none' removes it."),
                                    QStringLiteral("usd"));
    const QCommandLineOption period(QStringLiteral("period"),
                                    tr("What the budget counts: day, month (UTC) or total."),
                                    QStringLiteral("period"));
    const QCommandLineOption rpm(QStringLiteral("rpm"), tr("Requests per minute; 0: no limit."),
                                 QStringLiteral("n"));
    const QCommandLineOption tpm(QStringLiteral("tpm"), tr("Tokens per minute; 0: no limit."),
                                 QStringLiteral("n"));
    const QCommandLineOption expires(QStringLiteral("expires"),
                                     tr("When it stops working (RFC 3339); 'never'."),
                                     QStringLiteral("time"));
    const QCommandLineOption json(QStringLiteral("json"), tr("Answer in JSON."));
    parser.addOptions({dataDir, name, routes, budget, period, rpm, tpm, expires, json});
    parser.addPositionalArgument(QStringLiteral("keys"), tr("keys"));
    parser.addPositionalArgument(QStringLiteral("action"),
                                 tr("create, list, usage, update or revoke"));
    parser.addPositionalArgument(QStringLiteral("id"), tr("The key's id (vk_…)."));
    if (!parser.parse(arguments))
        return fail(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        out(parser.helpText());
        return 0;
    }
    const QStringList words = parser.positionalArguments();  // "keys", action, [id]
    const QString action = words.value(1);
    const QString id = words.value(2);

    // The settings given, in the admin API's words, so that both check them alike.
    Json settings = Json::object();
    if (parser.isSet(name))
        settings.set("name", parser.value(name));
    if (parser.isSet(routes)) {
        Json list = Json::array();
        for (const QString& r : parser.value(routes).split(QLatin1Char(','), Qt::SkipEmptyParts))
            list.append(r.trimmed());
        settings.set("routes", std::move(list));
    }
    if (parser.isSet(budget)) {
        bool ok = false;
        const double usd = parser.value(budget).toDouble(&ok);
        if (parser.value(budget) == u"none")
            settings.set("budget_usd", Json());
        else if (ok)
            settings.set("budget_usd", usd);
        else
            return fail(tr("--budget takes US dollars, e.g. 25 or 0.5, or 'none'."));
    }
    if (parser.isSet(period))
        settings.set("budget_period", parser.value(period));
    for (const auto* option : {&rpm, &tpm}) {
        if (!parser.isSet(*option))
            continue;
        bool ok = false;
        const qint64 n = parser.value(*option).toLongLong(&ok);
        if (!ok)
            return fail(tr("--%1 takes a whole number.").arg(option->names().constFirst()));
        settings.set(option->names().constFirst().toLatin1(), n);
    }
    if (parser.isSet(expires)) {
        const QString when = parser.value(expires);
        settings.set("expires_at", when == u"never" ? Json() : Json(when));
    }
    QString error;
    std::optional<KeyChanges> changes = KeyChanges::fromJson(settings, &error);
    if (!changes)
        return fail(error);

    const QString folder = parser.isSet(dataDir)
                               ? parser.value(dataDir)
                               : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    const Clock& clock = Clock::system();
    KeyDirectory directory(clock);
    KeyService service(directory, clock);
    service.open(QDir(folder).filePath(QStringLiteral("signalbox.db")), nullptr);
    const qint64 now = clock.wallMs();
    const bool asJson = parser.isSet(json);

    if (action == u"create") {
        const auto created = await<KeyReport>(
            [&](QObject* ctx, auto done) { service.create(*changes, ctx, done); }, &error);
        if (!created)
            return fail(error);
        if (asJson) {
            out(QString::fromUtf8(KeyJson::toJson(*created, now).serialize()));
        } else {
            out(QString::fromLatin1(created->secret));
            std::fprintf(stderr, "%s\n",
                         qPrintable(tr("Created %1 '%2'. The key above is shown this once: "
                                       "Signalbox keeps only its hash.")
                                        .arg(created->key.id, created->key.name)));
        }
        return 0;
    }
    if (action == u"list" || action == u"usage") {
        if (action == u"usage" && id.isEmpty())
            return fail(tr("usage needs a key id (signalboxd keys list shows them)."));
        const auto reports = await<std::vector<KeyReport>>(
            [&](QObject* ctx, auto done) { service.report(id, ctx, done); }, &error);
        if (!reports)
            return fail(error);
        print(*reports, asJson, now);
        return 0;
    }
    if (action == u"revoke" || action == u"update") {
        if (id.isEmpty())
            return fail(tr("%1 needs a key id (signalboxd keys list shows them).").arg(action));
        const auto changed = await<KeyReport>(
            [&](QObject* ctx, auto done) {
                if (action == u"revoke")
                    service.revoke(id, ctx, done);
                else
                    service.update(id, *changes, ctx, done);
            },
            &error);
        if (!changed)
            return fail(error);
        print({*changed}, asJson, now);
        return 0;
    }
    return fail(
        tr("unknown action '%1'; expected create, list, usage, update or revoke.").arg(action));
}

}  // namespace signalbox
