<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CalendarSettings</name>
    <message>
        <source>This computer (no account)</source>
        <translation>本机（无需账户）</translation>
    </message>
    <message>
        <source>Google Calendar</source>
        <translation>Google 日历</translation>
    </message>
    <message>
        <source>CalDAV (Nextcloud, Fastmail, iCloud …)</source>
        <translation>CalDAV（Nextcloud、Fastmail、iCloud …）</translation>
    </message>
    <message>
        <source>Working hours</source>
        <translation>工作时间</translation>
    </message>
    <message>
        <source>Working days</source>
        <translation>工作日</translation>
    </message>
    <message>
        <source>Breaks</source>
        <translation>休息时段</translation>
    </message>
    <message>
        <source>Buffer</source>
        <translation>会议间隔</translation>
    </message>
    <message>
        <source>Minimum notice</source>
        <translation>最短提前时间</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>日历</translation>
    </message>
    <message>
        <source>New events go to</source>
        <extracomment>Saved: a message for the person, and whether it is a warning (password kept for now only).</extracomment>
        <translation>新日程保存到</translation>
    </message>
    <message>
        <source>Your email</source>
        <translation>你的邮箱</translation>
    </message>
    <message>
        <source>The organizer of the invitations you send</source>
        <translation>你发出的会议邀请的组织者</translation>
    </message>
    <message>
        <source>Lunch and focus blocks, kept free every working day</source>
        <translation>午餐和专注时段，每个工作日都保持空闲</translation>
    </message>
    <message>
        <source>Work on</source>
        <translation>工作日：</translation>
    </message>
    <message>
        <source>Buffer between meetings</source>
        <translation>会议之间的间隔</translation>
    </message>
    <message>
        <source>client_secret_….json from your company&apos;s Google Cloud</source>
        <translation>公司 Google 云平台提供的 client_secret_….json</translation>
    </message>
    <message>
        <source>OAuth client file</source>
        <translation>OAuth 客户端文件</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Choose the OAuth client file</source>
        <translation>选择 OAuth 客户端文件</translation>
    </message>
    <message>
        <source>Sign in with Google</source>
        <translation>使用 Google 登录</translation>
    </message>
    <message>
        <source>Calendar address</source>
        <translation>日历地址</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Kept in the system keyring; empty keeps the saved one</source>
        <translation>保存在系统密钥环中；留空则保留已保存的密码</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>{field}: {problem}</source>
        <translation>{field}：{problem}</translation>
    </message>
    <message>
        <source>The saved settings had values that could not be read; check them: {problems}</source>
        <translation>已保存的设置中有无法读取的值，请检查：{problems}</translation>
    </message>
    <message>
        <source>Choose at least one working day.</source>
        <translation>请至少选择一个工作日。</translation>
    </message>
    <message>
        <source>Your email {email} is not an email address.</source>
        <translation>你的邮箱 {email} 不是有效的邮箱地址。</translation>
    </message>
    <message>
        <source>Choose your company&apos;s OAuth client file for Google Calendar.</source>
        <translation>请选择公司用于 Google 日历的 OAuth 客户端文件。</translation>
    </message>
    <message>
        <source>Enter the CalDAV calendar&apos;s address (https://…).</source>
        <translation>请输入 CalDAV 日历的地址（https://…）。</translation>
    </message>
    <message>
        <source>Calendar settings saved.</source>
        <translation>日历设置已保存。</translation>
    </message>
    <message>
        <source>Your company&apos;s Google OAuth client file</source>
        <translation>公司的 Google OAuth 客户端文件</translation>
    </message>
    <message>
        <source>OAuth client (*.json);;All files (*)</source>
        <translation>OAuth 客户端 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose your company&apos;s OAuth client file first.</source>
        <translation>请先选择公司的 OAuth 客户端文件。</translation>
    </message>
    <message>
        <source>Waiting for you to sign in in the browser (up to 5 minutes)…</source>
        <translation>正在等待你在浏览器中登录（最多 5 分钟）…</translation>
    </message>
    <message>
        <source>Google sign-in failed: {error}</source>
        <translation>Google 登录失败：{error}</translation>
    </message>
    <message>
        <source>Enter the CalDAV calendar&apos;s address (https://…) first.</source>
        <translation>请先输入 CalDAV 日历的地址（https://…）。</translation>
    </message>
    <message>
        <source>Connecting to the CalDAV server…</source>
        <translation>正在连接 CalDAV 服务器…</translation>
    </message>
    <message numerus="yes">
        <source>Connected to {calendar}: %n event(s) in the next {days} days.</source>
        <translation>
            <numerusform>已连接到 {calendar}：未来 {days} 天内有 %n 个日程。</numerusform>
        </translation>
    </message>
</context>
</TS>
