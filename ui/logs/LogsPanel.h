#pragma once

#include "routing/Clock.h"

#include <QByteArray>
#include <QString>
#include <QWidget>

#include <memory>

class QAction;
class QModelIndex;
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
struct RequestDetail;

// The live request log: the store's rows newest first, read a page at a time as the
// table scrolls, narrowed by the filter bar, with the selected request in full beside
// it. Every read goes through a QueryService of its own, off the GUI thread. Column
// widths and the split between table and detail are kept across runs (QSettings,
// "logs/...").
//
// Keys: Ctrl+F goes to the text filter, Tab through the filters, Enter on a row into
// its detail (Escape back), Ctrl+C copies the row; the row's context menu has the rest.
class LogsPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int kRefreshMs = 2000;
    static constexpr const char* kColumnsKey = "logs/columns";
    static constexpr const char* kColumnCountKey = "logs/columnCount";
    static constexpr const char* kSplitterKey = "logs/splitter";

    // `clock` gives "now" for the time presets; tests pass one they control.
    explicit LogsPanel(Engine& engine, QWidget* parent = nullptr,
                       const Clock& clock = Clock::system());
    ~LogsPanel() override;

signals:
    // "Open in Playground" on a request whose body was kept: what the Playground needs to
    // send it again (the route the client asked for, the inbound API it came in on, e.g.
    // "openai.chat" or "anthropic.messages", and the body as kept: masked, capped).
    void openInPlayground(const QString& requestId, const QString& route, const QString& surface,
                          const QByteArray& requestBody);

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    // Creates the service once the engine has a store; false while it has none.
    bool ensureService();
    void reload();
    void showState();
    void showSelected();
    void updateActions();
    void showContextMenu(const QModelIndex& index, const QPoint& globalPos);
    // The detail shown, when it is the current row's.
    const RequestDetail* currentDetail() const;
    void copyRow();
    void copyId();
    void copyCurl();
    void openSelectedInPlayground();
    void restoreLayout();
    void saveLayout() const;

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
    QAction* copyRow_;
    QAction* copyId_;
    QAction* copyCurl_;
    QAction* openInPlayground_;
    QString selectedId_;
    QString focusOnArrival_;  // Enter was pressed on it: its detail takes the keys once read
};

}  // namespace signalbox
