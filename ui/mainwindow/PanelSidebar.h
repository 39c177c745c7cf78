#pragma once

#include <QListWidget>

namespace signalbox {

// The list of panels down the left of the window. Its icons are drawn in one colour
// from the palette (MonochromeIcon) and drawn again when the palette changes, so they
// follow the system between light and dark.
class PanelSidebar : public QListWidget {
    Q_OBJECT
public:
    explicit PanelSidebar(QWidget* parent = nullptr);

    void addPanel(const QString& title, const QString& iconPath, const QString& toolTip);
    // As wide as the widest row, so no title is cut.
    void fitWidth();

protected:
    void changeEvent(QEvent* event) override;

private:
    void recolorIcons();
};

}  // namespace signalbox
