<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ModelSettingsWidget</name>
    <message numerus="yes">
        <source>{name} at {url} (%n model(s))</source>
        <translation>
            <numerusform>{name} at {url} (%n model)</numerusform>
            <numerusform>{name} at {url} (%n models)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The server offers %n model(s).</source>
        <translation>
            <numerusform>The server offers %n model.</numerusform>
            <numerusform>The server offers %n models.</numerusform>
        </translation>
    </message>
</context>
</TS>
