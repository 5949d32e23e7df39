<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Tools</name>
    <message>
        <source>Run {call}</source>
        <translation>运行 {call}</translation>
    </message>
</context>
</TS>
