<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Providers</name>
    <message>
        <source>Server on port {port}</source>
        <translation>端口 {port} 上的服务器</translation>
    </message>
</context>
</TS>
