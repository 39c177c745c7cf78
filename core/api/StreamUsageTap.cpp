#include "api/StreamUsageTap.h"

#include "json/Json.h"
#include "providers/ChatFormat.h"

#include <algorithm>
#include <cstring>

namespace signalbox {

namespace {
// Whether `line` has a usage member whose value is an object: OpenAI chunks carry
// "usage": null until the last one.
bool hasUsageObject(QByteArrayView line) {
    qsizetype at = 0;
    while ((at = line.indexOf("\"usage", at)) >= 0) {
        at += 6;
        // "usage" or "usageMetadata", then the colon and the value.
        qsizetype i = line.indexOf('"', at);
        if (i < 0)
            return false;
        for (++i; i < line.size() && (line[i] == ' ' || line[i] == ':'); ++i) {
        }
        if (i < line.size() && line[i] == '{')
            return true;
    }
    return false;
}
}  // namespace

bool StreamUsageTap::line(QByteArrayView text) {
    if (text.endsWith('\r'))
        text.chop(1);
    if (text.isEmpty()) {
        return !std::exchange(skipBlank_, false);
    }
    if (!text.startsWith("data:")) {
        if (text.startsWith("event:")) {
            const QByteArrayView name = text.sliced(6).trimmed();
            ended_ = ended_ || name == "message_stop";
            errorEvent_ = name == "error";
        }
        return true;
    }
    QByteArrayView payload = text.sliced(5).trimmed();
    if (payload == "[DONE]") {
        ended_ = true;
        return true;
    }
    if (errorEvent_ || payload.startsWith("{\"error\"") || payload.startsWith("{ \"error\"")) {
        // Both formats carry {"error":{"message":...}} (Anthropic's with a "type" first).
        errorEvent_ = false;
        failed_ = true;
        const std::optional<Json> json = Json::parse(payload);
        failure_ = json ? (*json)["error"]["message"].toString() : QString();
        if (failure_.isEmpty())
            failure_ = QString::fromUtf8(payload.first(std::min<qsizetype>(payload.size(), 200)));
        return true;
    }
    ++events_;
    if (!hasUsageObject(payload))
        return true;
    const std::optional<Json> json = Json::parse(payload);
    if (!json)
        return true;
    if (const std::optional<Usage> usage = format_.usageIn(*json))
        usage_.merge(*usage);
    // The chunk include_usage adds: no choices, only the counts.
    const Json& choices = (*json)["choices"];
    if (cut_ && choices.isArray() && choices.size() == 0) {
        --events_;
        skipBlank_ = true;
        return false;
    }
    return true;
}

QByteArrayView StreamUsageTap::feed(QByteArrayView data, QByteArray& scratch) {
    // When chunks are cut, what goes out is the complete lines of `data`: a view of it
    // until a line is left out (or a line held from the last read leads), a copy after.
    bool copying = false;
    scratch.clear();
    qsizetype from = 0;
    while (from < data.size()) {
        const qsizetype end = data.indexOf('\n', from);
        if (end < 0)
            break;
        if (!partial_.isEmpty()) {
            partial_.append(data.sliced(from, end - from));
            const bool keep = line(partial_);
            if (cut_) {
                copying = true;
                if (keep)
                    scratch.append(partial_).append('\n');
            }
            partial_.clear();
        } else {
            const bool keep = line(data.sliced(from, end - from));
            if (cut_ && !keep && !copying) {
                copying = true;
                scratch.append(data.first(from));
            } else if (cut_ && keep && copying) {
                scratch.append(data.sliced(from, end + 1 - from));
            }
        }
        from = end + 1;
    }
    if (from < data.size())
        partial_.append(data.sliced(from));
    if (!cut_)
        return data;
    return copying ? QByteArrayView(scratch) : data.first(from);
}

}  // namespace signalbox
