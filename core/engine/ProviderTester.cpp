#include "engine/ProviderTester.h"

#include "engine/Engine.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrl>

namespace signalbox {

namespace {

constexpr int kTestTimeoutMs = 30'000;

// The message the proxy put in its error body, OpenAI's shape or Anthropic's.
QString errorMessage(const QByteArray& body) {
    const QJsonObject error =
        QJsonDocument::fromJson(body).object().value(QLatin1String("error")).toObject();
    return error.value(QLatin1String("message")).toString();
}

}  // namespace

ProviderTester::ProviderTester(Engine& engine, QObject* parent)
    : QObject(parent), engine_(engine), network_(new QNetworkAccessManager(this)) {}

void ProviderTester::test(const QString& providerId, const QString& model) {
    if (reply_) {
        // Forgotten first, so that its cancellation is not taken for this test's answer.
        QNetworkReply* old = reply_;
        reply_.clear();
        old->abort();
    }
    if (engine_.proxyState() != Engine::ProxyState::Running) {
        emit finished(false, tr("The proxy is not running, and the test goes through it. Start "
                                "it under Proxy, then test again."));
        return;
    }
    QNetworkRequest request(QUrl(engine_.localUrl() + QStringLiteral("/v1/chat/completions")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(kTestTimeoutMs);
    const QJsonObject message{{QStringLiteral("role"), QStringLiteral("user")},
                              {QStringLiteral("content"), QStringLiteral("Say OK.")}};
    const QJsonObject body{{QStringLiteral("model"), providerId + QLatin1Char('/') + model},
                           {QStringLiteral("messages"), QJsonArray{message}},
                           {QStringLiteral("max_tokens"), 1}};
    timer_.start();
    QNetworkReply* reply =
        network_->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    reply_ = reply;
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, providerId] { done(reply, providerId); });
}

void ProviderTester::done(QNetworkReply* reply, const QString& providerId) {
    reply->deleteLater();
    if (reply != reply_)
        return;  // abandoned for a newer test
    reply_.clear();
    const qint64 ms = timer_.elapsed();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString detail = errorMessage(reply->readAll());
    if (status == 0) {
        // A transfer timeout shows as a cancelled operation.
        if (reply->error() == QNetworkReply::OperationCanceledError ||
            reply->error() == QNetworkReply::TimeoutError)
            emit finished(false, tr("No answer within %1 seconds: the proxy or %2 timed out.")
                                     .arg(kTestTimeoutMs / 1000)
                                     .arg(providerId));
        else
            emit finished(false,
                          tr("The proxy could not be reached: %1").arg(reply->errorString()));
        return;
    }
    if (status >= 200 && status < 300) {
        emit finished(true, tr("OK: %1 answered in %2 ms.").arg(providerId).arg(ms));
        return;
    }
    const QString why = detail.isEmpty() ? tr("no details given") : detail;
    QString text;
    if (status == 401 || status == 403)
        text = tr("Bad key: %1 refused it (HTTP %2). Check the key, or add a new one. %3");
    else if (status == 404)
        text =
            tr("Not found: %1 does not know this model or URL (HTTP %2). Check the models "
               "and the base URL. %3");
    else if (status == 429)
        text = tr("Rate limited: %1 asks to wait (HTTP %2). The key works. %3");
    else if (status == 502 || status == 503)
        text =
            tr("Unreachable or failing: %1 could not be reached or did not answer properly "
               "(HTTP %2). Check the base URL and the network. %3");
    else if (status == 504)
        text = tr("Timeout: %1 did not answer in time (HTTP %2). %3");
    else
        text = tr("Failed: %1 answered HTTP %2. %3");
    emit finished(false, text.arg(providerId).arg(status).arg(why).trimmed());
}

}  // namespace signalbox
