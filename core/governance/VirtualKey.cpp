#include "governance/VirtualKey.h"

namespace signalbox {

QString budgetPeriodName(BudgetPeriod period) {
    switch (period) {
        case BudgetPeriod::Day:
            return QStringLiteral("day");
        case BudgetPeriod::Month:
            return QStringLiteral("month");
        case BudgetPeriod::Total:
            break;
    }
    return QStringLiteral("total");
}

std::optional<BudgetPeriod> budgetPeriodFromName(QStringView name) {
    for (const BudgetPeriod p : {BudgetPeriod::Day, BudgetPeriod::Month, BudgetPeriod::Total}) {
        if (name == budgetPeriodName(p))
            return p;
    }
    return std::nullopt;
}

}  // namespace signalbox
