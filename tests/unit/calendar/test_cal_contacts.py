"""Contacts: importing vCard and CSV files, and resolving the attendees people name."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from desktop_assistant.calendar.contacts import Contact, ContactBook, UnknownContact
from desktop_assistant.calendar.schema import MIGRATIONS
from desktop_assistant.calendar.slots import WorkingHours
from desktop_assistant.db import Database

VCARDS = """BEGIN:VCARD
VERSION:3.0
FN:王芳
N:王;芳;;;
EMAIL;TYPE=work:wang.fang@corp.example
TZ:Asia/Shanghai
TITLE:Finance Lead
END:VCARD
BEGIN:VCARD
VERSION:4.0
FN:Priya Nair
EMAIL:priya@corp.example
TZ:+05:30
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:No Mail
END:VCARD
"""


@pytest.fixture
def book(tmp_path: Path) -> ContactBook:
    return ContactBook(Database(tmp_path / "c.db", MIGRATIONS))


def test_vcard_import(book: ContactBook, tmp_path: Path) -> None:
    path = tmp_path / "team.vcf"
    path.write_text(VCARDS, encoding="utf-8")
    result = book.import_file(path)
    assert (result.added, result.updated) == (2, 0)
    assert result.problems == [
        "team.vcf: Priya Nair: unknown time zone '+05:30' (use a name like Asia/Shanghai)",
        "team.vcf: card 3 (No Mail) has no email address.",
    ]
    wang = book.resolve("finance lead")
    assert (wang.name, wang.email, wang.zone) == ("王芳", "wang.fang@corp.example",
                                                  "Asia/Shanghai")
    assert book.import_file(path).updated == 2


def test_csv_import_from_excel_in_chinese(book: ContactBook, tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_bytes(
        "姓名,邮箱,时区,工作时间,职位\n"
        "李雷,li.lei@corp.example,Europe/London,08:00-16:30,项目经理\n"
        "韩梅梅,,Asia/Shanghai,,\n".encode("gb18030")
    )
    result = book.import_file(path)
    assert result.added == 1
    assert result.problems == ["contacts.csv: line 3 (韩梅梅) has no email address."]
    li = book.resolve("项目经理")
    assert li.hours == WorkingHours(time(8), time(16, 30))
    assert li.zone == "Europe/London"


def test_csv_export_with_first_and_last_names(book: ContactBook, tmp_path: Path) -> None:
    path = tmp_path / "outlook.csv"
    path.write_text("First Name,Last Name,E-mail Address,Time Zone\n"
                    "Ana,Silva,ana@corp.example,GMT-3\n", encoding="utf-8-sig")
    book.import_file(path)
    ana = book.resolve("ana silva")
    assert (ana.email, ana.zone) == ("ana@corp.example", "Etc/GMT+3")


def test_resolving_names_emails_and_ambiguity(book: ContactBook) -> None:
    book.save(Contact("wang.fang@corp.example", "Wang Fang", aliases=("finance lead",)))
    book.save(Contact("wang.lei@corp.example", "Wang Lei"))
    assert book.resolve("the Finance Lead").email == "wang.fang@corp.example"
    assert book.resolve("WANG.FANG@corp.example").name == "Wang Fang"
    stranger = book.resolve("Bob <bob@elsewhere.example>")
    assert (stranger.email, stranger.name) == ("bob@elsewhere.example", "Bob")
    with pytest.raises(UnknownContact, match=r"could be Wang Fang .* Wang Lei"):
        book.resolve("wang")
    with pytest.raises(UnknownContact, match="No contact called 'the CEO'"):
        book.resolve("the CEO")
    with pytest.raises(ValueError, match="not an email address"):
        book.save(Contact("nobody"))
    assert book.remove("wang.lei@corp.example")
    assert book.resolve("wang").name == "Wang Fang"
