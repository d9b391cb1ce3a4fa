"""Numbers with units: finding them in text, and plausible wrong values of the same kind.

A quantity keeps how it was written (qualifier, range separator, unit spelling,
decimals) so a distractor reads exactly like the key: "30-35%" gives "10-15%",
"less than 20%" gives "less than 40%", "15.1 months" gives "30.2 months".
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

_UNIT_FORMS: dict[str, str] = {
    "%": "%", "percent": "%", "per cent": "%",
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
    "g": "g", "l": "l", "mmol": "mmol", "meq/l": "meq/l", "mosm/kg": "mosm/kg",
    "mmol/l/h": "mmol/l/h", "mmol/l/hr": "mmol/l/h", "ml/h": "ml/h", "ml/hr": "ml/h",
    "ml/kg": "ml/kg", "ml/kg/h": "ml/kg/h", "ml/kg/hr": "ml/kg/h", "l/min": "l/min",
    "mg/kg/day": "mg/kg/day", "mg/kg/d": "mg/kg/day", "mg/day": "mg/day", "mg/d": "mg/day",
    "µg/kg/min": "ug/kg/min", "mcg/kg/min": "ug/kg/min", "ug/kg/min": "ug/kg/min",
    "bit": "bit", "bits": "bit", "byte": "byte", "bytes": "byte",
    "unit": "unit", "units": "unit", "iu": "unit", "units/h": "unit/h", "units/hr": "unit/h",
    "units/kg": "unit/kg", "units/kg/h": "unit/kg/h", "units/kg/hr": "unit/kg/h",
    "u/kg/h": "unit/kg/h", "iu/kg/h": "unit/kg/h", "u/kg": "unit/kg", "iu/kg": "unit/kg",
    "mmol/mol": "mmol/mol", "ml/min/1.73 m²": "ml/min/1.73m2", "ml/min/1.73m²": "ml/min/1.73m2",
    "ml/min/1.73 m2": "ml/min/1.73m2", "ml/min/1.73m2": "ml/min/1.73m2",
    # the sciences: temperature, angle, concentration in air, flux, length, energy
    "°c": "°c", "°f": "°f", "k": "k", "°": "°", "ppm": "ppm", "ppb": "ppb",
    "w/m2": "w/m2", "w/m²": "w/m2", "km": "km", "nm": "nm", "µm": "um", "mm": "mm",
    "au": "au", "km/s": "km/s", "gt": "gt", "gtc": "gtc", "ev": "ev", "hz": "hz",
    "billion years": "gyr", "million years": "myr", "thousand years": "kyr",
    # how many times more: "about 32 times more energy", "a tenfold rise" ("10-fold")
    "times": "times", "fold": "times",
    # SI and engineering units a science course writes ("16.7 ms" a frame, "154 pm" a bond,
    # "101 kPa"): a bold value in them is a number to ask, not a term without a kind
    "ms": "ms", "µs": "us", "us": "us", "ns": "ns", "s": "s", "sec": "s", "second": "s",
    "seconds": "s", "m": "m", "m/s": "m/s", "km/h": "km/h", "pm": "pm", "j": "j", "kj": "kj",
    "kj/mol": "kj/mol", "kj/kg": "kj/kg", "mj": "mj", "w": "w", "kw": "kw", "mw": "mw",
    "gw": "gw", "v": "v", "mv": "mv", "kv": "kv", "pa": "pa", "kpa": "kpa", "mpa": "mpa",
    "hpa": "hpa", "atm": "atm", "bar": "bar", "mbar": "mbar", "db": "db", "khz": "khz",
    "mhz": "mhz", "ghz": "ghz", "fps": "fps", "t/ha": "t/ha", "kg/ha": "kg/ha",
    "mol/l": "mol/l", "m³/s": "m3/s", "m3/s": "m3/s", "l/s": "l/s", "ω": "ohm", "kω": "kohm",
    "fm": "fm", "kev": "kev", "mev": "mev", "gev": "gev", "tev": "tev",
    # large counts written with their word ("about 2 million possible trees")
    "thousand": "thousand", "million": "million", "billion": "billion",
}  # fmt: skip
# Cell counts and concentrations written with a power of ten: "5 × 10⁹/L", "0.5 x 10^9/l".
for _exp, _sup in (("3", "³"), ("6", "⁶"), ("9", "⁹"), ("12", "¹²")):
    for _per in ("/l", "/µl", "/ul", "/ml", "/kg", ""):
        for _mult in ("×", "x", "*"):
            for _space in ("", " "):
                for _power in (f"10{_sup}", f"10^{_exp}"):
                    _UNIT_FORMS[f"{_mult}{_space}{_power}{_per}"] = f"x10^{_exp}{_per}"
# Measurement scales (blood pressure, lab values, body size): wrong values a clinician
# would write sit on an additive grid around the key (110/120/130/140 mmHg), not at
# half or double it (60/240 mmHg would give the answer away).
_SCALES = frozenset({
    "mmhg", "mmol/l", "umol/l", "mg/dl", "g/dl", "mg/l", "ng/ml", "pg/ml", "u/l", "iu/l",
    "ml/min", "kg", "cm", "kg/m2", "bpm", "meq/l", "mosm/kg", "mmol/mol", "ml/min/1.73m2",
    "°c", "°f", "k", "°", "ppm", "w/m2",
})  # fmt: skip
_DURATIONS = frozenset({"minute", "hour", "day", "week", "month", "year"})
_PLURAL = {
    "month": "months", "year": "years", "yr": "yrs", "week": "weeks", "wk": "wks",
    "day": "days", "hour": "hours", "hr": "hrs", "patient": "patients", "pt": "pts",
    "cycle": "cycles", "mo": "mos", "minute": "minutes", "min": "mins", "unit": "units",
}  # fmt: skip
_SINGULAR = {plural: singular for singular, plural in _PLURAL.items()}

Stated = tuple[float, float | None, str]  # a value or range and its canonical unit
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"  # "11,700" is one number
# Comparatives of size, age and speed bound a value as "less than" does: "particles finer
# than 0.002 mm" are clay, and so is every particle finer than 0.001 mm (round 50).
_COMPARATIVES = (("finer", "coarser"), ("smaller", "larger"), ("shorter", "longer"),
                 ("lighter", "heavier"), ("younger", "older"), ("slower", "faster"),
                 ("narrower", "wider"), ("colder", "warmer"), ("thinner", "thicker"))
_SEMANTIC_QUAL = (
    r"(?:less|more|greater|fewer|lower|higher|"
    + "|".join(w for pair in _COMPARATIVES for w in pair)
    + r") than|up to|at least|at most|over|under|below|above|[<>≤≥]"
)
_BOUND = re.compile(rf"(?:{_SEMANTIC_QUAL})", re.IGNORECASE)
_APPROX_QUAL = r"about|approximately|around|nearly|almost|~"
_UNITS = "|".join(sorted((re.escape(u) for u in _UNIT_FORMS), key=len, reverse=True))


def _pattern(qualifiers: str) -> re.Pattern[str]:
    return re.compile(
        # not under a root or a power ("√2 times", "10^3"): part of a formula, no value
        rf"(?<![\w.√∛^])(?<!\d,)(?:(?P<qual>{qualifiers})\s*)?"
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
    grouped: bool = False  # written with thousands separators ("11,700 years")
    threshold: bool = False  # the value of a rule's bound: other thresholds on a close grid

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
        """ "less than 20%": every higher threshold would be true as well. "Over 24 hours"
        is a duration ("infuse over 24 hours"), not a bound."""
        if self.qualifier.casefold() in ("over", "under") and self.canonical_unit in _DURATIONS:
            return False
        return bool(self.qualifier) and _BOUND.fullmatch(self.qualifier) is not None

    @property
    def is_small_count(self) -> bool:
        """A bare whole number under 20 ("7 layers"): 5 or 9 are believable, 21 is not."""
        return not self.unit and self.decimals == 0 and not self.is_range and 0 < self.low < 20

    @property
    def is_year(self) -> bool:
        """A bare whole number from 1000 to 2100 in running text is a year ("in 1789")."""
        return not self.unit and self.decimals == 0 and 1000 <= self.low <= 2100

    @property
    def category(self) -> str:
        return "number:year" if self.is_year else f"number:{self.canonical_unit}"

    def values(self) -> tuple[float, float | None]:
        return round(self.low, self.decimals), (
            None if self.high is None else round(self.high, self.decimals)
        )

    def stated(self) -> tuple[float, float | None, str]:
        """Its values and unit: what a wrong value must not be, or overlap."""
        return (*self.values(), self.canonical_unit)

    def moved(self, low: float, high: float | None) -> Quantity:
        return replace(self, low=round(low, self.decimals), high=_round(high, self.decimals))

    def text(self) -> str:
        number = _fmt(self.low, self.decimals, self.grouped)
        if self.high is not None:
            number += self.sep + _fmt(self.high, self.decimals, self.grouped)
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


def _fmt(value: float, decimals: int, grouped: bool = False) -> str:
    return f"{value:,.{decimals}f}" if grouped else f"{value:.{decimals}f}"


def _match_case(word: str, like: str) -> str:
    return word.upper() if like.isupper() and len(like) > 1 else word


def _decimals(*numbers: str | None) -> int:
    return max((len(n.split(".")[1]) if n and "." in n else 0) for n in numbers)


def _from_match(m: re.Match[str]) -> Quantity:
    low, high = m.group("low"), m.group("high")
    return Quantity(
        low=float(low.replace(",", "")),
        high=float(high.replace(",", "")) if high else None,
        unit=m.group("unit"),
        qualifier=m.group("qual") or "",
        decimals=_decimals(low, high),
        sep=m.group("sep") or "-",
        unit_sep=m.group("usep") or "",
        grouped="," in low or bool(high and "," in high),
    )


# one-letter units read as units only after a space: "5 s", "3 m", not "the 1990s"
_SPACED_UNITS = frozenset({"s", "m", "v", "w", "j"})


def _unit_written(m: re.Match[str]) -> bool:
    return m.group("unit").casefold() not in _SPACED_UNITS or m.group("usep").isspace()


def find_quantities(text: str) -> list[tuple[Quantity, str, tuple[int, int]]]:
    """Every number with a unit in running text: (quantity, text as written, span)."""
    return list(_quantities_in(text))


@lru_cache(maxsize=16384)
def _quantities_in(text: str) -> tuple[tuple[Quantity, str, tuple[int, int]], ...]:
    """Kept per text (a Quantity is frozen): each message and claim is read many times."""
    return tuple((_from_match(m), m.group(0), m.span()) for m in _IN_TEXT.finditer(text)
                 if _unit_written(m) and not _negative(text, m.start()))


def _negative(text: str, start: int) -> bool:
    """A minus sign before the number ("−253 °C"): read without it, the value is another
    one (round 89 offered 253 °C beside a sodium-sulfur battery's 300 °C), so it is left
    out, as a quantity of its own sign the parser does not keep."""
    before = text[max(0, start - 2):start]
    return before[-1:] in ("−", "-", "–") and (len(before) < 2 or not before[0].isalnum())


def parse_quantity(text: str) -> Quantity | None:
    """The quantity a whole term states ("30-35%", "less than 20%", "21"), else None."""
    stripped = text.strip()
    m = _WHOLE.fullmatch(stripped)
    if m and _unit_written(m):
        return _from_match(m)
    bare = _BARE.fullmatch(stripped)
    if bare:
        return Quantity(
            float(bare.group("low").replace(",", "")),
            None,
            "",
            bare.group("qual") or "",
            _decimals(bare.group("low")),
            grouped="," in bare.group("low"),
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
    if key.is_year:
        return 2.0  # close enough to be plausible, far enough to be clearly different
    if key.threshold:
        return max(_round_step(max(key.mid, floor) * 0.15), floor)
    if key.is_small_count:
        return max(1.0, float(round(key.mid * 0.25)))
    if key.canonical_unit in _SCALES:
        return max(_round_step(max(key.mid, floor) * 0.1), floor)
    step = _nice(max(key.mid, 0.1) * 0.6)
    return max(min(step, 20.0), floor, 1.0 if key.decimals == 0 else floor)


def _additive(key: Quantity) -> bool:
    """Percentages, years and measurement scales move on an additive grid (a bound on a
    small percentage too: "below 7%" is asked with 7-12% and 12-17%, never 28%); small
    percentages, counts and durations by factors."""
    if key.is_year or key.threshold or key.is_small_count:
        return True
    if key.canonical_unit == "%":
        return key.mid >= 10 or key.is_bound
    return key.canonical_unit in _SCALES


def in_bounds(q: Quantity) -> bool:
    """Percentages stay within 0-100, and a single one below 100; other values stay above 0
    (a range may start at 0%), counts at 2 or more."""
    top = q.high if q.high is not None else q.low
    floor_ok = q.low >= 0 if (q.canonical_unit == "%" and q.is_range) else q.low > 0
    if not floor_ok or (q.is_small_count and q.low < 2):  # "1 layer" counts nothing
        return False
    # a single 100% says "all": no believable wrong share beside "about 80% of the protein
    # is casein" (round 71); a range may end there ("80-100%")
    return not (q.canonical_unit == "%" and (top > 100 or (not q.is_range and q.low >= 100)))


def separated(key: Quantity, a: Quantity, b: Quantity, stated: frozenset[Quantity] = frozenset()
              ) -> bool:
    """True when two options are far enough apart to be different answers, not rounding;
    ranges never overlap, and whole-number ranges never touch ("4-7 days" beside "7-10
    days" shares its 7; "3.5-5.5" beside "5.5-7.5" bins a continuous scale) unless the
    course itself writes both: its own classes meet at their ends ("2 to 7 years", "7 to
    11 years" of Piaget's stages), and a made-up "12 to 16 years" beside them is no stage
    at all (round 51)."""
    if a.is_range and b.is_range and a.high is not None and b.high is not None:
        touch = key.decimals == 0 and not (a in stated and b in stated)
        if (a.high >= b.low if touch else a.high > b.low) and (
            b.high >= a.low if touch else b.high > a.low
        ):
            return False
    if _additive(key):
        return abs(a.mid - b.mid) >= grid_step(key) / 2 - 1e-9
    small, large = sorted((abs(a.mid), abs(b.mid)))
    return (small == 0 and large > 0) or (small > 0 and large / small >= 1.25)


def plausible(key: Quantity, other: Quantity) -> bool:
    """Same unit and shape, and a magnitude a trainee could believe for this statement."""
    if other.canonical_unit != key.canonical_unit or other.is_range != key.is_range:
        return False
    if _additive(key):
        near = abs(other.mid - key.mid) <= 3 * grid_step(key) + 1e-9
        # a percentage of another order is another measure ("1%" a year's growth beside
        # "25%" of workers unemployed), however close on the grid
        if near and key.canonical_unit == "%" and not key.is_year and key.mid > 0:
            return other.mid > 0 and 1 / 3 <= other.mid / key.mid <= 3
        return near
    if key.mid <= 0 or other.mid <= 0:
        return False
    return 1 / 4 <= other.mid / key.mid <= 4


def grid_step(key: Quantity) -> float:
    """The additive step between options; a range moves by at least its own width,
    so no wrong range overlaps the key ("4.0-6.0" would half-contain "3.5-5.5")."""
    step = percent_step(key)
    if key.width > step:
        step = _round_up_step(key.width, 10**-key.decimals)
    if key.is_range and key.decimals == 0 and step <= key.width:
        step = key.width + 1  # whole-number ranges must not touch: 3-6, 7-10, 11-14
        if key.width >= 10 and key.low % 5 == 0 and key.width % 5 == 0:
            # round ends stay round, a gap apart: "20-40, 100-120 °C" beside "60-80 °C",
            # not "39-59, 81-101" (round 89: the key the only round range)
            step = 2 * key.width
    return step


def _round_up_step(value: float, floor: float) -> float:
    """The smallest 1, 2 or 5 times a power of ten that is at least `value`."""
    power = 10.0 ** math.floor(math.log10(value))
    return max(next(s for s in (power, 2 * power, 5 * power, 10 * power) if s >= value - 1e-9),
               floor)


def _scaled(key: Quantity, factor: float) -> Quantity:
    """`key` times `factor`; one more decimal when the key's precision would collapse the
    value onto zero or the key itself (0.1 units/kg/h x 0.5 is 0.05, not 0.1)."""
    low, high = key.low * factor, None if key.high is None else key.high * factor
    # thirds: 500 mg / 3 is "150 mg", not 167; a short duration keeps its count (12 hours
    # x 3 is 36 hours, not "40 hours": round 91)
    if factor * 3 in (1, 9) and key.decimals == 0 and not (
            key.canonical_unit in _DURATIONS and low < 100):
        low = _two_figures(low)
        high = None if high is None else _two_figures(high)
    moved = key.moved(low, high)
    if moved.low <= 0 or moved.values() == key.values():
        moved = replace(key, decimals=key.decimals + 1).moved(low, high)
    return moved


_ROUND_MANTISSAS = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 7.5, 8.0, 10.0)


def _off_round(q: Quantity, key: Quantity) -> Quantity:
    """A round wrong value moved one unit away from the key: beside a precise key, wrong
    values that are all round single it out ("20 mV, 30 mV" beside 59 mV: round 77), as
    round course values do."""
    if q.is_range or not _round_figure(q):
        return q
    unit = 10.0**-q.decimals
    value = q.low - unit if q.low < key.low else q.low + unit
    return q if value <= 0 else q.moved(_round(value, q.decimals), None)


def _two_figures(value: float) -> float:
    """The nearest value a person writes (150, 2.5, 6000), for values made by thirds."""
    if value <= 0:
        return value
    power = 10.0 ** math.floor(math.log10(value))
    return min((m * power for m in _ROUND_MANTISSAS), key=lambda v: abs(math.log(v / value)))


def _landmark_angles(key: Quantity) -> list[Quantity]:
    """A right angle, a half turn, 45° or 60°: an angle on a coarse grid is a landmark, and
    its neighbours ten degrees away mean nothing ("70°, 80°, 100°" beside a 90° phase lag,
    100° impossible): the other landmarks of its grid are the wrong values (0°, 45°, 180°).
    """
    if key.canonical_unit != "°" or key.is_range or key.decimals or key.low <= 0:
        return []
    grid = next((g for g in (45, 30) if key.low % g == 0), 0)
    if not grid:
        return []
    top = 360 if key.low > 180 else 180
    marks = [key.moved(float(v), None) for v in range(0, top + 1, grid) if v != key.low]
    return sorted(marks, key=lambda q: (abs(q.low - key.low), q.low))


def ladder(key: Quantity) -> list[Quantity]:
    """Generated wrong values: percentages and ranges on an additive grid, other units by
    factors, landmark angles among landmarks."""
    out: list[Quantity] = _landmark_angles(key)
    if out:
        return [q for q in out if in_bounds(q)]
    if not _additive(key) and not key.is_range:
        binary = key.canonical_unit in ("bit", "byte")  # sizes come in powers of two
        factors = (0.5, 2, 0.25, 4) if binary else (0.5, 2, 1 / 3, 3, 0.25, 4)
        if _decade(key.mid):  # "about 10,000 times": an order of magnitude (round 64)
            factors = (0.1, 10, 0.01, 100)
        out = [_scaled(key, factor) for factor in factors]
        if key.canonical_unit in _DURATIONS and key.decimals == 0:
            # whole weeks stay whole: "0.5 weeks" beside "2 weeks" is no duration a
            # clinician writes (round 91)
            out = [q for q in out if q.decimals == 0]
    else:  # a range keeps its width and moves: scaled, it would overlap itself or widen
        step = grid_step(key)
        for k in (1, -1, 2, -2, 3, -3):
            shift = k * step
            out.append(key.moved(key.low + shift, None if key.high is None else key.high + shift))
    return [q for q in out if in_bounds(q)]


def _decade(value: float) -> bool:
    """A power of ten from 100 up: a figure of an order of magnitude, whose wrong values
    are other orders, not its half and double (5,000 and 20,000 beside 10,000)."""
    return value >= 100 and math.log10(value).is_integer()


_OPPOSITE = {
    "less than": "more than", "fewer than": "more than", "lower than": "higher than",
    "up to": "more than", "at most": "more than", "under": "over", "below": "above",
    "<": ">", "≤": ">", "more than": "less than", "greater than": "less than",
    "higher than": "lower than", "at least": "less than", "over": "under",
    "above": "below", ">": "<", "≥": "<",
    **{f"{a} than": f"{b} than" for a, b in _COMPARATIVES},
    **{f"{b} than": f"{a} than" for a, b in _COMPARATIVES},
}  # fmt: skip


def is_upper_bound(q: Quantity) -> bool:
    """ "less than 20%", "up to 3 days": the value is a ceiling (else a floor)."""
    opposite = _OPPOSITE.get(q.qualifier.casefold(), "")
    return opposite in ("more than", "higher than", "over", "above", ">", *(
        f"{b} than" for _, b in _COMPARATIVES))


def bound_bins(key: Quantity, count: int) -> list[Quantity]:
    """`count` wrong answers to a bound ("less than 20%"), ascending: bins on the side where the
    bound is false, the farthest one the opposite bound, so the options exclude each
    other and cover the scale: less than 20% / 20-30% / 30-40% / more than 40%.

    A higher ceiling (or a lower floor) would be true as well, so it is never offered.
    Fewer bins come back when the scale runs out (percentages stop below 100, values
    above 0).
    """
    if count < 1 or not key.is_bound or key.is_range:
        return []
    upper = is_upper_bound(key)
    bare = replace(key, qualifier="")
    for edges_wanted in range(count, 0, -1):
        for step in _bin_steps(key):
            edges = [_bin_edge(key, i, step, upper) for i in range(edges_wanted)]
            rounded = [round(e, key.decimals) for e in edges]
            if len(set(rounded)) == len(rounded) and all(_edge_ok(key, e) for e in rounded):
                pairs = itertools.pairwise(rounded)
                # an inclusive bound holds its own edge ("at most 20 years"): the bins beyond
                # start one step past each edge, so no two options share a value ("20-40
                # years" beside it held 20 too: round 74)
                step = 10**-key.decimals if _inclusive(key) else 0.0
                bins = [bare.moved(min(x, y) + (step if upper else 0.0),
                                   max(x, y) - (0.0 if upper else step)) for x, y in pairs]
                if any(b.high is not None and b.high <= b.low for b in bins):
                    continue  # "2-2 months" beside "at least 6 months" (round 91)
                far_qualifier = _OPPOSITE.get(key.qualifier.casefold(), "")
                far = replace(key, qualifier=far_qualifier).moved(rounded[-1], None)
                return sorted([*bins, far], key=lambda q: q.mid)
    return []


def _inclusive(key: Quantity) -> bool:
    """A bound that includes its value: "at most", "up to", "at least", "≤", "≥"."""
    return key.qualifier.casefold() in ("at most", "up to", "at least", "no more than",
                                        "no less than", "≤", "≥")


def _bin_steps(key: Quantity) -> list[float]:
    """Bin widths to try, widest first: the additive grid, or doubling (step 0)."""
    if not _additive(key):
        return [0.0]
    floor = 10**-key.decimals
    first = percent_step(key)
    if key.canonical_unit in _SCALES:
        first = max(_round_step(max(key.low, floor) * 0.15), floor)
    return [s for s in (first, first / 2, first / 5) if s >= floor - 1e-12] or [floor]


def _bin_edge(key: Quantity, i: int, step: float, upper: bool) -> float:
    if step == 0.0:
        return key.low * 2.0**i if upper else key.low / 2.0**i
    return key.low + i * step if upper else key.low - i * step


def _edge_ok(key: Quantity, edge: float) -> bool:
    return edge > 0 and not (key.canonical_unit == "%" and edge >= 100)


def choose_values(
    key: Quantity,
    course_values: list[Quantity],
    count: int,
    below_wanted: int,
    exclude: frozenset[Stated] = frozenset(),
    classes: frozenset[Stated] = frozenset(),
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
    if not _round_figure(key):
        # round course values beside an unround key single it out ("37%" among 25%, 50%
        # and 60%: round 35); the ladder keeps the key's last digit
        course = [q for q in course if not _round_figure(q)]
    course.sort(key=lambda q: (abs(q.mid - key.mid), q.mid))
    # the course's classes of one scale (the other rows of the key's table) meet the key
    # at their ends and are taken whole; other ranges never touch
    stated = frozenset((key, *(q for q in course if q.stated() in classes)))
    pool = [q for q in course + ladder(key)
            if not any(_meets(q, v, touching=q not in stated) for v in exclude)]
    below = [q for q in pool if q.mid < key.mid]
    above = [q for q in pool if q.mid > key.mid]
    chosen: list[Quantity] = []
    _take(below, chosen, key, min(below_wanted, count), stated)
    _take(above, chosen, key, count - len(chosen), stated)
    _take(below, chosen, key, count - len(chosen), stated)
    if key.is_range and sum(q in stated for q in chosen) >= 2:
        # the course's own classes, not a made-up "17 to 21 years" beside "2 to 7" and
        # "11 to 15 years" of Piaget's stages
        chosen = [q for q in chosen if q in stated]
    if _precise(key) and chosen and all(_round_figure(q) for q in chosen):
        chosen = [_off_round(q, key) for q in chosen]
    return sorted(chosen, key=lambda q: q.mid)


def _figures(q: Quantity) -> int:
    """The significant figures of a value as written ("5.14": 3, "0.848": 3, "250": 2)."""
    return len(str(round(q.mid * 10**q.decimals)).strip("0")) if q.mid else 0


def _precise(q: Quantity) -> bool:
    """An unround value of two or more figures ("59 mV", "4.6"): beside it, wrong values
    that are all round leave the key the only exact-looking one."""
    return not (_round_figure(q) or q.is_range) and _figures(q) >= 2


GRID_SPREAD = 1.5  # a step wider than this many times the narrowest one is a gap


def leaves_a_hole(options: list[Quantity], excluded: Iterable[Stated]) -> bool:
    """The options (key included) leave a gap where a value the course states near the
    message would have stood ("5, 6, 7, 9%" around a stated 8%; "8, 32, 64 bits" around a
    stated 16): a trainee reads the gap as a hint. Steps are read where the grid is even:
    by ratio for sizes in bits and for doubling ladders (4, 8, 16, 32 bytes leave no gap at a
    stated 20), else by difference; an even grid has no gap, whatever lies between."""
    if len(options) < 3:
        return False
    mids = sorted(q.mid for q in options)
    unit = options[0].canonical_unit

    def steps(values: list[float]) -> list[float]:
        return [b - a for a, b in itertools.pairwise(values)]

    def even(gaps: list[float]) -> bool:
        return min(gaps) > 0 and max(gaps) <= GRID_SPREAD * min(gaps)

    logs = [math.log(m) for m in mids] if mids[0] > 0 else []
    by_ratio = bool(logs) and (unit in ("bit", "byte")
                               or (not even(steps(mids)) and even(steps(logs))))
    space = logs if by_ratio else mids
    gaps = steps(space)
    if even(gaps):
        return False
    for low, high, stated_unit in excluded:
        value = low if high is None else (low + high) / 2
        if stated_unit != unit or (by_ratio and value <= 0):
            continue
        point = math.log(value) if by_ratio else value
        for (left, right), gap in zip(itertools.pairwise(space), gaps, strict=True):
            if gap > GRID_SPREAD * min(gaps) and left < point < right:
                return True
    return False


def _meets(q: Quantity, value: Stated, touching: bool = True) -> bool:
    """The candidate is a value stated near the message, or, as a range, overlaps one:
    "4-5 days" beside a course's "4-7 days for a first response" is defensible. (A single
    value inside a stated range is not: "below 40" is simply not the rule "below 30",
    whatever the course says of 30-45.) A range the course itself writes overlaps only
    inside: its classes meet at their ends ("2 to 7" and "7 to 11 years")."""
    low, high, unit = value
    if unit != q.canonical_unit:
        return False
    if not q.is_range or q.high is None:
        return q.values() == (low, high)
    top = high if high is not None else low
    if not touching:
        return q.low < top and low < q.high
    return q.low <= top and low <= q.high


def _take(pool: list[Quantity], chosen: list[Quantity], key: Quantity, wanted: int,
          stated: frozenset[Quantity]) -> None:
    """Add up to `wanted` values from `pool` (in preference order) that keep options apart
    and do not all grow out of the key."""
    added = 0
    for q in pool:
        if added >= wanted:
            return
        if all(separated(key, q, other, stated) for other in (key, *chosen)) and not built_on_key(
                key, [*chosen, q]):
            chosen.append(q)
            added += 1


def _round_figure(q: Quantity) -> bool:
    """A value ending in 0 or 5 at its precision ("25%", "1.5 mg"): what a person writes
    for a round figure."""
    scaled = q.mid * 10**q.decimals
    return abs(scaled - round(scaled)) < 1e-6 and round(scaled) % 5 == 0


def built_on_key(key: Quantity, others: list[Quantity]) -> bool:
    """Two or more wrong values that are all whole multiples of the key, or all whole
    fractions of it ("9.2 and 13.8 billion years" beside 4.6: twice and three times it),
    show the key as the unit the others were made from. Scaled by factors only: an
    additive grid (percentages, years, scales) steps by its own size; a round key (1, 2,
    5, 8 years) has round multiples that hide nothing."""
    if (len(others) < 2 or _additive(key) or key.is_range or key.mid <= 0
            or _two_figures(key.mid) == key.mid):
        # a range moves by its width, never by factors: "7.4-12.4%" beside "2.4-7.4%" is
        # the next class, not twice the key (a property test's example)
        return False

    def whole(ratio: float) -> bool:
        # within the rounding of values written to the key's precision: 0.848 / 0.283 is
        # 2.996, a third all the same (round 82)
        return ratio >= 1.5 and abs(ratio - round(ratio)) < 0.02 * ratio

    ratios = [q.mid / key.mid for q in others]
    # half and double, a third and three times: the key is the pair's middle (round 56);
    # sizes in bits and powers of two double by nature (64, 128, 256 bits)
    doubling = key.canonical_unit in ("bit", "byte") or math.log2(key.mid).is_integer()
    mirrored = not doubling and any(math.isclose(a * b, 1.0, rel_tol=0.05)
                                    for a in ratios for b in ratios if 0 < a < 1 < b)
    # beside a precise key ("5.14", "0.848") two values that are whole multiples or whole
    # fractions of it are enough: 2.57 and 15.42 show 5.14 as the value they came from
    # (round 82)
    built = sum(whole(r) or (r > 0 and whole(1 / r)) for r in ratios)
    if not doubling and _figures(key) >= 3 and built >= 2:
        return True
    return mirrored or all(whole(r) for r in ratios) or all(r > 0 and whole(1 / r)
                                                            for r in ratios)


_BEFORE = re.compile(rf"(?:^|(?<=[\s(]))(?P<qual>{_SEMANTIC_QUAL})\s*$", re.IGNORECASE)


def bound_before(text: str, start: int) -> str:
    """The bound written just before position `start` ("at least " in "at least 3.0 mmol/L"),
    or ""."""
    match = _BEFORE.search(text[:start])
    return match.group("qual") if match else ""


_ROUGH_BEFORE = re.compile(
    r"\bas (?:much|many|high|low|long|far|little|few|large|great|small) as\s*$"
    # "well below 2 °C": a bound by an unstated margin (round 49: "well _____" with the
    # bound blanked left "well 2-3 °C" as an option)
    r"|\b(?:well|far|just|slightly|comfortably|safely) (?:below|above|under|over|beyond|"
    r"less than|more than)\s*$", re.IGNORECASE)
_ROUGH_AFTER = re.compile(
    r"^\s*(?:or|and) (?:more|less|fewer|longer|shorter|higher|lower|above|below|over|"
    r"under|so|beyond)\b|^\+", re.IGNORECASE,
)


def rough_limit(text: str, written: str) -> str:
    """How the message makes a value a rough limit ("as much as 10 °C", "10 °C or more"),
    or "". Such a value is no answer on a grid: "as much as 11 °C" is as true as the
    course's "as much as 10 °C or more" (round 44), and 8, 9 or 11 split hairs the
    message does not."""
    start = text.find(written)
    if start < 0:
        return ""
    before = _ROUGH_BEFORE.search(text[:start])
    after = _ROUGH_AFTER.search(text[start + len(written):])
    return (before or after).group(0).strip() if (before or after) else ""


def given_by_another_number(key: Quantity, text: str) -> bool:
    """Another number the message writes ("60 zones", "a 1% chance") gives this one by one
    product or quotient to a landmark (a full turn, 1, 100)."""
    a = key.low / 100 if key.canonical_unit == "%" else key.low
    if not a:
        return False
    own = {key.low, key.high, a}  # the key's own figures, however written ("30-35%")
    others: list[float] = []
    found = [(float(m[1].replace(",", "")), bool(m[2]), False)
             for m in _PLAIN_NUMBER.finditer(text)]
    # a number written as a word gives it too ("One map unit corresponds to 1%": round 49)
    found += [(float(NUMBER_WORDS.index(w.casefold())), False, True)
              for w in re.findall(r"[A-Za-z]+", text) if w.casefold() in NUMBER_WORDS]
    for written, percent, word in found:
        b = written / (100 if percent else 1)
        if word:  # only the same figure: "two channels" is no half of "90°"
            if written in (key.low, key.high):
                return True
            continue
        if written in own or b in own:
            continue
        if b and any(abs(v - mark) < 1e-9 * mark for v in (a * b, a / b, b / a)
                                for mark in _LANDMARKS):  # fmt: skip
            return True
        if b:
            others.append(b)
    # two other numbers give it by their product or quotient ("a crop factor of 1.5, so a
    # 50 mm lens frames like a _____ lens": 75 = 50 x 1.5; round 38)
    return any(abs(v - a) <= 0.01 * abs(a) for b, c in itertools.permutations(others, 2)
               for v in (b * c, b / c))


_LANDMARKS = (1.0, 10.0, 100.0, 1000.0, 90.0, 180.0, 360.0)
# Numbers a message may write as words ("the top three", "One map unit"), by value.
NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                "ten", "eleven", "twelve")  # fmt: skip


def spelled_numbers(text: str) -> set[int]:
    """The numbers a text writes in words ("the top three"), by value."""
    words = set(re.findall(r"[a-z]+", text.casefold()))
    return {i for i, word in enumerate(NUMBER_WORDS) if word in words}
_PLAIN_NUMBER = re.compile(r"(?<![\w.])(\d+(?:,\d{3})*(?:\.\d+)?)\s*(%)?")
