#include "playground/PlaygroundCall.h"

#include "engine/Engine.h"
#include "json/Json.h"
#include "pricing/Pricing.h"
#include "providers/StreamDecoder.h"
#include "providers/openai/OpenAiChatFormat.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace signalbox {

namespace {
const OpenAiChatFormat& openAi() {
    static const OpenAiChatFormat format;
    return format;
}

// The request as the playground means it: streamed, with the usage chunk at the end.
QByteArray streamed(const QByteArray& body) {
    QJsonObject request = QJsonDocument::fromJson(body).object();
    request.insert(QStringLiteral("stream"), true);
    QJsonObject options = request.value(QStringLiteral("stream_options")).toObject();
    options.insert(QStringLiteral("include_usage"), true);
    request.insert(QStringLiteral("stream_options"), options);
    return QJsonDocument(request).toJson(QJsonDocument::Compact);
}
}  // namespace

PlaygroundCall::PlaygroundCall(Engine& engine, QObject* parent)
    : QObject(parent), engine_(engine), network_(new QNetworkAccessManager(this)) {}

PlaygroundCall::~PlaygroundCall() {
    if (reply_) {
        reply_->disconnect(this);
        reply_->abort();
    }
}

void PlaygroundCall::start(const QByteArray& body, const QByteArray& virtualKey) {
    cancel();
    result_ = PlaygroundResult();
    assembler_ = ResponseAssembler();
    decoder_ = openAi().newStreamDecoder();
    streaming_ = false;
    ended_ = false;
    clock_.start();
    if (engine_.proxyState() != Engine::ProxyState::Running) {
        finish(PlaygroundResult::Outcome::Failed,
               tr("The proxy is not running, and the playground goes through it. Start it "
                  "under Proxy, then send again."));
        return;
    }
    QNetworkRequest request(QUrl(engine_.localUrl() + QStringLiteral("/v1/chat/completions")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Accept", "text/event-stream");
    request.setRawHeader("x-signalbox-tags", "source=playground");
    if (!virtualKey.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + virtualKey);
    QNetworkReply* reply = network_->post(request, streamed(body));
    reply_ = reply;
    connect(reply, &QNetworkReply::metaDataChanged, this, &PlaygroundCall::onHead);
    connect(reply, &QIODevice::readyRead, this, &PlaygroundCall::onData);
    connect(reply, &QNetworkReply::finished, this, &PlaygroundCall::onFinished);
}

void PlaygroundCall::cancel() {
    if (!reply_)
        return;
    QNetworkReply* reply = reply_;
    reply->disconnect(this);
    reply->abort();
    reply->deleteLater();
    finish(PlaygroundResult::Outcome::Cancelled, tr("Stopped."));
}

void PlaygroundCall::onHead() {
    QNetworkReply* reply = reply_;
    if (reply == nullptr || result_.status != 0)
        return;
    result_.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (result_.status == 0)
        return;
    result_.target = QString::fromUtf8(reply->rawHeader("x-signalbox-target"));
    result_.attempts = reply->rawHeader("x-signalbox-attempts").toInt();
    result_.trail = reply->rawHeader("x-signalbox-trail");
    result_.requestId = reply->rawHeader("x-signalbox-request-id");
    streaming_ = result_.status >= 200 && result_.status < 300 &&
                 reply->header(QNetworkRequest::ContentTypeHeader)
                     .toString()
                     .startsWith(QLatin1String("text/event-stream"));
    if (streaming_)
        emit serving(result_.target, result_.attempts);
}

void PlaygroundCall::onData() {
    QNetworkReply* reply = reply_;
    if (reply == nullptr)
        return;
    onHead();
    if (!streaming_)
        return;  // an error body or a whole answer: read at the end
    std::vector<StreamEvent> events;
    const bool readable = decoder_->feed(reply->readAll(), events);
    handle(events);
    if (!readable && reply_) {
        QNetworkReply* broken = reply_;
        broken->disconnect(this);
        broken->abort();
        broken->deleteLater();
        if (result_.outcome != PlaygroundResult::Outcome::Failed)
            finish(PlaygroundResult::Outcome::Failed,
                   tr("The proxy's stream could not be read. See the request in Logs."));
    }
}

void PlaygroundCall::handle(const std::vector<StreamEvent>& events) {
    for (const StreamEvent& event : events) {
        assembler_.add(event);
        switch (event.type) {
            case StreamEvent::Type::BlockStart:
            case StreamEvent::Type::TextDelta:
            case StreamEvent::Type::ArgumentsDelta:
                if (result_.firstTokenMs < 0)
                    result_.firstTokenMs = clock_.elapsed();
                if (!event.text.isEmpty())
                    emit textArrived(event.text,
                                     event.type == StreamEvent::Type::TextDelta &&
                                         event.blockKind == ContentPart::Kind::Thinking);
                if (event.type == StreamEvent::Type::BlockStart &&
                    event.blockKind == ContentPart::Kind::ToolCall)
                    emit toolCallArrived(event.index, event.toolName, event.arguments);
                else if (event.type == StreamEvent::Type::ArgumentsDelta)
                    emit toolCallArrived(event.index, {}, event.arguments);
                break;
            case StreamEvent::Type::Usage:
            case StreamEvent::Type::Finish:
            case StreamEvent::Type::MessageStart:
                result_.usage.merge(event.usage);
                break;
            case StreamEvent::Type::Error:
                result_.outcome = PlaygroundResult::Outcome::Failed;
                result_.error = tr("The answer broke off: %1").arg(event.error.message);
                break;
            default:
                break;
        }
    }
}

void PlaygroundCall::onFinished() {
    QNetworkReply* reply = reply_;
    if (reply == nullptr)
        return;
    onHead();
    reply->deleteLater();
    if (streaming_) {
        std::vector<StreamEvent> events;
        decoder_->feed(reply->readAll(), events);
        ended_ = decoder_->finish(events);
        handle(events);
        if (result_.outcome == PlaygroundResult::Outcome::Failed) {
            finish(PlaygroundResult::Outcome::Failed, result_.error);
        } else if (!ended_) {
            finish(PlaygroundResult::Outcome::Failed,
                   tr("The answer was cut short: the connection closed before it ended."));
        } else {
            finish(PlaygroundResult::Outcome::Answered, {});
        }
        return;
    }
    const QByteArray body = reply->readAll();
    if (result_.status == 0) {
        finish(PlaygroundResult::Outcome::Failed,
               tr("The proxy could not be reached: %1. Check under Proxy that it is running.")
                   .arg(reply->errorString()));
        return;
    }
    if (result_.status >= 200 && result_.status < 300) {
        // A whole answer (a client that asked for no stream gets one; so may a cache hit).
        const std::optional<Json> json = Json::parse(body);
        ApiError error;
        ChatResponse response;
        if (json && openAi().decodeResponse(*json, response, error)) {
            emit serving(result_.target, result_.attempts);
            for (size_t i = 0; i < response.content.size(); ++i) {
                const ContentPart& part = response.content[i];
                if (part.kind == ContentPart::Kind::ToolCall)
                    emit toolCallArrived(static_cast<int>(i), part.toolName, part.arguments);
                else if (!part.text.isEmpty())
                    emit textArrived(part.text, part.kind == ContentPart::Kind::Thinking);
            }
            result_.firstTokenMs = clock_.elapsed();
            wholeAnswer_ = std::move(response);
            finish(PlaygroundResult::Outcome::Answered, {});
            return;
        }
        finish(PlaygroundResult::Outcome::Failed,
               tr("The proxy's answer could not be read: %1")
                   .arg(json ? error.message : tr("it is not JSON")));
        return;
    }
    const ApiError error = openAi().decodeError(result_.status, body);
    finish(PlaygroundResult::Outcome::Failed,
           tr("%1 from the proxy: %2").arg(result_.status).arg(error.message));
}

void PlaygroundCall::finish(PlaygroundResult::Outcome outcome, const QString& error) {
    reply_.clear();
    decoder_.reset();
    result_.outcome = outcome;
    result_.error = error;
    result_.totalMs = clock_.elapsed();
    result_.response = wholeAnswer_ ? std::move(*wholeAnswer_) : assembler_.take();
    wholeAnswer_.reset();
    result_.usage.merge(result_.response.usage);
    const qsizetype slash = result_.target.indexOf(QLatin1Char('/'));
    const std::shared_ptr<const Config> config = engine_.config();
    if (slash > 0 && result_.usage.known()) {
        const QString provider = result_.target.left(slash);
        const auto found = config->providers.find(provider);
        if (found != config->providers.end()) {
            result_.costUsd = Pricing(config->pricing)
                                  .cost(provider, found->second.kind, result_.target.mid(slash + 1),
                                        result_.usage.inputTokens, result_.usage.cacheReadTokens,
                                        result_.usage.cacheWriteTokens, result_.usage.outputTokens);
        }
    }
    emit finished(result_);
}

}  // namespace signalbox
