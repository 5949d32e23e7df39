<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Preferences</name>
    <message>
        <source>meeting_alert_minutes must be a whole number of minutes.</source>
        <translation>meeting_alert_minutes 必须是整数分钟。</translation>
    </message>
    <message>
        <source>meeting_alert_minutes must be between {low} and {high}.</source>
        <translation>meeting_alert_minutes 必须在 {low} 到 {high} 之间。</translation>
    </message>
    <message>
        <source>{key} must look like 09:00, not {text!r}.</source>
        <translation>{key} 的格式应为 09:00，而不是 {text!r}。</translation>
    </message>
</context>
</TS>
