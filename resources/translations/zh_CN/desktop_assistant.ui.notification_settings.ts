<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>NotificationSettings</name>
    <message>
        <source>Meeting alerts</source>
        <translation>会议提醒</translation>
    </message>
    <message>
        <source>Daily briefing</source>
        <translation>每日简报</translation>
    </message>
    <message>
        <source>Briefing days</source>
        <translation>简报日</translation>
    </message>
    <message>
        <source>Quiet hours</source>
        <translation>免打扰时段</translation>
    </message>
    <message>
        <source>Working hours (Settings → Calendars)</source>
        <translation>工作时间（设置 → 日历）</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <source>System time zone ({zone})</source>
        <translation>系统时区（{zone}）</translation>
    </message>
    <message>
        <source>22:00-08:00 (none if empty)</source>
        <translation>22:00-08:00（留空则不设）</translation>
    </message>
    <message>
        <source>Only urgent reminders in these hours; the rest wait until after</source>
        <translation>此时段内只发送紧急提醒，其余提醒推迟到之后</translation>
    </message>
    <message>
        <source>Alert before meetings</source>
        <translation>会前提醒</translation>
    </message>
    <message>
        <source> min before</source>
        <translation> 分钟前</translation>
    </message>
    <message>
        <source>09:00 (none if empty)</source>
        <translation>09:00（留空则不发送）</translation>
    </message>
    <message>
        <source>Daily briefing time</source>
        <translation>每日简报时间</translation>
    </message>
    <message>
        <source>Briefing on</source>
        <translation>简报日：</translation>
    </message>
    <message>
        <source>Keep running when the window is closed, so reminders still come</source>
        <translation>关闭窗口后继续运行，以便照常收到提醒</translation>
    </message>
    <message>
        <source>Start at login (in the background)</source>
        <translation>登录时启动（在后台运行）</translation>
    </message>
    <message>
        <source>{hours}, {days} (change them under Calendars: free-time search uses them too)</source>
        <translation>{hours}，{days}（在“日历”中修改：查找空闲时间也会用到）</translation>
    </message>
    <message>
        <source>Working hours</source>
        <translation>工作时间</translation>
    </message>
    <message>
        <source>Unknown time zone {zone}; pick one from the list, such as Asia/Shanghai.</source>
        <translation>未知时区 {zone}；请从列表中选择，例如 Asia/Shanghai。</translation>
    </message>
    <message>
        <source>Choose at least one day for the daily briefing, or leave its time empty.</source>
        <translation>请为每日简报至少选择一天，或将简报时间留空。</translation>
    </message>
</context>
</TS>
