"""Write the demo handbook's Word and PDF files, byte for byte the same on every run.

    python resources/demo/make_office_files.py

The texts live here so the binary files in ``handbook/`` can be checked and rebuilt; the test
``tests/integration/test_demo.py`` fails when the files in the repository are not what this
script makes. Word files are written with python-docx (the library the app reads them with),
then repacked with fixed timestamps; the PDF is built by hand (a few objects and a
cross-reference table), as pypdf cannot lay out text, with Helvetica: it holds English only.
"""

from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

HANDBOOK = Path(__file__).resolve().parent / "handbook"
FIXED_TIME = datetime(2026, 1, 1, 9, 0, 0)

Section = tuple[str, Sequence[str]]

PROCUREMENT_TITLE = "Procurement approval limits"
PROCUREMENT: list[Section] = [
    ("Procurement approval limits", [
        "Haisong Technology Co., Ltd. · Procurement Department · effective 1 January 2026. "
        "Owner: Liu Yang (Procurement Manager), procurement@haisong.example.",
        "Every purchase of goods or services is requested in the purchasing system before "
        "the order is placed. The amount is the total value of the order including tax; "
        "splitting one purchase into smaller orders to stay under a limit is not allowed.",
    ]),
    ("Who approves what", [
        "The table below lists who must approve a purchase request, by its amount.",
    ]),
]
PROCUREMENT_TABLE = [
    ["Amount (CNY, tax included)", "Approvers", "Quotes needed"],
    ["up to 5,000", "Line manager", "none"],
    ["5,000 to 50,000", "Department head and Finance Lead (Wang Fang)", "2 quotes"],
    ["50,000 to 200,000", "Department head, Finance Lead and CEO (Chen Jianguo)", "3 quotes"],
    ["over 200,000", "CEO after a tender by the Procurement Department", "public tender"],
]
PROCUREMENT_AFTER: list[Section] = [
    ("Preferred suppliers", [
        "Laptops, monitors and accessories are bought from the IT catalogue only; ask the IT "
        "service desk (ext. 8000). Office supplies come from the framework supplier and need "
        "no quotes below CNY 5,000.",
        "Software subscriptions of any amount also need the approval of IT Security "
        "(Zhao Lei) before purchase.",
    ]),
]

ONBOARDING_TITLE = "入职指南"
ONBOARDING: list[Section] = [
    ("入职指南", [
        "欢迎加入海松科技！本指南适用于上海办公室的新员工。",
    ]),
    ("入职第一天", [
        "09:30 到海松大厦3楼前台领取工牌，并与人力资源部韩梅梅签署保密协议。",
        "10:30 到5楼512室IT服务台领取笔记本电脑，设置双因素认证和VPN，请携带身份证。",
        "12:00 与团队及入职伙伴共进午餐。",
        "14:00 参加公司介绍和信息安全培训（约90分钟）。",
    ]),
    ("入职第一个月", [
        "每位新员工在入职前三个月都有一位入职伙伴（buddy）。",
        "试用期为3个月，直属上级每月末进行一次沟通反馈。",
        "请阅读员工手册：差旅报销、请假、信息安全和会议室预订规定。",
        "入职两周内，请与各部门负责人预约30分钟的介绍会。",
    ]),
    ("常用联系人", [
        "人事、合同、请假：hr@haisong.example（韩梅梅）",
        "电脑、账号、VPN：IT服务台，分机8000",
        "费用报销：finance@haisong.example（王芳）",
    ]),
]

