"""Numbers with units: finding them in text, and plausible wrong values of the same kind.

A quantity keeps how it was written (qualifier, range separator, unit spelling,
decimals) so a distractor reads exactly like the key: "30-35%" gives "10-15%",
"less than 20%" gives "less than 40%", "15.1 months" gives "30.2 months".
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

_UNIT_FORMS: dict[str, str] = {
    "%": "%", "percent": "%",
    "month": "month", "months": "month", "mo": "month", "mos": "month",
    "year": "year", "years": "year", "yr": "year", "yrs": "year",
    "week": "week", "weeks": "week", "wk": "week", "wks": "week",
    "day": "day", "days": "day",
    "hour": "hour", "hours": "hour", "hr": "hour", "hrs": "hour",
    "patient": "patient", "patients": "patient", "pt": "patient", "pts": "patient",
    "cycle": "cycle", "cycles": "cycle",
    "mg/m2": "mg/m2", "mg/m²": "mg/m2", "mg/kg": "mg/kg", "mg": "mg", "g/l": "g/l",
    "minute": "minute", "minutes": "minute", "min": "minute", "mins": "minute",
    "mmhg": "mmhg", "mmol/l": "mmol/l", "µmol/l": "umol/l", "umol/l": "umol/l",
    "mg/dl": "mg/dl", "g/dl": "g/dl", "mg/l": "mg/l", "ng/ml": "ng/ml", "pg/ml": "pg/ml",
    "u/l": "u/l", "iu/l": "iu/l", "ml/min": "ml/min", "ml": "ml", "kg": "kg", "cm": "cm",
    "kg/m2": "kg/m2", "kg/m²": "kg/m2", "bpm": "bpm", "µg": "ug", "mcg": "ug",
}  # fmt: skip
# Measurement scales (blood pressure, lab values, body size): wrong values a clinician
# would write sit on an additive grid around the key (110/120/130/140 mmHg), not at
# half or double it (60/240 mmHg would give the answer away).
_SCALES = frozenset({
    "mmhg", "mmol/l", "umol/l", "mg/dl", "g/dl", "mg/l", "ng/ml", "pg/ml", "u/l", "iu/l",
    "ml/min", "kg", "cm", "kg/m2", "bpm",
})  # fmt: skip
_PLURAL = {
    "month": "months", "year": "years", "yr": "yrs", "week": "weeks", "wk": "wks",
    "day": "days", "hour": "hours", "hr": "hrs", "patient": "patients", "pt": "pts",
    "cycle": "cycles", "mo": "mos", "minute": "minutes", "min": "mins",
}  # fmt: skip
_SINGULAR = {plural: singular for singular, plural in _PLURAL.items()}

_NUM = r"\d+(?:\.\d+)?"
_SEMANTIC_QUAL = (
    r"(?:less|more|greater|fewer|lower|higher) than|up to|at least|at most|over|under|"
    r"below|above|[<>≤≥]"
)
_BOUND = re.compile(rf"(?:{_SEMANTIC_QUAL})", re.IGNORECASE)
_APPROX_QUAL = r"about|approximately|around|nearly|almost|~"
_UNITS = "|".join(sorted((re.escape(u) for u in _UNIT_FORMS), key=len, reverse=True))


def _pattern(qualifiers: str) -> re.Pattern[str]:
    return re.compile(
        rf"(?<![\w.])(?:(?P<qual>{qualifiers})\s*)?"
        rf"(?P<low>{_NUM})(?:(?P<sep>\s*[-–—]\s*|\s+to\s+)(?P<high>{_NUM}))?"
        rf"(?P<usep>\s?|-)(?P<unit>{_UNITS})(?![\w/])",
        re.IGNORECASE,
    )


_IN_TEXT = _pattern(_SEMANTIC_QUAL)
_WHOLE = _pattern(f"{_SEMANTIC_QUAL}|{_APPROX_QUAL}")
_BARE = re.compile(rf"(?:(?P<qual>{_SEMANTIC_QUAL}|{_APPROX_QUAL})\s*)?(?P<low>{_NUM})$", re.I)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number or range with its unit, remembering how it was written."""

    low: float
    high: float | None
    unit: str
    qualifier: str = ""
    decimals: int = 0
    sep: str = "-"
    unit_sep: str = ""

    @property
    def canonical_unit(self) -> str:
        return _UNIT_FORMS.get(self.unit.casefold(), self.unit.casefold())

    @property
    def is_range(self) -> bool:
        return self.high is not None

    @property
    def mid(self) -> float:
        return self.low if self.high is None else (self.low + self.high) / 2

    @property
    def width(self) -> float:
        return 0.0 if self.high is None else self.high - self.low

    @property
    def is_bound(self) -> bool:
        """ "less than 20%": every higher threshold would be true as well."""
        return bool(self.qualifier) and _BOUND.fullmatch(self.qualifier) is not None

    @property
    def category(self) -> str:
        return f"number:{self.canonical_unit}"

    def values(self) -> tuple[float, float | None]:
        return round(self.low, self.decimals), (
            None if self.high is None else round(self.high, self.decimals)
        )

    def moved(self, low: float, high: float | None) -> Quantity:
        return replace(self, low=round(low, self.decimals), high=_round(high, self.decimals))

    def text(self) -> str:
        number = _fmt(self.low, self.decimals)
        if self.high is not None:
            number += self.sep + _fmt(self.high, self.decimals)
        unit = self._unit_for(self.high if self.high is not None else self.low)
        qual = (
            f"{self.qualifier} "
            if self.qualifier and self.qualifier[-1].isalpha()
            else (self.qualifier)
        )
        return f"{qual}{number}{self.unit_sep}{unit}"

    def _unit_for(self, value: float) -> str:
        """Singular after exactly 1, plural otherwise, keeping the author's spelling."""
        lower = self.unit.casefold()
        if self.unit_sep == "-":  # a compound adjective ("2-yr OS") stays singular
            return self.unit
        if value == 1 and lower in _SINGULAR:
            return _match_case(_SINGULAR[lower], self.unit)
        if value != 1 and lower in _PLURAL:
            return _match_case(_PLURAL[lower], self.unit)
        return self.unit


