#include "playground/ModelPicker.h"

#include "engine/Engine.h"

#include <QCompleter>
#include <QLineEdit>
#include <QSet>
#include <QSignalBlocker>

namespace signalbox {

namespace {

void addTargets(const std::vector<RouteTarget>& targets, QStringList& out) {
    for (const RouteTarget& target : targets) {
        if (target.isGroup())
            addTargets(target.members, out);
        else if (!out.contains(target.label()))
            out << target.label();
    }
}

}  // namespace

ModelPicker::ModelPicker(Engine& engine, int preferred, QWidget* parent)
    : QComboBox(parent), engine_(engine), preferred_(preferred) {
    setObjectName(QStringLiteral("playgroundModelPicker"));
    setEditable(true);
    setInsertPolicy(QComboBox::NoInsert);
    setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    setMinimumContentsLength(18);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    // Suggestions as a list while typing, never text filled in behind the cursor.
    completer()->setCompletionMode(QCompleter::PopupCompletion);
    completer()->setFilterMode(Qt::MatchContains);
    lineEdit()->setPlaceholderText(tr("route or provider/model"));
    setToolTip(
        tr("A route, or provider/model to call one model directly; any name the "
           "proxy knows can be typed"));
    refill();
    connect(&engine_, &Engine::configChanged, this, &ModelPicker::refill);
}

void ModelPicker::setModel(const QString& model) {
    const int index = findText(model);
    if (index >= 0)
        setCurrentIndex(index);
    setEditText(model);
}

void ModelPicker::refill() {
    const QString kept = currentText();
    const QSignalBlocker blocker(this);
    clear();
    const std::shared_ptr<const Config> config = engine_.config();
    if (!config)
        return;
    QStringList models;
    for (const auto& [id, provider] : config->providers) {
        for (const QString& model : provider.models) {
            const QString label = id + QLatin1Char('/') + model;
            if (!models.contains(label))
                models << label;
        }
    }
    for (const auto& [name, route] : config->routes) {
        QStringList targets;
        addTargets(route.targets, targets);
        addItem(name);
        setItemData(count() - 1, tr("Route %1: %2").arg(name, targets.join(QStringLiteral(" → "))),
                    Qt::ToolTipRole);
        addTargets(route.targets, models);
    }
    const int routes = count();
    if (routes > 0 && !models.isEmpty())
        insertSeparator(routes);
    for (const QString& model : models) {
        addItem(model);
        setItemData(count() - 1, tr("Calls %1 directly, without a route").arg(model),
                    Qt::ToolTipRole);
    }
    if (!kept.isEmpty()) {
        setModel(kept);
        return;
    }
    // A new picker: the preferred entry, counting past the separator.
    int choice = -1;
    for (int i = 0, seen = 0; i < count(); ++i) {
        if (itemText(i).isEmpty())
            continue;
        choice = i;
        if (seen++ == preferred_)
            break;
    }
    setCurrentIndex(choice);
}

}  // namespace signalbox
