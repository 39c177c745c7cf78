#pragma once

#include <QWidget>

namespace signalbox {

// The live request log. Not built yet: says what is coming.
class LogsPanel : public QWidget {
    Q_OBJECT
public:
    explicit LogsPanel(QWidget* parent = nullptr);
};

}  // namespace signalbox
