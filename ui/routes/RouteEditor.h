#pragma once

#include "config/Config.h"
#include "routes/RouteCheck.h"

#include <QWidget>

#include <functional>
#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;

namespace signalbox {

class DurationSpinBox;
class StatusLabel;

// The settings of one route besides its targets: name, strategy, retries and backoff,
// what falls over, timeouts, and where too-long and refused prompts go. It shows a
// route and offers each edit as the whole changed route through edited(); the draft
// decides, and setRoute() shows the outcome.
class RouteEditor : public QWidget {
    Q_OBJECT
public:
    explicit RouteEditor(QWidget* parent = nullptr);

    // Shows `route` (null: none; the form is disabled). For another state of the route
    // shown (`sameRoute`: an edit, an undo) only fields whose value changed are rewritten,
    // so that typing is never interrupted; for another route, every field.
    void setRoute(const RouteConfig* route, bool sameRoute);
    // Shows the shown route's problems at their fields.
    void setProblems(const std::vector<RouteProblem>& problems);
    // Text a field holds that the route cannot take (a status that is not one); empty
    // when there is none. The draft lacks it, so it must not be saved so.
    QString inputProblem() const;

    // Puts the cursor in the name, selected, for typing a new one.
    void focusName();

    static QString strategyText(RouteStrategy strategy);

signals:
    void edited(const signalbox::RouteConfig& after, const QString& text, const QString& field);
    void typingEnded();
    void inputProblemChanged();

private:
    void edit(const QString& text, const QString& field,
              const std::function<void(RouteConfig&)>& change);
    void showRoute(bool all);
    void statusesEdited();
    void fallbacksEdited(QLineEdit* edit, std::vector<RouteTarget> RouteConfig::*list,
                         const QString& text, const QString& field);
    void setInputProblem(const QString& problem);

    std::optional<RouteConfig> route_;
    bool showing_ = false;  // fields are being set from the route, not by the user
    QString inputProblem_;
    QLineEdit* name_;
    StatusLabel* nameProblem_;
    QComboBox* strategy_;
    QSpinBox* retries_;
    DurationSpinBox* backoff_;
    DurationSpinBox* maxBackoff_;
    DurationSpinBox* maxWait_;
    QCheckBox* onConnect_;
    QCheckBox* onTimeout_;
    QCheckBox* onBadResponse_;
    QCheckBox* onServerErrors_;
    QLineEdit* statuses_;
    StatusLabel* statusesProblem_;
    DurationSpinBox* connectTimeout_;
    DurationSpinBox* firstByteTimeout_;
    DurationSpinBox* idleTimeout_;
    DurationSpinBox* totalTimeout_;
    QLineEdit* contextFallbacks_;
    QLineEdit* contentPolicyFallbacks_;
    StatusLabel* fallbacksProblem_;
};

}  // namespace signalbox
