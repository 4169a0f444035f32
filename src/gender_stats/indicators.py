"""Indicators: women's shares, pooled shares and the share of units that have a woman leader.

Every function takes a counts frame (see :mod:`gender_stats.schema`) and returns a new, tidy frame;
inputs are never changed.  Counts are taken in as :func:`gender_stats.check` takes them, through
:func:`gender_stats.compliance.require_whole_counts`: counts held as text (``"20"``, as
``pd.read_csv(dtype=str)`` gives) or categoricals are read as whole numbers, term labels are made
canonical (``2015 – 2020`` is ``2015-2020``), and a term × unit × body given twice is refused.  Aggregates are **pooled**: numerators and denominators are added up over
units first, and the share is taken last (the SDG 5.5.1 rule), never a mean of percentages.  Shares
are floats for display and charts; the numerator and the denominator are always kept beside them so
that exact arithmetic (:class:`fractions.Fraction`) stays possible downstream.

Examples
--------
>>> import pandas as pd
>>> counts = pd.DataFrame({
...     "term": ["2015-2020"] * 3, "unit_id": ["A", "B", "C"], "unit_name": ["A", "B", "C"],
...     "level": ["district"] * 3, "body": ["party_committee"] * 3,
...     "total": [40, 10, 0], "female": [4, 5, 0]})
>>> shares(counts)["share"].tolist()
[0.1, 0.5, nan]
>>> pooled_share(counts)[["female", "total", "share"]]
   female  total  share
0       9     50   0.18
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd

from gender_stats.compliance import NUMERATOR, RULE, STATUS, TARGET_ID, require_whole_counts
from gender_stats.counting import counts_frame
from gender_stats.errors import ArgumentError, require_frame
from gender_stats.schema import (
    BODY,
    FEMALE,
    LEVEL,
    SHARE,
    TERM,
    TOTAL,
    UNIT_ID,
    UNIT_NAME,
)
from gender_stats.vocab import BODIES, normalise_term, term_bounds

__all__ = [
    "CHANGE_PP",
    "MATRIX_VALUES",
    "N_UNITS",
    "N_UNITS_WITH_WOMAN",
    "PREVIOUS_TERM",
    "SHARE_PREVIOUS",
    "change",
    "pooled_share",
    "shares",
    "term_changes",
    "unit_body_matrix",
    "units_with_woman",
]

#: How many units (counts rows) were pooled into a group.
N_UNITS = "n_units"
#: How many of them have at least one woman in the body.
N_UNITS_WITH_WOMAN = "n_units_with_woman"
#: Change of the share in percentage points.
CHANGE_PP = "change_pp"
#: The term a change is measured from.
PREVIOUS_TERM = "previous_term"
#: The share in that term.
SHARE_PREVIOUS = "share_previous"


def _require(frame: pd.DataFrame, columns: Sequence[str], func: str) -> None:
    require_frame(frame, columns, func, "pass a counts frame (see gender_stats.schema)")


def _share(female: pd.Series, total: pd.Series) -> pd.Series:
    """Return ``female / total`` as float, NaN where ``total`` is 0 or missing."""
    f = pd.to_numeric(female).astype("float64")
    t = pd.to_numeric(total).astype("float64")
    return f.div(t.where(t > 0))


def _exact_points(f_from: object, t_from: object, f_to: object, t_to: object) -> Fraction | None:
    """Return the exact change in percentage points between two shares given as counts."""
    values = (f_from, t_from, f_to, t_to)
    if any(pd.isna(v) for v in values):  # type: ignore[call-overload]
        return None
    a, b, c, d = (int(v) for v in values)  # type: ignore[call-overload]
    if b == 0 or d == 0:
        return None
    return (Fraction(c, d) - Fraction(a, b)) * 100


def _points(f_from: object, t_from: object, f_to: object, t_to: object) -> float:
    """Return the change in percentage points, computed exactly and rounded once to float."""
    exact = _exact_points(f_from, t_from, f_to, t_to)
    return float("nan") if exact is None else float(exact)


def shares(counts: pd.DataFrame, *, by: Sequence[str] | None = None) -> pd.DataFrame:
    """Add women's share to counts, per row or pooled over groups.

    Parameters
    ----------
    counts : pandas.DataFrame
        Counts with ``total`` and ``female``.
    by : sequence of str, optional
        Without it, every row gets its own ``share``.  With it, counts are first summed within each
        group (``total``, ``female`` and ``n_units``, the number of rows pooled) and the share is
        taken from the sums.

    Returns
    -------
    pandas.DataFrame
        A new frame with a float column ``share``.

    Notes
    -----
    ``share = female / total``; NaN when ``total == 0`` (or a count is missing).  Pooled:
    ``share = Σ female / Σ total``.

    Raises
    ------
    gender_stats.errors.DataError
        If a count is not a whole number ≥ 0 or ``female`` exceeds ``total`` (every such cell
        named), and, pooled, if a count is missing (the sum would drop the unit's women and keep
        its members) or a term × unit × body is given twice (it would be counted twice).

    Examples
    --------
    >>> import pandas as pd
    >>> counts = pd.DataFrame({"level": ["district", "district", "agency"],
    ...                        "total": [9, 41, 10], "female": [3, 2, 0]})
    >>> shares(counts, by=["level"])
          level  total  female  n_units  share
    0    agency     10       0        1    0.0
    1  district     50       5        2    0.1
    """
    counts = counts_frame(counts)
    _require(counts, (TOTAL, FEMALE), "shares")
    pooled = by is not None
    counts = require_whole_counts(counts, (FEMALE,), pooled=pooled, unique=pooled)
    if by is None:
        return counts.assign(**{SHARE: _share(counts[FEMALE], counts[TOTAL])})
    by = list(by)
    _require(counts, by, "shares")
    grouped = counts.groupby(by, sort=True, observed=True, dropna=False)
    out = grouped[[TOTAL, FEMALE]].sum()
    out[N_UNITS] = grouped.size()
    out = out.reset_index()
    return out.assign(**{SHARE: _share(out[FEMALE], out[TOTAL])})


def pooled_share(counts: pd.DataFrame, *, by: Sequence[str] = (TERM, LEVEL, BODY)) -> pd.DataFrame:
    """Return the pooled share of women per group (SDG 5.5.1(b) style).

    Parameters
    ----------
    counts : pandas.DataFrame
        Counts (see :mod:`gender_stats.schema`), e.g. People's Council deputies of every commune.
    by : sequence of str, default ``("term", "level", "body")``
        The groups; ``("term", "body")`` pools the whole province.

    Returns
    -------
    pandas.DataFrame
        One row per group: the ``by`` columns, ``female`` (numerator), ``total`` (denominator),
        ``n_units`` and ``share``.

    Raises
    ------
    gender_stats.errors.DataError
        As :func:`shares` pooled: a count that is not a whole number ≥ 0, missing or above
        ``total``, or a term × unit × body given twice.

    Notes
    -----
    ``share = Σ female / Σ total`` over the units of the group: women among all deputies, as GSO
    and SDG 5.5.1(b) define it.  It is not the mean of the units' shares: a council of 9 with 3 women
    (33 %) and one of 41 with 2 women (5 %) pool to 5 / 50 = 10 %, while their mean is 19 %.

    Examples
    --------
    >>> import pandas as pd
    >>> counts = pd.DataFrame({
    ...     "term": ["2016-2021"] * 2, "unit_id": ["X1", "X2"], "unit_name": ["Xã 1", "Xã 2"],
    ...     "level": ["commune"] * 2, "body": ["peoples_council"] * 2,
    ...     "total": [9, 41], "female": [3, 2]})
    >>> pooled_share(counts)[["level", "female", "total", "share"]]
         level  female  total  share
    0  commune       5     50    0.1
    """
    out = shares(counts, by=by)
    return out[[*by, FEMALE, TOTAL, N_UNITS, SHARE]]


def units_with_woman(
    counts: pd.DataFrame,
    *,
    body: str | None = "key_posts",
    by: Sequence[str] = (TERM, LEVEL),
) -> pd.DataFrame:
    """Return the share of units that have at least one woman in a body (counts units, not persons).

    This is the GSO/MOHA indicator "share of agencies and local governments that have a female key
    leader" (Strategy 28/NQ-CP: 60 % by 2025, 75 % by 2030).

    Parameters
    ----------
    counts : pandas.DataFrame
        Counts (see :mod:`gender_stats.schema`).
    body : str or None, default ``"key_posts"``
        The body whose members are looked at; ``None`` keeps every body and groups by it.
    by : sequence of str, default ``("term", "level")``
        The groups of units.

    Returns
    -------
    pandas.DataFrame
        One row per group: the ``by`` columns (and ``body``), ``n_units_with_woman`` (numerator),
        ``n_units`` (denominator) and ``share``.

    Raises
    ------
    gender_stats.errors.DataError
        If a count of the body is not a whole number ≥ 0, is missing (no unit is "without a
        woman" whose women are unknown) or above ``total``, or a unit is given twice in a term.

    Notes
    -----
    ``share = #{units with female ≥ 1} / #{units}``.  A unit listed with no members (``total == 0``)
    counts in the denominator: it has no female leader.

    Examples
    --------
    >>> import pandas as pd
    >>> counts = pd.DataFrame({
    ...     "term": ["2021-2026"] * 4, "unit_id": list("ABCD"), "unit_name": list("ABCD"),
    ...     "level": ["commune"] * 4, "body": ["key_posts"] * 4,
    ...     "total": [4, 4, 5, 4], "female": [1, 0, 2, 0]})
    >>> units_with_woman(counts)
            term    level  n_units_with_woman  n_units  share
    0  2021-2026  commune                   2        4    0.5
    """
    counts = counts_frame(counts)
    _require(counts, (TOTAL, FEMALE, BODY, *by), "units_with_woman")
    groups = list(by)
    if body is None:
        frame = counts
        if BODY not in groups:
            groups.append(BODY)
    else:
        frame = counts[counts[BODY] == body]
    # unknown women: no unit "without one"; a unit given twice is not two units
    frame = require_whole_counts(frame, (FEMALE,), pooled=True, unique=True)
    has = pd.DataFrame(
        {c: frame[c].to_numpy() for c in groups}
        | {
            N_UNITS_WITH_WOMAN: (frame[FEMALE] > 0).to_numpy(np.int64),
            N_UNITS: np.ones(len(frame), dtype=np.int64),
        }
    )
    out = has.groupby(groups, sort=True, observed=True, dropna=False).sum().reset_index()
    return out.assign(**{SHARE: _share(out[N_UNITS_WITH_WOMAN], out[N_UNITS])})


def change(
    counts: pd.DataFrame,
    *,
    from_term: str,
    to_term: str,
    by: Sequence[str] = (UNIT_ID, BODY),
) -> pd.DataFrame:
    """Compare two terms of the same body, unit by unit, in percentage points.

    Party terms (2015-2020) and People's Council terms (2016-2021) belong to different bodies, so
    rows are aligned on ``unit_id`` × ``body`` and never across bodies.

    Parameters
    ----------
    counts : pandas.DataFrame
        Counts covering both terms.
    from_term, to_term : str
        The earlier and the later term, e.g. ``"2015-2020"`` and ``"2020-2025"``.
    by : sequence of str, default ``("unit_id", "body")``
        The key that aligns the two terms.

    Returns
    -------
    pandas.DataFrame
        One row per key present in either term: the key, ``unit_name`` and ``level`` (from the later
        term when present), ``total_from``, ``female_from``, ``share_from``, ``total_to``,
        ``female_to``, ``share_to`` and ``change_pp`` (NaN when a term is missing or empty).

    Raises
    ------
    gender_stats.errors.DataError
        If a count is not a whole number ≥ 0 or above ``total``, or two rows of one term share
        the key (term × ``by``): a unit would be compared twice.

    Notes
    -----
    ``change_pp = 100 · (female_to / total_to − female_from / total_from)``, computed exactly on
    fractions and rounded once to float.

    Examples
    --------
    >>> import pandas as pd
    >>> counts = pd.DataFrame({
    ...     "term": ["2015-2020", "2020-2025"], "unit_id": ["A", "A"], "unit_name": ["A", "A"],
    ...     "level": ["district"] * 2, "body": ["party_committee"] * 2,
    ...     "total": [40, 45], "female": [4, 9]})
    >>> change(counts, from_term="2015-2020", to_term="2020-2025")[
    ...     ["unit_id", "share_from", "share_to", "change_pp"]]
      unit_id  share_from  share_to  change_pp
    0       A         0.1       0.2       10.0
    """
    by = list(by)
    counts = counts_frame(counts)
    _require(counts, (TERM, TOTAL, FEMALE, *by), "change")
    counts = require_whole_counts(counts, (FEMALE,), pooled=False, unique=(TERM, *by))
    from_term, to_term = normalise_term(from_term), normalise_term(to_term)
    if term_bounds(from_term) >= term_bounds(to_term):
        raise ValueError(
            f"change() needs from_term before to_term; got from_term={from_term!r}, "
            f"to_term={to_term!r}."
        )
    extra = [c for c in (UNIT_NAME, LEVEL) if c in counts.columns and c not in by]
    keep = [*by, *extra, TOTAL, FEMALE]
    left = counts.loc[counts[TERM] == from_term, keep]
    right = counts.loc[counts[TERM] == to_term, keep]
    merged = left.merge(right, on=by, how="outer", suffixes=("_from", "_to"), sort=False)
    out = merged[by].copy()
    for col in extra:
        out[col] = merged[f"{col}_to"].fillna(merged[f"{col}_from"])
    for side in ("from", "to"):
        out[f"total_{side}"] = merged[f"{TOTAL}_{side}"].astype("Int64")
        out[f"female_{side}"] = merged[f"{FEMALE}_{side}"].astype("Int64")
        out[f"share_{side}"] = _share(out[f"female_{side}"], out[f"total_{side}"]).astype("float64")
    out[CHANGE_PP] = [
        _points(a, b, c, d)
        for a, b, c, d in zip(
            out["female_from"], out["total_from"], out["female_to"], out["total_to"], strict=True
        )
    ]
    return out.reset_index(drop=True)


def term_changes(
    counts: pd.DataFrame, *, by: Sequence[str] = (UNIT_ID, BODY), exact: bool = False
) -> pd.DataFrame:
    """Return the share per term and its change since the previous term of the same body.

    This is the one computation of "the change since the previous term": the terms table, the
    change chart (:func:`gender_stats.plot_change`) and the report take it from here.

    Parameters
    ----------
    counts : pandas.DataFrame
        Counts over several terms.
    by : sequence of str, default ``("unit_id", "body")``
        What identifies one series across terms.  ``body`` must stay in it: party and council terms
        are never mixed.
    exact : bool, default False
        Give ``change_pp`` as :class:`fractions.Fraction` (``None`` where there is no change)
        instead of a float, e.g. to round it for publication.

    Returns
    -------
    pandas.DataFrame
        The counts rows sorted by ``by`` and term, with ``share``, ``previous_term`` (missing for the
        first term of a series), ``share_previous`` (the share in that term) and ``change_pp``
        (points since the previous term, ``100 · (female / total − female_prev / total_prev)``
        computed on fractions; NaN when a term has no members).

    Examples
    --------
    >>> import pandas as pd
    >>> counts = pd.DataFrame({
    ...     "term": ["2020-2025", "2015-2020", "2016-2021"], "unit_id": ["A"] * 3,
    ...     "unit_name": ["A"] * 3, "level": ["district"] * 3,
    ...     "body": ["party_committee", "party_committee", "peoples_council"],
    ...     "total": [45, 40, 50], "female": [9, 4, 15]})
    >>> term_changes(counts)[["term", "body", "share", "previous_term", "change_pp"]]
            term             body  share previous_term  change_pp
    0  2015-2020  party_committee    0.1           NaN        NaN
    1  2020-2025  party_committee    0.2     2015-2020       10.0
    2  2016-2021  peoples_council    0.3           NaN        NaN
    >>> term_changes(counts.assign(female=[7, 4, 15]), exact=True)["change_pp"].tolist()
    [None, Fraction(50, 9), None]
    """
    by = list(by)
    counts = counts_frame(counts)
    _require(counts, (TERM, TOTAL, FEMALE, *by), "term_changes")
    counts = require_whole_counts(counts, (FEMALE,), pooled=False, unique=(TERM, *by))
    start = counts[TERM].map(lambda t: term_bounds(str(t)))
    order = (
        counts.assign(_start=start)
        .sort_values([*by, "_start"], kind="stable")
        .drop(columns="_start")
        .reset_index(drop=True)
    )
    order = order.assign(**{SHARE: _share(order[FEMALE], order[TOTAL])})
    grouped = order.groupby(by, sort=False, observed=True, dropna=False)
    prev_term = grouped[TERM].shift(1)
    prev_f = grouped[FEMALE].shift(1)
    prev_t = grouped[TOTAL].shift(1)
    exact_points = [
        _exact_points(a, b, c, d)
        for a, b, c, d in zip(prev_f, prev_t, order[FEMALE], order[TOTAL], strict=True)
    ]
    points: Any = (
        pd.Series(exact_points, index=order.index, dtype="object")
        if exact
        else pd.Series(
            [float("nan") if p is None else float(p) for p in exact_points],
            index=order.index,
            dtype="float64",
        )
    )
    return order.assign(
        **{
            PREVIOUS_TERM: prev_term,
            SHARE_PREVIOUS: _share(prev_f, prev_t).astype("float64"),
            CHANGE_PP: points,
        }
    )


# ---------------------------------------------------------------------------------------------
# charts: what plot_heatmap draws (added with the charts work, issue 14.4)

#: What the cells of :func:`unit_body_matrix` hold.
MATRIX_VALUES: tuple[str, ...] = (SHARE, STATUS)


def _ordered_codes(codes: Sequence[str], known: Sequence[str]) -> list[str]:
    """Return the distinct ``codes``: the ``known`` ones in that order, then the others as met."""
    present = list(dict.fromkeys(codes))
    return [c for c in known if c in present] + [c for c in present if c not in known]


def unit_body_matrix(compliance: pd.DataFrame, *, value: str = SHARE) -> pd.DataFrame:
    """Return units × bodies as a matrix of women's share or compliance status.

    This is the matrix :func:`gender_stats.plot_heatmap` draws.  Rows are units in the order they
    first appear; columns are bodies in the order of :data:`gender_stats.vocab.BODIES` (others
    after them, as met).  With ``value="status"`` a body judged against several targets gets one
    column per target, in the order the targets appear.

    Parameters
    ----------
    compliance : pandas.DataFrame
        The compliance frame (:func:`gender_stats.check`) of one term: ``unit_id``,
        ``unit_name``, ``body``, ``share``, ``status`` and usually ``target_id``, ``rule`` and
        ``numerator``; not changed.
    value : {"share", "status"}, default "share"
        ``"share"``: the share of the body's row (a row judging women, ``numerator == "female"``,
        when the body has several targets); ``"status"``: the status string of each target.

    Returns
    -------
    pandas.DataFrame
        Index: ``(unit_id, unit_name)``; columns: ``(body, target_id, rule)`` (``target_id`` and
        ``rule`` are ``""`` for shares).  Cells hold floats (shares) or status strings; a unit
        with no row for a column holds NaN.

    Raises
    ------
    gender_stats.errors.ArgumentError
        If ``value`` is unknown, a column is missing, or (for statuses) a unit has several rows
        for one body and target (several terms: choose one).

    Examples
    --------
    >>> import pandas as pd
    >>> compliance = pd.DataFrame({
    ...     "term": ["2015-2020"] * 3, "unit_id": ["A", "A", "B"],
    ...     "unit_name": ["Hậu Lộc", "Hậu Lộc", "Ngọc Lặc"],
    ...     "body": ["standing_committee", "party_committee", "party_committee"],
    ...     "target_id": ["36-CT/TW:b", "36-CT/TW:a", "36-CT/TW:a"],
    ...     "rule": ["≥ 1 nữ", "≥ 15%", "≥ 15%"],
    ...     "share": [1 / 13, 0.2, 0.1], "status": ["met", "met", "below"]})
    >>> matrix = unit_body_matrix(compliance)
    >>> matrix.columns.get_level_values("body").tolist()
    ['party_committee', 'standing_committee']
    >>> matrix.round(3).to_numpy().tolist()
    [[0.2, 0.077], [0.1, nan]]
    >>> unit_body_matrix(compliance, value="status").to_numpy().tolist()
    [['met', 'met'], ['below', nan]]
    """
    if value not in MATRIX_VALUES:
        raise ArgumentError(
            f"giá trị ô không hợp lệ (unknown cell value): got value={value!r}. "
            f"Must be one of {list(MATRIX_VALUES)}."
        )
    require_frame(
        compliance,
        (UNIT_ID, UNIT_NAME, BODY, SHARE, STATUS),
        "unit_body_matrix",
        "pass the frame returned by gender_stats.check()",
    )
    rows = compliance.assign(
        _target=_text_or_empty(compliance, TARGET_ID), _rule=_text_or_empty(compliance, RULE)
    )
    if value == SHARE:
        if NUMERATOR in rows.columns:  # the women's share first when a body has several targets
            other = (rows[NUMERATOR].astype("string").fillna(FEMALE) != FEMALE).to_numpy()
            rows = rows.iloc[np.argsort(other, kind="stable")]
        cells = rows.drop_duplicates([UNIT_ID, BODY]).assign(_target="", _rule="")
    else:
        keys = [UNIT_ID, BODY, "_target"]
        if rows.duplicated(keys).any():
            raise ArgumentError(
                "mỗi đơn vị chỉ một dòng cho mỗi cơ quan và chỉ tiêu (expected one row per "
                "unit × body × target, got duplicates). Hint: choose one term (term=...) or "
                "remove the repeated rows."
            )
        cells = rows
    rank = {b: i for i, b in enumerate(_ordered_codes(cells[BODY].tolist(), list(BODIES)))}
    columns = (
        cells[[BODY, "_target", "_rule"]]
        .drop_duplicates([BODY, "_target"])
        .assign(_rank=lambda f: f[BODY].map(rank))
        .sort_values("_rank", kind="stable")
    )
    units = compliance.drop_duplicates(UNIT_ID)
    row_of = {u: i for i, u in enumerate(units[UNIT_ID])}
    column_keys = list(zip(columns[BODY], columns["_target"], strict=True))
    col_of = {key: j for j, key in enumerate(column_keys)}
    i = cells[UNIT_ID].map(row_of).to_numpy(dtype=np.int64)
    j = np.array(
        [col_of[k] for k in zip(cells[BODY], cells["_target"], strict=True)], dtype=np.int64
    )
    grid = np.full(
        (len(units), len(column_keys)), np.nan, dtype="float64" if value == SHARE else "object"
    )
    grid[i, j] = cells[value].to_numpy(dtype=grid.dtype)
    matrix = pd.DataFrame(
        grid,
        index=pd.MultiIndex.from_arrays(
            [units[UNIT_ID].to_numpy(), units[UNIT_NAME].to_numpy()], names=[UNIT_ID, UNIT_NAME]
        ),
        columns=pd.MultiIndex.from_frame(
            columns[[BODY, "_target", "_rule"]], names=[BODY, TARGET_ID, RULE]
        ),
    )
    return matrix.astype("float64") if value == SHARE else matrix.astype("object")


def _text_or_empty(frame: pd.DataFrame, column: str) -> pd.Series:
    """Return ``frame[column]`` as text with missing values (or a missing column) as ``""``."""
    if column not in frame.columns:
        return pd.Series("", index=frame.index, dtype="object")
    return frame[column].astype("string").fillna("").astype("object")
