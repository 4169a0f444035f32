"""Compliance: which units meet which target, and how many women they still need.

:func:`check` turns counts into the *compliance frame* (see ``docs/architecture.md``): one row per
counts row × target whose body matches, with the rule in words, the share, a :class:`Status`, the gap
in percentage points and the least number of women that meets the rule (men replaced, or the body
grown).  :func:`shortfalls` lists the rows below target, worst first; :func:`summarise` pools them by
term, level, body and target ("k of n units meet").

All comparisons and seat counts are exact integer arithmetic on :class:`fractions.Fraction`
thresholds; ``share``, ``threshold`` and ``gap_pp`` are floats for display only.

Examples
--------
>>> import pandas as pd
>>> counts = pd.DataFrame({
...     "term": ["2015-2020"] * 3, "unit_id": ["A", "B", "A"], "unit_name": ["A", "B", "A"],
...     "level": ["district"] * 3,
...     "body": ["party_committee", "party_committee", "standing_committee"],
...     "total": [20, 40, 9], "female": [2, 6, 0]})
>>> check(counts)[["unit_id", "body", "rule", "status", "seats_needed"]]
  unit_id                body    rule status  seats_needed
0       A     party_committee   ≥ 15%  below             1
1       B     party_committee   ≥ 15%    met             0
2       A  standing_committee  ≥ 1 nữ  below             1
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd

from gender_stats.schema import BODY, FEMALE, KIND, LEVEL, TERM, TOTAL, UNIT_ID
from gender_stats.targets import (
    Conditional,
    Range,
    Rule,
    ShareOfUnits,
    Status,
    Target,
    get_targets,
)

__all__ = ["COMPLIANCE_COLUMNS", "Status", "check", "shortfalls", "summarise"]

#: The columns :func:`check` adds after the counts columns.
COMPLIANCE_COLUMNS: tuple[str, ...] = (
    "target_id",
    "document",
    "rule",
    "numerator",
    "threshold",
    "share",
    "status",
    "gap_pp",
    "seats_needed",
    "seats_needed_if_grow",
    "note",
)

_NAN = float("nan")

# Notes (module constants so tests can match them).
NOTE_TERM = "mục tiêu cho nhiệm kỳ {when}, không áp dụng cho {term} (target for {when})"
NOTE_LEVEL = "mục tiêu cho cấp {levels}, không áp dụng cho cấp {level} (target for levels {levels})"
NOTE_KIND = (
    "mục tiêu cho loại đơn vị {kinds}, không áp dụng cho {kind} (target for unit kinds {kinds})"
)
NOTE_KIND_UNKNOWN = "không rõ loại đơn vị; giả định áp dụng (unit kind unknown, target applied)"
NOTE_ZERO = "tổng số bằng 0 (total is 0)"
NOTE_NO_COLUMN = "thiếu cột {column} (no {column} column in the counts)"
NOTE_NO_VALUE = "thiếu số {column} (no {column} count)"
NOTE_NO_CONDITION = (
    "không có dòng {body} của đơn vị trong nhiệm kỳ này (no {body} row for this unit and term)"
)
NOTE_CONDITION_FALSE = (
    "{body}: {female}/{total} nữ, chưa đạt {rule}: quy định không áp dụng "
    "({body} {female}/{total} women, condition {rule} not met)"
)
NOTE_CONDITION_TRUE = "{body}: {female}/{total} nữ ({body} {female}/{total} women, condition met)"
NOTE_IMPOSSIBLE_SWAP = (
    "không thể đạt khi giữ nguyên số lượng (cannot be met at this size; grow the body)"
)
NOTE_IMPOSSIBLE = "không thể đạt (cannot be met by any number of women)"
NOTE_RANGE_NO_FIT = (
    "không có số nữ nào nằm trong khoảng với quy mô {total} (no count fits the range at this size); "
    "seats count to the low bound"
)
NOTE_ANY_TERM = (
    "áp dụng ngoài nhiệm kỳ của mục tiêu theo yêu cầu (applied outside its term: any_term)"
)


def _select(targets: Any) -> tuple[Target, ...]:
    if isinstance(targets, Target | str) or targets is None:
        return get_targets(targets)
    return get_targets(list(targets))


def _int_or_none(value: Any) -> int | None:
    if value is None or value is pd.NA:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        return None
    return int(value)


def _evaluate(
    rule: Rule, total: int | None, part: int | None, numerator: str
) -> tuple[Status, int | None, int | None, str]:
    """Return status, seats needed (fixed, grow) and a note for one unit and a simple rule."""
    if total is None:
        return Status.NO_DATA, None, None, NOTE_NO_VALUE.format(column=TOTAL)
    if part is None:
        return Status.NO_DATA, None, None, NOTE_NO_VALUE.format(column=numerator)
    if total == 0:
        return Status.NO_DATA, None, None, NOTE_ZERO
    status = rule.status(total, part)
    need = rule.seats_needed(total, part)
    grow = rule.seats_needed_if_grow(total, part)
    notes = []
    if status is Status.BELOW and need is None:
        notes.append(NOTE_IMPOSSIBLE_SWAP if grow is not None else NOTE_IMPOSSIBLE)
    unit_rule = rule.unit_rule()
    if isinstance(unit_rule, Range) and status is Status.BELOW and not unit_rule.fits(total):
        notes.append(NOTE_RANGE_NO_FIT.format(total=total))
    return status, need, grow, "; ".join(notes)


def _gap_pp(rule: Rule, status: Status, total: int, part: int) -> float:
    lower = rule.lower_bound
    if status in (Status.NOT_APPLICABLE, Status.NO_DATA) or lower is None:
        return _NAN
    if status is not Status.BELOW:
        return 0.0
    return float((lower - Fraction(part, total)) * 100)


def check(
    counts: pd.DataFrame,
    targets: str | Target | Iterable[str | Target] | None = "36-CT/TW",
    *,
    term: str | None = None,
    any_term: bool = False,
    units: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Check every counts row against the targets that cover its body.

    Parameters
    ----------
    counts : pandas.DataFrame
        Counts (see :mod:`gender_stats.schema`): ``term``, ``unit_id``, ``level``, ``body``,
        ``total``, ``female``; other numerators (``under_40``, ``trained``) for targets on other groups;
        optionally ``kind``.
    targets : str, Target or iterable of them, default ``"36-CT/TW"``
        Documents or ids of the catalogue (``"all"`` for all), or :class:`Target` objects.
    term : str, optional
        Check only the rows of this term.
    any_term : bool, default False
        Apply every target to every term.  By default a target applies only to its own terms (or, for
        a target year ``Y``, to the term with ``start < Y ≤ end``); other rows of its bodies are kept
        with status ``not_applicable`` and a note saying why.  Rows whose body is not among the
        target's bodies are left out.
    units : pandas.DataFrame, optional
        A units table; its ``kind`` is used when ``counts`` has no ``kind`` column (for targets
        restricted to unit kinds).

    Returns
    -------
    pandas.DataFrame
        The compliance frame: the counts columns, then ``target_id``, ``document``, ``rule`` (in
        words), ``numerator`` (the counted column, ``female`` for women), ``threshold`` (float lower
        bound, NaN for presence), ``share`` (``numerator / total``), ``status`` (values of
        :class:`Status`), ``gap_pp``, ``seats_needed`` and ``seats_needed_if_grow`` (Int64; ``<NA>``
        when not assessed or impossible) and ``note``.  One row per counts row × target whose bodies
        include the row's body, in the order of the targets, then of the counts.  A counts column
        that has the name of a compliance column (a reported ``share``, say) is kept as
        ``<name>_input``.

    Notes
    -----
    With ``N = total``, ``W`` the numerator and threshold ``p``:

    - floor ``≥ p``: ``seats_needed = max(0, ⌈p·N⌉ − W)``; strict ``> p``:
      ``max(0, ⌊p·N⌋ + 1 − W)``; presence of ``k``: ``max(0, k − W)``, ``<NA>`` (with a note) when
      the body has fewer than ``k`` seats;
    - range: below the low bound, the seats to reach it; above the high bound, status
      ``above_range`` and no seats;
    - ``seats_needed_if_grow`` is the least ``a`` with ``(W + a)/(N + a) ≥ p`` (``> p``); it does not
      exist for a 100 % floor not yet met;
    - conditional (11-NQ/TW c): a ``key_posts`` row is judged only where the same unit's ``staff`` row
      in the same term meets the condition; otherwise ``not_applicable``; no staff row, ``no_data``;
    - share of units (28/NQ-CP): each unit gets the status of the inner rule; the share of units is in
      :func:`summarise`;
    - ``total == 0``, a missing count or a missing numerator column give ``no_data``.

    Impossible cases: a strict floor of 100 % is refused when the target is defined (no share
    exceeds 100 %); presence of ``k`` women in a body of fewer than ``k`` seats has
    ``seats_needed = <NA>`` with a note (grow the body); a 100 % floor not yet met has
    ``seats_needed_if_grow = <NA>`` (adding women never reaches 100 % while a man sits); a range
    that no count fits at this size (35–40 % of 3 seats) counts seats to the low bound, with a note.

    ``gap_pp`` is ``(p − share) × 100`` when below, 0 when met or above range, NaN otherwise.  The
    input is never changed.

    Examples
    --------
    >>> import pandas as pd
    >>> counts = pd.DataFrame({
    ...     "term": ["2016-2021"] * 2, "unit_id": ["P", "Q"], "unit_name": ["P", "Q"],
    ...     "level": ["province"] * 2, "body": ["peoples_council"] * 2,
    ...     "total": [20, 20], "female": [7, 9]})
    >>> out = check(counts, "11-NQ/TW:b")
    >>> out[["unit_id", "rule", "status", "seats_needed"]]
      unit_id    rule       status  seats_needed
    0       P  35–40%          met             0
    1       Q  35–40%  above_range             0
    """
    chosen = _select(targets)
    clash = [c for c in counts.columns if c in COMPLIANCE_COLUMNS]
    frame = counts.rename(columns={c: f"{c}_input" for c in clash}) if clash else counts
    if term is not None:
        frame = frame[frame[TERM] == term]
    kinds: pd.Series | None = None
    if KIND in frame.columns:
        kinds = frame[KIND]
    elif units is not None and KIND in units.columns:
        lookup = dict(zip(units[UNIT_ID], units[KIND], strict=False))
        kinds = frame[UNIT_ID].map(lookup)

    pieces: list[pd.DataFrame] = []
    for target in chosen:
        mask = frame[BODY].isin(target.bodies) if target.bodies else pd.Series(True, frame.index)
        rows = frame[mask.to_numpy()]
        if rows.empty:
            continue
        row_kinds = kinds[mask.to_numpy()] if kinds is not None else None
        pieces.append(_check_target(rows, target, frame, row_kinds, any_term=any_term))
    columns = [*frame.columns, *COMPLIANCE_COLUMNS]
    if not pieces:
        out = pd.DataFrame({c: pd.Series(dtype=frame[c].dtype) for c in frame.columns})
        for c in COMPLIANCE_COLUMNS:
            out[c] = pd.Series(dtype=_DTYPES.get(c, "str"))
        return out[columns]
    return pd.concat(pieces, ignore_index=True)[columns]


