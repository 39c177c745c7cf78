<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Startup</name>
    <message>
        <source>The built-in default configuration is missing from this build.</source>
        <translation>Die eingebaute Standardkonfiguration fehlt in diesem Build.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Signalbox, a desktop AI gateway.</source>
        <translation>Signalbox, ein KI-Gateway für den Desktop.</translation>
    </message>
    <message>
        <source>Keep the configuration and data in &lt;dir&gt;.</source>
        <translation>Konfiguration und Daten in &lt;Ordner&gt; ablegen.</translation>
    </message>
    <message>
        <source>dir</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Read the configuration from &lt;file&gt;.</source>
        <translation>Die Konfiguration aus &lt;Datei&gt; lesen.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Save a picture of the window to &lt;file&gt; once the proxy has started, then quit.</source>
        <translation>Ein Bild des Fensters in &lt;Datei&gt; speichern, sobald der Proxy gestartet ist, und dann beenden.</translation>
    </message>
    <message>
        <source>Cannot create the data folder %1.</source>
        <translation>Der Datenordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>%1

Fix the file at the place named above and restart Signalbox.</source>
        <translation>%1

Korrigieren Sie die Datei an der oben genannten Stelle und starten Sie Signalbox neu.</translation>
    </message>
    <message>
        <source>Signalbox could not load its configuration:

%1

Until then it runs on built-in defaults: the proxy listens on 127.0.0.1:4747 with no providers.</source>
        <translation>Signalbox konnte seine Konfiguration nicht laden:

%1

Bis dahin läuft es mit den eingebauten Standardwerten: Der Proxy lauscht auf 127.0.0.1:4747, ohne Anbieter.</translation>
    </message>
    <message>
        <source>Configuration Not Loaded</source>
        <translation>Konfiguration nicht geladen</translation>
    </message>
</context>
<context>
    <name>signalbox::ClientGuides</name>
    <message>
        <source>Set %1 to the secret of the virtual key %2.</source>
        <translation>Setzen Sie %1 auf das Geheimnis des virtuellen Schlüssels %2.</translation>
    </message>
    <message>
        <source>Set %1 to the secret of a virtual key (sbk-…).</source>
        <translation>Setzen Sie %1 auf das Geheimnis eines virtuellen Schlüssels (sbk-…).</translation>
    </message>
    <message>
        <source>OpenAI Python</source>
        <translation>OpenAI Python</translation>
    </message>
    <message>
        <source>The official openai package. Its client also reads OPENAI_BASE_URL and OPENAI_API_KEY, so OpenAI() with no arguments works after the setup.</source>
        <translation>Das offizielle Paket openai. Sein Client liest auch OPENAI_BASE_URL und OPENAI_API_KEY, daher funktioniert OpenAI() nach der Einrichtung ohne Argumente.</translation>
    </message>
    <message>
        <source>Setup</source>
        <translation>Einrichtung</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>OpenAI Node</source>
        <translation>OpenAI Node</translation>
    </message>
    <message>
        <source>The official openai package for Node.js and TypeScript. It also reads OPENAI_BASE_URL and OPENAI_API_KEY.</source>
        <translation>Das offizielle Paket openai für Node.js und TypeScript. Es liest ebenfalls OPENAI_BASE_URL und OPENAI_API_KEY.</translation>
    </message>
    <message>
        <source>The Anthropic SDKs add /v1/messages themselves: their base URL is the proxy&apos;s address without /v1.</source>
        <translation>Die Anthropic-SDKs hängen /v1/messages selbst an: Ihre Basis-URL ist die Adresse des Proxys ohne /v1.</translation>
    </message>
    <message>
        <source>Anthropic Python</source>
        <translation>Anthropic Python</translation>
    </message>
    <message>
        <source>The official anthropic package, through the proxy&apos;s Messages API. Any model the proxy serves answers, not only Claude.</source>
        <translation>Das offizielle Paket anthropic, über die Messages-API des Proxys. Jedes Modell, das der Proxy bereitstellt, antwortet, nicht nur Claude.</translation>
    </message>
    <message>
        <source>Anthropic TypeScript</source>
        <translation>Anthropic TypeScript</translation>
    </message>
    <message>
        <source>The official @anthropic-ai/sdk package for Node.js and TypeScript.</source>
        <translation>Das offizielle Paket @anthropic-ai/sdk für Node.js und TypeScript.</translation>
    </message>
    <message>
        <source>curl</source>
        <translation>curl</translation>
    </message>
    <message>
        <source>One request from the terminal, to check that the proxy answers.</source>
        <translation>Eine Anfrage aus dem Terminal, um zu prüfen, ob der Proxy antwortet.</translation>
    </message>
    <message>
        <source>OpenAI Chat Completions</source>
        <translation>OpenAI Chat Completions</translation>
    </message>
    <message>
        <source>Anthropic Messages</source>
        <translation>Anthropic Messages</translation>
    </message>
    <message>
        <source>Claude Code</source>
        <translation>Claude Code</translation>
    </message>
    <message>
        <source>Claude Code reads its endpoint and credentials from the environment and speaks the Messages API, which the proxy serves.</source>
        <translation>Claude Code liest Endpunkt und Zugangsdaten aus der Umgebung und spricht die Messages-API, die der Proxy bereitstellt.</translation>
    </message>
    <message>
        <source>ANTHROPIC_AUTH_TOKEN is sent as &quot;Authorization: Bearer&quot;; unset ANTHROPIC_API_KEY so the two do not conflict. Claude Code runs small background tasks on its Haiku model, so that one points at a model the proxy serves too.</source>
        <translation>ANTHROPIC_AUTH_TOKEN wird als &quot;Authorization: Bearer&quot; gesendet; entfernen Sie ANTHROPIC_API_KEY, damit sich beide nicht in die Quere kommen. Claude Code führt kleine Hintergrundaufgaben mit seinem Haiku-Modell aus, daher zeigt auch dieses auf ein Modell, das der Proxy bereitstellt.</translation>
    </message>
    <message>
        <source>Codex CLI</source>
        <translation>Codex CLI</translation>
    </message>
    <message>
        <source>OpenAI&apos;s Codex CLI takes other providers from ~/.codex/config.toml; add this provider there and keep the key in the environment.</source>
        <translation>Die Codex CLI von OpenAI liest weitere Anbieter aus ~/.codex/config.toml; fügen Sie diesen Anbieter dort hinzu und belassen Sie den Schlüssel in der Umgebung.</translation>
    </message>
    <message>
        <source>~/.codex/config.toml</source>
        <translation>~/.codex/config.toml</translation>
    </message>
    <message>
        <source>Codex releases from February 2026 on accept only wire_api = &quot;responses&quot; (the OpenAI Responses API), which Signalbox does not serve yet: this setup works with earlier releases.</source>
        <translation>Codex-Versionen ab Februar 2026 akzeptieren nur wire_api = &quot;responses&quot; (die OpenAI Responses API), die Signalbox noch nicht bereitstellt: Diese Einrichtung funktioniert mit früheren Versionen.</translation>
    </message>
    <message>
        <source>Other CLIs</source>
        <translation>Andere CLIs</translation>
    </message>
    <message>
        <source>Tools built on the OpenAI API read OPENAI_BASE_URL (newer) or OPENAI_API_BASE (older, LiteLLM-based ones such as aider).</source>
        <translation>Tools, die auf der OpenAI-API aufbauen, lesen OPENAI_BASE_URL (neuere) oder OPENAI_API_BASE (ältere, auf LiteLLM basierende wie aider).</translation>
    </message>
    <message>
        <source>aider needs the openai/ prefix before the model name to use the address above.</source>
        <translation>aider braucht das Präfix openai/ vor dem Modellnamen, um die obige Adresse zu nutzen.</translation>
    </message>
