<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AgeColumnProxyModel</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Trefoil: realtime GraphQL, reliable eventing and the order workflow on your desktop.</source>
        <translation>Trefoil: Echtzeit-GraphQL, zuverlässige Ereignisverarbeitung und der Bestell-Workflow auf Ihrem Desktop.</translation>
    </message>
    <message>
        <source>behind %1</source>
        <translation>hinter %1</translation>
    </message>
</context>
<context>
    <name>trefoil::ConfigLoader</name>
    <message>
        <source>PostgreSQL connection URL or conninfo. Without it, an embedded cluster in the data directory is used.</source>
        <translation>PostgreSQL-Verbindungs-URL oder Conninfo. Ohne sie wird ein eingebetteter Cluster im Datenverzeichnis verwendet.</translation>
    </message>
    <message>
        <source>Directory for the embedded database and local state.</source>
        <translation>Verzeichnis für die eingebettete Datenbank und den lokalen Zustand.</translation>
    </message>
    <message>
        <source>Address the HTTP/WebSocket API listens on (default 127.0.0.1).</source>
        <translation>Adresse, auf der die HTTP/WebSocket-API lauscht (Standard 127.0.0.1).</translation>
    </message>
    <message>
        <source>Port the HTTP/WebSocket API listens on (default 8080, 0 picks a free port).</source>
        <translation>Port, auf dem die HTTP/WebSocket-API lauscht (Standard 8080; 0 wählt einen freien Port).</translation>
    </message>
    <message>
        <source>Secret required in the x-hasura-admin-secret header.</source>
        <translation>Secret, das im Header x-hasura-admin-secret verlangt wird.</translation>
    </message>
    <message>
        <source>One of debug, info, warning, error (default info).</source>
        <translation>Einer der Werte debug, info, warning, error (Standard info).</translation>
    </message>
    <message>
        <source>JSON file of event triggers ({&quot;event_triggers&quot;: [create_event_trigger args…]}) created or replaced at start.</source>
        <translation>JSON-Datei mit Event-Triggern ({&quot;event_triggers&quot;: [create_event_trigger args…]}), die beim Start angelegt oder ersetzt werden.</translation>
    </message>
    <message>
        <source>Event delivery transactions at once (default 4; 0 runs no event worker in this process).</source>
        <translation>Gleichzeitige Transaktionen für die Ereigniszustellung (Standard 4; 0 startet in diesem Prozess keinen Event-Worker).</translation>
    </message>
    <message>
        <source>Open the dashboard on the trefoild at this address (e.g. http://server:8080) instead of starting a backend; --admin-secret is the secret it asks for.</source>
        <translation>Das Dashboard mit dem trefoild unter dieser Adresse öffnen (z. B. http://server:8080), statt ein Backend zu starten; --admin-secret ist das Secret, das er verlangt.</translation>
    </message>
    <message>
        <source>Environment: %1.</source>
        <translation>Umgebungsvariable: %1.</translation>
    </message>
    <message>
        <source>Config file (INI: key = value, keys as the long options). Environment: %1.</source>
        <translation>Konfigurationsdatei (INI: key = value, Schlüssel wie die langen Optionen). Umgebungsvariable: %1.</translation>
    </message>
    <message>
        <source>Do not install the food-ordering demo schema and data.</source>
        <translation>Schema und Daten der Essensbestell-Demo nicht installieren.</translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos;</source>
        <translation>unerwartetes Argument „%1“</translation>
    </message>
    <message>
        <source>--config: cannot read &apos;%1&apos;</source>
        <translation>--config: „%1“ kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>--config: &apos;%1&apos; is not a valid INI file</source>
        <translation>--config: „%1“ ist keine gültige INI-Datei</translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation>darf nicht leer sein</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a port number (0-65535)</source>
        <translation>„%1“ ist keine Portnummer (0–65535)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not one of %2</source>
        <translation>„%1“ ist keiner der Werte %2</translation>
    </message>
    <message>
        <source>cannot read &apos;%1&apos;</source>
        <translation>„%1“ kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a number from 0 to 256</source>
        <translation>„%1“ ist keine Zahl von 0 bis 256</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a server address; expected e.g. http://127.0.0.1:8080</source>
        <translation>„%1“ ist keine Serveradresse; erwartet wird z. B. http://127.0.0.1:8080</translation>
    </message>
</context>
<context>
    <name>trefoil::Conninfo</name>
    <message>
        <source>an unreadable connection string (%1)</source>
        <translation>ein unlesbarer Verbindungs-String (%1)</translation>
    </message>
    <message>
        <source>the libpq defaults</source>
        <translation>die libpq-Standardwerte</translation>
    </message>
    <message>
        <source>a word without &quot;=&quot;; quote values that contain spaces with &apos;…&apos;</source>
        <translation>ein Wort ohne „=“; Werte mit Leerzeichen in &apos;…&apos; setzen</translation>
    </message>
    <message>
        <source>a quoted value without its closing quote</source>
        <translation>ein Wert in Anführungszeichen ohne schließendes Anführungszeichen</translation>
    </message>
    <message>
        <source>an unknown option; quote values that contain spaces with &apos;…&apos;</source>
        <translation>eine unbekannte Option; Werte mit Leerzeichen in &apos;…&apos; setzen</translation>
    </message>
    <message>
        <source>a bad %-escape in the password</source>
        <translation>ein ungültiges %-Escape im Passwort</translation>
    </message>
    <message>
        <source>a bad %-escape in the user name</source>
        <translation>ein ungültiges %-Escape im Benutzernamen</translation>
    </message>
    <message>
        <source>an unencoded &apos;@&apos; or &apos;/&apos; in the user name or password; write them as %40 and %2F</source>
        <translation>ein nicht kodiertes „@“ oder „/“ im Benutzernamen oder Passwort; schreiben Sie sie als %40 und %2F</translation>
    </message>
    <message>
        <source>an IPv6 address without its closing &apos;]&apos;</source>
        <translation>eine IPv6-Adresse ohne schließendes „]“</translation>
    </message>
    <message>
        <source>an empty IPv6 address</source>
        <translation>eine leere IPv6-Adresse</translation>
    </message>
    <message>
        <source>an unexpected character after an IPv6 address</source>
        <translation>ein unerwartetes Zeichen nach einer IPv6-Adresse</translation>
    </message>
    <message>
        <source>a bad %-escape in the host</source>
        <translation>ein ungültiges %-Escape im Host</translation>
    </message>
    <message>
        <source>a port that is not a number</source>
        <translation>ein Port, der keine Zahl ist</translation>
    </message>
    <message>
        <source>a bad %-escape in the database name</source>
        <translation>ein ungültiges %-Escape im Datenbanknamen</translation>
    </message>
    <message>
        <source>a query parameter that is not key=value</source>
        <translation>ein Query-Parameter, der nicht key=value ist</translation>
    </message>
    <message>
        <source>a bad %-escape in a query parameter</source>
        <translation>ein ungültiges %-Escape in einem Query-Parameter</translation>
    </message>
    <message>
        <source>an unknown query parameter</source>
        <translation>ein unbekannter Query-Parameter</translation>
    </message>
</context>
<context>
    <name>trefoil::ui::AuditLogView</name>
    <message>
        <source>When</source>
        <translation>Zeitpunkt</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Audit log: %1</source>
        <translation>Audit-Log: %1</translation>
    </message>
</context>
<context>
    <name>trefoil::ui::BulkActionBar</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stopping after this batch…</source>
        <translation>Wird nach diesem Batch angehalten…</translation>
    </message>
    <message>
        <source>Redelivering: %1 of %2 events</source>
        <translation>Erneute Zustellung: %1 von %2 Ereignissen</translation>
    </message>
    <message>
        <source>Cancelling: %1 of %2 events</source>
        <translation>Abbruch: %1 von %2 Ereignissen</translation>
    </message>
</context>
<context>
    <name>trefoil::ui::BulkActionRunner</name>
    <message>
        <source>Redelivered 1 event.</source>
        <translation>1 Ereignis erneut zugestellt.</translation>
    </message>
    <message>
        <source>Redelivered %1 events.</source>
        <translation>%1 Ereignisse erneut zugestellt.</translation>
    </message>
    <message>
        <source>Cancelled 1 event.</source>
        <translation>1 Ereignis abgebrochen.</translation>
    </message>
    <message>
        <source>Cancelled %1 events.</source>
        <translation>%1 Ereignisse abgebrochen.</translation>
    </message>
    <message>
        <source>Stopped before the end: the rest were not touched.</source>
        <translation>Vor dem Ende angehalten: Die übrigen wurden nicht angetastet.</translation>
    </message>
    <message>
        <source>Not connected to Trefoil.</source>
        <translation>Nicht mit Trefoil verbunden.</translation>
    </message>
    <message>
        <source>Could not count the events: %1</source>
        <translation>Die Ereignisse konnten nicht gezählt werden: %1</translation>
    </message>
    <message>
        <source>Stopped after %1 events: %2</source>
        <translation>Nach %1 Ereignissen angehalten: %2</translation>
    </message>
