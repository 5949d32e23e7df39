<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>FileStatus</name>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>All files</source>
        <translation>全部文件</translation>
    </message>
    <message>
        <source>Indexed</source>
        <translation>已索引</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>出错</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>出错</translation>
    </message>
    <message>
        <source>Listing your documents failed</source>
        <extracomment>A reload (the counts and the first page) is shown.</extracomment>
        <translation>列出文档失败</translation>
    </message>
</context>
<context>
    <name>FileStatusList</name>
    <message>
        <source>Show files</source>
        <translation>显示文件</translation>
    </message>
    <message>
        <source>Files and their status</source>
        <translation>文件及其状态</translation>
    </message>
    <message>
        <source>No files yet.</source>
        <translation>还没有文件。</translation>
    </message>
    <message>
        <source>{count} indexed</source>
        <translation>已索引 {count} 个</translation>
    </message>
    <message>
        <source>{count} skipped</source>
        <translation>已跳过 {count} 个</translation>
    </message>
    <message>
        <source>{count} could not be read</source>
        <translation>{count} 个无法读取</translation>
    </message>
    <message>
        <source>{count} files: {parts}</source>
        <translation>共 {count} 个文件：{parts}</translation>
    </message>
</context>
</TS>
