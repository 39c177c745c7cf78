#include "virtualkeys/VirtualKeysPanel.h"

#include "common/PanelHeader.h"

#include <QVBoxLayout>

namespace signalbox {

VirtualKeysPanel::VirtualKeysPanel(Engine& engine, QWidget* parent)
    : QWidget(parent), engine_(engine) {
    setObjectName(QStringLiteral("virtualKeysPanel"));
    PanelHeader::addTo(
        this, tr("Virtual Keys"),
        tr("Hand out sbk- keys with their own budgets, rate limits and allowed routes, so others "
           "can use the proxy without seeing your provider keys. Coming soon."))
        ->addStretch();
}

}  // namespace signalbox
