<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>SlotChoices</name>
    <message>
        <source>Book option {number}: {when}</source>
        <translation>预订第 {number} 个时间：{when}</translation>
    </message>
    <message>
        <source>ddd dd MMM HH:mm</source>
        <translation>M月d日 ddd HH:mm</translation>
    </message>
    <message>
        <source>ddd HH:mm</source>
        <translation>ddd HH:mm</translation>
    </message>
    <message>
        <source>Each button picks one of these times</source>
        <translation>每个按钮对应其中一个时间</translation>
    </message>
    <message>
        <source>Option {number}: {when}</source>
        <translation>选项 {number}：{when}</translation>
    </message>
    <message>
        <source>Pick a time to book it</source>
        <translation>选择一个时间进行预订</translation>
    </message>
    <message>
        <source>Pick a time to schedule it</source>
        <translation>选择一个时间安排会议</translation>
    </message>
</context>
<context>
    <name>Workers</name>
    <message>
        <source>preparing the /schedule command</source>
        <translation>准备 /schedule 命令</translation>
    </message>
</context>
</TS>
