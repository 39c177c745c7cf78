#include "dashboard/TopSpendTable.h"

#include "dashboard/DashboardFormat.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSignalBlocker>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace signalbox {

TopSpendTable::TopSpendTable(const QString& name, const QString& groupTitle, QWidget* parent)
    : QWidget(parent),
      choiceLabel_(new QLabel(this)),
      choice_(new QComboBox(this)),
      list_(new QTreeWidget(this)) {
    setObjectName(name);
    choice_->setObjectName(name + QStringLiteral("Choice"));
    choiceLabel_->setBuddy(choice_);
    choiceLabel_->hide();
    choice_->hide();
    connect(choice_, &QComboBox::currentTextChanged, this, &TopSpendTable::choiceChanged);

    list_->setObjectName(name + QStringLiteral("List"));
    list_->setRootIsDecorated(false);
    list_->setUniformRowHeights(true);
    list_->setAlternatingRowColors(true);
    list_->setSelectionMode(QAbstractItemView::NoSelection);
    list_->setFocusPolicy(Qt::NoFocus);
    list_->setHeaderLabels({groupTitle, tr("Spend"), tr("Requests"), tr("Share")});
    list_->setAccessibleName(groupTitle);
    QHeaderView* header = list_->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(Name, QHeaderView::Stretch);
    for (const int column : {int(Spend), int(Requests), int(Share)})
        header->setSectionResizeMode(column, QHeaderView::ResizeToContents);

    auto* choiceRow = new QHBoxLayout;
    choiceRow->setContentsMargins(0, 0, 0, 0);
    choiceRow->addWidget(choiceLabel_);
    choiceRow->addWidget(choice_, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(choiceRow);
    layout->addWidget(list_, 1);
}

void TopSpendTable::setRows(const std::vector<GroupSpend>& rows, double totalUsd,
                            const std::function<QString(const QString&)>& nameOf) {
    rows_ = rows;
    list_->clear();
    QList<QTreeWidgetItem*> items;
    for (const GroupSpend& g : rows_) {
        auto* item = new QTreeWidgetItem;
        const QString shown = nameOf ? nameOf(g.group) : g.group;
        item->setText(Name, shown.isEmpty() ? tr("(none)") : shown);
        item->setToolTip(Name, g.group);
        item->setData(Name, Qt::UserRole, g.group);
        item->setText(Spend, DashboardFormat::money(g.costUsd));
        item->setText(Requests, DashboardFormat::count(g.requests));
        item->setText(Share, DashboardFormat::percent(totalUsd > 0 ? g.costUsd / totalUsd : 0));
        for (const int column : {int(Spend), int(Requests), int(Share)})
            item->setTextAlignment(column, Qt::AlignRight | Qt::AlignVCenter);
        if (g.unpriced > 0) {
            item->setToolTip(Spend, tr("Not counted: %1 requests to models that have no price")
                                        .arg(DashboardFormat::count(g.unpriced)));
        }
        items.append(item);
    }
    if (items.isEmpty()) {
        auto* item = new QTreeWidgetItem({tr("No spend in this range")});
        item->setFlags(Qt::NoItemFlags);
        items.append(item);
        list_->addTopLevelItems(items);
        item->setFirstColumnSpanned(true);
        return;
    }
    list_->addTopLevelItems(items);
}

void TopSpendTable::setChoices(const QStringList& choices, const QString& current,
                               const QString& label) {
    const QSignalBlocker block(choice_);
    choice_->clear();
    choice_->addItems(choices);
    choice_->setCurrentText(current);
    choiceLabel_->setText(label);
    const bool visible = !choices.isEmpty();
    choice_->setVisible(visible);
    choiceLabel_->setVisible(visible);
}

QString TopSpendTable::choice() const {
    return choice_->currentText();
}

}  // namespace signalbox
