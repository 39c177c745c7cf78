#pragma once

#include <QWidget>

class QVBoxLayout;

namespace signalbox {

// The title and a line or two of explanation that open every panel, so all
// eight panels share one look and one set of margins.
class PanelHeader : public QWidget {
    Q_OBJECT
public:
    PanelHeader(const QString& title, const QString& explanation, QWidget* parent = nullptr);

    // Gives panel a vertical layout with the standard margins, opened by a header.
    // The panel adds its own content (or just a stretch) below.
    static QVBoxLayout* addTo(QWidget* panel, const QString& title, const QString& explanation);
};

}  // namespace signalbox
