#pragma once

#include <QString>

#include <optional>

class QDateTimeEdit;
class QWidget;

namespace signalbox {

// Pieces the Logs and Dashboard filter bars share.
class FilterFields {
public:
    // A tag filter as typed: "key=value".
    struct Tag {
        QString key;  // empty when the text cannot be read as a tag
        QString value;
    };
    // Unset when nothing is typed.
    static std::optional<Tag> tag(const QString& text);

    // A from/to picker of a custom range, to the minute, with a calendar; hidden until
    // the custom range is chosen.
    static QDateTimeEdit* dateTimeEdit(const QString& objectName, QWidget* parent);
};

}  // namespace signalbox
