#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace signalbox {

// What the snippets are written for: where the proxy is, which model to ask for and how
// the client proves who it is.
struct ConnectSettings {
    QString proxyUrl;     // "http://127.0.0.1:4747", as clients on this machine reach it
    QString model;        // a route name or provider/model the configuration serves
    bool useKey = false;  // send a virtual key (from the SIGNALBOX_API_KEY variable)
    QString keyLabel;     // the chosen key, e.g. "\"alice\" (sbk-…abcd)"; empty: none chosen
    QString secret;       // the chosen key's secret, only right after it was created
};

// One block of a client's setup: shell lines, code or a config file.
struct GuideSection {
    QString objectName;  // of its SnippetView, for tests
    QString title;
    QString text;
};

// How to point one client at the proxy. sections.front() is the setup that one click
// copies.
struct ClientGuide {
    QString id;       // camel case, e.g. "claudeCode": names its widgets
    QString title;    // the tab's text
    QString keyName;  // the name of a virtual key created for it
    QString summary;
    QList<GuideSection> sections;
    QString note;  // what trips people up; may be empty
};

// Writes the guides from the settings. Plain text only, no widgets: the panel shows
// what this returns.
class ClientGuides {
    Q_DECLARE_TR_FUNCTIONS(signalbox::ClientGuides)
public:
    static constexpr const char* kKeyVariable = "SIGNALBOX_API_KEY";
    // Sent when the proxy needs no key: SDKs refuse to start without one.
    static constexpr const char* kPlaceholderKey = "not-needed";

    static QList<ClientGuide> all(const ConnectSettings& settings);
};

}  // namespace signalbox
