#pragma once

#include <QObject>

#include <initializer_list>

class QSocketNotifier;

namespace signalbox {

// Turns SIGTERM/SIGINT into a Qt signal on the main thread: the handler only
// writes a byte to a socket pair (async-signal-safe); a notifier reads it.
class UnixSignalWatcher : public QObject {
    Q_OBJECT
public:
    explicit UnixSignalWatcher(std::initializer_list<int> signalNumbers, QObject* parent = nullptr);
    ~UnixSignalWatcher() override;

signals:
    void received(int signal);

private:
    void onReadable();
    QSocketNotifier* notifier_ = nullptr;
};

}  // namespace signalbox
