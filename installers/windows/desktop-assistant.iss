; Desktop Assistant for Windows: a per-user installer (Inno Setup 6.3 or later).
; Saved as UTF-8 with a BOM: only so does Inno Setup read the Chinese messages below.
;
; Build (from the repository root, after PyInstaller has made dist\desktop-assistant\):
;   for /f %v in ('python -c "import desktop_assistant; print(desktop_assistant.__version__)"') do ^
;     iscc /DAppVersion=%v installers\windows\desktop-assistant.iss
; The version comes only from desktop_assistant.__version__ (README.md has the PowerShell line).
;
; - Installs for the signed-in person only, without administrator rights, into
;   %LOCALAPPDATA%\Programs\Desktop Assistant, with a Start menu entry.
; - Optional task: start at sign-in. It writes exactly what Settings -> Profile -> "Start at
;   login" writes (desktop_assistant/autostart.py): the "Desktop Assistant" value of
;   HKCU\Software\Microsoft\Windows\CurrentVersion\Run = "<app>\desktop-assistant.exe" --background.
; - The uninstaller asks whether to remove the person's data too (default: keep). Remove runs
;   "desktop-assistant.exe data delete-all --yes", the app's own "Delete all my data": the
;   database, index, settings, logs, the start-at-login entry and every keyring entry.
;   A silent uninstall keeps the data unless /REMOVEDATA is given:
;   "%LOCALAPPDATA%\Programs\Desktop Assistant\unins000.exe" /VERYSILENT /REMOVEDATA

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=<desktop_assistant.__version__> (see README.md)
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\desktop-assistant"
#endif
#define AppName "Desktop Assistant"
#define AppExe "desktop-assistant.exe"

[Setup]
; AppId identifies the installation across versions: never change it.
AppId={{611F4D9A-E3D5-4C32-9DB9-3380B9F5BD75}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Desktop Assistant authors
VersionInfoVersion={#AppVersion}
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\{#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=desktop-assistant-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\desktop-assistant.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[CustomMessages]
english.StartAtLogin=Start Desktop Assistant when I sign in
chinesesimplified.StartAtLogin=登录时启动桌面助手
english.StartGroup=Start:
chinesesimplified.StartGroup=启动：
english.RemoveDataQuestion=Also delete your Desktop Assistant data?%n%nYes deletes, for good: your conversations, memory, reminders, drafts, document index, settings, logs and the keys and passwords saved in Windows Credential Manager.%n%nNo keeps them, so a later installation finds them again.
chinesesimplified.RemoveDataQuestion=是否同时删除您的桌面助手数据？%n%n选“是”将永久删除：对话、记忆、提醒、草稿、文档索引、设置、日志，以及保存在 Windows 凭据管理器中的密钥和密码。%n%n选“否”则保留这些数据，以后重新安装时仍可使用。
english.RemoveDataFailed=Some of your data could not be deleted (exit code %1). Run "desktop-assistant data delete-all" before uninstalling, or delete the folders named in Help > About.
chinesesimplified.RemoveDataFailed=部分数据未能删除（退出代码 %1）。请在卸载前运行“desktop-assistant data delete-all”，或手动删除“帮助 > 关于”中列出的文件夹。

[Tasks]
Name: "startatlogin"; Description: "{cm:StartAtLogin}"; GroupDescription: "{cm:StartGroup}"; Flags: unchecked
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; The same value autostart.enable() writes; the app's own setting can later remove it.
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: string; ValueName: "{#AppName}"; ValueData: """{app}\{#AppExe}"" --background"; Flags: uninsdeletevalue; Tasks: startatlogin

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
function RemoveDataAsked(): Boolean;
var
  I: Integer;
begin
  for I := 1 to ParamCount do
    if CompareText(ParamStr(I), '/REMOVEDATA') = 0 then
    begin
      Result := True;
      Exit;
    end;
  if UninstallSilent then
    Result := False
  else
    Result := MsgBox(CustomMessage('RemoveDataQuestion'), mbConfirmation,
                     MB_YESNO or MB_DEFBUTTON2) = IDYES;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  ResultCode: Integer;
begin
  { Before the files go: the app itself knows every place it wrote, keyring included. }
  if (CurUninstallStep = usUninstall) and RemoveDataAsked() then
  begin
    if not Exec(ExpandConstant('{app}\{#AppExe}'), 'data delete-all --yes', '', SW_HIDE,
                ewWaitUntilTerminated, ResultCode) or (ResultCode <> 0) then
      if not UninstallSilent then
        MsgBox(FmtMessage(CustomMessage('RemoveDataFailed'), [IntToStr(ResultCode)]),
               mbError, MB_OK);
  end;
end;
