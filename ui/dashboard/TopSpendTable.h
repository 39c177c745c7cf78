#pragma once

#include "store/GroupSpend.h"

#include <QWidget>

#include <functional>
#include <vector>

class QComboBox;
class QLabel;
class QTreeWidget;

namespace signalbox {

// The groups that spent most over the range, most first: name, spend, requests and
// share of the range's spend. With choices (the tag keys, for spend per tag value) a
// picker above the list says what the groups are.
// Object names: the table's, + "List", + "Choice".
class TopSpendTable : public QWidget {
    Q_OBJECT
public:
    enum Column { Name, Spend, Requests, Share, ColumnCount };

    TopSpendTable(const QString& name, const QString& groupTitle, QWidget* parent = nullptr);

    // `nameOf` turns a group into what the list shows (a key's name); `totalUsd` is the
    // range's spend, of which each group's share is shown.
    void setRows(const std::vector<GroupSpend>& rows, double totalUsd,
                 const std::function<QString(const QString&)>& nameOf = {});
    const std::vector<GroupSpend>& rows() const { return rows_; }
    // Shows the picker with these choices, `current` picked ("" and none: hidden).
    void setChoices(const QStringList& choices, const QString& current, const QString& label);
    QString choice() const;
    QTreeWidget* list() const { return list_; }

signals:
    void choiceChanged(const QString& choice);

private:
    std::vector<GroupSpend> rows_;
    QLabel* choiceLabel_;
    QComboBox* choice_;
    QTreeWidget* list_;
};

}  // namespace signalbox
