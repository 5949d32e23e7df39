<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>MailTools</name>
    <message>
        <source>Deleted draft #{number}.</source>
        <translation>已删除草稿 #{number}。</translation>
    </message>
</context>
</TS>
