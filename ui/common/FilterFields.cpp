#include "common/FilterFields.h"

#include <QDateTimeEdit>

namespace signalbox {

std::optional<FilterFields::Tag> FilterFields::tag(const QString& text) {
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    const qsizetype eq = trimmed.indexOf(QLatin1Char('='));
    if (eq <= 0)
        return Tag{};
    return Tag{trimmed.left(eq).trimmed(), trimmed.mid(eq + 1).trimmed()};
}

QDateTimeEdit* FilterFields::dateTimeEdit(const QString& objectName, QWidget* parent) {
    auto* edit = new QDateTimeEdit(parent);
    edit->setObjectName(objectName);
    edit->setCalendarPopup(true);
    edit->setTimeSpec(Qt::LocalTime);
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    edit->hide();
    return edit;
}

}  // namespace signalbox