_DTYPES = {
    "threshold": "float64",
    "share": "float64",
    "gap_pp": "float64",
    "seats_needed": "Int64",
    "seats_needed_if_grow": "Int64",
}


def _check_target(
    rows: pd.DataFrame,
    target: Target,
    frame: pd.DataFrame,
    kinds: pd.Series | None,
    *,
    any_term: bool,
) -> pd.DataFrame:
    rule = target.rule
    numerator = target.numerator
    has_numerator = numerator in rows.columns
    unit_rule = rule.inner_rule if isinstance(rule, ShareOfUnits) else rule
    condition_rows: dict[tuple[str, str], tuple[int | None, int | None]] = {}
    if isinstance(unit_rule, Conditional):
        cond = frame[frame[BODY] == unit_rule.condition_body]
        for t, u, tot, fem in zip(
            cond[TERM], cond[UNIT_ID], cond[TOTAL], cond[FEMALE], strict=True
        ):
            condition_rows[(t, u)] = (_int_or_none(tot), _int_or_none(fem))

    statuses, shares, gaps, needs, grows, notes = [], [], [], [], [], []
    terms = rows[TERM].tolist()
    levels = rows[LEVEL].tolist()
    unit_ids = rows[UNIT_ID].tolist()
    totals = [_int_or_none(v) for v in rows[TOTAL]]
    parts = [_int_or_none(v) for v in rows[numerator]] if has_numerator else [None] * len(rows)
    kind_list = kinds.tolist() if kinds is not None else [None] * len(rows)
    for i in range(len(rows)):
        total, part = totals[i], parts[i]
        share = part / total if total and part is not None else _NAN
        applies, prefix = _applicability(
            target, terms[i], levels[i], kind_list[i], any_term=any_term
        )
        status: Status
        need: int | None = None
        grow: int | None = None
        if not applies:
            status, text = Status.NOT_APPLICABLE, prefix
        elif not has_numerator:
            status, text = Status.NO_DATA, NOTE_NO_COLUMN.format(column=numerator)
        else:
            status, need, grow, text = _evaluate(rule, total, part, numerator)
            if isinstance(unit_rule, Conditional) and status is not Status.NO_DATA:
                status, need, grow, text = _apply_condition(
                    unit_rule, condition_rows.get((terms[i], unit_ids[i])), status, need, grow, text
                )
            text = "; ".join(x for x in (prefix, text) if x)
        statuses.append(status.value)
        shares.append(share)
        assessed = status in (Status.MET, Status.BELOW, Status.ABOVE_RANGE)
        gaps.append(
            _gap_pp(rule, status, total, part) if assessed and total and part is not None else _NAN
        )
        needs.append(need if assessed else None)
        grows.append(grow if assessed else None)
        notes.append(text)

    return rows.reset_index(drop=True).assign(
        target_id=target.id,
        document=target.document,
        rule=rule.label,
        numerator=numerator,
        threshold=rule.lower,
        share=np.asarray(shares, dtype="float64"),
        status=statuses,
        gap_pp=np.asarray(gaps, dtype="float64"),
        seats_needed=pd.array(needs, dtype="Int64"),
        seats_needed_if_grow=pd.array(grows, dtype="Int64"),
        note=notes,
    )


