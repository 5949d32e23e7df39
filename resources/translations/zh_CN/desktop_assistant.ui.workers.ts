<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Workers</name>
    <message>
        <source>{what}: {detail}</source>
        <translation>{what}：{detail}</translation>
    </message>
    <message>
        <source>Cleaning up a worker failed</source>
        <extracomment>Created with the module, in the GUI thread that imports ``ui``.</extracomment>
        <translation>清理后台任务失败</translation>
    </message>
    <message>
        <source>The assistant&apos;s turn failed</source>
        <translation>助手本轮回答失败</translation>
    </message>
    <message>
        <source>Something went wrong: {detail}</source>
        <translation>出错了：{detail}</translation>
    </message>
    <message>
        <source>{task} failed</source>
        <translation>{task}失败</translation>
    </message>
    <message>
        <source>Showing the error of {task} failed</source>
        <translation>显示“{task}”的错误失败</translation>
    </message>
    <message>
        <source>Showing the result of {task} failed</source>
        <translation>显示“{task}”的结果失败</translation>
    </message>
    <message>
        <source>Showing the progress of {task} failed</source>
        <translation>显示“{task}”的进度失败</translation>
    </message>
    <message>
        <source>Finishing {task} failed</source>
        <translation>完成“{task}”失败</translation>
    </message>
</context>
</TS>
