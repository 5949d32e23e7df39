<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>DocumentsSettings</name>
    <message>
        <source>The assistant searches the files in these folders. They are indexed on this computer; nothing is uploaded.</source>
        <extracomment>While indexing, the file list is read again at most this often (seconds). The dialog grows to this size (within the screen) when the tab is shown: it has a lot to show.</extracomment>
        <translation>助手会搜索这些文件夹中的文件。索引在本机完成，不会上传任何内容。</translation>
    </message>
    <message>
        <source>Indexed folders</source>
        <translation>已索引的文件夹</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Stop searching this folder; its files are not touched.</source>
        <translation>不再搜索此文件夹；其中的文件不会被改动。</translation>
    </message>
    <message>
        <source>All files, or e.g. *.pdf, *.docx</source>
        <translation>所有文件，或例如 *.pdf, *.docx</translation>
    </message>
    <message>
        <source>Include patterns</source>
        <translation>包含规则</translation>
    </message>
    <message>
        <source>e.g. drafts, *.tmp</source>
        <translation>例如 草稿, 备份</translation>
    </message>
    <message>
        <source>Exclude patterns</source>
        <translation>排除规则</translation>
    </message>
    <message>
        <source>Apply patterns</source>
        <translation>应用规则</translation>
    </message>
    <message>
        <source>Include</source>
        <translation>包含</translation>
    </message>
    <message>
        <source>Exclude</source>
        <translation>排除</translation>
    </message>
    <message>
        <source>Folders</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Add a folder to search its documents.</source>
        <translation>添加文件夹以搜索其中的文档。</translation>
    </message>
    <message>
        <source>Indexing progress</source>
        <translation>索引进度</translation>
    </message>
    <message>
        <source>Index now</source>
        <translation>立即索引</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Indexing</source>
        <translation>索引</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Shell-style patterns separated by commas: a name (drafts, *.tmp) matches at any depth; one with a slash (2023/*) matches from the folder.</source>
        <translation>通配符规则，用逗号分隔：不带斜杠的名称（如“草稿”“*.pdf”）匹配任意层级；带斜杠的（如 2023/*）从该文件夹开始匹配。</translation>
    </message>
    <message>
        <source>Add a folder to search</source>
        <translation>添加要搜索的文件夹</translation>
    </message>
    <message>
        <source>Adding {folder}…</source>
        <translation>正在添加 {folder}…</translation>
    </message>
    <message>
        <source>Added {folder}. Indexing it now.</source>
        <translation>已添加 {folder}，正在建立索引。</translation>
    </message>
    <message>
        <source>Choose a folder first.</source>
        <translation>请先选择一个文件夹。</translation>
    </message>
    <message>
        <source>Patterns saved for {folder}. Indexing it again.</source>
        <translation>已保存 {folder} 的规则，正在重新索引。</translation>
    </message>
    <message>
        <source>Stopping indexing to remove {folder}…</source>
        <translation>正在停止索引以移除 {folder}…</translation>
    </message>
    <message>
        <source>The folders could not be changed.</source>
        <translation>无法更改文件夹。</translation>
    </message>
    <message>
        <source>{indexed} indexed · {skipped} skipped</source>
        <translation>已索引 {indexed} · 已跳过 {skipped}</translation>
    </message>
    <message>
        <source>{counts} · {errors} could not be read</source>
        <translation>{counts} · {errors} 个无法读取</translation>
    </message>
    <message>
        <source>{count} documents searchable; last indexed {when} UTC.</source>
        <translation>可搜索 {count} 个文档；上次索引于 {when} UTC。</translation>
    </message>
    <message>
        <source>{count} documents searchable; not indexed yet.</source>
        <translation>可搜索 {count} 个文档；尚未建立索引。</translation>
    </message>
    <message>
        <source>Removed {folder}: its files are no longer searched.</source>
        <translation>已移除 {folder}：不再搜索其中的文件。</translation>
    </message>
    <message>
        <source>{done} / {total} files</source>
        <translation>{done} / {total} 个文件</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Pausing…</source>
        <translation>正在暂停…</translation>
    </message>
</context>
</TS>
