<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ContactDialog</name>
    <message>
        <source>Edit contact</source>
        <translation>编辑联系人</translation>
    </message>
    <message>
        <source>Add contact</source>
        <translation>添加联系人</translation>
    </message>
    <message>
        <source>Wang Fang</source>
        <translation>王芳</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <source>Same as yours (e.g. Asia/Shanghai)</source>
        <translation>与你相同（例如 Asia/Shanghai）</translation>
    </message>
    <message>
        <source>Same as yours (e.g. 09:00-18:00)</source>
        <translation>与你相同（例如 09:00-18:00）</translation>
    </message>
    <message>
        <source>Working hours</source>
        <translation>工作时间</translation>
    </message>
    <message>
        <source>Working days (e.g. Mon-Fri)</source>
        <translation>工作日（例如 Mon-Fri）</translation>
    </message>
    <message>
        <source>finance lead, 财务</source>
        <translation>财务主管, 财务</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Roles or nicknames people use for them, separated by commas</source>
        <translation>大家对此人的角色称呼或昵称，用逗号分隔</translation>
    </message>
    <message>
        <source>Working days</source>
        <translation>工作日</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Enter their email address.</source>
        <translation>请输入对方的邮箱地址。</translation>
    </message>
    <message>
        <source>Give their working hours too (e.g. 09:00-18:00), or neither.</source>
        <translation>请同时填写对方的工作时间（例如 09:00-18:00），或两者都不填。</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
</context>
<context>
    <name>ContactsSettings</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <source>Working hours</source>
        <translation>工作时间</translation>
    </message>
    <message>
        <source>Same as yours</source>
        <translation>与你相同</translation>
    </message>
    <message>
        <source>The people you schedule with. Attendees are found here by name, email or role; their time zone and hours shape the free-slot search.</source>
        <extracomment>The list on screen was read again (after loading, saving, deleting or importing). An import finished: what it did, in sentences.</extracomment>
        <translation>与你安排会议的人。助手按姓名、邮箱或角色在这里查找参会人；他们的时区和工作时间会影响空闲时段的查找。</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Import vCard or CSV…</source>
        <translation>导入 vCard 或 CSV…</translation>
    </message>
    <message>
        <source>Roles: {roles}</source>
        <translation>角色：{roles}</translation>
    </message>
    <message>
        <source>No contacts yet. Add the people you meet most, or import a vCard or CSV export from your address book.</source>
        <translation>还没有联系人。请添加最常开会的人，或从通讯录导入 vCard 或 CSV 文件。</translation>
    </message>
    <message>
        <source>Saved {email}.</source>
        <translation>已保存 {email}。</translation>
    </message>
    <message>
        <source>Added {email}.</source>
        <translation>已添加 {email}。</translation>
    </message>
    <message>
        <source>Deleted {contact}.</source>
        <translation>已删除 {contact}。</translation>
    </message>
    <message>
        <source>Import contacts</source>
        <translation>导入联系人</translation>
    </message>
    <message>
        <source>Contacts (*.vcf *.vcard *.csv);;All files (*)</source>
        <translation>联系人 (*.vcf *.vcard *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Importing {file}…</source>
        <translation>正在导入 {file}…</translation>
    </message>
    <message>
        <source>… and {count} more.</source>
        <translation>……另有 {count} 条。</translation>
    </message>
    <message>
        <source>{file} could not be imported: {error}</source>
        <translation>无法导入 {file}：{error}</translation>
    </message>
    <message>
        <source>{file}: {added} contacts added, {updated} updated, {skipped} skipped.</source>
        <translation>{file}：新增 {added} 位联系人，更新 {updated} 位，跳过 {skipped} 条。</translation>
    </message>
    <message>
        <source>{file}: {added} contacts added, {updated} updated.</source>
        <translation>{file}：新增 {added} 位联系人，更新 {updated} 位。</translation>
    </message>
</context>
</TS>
