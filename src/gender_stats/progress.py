"""Progress across terms: trends, published progress-assessment methods and projections.

Party committees and elected bodies are counted once per term, so a unit has two to four points.
Every series here is **one unit × one body**: party committees (2015-2020, 2020-2025, ...) and
People's Councils (2016-2021, 2021-2026, ...) are never mixed.  Time is the **start year** of a term.

- :func:`trend`: the share in each term, the change in points, and the pace (points per term) still
  needed to reach a target by its term.
- :func:`assess_progress`: a status from a named, published method:

  ``"growth_ratio"``
      the growth-rate ratio of Statistics Canada / Open SDG (Eurostat-inspired), with its thresholds,
      statuses and −5..+5 score;
  ``"escap"``
      ESCAP-style current status and anticipated progress from a time-weighted linear fit;
  ``"linear"``
      linear pace (the "weather" method of the German Sustainable Development Strategy), which also
      works for bodies that started with no women.

- :func:`project`: each unit's projected share at the target term, and the same for pooled series by
  level (counts added up per term first, never a mean of shares).

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

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from gender_stats._text import name_key
from gender_stats.errors import DataError, Problem, TargetError
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
    "METHODS",
    "STATUSES",
    "assess_progress",
    "growth_ratio",
    "project",
    "trend",
]

Method = Literal["growth_ratio", "escap", "linear"]
TargetTime = Literal["term", "year"]
#: The progress methods, by name.
METHODS: tuple[str, ...] = ("growth_ratio", "escap", "linear")

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
    return _Goal(share, _as_year(year), tuple(chosen.bodies), tuple(chosen.levels))


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
    elif rec[FEMALE] * goal.share.denominator >= goal.share.numerator * rec[TOTAL]:
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


def growth_ratio(
    base_share: float,
    current_share: float,
    target_share: float,
    *,
    base_year: int,
    current_year: int,
    target_year: int,
) -> tuple[float, float, str]:
    """Return the growth-rate ratio ``R``, the score and the status of one series (Open SDG).

    Parameters
    ----------
    base_share, current_share, target_share : float
        Shares in [0, 1] at the base year, the current year and the target.
    base_year, current_year, target_year : int
        The times of the three values; ``base_year < current_year`` and ``base_year < target_year``.

    Returns
    -------
    tuple of (float, float, str)
        ``R``, the score in [−5, 5] and the status.

    Notes
    -----
    ``CAGR(v1, v0, t1, t0) = (v1 / v0) ** (1 / (t1 − t0)) − 1``; a value of 0 is replaced by 0.001.
    If the current share meets the target the status is "target achieved" and the score 5.  Otherwise
    ``R = CAGR(current, base) / |CAGR(target, base)|``: ``R ≥ 0.95`` substantial progress,
    ``0.6 ≤ R < 0.95`` moderate progress, ``0 ≤ R < 0.6`` limited progress, ``R < 0`` deterioration.
    Score: ``min(7.1429·R − 4.2857, 5)`` for ``R ≥ 0.6``, else ``max(4.1667·R − 2.5, −5)``
    (60 % of the required pace scores 0, 130 % scores 5).  When the base already met the target
    (required growth 0) and the share fell, ``R`` is NaN, the status deterioration and the score −5.

    Examples
    --------
    The worked example of Open SDG: 20 % in 2015, 26 % in 2021, target 35 % by 2030.

    >>> r, score, status = growth_ratio(0.20, 0.26, 0.35, base_year=2015, current_year=2021,
    ...                                 target_year=2030)
    >>> round(r, 2), round(score, 2), status
    (1.18, 4.11, 'substantial progress')
    """
    if not base_year < current_year:
        raise ValueError(
            f"base_year must come before current_year, got {base_year}, {current_year}"
        )
    if not base_year < target_year:
        raise ValueError(f"base_year must come before target_year, got {base_year}, {target_year}")
    y0, yt, y_target = (
        v if v != 0 else _ZERO_REPLACEMENT for v in (base_share, current_share, target_share)
    )
    observed = (yt / y0) ** (1 / (current_year - base_year)) - 1
    required = (y_target / y0) ** (1 / (target_year - base_year)) - 1
    ratio = observed / abs(required) if required != 0 else math.nan
    if current_share >= target_share - _EPS:
        return ratio, 5.0, ACHIEVED
    if math.isnan(ratio):
        return ratio, -5.0, DETERIORATION
    if ratio >= _R_MODERATE:
        score = min(_SCORE_HIGH[0] * ratio + _SCORE_HIGH[1], 5.0)
    else:
        score = max(_SCORE_LOW[0] * ratio + _SCORE_LOW[1], -5.0)
    if ratio >= _R_SUBSTANTIAL:
        status = SUBSTANTIAL
    elif ratio >= _R_MODERATE:
        status = MODERATE
    elif ratio >= 0:
        status = LIMITED
    else:
        status = DETERIORATION
    return ratio, score, status


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


def _assess_series(
    t: np.ndarray,
    y: np.ndarray,
    target: float,
    horizon: int,
    method: str,
    window: int,
) -> _Result:
    """Apply ``method`` to the points ``(t, y)`` (time order, at least two)."""
    t0, tt, y0, yt = int(t[0]), int(t[-1]), float(y[0]), float(y[-1])
    if method == "growth_ratio":
        if horizon <= t0:
            return _Result(status=INSUFFICIENT)
        ratio, score, status = growth_ratio(
            y0, yt, target, base_year=t0, current_year=tt, target_year=horizon
        )
        observed = ((yt or _ZERO_REPLACEMENT) / (y0 or _ZERO_REPLACEMENT)) ** (1 / (tt - t0)) - 1
        return _Result(ratio, score, status, _project_growth(yt, observed, tt, horizon))
    if method == "escap":
        slope, intercept = _weighted_fit(t.astype("float64"), y.astype("float64"))
        estimate = intercept + slope * horizon
        gap = (target - estimate) / (target - y0) if target != y0 else math.nan
        if slope < 0:
            status = REVERSE
        elif estimate >= target - _EPS:
            status = MAINTAIN
        else:
            status = ACCELERATE
        return _Result(value=gap, status=status, projected=_clip(estimate))
    # linear pace over the last `window` points
    first = max(0, len(t) - window)
    pace = (yt - float(y[first])) / (tt - int(t[first]))
    estimate = yt + pace * max(horizon - tt, 0)
    if yt >= target - _EPS:
        return _Result(value=0.0, status=ACHIEVED, projected=_clip(estimate))
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


def _project_growth(yt: float, rate: float, tt: int, horizon: int) -> float:
    return _clip((yt or _ZERO_REPLACEMENT) * (1 + rate) ** max(horizon - tt, 0))


# ---------------------------------------------------------------------------------------------
# assess_progress, project


_ASSESS_COLUMNS = [
    UNIT_ID, UNIT_NAME, LEVEL, BODY, "method", "base_term", "current_term", "n_points",
    "base_share", "current_share", TARGET_SHARE, TARGET_YEAR, TARGET_T, "value", "score", "status",
    "current_progress", "projected_share", "projected_status",
]  # fmt: skip


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
    method : {"growth_ratio", "escap", "linear"}, default "growth_ratio"
        See Notes.
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

    Returns
    -------
    pandas.DataFrame
        One row per unit × body: ``unit_id``, ``unit_name``, ``level``, ``body``, ``method``,
        ``base_term``, ``current_term``, ``n_points``, ``base_share``, ``current_share``,
        ``target_share``, ``target_year``, ``target_t`` (the horizon ``T``), ``value`` (the method's
        indicator), ``score`` (growth_ratio only), ``status``, ``current_progress``
        (``(y_t − y_0)/(y_T − y_0)``, ESCAP's current status), ``projected_share`` (at ``T``, by the
        method's own model, clipped to [0, 1]) and ``projected_status`` (``met`` or ``below``).
        A series with fewer than two usable points has the status "insufficient data".

    Notes
    -----
    With ``y_0`` the base share at ``t_0``, ``y_t`` the current share at ``t``, ``y_T`` the target at
    the horizon ``T``:

    ``growth_ratio`` (Statistics Canada / Open SDG 2.4): ``value`` is ``R``; statuses and score as in
    :func:`growth_ratio`; projection ``y_t·(1 + CAGR_obs)^(T − t)``.  A zero share is replaced by
    0.001, which makes the ratio huge for bodies that started with no women: prefer ``"linear"`` there.
    When the horizon is not after the base (a target due in the base term) the ratio is undefined and
    the status is "insufficient data".

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
    goal = _goal(target, target_share, target_year, "assess_progress")
    if goal is None:
        raise TargetError(_NO_TARGET_ERROR.format(func="assess_progress"))
    data = _prepare(counts, units)
    return _assess_all(
        data, goal, method, base_term, current_term, target_time, window, by=[BODY, UNIT_ID]
    )


def _assess_all(
    data: pd.DataFrame,
    goal: _Goal | None,
    method: str,
    base_term: str | None,
    current_term: str | None,
    target_time: str,
    window: int,
    *,
    by: Sequence[str],
) -> pd.DataFrame:
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
        if not applies:
            result = _Result(status=NOT_APPLICABLE)
        elif len(usable) < 2:
            result = _Result(status=INSUFFICIENT)
        else:
            assert goal is not None and horizon is not None
            result = _assess_series(t, y, float(goal.share), horizon, method, window)
        row.update(value=result.value, score=result.score, status=result.status)
        row["projected_share"] = result.projected
        if goal is not None and applies and len(usable) >= 1:
            y0, yt, target_f = row["base_share"], row["current_share"], float(goal.share)
            row["current_progress"] = (yt - y0) / (target_f - y0) if target_f != y0 else math.nan
            if not math.isnan(result.projected):
                met = result.projected >= target_f - _EPS
                row["projected_status"] = PROJECTED_MET if met else PROJECTED_BELOW
        rows.append(row)
    out = pd.DataFrame(rows, columns=_ASSESS_COLUMNS)
    floats = ["base_share", "current_share", TARGET_SHARE, "value", "score", "current_progress",
              "projected_share"]  # fmt: skip
    out = out.astype(dict.fromkeys(floats, "float64"))
    out = out.astype({"n_points": "int64", TARGET_YEAR: "Int64", TARGET_T: "Int64"})
    for column in ("base_term", "current_term", "status", "projected_status"):
        out[column] = out[column].astype("str").where(out[column].notna())
    return out


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
    method : {"linear", "growth_ratio", "escap"}, default "linear"
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
    unit_rows = _assess_all(
        data, horizon_goal, method, None, None, target_time, window, by=[BODY, UNIT_ID]
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
            pool, horizon_goal, method, None, None, target_time, window, by=[LEVEL, BODY]
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
