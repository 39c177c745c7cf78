#pragma once

#include <QWidget>

#include <memory>

class QLabel;
class QSplitter;
class QStackedWidget;
class QTableView;
class QTimer;

namespace signalbox {

class Engine;
class LogDetailView;
class LogFilterBar;
class LogTableModel;
class QueryService;

// The live request log: the store's rows newest first, read a page at a time as the
// table scrolls, narrowed by the filter bar, with the selected request in full beside
// it. Every read goes through a QueryService of its own, off the GUI thread.
class LogsPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int kRefreshMs = 2000;

    explicit LogsPanel(Engine& engine, QWidget* parent = nullptr);
    ~LogsPanel() override;

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    // Creates the service once the engine has a store; false while it has none.
    bool ensureService();
    void reload();
    void showState();
    void showSelected();
    void copyCurl();

    Engine& engine_;
    std::unique_ptr<QueryService> service_;
    LogTableModel* model_;
    LogFilterBar* filters_;
    QStackedWidget* pages_;
    QLabel* emptyState_;
    QSplitter* splitter_;
    QTableView* table_;
    LogDetailView* detail_;
    QLabel* status_;
    QTimer* refresh_;
    QString selectedId_;
};

}  // namespace signalbox
