<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>DraftCard</name>
    <message>
        <source>To</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>Cc</source>
        <translation>抄送</translation>
    </message>
    <message>
        <source>Bcc</source>
        <translation>密送</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>正文</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Invitation</source>
        <translation>会议邀请</translation>
    </message>
    <message>
        <source>Email draft {number}</source>
        <translation>邮件草稿 {number}</translation>
    </message>
    <message>
        <source>Email draft #{number}</source>
        <translation>邮件草稿 #{number}</translation>
    </message>
    <message>
        <source>AI-written</source>
        <translation>AI 撰写</translation>
    </message>
    <message>
        <source>The assistant wrote this draft; read it before you send it.</source>
        <translation>此草稿由助手撰写，发送前请仔细阅读。</translation>
    </message>
    <message>
        <source>Contacts or addresses, separated by commas</source>
        <translation>联系人或邮件地址，用逗号分隔</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Attach…</source>
        <translation>添加附件…</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove attachments</source>
        <translation>移除附件</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Open in mail program</source>
        <translation>在邮件程序中打开</translation>
    </message>
    <message>
        <source>Save .eml…</source>
        <translation>保存为 .eml…</translation>
    </message>
    <message>
        <source>Save to Gmail…</source>
        <translation>保存到 Gmail…</translation>
    </message>
    <message>
        <source>Save to mailbox…</source>
        <translation>保存到邮箱…</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>{file} (meeting invitation)</source>
        <translation>{file}（会议邀请）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>{field}: {problem}</source>
        <translation>{field}：{problem}</translation>
    </message>
    <message>
        <source>Fix the problems above first.</source>
        <translation>请先解决上面的问题。</translation>
    </message>
    <message>
        <source>Editing…</source>
        <translation>正在编辑…</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>Copied the email to the clipboard (plain and rich text).</source>
        <translation>已将邮件复制到剪贴板（纯文本和富文本）。</translation>
    </message>
    <message>
        <source>Copying…</source>
        <translation>正在复制…</translation>
    </message>
    <message>
        <source>Opened in your mail program; send it from there.</source>
        <translation>已在邮件程序中打开，请在那里发送。</translation>
    </message>
    <message>
        <source>No mail program is set up to open it. Use Save .eml… or Copy instead.</source>
        <translation>没有可以打开它的邮件程序。请改用“保存为 .eml…”或“复制”。</translation>
    </message>
    <message>
        <source>Opening the mail program…</source>
        <translation>正在打开邮件程序…</translation>
    </message>
    <message>
        <source>Save the draft as</source>
        <translation>将草稿另存为</translation>
    </message>
    <message>
        <source>Email files (*.eml)</source>
        <translation>邮件文件 (*.eml)</translation>
    </message>
    <message>
        <source>Saved {link}; open it in your mail program to send it.</source>
        <translation>已保存 {link}，请在邮件程序中打开并发送。</translation>
    </message>
    <message>
        <source>Saving the .eml file…</source>
        <translation>正在保存 .eml 文件…</translation>
    </message>
    <message>
        <source>Saving the draft to your mailbox…</source>
        <translation>正在将草稿保存到你的邮箱…</translation>
    </message>
    <message>
        <source>Checking the mailbox settings…</source>
        <translation>正在检查邮箱设置…</translation>
    </message>
</context>
</TS>
