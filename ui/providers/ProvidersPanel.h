#pragma once

#include <QWidget>

namespace signalbox {

// Providers and their keychain-backed keys. Not built yet: says what is coming.
class ProvidersPanel : public QWidget {
    Q_OBJECT
public:
    explicit ProvidersPanel(QWidget* parent = nullptr);
};

}  // namespace signalbox
