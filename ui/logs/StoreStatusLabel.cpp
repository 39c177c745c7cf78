#include "logs/StoreStatusLabel.h"

#include "engine/RequestLog.h"

namespace signalbox {

StoreStatusLabel::StoreStatusLabel(RequestLog& log, QWidget* parent) : QLabel(parent) {
    setObjectName(QStringLiteral("storeStatusLabel"));
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setWordWrap(false);
    connect(&log, &RequestLog::storeProblem, this, &StoreStatusLabel::showProblem);
    showProblem(log.storeStats().healthy ? QString() : log.storeStats().lastError);
}

void StoreStatusLabel::showProblem(const QString& problem) {
    setVisible(!problem.isEmpty());
    if (problem.isEmpty())
        return;
    setText(tr("⚠ Request log paused"));
    setToolTip(problem);
}

}  // namespace signalbox
