<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Send the message</source>
        <translation>发送消息</translation>
    </message>
    <message>
        <source>New line in the message</source>
        <translation>在消息中换行</translation>
    </message>
    <message>
        <source>Next or previous control</source>
        <translation>下一个或上一个控件</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Every action is also in the menus. These keys reach them directly.</source>
        <translation>所有操作都可在菜单中找到，以下按键可直接执行。</translation>
    </message>
    <message>
        <source>{action}: {keys}</source>
        <translation>{action}：{keys}</translation>
    </message>
</context>
</TS>
