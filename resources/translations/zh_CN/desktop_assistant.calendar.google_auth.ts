<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>GoogleAuth</name>
    <message>
        <source>Google Calendar</source>
        <translation>Google 日历</translation>
    </message>
    <message>
        <source>Signed in to {label}.</source>
        <translation>已登录 {label}。</translation>
    </message>
</context>
</TS>
