"""Wall-clock times through daylight-saving changes: a skipped time fires when the clocks jump,
a repeated one at its first pass."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from desktop_assistant.reminders.wallclock import resolve, wall
from tests.unit.reminders.rem_support import LONDON, NEW_YORK, SHANGHAI


@pytest.mark.parametrize(("zone", "local", "instant"), [
    # Ordinary times.
    (NEW_YORK, datetime(2026, 3, 7, 2, 30), datetime(2026, 3, 7, 7, 30, tzinfo=UTC)),
    (SHANGHAI, datetime(2026, 3, 8, 2, 30), datetime(2026, 3, 7, 18, 30, tzinfo=UTC)),
    # Skipped (spring forward): the first instant after, when the clocks jump.
    (NEW_YORK, datetime(2026, 3, 8, 2, 30), datetime(2026, 3, 8, 7, 0, tzinfo=UTC)),
    (NEW_YORK, datetime(2026, 3, 8, 2, 0), datetime(2026, 3, 8, 7, 0, tzinfo=UTC)),
    (LONDON, datetime(2026, 3, 29, 1, 15), datetime(2026, 3, 29, 1, 0, tzinfo=UTC)),
    # Repeated (fall back): the first pass.
    (NEW_YORK, datetime(2026, 11, 1, 1, 30), datetime(2026, 11, 1, 5, 30, tzinfo=UTC)),
    (LONDON, datetime(2026, 10, 25, 1, 30), datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),
])
def test_resolve(zone: ZoneInfo, local: datetime, instant: datetime) -> None:
    assert resolve(local, zone) == instant


def test_an_instant_stays_itself_and_the_wall_clock_reads_it() -> None:
    moment = datetime(2026, 3, 8, 7, 0, tzinfo=UTC)
    assert resolve(moment, NEW_YORK) == moment
    assert wall(moment, NEW_YORK) == datetime(2026, 3, 8, 3, 0)
