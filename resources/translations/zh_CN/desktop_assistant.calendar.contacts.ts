<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ContactImport</name>
    <message>
        <source>{file}: {who}: {error}</source>
        <translation>{file}：{who}：{error}</translation>
    </message>
    <message>
        <source>no name</source>
        <translation>无姓名</translation>
    </message>
    <message>
        <source>unknown time zone {zone!r} (use a name like Asia/Shanghai)</source>
        <translation>未知时区 {zone!r}（请使用 Asia/Shanghai 这样的名称）</translation>
    </message>
    <message>
        <source>{file}: not a readable vCard file ({error}).</source>
        <translation>{file}：不是可读取的 vCard 文件（{error}）。</translation>
    </message>
    <message>
        <source>{file}: card {number} ({who}) has no email address.</source>
        <translation>{file}：第 {number} 张名片（{who}）没有电子邮件地址。</translation>
    </message>
    <message>
        <source>{file}: {who}: {problem}</source>
        <translation>{file}：{who}：{problem}</translation>
    </message>
    <message>
        <source>{file}: no email column (looked for: {columns}).</source>
        <translation>{file}：没有电子邮件列（查找过：{columns}）。</translation>
    </message>
    <message>
        <source>{file}: line {line} ({who}) has no email address.</source>
        <translation>{file}：第 {line} 行（{who}）没有电子邮件地址。</translation>
    </message>
    <message>
        <source>{file}: line {line}: {problem}</source>
        <translation>{file}：第 {line} 行：{problem}</translation>
    </message>
</context>
</TS>