def _round(value: float | None, decimals: int) -> float | None:
    return None if value is None else round(value, decimals)


def _fmt(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}"


def _match_case(word: str, like: str) -> str:
    return word.upper() if like.isupper() and len(like) > 1 else word


def _decimals(*numbers: str | None) -> int:
    return max((len(n.split(".")[1]) if n and "." in n else 0) for n in numbers)


def _from_match(m: re.Match[str]) -> Quantity:
    high = m.group("high")
    return Quantity(
        low=float(m.group("low")),
        high=float(high) if high else None,
        unit=m.group("unit"),
        qualifier=m.group("qual") or "",
        decimals=_decimals(m.group("low"), high),
        sep=m.group("sep") or "-",
        unit_sep=m.group("usep") or "",
    )


def find_quantities(text: str) -> list[tuple[Quantity, str, tuple[int, int]]]:
    """Every number with a unit in running text: (quantity, text as written, span)."""
    return [(_from_match(m), m.group(0), m.span()) for m in _IN_TEXT.finditer(text)]


def parse_quantity(text: str) -> Quantity | None:
    """The quantity a whole term states ("30-35%", "less than 20%", "21"), else None."""
    stripped = text.strip()
    m = _WHOLE.fullmatch(stripped)
    if m:
        return _from_match(m)
    bare = _BARE.fullmatch(stripped)
    if bare:
        return Quantity(
            float(bare.group("low")),
            None,
            "",
            bare.group("qual") or "",
            _decimals(bare.group("low")),
        )
    return None


def _nice(value: float) -> float:
    """The nearest of a few round step sizes."""
    ladder = (0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 20)
    return min(ladder, key=lambda step: abs(math.log(step / value)) if value > 0 else step)


def _round_step(value: float) -> float:
    """The nearest 1, 2 or 5 times a power of ten (any magnitude)."""
    power = 10.0 ** math.floor(math.log10(value))
    return min((power, 2 * power, 5 * power, 10 * power),
               key=lambda step: abs(math.log(step / value)))