SECURITY_TITLE = "IT Security Policy"
SECURITY_PAGES = [
    "IT Security Policy\n"
    "Haisong Technology Co., Ltd. - IT and Security - 2026 edition\n"
    "Owner: Zhao Lei (Head of IT Security), security@haisong.example\n"
    "\n"
    "1. Passwords and accounts\n"
    "- Passwords have at least 12 characters with letters, digits and symbols.\n"
    "- Change your password every 180 days; do not reuse any of your last 5 passwords.\n"
    "- Two-factor authentication is required for email, the VPN and the code repositories.\n"
    "- Never share an account. Lock your screen when you leave your desk;\n"
    "  computers lock themselves after 5 minutes without use.\n"
    "\n"
    "2. Devices and networks\n"
    "- Work on company data only on company laptops with endpoint protection installed.\n"
    "- USB drives and other removable storage must not be used for company data;\n"
    "  share files through the company cloud drive instead.\n"
    "- Outside the office, always connect through the company VPN.\n"
    "  Never open the finance systems on public Wi-Fi.",
    "3. Data classification\n"
    "- Public: website content, press releases. No restrictions.\n"
    "- Internal: the handbook, the organisation chart. Inside the company only.\n"
    "- Confidential: contracts, customer lists, salaries. Encrypted, need-to-know.\n"
    "- Strictly confidential: unpublished financial results, M&A documents.\n"
    "  Named people only; never sent outside the company.\n"
    "\n"
    "4. Reporting incidents\n"
    "- Do not click links in suspicious emails (phishing): forward them to\n"
    "  security@haisong.example or call the IT service desk on ext. 8000.\n"
    "- Report a lost or stolen laptop or phone within 24 hours.\n"
    "- Report any data sent to the wrong person at once; IT can often recall it.",
]


def docx_bytes(title: str, sections: Sequence[Section], table: Sequence[Sequence[str]] = (),
               after: Sequence[Section] = ()) -> bytes:
    """A Word file: headings and paragraphs, an optional table, more sections after it."""
    import docx

    document = docx.Document()
    properties = document.core_properties
    properties.title = title
    properties.author = "Haisong Technology"
    properties.last_modified_by = "Haisong Technology"
    properties.created = FIXED_TIME
    properties.modified = FIXED_TIME
    properties.revision = 1
    _add_sections(document, sections, title_first=True)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        grid.style = "Table Grid"
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    _add_sections(document, after, title_first=False)
    written = io.BytesIO()
    document.save(written)
    return _repacked(written.getvalue())


def _add_sections(document: Any, sections: Sequence[Section], *, title_first: bool) -> None:
    """Headings (the first one the document's title when ``title_first``) and paragraphs."""
    for number, (heading, paragraphs) in enumerate(sections):
        document.add_heading(heading, level=0 if title_first and number == 0 else 1)
        for paragraph in paragraphs:
            document.add_paragraph(paragraph)


def _repacked(package: bytes) -> bytes:
    """The same zip with every member's timestamp fixed (zip entries carry the write time)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=FIXED_TIME.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(member.filename))
    return out.getvalue()


def _pdf_string(text: str) -> bytes:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"(" + escaped.encode("cp1252") + b")"


def pdf_bytes(title: str, pages: Sequence[str]) -> bytes:
    """A PDF with one page of text per item (lines split on newlines), Helvetica 11 pt."""
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    font_id = 3 + 2 * len(pages)
    page_ids = [3 + 2 * i for i in range(len(pages))]
    kids = b" ".join(b"%d 0 R" % i for i in page_ids)
    objects.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages)))
    for number, text in enumerate(pages):
        lines = [b"BT /F1 11 Tf 64 740 Td 15 TL"]
        lines += [_pdf_string(line) + b" '" for line in text.split("\n")]
        lines.append(b"ET")
        stream = b"\n".join(lines)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
            % (font_id, page_ids[number] + 1)
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                   b"/Encoding /WinAnsiEncoding >>")
    objects.append(b"<< /Title %s /Author (Haisong Technology) >>" % _pdf_string(title))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, len(objects), xref)
    return bytes(out)


def office_files() -> dict[str, bytes]:
    """Each generated file's name in ``handbook/`` and its content."""
    return {
        "procurement-approval-limits.docx": docx_bytes(
            PROCUREMENT_TITLE, PROCUREMENT, PROCUREMENT_TABLE, PROCUREMENT_AFTER),
        "入职指南.docx": docx_bytes(ONBOARDING_TITLE, ONBOARDING),
        "it-security-policy.pdf": pdf_bytes(SECURITY_TITLE, SECURITY_PAGES),
    }


def main() -> int:
    for name, data in office_files().items():
        (HANDBOOK / name).write_bytes(data)
        print(f"wrote {HANDBOOK / name} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
