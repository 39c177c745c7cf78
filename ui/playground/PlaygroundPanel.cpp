#include "playground/PlaygroundPanel.h"

#include "common/PanelHeader.h"

#include <QVBoxLayout>

namespace signalbox {

PlaygroundPanel::PlaygroundPanel(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("playgroundPanel"));
    PanelHeader::addTo(this, tr("Playground"),
                       tr("Chat with any route or model through the same engine your applications "
                          "use, compare two replies side by side, and see the target, attempts, "
                          "tokens and cost of every call. Coming soon."))
        ->addStretch();
}

}  // namespace signalbox
