<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>DocumentIndexing</name>
    <message>
        <source> · less than a minute left</source>
        <extracomment>After the first paint, the history and the warm-up go first. At most this often (seconds) the window hears of progress, besides changes of phase. The run lets the window&apos;s thread have the GIL this often (seconds), for ``TURN_SLEEP``. Another run (the watcher&apos;s, or the command line&apos;s) holds the index: try again this often.</extracomment>
        <translation> · 剩余不到 1 分钟</translation>
    </message>
    <message>
        <source> · about {minutes} min left</source>
        <translation> · 约剩 {minutes} 分钟</translation>
    </message>
    <message>
        <source> · about {hours} h left</source>
        <translation> · 约剩 {hours} 小时</translation>
    </message>
    <message>
        <source>Looking for changed documents… {count} files</source>
        <translation>正在查找有变动的文档…… 已检查 {count} 个文件</translation>
    </message>
    <message>
        <source>Taking deleted documents out of the index…</source>
        <translation>正在从索引中移除已删除的文档……</translation>
    </message>
    <message>
        <source>Indexing paused at {done} / {total}</source>
        <translation>索引已暂停：{done} / {total}</translation>
    </message>
    <message>
        <source>Documents up to date</source>
        <translation>文档索引已是最新</translation>
    </message>
    <message>
        <source>Indexing cancelled</source>
        <translation>索引已取消</translation>
    </message>
    <message>
        <source>Indexing {done} / {total} …</source>
        <translation>正在索引 {done} / {total}……</translation>
    </message>
    <message>
        <source>Indexing {done} of {total} files · {rate} files/s</source>
        <translation>正在索引第 {done} 个，共 {total} 个文件 · 每秒 {rate} 个</translation>
    </message>
    <message>
        <source>Paused at {done} of {total} files. Resume carries on from there.</source>
        <translation>已暂停，已完成 {done} / {total} 个文件。点击“继续”将从此处接着索引。</translation>
    </message>
    <message>
        <source>Cancelled at {done} of {total} files. What was indexed is kept; Index now carries on from there.</source>
        <translation>已取消，已完成 {done} / {total} 个文件。已索引的内容会保留；点击“立即索引”将从此处接着索引。</translation>
    </message>
    <message>
        <source>Up to date: {count} files checked, none new or changed.</source>
        <translation>已是最新：检查了 {count} 个文件，没有新增或改动。</translation>
    </message>
    <message>
        <source>Up to date: {done} new or changed files read in {seconds} s.</source>
        <translation>已是最新：用 {seconds} 秒读取了 {done} 个新增或改动的文件。</translation>
    </message>
    <message>
        <source>{count} indexed</source>
        <translation>已索引 {count} 个</translation>
    </message>
    <message>
        <source>{count} unchanged</source>
        <translation>未改动 {count} 个</translation>
    </message>
    <message>
        <source>{count} skipped</source>
        <translation>已跳过 {count} 个</translation>
    </message>
    <message>
        <source>{count} failed</source>
        <translation>失败 {count} 个</translation>
    </message>
    <message>
        <source>{count} removed</source>
        <translation>已移除 {count} 个</translation>
    </message>
    <message>
        <source> · not reachable: {folders}</source>
        <translation> · 无法访问：{folders}</translation>
    </message>
    <message>
        <source>Indexing your documents failed</source>
        <extracomment>Every ``IndexProgress`` of the current run. True when a run starts, False when it has ended (after ``finished``). A run ended: its last ``IndexProgress``, or None if it had nothing to do or failed. The watcher brought changed files into the index: its ``IndexProgress``. The watcher started (True) or stopped (False). A run could not start; a sentence for the person.</extracomment>
        <translation>索引文档失败</translation>
    </message>
    <message>
        <source>Updating the index for changed files failed</source>
        <translation>更新改动文件的索引失败</translation>
    </message>
    <message>
        <source>Watching your document folders failed</source>
        <translation>监视文档文件夹失败</translation>
    </message>
</context>
<context>
    <name>IndexingIndicator</name>
    <message>
        <source>Indexing your documents. Click to see the details, pause or cancel.</source>
        <translation>正在索引文档。点击可查看详情、暂停或取消。</translation>
    </message>
    <message>
        <source>Document indexing</source>
        <translation>文档索引</translation>
    </message>
    <message>
        <source>Looking for changed documents…</source>
        <translation>正在查找有变动的文档……</translation>
    </message>
</context>
</TS>
