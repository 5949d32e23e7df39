"""The sidebar, the search panel, the agenda, document indexing and the tray in Chinese.

Each panel is built with the zh_CN catalogs installed (``chinese_interface``) on real data
(conversations in the history, an indexed folder, an imported calendar) and walked for text
left in English (``untranslated_texts``), in the states that show the most text; a few texts
are checked word for word, dates included (written with the interface language's names).
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop_assistant.documents.locations import Location
from desktop_assistant.documents.progress import IndexProgress
from desktop_assistant.ui.agenda_view import AgendaDock
from desktop_assistant.ui.background import Background
from desktop_assistant.ui.file_status import FileStatusList
from desktop_assistant.ui.indexing import (
    DocumentIndexing,
    IndexingIndicator,
    long_progress,
    progress_counts,
    short_progress,
)
from desktop_assistant.ui.search_panel import HTML_ROLE, SearchPanel, location_text
from desktop_assistant.ui.tray import TrayIcon
from tests.gui.driving import TIMEOUT_MS
from tests.support.documents_corpus import index_all
from tests.support.i18n import untranslated_texts
from tests.support.notification_server import NotificationRecorder

ZONE = "Asia/Shanghai"
WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
LONG_WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
OFFSCREEN = ("No such signal QPlatformNativeInterface::systemTrayWindowChanged",
             "This plugin does not support raise")


def short_day(day: date) -> str:
    return f"{day.month}月{day.day}日 {WEEKDAYS[day.weekday()]}"


def long_day(day: date) -> str:
    return f"{day.month}月{day.day}日 {LONG_WEEKDAYS[day.weekday()]}"


# The sidebar ----------------------------------------------------------------------------------


def test_the_sidebar_its_actions_and_the_delete_question_are_chinese(
    qtbot: Any, chinese_interface: str, bare_window: Any, bare_services: Any
) -> None:
    history = bare_services.history
    history.create_conversation("周五安排")
    untitled = history.create_conversation()  # stored with the default (English) title
    history.create_conversation("季度预算")
    sidebar = bare_window.sidebar
    sidebar.refresh()

    assert sidebar.titles() == ["季度预算", "新对话", "周五安排"]
    assert untranslated_texts(sidebar) == []
    assert sidebar.new_button.text() == "新对话"
    assert sidebar.search.placeholderText() == "搜索对话"
    assert sidebar.list.accessibleName() == "对话列表"
    assert [sidebar.rename_action.text(), sidebar.delete_action.text()] == ["重命名", "删除……"]
    assert sidebar.list.item(1).toolTip().startswith("新对话\n最近活动：")
    assert history.conversation(untitled.id).title == "New conversation"  # stored as it was

    sidebar.list.setCurrentRow(2)
    sidebar.delete_action.trigger()
    box = bare_window.findChild(QMessageBox, "confirmDelete")
    assert box is not None
    qtbot.waitExposed(box)
    assert untranslated_texts(box) == []
    assert box.windowTitle() == "删除对话"
    assert box.text() == "删除“周五安排”及其全部消息？此操作无法撤销。"
    assert box.button(QMessageBox.StandardButton.Cancel).text() == "取消"
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert sidebar.titles() == ["季度预算", "新对话", "周五安排"]


# The search panel -----------------------------------------------------------------------------


@pytest.fixture
def panel(qtbot: Any, bare_services: Any, tmp_path: Path) -> SearchPanel:
    """The Ctrl+K panel over an indexed folder holding a Chinese policy."""
    folder = tmp_path / "drive"
    folder.mkdir()
    (folder / "报销制度.txt").write_text(
        "差旅报销标准\n出差每天的住宿报销上限为 500 元。\n第二行\n", encoding="utf-8")
    bare_services.documents.add_folder(folder)
    index_all(bare_services.documents)
    built = SearchPanel(bare_services)
    qtbot.addWidget(built)
    built.show()
    qtbot.waitExposed(built)
    return built


def search(qtbot: Any, panel: SearchPanel, text: str) -> None:
    with qtbot.waitSignal(panel.searched, timeout=TIMEOUT_MS,
                          check_params_cb=lambda query: query == text):
        panel.query.setText(text)


def test_the_search_panel_with_results_and_with_none_is_chinese(
    qtbot: Any, chinese_interface: str, panel: SearchPanel
) -> None:
    assert untranslated_texts(panel) == []
    assert panel.windowTitle() == "搜索文档"
    assert panel.query.placeholderText() == "搜索文档：报销、差旅政策……"
    assert panel.note.text().startswith("输入中文或英文即可搜索已索引的文档。")

    search(qtbot, panel, "报销")
    assert [Path(hit.path).name for hit in panel.hits] == ["报销制度.txt"]
    assert untranslated_texts(panel) == []
    assert panel.note.text() == "1 个文档 · ↑↓ 选择 · Enter 打开 · Esc 关闭"
    shown = str(panel.results.item(0).data(HTML_ROLE))
    assert "报销制度.txt — 第 1–3 行" in shown
    assert "lines" not in shown

    search(qtbot, panel, "火星基地")
    assert panel.hits == []
    assert untranslated_texts(panel) == []
    assert panel.note.text().startswith("没有已索引的文档与“火星基地”匹配。")
    assert '<a href="settings">设置 → 文档</a>' in panel.note.text()


def test_places_in_files_read_as_the_model_reads_them_in_english(qapp: Any) -> None:
    places = [Location(page=4), Location(slide=2), Location(sheet="Budget", first=2, last=51,
              unit="rows"), Location(heading="Travel", first=10, last=42),
              Location(first=7, unit="paragraphs"), Location()]
    assert [location_text(place) for place in places] == [place.label for place in places]


def test_places_in_files_in_chinese(chinese_interface: str) -> None:
    assert location_text(Location(page=4)) == "第 4 页"
    assert location_text(Location(sheet="Budget", first=2, last=51, unit="rows")) == \
        "工作表 Budget，第 2–51 行"
    assert location_text(Location(heading="差旅", first=10, last=42)) == "差旅 › 第 10–42 行"


# The agenda -----------------------------------------------------------------------------------


def calendar_file(folder: Path, today: date) -> Path:
    """A daily stand-up from this week's Monday, a review today at 14:00 in Shanghai with a
    room, a video link and five attendees, and a tentative two-day offsite from tomorrow."""
    monday = today - timedelta(days=today.weekday())
    tomorrow = today + timedelta(days=1)
    attendees = "".join(f"ATTENDEE;CN={name}:mailto:{mail}@corp.example\n" for name, mail in (
        ("王芳", "wang"), ("李雷", "li"), ("韩梅梅", "han"), ("张伟", "zhang"), ("刘洋", "liu")))
    path = folder / "work.ics"
    path.write_text(f"""BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//desktop-assistant tests//EN
