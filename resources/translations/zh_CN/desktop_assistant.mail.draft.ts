<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>DraftProblems</name>
    <message>
        <source>{line}: {entry} {reason}</source>
        <translation>{line}：{entry} {reason}</translation>
    </message>
    <message>
        <source>{value!r} is not a Message-ID (it looks like &lt;id@host&gt;).</source>
        <translation>{value!r} 不是 Message-ID（格式应为 &lt;id@host&gt;）。</translation>
    </message>
    <message>
        <source>source must be one of {sources}.</source>
        <translation>来源必须是以下之一：{sources}。</translation>
    </message>
    <message>
        <source>The {label} contains a line break; it must be one line (a line break could add hidden headers to the message).</source>
        <translation>{label}包含换行符，必须为单行（换行符可能向邮件添加隐藏的邮件头）。</translation>
    </message>
    <message>
        <source>The {label} contains a control character; remove it.</source>
        <translation>{label}包含控制字符，请删除。</translation>
    </message>
    <message>
        <source>is empty.</source>
        <translation>为空。</translation>
    </message>
    <message>
        <source>is not an email address.</source>
        <translation>不是电子邮件地址。</translation>
    </message>
    <message>
        <source>holds several addresses; give one per entry.</source>
        <translation>包含多个地址，每项只填一个。</translation>
    </message>
    <message>
        <source>has non-ASCII characters in the address itself, which most mail servers refuse; use the plain-letter address.</source>
        <translation>地址本身含有非 ASCII 字符，大多数邮件服务器会拒收，请使用纯字母地址。</translation>
    </message>
    <message>
        <source>is not an email address (it should look like name@company.com).</source>
        <translation>不是电子邮件地址（格式应类似 name@company.com）。</translation>
    </message>
    <message>
        <source>has a domain ({domain}) that is not a valid host name.</source>
        <translation>的域名（{domain}）不是有效的主机名。</translation>
    </message>
    <message>
        <source>{value!r} is not a full path; give the whole path of the file.</source>
        <translation>{value!r} 不是完整路径，请提供文件的完整路径。</translation>
    </message>
    <message>
        <source>{path} does not exist (or is not a file).</source>
        <translation>{path} 不存在（或不是文件）。</translation>
    </message>
    <message>
        <source>The invitation must be an .ics file.</source>
        <translation>会议邀请必须是 .ics 文件。</translation>
    </message>
    <message>
        <source>The attachments add up to {size} MB, more than the 25 MB most mail servers accept; share large files as links instead.</source>
        <translation>附件合计 {size} MB，超过大多数邮件服务器接受的 25 MB，请改用链接分享大文件。</translation>
    </message>
    <message>
        <source>No recipient yet.</source>
        <translation>还没有收件人。</translation>
    </message>
    <message>
        <source>The subject is empty.</source>
        <translation>主题为空。</translation>
    </message>
    <message>
        <source>{address} is listed more than once.</source>
        <translation>{address} 重复列出。</translation>
    </message>
    <message>
        <source>To line</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>Cc line</source>
        <translation>抄送</translation>
    </message>
    <message>
        <source>Bcc line</source>
        <translation>密送</translation>
    </message>
    <message>
        <source>In-Reply-To</source>
        <translation>In-Reply-To 邮件头</translation>
    </message>
    <message>
        <source>References</source>
        <translation>References 邮件头</translation>
    </message>
    <message>
        <source>subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>invitation</source>
        <translation>会议邀请</translation>
    </message>
</context>
</TS>
