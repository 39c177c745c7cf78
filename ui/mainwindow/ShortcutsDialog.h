#pragma once

#include <QDialog>
#include <QKeySequence>
#include <QList>

class QAction;
class QTreeWidget;
class QTreeWidgetItem;

namespace signalbox {

// Help ▸ Keyboard Shortcuts: every shortcut of the window and of each panel, in groups.
// Built from the actions themselves, so the list cannot drift from what the keys do.
class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    explicit ShortcutsDialog(QWidget* parent = nullptr);

    // A group of actions; those without a shortcut or a text are left out, and so is a
    // group left empty.
    void addGroup(const QString& title, const QList<QAction*>& actions);
    // A key that is not an action (Tab, Escape in dialogs).
    void addEntry(const QString& group, const QString& description, const QKeySequence& keys);

private:
    QTreeWidgetItem* group(const QString& title);
    void addRow(QTreeWidgetItem* group, const QString& description,
                const QList<QKeySequence>& keys);

    QTreeWidget* list_;
};

}  // namespace signalbox