def _applicability(
    target: Target, term: str, level: str, kind: Any, *, any_term: bool
) -> tuple[bool, str]:
    """Return whether the target applies to a row, and a note saying why (not) or a remark."""
    if target.levels and level not in target.levels:
        return False, NOTE_LEVEL.format(levels=", ".join(target.levels), level=level)
    remarks = []
    if target.kinds:
        if kind is None or kind is pd.NA or (isinstance(kind, float) and np.isnan(kind)):
            remarks.append(NOTE_KIND_UNKNOWN)
        elif kind not in target.kinds:
            return False, NOTE_KIND.format(kinds=", ".join(target.kinds), kind=kind)
    if not target.applies_to_term(term):
        if not any_term:
            return False, NOTE_TERM.format(when=target.when, term=term)
        remarks.append(NOTE_ANY_TERM)
    return True, "; ".join(remarks)


def _apply_condition(
    rule: Conditional,
    condition: tuple[int | None, int | None] | None,
    status: Status,
    need: int | None,
    grow: int | None,
    text: str,
) -> tuple[Status, int | None, int | None, str]:
    body = rule.condition_body
    total, female = condition if condition is not None else (None, None)
    if total is None or female is None or total == 0:
        return Status.NO_DATA, None, None, NOTE_NO_CONDITION.format(body=body)
    if not rule.condition.is_met(total, female):
        return (
            Status.NOT_APPLICABLE,
            None,
            None,
            NOTE_CONDITION_FALSE.format(
                body=body, female=female, total=total, rule=rule.condition.label
            ),
        )
    met_note = NOTE_CONDITION_TRUE.format(body=body, female=female, total=total)
    return status, need, grow, "; ".join(x for x in (met_note, text) if x)


