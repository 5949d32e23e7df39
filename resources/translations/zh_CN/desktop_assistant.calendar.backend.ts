<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Calendars</name>
    <message>
        <source>your local calendar</source>
        <translation>本地日历</translation>
    </message>
    <message>
        <source>Google Calendar</source>
        <translation>Google 日历</translation>
    </message>
    <message>
        <source>the CalDAV calendar at {host}</source>
        <translation>{host} 上的 CalDAV 日历</translation>
    </message>
</context>
</TS>
