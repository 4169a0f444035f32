"""Progress across terms: trends, published progress-assessment methods and projections.

Party committees and elected bodies are counted once per term, so a unit has two to four points.
Every series here is **one unit × one body**: party committees (2015-2020, 2020-2025, ...) and
People's Councils (2016-2021, 2021-2026, ...) are never mixed.  Time is the **start year** of a term.

- :func:`trend`: the share in each term, the change in points, and the pace (points per term) still
  needed to reach a target by its term.
- :func:`assess_progress`: a status from a named, published method:

  ``"growth_ratio"``
      the growth-rate ratio of Statistics Canada / Open SDG (Eurostat-inspired), with its thresholds,
      statuses and −5..+5 score, ``direction=`` for indicators where lower is better and user
      ``thresholds=``;
  ``"growth_rate"``
      the same method without a target: observed growth against fixed thresholds, shrunk near a
      natural ``limit=`` (e.g. parity at 50 %);
  ``"escap"``
      ESCAP-style current status and anticipated progress from a time-weighted linear fit;
  ``"linear"``
      linear pace (the "weather" method of the German Sustainable Development Strategy), which also
      works for bodies that started with no women.

- :func:`aggregate_progress`: the indicator-level status, from the mean of the series' scores.
- :func:`project`: each unit's projected share at the target term, and the same for pooled series by
  level (counts added up per term first, never a mean of shares).

Published rules and the library's earlier rules
-----------------------------------------------
By default (``rules="published"``) the growth methods follow Open SDG 2.4: only a zero **base or
target** is replaced by 0.001, so a body that stays at 0 women is "deterioration"; and a single point
that already meets the target is "target achieved".  ``rules="legacy"`` keeps what the library did
before: every zero (the current value too) is replaced, so 0 → 0 is growth 0, "limited progress",
and one point is always "insufficient data".  The output column ``rules`` says which were used.

Renamed and merged units
------------------------
Pass ``units=`` (a units table, see :func:`gender_stats.validate_units`) whose ``aliases`` column lists
former names or ids of a unit, separated by ``|``.  A counts row whose ``unit_id`` is not a current unit
but matches an alias (as an id, or as a name compared with :func:`gender_stats._text.name_key`) is
moved to that unit, and takes its current name and level.  When several former units map to one
current unit (a merger), their counts are **added up per term**, so the earlier points describe the
territory of today's unit; the column ``n_pooled`` says how many rows each point adds up.  Units found
neither as a unit nor as an alias are kept as they are, so a unit that appears or disappears simply has
fewer points.

Target term
-----------
A target "by year Y" judges the term of each body whose years hold Y, start excluded and end included
(as in :mod:`gender_stats.targets`): "by 2030" judges party committees 2025-2030 and People's Councils
2026-2031.  With ``target_time="term"`` (the default) the horizon ``T`` of a series is the start year
of that term, on the grid of the series' own terms; with ``target_time="year"`` it is ``Y`` itself
(for data by calendar year, and to reproduce the published worked examples).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from gender_stats._text import name_key
from gender_stats.errors import ArgumentError, DataError, Problem, TargetError
from gender_stats.schema import (
    ALIASES,
    BODY,
    FEMALE,
    LEVEL,
    SHARE,
    TERM,
    TOTAL,
    UNIT_ID,
    UNIT_NAME,
    validate_counts,
    validate_units,
)
from gender_stats.vocab import level_label, term_bounds

if TYPE_CHECKING:
    from gender_stats.targets import Target

__all__ = [
    "COMPONENTS",
    "DIRECTIONS",
    "METHODS",
    "RULES",
    "STATUSES",
    "aggregate_progress",
    "assess_progress",
    "growth_ratio",
    "project",
    "trend",
]

Method = Literal["growth_ratio", "growth_rate", "escap", "linear"]
TargetTime = Literal["term", "year"]
Direction = Literal["positive", "negative"]
Rules = Literal["published", "legacy"]
#: The progress methods, by name.
METHODS: tuple[str, ...] = ("growth_ratio", "growth_rate", "escap", "linear")
#: The desired directions of progress.
DIRECTIONS: tuple[str, ...] = ("positive", "negative")
#: ``"published"``: the published Open SDG rules; ``"legacy"``: the library's rules before them.
RULES: tuple[str, ...] = ("published", "legacy")

# Output columns beyond the canonical ones.
TERM_START = "term_start"
CHANGE_PP = "change_pp"
PREVIOUS_TERM = "previous_term"
TARGET_SHARE = "target_share"
TARGET_YEAR = "target_year"
TARGET_T = "target_t"
REQUIRED_PACE_PP = "required_pace_pp"
N_POOLED = "n_pooled"

# Statuses, in each method's published words.
ACHIEVED = "target achieved"
INSUFFICIENT = "insufficient data"
NOT_APPLICABLE = "not applicable"
SUBSTANTIAL = "substantial progress"
MODERATE = "moderate progress"
LIMITED = "limited progress"
DETERIORATION = "deterioration"
MAINTAIN = "maintain progress"
ACCELERATE = "accelerate"
REVERSE = "reverse trend"
ON_TRACK = "on track"
SLIGHTLY_OFF = "slightly off track"
OFF_TRACK = "off track"
WRONG_WAY = "wrong direction"
#: Every status word, by method (``"*"``: any method).
STATUSES: Mapping[str, tuple[str, ...]] = {
    "growth_ratio": (ACHIEVED, SUBSTANTIAL, MODERATE, LIMITED, DETERIORATION),
    "growth_rate": (SUBSTANTIAL, MODERATE, LIMITED, DETERIORATION),
    "escap": (MAINTAIN, ACCELERATE, REVERSE),
    "linear": (ACHIEVED, ON_TRACK, SLIGHTLY_OFF, OFF_TRACK, WRONG_WAY),
    "*": (INSUFFICIENT, NOT_APPLICABLE),
}
#: ``projected_status``: whether the projected share at the horizon meets the target.
PROJECTED_MET, PROJECTED_BELOW = "met", "below"

# Growth-rate ratio (Open SDG 2.4 / Statistics Canada), as published.
_ZERO_REPLACEMENT = 0.001
_R_SUBSTANTIAL, _R_MODERATE = 0.95, 0.6
_SCORE_HIGH = (7.1429, -4.2857)  # R ≥ 0.6: min(7.1429·R − 4.2857, 5)
_SCORE_LOW = (4.1667, -2.5)  # R < 0.6: max(4.1667·R − 2.5, −5)
# Without a target: growth-rate thresholds and the rate that scores 5 (−rate scores −5).
_G_SUBSTANTIAL, _G_MODERATE, _G_CAP = 0.015, 0.005, 0.02
_LIMIT_EXPONENT = 4.44
# The aggregate status of an indicator from its mean score.
_BAND_SUBSTANTIAL, _BAND_MODERATE, _BAND_LIMITED = 2.5, 0.0, -2.5
# Linear pace ("weather"): share of the remaining distance the projection misses.
_MISS_ON_TRACK, _MISS_SLIGHTLY = 0.05, 0.20
# Shares computed in floating point are compared with this tolerance (0.2 + 0.1 is not 0.3).
_EPS = 1e-9

_METHOD_ERROR = "Got method={method!r}. Must be one of {methods}."
_TARGET_TIME_ERROR = "Got target_time={value!r}. Must be one of ['term', 'year']."
_NO_TARGET_ERROR = (
    "{func}() needs a target: pass target_share= and target_year=, or target= (a target id of "
    "gender_stats.targets, e.g. '36-CT/TW:a')."
)


# ---------------------------------------------------------------------------------------------
# Targets


@dataclass(frozen=True)
class _Goal:
    share: Fraction
    year: int
    bodies: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    strict: bool = False  # "trên 35%": the share must exceed it (26-NQ/TW c)

    def applies(self, body: str, level: str) -> bool:
        return (not self.bodies or body in self.bodies) and (
            not self.levels or level in self.levels
        )


def _as_share(value: Any) -> Fraction:
    """Return a target share as an exact Fraction in [0, 1]."""
    if isinstance(value, bool):
        raise TargetError(f"target_share must be a share such as '0.35' or '35%', got {value!r}")
    try:
        if isinstance(value, str):
            text = value.strip().replace(",", ".")
            share = Fraction(text.removesuffix("%").strip()) / (100 if text.endswith("%") else 1)
        elif isinstance(value, float):
            share = Fraction(repr(value))  # the decimal the user wrote, not the binary float
        else:
            share = Fraction(value)
    except (TypeError, ValueError, ZeroDivisionError) as err:
        raise TargetError(
            f"target_share must be a share such as '0.35' or '35%', got {value!r}"
        ) from err
    if not 0 <= share <= 1:
        raise TargetError(
            f"target_share must be a share in [0, 1], got {value!r}. Hint: write 35 % as '35%' or "
            "'0.35'."
        )
    return share


def _goal(target: Any, target_share: Any, target_year: Any, func: str) -> _Goal | None:
    if target is None:
        if target_share is None and target_year is None:
            return None
        if target_share is None or target_year is None:
            raise TargetError(_NO_TARGET_ERROR.format(func=func))
        return _Goal(_as_share(target_share), _as_year(target_year))
    from gender_stats.targets import get_targets  # lazy: the catalogue reads a data file

    found: tuple[Target, ...] = get_targets(target)
    if len(found) != 1:
        ids = ", ".join(t.id for t in found)
        raise TargetError(
            f"target={target!r} selects {len(found)} targets ({ids}); pass one target id."
        )
    chosen = found[0]
    rule = chosen.rule.unit_rule()
    threshold = getattr(rule, "threshold", None)
    if threshold is None:
        threshold = getattr(rule, "low", None)
    if threshold is None and target_share is None:
        raise TargetError(
            f"target {chosen.id!r} has no share threshold (rule {rule.label}); pass target_share=."
        )
    share = _as_share(target_share) if target_share is not None else Fraction(str(threshold))
    year = target_year if target_year is not None else chosen.target_year
    if year is None and chosen.terms:
        year = max(term_bounds(t)[1] for t in chosen.terms)
    if year is None:
        raise TargetError(f"target {chosen.id!r} has no target year; pass target_year=.")
    strict = bool(getattr(rule, "strict", False)) and target_share is None
    return _Goal(share, _as_year(year), tuple(chosen.bodies), tuple(chosen.levels), strict)


def _reached(excess: float, strict: bool) -> bool:
    """Say whether a share ``excess`` above the target reaches it (more than it when strict)."""
    return excess > _EPS if strict else excess >= -_EPS


def _as_year(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise TargetError(f"target_year must be a year such as 2030, got {value!r}")
    return int(value)


def _horizon(year: int, term_start: int, term_length: int, target_time: str) -> int:
    """Return the time ``T`` of the target for a series whose terms start at ``term_start``.

    For ``"term"``, the start ``s`` of the term on the series' grid with ``s < year ≤ s + length``.
    """
    if target_time == "year":
        return year
    k = -(-(year - term_start - term_length) // term_length)  # ceiling division
    return term_start + k * term_length


# ---------------------------------------------------------------------------------------------
# Preparing the series


def _prepare(counts: pd.DataFrame, units: pd.DataFrame | None) -> pd.DataFrame:
    """Validate counts, move former units to their current id, pool merged units per term."""
    frame = validate_counts(counts)
    frame = frame[[TERM, UNIT_ID, UNIT_NAME, LEVEL, BODY, TOTAL, FEMALE]].copy()
    if units is not None:
        frame = _apply_aliases(frame, validate_units(units))
    frame[N_POOLED] = 1
    pooled = frame.groupby([BODY, UNIT_ID, TERM], sort=True, observed=True).agg(
        **{
            UNIT_NAME: (UNIT_NAME, "last"),
            LEVEL: (LEVEL, "last"),
            TOTAL: (TOTAL, "sum"),
            FEMALE: (FEMALE, "sum"),
            N_POOLED: (N_POOLED, "sum"),
        }
    )
    pooled = pooled.reset_index()
    bounds = [term_bounds(t) for t in pooled[TERM]]
    pooled[TERM_START] = np.array([b[0] for b in bounds], dtype="int64")
    pooled["_length"] = np.array([b[1] - b[0] for b in bounds], dtype="int64")
    return pooled.sort_values([BODY, UNIT_ID, TERM_START], kind="stable").reset_index(drop=True)


def _apply_aliases(frame: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    current = dict(
        zip(units[UNIT_ID], zip(units[UNIT_NAME], units[LEVEL], strict=True), strict=True)
    )
    by_id: dict[str, str] = {}
    by_name: dict[str, str] = {}
    problems: list[Problem] = []
    if ALIASES in units.columns:
        for label, unit_id, aliases in zip(
            units.index, units[UNIT_ID], units[ALIASES], strict=True
        ):
            if not isinstance(aliases, str):
                continue
            for alias in filter(None, (a.strip() for a in aliases.split("|"))):
                for table, key in ((by_id, alias), (by_name, name_key(alias))):
                    if table.get(key, unit_id) != unit_id:
                        problems.append(
                            Problem(
                                expected="một tên cũ chỉ thuộc một đơn vị (an alias of one unit only)",
                                value=alias,
                                row=label,
                                header=ALIASES,
                            )
                        )
                    table.setdefault(key, unit_id)
    if problems:
        raise DataError(problems, source="units", rows_read=len(units))
    ids, names, levels = [], [], []
    for unit_id, unit_name, level in zip(
        frame[UNIT_ID], frame[UNIT_NAME], frame[LEVEL], strict=True
    ):
        new_id = unit_id
        if unit_id not in current:
            new_id = by_id.get(unit_id) or by_name.get(name_key(unit_name)) or unit_id
        if new_id in current:
            unit_name, level = current[new_id]
        ids.append(new_id)
        names.append(unit_name)
        levels.append(level)
    return frame.assign(**{UNIT_ID: ids, UNIT_NAME: names, LEVEL: levels})


def _share(female: int, total: int) -> float:
    return female / total if total > 0 else math.nan


# ---------------------------------------------------------------------------------------------
# trend


def trend(
    counts: pd.DataFrame,
    *,
    target: Any = None,
    target_share: Any = None,
    target_year: int | None = None,
    units: pd.DataFrame | None = None,
    target_time: TargetTime = "term",
) -> pd.DataFrame:
    """Return each unit's share per term, its change in points, and the pace a target needs.

    Parameters
    ----------
    counts : pandas.DataFrame
        Counts (``term``, ``unit_id``, ``unit_name``, ``level``, ``body``, ``total``, ``female``).
    target : str or Target, optional
        A target of :mod:`gender_stats.targets` (``"36-CT/TW:a"``); its threshold (the lower bound of
        a range; a strict floor "trên 35%" is read as reaching 35 %) and its target year (else the
        end year of its last term) are used, and only for the bodies and levels it covers.
    target_share : str, Fraction or float, optional
        The target as a share (``"0.35"``, ``"35%"``, ``Fraction(7, 20)``); overrides ``target``'s.
    target_year : int, optional
        The year the target is due; overrides ``target``'s.
    units : pandas.DataFrame, optional
        A units table; its ``aliases`` move renamed and merged units (see the module notes).
    target_time : {"term", "year"}, default "term"
        Whether the horizon is the start of the body's term that the target year judges, or the year.

    Returns
    -------
    pandas.DataFrame
        One row per body × unit × term, ordered by body, unit and term: ``body``, ``unit_id``,
        ``unit_name``, ``level``, ``term``, ``term_start``, ``total``, ``female``, ``share``,
        ``previous_term``, ``change_pp`` (points since the unit's previous term of the same body; NaN
        for the first), ``n_pooled``; with a target also ``target_share``, ``target_year``,
        ``target_t`` (the horizon) and ``required_pace_pp``.

    Notes
    -----
    ``required_pace_pp = max(0, target − share) × 100 / terms_left`` with
    ``terms_left = (target_t − term_start) / term_length``: the points per term still needed from that
    term on.  It is 0 when the share already meets the target and NaN when no term is left (or the
    target does not apply to the body or level).

    Examples
    --------
    >>> import pandas as pd
    >>> counts = pd.DataFrame({
    ...     "term": ["2010-2015", "2015-2020", "2020-2025"], "unit_id": "A", "unit_name": "A",
    ...     "level": "district", "body": "party_committee",
    ...     "total": [40, 40, 40], "female": [4, 6, 8]})
    >>> out = trend(counts, target_share="0.35", target_year=2030)
    >>> out[["term", "share", "change_pp", "required_pace_pp"]]
            term  share  change_pp  required_pace_pp
    0  2010-2015   0.10        NaN          8.333333
    1  2015-2020   0.15        5.0         10.000000
    2  2020-2025   0.20        5.0         15.000000
    """
    _check_target_time(target_time)
    goal = _goal(target, target_share, target_year, "trend")
    data = _prepare(counts, units)
    rows: list[dict[str, Any]] = []
    for (body, unit_id), series in data.groupby([BODY, UNIT_ID], sort=True, observed=True):
        previous: tuple[str, float] | None = None
        records: list[dict[str, Any]] = series.to_dict("records")  # type: ignore[assignment]
        for rec in records:
            share = _share(rec[FEMALE], rec[TOTAL])
            row = {
                BODY: body,
                UNIT_ID: unit_id,
                UNIT_NAME: rec[UNIT_NAME],
                LEVEL: rec[LEVEL],
                TERM: rec[TERM],
                TERM_START: rec[TERM_START],
                TOTAL: rec[TOTAL],
                FEMALE: rec[FEMALE],
                SHARE: share,
                PREVIOUS_TERM: previous[0] if previous else None,
                CHANGE_PP: (share - previous[1]) * 100 if previous else math.nan,
                N_POOLED: rec[N_POOLED],
            }
            if goal is not None:
                row.update(_pace(goal, rec, share, target_time))
            rows.append(row)
            previous = (rec[TERM], share)
    columns = [BODY, UNIT_ID, UNIT_NAME, LEVEL, TERM, TERM_START, TOTAL, FEMALE, SHARE]
    columns += [PREVIOUS_TERM, CHANGE_PP, N_POOLED]
    if goal is not None:
        columns += [TARGET_SHARE, TARGET_YEAR, TARGET_T, REQUIRED_PACE_PP]
    out = pd.DataFrame(rows, columns=columns)
    out = out.astype({TERM_START: "int64", TOTAL: "int64", FEMALE: "int64", N_POOLED: "int64"})
    out = out.astype({SHARE: "float64", CHANGE_PP: "float64"})
    if goal is not None:
        out = out.astype({TARGET_SHARE: "float64", TARGET_YEAR: "int64", TARGET_T: "Int64"})
        out[REQUIRED_PACE_PP] = out[REQUIRED_PACE_PP].astype("float64")
    return out


def _pace(goal: _Goal, rec: Mapping[str, Any], share: float, target_time: str) -> dict[str, Any]:
    if not goal.applies(rec[BODY], rec[LEVEL]):
        return {TARGET_SHARE: float(goal.share), TARGET_YEAR: goal.year, TARGET_T: pd.NA,
                REQUIRED_PACE_PP: math.nan}  # fmt: skip
    horizon = _horizon(goal.year, rec[TERM_START], rec["_length"], target_time)
    terms_left = (horizon - rec[TERM_START]) / rec["_length"]
    if math.isnan(share):
        pace = math.nan
    elif (lhs := rec[FEMALE] * goal.share.denominator) >= (
        rhs := goal.share.numerator * rec[TOTAL]
    ) and (lhs > rhs or not goal.strict):
        pace = 0.0  # met, compared on integers
    elif terms_left > 0:
        pace = (float(goal.share) - share) * 100 / terms_left
    else:
        pace = math.nan
    return {TARGET_SHARE: float(goal.share), TARGET_YEAR: goal.year, TARGET_T: horizon,
            REQUIRED_PACE_PP: pace}  # fmt: skip


def _check_target_time(value: str) -> None:
    if value not in ("term", "year"):
        raise ValueError(_TARGET_TIME_ERROR.format(value=value))


# ---------------------------------------------------------------------------------------------
# The three methods on one series


@dataclass(frozen=True)
class _Growth:
    """The calculation components of the growth methods for one series."""

    observed: float  # CAGR from base to current (as observed, before the direction)
    required: float  # CAGR from base to target (NaN without a target)
    value: float  # R with a target, d·CAGR without
    score: float
    status: str
    scaling: float = 1.0  # C of a natural limit (1 without one)
    zero_replaced: str = ""  # which values were replaced by 0.001: "base", "current", "target"


def _check_option(name: str, value: Any, allowed: Sequence[Any]) -> None:
    if value not in allowed:
        raise ArgumentError(
            f"Tham số {name} không hợp lệ (invalid {name}). Got {name}={value!r}. Must be one of "
            f"{list(allowed)}."
        )


def _thresholds(thresholds: Mapping[str, float] | None, with_target: bool) -> tuple[float, float]:
    """Return the (substantial, moderate) thresholds, the published ones unless given."""
    default = (_R_SUBSTANTIAL, _R_MODERATE) if with_target else (_G_SUBSTANTIAL, _G_MODERATE)
    if thresholds is None:
        return default
    unknown = sorted(set(thresholds) - {"substantial", "moderate"})
    if unknown:
        raise ArgumentError(
            f"Ngưỡng không hợp lệ (unknown thresholds {unknown}). Must be 'substantial' and/or "
            "'moderate'. Hint: thresholds={'substantial': 0.95, 'moderate': 0.6}."
        )
    high = float(thresholds.get("substantial", default[0]))
    low = float(thresholds.get("moderate", default[1]))
    if not 0 <= low <= high:
        raise ArgumentError(
            f"Ngưỡng phải tăng dần (thresholds must satisfy 0 ≤ moderate ≤ substantial). Got "
            f"moderate={low}, substantial={high}."
        )
    return high, low


def _scaling(base: float, limit: float | None, sign: int) -> float:
    """Return the factor ``C`` that shrinks the no-target thresholds near a natural limit."""
    if limit is None:
        return 1.0
    if sign > 0:  # a maximum the share grows towards
        if base >= limit:
            return 0.0
        return 1.0 - (max(base, 0.0) / limit) ** _LIMIT_EXPONENT if limit > 0 else 0.0
    if base <= limit:  # a minimum the value falls towards
        return 0.0
    return 1.0 - (limit / base) ** _LIMIT_EXPONENT


def _status_of(value: float, high: float, low: float) -> str:
    if value >= high - _EPS:
        return SUBSTANTIAL
    if value >= low - _EPS:
        return MODERATE
    if value >= -_EPS:
        return LIMITED
    return DETERIORATION


def _growth(
    base: float,
    current: float,
    target: float | None,
    *,
    base_year: int,
    current_year: int,
    target_year: int | None,
    direction: str = "positive",
    limit: float | None = None,
    thresholds: Mapping[str, float] | None = None,
    rules: str = "published",
    strict: bool = False,
) -> _Growth:
    """Compute every component of the growth methods (see :func:`growth_ratio`)."""
    sign = 1 if direction == "positive" else -1
    replaced = []
    if base == 0:
        replaced.append("base")
    if current == 0 and rules == "legacy":
        replaced.append("current")
    if target is not None and target == 0:
        replaced.append("target")
    y0 = base or _ZERO_REPLACEMENT
    yt = current if rules == "published" else (current or _ZERO_REPLACEMENT)
    observed = (yt / y0) ** (1 / (current_year - base_year)) - 1
    if target is None:
        scaling = _scaling(base, limit, sign)
        high, low = _thresholds(thresholds, with_target=False)
        value = sign * observed
        if scaling == 0 and value >= -_EPS:  # at the limit and kept there
            return _Growth(observed, math.nan, value, 5.0, SUBSTANTIAL, scaling, ",".join(replaced))
        score = _score_no_target(value, scaling)
        status = _status_of(value, high * scaling, low * scaling)
        return _Growth(observed, math.nan, value, score, status, scaling, ",".join(replaced))
    assert target_year is not None
    y_target = target or _ZERO_REPLACEMENT
    required = (y_target / y0) ** (1 / (target_year - base_year)) - 1
    ratio = sign * observed / abs(required) if required != 0 else math.nan
    zero = ",".join(replaced)
    if _reached(sign * (current - target), strict):
        return _Growth(observed, required, ratio, 5.0, ACHIEVED, zero_replaced=zero)
    if math.isnan(ratio):  # the base met the target exactly and the share moved away from it
        return _Growth(observed, required, ratio, -5.0, DETERIORATION, zero_replaced=zero)
    if ratio >= _R_MODERATE:
        score = min(_SCORE_HIGH[0] * ratio + _SCORE_HIGH[1], 5.0)
    else:
        score = max(_SCORE_LOW[0] * ratio + _SCORE_LOW[1], -5.0)
    high, low = _thresholds(thresholds, with_target=True)
    return _Growth(
        observed, required, ratio, score, _status_of(ratio, high, low), zero_replaced=zero
    )


def _score_no_target(value: float, scaling: float) -> float:
    """Return the published score of a growth rate without a target (piecewise linear)."""
    low, high, cap = (t * scaling for t in (_G_MODERATE, _G_SUBSTANTIAL, _G_CAP))
    if value <= -_G_CAP:
        return -5.0
    if value < 0:
        return -2.5 + 2.5 * value / _G_CAP
    if value < low:
        return -2.5 + 2.5 * value / low
    if value < high:
        return 2.5 * (value - low) / (high - low)
    if value < cap:
        return 2.5 + 2.5 * (value - high) / (cap - high)
    return 5.0


def growth_ratio(
    base_share: float,
    current_share: float,
    target_share: float | None,
    *,
    base_year: int,
    current_year: int,
    target_year: int | None = None,
    direction: Direction = "positive",
    limit: float | None = None,
    thresholds: Mapping[str, float] | None = None,
    rules: Rules = "published",
) -> tuple[float, float, str]:
    """Return the progress value, the score and the status of one series (Open SDG, StatCan).

    Parameters
    ----------
    base_share, current_share : float
        Values in [0, 1] at the base year and the current year.
    target_share : float or None
        The target; ``None`` for the method without a target (observed growth against fixed
        thresholds).
    base_year, current_year : int
        The times of the two values; ``base_year < current_year``.
    target_year : int, optional
        The time of the target (required with a target); ``base_year < target_year``.
    direction : {"positive", "negative"}, default "positive"
        ``"positive"``: higher is better (a share of women); ``"negative"``: lower is better (a gap
        to parity).
    limit : float, optional
        Without a target: a natural limit in the desired direction (a maximum for "positive", a
        minimum for "negative"), e.g. 0.5 for parity.
    thresholds : mapping, optional
        ``{"substantial": ..., "moderate": ...}`` instead of the published thresholds (0.95 and 0.6
        of the ratio with a target; 0.015 and 0.005 of the growth rate without).  The score keeps
        the published scale.
    rules : {"published", "legacy"}, default "published"
        ``"published"`` replaces a zero base or target by 0.001 and nothing else; ``"legacy"`` (the
        library before this option) also replaces a zero current value.

    Returns
    -------
    tuple of (float, float, str)
        The value (``R`` with a target, ``d·CAGR`` without), the score in [−5, 5] and the status.

    Raises
    ------
    ArgumentError
        For years out of order or an unknown option.

    Notes
    -----
    ``CAGR(v1, v0, t1, t0) = (v1 / v0) ** (1 / (t1 − t0)) − 1``, ``d = +1`` ("positive") or −1.

    **With a target** ``y_T``: "target achieved" (score 5) if ``d·(y_t − y_T) ≥ 0``.  Otherwise
    ``R = d·CAGR(y_t, y_0) / |CAGR(y_T, y_0)|``: ``R ≥ 0.95`` substantial progress,
    ``0.6 ≤ R < 0.95`` moderate progress, ``0 ≤ R < 0.6`` limited progress, ``R < 0``
    deterioration.  Score ``min(7.1429·R − 4.2857, 5)`` for ``R ≥ 0.6``, else
    ``max(4.1667·R − 2.5, −5)`` (−60 % scores −5, 60 % scores 0, 130 % scores 5).  When the base
    met the target exactly (required growth 0) and the value moved away, ``R`` is NaN, the status
    deterioration and the score −5.

    **Without a target**: ``v = d·CAGR``; thresholds ``1.5 %·C`` (substantial), ``0.5 %·C``
    (moderate) and 0; score piecewise linear through (−2 %, −5), (0, −2.5), (0.5 %·C, 0),
    (1.5 %·C, 2.5), (2 %·C, 5).  ``C = 1`` without a limit; with a maximum ``L``,
    ``C = 1 − (y_0/L)^4.44`` for ``0 ≤ y_0 < L`` and 0 at or past it; with a minimum ``L``
    (direction "negative") the library takes ``C = 1 − (L/y_0)^4.44`` (its reading of "the same
    factor at equal relative distances").  At the limit (``C = 0``) a series that holds
    (``v ≥ 0``) is "substantial progress" with score 5.

    **Zeros**: the published method replaces a zero base or target by 0.001, so a body at 0 → 0
    has ``CAGR = −1``: deterioration.  ``rules="legacy"`` replaces every zero (0 → 0 is then
    growth 0, "limited progress").

    Examples
    --------
    The worked example of Open SDG: 20 % in 2015, 26 % in 2021, target 35 % by 2030.

    >>> r, score, status = growth_ratio(0.20, 0.26, 0.35, base_year=2015, current_year=2021,
    ...                                 target_year=2030)
    >>> round(r, 2), round(score, 2), status
    (1.18, 4.11, 'substantial progress')

    Without a target, 1 %/yr growth is moderate progress (score 1.25):

    >>> v, score, status = growth_ratio(0.20, 0.202, None, base_year=2020, current_year=2021)
    >>> round(v, 4), round(score, 2), status
    (0.01, 1.25, 'moderate progress')
    """
    if not base_year < current_year:
        raise ArgumentError(
            f"Năm gốc phải trước năm hiện tại (base_year must come before current_year), got "
            f"{base_year}, {current_year}"
        )
    _check_option("direction", direction, DIRECTIONS)
    _check_option("rules", rules, RULES)
    if target_share is not None:
        if target_year is None:
            raise ArgumentError("Thiếu năm mục tiêu (a target needs target_year=).")
        if not base_year < target_year:
            raise ArgumentError(
                f"Năm gốc phải trước năm mục tiêu (base_year must come before target_year), got "
                f"{base_year}, {target_year}"
            )
    result = _growth(
        base_share,
        current_share,
        target_share,
        base_year=base_year,
        current_year=current_year,
        target_year=target_year,
        direction=direction,
        limit=limit,
        thresholds=thresholds,
        rules=rules,
    )
    return result.value, result.score, result.status


def _weights(n: int) -> np.ndarray:
    """Return the ESCAP-style weights of ``n`` points in time order: 1, 2, ..., n."""
    return np.arange(1, n + 1, dtype="float64")


def _weighted_fit(t: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Return ``(slope, intercept)`` of the weighted least-squares line through ``(t, y)``."""
    w = _weights(len(t))
    t_mean = float(np.sum(w * t) / np.sum(w))
    y_mean = float(np.sum(w * y) / np.sum(w))
    slope = float(np.sum(w * (t - t_mean) * (y - y_mean)) / np.sum(w * (t - t_mean) ** 2))
    return slope, y_mean - slope * t_mean


def _clip(value: float) -> float:
    return min(max(value, 0.0), 1.0) if not math.isnan(value) else value


@dataclass(frozen=True)
class _Result:
    value: float = math.nan
    score: float = math.nan
    status: str = INSUFFICIENT
    projected: float = math.nan
    growth: _Growth | None = None


@dataclass(frozen=True)
class _Options:
    """The options of the assessment that are the same for every series."""

    window: int = 3
    direction: str = "positive"
    limit: float | None = None
    thresholds: Mapping[str, float] | None = None
    rules: str = "published"
    judge_single: bool = True  # False when there is no real target (project without one)
    parity: bool = False  # assess the imbalance 50 % + |y − 50 %| (SDG 5.5.1 parity)
    strict: bool = False  # the target is "more than" its share (set from the goal)


def _assess_series(
    t: np.ndarray,
    y: np.ndarray,
    target: float | None,
    horizon: int | None,
    method: str,
    options: _Options,
) -> _Result:
    """Apply ``method`` to the points ``(t, y)`` (time order, at least two)."""
    t0, tt, y0, yt = int(t[0]), int(t[-1]), float(y[0]), float(y[-1])
    if method in ("growth_ratio", "growth_rate"):
        with_target = method == "growth_ratio"
        if with_target and (horizon is None or horizon <= t0):
            return _Result(status=INSUFFICIENT)
        growth = _growth(
            y0,
            yt,
            target if with_target else None,
            base_year=t0,
            current_year=tt,
            target_year=horizon if with_target else None,
            direction=options.direction,
            limit=options.limit,
            thresholds=options.thresholds,
            rules=options.rules,
            strict=options.strict,
        )
        start = yt if options.rules == "published" else (yt or _ZERO_REPLACEMENT)
        projected = _project_growth(start, growth.observed, tt, horizon)
        return _Result(growth.value, growth.score, growth.status, projected, growth)
    assert target is not None and horizon is not None
    if method == "escap":
        slope, intercept = _weighted_fit(t.astype("float64"), y.astype("float64"))
        estimate = intercept + slope * horizon
        gap = (target - estimate) / (target - y0) if target != y0 else math.nan
        if slope < 0:
            status = REVERSE
        elif _reached(estimate - target, options.strict):
            status = MAINTAIN
        else:
            status = ACCELERATE
        return _Result(value=gap, status=status, projected=_clip(estimate))
    # linear pace over the last `window` points
    first = max(0, len(t) - options.window)
    pace = (yt - float(y[first])) / (tt - int(t[first]))
    estimate = yt + pace * max(horizon - tt, 0)
    if _reached(yt - target, options.strict):
        return _Result(value=0.0, status=ACHIEVED, projected=_clip(estimate))
    if target == yt:  # exactly at a strict target ("trên 35%"): no distance left to measure
        ahead = ON_TRACK if _reached(estimate - target, True) else OFF_TRACK
        return _Result(status=WRONG_WAY if pace < 0 else ahead, projected=_clip(estimate))
    miss = (target - estimate) / (target - yt)
    if pace < 0:
        status = WRONG_WAY
    elif miss < _MISS_ON_TRACK - _EPS:
        status = ON_TRACK
    elif miss <= _MISS_SLIGHTLY + _EPS:
        status = SLIGHTLY_OFF
    else:
        status = OFF_TRACK
    return _Result(value=miss, status=status, projected=_clip(estimate))


def _project_growth(yt: float, rate: float, tt: int, horizon: int | None) -> float:
    if horizon is None:
        return math.nan
    return _clip(yt * (1 + rate) ** max(horizon - tt, 0))


# ---------------------------------------------------------------------------------------------
# assess_progress, project


_ASSESS_COLUMNS = [
    UNIT_ID, UNIT_NAME, LEVEL, BODY, "method", "base_term", "current_term", "n_points",
    "base_share", "current_share", TARGET_SHARE, TARGET_YEAR, TARGET_T, "value", "score", "status",
    "current_progress", "projected_share", "projected_status",
    "direction", "observed_growth", "required_growth", "limit", "scaling", "zero_replaced", "rules",
]  # fmt: skip
#: The calculation components of the growth methods, in the output of :func:`assess_progress`.
COMPONENTS: tuple[str, ...] = (
    "direction", "observed_growth", "required_growth", "limit", "scaling", "zero_replaced", "rules",
)  # fmt: skip


def assess_progress(
    counts: pd.DataFrame,
    *,
    target_share: Any = None,
    target_year: int | None = None,
    method: Method = "growth_ratio",
    base_term: str | None = None,
    current_term: str | None = None,
    units: pd.DataFrame | None = None,
    target: Any = None,
    target_time: TargetTime = "term",
    window: int = 3,
    direction: Direction = "positive",
    limit: Any = None,
    thresholds: Mapping[str, float] | None = None,
    rules: Rules = "published",
    parity: bool = False,
) -> pd.DataFrame:
    """Assess each unit's progress towards a target with a named, published method.

    Parameters
    ----------
    counts : pandas.DataFrame
        Counts with at least two terms per unit and body.
    target_share : str, Fraction or float
        The target as a share (``"0.35"``, ``"35%"``).  Or give ``target=``.
    target_year : int
        The year the target is due.  Or give ``target=``.
    method : {"growth_ratio", "growth_rate", "escap", "linear"}, default "growth_ratio"
        See Notes.  ``"growth_rate"`` is the published method without a target.
    base_term : str, optional
        The term to measure from (default: each series' first term with members); a series without it
        starts at its next term, as Open SDG does for a missing base year.
    current_term : str, optional
        The latest term to use (default: each series' last term); a series without it ends at its
        last term before.
    units : pandas.DataFrame, optional
        A units table with ``aliases`` for renamed and merged units.
    target : str or Target, optional
        A catalogue target instead of ``target_share`` and ``target_year``; series of bodies or
        levels it does not cover get the status "not applicable".
    target_time : {"term", "year"}, default "term"
        The horizon ``T``: the start of the body's term the target year judges, or the year itself.
    window : int, default 3
        For ``"linear"``: how many of the latest points give the average change per year.
    direction : {"positive", "negative"}, default "positive"
        For the growth methods: ``"negative"`` when lower is better (e.g. the gap to parity).
    limit : str, Fraction or float, optional
        For ``"growth_rate"``: a natural limit in the desired direction (``"50%"`` for parity).
    thresholds : mapping, optional
        For the growth methods: ``{"substantial": ..., "moderate": ...}`` instead of the published
        thresholds (see :func:`growth_ratio`).
    rules : {"published", "legacy"}, default "published"
        ``"published"`` (Open SDG 2.4): only a zero base or target is replaced by 0.001, and a
        series with one point that already meets the target is "target achieved".
        ``"legacy"``: the library's rules before this option: every zero is replaced (a body at
        0 → 0 is "limited progress" instead of "deterioration") and one point is always
        "insufficient data".
    parity : bool, default False
        For the growth methods: assess the imbalance instead of the share, as SDG 5.5.1 parity
        targets are: ``y' = 50 % + |y − 50 %|``, target 50 % (``target_share`` may be omitted;
        another value is an error), direction "negative", so too few and too many women count the
        same; ``growth_rate`` takes 50 % as its natural limit.  ``projected_share`` is then empty
        (a projected imbalance is not a share).

    Returns
    -------
    pandas.DataFrame
        One row per unit × body: ``unit_id``, ``unit_name``, ``level``, ``body``, ``method``,
        ``base_term``, ``current_term``, ``n_points``, ``base_share``, ``current_share``,
        ``target_share``, ``target_year``, ``target_t`` (the horizon ``T``), ``value`` (the method's
        indicator), ``score`` (growth_ratio only), ``status``, ``current_progress``
        (``(y_t − y_0)/(y_T − y_0)``, ESCAP's current status), ``projected_share`` (at ``T``, by the
        method's own model, clipped to [0, 1]) and ``projected_status`` (``met`` or ``below``).
        A series with fewer than two usable points has the status "insufficient data" (but see
        ``rules``).  The calculation components of the growth methods follow: ``direction``,
        ``observed_growth`` (CAGR from base to current), ``required_growth`` (CAGR from base to
        target), ``limit``, ``scaling`` (the factor ``C`` of a limit), ``zero_replaced`` (which
        values were replaced by 0.001) and ``rules``.  :func:`aggregate_progress` pools the scores.

    Notes
    -----
    With ``y_0`` the base share at ``t_0``, ``y_t`` the current share at ``t``, ``y_T`` the target at
    the horizon ``T``:

    ``growth_ratio`` (Statistics Canada / Open SDG 2.4): ``value`` is ``R``; statuses and score as in
    :func:`growth_ratio`; projection ``y_t·(1 + CAGR_obs)^(T − t)``.  A zero share is replaced by
    0.001, which makes the ratio huge for bodies that started with no women: prefer ``"linear"`` there.
    When the horizon is not after the base (a target due in the base term) the ratio is undefined and
    the status is "insufficient data".

    ``growth_rate`` (Open SDG, no target): ``value`` is ``d·CAGR`` from base to current, against
    the fixed thresholds 1.5 %/0.5 %/0 per year, shrunk near a natural ``limit``; the score and
    status as in :func:`growth_ratio`.  A target, if given, only sets the horizon of the
    projection.

    ``escap``: a line fitted by weighted least squares to the points from base to current, weight
    ``1 + position`` (1, 2, 3, ... oldest first), so recent terms count more; ``ŷ_T`` its value at
    ``T``.  ``value`` is the anticipated gap ``(y_T − ŷ_T)/(y_T − y_0)``.  Status: "reverse trend" if
    the fitted slope is negative, else "maintain progress" if ``ŷ_T ≥ y_T``, else "accelerate".
    (ESCAP's own weights and thresholds are in an annex not retrieved; these are the library's.)  With
    two points the line goes through both.

    ``linear`` (pace, "weather"): ``v = (y_t − y_s)/(t − t_s)`` points per year, ``s`` the first of the
    last ``window`` points; ``ŷ_T = y_t + v·(T − t)``.  ``value`` is the share of the remaining distance
    the projection misses, ``(y_T − ŷ_T)/(y_T − y_t)``.  Status: "target achieved" if ``y_t ≥ y_T``;
    "wrong direction" if ``v < 0``; "on track" if the miss is under 5 %; "slightly off track" from 5 %
    to 20 %; "off track" above 20 %.

    Examples
    --------
    >>> import pandas as pd
    >>> counts = pd.DataFrame({
    ...     "term": ["2015-2020", "2020-2025"], "unit_id": "A", "unit_name": "A", "level": "district",
    ...     "body": "party_committee", "total": [20, 20], "female": [2, 4]})
    >>> out = assess_progress(counts, target_share="0.25", target_year=2030, method="linear")
    >>> out[["base_share", "current_share", "projected_share", "status"]]
       base_share  current_share  projected_share    status
    0         0.1            0.2              0.3  on track
    """
    if method not in METHODS:
        raise ValueError(_METHOD_ERROR.format(method=method, methods=list(METHODS)))
    _check_target_time(target_time)
    options = _options(method, window, direction, limit, thresholds, rules, parity)
    if parity:
        if target_share is not None and _as_share(target_share) != Fraction(1, 2):
            raise ArgumentError(
                f"Mục tiêu cân bằng giới là 50% (a parity target is 50 %), got "
                f"target_share={target_share!r}. Hint: omit target_share with parity=True."
            )
        if target is None and target_year is not None:
            target_share = Fraction(1, 2)
    goal = _goal(target, target_share, target_year, "assess_progress")
    if parity and goal is not None:
        goal = dataclasses.replace(goal, share=Fraction(1, 2))
    if goal is None and method != "growth_rate":
        raise TargetError(_NO_TARGET_ERROR.format(func="assess_progress"))
    data = _prepare(counts, units)
    return _assess_all(
        data, goal, method, base_term, current_term, target_time, options, by=[BODY, UNIT_ID]
    )


def _options(
    method: str,
    window: int,
    direction: Any,
    limit: Any,
    thresholds: Mapping[str, float] | None,
    rules: Any,
    parity: bool = False,
) -> _Options:
    _check_option("direction", direction, DIRECTIONS)
    _check_option("rules", rules, RULES)
    growth = method in ("growth_ratio", "growth_rate")
    if not growth and (direction != "positive" or thresholds is not None):
        raise ArgumentError(
            f"direction= và thresholds= chỉ dùng cho phương pháp tăng trưởng (direction= and "
            f"thresholds= apply to the growth methods only). Got method={method!r}. Hint: use "
            "method='growth_ratio' or 'growth_rate'."
        )
    if limit is not None and method != "growth_rate":
        raise ArgumentError(
            f"limit= chỉ dùng khi không có mục tiêu (limit= applies to method='growth_rate' only). "
            f"Got method={method!r}."
        )
    _thresholds(thresholds, with_target=method == "growth_ratio")  # checks them
    limit_value = float(_as_share(limit)) if limit is not None else None
    if parity:
        if not growth:
            raise ArgumentError(
                f"parity=True chỉ dùng cho phương pháp tăng trưởng (parity applies to the growth "
                f"methods only). Got method={method!r}."
            )
        direction = "negative"
        if method == "growth_rate" and limit_value is None:
            limit_value = 0.5
    return _Options(window, direction, limit_value, thresholds, rules, parity=parity)


def _assess_all(
    data: pd.DataFrame,
    goal: _Goal | None,
    method: str,
    base_term: str | None,
    current_term: str | None,
    target_time: str,
    options: _Options,
    *,
    by: Sequence[str],
) -> pd.DataFrame:
    if goal is not None and goal.strict:
        options = dataclasses.replace(options, strict=True)
    base_start = term_bounds(base_term)[0] if base_term else None
    current_start = term_bounds(current_term)[0] if current_term else None
    rows = []
    for _, series in data.groupby(list(by), sort=True, observed=True, dropna=False):
        usable = series[series[TOTAL] > 0]
        if base_start is not None:
            usable = usable[usable[TERM_START] >= base_start]
        if current_start is not None:
            usable = usable[usable[TERM_START] <= current_start]
        last = series.iloc[-1]
        row: dict[str, Any] = {
            UNIT_ID: last[UNIT_ID] if UNIT_ID in series else pd.NA,
            UNIT_NAME: last[UNIT_NAME],
            LEVEL: last[LEVEL],
            BODY: last[BODY],
            "method": method,
            "n_points": len(usable),
            TARGET_SHARE: float(goal.share) if goal else math.nan,
            TARGET_YEAR: goal.year if goal else pd.NA,
        }
        if len(usable):
            first, final = usable.iloc[0], usable.iloc[-1]
            t = usable[TERM_START].to_numpy(dtype="int64")
            y = (usable[FEMALE] / usable[TOTAL]).to_numpy(dtype="float64")
            row.update(
                base_term=first[TERM],
                current_term=final[TERM],
                base_share=y[0],
                current_share=y[-1],
            )
        horizon = None
        if goal is not None:
            horizon = _horizon(goal.year, int(last[TERM_START]), int(last["_length"]), target_time)
        row[TARGET_T] = horizon if horizon is not None else pd.NA
        applies = goal is None or goal.applies(row[BODY], row[LEVEL])
        target_f = float(goal.share) if goal is not None else None
        if not applies:
            result = _Result(status=NOT_APPLICABLE)
        elif len(usable) < 2:
            result = _one_point(usable, target_f, method, options)
        else:
            y_used = 0.5 + np.abs(y - 0.5) if options.parity else y
            result = _assess_series(t, y_used, target_f, horizon, method, options)
        row.update(value=result.value, score=result.score, status=result.status)
        row["projected_share"] = math.nan if options.parity else result.projected
        if method in ("growth_ratio", "growth_rate"):
            row.update(direction=options.direction, limit=options.limit, rules=options.rules)
            if result.growth is not None:
                row.update(
                    observed_growth=result.growth.observed,
                    required_growth=result.growth.required,
                    scaling=result.growth.scaling,
                    zero_replaced=result.growth.zero_replaced,
                )
        if target_f is not None and applies and len(usable) >= 1:
            y0, yt = row["base_share"], row["current_share"]
            if len(usable) >= 2:
                row["current_progress"] = (
                    (yt - y0) / (target_f - y0) if target_f != y0 else math.nan
                )
            if not math.isnan(result.projected):
                met = _reached(result.projected - target_f, goal.strict)  # type: ignore[union-attr]
                row["projected_status"] = PROJECTED_MET if met else PROJECTED_BELOW
        rows.append(row)
    out = pd.DataFrame(rows, columns=_ASSESS_COLUMNS)
    floats = ["base_share", "current_share", TARGET_SHARE, "value", "score", "current_progress",
              "projected_share", "observed_growth", "required_growth", "limit",
              "scaling"]  # fmt: skip
    out = out.astype(dict.fromkeys(floats, "float64"))
    out = out.astype({"n_points": "int64", TARGET_YEAR: "Int64", TARGET_T: "Int64"})
    for column in ("base_term", "current_term", "status", "projected_status", "direction",
                   "zero_replaced", "rules"):  # fmt: skip
        out[column] = out[column].astype("str").where(out[column].notna())
    return out


def _one_point(
    usable: pd.DataFrame, target: float | None, method: str, options: _Options
) -> _Result:
    """Return the result of a series with fewer than two points.

    Under the published rules a single point that already meets the target is "target achieved"
    (score 5 for the growth-rate ratio); anything else is "insufficient data".
    """
    if len(usable) != 1 or target is None or options.rules != "published":
        return _Result(status=INSUFFICIENT)
    if not options.judge_single:
        return _Result(status=INSUFFICIENT)
    if method not in ("growth_ratio", "linear"):
        return _Result(status=INSUFFICIENT)
    share = float(usable[FEMALE].iloc[0] / usable[TOTAL].iloc[0])
    if options.parity:
        share = 0.5 + abs(share - 0.5)
    sign = 1 if options.direction == "positive" else -1
    if not _reached(sign * (share - target), options.strict):
        return _Result(status=INSUFFICIENT)
    score = 5.0 if method == "growth_ratio" else math.nan
    return _Result(score=score, status=ACHIEVED)


def aggregate_progress(
    assessment: pd.DataFrame,
    *,
    by: Sequence[str] | None = None,
    groups: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Aggregate series scores to an indicator status, as Open SDG does for SDG 5.5.1.

    Parameters
    ----------
    assessment : pandas.DataFrame
        The output of :func:`assess_progress` with a growth method (``score`` and ``status``).
    by : sequence of str, optional
        Columns that name the indicators (e.g. ``["level", "body"]``); by default all rows are one
        indicator.
    groups : sequence of str, optional
        Sub-indicator columns (e.g. ``["body"]``): the scores of each sub-indicator are averaged
        first and the indicator's score is the mean of those means, so every sub-indicator weighs
        the same whatever its number of series (Open SDG's sub-indicator grouping).

    Returns
    -------
    pandas.DataFrame
        One row per indicator: the ``by`` columns, ``n_series`` (rows), ``n_scored`` (rows with a
        score), ``n_achieved``, ``score`` (the mean of the series' scores) and ``status``.

    Raises
    ------
    ArgumentError
        If ``assessment`` lacks ``score``, ``status`` or a ``by`` column, or holds a method without
        scores.

    Notes
    -----
    The indicator's score is the mean of its series' scores (series without a score, e.g.
    "insufficient data", are left out; none left gives "insufficient data").  Status bands of the
    score: ``≥ 2.5`` substantial progress, ``[0, 2.5)`` moderate progress, ``[−2.5, 0)`` limited
    progress, ``< −2.5`` deterioration.  "target achieved" only if **every** scored series achieved
    its target (a series that did scores 5, but 5 alone is not enough).

    Examples
    --------
    >>> import pandas as pd
    >>> assessment = pd.DataFrame({"method": "growth_ratio", "score": [5.0, 1.0, float("nan")],
    ...     "status": ["target achieved", "moderate progress", "insufficient data"]})
    >>> aggregate_progress(assessment)[["n_series", "n_scored", "score", "status"]]
       n_series  n_scored  score             status
    0         3         2    3.0  substantial progress
    """
    by = list(by or [])
    if not isinstance(assessment, pd.DataFrame):
        kind = f"{type(assessment).__module__}.{type(assessment).__qualname__}"
        raise ArgumentError(
            f"aggregate_progress() cần bảng đánh giá (expected the pandas DataFrame of "
            f"assess_progress, got {kind})."
        )
    sub = list(groups or [])
    missing = [c for c in ("score", "status", *by, *sub) if c not in assessment.columns]
    if missing:
        raise ArgumentError(
            f"Thiếu cột (missing columns {missing}) in the assessment. Hint: pass the output of "
            "assess_progress(..., method='growth_ratio')."
        )
    if "method" in assessment.columns:
        other = sorted(set(assessment["method"].dropna()) - {"growth_ratio", "growth_rate"})
        if other:
            raise ArgumentError(
                f"Chỉ gộp được điểm của phương pháp tăng trưởng (only the growth methods have "
                f"scores). Got method {other}. Hint: method='growth_ratio' or 'growth_rate'."
            )
    rows = []
    parts = assessment.groupby(by, sort=True, dropna=False) if by else [((), assessment)]
    for key, part in parts:
        scores = part["score"].astype("float64")
        scored = part[scores.notna()]
        n_achieved = int((scored["status"] == ACHIEVED).sum())
        if sub and len(scored):
            mean = float(scored.groupby(sub, dropna=False)["score"].mean().mean())
        else:
            mean = float(scores.mean()) if len(scored) else math.nan
        if not len(scored):
            status = INSUFFICIENT
        elif n_achieved == len(scored):
            status = ACHIEVED
        elif mean >= _BAND_SUBSTANTIAL - _EPS:
            status = SUBSTANTIAL
        elif mean >= _BAND_MODERATE - _EPS:
            status = MODERATE
        elif mean >= _BAND_LIMITED - _EPS:
            status = LIMITED
        else:
            status = DETERIORATION
        values = key if isinstance(key, tuple) else (key,)
        row = dict(zip(by, values, strict=True))
        row.update(n_series=len(part), n_scored=len(scored), n_achieved=n_achieved, score=mean,
                   status=status)  # fmt: skip
        rows.append(row)
    columns = [*by, "n_series", "n_scored", "n_achieved", "score", "status"]
    return pd.DataFrame(rows, columns=columns).astype({"score": "float64"})


def project(
    counts: pd.DataFrame,
    *,
    target_year: int | None = None,
    method: Method = "linear",
    target_share: Any = None,
    target: Any = None,
    units: pd.DataFrame | None = None,
    pooled: bool = True,
    target_time: TargetTime = "term",
    window: int = 3,
) -> pd.DataFrame:
    """Project each unit's share to the target term, and the pooled share of each level.

    Parameters
    ----------
    counts : pandas.DataFrame
        Counts.
    target_year : int
        The year to project to (or take it from ``target``).
    method : {"linear", "growth_ratio", "growth_rate", "escap"}, default "linear"
        The model of the projection and of the status (see :func:`assess_progress`).
    target_share : str, Fraction or float, optional
        A target; without one (and without ``target``) only the projection is returned and
        ``status`` is empty.
    target : str or Target, optional
        A catalogue target.
    units : pandas.DataFrame, optional
        A units table with ``aliases``.
    pooled : bool, default True
        Also project the pooled series of each level and body.
    target_time : {"term", "year"}, default "term"
        As for :func:`assess_progress`.
    window : int, default 3
        As for :func:`assess_progress`.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`assess_progress` plus ``scope``: ``"unit"`` for a unit's series,
        ``"level"`` for the pooled series of a level and body (``unit_id`` missing, ``unit_name`` the
        level's Vietnamese label).

    Notes
    -----
    A pooled series adds up ``total`` and ``female`` over the units of the level in each term, then
    takes the share: it is never a mean of shares.  Units that appear or disappear between terms
    change what is pooled; merged units are first moved to their current id (see the module notes).

    Examples
    --------
    >>> import pandas as pd
    >>> counts = pd.DataFrame({
    ...     "term": ["2015-2020", "2020-2025"] * 2, "unit_id": ["A", "A", "B", "B"],
    ...     "unit_name": ["A", "A", "B", "B"], "level": "district", "body": "party_committee",
    ...     "total": [10, 10, 30, 30], "female": [0, 2, 3, 6]})
    >>> out = project(counts, target_year=2030)
    >>> out[["scope", "unit_id", "current_share", "projected_share"]]
       scope unit_id  current_share  projected_share
    0   unit       A            0.2            0.400
    1   unit       B            0.2            0.300
    2  level     NaN            0.2            0.325
    """
    if method not in METHODS:
        raise ValueError(_METHOD_ERROR.format(method=method, methods=list(METHODS)))
    _check_target_time(target_time)
    if target is None and target_share is None:
        if target_year is None:
            raise TargetError("project() needs target_year= (or target=).")
        goal = None
        year = _as_year(target_year)
    else:
        goal = _goal(target, target_share, target_year, "project")
        assert goal is not None
        year = goal.year
    data = _prepare(counts, units)
    # Without a target, project to the year's term with a dummy goal (share unused).
    horizon_goal = goal or _Goal(Fraction(0), year)
    options = _Options(window=window, judge_single=goal is not None)
    unit_rows = _assess_all(
        data, horizon_goal, method, None, None, target_time, options, by=[BODY, UNIT_ID]
    )
    frames = [unit_rows.assign(scope="unit")]
    if pooled:
        pool = data.groupby([LEVEL, BODY, TERM], sort=True, observed=True).agg(
            **{
                TOTAL: (TOTAL, "sum"),
                FEMALE: (FEMALE, "sum"),
                N_POOLED: (N_POOLED, "sum"),
                TERM_START: (TERM_START, "first"),
                "_length": ("_length", "first"),
            }
        )
        pool = pool.reset_index().sort_values([LEVEL, BODY, TERM_START], kind="stable")
        pool[UNIT_NAME] = [level_label(v) for v in pool[LEVEL]]
        level_rows = _assess_all(
            pool, horizon_goal, method, None, None, target_time, options, by=[LEVEL, BODY]
        )
        frames.append(level_rows.assign(scope="level"))
    out = pd.concat(frames, ignore_index=True)
    if goal is None:
        out[TARGET_SHARE] = math.nan
        for column in ("value", "score", "current_progress"):
            out[column] = math.nan
        out["status"] = out["status"].where(out["status"] == INSUFFICIENT)
        out["projected_status"] = pd.Series(pd.NA, index=out.index, dtype="str")
    out[UNIT_ID] = out[UNIT_ID].astype("str").where(out[UNIT_ID].notna())
    return out[["scope", *_ASSESS_COLUMNS]]
