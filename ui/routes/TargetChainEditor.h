#pragma once

#include "config/Config.h"
#include "routes/TargetTree.h"

#include <QWidget>

#include <functional>
#include <map>
#include <optional>
#include <vector>

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTreeView;

namespace signalbox {

class DurationSpinBox;
class RouteTargetsModel;

// A route's targets: the tree (drag to reorder, into and out of groups), adding targets
// from the providers' models, moving, grouping and removing steps, and the weight and
// timeouts of the selected one. Edits are offered whole through targetsEdited().
class TargetChainEditor : public QWidget {
    Q_OBJECT
public:
    explicit TargetChainEditor(QWidget* parent = nullptr);

    // Shows `route`'s targets (null: none). For another route the first step is selected;
    // for another state of the same (`sameRoute`), the step the edit moved, or the same.
    void setRoute(const RouteConfig* route, bool sameRoute);
    // What "add target" offers.
    void setProviders(const std::map<QString, ProviderConfig>& providers);

    RouteTargetsModel* model() const { return model_; }
    TargetPath currentPath() const;
    void select(const TargetPath& path);

public slots:
    void addTarget();
    void removeTarget();
    void moveUp();
    void moveDown();
    void toggleGroup();

signals:
    void targetsEdited(const std::vector<signalbox::RouteTarget>& targets, const QString& text,
                       const QString& field);
    void typingEnded();

private:
    void offer(const std::vector<RouteTarget>& targets, const QString& text, const QString& field,
               const TargetPath& select);
    void editCurrent(const QString& text, const QString& field,
                     const std::function<void(RouteTarget&)>& change);
    void providerChanged();
    void showCurrent();
    void updateHint();

    RouteTargetsModel* model_;
    QTreeView* tree_;
    QLabel* hint_;
    QComboBox* provider_;
    QComboBox* modelName_;
    QPushButton* addButton_;
    QPushButton* upButton_;
    QPushButton* downButton_;
    QPushButton* groupButton_;
    QPushButton* removeButton_;
    QLabel* selectedLabel_;
    QSpinBox* weight_;
    QLabel* groupStrategyLabel_;
    QComboBox* groupStrategy_;
    DurationSpinBox* connectTimeout_;
    DurationSpinBox* firstByteTimeout_;
    DurationSpinBox* idleTimeout_;
    DurationSpinBox* totalTimeout_;
    QWidget* details_;
    std::map<QString, ProviderConfig> providers_;
    std::optional<RouteConfig> route_;
    std::optional<TargetPath> pendingSelection_;  // where the last edit put its step
    bool showing_ = false;
};

}  // namespace signalbox
