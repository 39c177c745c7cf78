#include "providers/simulated/SimulatedReply.h"

#include <QDateTime>
#include <QRandomGenerator>

#include <atomic>

namespace signalbox {

namespace {
std::atomic<quint64> replies{0};
std::atomic<quint64> flakyCalls{0};

int jitter(int base) {
    return base + static_cast<int>(QRandomGenerator::global()->bounded(base / 2 + 1));
}

QString lastUserText(const Json& messages) {
    for (auto it = messages.items().rbegin(); it != messages.items().rend(); ++it) {
        const Json& m = *it;
        if (m["role"].toString() == QLatin1String("tool"))
            return m["content"].isString() ? m["content"].toString() : QString();
        if (m["role"].toString() != QLatin1String("user"))
            continue;
        if (m["content"].isString())
            return m["content"].toString();
        for (const Json& part : m["content"].items()) {
            if (part["type"].toString() == QLatin1String("text"))
                return part["text"].toString();
        }
    }
    return {};
}
}  // namespace

void SimulatedReply::start(const UpstreamRequest& request, UpstreamCallbacks callbacks) {
    callbacks_ = std::move(callbacks);
    const Json body = Json::parse(request.body).value_or(Json());
    model_ = body["model"].toString();
    id_ = "chatcmpl-sim" + QByteArray::number(++replies);
    created_ = QDateTime::currentSecsSinceEpoch();
    stream_ = body["stream"].toBool();
    const Json& messages = body["messages"];
    userText_ = lastUserText(messages);
    promptTokens_ = 6 + messages.serialize().size() / 4;
    latencyScale_ = model_.contains(QLatin1String("slow")) ? 3 : 1;
    cutHalfway_ = model_.contains(QLatin1String("cut"));

    const Json& last = messages.at(messages.size() - 1);
    if (body["tools"].size() > 0 && last["role"].toString() != QLatin1String("tool") &&
        body["tool_choice"].toString() != QLatin1String("none")) {
        tool_ = body["tools"].at(0)["function"];
    }
    const QString text =
        last["role"].toString() == QLatin1String("tool")
            ? tr("The tool answered: %1").arg(userText_)
            : tr("This is Signalbox's simulated provider answering \"%1\". No key or "
                 "network is needed for it; add a real provider under Providers & Keys for "
                 "real answers.")
                  .arg(userText_.left(200));
    const QStringList words = text.split(QLatin1Char(' '));
    for (int i = 0; i < words.size(); ++i)
        words_ << (i == 0 ? words[i] : QLatin1Char(' ') + words[i]);
    if (const qint64 max = body["max_tokens"].toInt(-1); max >= 0 && max < words_.size())
        words_ = words_.mid(0, static_cast<qsizetype>(max));

    timer_.setSingleShot(true);
    connect(&timer_, &QTimer::timeout, this, [this] { sendHead(); });
    timer_.start(jitter(250) * latencyScale_);

    idleTimeoutMs_ = request.idleTimeoutMs;
    stall_.setSingleShot(true);
    connect(&stall_, &QTimer::timeout, this,
            [this] { timeOut(tr(stallWhat_).arg(stall_.interval())); });
    expectWithin(request.firstByteTimeoutMs, QT_TR_NOOP("no answer began within %1 ms"));
    if (request.totalTimeoutMs > 0) {
        total_.setSingleShot(true);
        connect(&total_, &QTimer::timeout, this, [this, ms = request.totalTimeoutMs] {
            timeOut(tr("the answer took longer than %1 ms in all").arg(ms));
        });
        total_.start(request.totalTimeoutMs);
    }
}

void SimulatedReply::expectWithin(int ms, const char* what) {
    stall_.stop();
    stallWhat_ = what;
    if (ms > 0)
        stall_.start(ms);
}

void SimulatedReply::timeOut(const QString& message) {
    stopTimers();
    UpstreamResult result;
    result.curlCode = 28;  // CURLE_OPERATION_TIMEDOUT, as the HTTP client reports it
    result.timedOut = true;
    result.message = message;
    UpstreamCallbacks callbacks = std::exchange(callbacks_, {});
    if (callbacks.onDone)
        callbacks.onDone(result);
}

void SimulatedReply::stopTimers() {
    timer_.stop();
    stall_.stop();
    total_.stop();
}

void SimulatedReply::cancel() {
    stopTimers();
    callbacks_ = {};
}

void SimulatedReply::release() {
    cancel();
    deleteLater();  // the owner may be letting go from inside one of our callbacks
}

void SimulatedReply::sendHead() {
    timer_.disconnect();
    if (model_.contains(QLatin1String("down"))) {
        fail(503, "server_error",
             tr("The simulated model '%1' is down: models named 'down' always fail.").arg(model_));
        return;
    }
    if (model_.contains(QLatin1String("rate"))) {
        fail(429, "rate_limit_error",
             tr("The simulated model '%1' is rate limited: models named 'rate' always are.")
                 .arg(model_),
             "2");
        return;
    }
    if (model_.contains(QLatin1String("flaky")) && (++flakyCalls % 2) == 1) {
        fail(503, "server_error",
             tr("The simulated model '%1' failed this time: models named 'flaky' fail every "
                "other call.")
                 .arg(model_));
        return;
    }
    HttpHeaders headers;
    headers.add("content-type", stream_ ? "text/event-stream" : "application/json");
    expectWithin(idleTimeoutMs_, QT_TR_NOOP("the answer fell silent for %1 ms"));
    callbacks_.onHead(200, headers);
    if (!callbacks_.onData)
        return;  // cancelled from inside the callback
    if (!stream_) {
        if (cutHalfway_) {
            cut();
            return;
        }
        Json message = Json::object();
        message.set("role", "assistant");
        Json finishReason("stop");
        if (!tool_.isNull()) {
            message.set("content", Json());
            Json calls = Json::array();
            calls.append(toolCall());
            message.set("tool_calls", std::move(calls));
            finishReason = Json("tool_calls");
        } else {
            message.set("content", words_.join(QString()));
        }
        Json choice = Json::object();
        choice.set("index", 0);
        choice.set("message", std::move(message));
        choice.set("finish_reason", std::move(finishReason));
        Json answer = envelope("chat.completion", std::move(choice));
        answer.set("usage", usage());
        callbacks_.onData(answer.serialize());
        finish();
        return;
    }
    Json role = Json::object();
    role.set("role", "assistant");
    role.set("content", "");
    callbacks_.onData(chunk(role, Json()));
    connect(&timer_, &QTimer::timeout, this, [this] { sendNext(); });
    timer_.start(jitter(25) * latencyScale_);
}

void SimulatedReply::sendNext() {
    if (!callbacks_.onData)
        return;
    const int total = tool_.isNull() ? static_cast<int>(words_.size()) : 1;
    if (cutHalfway_ && sent_ >= total / 2) {
        cut();
        return;
    }
    if (sent_ < total) {
        Json delta = Json::object();
        if (tool_.isNull()) {
            delta.set("content", words_[sent_]);
        } else {
            Json calls = Json::array();
            Json call = toolCall();
            call.set("index", 0);
            calls.append(std::move(call));
            delta.set("tool_calls", std::move(calls));
        }
        ++sent_;
        expectWithin(idleTimeoutMs_, QT_TR_NOOP("the answer fell silent for %1 ms"));
        callbacks_.onData(chunk(delta, Json()));
        if (callbacks_.onData)
            timer_.start(jitter(25) * latencyScale_);
        return;
    }
    QByteArray tail = chunk(Json::object(), Json(tool_.isNull() ? "stop" : "tool_calls"));
    Json last = envelope("chat.completion.chunk", Json());  // the usage chunk: no choices
    last.set("usage", usage());
    tail += "data: " + last.serialize() + "\n\ndata: [DONE]\n\n";
    callbacks_.onData(tail);
    finish();
}

QByteArray SimulatedReply::chunk(const Json& delta, const Json& finishReason) const {
    Json choice = Json::object();
    choice.set("index", 0);
    choice.set("delta", delta);
    choice.set("finish_reason", finishReason);
    return "data: " + envelope("chat.completion.chunk", std::move(choice)).serialize() + "\n\n";
}

Json SimulatedReply::envelope(const char* object, Json choice) const {
    Json out = Json::object();
    out.set("id", QByteArrayView(id_));
    out.set("object", object);
    out.set("created", created_);
    out.set("model", model_);
    Json choices = Json::array();
    if (!choice.isNull())
        choices.append(std::move(choice));
    out.set("choices", std::move(choices));
    return out;
}

Json SimulatedReply::usage() const {
    const qint64 completion = tool_.isNull() ? words_.size() : 12;
    Json u = Json::object();
    u.set("prompt_tokens", promptTokens_);
    u.set("completion_tokens", completion);
    u.set("total_tokens", promptTokens_ + completion);
    return u;
}

Json SimulatedReply::toolCall() const {
    // Every string parameter gets the user's words, the rest a plain value.
    Json arguments = Json::object();
    for (const auto& [name, schema] : tool_["parameters"]["properties"].members()) {
        const QString type = schema["type"].toString();
        if (type == QLatin1String("string"))
            arguments.set(name, userText_);
        else if (type == QLatin1String("integer") || type == QLatin1String("number"))
            arguments.set(name, 1);
        else if (type == QLatin1String("boolean"))
            arguments.set(name, true);
    }
    Json function = Json::object();
    function.set("name", tool_["name"]);
    function.set("arguments", QByteArrayView(arguments.serialize()));
    Json call = Json::object();
    call.set("id", QByteArrayView("call_" + id_));
    call.set("type", "function");
    call.set("function", std::move(function));
    return call;
}

void SimulatedReply::fail(int status, const QByteArray& type, const QString& message,
                          QByteArray retryAfter) {
    HttpHeaders headers;
    headers.add("content-type", "application/json");
    if (!retryAfter.isEmpty())
        headers.add("retry-after", retryAfter);
    Json error = Json::object();
    error.set("message", message);
    error.set("type", QByteArrayView(type));
    error.set("param", Json());
    error.set("code", QByteArrayView(type));
    Json body = Json::object();
    body.set("error", std::move(error));
    callbacks_.onHead(status, headers);
    if (callbacks_.onData)
        callbacks_.onData(body.serialize());
    finish();
}

void SimulatedReply::cut() {
    stopTimers();
    UpstreamResult result;
    result.curlCode = 18;  // CURLE_PARTIAL_FILE: what a dropped connection looks like
    result.status = 200;
    result.message = tr("the simulated connection dropped halfway (models named 'cut' do)");
    UpstreamCallbacks callbacks = std::exchange(callbacks_, {});
    if (callbacks.onDone)
        callbacks.onDone(result);
}

void SimulatedReply::finish() {
    stopTimers();
    UpstreamResult result;
    result.status = 200;
    UpstreamCallbacks callbacks = std::exchange(callbacks_, {});
    if (callbacks.onDone)
        callbacks.onDone(result);
}

}  // namespace signalbox
