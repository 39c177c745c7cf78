#pragma once

#include "routing/TargetHealth.h"

#include <QAbstractTableModel>

#include <vector>

namespace signalbox {

// The breaker table of the Proxy panel: one row per target the proxy has called, as the
// engine's HealthBoard last reported it. Read-only; the panel hands it fresh rows.
class TargetHealthModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Target, Breaker, BenchedUntil, RecentFailures, Calls, Latency, LastError, Count };

    explicit TargetHealthModel(QObject* parent = nullptr);

    // `nowWallMs` dates the rests and cooldowns, which the board reports as time left.
    void setTargets(std::vector<TargetHealth::Status> targets, qint64 nowWallMs);
    const TargetHealth::Status& target(int row) const { return targets_.at(size_t(row)); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // The breaker's state in words, as the table shows it.
    static QString breakerText(const TargetHealth::Status& status);
    // When a benched or resting target (or key) may be called again, "14:05:31 (in 30 s)";
    // empty when it may be called now.
    static QString untilText(const TargetHealth::Status& status, qint64 nowWallMs);

private:
    QVariant display(const TargetHealth::Status& status, int column) const;

    std::vector<TargetHealth::Status> targets_;
    qint64 nowWallMs_ = 0;
};

}  // namespace signalbox
