#pragma once

#include "config/Config.h"

#include <QObject>
#include <QString>

#include <map>
#include <optional>
#include <vector>

class QUndoStack;

namespace signalbox {

// The routes as being edited, before they are saved: a copy of the config's routes that
// every edit changes through an undo stack. It may hold what the config cannot (a route
// without a name, two of one name) while the user types; RouteCheck says what is wrong.
class RouteDraft : public QObject {
    Q_OBJECT
public:
    explicit RouteDraft(QObject* parent = nullptr);

    QUndoStack* undoStack() const { return undoStack_; }

    const std::vector<RouteConfig>& routes() const { return routes_; }
    int count() const { return int(routes_.size()); }
    const RouteConfig& route(int index) const { return routes_.at(size_t(index)); }
    int indexOf(const QString& name) const;

    // Starts over from the config's routes: nothing unsaved, an empty undo stack.
    void load(const std::map<QString, RouteConfig>& saved);
    // The config now holds `saved`: what isModified() compares with. Edits stay.
    void setSaved(const std::map<QString, RouteConfig>& saved);
    // Whether the routes differ from the config's (order and declaration lines aside).
    bool isModified() const;
    // Whether `routes` are the ones last loaded or saved.
    bool isSaved(const std::map<QString, RouteConfig>& routes) const;
    // As the config holds them; the names must be unique (RouteCheck).
    std::map<QString, RouteConfig> toMap() const;

    // Edits, each one undo step. Edits of one `field` of one route in a row merge into
    // one step (typing a name is one step), until endTyping().
    void change(int index, RouteConfig after, const QString& text, const QString& field = {});
    void add(RouteConfig route, const QString& text);
    void remove(int index, const QString& text);
    // Ends a run of merging edits: the next edit is a step of its own.
    void endTyping() { ++typingRun_; }

signals:
    // The routes changed (an edit, an undo or redo); `index` is the route it touched, or
    // the one to show after a removal (-1: none left).
    void changed(int index);
    // load() replaced everything.
    void reloaded();

private:
    friend class RouteChangeCommand;
    // For RouteChangeCommand: puts `route` at `index` (replacing, inserting or, without a
    // route, removing) and says so.
    void apply(int index, const std::optional<RouteConfig>& route, bool insert);

    QUndoStack* undoStack_;
    std::vector<RouteConfig> routes_;
    std::vector<RouteConfig> saved_;  // sorted by name, lines cleared
    int typingRun_ = 0;
};

}  // namespace signalbox
