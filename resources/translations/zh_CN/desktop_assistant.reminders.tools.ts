<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Reminders</name>
    <message>
        <source>Remind you: {text} ({when}, {repeat})</source>
        <translation>提醒你：{text}（{when}，{repeat}）</translation>
    </message>
    <message>
        <source>Remind you: {text} ({when})</source>
        <translation>提醒你：{text}（{when}）</translation>
    </message>
    <message>
        <source>Removed reminder #{number}: {text}</source>
        <translation>已删除提醒 #{number}：{text}</translation>
    </message>
    <message>
        <source>Cancel reminder #{number}</source>
        <translation>取消提醒 #{number}</translation>
    </message>
    <message>
        <source>Restored reminder #{number}: {text}</source>
        <translation>已恢复提醒 #{number}：{text}</translation>
    </message>
</context>
</TS>
