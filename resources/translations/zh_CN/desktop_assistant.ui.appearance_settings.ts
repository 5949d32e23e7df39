<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AppearanceSettings</name>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>The theme changes at once. A new interface language is used from the next start of Desktop Assistant. The language of answers and drafts is under Profile.</source>
        <translation>主题会立即更改。新的界面语言在下次启动桌面助手时生效。回答和草稿所用的语言在“个人资料”中设置。</translation>
    </message>
    <message>
        <source>The settings could not be written: {error}</source>
        <translation>无法写入设置：{error}</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Appearance saved.</source>
        <translation>外观设置已保存。</translation>
    </message>
    <message>
        <source>Restart Desktop Assistant?</source>
        <translation>重新启动桌面助手？</translation>
    </message>
    <message>
        <source>The new interface language is used after a restart. Restart now? An answer being written is stopped, and a message you have not sent is not kept.</source>
        <translation>新的界面语言在重新启动后生效。现在重新启动吗？正在生成的回答将被停止，尚未发送的消息不会保留。</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>立即重新启动</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
</context>
</TS>
