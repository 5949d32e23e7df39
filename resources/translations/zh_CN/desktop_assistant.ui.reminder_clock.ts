<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ReminderClock</name>
    <message>
        <source>Checking reminders failed: {reason}</source>
        <translation>检查提醒失败：{reason}</translation>
    </message>
</context>
</TS>