</context>
<context>
    <name>trefoil::ui::ConnectDialog</name>
    <message>
        <source>Remember the secret</source>
        <translation>Secret merken</translation>
    </message>
    <message>
        <source>Connect to</source>
        <translation>Verbinden mit</translation>
    </message>
    <message>
        <source>the server&apos;s --admin-secret</source>
        <translation>das --admin-secret des Servers</translation>
    </message>
    <message>
        <source>A remembered secret is stored unencrypted in Trefoil&apos;s settings file; otherwise you type it each time.</source>
        <translation>Ein gemerktes Secret wird unverschlüsselt in Trefoils Einstellungsdatei gespeichert; sonst geben Sie es jedes Mal ein.</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <source>Server &amp;URL:</source>
        <translation>Server-&amp;URL:</translation>
    </message>
    <message>
        <source>Admin &amp;secret:</source>
        <translation>Admin-&amp;Secret:</translation>
    </message>
    <message>
        <source>&amp;Recent connections:</source>
        <translation>&amp;Letzte Verbindungen:</translation>
    </message>
    <message>
        <source>made for this run</source>
        <translation>für diesen Start erzeugt</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbinde mit %1…</translation>
    </message>
    <message>
        <source>Not reachable yet (%1); still trying. Cancel to keep the current connection.</source>
        <translation>Noch nicht erreichbar (%1); neuer Versuch läuft. Abbrechen behält die aktuelle Verbindung.</translation>
    </message>
    <message>
        <source>Embedded database</source>
        <translation>Eingebettete Datenbank</translation>
    </message>
</context>
<context>
    <name>trefoil::ui::ConnectionState</name>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message numerus="yes">
        <source>Reconnecting in %n s (attempt %1)</source>
        <translation>
            <numerusform>Neuer Verbindungsversuch in %n s (Versuch %1)</numerusform>
            <numerusform>Neuer Verbindungsversuch in %n s (Versuch %1)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Connection failed</source>
        <translation>Verbindung fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>trefoil::ui::DiagnosticsDialog</name>
    <message>
        <source>Diagnostics</source>
        <translation>Diagnose</translation>
    </message>
    <message>
        <source>How long the window went without answering input. Under 16 ms is smooth; over 100 ms is noticeable.</source>
        <translation>Wie lange das Fenster nicht auf Eingaben reagiert hat. Unter 16 ms ist flüssig, über 100 ms ist spürbar.</translation>
    </message>
    <message>
        <source>Worst stall in the last minute:</source>
        <translation>Längste Blockade der letzten Minute:</translation>
    </message>
    <message>
        <source>Worst stall since start:</source>
        <translation>Längste Blockade seit dem Start:</translation>
    </message>
    <message>
        <source>99th percentile since start:</source>
        <translation>99. Perzentil seit dem Start:</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
</context>
<context>
    <name>trefoil::ui::EventDetailPanel</name>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>Worker</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Release lease</source>
        <translation>Lease freigeben</translation>
    </message>
    <message>
        <source>Free this event&apos;s lease so that any worker may claim it again</source>
        <translation>Die Lease dieses Ereignisses freigeben, damit jeder Worker es wieder übernehmen kann</translation>
    </message>
    <message>
        <source>Payload</source>
        <translation>Payload</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Änderungen</translation>
    </message>
    <message>
        <source>Invocations</source>
        <translation>Aufrufe</translation>
    </message>
    <message>
        <source>Event detail: %1</source>
        <translation>Ereignisdetails: %1</translation>
    </message>
    <message>
        <source>This event no longer exists (removed by retention?)</source>
        <translation>Dieses Ereignis existiert nicht mehr (durch die Aufbewahrung entfernt?)</translation>
    </message>
    <message>
        <source>Select an event to see its payload and invocations</source>
        <translation>Wählen Sie ein Ereignis aus, um seine Payload und Aufrufe zu sehen</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>%1 · %2 on %3.%4</source>
        <translation>%1 · %2 auf %3.%4</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Next attempt</source>
        <translation>Nächster Versuch</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Zugestellt</translation>
    </message>
    <message>
        <source>Redelivered</source>
        <translation>Erneut zugestellt</translation>
    </message>
    <message>
        <source>Cancelled because</source>
        <translation>Abbruchgrund</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
    <message>
        <source>Held by worker %1; the lease expires at %2.</source>
        <translation>Von Worker %1 gehalten; die Lease läuft um %2 ab.</translation>
    </message>
    <message>
        <source>Invocations (%1)</source>
        <translation>Aufrufe (%1)</translation>
    </message>
    <message>
        <source>Error:</source>
        <translation>Fehler:</translation>
    </message>
    <message>
        <source>Response (%1, %2 ms):</source>
        <translation>Antwort (%1, %2 ms):</translation>
    </message>
    <message>
        <source>no status</source>
        <translation>kein Status</translation>
    </message>
    <message>
        <source>Request:</source>
        <translation>Anfrage:</translation>
    </message>
    <message>
        <source>Could not release the lease: %1</source>
        <translation>Die Lease konnte nicht freigegeben werden: %1</translation>
    </message>
</context>
<context>
    <name>trefoil::ui::EventFormatModel</name>
    <message>
        <source>Redeliver events</source>
        <translation>Ereignisse erneut zustellen</translation>
    </message>
    <message>
        <source>Cancel events</source>
        <translation>Ereignisse abbrechen</translation>
    </message>
    <message>
        <source>Release leases</source>
        <translation>Leases freigeben</translation>
    </message>
    <message>
        <source>Pause or resume trigger</source>
        <translation>Trigger pausieren oder fortsetzen</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
</context>
<context>
    <name>trefoil::ui::EventStates</name>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>In flight</source>
        <translation>In Zustellung</translation>
    </message>
    <message>
        <source>Retrying</source>
        <translation>Wird wiederholt</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Zugestellt</translation>
    </message>
    <message>
        <source>Dead</source>
        <translation>Endgültig fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>A status tab: the state and how many events are in it, e.g. &quot;Dead (1,234)&quot; or &quot;Delivered (~1.2M)&quot;</extracomment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1K</source>
        <extracomment>An estimated number of thousands, e.g. &quot;12K&quot;</extracomment>
        <translation>%1 Tsd.</translation>
    </message>
    <message>
        <source>%1M</source>
        <extracomment>An estimated number of millions, e.g. &quot;1.2M&quot;</extracomment>
        <translation>%1 Mio.</translation>
    </message>
    <message>
        <source>%1B</source>
        <extracomment>An estimated number of billions, e.g. &quot;1.2B&quot;</extracomment>
        <translation>%1 Mrd.</translation>
    </message>
    <message>
        <source>~%1</source>
        <extracomment>An estimated count, e.g. &quot;~1.2M&quot;</extracomment>
        <translation>~%1</translation>
    </message>
