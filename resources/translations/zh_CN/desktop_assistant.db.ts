<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Storage</name>
    <message>
        <source>Another program is using the assistant&apos;s database ({path}). Close it, or wait a moment and try again.</source>
        <translation>另一个程序正在使用助手的数据库（{path}）。请关闭该程序，或稍等片刻后重试。</translation>
    </message>
    <message>
        <source>The disk holding {folder} is full, so this could not be saved. Free some space and try again; what was saved before is unchanged.</source>
        <translation>{folder} 所在的磁盘已满，无法保存。请释放一些空间后重试；之前保存的内容不受影响。</translation>
    </message>
    <message>
        <source>The data folder {folder} can&apos;t be written ({detail}), so nothing can be saved. Make it writable for your account (or free it from whatever holds it read-only) and try again.</source>
        <translation>无法写入数据文件夹 {folder}（{detail}），因此无法保存任何内容。请让你的账户可以写入该文件夹（或解除使其只读的限制）后重试。</translation>
    </message>
    <message>
        <source>The assistant&apos;s database ({path}) is damaged ({detail}). Quit and start the assistant again: it sets the damaged file aside and starts a fresh one.</source>
        <translation>助手的数据库（{path}）已损坏（{detail}）。请退出并重新启动助手：它会把损坏的文件移到一旁，并新建一个数据库。</translation>
    </message>
    <message>
        <source>The assistant&apos;s database ({path}) could not be read or written ({detail}). Check the disk and try again.</source>
        <translation>无法读写助手的数据库（{path}）（{detail}）。请检查磁盘后重试。</translation>
    </message>
    <message>
        <source>The assistant&apos;s database ({path}) is damaged ({detail}).</source>
        <translation>助手的数据库（{path}）已损坏（{detail}）。</translation>
    </message>
    <message>
        <source>The assistant&apos;s database could not be read: it is damaged ({detail}). It was moved aside to {aside} (nothing was deleted) and a fresh database was started, so earlier conversations are not shown; they are still in that file.</source>
        <translation>无法读取助手的数据库：它已损坏（{detail}）。该文件已移至 {aside}（没有删除任何内容），并已新建一个数据库，因此不会显示之前的对话；它们仍保存在那个文件中。</translation>
    </message>
</context>
</TS>
