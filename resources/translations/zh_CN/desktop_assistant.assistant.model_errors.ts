<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ModelErrors</name>
    <message>
        <source>{seconds} seconds</source>
        <translation>{seconds} 秒</translation>
    </message>
    <message>
        <source>about {minutes} minutes</source>
        <translation>约 {minutes} 分钟</translation>
    </message>
    <message>
        <source>a web page saying “{title}”</source>
        <translation>一个网页，内容为“{title}”</translation>
    </message>
    <message>
        <source>no details</source>
        <translation>没有详细信息</translation>
    </message>
    <message>
        <source>The model server at {where} had an error ({code}: {said}); a gateway or proxy in front of it got no good answer from the model server. Try again in a moment.</source>
        <translation>{where} 的模型服务器出错（{code}：{said}）；它前面的网关或代理没有从模型服务器得到正常应答。请稍后重试。</translation>
    </message>
    <message>
        <source>The model server at {where} had an error ({code}: {said}); it is overloaded or down for maintenance. Try again in a moment.</source>
        <translation>{where} 的模型服务器出错（{code}：{said}）；服务器负载过高或正在维护。请稍后重试。</translation>
    </message>
    <message>
        <source>The model server at {where} had an error ({code}: {said}). Try again in a moment.</source>
        <translation>{where} 的模型服务器出错（{code}：{said}）。请稍后重试。</translation>
    </message>
    <message>
        <source>The model server at {where} presented a certificate this computer does not trust ({reason}). If your company inspects HTTPS traffic or runs its own certificate authority, ask IT for the company CA certificate and point the SSL_CERT_FILE environment variable at it; otherwise check the address in Settings → Model.</source>
        <translation>{where} 的模型服务器出示的证书不受本机信任（{reason}）。如果公司会检查 HTTPS 流量或使用自己的证书颁发机构，请向 IT 部门索取公司的 CA 证书，并将环境变量 SSL_CERT_FILE 指向该证书；否则请在“设置 → 模型”中检查地址。</translation>
    </message>
    <message>
        <source>The secure (TLS) connection to the model server at {where} failed ({reason}). Check that the address uses https:// only if the server speaks HTTPS; a company proxy may also need its CA certificate (SSL_CERT_FILE).</source>
        <translation>与 {where} 的模型服务器建立安全（TLS）连接失败（{reason}）。请确认只有服务器支持 HTTPS 时地址才使用 https://；公司代理可能还需要其 CA 证书（SSL_CERT_FILE）。</translation>
    </message>
    <message>
        <source>Cannot reach the model server at {where}: the name {host!r} was not found (DNS lookup failed). Check the address in Settings → Model, and if it is a company server, that you are on the company network or VPN.</source>
        <translation>无法连接 {where} 的模型服务器：找不到名称 {host!r}（DNS 查询失败）。请在“设置 → 模型”中检查地址；如果是公司服务器，请确认已连接公司网络或 VPN。</translation>
    </message>
    <message>
        <source>Cannot reach the model server at {where}: nothing is accepting connections there (connection refused). Check that the server is running and the port is right.</source>
        <translation>无法连接 {where} 的模型服务器：该地址没有程序接受连接（连接被拒绝）。请确认服务器正在运行且端口正确。</translation>
    </message>
    <message>
        <source>Cannot reach the model server at {where} ({error}). Check that it is running and the address is right.</source>
        <translation>无法连接 {where} 的模型服务器（{error}）。请确认服务器正在运行且地址正确。</translation>
    </message>
    <message>
        <source>The model server at {where} did not answer within {seconds} seconds ({attempts} attempts). It may be busy or loading the model; try again, or raise the timeout in settings.</source>
        <translation>{where} 的模型服务器在 {seconds} 秒内没有应答（共尝试 {attempts} 次）。服务器可能正忙或正在加载模型；请重试，或在设置中延长超时时间。</translation>
    </message>
    <message>
        <source>The model server at {where} did not answer within {seconds} seconds. It may be busy or loading the model; try again, or raise the timeout in settings.</source>
        <translation>{where} 的模型服务器在 {seconds} 秒内没有应答。服务器可能正忙或正在加载模型；请重试，或在设置中延长超时时间。</translation>
    </message>
    <message>
        <source>The model server refused the API key (401: {said}). Enter a valid key in Settings → Model.</source>
        <translation>模型服务器拒绝了 API 密钥（401：{said}）。请在“设置 → 模型”中输入有效的密钥。</translation>
    </message>
    <message>
        <source>The API key is not allowed to use this model or server (403: {said}). Ask whoever manages the key for access, or choose another model in Settings → Model.</source>
        <translation>此 API 密钥无权使用该模型或服务器（403：{said}）。请向密钥的管理者申请权限，或在“设置 → 模型”中选择其他模型。</translation>
    </message>
    <message>
        <source>The server at {where} does not know the model {model!r} (404: {said}). Choose a model it lists in Settings → Model.</source>
        <translation>{where} 的服务器上没有模型 {model!r}（404：{said}）。请在“设置 → 模型”中选择它列出的模型。</translation>
    </message>
    <message>
        <source>The model server is rate limiting requests (429: {said}); try again in {how_long}.</source>
        <translation>模型服务器正在限制请求频率（429：{said}）；请在{how_long}后重试。</translation>
    </message>
    <message>
        <source>The model server is rate limiting requests (429: {said}); try again in a moment.</source>
        <translation>模型服务器正在限制请求频率（429：{said}）；请稍后重试。</translation>
    </message>
    <message>
        <source>The conversation is longer than the model can read ({code}: {said}). Start a new conversation or shorten the message.</source>
        <translation>对话超出了模型能读取的长度（{code}：{said}）。请开始新对话或缩短消息。</translation>
    </message>
    <message>
        <source>The model {model!r} does not support tool calls ({said}). Choose a model that does, or use slash commands such as /help.</source>
        <translation>模型 {model!r} 不支持工具调用（{said}）。请选择支持工具调用的模型，或使用 /help 等斜杠命令。</translation>
    </message>
    <message>
        <source>The model server rejected the request ({code}: {said}).</source>
        <translation>模型服务器拒绝了请求（{code}：{said}）。</translation>
    </message>
    <message>
        <source>The model server answered {code}: {said}</source>
        <translation>模型服务器返回 {code}：{said}</translation>
    </message>
    <message>
        <source>The model server at {where} stopped sending the answer for more than {seconds} seconds. What arrived is kept.</source>
        <translation>{where} 的模型服务器中断发送回答已超过 {seconds} 秒。已收到的内容已保留。</translation>
    </message>
    <message>
        <source>The connection to {where} broke in the middle of the answer ({error}). What arrived is kept; try again.</source>
        <translation>回答过程中与 {where} 的连接中断（{error}）。已收到的内容已保留；请重试。</translation>
    </message>
    <message>
        <source>The model server at {where} sent something that is not valid JSON ({error}). A proxy in between may be changing the answers; try again.</source>
        <translation>{where} 的模型服务器发来的内容不是有效的 JSON（{error}）。中间的代理可能篡改了回答；请重试。</translation>
    </message>
    <message>
        <source>The model call failed: {error}</source>
        <translation>调用模型失败：{error}</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <source>No model is configured. Open Settings → Model to choose one.</source>
        <translation>尚未配置模型。请打开“设置 → 模型”选择一个模型。</translation>
    </message>
    <message>
        <source>No model is configured yet. Open Settings → Model, or set DESKTOP_ASSISTANT_BASE_URL and DESKTOP_ASSISTANT_MODEL.</source>
        <translation>尚未配置模型。请打开“设置 → 模型”，或设置 DESKTOP_ASSISTANT_BASE_URL 和 DESKTOP_ASSISTANT_MODEL。</translation>
    </message>
    <message>
        <source>Azure OpenAI needs the resource&apos;s endpoint URL in settings.</source>
        <translation>Azure OpenAI 需要在设置中填写资源的终结点 URL。</translation>
    </message>
    <message>
        <source>Azure OpenAI needs an API key; enter it in Settings → Model.</source>
        <translation>Azure OpenAI 需要 API 密钥；请在“设置 → 模型”中输入。</translation>
    </message>
    <message>
        <source>OpenAI needs an API key: enter it in Settings → Model or set OPENAI_API_KEY.</source>
        <translation>OpenAI 需要 API 密钥：请在“设置 → 模型”中输入，或设置 OPENAI_API_KEY。</translation>
    </message>
    <message>
        <source>The model server at {where} answered with a web page instead of a model answer (HTTP {code}: “{page}”). A proxy or gateway in between may be failing or asking you to sign in; try again in a moment, or check the address in Settings → Model.</source>
        <translation>{where} 的模型服务器返回的是网页，而不是模型的回答（HTTP {code}：“{page}”）。中间的代理或网关可能出现故障或要求你登录；请稍后重试，或在“设置 → 模型”中检查地址。</translation>
    </message>
    <message>
        <source>empty page</source>
        <translation>空白页</translation>
    </message>
    <message>
        <source>The model server at {where} ended its answer without sending any of it (HTTP {code}, {content_type}). A proxy in between may have cut it off, or the server may not support streaming; try again, or check the address in Settings → Model.</source>
        <translation>{where} 的模型服务器结束了回答，但没有发送任何内容（HTTP {code}，{content_type}）。可能是中间的代理截断了回答，或服务器不支持流式传输；请重试，或在“设置 → 模型”中检查地址。</translation>
    </message>
    <message>
        <source>The model server at {where} sent a malformed chunk in the middle of its answer (not valid JSON: {error}). What arrived is kept; try again, and if it keeps happening, the server or a proxy in between is damaging its answers.</source>
        <translation>{where} 的模型服务器在回答中途发来格式错误的数据块（不是有效的 JSON：{error}）。已收到的内容已保留；请重试。如果反复出现，说明服务器或中间的代理损坏了回答。</translation>
    </message>
    <message>
        <source>The answer was cut off at the model&apos;s length limit (max tokens) while it was preparing a tool call, so nothing was run. Ask again, for less at a time.</source>
        <translation>模型在准备工具调用时达到长度上限（最大词元数），回答被截断，因此没有执行任何操作。请重新提问，每次少要求一些。</translation>
    </message>
    <message>
        <source>The answer was cut off: it reached the model&apos;s length limit (max tokens). What arrived is kept; ask it to continue, or for a shorter answer.</source>
        <translation>回答被截断：已达到模型的长度上限（最大词元数）。已收到的内容已保留；可以让它继续，或要求更简短的回答。</translation>
    </message>
    <message>
        <source>The model&apos;s provider stopped the answer with its content filter. What arrived is kept; rephrase the request if you think this was a mistake.</source>
        <translation>模型提供方的内容过滤器中止了回答。已收到的内容已保留；如果你认为这是误判，请换一种说法。</translation>
    </message>
    <message>
        <source>Stopped: the turn took longer than {seconds} seconds.</source>
        <translation>已停止：本轮回答用时超过 {seconds} 秒。</translation>
    </message>
    <message>
        <source>Stopped after {steps} tool steps without a final answer. Ask again more specifically, or continue the conversation.</source>
        <translation>执行 {steps} 步工具调用后仍没有最终回答，已停止。请更具体地重新提问，或继续对话。</translation>
    </message>
    <message>
        <source>Your message and the tool results it needed are longer than the model can read, even without the earlier conversation (about {tokens} tokens{said}). Shorten it or send it in parts, or choose a model with a larger context in Settings → Model.</source>
        <translation>即使不带之前的对话，你的消息及其所需的工具结果也超出了模型能读取的长度（约 {tokens} 个词元{said}）。请缩短消息或分几次发送，或在“设置 → 模型”中选择上下文更大的模型。</translation>
    </message>
    <message>
        <source>Your message is longer than the model can read, even without the earlier conversation (about {tokens} tokens{said}). Shorten it or send it in parts, or choose a model with a larger context in Settings → Model.</source>
        <translation>即使不带之前的对话，你的消息也超出了模型能读取的长度（约 {tokens} 个词元{said}）。请缩短消息或分几次发送，或在“设置 → 模型”中选择上下文更大的模型。</translation>
    </message>
    <message>
        <source>; the server said: {detail}</source>
        <translation>；服务器返回：{detail}</translation>
    </message>
</context>
</TS>
