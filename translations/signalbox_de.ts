<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AnswerSummary</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>unpriced</source>
        <translation>ohne Preis</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Gestoppt</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>1 attempt</source>
        <translation>1 Versuch</translation>
    </message>
    <message>
        <source>%1 attempts</source>
        <translation>%1 Versuche</translation>
    </message>
    <message>
        <source>first token %1</source>
        <translation>erstes Token %1</translation>
    </message>
    <message>
        <source>%1 in / %2 out</source>
        <translation>%1 Eingabe / %2 Ausgabe</translation>
    </message>
    <message>
        <source>?</source>
        <translation>?</translation>
    </message>
    <message>
        <source> (%1 cached)</source>
        <translation> (%1 aus dem Cache)</translation>
    </message>
    <message>
        <source>tokens not reported</source>
        <translation>Tokens nicht gemeldet</translation>
    </message>
    <message>
        <source>Enter a virtual key (sbk-…) under Parameters, or create one under Virtual Keys.</source>
        <translation>Geben Sie unter „Parameter“ einen virtuellen Schlüssel (sbk-…) ein oder erstellen Sie einen unter „Virtuelle Schlüssel“.</translation>
    </message>
    <message>
        <source>Pick a route or provider/model from the list; routes are edited under Routes.</source>
        <translation>Wählen Sie eine Route oder ein Anbieter/Modell aus der Liste; Routen werden unter „Routen“ bearbeitet.</translation>
    </message>
    <message>
        <source>A limit or budget was reached: wait a moment, or see Virtual Keys and the provider&apos;s limits.</source>
        <translation>Ein Limit oder Budget wurde erreicht: Warten Sie einen Moment oder sehen Sie unter „Virtuelle Schlüssel“ und in den Limits des Anbieters nach.</translation>
    </message>
    <message>
        <source>See request %1 in Logs for each attempt, or try another route or model.</source>
        <translation>Die einzelnen Versuche finden Sie bei Anfrage %1 unter „Protokoll“; oder versuchen Sie eine andere Route oder ein anderes Modell.</translation>
    </message>
    <message>
        <source>(no id)</source>
        <translation>(keine ID)</translation>
    </message>
    <message>
        <source>Check the parameters, tools and response format, then send again.</source>
        <translation>Prüfen Sie Parameter, Tools und Antwortformat und senden Sie dann erneut.</translation>
    </message>
</context>
<context>
    <name>CodeExport</name>
    <message>
        <source>curl</source>
        <translation>curl</translation>
    </message>
    <message>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <source>JavaScript</source>
        <translation>JavaScript</translation>
    </message>
</context>
<context>
    <name>RouteCheck</name>
    <message>
        <source>A %1 group in route &apos;%2&apos; has no targets. Drag targets into it, or remove it.</source>
        <translation>Eine %1-Gruppe in der Route „%2“ hat keine Ziele. Ziehen Sie Ziele hinein oder entfernen Sie die Gruppe.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; in route &apos;%2&apos; must be written provider/model, e.g. openai/gpt-4o.</source>
        <translation>„%1“ in der Route „%2“ muss als Anbieter/Modell geschrieben werden, z. B. openai/gpt-4o.</translation>
    </message>
    <message>
        <source>a %1 group</source>
        <translation>eine %1-Gruppe</translation>
    </message>
    <message>
        <source>The weight of %1 in route &apos;%2&apos; is %3; give it a weight from 1 to %4 (its share of the calls).</source>
        <translation>Die Gewichtung für %1 in der Route „%2“ ist %3; geben Sie eine Gewichtung von 1 bis %4 an (der Anteil an den Aufrufen).</translation>
    </message>
    <message>
        <source>Give the route a name: clients send it as their &quot;model&quot;.</source>
        <translation>Geben Sie der Route einen Namen: Clients senden ihn als ihr „model“.</translation>
    </message>
    <message>
        <source>The route name &apos;%1&apos; holds a space or &apos;/&apos;. Use letters, digits, &apos;-&apos; or &apos;.&apos;: clients send it as their &quot;model&quot;, and provider/model already names a model directly.</source>
        <translation>Der Routenname „%1“ enthält ein Leerzeichen oder „/“. Verwenden Sie Buchstaben, Ziffern, „-“ oder „.“: Clients senden ihn als ihr „model“, und Anbieter/Modell benennt bereits direkt ein Modell.</translation>
    </message>
    <message>
        <source>Another route is named &apos;%1&apos; already. Choose another name.</source>
        <translation>Eine andere Route heißt bereits „%1“. Wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(kein Name)</translation>
    </message>
    <message>
        <source>Route &apos;%1&apos; has no targets. Add at least one provider/model below.</source>
        <translation>Die Route „%1“ hat keine Ziele. Fügen Sie unten mindestens ein Anbieter/Modell hinzu.</translation>
    </message>
    <message>
        <source>The configuration would be refused: %1</source>
        <translation>Die Konfiguration würde abgelehnt: %1</translation>
    </message>
</context>
<context>
    <name>RouteDryRun</name>
    <message>
        <source>Answers</source>
        <translation>Antwortet</translation>
    </message>
    <message>
        <source>Connection fails</source>
        <translation>Verbindung scheitert</translation>
    </message>
    <message>
        <source>Times out</source>
        <translation>Zeitüberschreitung</translation>
    </message>
    <message>
        <source>500 Server error</source>
        <translation>500 Serverfehler</translation>
    </message>
    <message>
        <source>503 Overloaded</source>
        <translation>503 Überlastet</translation>
    </message>
    <message>
        <source>429 Rate limited</source>
        <translation>429 Ratenlimit</translation>
    </message>
    <message>
        <source>Unreadable answer</source>
        <translation>Unlesbare Antwort</translation>
    </message>
    <message>
        <source>400 Bad request</source>
        <translation>400 Ungültige Anfrage</translation>
    </message>
    <message>
        <source>401 Wrong key</source>
        <translation>401 Falscher Schlüssel</translation>
    </message>
    <message>
        <source>Prompt too long</source>
        <translation>Prompt zu lang</translation>
    </message>
    <message>
        <source>Content policy refusal</source>
        <translation>Abgelehnt (Inhaltsrichtlinie)</translation>
    </message>
    <message>
        <source>Benched (breaker open)</source>
        <translation>Ausgesetzt (Schutzschalter offen)</translation>
    </message>
    <message>
        <source>The route &apos;%1&apos; reaches no target: &apos;%2&apos; is not a configured provider with a known kind. Add targets from the Providers &amp; Keys panel.</source>
        <translation>Die Route „%1“ erreicht kein Ziel: „%2“ ist kein eingerichteter Anbieter mit bekanntem Typ. Fügen Sie Ziele aus dem Bereich „Anbieter &amp; Schlüssel“ hinzu.</translation>
    </message>
    <message>
        <source>Its breaker is open after repeated failures: passed over without a call.</source>
        <translation>Sein Schutzschalter ist nach wiederholten Fehlschlägen offen: ohne Aufruf übersprungen.</translation>
    </message>
    <message>
        <source>Answers: the client gets this answer.</source>
        <translation>Antwortet: Der Client erhält diese Antwort.</translation>
    </message>
    <message>
        <source>%1 is not one of the route&apos;s fall-over triggers: the client gets this error.</source>
        <translation>%1 löst bei dieser Route keinen Wechsel aus: Der Client erhält diesen Fehler.</translation>
    </message>
    <message>
        <source>%1 and no fallback of that kind is left: the client gets this error.</source>
        <translation>%1, und es ist kein Fallback dieser Art mehr übrig: Der Client erhält diesen Fehler.</translation>
    </message>
    <message>
        <source>%1: retry %2 of %3 after about %4 ms.</source>
        <translation>%1: Wiederholung %2 von %3 nach etwa %4 ms.</translation>
    </message>
    <message>
        <source>%1 and no target is left: the client gets this error.</source>
        <translation>%1, und es ist kein Ziel mehr übrig: Der Client erhält diesen Fehler.</translation>
    </message>
    <message>
        <source>%1: on to the route&apos;s context-window fallbacks.</source>
        <translation>%1: weiter zu den Kontextfenster-Fallbacks der Route.</translation>
    </message>
    <message>
        <source>%1: on to the route&apos;s content-policy fallbacks.</source>
        <translation>%1: weiter zu den Inhaltsrichtlinien-Fallbacks der Route.</translation>
    </message>
    <message>
        <source>%1 will not pass here soon: on to the next target without retrying.</source>
        <translation>%1: Das ändert sich hier so bald nicht, weiter zum nächsten Ziel ohne Wiederholung.</translation>
    </message>
    <message>
        <source>%1: the route does not retry, on to the next target.</source>
        <translation>%1: Die Route wiederholt nicht, weiter zum nächsten Ziel.</translation>
    </message>
    <message>
        <source>%1: retries used up, on to the next target.</source>
        <translation>%1: Wiederholungen aufgebraucht, weiter zum nächsten Ziel.</translation>
    </message>
    <message>
        <source>%1: another wait would pass the route&apos;s limit of %2 ms, on to the next target.</source>
        <translation>%1: Eine weitere Wartezeit würde das Limit der Route von %2 ms überschreiten, weiter zum nächsten Ziel.</translation>
    </message>
    <message>
        <source>Served by %1, at step %2.</source>
        <translation>Beantwortet von %1, in Schritt %2.</translation>
    </message>
    <message>
        <source>No target served: the client gets %1 (%2).</source>
        <translation>Kein Ziel hat geantwortet: Der Client erhält %1 (%2).</translation>
    </message>
    <message>
        <source>The remaining targets are benched: the client gets the last error, %1.</source>
        <translation>Die übrigen Ziele sind ausgesetzt: Der Client erhält den letzten Fehler, %1.</translation>
    </message>
    <message>
        <source>Every target is benched: the client gets 503 with Retry-After.</source>
        <translation>Alle Ziele sind ausgesetzt: Der Client erhält 503 mit Retry-After.</translation>
    </message>
    <message>
        <source>Its breaker opened after %1 failures: passed over without a call.</source>
        <translation>Sein Schutzschalter hat sich nach %1 Fehlschlägen geöffnet: ohne Aufruf übersprungen.</translation>
    </message>
