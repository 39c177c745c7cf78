#include "virtualkeys/VirtualKeysModel.h"

#include "governance/KeySecret.h"

#include <QDateTime>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

#include <algorithm>

namespace signalbox {

namespace {

QString money(double usd) {
    // Cents hide what a few cheap requests cost; show more digits below a cent.
    if (usd > 0 && usd < 0.01)
        return QStringLiteral("$%1").arg(QLocale().toString(usd, 'f', 4));
    return QStringLiteral("$%1").arg(QLocale().toString(usd, 'f', 2));
}

QString when(qint64 ms) {
    const QLocale locale;
    return locale.toString(QDateTime::fromMSecsSinceEpoch(ms),
                           locale.dateFormat(QLocale::ShortFormat) + QStringLiteral(" HH:mm"));
}

QString count(qint64 n) {
    return QLocale().toString(n);
}

}  // namespace

VirtualKeysModel::VirtualKeysModel(QObject* parent) : QAbstractTableModel(parent) {}

void VirtualKeysModel::setReports(std::vector<KeyReport> reports, qint64 nowMs) {
    beginResetModel();
    reports_ = std::move(reports);
    for (KeyReport& report : reports_) {
        report.secret.fill('\0');
        report.secret.clear();
    }
    nowMs_ = nowMs;
    endResetModel();
}

const KeyReport* VirtualKeysModel::reportAt(int row) const {
    if (row < 0 || row >= static_cast<int>(reports_.size()))
        return nullptr;
    return &reports_[static_cast<size_t>(row)];
}

std::optional<int> VirtualKeysModel::rowOf(const QString& keyId) const {
    for (size_t row = 0; row < reports_.size(); ++row) {
        if (reports_[row].key.id == keyId)
            return static_cast<int>(row);
    }
    return std::nullopt;
}

int VirtualKeysModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(reports_.size());
}

int VirtualKeysModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant VirtualKeysModel::data(const QModelIndex& index, int role) const {
    const KeyReport* report = reportAt(index.row());
    if (!report || index.column() < 0 || index.column() >= ColumnCount)
        return {};
    const VirtualKey& key = report->key;
    switch (role) {
        case Qt::DisplayRole:
            return text(*report, index.column());
        case Qt::ToolTipRole:
            return toolTip(*report, index.column());
        case Qt::ForegroundRole:
            // Keys that no longer work step back, in the system palette's own muted colour.
            if (key.revoked() || key.expired(nowMs_))
                return QGuiApplication::palette().color(QPalette::PlaceholderText);
            return {};
        case BudgetFractionRole:
            if (!key.budgetUsd)
                return {};
            if (*key.budgetUsd <= 0)
                return 1.0;
            return spentInPeriod(*report) / *key.budgetUsd;
        case KeyIdRole:
            return key.id;
        default:
            return {};
    }
}

QVariant VirtualKeysModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
        case Name:
            return tr("Name");
        case Key:
            return tr("Key");
        case Status:
            return tr("Status");
        case Budget:
            return tr("Spend and budget");
        case Limits:
            return tr("Rate limits");
        case Models:
            return tr("Allowed models");
        case Expires:
            return tr("Expires");
        case Created:
            return tr("Created");
        default:
            return {};
    }
}

double VirtualKeysModel::spentInPeriod(const KeyReport& report) {
    double logged = report.total.costUsd;
    if (report.key.period == BudgetPeriod::Day)
        logged = report.today.costUsd;
    else if (report.key.period == BudgetPeriod::Month)
        logged = report.month.costUsd;
    return report.live ? std::max(logged, report.live->spentUsd) : logged;
}

QString VirtualKeysModel::budgetText(const KeyReport& report) {
    const VirtualKey& key = report.key;
    const QString spent = money(spentInPeriod(report));
    if (!key.budgetUsd) {
        switch (key.period) {
            case BudgetPeriod::Day:
                return tr("%1 today, no budget").arg(spent);
            case BudgetPeriod::Month:
                return tr("%1 this month, no budget").arg(spent);
            case BudgetPeriod::Total:
                return tr("%1 in total, no budget").arg(spent);
        }
    }
    const QString budget = money(key.budgetUsd.value_or(0));
    switch (key.period) {
        case BudgetPeriod::Day:
            return tr("%1 of %2 / day").arg(spent, budget);
        case BudgetPeriod::Month:
            return tr("%1 of %2 / month").arg(spent, budget);
        case BudgetPeriod::Total:
            return tr("%1 of %2 in total").arg(spent, budget);
    }
    return {};
}

QString VirtualKeysModel::statusText(const VirtualKey& key, qint64 nowMs) {
    if (key.revoked())
        return tr("revoked");
    if (key.expired(nowMs))
        return tr("expired");
    return tr("active");
}

QString VirtualKeysModel::text(const KeyReport& report, int column) const {
    const VirtualKey& key = report.key;
    switch (column) {
        case Name:
            return key.name;
        case Key:
            return KeySecret::masked(key.hint);
        case Status:
            return statusText(key, nowMs_);
        case Budget:
            return budgetText(report);
        case Limits: {
            QStringList limits;
            if (key.rpm > 0)
                limits << tr("%1 req/min").arg(count(key.rpm));
            if (key.tpm > 0)
                limits << tr("%1 tokens/min").arg(count(key.tpm));
            return limits.isEmpty() ? tr("none") : limits.join(QStringLiteral(", "));
        }
        case Models:
            return key.routes.isEmpty() ? tr("all") : key.routes.join(QStringLiteral(", "));
        case Expires:
            return key.expiresAtMs == 0 ? tr("never") : when(key.expiresAtMs);
        case Created:
            return when(key.createdAtMs);
        default:
            return {};
    }
}

QString VirtualKeysModel::toolTip(const KeyReport& report, int column) const {
    const VirtualKey& key = report.key;
    switch (column) {
        case Key:
            return tr("Only the last four characters of a key are kept; id %1").arg(key.id);
        case Status:
            if (key.revoked())
                return tr("Revoked %1; requests with this key are refused.")
                    .arg(when(key.revokedAtMs));
            if (key.expired(nowMs_))
                return tr("Expired %1; requests with this key are refused.")
                    .arg(when(key.expiresAtMs));
            return tr("Clients may use this key.");
        case Budget:
            return tr("Today %1 (%2 requests), this month %3 (%4 requests), in total %5 (%6 "
                      "requests)")
                .arg(money(report.today.costUsd), count(report.today.requests),
                     money(report.month.costUsd), count(report.month.requests),
                     money(report.total.costUsd), count(report.total.requests));
        default:
            return text(report, column);
    }
}

}  // namespace signalbox
