<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ModelSettingsWidget</name>
    <message>
        <source>Base URL</source>
        <translation>基础 URL</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>终结点</translation>
    </message>
    <message>
        <source>Server URL</source>
        <translation>服务器 URL</translation>
    </message>
    <message>
        <source>Optional: leave empty for api.openai.com</source>
        <translation>可选：留空则使用 api.openai.com</translation>
    </message>
    <message>
        <source>{name} at {url} (no models loaded)</source>
        <translation>{name}，地址 {url}（未加载模型）</translation>
    </message>
    <message>
        <source>Provider</source>
        <extracomment>Saved: a message for the person, and whether it is a warning (key kept for now only).</extracomment>
        <translation>服务商</translation>
    </message>
    <message>
        <source>Detect local servers</source>
        <translation>检测本机服务器</translation>
    </message>
    <message>
        <source>Look for Ollama, LM Studio, llama.cpp and vLLM on this computer</source>
        <translation>在本机查找 Ollama、LM Studio、llama.cpp 和 vLLM</translation>
    </message>
    <message>
        <source>Servers found</source>
        <translation>找到的服务器</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>e.g. gpt-4o-mini, qwen2.5:7b</source>
        <translation>例如 gpt-4o-mini、llama3.1:8b</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Ask the server which models it offers</source>
        <translation>向服务器查询可用的模型</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>Stored in the system keyring, never in a file</source>
        <translation>保存在系统密钥环中，绝不写入文件</translation>
    </message>
    <message>
        <source>The key is saved in the system keyring (Windows Credential Manager, macOS Keychain, Secret Service). Leave the field empty to keep the current key.</source>
        <translation>密钥保存在系统密钥环中（Windows 凭据管理器、macOS 钥匙串、Linux 系统密钥服务）。留空则保留当前密钥。</translation>
    </message>
    <message>
        <source>OPENAI_API_KEY is set in the environment: it is used instead of a saved key.</source>
        <translation>环境变量中已设置 OPENAI_API_KEY：将使用它，而不是已保存的密钥。</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Deployment</source>
        <translation>部署名称</translation>
    </message>
    <message>
        <source>Enter the endpoint first.</source>
        <translation>请先输入终结点。</translation>
    </message>
    <message>
        <source>Enter the server URL first.</source>
        <translation>请先输入服务器 URL。</translation>
    </message>
    <message>
        <source>Choose or type a model first (Refresh lists what the server offers).</source>
        <translation>请先选择或输入模型（点击“刷新”可列出服务器提供的模型）。</translation>
    </message>
    <message numerus="yes">
        <source>{name} at {url} (%n model(s))</source>
        <translation>
            <numerusform>{name}，地址 {url}（%n 个模型）</numerusform>
        </translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation>正在测试连接…</translation>
    </message>
    <message>
        <source>Connected to {where}; the model {model} answered.</source>
        <translation>已连接到 {where}，模型 {model} 已应答。</translation>
    </message>
    <message>
        <source>Asking the server for its models…</source>
        <translation>正在向服务器查询模型…</translation>
    </message>
    <message numerus="yes">
        <source>The server offers %n model(s).</source>
        <translation>
            <numerusform>服务器提供 %n 个模型。</numerusform>
        </translation>
    </message>
    <message>
        <source>The server lists no models. Load or pull one, then Refresh.</source>
        <translation>服务器没有列出任何模型。请加载或拉取一个模型，然后点击“刷新”。</translation>
    </message>
    <message>
        <source>Looking for model servers on this computer…</source>
        <translation>正在本机查找模型服务器…</translation>
    </message>
    <message>
        <source>No model server answered on this computer (ports {ports}). Start Ollama, LM Studio, llama.cpp or vLLM, or enter the server&apos;s address.</source>
        <translation>本机没有模型服务器应答（端口 {ports}）。请启动 Ollama、LM Studio、llama.cpp 或 vLLM，或输入服务器地址。</translation>
    </message>
    <message>
        <source>Found {server} ({count} found; pick another above).</source>
        <translation>找到 {server}（共找到 {count} 个，可在上方另选）。</translation>
    </message>
    <message>
        <source>Found {server}.</source>
        <translation>找到 {server}。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Model settings saved: {model}.</source>
        <translation>模型设置已保存：{model}。</translation>
    </message>
    <message>
        <source>Saving the API key…</source>
        <translation>正在保存 API 密钥…</translation>
    </message>
    <message>
        <source>The API key could not be saved: {error}</source>
        <translation>无法保存 API 密钥：{error}</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <source>Set up the assistant</source>
        <translation>设置助手</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>&lt;b&gt;Welcome!&lt;/b&gt; Choose the language model the assistant talks to: OpenAI, Azure OpenAI, or a server on this computer or your company&apos;s network. Commands such as &lt;b&gt;/help&lt;/b&gt; and &lt;b&gt;/time&lt;/b&gt; work without one.</source>
        <translation>&lt;b&gt;欢迎！&lt;/b&gt;请选择助手所用的语言模型：OpenAI、Azure OpenAI，或本机、公司网络中的服务器。&lt;b&gt;/help&lt;/b&gt;、&lt;b&gt;/time&lt;/b&gt; 等命令无需模型即可使用。</translation>
    </message>
    <message>
        <source>Choose the language model the assistant talks to.</source>
        <translation>请选择助手所用的语言模型。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
</TS>
