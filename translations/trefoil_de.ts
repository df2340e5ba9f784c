<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
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
    <name>trefoil::ui::GraphqlEndpoint</name>
    <message>
        <source>&quot;%1&quot; is not a server address; expected e.g. http://127.0.0.1:8080.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address must start with http://, https://, ws:// or wss://, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>trefoil::ui::GraphqlResult</name>
    <message>
        <source>The server reported an error without a message.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>trefoil::ui::GraphqlWsClient</name>
    <message numerus="yes">
        <source>The server did not complete the connection within %n s.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The server stopped answering: no reply to a ping within %n s.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The connection was opened anew.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection was closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection was closed before the operation was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected to the server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected to the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent a message that is not part of the protocol (a binary frame).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server at %1 does not offer GraphQL over WebSocket (graphql-transport-ws). Check the address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not connect to %1: %2</source>
        <translation>Keine Verbindung zu %1: %2</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server closed the connection (code %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server closed the connection (code %1: %2).</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent a message that is not part of the protocol: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server ended the operation without a result.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection was lost before the server answered, so it is not known whether the operation took effect. %1</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restaurant</source>
        <translation>Restaurant</translation>
    </message>
    <message>
        <source>One restaurant&apos;s incoming orders, oldest first, with approval by hand and its menu&apos;s availability.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>Durchsatz</translation>
    </message>
    <message>
        <source>Orders and events per second and each step&apos;s latency, charted live.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>Find failed and dead events, read their invocation logs and redeliver them. This page comes with the next release (Dashboard II).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Triggers</source>
        <translation>Trigger</translation>
    </message>
    <message>
        <source>Event triggers: pause, resume and tune retries and concurrency. This page comes with the next release (Dashboard II).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Functions</source>
        <translation>Funktionen</translation>
    </message>
    <message>
        <source>The workflow&apos;s functions: stage incidents with failure rates, latency and timeouts. This page comes with the next release (Dashboard II).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Connection, worker and retention settings. This page comes with the next release (Dashboard II).</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
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
    <name>trefoil::ui::ScreenshotTour</name>
    <message>
        <source>Cannot create %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A demo order failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Connect to… dialog did not open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save %1</source>
        <translation type="unfinished"></translation>
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
</TS>