</context>
<context>
    <name>trefoil::ui::EventsPage</name>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation>Trigger</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>Op</source>
        <translation>Op</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>Zuerst gesehen</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Zuletzt gesehen</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>Alle anzeigen</translation>
    </message>
    <message>
        <source>Pause trigger</source>
        <translation>Trigger pausieren</translation>
    </message>
    <message>
        <source>Redeliver selected</source>
        <translation>Auswahl erneut zustellen</translation>
    </message>
    <message>
        <source>Retry all matching…</source>
        <translation>Alle Treffer wiederholen…</translation>
    </message>
    <message>
        <source>Cancel pending…</source>
        <translation>Ausstehende abbrechen…</translation>
    </message>
    <message>
        <source>◀ Newer</source>
        <translation>◀ Neuere</translation>
    </message>
    <message>
        <source>Older ▶</source>
        <translation>Ältere ▶</translation>
    </message>
    <message>
        <source>Retry group…</source>
        <translation>Gruppe wiederholen…</translation>
    </message>
    <message>
        <source>Show events</source>
        <translation>Ereignisse anzeigen</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>All triggers</source>
        <translation>Alle Trigger</translation>
    </message>
    <message>
        <source>Table (schema.table)</source>
        <translation>Tabelle (Schema.Tabelle)</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Beliebiger Zeitraum</translation>
    </message>
    <message>
        <source>Last 15 minutes</source>
        <translation>Letzte 15 Minuten</translation>
    </message>
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
        <source>Error contains</source>
        <translation>Fehler enthält</translation>
    </message>
    <message>
        <source>Payload contains</source>
        <translation>Payload enthält</translation>
    </message>
    <message>
        <source>Failing events grouped by trigger, state and error (ids, numbers and times ignored), within the filters above.</source>
        <translation>Fehlschlagende Ereignisse, gruppiert nach Trigger, Status und Fehler (IDs, Zahlen und Zeiten unberücksichtigt), innerhalb der Filter oben.</translation>
    </message>
    <message>
        <source>Failure groups</source>
        <translation>Fehlergruppen</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Audit-Log</translation>
    </message>
    <message>
        <source>Lease released: any worker may claim the event now.</source>
        <translation>Lease freigegeben: Jeder Worker kann das Ereignis jetzt übernehmen.</translation>
    </message>
    <message>
        <source>Group: %1</source>
        <translation>Gruppe: %1</translation>
    </message>
    <message>
        <source>Events: %1</source>
        <translation>Ereignisse: %1</translation>
    </message>
    <message>
        <source>Event counts: %1</source>
        <translation>Ereigniszahlen: %1</translation>
    </message>
    <message>
        <source>All (%1)</source>
        <translation>Alle (%1)</translation>
    </message>
    <message>
        <source>Failure groups: %1</source>
        <translation>Fehlergruppen: %1</translation>
    </message>
    <message>
        <source>Failure groups (%1)</source>
        <translation>Fehlergruppen (%1)</translation>
    </message>
    <message>
        <source>Triggers: %1</source>
        <translation>Trigger: %1</translation>
    </message>
    <message>
        <source>%1 (paused)</source>
        <translation>%1 (pausiert)</translation>
    </message>
    <message>
        <source>%1 events matching the current filter</source>
        <translation>Ereignisse mit Status „%1“, die dem aktuellen Filter entsprechen</translation>
    </message>
    <message>
        <source>Cancel pending events</source>
        <translation>Ausstehende Ereignisse abbrechen</translation>
    </message>
    <message>
        <source>Why are these events cancelled? (kept with each event and in the audit log)</source>
        <translation>Warum werden diese Ereignisse abgebrochen? (Wird bei jedem Ereignis und im Audit-Log gespeichert.)</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>A cancel needs a reason: it is kept with each event and in the audit log.</source>
        <translation>Ein Abbruch braucht eine Begründung: Sie wird bei jedem Ereignis und im Audit-Log gespeichert.</translation>
    </message>
    <message>
        <source>pending events matching the current filter</source>
        <translation>ausstehende Ereignisse, die dem aktuellen Filter entsprechen</translation>
    </message>
    <message>
        <source>events of the group “%1”</source>
        <translation>Ereignisse der Gruppe „%1“</translation>
    </message>
    <message>
        <source>Could not %1 trigger %2: %3</source>
        <translation>Trigger %2 konnte nicht %1 werden: %3</translation>
    </message>
    <message>
        <source>resume</source>
        <translation>fortgesetzt</translation>
    </message>
    <message>
        <source>pause</source>
        <translation>pausiert</translation>
    </message>
    <message>
        <source>Trigger %1 resumed: its events are delivered again.</source>
        <translation>Trigger %1 fortgesetzt: Seine Ereignisse werden wieder zugestellt.</translation>
    </message>
    <message>
        <source>Trigger %1 paused: its events wait until it is resumed.</source>
        <translation>Trigger %1 pausiert: Seine Ereignisse warten, bis er fortgesetzt wird.</translation>
    </message>
    <message>
        <source>Nothing to redeliver: no event matches.</source>
        <translation>Nichts erneut zuzustellen: Kein Ereignis passt.</translation>
    </message>
    <message>
        <source>Nothing to cancel: no pending event matches.</source>
        <translation>Nichts abzubrechen: Kein ausstehendes Ereignis passt.</translation>
    </message>
    <message>
        <source>Redeliver events</source>
        <translation>Ereignisse erneut zustellen</translation>
    </message>
    <message>
        <source>Cancel events</source>
        <translation>Ereignisse abbrechen</translation>
    </message>
    <message>
        <source>Redeliver %1 %2?</source>
        <translation>%1 %2 erneut zustellen?</translation>
    </message>
    <message>
        <source>Cancel %1 %2?</source>
        <translation>%1 %2 abbrechen?</translation>
    </message>
    <message>
        <source>It runs in batches; you can stop it between batches.</source>
        <translation>Das läuft in Batches; Sie können es zwischen zwei Batches anhalten.</translation>
    </message>
    <message>
        <source>Redeliver</source>
        <translation>Erneut zustellen</translation>
    </message>
    <message>
        <source>Do nothing</source>
        <translation>Nichts tun</translation>
    </message>
    <message>
        <source>Resume trigger</source>
        <translation>Trigger fortsetzen</translation>
    </message>
    <message>
        <source>Choose a trigger to pause or resume it</source>
        <translation>Wählen Sie einen Trigger, um ihn zu pausieren oder fortzusetzen</translation>
    </message>
    <message>
        <source>No events</source>
        <translation>Keine Ereignisse</translation>
    </message>
    <message>
        <source>Page %L1 · no events</source>
        <translation>Seite %L1 · keine Ereignisse</translation>
    </message>
    <message>
        <source>Events %L1–%L2 of %L3</source>
        <translation>Ereignisse %L1–%L2 von %L3</translation>
    </message>
    <message>
        <source>Events %L1–%L2</source>
        <translation>Ereignisse %L1–%L2</translation>
    </message>
</context>
<context>
    <name>trefoil::ui::FireTriggerDialog</name>
    <message>
        <source>Fire %1 manually</source>
        <translation>%1 manuell auslösen</translation>
    </message>
    <message>
        <source>Loading the first rows of %1…</source>
        <translation>Die ersten Zeilen von %1 werden geladen…</translation>
    </message>
    <message>
        <source>&amp;Fire on this row</source>
        <translation>Mit dieser Zeile &amp;auslösen</translation>
    </message>
    <message>
        <source>The rows of %1.%2 are not exposed by the API.</source>
        <translation>Die Zeilen von %1.%2 sind über die API nicht zugänglich.</translation>
    </message>
    <message>
        <source>Could not list the tables: %1</source>
        <translation>Die Tabellen konnten nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <source>The table %1 is not exposed by the API.</source>
        <translation>Die Tabelle %1 ist über die API nicht zugänglich.</translation>
    </message>
    <message>
        <source>Could not list the columns: %1</source>
        <translation>Die Spalten konnten nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <source>The table %1 cannot be read through the API.</source>
        <translation>Die Tabelle %1 kann über die API nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Could not read the rows: %1</source>
        <translation>Die Zeilen konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The table %1 has no rows.</source>
        <translation>Die Tabelle %1 hat keine Zeilen.</translation>
    </message>
    <message numerus="yes">
        <source>Choose the row the event carries (the first %n row(s) of %1 by primary key).</source>
        <translation>
            <numerusform>Wählen Sie die Zeile, die das Ereignis enthalten soll (die erste Zeile von %1 nach Primärschlüssel).</numerusform>
            <numerusform>Wählen Sie die Zeile, die das Ereignis enthalten soll (die ersten %n Zeilen von %1 nach Primärschlüssel).</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not fire %1: %2</source>
        <translation>%1 konnte nicht ausgelöst werden: %2</translation>
    </message>
</context>
<context>
    <name>trefoil::ui::FunctionStatsModel</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>Funktion</translation>
    </message>
    <message>
        <source>Calls/s</source>
        <translation>Aufrufe/s</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>Durchschnitt</translation>
    </message>
    <message>
        <source>95th percentile</source>
        <translation>95. Perzentil</translation>
    </message>
    <message>
        <source>Fault</source>
        <translation>Störung</translation>
    </message>
    <message>
        <source>not available</source>
        <translation>nicht verfügbar</translation>
    </message>
    <message>
        <source>fails %1 %</source>
        <translation>schlägt zu %1 % fehl</translation>
    </message>
    <message>
        <source>+%1 ms</source>
        <translation>+%1 ms</translation>
    </message>
    <message>
        <source>times out</source>
        <translation>Zeitüberschreitung</translation>
    </message>
    <message>
        <source>always fails</source>
        <translation>schlägt immer fehl</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 calls, %2 failed, in the window</source>
        <translation>%1 Aufrufe, davon %2 fehlgeschlagen, im Zeitfenster</translation>
    </message>
</context>
<context>
    <name>trefoil::ui::FunctionsPage</name>
    <message>
        <source>Fault injection</source>
        <translation>Fehlerinjektion</translation>
    </message>
    <message>
        <source>&amp;Time out</source>
        <translation>&amp;Zeitüberschreitung</translation>
    </message>
    <message>
        <source>&amp;Always fail</source>
        <translation>&amp;Immer fehlschlagen</translation>
    </message>
    <message>
        <source>A&amp;pply fault</source>
        <translation>Störung an&amp;wenden</translation>
    </message>
    <message>
        <source>&amp;Clear fault (recover)</source>
        <translation>Störung &amp;aufheben (Normalbetrieb)</translation>
    </message>
    <message>
        <source>Calls, errors and durations of the deliveries in the last minute. Refreshed every second and a half while shown.</source>
        <translation>Aufrufe, Fehler und Dauer der Zustellungen in der letzten Minute. Wird alle anderthalb Sekunden aktualisiert, solange die Seite angezeigt wird.</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Answer with a simulated timeout once the added latency has passed.</source>
        <translation>Nach Ablauf der zusätzlichen Latenz mit einer simulierten Zeitüberschreitung antworten.</translation>
    </message>
    <message>
        <source>Every call fails, whatever the failure probability.</source>
        <translation>Jeder Aufruf schlägt fehl, unabhängig von der Fehlerwahrscheinlichkeit.</translation>
    </message>
    <message>
        <source>The share of calls that fail.</source>
        <translation>Der Anteil der Aufrufe, die fehlschlagen.</translation>
    </message>
    <message>
        <source>Every call waits this long before it runs.</source>
        <translation>Jeder Aufruf wartet so lange, bevor er ausgeführt wird.</translation>
    </message>
    <message>
        <source>Now:</source>
        <translation>Aktuell:</translation>
    </message>
    <message>
        <source>&amp;Failure probability:</source>
        <translation>&amp;Fehlerwahrscheinlichkeit:</translation>
    </message>
    <message>
        <source>Added &amp;latency:</source>
        <translation>Zusätzliche &amp;Latenz:</translation>
    </message>
    <message>
        <source>Could not read the functions: %1</source>
        <translation>Die Funktionen konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Fault injection: %1</source>
        <translation>Fehlerinjektion: %1</translation>
    </message>
    <message>
        <source>Select a function to stage a fault.</source>
        <translation>Wählen Sie eine Funktion aus, um eine Störung einzurichten.</translation>
    </message>
    <message>
        <source>Fault injection needs the demo&apos;s function_faults table, which this database lacks.</source>
        <translation>Die Fehlerinjektion benötigt die Tabelle function_faults der Demo, die in dieser Datenbank fehlt.</translation>
    </message>
    <message>
        <source>A fault applies to the next calls; Clear fault ends the incident.</source>
        <translation>Eine Störung gilt für die nächsten Aufrufe; „Störung aufheben“ beendet den Vorfall.</translation>
    </message>
    <message>
        <source>Could not set the fault of %1: %2</source>
        <translation>Die Störung von %1 konnte nicht gesetzt werden: %2</translation>
    </message>
