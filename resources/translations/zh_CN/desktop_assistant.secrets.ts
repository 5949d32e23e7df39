<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Keyring</name>
    <message>
        <source>Your keyring is locked: unlock it (log in again or open Passwords and Keys) and retry.</source>
        <translation>你的系统密钥环已锁定：请解锁（重新登录，或打开“密码和密钥”）后重试。</translation>
    </message>
    <message>
        <source>Could not read {name!r} from the system keyring</source>
        <translation>无法从系统密钥环读取 {name!r}</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>secret</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>The {what} could not be saved</source>
        <translation>无法保存{what}</translation>
    </message>
    <message>
        <source>No system keyring is available ({reason}); the {what} is kept for this session only and was not written anywhere. Start or install a keyring (GNOME Keyring or KWallet on Linux) to keep it.</source>
        <translation>没有可用的系统密钥环（{reason}）；{what}只在本次运行期间保留，没有写入任何地方。要长期保存，请启动或安装密钥环（Linux 上可用 GNOME Keyring 或 KWallet）。</translation>
    </message>
    <message>
        <source>{error} The {what} is kept for this session only and was not written anywhere.</source>
        <translation>{error}{what}只在本次运行期间保留，没有写入任何地方。</translation>
    </message>
    <message>
        <source>Saved in the system keyring ({backend}).</source>
        <translation>已保存到系统密钥环（{backend}）。</translation>
    </message>
    <message>
        <source>Could not remove {name!r} from the system keyring</source>
        <translation>无法从系统密钥环删除 {name!r}</translation>
    </message>
    <message>
        <source>{failed} ({reason}).</source>
        <translation>{failed}（{reason}）。</translation>
    </message>
    <message>
        <source>{failed}: the system keyring did not answer within {seconds} s (it may be waiting for an unlock prompt, or be stuck). Unlock or restart it and retry.</source>
        <translation>{failed}：系统密钥环在 {seconds} 秒内没有响应（可能在等待解锁提示，或已卡住）。请解锁或重启密钥环后重试。</translation>
    </message>
    <message>
        <source>{failed}: the system keyring failed ({reason}). Retry; if it keeps failing, restart the keyring (log out and in).</source>
        <translation>{failed}：系统密钥环出错（{reason}）。请重试；如果一直失败，请重启密钥环（注销后重新登录）。</translation>
    </message>
    <message>
        <source>{failed}. {locked}</source>
        <translation>{failed}。{locked}</translation>
    </message>
</context>
</TS>
