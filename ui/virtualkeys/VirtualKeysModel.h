#pragma once

#include "governance/KeyReport.h"

#include <QAbstractTableModel>

#include <optional>
#include <vector>

namespace signalbox {

// The virtual keys as KeyService last reported them, one row a key. Never holds a
// secret: the reports it is given are kept without one.
class VirtualKeysModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Key, Status, Budget, Limits, Models, Expires, Created, ColumnCount };
    enum Role {
        // The share of its budget a key has spent in the current period (may exceed 1);
        // unset when it has no budget.
        BudgetFractionRole = Qt::UserRole + 1,
        KeyIdRole,
    };

    explicit VirtualKeysModel(QObject* parent = nullptr);

    // `nowMs` decides which keys show as expired.
    void setReports(std::vector<KeyReport> reports, qint64 nowMs);
    const KeyReport* reportAt(int row) const;
    std::optional<int> rowOf(const QString& keyId) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // What a key spent in its budget's current period: the log's figure, or the live
    // meter's when it has counted more (the log writes behind).
    static double spentInPeriod(const KeyReport& report);
    // "$1.23 of $10.00 / month", "$0.40 this month, no budget".
    static QString budgetText(const KeyReport& report);
    static QString statusText(const VirtualKey& key, qint64 nowMs);

private:
    QString text(const KeyReport& report, int column) const;
    QString toolTip(const KeyReport& report, int column) const;

    std::vector<KeyReport> reports_;
    qint64 nowMs_ = 0;
};

}  // namespace signalbox
