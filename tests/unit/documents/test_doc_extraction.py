"""Extraction per file type, on real files made here, and every kind of bad input."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from desktop_assistant.documents.extractors import (
    MB,
    Failed,
    Limits,
    Skipped,
    extract,
    is_supported,
    supported_suffixes,
)
from desktop_assistant.documents.extractors.chunking import ChunkBuilder, split_long
from desktop_assistant.documents.locations import Location
from tests.support.documents_corpus import (
    make_docx,
    make_eml,
    make_encrypted_pdf,
    make_pdf,
    make_pptx,
    make_xlsx,
    make_zip_bomb,
)


def labelled(path: Path, limits: Limits | None = None) -> list[tuple[str, str]]:
    return [(c.location.label, c.text) for c in extract(path, limits).chunks]


def test_the_registry_covers_the_issue_s_formats() -> None:
    wanted = {".txt", ".md", ".html", ".pdf", ".docx", ".pptx", ".xlsx", ".csv", ".eml"}
    assert wanted <= supported_suffixes()
    assert is_supported("Report.PDF")
    assert not is_supported("photo.jpg")
    with pytest.raises(Skipped, match=r"unsupported file type \.jpg"):
        extract(Path("photo.jpg"))


def test_plain_text_title_and_line_ranges(tmp_path: Path) -> None:
    path = tmp_path / "policy.txt"
    path.write_text("Travel policy\n\nHotels: 500 yuan a night.\nMeals: 100 yuan.\n")
    extracted = extract(path)
    assert extracted.title == "Travel policy"
    assert extracted.note is None
    assert [(c.location.label, c.text) for c in extracted.chunks] == [
        ("lines 1–4", "Travel policy\nHotels: 500 yuan a night.\nMeals: 100 yuan."),
    ]


def test_markdown_sections_keep_their_heading_and_lines(tmp_path: Path) -> None:
    path = tmp_path / "handbook.md"
    path.write_text("# Handbook\nWelcome.\n\n## Expenses\nFile them by Friday.\nKeep receipts.\n")
    extracted = extract(path)
    assert extracted.title == "Handbook"
    assert labelled(path) == [
        ("Handbook › lines 1–2", "Handbook\nWelcome."),
        ("Expenses › lines 4–6", "Expenses\nFile them by Friday.\nKeep receipts."),
    ]


def test_html_visible_text_by_section(tmp_path: Path) -> None:
    path = tmp_path / "news.html"
    path.write_text(
        "<html><head><title>Intranet news</title><style>p{color:red}</style>"
        "<script>var secret = 1;</script></head><body><h1>News</h1><p>Hello <b>world</b></p>"
        "<h2>Events</h2><table><tr><td>会议</td><td>3pm</td></tr></table></body></html>",
        encoding="utf-8",
    )
    extracted = extract(path)
    assert extracted.title == "Intranet news"
    chunks = labelled(path)
    assert [label for label, _ in chunks] == ["News", "Events"]
    assert "Hello world" in chunks[0][1]
    assert "会议" in chunks[1][1]
    assert "secret" not in " ".join(text for _, text in chunks)


def test_pdf_pages(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "policy.pdf",
                    ["Travel policy\nHotels up to 500 (yuan) per night", "Meals budget: 100"],
                    title="Travel Policy 2024")
    extracted = extract(path)
    assert extracted.title == "Travel Policy 2024"
    assert labelled(path) == [
        ("page 1", "Travel policy\nHotels up to 500 (yuan) per night"),
        ("page 2", "Meals budget: 100"),
    ]


def test_docx_headings_paragraphs_and_tables(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "policy.docx",
        [("Travel", ["Hotels: 500 yuan a night.", "差旅报销标准"]), ("Meals", ["Up to 100."])],
        table=[["City", "Limit"], ["Beijing", "600"]],
        title="Expense policy",
    )
    extracted = extract(path)
    assert extracted.title == "Expense policy"
    chunks = labelled(path)
    assert chunks[0] == (
        "Travel › paragraphs 1–3", "Travel\nHotels: 500 yuan a night.\n差旅报销标准")
    assert chunks[1][0] == "Meals › paragraphs 4–6"
    assert "Beijing | 600" in chunks[1][1]


def test_pptx_slides_with_notes(tmp_path: Path) -> None:
    path = make_pptx(tmp_path / "q3.pptx", [
        ("Q3 budget 预算", "Marketing spend rises 10%", "Mention the freeze"),
        ("Hiring", "Two engineers", ""),
    ])
    extracted = extract(path)
    assert extracted.title == "Q3 budget 预算"
    assert labelled(path) == [
        ("slide 1", "Q3 budget 预算\nMarketing spend rises 10%\nMention the freeze"),
        ("slide 2", "Hiring\nTwo engineers"),
    ]


def test_xlsx_sheets_and_rows_repeat_the_header(tmp_path: Path) -> None:
    rows: list[list[object]] = [["Item", "Cost"]]
    rows += [[f"Laptop model {n:03d} with a long description", n] for n in range(1, 80)]
    path = make_xlsx(tmp_path / "budget.xlsx", {"Budget": rows, "Travel": [["Trip", "Cost"],
                                                                           ["Shanghai", 300]]})
    chunks = extract(path, Limits(chunk_chars=1000)).chunks
    budget = [c for c in chunks if c.location.sheet == "Budget"]
    assert len(budget) > 1
    assert budget[0].location.label.startswith("sheet Budget, rows 1–")
    assert all(c.text.startswith("Item | Cost\n") for c in budget)
    assert budget[-1].location.last == 80
    assert chunks[-1].location.label == "sheet Travel, rows 1–2"
    assert chunks[-1].text == "Trip | Cost\nShanghai | 300"


def test_csv_rows(tmp_path: Path) -> None:
    path = tmp_path / "claims.csv"
    path.write_text("name;amount\nalice;10\nbob;20\n")
    assert labelled(path) == [("rows 1–3", "name | amount\nalice | 10\nbob | 20")]


def test_eml_subject_people_and_html_body(tmp_path: Path) -> None:
    path = make_eml(tmp_path / "review.eml", "Budget review 预算", "Li Wei <li@corp.example>",
                    "<p>Please review the <b>budget</b> by Friday.</p>", html=True)
    extracted = extract(path)
    assert extracted.title == "Budget review 预算"
    text = extracted.chunks[0].text
    assert "From: Li Wei <li@corp.example>" in text
    assert "Please review the budget by Friday." in " ".join(text.split())


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("gbk", "本公司差旅报销标准：住宿每晚不超过五百元。会议预算需提前审批。"),
        ("big5", "本公司差旅報銷標準：住宿每晚不超過五百元。會議預算需提前審批。"),
        ("latin-1", "Café crème, naïve façade – résumé of the Zürich meeting."),
        ("utf-16", "Unicode from Notepad: 会议纪要"),
        ("gbk", "会议纪要：下周讨论报销流程。"),
        ("gbk", "预算"),
        ("big5", "預算"),
        ("shift_jis", "来週の会議で予算と出張費の精算手続きについて話し合います。"),
        ("euc-kr", "다음 주 회의에서 예산 및 출장비 정산 절차를 논의합니다."),
        ("cp1251", "Бюджет на следующий год утвержден"),
        ("latin-1", "Prüfung der Kostenstelle für das nächste Jahr, Grüße aus Köln."),
    ],
)
def test_legacy_encodings_are_decoded(tmp_path: Path, encoding: str, text: str) -> None:
    if encoding == "latin-1":
        text = text.replace("–", "-")
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes((text + "\n") .encode(encoding))
    assert extract(path).chunks[0].text == text


def test_a_binary_file_named_txt_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 20)
    with pytest.raises(Skipped, match="binary"):
        extract(path)
    noise = tmp_path / "noise.md"
    noise.write_bytes(bytes(b % 31 + 1 for b in range(4000)))
    with pytest.raises(Skipped, match="binary"):
        extract(noise)


def test_a_large_text_file_is_read_only_up_to_the_cap(tmp_path: Path) -> None:
    path = tmp_path / "app.txt"
    line = "2024-03-04 INFO request served in 12 ms\n"
    with path.open("w") as stream:
        stream.write("START OF LOG\n")
        stream.write(line * (3 * MB // len(line)))
        stream.write("tailmarker only at the end\n")
    extracted = extract(path, Limits(text_bytes=MB))
    assert extracted.note == "only the first 1 MB were indexed"
    assert extracted.chunks[0].text.startswith("START OF LOG")
    assert sum(len(c.text) for c in extracted.chunks) <= MB
    assert not any("tailmarker" in c.text for c in extracted.chunks)


def test_a_2_gb_log_file_is_bounded(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:
        stream.write(b"first line of a very large log\n" * 1000)
        stream.truncate(2 * 1024 * MB)  # sparse: 2 GB on paper, nothing on disk
    extracted = extract(path)
    assert extracted.note == "only the first 8 MB were indexed"
    assert extracted.chunks[0].text.startswith("first line of a very large log")


@pytest.mark.parametrize(("name", "member"), [("report.docx", "word/document.xml"),
                                               ("figures.xlsx", "xl/sharedStrings.xml")])
def test_a_zip_bomb_named_as_office_file_is_skipped(
    tmp_path: Path, name: str, member: str
) -> None:
    bomb = make_zip_bomb(tmp_path / name, member, unpacked_mb=150)
    assert bomb.stat().st_size < MB
    with pytest.raises(Skipped, match="zip bomb"):
        extract(bomb)


def test_an_oversized_part_is_skipped_even_when_compression_is_modest(tmp_path: Path) -> None:
    path = tmp_path / "big.pptx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as package:
        package.writestr("ppt/slides/slide1.xml", os.urandom(3 * MB))
    with pytest.raises(Skipped, match="over the 2 MB limit"):
        extract(path, Limits(unpacked_part_bytes=2 * MB))


def test_damaged_and_protected_files(tmp_path: Path) -> None:
    corrupt_pdf = tmp_path / "corrupt.pdf"
    corrupt_pdf.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog")
    with pytest.raises(Failed, match="damaged PDF"):
        extract(corrupt_pdf)
    encrypted = make_encrypted_pdf(tmp_path / "salaries.pdf", ["Salaries"], password="s3cret")
    with pytest.raises(Skipped, match="encrypted: needs a password"):
        extract(encrypted)
    not_a_zip = tmp_path / "fake.docx"
    not_a_zip.write_text("this is not a Word file")
    with pytest.raises(Failed, match="not a valid Office package"):
        extract(not_a_zip)
    protected = tmp_path / "protected.xlsx"
    protected.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    with pytest.raises(Skipped, match="password-protected"):
        extract(protected)
    scanned = make_pdf(tmp_path / "scan.pdf", [""])
    with pytest.raises(Skipped, match="no text layer"):
        extract(scanned)


def test_a_missing_file_fails_with_its_reason(tmp_path: Path) -> None:
    with pytest.raises(Failed, match="deleted before it could be read"):
        extract(tmp_path / "gone.txt")


def test_long_lines_are_split_at_sentence_or_space() -> None:
    text = "这是一个很长的句子。" * 100
    pieces = split_long(text, 95)
    assert "".join(pieces) == text
    assert all(len(p) <= 95 and p.endswith("。") for p in pieces)
    assert split_long("x" * 250, 100) == ["x" * 100, "x" * 100, "x" * 50]


def test_chunks_stay_near_the_target_size_and_count_their_lines() -> None:
    builder = ChunkBuilder(chunk_chars=100, max_chars=10_000)
    for number in range(1, 31):
        builder.add(f"line {number:02d} " + "x" * 20, number)
    chunks = builder.finish()
    assert all(len(c.text) <= 100 for c in chunks)
    assert chunks[0].location == Location(first=1, last=3, unit="lines")
    assert chunks[-1].location.last == 30
    assert sum(c.text.count("line") for c in chunks) == 30
