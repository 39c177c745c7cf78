#pragma once

#include "config/Config.h"

#include <optional>
#include <vector>

namespace signalbox {

// Where a step sits in a route's target tree: its row in the route's list, then its row
// in each group on the way down. {1, 0} is the first member of the second step.
using TargetPath = std::vector<int>;

// Edits of a route's target tree (targets and nested groups) by path. Each returns where
// the step ended up, or nothing when the edit does not apply (a path that leads nowhere,
// a group moved into itself); the tree is untouched then.
class TargetTree {
public:
    static const RouteTarget* at(const std::vector<RouteTarget>& root, const TargetPath& path);
    // The list that holds the children of `parent`: the route's own for {}, a group's
    // members otherwise; null when `parent` is not a group.
    static std::vector<RouteTarget>* childrenOf(std::vector<RouteTarget>& root,
                                                const TargetPath& parent);

    // Inserts `target` at `row` of `parent`'s list (-1: at its end).
    static std::optional<TargetPath> insert(std::vector<RouteTarget>& root,
                                            const TargetPath& parent, int row, RouteTarget target);
    static bool remove(std::vector<RouteTarget>& root, const TargetPath& path);
    // Moves the step at `from` to `row` of `parent`'s list as it reads before the move
    // (-1: at its end), as a drop between two rows does.
    static std::optional<TargetPath> move(std::vector<RouteTarget>& root, const TargetPath& from,
                                          const TargetPath& parent, int row);
    // One row up or down among its siblings; from the edge of a group it leaves the group
    // for the place just before (up) or after (down) it.
    static std::optional<TargetPath> moveUp(std::vector<RouteTarget>& root, const TargetPath& path);
    static std::optional<TargetPath> moveDown(std::vector<RouteTarget>& root,
                                              const TargetPath& path);
    // Puts the step into a new group of `strategy` standing where it stood.
    static std::optional<TargetPath> wrapInGroup(std::vector<RouteTarget>& root,
                                                 const TargetPath& path, RouteStrategy strategy);
    // Replaces a group with its members; returns the path of the first of them.
    static std::optional<TargetPath> ungroup(std::vector<RouteTarget>& root,
                                             const TargetPath& path);
};

}  // namespace signalbox
