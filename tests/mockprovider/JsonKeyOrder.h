#pragma once

#include <QByteArrayView>
#include <QStringList>

namespace signalbox::mock {

// Member names of one object inside a JSON text, in the order they were
// written. QJsonObject sorts its keys, but a tool's schema properties must be
// answered in schema order, as a model does; the mock reads that order itself
// rather than borrow the gateway's parser, so the two cannot share a mistake.
class JsonKeyOrder {
public:
    // `path` names the object: member names, and decimal indexes for arrays.
    // Empty when the path does not lead to an object or the text is malformed.
    static QStringList at(QByteArrayView json, const QStringList& path);
};

}  // namespace signalbox::mock
