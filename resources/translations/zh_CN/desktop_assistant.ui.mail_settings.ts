<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>MailSettings</name>
    <message>
        <source>SSL/TLS (usually port 993)</source>
        <translation>SSL/TLS（通常为 993 端口）</translation>
    </message>
    <message>
        <source>STARTTLS (usually port 143)</source>
        <translation>STARTTLS（通常为 143 端口）</translation>
    </message>
    <message>
        <source>None (a server on this computer only)</source>
        <translation>不加密（仅限本机上的服务器）</translation>
    </message>
    <message>
        <source>Sign in to Gmail…</source>
        <translation>登录 Gmail…</translation>
    </message>
    <message>
        <source>Mailbox (IMAP)</source>
        <translation>邮箱（IMAP）</translation>
    </message>
    <message>
        <source>IMAP server</source>
        <translation>IMAP 服务器</translation>
    </message>
    <message>
        <source>IMAP port</source>
        <translation>IMAP 端口</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation>加密方式</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Stored in the keyring; leave empty to keep it</source>
        <translation>保存在密钥环中；留空则保留原密码</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Found automatically (the folder marked Drafts)</source>
        <translation>自动查找（标记为草稿箱的文件夹）</translation>
    </message>
    <message>
        <source>Drafts folder</source>
        <translation>草稿文件夹</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Drafts are never sent by the assistant: these only say where “Save to Gmail” and “Save to mailbox” put them.</source>
        <translation>助手从不发送草稿：这些设置只决定“保存到 Gmail”和“保存到邮箱”把草稿放在哪里。</translation>
    </message>
    <message>
        <source>Signs in with your company&apos;s Google client ({client}). Only permission to write drafts is asked for.</source>
        <translation>使用公司的 Google 客户端（{client}）登录。只申请写入草稿的权限。</translation>
    </message>
    <message>
        <source>Choose your company&apos;s Google OAuth client file under Calendars first; IT can provide it.</source>
        <translation>请先在“日历”中选择公司的 Google OAuth 客户端文件，可向 IT 部门索取。</translation>
    </message>
    <message>
        <source>Email settings saved.</source>
        <translation>邮件设置已保存。</translation>
    </message>
    <message>
        <source>Enter the IMAP server first.</source>
        <translation>请先输入 IMAP 服务器。</translation>
    </message>
    <message>
        <source>Connecting to {host}…</source>
        <translation>正在连接 {host}…</translation>
    </message>
    <message>
        <source>Opening the browser to sign in to Google…</source>
        <translation>正在打开浏览器登录 Google…</translation>
    </message>
</context>
</TS>
