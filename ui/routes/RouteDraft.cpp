#include "routes/RouteDraft.h"

#include "routes/RouteChangeCommand.h"

#include <QUndoStack>

#include <algorithm>
#include <utility>

namespace signalbox {

namespace {

// Routes as compared: by name, without the lines they were declared on.
std::vector<RouteConfig> normalized(std::vector<RouteConfig> routes) {
    for (RouteConfig& route : routes)
        route.line = 0;
    std::stable_sort(routes.begin(), routes.end(),
                     [](const RouteConfig& a, const RouteConfig& b) { return a.name < b.name; });
    return routes;
}

std::vector<RouteConfig> listOf(const std::map<QString, RouteConfig>& routes) {
    std::vector<RouteConfig> list;
    for (const auto& [name, route] : routes) {
        list.push_back(route);
        list.back().name = name;
    }
    return list;
}

}  // namespace

RouteDraft::RouteDraft(QObject* parent) : QObject(parent), undoStack_(new QUndoStack(this)) {}

int RouteDraft::indexOf(const QString& name) const {
    for (size_t i = 0; i < routes_.size(); ++i) {
        if (routes_[i].name == name)
            return int(i);
    }
    return -1;
}

void RouteDraft::load(const std::map<QString, RouteConfig>& saved) {
    undoStack_->clear();
    routes_ = listOf(saved);
    for (RouteConfig& route : routes_)
        route.line = 0;
    saved_ = normalized(routes_);
    undoStack_->setClean();
    emit reloaded();
}

void RouteDraft::setSaved(const std::map<QString, RouteConfig>& saved) {
    saved_ = normalized(listOf(saved));
    if (!isModified())
        undoStack_->setClean();
}

bool RouteDraft::isModified() const {
    return normalized(routes_) != saved_;
}

bool RouteDraft::isSaved(const std::map<QString, RouteConfig>& routes) const {
    return normalized(listOf(routes)) == saved_;
}

std::map<QString, RouteConfig> RouteDraft::toMap() const {
    std::map<QString, RouteConfig> map;
    for (const RouteConfig& route : routes_)
        map.emplace(route.name, route);
    return map;
}

void RouteDraft::change(int index, RouteConfig after, const QString& text, const QString& field) {
    if (index < 0 || index >= count() || route(index) == after)
        return;
    undoStack_->push(new RouteChangeCommand(*this, index, route(index), std::move(after), text,
                                            field, typingRun_));
}

void RouteDraft::add(RouteConfig route, const QString& text) {
    endTyping();
    undoStack_->push(new RouteChangeCommand(*this, count(), std::nullopt, std::move(route), text));
}

void RouteDraft::remove(int index, const QString& text) {
    if (index < 0 || index >= count())
        return;
    endTyping();
    undoStack_->push(new RouteChangeCommand(*this, index, route(index), std::nullopt, text));
}

void RouteDraft::apply(int index, const std::optional<RouteConfig>& route, bool insert) {
    if (!route) {
        routes_.erase(routes_.begin() + index);
        emit changed(std::min(index, count() - 1));
        return;
    }
    if (insert)
        routes_.insert(routes_.begin() + index, *route);
    else
        routes_[size_t(index)] = *route;
    emit changed(index);
}

}  // namespace signalbox
