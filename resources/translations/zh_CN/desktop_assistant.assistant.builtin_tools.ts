<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Memory</name>
    <message>
        <source>Remember: {fact}</source>
        <translation>记住：{fact}</translation>
    </message>
    <message>
        <source>Forgot: {fact}</source>
        <translation>已忘记：{fact}</translation>
    </message>
</context>
</TS>