BEGIN:VEVENT
UID:standup@corp.example
DTSTAMP:20260101T000000Z
DTSTART;TZID=Asia/Shanghai:{monday:%Y%m%d}T093000
DTEND;TZID=Asia/Shanghai:{monday:%Y%m%d}T094500
RRULE:FREQ=DAILY;COUNT=14
SUMMARY:站会
END:VEVENT
BEGIN:VEVENT
UID:review@corp.example
DTSTAMP:20260101T000000Z
DTSTART:{today:%Y%m%d}T060000Z
DTEND:{today:%Y%m%d}T070000Z
SUMMARY:季度预算评审
LOCATION:301 会议室
ORGANIZER:mailto:me@corp.example
{attendees}CONFERENCE;VALUE=URI;FEATURE=VIDEO:https://meet.example.com/abc-defg-hij
END:VEVENT
BEGIN:VEVENT
UID:offsite@corp.example
DTSTAMP:20260101T000000Z
DTSTART;VALUE=DATE:{tomorrow:%Y%m%d}
DTEND;VALUE=DATE:{tomorrow + timedelta(days=2):%Y%m%d}
SUMMARY:团建
STATUS:TENTATIVE
END:VEVENT
END:VCALENDAR
""", encoding="utf-8")
    return path


@pytest.fixture
def agenda(qtbot: Any, bare_services: Any) -> AgendaDock:
    bare_services.settings = dataclasses.replace(bare_services.settings, timezone=ZONE,
                                                 calendar_email="me@corp.example")
    dock = AgendaDock(bare_services)
    qtbot.addWidget(dock)
    return dock


def test_the_agenda_with_events_is_chinese_with_chinese_dates(
    qtbot: Any, chinese_interface: str, agenda: AgendaDock, bare_services: Any, tmp_path: Path
) -> None:
    calendar = bare_services.calendar
    today = calendar.now().date()
    tomorrow = today + timedelta(days=1)
    calendar.import_ics(calendar_file(tmp_path, today))
    view = agenda.view
    with qtbot.waitSignal(view.shown, timeout=TIMEOUT_MS):
        agenda.show()

    assert untranslated_texts(agenda) == []
    assert agenda.windowTitle() == "日程"
    assert view.period.text() == f"{today.year}年{short_day(today)} · {ZONE}"
    assert view.day_titles() == [f"今天 · {long_day(today)}"]
    assert [(row.time.text(), row.title.text()) for row in view.events()] == [
        ("09:30–09:45", "站会"), ("14:00–15:00", "季度预算评审")]
    standup, review = view.events()
    assert standup.lines == ["↻ 重复"]
    assert review.lines == ["301 会议室", "视频会议：https://meet.example.com/abc-defg-hij",
                            "参会人：王芳, 李雷, 韩梅梅, 张伟 等另外 1 人"]
    assert [view.today_button.text(), view.day_button.text(), view.week_button.text()] == [
        "今天", "日", "周"]

    with qtbot.waitSignal(view.shown, timeout=TIMEOUT_MS):
        qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert untranslated_texts(agenda) == []
    assert view.day_titles() == [f"明天 · {long_day(tomorrow)}"]
    offsite = next(row for row in view.events() if row.title.text() == "团建")
    assert offsite.time.text() == f"全天 · 至 {short_day(tomorrow + timedelta(days=1))}"
    assert offsite.lines == ["暂定"]

    with qtbot.waitSignal(view.shown, timeout=TIMEOUT_MS):
        qtbot.mouseClick(view.week_button, Qt.MouseButton.LeftButton)
    monday = tomorrow - timedelta(days=tomorrow.weekday())
    sunday = monday + timedelta(days=6)
    assert view.period.text() == (f"{short_day(monday)} – {sunday.year}年{short_day(sunday)}"
                                  f" · {ZONE}")
    assert untranslated_texts(agenda) == []

    for _ in range(2):
        with qtbot.waitSignal(view.shown, timeout=TIMEOUT_MS):
            qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert view.events() == []
    assert view.message.text() == "该周日历上没有安排。"
    assert untranslated_texts(agenda) == []


def test_the_agenda_says_in_chinese_that_the_calendar_cannot_be_read(
    qtbot: Any, chinese_interface: str, agenda: AgendaDock, bare_services: Any
) -> None:
    from tests.support.radicale_server import free_port

    bare_services.settings = dataclasses.replace(
        bare_services.settings, calendar_backend="caldav", calendar_timeout=5.0,
        calendar_caldav_url=f"http://127.0.0.1:{free_port()}/alice/work/")
    view = agenda.view
    with qtbot.waitSignal(view.shown, timeout=TIMEOUT_MS):
        agenda.show()
    assert view.message.text().startswith("无法读取日历：")
    assert not view.retry_button.isHidden()
    assert view.retry_button.text() == "重试"
    # The reason comes from the calendar package, translated by its own catalog.
    assert untranslated_texts(agenda, allow=(view.message.text(),)) == []


# Document indexing ----------------------------------------------------------------------------


def test_indexing_progress_and_how_it_ended_read_in_chinese(chinese_interface: str) -> None:
    running = IndexProgress("indexing", files_done=1234, files_total=5000, rate=20.0)
    assert short_progress(running) == "正在索引 1,234 / 5,000……"
    assert long_progress(running) == ("正在索引第 1,234 个，共 5,000 个文件 · 每秒 20 个"
                                      " · 约剩 3 分钟")
    scanning = IndexProgress("scanning", found=80)
    assert short_progress(scanning) == "正在查找有变动的文档…… 已检查 80 个文件"
    ended = IndexProgress("done", files_done=4, files_total=4, indexed=2, skipped=1, failed=1,
                          elapsed=0.5, unavailable=("/mnt/share",))
    assert long_progress(ended) == "已是最新：用 0.5 秒读取了 4 个新增或改动的文件。"
    assert progress_counts(ended) == "已索引 2 个 · 已跳过 1 个 · 失败 1 个 · 无法访问：/mnt/share"
    cancelled = IndexProgress("cancelled", files_done=3, files_total=9)
    assert long_progress(cancelled).startswith("已取消，已完成 3 / 9 个文件。")


def test_the_indexing_line_while_paused_and_the_file_list_with_failures_are_chinese(
    qtbot: Any, chinese_interface: str, bare_services: Any, tmp_path: Path
) -> None:
    folder = tmp_path / "drive"
    folder.mkdir()
    for number in range(60):
        (folder / f"memo{number:03}.txt").write_text(f"会议纪要 {number}\n", encoding="utf-8")
    (folder / "broken.docx").write_bytes(b"not a zip archive at all")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    bare_services.documents.add_folder(folder)
    indexing = DocumentIndexing(bare_services)
    indicator = IndexingIndicator(indexing)
    qtbot.addWidget(indicator)
    try:
        with qtbot.waitSignal(indexing.progressed, timeout=TIMEOUT_MS,
                              check_params_cb=lambda p: p.phase == "paused"):
            assert indexing.start()
            indexing.pause()
        assert not indicator.isHidden()
        assert untranslated_texts(indicator) == []
        assert indicator.text().startswith("索引已暂停：")
        assert indicator.accessibleName() == "文档索引"
        with qtbot.waitSignal(indexing.finished, timeout=30_000) as ended:
            indexing.resume()
        assert progress_counts(ended.args[0]) == "已索引 60 个 · 已跳过 1 个 · 失败 1 个"
    finally:
        indexing.shutdown()

    files = FileStatusList(bare_services)
    qtbot.addWidget(files)
    with qtbot.waitSignal(files.model.loaded, timeout=TIMEOUT_MS):
        files.model.reload()
    assert untranslated_texts(files) == []
    assert files.counts.text() == "共 62 个文件：已索引 60 个 · 已跳过 1 个 · 1 个无法读取"
    assert [files.filter.itemText(i) for i in range(files.filter.count())] == [
        "全部文件", "已索引", "已跳过", "出错"]
    model = files.model
    assert [model.headerData(i, Qt.Orientation.Horizontal) for i in range(3)] == [
        "文件", "状态", "原因"]
    with qtbot.waitSignal(model.loaded, timeout=TIMEOUT_MS):
        files.filter.setCurrentIndex(files.filter.findData("error"))
    qtbot.waitUntil(lambda: model.record(0) is not None, timeout=TIMEOUT_MS)
    assert model.data(model.index(0, 1)) == "出错"


# The tray and what runs in the background ----------------------------------------------------


def test_the_tray_menu_is_chinese(chinese_interface: str) -> None:
    tray = TrayIcon()
    try:
        assert untranslated_texts(tray.menu) == []
        assert [a.text() for a in tray.menu.actions() if not a.isSeparator()] == [
            "打开 Desktop Assistant(&O)", "新对话(&N)", "暂停通知 1 小时(&P)", "退出(&Q)"]
    finally:
        tray.dispose()


@pytest.mark.qt_log_ignore(*OFFSCREEN)
def test_the_close_to_tray_note_comes_in_chinese_with_a_chinese_open_action(
    qtbot: Any, chinese_interface: str, window: Any, services: Any,
    notification_server: NotificationRecorder, short_folder: Path
) -> None:
    services.settings = dataclasses.replace(services.settings, briefing_time="")
    background = Background(window, services, tray_available=True, use_dbus=True,
                            bus_address=notification_server.bus_address,
                            server_name=str(short_folder / "instance.sock"))
    assert background.start()
    try:
        assert background.tray is not None
        assert untranslated_texts(background.tray.menu) == []
        window.close()
        qtbot.waitUntil(lambda: len(notification_server.snapshot()) == 1, timeout=TIMEOUT_MS)
        (note,) = notification_server.snapshot()
        assert note.summary == "Desktop Assistant 仍在运行"
        assert note.body.startswith("Desktop Assistant 仍在系统托盘中运行，提醒会照常送达。")
        assert note.action_labels == {"default": "打开", "open": "打开"}
    finally:
        background.shutdown()
