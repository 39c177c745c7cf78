#pragma once

#include <QLabel>

namespace signalbox {

class RequestLog;

// A status bar note that shows only while the request log cannot keep requests: what
// went wrong and what to do. Requests still flow meanwhile.
class StoreStatusLabel : public QLabel {
    Q_OBJECT
public:
    explicit StoreStatusLabel(RequestLog& log, QWidget* parent = nullptr);

private:
    void showProblem(const QString& problem);
};

}  // namespace signalbox
