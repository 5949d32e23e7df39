<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>DeleteConfirmation</name>
    <message>
        <source>Delete all my data</source>
        <translation>删除我的所有数据</translation>
    </message>
    <message>
        <source>This removes, for good, everything Desktop Assistant keeps on this computer and in the system keyring. Export your data first if you want a copy. Your own documents and anything already in your calendars or mailboxes stay where they are.</source>
        <translation>此操作将永久删除 Desktop Assistant 在本机和系统密钥环中保存的所有内容。如需保留副本，请先导出数据。你自己的文档以及日历、邮箱中已有的内容不受影响。</translation>
    </message>
    <message>
        <source>What will be deleted</source>
        <translation>将被删除的内容</translation>
    </message>
    <message>
        <source>delete</source>
        <comment>typed to confirm deleting everything</comment>
        <extracomment>The word to type: &quot;delete&quot;, or its translation (either is accepted).</extracomment>
        <translation>删除</translation>
    </message>
    <message>
        <source>Type {word} to confirm</source>
        <translation>输入“{word}”以确认</translation>
    </message>
    <message>
        <source>Type “{word}” to confirm</source>
        <translation>输入“{word}”以确认</translation>
    </message>
    <message>
        <source>Delete everything</source>
        <translation>全部删除</translation>
    </message>
