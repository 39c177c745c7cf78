#include "telemetry/OtlpExporter.h"

#include "telemetry/OtlpSender.h"

#include <QThread>

namespace signalbox {

OtlpExporter::OtlpExporter(const OtlpLimits& limits, QObject* parent)
    : QObject(parent), limits_(limits), queue_(limits.queueRecords) {}

OtlpExporter::~OtlpExporter() {
    if (thread_) {
        thread_->quit();
        thread_->wait();
    }
}

void OtlpExporter::reconfigure(const TelemetryConfig& config) {
    const bool on = !config.otlpEndpoint.trimmed().isEmpty();
    if (!on) {
        enabled_.store(false);
        queue_.clear();
    }
    if (on && !thread_) {
        thread_ = std::make_unique<QThread>();
        thread_->setObjectName(QStringLiteral("signalbox-otlp"));
        sender_ = new OtlpSender(queue_, limits_, wakePending_);
        sender_->moveToThread(thread_.get());
        connect(thread_.get(), &QThread::finished, sender_, &QObject::deleteLater);
        connect(sender_, &OtlpSender::flushed, this, &OtlpExporter::flushed);
        thread_->start();
        QMetaObject::invokeMethod(sender_, [sender = sender_] { sender->start(); });
    }
    if (sender_ != nullptr)
        QMetaObject::invokeMethod(sender_,
                                  [sender = sender_, config] { sender->configure(config); });
    if (on)
        enabled_.store(true);
}

void OtlpExporter::submit(const RequestRecord& record) {
    if (!enabled_.load())
        return;
    qsizetype size = 0;
    if (queue_.push(record, &size) && size >= OtlpSender::wakeThreshold(limits_) &&
        !wakePending_.exchange(true)) {
        QMetaObject::invokeMethod(sender_, [sender = sender_] { sender->drain(); });
    }
}

void OtlpExporter::flush() {
    if (!enabled_.load() || sender_ == nullptr) {
        QMetaObject::invokeMethod(this, &OtlpExporter::flushed, Qt::QueuedConnection);
        return;
    }
    const qint64 mark = queue_.pushed();
    QMetaObject::invokeMethod(sender_, [sender = sender_, mark] { sender->flushUpTo(mark); });
}

}  // namespace signalbox
