#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QString>

class QNetworkAccessManager;
class QNetworkReply;

namespace signalbox {

class Engine;

// The Providers & Keys Test button's call: one chat completion of one token to "provider/model",
// sent through the engine's own proxy, so the key, the adapter and the base URL are exactly those
// real traffic uses. Says what happened in words.
class ProviderTester : public QObject {
    Q_OBJECT
public:
    explicit ProviderTester(Engine& engine, QObject* parent = nullptr);

    // Starts a test; a test still under way is abandoned. Answers with finished().
    void test(const QString& providerId, const QString& model);
    bool isRunning() const { return !reply_.isNull(); }

signals:
    void finished(bool ok, const QString& message);

private:
    void done(QNetworkReply* reply, const QString& providerId);

    Engine& engine_;
    QNetworkAccessManager* network_;
    QPointer<QNetworkReply> reply_;
    QElapsedTimer timer_;
};

}  // namespace signalbox
