#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <utility>
#include <vector>

namespace signalbox {

// Header fields in arrival order. A flat vector: requests carry a dozen headers,
// and a linear case-insensitive scan beats a map's allocations at that size.
class HttpHeaders {
public:
    using Field = std::pair<QByteArray, QByteArray>;

    void add(QByteArray name, QByteArray value) {
        fields_.emplace_back(std::move(name), std::move(value));
    }
    // The first value of `name`, or an empty view.
    QByteArrayView value(QByteArrayView name) const {
        for (const Field& f : fields_) {
            if (f.first.compare(name, Qt::CaseInsensitive) == 0) {
                return f.second;
            }
        }
        return {};
    }
    bool contains(QByteArrayView name) const { return count(name) > 0; }
    int count(QByteArrayView name) const {
        int n = 0;
        for (const Field& f : fields_) {
            n += f.first.compare(name, Qt::CaseInsensitive) == 0 ? 1 : 0;
        }
        return n;
    }
    void clear() { fields_.clear(); }
    bool isEmpty() const { return fields_.empty(); }
    const std::vector<Field>& fields() const { return fields_; }

private:
    std::vector<Field> fields_;
};

}  // namespace signalbox