</context>
<context>
    <name>trefoil::ui::GraphqlEndpoint</name>
    <message>
        <source>&quot;%1&quot; is not a server address; expected e.g. http://127.0.0.1:8080.</source>
        <translation>„%1“ ist keine Serveradresse; erwartet wird z. B. http://127.0.0.1:8080.</translation>
    </message>
    <message>
        <source>The address must start with http://, https://, ws:// or wss://, not &quot;%1&quot;.</source>
        <translation>Die Adresse muss mit http://, https://, ws:// oder wss:// beginnen, nicht mit „%1“.</translation>
    </message>
</context>
<context>
    <name>trefoil::ui::GraphqlResult</name>
    <message>
        <source>The server reported an error without a message.</source>
        <translation>Der Server hat einen Fehler ohne Meldung gemeldet.</translation>
    </message>
</context>
<context>
    <name>trefoil::ui::GraphqlWsClient</name>
    <message numerus="yes">
        <source>The server did not complete the connection within %n s.</source>
        <translation>
            <numerusform>Der Server hat die Verbindung nicht innerhalb von %n s hergestellt.</numerusform>
            <numerusform>Der Server hat die Verbindung nicht innerhalb von %n s hergestellt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The server stopped answering: no reply to a ping within %n s.</source>
        <translation>
            <numerusform>Der Server antwortet nicht mehr: keine Antwort auf einen Ping innerhalb von %n s.</numerusform>
            <numerusform>Der Server antwortet nicht mehr: keine Antwort auf einen Ping innerhalb von %n s.</numerusform>
        </translation>
    </message>
    <message>
        <source>The connection was opened anew.</source>
        <translation>Die Verbindung wurde neu aufgebaut.</translation>
    </message>
    <message>
        <source>The connection was closed.</source>
        <translation>Die Verbindung wurde geschlossen.</translation>
    </message>
    <message>
        <source>The connection was closed before the operation was sent.</source>
        <translation>Die Verbindung wurde geschlossen, bevor die Operation gesendet wurde.</translation>
    </message>
    <message>
        <source>Not connected to the server: %1</source>
        <translation>Nicht mit dem Server verbunden: %1</translation>
    </message>
    <message>
        <source>Not connected to the server.</source>
        <translation>Nicht mit dem Server verbunden.</translation>
    </message>
    <message>
        <source>The server sent a message that is not part of the protocol (a binary frame).</source>
        <translation>Der Server hat eine Nachricht gesendet, die nicht zum Protokoll gehört (ein Binär-Frame).</translation>
    </message>
    <message>
        <source>The server at %1 does not offer GraphQL over WebSocket (graphql-transport-ws). Check the address.</source>
        <translation>Der Server unter %1 bietet kein GraphQL über WebSocket (graphql-transport-ws) an. Prüfen Sie die Adresse.</translation>
    </message>
    <message>
        <source>Could not connect to %1: %2</source>
        <translation>Keine Verbindung zu %1: %2</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>keine Antwort</translation>
    </message>
    <message>
        <source>The server closed the connection (code %1).</source>
        <translation>Der Server hat die Verbindung geschlossen (Code %1).</translation>
    </message>
    <message>
        <source>The server closed the connection (code %1: %2).</source>
        <translation>Der Server hat die Verbindung geschlossen (Code %1: %2).</translation>
    </message>
    <message>
        <source>The connection to the server was lost.</source>
        <translation>Die Verbindung zum Server ist unterbrochen.</translation>
    </message>
    <message>
        <source>The connection to the server was lost: %1</source>
        <translation>Die Verbindung zum Server ist unterbrochen: %1</translation>
    </message>
    <message>
        <source>The server refused the admin secret. Check the secret and connect again.</source>
        <translation>Der Server hat das Admin-Secret abgelehnt. Prüfen Sie das Secret und verbinden Sie erneut.</translation>
    </message>
    <message>
        <source>The server did not understand the dashboard (%1). The server and the dashboard may be different versions.</source>
        <translation>Der Server hat das Dashboard nicht verstanden (%1). Server und Dashboard haben möglicherweise unterschiedliche Versionen.</translation>
    </message>
    <message>
        <source>The server sent a message that is not part of the protocol: %1</source>
        <translation>Der Server hat eine Nachricht gesendet, die nicht zum Protokoll gehört: %1</translation>
    </message>
    <message>
        <source>The server ended the operation without a result.</source>
        <translation>Der Server hat die Operation ohne Ergebnis beendet.</translation>
    </message>
    <message>
        <source>The connection was lost before the server answered, so it is not known whether the operation took effect. %1</source>
        <translation>Die Verbindung wurde unterbrochen, bevor der Server geantwortet hat; daher ist nicht bekannt, ob die Operation ausgeführt wurde. %1</translation>
    </message>
</context>
<context>
    <name>trefoil::ui::MainWindow</name>
    <message>
        <source>Orders</source>
        <translation>Bestellungen</translation>
    </message>
    <message>
        <source>Every order, live, with its progress through the workflow: placed, validated, paid, approved, assigned. Place an order or many from here.</source>
        <translation>Alle Bestellungen live, mit ihrem Fortschritt im Workflow: aufgegeben, geprüft, bezahlt, freigegeben, zugewiesen. Von hier aus können Sie eine oder viele Bestellungen aufgeben.</translation>
    </message>
    <message>
        <source>Restaurant</source>
        <translation>Restaurant</translation>
    </message>
    <message>
        <source>One restaurant&apos;s incoming orders, oldest first, with approval by hand and its menu&apos;s availability.</source>
        <translation>Die eingehenden Bestellungen eines Restaurants, älteste zuerst, mit manueller Freigabe und der Verfügbarkeit seiner Speisekarte.</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>Durchsatz</translation>
    </message>
    <message>
        <source>Orders and events per second and each step&apos;s latency, charted live.</source>
        <translation>Bestellungen und Ereignisse pro Sekunde sowie die Latenz jedes Schritts, live als Diagramm.</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>Find failed and dead events, read their invocation logs and redeliver them. This page comes with the next release (Dashboard II).</source>
        <translation>Fehlgeschlagene und endgültig fehlgeschlagene Ereignisse finden, ihre Aufrufprotokolle lesen und sie erneut zustellen. Diese Seite folgt mit dem nächsten Release (Dashboard II).</translation>
    </message>
    <message>
        <source>Triggers</source>
        <translation>Trigger</translation>
    </message>
    <message>
        <source>Event triggers: pause, resume and tune retries and concurrency. This page comes with the next release (Dashboard II).</source>
        <translation>Event-Trigger: pausieren, fortsetzen sowie Wiederholungen und Parallelität einstellen. Diese Seite folgt mit dem nächsten Release (Dashboard II).</translation>
    </message>
    <message>
        <source>Functions</source>
        <translation>Funktionen</translation>
    </message>
    <message>
        <source>The workflow&apos;s functions: stage incidents with failure rates, latency and timeouts. This page comes with the next release (Dashboard II).</source>
        <translation>Die Funktionen des Workflows: Störungen je Schritt mit Fehlerraten, Latenz und Zeitüberschreitungen. Diese Seite folgt mit dem nächsten Release (Dashboard II).</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Connection, worker and retention settings. This page comes with the next release (Dashboard II).</source>
        <translation>Einstellungen für Verbindung, Worker und Aufbewahrung. Diese Seite folgt mit dem nächsten Release (Dashboard II).</translation>
    </message>
    <message>
        <source>Trefoil</source>
        <translation>Trefoil</translation>
    </message>
    <message>
        <source>Events delivered per second over the last 10 s (every delivery attempt counts)</source>
        <translation>Zugestellte Ereignisse pro Sekunde in den letzten 10 s (jeder Zustellversuch zählt)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Connect to…</source>
        <translation>&amp;Verbinden mit…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Diagnostics…</source>
        <translation>&amp;Diagnose…</translation>
    </message>
    <message>
        <source>&amp;About Trefoil</source>
        <translation>&amp;Über Trefoil</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>unknown (%1)</source>
        <translation>unbekannt (%1)</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>Datenbank: %1</translation>
    </message>
    <message>
        <source>● Connected</source>
        <translation>● Verbunden</translation>
    </message>
    <message>
        <source>○ Failed: %1</source>
        <translation>○ Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>○ Not connected</source>
        <translation>○ Nicht verbunden</translation>
    </message>
    <message>
        <source>○ Starting…</source>
        <translation>○ Startet…</translation>
    </message>
    <message>
        <source>%L1 events/s</source>
        <translation>%L1 Ereignisse/s</translation>
    </message>
    <message>
        <source>– events/s</source>
        <translation>– Ereignisse/s</translation>
    </message>
    <message>
        <source>The database connection was lost (%1); Trefoil reconnects by itself.</source>
        <translation>Die Datenbankverbindung ist unterbrochen (%1); Trefoil verbindet sich selbst neu.</translation>
    </message>
    <message>
        <source>behind %1</source>
        <translation>hinter %1</translation>
    </message>
    <message>
        <source>About Trefoil</source>
        <translation>Über Trefoil</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Trefoil %1&lt;/h3&gt;&lt;p&gt;Realtime GraphQL, reliable eventing and the order workflow, with the dashboard that shows them.&lt;/p&gt;&lt;p&gt;Qt %2&lt;br&gt;PostgreSQL %3&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Trefoil %1&lt;/h3&gt;&lt;p&gt;Echtzeit-GraphQL, zuverlässige Ereignisverarbeitung und der Bestell-Workflow, mit dem Dashboard, das sie sichtbar macht.&lt;/p&gt;&lt;p&gt;Qt %2&lt;br&gt;PostgreSQL %3&lt;/p&gt;</translation>
    </message>
    <message>
        <source>(not known yet)</source>
        <translation>(noch unbekannt)</translation>
    </message>
    <message>
        <source>%1 (server: Trefoil %2)</source>
        <translation>%1 (Server: Trefoil %2)</translation>
    </message>
