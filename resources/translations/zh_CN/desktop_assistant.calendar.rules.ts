<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Rules</name>
    <message>
        <source>every second</source>
        <translation>每秒</translation>
    </message>
    <message>
        <source>every minute</source>
        <translation>每分钟</translation>
    </message>
    <message>
        <source>every hour</source>
        <translation>每小时</translation>
    </message>
    <message>
        <source>every day</source>
        <translation>每天</translation>
    </message>
    <message>
        <source>every week</source>
        <translation>每周</translation>
    </message>
    <message>
        <source>every month</source>
        <translation>每月</translation>
    </message>
    <message>
        <source>every year</source>
        <translation>每年</translation>
    </message>
    <message>
        <source>every {count} seconds</source>
        <translation>每 {count} 秒</translation>
    </message>
    <message>
        <source>every {count} minutes</source>
        <translation>每 {count} 分钟</translation>
    </message>
    <message>
        <source>every {count} hours</source>
        <translation>每 {count} 小时</translation>
    </message>
    <message>
        <source>every {count} days</source>
        <translation>每 {count} 天</translation>
    </message>
    <message>
        <source>every {count} weeks</source>
        <translation>每 {count} 周</translation>
    </message>
    <message>
        <source>every {count} months</source>
        <translation>每 {count} 个月</translation>
    </message>
    <message>
        <source>every {count} years</source>
        <translation>每 {count} 年</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>the first {day}</source>
        <translation>第一个{day}</translation>
    </message>
    <message>
        <source>the second {day}</source>
        <translation>第二个{day}</translation>
    </message>
    <message>
        <source>the third {day}</source>
        <translation>第三个{day}</translation>
    </message>
    <message>
        <source>the fourth {day}</source>
        <translation>第四个{day}</translation>
    </message>
    <message>
        <source>the fifth {day}</source>
        <translation>第五个{day}</translation>
    </message>
    <message>
        <source>the last {day}</source>
        <translation>最后一个{day}</translation>
    </message>
    <message>
        <source>the second to last {day}</source>
        <translation>倒数第二个{day}</translation>
    </message>
    <message>
        <source>every week on {days}</source>
        <translation>每{days}</translation>
    </message>
    <message>
        <source>every month on {days}</source>
        <translation>每月{days}</translation>
    </message>
    <message>
        <source>repeats ({rule})</source>
        <translation>重复（{rule}）</translation>
    </message>
    <message>
        <source>every weekday</source>
        <translation>每个工作日</translation>
    </message>
    <message>
        <source>{every} on {days}</source>
        <translation>{every}的{days}</translation>
    </message>
    <message>
        <source>{rule}, {count} times</source>
        <translation>{rule}，共 {count} 次</translation>
    </message>
    <message>
        <source>{rule}, until {date}</source>
        <translation>{rule}，直到 {date}</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between days</comment>
        <translation>、</translation>
    </message>
    <message>
        <source> and </source>
        <comment>before the last day</comment>
        <translation>、</translation>
    </message>
</context>
</TS>
