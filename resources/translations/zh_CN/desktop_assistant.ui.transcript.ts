<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Transcript</name>
    <message>
        <source>Conversation</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>&lt;h2&gt;How can I help?&lt;/h2&gt;&lt;p&gt;Ask about your meetings, documents, emails and reminders.&lt;br&gt;Type &lt;b&gt;/help&lt;/b&gt; for commands that work without a model.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;有什么可以帮你？&lt;/h2&gt;&lt;p&gt;可以问我会议、文档、邮件和提醒方面的问题。&lt;br&gt;输入 &lt;b&gt;/help&lt;/b&gt; 查看无需模型即可使用的命令。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Thinking…</source>
        <translation>正在思考…</translation>
    </message>
</context>
</TS>
