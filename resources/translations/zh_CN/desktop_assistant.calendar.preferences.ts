<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Preferences</name>
    <message>
        <source>calendar_backend must be one of {choices}, not {value!r}.</source>
        <translation>calendar_backend 必须是 {choices} 之一，而不是 {value!r}。</translation>
    </message>
    <message>
        <source>calendar_timeout must be a number of seconds.</source>
        <translation>calendar_timeout 必须是秒数。</translation>
    </message>
    <message>
        <source>{key} must look like 09:00-18:00, not {text!r}.</source>
        <translation>{key} 的格式应为 09:00-18:00，而不是 {text!r}。</translation>
    </message>
    <message>
        <source>{key} has a time that does not exist: {text!r}.</source>
        <translation>{key} 中有不存在的时间：{text!r}。</translation>
    </message>
    <message>
        <source>{key} must not start and end at the same time: {text!r}.</source>
        <translation>{key} 的开始和结束时间不能相同：{text!r}。</translation>
    </message>
    <message>
        <source>{key} must name days like Mon-Fri, not {text!r}.</source>
        <translation>{key} 应写成 Mon-Fri 这样的星期，而不是 {text!r}。</translation>
    </message>
    <message>
        <source>{key} names no days: {text!r}.</source>
        <translation>{key} 没有指定任何一天：{text!r}。</translation>
    </message>
</context>
</TS>