</context>
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
    <name>signalbox::AddKeyDialog</name>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Add a key to &apos;%1&apos;</source>
        <translation>Schlüssel zu „%1“ hinzufügen</translation>
    </message>
    <message>
        <source>System keychain</source>
        <translation>Schlüsselbund des Systems</translation>
    </message>
    <message>
        <source>Environment variable</source>
        <translation>Umgebungsvariable</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>No system keychain is available on this computer.</source>
        <translation>Auf diesem Computer ist kein Schlüsselbund des Systems verfügbar.</translation>
    </message>
    <message>
        <source>Its share of the calls among the provider&apos;s keys: a key of weight 2 gets twice the calls of a key of weight 1.</source>
        <translation>Sein Anteil an den Aufrufen unter den Schlüsseln des Anbieters: Ein Schlüssel mit Gewichtung 2 erhält doppelt so viele Aufrufe wie einer mit Gewichtung 1.</translation>
    </message>
    <message>
        <source>&amp;Kept in:</source>
        <translation>&amp;Ablageort:</translation>
    </message>
    <message>
        <source>&amp;Weight:</source>
        <translation>&amp;Gewichtung:</translation>
    </message>
    <message>
        <source>Add key</source>
        <translation>Schlüssel hinzufügen</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>API-&amp;Schlüssel:</translation>
    </message>
    <message>
        <source>paste the key, e.g. sk-…</source>
        <translation>Schlüssel einfügen, z. B. sk-…</translation>
    </message>
    <message>
        <source>The key is stored in the system keychain under a name Signalbox chooses; the config file only names it (keychain:NAME).</source>
        <translation>Der Schlüssel wird im Schlüsselbund des Systems unter einem Namen gespeichert, den Signalbox wählt; die Konfigurationsdatei nennt nur diesen Namen (keychain:NAME).</translation>
    </message>
    <message>
        <source>&amp;Variable name:</source>
        <translation>&amp;Variablenname:</translation>
    </message>
    <message>
        <source>e.g. OPENAI_API_KEY</source>
        <translation>z. B. OPENAI_API_KEY</translation>
    </message>
    <message>
        <source>Signalbox reads the variable when the proxy loads the configuration. It must be set where Signalbox starts (your session or its service file); the key is never stored or shown here.</source>
        <translation>Signalbox liest die Variable, wenn der Proxy die Konfiguration lädt. Sie muss dort gesetzt sein, wo Signalbox startet (in Ihrer Sitzung oder in seiner Dienstdatei); der Schlüssel wird hier nie gespeichert oder angezeigt.</translation>
    </message>
    <message>
        <source>File &amp;path:</source>
        <translation>Datei&amp;pfad:</translation>
    </message>
    <message>
        <source>e.g. ~/.config/keys/openai</source>
        <translation>z. B. ~/.config/keys/openai</translation>
    </message>
    <message>
        <source>Signalbox reads the whole file (trailing spaces and newlines dropped) when the proxy loads the configuration. Keep it readable only by you (chmod 600); the key is never shown here.</source>
        <translation>Signalbox liest die ganze Datei (ohne abschließende Leerzeichen und Zeilenumbrüche), wenn der Proxy die Konfiguration lädt. Machen Sie sie nur für sich selbst lesbar (chmod 600); der Schlüssel wird hier nie angezeigt.</translation>
    </message>
    <message>
        <source>Paste the provider&apos;s API key.</source>
        <translation>Fügen Sie den API-Schlüssel des Anbieters ein.</translation>
    </message>
    <message>
        <source>Name the environment variable that holds the key.</source>
        <translation>Geben Sie die Umgebungsvariable an, die den Schlüssel enthält.</translation>
    </message>
    <message>
        <source>A variable name has only letters, digits and &apos;_&apos;, and does not start with a digit.</source>
        <translation>Ein Variablenname besteht nur aus Buchstaben, Ziffern und „_“ und beginnt nicht mit einer Ziffer.</translation>
    </message>
    <message>
        <source>Name the file that holds the key, or choose it with Browse….</source>
        <translation>Geben Sie die Datei an, die den Schlüssel enthält, oder wählen Sie sie mit „Durchsuchen…“ aus.</translation>
    </message>
    <message>
        <source>There is no such file yet. The key can be added, but the proxy cannot use it until the file exists.</source>
        <translation>Diese Datei gibt es noch nicht. Der Schlüssel kann hinzugefügt werden, aber der Proxy kann ihn erst nutzen, wenn die Datei existiert.</translation>
    </message>
    <message>
        <source>Choose the file that holds the key</source>
        <translation>Datei mit dem Schlüssel auswählen</translation>
    </message>
</context>
<context>
    <name>signalbox::AnswerBlock</name>
    <message>
        <source>Assistant · %1</source>
        <translation>Assistent · %1</translation>
    </message>
    <message>
        <source>Waiting for %1…</source>
        <translation>Warten auf %1…</translation>
    </message>
    <message>
        <source>Streaming from %1 (attempt %2)…</source>
        <translation>Stream von %1 (Versuch %2)…</translation>
    </message>
    <message>
        <source>Streaming from %1…</source>
        <translation>Stream von %1…</translation>
    </message>
    <message>
        <source>Calls %1</source>
        <translation>Ruft auf: %1</translation>
    </message>
    <message>
        <source>Request %1: find it under Logs</source>
        <translation>Anfrage %1: zu finden unter „Protokoll“</translation>
    </message>
    <message>
        <source>(stopped before any text came)</source>
        <translation>(gestoppt, bevor Text eintraf)</translation>
    </message>
</context>
<context>
    <name>signalbox::ChartFrame</name>
    <message>
        <source>Save as PNG…</source>
        <translation>Als PNG speichern…</translation>
    </message>
    <message>
        <source>The chart could not be saved to %1: %2.</source>
        <translation>Das Diagramm konnte nicht in %1 gespeichert werden: %2.</translation>
    </message>
    <message>
        <source>there is nothing drawn</source>
        <translation>es ist nichts gezeichnet</translation>
    </message>
</context>
<context>
    <name>signalbox::ChatColumn</name>
    <message>
        <source>&amp;Model</source>
        <translation>&amp;Modell</translation>
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
    <message>
        <source>%1

Nothing was written. Choose a folder you can write to and export again.</source>
        <translation>%1

Es wurde nichts geschrieben. Wählen Sie einen Ordner, in den Sie schreiben dürfen, und exportieren Sie erneut.</translation>
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
        <source>No keys yet</source>
        <translation>Noch keine Schlüssel</translation>
    </message>
    <message>
        <source>Copy the setup of the client shown</source>
        <translation>Die Einrichtung des angezeigten Clients kopieren</translation>
    </message>
    <message>
        <source>The virtual keys could not be read: %1. Check that the data folder can be read, then come back to this panel.</source>
        <translation>Die virtuellen Schlüssel konnten nicht gelesen werden: %1. Prüfen Sie, ob der Datenordner lesbar ist, und kehren Sie dann zu diesem Bereich zurück.</translation>
    </message>
    <message>
        <source>The key could not be created: %1. Check that the data folder can be written, then press the button again.</source>
        <translation>Der Schlüssel konnte nicht erstellt werden: %1. Prüfen Sie, ob der Datenordner beschreibbar ist, und klicken Sie dann erneut auf die Schaltfläche.</translation>
    </message>
</context>
<context>
    <name>signalbox::ConversationView</name>
    <message>
        <source>Type a message below and send it with Ctrl+Enter. The answer streams in here, with the target that served it, its time to first token, tokens and cost.</source>
        <translation>Geben Sie unten eine Nachricht ein und senden Sie sie mit Strg+Eingabe. Die Antwort wird hier gestreamt, mit dem Ziel, das sie geliefert hat, der Zeit bis zum ersten Token, den Tokens und den Kosten.</translation>
    </message>
</context>
<context>
    <name>signalbox::DashboardFilterBar</name>
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
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <source>Custom range…</source>
        <translation>Eigener Zeitraum…</translation>
    </message>
    <message>
        <source>Chart the requests started in this time range</source>
        <translation>Die in diesem Zeitraum gestarteten Anfragen darstellen</translation>
    </message>
    <message>
        <source>Time range</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Requests started at or after this time</source>
        <translation>Anfragen, die zu oder nach diesem Zeitpunkt gestartet wurden</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Requests started before this time</source>
        <translation>Anfragen, die vor diesem Zeitpunkt gestartet wurden</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Bis</translation>
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
        <source>Route</source>
        <translation>Route</translation>
    </message>
    <message>
        <source>Any virtual key</source>
        <translation>Alle virtuellen Schlüssel</translation>
    </message>
    <message>
        <source>Only the requests made with this virtual key</source>
        <translation>Nur die Anfragen mit diesem virtuellen Schlüssel</translation>
    </message>
    <message>
        <source>Virtual key</source>
        <translation>Virtueller Schlüssel</translation>
    </message>
    <message>
        <source>Tag key=value</source>
        <translation>Tag key=value</translation>
    </message>
    <message>
        <source>Requests tagged so with the x-signalbox-tags header, e.g. team=search</source>
        <translation>Anfragen, die mit dem Header x-signalbox-tags so getaggt sind, z. B. team=search</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>The dashboard shows up to a year at a time: pick a shorter range.</source>
        <translation>Die Übersicht zeigt höchstens ein Jahr auf einmal: Wählen Sie einen kürzeren Zeitraum.</translation>
    </message>
    <message>
        <source>Write the tag as key=value, for example team=search.</source>
        <translation>Schreiben Sie das Tag als key=value, zum Beispiel team=search.</translation>
    </message>
    <message>
        <source>The time range must end after it starts: pick a “to” later than “from”.</source>
        <translation>Der Zeitraum muss nach seinem Beginn enden: Wählen Sie ein „Bis“, das später als „Von“ liegt.</translation>
    </message>
</context>
<context>
    <name>signalbox::DashboardFormat</name>
    <message>
        <source>$%1</source>
        <translation>$%1</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
</context>
<context>
    <name>signalbox::DashboardPanel</name>
    <message>
        <source>Dashboard</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>Error rate</source>
        <translation>Fehlerquote</translation>
    </message>
    <message>
        <source>Spend</source>
        <translation>Ausgaben</translation>
    </message>
    <message>
        <source>Cache hit rate</source>
        <translation>Cache-Trefferquote</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>Route</translation>
    </message>
    <message>
        <source>Virtual key</source>
        <translation>Virtueller Schlüssel</translation>
    </message>
    <message>
        <source>Tag value</source>
        <translation>Tag-Wert</translation>
    </message>
    <message>
        <source>Where money and time go: spend per model, traffic and errors, latency and cache savings, from the request log.</source>
        <translation>Wohin Geld und Zeit gehen: Ausgaben pro Modell, Datenverkehr und Fehler, Latenz und Cache-Einsparungen, aus dem Anfrageprotokoll.</translation>
    </message>
    <message>
        <source>Save the data shown as CSV, or a chart as a PNG image</source>
        <translation>Die angezeigten Daten als CSV oder ein Diagramm als PNG-Bild speichern</translation>
    </message>
    <message>
        <source>Data as CSV…</source>
        <translation>Daten als CSV…</translation>
    </message>
    <message>
        <source>Spend chart as PNG…</source>
        <translation>Ausgabendiagramm als PNG…</translation>
    </message>
    <message>
        <source>Traffic chart as PNG…</source>
        <translation>Verkehrsdiagramm als PNG…</translation>
    </message>
    <message>
        <source>Latency chart as PNG…</source>
        <translation>Latenzdiagramm als PNG…</translation>
    </message>
    <message>
        <source>Top routes</source>
        <translation>Top-Routen</translation>
    </message>
    <message>
        <source>Top keys</source>
        <translation>Top-Schlüssel</translation>
    </message>
    <message>
        <source>Top tags</source>
        <translation>Top-Tags</translation>
    </message>
    <message>
        <source>Requests are not kept: Signalbox runs without a data directory, so there is nothing to chart. Start it with a data directory (the default one in your user profile) and every request is logged and charted here.</source>
        <translation>Anfragen werden nicht gespeichert: Signalbox läuft ohne Datenordner, daher gibt es nichts darzustellen. Starten Sie es mit einem Datenordner (dem Standardordner in Ihrem Benutzerprofil), dann wird hier jede Anfrage protokolliert und dargestellt.</translation>
    </message>
    <message>
        <source>The dashboard could not be updated: %1. It tries again in a few seconds.</source>
        <translation>Die Übersicht konnte nicht aktualisiert werden: %1. In einigen Sekunden wird es erneut versucht.</translation>
    </message>
    <message>
        <source>%1 input, %2 output tokens</source>
        <translation>%1 Eingabe-, %2 Ausgabe-Tokens</translation>
    </message>
    <message>
        <source>%1 of %2 requests failed</source>
        <translation>%1 von %2 Anfragen fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1 requests without a price</source>
        <translation>%1 Anfragen ohne Preis</translation>
    </message>
    <message>
        <source>%1 a request on average</source>
        <translation>durchschnittlich %1 pro Anfrage</translation>
    </message>
    <message>
        <source>%1 hits saved %2</source>
        <translation>%1 Treffer sparten %2</translation>
    </message>
    <message>
        <source>Tag key:</source>
        <translation>Tag-Schlüssel:</translation>
    </message>
    <message>
        <source>Updated at %1 in %2 ms. Refreshes while requests arrive.</source>
        <translation>Aktualisiert um %1 in %2 ms. Wird laufend aktualisiert, während Anfragen eintreffen.</translation>
    </message>
    <message>
        <source>(no key)</source>
        <translation>(kein Schlüssel)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>The data could not be saved to %1: %2.</source>
        <translation>Die Daten konnten nicht in %1 gespeichert werden: %2.</translation>
    </message>
    <message>
        <source>Export Dashboard Data</source>
        <translation>Daten der Übersicht exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Saved the data shown to %1.</source>
        <translation>Die angezeigten Daten wurden in %1 gespeichert.</translation>
    </message>
    <message>
        <source>Save Chart as PNG</source>
        <translation>Diagramm als PNG speichern</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Saved the chart to %1.</source>
        <translation>Das Diagramm wurde in %1 gespeichert.</translation>
    </message>
