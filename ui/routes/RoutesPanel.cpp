#include "routes/RoutesPanel.h"

#include "common/PanelHeader.h"

#include <QVBoxLayout>

namespace signalbox {

RoutesPanel::RoutesPanel(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("routesPanel"));
    PanelHeader::addTo(this, tr("Routes"),
                       tr("Edit fallback chains here: drag targets into order, set weights, "
                          "retries and timeouts, and dry-run failures. Until then, routes live "
                          "under routes: in the configuration file."))
        ->addStretch();
}

}  // namespace signalbox
