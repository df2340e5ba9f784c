<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>trefoil::ui::ConnectionState</name>
    <message numerus="yes">
        <source>Reconnecting in %n s (attempt %1)</source>
        <translation>
            <numerusform>Reconnecting in %n s (attempt %1)</numerusform>
            <numerusform>Reconnecting in %n s (attempt %1)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>trefoil::ui::FireTriggerDialog</name>
    <message numerus="yes">
        <source>Choose the row the event carries (the first %n row(s) of %1 by primary key).</source>
        <translation>
            <numerusform>Choose the row the event carries (the first %n row of %1 by primary key).</numerusform>
            <numerusform>Choose the row the event carries (the first %n rows of %1 by primary key).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>trefoil::ui::GraphqlWsClient</name>
    <message numerus="yes">
        <source>The server did not complete the connection within %n s.</source>
        <translation>
            <numerusform>The server did not complete the connection within %n s.</numerusform>
            <numerusform>The server did not complete the connection within %n s.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The server stopped answering: no reply to a ping within %n s.</source>
        <translation>
            <numerusform>The server stopped answering: no reply to a ping within %n s.</numerusform>
            <numerusform>The server stopped answering: no reply to a ping within %n s.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>trefoil::ui::PlaceManyDialog</name>
    <message numerus="yes">
        <source>%n failed; the first error: %1</source>
        <translation>
            <numerusform>%n failed; the first error: %1</numerusform>
            <numerusform>%n failed; the first error: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>trefoil::ui::TriggerStatsModel</name>
    <message numerus="yes">
        <source>%n event(s) delivered in the window</source>
        <translation>
            <numerusform>%n event delivered in the window</numerusform>
            <numerusform>%n events delivered in the window</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>trefoil::ui::WorkflowProgressDelegate</name>
    <message numerus="yes">
        <source>%1 dead after %n tries</source>
        <translation>
            <numerusform>%1 dead after %n try</numerusform>
            <numerusform>%1 dead after %n tries</numerusform>
        </translation>
    </message>
</context>
</TS>
