<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>MemoryList</name>
    <message>
        <source>The assistant reads these facts before every answer. Delete what it should forget.</source>
        <translation>助手在每次回答前都会读取这些信息。删除希望它忘记的内容。</translation>
    </message>
    <message>
        <source>Nothing remembered yet. Ask the assistant to remember something, or type /remember followed by the fact.</source>
        <translation>还没有记住任何内容。可以让助手记住某件事，或输入 /remember 加上要记住的内容。</translation>
    </message>
    <message>
        <source>Remembered facts</source>
        <translation>已记住的信息</translation>
    </message>
    <message>
        <source>Remembered {when}</source>
        <translation>记录于 {when}</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete: {fact}</source>
        <translation>删除：{fact}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>个人资料</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>记忆</translation>
    </message>
    <message>
        <source>Calendars</source>
        <translation>日历</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮件</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>隐私</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
</TS>
