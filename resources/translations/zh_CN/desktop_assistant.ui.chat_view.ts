<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ChatView</name>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Interrupted: the answer was cut off when the app stopped</source>
        <translation>已中断：应用停止时回答被截断</translation>
    </message>
    <message>
        <source>Not finished</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>Still being written</source>
        <translation>仍在撰写中</translation>
    </message>
    <message>
        <source>Stopped at the step limit</source>
        <translation>已达到步骤上限，已停止</translation>
    </message>
    <message>
        <source>Stopped at the time limit</source>
        <translation>已达到时间上限，已停止</translation>
    </message>
    <message>
        <source>Send</source>
        <extracomment>A turn or command created or changed this conversation (the sidebar refreshes). An error&apos;s &quot;Open settings&quot; was clicked (the window opens Settings).</extracomment>
        <translation>发送</translation>
    </message>
    <message>
        <source>Send the message to the assistant</source>
        <translation>将消息发送给助手</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop the answer being written</source>
        <translation>停止正在撰写的回答</translation>
    </message>
    <message>
        <source>No result was recorded.</source>
        <translation>没有记录结果。</translation>
    </message>
    <message>
        <source>Open settings</source>
        <translation>打开设置</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Ask the model again for an answer to your last message</source>
        <translation>让模型重新回答你的上一条消息</translation>
    </message>
    <message>
        <source>The command failed: {error}</source>
        <translation>命令执行失败：{error}</translation>
    </message>
</context>
</TS>