def shortfalls(compliance: pd.DataFrame) -> pd.DataFrame:
    """Return the rows below target, worst first.

    Parameters
    ----------
    compliance : pandas.DataFrame
        The output of :func:`check`.

    Returns
    -------
    pandas.DataFrame
        The rows with status ``below``, sorted by ``seats_needed`` (most first; ``<NA>``, i.e. not
        reachable at this size, first of all), then by ``share`` (lowest first); a fresh index.

    Examples
    --------
    >>> import pandas as pd
    >>> counts = pd.DataFrame({
    ...     "term": ["2015-2020"] * 3, "unit_id": ["A", "B", "C"], "unit_name": ["A", "B", "C"],
    ...     "level": ["district"] * 3, "body": ["party_committee"] * 3,
    ...     "total": [20, 40, 40], "female": [2, 3, 9]})
    >>> shortfalls(check(counts))[["unit_id", "share", "seats_needed"]]
      unit_id  share  seats_needed
    0       B  0.075             3
    1       A  0.100             1
    """
    below = compliance[compliance["status"] == Status.BELOW.value]
    key = below["seats_needed"].astype("Float64").fillna(np.inf).astype("float64")
    order = np.lexsort((below["share"].to_numpy(dtype="float64"), -key.to_numpy()))
    return below.iloc[order].reset_index(drop=True)


