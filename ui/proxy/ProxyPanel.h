#pragma once

#include "proxy/RequestRateSampler.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTimer;

namespace signalbox {

class Engine;
class KeyHealthModel;
class RateSparkline;
class TargetHealthModel;

// Start and stop the local proxy, choose where it listens, and watch it work: requests
// and errors per second, the breaker of every target it has called and of every key of
// the providers that rotate several. It shows what the engine reports; the engine decides.
class ProxyPanel : public QWidget {
    Q_OBJECT
public:
    explicit ProxyPanel(Engine& engine, QWidget* parent = nullptr);

protected:
    // The figures are sampled only while the panel is on screen.
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void showState();
    void checkListenAddress();
    void applyListenAddress();
    void refreshFigures();
    void fitKeysTable();

    Engine& engine_;
    RequestRateSampler sampler_;
    QLineEdit* listenEdit_;
    QPushButton* applyButton_;
    QLabel* listenHint_;
    QLabel* addressLabel_;
    QLabel* stateLabel_;
    QPushButton* startButton_;
    QPushButton* stopButton_;
    QLabel* rateLabel_;
    RateSparkline* sparkline_;
    TargetHealthModel* targetsModel_;
    QTableView* targetsTable_;
    QLabel* targetsEmptyLabel_;
    KeyHealthModel* keysModel_;
    QTableView* keysTable_;
    QLabel* keysEmptyLabel_;
    QTimer* refreshTimer_;
};

}  // namespace signalbox
