#include "routes/TargetTree.h"

#include <algorithm>
#include <utility>

namespace signalbox {

namespace {

TargetPath parentOf(const TargetPath& path) {
    return TargetPath(path.begin(), path.end() - 1);
}

bool startsWith(const TargetPath& path, const TargetPath& prefix) {
    return path.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), path.begin());
}

}  // namespace

const RouteTarget* TargetTree::at(const std::vector<RouteTarget>& root, const TargetPath& path) {
    const std::vector<RouteTarget>* list = &root;
    const RouteTarget* found = nullptr;
    for (const int row : path) {
        if (list == nullptr || row < 0 || row >= int(list->size()))
            return nullptr;
        found = &(*list)[size_t(row)];
        list = found->isGroup() ? &found->members : nullptr;
    }
    return found;
}

std::vector<RouteTarget>* TargetTree::childrenOf(std::vector<RouteTarget>& root,
                                                 const TargetPath& parent) {
    if (parent.empty())
        return &root;
    auto* group = const_cast<RouteTarget*>(at(root, parent));
    return group != nullptr && group->isGroup() ? &group->members : nullptr;
}

std::optional<TargetPath> TargetTree::insert(std::vector<RouteTarget>& root,
                                             const TargetPath& parent, int row,
                                             RouteTarget target) {
    std::vector<RouteTarget>* list = childrenOf(root, parent);
    if (list == nullptr || row > int(list->size()))
        return std::nullopt;
    if (row < 0)
        row = int(list->size());
    list->insert(list->begin() + row, std::move(target));
    TargetPath path = parent;
    path.push_back(row);
    return path;
}

bool TargetTree::remove(std::vector<RouteTarget>& root, const TargetPath& path) {
    if (path.empty() || at(root, path) == nullptr)
        return false;
    std::vector<RouteTarget>* list = childrenOf(root, parentOf(path));
    list->erase(list->begin() + path.back());
    return true;
}

std::optional<TargetPath> TargetTree::move(std::vector<RouteTarget>& root, const TargetPath& from,
                                           const TargetPath& parent, int row) {
    const RouteTarget* moved = at(root, from);
    std::vector<RouteTarget>* destination = childrenOf(root, parent);
    // A group cannot go into itself or one of its own members.
    if (moved == nullptr || destination == nullptr || startsWith(parent, from) ||
        row > int(destination->size()))
        return std::nullopt;
    if (row < 0)
        row = int(destination->size());
    const TargetPath fromParent = parentOf(from);
    TargetPath newParent = parent;
    // Taking the step out shifts what follows it in its own list, which may lie on the
    // way to the destination or be the destination itself.
    const size_t depth = fromParent.size();
    if (startsWith(parent, fromParent) && parent.size() > depth && parent[depth] > from.back())
        --newParent[depth];
    if (parent == fromParent && row > from.back())
        --row;
    if (newParent == fromParent && row == from.back())
        return from;  // dropped where it was
    RouteTarget taken = *moved;
    remove(root, from);
    return insert(root, newParent, row, std::move(taken));
}

std::optional<TargetPath> TargetTree::moveUp(std::vector<RouteTarget>& root,
                                             const TargetPath& path) {
    if (path.empty() || at(root, path) == nullptr)
        return std::nullopt;
    if (path.back() > 0)
        return move(root, path, parentOf(path), path.back() - 1);
    if (path.size() == 1)
        return std::nullopt;  // already first
    const TargetPath group = parentOf(path);
    return move(root, path, parentOf(group), group.back());
}

std::optional<TargetPath> TargetTree::moveDown(std::vector<RouteTarget>& root,
                                               const TargetPath& path) {
    if (path.empty() || at(root, path) == nullptr)
        return std::nullopt;
    const TargetPath parent = parentOf(path);
    const int siblings = int(childrenOf(root, parent)->size());
    if (path.back() < siblings - 1)
        return move(root, path, parent, path.back() + 2);
    if (parent.empty())
        return std::nullopt;  // already last
    return move(root, path, parentOf(parent), parent.back() + 1);
}

std::optional<TargetPath> TargetTree::wrapInGroup(std::vector<RouteTarget>& root,
                                                  const TargetPath& path, RouteStrategy strategy) {
    auto* step = const_cast<RouteTarget*>(at(root, path));
    if (step == nullptr)
        return std::nullopt;
    RouteTarget group;
    group.groupStrategy = strategy;
    group.weight = step->weight;
    RouteTarget member = std::move(*step);
    member.weight = 1;
    group.members.push_back(std::move(member));
    *step = std::move(group);
    return path;
}

std::optional<TargetPath> TargetTree::ungroup(std::vector<RouteTarget>& root,
                                              const TargetPath& path) {
    const RouteTarget* group = at(root, path);
    if (group == nullptr || !group->isGroup())
        return std::nullopt;
    std::vector<RouteTarget> members = group->members;
    std::vector<RouteTarget>* list = childrenOf(root, parentOf(path));
    auto it = list->erase(list->begin() + path.back());
    list->insert(it, members.begin(), members.end());
    return path;
}

}  // namespace signalbox