</context>
<context>
    <name>signalbox::DryRunView</name>
    <message>
        <source>Another draw</source>
        <translation>Neue Ziehung</translation>
    </message>
    <message>
        <source>All answer</source>
        <translation>Alle antworten</translation>
    </message>
    <message>
        <source>What each target does when called</source>
        <translation>Was jedes Ziel beim Aufruf tut</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>When called</source>
        <translation>Beim Aufruf</translation>
    </message>
    <message>
        <source>Every target answers</source>
        <translation>Jedes Ziel antwortet</translation>
    </message>
    <message>
        <source>The run follows every change by itself. Where targets are ordered at random, this shows another order a request could take.</source>
        <translation>Der Lauf folgt jeder Änderung von selbst. Wo Ziele zufällig geordnet werden, zeigt dies eine andere Reihenfolge, die eine Anfrage nehmen könnte.</translation>
    </message>
    <message>
        <source>Draw </source>
        <translation>Ziehung </translation>
    </message>
    <message>
        <source>Weighted and fastest-first lists order their targets at random; each draw is one order a request could take</source>
        <translation>Gewichtete und Schnellste-zuerst-Listen ordnen ihre Ziele zufällig; jede Ziehung ist eine Reihenfolge, die eine Anfrage nehmen könnte</translation>
    </message>
    <message>
        <source>What happens, step by step</source>
        <translation>Was passiert, Schritt für Schritt</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Try</source>
        <translation>Versuch</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Then</source>
        <translation>Dann</translation>
    </message>
    <message>
        <source>Select a route to try it.</source>
        <translation>Wählen Sie eine Route aus, um sie durchzuspielen.</translation>
    </message>
    <message>
        <source>Route &apos;%1&apos; as edited, saved or not. Nothing is called and nothing is saved; the proxy&apos;s own planner and retry rules decide.</source>
        <translation>Route „%1“ im bearbeiteten Stand, ob gespeichert oder nicht. Nichts wird aufgerufen und nichts gespeichert; es entscheiden die Planungs- und Wiederholungsregeln des Proxys selbst.</translation>
    </message>
    <message>
        <source>No route to run.</source>
        <translation>Keine Route zum Ausführen.</translation>
    </message>
    <message>
        <source>Cannot run yet: %1</source>
        <translation>Noch nicht ausführbar: %1</translation>
    </message>
    <message>
        <source>not called</source>
        <translation>nicht aufgerufen</translation>
    </message>
</context>
<context>
    <name>signalbox::DurationSpinBox</name>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
</context>
<context>
    <name>signalbox::ExportDialog</name>
    <message>
        <source>Copy again</source>
        <translation>Erneut kopieren</translation>
    </message>
</context>
<context>
    <name>signalbox::FirstRequestGuide</name>
    <message>
        <source>Open Configuration File</source>
        <translation>Konfigurationsdatei öffnen</translation>
    </message>
    <message>
        <source>Send your first request</source>
        <translation>Senden Sie Ihre erste Anfrage</translation>
    </message>
    <message>
        <source>Nothing is in the request log yet. Spend per model, traffic, errors, latency and cache savings are charted here as soon as requests go through Signalbox. Send one from a terminal:</source>
        <translation>Im Anfrageprotokoll steht noch nichts. Ausgaben pro Modell, Datenverkehr, Fehler, Latenz und Cache-Einsparungen werden hier dargestellt, sobald Anfragen über Signalbox laufen. Senden Sie eine aus einem Terminal:</translation>
    </message>
    <message>
        <source>Add a real provider</source>
        <translation>Einen echten Anbieter hinzufügen</translation>
    </message>
    <message>
        <source>Signalbox calls providers with your keys. Add a provider and its keys in the Providers &amp; Keys panel (Ctrl+4), which keeps keys in the system keychain, or under providers: in the configuration file, where keys are references such as env:OPENAI_API_KEY, never the key itself.</source>
        <translation>Signalbox ruft Anbieter mit Ihren Schlüsseln auf. Fügen Sie einen Anbieter und seine Schlüssel im Bereich „Anbieter &amp; Schlüssel“ (Strg+4) hinzu, der Schlüssel im Schlüsselbund des Systems ablegt, oder unter providers: in der Konfigurationsdatei, wo Schlüssel als Verweise wie env:OPENAI_API_KEY stehen, niemals der Schlüssel selbst.</translation>
    </message>
    <message>
        <source>Applications reach Signalbox at %1/v1. The Connect panel (Ctrl+8) has ready-made settings for SDKs, curl and coding tools; the Playground (Ctrl+2) sends requests from this window.</source>
        <translation>Anwendungen erreichen Signalbox unter %1/v1. Der Bereich „Verbinden“ (Strg+8) bietet fertige Einstellungen für SDKs, curl und Coding-Tools; der Playground (Strg+2) sendet Anfragen aus diesem Fenster.</translation>
    </message>
    <message>
        <source>The proxy is not running (%1). Start it in the Proxy panel (Ctrl+7), then send the request above.</source>
        <translation>Der Proxy läuft nicht (%1). Starten Sie ihn im Bereich „Proxy“ (Strg+7) und senden Sie dann die obige Anfrage.</translation>
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
        <source>Cannot Open Configuration File</source>
        <translation>Konfigurationsdatei kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>No application is set up to open %1. Open it in a text editor of your choice.</source>
        <translation>Keine Anwendung ist zum Öffnen von %1 eingerichtet. Öffnen Sie die Datei in einem Texteditor Ihrer Wahl.</translation>
    </message>
</context>
<context>
    <name>signalbox::KeyHealthModel</name>
    <message>
        <source>%1 ok, %2 failed</source>
        <translation>%1 ok, %2 fehlgeschlagen</translation>
    </message>
    <message>
        <source>Takes %1 of every %2 calls to %3 while its keys are all usable</source>
        <translation>Erhält %1 von je %2 Aufrufen an %3, solange alle seine Schlüssel nutzbar sind</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Breaker</source>
        <translation>Schutzschalter</translation>
    </message>
    <message>
        <source>Usable again</source>
        <translation>Wieder nutzbar</translation>
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
        <source>Weight</source>
        <translation>Gewichtung</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
