#include "logs/LogsPanel.h"

#include "common/PanelHeader.h"

#include <QVBoxLayout>

namespace signalbox {

LogsPanel::LogsPanel(Engine& engine, QWidget* parent) : QWidget(parent), engine_(engine) {
    setObjectName(QStringLiteral("logsPanel"));
    PanelHeader::addTo(
        this, tr("Logs"),
        tr("A live table of every request with its route, target, latency, tokens and cost, with "
           "filters, full bodies and \"open in playground\". Coming with the request log."))
        ->addStretch();
}

}  // namespace signalbox
