<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>DocumentLinks</name>
    <message>
        <source>Not opened: {path} is not one of your indexed documents. Links in the chat open only files from the folders in Settings → Documents.</source>
        <translation>未打开：{path} 不是已索引的文档。对话中的链接只能打开“设置 → 文档”所列文件夹中的文件。</translation>
    </message>
</context>
<context>
    <name>Workers</name>
    <message>
        <source>Opening the document failed</source>
        <translation>打开文档失败</translation>
    </message>
</context>
</TS>
