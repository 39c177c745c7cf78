#pragma once

#include <QWidget>

namespace signalbox {

// Keys Signalbox issues to its clients. Not built yet: says what is coming.
class VirtualKeysPanel : public QWidget {
    Q_OBJECT
public:
    explicit VirtualKeysPanel(QWidget* parent = nullptr);
};

}  // namespace signalbox
