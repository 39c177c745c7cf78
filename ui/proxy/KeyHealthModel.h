#pragma once

#include "routing/KeyRing.h"

#include <QAbstractTableModel>

#include <vector>

namespace signalbox {

struct Config;

// The key table of the Proxy panel: one row per key of each provider that rotates
// several, grouped by provider in the order the config lists the keys, each named by its
// reference (never the secret) with its own breaker and rest. Read-only; the panel hands
// it fresh rows.
class KeyHealthModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Provider,
        Key,
        Breaker,
        AvailableAgain,
        RecentFailures,
        Calls,
        Weight,
        LastError,
        Count
    };

    struct Row {
        KeyRing::KeyStatus key;
        int weight = 1;
        int providerWeight = 1;  // the weights of all the provider's keys, summed
        bool firstOfProvider = false;
    };

    explicit KeyHealthModel(QObject* parent = nullptr);

    // `keys` as the board reports them; `config` gives their order and weights, and keys
    // it no longer names are left out. `nowWallMs` dates the rests and cooldowns.
    void setKeys(std::vector<KeyRing::KeyStatus> keys, const Config& config, qint64 nowWallMs);
    const Row& row(int row) const { return rows_.at(size_t(row)); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QVariant display(const Row& row, int column) const;

    std::vector<Row> rows_;
    qint64 nowWallMs_ = 0;
};

}  // namespace signalbox
