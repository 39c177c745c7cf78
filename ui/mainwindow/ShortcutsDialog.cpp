#include "mainwindow/ShortcutsDialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace signalbox {

namespace {

// An action's text as read: "&Quit" is "Quit", "A && B" is "A & B".
QString withoutMnemonics(const QString& text) {
    QString plain;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == u'&') {
            if (i + 1 < text.size() && text[i + 1] == u'&')
                plain += text[++i];
            continue;
        }
        plain += text[i];
    }
    return plain;
}

}  // namespace

ShortcutsDialog::ShortcutsDialog(QWidget* parent) : QDialog(parent), list_(new QTreeWidget(this)) {
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(tr("Keyboard Shortcuts"));

    auto* intro = new QLabel(
        tr("Shortcuts listed under a panel work while that panel is shown and the focus is "
           "inside it."),
        this);
    intro->setWordWrap(true);
    intro->setForegroundRole(QPalette::PlaceholderText);

    list_->setObjectName(QStringLiteral("shortcutsList"));
    list_->setHeaderLabels({tr("Action"), tr("Keys")});
    list_->setRootIsDecorated(false);
    list_->setItemsExpandable(false);
    list_->setSelectionMode(QAbstractItemView::NoSelection);
    list_->setFocusPolicy(Qt::StrongFocus);
    list_->header()->setStretchLastSection(true);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setObjectName(QStringLiteral("shortcutsCloseButton"));
    buttons->button(QDialogButtonBox::Close)->setDefault(true);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(list_, 1);
    layout->addWidget(buttons);
    resize(600, 760);
}

QTreeWidgetItem* ShortcutsDialog::group(const QString& title) {
    for (int i = 0; i < list_->topLevelItemCount(); ++i) {
        if (list_->topLevelItem(i)->text(0) == title)
            return list_->topLevelItem(i);
    }
    auto* item = new QTreeWidgetItem(list_, {title});
    QFont bold = item->font(0);
    bold.setWeight(QFont::DemiBold);
    item->setFont(0, bold);
    item->setFirstColumnSpanned(true);
    item->setExpanded(true);
    return item;
}

void ShortcutsDialog::addRow(QTreeWidgetItem* parent, const QString& description,
                             const QList<QKeySequence>& keys) {
    QStringList shown;
    for (const QKeySequence& key : keys) {
        if (!key.isEmpty())
            shown << key.toString(QKeySequence::NativeText);
    }
    new QTreeWidgetItem(parent, {description, shown.join(tr(" or "))});
    list_->resizeColumnToContents(0);
    list_->setColumnWidth(0, list_->columnWidth(0) + 24);
}

void ShortcutsDialog::addGroup(const QString& title, const QList<QAction*>& actions) {
    QTreeWidgetItem* parent = nullptr;
    for (QAction* action : actions) {
        const QString text = withoutMnemonics(action->text());
        if (action->shortcuts().isEmpty() || text.isEmpty())
            continue;
        if (!parent)
            parent = group(title);
        addRow(parent, text, action->shortcuts());
    }
}

void ShortcutsDialog::addEntry(const QString& groupTitle, const QString& description,
                               const QKeySequence& keys) {
    addRow(group(groupTitle), description, {keys});
}

}  // namespace signalbox
