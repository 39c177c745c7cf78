#pragma once

#include <QByteArray>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace signalbox {

class JsonEdit;
class OptionalNumberField;
struct PlaygroundRequest;

// The Playground's side panel: system prompt, sampling parameters (each unset until the
// user sets it), tools and response format as JSON checked while typed, and the virtual
// key for a proxy that requires one (held in memory only, never saved).
class ParametersPanel : public QWidget {
    Q_OBJECT
public:
    explicit ParametersPanel(QWidget* parent = nullptr);

    // Sets everything of `request` but its model and messages from the fields.
    void fill(PlaygroundRequest& request) const;
    // The fields from `request`; its model and messages are not this panel's.
    void restore(const PlaygroundRequest& request);
    // Whether the JSON fields hold what a chat call takes; problem() says what does not.
    bool isValid() const;
    QString problem() const;

    QByteArray virtualKey() const;
    void setKeysRequired(bool required);

    // The least height that shows every field, not the preferred one: in its scroll area
    // the panel then fits the window and scrolls only when the window is too small.
    int heightForWidth(int width) const override;

signals:
    void changed();

private:
    QPlainTextEdit* system_;
    OptionalNumberField* temperature_;
    OptionalNumberField* topP_;
    OptionalNumberField* maxTokens_;
    JsonEdit* tools_;
    JsonEdit* responseFormat_;
    QLineEdit* virtualKey_;
    QLabel* keyNote_;
};

}  // namespace signalbox
