<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ConfirmationCard</name>
    <message>
        <source>Confirm action: {tool}</source>
        <translation>确认操作：{tool}</translation>
    </message>
    <message>
        <source>The assistant asks before it acts</source>
        <translation>助手执行操作前需要你确认</translation>
    </message>
    <message>
        <source>What will happen</source>
        <translation>将要执行的操作</translation>
    </message>
    <message>
        <source>Allow</source>
        <translation>允许</translation>
    </message>
    <message>
        <source>Don&apos;t allow</source>
        <translation>不允许</translation>
    </message>
    <message>
        <source>Allowed. Running it now…</source>
        <translation>已允许，正在执行…</translation>
    </message>
    <message>
        <source>Not allowed. Nothing was done.</source>
        <translation>未允许，未执行任何操作。</translation>
    </message>
    <message>
        <source>Stopped. Nothing was done.</source>
        <translation>已停止，未执行任何操作。</translation>
    </message>
</context>
<context>
    <name>MessageBubble</name>
    <message>
        <source>Assistant</source>
        <translation>助手</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>出错了</translation>
    </message>
    <message>
        <source>AI</source>
        <comment>the badge on answers a model wrote</comment>
        <translation>AI</translation>
    </message>
    <message>
        <source>Written by a language model ({model})</source>
        <translation>由语言模型（{model}）撰写</translation>
    </message>
    <message>
        <source>Written by a language model</source>
        <translation>由语言模型撰写</translation>
    </message>
    <message>
        <source>Written by AI</source>
        <translation>由 AI 撰写</translation>
    </message>
    <message>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <source>Assistant (AI)</source>
        <translation>助手（AI）</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
</context>
<context>
    <name>ToolCallCard</name>
    <message>
        <source>Looked up</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Changed your data</source>
        <translation>已更改你的数据</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>Tool call: {tool}</source>
        <translation>工具调用：{tool}</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>正在运行…</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Undo {tool}</source>
        <translation>撤销 {tool}</translation>
    </message>
    <message>
        <source>Waiting for your answer…</source>
        <translation>等待你的答复…</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <source>Undoing…</source>
        <translation>正在撤销…</translation>
    </message>
    <message>
        <source>{result}
Undone: {said}</source>
        <translation>{result}
已撤销：{said}</translation>
    </message>
    <message>
        <source>{result}
Could not undo: {message}</source>
        <translation>{result}
无法撤销：{message}</translation>
    </message>
</context>
</TS>