</context>
<context>
    <name>trefoil::ui::MessageBar</name>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>trefoil::ui::OrderDetailPanel</name>
    <message>
        <source>Pay</source>
        <translation>Bezahlen</translation>
    </message>
    <message>
        <source>Redeliver</source>
        <translation>Erneut zustellen</translation>
    </message>
    <message>
        <source>Pay this order (its restaurant takes payment by hand)</source>
        <translation>Diese Bestellung bezahlen (ihr Restaurant nimmt Zahlungen manuell entgegen)</translation>
    </message>
    <message>
        <source>Run the failed step again</source>
        <translation>Den fehlgeschlagenen Schritt erneut ausführen</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>Zwischensumme</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Select an attempt to see its request and response.</source>
        <translation>Wählen Sie einen Versuch aus, um Anfrage und Antwort zu sehen.</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Workflow timeline</source>
        <translation>Workflow-Verlauf</translation>
    </message>
    <message>
        <source>Order detail: %1</source>
        <translation>Bestelldetails: %1</translation>
    </message>
    <message>
        <source>Order timeline: %1</source>
        <translation>Bestellverlauf: %1</translation>
    </message>
    <message>
        <source>No order selected</source>
        <translation>Keine Bestellung ausgewählt</translation>
    </message>
    <message>
        <source>Select an order in the table to see its items and workflow.</source>
        <translation>Wählen Sie eine Bestellung in der Tabelle aus, um ihre Artikel und ihren Workflow zu sehen.</translation>
    </message>
    <message>
        <source>Order %1</source>
        <translation>Bestellung %1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>%1 fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1 gave up</source>
        <translation>%1 aufgegeben</translation>
    </message>
    <message>
        <source>%1 failing</source>
        <translation>%1 schlägt fehl</translation>
    </message>
    <message>
        <source>%1 · %2 · total %3
%4 · %5</source>
        <translation>%1 · %2 · gesamt %3
%4 · %5</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>zugestellt</translation>
    </message>
    <message>
        <source>dead</source>
        <translation>endgültig fehlgeschlagen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>retry at %1</source>
        <translation>neuer Versuch um %1</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>%1 (redelivered %2×)</source>
        <translation>%1 (%2× erneut zugestellt)</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>attempt %1</source>
        <translation>Versuch %1</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>Last error:</source>
        <translation>Letzter Fehler:</translation>
    </message>
    <message>
        <source>Event payload:</source>
        <translation>Ereignis-Payload:</translation>
    </message>
    <message>
        <source>Error:</source>
        <translation>Fehler:</translation>
    </message>
    <message>
        <source>Request (the event, to a built-in handler):</source>
        <translation>Anfrage (das Ereignis, an einen integrierten Handler):</translation>
    </message>
    <message>
        <source>Request:</source>
        <translation>Anfrage:</translation>
    </message>
    <message>
        <source>Response:</source>
        <translation>Antwort:</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Could not pay the order: %1</source>
        <translation>Die Bestellung konnte nicht bezahlt werden: %1</translation>
    </message>
    <message>
        <source>Could not redeliver: %1</source>
        <translation>Erneute Zustellung nicht möglich: %1</translation>
    </message>
</context>
<context>
    <name>trefoil::ui::OrderListModel</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 d</translation>
    </message>
    <message>
        <source>placed</source>
        <translation>aufgegeben</translation>
    </message>
    <message>
        <source>validated</source>
        <translation>geprüft</translation>
    </message>
    <message>
        <source>paid</source>
        <translation>bezahlt</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>freigegeben</translation>
    </message>
    <message>
        <source>assigned</source>
        <translation>zugewiesen</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <source>payment declined</source>
        <translation>Zahlung abgelehnt</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>trefoil::ui::OrderWorkflow</name>
    <message>
        <source>placed</source>
        <translation>aufgegeben</translation>
    </message>
    <message>
        <source>validated</source>
        <translation>geprüft</translation>
    </message>
    <message>
        <source>paid</source>
        <translation>bezahlt</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>freigegeben</translation>
    </message>
    <message>
        <source>assigned</source>
        <translation>zugewiesen</translation>
    </message>
    <message>
        <source>placing</source>
        <translation>Bestellaufgabe</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>payment</source>
        <translation>Zahlung</translation>
    </message>
    <message>
        <source>approval</source>
        <translation>Freigabe</translation>
    </message>
    <message>
        <source>assignment</source>
        <translation>Zuweisung</translation>
    </message>
</context>
<context>
    <name>trefoil::ui::OrdersPage</name>
    <message>
        <source>Order</source>
        <translation>Bestellung</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Restaurant</source>
        <translation>Restaurant</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <source>Workflow</source>
        <translation>Workflow</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Alter</translation>
    </message>
    <message>
        <source>Place order…</source>
        <translation>Bestellung aufgeben…</translation>
    </message>
    <message>
        <source>Place many…</source>
        <translation>Viele aufgeben…</translation>
    </message>
    <message>
        <source>◀ Newer</source>
        <translation>◀ Neuere</translation>
    </message>
    <message>
        <source>Older ▶</source>
        <translation>Ältere ▶</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <source>All restaurants</source>
        <translation>Alle Restaurants</translation>
    </message>
    <message>
        <source>Search by order id</source>
        <translation>Nach Bestell-ID suchen</translation>
    </message>
    <message>
        <source>Orders: %1</source>
        <translation>Bestellungen: %1</translation>
    </message>
    <message>
        <source>Failing steps: %1</source>
        <translation>Fehlschlagende Schritte: %1</translation>
    </message>
    <message>
        <source>Restaurants: %1</source>
        <translation>Restaurants: %1</translation>
    </message>
    <message>
        <source>Page %L1 of %L2 · no orders</source>
        <translation>Seite %L1 von %L2 · keine Bestellungen</translation>
    </message>
    <message>
        <source>Page %L1 of %L2 · orders %L3–%L4 of %L5</source>
        <translation>Seite %L1 von %L2 · Bestellungen %L3–%L4 von %L5</translation>
    </message>
    <message>
        <source>Page %1</source>
        <translation>Seite %1</translation>
    </message>
