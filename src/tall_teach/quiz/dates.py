"""Calendar dates as key terms: "5 May 1789", "May 1789", "July 14, 1789".

A date is asked with other dates of the same form that the course itself gives (the
dates of other events, which a trainee could confuse), or, when it gives too few near
the key, the key moved by whole months; listed in chronological order like numbers,
never shuffled.
"""

from __future__ import annotations

import re

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")  # fmt: skip
_MONTH = "|".join(m.capitalize() for m in MONTHS)
DATE = re.compile(
    rf"(?<![\w-])(?:(?P<d1>\d{{1,2}}) (?P<m1>{_MONTH}) (?P<y1>\d{{3,4}})"
    rf"|(?P<m2>{_MONTH}) (?P<d2>\d{{1,2}}), (?P<y2>\d{{3,4}})"
    rf"|(?P<m3>{_MONTH}) (?P<y3>\d{{3,4}}))(?![\w-])"
)


def parse_date(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a whole date term (day 0 when only month and year), else None."""
    match = DATE.fullmatch(text.strip())
    return _value(match) if match else None


def date_form(text: str) -> str:
    """Which of the three forms a date is written in: dates are compared within one form."""
    match = DATE.fullmatch(text.strip())
    if not match:
        return ""
    return "day month year" if match["d1"] else "month day, year" if match["m2"] else "month year"


def find_dates(text: str) -> list[tuple[str, tuple[int, int]]]:
    """Every date written in running text, with its span."""
    return [(m.group(0), m.span()) for m in DATE.finditer(text)]


def shifted(text: str, months: tuple[int, ...] = (2, -2, 4, -4, 6, -6)) -> list[str]:
    """The date moved by whole months to another day, written in its own form: wrong
    answers of the key's own year when the course gives too few dates near it."""
    match = DATE.fullmatch(text.strip())
    if not match:
        return []
    year, month, day = _value(match)
    form = date_form(text)
    out = []
    for n, delta in enumerate(months, start=1):
        index = year * 12 + (month - 1) + delta
        y, m = divmod(index, 12)
        name = MONTHS[m].capitalize()
        # another day too: wrong dates all on the key's day would give the day away; but
        # the first of a month stays the first ("1 January 1801" among firsts, not the one
        # round date among arbitrary days: round 70)
        d = (day - 1 + 11 * n) % 28 + 1 if day > 1 else day
        if form == "day month year":
            out.append(f"{d} {name} {y}")
        elif form == "month day, year":
            out.append(f"{name} {d}, {y}")
        else:
            out.append(f"{name} {y}")
    return out


def _value(match: re.Match[str]) -> tuple[int, int, int]:
    year = match["y1"] or match["y2"] or match["y3"]
    month = match["m1"] or match["m2"] or match["m3"]
    day = match["d1"] or match["d2"] or "0"
    return int(year), MONTHS.index(month.lower()) + 1, int(day)
