#include "playground/CodeExport.h"

#include "logs/CurlCommand.h"
#include "playground/JsonPrinter.h"
#include "store/RequestDetail.h"

namespace signalbox {

namespace {

Json streamed(const Json& body) {
    Json out = body;
    out.set("stream", true);
    return out;
}

bool hasTools(const Json& body) {
    return body["tools"].size() > 0;
}

// A string as a literal of Python or JavaScript (JSON's escapes mean the same in both).
QString quoted(const QString& text) {
    return QString::fromUtf8(Json(text).serialize());
}

}  // namespace

QString CodeExport::languageName(Language language) {
    switch (language) {
        case Language::Curl:
            return tr("curl");
        case Language::Python:
            return tr("Python");
        case Language::JavaScript:
            return tr("JavaScript");
    }
    return {};
}

QString CodeExport::build(Language language, const QString& proxyUrl, const Json& body,
                          bool usesKey) {
    switch (language) {
        case Language::Curl:
            return curl(proxyUrl, body, usesKey);
        case Language::Python:
            return python(proxyUrl, body);
        case Language::JavaScript:
            return javaScript(proxyUrl, body);
    }
    return {};
}

QString CodeExport::curl(const QString& proxyUrl, const Json& body, bool usesKey) {
    // The Logs panel's command for a logged request, so both read alike.
    RequestDetail detail;
    detail.row.surface = QStringLiteral("openai.chat");
    detail.row.stream = true;
    if (usesKey)
        detail.row.virtualKeyId = QStringLiteral("playground");  // only "a key is used" counts
    detail.requestBody = JsonPrinter(JsonPrinter::Syntax::Json).print(streamed(body)).toUtf8();
    return CurlCommand::build(proxyUrl, detail);
}

QString CodeExport::python(const QString& proxyUrl, const Json& body) {
    const JsonPrinter printer(JsonPrinter::Syntax::Python, 4);
    QString arguments;
    const Json call = streamed(body);
    for (const auto& [name, value] : call.members()) {
        arguments +=
            QStringLiteral("    %1=%2,\n").arg(QString::fromUtf8(name), printer.print(value, 1));
    }
    QString code = QStringLiteral(
                       "# pip install openai\n"
                       "import os\n"
                       "\n"
                       "from openai import OpenAI\n"
                       "\n"
                       "client = OpenAI(\n"
                       "    base_url=%1,\n"
                       "    api_key=os.environ.get(\"SIGNALBOX_API_KEY\", \"unused\"),\n"
                       ")\n"
                       "\n"
                       "stream = client.chat.completions.create(\n"
                       "%2"
                       ")\n"
                       "for chunk in stream:\n"
                       "    if not chunk.choices:\n"
                       "        continue  # the last chunk carries only the usage\n"
                       "    delta = chunk.choices[0].delta\n"
                       "    if delta.content:\n"
                       "        print(delta.content, end=\"\", flush=True)\n")
                       .arg(quoted(proxyUrl + QStringLiteral("/v1")), arguments);
    if (hasTools(body)) {
        code += QStringLiteral(
            "    for call in delta.tool_calls or []:\n"
            "        if call.function and call.function.name:\n"
            "            print(f\"\\n[tool call] {call.function.name} \", end=\"\")\n"
            "        if call.function and call.function.arguments:\n"
            "            print(call.function.arguments, end=\"\", flush=True)\n");
    }
    return code + QStringLiteral("print()\n");
}

QString CodeExport::javaScript(const QString& proxyUrl, const Json& body) {
    const JsonPrinter printer(JsonPrinter::Syntax::JavaScript, 2);
    QString code =
        QStringLiteral(
            "// npm install openai; save as playground.mjs and run: node playground.mjs\n"
            "import OpenAI from \"openai\";\n"
            "\n"
            "const client = new OpenAI({\n"
            "  baseURL: %1,\n"
            "  apiKey: process.env.SIGNALBOX_API_KEY ?? \"unused\",\n"
            "});\n"
            "\n"
            "const stream = await client.chat.completions.create(%2);\n"
            "for await (const chunk of stream) {\n"
            "  const delta = chunk.choices[0]?.delta;\n"
            "  if (delta?.content) process.stdout.write(delta.content);\n")
            .arg(quoted(proxyUrl + QStringLiteral("/v1")), printer.print(streamed(body)));
    if (hasTools(body)) {
        code += QStringLiteral(
            "  for (const call of delta?.tool_calls ?? []) {\n"
            "    if (call.function?.name) process.stdout.write(`\\n[tool call] "
            "${call.function.name} `);\n"
            "    process.stdout.write(call.function?.arguments ?? \"\");\n"
            "  }\n");
    }
    return code + QStringLiteral("}\nprocess.stdout.write(\"\\n\");\n");
}

}  // namespace signalbox
