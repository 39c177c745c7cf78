#pragma once

#include <QLabel>

namespace signalbox {

// A bold heading for a group of controls inside a panel.
class SectionLabel : public QLabel {
    Q_OBJECT
public:
    explicit SectionLabel(const QString& text, QWidget* parent = nullptr);
};

}  // namespace signalbox
