#include "dashboard/DashboardFormat.h"

#include <QLocale>

namespace signalbox {

QString DashboardFormat::money(double usd) {
    const int decimals = usd == 0 || usd >= 1 ? 2 : usd >= 0.01 ? 3 : 5;
    return tr("$%1").arg(QLocale().toString(usd, 'f', decimals));
}

QString DashboardFormat::count(qint64 n) {
    return QLocale().toString(n);
}

QString DashboardFormat::percent(double share) {
    const double p = share * 100;
    return tr("%1%").arg(QLocale().toString(p, 'f', p != 0 && p < 10 ? 1 : 0));
}

QString DashboardFormat::duration(qint64 ms) {
    if (ms < 0)
        return QStringLiteral("\u2013");
    if (ms < 10'000)
        return tr("%1 ms").arg(QLocale().toString(ms));
    return tr("%1 s").arg(QLocale().toString(double(ms) / 1000.0, 'f', 1));
}

}  // namespace signalbox
