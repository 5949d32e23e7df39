<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Providers</name>
    <message>
        <source>OpenAI</source>
        <translation>OpenAI</translation>
    </message>
    <message>
        <source>Azure OpenAI</source>
        <translation>Azure OpenAI</translation>
    </message>
    <message>
        <source>OpenAI-compatible server (Ollama, LM Studio, vLLM, llama.cpp)</source>
        <translation>OpenAI 兼容服务器（Ollama、LM Studio、vLLM、llama.cpp）</translation>
    </message>
</context>
</TS>
