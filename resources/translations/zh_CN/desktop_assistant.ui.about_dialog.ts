<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Desktop Assistant</source>
        <translation>关于桌面助手</translation>
    </message>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <source>Components</source>
        <translation>组件</translation>
    </message>
    <message>
        <source>Desktop Assistant icon</source>
        <translation>桌面助手图标</translation>
    </message>
    <message>
        <source>Desktop Assistant</source>
        <translation>桌面助手</translation>
    </message>
    <message>
        <source>Version {version}</source>
        <translation>版本 {version}</translation>
    </message>
    <message>
        <source>Your assistant for everyday work: meetings, company documents, email drafts and reminders, in a chat that can use tools.</source>
        <translation>日常工作的助手：会议、公司文档、邮件草稿和提醒，都在一个能调用工具的对话里完成。</translation>
    </message>
    <message>
        <source>AI answers are written by a language model. They can be wrong: check what matters before you rely on it. Anything that reaches other people or your calendars and mailboxes waits for your confirmation.</source>
        <translation>AI 回答由语言模型生成，可能有误：重要内容请先核实再使用。凡是会发给他人、写入日历或邮箱的操作，都会先等您确认。</translation>
    </message>
    <message>
        <source>Copyright © the Desktop Assistant authors. Released under the {license} licence; the components it ships keep their own licences (see Components).</source>
        <translation>版权所有 © 桌面助手作者。以 {license} 许可证发布；随附的组件保留各自的许可证（见“组件”）。</translation>
    </message>
    <message>
        <source>Python {python} · Qt {qt} · PySide6 {pyside}</source>
        <translation>Python {python} · Qt {qt} · PySide6 {pyside}</translation>
    </message>
    <message>
        <source>Settings folder</source>
        <translation>设置文件夹</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>Settings folder:</source>
        <translation>设置文件夹：</translation>
    </message>
    <message>
        <source>Data folder:</source>
        <translation>数据文件夹：</translation>
    </message>
    <message>
        <source>Your conversations, reminders and document index stay on this computer in these folders; passwords and keys are in the system keyring.</source>
        <translation>您的对话、提醒和文档索引都保存在本机的这些文件夹中；密码和密钥保存在系统密钥环中。</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>组件</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>Search by name or licence</source>
        <translation>按名称或许可证搜索</translation>
    </message>
    <message>
        <source>Search the components</source>
        <translation>搜索组件</translation>
    </message>
    <message>
        <source>Bundled components</source>
        <translation>随附组件</translation>
    </message>
    <message>
        <source>Licence text</source>
        <translation>许可证全文</translation>
    </message>
    <message>
        <source>Choose a component to read its licence.</source>
        <translation>选择一个组件即可查看其许可证。</translation>
    </message>
    <message>
        <source>Components under the LGPL ({names}) are installed as separate files that you may replace with a modified version; their source code is available from their homepages and from PyPI.</source>
        <translation>采用 LGPL 许可证的组件（{names}）以独立文件安装，您可以用修改后的版本替换它们；其源代码可从各自主页和 PyPI 获取。</translation>
    </message>
    <message numerus="yes">
        <source>%n component(s)</source>
        <translation>
            <numerusform>%n 个组件</numerusform>
        </translation>
    </message>
    <message>
        <source>homepage</source>
        <translation>主页</translation>
    </message>
    <message>
        <source>source</source>
        <translation>源代码</translation>
    </message>
    <message>
        <source>This component ships no licence file; its licence is {license}, as its package declares.</source>
        <translation>此组件未附带许可证文件；按其软件包的声明，许可证为 {license}。</translation>
    </message>
</context>
</TS>
