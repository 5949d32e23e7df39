<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AgendaEvent</name>
    <message>
        <source>All day</source>
        <translation>全天</translation>
    </message>
    <message>
        <source>All day · until {date}</source>
        <translation>全天 · 至 {date}</translation>
    </message>
    <message>
        <source>(no title)</source>
        <translation>（无标题）</translation>
    </message>
    <message>
        <source>&lt;a href=&quot;{link}&quot;&gt;Join the video call&lt;/a&gt; ({host})</source>
        <translation>&lt;a href=&quot;{link}&quot;&gt;加入视频会议&lt;/a&gt;（{host}）</translation>
    </message>
    <message>
        <source>Video: {link}</source>
        <translation>视频会议：{link}</translation>
    </message>
    <message>
        <source>{names} and {count} more</source>
        <translation>{names} 等另外 {count} 人</translation>
    </message>
    <message>
        <source>With {names}</source>
        <translation>参会人：{names}</translation>
    </message>
    <message>
        <source>↻ Repeats</source>
        <translation>↻ 重复</translation>
    </message>
    <message>
        <source>Tentative</source>
        <translation>暂定</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Shown as free</source>
        <translation>显示为空闲</translation>
    </message>
    <message>
        <source>From {calendar}</source>
        <translation>来自 {calendar}</translation>
    </message>
</context>
<context>
    <name>DateFormats</name>
    <message>
        <source>ddd dd MMM</source>
        <translation>M月d日 ddd</translation>
    </message>
    <message>
        <source>dddd dd MMMM</source>
        <translation>M月d日 dddd</translation>
    </message>
    <message>
        <source>ddd dd MMM yyyy</source>
        <translation>yyyy年M月d日 ddd</translation>
    </message>
</context>
</TS>