</context>
<context>
    <name>signalbox::LatencyChart</name>
    <message>
        <source>Latency and time to first token per model</source>
        <translation>Latenz und Zeit bis zum ersten Token pro Modell</translation>
    </message>
    <message>
        <source>Reading the log…</source>
        <translation>Protokoll wird gelesen…</translation>
    </message>
    <message>
        <source>No answered requests in this range. Latency counts the requests a model answered itself: not errors, not cache hits.</source>
        <translation>Keine beantworteten Anfragen in diesem Zeitraum. Die Latenz zählt die Anfragen, die ein Modell selbst beantwortet hat: keine Fehler, keine Cache-Treffer.</translation>
    </message>
    <message>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <source>p95</source>
        <translation>p95</translation>
    </message>
    <message>
        <source>TTFT p50</source>
        <translation>TTFT p50</translation>
    </message>
    <message>
        <source>(no target)</source>
        <translation>(kein Ziel)</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>%1 · time to first token p50 %2, p95 %3 (%4 streams)</source>
        <translation>%1 · Zeit bis zum ersten Token p50 %2, p95 %3 (%4 Streams)</translation>
    </message>
    <message>
        <source>%1 · latency p50 %2, p95 %3, p99 %4 (%5 requests)</source>
        <translation>%1 · Latenz p50 %2, p95 %3, p99 %4 (%5 Anfragen)</translation>
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
    <message>
        <source>Open in Playground</source>
        <translation>Im Playground öffnen</translation>
    </message>
    <message>
        <source>Open the selected request&apos;s model and messages in the Playground</source>
        <translation>Modell und Nachrichten der ausgewählten Anfrage im Playground öffnen</translation>
    </message>
    <message>
        <source>The request body was not kept, so there is nothing to open. Bodies are stored only with store.log_bodies: true in the config.</source>
        <translation>Der Anfrageinhalt wurde nicht gespeichert, daher gibt es nichts zu öffnen. Inhalte werden nur mit store.log_bodies: true in der Konfiguration gespeichert.</translation>
    </message>
    <message>
        <source>Open this request&apos;s model and messages in the Playground to try it again</source>
        <translation>Modell und Nachrichten dieser Anfrage im Playground öffnen, um sie erneut zu versuchen</translation>
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
        <source>Any route</source>
        <translation>Alle Routen</translation>
    </message>
    <message>
        <source>The model the client asked for: a route name or provider/model</source>
        <translation>Das vom Client angefragte Modell: ein Routenname oder Anbieter/Modell</translation>
    </message>
    <message>
        <source>Any virtual key</source>
        <translation>Alle virtuellen Schlüssel</translation>
    </message>
    <message>
        <source>Custom range…</source>
        <translation>Eigener Zeitraum…</translation>
    </message>
    <message>
        <source>Time range</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Requests started at or after this time</source>
        <translation>Anfragen, die zu oder nach diesem Zeitpunkt gestartet wurden</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Requests started before this time</source>
        <translation>Anfragen, die vor diesem Zeitpunkt gestartet wurden</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Bis</translation>
    </message>
    <message>
        <source>2xx</source>
        <translation>2xx</translation>
    </message>
    <message>
        <source>4xx client errors</source>
        <translation>4xx Clientfehler</translation>
    </message>
    <message>
        <source>5xx server errors</source>
        <translation>5xx Serverfehler</translation>
    </message>
    <message>
        <source>Errors: status 400 or above, or a stream cut off. 4xx: the request was refused (429: rate limited, 499: the client left); 5xx: no target could answer.</source>
        <translation>Fehler: Status 400 oder höher oder ein abgebrochener Stream. 4xx: Die Anfrage wurde abgelehnt (429: Ratenlimit, 499: Der Client hat abgebrochen); 5xx: Kein Ziel konnte antworten.</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Only this HTTP status, e.g. 429</source>
        <translation>Nur dieser HTTP-Status, z. B. 429</translation>
    </message>
    <message>
        <source>Status code</source>
        <translation>Statuscode</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>Route</translation>
    </message>
    <message>
        <source>Any model (provider/model)</source>
        <translation>Alle Modelle (Anbieter/Modell)</translation>
    </message>
    <message>
        <source>The model that served the request, as provider/model (the Target column)</source>
        <translation>Das Modell, das die Anfrage bedient hat, als Anbieter/Modell (die Spalte „Ziel“)</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Virtual key</source>
        <translation>Virtueller Schlüssel</translation>
    </message>
    <message>
        <source>Tag key=value</source>
        <translation>Tag key=value</translation>
    </message>
    <message>
        <source>Requests tagged so with the x-signalbox-tags header, e.g. team=search</source>
        <translation>Anfragen, die mit dem Header x-signalbox-tags so getaggt sind, z. B. team=search</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Search id, route, target, error (Ctrl+F)</source>
        <translation>ID, Route, Ziel, Fehler suchen (Strg+F)</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <source>A status code has three digits, from 100 to 599 (e.g. 429).</source>
        <translation>Ein Statuscode hat drei Ziffern, von 100 bis 599 (z. B. 429).</translation>
    </message>
    <message>
        <source>Write the tag as key=value, for example team=search.</source>
        <translation>Schreiben Sie das Tag als key=value, zum Beispiel team=search.</translation>
    </message>
    <message>
        <source>The time range must end after it starts: pick a “to” later than “from”.</source>
        <translation>Der Zeitraum muss nach seinem Beginn enden: Wählen Sie ein „Bis“, das später als „Von“ liegt.</translation>
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
    <message>
        <source>Copy row</source>
        <translation>Zeile kopieren</translation>
    </message>
    <message>
        <source>Copy request id</source>
        <translation>Anfrage-ID kopieren</translation>
    </message>
    <message>
        <source>Copy as curl</source>
        <translation>Als curl kopieren</translation>
    </message>
    <message>
        <source>Open in Playground</source>
        <translation>Im Playground öffnen</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>Enter: the request&apos;s detail. Ctrl+C: copy the row. Menu key or right-click: more.</source>
        <translation>Eingabetaste: Details der Anfrage. Strg+C: Zeile kopieren. Menütaste oder Rechtsklick: mehr.</translation>
    </message>
    <message>
        <source>The request id and every column, tab-separated</source>
        <translation>Die Anfrage-ID und alle Spalten, durch Tabulatoren getrennt</translation>
    </message>
    <message>
        <source>Searching the log… no request matches among those since %1 yet. Older ones are read next.</source>
        <translation>Protokoll wird durchsucht… unter den Anfragen seit %1 passt noch keine. Als Nächstes werden ältere gelesen.</translation>
    </message>
    <message>
        <source>%1 requests found so far, newest first; searching older ones (read back to %2)…</source>
        <translation>Bisher %1 Anfragen gefunden, die neuesten zuerst; ältere werden durchsucht (zurückgelesen bis %2)…</translation>
    </message>
    <message>
        <source>Select a request first.</source>
        <translation>Wählen Sie zuerst eine Anfrage aus.</translation>
    </message>
    <message>
        <source>The request is still being read.</source>
        <translation>Die Anfrage wird noch gelesen.</translation>
    </message>
    <message>
        <source>Open this request&apos;s model and messages in the Playground</source>
        <translation>Modell und Nachrichten dieser Anfrage im Playground öffnen</translation>
    </message>
    <message>
        <source>A curl command that sends it again through the proxy</source>
        <translation>Ein curl-Befehl, der sie erneut über den Proxy sendet</translation>
    </message>
    <message>
        <source>Copied the row of %1 to the clipboard.</source>
        <translation>Die Zeile von %1 wurde in die Zwischenablage kopiert.</translation>
    </message>
    <message>
        <source>Copied %1 to the clipboard.</source>
        <translation>%1 wurde in die Zwischenablage kopiert.</translation>
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
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;About Signalbox</source>
        <translation>Ü&amp;ber Signalbox</translation>
    </message>
    <message>
        <source>Show %1</source>
        <translation>%1 anzeigen</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Fenster</translation>
    </message>
    <message>
        <source>Everywhere</source>
        <translation>Überall</translation>
    </message>
    <message>
        <source>Next or previous control</source>
        <translation>Nächstes oder vorheriges Bedienelement</translation>
    </message>
    <message>
        <source>Next tab (Connect)</source>
        <translation>Nächster Reiter (Verbinden)</translation>
    </message>
    <message>
        <source>Press the focused button</source>
        <translation>Fokussierte Schaltfläche drücken</translation>
    </message>
    <message>
        <source>Close a dialog without changes</source>
        <translation>Dialog ohne Änderungen schließen</translation>
    </message>
    <message>
        <source>About Signalbox</source>
        <translation>Über Signalbox</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Signalbox %1&lt;/h3&gt;&lt;p&gt;A desktop AI gateway: applications call the local proxy with the OpenAI or Anthropic API, and Signalbox routes each call to your providers with fallbacks, budgets, cost accounting and request logs.&lt;/p&gt;&lt;p&gt;Built with Qt %2.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Signalbox %1&lt;/h3&gt;&lt;p&gt;Ein KI-Gateway für den Desktop: Anwendungen rufen den lokalen Proxy über die OpenAI- oder Anthropic-API auf, und Signalbox leitet jeden Aufruf an Ihre Anbieter weiter, mit Fallbacks, Budgets, Kostenerfassung und Anfrageprotokoll.&lt;/p&gt;&lt;p&gt;Erstellt mit Qt %2.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>signalbox::MessageBlock</name>
    <message>
        <source>[image]</source>
        <translation>[Bild]</translation>
    </message>
    <message>
        <source>[audio]</source>
        <translation>[Audio]</translation>
    </message>
    <message>
        <source>[file]</source>
        <translation>[Datei]</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>Assistent</translation>
    </message>
    <message>
        <source>Tool result</source>
        <translation>Tool-Ergebnis</translation>
    </message>
    <message>
        <source>Result of %1</source>
        <translation>Ergebnis von %1</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Calls %1</source>
        <translation>Ruft auf: %1</translation>
    </message>
</context>
<context>
    <name>signalbox::ModelPicker</name>
    <message>
        <source>route or provider/model</source>
        <translation>Route oder Anbieter/Modell</translation>
    </message>
    <message>
        <source>A route, or provider/model to call one model directly; any name the proxy knows can be typed</source>
        <translation>Eine Route oder Anbieter/Modell, um ein Modell direkt aufzurufen; jeder Name, den der Proxy kennt, kann eingegeben werden</translation>
    </message>
    <message>
        <source>Route %1: %2</source>
        <translation>Route %1: %2</translation>
    </message>
    <message>
        <source>Calls %1 directly, without a route</source>
        <translation>Ruft %1 direkt auf, ohne Route</translation>
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
        <source>no answer</source>
        <translation>keine Antwort</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <source>The key was not created: %1. Correct the settings it names, or check that the data folder can be written, and press Create key again.</source>
        <translation>Der Schlüssel wurde nicht erstellt: %1. Korrigieren Sie die genannten Einstellungen oder prüfen Sie, ob der Datenordner beschreibbar ist, und klicken Sie erneut auf „Schlüssel erstellen“.</translation>
    </message>
</context>
<context>
    <name>signalbox::OptionalNumberField</name>
    <message>
        <source>Unchecked: not sent, so the provider&apos;s default applies</source>
        <translation>Nicht angehakt: wird nicht gesendet, daher gilt der Standardwert des Anbieters</translation>
    </message>
</context>
<context>
    <name>signalbox::ParametersPanel</name>
    <message>
        <source>Temperature</source>
        <translation>Temperatur</translation>
    </message>
    <message>
        <source>Top p</source>
        <translation>Top p</translation>
    </message>
    <message>
        <source>Max tokens</source>
        <translation>Max. Tokens</translation>
    </message>
    <message>
        <source>[{&quot;type&quot;: &quot;function&quot;, &quot;function&quot;: {&quot;name&quot;: &quot;get_weather&quot;, &quot;parameters&quot;: {…}}}]</source>
        <translation>[{&quot;type&quot;: &quot;function&quot;, &quot;function&quot;: {&quot;name&quot;: &quot;get_weather&quot;, &quot;parameters&quot;: {…}}}]</translation>
    </message>
    <message>
        <source>{&quot;type&quot;: &quot;json_object&quot;}</source>
        <translation>{&quot;type&quot;: &quot;json_object&quot;}</translation>
    </message>
    <message>
        <source>You are a helpful assistant.</source>
        <translation>Sie sind ein hilfreicher Assistent.</translation>
    </message>
    <message>
        <source>Randomness, 0 to 2; unset: the provider&apos;s default</source>
        <translation>Zufälligkeit, 0 bis 2; nicht gesetzt: Standardwert des Anbieters</translation>
    </message>
    <message>
        <source>Nucleus sampling, 0 to 1; unset: the provider&apos;s default</source>
        <translation>Nucleus Sampling, 0 bis 1; nicht gesetzt: Standardwert des Anbieters</translation>
    </message>
    <message>
        <source>The most tokens the answer may take; unset: the provider&apos;s default</source>
        <translation>Höchstzahl an Tokens für die Antwort; nicht gesetzt: Standardwert des Anbieters</translation>
    </message>
    <message>
        <source>sbk-…</source>
        <translation>sbk-…</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>System-Prompt</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Tools (JSON)</source>
        <translation>Tools (JSON)</translation>
    </message>
    <message>
        <source>Response format (JSON)</source>
        <translation>Antwortformat (JSON)</translation>
    </message>
    <message>
        <source>Virtual key</source>
        <translation>Virtueller Schlüssel</translation>
    </message>
    <message>
        <source>Tools: %1</source>
        <translation>Tools: %1</translation>
    </message>
    <message>
        <source>Response format: %1</source>
        <translation>Antwortformat: %1</translation>
    </message>
    <message>
        <source>Required: this proxy takes only calls with a virtual key. It is kept in memory, never saved.</source>
        <translation>Erforderlich: Dieser Proxy nimmt nur Aufrufe mit einem virtuellen Schlüssel an. Er wird nur im Arbeitsspeicher gehalten, nie gespeichert.</translation>
    </message>
    <message>
        <source>Optional: calls with a key count against its budget and limits. Kept in memory, never saved.</source>
        <translation>Optional: Aufrufe mit einem Schlüssel werden auf sein Budget und seine Limits angerechnet. Nur im Arbeitsspeicher gehalten, nie gespeichert.</translation>
    </message>
