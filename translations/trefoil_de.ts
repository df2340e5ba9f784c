<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Remember the secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Embedded database (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server&apos;s --admin-secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A remembered secret is stored unencrypted in Trefoil&apos;s settings file; otherwise you type it each time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server &amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Admin &amp;secret:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Recent connections:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>made for this run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not reachable yet (%1); still trying. Cancel to keep the current connection.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionState</name>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DiagnosticsDialog</name>
    <message>
        <source>Diagnostics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long the window went without answering input. Under 16 ms is smooth; over 100 ms is noticeable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worst stall in the last minute:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worst stall since start:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GraphqlEndpoint</name>
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
    <name>GraphqlResult</name>
    <message>
        <source>The server reported an error without a message.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GraphqlWsClient</name>
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
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to the server was lost: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the admin secret. Check the secret and connect again.</source>
        <translation type="unfinished"></translation>
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
    <name>MainWindow</name>
    <message>
        <source>Trefoil</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events delivered per second over the last 10 s (every delivery attempt counts)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connect to…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Diagnostics…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Trefoil</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>○ Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>○ Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>○ Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%L1 events/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>– events/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database connection was lost (%1); Trefoil reconnects by itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>behind %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Trefoil</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Trefoil %1&lt;/h3&gt;&lt;p&gt;Realtime GraphQL, reliable eventing and the order workflow, with the dashboard that shows them.&lt;/p&gt;&lt;p&gt;Qt %2&lt;br&gt;PostgreSQL %3&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not known yet)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScreenshotTour</name>
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
    <name>StartupView</name>
    <message>
        <source>Starting Trefoil</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trefoil could not start</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>trefoil::ui::MainWindow</name>
    <message>
        <source>Orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every order, live, with its progress through the workflow: placed, validated, paid, approved, assigned. Place an order or many from here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restaurant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One restaurant&apos;s incoming orders, oldest first, with approval by hand and its menu&apos;s availability.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orders and events per second and each step&apos;s latency, charted live.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find failed and dead events, read their invocation logs and redeliver them. This page comes with the next release (Dashboard II).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Triggers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event triggers: pause, resume and tune retries and concurrency. This page comes with the next release (Dashboard II).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Functions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The workflow&apos;s functions: stage incidents with failure rates, latency and timeouts. This page comes with the next release (Dashboard II).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection, worker and retention settings. This page comes with the next release (Dashboard II).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
