#pragma once

#include <QFrame>

class QLabel;

namespace signalbox {

// One figure of the range in large type, its name above and a line of detail below
// ("Cache hit rate", "12%", "1,204 hits saved $3.20").
// Object names: the card's, + "Value", + "Detail".
class StatCard : public QFrame {
    Q_OBJECT
public:
    StatCard(const QString& name, const QString& title, QWidget* parent = nullptr);

    void setValue(const QString& value, const QString& detail);
    QString value() const;
    QString detail() const;

private:
    QLabel* value_;
    QLabel* detail_;
};

}  // namespace signalbox
