<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Redaction</name>
    <message>
        <source>{count} email address</source>
        <translation>{count} 个电子邮件地址</translation>
    </message>
    <message>
        <source>{count} email addresses</source>
        <translation>{count} 个电子邮件地址</translation>
    </message>
    <message>
        <source>{count} phone number</source>
        <translation>{count} 个电话号码</translation>
    </message>
    <message>
        <source>{count} phone numbers</source>
        <translation>{count} 个电话号码</translation>
    </message>
    <message>
        <source>{count} Chinese resident ID number</source>
        <translation>{count} 个居民身份证号</translation>
    </message>
    <message>
        <source>{count} Chinese resident ID numbers</source>
        <translation>{count} 个居民身份证号</translation>
    </message>
    <message>
        <source>{count} bank card number</source>
        <translation>{count} 个银行卡号</translation>
    </message>
    <message>
        <source>{count} bank card numbers</source>
        <translation>{count} 个银行卡号</translation>
    </message>
    <message>
        <source>{count} IBAN</source>
        <translation>{count} 个 IBAN</translation>
    </message>
    <message>
        <source>{count} IBANs</source>
        <translation>{count} 个 IBAN</translation>
    </message>
    <message>
        <source>{count} API key or password</source>
        <translation>{count} 个 API 密钥或密码</translation>
    </message>
    <message>
        <source>{count} API keys or passwords</source>
        <translation>{count} 个 API 密钥或密码</translation>
    </message>
    <message>
        <source>{items} and {last}</source>
        <translation>{items}和{last}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Privacy: replaced {what} with placeholders before sending to the model; you see the real values.</source>
        <translation>隐私保护：发送给模型前，已将{what}替换为占位符；你看到的是真实内容。</translation>
    </message>
</context>
</TS>