</context>
<context>
    <name>signalbox::PlaygroundPanel</name>
    <message>
        <source>Playground</source>
        <translation>Playground</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Vergleichen</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>Neue Unterhaltung</translation>
    </message>
    <message>
        <source>Export as</source>
        <translation>Exportieren als</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <source>Send the message</source>
        <translation>Nachricht senden</translation>
    </message>
    <message>
        <source>Stop the answers under way</source>
        <translation>Laufende Antworten stoppen</translation>
    </message>
    <message>
        <source>Chat with any route or model through the same engine your applications use; every call is logged, tagged source=playground. Compare sends one prompt to several models side by side.</source>
        <translation>Chatten Sie mit jeder Route und jedem Modell über dieselbe Engine, die Ihre Anwendungen nutzen; jeder Aufruf wird protokolliert und mit source=playground getaggt. „Vergleichen“ sendet einen Prompt an mehrere Modelle nebeneinander.</translation>
    </message>
    <message>
        <source>Start a new conversation</source>
        <translation>Eine neue Unterhaltung beginnen</translation>
    </message>
    <message>
        <source>Send the same prompt to two to four models side by side</source>
        <translation>Denselben Prompt an zwei bis vier Modelle nebeneinander senden</translation>
    </message>
    <message>
        <source> models</source>
        <translation> Modelle</translation>
    </message>
    <message>
        <source>How many models to compare</source>
        <translation>Wie viele Modelle verglichen werden</translation>
    </message>
    <message>
        <source>Clears the conversation; the system prompt and parameters stay (%1)</source>
        <translation>Leert die Unterhaltung; System-Prompt und Parameter bleiben erhalten (%1)</translation>
    </message>
    <message>
        <source>The call as code for the local proxy, copied to the clipboard: the first column&apos;s model, the conversation and the message being typed</source>
        <translation>Der Aufruf als Code für den lokalen Proxy, in die Zwischenablage kopiert: das Modell der ersten Spalte, die Unterhaltung und die gerade eingegebene Nachricht</translation>
    </message>
    <message>
        <source>Message (%1 sends)</source>
        <translation>Nachricht (%1 sendet)</translation>
    </message>
    <message>
        <source>Send to every model shown (%1)</source>
        <translation>An alle angezeigten Modelle senden (%1)</translation>
    </message>
    <message>
        <source>Stop every answer under way; the proxy cancels the provider&apos;s call (%1)</source>
        <translation>Alle laufenden Antworten stoppen; der Proxy bricht den Aufruf beim Anbieter ab (%1)</translation>
    </message>
    <message>
        <source>The proxy is not running, and the Playground sends through it: start it under Proxy.</source>
        <translation>Der Proxy läuft nicht, und der Playground sendet über ihn: Starten Sie ihn unter „Proxy“.</translation>
    </message>
    <message>
        <source>%1 Fix it to send.</source>
        <translation>%1 Beheben Sie das, um zu senden.</translation>
    </message>
    <message>
        <source>Pick a route or provider/model to send to.</source>
        <translation>Wählen Sie zum Senden eine Route oder ein Anbieter/Modell.</translation>
    </message>
    <message>
        <source>Streaming… %1 stops.</source>
        <translation>Stream läuft… %1 stoppt.</translation>
    </message>
    <message>
        <source>The model called %1. Type what the tool returned and send it as the call&apos;s result.</source>
        <translation>Das Modell hat %1 aufgerufen. Geben Sie ein, was das Tool zurückgegeben hat, und senden Sie es als Ergebnis des Aufrufs.</translation>
    </message>
    <message>
        <source>The conversation ends with your message: %1 sends it as it is.</source>
        <translation>Die Unterhaltung endet mit Ihrer Nachricht: %1 sendet sie unverändert.</translation>
    </message>
    <message>
        <source>%1 sends, %2 stops.</source>
        <translation>%1 sendet, %2 stoppt.</translation>
    </message>
    <message>
        <source>Export as %1</source>
        <translation>Als %1 exportieren</translation>
    </message>
    <message>
        <source>Copied to the clipboard: %1 for %2 through the local proxy, with the conversation so far. A virtual key, when one is needed, is read from $SIGNALBOX_API_KEY; none is written out.</source>
        <translation>In die Zwischenablage kopiert: %1 für %2 über den lokalen Proxy, mit der bisherigen Unterhaltung. Ein virtueller Schlüssel wird, falls nötig, aus $SIGNALBOX_API_KEY gelesen; im Code steht keiner.</translation>
    </message>
    <message>
        <source>Request %1 cannot be opened here. %2</source>
        <translation>Anfrage %1 kann hier nicht geöffnet werden. %2</translation>
    </message>
    <message>
        <source>Opened request %1 from the log. %2 sends it again.</source>
        <translation>Anfrage %1 aus dem Protokoll geöffnet. %2 sendet sie erneut.</translation>
    </message>
    <message>
        <source>Not carried over, as the Playground has no field for them: %1.</source>
        <translation>Nicht übernommen, da der Playground dafür kein Feld hat: %1.</translation>
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
        <source>reading…</source>
        <translation>wird gelesen…</translation>
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
        <source>Remove the provider &apos;%1&apos;? Its keys in the system keychain are deleted too, and clients can no longer call %1/… models.</source>
        <translation>Den Anbieter „%1“ entfernen? Seine Schlüssel im Schlüsselbund des Systems werden ebenfalls gelöscht, und Clients können keine %1/…-Modelle mehr aufrufen.</translation>
    </message>
    <message>
        <source>Removed &apos;%1&apos;.</source>
        <translation>„%1“ entfernt.</translation>
    </message>
    <message>
        <source>Storing the key in the keychain…</source>
        <translation>Schlüssel wird im Schlüsselbund gespeichert…</translation>
    </message>
    <message>
        <source>Stored a key for &apos;%1&apos; in the keychain as %2.</source>
        <translation>Ein Schlüssel für „%1“ wurde im Schlüsselbund als %2 gespeichert.</translation>
    </message>
    <message>
        <source>Removed the key %1.</source>
        <translation>Schlüssel %1 entfernt.</translation>
    </message>
    <message>
        <source>Add a model to test with, then save.</source>
        <translation>Fügen Sie ein Modell zum Testen hinzu und speichern Sie dann.</translation>
    </message>
    <message>
        <source>Unlock the keychain, or remove the key and add it again.</source>
        <translation>Entsperren Sie den Schlüsselbund oder entfernen Sie den Schlüssel und fügen Sie ihn erneut hinzu.</translation>
    </message>
    <message>
        <source>Set %1 where Signalbox starts, then restart Signalbox.</source>
        <translation>Setzen Sie %1 dort, wo Signalbox startet, und starten Sie Signalbox dann neu.</translation>
    </message>
    <message>
        <source>Check that the file exists and that you may read it.</source>
        <translation>Prüfen Sie, ob die Datei existiert und ob Sie sie lesen dürfen.</translation>
    </message>
    <message>
        <source>API &amp;version:</source>
        <translation>API-&amp;Version:</translation>
    </message>
    <message>
        <source>&amp;Models:</source>
        <translation>&amp;Modelle:</translation>
    </message>
    <message>
        <source>The providers the proxy calls and their keys. A key is kept in the system keychain, or read from an environment variable or a file; the config file only names it (keychain:NAME, env:NAME, file:PATH).</source>
        <translation>Die Anbieter, die der Proxy aufruft, und ihre Schlüssel. Ein Schlüssel liegt im Schlüsselbund des Systems oder wird aus einer Umgebungsvariable oder einer Datei gelesen; die Konfigurationsdatei nennt nur den Verweis (keychain:NAME, env:NAME, file:PATH).</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Typ:</translation>
    </message>
    <message>
        <source>&amp;Id:</source>
        <translation>&amp;ID:</translation>
    </message>
    <message>
        <source>&amp;Base URL:</source>
        <translation>&amp;Basis-URL:</translation>
    </message>
    <message>
        <source>Save the provider; the proxy uses it at once (Ctrl+S)</source>
        <translation>Anbieter speichern; der Proxy verwendet ihn sofort (Strg+S)</translation>
    </message>
    <message>
        <source>Send a one-token request through the proxy with the saved settings (Ctrl+T)</source>
        <translation>Eine Anfrage mit einem Token über den Proxy senden, mit den gespeicherten Einstellungen (Strg+T)</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Gewichtung</translation>
    </message>
    <message>
        <source>Each key&apos;s share of the calls; double-click or F2 to change it</source>
        <translation>Der Anteil jedes Schlüssels an den Aufrufen; zum Ändern doppelklicken oder F2 drücken</translation>
    </message>
    <message>
        <source>Save the provider</source>
        <translation>Anbieter speichern</translation>
    </message>
    <message>
        <source>Test the provider</source>
        <translation>Anbieter testen</translation>
    </message>
    <message>
        <source>Add a key</source>
        <translation>Schlüssel hinzufügen</translation>
    </message>
    <message>
        <source>Remove the selected provider</source>
        <translation>Ausgewählten Anbieter entfernen</translation>
    </message>
    <message>
        <source>Remove the selected key</source>
        <translation>Ausgewählten Schlüssel entfernen</translation>
    </message>
    <message>
        <source>Change the selected key&apos;s weight</source>
        <translation>Gewichtung des ausgewählten Schlüssels ändern</translation>
    </message>
    <message>
        <source>&amp;Deployments:</source>
        <translation>Be&amp;reitstellungen:</translation>
    </message>
    <message>
        <source>the new provider</source>
        <translation>neuer Anbieter</translation>
    </message>
    <message>
        <source>The changes to &apos;%1&apos; are not saved.</source>
        <translation>Die Änderungen an „%1“ sind nicht gespeichert.</translation>
    </message>
    <message>
        <source>Save them now, discard them, or cancel to go on editing.</source>
        <translation>Speichern Sie sie jetzt, verwerfen Sie sie oder brechen Sie ab, um weiter zu bearbeiten.</translation>
    </message>
    <message>
        <source>cannot be read: %1. %2</source>
        <translation>nicht lesbar: %1. %2</translation>
    </message>
    <message>
        <source>Kept in the system keychain; Reveal shows it.</source>
        <translation>Im Schlüsselbund des Systems gespeichert; „Anzeigen“ zeigt ihn an.</translation>
    </message>
    <message>
        <source>found, not shown</source>
        <translation>gefunden, nicht angezeigt</translation>
    </message>
    <message>
        <source>Signalbox reads this key from the environment variable each time the proxy loads the configuration.</source>
        <translation>Signalbox liest diesen Schlüssel jedes Mal aus der Umgebungsvariable, wenn der Proxy die Konfiguration lädt.</translation>
    </message>
    <message>
        <source>Signalbox reads this key from the file each time the proxy loads the configuration.</source>
        <translation>Signalbox liest diesen Schlüssel jedes Mal aus der Datei, wenn der Proxy die Konfiguration lädt.</translation>
    </message>
    <message>
        <source>Show the key kept in the system keychain, or hide it again</source>
        <translation>Den im Schlüsselbund des Systems gespeicherten Schlüssel anzeigen oder wieder ausblenden</translation>
    </message>
    <message>
        <source>Signalbox does not hold this key: it reads it from %1</source>
        <translation>Signalbox verwahrt diesen Schlüssel nicht selbst: Es liest ihn aus %1</translation>
    </message>
    <message>
        <source>Add a key from the system keychain, an environment variable or a file (Ctrl+K)</source>
        <translation>Einen Schlüssel aus dem Schlüsselbund des Systems, einer Umgebungsvariable oder einer Datei hinzufügen (Strg+K)</translation>
    </message>
    <message>
        <source>Not saved, the configuration would be refused: %1. Correct what it names and save again.</source>
        <translation>Nicht gespeichert, die Konfiguration würde abgelehnt: %1. Korrigieren Sie das Genannte und speichern Sie erneut.</translation>
    </message>
    <message>
        <source>The proxy uses the change, but the config file was not written: %1. Make the file writable and save again, or the change is lost when Signalbox quits.</source>
        <translation>Der Proxy verwendet die Änderung, aber die Konfigurationsdatei wurde nicht geschrieben: %1. Machen Sie die Datei beschreibbar und speichern Sie erneut, sonst geht die Änderung verloren, wenn Signalbox beendet wird.</translation>
    </message>
    <message>
        <source>Not added: &apos;%1&apos; already has the key %2. Change its weight in the list instead.</source>
        <translation>Nicht hinzugefügt: „%1“ hat den Schlüssel %2 bereits. Ändern Sie stattdessen seine Gewichtung in der Liste.</translation>
    </message>
    <message>
        <source>Added %1 to &apos;%2&apos;. The proxy reads the key from there each time it loads the configuration.</source>
        <translation>%1 wurde zu „%2“ hinzugefügt. Der Proxy liest den Schlüssel jedes Mal von dort, wenn er die Konfiguration lädt.</translation>
    </message>
    <message>
        <source>No system keychain is available, so the key cannot be stored. Keys are never written to Signalbox&apos;s files: add it as an environment variable or a file instead.</source>
        <translation>Es ist kein Schlüsselbund des Systems verfügbar, daher kann der Schlüssel nicht gespeichert werden. Schlüssel werden nie in die Dateien von Signalbox geschrieben: Fügen Sie ihn stattdessen als Umgebungsvariable oder Datei hinzu.</translation>
    </message>
    <message>
        <source>The key was not stored in the keychain: %1. Unlock the keychain (or start one, such as GNOME Keyring) and add the key again.</source>
        <translation>Der Schlüssel wurde nicht im Schlüsselbund gespeichert: %1. Entsperren Sie den Schlüsselbund (oder starten Sie einen, etwa GNOME Keyring) und fügen Sie den Schlüssel erneut hinzu.</translation>
    </message>
    <message>
        <source>The key %1 now has weight %2: its share of the calls to &apos;%3&apos;.</source>
        <translation>Der Schlüssel %1 hat jetzt die Gewichtung %2: sein Anteil an den Aufrufen an „%3“.</translation>
    </message>
    <message>
        <source>Remove the key %1 from &apos;%2&apos;? It is deleted from the system keychain too, unless another provider uses it.</source>
        <translation>Den Schlüssel %1 aus „%2“ entfernen? Er wird auch aus dem Schlüsselbund des Systems gelöscht, sofern ihn kein anderer Anbieter verwendet.</translation>
    </message>
    <message>
        <source>Remove the key %1 from &apos;%2&apos;? The environment variable itself stays as it is.</source>
        <translation>Den Schlüssel %1 aus „%2“ entfernen? Die Umgebungsvariable selbst bleibt unverändert.</translation>
    </message>
    <message>
        <source>Remove the key %1 from &apos;%2&apos;? The file itself stays as it is.</source>
        <translation>Den Schlüssel %1 aus „%2“ entfernen? Die Datei selbst bleibt unverändert.</translation>
    </message>
    <message>
        <source>Deleting the key from the keychain…</source>
        <translation>Schlüssel wird aus dem Schlüsselbund gelöscht…</translation>
    </message>
    <message>
        <source>The key %1 is no longer used, but could not be deleted from the keychain: %2. Delete it with your keychain manager (e.g. Passwords and Keys), where it is listed under signalbox.</source>
        <translation>Der Schlüssel %1 wird nicht mehr verwendet, konnte aber nicht aus dem Schlüsselbund gelöscht werden: %2. Löschen Sie ihn mit Ihrer Schlüsselbundverwaltung (z. B. „Passwörter und Verschlüsselung“), wo er unter signalbox aufgeführt ist.</translation>
    </message>
    <message>
        <source>Reading the key from the keychain…</source>
        <translation>Schlüssel wird aus dem Schlüsselbund gelesen…</translation>
    </message>
    <message>
        <source>The key cannot be read: %1. %2</source>
        <translation>Der Schlüssel kann nicht gelesen werden: %1. %2</translation>
    </message>
    <message>
        <source>Waiting for the proxy to take the saved settings…</source>
        <translation>Warten, bis der Proxy die gespeicherten Einstellungen übernimmt…</translation>
    </message>
    <message>
        <source>Testing %1 as saved; unsaved changes are not part of the test…</source>
        <translation>%1 wird im gespeicherten Stand getestet; ungespeicherte Änderungen sind nicht Teil des Tests…</translation>
    </message>
    <message>
        <source>Testing %1…</source>
        <translation>%1 wird getestet…</translation>
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
        <source>Requests per second (the filled line) and errors per second (the red line), the last minute</source>
        <translation>Anfragen pro Sekunde (die gefüllte Linie) und Fehler pro Sekunde (die rote Linie) in der letzten Minute</translation>
    </message>
    <message>
        <source>The proxy uses the new address, but it was not saved: %1. Make the config file writable and apply again, or the address is lost when Signalbox quits.</source>
        <translation>Der Proxy verwendet die neue Adresse, aber sie wurde nicht gespeichert: %1. Machen Sie die Konfigurationsdatei beschreibbar und klicken Sie erneut auf „Übernehmen“, sonst geht die Adresse verloren, wenn Signalbox beendet wird.</translation>
    </message>
    <message>
        <source>Provider keys</source>
        <translation>Anbieterschlüssel</translation>
    </message>
    <message>
        <source>closed, resting (rate limited)</source>
        <translation>geschlossen, pausiert (Ratenlimit)</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Gewichtung</translation>
    </message>
    <message>
        <source>No provider with several keys has been called yet. Such a provider spreads its calls over its keys by weight; each key appears here with its own breaker, and one that was rate limited rests until the time the provider named.</source>
        <translation>Noch wurde kein Anbieter mit mehreren Schlüsseln aufgerufen. Ein solcher Anbieter verteilt seine Aufrufe nach Gewichtung auf seine Schlüssel; jeder Schlüssel erscheint hier mit seinem eigenen Schutzschalter, und einer, der ein Ratenlimit erreicht hat, pausiert bis zu dem Zeitpunkt, den der Anbieter genannt hat.</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Anbieter</translation>
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
    <message>
        <source>Running, %1</source>
        <translation>Läuft, %1</translation>
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
    <name>signalbox::RouteEditor</name>
    <message>
        <source>&apos;%1&apos; is not an HTTP status from 400 to 599. Write statuses such as 408, 429, separated by commas.</source>
        <translation>„%1“ ist kein HTTP-Status von 400 bis 599. Schreiben Sie Statuscodes wie 408, 429, durch Kommas getrennt.</translation>
    </message>
    <message>
        <source>Fallback: in the order listed</source>
        <translation>Fallback: in der aufgeführten Reihenfolge</translation>
    </message>
    <message>
        <source>Weighted: at random, by weight</source>
        <translation>Gewichtet: zufällig, nach Gewichtung</translation>
    </message>
    <message>
        <source>Fastest: quickest first</source>
        <translation>Schnellstes: das schnellste zuerst</translation>
    </message>
    <message>
        <source>Cheapest: lowest price first</source>
        <translation>Günstigstes: der niedrigste Preis zuerst</translation>
    </message>
    <message>
        <source>Connection failures</source>
        <translation>Verbindungsfehlern</translation>
    </message>
    <message>
        <source>Timeouts</source>
        <translation>Zeitüberschreitungen</translation>
    </message>
    <message>
        <source>Unreadable answers</source>
        <translation>Unlesbaren Antworten</translation>
    </message>
    <message>
        <source>5xx server errors</source>
        <translation>5xx-Serverfehlern</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>Route</translation>
    </message>
    <message>
        <source>what clients send as &quot;model&quot;, e.g. smart</source>
        <translation>was Clients als „model“ senden, z. B. smart</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>How the route orders its targets for each request. Whatever the order, a target that fails hands over to the next.</source>
        <translation>Wie die Route ihre Ziele für jede Anfrage ordnet. Unabhängig von der Reihenfolge übergibt ein Ziel, das fehlschlägt, an das nächste.</translation>
    </message>
    <message>
        <source>Strategy:</source>
        <translation>Strategie:</translation>
    </message>
    <message>
        <source>Extra tries of the same target before the route moves on</source>
        <translation>Zusätzliche Versuche beim selben Ziel, bevor die Route weitergeht</translation>
    </message>
    <message>
        <source>extra tries per target</source>
        <translation>zusätzliche Versuche pro Ziel</translation>
    </message>
    <message>
        <source>Retries:</source>
        <translation>Wiederholungen:</translation>
    </message>
    <message>
        <source>The first wait before a retry; it doubles each time, with jitter</source>
        <translation>Die erste Wartezeit vor einer Wiederholung; sie verdoppelt sich jedes Mal, mit Jitter</translation>
    </message>
    <message>
        <source>The longest any one wait may last</source>
        <translation>Die längste Dauer, die eine einzelne Wartezeit haben darf</translation>
    </message>
    <message>
        <source>doubling to</source>
        <translation>verdoppelt bis</translation>
    </message>
    <message>
        <source>Backoff:</source>
        <translation>Backoff:</translation>
    </message>
    <message>
        <source>Retries stop once a request has waited this long in total; the next target follows</source>
        <translation>Wiederholungen enden, sobald eine Anfrage insgesamt so lange gewartet hat; dann folgt das nächste Ziel</translation>
    </message>
    <message>
        <source>Stop waiting after:</source>
        <translation>Warten beenden nach:</translation>
    </message>
    <message>
        <source>Try again on</source>
        <translation>Erneut versuchen bei</translation>
    </message>
    <message>
        <source>And statuses:</source>
        <translation>Und Statuscodes:</translation>
    </message>
    <message>
        <source>none; e.g. 408, 409, 429</source>
        <translation>keine; z. B. 408, 409, 429</translation>
    </message>
    <message>
        <source>Other HTTP statuses that try again, 4xx ones mostly. Any other failure goes back to the client at once.</source>
        <translation>Weitere HTTP-Statuscodes, bei denen erneut versucht wird, meist 4xx. Jeder andere Fehler geht sofort an den Client zurück.</translation>
    </message>
    <message>
        <source>Timeouts of each call</source>
        <translation>Timeouts pro Aufruf</translation>
    </message>
    <message>
        <source>default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Connect:</source>
        <translation>Verbinden:</translation>
    </message>
    <message>
        <source>Until the connection is made</source>
        <translation>Bis die Verbindung steht</translation>
    </message>
    <message>
        <source>First byte:</source>
        <translation>Erstes Byte:</translation>
    </message>
    <message>
        <source>From the request sent until the answer starts</source>
        <translation>Vom Senden der Anfrage bis zum Beginn der Antwort</translation>
    </message>
    <message>
        <source>Idle:</source>
        <translation>Leerlauf:</translation>
    </message>
    <message>
        <source>The longest silence between two pieces of a streamed answer</source>
        <translation>Die längste Pause zwischen zwei Teilen einer gestreamten Antwort</translation>
    </message>
    <message>
        <source>Total:</source>
        <translation>Gesamt:</translation>
    </message>
    <message>
        <source>The whole call</source>
        <translation>Der gesamte Aufruf</translation>
    </message>
    <message>
        <source>%1; &quot;default&quot; takes the server&apos;s.</source>
        <translation>%1; „Standard“ übernimmt den Wert des Servers.</translation>
    </message>
    <message>
        <source>When the prompt is the problem</source>
        <translation>Wenn der Prompt das Problem ist</translation>
    </message>
    <message>
        <source>provider/model, … (none: the error goes back)</source>
        <translation>Anbieter/Modell, … (keine: der Fehler geht zurück)</translation>
    </message>
    <message>
        <source>Where a prompt too long for the model goes, tried in order</source>
        <translation>Wohin ein für das Modell zu langer Prompt geht, der Reihe nach versucht</translation>
    </message>
    <message>
        <source>Where a prompt the model&apos;s content policy refused goes, tried in order</source>
        <translation>Wohin ein von der Inhaltsrichtlinie des Modells abgelehnter Prompt geht, der Reihe nach versucht</translation>
    </message>
    <message>
        <source>Too long:</source>
        <translation>Zu lang:</translation>
    </message>
    <message>
        <source>Refused:</source>
        <translation>Abgelehnt:</translation>
    </message>
    <message>
        <source>Rename route</source>
        <translation>Route umbenennen</translation>
    </message>
    <message>
        <source>Change strategy</source>
        <translation>Strategie ändern</translation>
    </message>
    <message>
        <source>Change retries</source>
        <translation>Wiederholungen ändern</translation>
    </message>
    <message>
        <source>Change backoff</source>
        <translation>Backoff ändern</translation>
    </message>
    <message>
        <source>Change longest backoff</source>
        <translation>Längsten Backoff ändern</translation>
    </message>
    <message>
        <source>Change longest wait</source>
        <translation>Längste Wartezeit ändern</translation>
    </message>
    <message>
        <source>Change timeout</source>
        <translation>Timeout ändern</translation>
    </message>
    <message>
        <source>Try again on a failure</source>
        <translation>Bei einem Fehler erneut versuchen</translation>
    </message>
    <message>
        <source>Stop trying again on a failure</source>
        <translation>Bei einem Fehler nicht mehr erneut versuchen</translation>
    </message>
    <message>
        <source>Change too-long fallbacks</source>
        <translation>Fallbacks für zu lange Prompts ändern</translation>
    </message>
    <message>
        <source>Change refused fallbacks</source>
        <translation>Fallbacks für abgelehnte Prompts ändern</translation>
    </message>
    <message>
        <source>Change statuses</source>
        <translation>Statuscodes ändern</translation>
    </message>
