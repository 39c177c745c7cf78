#pragma once

#include "config/Config.h"
#include "routes/TargetTree.h"

#include <QAbstractItemModel>

#include <vector>

namespace signalbox {

// A route's targets as a tree for the editor: targets, and groups with their members.
// It never changes the draft itself: an edit (a weight typed in, a drop) is offered as
// the whole new list through edited(), for the undo stack to take; setTargets() then
// shows what the draft holds. Drags move one step within or across groups.
class RouteTargetsModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { TargetColumn, WeightColumn, TimeoutsColumn, ColumnCount };

    explicit RouteTargetsModel(QObject* parent = nullptr);

    // `strategy` is the route's: how its own list is ordered.
    void setTargets(const std::vector<RouteTarget>& targets, RouteStrategy strategy);
    const std::vector<RouteTarget>& targets() const { return targets_; }
    QModelIndex indexOf(const TargetPath& path, int column = TargetColumn) const;
    TargetPath pathOf(const QModelIndex& index) const;
    const RouteTarget* targetAt(const QModelIndex& index) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;
    bool canDropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                         const QModelIndex& parent) const override;
    bool dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                      const QModelIndex& parent) override;
    Qt::DropActions supportedDropActions() const override;
    Qt::DropActions supportedDragActions() const override;

    // In words for a cell: "connect 5 s, first byte 60 s"; empty when all are inherited.
    static QString timeoutsText(const TimeoutConfig& timeouts);
    static QString strategyTitle(RouteStrategy strategy);  // "Weighted group"
    static QString encodePath(const TargetPath& path);     // "1.0"

signals:
    // The user changed the tree: `targets` is the new list, `select` the step to show.
    void edited(const std::vector<signalbox::RouteTarget>& targets, const QString& text,
                const QString& field, const signalbox::TargetPath& select);

private:
    struct Node {
        TargetPath path;
        int parent = -1;  // index in nodes_; -1 for the route's own list
        std::vector<int> children;
    };
    void build(const std::vector<RouteTarget>& list, int parent, const TargetPath& at);
    const std::vector<int>& childrenOf(const QModelIndex& parent) const;
    // The strategy of the list that holds the step at `index`.
    RouteStrategy listStrategy(const QModelIndex& index) const;
    std::optional<TargetPath> draggedPath(const QMimeData* data) const;

    std::vector<RouteTarget> targets_;
    RouteStrategy strategy_ = RouteStrategy::Fallback;
    std::vector<Node> nodes_;
    std::vector<int> top_;
};

}  // namespace signalbox
