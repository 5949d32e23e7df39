<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ChatInput</name>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Enter sends the message, Shift+Enter starts a new line</source>
        <translation>按 Enter 发送消息，按 Shift+Enter 换行</translation>
    </message>
    <message>
        <source>Message the assistant — Enter to send, Shift+Enter for a new line, /help for commands</source>
        <translation>给助手发消息 — Enter 发送，Shift+Enter 换行，输入 /help 查看命令</translation>
    </message>
</context>
</TS>
