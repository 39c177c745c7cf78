#include "proxy/TargetHealthModel.h"

#include "common/StatusColors.h"

#include <QColor>
#include <QDateTime>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

#include <algorithm>

namespace signalbox {

namespace {

qint64 benchedForMs(const TargetHealth::Status& status) {
    return std::max(status.openForMs, status.restingForMs);
}

}  // namespace

TargetHealthModel::TargetHealthModel(QObject* parent) : QAbstractTableModel(parent) {}

void TargetHealthModel::setTargets(std::vector<TargetHealth::Status> targets, qint64 nowWallMs) {
    nowWallMs_ = nowWallMs;
    const bool sameRows =
        std::equal(targets.begin(), targets.end(), targets_.begin(), targets_.end(),
                   [](const auto& a, const auto& b) { return a.name == b.name; });
    if (sameRows) {
        // Keeps the selection and the scroll position while figures change.
        targets_ = std::move(targets);
        if (!targets_.empty())
            emit dataChanged(index(0, 0), index(rowCount() - 1, Count - 1));
        return;
    }
    beginResetModel();
    targets_ = std::move(targets);
    endResetModel();
}

int TargetHealthModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(targets_.size());
}

int TargetHealthModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : Count;
}

QString TargetHealthModel::breakerText(const TargetHealth::Status& status) {
    switch (status.state) {
        case CircuitBreaker::State::Open:
            return tr("open: benched");
        case CircuitBreaker::State::HalfOpen:
            return tr("half-open: trying one call");
        case CircuitBreaker::State::Closed:
            break;
    }
    return status.restingForMs > 0 ? tr("closed, resting (rate limited)") : tr("closed");
}

QString TargetHealthModel::untilText(const TargetHealth::Status& status, qint64 nowWallMs) {
    const qint64 left = benchedForMs(status);
    if (left <= 0)
        return QString();
    const QDateTime until = QDateTime::fromMSecsSinceEpoch(nowWallMs + left);
    return tr("%1 (in %2 s)")
        .arg(until.toString(QStringLiteral("HH:mm:ss")))
        .arg((left + 999) / 1000);
}

QVariant TargetHealthModel::display(const TargetHealth::Status& status, int column) const {
    switch (column) {
        case Target:
            return status.name;
        case Breaker:
            return breakerText(status);
        case BenchedUntil:
            return untilText(status, nowWallMs_);
        case RecentFailures:
            // An open breaker has forgotten the failures that opened it.
            return status.state == CircuitBreaker::State::Open ? QVariant()
                                                               : QVariant(status.recentFailures);
        case Calls:
            return tr("%1 ok, %2 failed")
                .arg(QLocale().toString(status.successes), QLocale().toString(status.failures));
        case Latency:
            return status.latencyMs < 0 ? tr("–") : tr("%1 ms").arg(qRound(status.latencyMs));
        case LastError:
            return status.lastError;
        default:
            return {};
    }
}

QVariant TargetHealthModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const TargetHealth::Status& status = targets_[size_t(index.row())];
    switch (role) {
        case Qt::DisplayRole:
            return display(status, index.column());
        case Qt::ToolTipRole:
            return index.column() == LastError || index.column() == Breaker ? status.lastError
                                                                            : QVariant();
        case Qt::TextAlignmentRole:
            if (index.column() == RecentFailures || index.column() == Latency)
                return QVariant(Qt::AlignRight | Qt::AlignVCenter);
            return {};
        case Qt::ForegroundRole:
            if (index.column() == Breaker && status.state == CircuitBreaker::State::Open)
                // Asked at paint time, so it follows a palette change.
                return StatusColors::error(QGuiApplication::palette());
            return {};
        default:
            return {};
    }
}

QVariant TargetHealthModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
        case Target:
            return tr("Target");
        case Breaker:
            return tr("Breaker");
        case BenchedUntil:
            return tr("Benched until");
        case RecentFailures:
            return tr("Recent failures");
        case Calls:
            return tr("Calls");
        case Latency:
            return tr("Latency");
        case LastError:
            return tr("Last error");
        default:
            return {};
    }
}

}  // namespace signalbox