</context>
<context>
    <name>trefoil::ui::PlaceManyDialog</name>
    <message>
        <source>Include restaurants that take payment or approve by hand</source>
        <translation>Restaurants einbeziehen, die Zahlung oder Freigabe manuell abwickeln</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Place many orders</source>
        <translation>Viele Bestellungen aufgeben</translation>
    </message>
    <message>
        <source> orders/s</source>
        <translation> Bestellungen/s</translation>
    </message>
    <message>
        <source>Their orders wait for Pay or Approve, so they do not complete by themselves</source>
        <translation>Deren Bestellungen warten auf „Bezahlen“ oder „Freigeben“ und werden daher nicht von selbst abgeschlossen</translation>
    </message>
    <message>
        <source>Orders go to random users and restaurants, with random items from the live menus.</source>
        <translation>Die Bestellungen gehen an zufällige Benutzer und Restaurants, mit zufälligen Artikeln aus den aktuellen Speisekarten.</translation>
    </message>
    <message>
        <source>&amp;Orders:</source>
        <translation>&amp;Bestellungen:</translation>
    </message>
    <message>
        <source>&amp;Rate:</source>
        <translation>&amp;Rate:</translation>
    </message>
    <message>
        <source>Reading the menus…</source>
        <translation>Speisekarten werden gelesen…</translation>
    </message>
    <message>
        <source>no open restaurant has an available item</source>
        <translation>kein geöffnetes Restaurant hat einen verfügbaren Artikel</translation>
    </message>
    <message>
        <source>%1 Load Street</source>
        <translation>Laststraße %1</translation>
    </message>
    <message>
        <source>Placed %L1 of %L2 · completed %L3 · in flight %4</source>
        <translation>%L1 von %L2 aufgegeben · %L3 abgeschlossen · %4 in Bearbeitung</translation>
    </message>
    <message numerus="yes">
        <source>%n failed; the first error: %1</source>
        <translation>
            <numerusform>%n fehlgeschlagen; Fehler: %1</numerusform>
            <numerusform>%n fehlgeschlagen; erster Fehler: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled after %L1 orders.</source>
        <translation>Nach %L1 Bestellungen abgebrochen.</translation>
    </message>
</context>
<context>
    <name>trefoil::ui::PlaceOrderDialog</name>
    <message>
        <source>Place</source>
        <translation>Aufgeben</translation>
    </message>
    <message>
        <source>Place order</source>
        <translation>Bestellung aufgeben</translation>
    </message>
    <message>
        <source>1 Main Street</source>
        <translation>Hauptstraße 1</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <source>&amp;Restaurant:</source>
        <translation>&amp;Restaurant:</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse:</translation>
    </message>
    <message>
        <source>Could not read the restaurants: %1</source>
        <translation>Die Restaurants konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>%1 (pays by hand)</source>
        <translation>%1 (manuelle Zahlung)</translation>
    </message>
    <message>
        <source>%1 (approves by hand)</source>
        <translation>%1 (manuelle Freigabe)</translation>
    </message>
    <message>
        <source>%1 (closed)</source>
        <translation>%1 (geschlossen)</translation>
    </message>
    <message>
        <source>Could not read the menu: %1</source>
        <translation>Die Speisekarte konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>%1 (unavailable)</source>
        <translation>%1 (nicht verfügbar)</translation>
    </message>
    <message>
        <source>Quantity of %1</source>
        <translation>Menge von %1</translation>
    </message>
    <message>
        <source>Total: %1</source>
        <translation>Summe: %1</translation>
    </message>
    <message>
        <source>Placing…</source>
        <translation>Wird aufgegeben…</translation>
    </message>
    <message>
        <source>The order was not placed: %1</source>
        <translation>Die Bestellung wurde nicht aufgegeben: %1</translation>
    </message>
</context>
<context>
    <name>trefoil::ui::RestaurantPage</name>
    <message>
        <source>Restaurant</source>
        <translation>Restaurant</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Alter</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Bestellung</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Verfügbar</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Could not list the restaurants: %1</source>
        <translation>Die Restaurants konnten nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <source>Loading restaurants…</source>
        <translation>Restaurants werden geladen…</translation>
    </message>
    <message>
        <source>&amp;Restaurant:</source>
        <translation>&amp;Restaurant:</translation>
    </message>
    <message>
        <source>No incoming orders.</source>
        <translation>Keine eingehenden Bestellungen.</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>&amp;Freigeben</translation>
    </message>
    <message>
        <source>Re&amp;ject…</source>
        <translation>&amp;Ablehnen…</translation>
    </message>
    <message>
        <source>Incoming orders (oldest first)</source>
        <translation>Eingehende Bestellungen (älteste zuerst)</translation>
    </message>
    <message>
        <source>Unavailable items are refused when an order is validated.</source>
        <translation>Nicht verfügbare Artikel werden bei der Prüfung einer Bestellung abgelehnt.</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>Speisekarte</translation>
    </message>
    <message>
        <source>Could not read the incoming orders: %1</source>
        <translation>Die eingehenden Bestellungen konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Could not follow the incoming orders: %1</source>
        <translation>Die eingehenden Bestellungen können nicht verfolgt werden: %1</translation>
    </message>
    <message>
        <source>Could not read the menu: %1</source>
        <translation>Die Speisekarte konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Could not follow the menu: %1</source>
        <translation>Die Speisekarte kann nicht verfolgt werden: %1</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Geöffnet</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Geschlossen</translation>
    </message>
    <message>
        <source>customers pay by hand</source>
        <translation>Kunden zahlen manuell</translation>
    </message>
    <message>
        <source>payment is automatic</source>
        <translation>Zahlung erfolgt automatisch</translation>
    </message>
    <message>
        <source>approves orders by hand</source>
        <translation>gibt Bestellungen manuell frei</translation>
    </message>
    <message>
        <source>approves orders automatically</source>
        <translation>gibt Bestellungen automatisch frei</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>%1× %2</source>
        <translation>%1× %2</translation>
    </message>
    <message>
        <source>placed, validating</source>
        <translation>aufgegeben, wird geprüft</translation>
    </message>
    <message>
        <source>validated, awaiting payment</source>
        <translation>geprüft, wartet auf Zahlung</translation>
    </message>
    <message>
        <source>paid — waiting for your approval</source>
        <translation>bezahlt – wartet auf Ihre Freigabe</translation>
    </message>
    <message>
        <source>paid, being approved</source>
        <translation>bezahlt, wird freigegeben</translation>
    </message>
    <message>
        <source>approved, finding a driver</source>
        <translation>freigegeben, Fahrer wird gesucht</translation>
    </message>
    <message>
        <source>This restaurant approves orders automatically.</source>
        <translation>Dieses Restaurant gibt Bestellungen automatisch frei.</translation>
    </message>
    <message>
        <source>Select a paid order to approve or reject it.</source>
        <translation>Wählen Sie eine bezahlte Bestellung aus, um sie freizugeben oder abzulehnen.</translation>
    </message>
    <message>
        <source>Sending your decision…</source>
        <translation>Ihre Entscheidung wird gesendet…</translation>
    </message>
    <message>
        <source>Only paid orders wait for approval.</source>
        <translation>Nur bezahlte Bestellungen warten auf Freigabe.</translation>
    </message>
    <message>
        <source>This order waits for your decision.</source>
        <translation>Diese Bestellung wartet auf Ihre Entscheidung.</translation>
    </message>
    <message>
        <source>Could not approve order %1: %2</source>
        <translation>Bestellung %1 konnte nicht freigegeben werden: %2</translation>
    </message>
    <message>
        <source>Reject order %1</source>
        <translation>Bestellung %1 ablehnen</translation>
    </message>
    <message>
        <source>Why is the order rejected? The customer sees the reason.</source>
        <translation>Warum wird die Bestellung abgelehnt? Der Kunde sieht die Begründung.</translation>
    </message>
    <message>
        <source>Out of an ingredient</source>
        <translation>Eine Zutat ist ausgegangen</translation>
    </message>
    <message>
        <source>Could not reject order %1: %2</source>
        <translation>Bestellung %1 konnte nicht abgelehnt werden: %2</translation>
    </message>
    <message>
        <source>Could not change the menu: %1</source>
        <translation>Die Speisekarte konnte nicht geändert werden: %1</translation>
    </message>
</context>
<context>
    <name>trefoil::ui::RowDiffModel</name>
    <message>
        <source>changed</source>
        <translation>geändert</translation>
    </message>
    <message>
        <source>added</source>
        <translation>hinzugefügt</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>entfernt</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>Old</source>
        <translation>Alt</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
</context>
<context>
    <name>trefoil::ui::ScreenshotTour</name>
    <message>
        <source>Cannot create %1</source>
        <translation>%1 kann nicht erstellt werden</translation>
    </message>
    <message>
        <source>A demo order failed: %1</source>
        <translation>Eine Demo-Bestellung ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>The Connect to… dialog did not open</source>
        <translation>Der Dialog „Verbinden mit…“ wurde nicht geöffnet</translation>
    </message>
    <message>
        <source>Could not save %1</source>
        <translation>%1 konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <source>No button %1 to open the %2 dialog</source>
        <translation>Keine Schaltfläche %1, um den Dialog %2 zu öffnen</translation>
    </message>
    <message>
        <source>The %1 dialog did not open</source>
        <translation>Der Dialog %1 wurde nicht geöffnet</translation>
    </message>
    <message>
        <source>Staging the demo incident failed: %1</source>
        <translation>Der Demo-Störfall konnte nicht vorbereitet werden: %1</translation>
    </message>