</context>
<context>
    <name>signalbox::ConfigFileActions</name>
    <message>
        <source>Signalbox configuration (*.yaml *.yml *.json);;All files (*)</source>
        <translation>Signalbox-Konfiguration (*.yaml *.yml *.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>&amp;Import Config…</source>
        <translation>Konfiguration &amp;importieren…</translation>
    </message>
    <message>
        <source>&amp;Export Config…</source>
        <translation>Konfiguration &amp;exportieren…</translation>
    </message>
    <message>
        <source>Replace the configuration with one from a file; the proxy reloads it.</source>
        <translation>Die Konfiguration durch eine aus einer Datei ersetzen; der Proxy lädt sie neu.</translation>
    </message>
    <message>
        <source>Save a copy of the configuration for signalboxd or another computer.</source>
        <translation>Eine Kopie der Konfiguration für signalboxd oder einen anderen Computer speichern.</translation>
    </message>
    <message>
        <source>Import Configuration</source>
        <translation>Konfiguration importieren</translation>
    </message>
    <message>
        <source>Configuration Not Imported</source>
        <translation>Konfiguration nicht importiert</translation>
    </message>
    <message>
        <source>%1

Nothing was changed: Signalbox keeps running with its current configuration. Fix the file at the place named above and import it again.</source>
        <translation>%1

Es wurde nichts geändert: Signalbox läuft mit seiner aktuellen Konfiguration weiter. Korrigieren Sie die Datei an der oben genannten Stelle und importieren Sie sie erneut.</translation>
    </message>
    <message>
        <source>Imported %1; the proxy uses it now and it is saved in %2.</source>
        <translation>%1 wurde importiert; der Proxy verwendet die Konfiguration jetzt, und sie ist in %2 gespeichert.</translation>
    </message>
    <message>
        <source>Export Configuration</source>
        <translation>Konfiguration exportieren</translation>
    </message>
    <message>
        <source>Configuration Not Exported</source>
        <translation>Konfiguration nicht exportiert</translation>
    </message>
    <message>
        <source>Exported the configuration to %1.</source>
        <translation>Die Konfiguration wurde nach %1 exportiert.</translation>
    </message>
</context>
<context>
    <name>signalbox::ConnectPanel</name>
    <message>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <source>Send a virtual key</source>
        <translation>Virtuellen Schlüssel senden</translation>
    </message>
    <message>
        <source>Point your applications and coding tools at the local proxy: pick a client, copy its setup into a terminal and run it.</source>
        <translation>Richten Sie Ihre Anwendungen und Coding-Tools auf den lokalen Proxy aus: Wählen Sie einen Client, kopieren Sie seine Einrichtung in ein Terminal und führen Sie sie aus.</translation>
    </message>
    <message>
        <source>Create a key for %1</source>
        <translation>Schlüssel für %1 erstellen</translation>
    </message>
    <message>
        <source>Copy setup</source>
        <translation>Einrichtung kopieren</translation>
    </message>
    <message>
        <source>Copy the setup for %1 to the clipboard, to paste into a terminal</source>
        <translation>Die Einrichtung für %1 in die Zwischenablage kopieren, um sie in ein Terminal einzufügen</translation>
    </message>
    <message>
        <source>Setup copied</source>
        <translation>Einrichtung kopiert</translation>
    </message>
    <message>
        <source>The proxy is running at %1.</source>
        <translation>Der Proxy läuft unter %1.</translation>
    </message>
    <message>
        <source>The proxy is starting at %1.</source>
        <translation>Der Proxy startet unter %1.</translation>
    </message>
    <message>
        <source>The proxy is not running: start it in the Proxy panel. It will listen at %1.</source>
        <translation>Der Proxy läuft nicht: Starten Sie ihn im Bereich „Proxy“. Er wird unter %1 lauschen.</translation>
    </message>
    <message>
        <source>The setups below hold the secret of the new key %1. This is the only time it is shown: copy a setup now. Signalbox keeps only its hash.</source>
        <translation>Die Einrichtungen unten enthalten das Geheimnis des neuen Schlüssels %1. Es wird nur dieses eine Mal angezeigt: Kopieren Sie jetzt eine Einrichtung. Signalbox speichert nur seinen Hash.</translation>
    </message>
    <message>
        <source>Create a virtual key of its own for %1, to see its spend and limit it</source>
        <translation>Einen eigenen virtuellen Schlüssel für %1 erstellen, um seine Ausgaben zu sehen und ihn zu begrenzen</translation>
    </message>
    <message>
        <source>Virtual keys are kept in the data folder, and this window has none.</source>
        <translation>Virtuelle Schlüssel werden im Datenordner gespeichert, und dieses Fenster hat keinen.</translation>
    </message>
    <message>
        <source>This proxy needs a virtual key on every request, but keys are kept in the data folder and this window has none: start it with a data folder.</source>
        <translation>Dieser Proxy verlangt bei jeder Anfrage einen virtuellen Schlüssel, aber Schlüssel werden im Datenordner gespeichert, und dieses Fenster hat keinen: Starten Sie es mit einem Datenordner.</translation>
    </message>
    <message>
        <source>Requests from this machine need no key.</source>
        <translation>Anfragen von diesem Rechner brauchen keinen Schlüssel.</translation>
    </message>
    <message>
        <source>This proxy needs a virtual key on every request: the setups read it from %1.</source>
        <translation>Dieser Proxy verlangt bei jeder Anfrage einen virtuellen Schlüssel: Die Einrichtungen lesen ihn aus %1.</translation>
    </message>
    <message>
        <source>Requests from this machine need no key. A virtual key of its own lets you see a client&apos;s spend and give it a budget.</source>
        <translation>Anfragen von diesem Rechner brauchen keinen Schlüssel. Mit einem eigenen virtuellen Schlüssel sehen Sie die Ausgaben eines Clients und können ihm ein Budget geben.</translation>
    </message>
    <message>
        <source>The virtual keys could not be read: %1</source>
        <translation>Die virtuellen Schlüssel konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>No keys yet</source>
        <translation>Noch keine Schlüssel</translation>
    </message>
    <message>
        <source>The key could not be created: %1</source>
        <translation>Der Schlüssel konnte nicht erstellt werden: %1</translation>
    </message>
</context>
<context>
    <name>signalbox::DashboardPanel</name>
    <message>
        <source>Open Configuration File</source>
        <translation>Konfigurationsdatei öffnen</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Cost and latency charts per model arrive with the request log.</source>
        <translation>Diagramme zu Kosten und Latenz pro Modell kommen mit dem Anfrageprotokoll.</translation>
    </message>
    <message>
        <source>Add a real provider</source>
        <translation>Einen echten Anbieter hinzufügen</translation>
    </message>
    <message>
        <source>Signalbox calls providers with your keys. Add a provider under providers: in the configuration file and restart Signalbox. Keys are references such as env:OPENAI_API_KEY, never the key itself. The Providers &amp; Keys panel will soon do this for you and keep keys in the system keychain.</source>
        <translation>Signalbox ruft Anbieter mit Ihren Schlüsseln auf. Fügen Sie einen Anbieter unter providers: in der Konfigurationsdatei hinzu und starten Sie Signalbox neu. Schlüssel werden als Verweis angegeben, etwa env:OPENAI_API_KEY, nie als der Schlüssel selbst. Bald erledigt das der Bereich „Anbieter &amp; Schlüssel“ für Sie und bewahrt die Schlüssel im Schlüsselbund des Systems auf.</translation>
    </message>
    <message>
        <source>Where the proxy listens</source>
        <translation>Wo der Proxy lauscht</translation>
    </message>
    <message>
        <source>Signalbox is running on built-in defaults because no configuration file was loaded.</source>
        <translation>Signalbox läuft mit den eingebauten Standardwerten, weil keine Konfigurationsdatei geladen wurde.</translation>
    </message>
    <message>
        <source>Configuration file: %1</source>
        <translation>Konfigurationsdatei: %1</translation>
    </message>
    <message>
        <source>Applications reach Signalbox at %1/v1. The Connect panel has ready-made settings for SDKs, curl and coding tools.</source>
        <translation>Anwendungen erreichen Signalbox unter %1/v1. Der Bereich „Verbinden“ hat fertige Einstellungen für SDKs, curl und Coding-Tools.</translation>
    </message>
    <message>
        <source>The proxy is not running (%1). Start it in the Proxy panel.</source>
        <translation>Der Proxy läuft nicht (%1). Starten Sie ihn im Bereich „Proxy“.</translation>
    </message>
    <message>
        <source>Cannot Open Configuration File</source>
        <translation>Konfigurationsdatei kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>No application is set up to open %1. Open it in a text editor of your choice.</source>
        <translation>Keine Anwendung ist zum Öffnen von %1 eingerichtet. Öffnen Sie die Datei in einem Texteditor Ihrer Wahl.</translation>
    </message>
</context>
<context>
    <name>signalbox::LogDetailView</name>
    <message>
        <source>Copy as curl</source>
        <translation>Als curl kopieren</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Took</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Request body</source>
        <translation>Anfrageinhalt</translation>
    </message>
    <message>
        <source>Response body</source>
        <translation>Antwortinhalt</translation>
    </message>
    <message>
        <source>Copy a curl command that sends this request again through the local proxy</source>
        <translation>Einen curl-Befehl kopieren, der diese Anfrage erneut über den lokalen Proxy sendet</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Select a request to see its attempts and bodies.</source>
        <translation>Wählen Sie eine Anfrage aus, um ihre Versuche und Inhalte zu sehen.</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>keine Antwort</translation>
    </message>
    <message>
        <source>%1, stream cut off</source>
        <translation>%1, Stream abgebrochen</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>Started %1</source>
        <translation>Start %1</translation>
    </message>
    <message>
        <source>Route %1 → %2</source>
        <translation>Route %1 → %2</translation>
    </message>
    <message>
        <source>no target</source>
        <translation>kein Ziel</translation>
    </message>
    <message>
        <source>Latency %1, first token %2</source>
        <translation>Latenz %1, erstes Token %2</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Tokens %1 in, %2 out</source>
        <translation>Tokens %1 Eingabe, %2 Ausgabe</translation>
    </message>
    <message>
        <source>, %1 cached</source>
        <translation>, %1 aus dem Cache</translation>
    </message>
    <message>
        <source>, %1 reasoning</source>
        <translation>, %1 Reasoning</translation>
    </message>
    <message>
        <source>Cost ~$%1 (tokens estimated)</source>
        <translation>Kosten ~$%1 (Tokens geschätzt)</translation>
    </message>
    <message>
        <source>Cost $%1</source>
        <translation>Kosten $%1</translation>
    </message>
    <message>
        <source>Cost unknown: the model has no price</source>
        <translation>Kosten unbekannt: Für das Modell ist kein Preis hinterlegt</translation>
    </message>
    <message>
        <source>Answered from the cache</source>
        <translation>Aus dem Cache beantwortet</translation>
    </message>
    <message>
        <source>Virtual key %1</source>
        <translation>Virtueller Schlüssel %1</translation>
    </message>
    <message>
        <source>User %1</source>
        <translation>Benutzer %1</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>Not kept. Set store.log_bodies: true in the config to keep request and response bodies (masked and capped).</source>
        <translation>Nicht gespeichert. Setzen Sie store.log_bodies: true in der Konfiguration, um Anfrage- und Antwortinhalte zu speichern (maskiert und gekürzt).</translation>
    </message>
    <message>
        <source>The request body was not kept, so there is nothing to send again. Set store.log_bodies: true to keep bodies.</source>
        <translation>Der Anfrageinhalt wurde nicht gespeichert, daher gibt es nichts erneut zu senden. Setzen Sie store.log_bodies: true, um Inhalte zu speichern.</translation>
    </message>
    <message>
        <source> (key %1)</source>
        <translation> (Schlüssel %1)</translation>
    </message>
    <message>
        <source>%1, passed over</source>
        <translation>%1, übersprungen</translation>
    </message>
    <message>
        <source>+%1 ms</source>
        <translation>+%1 ms</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>No attempt: the request was answered before reaching a target</source>
        <translation>Kein Versuch: Die Anfrage wurde beantwortet, bevor sie ein Ziel erreichte</translation>
    </message>
</context>
<context>
    <name>signalbox::LogFilterBar</name>
    <message>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>Gesamter Zeitraum</translation>
    </message>
    <message>
        <source>Show requests started in this time range</source>
        <translation>Anfragen anzeigen, die in diesem Zeitraum gestartet wurden</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <source>Successes</source>
        <translation>Erfolgreich</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Errors: status 400 or above, or a stream cut off</source>
        <translation>Fehler: Status 400 oder höher oder ein abgebrochener Stream</translation>
    </message>
    <message>
        <source>Any route</source>
        <translation>Alle Routen</translation>
    </message>
    <message>
        <source>The model the client asked for: a route name or provider/model</source>
        <translation>Das vom Client angefragte Modell: ein Routenname oder Anbieter/Modell</translation>
    </message>
    <message>
        <source>Any target (provider/model)</source>
        <translation>Alle Ziele (Anbieter/Modell)</translation>
    </message>
    <message>
        <source>Any virtual key</source>
        <translation>Alle virtuellen Schlüssel</translation>
    </message>
    <message>
        <source>Search id, route, target, error</source>
        <translation>ID, Route, Ziel, Fehler durchsuchen</translation>
    </message>
</context>
<context>
    <name>signalbox::LogTableModel</name>
    <message>
        <source>%1 cut off</source>
        <translation>%1 abgebrochen</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>hit</source>
        <translation>Treffer</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>Route</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <source>Tokens in / out</source>
        <translation>Tokens ein / aus</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <source>Cache</source>
        <translation>Cache</translation>
    </message>
</context>
<context>
    <name>signalbox::LogsPanel</name>
    <message>
        <source>Logs</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Every request the proxy served, newest first, with its route, target, latency, tokens and cost. Select one for its attempts and bodies.</source>
        <translation>Alle Anfragen, die der Proxy bearbeitet hat, die neuesten zuerst, mit Route, Ziel, Latenz, Tokens und Kosten. Wählen Sie eine aus, um ihre Versuche und Inhalte zu sehen.</translation>
    </message>
    <message>
        <source>Requests are not kept: Signalbox runs without a data directory, so there is no log to show. Start it with a data directory (the default one in your user profile) and every request is logged here.</source>
        <translation>Anfragen werden nicht gespeichert: Signalbox läuft ohne Datenordner, daher gibt es kein Protokoll anzuzeigen. Starten Sie es mit einem Datenordner (dem Standardordner in Ihrem Benutzerprofil), dann wird hier jede Anfrage protokolliert.</translation>
    </message>
    <message>
        <source>%1

The table tries again every few seconds.</source>
        <translation>%1

Die Tabelle versucht es alle paar Sekunden erneut.</translation>
    </message>
    <message>
        <source>Reading the log…</source>
        <translation>Protokoll wird gelesen…</translation>
    </message>
    <message>
        <source>No requests match these filters. Widen the time range or clear a filter.</source>
        <translation>Keine Anfragen entsprechen diesen Filtern. Erweitern Sie den Zeitraum oder entfernen Sie einen Filter.</translation>
    </message>
    <message>
        <source>No requests yet. Point a client at the proxy and they show up here within seconds, for example:

curl %1/v1/chat/completions -H &apos;Content-Type: application/json&apos; -d &apos;{&quot;model&quot;: &quot;ROUTE&quot;, &quot;messages&quot;: [{&quot;role&quot;: &quot;user&quot;, &quot;content&quot;: &quot;Hello&quot;}]}&apos;

The Connect panel sets up SDKs and CLIs.</source>
        <translation>Noch keine Anfragen. Richten Sie einen Client auf den Proxy aus, dann erscheinen sie hier innerhalb von Sekunden, zum Beispiel:

curl %1/v1/chat/completions -H &apos;Content-Type: application/json&apos; -d &apos;{&quot;model&quot;: &quot;ROUTE&quot;, &quot;messages&quot;: [{&quot;role&quot;: &quot;user&quot;, &quot;content&quot;: &quot;Hello&quot;}]}&apos;

Der Bereich „Verbinden“ richtet SDKs und CLIs ein.</translation>
    </message>
    <message>
        <source>%1 requests shown, newest first; older ones load as you scroll.</source>
        <translation>%1 Anfragen angezeigt, die neuesten zuerst; ältere werden beim Scrollen geladen.</translation>
    </message>
    <message>
        <source>1 request.</source>
        <translation>1 Anfrage.</translation>
    </message>
    <message>
        <source>%1 requests, newest first.</source>
        <translation>%1 Anfragen, die neuesten zuerst.</translation>
    </message>
    <message>
        <source>Select a request to see its attempts and bodies.</source>
        <translation>Wählen Sie eine Anfrage aus, um ihre Versuche und Inhalte zu sehen.</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen…</translation>
    </message>
    <message>
        <source>%1 is no longer in the log: retention removed it.</source>
        <translation>%1 ist nicht mehr im Protokoll: Die Anfrage wurde nach Ablauf der Aufbewahrungsfrist entfernt.</translation>
    </message>
    <message>
        <source>Copied a curl command for %1 to the clipboard.</source>
        <translation>Ein curl-Befehl für %1 wurde in die Zwischenablage kopiert.</translation>
    </message>
</context>
<context>
    <name>signalbox::MainWindow</name>
    <message>
        <source>Signalbox</source>
        <translation>Signalbox</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Playground</source>
        <translation>Playground</translation>
    </message>
    <message>
        <source>Routes</source>
        <translation>Routen</translation>
    </message>
    <message>
        <source>Providers &amp; Keys</source>
        <translation>Anbieter &amp; Schlüssel</translation>
    </message>
    <message>
        <source>Virtual Keys</source>
        <translation>Virtuelle Schlüssel</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
</context>
<context>
    <name>signalbox::NewKeyDialog</name>
    <message>
        <source>no limit</source>
        <translation>unbegrenzt</translation>
    </message>
    <message>
        <source>Stops working after</source>
        <translation>Gültig bis</translation>
    </message>
    <message>
        <source>Create key</source>
        <translation>Schlüssel erstellen</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>New virtual key</source>
        <translation>Neuer virtueller Schlüssel</translation>
    </message>
    <message>
        <source>who or what uses it, e.g. search-backend or alice</source>
        <translation>wer oder was ihn nutzt, z. B. search-backend oder alice</translation>
    </message>
    <message>
        <source>all models and routes</source>
        <translation>alle Modelle und Routen</translation>
    </message>
    <message>
        <source>Comma-separated route names, provider/model or provider/*; empty allows all.</source>
        <translation>Durch Kommas getrennte Routennamen, Anbieter/Modell oder Anbieter/*; leer erlaubt alle.</translation>
    </message>
    <message>
        <source>no budget</source>
        <translation>kein Budget</translation>
    </message>
    <message>
        <source>per day</source>
        <translation>pro Tag</translation>
    </message>
    <message>
        <source>per month</source>
        <translation>pro Monat</translation>
    </message>
    <message>
        <source>in total</source>
        <translation>insgesamt</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Allowed &amp;models:</source>
        <translation>Erlaubte &amp;Modelle:</translation>
    </message>
    <message>
        <source>&amp;Budget (USD):</source>
        <translation>&amp;Budget (USD):</translation>
    </message>
    <message>
        <source>&amp;Requests per minute:</source>
        <translation>&amp;Anfragen pro Minute:</translation>
    </message>
    <message>
        <source>&amp;Tokens per minute:</source>
        <translation>&amp;Tokens pro Minute:</translation>
    </message>
    <message>
        <source>Expiry:</source>
        <translation>Ablauf:</translation>
    </message>
    <message>
        <source>Copy the new key now</source>
        <translation>Kopieren Sie jetzt den neuen Schlüssel</translation>
    </message>
    <message>
        <source>This is the only time the key is shown. Signalbox keeps only a fingerprint of it and cannot show it again: if it is lost, revoke it and create a new one.</source>
        <translation>Der Schlüssel wird nur dieses eine Mal angezeigt. Signalbox speichert nur einen Fingerabdruck davon und kann ihn nicht erneut anzeigen: Geht er verloren, widerrufen Sie ihn und erstellen Sie einen neuen.</translation>
    </message>
    <message>
        <source>Clients send it as their API key (Authorization: Bearer, or x-api-key for Anthropic clients) to the proxy&apos;s address.</source>
        <translation>Clients senden ihn als ihren API-Schlüssel (Authorization: Bearer oder x-api-key bei Anthropic-Clients) an die Adresse des Proxys.</translation>
    </message>
    <message>
        <source>The budget must be an amount of US dollars, like 25 or 12.50; leave it empty for no budget.</source>
        <translation>Das Budget muss ein Betrag in US-Dollar sein, etwa 25 oder 12,50; lassen Sie das Feld für kein Budget leer.</translation>
    </message>
    <message>
        <source>Creating the key…</source>
        <translation>Schlüssel wird erstellt…</translation>
    </message>
    <message>
        <source>The key was not created: %1</source>
        <translation>Der Schlüssel wurde nicht erstellt: %1</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>keine Antwort</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
</context>
<context>
    <name>signalbox::PlaygroundPanel</name>
    <message>
        <source>Playground</source>
        <translation>Playground</translation>
    </message>
    <message>
        <source>Chat with any route or model through the same engine your applications use, compare two replies side by side, and see the target, attempts, tokens and cost of every call. Coming soon.</source>
        <translation>Chatten Sie mit jeder Route und jedem Modell über dieselbe Engine, die Ihre Anwendungen nutzen, vergleichen Sie zwei Antworten nebeneinander und sehen Sie Ziel, Versuche, Tokens und Kosten jedes Aufrufs. Kommt bald.</translation>
    </message>
</context>
<context>
    <name>signalbox::ProviderTester</name>
    <message>
        <source>The proxy is not running, and the test goes through it. Start it under Proxy, then test again.</source>
        <translation>Der Proxy läuft nicht, der Test geht aber über ihn. Starten Sie ihn im Bereich „Proxy“ und testen Sie dann erneut.</translation>
    </message>
    <message>
        <source>No answer within %1 seconds: the proxy or %2 timed out.</source>
        <translation>Keine Antwort innerhalb von %1 Sekunden: Zeitüberschreitung beim Proxy oder bei %2.</translation>
    </message>
    <message>
        <source>The proxy could not be reached: %1</source>
        <translation>Der Proxy war nicht erreichbar: %1</translation>
    </message>
    <message>
        <source>OK: %1 answered in %2 ms.</source>
        <translation>OK: %1 hat in %2 ms geantwortet.</translation>
    </message>
    <message>
        <source>no details given</source>
        <translation>keine Details angegeben</translation>
    </message>
    <message>
        <source>Bad key: %1 refused it (HTTP %2). Check the key, or add a new one. %3</source>
        <translation>Ungültiger Schlüssel: %1 hat ihn abgelehnt (HTTP %2). Prüfen Sie den Schlüssel oder fügen Sie einen neuen hinzu. %3</translation>
    </message>
    <message>
        <source>Not found: %1 does not know this model or URL (HTTP %2). Check the models and the base URL. %3</source>
        <translation>Nicht gefunden: %1 kennt dieses Modell oder diese URL nicht (HTTP %2). Prüfen Sie die Modelle und die Basis-URL. %3</translation>
    </message>
    <message>
        <source>Rate limited: %1 asks to wait (HTTP %2). The key works. %3</source>
        <translation>Ratenlimit erreicht: %1 bittet zu warten (HTTP %2). Der Schlüssel funktioniert. %3</translation>
    </message>
    <message>
        <source>Unreachable or failing: %1 could not be reached or did not answer properly (HTTP %2). Check the base URL and the network. %3</source>
        <translation>Nicht erreichbar oder fehlerhaft: %1 war nicht erreichbar oder hat nicht korrekt geantwortet (HTTP %2). Prüfen Sie die Basis-URL und das Netzwerk. %3</translation>
    </message>
    <message>
        <source>Timeout: %1 did not answer in time (HTTP %2). %3</source>
        <translation>Zeitüberschreitung: %1 hat nicht rechtzeitig geantwortet (HTTP %2). %3</translation>
    </message>
    <message>
        <source>Failed: %1 answered HTTP %2. %3</source>
        <translation>Fehlgeschlagen: %1 hat mit HTTP %2 geantwortet. %3</translation>
    </message>
</context>
<context>
    <name>signalbox::ProvidersPanel</name>
    <message>
        <source>Providers &amp; Keys</source>
        <translation>Anbieter &amp; Schlüssel</translation>
    </message>
    <message>
        <source>API version:</source>
        <translation>API-Version:</translation>
    </message>
    <message>
        <source>Models:</source>
        <translation>Modelle:</translation>
    </message>
    <message>
        <source>New provider</source>
        <translation>Neuer Anbieter</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Entfernen…</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Testen</translation>
    </message>
    <message>
        <source>Add key…</source>
        <translation>Schlüssel hinzufügen…</translation>
    </message>
    <message>
        <source>Reveal</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>Remove key…</source>
        <translation>Schlüssel entfernen…</translation>
    </message>
    <message>
        <source>The providers the proxy calls and their keys. Keys are kept in the system keychain; the config file only names them (keychain:NAME).</source>
        <translation>Die Anbieter, die der Proxy aufruft, und ihre Schlüssel. Schlüssel liegen im Schlüsselbund des Systems; die Konfigurationsdatei nennt nur ihre Namen (keychain:NAME).</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>Basis-URL</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>what clients write before the model, e.g. openai</source>
        <translation>was Clients vor das Modell schreiben, z. B. openai</translation>
    </message>
    <message>
        <source>comma-separated, e.g. gpt-4o-mini, gpt-4o</source>
        <translation>durch Kommas getrennt, z. B. gpt-4o-mini, gpt-4o</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>Typ:</translation>
    </message>
    <message>
        <source>Id:</source>
        <translation>ID:</translation>
    </message>
    <message>
        <source>Base URL:</source>
        <translation>Basis-URL:</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Verweis</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>(inside Signalbox)</source>
        <translation>(in Signalbox)</translation>
    </message>
    <message>
        <source>not needed: answers inside Signalbox</source>
        <translation>nicht nötig: antwortet innerhalb von Signalbox</translation>
    </message>
    <message>
        <source>required, e.g. https://example.openai.azure.com</source>
        <translation>erforderlich, z. B. https://example.openai.azure.com</translation>
    </message>
    <message>
        <source>Deployments:</source>
        <translation>Bereitstellungen:</translation>
    </message>
    <message>
        <source>reading…</source>
        <translation>wird gelesen…</translation>
    </message>
    <message>
        <source>cannot be read: %1</source>
        <translation>nicht lesbar: %1</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Ausblenden</translation>
    </message>
    <message>
        <source>Save the provider first</source>
        <translation>Speichern Sie zuerst den Anbieter</translation>
    </message>
    <message>
        <source>Store a key in the system keychain</source>
        <translation>Einen Schlüssel im Schlüsselbund des Systems speichern</translation>
    </message>
    <message>
        <source>Not saved: give the provider an id without spaces or &apos;/&apos;, e.g. &quot;openai&quot;; clients write it before the model, as in openai/gpt-4o.</source>
        <translation>Nicht gespeichert: Geben Sie dem Anbieter eine ID ohne Leerzeichen oder „/“, z. B. „openai“; Clients schreiben sie vor das Modell, wie in openai/gpt-4o.</translation>
    </message>
    <message>
        <source>Not saved: a provider named &apos;%1&apos; exists already. Choose another id, or select it in the list to edit it.</source>
        <translation>Nicht gespeichert: Ein Anbieter namens „%1“ existiert bereits. Nehmen Sie eine andere ID oder wählen Sie ihn in der Liste aus, um ihn zu bearbeiten.</translation>
    </message>
    <message>
        <source>Saved &apos;%1&apos;. The proxy uses it from now on.</source>
        <translation>„%1“ gespeichert. Der Proxy verwendet ihn ab sofort.</translation>
    </message>
    <message>
        <source>Not saved, the configuration would be refused: %1</source>
        <translation>Nicht gespeichert, die Konfiguration würde abgelehnt: %1</translation>
    </message>
    <message>
        <source>The proxy uses the change, but the config file was not written: %1</source>
        <translation>Der Proxy verwendet die Änderung, aber die Konfigurationsdatei wurde nicht geschrieben: %1</translation>
    </message>
    <message>
        <source>Remove the provider &apos;%1&apos;? Its keys in the system keychain are deleted too, and clients can no longer call %1/… models.</source>
        <translation>Den Anbieter „%1“ entfernen? Seine Schlüssel im Schlüsselbund des Systems werden ebenfalls gelöscht, und Clients können keine %1/…-Modelle mehr aufrufen.</translation>
    </message>
    <message>
        <source>Removed &apos;%1&apos;.</source>
        <translation>„%1“ entfernt.</translation>
    </message>
    <message>
        <source>No system keychain is available, so the key cannot be stored. Keys are never written to a file; use an env: reference in the config instead.</source>
        <translation>Kein Schlüsselbund des Systems verfügbar, daher kann der Schlüssel nicht gespeichert werden. Schlüssel werden nie in eine Datei geschrieben; verwenden Sie stattdessen einen env:-Verweis in der Konfiguration.</translation>
    </message>
    <message>
        <source>Storing the key in the keychain…</source>
        <translation>Schlüssel wird im Schlüsselbund gespeichert…</translation>
    </message>
    <message>
        <source>The key was not stored in the keychain: %1. Unlock the keychain and try again.</source>
        <translation>Der Schlüssel wurde nicht im Schlüsselbund gespeichert: %1. Entsperren Sie den Schlüsselbund und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Stored a key for &apos;%1&apos; in the keychain as %2.</source>
        <translation>Ein Schlüssel für „%1“ wurde im Schlüsselbund als %2 gespeichert.</translation>
    </message>
    <message>
        <source>Remove the key %1 from &apos;%2&apos;? A key kept in the system keychain is deleted there too.</source>
        <translation>Den Schlüssel %1 aus „%2“ entfernen? Ein im Schlüsselbund des Systems aufbewahrter Schlüssel wird auch dort gelöscht.</translation>
    </message>
    <message>
        <source>Removed the key %1.</source>
        <translation>Schlüssel %1 entfernt.</translation>
    </message>
    <message>
        <source>The key %1 is no longer used, but could not be deleted from the keychain: %2</source>
        <translation>Der Schlüssel %1 wird nicht mehr verwendet, konnte aber nicht aus dem Schlüsselbund gelöscht werden: %2</translation>
    </message>
    <message>
        <source>The key cannot be read: %1</source>
        <translation>Der Schlüssel ist nicht lesbar: %1</translation>
    </message>
    <message>
        <source>Add a model to test with, then save.</source>
        <translation>Fügen Sie ein Modell zum Testen hinzu und speichern Sie dann.</translation>
    </message>
    <message>
        <source>Testing %1/%2…</source>
        <translation>%1/%2 wird getestet…</translation>
    </message>
    <message>
        <source>Add key</source>
        <translation>Schlüssel hinzufügen</translation>
    </message>
    <message>
        <source>The API key for &apos;%1&apos;. It is stored in the system keychain, never in a file.</source>
        <translation>Der API-Schlüssel für „%1“. Er wird im Schlüsselbund des Systems gespeichert, nie in einer Datei.</translation>
    </message>
</context>
<context>
    <name>signalbox::ProxyPanel</name>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <source>The local endpoint your applications call. It speaks the OpenAI API and routes every call by your configuration.</source>
        <translation>Der lokale Endpunkt, den Ihre Anwendungen aufrufen. Er spricht die OpenAI-API und leitet jeden Aufruf nach Ihrer Konfiguration weiter.</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Adresse:</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Zustand:</translation>
    </message>
    <message>
        <source>not listening</source>
        <translation>lauscht nicht</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <source>An IP address and port, e.g. 127.0.0.1:4747 or [::1]:4747</source>
        <translation>Eine IP-Adresse mit Port, z. B. 127.0.0.1:4747 oder [::1]:4747</translation>
    </message>
    <message>
        <source>Save the address; a running proxy restarts on it</source>
        <translation>Adresse speichern; ein laufender Proxy startet darauf neu</translation>
    </message>
    <message>
        <source>Listen on:</source>
        <translation>Lauschen auf:</translation>
    </message>
    <message>
        <source>Traffic</source>
        <translation>Datenverkehr</translation>
    </message>
    <message>
        <source>Requests (blue) and errors (red) per second, the last minute</source>
        <translation>Anfragen (blau) und Fehler (rot) pro Sekunde, in der letzten Minute</translation>
    </message>
    <message>
        <source>Targets</source>
        <translation>Ziele</translation>
    </message>
    <message>
        <source>half-open: trying one call</source>
        <translation>halb offen: testet einen Aufruf</translation>
    </message>
    <message>
        <source>%1 (in %2 s)</source>
        <translation>%1 (in %2 s)</translation>
    </message>
    <message>
        <source>Recent failures</source>
        <translation>Jüngste Fehlschläge</translation>
    </message>
    <message>
        <source>%1 ok, %2 failed</source>
        <translation>%1 ok, %2 fehlgeschlagen</translation>
    </message>
    <message>
        <source>No target has been called yet. Each target appears here with its circuit breaker once the proxy sends it a request.</source>
        <translation>Noch wurde kein Ziel aufgerufen. Jedes Ziel erscheint hier mit seinem Schutzschalter, sobald der Proxy ihm eine Anfrage sendet.</translation>
    </message>
    <message>
        <source>Write an IP address and a port, e.g. 127.0.0.1:4747. Host names other than localhost are not accepted: the proxy binds an address.</source>
        <translation>Geben Sie eine IP-Adresse und einen Port ein, z. B. 127.0.0.1:4747. Andere Hostnamen als localhost werden nicht akzeptiert: Der Proxy bindet sich an eine Adresse.</translation>
    </message>
    <message>
        <source>Only programs on this computer can reach the proxy.</source>
        <translation>Nur Programme auf diesem Computer können den Proxy erreichen.</translation>
    </message>
    <message>
        <source>Beyond loopback other machines can reach the proxy, so every client must present a virtual key: create them in Virtual Keys first, or the proxy will not start.</source>
        <translation>Außerhalb von Loopback können andere Rechner den Proxy erreichen, daher muss jeder Client einen virtuellen Schlüssel vorweisen: Erstellen Sie zuerst welche unter „Virtuelle Schlüssel“, sonst startet der Proxy nicht.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; requests/s &amp;nbsp; &lt;b&gt;%2&lt;/b&gt; errors/s&lt;br&gt;%3 requests, %4 failed since Signalbox started</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; Anfragen/s &amp;nbsp; &lt;b&gt;%2&lt;/b&gt; Fehler/s&lt;br&gt;%3 Anfragen, %4 fehlgeschlagen seit dem Start von Signalbox</translation>
    </message>
    <message>
        <source>Measuring requests per second…</source>
        <translation>Anfragen pro Sekunde werden gemessen…</translation>
    </message>
    <message>
        <source>The proxy uses the new address, but it was not saved: %1</source>
        <translation>Der Proxy nutzt die neue Adresse, sie wurde aber nicht gespeichert: %1</translation>
    </message>
</context>
<context>
    <name>signalbox::ProxyStateText</name>
    <message>
        <source>Stopped</source>
        <translation>Gestoppt</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>Startet</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Draining</source>
        <translation>Läuft aus</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>signalbox::ProxyStatusLabel</name>
    <message>
        <source>Proxy running at %1</source>
        <translation>Proxy läuft unter %1</translation>
    </message>
    <message>
        <source>Proxy: %1</source>
        <translation>Proxy: %1</translation>
    </message>
</context>
<context>
    <name>signalbox::ProxyTrayIcon</name>
    <message>
        <source>Start proxy</source>
        <translation>Proxy starten</translation>
    </message>
    <message>
        <source>Stop proxy</source>
        <translation>Proxy stoppen</translation>
    </message>
    <message>
        <source>Show window</source>
        <translation>Fenster anzeigen</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Signalbox proxy: running at %1</source>
        <translation>Signalbox-Proxy: läuft unter %1</translation>
    </message>
    <message>
        <source>Signalbox proxy: %1</source>
        <translation>Signalbox-Proxy: %1</translation>
    </message>
</context>
<context>
    <name>signalbox::RoutesPanel</name>
    <message>
        <source>Routes</source>
        <translation>Routen</translation>
    </message>
    <message>
        <source>Edit fallback chains here: drag targets into order, set weights, retries and timeouts, and dry-run failures. Until then, routes live under routes: in the configuration file.</source>
        <translation>Hier bearbeiten Sie Fallback-Ketten: Ziele per Ziehen ordnen, Gewichte, Wiederholungen und Zeitlimits setzen und Ausfälle probeweise durchspielen. Bis dahin stehen Routen unter routes: in der Konfigurationsdatei.</translation>
    </message>
</context>
<context>
    <name>signalbox::SnippetView</name>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy to the clipboard</source>
        <translation>In die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
</context>
<context>
    <name>signalbox::StoreStatusLabel</name>
    <message>
        <source>⚠ Request log paused</source>
        <translation>⚠ Anfrageprotokoll pausiert</translation>
    </message>
</context>
<context>
    <name>signalbox::TargetHealthModel</name>
    <message>
        <source>open: benched</source>
        <translation>offen: ausgesetzt</translation>
    </message>
    <message>
        <source>half-open: trying one call</source>
        <translation>halb offen: testet einen Aufruf</translation>
    </message>
    <message>
        <source>closed, resting (rate limited)</source>
        <translation>geschlossen, pausiert (Ratenlimit)</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>geschlossen</translation>
    </message>
    <message>
        <source>%1 (in %2 s)</source>
        <translation>%1 (in %2 s)</translation>
    </message>
    <message>
        <source>%1 ok, %2 failed</source>
        <translation>%1 ok, %2 fehlgeschlagen</translation>
    </message>
    <message>
        <source>–</source>
        <translation>–</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Breaker</source>
        <translation>Schutzschalter</translation>
    </message>
    <message>
        <source>Benched until</source>
        <translation>Ausgesetzt bis</translation>
    </message>
    <message>
        <source>Recent failures</source>
        <translation>Jüngste Fehlschläge</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Aufrufe</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
</context>
<context>
    <name>signalbox::VirtualKeysModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Spend and budget</source>
        <translation>Ausgaben und Budget</translation>
    </message>
    <message>
        <source>Rate limits</source>
        <translation>Ratenlimits</translation>
    </message>
    <message>
        <source>Allowed models</source>
        <translation>Erlaubte Modelle</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>%1 today, no budget</source>
        <translation>%1 heute, kein Budget</translation>
    </message>
    <message>
        <source>%1 this month, no budget</source>
        <translation>%1 in diesem Monat, kein Budget</translation>
    </message>
    <message>
        <source>%1 in total, no budget</source>
        <translation>%1 insgesamt, kein Budget</translation>
    </message>
    <message>
        <source>%1 of %2 / day</source>
        <translation>%1 von %2 / Tag</translation>
    </message>
    <message>
        <source>%1 of %2 / month</source>
        <translation>%1 von %2 / Monat</translation>
    </message>
    <message>
        <source>%1 of %2 in total</source>
        <translation>%1 von %2 insgesamt</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>widerrufen</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>abgelaufen</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>%1 req/min</source>
        <translation>%1 Anfr./min</translation>
    </message>
    <message>
        <source>%1 tokens/min</source>
        <translation>%1 Tokens/min</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>Only the last four characters of a key are kept; id %1</source>
        <translation>Von einem Schlüssel werden nur die letzten vier Zeichen gespeichert; ID %1</translation>
    </message>
    <message>
        <source>Revoked %1; requests with this key are refused.</source>
        <translation>Widerrufen am %1; Anfragen mit diesem Schlüssel werden abgelehnt.</translation>
    </message>
    <message>
        <source>Expired %1; requests with this key are refused.</source>
        <translation>Abgelaufen am %1; Anfragen mit diesem Schlüssel werden abgelehnt.</translation>
    </message>
    <message>
        <source>Clients may use this key.</source>
        <translation>Clients dürfen diesen Schlüssel verwenden.</translation>
    </message>
    <message>
        <source>Today %1 (%2 requests), this month %3 (%4 requests), in total %5 (%6 requests)</source>
        <translation>Heute %1 (%2 Anfragen), in diesem Monat %3 (%4 Anfragen), insgesamt %5 (%6 Anfragen)</translation>
    </message>
</context>
<context>
    <name>signalbox::VirtualKeysPanel</name>
    <message>
        <source>Virtual Keys</source>
        <translation>Virtuelle Schlüssel</translation>
    </message>
    <message>
        <source>New key…</source>
        <translation>Neuer Schlüssel…</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Hand out sbk- keys with their own budgets, rate limits and allowed models, so others can use the proxy without seeing your provider keys.</source>
        <translation>Vergeben Sie sbk-Schlüssel mit eigenen Budgets, Ratenlimits und erlaubten Modellen, damit andere den Proxy nutzen können, ohne Ihre Anbieterschlüssel zu sehen.</translation>
    </message>
    <message>
        <source>Create a key (Ctrl+N)</source>
        <translation>Schlüssel erstellen (Strg+N)</translation>
    </message>
    <message>
        <source>Revoke the selected key (Delete)</source>
        <translation>Ausgewählten Schlüssel widerrufen (Entf)</translation>
    </message>
    <message>
        <source>Read the keys and their spend again (F5)</source>
        <translation>Schlüssel und ihre Ausgaben neu einlesen (F5)</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;No virtual keys yet.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Create one with &lt;b&gt;New key…&lt;/b&gt; and give it to an application or a person. Clients send it as their API key, like a provider&apos;s: &lt;tt&gt;Authorization: Bearer sbk-…&lt;/tt&gt; (OpenAI clients) or &lt;tt&gt;x-api-key&lt;/tt&gt; (Anthropic clients). The proxy then applies the key&apos;s budget, rate limits and allowed models, and logs its spend.&lt;/p&gt;&lt;p&gt;On this computer&apos;s loopback address keys are optional. When the proxy listens beyond loopback, every request must carry one.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Noch keine virtuellen Schlüssel.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Erstellen Sie einen mit &lt;b&gt;Neuer Schlüssel…&lt;/b&gt; und geben Sie ihn an eine Anwendung oder eine Person weiter. Clients senden ihn wie den eines Anbieters als API-Schlüssel: &lt;tt&gt;Authorization: Bearer sbk-…&lt;/tt&gt; (OpenAI-Clients) oder &lt;tt&gt;x-api-key&lt;/tt&gt; (Anthropic-Clients). Der Proxy wendet dann Budget, Ratenlimits und erlaubte Modelle des Schlüssels an und protokolliert seine Ausgaben.&lt;/p&gt;&lt;p&gt;Über die Loopback-Adresse dieses Computers sind Schlüssel optional. Lauscht der Proxy nicht nur auf Loopback, muss jede Anfrage einen Schlüssel mitsenden.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Virtual keys are not available.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;They are kept in Signalbox&apos;s data folder (signalbox.db), and this window runs without one, so keys can be neither listed nor created.&lt;/p&gt;&lt;p&gt;Restart Signalbox with a writable data folder, for example &lt;tt&gt;signalbox --data-dir ~/.local/share/signalbox&lt;/tt&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Virtuelle Schlüssel sind nicht verfügbar.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Sie werden im Datenordner von Signalbox (signalbox.db) gespeichert, und dieses Fenster läuft ohne Datenordner, daher können Schlüssel weder aufgelistet noch erstellt werden.&lt;/p&gt;&lt;p&gt;Starten Sie Signalbox mit einem beschreibbaren Datenordner neu, zum Beispiel &lt;tt&gt;signalbox --data-dir ~/.local/share/signalbox&lt;/tt&gt;.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Reading the keys…</source>
        <translation>Schlüssel werden gelesen…</translation>
    </message>
    <message>
        <source>The keys could not be read: %1</source>
        <translation>Die Schlüssel konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>1 key, active</source>
        <translation>1 Schlüssel, aktiv</translation>
    </message>
    <message>
        <source>1 key, not in force</source>
        <translation>1 Schlüssel, nicht aktiv</translation>
    </message>
    <message>
        <source>%1 keys, %2 active</source>
        <translation>%1 Schlüssel, davon %2 aktiv</translation>
    </message>
    <message>
        <source>The key &apos;%1&apos; was not revoked: %2</source>
        <translation>Der Schlüssel „%1“ wurde nicht widerrufen: %2</translation>
    </message>
    <message>
        <source>Revoke key</source>
        <translation>Schlüssel widerrufen</translation>
    </message>
    <message>
        <source>Revoke the key &apos;%1&apos;? Every client that uses it is refused from now on. This cannot be undone.</source>
        <translation>Den Schlüssel „%1“ widerrufen? Jeder Client, der ihn nutzt, wird ab sofort abgewiesen. Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
</context>
</TS>
