#pragma once

#include "store/RequestRecord.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

namespace signalbox {

// Writes records as rows of `requests` (with their tags and bodies) through statements
// prepared once per connection. Every value is a bound parameter. Inserting a record
// whose id is already there does nothing: the journal may hand the same record over
// twice after a crash.
class RequestRows {
public:
    explicit RequestRows(QSqlDatabase& db);

    // False with error() set when the statements cannot be prepared or a row not written.
    bool prepare();
    bool insert(const RequestRecord& record);
    const QString& error() const { return error_; }
    // The last failed insert was the record's fault (a constraint or a value too big), not
    // the database's: skipping it lets the rest through.
    bool recordAtFault() const { return recordAtFault_; }

    // The trail as the `trail` column holds it: a JSON array of objects with target,
    // key, outcome, start_ms, duration_ms, error, called.
    static QByteArray trailJson(const std::vector<Attempt>& attempts);

private:
    QSqlQuery request_;
    QSqlQuery tag_;
    QSqlQuery body_;
    QString error_;
    bool recordAtFault_ = false;
};

}  // namespace signalbox
