#pragma once

#include <QWidget>

namespace signalbox {

// The fallback-chain editor. Not built yet: says what is coming.
class RoutesPanel : public QWidget {
    Q_OBJECT
public:
    explicit RoutesPanel(QWidget* parent = nullptr);
};

}  // namespace signalbox
