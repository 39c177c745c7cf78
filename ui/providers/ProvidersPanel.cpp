#include "providers/ProvidersPanel.h"

#include "common/PanelHeader.h"

#include <QVBoxLayout>

namespace signalbox {

ProvidersPanel::ProvidersPanel(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("providersPanel"));
    PanelHeader::addTo(this, tr("Providers & Keys"),
                       tr("Add providers, keep their keys in the system keychain, use several keys "
                          "per provider and test a connection with one click. Until then, add "
                          "providers under providers: in the configuration file."))
        ->addStretch();
}

}  // namespace signalbox
