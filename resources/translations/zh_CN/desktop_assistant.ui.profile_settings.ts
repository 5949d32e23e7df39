<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ProfileSettings</name>
    <message>
        <source>Formal</source>
        <translation>正式</translation>
    </message>
    <message>
        <source>Friendly</source>
        <translation>友好</translation>
    </message>
    <message>
        <source>Concise</source>
        <translation>简洁</translation>
    </message>
    <message>
        <source>The language I write in</source>
        <extracomment>The language of answers and drafts (not of the interface: that is under Appearance).</extracomment>
        <translation>与我使用的语言一致</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>中文 (Chinese)</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>Li Lei 李雷</source>
        <translation>李雷</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>你的姓名</translation>
    </message>
    <message>
        <source>Finance analyst</source>
        <translation>财务分析师</translation>
    </message>
    <message>
        <source>Your role</source>
        <translation>你的职位</translation>
    </message>
    <message>
        <source>Your email</source>
        <translation>你的邮箱</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>Li Lei
Finance · Corp Example
+86 …</source>
        <translation>李雷
财务部 · 示例公司
+86 …</translation>
    </message>
    <message>
        <source>Tone of drafts</source>
        <translation>草稿语气</translation>
    </message>
    <message>
        <source>Language of answers and drafts</source>
        <translation>回答和草稿的语言</translation>
    </message>
    <message>
        <source>Add “Drafted with AI assistance” to drafts the assistant writes</source>
        <translation>在助手撰写的草稿中注明“由 AI 协助起草”</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>职位</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Tone</source>
        <translation>语气</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>回答语言</translation>
    </message>
    <message>
        <source>The assistant uses these in its answers and in the emails it drafts. They stay on this computer, in the settings file.</source>
        <translation>助手会在回答和起草的邮件中使用这些信息。它们只保存在本机的设置文件中。</translation>
    </message>
    <message>
        <source>Your email {email} is not an email address.</source>
        <translation>你的邮箱 {email} 不是有效的邮箱地址。</translation>
    </message>
    <message>
        <source>Starting at login could not be set up: {error}</source>
        <translation>无法设置登录时启动：{error}</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Profile saved.</source>
        <translation>个人资料已保存。</translation>
    </message>
</context>
</TS>
