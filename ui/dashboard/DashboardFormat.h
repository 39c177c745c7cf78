#pragma once

#include <QCoreApplication>
#include <QString>

namespace signalbox {

// How the dashboard writes its numbers, in the user's locale.
class DashboardFormat {
    Q_DECLARE_TR_FUNCTIONS(signalbox::DashboardFormat)
public:
    // "$12.34"; fractions of a cent with the digits that tell them apart ("$0.00042").
    static QString money(double usd);
    static QString count(qint64 n);
    // "12.5%" of a share between 0 and 1.
    static QString percent(double share);
    // "812 ms", "12.3 s"; "–" for a value that is not there (negative).
    static QString duration(qint64 ms);
};

}  // namespace signalbox
