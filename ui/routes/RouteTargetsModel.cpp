#include "routes/RouteTargetsModel.h"

#include <QMimeData>
#include <QPalette>
#include <QStringList>

#include <utility>

namespace signalbox {

namespace {

const QString kPathMime = QStringLiteral("application/x-signalbox-route-target-path");

QString durationText(int ms) {
    if (ms % 1000 == 0)
        return RouteTargetsModel::tr("%1 s").arg(ms / 1000);
    return RouteTargetsModel::tr("%1 ms").arg(ms);
}

}  // namespace

RouteTargetsModel::RouteTargetsModel(QObject* parent) : QAbstractItemModel(parent) {}

QString RouteTargetsModel::encodePath(const TargetPath& path) {
    QStringList rows;
    for (const int row : path)
        rows << QString::number(row);
    return rows.join(QLatin1Char('.'));
}

QString RouteTargetsModel::timeoutsText(const TimeoutConfig& timeouts) {
    QStringList parts;
    if (timeouts.connectMs > 0)
        parts << tr("connect %1").arg(durationText(timeouts.connectMs));
    if (timeouts.firstByteMs > 0)
        parts << tr("first byte %1").arg(durationText(timeouts.firstByteMs));
    if (timeouts.idleMs > 0)
        parts << tr("idle %1").arg(durationText(timeouts.idleMs));
    if (timeouts.totalMs > 0)
        parts << tr("total %1").arg(durationText(timeouts.totalMs));
    return parts.join(QStringLiteral(", "));
}

QString RouteTargetsModel::strategyTitle(RouteStrategy strategy) {
    switch (strategy) {
        case RouteStrategy::Fallback:
            return tr("Fallback group");
        case RouteStrategy::Weighted:
            return tr("Weighted group");
        case RouteStrategy::Fastest:
            return tr("Fastest-first group");
        case RouteStrategy::Cheapest:
            return tr("Cheapest-first group");
    }
    return {};
}

void RouteTargetsModel::setTargets(const std::vector<RouteTarget>& targets,
                                   RouteStrategy strategy) {
    if (targets == targets_ && strategy == strategy_)
        return;  // already shown: keeps the view's selection and editors
    beginResetModel();
    targets_ = targets;
    strategy_ = strategy;
    nodes_.clear();
    top_.clear();
    build(targets_, -1, {});
    endResetModel();
}

void RouteTargetsModel::build(const std::vector<RouteTarget>& list, int parent,
                              const TargetPath& at) {
    for (int row = 0; row < int(list.size()); ++row) {
        Node node;
        node.path = at;
        node.path.push_back(row);
        node.parent = parent;
        const int id = int(nodes_.size());
        nodes_.push_back(node);
        (parent < 0 ? top_ : nodes_[size_t(parent)].children).push_back(id);
        if (list[size_t(row)].isGroup())
            build(list[size_t(row)].members, id, nodes_[size_t(id)].path);
    }
}

const std::vector<int>& RouteTargetsModel::childrenOf(const QModelIndex& parent) const {
    static const std::vector<int> none;
    if (!parent.isValid())
        return top_;
    if (parent.column() != TargetColumn)
        return none;
    return nodes_[parent.internalId()].children;
}

QModelIndex RouteTargetsModel::index(int row, int column, const QModelIndex& parent) const {
    const std::vector<int>& children = childrenOf(parent);
    if (row < 0 || row >= int(children.size()) || column < 0 || column >= ColumnCount)
        return {};
    return createIndex(row, column, quintptr(children[size_t(row)]));
}

QModelIndex RouteTargetsModel::parent(const QModelIndex& child) const {
    if (!child.isValid())
        return {};
    const int parent = nodes_[child.internalId()].parent;
    if (parent < 0)
        return {};
    return createIndex(nodes_[size_t(parent)].path.back(), TargetColumn, quintptr(parent));
}

int RouteTargetsModel::rowCount(const QModelIndex& parent) const {
    return int(childrenOf(parent).size());
}

int RouteTargetsModel::columnCount(const QModelIndex&) const {
    return ColumnCount;
}

QModelIndex RouteTargetsModel::indexOf(const TargetPath& path, int column) const {
    QModelIndex found;
    for (const int row : path) {
        found = index(row, TargetColumn, found);
        if (!found.isValid())
            return {};
    }
    return found.isValid() ? found.siblingAtColumn(column) : found;
}

TargetPath RouteTargetsModel::pathOf(const QModelIndex& index) const {
    if (!index.isValid())
        return {};
    return nodes_[index.internalId()].path;
}

const RouteTarget* RouteTargetsModel::targetAt(const QModelIndex& index) const {
    return index.isValid() ? TargetTree::at(targets_, pathOf(index)) : nullptr;
}

RouteStrategy RouteTargetsModel::listStrategy(const QModelIndex& index) const {
    const RouteTarget* group = targetAt(parent(index));
    return group != nullptr ? *group->groupStrategy : strategy_;
}

QVariant RouteTargetsModel::data(const QModelIndex& index, int role) const {
    const RouteTarget* step = targetAt(index);
    if (step == nullptr)
        return {};
    const bool weighted = listStrategy(index) == RouteStrategy::Weighted;
    switch (index.column()) {
        case TargetColumn:
            if (role == Qt::DisplayRole) {
                return step->isGroup() ? tr("%1 (%n targets)", nullptr, int(step->members.size()))
                                             .arg(strategyTitle(*step->groupStrategy))
                                       : step->label();
            }
            if (role == Qt::ToolTipRole && step->isGroup()) {
                return tr("One step of the route whose targets are ordered by their own "
                          "strategy (%1). Drag targets in or out.")
                    .arg(strategyName(*step->groupStrategy));
            }
            if (role == Qt::UserRole)
                return step->isGroup() ? QString() : step->label();
            break;
        case WeightColumn:
            if (role == Qt::DisplayRole || role == Qt::EditRole)
                return step->weight;
            if (role == Qt::ForegroundRole && !weighted && step->weight > 0)
                return QPalette().brush(QPalette::PlaceholderText);
            if (role == Qt::ToolTipRole) {
                return weighted ? tr("Its share of the calls among the targets of its list")
                                : tr("Used only where the list is weighted");
            }
            if (role == Qt::TextAlignmentRole)
                return int(Qt::AlignRight | Qt::AlignVCenter);
            break;
        case TimeoutsColumn:
            if (step->isGroup())
                break;
            if (role == Qt::DisplayRole) {
                const QString text = timeoutsText(step->timeouts);
                return text.isEmpty() ? tr("as the route") : text;
            }
            if (role == Qt::ForegroundRole && step->timeouts.isEmpty())
                return QPalette().brush(QPalette::PlaceholderText);
            break;
        default:
            break;
    }
    return {};
}

QVariant RouteTargetsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
        case TargetColumn:
            return tr("Target");
        case WeightColumn:
            return tr("Weight");
        case TimeoutsColumn:
            return tr("Timeouts");
        default:
            return {};
    }
}

