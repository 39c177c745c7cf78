#pragma once

#include "config/Config.h"
#include "routing/RouteDryRun.h"

#include <QWidget>

#include <map>
#include <memory>

class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTreeWidget;

namespace signalbox {

class StatusLabel;

// The dry run of one route as edited, before it is saved: the user picks what each target
// does when called (answers, 503, times out, …) and sees, step by step, which target the
// proxy would try, retry or pass over and who serves in the end. Nothing is called. It
// runs again on every change of the picks or of the route.
class DryRunView : public QWidget {
    Q_OBJECT
public:
    explicit DryRunView(QWidget* parent = nullptr);

    // `draft` holds the routes as edited; `problem` says why `route` cannot run as it
    // stands (empty: it can).
    void setRoute(const Config& draft, const QString& route, const QString& problem);
    const DryRunResult& result() const { return result_; }

public slots:
    void run();
    // Every target answers again.
    void resetOutcomes();

signals:
    void ran();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void showOutcomes();
    void showResult();
    bool isRandom() const;

    std::shared_ptr<const Config> draft_;
    QString route_;
    QString problem_;
    std::map<QString, SimulatedOutcome> outcomes_;  // picks by provider/model, kept across edits
    DryRunResult result_;
    bool stale_ = true;  // changed while hidden: runs when shown
    QLabel* title_;
    QTableWidget* outcomesTable_;
    QPushButton* drawButton_;
    QPushButton* resetButton_;
    QSpinBox* seed_;
    StatusLabel* summary_;
    QTreeWidget* steps_;
};

}  // namespace signalbox
