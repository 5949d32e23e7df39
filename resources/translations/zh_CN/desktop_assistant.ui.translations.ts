<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>DateFormats</name>
    <message>
        <source>en_US</source>
        <comment>the locale (a QLocale name) of day and month names</comment>
        <translation>zh_CN</translation>
    </message>
</context>
</TS>