</context>
<context>
    <name>signalbox::RouteTargetsModel</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>connect %1</source>
        <translation>Verbindung %1</translation>
    </message>
    <message>
        <source>first byte %1</source>
        <translation>erstes Byte %1</translation>
    </message>
    <message>
        <source>idle %1</source>
        <translation>Leerlauf %1</translation>
    </message>
    <message>
        <source>total %1</source>
        <translation>gesamt %1</translation>
    </message>
    <message>
        <source>Fallback group</source>
        <translation>Fallback-Gruppe</translation>
    </message>
    <message>
        <source>Weighted group</source>
        <translation>Gewichtete Gruppe</translation>
    </message>
    <message>
        <source>Fastest-first group</source>
        <translation>Schnellste-zuerst-Gruppe</translation>
    </message>
    <message>
        <source>Cheapest-first group</source>
        <translation>Günstigste-zuerst-Gruppe</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n targets)</source>
        <translation>
            <numerusform>%1 (%n Ziel)</numerusform>
            <numerusform>%1 (%n Ziele)</numerusform>
        </translation>
    </message>
    <message>
        <source>One step of the route whose targets are ordered by their own strategy (%1). Drag targets in or out.</source>
        <translation>Ein Schritt der Route, dessen Ziele nach einer eigenen Strategie (%1) geordnet werden. Ziehen Sie Ziele hinein oder heraus.</translation>
    </message>
    <message>
        <source>Its share of the calls among the targets of its list</source>
        <translation>Sein Anteil an den Aufrufen unter den Zielen seiner Liste</translation>
    </message>
    <message>
        <source>Used only where the list is weighted</source>
        <translation>Wird nur in gewichteten Listen verwendet</translation>
    </message>
    <message>
        <source>as the route</source>
        <translation>wie die Route</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Gewichtung</translation>
    </message>
    <message>
        <source>Timeouts</source>
        <translation>Timeouts</translation>
    </message>
    <message>
        <source>Change weight</source>
        <translation>Gewichtung ändern</translation>
    </message>
    <message>
        <source>Move target</source>
        <translation>Ziel verschieben</translation>
    </message>
