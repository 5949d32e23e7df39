<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Forms</name>
    <message>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>{what} {day}</source>
        <translation>{what}{day}</translation>
    </message>
    <message>
        <source>{first}-{last}</source>
        <translation>{first}至{last}</translation>
    </message>
    <message>
        <source>,</source>
        <comment>between listed days</comment>
        <translation>、</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Saving the password in the keyring…</source>
        <translation>正在将密码保存到密钥环…</translation>
    </message>
    <message>
        <source>{saved} {password}</source>
        <translation>{saved}{password}</translation>
    </message>
    <message>
        <source>The settings were saved, but the password was not: {error}</source>
        <translation>设置已保存，但密码未能保存：{error}</translation>
    </message>
    <message>
        <source>The settings could not be written: {error}</source>
        <translation>无法写入设置：{error}</translation>
    </message>
</context>
</TS>
