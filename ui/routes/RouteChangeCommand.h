#pragma once

#include "config/Config.h"

#include <QUndoCommand>

#include <optional>

namespace signalbox {

class RouteDraft;

// One undo step of the route editor: a route's state before and after, whole. Without a
// "before" it added the route, without an "after" it removed it. Edits of one field of
// one route in a row merge, so typing a name is one step rather than one a letter.
class RouteChangeCommand : public QUndoCommand {
public:
    RouteChangeCommand(RouteDraft& draft, int index, std::optional<RouteConfig> before,
                       std::optional<RouteConfig> after, const QString& text,
                       const QString& field = {}, int typingRun = 0);

    void undo() override;
    void redo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand* other) override;

private:
    RouteDraft& draft_;
    int index_;
    std::optional<RouteConfig> before_;
    std::optional<RouteConfig> after_;
    QString field_;  // what the edit changed; empty: never merges
    int typingRun_;
};

}  // namespace signalbox