</context>
<context>
    <name>signalbox::RoutesPanel</name>
    <message>
        <source>Routes</source>
        <translation>Routen</translation>
    </message>
    <message>
        <source>New route</source>
        <translation>Neue Route</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>Undo the last route edit</source>
        <translation>Letzte Routenänderung rückgängig machen</translation>
    </message>
    <message>
        <source>Redo the route edit undone</source>
        <translation>Rückgängig gemachte Routenänderung wiederherstellen</translation>
    </message>
    <message>
        <source>Save the routes</source>
        <translation>Routen speichern</translation>
    </message>
    <message>
        <source>Model names clients send, each backed by a chain of targets: when one fails, the next takes over. Saving reloads the proxy without dropping requests.</source>
        <translation>Modellnamen, die Clients senden, jeweils mit einer Kette von Zielen dahinter: Fällt eines aus, übernimmt das nächste. Beim Speichern lädt der Proxy neu, ohne Anfragen zu verlieren.</translation>
    </message>
    <message>
        <source>Back to the routes as saved (this too can be undone)</source>
        <translation>Zurück zu den gespeicherten Routen (auch das lässt sich rückgängig machen)</translation>
    </message>
    <message>
        <source>Write the routes to the config file; the proxy takes them at once (%1)</source>
        <translation>Die Routen in die Konfigurationsdatei schreiben; der Proxy übernimmt sie sofort (%1)</translation>
    </message>
    <message>
        <source>Clients send a route&apos;s name as their &quot;model&quot;</source>
        <translation>Clients senden den Namen einer Route als ihr „model“</translation>
    </message>
    <message>
        <source>A new route, named to be renamed (%1)</source>
        <translation>Eine neue Route mit vorläufigem Namen zum Umbenennen (%1)</translation>
    </message>
    <message>
        <source>Removes the selected route (Delete); Undo brings it back</source>
        <translation>Entfernt die ausgewählte Route (Entf); „Rückgängig“ holt sie zurück</translation>
    </message>
    <message>
        <source>Chain</source>
        <translation>Kette</translation>
    </message>
    <message>
        <source>Dry run</source>
        <translation>Probelauf</translation>
    </message>
    <message>
        <source>Rename the selected route</source>
        <translation>Ausgewählte Route umbenennen</translation>
    </message>
    <message>
        <source>Remove the selected route</source>
        <translation>Ausgewählte Route entfernen</translation>
    </message>
    <message numerus="yes">
        <source>%1 (and %n more to fix before saving)</source>
        <translation>
            <numerusform>%1 (und %n weiteres Problem, das vor dem Speichern behoben werden muss)</numerusform>
            <numerusform>%1 (und %n weitere Probleme, die vor dem Speichern behoben werden müssen)</numerusform>
        </translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(kein Name)</translation>
    </message>
    <message>
        <source>Clients send &quot;model&quot;: &quot;%1&quot;</source>
        <translation>Clients senden &quot;model&quot;: &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Undo: %1 (%2)</source>
        <translation>Rückgängig: %1 (%2)</translation>
    </message>
    <message>
        <source>Nothing to undo</source>
        <translation>Nichts rückgängig zu machen</translation>
    </message>
    <message>
        <source>Redo: %1 (%2)</source>
        <translation>Wiederherstellen: %1 (%2)</translation>
    </message>
    <message>
        <source>Nothing to redo</source>
        <translation>Nichts wiederherzustellen</translation>
    </message>
    <message>
        <source>Remove route &apos;%1&apos;</source>
        <translation>Route „%1“ entfernen</translation>
    </message>
    <message>
        <source>Removed &apos;%1&apos;; Undo brings it back.</source>
        <translation>„%1“ entfernt; „Rückgängig“ holt die Route zurück.</translation>
    </message>
    <message>
        <source>Revert to saved</source>
        <translation>Auf gespeicherten Stand zurücksetzen</translation>
    </message>
    <message>
        <source>Back to the routes as saved; Undo brings the edits back.</source>
        <translation>Zurück zu den gespeicherten Routen; „Rückgängig“ holt die Änderungen zurück.</translation>
    </message>
    <message>
        <source>Not saved: the configuration would be refused. %1</source>
        <translation>Nicht gespeichert: Die Konfiguration würde abgelehnt. %1</translation>
    </message>
    <message>
        <source>The proxy uses the new routes, but the config file was not written: %1. Make the file writable, then save again to keep them.</source>
        <translation>Der Proxy verwendet die neuen Routen, aber die Konfigurationsdatei wurde nicht geschrieben: %1. Machen Sie die Datei beschreibbar und speichern Sie dann erneut, um sie zu behalten.</translation>
    </message>
    <message>
        <source>Saved to %1; the proxy is taking the new routes…</source>
        <translation>In %1 gespeichert; der Proxy übernimmt die neuen Routen…</translation>
    </message>
    <message>
        <source>Saved to %1. The proxy is not running; it uses these routes when it starts.</source>
        <translation>In %1 gespeichert. Der Proxy läuft nicht; er verwendet diese Routen, sobald er startet.</translation>
    </message>
    <message>
        <source>Saved. New requests take the new routes; requests already running finish on the old ones.</source>
        <translation>Gespeichert. Neue Anfragen nehmen die neuen Routen; bereits laufende Anfragen werden auf den alten zu Ende geführt.</translation>
    </message>
    <message>
        <source>The routes were changed elsewhere (an import or another panel) and are shown as they are now.</source>
        <translation>Die Routen wurden an anderer Stelle geändert (durch einen Import oder einen anderen Bereich) und werden im aktuellen Stand angezeigt.</translation>
    </message>
    <message>
        <source>The routes in the configuration changed elsewhere while you were editing. Your edits are kept: Save puts them in place of the new routes, Revert takes the new ones.</source>
        <translation>Die Routen in der Konfiguration wurden an anderer Stelle geändert, während Sie sie bearbeitet haben. Ihre Änderungen bleiben erhalten: „Speichern“ setzt sie an die Stelle der neuen Routen, „Zurücksetzen“ übernimmt die neuen.</translation>
    </message>
    <message>
        <source>The route edits are not saved.</source>
        <translation>Die Routenänderungen sind nicht gespeichert.</translation>
    </message>
    <message>
        <source>Save them now, discard them, or cancel to go on editing.</source>
        <translation>Speichern Sie sie jetzt, verwerfen Sie sie oder brechen Sie ab, um weiter zu bearbeiten.</translation>
    </message>
    <message>
        <source>They cannot be saved as they are: %1 Discard them, or cancel to go on editing.</source>
        <translation>So können sie nicht gespeichert werden: %1 Verwerfen Sie sie oder brechen Sie ab, um weiter zu bearbeiten.</translation>
    </message>
