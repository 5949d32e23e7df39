<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AuditLogDialog</name>
    <message numerus="yes">
        <source>%n entry(s) (more below: Load older).</source>
        <translation>
            <numerusform>%n entry (more below: Load older).</numerusform>
            <numerusform>%n entries (more below: Load older).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entry(s).</source>
        <translation>
            <numerusform>%n entry.</numerusform>
            <numerusform>%n entries.</numerusform>
        </translation>
    </message>
</context>
</TS>
