<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ErrorBanner</name>
    <message>
        <source>Dismiss</source>
        <translation>关闭提示</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Desktop Assistant</source>
        <translation>桌面助手</translation>
    </message>
    <message>
        <source>{title} (demo)</source>
        <translation>{title}（演示）</translation>
    </message>
    <message>
        <source>Conversations sidebar</source>
        <translation>对话侧栏</translation>
    </message>
    <message>
        <source>Model in use</source>
        <translation>当前模型</translation>
    </message>
    <message>
        <source>&amp;New conversation</source>
        <translation>新建对话(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Write a message</source>
        <translation>输入消息(&amp;W)</translation>
    </message>
    <message>
        <source>S&amp;top the answer</source>
        <translation>停止回答(&amp;T)</translation>
    </message>
    <message>
        <source>Next &amp;pane</source>
        <translation>下一个窗格(&amp;P)</translation>
    </message>
    <message>
        <source>Pre&amp;vious pane</source>
        <translation>上一个窗格(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Agenda</source>
        <translation>日程(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Import .ics file…</source>
        <translation>导入 .ics 文件(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Search documents…</source>
        <translation>搜索文档(&amp;S)…</translation>
    </message>
    <message>
        <source>Document &amp;folders…</source>
        <translation>文档文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About Desktop Assistant</source>
        <translation>关于桌面助手(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation>对话(&amp;C)</translation>
    </message>
    <message>
        <source>C&amp;alendar</source>
        <translation>日历(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Documents</source>
        <translation>文档(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>That conversation was deleted.</source>
        <translation>该对话已被删除。</translation>
    </message>
    <message>
        <source>Model: {model} · {where}</source>
        <translation>模型：{model} · {where}</translation>
    </message>
    <message>
        <source>No model configured: File → Settings</source>
        <translation>尚未配置模型：文件 → 设置</translation>
    </message>
    <message>
        <source>Import a calendar file</source>
        <translation>导入日历文件</translation>
    </message>
    <message>
        <source>iCalendar files (*.ics *.ical);;All files (*)</source>
        <translation>iCalendar 文件 (*.ics *.ical);;所有文件 (*)</translation>
    </message>
</context>
</TS>