</context>
<context>
    <name>signalbox::ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Shortcuts listed under a panel work while that panel is shown and the focus is inside it.</source>
        <translation>Tastenkürzel, die unter einem Bereich aufgeführt sind, funktionieren, solange dieser Bereich angezeigt wird und der Fokus darin liegt.</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source> or </source>
        <translation> oder </translation>
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
    <name>signalbox::SpendChart</name>
    <message>
        <source>Spend per model</source>
        <translation>Ausgaben pro Modell</translation>
    </message>
    <message>
        <source>Reading the log…</source>
        <translation>Protokoll wird gelesen…</translation>
    </message>
    <message>
        <source>Spend per model per hour</source>
        <translation>Ausgaben pro Modell und Stunde</translation>
    </message>
    <message>
        <source>Spend per model per day</source>
        <translation>Ausgaben pro Modell und Tag</translation>
    </message>
    <message>
        <source>No spend in this range. Requests to models without a price (local models, or models missing from the pricing table) count no cost.</source>
        <translation>Keine Ausgaben in diesem Zeitraum. Anfragen an Modelle ohne Preis (lokale Modelle oder Modelle, die in der Preistabelle fehlen) verursachen keine Kosten.</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstige</translation>
    </message>
    <message>
        <source>(no target)</source>
        <translation>(kein Ziel)</translation>
    </message>
    <message>
        <source>%1 · %2: %3 of %4</source>
        <translation>%1 · %2: %3 von %4</translation>
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
    <name>signalbox::TargetChainEditor</name>
    <message>
        <source>Add target</source>
        <translation>Ziel hinzufügen</translation>
    </message>
    <message>
        <source>Adds the model after the selected target, or into the selected group</source>
        <translation>Fügt das Modell nach dem ausgewählten Ziel oder in die ausgewählte Gruppe ein</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Nach oben</translation>
    </message>
    <message>
        <source>Earlier in the order (Alt+Up); from the top of a group, out of it</source>
        <translation>Früher in der Reihenfolge (Alt+Pfeil nach oben); ganz oben in einer Gruppe: aus ihr heraus</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Nach unten</translation>
    </message>
    <message>
        <source>Later in the order (Alt+Down); from the end of a group, out of it</source>
        <translation>Später in der Reihenfolge (Alt+Pfeil nach unten); ganz unten in einer Gruppe: aus ihr heraus</translation>
    </message>
    <message>
        <source>Make group</source>
        <translation>Gruppe bilden</translation>
    </message>
    <message>
        <source>no providers yet</source>
        <translation>noch keine Anbieter</translation>
    </message>
    <message>
        <source>model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>add a provider in Providers &amp; Keys first</source>
        <translation>zuerst unter „Anbieter &amp; Schlüssel“ einen Anbieter hinzufügen</translation>
    </message>
    <message>
        <source>Select or create a route.</source>
        <translation>Wählen Sie eine Route aus oder erstellen Sie eine.</translation>
    </message>
    <message>
        <source>Tried from the top: a target that fails hands over to the next. Drag to reorder or into a group; Alt+Up and Alt+Down move the selected one.</source>
        <translation>Von oben nach unten versucht: Ein Ziel, das fehlschlägt, übergibt an das nächste. Ziehen Sie Ziele, um sie neu anzuordnen oder in eine Gruppe zu legen; Alt+Pfeil nach oben und Alt+Pfeil nach unten verschieben das ausgewählte.</translation>
    </message>
    <message>
        <source>Each request picks a target at random by weight; if it fails, the others follow. Drag to regroup.</source>
        <translation>Jede Anfrage wählt ein Ziel zufällig nach Gewichtung; schlägt es fehl, folgen die anderen. Ziehen Sie Ziele, um sie umzugruppieren.</translation>
    </message>
    <message>
        <source>The quickest target so far goes first; if it fails, the others follow. Drag to regroup.</source>
        <translation>Das bisher schnellste Ziel kommt zuerst; schlägt es fehl, folgen die anderen. Ziehen Sie Ziele, um sie umzugruppieren.</translation>
    </message>
    <message>
        <source>The cheapest target goes first; if it fails, the others follow. Drag to regroup.</source>
        <translation>Das günstigste Ziel kommt zuerst; schlägt es fehl, folgen die anderen. Ziehen Sie Ziele, um sie umzugruppieren.</translation>
    </message>
    <message>
        <source>No targets yet: pick a model below and add it.</source>
        <translation>Noch keine Ziele: Wählen Sie unten ein Modell aus und fügen Sie es hinzu.</translation>
    </message>
    <message>
        <source>Select a target to set its weight and timeouts.</source>
        <translation>Wählen Sie ein Ziel aus, um seine Gewichtung und Timeouts festzulegen.</translation>
    </message>
    <message>
        <source>A group has no timeouts of its own; set them on its targets</source>
        <translation>Eine Gruppe hat keine eigenen Timeouts; legen Sie sie bei ihren Zielen fest</translation>
    </message>
    <message>
        <source>Ungroup</source>
        <translation>Gruppe auflösen</translation>
    </message>
    <message>
        <source>Puts the group&apos;s targets in its place</source>
        <translation>Setzt die Ziele der Gruppe an ihre Stelle</translation>
    </message>
    <message>
        <source>Puts the selected target into a new weighted group; drag others in beside it</source>
        <translation>Legt das ausgewählte Ziel in eine neue gewichtete Gruppe; ziehen Sie weitere Ziele dazu</translation>
    </message>
    <message>
        <source>Add %1</source>
        <translation>%1 hinzufügen</translation>
    </message>
    <message>
        <source>Remove group</source>
        <translation>Gruppe entfernen</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>%1 entfernen</translation>
    </message>
    <message>
        <source>Move target</source>
        <translation>Ziel verschieben</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Removes the selected target or group (Delete)</source>
        <translation>Entfernt das ausgewählte Ziel oder die ausgewählte Gruppe (Entf)</translation>
    </message>
    <message>
        <source>Group order:</source>
        <translation>Gruppenreihenfolge:</translation>
    </message>
    <message>
        <source>Targets</source>
        <translation>Ziele</translation>
    </message>
    <message>
        <source>A provider of Providers &amp; Keys</source>
        <translation>Ein Anbieter aus „Anbieter &amp; Schlüssel“</translation>
    </message>
    <message>
        <source>One of the provider&apos;s models, or any model name it knows</source>
        <translation>Eines der Modelle des Anbieters oder ein beliebiger Modellname, den er kennt</translation>
    </message>
    <message>
        <source>Its share of the calls where its list is weighted</source>
        <translation>Sein Anteil an den Aufrufen, wenn seine Liste gewichtet ist</translation>
    </message>
    <message>
        <source>Weight:</source>
        <translation>Gewichtung:</translation>
    </message>
    <message>
        <source>as the route</source>
        <translation>wie die Route</translation>
    </message>
    <message>
        <source>Connect:</source>
        <translation>Verbinden:</translation>
    </message>
    <message>
        <source>First byte:</source>
        <translation>Erstes Byte:</translation>
    </message>
    <message>
        <source>Idle:</source>
        <translation>Leerlauf:</translation>
    </message>
    <message>
        <source>Total:</source>
        <translation>Gesamt:</translation>
    </message>
    <message>
        <source>Move the selected target up</source>
        <translation>Ausgewähltes Ziel nach oben verschieben</translation>
    </message>
    <message>
        <source>Move the selected target down</source>
        <translation>Ausgewähltes Ziel nach unten verschieben</translation>
    </message>
    <message>
        <source>Remove the selected target</source>
        <translation>Ausgewähltes Ziel entfernen</translation>
    </message>
    <message>
        <source>Change weight</source>
        <translation>Gewichtung ändern</translation>
    </message>
    <message>
        <source>Change group order</source>
        <translation>Gruppenreihenfolge ändern</translation>
    </message>
    <message>
        <source>Change target timeout</source>
        <translation>Timeout des Ziels ändern</translation>
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
    <name>signalbox::TopSpendTable</name>
    <message>
        <source>Spend</source>
        <translation>Ausgaben</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Anteil</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>No spend in this range</source>
        <translation>Keine Ausgaben in diesem Zeitraum</translation>
    </message>
    <message>
        <source>Not counted: %1 requests to models that have no price</source>
        <translation>Nicht gezählt: %1 Anfragen an Modelle ohne Preis</translation>
    </message>
</context>
<context>
    <name>signalbox::TrafficChart</name>
    <message>
        <source>Requests and errors</source>
        <translation>Anfragen und Fehler</translation>
    </message>
    <message>
        <source>Reading the log…</source>
        <translation>Protokoll wird gelesen…</translation>
    </message>
    <message>
        <source>Requests and errors per minute</source>
        <translation>Anfragen und Fehler pro Minute</translation>
    </message>
    <message>
        <source>Requests and errors per hour</source>
        <translation>Anfragen und Fehler pro Stunde</translation>
    </message>
    <message>
        <source>Requests and errors per day</source>
        <translation>Anfragen und Fehler pro Tag</translation>
    </message>
    <message>
        <source>No requests in this range. Widen the time range or clear a filter.</source>
        <translation>Keine Anfragen in diesem Zeitraum. Erweitern Sie den Zeitraum oder entfernen Sie einen Filter.</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>%1 · %2 requests, %3 errors (%4)</source>
        <translation>%1 · %2 Anfragen, %3 Fehler (%4)</translation>
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
        <source>Revoke key</source>
        <translation>Schlüssel widerrufen</translation>
    </message>
    <message>
        <source>Revoke the key &apos;%1&apos;? Every client that uses it is refused from now on. This cannot be undone.</source>
        <translation>Den Schlüssel „%1“ widerrufen? Jeder Client, der ihn nutzt, wird ab sofort abgewiesen. Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>New virtual key</source>
        <translation>Neuer virtueller Schlüssel</translation>
    </message>
    <message>
        <source>Revoke the selected key</source>
        <translation>Ausgewählten Schlüssel widerrufen</translation>
    </message>
    <message>
        <source>Read the keys again</source>
        <translation>Schlüssel neu einlesen</translation>
    </message>
    <message>
        <source>The keys could not be read: %1. Check that the data folder can be read and written, then press Refresh (F5).</source>
        <translation>Die Schlüssel konnten nicht gelesen werden: %1. Prüfen Sie, ob der Datenordner lesbar und beschreibbar ist, und klicken Sie dann auf „Aktualisieren“ (F5).</translation>
    </message>
    <message>
        <source>The key &apos;%1&apos; was not revoked: %2. Press Revoke again; if it keeps failing, check that the data folder can be written.</source>
        <translation>Der Schlüssel „%1“ wurde nicht widerrufen: %2. Klicken Sie erneut auf „Widerrufen“; schlägt es weiterhin fehl, prüfen Sie, ob der Datenordner beschreibbar ist.</translation>
    </message>
</context>
</TS>
