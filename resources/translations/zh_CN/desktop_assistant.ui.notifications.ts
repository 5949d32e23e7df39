<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Notifier</name>
    <message>
        <source>Open</source>
        <extracomment>The person chose an action: the Notification and the action&apos;s key (&quot;open&quot; for a click). Neither a notification service nor a tray icon could show this Notification. Shown: the Notification and how (&quot;dbus&quot; or &quot;tray&quot;).</extracomment>
        <translation>打开</translation>
    </message>
</context>
</TS>