</context>
<context>
    <name>trefoil::ui::SettingsPage</name>
    <message>
        <source>&amp;Connect to…</source>
        <translation>&amp;Verbinden mit…</translation>
    </message>
    <message>
        <source>Keep for ever</source>
        <translation>Unbegrenzt aufbewahren</translation>
    </message>
    <message>
        <source>&amp;Apply retention</source>
        <translation>Aufbewahrung &amp;anwenden</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Endpoint:</source>
        <translation>Endpunkt:</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>System (%1)</source>
        <translation>System (%1)</translation>
    </message>
    <message>
        <source>The language changes when Trefoil starts again.</source>
        <translation>Die Sprache wechselt beim nächsten Start von Trefoil.</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Language and appearance</source>
        <translation>Sprache und Darstellung</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>Applies after Trefoil is restarted.</source>
        <translation>Wirkt nach einem Neustart von Trefoil.</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Farbschema:</translation>
    </message>
    <message>
        <source>Applies at once.</source>
        <translation>Wirkt sofort.</translation>
    </message>
    <message>
        <source> hours</source>
        <translation> Stunden</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Event retention (on the server)</source>
        <translation>Aufbewahrung von Ereignissen (auf dem Server)</translation>
    </message>
    <message>
        <source>&amp;Delivered events:</source>
        <translation>&amp;Zugestellte Ereignisse:</translation>
    </message>
    <message>
        <source>D&amp;ead events:</source>
        <translation>&amp;Endgültig fehlgeschlagene Ereignisse:</translation>
    </message>
    <message>
        <source>Older events are deleted by the server every minute. Pending and retrying events are always kept.</source>
        <translation>Ältere Ereignisse löscht der Server jede Minute. Ausstehende Ereignisse und solche, die wiederholt werden, bleiben immer erhalten.</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>Could not read the server&apos;s settings: %1</source>
        <translation>Die Einstellungen des Servers konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Could not change the retention: %1</source>
        <translation>Die Aufbewahrung konnte nicht geändert werden: %1</translation>
    </message>
    <message>
        <source>Retention saved.</source>
        <translation>Aufbewahrung gespeichert.</translation>
    </message>
</context>
<context>
    <name>trefoil::ui::StartupView</name>
    <message>
        <source>Starting Trefoil</source>
        <translation>Trefoil startet</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Startet…</translation>
    </message>
    <message>
        <source>Trefoil could not start</source>
        <translation>Trefoil konnte nicht starten</translation>
    </message>
</context>
<context>
    <name>trefoil::ui::ThroughputPage</name>
    <message>
        <source>Waiting for the first figures…</source>
        <translation>Warten auf die ersten Werte…</translation>
    </message>
    <message>
        <source>Orders placed</source>
        <translation>Aufgegebene Bestellungen</translation>
    </message>
    <message>
        <source>seconds ago</source>
        <translation>Sekunden zuvor</translation>
    </message>
    <message>
        <source>per second</source>
        <translation>pro Sekunde</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Could not read the event rates: %1</source>
        <translation>Die Ereignisraten konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>%1 %2 ms</source>
        <translation>%1 %2 ms</translation>
    </message>
    <message>
        <source>All triggers</source>
        <translation>Alle Trigger</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <source>Freeze the charts; the figures keep being collected meanwhile</source>
        <translation>Die Diagramme einfrieren; die Werte werden währenddessen weiter erfasst</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>PNG exportieren…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>Events of:</source>
        <translation>Ereignisse von:</translation>
    </message>
    <message>
        <source>Validated</source>
        <translation>Geprüft</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Bezahlt</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Freigegeben</translation>
    </message>
    <message>
        <source>Driver assigned</source>
        <translation>Fahrer zugewiesen</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Orders that reached this stage in the window. An order that took more than a minute after it was placed to get there is not counted (the figures are read from the orders placed since a minute before the window, so that the query stays cheap).</source>
        <translation>Bestellungen, die diese Stufe im Zeitfenster erreicht haben. Eine Bestellung, die nach ihrer Aufgabe mehr als eine Minute bis dorthin gebraucht hat, wird nicht gezählt (die Werte stammen aus den Bestellungen, die seit einer Minute vor dem Zeitfenster aufgegeben wurden, damit die Abfrage günstig bleibt).</translation>
    </message>
    <message>
        <source>Orders per second</source>
        <translation>Bestellungen pro Sekunde</translation>
    </message>
    <message>
        <source>Placed</source>
        <translation>Aufgegeben</translation>
    </message>
    <message>
        <source>Completed (driver assigned)</source>
        <translation>Abgeschlossen (Fahrer zugewiesen)</translation>
    </message>
    <message>
        <source>Events per second</source>
        <translation>Ereignisse pro Sekunde</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Zugestellt</translation>
    </message>
    <message>
        <source>Failed attempts</source>
        <translation>Fehlgeschlagene Versuche</translation>
    </message>
    <message>
        <source>Dead</source>
        <translation>Endgültig fehlgeschlagen</translation>
    </message>
    <message>
        <source>Time to reach each stage from the one before: p95 (thick), p50 (thin)</source>
        <translation>Zeit von einer Stufe bis zur nächsten: p95 (dick), p50 (dünn)</translation>
    </message>
    <message>
        <source>%1, p50 ms</source>
        <translation>%1, p50 ms</translation>
    </message>
    <message>
        <source>%1, p95 ms</source>
        <translation>%1, p95 ms</translation>
    </message>
    <message>
        <source>Pending backlog</source>
        <translation>Rückstau ausstehender Ereignisse</translation>
    </message>
    <message>
        <source>events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>Last minute</source>
        <translation>Letzte Minute</translation>
    </message>
    <message>
        <source>Last %1 minutes</source>
        <translation>Letzte %1 Minuten</translation>
    </message>
    <message>
        <source>minutes ago</source>
        <translation>Minuten zuvor</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Could not read the order figures: %1</source>
        <translation>Die Bestellzahlen konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>This server has no order figures (the demo is not installed): orders are counted from the workflow&apos;s events, and the counters and stage latencies stay empty.</source>
        <translation>Dieser Server hat keine Bestellzahlen (die Demo ist nicht installiert): Bestellungen werden aus den Ereignissen des Workflows gezählt; die Zähler und Stufenlatenzen bleiben leer.</translation>
    </message>
    <message>
        <source>Counters: orders that reached each stage in the last minute.</source>
        <translation>Zähler: Bestellungen, die jede Stufe in der letzten Minute erreicht haben.</translation>
    </message>
    <message>
        <source>Counters: orders that reached each stage in the last %1 minutes.</source>
        <translation>Zähler: Bestellungen, die jede Stufe in den letzten %1 Minuten erreicht haben.</translation>
    </message>
    <message>
        <source>Stage latency over the last %1 seconds, p95: %2.</source>
        <translation>Stufenlatenz der letzten %1 Sekunden, p95: %2.</translation>
    </message>
    <message>
        <source>%1
%2: %3</source>
        <translation>%1
%2: %3</translation>
    </message>
    <message>
        <source>Export the charts as PNG</source>
        <translation>Diagramme als PNG exportieren</translation>
    </message>
    <message>
        <source>Export the figures as CSV</source>
        <translation>Werte als CSV exportieren</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>%1 konnte nicht geschrieben werden.</translation>
    </message>
</context>
<context>
    <name>trefoil::ui::TriggerDraft</name>
    <message>
        <source>The name must be 1 to 63 letters, digits, &apos;_&apos; or &apos;-&apos;.</source>
        <translation>Der Name muss aus 1 bis 63 Buchstaben, Ziffern, „_“ oder „-“ bestehen.</translation>
    </message>
    <message>
        <source>Choose the table whose changes fire the trigger.</source>
        <translation>Wählen Sie die Tabelle, deren Änderungen den Trigger auslösen.</translation>
    </message>
    <message>
        <source>Choose at least one operation (insert, update, delete or manual).</source>
        <translation>Wählen Sie mindestens eine Operation (Einfügen, Aktualisieren, Löschen oder Manuell).</translation>
    </message>
    <message>
        <source>Choose the built-in function that handles the events.</source>
        <translation>Wählen Sie die integrierte Funktion, die die Ereignisse verarbeitet.</translation>
    </message>
    <message>
        <source>The webhook must be an http or https URL, like https://example.com/hook.</source>
        <translation>Der Webhook muss eine http- oder https-URL sein, z. B. https://example.com/hook.</translation>
    </message>
    <message>
        <source>Every header with a value needs a name.</source>
        <translation>Jeder Header mit einem Wert braucht einen Namen.</translation>
    </message>
    <message>
        <source>Header %1 is taken from an environment variable: name the variable.</source>
        <translation>Header %1 wird aus einer Umgebungsvariablen übernommen: Geben Sie den Namen der Variablen an.</translation>
    </message>
    <message>
        <source>The timeout must be at least one second.</source>
        <translation>Das Zeitlimit muss mindestens eine Sekunde betragen.</translation>
    </message>
