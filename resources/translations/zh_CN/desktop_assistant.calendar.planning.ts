<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>EventCard</name>
    <message>
        <source>Create “{title}” on {calendar}.</source>
        <translation>在{calendar}中创建“{title}”。</translation>
    </message>
    <message>
        <source>Change “{title}” on {calendar}.</source>
        <translation>在{calendar}中修改“{title}”。</translation>
    </message>
    <message>
        <source>Cancel “{title}” on {calendar}.</source>
        <translation>在{calendar}中取消“{title}”。</translation>
    </message>
    <message>
        <source>nothing (no attendees)</source>
        <translation>不发送任何内容（没有参会者）</translation>
    </message>
    <message>
        <source>Google Calendar emails invitations to {names} now</source>
        <translation>Google 日历立即向 {names} 发送邀请邮件</translation>
    </message>
    <message>
        <source>Google Calendar emails updates to {names} now</source>
        <translation>Google 日历立即向 {names} 发送更新邮件</translation>
    </message>
    <message>
        <source>Google Calendar emails cancellations to {names} now</source>
        <translation>Google 日历立即向 {names} 发送取消邮件</translation>
    </message>
    <message>
        <source>an invitation file (iTIP REQUEST) for {names} is saved for you to email; nothing is emailed now</source>
        <translation>保存一份给 {names} 的邀请文件（iTIP REQUEST），由你自行通过邮件发送；现在不会发送任何邮件</translation>
    </message>
    <message>
        <source>an updated invitation file (iTIP REQUEST) for {names} is saved for you to email; nothing is emailed now</source>
        <translation>保存一份给 {names} 的更新邀请文件（iTIP REQUEST），由你自行通过邮件发送；现在不会发送任何邮件</translation>
    </message>
    <message>
        <source>a cancellation file (iTIP CANCEL) for {names} is saved for you to email; nothing is emailed now</source>
        <translation>保存一份给 {names} 的取消文件（iTIP CANCEL），由你自行通过邮件发送；现在不会发送任何邮件</translation>
    </message>
    <message>
        <source>Was: {when}</source>
        <translation>原时间：{when}</translation>
    </message>
    <message>
        <source>When: {when}</source>
        <translation>时间：{when}</translation>
    </message>
    <message>
        <source>all day</source>
        <translation>全天</translation>
    </message>
    <message>
        <source>{person}: {time}</source>
        <translation>{person}：{time}</translation>
    </message>
    <message>
        <source>{person}: time zone unknown (assumed yours)</source>
        <translation>{person}：时区未知（按你的时区计）</translation>
    </message>
    <message>
        <source>Attendees: {people}</source>
        <translation>参会者：{people}</translation>
    </message>
    <message>
        <source>Title was: “{title}”</source>
        <translation>原标题：“{title}”</translation>
    </message>
    <message>
        <source>Where: {place}</source>
        <translation>地点：{place}</translation>
    </message>
    <message>
        <source>Video: {link}</source>
        <translation>视频会议：{link}</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>Repeats: {rule}</source>
        <translation>重复：{rule}</translation>
    </message>
    <message>
        <source>Repeats: {rule} (every occurrence)</source>
        <translation>重复：{rule}（所有重复的会议）</translation>
    </message>
    <message>
        <source>Sends: {what}.</source>
        <translation>发送：{what}。</translation>
    </message>
    <message>
        <source>{days}, all day</source>
        <translation>{days}，全天</translation>
    </message>
    <message>
        <source>{time} ({zone}, your time)</source>
        <translation>{time}（{zone}，你的时间）</translation>
    </message>
</context>
</TS>
