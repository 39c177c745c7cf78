#pragma once

#include "store/RequestDetail.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QTreeWidget;

namespace signalbox {

// One request of the log in full: what it was, every try of its attempt trail, and the
// request and response bodies when the store kept them.
class LogDetailView : public QWidget {
    Q_OBJECT
public:
    explicit LogDetailView(QWidget* parent = nullptr);

    // In place of a request: why there is none ("select a request", "loading", an error).
    void showMessage(const QString& message);
    void showDetail(const RequestDetail& detail);
    const std::optional<RequestDetail>& detail() const { return detail_; }
    // Moves the keyboard into the request shown (its bodies), or into the message.
    void focusContent();
    // Whether the request shown can be opened in the Playground, and if not why, in words.
    static QString whyNotPlayable(const RequestDetail& detail);

signals:
    void copyCurlRequested();
    void openInPlaygroundRequested();

private:
    void showTrail(const QByteArray& trailJson);
    static QString bodyText(const QByteArray& body);

    std::optional<RequestDetail> detail_;
    QStackedWidget* pages_;
    QLabel* message_;
    QLabel* title_;
    QLabel* facts_;
    QTreeWidget* trail_;
    QTabWidget* bodies_;
    QPlainTextEdit* requestBody_;
    QPlainTextEdit* responseBody_;
    QPushButton* copyCurl_;
    QPushButton* openInPlayground_;
};

}  // namespace signalbox
