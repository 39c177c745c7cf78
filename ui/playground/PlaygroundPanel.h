#pragma once

#include <QWidget>

namespace signalbox {

// Prompts sent through the same chain as proxy traffic. Not built yet: says what is coming.
class PlaygroundPanel : public QWidget {
    Q_OBJECT
public:
    explicit PlaygroundPanel(QWidget* parent = nullptr);
};

}  // namespace signalbox
