<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>MailService</name>
    <message>
        <source>Save {draft} to Gmail: update the Gmail draft saved before. Nothing is sent.</source>
        <translation>将{draft}保存到 Gmail：更新之前保存的 Gmail 草稿。不会发送任何邮件。</translation>
    </message>
    <message>
        <source>Save {draft} to Gmail: add it to the Drafts of the Gmail account you signed in with. Nothing is sent.</source>
        <translation>将{draft}保存到 Gmail：添加到你登录的 Gmail 账户的草稿箱。不会发送任何邮件。</translation>
    </message>
    <message>
        <source>Saved draft #{draft} to your Gmail Drafts. Open Gmail to check it and send it; nothing was sent.</source>
        <translation>已将草稿 #{draft} 保存到你的 Gmail 草稿箱。请打开 Gmail 检查并发送；尚未发送任何邮件。</translation>
    </message>
    <message>
        <source>the folder {name!r}</source>
        <translation>文件夹 {name!r}</translation>
    </message>
    <message>
        <source>the Drafts folder</source>
        <translation>草稿箱</translation>
    </message>
    <message>
        <source>no encryption</source>
        <translation>不加密</translation>
    </message>
    <message>
        <source>Save {draft} to {folder} of {account} over IMAP ({security}) (replacing the copy saved before). Nothing is sent.</source>
        <translation>通过 IMAP（{security}）将{draft}保存到 {account} 的{folder}（替换之前保存的副本）。不会发送任何邮件。</translation>
    </message>
    <message>
        <source>Save {draft} to {folder} of {account} over IMAP ({security}). Nothing is sent.</source>
        <translation>通过 IMAP（{security}）将{draft}保存到 {account} 的{folder}。不会发送任何邮件。</translation>
    </message>
    <message>
        <source>Saved draft #{draft} to the “{folder}” folder of {account}. Open your mail program to check it and send it; nothing was sent.</source>
        <translation>已将草稿 #{draft} 保存到 {account} 的“{folder}”文件夹。请打开邮件程序检查并发送；尚未发送任何邮件。</translation>
    </message>
    <message>
        <source>Signed in to {account}; drafts will go to the “{folder}” folder.</source>
        <translation>已登录 {account}；草稿将保存到“{folder}”文件夹。</translation>
    </message>
    <message>
        <source>draft #{number} “{subject}” to {to}</source>
        <translation>草稿 #{number}“{subject}”，收件人 {to}</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>（无主题）</translation>
    </message>
    <message>
        <source>nobody yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <source>cc {addresses}</source>
        <translation>抄送 {addresses}</translation>
    </message>
    <message>
        <source>bcc {addresses}</source>
        <translation>密送 {addresses}</translation>
    </message>
    <message>
        <source>{file} (meeting invitation)</source>
        <translation>{file}（会议邀请）</translation>
    </message>
    <message>
        <source>with {files}</source>
        <translation>附件 {files}</translation>
    </message>
</context>
</TS>