def summarise(
    compliance: pd.DataFrame,
    *,
    by: Sequence[str] = (TERM, LEVEL, BODY, "target_id"),
    targets: Iterable[Target] = (),
) -> pd.DataFrame:
    """Summarise a compliance frame: how many units meet each target, pooled share, women needed.

    Parameters
    ----------
    compliance : pandas.DataFrame
        The output of :func:`check`.
    by : sequence of str, default ``("term", "level", "body", "target_id")``
        The groups; ``("term", "target_id")`` pools every level and body.
    targets : iterable of Target, optional
        User targets used in :func:`check` that are not in the catalogue (to find their rules).

    Returns
    -------
    pandas.DataFrame
        One row per group: the ``by`` columns, ``rule``, ``n_units`` (rows assessed: met, below or
        above range), ``n_met``, ``n_below``, ``n_above_range``, ``n_not_applicable``, ``n_no_data``,
        ``label`` (``"k/n"``: met of assessed), ``total`` and ``part`` (sums over assessed rows),
        ``pooled_share`` (``part / total``, never a mean of shares), ``seats_needed`` (sum over rows
        below), ``unit_share`` (``n_met / n_units``), and for share-of-units targets
        ``unit_share_target`` (float) and ``unit_share_met`` (boolean, exact); ``<NA>`` otherwise.

    Examples
    --------
    >>> import pandas as pd
    >>> counts = pd.DataFrame({
    ...     "term": ["2021-2026"] * 3, "unit_id": ["A", "B", "C"], "unit_name": ["A", "B", "C"],
    ...     "level": ["commune"] * 3, "body": ["key_posts"] * 3,
    ...     "total": [4, 4, 5], "female": [1, 0, 2]})
    >>> s = summarise(check(counts, "28/NQ-CP:2025"))
    >>> s[["label", "pooled_share", "unit_share_target", "unit_share_met"]]
      label  pooled_share  unit_share_target  unit_share_met
    0   2/3      0.230769                0.6            True
    """
    by = list(by)
    rules = _rules_by_id(compliance["target_id"].unique(), targets)
    rows = []
    for key, group in compliance.groupby(by, sort=True, observed=True, dropna=False):
        keys = key if isinstance(key, tuple) else (key,)
        status = group["status"]
        assessed = group[
            status.isin([s.value for s in (Status.MET, Status.BELOW, Status.ABOVE_RANGE)])
        ]
        n_units = len(assessed)
        n_met = int((status == Status.MET.value).sum())
        total = int(assessed[TOTAL].sum())
        part = _numerator_sum(assessed)
        below = group[status == Status.BELOW.value]
        share_rule: ShareOfUnits | None = None
        ids = group["target_id"].unique()
        if len(ids) == 1 and isinstance(rules.get(ids[0]), ShareOfUnits):
            share_rule = rules[ids[0]]  # type: ignore[assignment]
        record: dict[str, Any] = dict(zip(by, keys, strict=True))
        record.update(
            rule=", ".join(dict.fromkeys(group["rule"])),
            n_units=n_units,
            n_met=n_met,
            n_below=len(below),
            n_above_range=int((status == Status.ABOVE_RANGE.value).sum()),
            n_not_applicable=int((status == Status.NOT_APPLICABLE.value).sum()),
            n_no_data=int((status == Status.NO_DATA.value).sum()),
            label=f"{n_met}/{n_units}",
            total=total,
            part=part,
            pooled_share=part / total if total else _NAN,
            seats_needed=int(below["seats_needed"].fillna(0).sum()),
            unit_share=n_met / n_units if n_units else _NAN,
            unit_share_target=float(share_rule.share) if share_rule else _NAN,
            unit_share_met=(
                share_rule.units_met(n_met, n_units) if share_rule and n_units else pd.NA
            ),
        )
        rows.append(record)
    columns = [
        *by,
        "rule",
        "n_units",
        "n_met",
        "n_below",
        "n_above_range",
        "n_not_applicable",
        "n_no_data",
        "label",
        "total",
        "part",
        "pooled_share",
        "seats_needed",
        "unit_share",
        "unit_share_target",
        "unit_share_met",
    ]
    out = pd.DataFrame(rows, columns=columns)
    return out.astype({"unit_share_met": "boolean", "pooled_share": "float64"})


def _numerator_sum(rows: pd.DataFrame) -> int:
    """Sum each row's own numerator column (``female``, ``under_40``, ...)."""
    names = rows["numerator"] if "numerator" in rows.columns else pd.Series(FEMALE, rows.index)
    return sum(int(rows.loc[names == name, name].sum()) for name in names.unique())


def _rules_by_id(ids: Iterable[str], targets: Iterable[Target] = ()) -> dict[str, Rule]:
    """Return the rule of each target id: the user's targets first, then the catalogue."""
    rules = {t.id: t.rule for t in targets}
    catalogue = {t.id: t.rule for t in get_targets()}
    return {i: rules.get(i) or catalogue[i] for i in ids if i in rules or i in catalogue}
