<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Application</name>
    <message>
        <source>Desktop Assistant</source>
        <translation>桌面助手</translation>
    </message>
    <message>
        <source>{error}

Fix or remove that file, then start Desktop Assistant again. Nothing was changed.</source>
        <translation>{error}

请修正或删除该文件，然后重新启动桌面助手。未做任何更改。</translation>
    </message>
</context>
</TS>
