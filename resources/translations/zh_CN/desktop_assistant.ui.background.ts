<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Background</name>
    <message>
        <source>Desktop Assistant is still running</source>
        <translation>Desktop Assistant 仍在运行</translation>
    </message>
    <message>
        <source>Desktop Assistant is still running in the tray, so your reminders still come. Quit it from the tray icon&apos;s menu or with File → Quit.</source>
        <translation>Desktop Assistant 仍在系统托盘中运行，提醒会照常送达。如需退出，请使用托盘图标菜单或“文件 → 退出”。</translation>
    </message>
    <message>
        <source>Desktop Assistant keeps running in the background, so your reminders still come. Open it again from its launcher; quit it with File → Quit.</source>
        <translation>Desktop Assistant 会在后台继续运行，提醒会照常送达。可从启动器再次打开；如需退出，请使用“文件 → 退出”。</translation>
    </message>
</context>
</TS>
