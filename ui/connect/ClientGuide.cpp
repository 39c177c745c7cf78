#include "connect/ClientGuide.h"

namespace signalbox {

namespace {

QString keyVariable() {
    return QString::fromLatin1(ClientGuides::kKeyVariable);
}

// The value of an SDK's own key variable: the virtual key, or the placeholder.
QString shellKey(const ConnectSettings& s) {
    return s.useKey ? QStringLiteral("\"$%1\"").arg(keyVariable())
                    : QString::fromLatin1(ClientGuides::kPlaceholderKey);
}

QString pythonKey(const ConnectSettings& s) {
    return s.useKey ? QStringLiteral("os.environ[\"%1\"]").arg(keyVariable())
                    : QStringLiteral("\"%1\"").arg(QLatin1String(ClientGuides::kPlaceholderKey));
}

QString pythonImports(const ConnectSettings& s, const QString& import) {
    return s.useKey ? QStringLiteral("import os\n") + import : import;
}

QString javaScriptKey(const ConnectSettings& s) {
    return s.useKey ? QStringLiteral("process.env.%1").arg(keyVariable())
                    : QStringLiteral("\"%1\"").arg(QLatin1String(ClientGuides::kPlaceholderKey));
}

}  // namespace

QList<ClientGuide> ClientGuides::all(const ConnectSettings& s) {
    const QString url = s.proxyUrl;
    const QString openAiUrl = url + QStringLiteral("/v1");
    const QString model = s.model;

    // Where the key comes from, first in every setup that sends one. A secret exists
    // only right after its key was created; otherwise the user fills the variable in.
    QString keyLine;
    if (s.useKey && !s.secret.isEmpty()) {
        keyLine = QStringLiteral("export %1=%2\n").arg(keyVariable(), s.secret);
    } else if (s.useKey && !s.keyLabel.isEmpty()) {
        keyLine = QStringLiteral("# ") +
                  tr("Set %1 to the secret of the virtual key %2.").arg(keyVariable(), s.keyLabel) +
                  QLatin1Char('\n');
    } else if (s.useKey) {
        keyLine = QStringLiteral("# ") +
                  tr("Set %1 to the secret of a virtual key (sbk-…).").arg(keyVariable()) +
                  QLatin1Char('\n');
    }
    const QString openAiEnv =
        QStringLiteral("%1export OPENAI_BASE_URL=%2\nexport OPENAI_API_KEY=%3")
            .arg(keyLine, openAiUrl, shellKey(s));
    const QString anthropicEnv =
        QStringLiteral("%1export ANTHROPIC_BASE_URL=%2\nexport ANTHROPIC_API_KEY=%3")
            .arg(keyLine, url, shellKey(s));

    QList<ClientGuide> guides;

    guides.append(
        {QStringLiteral("openAiPython"),
         tr("OpenAI Python"),
         QStringLiteral("openai-python"),
         tr("The official openai package. Its client also reads OPENAI_BASE_URL and "
            "OPENAI_API_KEY, so OpenAI() with no arguments works after the setup."),
         {{QStringLiteral("connectOpenAiPythonSetup"), tr("Setup"),
           QStringLiteral("pip install openai\n") + openAiEnv},
          {QStringLiteral("connectOpenAiPythonCode"), tr("Code"),
           pythonImports(s, QStringLiteral("from openai import OpenAI\n\n")) +
               QStringLiteral("client = OpenAI(\n"
                              "    base_url=\"%1\",\n"
                              "    api_key=%2,\n"
                              ")\n"
                              "reply = client.chat.completions.create(\n"
                              "    model=\"%3\",\n"
                              "    messages=[{\"role\": \"user\", \"content\": \"Hello\"}],\n"
                              ")\n"
                              "print(reply.choices[0].message.content)")
                   .arg(openAiUrl, pythonKey(s), model)}},
         {}});

    guides.append({QStringLiteral("openAiNode"),
                   tr("OpenAI Node"),
                   QStringLiteral("openai-node"),
                   tr("The official openai package for Node.js and TypeScript. It also reads "
                      "OPENAI_BASE_URL and OPENAI_API_KEY."),
                   {{QStringLiteral("connectOpenAiNodeSetup"), tr("Setup"),
                     QStringLiteral("npm install openai\n") + openAiEnv},
                    {QStringLiteral("connectOpenAiNodeCode"), tr("Code"),
                     QStringLiteral("import OpenAI from \"openai\";\n\n"
                                    "const client = new OpenAI({\n"
                                    "  baseURL: \"%1\",\n"
                                    "  apiKey: %2,\n"
                                    "});\n"
                                    "const reply = await client.chat.completions.create({\n"
                                    "  model: \"%3\",\n"
                                    "  messages: [{ role: \"user\", content: \"Hello\" }],\n"
                                    "});\n"
                                    "console.log(reply.choices[0].message.content);")
                         .arg(openAiUrl, javaScriptKey(s), model)}},
                   {}});

    const QString anthropicNote =
        tr("The Anthropic SDKs add /v1/messages themselves: their base URL is the proxy's "
           "address without /v1.");
    guides.append(
        {QStringLiteral("anthropicPython"),
         tr("Anthropic Python"),
         QStringLiteral("anthropic-python"),
         tr("The official anthropic package, through the proxy's Messages API. Any model the "
            "proxy serves answers, not only Claude."),
         {{QStringLiteral("connectAnthropicPythonSetup"), tr("Setup"),
           QStringLiteral("pip install anthropic\n") + anthropicEnv},
          {QStringLiteral("connectAnthropicPythonCode"), tr("Code"),
           pythonImports(s, QStringLiteral("from anthropic import Anthropic\n\n")) +
               QStringLiteral("client = Anthropic(\n"
                              "    base_url=\"%1\",\n"
                              "    api_key=%2,\n"
                              ")\n"
                              "message = client.messages.create(\n"
                              "    model=\"%3\",\n"
                              "    max_tokens=1024,\n"
                              "    messages=[{\"role\": \"user\", \"content\": \"Hello\"}],\n"
                              ")\n"
                              "print(message.content[0].text)")
                   .arg(url, pythonKey(s), model)}},
         anthropicNote});

    guides.append({QStringLiteral("anthropicTypeScript"),
                   tr("Anthropic TypeScript"),
                   QStringLiteral("anthropic-typescript"),
                   tr("The official @anthropic-ai/sdk package for Node.js and TypeScript."),
                   {{QStringLiteral("connectAnthropicTypeScriptSetup"), tr("Setup"),
                     QStringLiteral("npm install @anthropic-ai/sdk\n") + anthropicEnv},
                    {QStringLiteral("connectAnthropicTypeScriptCode"), tr("Code"),
                     QStringLiteral("import Anthropic from \"@anthropic-ai/sdk\";\n\n"
                                    "const client = new Anthropic({\n"
                                    "  baseURL: \"%1\",\n"
                                    "  apiKey: %2,\n"
                                    "});\n"
                                    "const message = await client.messages.create({\n"
                                    "  model: \"%3\",\n"
                                    "  max_tokens: 1024,\n"
                                    "  messages: [{ role: \"user\", content: \"Hello\" }],\n"
                                    "});\n"
                                    "console.log(message.content);")
                         .arg(url, javaScriptKey(s), model)}},
                   anthropicNote});

    const QString bearer =
        s.useKey ? QStringLiteral("  -H \"Authorization: Bearer $%1\" \\\n").arg(keyVariable())
                 : QString();
    const QString apiKeyHeader =
        s.useKey ? QStringLiteral("  -H \"x-api-key: $%1\" \\\n").arg(keyVariable()) : QString();
    guides.append({QStringLiteral("curl"),
                   tr("curl"),
                   QStringLiteral("curl"),
                   tr("One request from the terminal, to check that the proxy answers."),
                   {{QStringLiteral("connectCurlOpenAi"), tr("OpenAI Chat Completions"),
                     keyLine + QStringLiteral("curl %1/chat/completions \\\n"
                                              "  -H \"Content-Type: application/json\" \\\n"
                                              "%2"
                                              "  -d '{\"model\": \"%3\", \"messages\": "
                                              "[{\"role\": \"user\", \"content\": \"Hello\"}]}'")
                                   .arg(openAiUrl, bearer, model)},
                    {QStringLiteral("connectCurlAnthropic"), tr("Anthropic Messages"),
                     keyLine + QStringLiteral("curl %1/v1/messages \\\n"
                                              "  -H \"Content-Type: application/json\" \\\n"
                                              "  -H \"anthropic-version: 2023-06-01\" \\\n"
                                              "%2"
                                              "  -d '{\"model\": \"%3\", \"max_tokens\": 1024,\n"
                                              "       \"messages\": [{\"role\": \"user\", "
                                              "\"content\": \"Hello\"}]}'")
                                   .arg(url, apiKeyHeader, model)}},
                   {}});

    guides.append(
        {QStringLiteral("claudeCode"),
         tr("Claude Code"),
         QStringLiteral("claude-code"),
         tr("Claude Code reads its endpoint and credentials from the environment and speaks "
            "the Messages API, which the proxy serves."),
         {{QStringLiteral("connectClaudeCodeSetup"), tr("Setup"),
           QStringLiteral("%1export ANTHROPIC_BASE_URL=%2\n"
                          "export ANTHROPIC_AUTH_TOKEN=%3\n"
                          "export ANTHROPIC_MODEL=%4\n"
                          "export ANTHROPIC_DEFAULT_HAIKU_MODEL=%4\n"
                          "claude")
               .arg(keyLine, url, shellKey(s), model)}},
         tr("ANTHROPIC_AUTH_TOKEN is sent as \"Authorization: Bearer\"; unset "
            "ANTHROPIC_API_KEY so the two do not conflict. Claude Code runs small background "
            "tasks on its Haiku model, so that one points at a model the proxy serves too.")});

    guides.append(
        {QStringLiteral("codex"),
         tr("Codex CLI"),
         QStringLiteral("codex"),
         tr("OpenAI's Codex CLI takes other providers from ~/.codex/config.toml; add this "
            "provider there and keep the key in the environment."),
         {{QStringLiteral("connectCodexSetup"), tr("Setup"),
           (s.useKey ? keyLine
                     : QStringLiteral("export %1=%2\n")
                           .arg(keyVariable(), QLatin1String(kPlaceholderKey))) +
               QStringLiteral("codex")},
          {QStringLiteral("connectCodexConfig"), tr("~/.codex/config.toml"),
           QStringLiteral("model = \"%1\"\n"
                          "model_provider = \"signalbox\"\n\n"
                          "[model_providers.signalbox]\n"
                          "name = \"Signalbox\"\n"
                          "base_url = \"%2\"\n"
                          "env_key = \"%3\"\n"
                          "wire_api = \"chat\"")
               .arg(model, openAiUrl, keyVariable())}},
         tr("Codex releases from February 2026 on accept only wire_api = \"responses\" (the "
            "OpenAI Responses API), which Signalbox does not serve yet: this setup works with "
            "earlier releases.")});

    guides.append(
        {QStringLiteral("otherClis"),
         tr("Other CLIs"),
         QStringLiteral("cli"),
         tr("Tools built on the OpenAI API read OPENAI_BASE_URL (newer) or OPENAI_API_BASE "
            "(older, LiteLLM-based ones such as aider)."),
         {{QStringLiteral("connectOtherClisSetup"), tr("Setup"),
           QStringLiteral("%1export OPENAI_BASE_URL=%2\n"
                          "export OPENAI_API_BASE=%2\n"
                          "export OPENAI_API_KEY=%3\n"
                          "aider --model openai/%4")
               .arg(keyLine, openAiUrl, shellKey(s), model)}},
         tr("aider needs the openai/ prefix before the model name to use the address above.")});

    return guides;
}

}  // namespace signalbox
