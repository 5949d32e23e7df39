"""Importing every .ics file of ../shared/data/ical: never a crash or a hang, broken files named."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path

import pytest

from tests.unit.calendar.cal_support import NOW, make_service

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "ical"
# What the corpus README lists as unreadable by icalendar 7.3.0 (malformed on purpose).
KNOWN_BROKEN = {
    "collective-icalendar/src/icalendar/fuzzing/corpus/Index_Error.ics",
    "collective-icalendar/src/icalendar/fuzzing/corpus/Type_Error.ics",
    "collective-icalendar/src/icalendar/tests/calendars/fuzz_testcase_invalid_month.ics",
    "collective-icalendar/src/icalendar/tests/calendars/fuzz_testcase_vtimezone_lone_cr.ics",
    "collective-icalendar/src/icalendar/tests/calendars/issue_104_broken_calendar.ics",
    "collective-icalendar/src/icalendar/tests/calendars/parsing_error_in_UTC_offset.ics",
    "ical.js/samples/timezones/Makebelieve/RDATE_test.ics",
    "ical.js/samples/timezones/Makebelieve/RDATE_utc_test.ics",
    "ical.js/test/parser/base64.ics",
}


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the iCalendar corpus is not at {CORPUS}")
def test_every_file_imports_or_is_skipped_with_its_name_and_problem(tmp_path: Path) -> None:
    import icalendar

    calendar = make_service(tmp_path)
    files = sorted(CORPUS.rglob("*.ics"))
    assert len(files) >= 300
    skipped: set[str] = set()
    slowest = 0.0
    series = occurrences = 0
    for path in files:
        began = time.perf_counter()
        report = calendar.import_ics(path)
        slowest = max(slowest, time.perf_counter() - began)
        relative = path.relative_to(CORPUS).as_posix()
        for problem in report.problems:
            assert problem.startswith(f"{path.name}: "), problem
            assert len(problem) > len(path.name) + 5, problem
        if not report.imported:
            skipped.add(relative)
            assert report.problems, relative
            assert report.summary().startswith(f"Skipped {path.name}: ")
        series += report.series
        occurrences += report.occurrences
    assert slowest < 15, f"one file took {slowest:.1f} s to import"
    if icalendar.__version__ == "7.3.0":  # other versions may read more, or fewer, files
        assert skipped == KNOWN_BROKEN
    assert series > 1000
    assert occurrences > 1000
    # The imported calendar reads back, recurrences bounded to the window.
    found = calendar.agenda(NOW - timedelta(days=30), NOW + timedelta(days=30))
    assert found.events
    assert found.problems == []
