#include "proxy/KeyHealthModel.h"

#include "common/StatusColors.h"
#include "config/Config.h"
#include "proxy/TargetHealthModel.h"

#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

#include <algorithm>
#include <tuple>

namespace signalbox {

KeyHealthModel::KeyHealthModel(QObject* parent) : QAbstractTableModel(parent) {}

void KeyHealthModel::setKeys(std::vector<KeyRing::KeyStatus> keys, const Config& config,
                             qint64 nowWallMs) {
    nowWallMs_ = nowWallMs;
    std::vector<std::pair<qsizetype, Row>> placed;  // with the key's place in the config
    for (KeyRing::KeyStatus& key : keys) {
        const auto provider = config.providers.find(key.providerId);
        if (provider == config.providers.end())
            continue;
        const ProviderConfig& p = provider->second;
        const qsizetype at = p.keyRefs.indexOf(key.ref);
        if (at < 0)
            continue;  // a key taken out of the config keeps its record, but is gone here
        Row row;
        row.weight = p.keyWeights.value(at, 1);
        row.providerWeight = 0;
        for (qsizetype i = 0; i < p.keyRefs.size(); ++i)
            row.providerWeight += p.keyWeights.value(i, 1);
        row.key = std::move(key);
        placed.emplace_back(at, std::move(row));
    }
    std::stable_sort(placed.begin(), placed.end(), [](const auto& a, const auto& b) {
        return std::tie(a.second.key.providerId, a.first) <
               std::tie(b.second.key.providerId, b.first);
    });
    std::vector<Row> rows;
    rows.reserve(placed.size());
    for (auto& [at, row] : placed) {
        row.firstOfProvider = rows.empty() || rows.back().key.providerId != row.key.providerId;
        rows.push_back(std::move(row));
    }

    const bool sameRows = std::equal(
        rows.begin(), rows.end(), rows_.begin(), rows_.end(), [](const Row& a, const Row& b) {
            return a.key.providerId == b.key.providerId && a.key.ref == b.key.ref;
        });
    if (sameRows) {
        // Keeps the selection and the scroll position while figures change.
        rows_ = std::move(rows);
        if (!rows_.empty())
            emit dataChanged(index(0, 0), index(rowCount() - 1, Count - 1));
        return;
    }
    beginResetModel();
    rows_ = std::move(rows);
    endResetModel();
}

int KeyHealthModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(rows_.size());
}

int KeyHealthModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : Count;
}

QVariant KeyHealthModel::display(const Row& row, int column) const {
    const TargetHealth::Status& health = row.key.health;
    switch (column) {
        case Provider:
            // Named once, on the first of its keys: the rows below belong to it.
            return row.firstOfProvider ? row.key.providerId : QString();
        case Key:
            return row.key.ref;
        case Breaker:
            return TargetHealthModel::breakerText(health);
        case AvailableAgain:
            return TargetHealthModel::untilText(health, nowWallMs_);
        case RecentFailures:
            // An open breaker has forgotten the failures that opened it.
            return health.state == CircuitBreaker::State::Open ? QVariant()
                                                               : QVariant(health.recentFailures);
        case Calls:
            return tr("%1 ok, %2 failed")
                .arg(QLocale().toString(health.successes), QLocale().toString(health.failures));
        case Weight:
            return row.weight;
        case LastError:
            return health.lastError;
        default:
            return {};
    }
}

QVariant KeyHealthModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Row& row = rows_[size_t(index.row())];
    switch (role) {
        case Qt::DisplayRole:
            return display(row, index.column());
        case Qt::ToolTipRole:
            switch (index.column()) {
                case Provider:
                    return row.key.providerId;
                case Breaker:
                case LastError:
                    return row.key.health.lastError;
                case Weight:
                    return tr("Takes %1 of every %2 calls to %3 while its keys are all usable")
                        .arg(row.weight)
                        .arg(row.providerWeight)
                        .arg(row.key.providerId);
                default:
                    return {};
            }
        case Qt::TextAlignmentRole:
            if (index.column() == RecentFailures || index.column() == Weight)
                return QVariant(Qt::AlignRight | Qt::AlignVCenter);
            return {};
        case Qt::ForegroundRole:
            if (index.column() == Breaker && row.key.health.state == CircuitBreaker::State::Open)
                // Asked at paint time, so it follows a palette change.
                return StatusColors::error(QGuiApplication::palette());
            return {};
        default:
            return {};
    }
}

QVariant KeyHealthModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
        case Provider:
            return tr("Provider");
        case Key:
            return tr("Key");
        case Breaker:
            return tr("Breaker");
        case AvailableAgain:
            return tr("Usable again");
        case RecentFailures:
            return tr("Recent failures");
        case Calls:
            return tr("Calls");
        case Weight:
            return tr("Weight");
        case LastError:
            return tr("Last error");
        default:
            return {};
    }
}

}  // namespace signalbox
