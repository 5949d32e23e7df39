<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>SearchPanel</name>
    <message>
        <source>page {number}</source>
        <translation>第 {number} 页</translation>
    </message>
    <message>
        <source>slide {number}</source>
        <translation>第 {number} 张幻灯片</translation>
    </message>
    <message>
        <source>sheet {name}</source>
        <translation>工作表 {name}</translation>
    </message>
    <message>
        <source>line {number}</source>
        <translation>第 {number} 行</translation>
    </message>
    <message>
        <source>row {number}</source>
        <translation>第 {number} 行</translation>
    </message>
    <message>
        <source>paragraph {number}</source>
        <translation>第 {number} 段</translation>
    </message>
    <message>
        <source>lines {first}–{last}</source>
        <translation>第 {first}–{last} 行</translation>
    </message>
    <message>
        <source>rows {first}–{last}</source>
        <translation>第 {first}–{last} 行</translation>
    </message>
    <message>
        <source>paragraphs {first}–{last}</source>
        <translation>第 {first}–{last} 段</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>Search documents</source>
        <extracomment>The results for this text are shown (tests wait on it). A result was opened: its link. The person asked for Settings → Documents.</extracomment>
        <translation>搜索文档</translation>
    </message>
    <message>
        <source>Search your documents: 报销, travel policy …</source>
        <translation>搜索文档：报销、差旅政策……</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <source>Type to search your indexed documents, in 中文 or English. Choose the folders in &lt;a href=&quot;settings&quot;&gt;Settings → Documents&lt;/a&gt;.</source>
        <translation>输入中文或英文即可搜索已索引的文档。要选择文件夹，请前往&lt;a href=&quot;settings&quot;&gt;设置 → 文档&lt;/a&gt;。</translation>
    </message>
    <message>
        <source>The search failed: {reason}</source>
        <translation>搜索失败：{reason}</translation>
    </message>
    <message numerus="yes">
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n 个文档</numerusform>
        </translation>
    </message>
    <message>
        <source>{count} · ↑↓ to choose · Enter to open · Esc to close</source>
        <translation>{count} · ↑↓ 选择 · Enter 打开 · Esc 关闭</translation>
    </message>
    <message>
        <source>No indexed document matches “{query}”. Try other words, or check the folders in &lt;a href=&quot;settings&quot;&gt;Settings → Documents&lt;/a&gt;.</source>
        <translation>没有已索引的文档与“{query}”匹配。请换个说法，或到&lt;a href=&quot;settings&quot;&gt;设置 → 文档&lt;/a&gt;中检查文件夹。</translation>
    </message>
</context>
</TS>
