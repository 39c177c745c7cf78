#pragma once

#include "json/Json.h"

#include <QWidget>

#include <functional>

class QPlainTextEdit;

namespace signalbox {

class StatusLabel;

// JSON the user types (tools, a response format), checked as they type: what is wrong
// is said under it in words. Blank means none. The editor is named `objectName` +
// "Edit", the problem `objectName` + "Problem".
class JsonEdit : public QWidget {
    Q_OBJECT
public:
    // What keeps a parsed value from fitting, in words; empty when it fits.
    using Check = std::function<QString(const Json&)>;

    JsonEdit(const QString& objectName, const QString& placeholder, Check check,
             QWidget* parent = nullptr);

    bool isValid() const { return problem_.isEmpty(); }
    QString problem() const { return problem_; }
    // The value as typed; null when blank or not valid.
    const Json& value() const { return value_; }
    void setValue(const Json& value);
    // Caps the editor's height, for JSON that is short by nature.
    void setMaximumLines(int lines);

signals:
    void changed();

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void validate();
    // The problem's wrapped lines all get room, however tight the panel is.
    void fitProblem();

    QPlainTextEdit* editor_;
    StatusLabel* problemLabel_;
    Check check_;
    Json value_;
    QString problem_;
};

}  // namespace signalbox