</context>
<context>
    <name>PrivacySettings</name>
    <message>
        <source>Where your messages may go</source>
        <extracomment>Export finished: the files written. Delete all finished: the report (the app quits after it is shown). Called after &quot;Delete all my data&quot; (tests replace it). Shows the deletion report (tests replace it, to read it without a modal dialog).</extracomment>
        <translation>消息可以发送到哪里</translation>
    </message>
    <message>
        <source>Only this computer and the company network: localhost and loopback addresses, private networks (10.x, 172.16–31.x, 192.168.x), names ending in .internal, .lan, .local or .home.arpa, and the hosts below. Any other server is refused before anything is sent.</source>
        <translation>仅限本机和公司网络：localhost 和回环地址、私有网络（10.x、172.16–31.x、192.168.x）、以 .internal、.lan、.local 或 .home.arpa 结尾的名称，以及下面列出的主机。其他任何服务器都会在发送之前被拒绝。</translation>
    </message>
    <message>
        <source>Company hosts</source>
        <translation>公司主机</translation>
    </message>
    <message>
        <source>Domains, host names or networks, separated by commas</source>
        <translation>域名、主机名或网段，用逗号分隔</translation>
    </message>
    <message>
        <source>Replace personal data with placeholders (cloud only)</source>
        <translation>用占位符替换个人数据（仅限云端）</translation>
    </message>
    <message>
        <source>Replace email addresses, phone numbers, ID and card numbers, IBANs and keys with placeholders before a cloud model sees them.</source>
        <translation>在云端模型看到之前，将邮箱地址、电话号码、身份证号和银行卡号、IBAN 以及密钥替换为占位符。</translation>
    </message>
    <message>
        <source>… also for models on this computer or the company network</source>
        <translation>……本机或公司网络中的模型也替换</translation>
    </message>
    <message>
        <source>History and logs</source>
        <translation>历史记录和日志</translation>
    </message>
    <message>
        <source>Keep conversations</source>
        <translation>对话保留时长</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n 天</numerusform>
        </translation>
    </message>
    <message>
        <source>Forever</source>
        <translation>永久</translation>
    </message>
    <message>
        <source>Debug logging (for troubleshooting)</source>
        <translation>调试日志（用于排查问题）</translation>
    </message>
    <message>
        <source>Logs are kept on this computer only, in {folder} (at most {files} files of {size} MB). They never hold passwords or keys. Debug logging also records message text, document and email text and the model&apos;s requests; without it the logs hold none of that. Nothing is ever sent anywhere (no telemetry).</source>
        <translation>日志只保存在本机的 {folder} 中（最多 {files} 个文件，每个 {size} MB），绝不包含密码或密钥。开启调试日志后，还会记录消息内容、文档和邮件内容以及发给模型的请求；关闭时日志中不含这些内容。任何内容都不会被发送到别处（无遥测）。</translation>
    </message>
    <message>
        <source>Your data</source>
        <translation>你的数据</translation>
    </message>
    <message>
        <source>Export my data…</source>
        <translation>导出我的数据…</translation>
    </message>
    <message>
        <source>View audit log…</source>
        <translation>查看审计日志…</translation>
    </message>
    <message>
        <source>Delete all my data…</source>
        <translation>删除我的所有数据…</translation>
    </message>
    <message>
        <source>Export writes your conversations, memory, reminders, drafts, contacts, the audit log and settings (never passwords) as JSON and Markdown. The audit log shows every action the assistant took.</source>
        <translation>导出会将你的对话、记忆、提醒、草稿、联系人、审计日志和设置（不含密码）保存为 JSON 和 Markdown 文件。审计日志列出助手执行过的每个操作。</translation>
    </message>
    <message>
        <source>Company hosts: {hosts} is neither a domain, a host name nor a network (such as corp.example or 10.0.0.0/8). Nothing was saved.</source>
        <translation>公司主机：{hosts} 既不是域名、主机名，也不是网段（例如 corp.example 或 10.0.0.0/8）。未保存任何内容。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Privacy settings saved.</source>
        <translation>隐私设置已保存。</translation>
    </message>
    <message>
        <source>Saved. Deleting older conversations…</source>
        <translation>已保存。正在删除较早的对话…</translation>
    </message>
    <message>
        <source>Privacy settings saved. {summary}</source>
        <translation>隐私设置已保存。{summary}</translation>
    </message>
    <message>
        <source>Saved, but older conversations could not be deleted: {error}</source>
        <translation>已保存，但无法删除较早的对话：{error}</translation>
    </message>
    <message>
        <source>Conversations are kept forever; nothing was deleted.</source>
        <translation>对话永久保留，未删除任何内容。</translation>
    </message>
    <message>
        <source>Nothing was older than {days}.</source>
        <translation>没有早于 {days}前的内容。</translation>
    </message>
    <message>
        <source>{conversations} ({messages}, {drafts})</source>
        <translation>{conversations}（{messages}，{drafts}）</translation>
    </message>
    <message numerus="yes">
        <source>%n conversation(s)</source>
        <translation>
            <numerusform>%n 个对话</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n 条消息</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n draft(s)</source>
        <translation>
            <numerusform>%n 份草稿</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n finished reminder(s)</source>
        <translation>
            <numerusform>%n 条已结束的提醒</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n audit log entry(s)</source>
        <translation>
            <numerusform>%n 条审计日志记录</numerusform>
        </translation>
    </message>
    <message>
        <source>Deleted {what} older than {days}.</source>
        <translation>已删除早于 {days}前的内容：{what}。</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between listed things</comment>
        <translation>、</translation>
    </message>
    <message>
        <source>Export my data to</source>
        <translation>将我的数据导出到</translation>
    </message>
    <message>
        <source>Exporting to {folder}…</source>
        <translation>正在导出到 {folder}…</translation>
    </message>
    <message>
        <source> and </source>
        <comment>between file names</comment>
        <translation> 和 </translation>
    </message>
    <message>
        <source>Exported to {files}.</source>
        <translation>已导出到 {files}。</translation>
    </message>
    <message>
        <source>Nothing was exported: {error}</source>
        <translation>未导出任何内容：{error}</translation>
    </message>
    <message>
        <source>Deleting all of your data…</source>
        <translation>正在删除你的所有数据…</translation>
    </message>
    <message>
        <source>Deleting stopped: {error}. Some data may be left; try again.</source>
        <translation>删除已中止：{error}。可能仍有部分数据残留，请重试。</translation>
    </message>
    <message>
        <source>All of your data was deleted.</source>
        <translation>你的所有数据均已删除。</translation>
    </message>
    <message>
        <source>Some things could not be removed; see the list.</source>
        <translation>部分内容无法删除，请查看列表。</translation>
    </message>
    <message>
        <source>Your data was deleted</source>
        <translation>你的数据已删除</translation>
    </message>
    <message>
        <source>Some data could not be deleted</source>
        <translation>部分数据无法删除</translation>
    </message>
    <message>
        <source>What was removed</source>
        <translation>已删除的内容</translation>
    </message>
    <message>
        <source>Desktop Assistant closes now: nothing is left for it to run on.</source>
        <translation>Desktop Assistant 现在将关闭：已没有可供它运行的数据。</translation>
    </message>
    <message>
        <source>Remove what is listed as not removed yourself. Desktop Assistant closes now.</source>
        <translation>请自行删除列表中标为未删除的内容。Desktop Assistant 现在将关闭。</translation>
    </message>
</context>
</TS>
