<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>DataControl</name>
    <message>
        <source>the database: conversations, memory, reminders, drafts, the audit log</source>
        <translation>数据库：对话、记忆、提醒、草稿、审计日志</translation>
    </message>
    <message>
        <source>the document search index (your documents themselves stay)</source>
        <translation>文档搜索索引（文档本身保留）</translation>
    </message>
    <message>
        <source>the local calendar and its invitations</source>
        <translation>本地日历及其邀请</translation>
    </message>
    <message>
        <source>email drafts saved as files</source>
        <translation>保存为文件的邮件草稿</translation>
    </message>
    <message>
        <source>the log files</source>
        <translation>日志文件</translation>
    </message>
    <message>
        <source>the settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Removed {what}</source>
        <translation>已删除 {what}</translation>
    </message>
    <message>
        <source>Could NOT remove {what}: {why}</source>
        <translation>未能删除 {what}：{why}</translation>
    </message>
    <message>
        <source>{path} ({what})</source>
        <translation>{path}（{what}）</translation>
    </message>
    <message>
        <source>{path} (starting at login)</source>
        <translation>{path}（登录时启动）</translation>
    </message>
    <message>
        <source>The API key and sign-ins in the system keyring (service {service!r}: {names})</source>
        <translation>系统密钥环中的 API 密钥和登录信息（服务 {service!r}：{names}）</translation>
    </message>
    <message>
        <source>the folder {folder}</source>
        <translation>文件夹 {folder}</translation>
    </message>
    <message>
        <source>The keyring entries and the start-at-login entry belong to your own workspace, not the demo&apos;s: they were left as they are.</source>
        <translation>密钥环条目和登录时启动项属于你自己的工作区，而不是演示工作区：已保持原样。</translation>
    </message>
    <message>
        <source>the start-at-login entry</source>
        <translation>登录时启动项</translation>
    </message>
    <message>
        <source>the keyring entry {name!r} (service {service!r})</source>
        <translation>密钥环条目 {name!r}（服务 {service!r}）</translation>
    </message>
    <message>
        <source>No system keyring is installed, so no keyring entry could have been stored.</source>
        <translation>未安装系统密钥环，因此不可能存有任何密钥环条目。</translation>
    </message>
    <message>
        <source>No keyring entry was stored for: {names}.</source>
        <translation>以下各项没有存储密钥环条目：{names}。</translation>
    </message>
    <message>
        <source>The {variable} environment variable is set outside the app (in your shell or system settings), so it was left as it is: remove it there.</source>
        <translation>环境变量 {variable} 是在应用之外设置的（在你的 shell 或系统设置中），因此保持原样：请在那里删除它。</translation>
    </message>
</context>
</TS>