Qt::ItemFlags RouteTargetsModel::flags(const QModelIndex& index) const {
    if (!index.isValid())
        return Qt::ItemIsDropEnabled;  // the route's own list
    Qt::ItemFlags flags = Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsDragEnabled;
    const RouteTarget* step = targetAt(index);
    if (step != nullptr && step->isGroup())
        flags |= Qt::ItemIsDropEnabled;
    if (index.column() == WeightColumn)
        flags |= Qt::ItemIsEditable;
    return flags;
}

bool RouteTargetsModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (role != Qt::EditRole || index.column() != WeightColumn || targetAt(index) == nullptr)
        return false;
    bool ok = false;
    const int weight = value.toInt(&ok);
    if (!ok)
        return false;
    const TargetPath path = pathOf(index);
    std::vector<RouteTarget> next = targets_;
    const_cast<RouteTarget*>(TargetTree::at(next, path))->weight = weight;
    if (next == targets_)
        return true;
    // Shown at once; the draft's answer then finds it already so.
    targets_ = std::move(next);
    emit dataChanged(index, index);
    emit edited(targets_, tr("Change weight"), QStringLiteral("weight:") + encodePath(path), path);
    return true;
}

QStringList RouteTargetsModel::mimeTypes() const {
    return {kPathMime};
}

QMimeData* RouteTargetsModel::mimeData(const QModelIndexList& indexes) const {
    for (const QModelIndex& index : indexes) {
        if (targetAt(index) != nullptr) {
            auto* data = new QMimeData;
            data->setData(kPathMime, encodePath(pathOf(index)).toLatin1());
            return data;
        }
    }
    return nullptr;
}

std::optional<TargetPath> RouteTargetsModel::draggedPath(const QMimeData* data) const {
    if (data == nullptr || !data->hasFormat(kPathMime))
        return std::nullopt;
    TargetPath path;
    for (const QByteArray& row : data->data(kPathMime).split('.')) {
        bool ok = false;
        path.push_back(row.toInt(&ok));
        if (!ok)
            return std::nullopt;
    }
    if (TargetTree::at(targets_, path) == nullptr)
        return std::nullopt;
    return path;
}

bool RouteTargetsModel::canDropMimeData(const QMimeData* data, Qt::DropAction action, int row, int,
                                        const QModelIndex& parent) const {
    if (action != Qt::MoveAction)
        return false;
    const std::optional<TargetPath> from = draggedPath(data);
    if (!from)
        return false;
    std::vector<RouteTarget> trial = targets_;
    return TargetTree::move(trial, *from, pathOf(parent.siblingAtColumn(TargetColumn)), row)
        .has_value();
}

bool RouteTargetsModel::dropMimeData(const QMimeData* data, Qt::DropAction action, int row,
                                     int column, const QModelIndex& parent) {
    if (action == Qt::IgnoreAction)
        return true;
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    const TargetPath from = *draggedPath(data);
    std::vector<RouteTarget> next = targets_;
    const std::optional<TargetPath> to =
        TargetTree::move(next, from, pathOf(parent.siblingAtColumn(TargetColumn)), row);
    if (!to || next == targets_)
        return false;
    emit edited(next, tr("Move target"), {}, *to);
    // The view would now remove the dragged rows; this model has no removeRows(), so the
    // move stays as the draft has it.
    return true;
}

Qt::DropActions RouteTargetsModel::supportedDropActions() const {
    return Qt::MoveAction;
}

Qt::DropActions RouteTargetsModel::supportedDragActions() const {
    return Qt::MoveAction;
}

}  // namespace signalbox
