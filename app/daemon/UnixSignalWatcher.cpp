#include "UnixSignalWatcher.h"

#include <QSocketNotifier>

#include <sys/socket.h>
#include <unistd.h>
#include <csignal>

namespace signalbox {

namespace {
int pipeFds[2] = {-1, -1};

void onSignal(int sig) {
    const auto byte = static_cast<char>(sig);
    [[maybe_unused]] const ssize_t n = ::write(pipeFds[0], &byte, 1);
}
}  // namespace

UnixSignalWatcher::UnixSignalWatcher(std::initializer_list<int> signalNumbers, QObject* parent)
    : QObject(parent) {
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pipeFds) != 0) {
        qFatal("signalboxd: cannot create the signal socket pair");
    }
    notifier_ = new QSocketNotifier(pipeFds[1], QSocketNotifier::Read, this);
    connect(notifier_, &QSocketNotifier::activated, this, &UnixSignalWatcher::onReadable);
    for (const int sig : signalNumbers) {
        struct sigaction sa {};
        sa.sa_handler = onSignal;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESTART;
        ::sigaction(sig, &sa, nullptr);
    }
}

UnixSignalWatcher::~UnixSignalWatcher() {
    ::close(pipeFds[0]);
    ::close(pipeFds[1]);
    pipeFds[0] = pipeFds[1] = -1;
}

void UnixSignalWatcher::onReadable() {
    char byte = 0;
    if (::read(pipeFds[1], &byte, 1) == 1) {
        emit received(static_cast<int>(byte));
    }
}

}  // namespace signalbox
