<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AuditLogDialog</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Tool</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>Effect</source>
        <translation>影响</translation>
    </message>
    <message>
        <source>Approval</source>
        <translation>批准方式</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>read</source>
        <translation>只读</translation>
    </message>
    <message>
        <source>local (your data)</source>
        <translation>本地（你的数据）</translation>
    </message>
    <message>
        <source>external (others, calendars, mail)</source>
        <translation>外部（他人、日历、邮件）</translation>
    </message>
    <message>
        <source>local</source>
        <extracomment>The stored values of the table&apos;s columns that have a translation (others show as stored).</extracomment>
        <translation>本地</translation>
    </message>
    <message>
        <source>external</source>
        <translation>外部</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>automatic (Settings → Privacy)</source>
        <translation>自动（设置 → 隐私）</translation>
    </message>
    <message>
        <source>approved in advance (--yes)</source>
        <translation>已预先批准（--yes）</translation>
    </message>
    <message>
        <source>approved by the person</source>
        <translation>由用户批准</translation>
    </message>
    <message>
        <source>refused by the person</source>
        <translation>被用户拒绝</translation>
    </message>
    <message>
        <source>cancelled (turn stopped)</source>
        <translation>已取消（回合已停止）</translation>
    </message>
    <message>
        <source>undo by the person</source>
        <translation>由用户撤销</translation>
    </message>
    <message>
        <source>confirmed on the draft card</source>
        <translation>在草稿卡片上确认</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>error</source>
        <translation>出错</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>undone</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>When: {when} ({at})
Tool: {tool}
Effect: {effect}
Approval: {approval}
Outcome: {outcome}
Conversation: {conversation}
Call: {call}

Arguments:
{arguments}

Result:
{result}
</source>
        <translation>时间：{when}（{at}）
工具：{tool}
影响：{effect}
批准方式：{approval}
结果：{outcome}
对话：{conversation}
调用：{call}

参数：
{arguments}

返回内容：
{result}
</translation>
    </message>
    <message>
        <source>Audit log</source>
        <extracomment>A page of entries has been shown (how many).</extracomment>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Filter: words in the tool, arguments or result</source>
        <translation>筛选：工具、参数或返回内容中的字词</translation>
    </message>
    <message>
        <source>Filter the audit log</source>
        <translation>筛选审计日志</translation>
    </message>
    <message>
        <source>All tools</source>
        <translation>所有工具</translation>
    </message>
    <message>
        <source>Audit log entries</source>
        <translation>审计日志记录</translation>
    </message>
    <message>
        <source>Entry details</source>
        <translation>记录详情</translation>
    </message>
    <message>
        <source>Choose an entry to see its arguments and result.</source>
        <translation>选择一条记录以查看其参数和返回内容。</translation>
    </message>
    <message>
        <source>Load older</source>
        <translation>加载更早的记录</translation>
    </message>
    <message>
        <source>Every action the assistant took, newest first: reading (search, free time), changing your own data (reminders, memory) and anything that touches others (events, drafts), with how you approved it.</source>
        <translation>助手执行过的每个操作（最新的在前）：读取（搜索、查找空闲时间）、更改你自己的数据（提醒、记忆），以及涉及他人的操作（日程、草稿），并注明你是如何批准的。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>The audit log could not be read: {error}</source>
        <translation>无法读取审计日志：{error}</translation>
    </message>
    <message>
        <source>No entry matches the filter.</source>
        <translation>没有符合筛选条件的记录。</translation>
    </message>
    <message>
        <source>The audit log is empty: the assistant has not used any tool yet.</source>
        <translation>审计日志为空：助手还没有使用过任何工具。</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(s) (more below: Load older).</source>
        <translation>
            <numerusform>%n 条记录（下方还有更多：加载更早的记录）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entry(s).</source>
        <translation>
            <numerusform>%n 条记录。</numerusform>
        </translation>
    </message>
</context>
</TS>
