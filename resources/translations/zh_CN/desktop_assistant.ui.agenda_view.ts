<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AgendaDock</name>
    <message>
        <source>Agenda</source>
        <translation>日程</translation>
    </message>
</context>
<context>
    <name>AgendaView</name>
    <message>
        <source>Agenda</source>
        <extracomment>A page was shown (events, &quot;nothing on&quot;, or the error): tests wait on it. An import finished, with a sentence saying what it did.</extracomment>
        <translation>日程</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Show today</source>
        <translation>显示今天</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <source>Show one day</source>
        <translation>按日显示</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <source>Show the week</source>
        <translation>按周显示</translation>
    </message>
    <message>
        <source>Period shown</source>
        <translation>显示的时间段</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>日程事项</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载……</translation>
    </message>
    <message>
        <source>Importing {file}…</source>
        <translation>正在导入 {file}……</translation>
    </message>
    <message>
        <source>{file} could not be imported</source>
        <translation>无法导入 {file}</translation>
    </message>
    <message>
        <source>Today · {date}</source>
        <translation>今天 · {date}</translation>
    </message>
    <message>
        <source>Tomorrow · {date}</source>
        <translation>明天 · {date}</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) could not be read: {problem}</source>
        <translation>
            <numerusform>有 %n 个日程无法读取：{problem}</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing on your calendar this week.</source>
        <translation>本周日历上没有安排。</translation>
    </message>
    <message>
        <source>Nothing on your calendar that week.</source>
        <translation>该周日历上没有安排。</translation>
    </message>
    <message>
        <source>Nothing on your calendar today.</source>
        <translation>今天日历上没有安排。</translation>
    </message>
    <message>
        <source>Nothing on your calendar on {date}.</source>
        <translation>{date} 日历上没有安排。</translation>
    </message>
    <message>
        <source>Your calendar could not be read</source>
        <translation>无法读取日历</translation>
    </message>
    <message>
        <source>{what}: {reason}</source>
        <translation>{what}：{reason}</translation>
    </message>
</context>
</TS>
