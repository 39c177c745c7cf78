#include "store/RequestJournal.h"

#include "store/RecordLine.h"

#include <QCoreApplication>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <mutex>

namespace signalbox {

namespace {
QString tr(const char* text) {
    return QCoreApplication::translate("RequestJournal", text);
}
}  // namespace

RequestJournal::RequestJournal(QString path) : path_(std::move(path)) {}

RequestJournal::~RequestJournal() {
    if (fd_ >= 0)
        ::close(fd_);
}

bool RequestJournal::open(QString* error) {
    const QByteArray name = path_.toLocal8Bit();
    // Taken alone: the store opens the journal again, while writers append, when the
    // data folder could not be written at start.
    std::unique_lock lock(truncating_);
    fd_ = ::open(name.constData(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ < 0) {
        if (error)
            *error = tr("cannot open %1: %2").arg(path_, QString::fromLocal8Bit(strerror(errno)));
        return false;
    }
    struct stat st {};
    if (::fstat(fd_, &st) == 0)
        size_.store(st.st_size, std::memory_order_release);
    return true;
}

bool RequestJournal::append(const RequestRecord& record, QString* error) {
    // One buffer a thread, reused: a record costs no allocation once it has grown.
    thread_local QByteArray line;
    line.resize(0);  // keeps the capacity, unlike clear()
    RecordLine::write(record, line);
    return appendLine(line, error);
}

bool RequestJournal::appendLine(QByteArrayView line, QString* error) {
    std::shared_lock lock(truncating_);
    if (fd_ < 0) {
        if (error)
            *error = tr("the journal %1 is not open").arg(path_);
        return false;
    }
    if (size_.load(std::memory_order_relaxed) + line.size() > kMaxBytes) {
        if (error) {
            *error = tr("the journal %1 reached %2 MiB while the database could not take its "
                        "records")
                         .arg(path_)
                         .arg(kMaxBytes / (1024 * 1024));
        }
        return false;
    }
    // O_APPEND: concurrent writes each land whole at the end.
    const ssize_t n = ::write(fd_, line.constData(), static_cast<size_t>(line.size()));
    if (n != line.size()) {
        const int code = n < 0 ? errno : ENOSPC;
        // A torn line stays unended: the next record is appended to it and RecordLine::read
        // finds it there. Ending it would fail on the same full disk, and where it did not,
        // it would make a line of no record that the store counts as one.
        if (n > 0)
            size_.fetch_add(n, std::memory_order_acq_rel);
        if (error)
            *error = tr("cannot write %1: %2").arg(path_, QString::fromLocal8Bit(strerror(code)));
        return false;
    }
    size_.fetch_add(n, std::memory_order_acq_rel);
    return true;
}

QByteArray RequestJournal::read(qint64 offset, qint64 max) const {
    QByteArray out;
    if (fd_ < 0)
        return out;
    // No more than the file holds: a buffer of `max` for a short journal is wasted.
    max = std::min(max, size_.load(std::memory_order_acquire) - offset);
    if (max <= 0)
        return out;
    out.resize(static_cast<qsizetype>(max));
    qsizetype got = 0;
    while (got < out.size()) {
        const ssize_t n = ::pread(fd_, out.data() + got, static_cast<size_t>(out.size() - got),
                                  static_cast<off_t>(offset + got));
        if (n <= 0)
            break;
        got += n;
    }
    out.resize(got);
    return out;
}

bool RequestJournal::truncateIfAt(qint64 consumed) {
    std::unique_lock lock(truncating_);
    if (fd_ < 0 || size_.load(std::memory_order_acquire) != consumed)
        return false;
    if (::ftruncate(fd_, 0) != 0)
        return false;
    size_.store(0, std::memory_order_release);
    return true;
}

}  // namespace signalbox