</context>
<context>
    <name>trefoil::ui::TriggerEditorDialog</name>
    <message>
        <source>&amp;Insert</source>
        <translation>&amp;Einfügen</translation>
    </message>
    <message>
        <source>&amp;Update</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>&amp;Manual</source>
        <translation>&amp;Manuell</translation>
    </message>
    <message>
        <source>&amp;Built-in function:</source>
        <translation>&amp;Integrierte Funktion:</translation>
    </message>
    <message>
        <source>&amp;Webhook URL:</source>
        <translation>&amp;Webhook-URL:</translation>
    </message>
    <message>
        <source>Add &amp;header</source>
        <translation>&amp;Header hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Remove header</source>
        <translation>Header ent&amp;fernen</translation>
    </message>
    <message>
        <source>Edit trigger %1</source>
        <translation>Trigger %1 bearbeiten</translation>
    </message>
    <message>
        <source>New trigger</source>
        <translation>Neuer Trigger</translation>
    </message>
    <message>
        <source>e.g. notify-kitchen</source>
        <translation>z. B. notify-kitchen</translation>
    </message>
    <message>
        <source>Loading tables…</source>
        <translation>Tabellen werden geladen…</translation>
    </message>
    <message>
        <source>Loading functions…</source>
        <translation>Funktionen werden geladen…</translation>
    </message>
    <message>
        <source>https://example.com/hook</source>
        <translation>https://example.com/hook</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>From server env</source>
        <translation>Aus Server-Umgebung</translation>
    </message>
    <message>
        <source>Checked: the value is the name of an environment variable of the server that holds it.</source>
        <translation>Angehakt: Der Wert ist der Name einer Umgebungsvariablen des Servers, die ihn enthält.</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Fixed interval</source>
        <translation>Festes Intervall</translation>
    </message>
    <message>
        <source>Exponential (doubling)</source>
        <translation>Exponentiell (verdoppelnd)</translation>
    </message>
    <message>
        <source>An update fires it when one of these columns changes (none checked: any).</source>
        <translation>Eine Aktualisierung löst ihn aus, wenn sich eine dieser Spalten ändert (keine angehakt: jede).</translation>
    </message>
    <message>
        <source>Fires on</source>
        <translation>Ausgelöst durch</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Table:</source>
        <translation>&amp;Tabelle:</translation>
    </message>
    <message>
        <source>Operations:</source>
        <translation>Operationen:</translation>
    </message>
    <message>
        <source>Handled by</source>
        <translation>Verarbeitet von</translation>
    </message>
    <message>
        <source>Retries</source>
        <translation>Wiederholungen</translation>
    </message>
    <message>
        <source>Re&amp;tries:</source>
        <translation>Wie&amp;derholungen:</translation>
    </message>
    <message>
        <source>&amp;Interval:</source>
        <translation>Inter&amp;vall:</translation>
    </message>
    <message>
        <source>&amp;Backoff:</source>
        <translation>&amp;Backoff:</translation>
    </message>
    <message>
        <source>Time&amp;out per attempt:</source>
        <translation>&amp;Zeitlimit pro Versuch:</translation>
    </message>
    <message>
        <source>&amp;Save changes</source>
        <translation>Änderungen &amp;speichern</translation>
    </message>
    <message>
        <source>&amp;Create trigger</source>
        <translation>Trigger e&amp;rstellen</translation>
    </message>
    <message>
        <source>Could not list the tables: %1</source>
        <translation>Die Tabellen konnten nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <source>Could not list the columns: %1</source>
        <translation>Die Spalten konnten nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <source>Could not list the built-in functions: %1</source>
        <translation>Die integrierten Funktionen konnten nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <source>The server did not take the trigger: %1</source>
        <translation>Der Server hat den Trigger nicht angenommen: %1</translation>
    </message>
</context>
<context>
    <name>trefoil::ui::TriggerStatsModel</name>
    <message>
        <source>insert</source>
        <translation>Einfügen</translation>
    </message>
    <message>
        <source>update</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>Manuell</translation>
    </message>
    <message>
        <source>Disabled, paused</source>
        <translation>Deaktiviert, pausiert</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Deaktiviert</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation>Trigger</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>Operations</source>
        <translation>Operationen</translation>
    </message>
    <message>
        <source>Handler</source>
        <translation>Handler</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Delivered/s</source>
        <translation>Zugestellt/s</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Backlog</source>
        <translation>Rückstau</translation>
    </message>
    <message>
        <source>Dead</source>
        <translation>Endgültig fehlgeschlagen</translation>
    </message>
    <message>
        <source>built-in: %1</source>
        <translation>integriert: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) delivered in the window</source>
        <translation>
            <numerusform>%n Ereignis im Zeitfenster zugestellt</numerusform>
            <numerusform>%n Ereignisse im Zeitfenster zugestellt</numerusform>
        </translation>
    </message>
    <message>
        <source>Failed delivery attempts in the window</source>
        <translation>Fehlgeschlagene Zustellversuche im Zeitfenster</translation>
    </message>
    <message>
        <source>%1 pending, %2 being delivered</source>
        <translation>%1 ausstehend, %2 in Zustellung</translation>
    </message>
    <message>
        <source>Events that used up their retries (all time)</source>
        <translation>Ereignisse, die alle Wiederholungen aufgebraucht haben (insgesamt)</translation>
    </message>
</context>
<context>
    <name>trefoil::ui::TriggersPage</name>
    <message>
        <source>&amp;New trigger…</source>
        <translation>&amp;Neuer Trigger…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>Di&amp;sable</source>
        <translation>&amp;Deaktivieren</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pausieren</translation>
    </message>
    <message>
        <source>&amp;Fire manually…</source>
        <translation>&amp;Manuell auslösen…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>No event triggers yet. Create one with New trigger…</source>
        <translation>Noch keine Event-Trigger. Legen Sie einen mit „Neuer Trigger…“ an.</translation>
    </message>
    <message>
        <source>Delivered/s and Failed: the last minute. Backlog (pending and being delivered) and Dead: now. Refreshed every second and a half while shown.</source>
        <translation>„Zugestellt/s“ und „Fehlgeschlagen“: die letzte Minute. „Rückstau“ (ausstehend und in Zustellung) und „Endgültig fehlgeschlagen“: aktuell. Wird alle anderthalb Sekunden aktualisiert, solange die Seite angezeigt wird.</translation>
    </message>
    <message>
        <source>A disabled trigger makes no new events.</source>
        <translation>Ein deaktivierter Trigger erzeugt keine neuen Ereignisse.</translation>
    </message>
    <message>
        <source>A paused trigger keeps making events but delivers none until resumed.</source>
        <translation>Ein pausierter Trigger erzeugt weiter Ereignisse, stellt aber keine zu, bis er fortgesetzt wird.</translation>
    </message>
    <message>
        <source>Could not read the triggers: %1</source>
        <translation>Die Trigger konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Ena&amp;ble</source>
        <translation>&amp;Aktivieren</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>This trigger does not allow manual firing: enable Manual in Edit.</source>
        <translation>Dieser Trigger erlaubt kein manuelles Auslösen: Aktivieren Sie „Manuell“ unter „Bearbeiten“.</translation>
    </message>
    <message>
        <source>Fire the trigger once on a row you choose.</source>
        <translation>Den Trigger einmal mit einer Zeile Ihrer Wahl auslösen.</translation>
    </message>
    <message>
        <source>Trigger %1 created.</source>
        <translation>Trigger %1 erstellt.</translation>
    </message>
    <message>
        <source>Trigger %1 saved.</source>
        <translation>Trigger %1 gespeichert.</translation>
    </message>
    <message>
        <source>Trigger %1 fired: event %2 is queued.</source>
        <translation>Trigger %1 ausgelöst: Ereignis %2 steht in der Warteschlange.</translation>
    </message>
    <message>
        <source>Could not change trigger %1: %2</source>
        <translation>Trigger %1 konnte nicht geändert werden: %2</translation>
    </message>
    <message>
        <source>Delete trigger</source>
        <translation>Trigger löschen</translation>
    </message>
    <message>
        <source>Delete trigger %1? It makes no more events; this cannot be undone.</source>
        <translation>Trigger %1 löschen? Er erzeugt dann keine Ereignisse mehr; das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>&amp;Delete %1</source>
        <translation>%1 &amp;löschen</translation>
    </message>
    <message>
        <source>Could not delete trigger %1: %2</source>
        <translation>Trigger %1 konnte nicht gelöscht werden: %2</translation>
    </message>
    <message>
        <source>Trigger %1 deleted.</source>
        <translation>Trigger %1 gelöscht.</translation>
    </message>
</context>
<context>
    <name>trefoil::ui::WorkflowProgressDelegate</name>
    <message numerus="yes">
        <source>%1 dead after %n tries</source>
        <translation>
            <numerusform>%1 nach %n Versuch endgültig fehlgeschlagen</numerusform>
            <numerusform>%1 nach %n Versuchen endgültig fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 failing, try %2</source>
        <translation>%1 schlägt fehl, Versuch %2</translation>
    </message>
    <message>
        <source>✓ %1</source>
        <translation>✓ %1</translation>
    </message>
    <message>
        <source>▶ %1 (in progress)</source>
        <translation>▶ %1 (läuft)</translation>
    </message>
    <message>
        <source>✗ %1: %2</source>
        <translation>✗ %1: %2</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>· %1</source>
        <translation>· %1</translation>
    </message>
</context>
</TS>
