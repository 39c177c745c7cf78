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
    <name>signalbox::ConnectPanel</name>
    <message>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <source>Point your applications at the local proxy. Anthropic SDKs, Claude Code and one-click setup for more tools arrive with the Anthropic Messages API.</source>
        <translation>Richten Sie Ihre Anwendungen auf den lokalen Proxy aus. Anthropic-SDKs, Claude Code und die Einrichtung weiterer Tools mit einem Klick folgen mit der Anthropic-Messages-API.</translation>
    </message>
    <message>
        <source>OpenAI SDKs and compatible tools</source>
        <translation>OpenAI-SDKs und kompatible Werkzeuge</translation>
    </message>
    <message>
        <source>curl</source>
        <translation>curl</translation>
    </message>
    <message>
        <source>Use a route name or provider/model from your configuration as the model.</source>
        <translation>Als Modell einen Routennamen oder Anbieter/Modell aus Ihrer Konfiguration angeben.</translation>
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
    <name>signalbox::LogsPanel</name>
    <message>
        <source>Logs</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>A live table of every request with its route, target, latency, tokens and cost, with filters, full bodies and &quot;open in playground&quot;. Coming with the request log.</source>
        <translation>Eine Live-Tabelle aller Anfragen mit Route, Ziel, Latenz, Tokens und Kosten, mit Filtern, vollständigen Inhalten und „Im Playground öffnen“. Kommt mit dem Anfrageprotokoll.</translation>
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
    <name>signalbox::ProvidersPanel</name>
    <message>
        <source>Providers &amp; Keys</source>
        <translation>Anbieter &amp; Schlüssel</translation>
    </message>
    <message>
        <source>Add providers, keep their keys in the system keychain, use several keys per provider and test a connection with one click. Until then, add providers under providers: in the configuration file.</source>
        <translation>Anbieter hinzufügen, ihre Schlüssel im Schlüsselbund des Systems aufbewahren, mehrere Schlüssel pro Anbieter nutzen und eine Verbindung mit einem Klick testen. Bis dahin fügen Sie Anbieter unter providers: in der Konfigurationsdatei hinzu.</translation>
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
    <name>signalbox::VirtualKeysPanel</name>
    <message>
        <source>Virtual Keys</source>
        <translation>Virtuelle Schlüssel</translation>
    </message>
    <message>
        <source>Hand out sbk- keys with their own budgets, rate limits and allowed routes, so others can use the proxy without seeing your provider keys. Coming soon.</source>
        <translation>Vergeben Sie sbk-Schlüssel mit eigenen Budgets, Ratenlimits und erlaubten Routen, damit andere den Proxy nutzen können, ohne Ihre Anbieterschlüssel zu sehen. Kommt bald.</translation>
    </message>
</context>
</TS>
