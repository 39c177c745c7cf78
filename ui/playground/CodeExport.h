#pragma once

#include "json/Json.h"

#include <QCoreApplication>
#include <QString>

namespace signalbox {

// A Playground call as code that makes it through the local proxy: curl, Python with the
// openai package, JavaScript with the openai npm package. Each streams, as the Playground
// does. No key is ever written out: the code reads $SIGNALBOX_API_KEY.
class CodeExport {
    Q_DECLARE_TR_FUNCTIONS(CodeExport)
public:
    enum class Language { Curl, Python, JavaScript };

    // `body` is the OpenAI chat body (PlaygroundRequest::body()); `usesKey` when the call
    // needs a virtual key (curl then sends one; the SDKs always read the variable).
    static QString build(Language language, const QString& proxyUrl, const Json& body,
                         bool usesKey);
    static QString languageName(Language language);

private:
    static QString curl(const QString& proxyUrl, const Json& body, bool usesKey);
    static QString python(const QString& proxyUrl, const Json& body);
    static QString javaScript(const QString& proxyUrl, const Json& body);
};

}  // namespace signalbox
