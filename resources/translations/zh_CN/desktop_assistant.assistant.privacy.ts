<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ModelErrors</name>
    <message>
        <source>The model is turned off in Settings → Privacy, so nothing is sent anywhere. Slash commands still work: type /help to see them.</source>
        <translation>模型已在“设置 → 隐私”中关闭，因此不会向任何地方发送内容。斜杠命令仍可使用：输入 /help 查看。</translation>
    </message>
    <message>
        <source>Settings → Privacy allows only models on this computer or the company network, and an unknown server is neither, so nothing was sent. Choose a local server in Settings → Model, or add the server&apos;s domain to the company hosts in Settings → Privacy.</source>
        <translation>“设置 → 隐私”只允许使用本机或公司网络中的模型，而未知服务器两者都不是，因此没有发送任何内容。请在“设置 → 模型”中选择本地服务器，或在“设置 → 隐私”中将该服务器的域名加入公司主机。</translation>
    </message>
    <message>
        <source>Settings → Privacy allows only models on this computer or the company network, and {host} is neither, so nothing was sent. Choose a local server in Settings → Model, or add the server&apos;s domain to the company hosts in Settings → Privacy.</source>
        <translation>“设置 → 隐私”只允许使用本机或公司网络中的模型，而 {host} 两者都不是，因此没有发送任何内容。请在“设置 → 模型”中选择本地服务器，或在“设置 → 隐私”中将该服务器的域名加入公司主机。</translation>
    </message>
</context>
<context>
    <name>PrivacyModes</name>
    <message>
        <source>Cloud or any server (OpenAI, Azure, others)</source>
        <translation>云端或任意服务器（OpenAI、Azure 等）</translation>
    </message>
    <message>
        <source>Only this computer and the company network</source>
        <translation>仅限本机和公司网络</translation>
    </message>
    <message>
        <source>Off: slash commands only, no model</source>
        <translation>关闭：只用斜杠命令，不使用模型</translation>
    </message>
</context>
</TS>
