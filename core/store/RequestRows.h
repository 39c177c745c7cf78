#pragma once

#include "store/RequestRecord.h"
#include "store/SqliteStatement.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <memory>

namespace signalbox {

// Writes records as rows of `requests` (with their tags and bodies) and adds each to the
// hourly rollups (see StoreSchema), in the caller's transaction, through statements
// prepared once per connection. Every value is a bound parameter. Inserting a record
// whose id is already there does nothing, to the rollups neither: the journal may hand
// the same record over twice after a crash. virtual_key_spend is kept the same way, but
// trimRollups() leaves it alone: budgets count beyond retention.
//
// The rollups are added up in memory and written by flush(), one statement per hour and
// grain touched rather than per row: the caller flushes before it commits, and discards
// after a rollback. Deltas never flushed are lost with the object: the rows they count
// were written in a transaction that must also hold them.
class RequestRows {
public:
    static constexpr qint64 kHourMs = 3'600'000;
    static constexpr qint64 kDayMs = 86'400'000;

    explicit RequestRows(QSqlDatabase& db);
    ~RequestRows();
    RequestRows(const RequestRows&) = delete;
    RequestRows& operator=(const RequestRows&) = delete;

    // False with error() set when the statements cannot be prepared or a row not written.
    bool prepare();
    bool insert(const RequestRecord& record);
    // Writes the rollup shares of the rows inserted since the last flush or discard.
    bool flush();
    // Forgets them: their rows were rolled back.
    void discard();
    // Makes the rollups agree with `requests` again after retention deleted the rows that
    // started before `cutoffMs`: drops the hours before the one holding the cutoff and
    // sums that hour again from the rows left. In a transaction of its own.
    bool trimRollups(qint64 cutoffMs);
    // Sums the hours that [fromMs, toMs) touches again from the rows, replacing what the
    // rollups held for them, as the writer would have left them had it inserted those
    // rows itself (latency parts included): for files whose rows came in by other means
    // (bulk loads, tools). virtual_key_spend is left alone: it counts what retention
    // deleted. In a transaction of its own; needs no prepare().
    bool rebuildRollups(qint64 fromMs, qint64 toMs);
    const QString& error() const { return error_; }
    // The last failed insert was the record's fault (a constraint or a value too big), not
    // the database's: skipping it lets the rest through.
    bool recordAtFault() const { return recordAtFault_; }

    // The trail as the `trail` column holds it: a JSON array of objects with target,
    // key, outcome, start_ms, duration_ms, error, called.
    static QByteArray trailJson(const std::vector<Attempt>& attempts);
    // The start (Unix ms) of the hour holding `ms`, as the rollups' `hour` column.
    static qint64 hourOf(qint64 ms);
    // The start (Unix ms) of the UTC day holding `ms`, as virtual_key_spend's `day`.
    static qint64 dayOf(qint64 ms);

private:
    struct Pending;
    bool flushLatencies();
    bool failed(const QSqlQuery& q);

    QString connection_;  // a QSqlDatabase kept here would outlive its removal
    sqlite3* handle_ = nullptr;
    // Per row: SQLite's own statements (see SqliteStatement).
    SqliteStatement request_;
    SqliteStatement tag_;
    SqliteStatement body_;
    QSqlQuery hourly_;      // one per rollup table: adds a key's pending sums
    QSqlQuery keys_;        //
    QSqlQuery tagged_;      //
    QSqlQuery readPart_;    // part 0 of request_latency_hourly for a key
    QSqlQuery writePart_;   // sets part 0
    QSqlQuery appendPart_;  // a full part after the last
    QSqlQuery spend_;       // adds to a key's day in virtual_key_spend
    std::unique_ptr<Pending> pending_;
    QString error_;
    bool recordAtFault_ = false;
};

}  // namespace signalbox
