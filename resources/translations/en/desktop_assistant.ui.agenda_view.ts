<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AgendaView</name>
    <message numerus="yes">
        <source>%n event(s) could not be read: {problem}</source>
        <translation>
            <numerusform>%n event could not be read: {problem}</numerusform>
            <numerusform>%n events could not be read: {problem}</numerusform>
        </translation>
    </message>
</context>
</TS>