def percent_step(key: Quantity) -> float:
    """Additive step between options: for percentages about 60% of the value, 1 to 20
    points; on a measurement scale about a tenth of the value."""
    floor = 10**-key.decimals
    if key.canonical_unit in _SCALES:
        return max(_round_step(max(key.mid, floor) * 0.1), floor)
    step = _nice(max(key.mid, 0.1) * 0.6)
    return max(min(step, 20.0), floor, 1.0 if key.decimals == 0 else floor)


def _additive(key: Quantity) -> bool:
    """Percentages of 10 or more and measurement scales move on an additive grid; small
    percentages, counts and durations by factors."""
    return (key.canonical_unit == "%" and key.mid >= 10) or key.canonical_unit in _SCALES


def in_bounds(q: Quantity) -> bool:
    """Percentages stay within 0-100; other values stay above 0 (a range may start at 0%)."""
    top = q.high if q.high is not None else q.low
    floor_ok = q.low >= 0 if (q.canonical_unit == "%" and q.is_range) else q.low > 0
    if not floor_ok:
        return False
    return not (q.canonical_unit == "%" and top > 100)


def separated(key: Quantity, a: Quantity, b: Quantity) -> bool:
    """True when two options are far enough apart to be different answers, not rounding."""
    if _additive(key):
        return abs(a.mid - b.mid) >= percent_step(key) / 2 - 1e-9
    small, large = sorted((abs(a.mid), abs(b.mid)))
    return (small == 0 and large > 0) or (small > 0 and large / small >= 1.25)


def plausible(key: Quantity, other: Quantity) -> bool:
    """Same unit and shape, and a magnitude a trainee could believe for this statement."""
    if other.canonical_unit != key.canonical_unit or other.is_range != key.is_range:
        return False
    if _additive(key):
        return abs(other.mid - key.mid) <= 3 * percent_step(key) + 1e-9
    if key.mid <= 0 or other.mid <= 0:
        return False
    return 1 / 4 <= other.mid / key.mid <= 4


def ladder(key: Quantity) -> list[Quantity]:
    """Generated wrong values: percentages on an additive grid, other units by factors."""
    out: list[Quantity] = []
    if _additive(key):
        step = percent_step(key)
        for k in (1, -1, 2, -2, 3, -3):
            shift = k * step
            out.append(key.moved(key.low + shift, None if key.high is None else key.high + shift))
    else:
        for factor in (0.5, 2, 1 / 3, 3, 0.25, 4):
            low = key.low * factor
            high = None if key.high is None else key.high * factor
            out.append(key.moved(low, high))
    return [q for q in out if in_bounds(q)]


def choose_values(
    key: Quantity,
    course_values: list[Quantity],
    count: int,
    below_wanted: int,
    exclude: frozenset[tuple[float, float | None]] = frozenset(),
) -> list[Quantity]:
    """`count` wrong values, course values first, about `below_wanted` of them below the key.

    Values are spread (each pair `separated`), plausible for the key, and come back
    in ascending order so a numeric item lists its options logically.
    """
    course = [
        key.moved(*q.values())
        for q in course_values
        if q.decimals == key.decimals and plausible(key, q)
    ]
    course = [q for q in dict.fromkeys(course) if in_bounds(q)]
    course.sort(key=lambda q: (abs(q.mid - key.mid), q.mid))
    pool = [q for q in course + ladder(key) if q.values() not in exclude]
    below = [q for q in pool if q.mid < key.mid]
    above = [q for q in pool if q.mid > key.mid]
    chosen: list[Quantity] = []
    _take(below, chosen, key, min(below_wanted, count))
    _take(above, chosen, key, count - len(chosen))
    _take(below, chosen, key, count - len(chosen))
    return sorted(chosen, key=lambda q: q.mid)


def _take(pool: list[Quantity], chosen: list[Quantity], key: Quantity, wanted: int) -> None:
    """Add up to `wanted` values from `pool` (in preference order) that keep options apart."""
    added = 0
    for q in pool:
        if added >= wanted:
            return
        if all(separated(key, q, other) for other in (key, *chosen)):
            chosen.append(q)
            added += 1
