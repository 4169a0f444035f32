"""Compliance: which units meet which target, and how many women they still need.

:func:`check` turns counts into the *compliance frame* (see ``docs/architecture.md``): one row per
counts row × target whose body matches, with the rule in words, the share, a :class:`Status`, the gap
in percentage points and the least number of women that meets the rule (men replaced, or the body
grown).  :func:`shortfalls` lists the rows below target, worst first; :func:`summarise` pools them by
term, level, body and target ("k of n units meet"; above a range counts as meeting).

By default :func:`check` applies to each row the catalogue targets **in force** for its term, body
and level; :func:`targets_used` says which targets judged which term, :func:`coverage` how many rows
could be assessed and why the others could not, :func:`uncovered_terms` the terms no catalogue
target applies to.  When nothing could be assessed, :class:`NothingAssessedWarning` says so: an
empty list of shortfalls is then not an all-clear.

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
>>> check(counts, "36-CT/TW")[["unit_id", "body", "rule", "status", "seats_needed"]]
  unit_id                body    rule status  seats_needed
0       A     party_committee   ≥ 15%  below             1
1       B     party_committee   ≥ 15%    met             0
2       A  standing_committee  ≥ 1 nữ  below             1
"""

from __future__ import annotations

import decimal
import math
import re
import warnings
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from gender_stats.counting import counts_frame
from gender_stats.errors import ArgumentError, DataError, GenderStatsWarning, Problem, require_frame
from gender_stats.keyposts import DEFINITION as KEY_POST_DEFINITION
from gender_stats.keyposts import _catalogue as _key_post_catalogue
from gender_stats.schema import (
    _LEVEL_PATTERN,
    BODY,
    COUNTS_KEY,
    EXPECTED,
    FEMALE,
    KIND,
    LEVEL,
    SHARE,
    TERM,
    TOTAL,
    UNIT_ID,
    UNIT_NAME,
    Origin,
    _has_duplicates,
    _missing_columns,
    require_counts,
)
from gender_stats.targets import (
    STATUS_CODES,
    Conditional,
    Range,
    Rule,
    ShareOfUnits,
    Status,
    Target,
    _ceil_div,
    _objects,
    get_targets,
)
from gender_stats.vocab import BODIES, TermError, normalise_term, term_bounds

if TYPE_CHECKING:  # the models are imported on first use (see __getattr__)
    from gender_stats._compliance_model import ComplianceModel

__all__ = [
    "ASSESSED",
    "COMPLIANCE_COLUMNS",
    "DOCUMENT",
    "GAP_PP",
    "MEETING",
    "NOTE",
    "NUMERATOR",
    "REASON",
    "RULE",
    "SEATS_NEEDED",
    "SEATS_NEEDED_IF_GROW",
    "SHARE",
    "STATUS",
    "TARGET_ID",
    "THRESHOLD",
    "ComplianceModel",
    "NothingAssessedWarning",
    "Status",
    "check",
    "counted_groups",
    "coverage",
    "nothing_assessed",
    "require_whole_counts",
    "shortfalls",
    "summarise",
    "targets_used",
    "uncovered_terms",
    "women_needed",
]

# The compliance frame's own columns (after the counts columns); import these, never retype them.
#: Target id, e.g. ``36-CT/TW:a`` (missing on a ``no_target`` row).
TARGET_ID = "target_id"
#: The document the target comes from, e.g. ``36-CT/TW``.
DOCUMENT = "document"
#: The rule in words, e.g. ``≥ 15%``.
RULE = "rule"
#: The counted column the rule judges (``female``, ``under_40``, ...).
NUMERATOR = "numerator"
#: The lower bound as a float share (for chart lines; NaN for presence).
THRESHOLD = "threshold"
#: A :class:`Status` value.
STATUS = "status"
#: Percentage points still missing.
GAP_PP = "gap_pp"
#: Least number of men to replace by women (fixed size) to meet the rule.
SEATS_NEEDED = "seats_needed"
#: Least number of women to add (the body grows) to meet the rule.
SEATS_NEEDED_IF_GROW = "seats_needed_if_grow"
#: Why a row is not applicable / has no data, or other remarks.
NOTE = "note"
#: Why a row was not assessed (a key of :data:`REASONS`); empty when assessed.
REASON = "reason"

#: The columns :func:`check` adds after the counts columns.
COMPLIANCE_COLUMNS: tuple[str, ...] = (
    TARGET_ID,
    DOCUMENT,
    RULE,
    NUMERATOR,
    THRESHOLD,
    SHARE,
    STATUS,
    GAP_PP,
    SEATS_NEEDED,
    SEATS_NEEDED_IF_GROW,
    NOTE,
    REASON,
)

_NAN = float("nan")

# Notes: (Vietnamese, English) pairs; a note is one language (``lang="vi"`` / ``"en"``) or, by
# default, Vietnamese with the English in brackets.  The NOTE_* constants are the bilingual forms
# (module constants so tests can match them).
_NOTES: dict[str, tuple[str, str]] = {
    "term": (
        "nhiệm kỳ {term} không thuộc phạm vi của chỉ tiêu ({when_vi})",
        "{term} is outside the target's terms ({when_en})",
    ),
    "level": (
        "mục tiêu cho cấp {levels}, không áp dụng cho cấp {level}",
        "target for levels {levels}, not for {level}",
    ),
    "kind": (
        "mục tiêu cho loại đơn vị {kinds}, không áp dụng cho {kind}",
        "target for unit kinds {kinds}, not for {kind}",
    ),
    "kind_unknown": ("không rõ loại đơn vị; giả định áp dụng", "unit kind unknown, target applied"),
    "zero": ("tổng số bằng 0", "total is 0"),
    "no_column": ("thiếu cột {column}", "no {column} column in the counts"),
    "no_value": ("thiếu số {column}", "no {column} count"),
    "no_condition": (
        "không có dòng {body} của đơn vị trong nhiệm kỳ này",
        "no {body} row for this unit and term",
    ),
    "condition_false": (
        "{body}: {female}/{total} nữ, chưa đạt {rule}: quy định không áp dụng",
        "{body} {female}/{total} women, condition {rule} not met",
    ),
    "condition_true": (
        "{body}: {female}/{total} nữ",
        "{body} {female}/{total} women, condition met",
    ),
    "impossible_swap": (
        "không thể đạt khi giữ nguyên số lượng",
        "cannot be met at this size; grow the body",
    ),
    "impossible": ("không thể đạt", "cannot be met by any number of women"),
    "range_no_fit": (
        "không có số nữ nào nằm trong khoảng với quy mô {total}; số ghế tính đến cận dưới",
        "no count fits the range at this size; seats count to the low bound",
    ),
    "any_term": (
        "áp dụng ngoài nhiệm kỳ của mục tiêu theo yêu cầu",
        "applied outside its term: any_term",
    ),
    "key_post_definition": (
        "chỉ tiêu tính chức danh chủ chốt theo định nghĩa {needed} ({needed_vi}), số liệu đếm "
        "theo {got}: không đánh giá; đếm lại bằng count_key_posts(roster, definition={needed!r})",
        "the target counts key posts as {needed} ({needed_en}); these counts are {got}: not "
        "assessed; count with count_key_posts(roster, definition={needed!r})",
    ),
    "key_post_assumed": (
        "số liệu không ghi định nghĩa chức danh chủ chốt: đánh giá theo {needed} ({needed_vi})",
        "the counts name no key-post definition: judged as {needed} ({needed_en})",
    ),
    "no_target": (
        "không có chỉ tiêu nào trong danh mục áp dụng cho {body}, cấp {level}, nhiệm kỳ {term}",
        "no target in the catalogue applies to {body} at level {level} in {term}; "
        "pass targets= or load a YAML",
    ),
}


def _note_template(key: str, lang: str | None = None) -> str:
    """Return the template of a note in ``lang`` (``None``: Vietnamese, English in brackets)."""
    vi, en = _NOTES[key]
    if lang == "vi":
        return vi
    if lang == "en":
        return en
    return f"{vi} ({en})"


NOTE_TERM = _note_template("term")
NOTE_LEVEL = _note_template("level")
NOTE_KIND = _note_template("kind")
NOTE_KIND_UNKNOWN = _note_template("kind_unknown")
NOTE_ZERO = _note_template("zero")
NOTE_NO_COLUMN = _note_template("no_column")
NOTE_NO_VALUE = _note_template("no_value")
NOTE_NO_CONDITION = _note_template("no_condition")
NOTE_CONDITION_FALSE = _note_template("condition_false")
NOTE_CONDITION_TRUE = _note_template("condition_true")
NOTE_IMPOSSIBLE_SWAP = _note_template("impossible_swap")
NOTE_IMPOSSIBLE = _note_template("impossible")
NOTE_RANGE_NO_FIT = _note_template("range_no_fit")
NOTE_ANY_TERM = _note_template("any_term")
NOTE_NO_TARGET = _note_template("no_target")
NOTE_KEY_POST_DEFINITION = _note_template("key_post_definition")
NOTE_KEY_POST_ASSUMED = _note_template("key_post_assumed")

#: Why a row was not assessed (the ``reason`` column): code -> (Vietnamese, English).
REASONS: dict[str, tuple[str, str]] = {
    "out_of_term": ("ngoài nhiệm kỳ của chỉ tiêu", "outside the target's terms"),
    "level": ("ngoài cấp của chỉ tiêu", "outside the target's levels"),
    "kind": ("ngoài loại đơn vị của chỉ tiêu", "outside the target's unit kinds"),
    "condition_not_met": ("chưa đủ điều kiện áp dụng", "condition not met"),
    "key_post_definition": (
        "chức danh chủ chốt đếm theo định nghĩa khác của chỉ tiêu",
        "key posts counted by another definition than the target's",
    ),
    "no_target": (
        "không có chỉ tiêu nào trong danh mục áp dụng",
        "no target in the catalogue applies",
    ),
    "no_column": ("thiếu cột", "no column"),
    "no_value": ("thiếu số", "count missing"),
    "zero_total": ("tổng số bằng 0", "total is 0"),
    "no_condition_row": ("thiếu dòng điều kiện", "no condition row"),
}
#: Reasons that mean the target is outside its scope for the row (it was not applied).
OUT_OF_SCOPE = ("out_of_term", "level", "kind", "no_target")

#: Statuses that count as assessed (a target applies and the data are there).
ASSESSED: tuple[str, ...] = (Status.MET.value, Status.BELOW.value, Status.ABOVE_RANGE.value)
#: Statuses that meet the target: above the range is not a shortfall.
MEETING: tuple[str, ...] = (Status.MET.value, Status.ABOVE_RANGE.value)

#: The first words of the warning when nothing was assessed.
NOTHING_ASSESSED = "Không đánh giá được dòng nào (nothing assessed)"
#: A term no catalogue target applies to.
TERM_UNCOVERED = (
    "không có chỉ tiêu nào trong danh mục áp dụng cho {term} "
    "(no target in the catalogue applies to {term}; pass targets= or load a YAML)"
)
#: A term to which the chosen targets do not apply.
TERM_NOT_CHOSEN = (
    "các chỉ tiêu đã chọn không áp dụng cho nhiệm kỳ {term} (the chosen targets do not apply to "
    "{term}). Hint: bỏ targets= để dùng các chỉ tiêu hiện hành (leave targets out to use the "
    "targets in force)"
)
#: A valid term that the data do not hold.
TERM_ABSENT = (
    "Nhiệm kỳ {term} không có trong dữ liệu (term {term} is not in the data); "
    "các nhiệm kỳ có dữ liệu (terms present): {present}. "
    "Hint: chọn một nhiệm kỳ trong danh sách hoặc bỏ term= để đánh giá mọi nhiệm kỳ "
    "(pick one of them, or leave the term out to assess every term)."
)


#: ``any_term=True`` without targets: the targets in force are those of each row's own term.
ANY_TERM_IN_FORCE = (
    "any_term=True cần targets= (needs targets=): không có targets, mỗi dòng được đối chiếu với "
    "các chỉ tiêu hiện hành của nhiệm kỳ của nó; áp mọi chỉ tiêu của danh mục cho mọi nhiệm kỳ "
    "sẽ trộn chỉ tiêu của các thời kỳ khác nhau (without targets each row is checked against the "
    "targets in force for its own term; every catalogue target on every term would mix targets "
    'of other periods). Hint: check(counts, "36-CT/TW", any_term=True) hoặc CLI '
    "--targets 36-CT/TW --any-term."
)


class NothingAssessedWarning(GenderStatsWarning):
    """No row could be assessed: every row is ``not_applicable`` or ``no_data``.

    This is never an all-clear: the message says why (no target in force for the term, the
    targets' terms, a missing column).
    """


def __getattr__(name: str) -> Any:  # PEP 562: the model, imported when first asked for
    if name == "ComplianceModel":
        from gender_stats._compliance_model import ComplianceModel

        return ComplianceModel
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _select(targets: Any) -> tuple[Target, ...]:
    if isinstance(targets, Target | str) or targets is None:
        return get_targets(targets)
    return get_targets(list(targets))


def check(
    counts: pd.DataFrame,
    targets: str | Target | Iterable[str | Target] | None = None,
    *,
    term: str | None = None,
    any_term: bool = False,
    units: pd.DataFrame | None = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """Check every counts row against the targets that cover its body.

    Parameters
    ----------
    counts : pandas.DataFrame
        Counts (see :mod:`gender_stats.schema`): ``term``, ``unit_id``, ``level``, ``body``,
        ``total``, ``female``; other numerators (``under_40``, ``trained``) for targets on other groups;
        optionally ``kind``.
    targets : str, Target or iterable of them, optional
        Documents or ids of the catalogue (``"all"`` for all), or :class:`Target` objects.  By
        default (``None``) the **targets in force**: each row is checked against every catalogue
        target that applies to its term, body and level (36-CT/TW for the party committees of
        2015-2020, 35-CT/TW (2019) for 2020-2025, the council targets for the council terms ...);
        a row no catalogue target applies to is kept once, ``not_applicable``, with a note naming
        its body, level and term.
    term : str, optional
        Check only the rows of this term, written ``"2015-2020"``, ``"2015 – 2020"`` or
        ``"2015-20"`` (see :func:`gender_stats.vocab.normalise_term`).
    any_term : bool, default False
        Apply every target to every term (only with explicit ``targets``: without them each
        row is checked against the targets in force for its own term, and ``any_term=True`` is
        an :class:`~gender_stats.errors.ArgumentError`).  By default a target applies only to
        its own terms (or, for a target year ``Y``, to the term with ``start < Y ≤ end``); other
        rows of its bodies are kept with status ``not_applicable`` and a note saying why.  Rows
        whose body is not among the target's bodies are left out.
    units : pandas.DataFrame, optional
        A units table; its ``kind`` is used when ``counts`` has no ``kind`` column (for targets
        restricted to unit kinds).
    lang : {"vi", "en"}, optional
        The language of the notes; by default Vietnamese with the English in brackets.

    Returns
    -------
    pandas.DataFrame
        The compliance frame: the counts columns, then ``target_id``, ``document``, ``rule`` (in
        words), ``numerator`` (the counted column, ``female`` for women), ``threshold`` (float lower
        bound, NaN for presence), ``share`` (``numerator / total``), ``status`` (values of
        :class:`Status`), ``gap_pp``, ``seats_needed`` and ``seats_needed_if_grow`` (Int64; ``<NA>``
        when not assessed or impossible), ``note`` and ``reason`` (why a row was not assessed:
        ``out_of_term``, ``level``, ``kind``, ``condition_not_met``, ``key_post_definition``,
        ``no_target``, ``no_column``, ``no_value``, ``zero_total``, ``no_condition_row``; empty
        when assessed).  With explicit
        ``targets``: one row per counts row × target whose bodies include the row's body, in the
        order of the targets, then of the counts.  With the targets in force: one row per counts
        row × target in force for it, then the rows no target applies to.  A counts column that
        has the name of a compliance column (a reported ``share``, say) is kept as
        ``<name>_input``.  The counts the targets read come back as integers when they were
        held as text or categoricals (as :func:`require_whole_counts` takes them), so that every
        sum over the frame adds numbers.  ``attrs["targets_used"]`` holds the ids of the targets
        applied to at least one row (see :func:`targets_used`), ``attrs["targets"]`` the same
        ids holding the targets themselves, your own included (:func:`applied_targets`), so that
        :func:`summarise`, the tables and the report find their rules without being given them
        again; ``attrs`` stays JSON, as ``to_parquet`` writes it.

    Raises
    ------
    gender_stats.vocab.TermError
        If ``term`` is not a term, or is a term the counts do not hold (the message lists the terms
        present), or a ``term`` cell is not a term.
    gender_stats.errors.DataError
        If a count the targets read (``total``, ``female``, ``under_40`` ...) is not a whole
        number ≥ 0 (a negative, fractional, boolean or text value), or a numerator exceeds
        ``total``: every such cell is named, and no verdict is drawn.  A missing count is no data.

    Warns
    -----
    NothingAssessedWarning
        When no row could be assessed (every row ``not_applicable`` or ``no_data``); the message
        says why (see :func:`coverage`).

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
    - key posts: a target that counts a key-post definition at a level
      (:attr:`Target.key_post_definitions <gender_stats.targets.Target.key_post_definitions>`,
      28/NQ-CP: ``local_government``, chairs and vice-chairs) judges a ``key_posts`` row of that
      level only when its ``definition`` (from :func:`gender_stats.count_key_posts`) is that one;
      another is ``not_applicable`` (reason ``key_post_definition``, the note names the definition
      to count with); counts without ``definition`` are judged, the note naming the definition
      assumed;
    - ``total == 0``, a missing count or a missing numerator column give ``no_data``.

    Impossible cases: a strict floor of 100 % is refused when the target is defined (no share
    exceeds 100 %); presence of ``k`` women in a body of fewer than ``k`` seats has
    ``seats_needed = <NA>`` with a note (grow the body); a 100 % floor not yet met has
    ``seats_needed_if_grow = <NA>`` (adding women never reaches 100 % while a man sits); a range
    that no count fits at this size (35–40 % of 3 seats) counts seats to the low bound, with a note.

    ``gap_pp`` is ``(p − share) × 100`` when below, 0 when met or above range, NaN otherwise.  The
    input is never changed.

    Rows are evaluated all at once, with integer arithmetic on int64 arrays (on Python ints when
    the counts are too large for int64 to stay exact); the results equal the rule methods
    :meth:`Rule.status <gender_stats.targets.Rule.status>`, ``seats_needed`` and
    ``seats_needed_if_grow`` row by row.

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

    With no ``targets``, the targets in force for each row's term (here 11-NQ/TW b, "by 2020", the
    Strategy's target for the council term 2016-2021 and 26-NQ/TW c is not in force: "by 2030"):

    >>> sorted(check(counts).attrs["targets_used"])
    ['11-NQ/TW:b', '2351/QĐ-TTg:1b-2016']
    """
    counts = counts_frame(counts)
    require_counts(counts, func="check")
    if LEVEL not in counts.columns:
        raise DataError(_missing_columns(counts, (LEVEL,), Origin()), rows_read=len(counts))
    in_force = targets is None
    if in_force and any_term:
        raise ArgumentError(ANY_TERM_IN_FORCE)
    chosen = get_targets() if in_force else _select(targets)
    clash = [c for c in counts.columns if c in COMPLIANCE_COLUMNS]
    frame = counts.rename(columns={c: f"{c}_input" for c in clash}) if clash else counts
    frame = _canonical_terms(frame)
    if term is not None:
        wanted = normalise_term(term)
        present = _terms_present(frame)
        if wanted not in present:
            raise TermError(
                TERM_ABSENT.format(term=wanted, present=", ".join(present) or "(không có / none)")
            )
        frame = frame[(frame[TERM] == wanted).to_numpy(dtype=bool)]
    frame = _take_counts(  # the counts as the pooled indicators take them (one contract)
        frame,
        _counted_columns(frame, chosen),
        pooled=False,
        unique=True,
        problems=_code_problems(frame),
    )
    kinds: pd.Series | None = None
    if KIND in frame.columns:
        kinds = frame[KIND]
    elif units is not None and KIND in units.columns:
        lookup = dict(zip(units[UNIT_ID], units[KIND], strict=False))
        kinds = frame[UNIT_ID].map(lookup)

    pieces: list[pd.DataFrame] = []
    used: list[str] = []
    covered = np.zeros(len(frame), dtype=bool)
    for target in chosen:
        mask = frame[BODY].isin(target.bodies) if target.bodies else pd.Series(True, frame.index)
        mask_np = mask.to_numpy(dtype=bool)
        if in_force and mask_np.any():
            applies, _, _ = _applicability_arrays(
                target, frame[mask_np], kinds[mask_np] if kinds is not None else None,
                any_term=any_term, lang=lang,
            )  # fmt: skip
            mask_np = mask_np.copy()
            mask_np[np.flatnonzero(mask_np)[~applies]] = False
            covered |= mask_np
        rows = frame[mask_np]
        if rows.empty:
            continue
        row_kinds = kinds[mask_np] if kinds is not None else None
        piece = _check_target(rows, target, frame, row_kinds, any_term=any_term, lang=lang)
        if not piece["reason"].isin(OUT_OF_SCOPE).all():
            used.append(target.id)
        pieces.append(piece)
    if in_force and not covered.all():
        pieces.append(_uncovered(frame[~covered], lang=lang))
    columns = [*frame.columns, *COMPLIANCE_COLUMNS]
    if not pieces:
        out = pd.DataFrame({c: pd.Series(dtype=frame[c].dtype) for c in frame.columns})
        for c in COMPLIANCE_COLUMNS:
            out[c] = pd.Series(dtype=_DTYPES.get(c, "str"))
        out = out[columns]
    else:
        out = pd.concat(pieces, ignore_index=True)[columns]
    out.attrs["targets_used"] = tuple(used)
    out.attrs[TARGETS_ATTR] = _Applied(t for t in chosen if t.id in used)  # rules and texts
    if not out["status"].isin(ASSESSED).any():
        warnings.warn(NothingAssessedWarning(_nothing_message(out)), stacklevel=2)
    return out


#: A count that is not a whole number ≥ 0 (the text of :data:`gender_stats.schema.EXPECTED`).
COUNT_EXPECTED = "số nguyên ≥ 0 (a whole number ≥ 0)"
#: A numerator larger than the body: ``{name}`` is ``nữ``/``female`` or the column's name.
PART_ABOVE_TOTAL = "số {name_vi} không vượt tổng số {total} ({name_en} ≤ total)"
_DIGITS = re.compile(r"^\s*\d+\s*$")
_LEVEL_CODE = re.compile(_LEVEL_PATTERN)


def _counted_columns(frame: pd.DataFrame, chosen: Sequence[Target]) -> list[str]:
    """Return the count columns the targets read from ``frame``: ``total``, then numerators."""
    wanted = [TOTAL]
    for target in chosen:
        wanted.append(target.numerator)
        wrapped = target.rule.inner_rule if isinstance(target.rule, ShareOfUnits) else target.rule
        if isinstance(wrapped, Conditional):
            wanted.append(FEMALE)  # the condition row's women
    return [c for c in dict.fromkeys(wanted) if c in frame.columns]


def _is_missing(value: Any) -> bool:
    """Say whether a count cell is missing (``None``, NaN, ``<NA>``, blank text): no data."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, float | np.floating):
        return bool(np.isnan(value))
    if isinstance(value, decimal.Decimal):
        return value.is_nan()
    return False


def _is_count(value: Any) -> bool:
    """Say whether a present cell is a count: a whole number ≥ 0 (digits only when text)."""
    if isinstance(value, bool | np.bool_):
        return False
    if isinstance(value, int | np.integer):
        return int(value) >= 0
    if isinstance(value, float | np.floating):
        return bool(math.isfinite(value) and value >= 0 and float(value).is_integer())
    if isinstance(value, decimal.Decimal):
        return value.is_finite() and value >= 0 and value == value.to_integral_value()
    return isinstance(value, str) and bool(_DIGITS.match(value))


def _bad_counts(series: pd.Series) -> np.ndarray:
    """Return where a cell holds something that is not a count (missing cells are not bad)."""
    dtype = series.dtype
    if pd.api.types.is_bool_dtype(dtype):
        return series.notna().to_numpy(dtype=bool)
    if pd.api.types.is_integer_dtype(dtype):
        return np.asarray((series < 0).fillna(False), dtype=bool)
    if pd.api.types.is_float_dtype(dtype):
        values = series.to_numpy(dtype=np.float64, na_value=np.nan)
        with np.errstate(invalid="ignore"):
            good = np.isnan(values) | (
                np.isfinite(values)
                & (values >= 0)
                & (np.where(np.isfinite(values), values, 0) % 1 == 0)
            )
        return ~good
    return np.fromiter(
        (not _is_missing(v) and not _is_count(v) for v in series.astype(object)),
        dtype=bool,
        count=len(series),
    )


def _code_problems(frame: pd.DataFrame) -> list[tuple[int, Problem]]:
    """Return the rows whose ``body`` is not a body code or whose ``level`` is not a level code.

    A target is applied by body and level: ``BCH`` or ``Cấp huyện`` in a frame made by hand
    would match no target and pass as "no target applies" (or drop the targets of that level).
    The readers turn such words into codes; here they are problems, each value checked once.
    """
    problems: list[tuple[int, Problem]] = []
    for column, good, expected in (
        (BODY, lambda v: v in BODIES, EXPECTED[BODY]),
        (LEVEL, lambda v: isinstance(v, str) and bool(_LEVEL_CODE.match(v)), EXPECTED[LEVEL]),
    ):
        codes, uniques = pd.factorize(frame[column], use_na_sentinel=True)
        bad_codes = [i for i, v in enumerate(uniques) if not good(v)]
        bad = np.isin(codes, bad_codes) | (codes < 0)
        for pos in np.flatnonzero(bad):
            value = frame[column].iloc[pos]
            problems.append((int(pos), _problem(frame, int(pos), column, value, expected)))
    return problems


#: A count missing from a group that is pooled (summed over units).
POOLED_MISSING = (
    "số nguyên ≥ 0: cộng gộp cần số của mọi đơn vị trong nhóm (a whole number ≥ 0: a pooled "
    "share adds up the counts of every unit of its group). Hint: điền ô này, hoặc bỏ dòng để "
    "loại đơn vị khỏi nhóm (fill it, or drop the row to leave the unit out)"
)


def require_whole_counts(
    frame: Any, columns: Sequence[str], *, pooled: bool, unique: bool | Sequence[str] = False
) -> pd.DataFrame:
    """Take counts in as :func:`check` does, and return them ready to add up and compare.

    The one entry of the functions that pool or compare counts (:func:`gender_stats.shares`,
    :func:`gender_stats.pooled_share`, :func:`gender_stats.units_with_woman`,
    :func:`gender_stats.change`, :func:`gender_stats.term_changes`, :func:`gender_stats.rollup`,
    :func:`summarise`), with the rules :func:`check` applies:

    - the frame as :func:`~gender_stats.counting.counts_frame` gives it (pandas, categoricals of
      texts decoded);
    - term labels canonical (``2015 – 2020`` and ``2015-20`` are ``2015-2020``; a cell that is
      not a term is a :class:`~gender_stats.vocab.TermError`);
    - counts whole numbers ≥ 0 and no numerator above ``total``; a count held as text
      (``"20"``, as ``pd.read_csv(dtype=str)`` gives) or as a categorical is read as the whole
      number it writes, and returned as integers (``int64``, ``Int64`` when a count is
      missing), never added up as text;
    - ``pooled``: a missing count is a problem too, since a sum would skip a missing ``female``
      while its ``total`` stays in the denominator (4 women of 40, and 10 members whose women
      are unknown, would pool to 4/50 = 8 %);
    - ``unique``: a term × unit × body given twice (when the frame has those columns; or the
      columns ``unique`` names) is a problem: it would be counted, or compared, twice.

    Every such cell is a problem of one :class:`DataError`.

    Parameters
    ----------
    frame : pandas.DataFrame
        Counts (or a compliance frame); not changed.
    columns : sequence of str
        The count columns read besides ``total`` (``female``, ``under_40`` ...); absent ones
        are skipped.
    pooled : bool
        Refuse a missing count.
    unique : bool or sequence of str, default False
        Refuse a repeated term × unit × body (``True``), or a repeated key of these columns.

    Returns
    -------
    pandas.DataFrame
        ``frame`` itself when nothing needs changing, else a new frame.

    Raises
    ------
    DataError
        Naming every cell that is not a count, above ``total``, missing (``pooled``) or a
        repeated row (``unique``).

    Examples
    --------
    >>> import pandas as pd
    >>> counts = pd.DataFrame({"term": ["2015 – 2020", "2015-20"], "unit_id": ["A", "B"],
    ...                        "body": ["party_committee"] * 2,
    ...                        "total": ["20", "30"], "female": ["3", "3"]})
    >>> out = require_whole_counts(counts, ["female"], pooled=True, unique=True)
    >>> out["term"].tolist(), out["total"].tolist(), int(out["female"].sum())
    (['2015-2020', '2015-2020'], [20, 30], 6)
    """
    frame = _canonical_terms(counts_frame(frame))
    return _take_counts(frame, columns, pooled=pooled, unique=unique)


def _take_counts(
    frame: pd.DataFrame,
    columns: Sequence[str],
    *,
    pooled: bool,
    unique: bool | Sequence[str],
    problems: Sequence[tuple[int, Problem]] = (),
) -> pd.DataFrame:
    """Refuse what is not counts (see :func:`require_whole_counts`); return the counts as ints.

    ``problems``: found by the caller beforehand (:func:`check`'s codes), reported with these.
    """
    present = [c for c in dict.fromkeys([TOTAL, *columns]) if c in frame.columns]
    found = list(problems)
    found += [
        (int(pos), _problem(frame, int(pos), column, None, POOLED_MISSING))
        for column in (present if pooled else ())
        for pos in np.flatnonzero(_missing_counts(frame[column]))
    ]
    key = COUNTS_KEY if unique is True else tuple(unique or ())
    if key and all(c in frame.columns for c in key):
        found += _duplicate_problems(frame, key)
    _require_count_values(frame, (), found, columns=present)
    return _integer_counts(frame, present)


def _missing_counts(series: pd.Series) -> np.ndarray:
    """Return where a count is missing as :func:`check` reads it (blank text too: no data)."""
    if pd.api.types.is_numeric_dtype(series.dtype) and not isinstance(
        series.dtype, pd.CategoricalDtype
    ):
        return series.isna().to_numpy(dtype=bool)
    return np.fromiter(
        (_is_missing(v) for v in series.astype(object)), dtype=bool, count=len(series)
    )


def _integer_counts(frame: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """Return ``frame`` with its count columns held as text, objects or categoricals as integers.

    The values are those :func:`check` judges (:func:`_as_ints`; the cells are known to be whole
    numbers ≥ 0 or missing): ``int64``, or ``Int64`` when a count is missing (Python ints when
    one is too large for int64).  Numeric columns are kept as they are.

    Examples
    --------
    >>> frame = pd.DataFrame({"total": ["20", " 30"], "female": pd.Categorical([3, None])})
    >>> _integer_counts(frame, ["total", "female"]).dtypes.astype(str).tolist()
    ['int64', 'Int64']
    """
    updates: dict[str, Any] = {}
    for column in columns:
        series = frame[column]
        dtype = series.dtype
        if pd.api.types.is_numeric_dtype(dtype) and not isinstance(dtype, pd.CategoricalDtype):
            continue
        values, missing = _as_ints(series)
        if values.dtype == object:
            kept = [None if m else v for v, m in zip(values.tolist(), missing, strict=True)]
            updates[column] = pd.Series(kept, index=frame.index, dtype=object)
        elif missing.any():
            updates[column] = pd.Series(
                pd.arrays.IntegerArray(values.astype(np.int64), missing), index=frame.index
            )
        else:
            updates[column] = pd.Series(values.astype(np.int64), index=frame.index)
    return frame.assign(**updates) if updates else frame


#: A counts row whose term × unit × body is given by an earlier row too.
DUPLICATE_ROW = (
    "mỗi nhiệm kỳ × đơn vị × cơ quan một dòng; trùng với dòng {other} ({term}, {unit}, {body}) "
    "(one row per term × unit × body: a duplicate, counted and judged twice). Hint: bỏ dòng "
    "trùng; số liệu của hai kỳ báo cáo (period) thì kiểm tra từng kỳ một (drop the repeated row; "
    "check one reporting period at a time)"
)


#: A row whose key (other than term × unit × body) is given by an earlier row too.
DUPLICATE_KEY = (
    "mỗi {key} một dòng; trùng với dòng {other} ({values}) (one row per {key}: a duplicate, "
    "counted or compared twice). Hint: bỏ dòng trùng (drop the repeated row)"
)


def _duplicate_problems(
    frame: pd.DataFrame, key: Sequence[str] = COUNTS_KEY
) -> list[tuple[int, Problem]]:
    """Return a problem for each row repeating an earlier row's term × unit × body (or ``key``).

    One unit's body given twice (two periods, a row pasted twice) would be judged twice and
    pooled twice (20 members read as 40); with two different counts, a verdict would be drawn
    from each.  Never a verdict: a problem naming both rows.
    """
    key = list(key)
    if len(frame) < 2 or not _has_duplicates(frame, key):
        return []
    standard = sorted(key) == sorted(COUNTS_KEY)
    key = list(COUNTS_KEY) if standard else key  # named in DUPLICATE_ROW's order
    problems = []
    for pos, first in _repeats(frame, key):
        other = frame.index[first]
        if standard:
            term, unit, body = (frame[c].iloc[pos] for c in key)
            expected = DUPLICATE_ROW.format(other=other, term=term, unit=unit, body=body)
            problems.append((pos, _problem(frame, pos, UNIT_ID, unit, expected)))
            continue
        values = ", ".join(str(frame[c].iloc[pos]) for c in key)
        expected = DUPLICATE_KEY.format(key=" × ".join(key), other=other, values=values)
        problems.append((pos, _problem(frame, pos, key[-1], frame[key[-1]].iloc[pos], expected)))
    return problems


def _repeats(frame: pd.DataFrame, key: list[str]) -> list[tuple[int, int]]:
    """Return ``(position, position of the first row with the same key)`` of each repeated row."""
    groups = frame.groupby(key, sort=False, dropna=False, observed=True).ngroup().to_numpy()
    first: dict[int, int] = {}
    return [
        (pos, first[group])
        for pos, group in enumerate(groups.tolist())
        if first.setdefault(group, pos) != pos
    ]


def _require_count_values(
    frame: pd.DataFrame,
    chosen: Sequence[Target],
    problems: list[tuple[int, Problem]],
    *,
    columns: Sequence[str] | None = None,
) -> None:
    """Refuse counts a verdict cannot be drawn from: not whole numbers ≥ 0, or more than ``total``.

    A missing count is no data (the row says so); a negative, fractional, boolean or text count,
    or a numerator (``female``, ``under_40`` ...) above ``total``, is a :class:`DataError` naming
    the row, the column, the value and what was expected -- never a verdict.  ``columns`` (total
    first) replaces the columns the targets read.
    """
    columns = _counted_columns(frame, chosen) if columns is None else list(columns)
    bad: dict[str, np.ndarray] = {}
    for column in columns:
        bad[column] = _bad_counts(frame[column])
        for pos in np.flatnonzero(bad[column]):
            value = frame[column].iloc[pos]
            problems.append((int(pos), _problem(frame, int(pos), column, value, COUNT_EXPECTED)))

    def counts(column: str) -> tuple[np.ndarray, np.ndarray]:
        series = frame[column]
        return _as_ints(series.where(~bad[column]) if bad[column].any() else series)

    if TOTAL in bad:
        total, total_missing = counts(TOTAL)
        for column in columns[1:]:
            part, part_missing = counts(column)
            over = ~total_missing & ~part_missing & np.asarray(part > total, dtype=bool)
            vi, en = ("nữ", "female") if column == FEMALE else (column, column)
            for pos in np.flatnonzero(over):
                expected = PART_ABOVE_TOTAL.format(name_vi=vi, name_en=en, total=total[pos])
                value = frame[column].iloc[pos]
                problems.append((int(pos), _problem(frame, int(pos), column, value, expected)))
    if problems:
        problems.sort(key=lambda p: p[0])
        raise DataError(
            [p for _, p in problems],
            rows_read=len(frame),
            rows_reported=len({pos for pos, _ in problems}),
        )


def _problem(frame: pd.DataFrame, pos: int, column: str, value: Any, expected: str) -> Problem:
    """Return the problem of one cell of an in-memory frame (row by its index label)."""
    label = frame.index[pos]
    return Origin().problem(
        label.item() if isinstance(label, np.generic) else label, column, value, expected
    )


def _canonical_terms(frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` with its term labels canonical (``2015 – 2020`` → ``2015-2020``).

    Raises :class:`~gender_stats.vocab.TermError` for a cell that is not a term; missing terms
    are kept.  The input is not changed; a frame whose terms are canonical is returned as is.
    """
    if TERM not in frame.columns:
        return frame
    values = [v for v in pd.unique(frame[TERM]) if isinstance(v, str) or not pd.isna(v)]
    mapping = {v: normalise_term(v) for v in values}
    if all(k == v for k, v in mapping.items()):
        return frame
    dtype = frame[TERM].dtype
    mapped = frame[TERM].astype(object).map(mapping)
    if isinstance(dtype, pd.CategoricalDtype):
        return frame.assign(**{TERM: mapped.astype("category")})
    return frame.assign(**{TERM: mapped.astype(dtype)})


def _terms_present(frame: pd.DataFrame) -> list[str]:
    """Return the terms of a frame, latest first."""
    terms = [str(t) for t in pd.unique(frame[TERM]) if isinstance(t, str)]
    return sorted(terms, key=term_bounds, reverse=True)


def _uncovered(rows: pd.DataFrame, *, lang: str | None) -> pd.DataFrame:
    """Return the compliance rows of counts rows no target in force applies to."""
    n = len(rows)
    template = _note_template("no_target", lang)
    keys = list(
        zip(rows[BODY].astype(str), rows[LEVEL].astype(str), rows[TERM].astype(str), strict=True)
    )
    cache = {k: template.format(body=k[0], level=k[1], term=k[2]) for k in set(keys)}
    return rows.reset_index(drop=True).assign(
        target_id=pd.Series([pd.NA] * n, dtype="object"),
        document=pd.Series([pd.NA] * n, dtype="object"),
        rule="",
        numerator=FEMALE,
        threshold=_NAN,
        share=_NAN,
        status=Status.NOT_APPLICABLE.value,
        gap_pp=_NAN,
        seats_needed=pd.array([pd.NA] * n, dtype="Int64"),
        seats_needed_if_grow=pd.array([pd.NA] * n, dtype="Int64"),
        note=[cache[k] for k in keys],
        reason="no_target",
    )


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
    lang: str | None = None,
) -> pd.DataFrame:
    """Return the compliance rows of one target, every row evaluated at once.

    Catalogue rule types are evaluated on integer arrays (see "Vectorised evaluation" below); a
    user's :class:`Rule` subclass through its own methods, row by row.
    """
    rule = target.rule
    numerator = target.numerator
    n = len(rows)
    has_numerator = numerator in rows.columns
    wrapped = rule.inner_rule if isinstance(rule, ShareOfUnits) else rule
    conditional = wrapped if isinstance(wrapped, Conditional) else None

    applies, prefix, reason = _applicability_arrays(
        target, rows, kinds, any_term=any_term, lang=lang
    )
    _key_post_fit(target, rows, applies, prefix, reason, lang=lang)
    total, total_missing = _as_ints(rows[TOTAL])
    if has_numerator:
        part, part_missing = _as_ints(rows[numerator])
    else:
        part, part_missing = np.zeros(n, dtype=np.int64), np.ones(n, dtype=bool)
    lower = rule.lower_bound
    scale = max(
        rule.scale,
        lower.numerator if lower is not None else 1,
        lower.denominator if lower is not None else 1,
    )
    if not _exact_bound(scale, total, part):
        total, part = _objects(total.tolist()), _objects(part.tolist())

    valued = ~total_missing & ~part_missing & np.asarray(total != 0, dtype=bool)
    share = np.full(n, _NAN)
    share[valued] = _divide(part[valued], total[valued])

    status = np.full(n, _NOT_APPLICABLE, dtype=np.int64)
    need = np.zeros_like(total)
    need_ok = np.zeros(n, dtype=bool)
    grow = np.zeros_like(total)
    grow_ok = np.zeros(n, dtype=bool)
    notes = prefix.copy()
    if not has_numerator:
        status[applies] = _NO_DATA
        notes[applies] = _note_template("no_column", lang).format(column=numerator)
        reason[applies] = "no_column"
    else:
        text = _texts(n)
        no_total = applies & total_missing
        no_part = applies & ~total_missing & part_missing
        zero = applies & ~total_missing & ~part_missing & ~valued
        status[no_total | no_part | zero] = _NO_DATA
        text[no_total] = _note_template("no_value", lang).format(column=TOTAL)
        text[no_part] = _note_template("no_value", lang).format(column=numerator)
        text[zero] = _note_template("zero", lang)
        reason[no_total | no_part] = "no_value"
        reason[zero] = "zero_total"
        judged = np.flatnonzero(applies & valued)
        t, p = total[judged], part[judged]
        arrays = rule.evaluate(t, p)
        status[judged], need[judged], need_ok[judged], grow[judged], grow_ok[judged] = arrays
        text[judged] = _rule_notes(rule, t, arrays[0], arrays[2], arrays[4], lang=lang)
        if conditional is not None:
            _apply_conditions(
                conditional, rows, frame, judged, status, need_ok, grow_ok, text, reason, lang=lang
            )
        notes[applies] = _join(prefix[applies], text[applies])

    assessed = status <= _ABOVE
    need_ok &= assessed
    grow_ok &= assessed
    gap = np.full(n, _NAN)
    if lower is not None:
        gap[assessed] = 0.0
        below = np.flatnonzero(status == _BELOW)
        a, b = lower.numerator, lower.denominator
        # (a/b − W/N)·100 = 100·(a·N − b·W) / (b·N); + 0.0 turns −0.0 into 0.0 as Fraction does
        gap[below] = _divide(100 * (a * total[below] - b * part[below]), b * total[below]) + 0.0

    return rows.reset_index(drop=True).assign(
        target_id=target.id,
        document=target.document,
        rule=rule.label,
        numerator=numerator,
        threshold=rule.lower,
        share=share,
        status=_STATUS_VALUES[status],
        gap_pp=gap,
        seats_needed=_int_array(need, need_ok),
        seats_needed_if_grow=_int_array(grow, grow_ok),
        note=notes,
        reason=reason,
    )


def _divide(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """Return the correctly rounded float quotients (exact ints below 2**53, or Python ints)."""
    if numerator.dtype == object or denominator.dtype == object:
        return np.array([x / y for x, y in zip(numerator, denominator, strict=True)], dtype=float)
    return numerator.astype(np.float64) / denominator.astype(np.float64)


def _rule_notes(
    rule: Rule,
    total: np.ndarray,
    status: np.ndarray,
    need_ok: np.ndarray,
    grow_ok: np.ndarray,
    *,
    lang: str | None = None,
) -> np.ndarray:
    """Return the notes of judged rows: cannot be met by swaps (or at all); no count fits the range."""
    below = status == _BELOW
    notes = _texts(len(total))
    notes[below & ~need_ok & grow_ok] = _note_template("impossible_swap", lang)
    notes[below & ~need_ok & ~grow_ok] = _note_template("impossible", lang)
    unit_rule = rule.unit_rule()
    if isinstance(unit_rule, Range):
        rows = np.flatnonzero(below)
        sizes = total[rows]
        if type(unit_rule) is Range:
            low, high = unit_rule.low, unit_rule.high
            fits = np.asarray(
                _ceil_div(low.numerator * sizes, low.denominator)
                <= (high.numerator * sizes) // high.denominator,
                dtype=bool,
            )
        else:
            fits = np.array([unit_rule.fits(s) for s in sizes.tolist()], dtype=bool)
        misfits = rows[~fits]
        no_fit = _note_template("range_no_fit", lang)
        extra = _objects([no_fit.format(total=s) for s in total[misfits].tolist()])
        notes[misfits] = _join(notes[misfits], extra)
    return notes


def _apply_conditions(
    rule: Conditional,
    rows: pd.DataFrame,
    frame: pd.DataFrame,
    judged: np.ndarray,
    status: np.ndarray,
    need_ok: np.ndarray,
    grow_ok: np.ndarray,
    text: np.ndarray,
    reason: np.ndarray,
    *,
    lang: str | None = None,
) -> None:
    """Judge the condition of the judged rows on their unit's condition row (in place).

    The condition row is the same unit's ``condition_body`` row of the same term (one only: two
    are refused by :func:`check`), joined on (term, unit_id).  No such row, or no count there: ``no_data``;
    condition not met: ``not_applicable``; met: the row keeps its status, with a note.
    """
    body = rule.condition_body
    source = frame[(frame[BODY] == body).to_numpy(dtype=bool)]
    lookup = pd.DataFrame(
        {
            TERM: source[TERM].to_numpy(),
            UNIT_ID: source[UNIT_ID].to_numpy(),
            "_row": np.arange(len(source)),
        }
    ).drop_duplicates([TERM, UNIT_ID], keep="last")
    keys = pd.DataFrame(
        {TERM: rows[TERM].to_numpy()[judged], UNIT_ID: rows[UNIT_ID].to_numpy()[judged]}
    )
    found = keys.merge(lookup, how="left", on=[TERM, UNIT_ID], sort=False)["_row"]
    # rows without a condition row point one past the end, at a missing padding value
    where = found.fillna(len(source)).to_numpy(dtype=np.int64)
    cond_total, total_missing = _as_ints(source[TOTAL])
    cond_female, female_missing = _as_ints(source[FEMALE])
    cond_total, cond_female = np.append(cond_total, 0)[where], np.append(cond_female, 0)[where]
    no_data = (
        np.append(total_missing, True)[where]
        | np.append(female_missing, True)[where]
        | np.asarray(cond_total == 0, dtype=bool)
    )
    judge = np.flatnonzero(~no_data)
    condition = rule.condition
    if _exact_bound(condition.scale, cond_total[judge], cond_female[judge]):
        met_judge = condition.evaluate(cond_total[judge], cond_female[judge]).status == _MET
    else:
        met_judge = np.array(
            [
                condition.is_met(t, f)
                for t, f in zip(
                    cond_total[judge].tolist(), cond_female[judge].tolist(), strict=True
                )
            ],
            dtype=bool,
        )
    met = np.zeros(len(judged), dtype=bool)
    met[judge] = met_judge
    unmet = ~no_data & ~met
    rows_nd, rows_unmet, rows_met = judged[no_data], judged[unmet], judged[met]
    status[rows_nd] = _NO_DATA
    text[rows_nd] = _note_template("no_condition", lang).format(body=body)
    reason[rows_nd] = "no_condition_row"
    status[rows_unmet] = _NOT_APPLICABLE
    reason[rows_unmet] = "condition_not_met"
    label = condition.label
    false_note = _note_template("condition_false", lang)
    true_note = _note_template("condition_true", lang)
    text[rows_unmet] = _objects(
        [
            false_note.format(body=body, female=f, total=t, rule=label)
            for f, t in zip(cond_female[unmet].tolist(), cond_total[unmet].tolist(), strict=True)
        ]
    )
    met_notes = _objects(
        [
            true_note.format(body=body, female=f, total=t)
            for f, t in zip(cond_female[met].tolist(), cond_total[met].tolist(), strict=True)
        ]
    )
    text[rows_met] = _join(met_notes, text[rows_met])
    need_ok[rows_nd] = need_ok[rows_unmet] = False
    grow_ok[rows_nd] = grow_ok[rows_unmet] = False


def _key_post_fit(
    target: Target,
    rows: pd.DataFrame,
    applies: np.ndarray,
    notes: np.ndarray,
    reason: np.ndarray,
    *,
    lang: str | None = None,
) -> None:
    """Keep the ``key_posts`` rows counted by another definition than the target's from a verdict.

    In place, on the rows the target applies to whose level has a definition in
    ``target.key_post_definitions``: a ``definition`` other than that one makes the row
    ``not_applicable`` (reason ``key_post_definition``, the note names the definition to count
    with); a missing ``definition`` (counts from a form) is judged, the note naming the definition
    assumed.
    """
    if not target.key_post_definitions or not applies.any():
        return
    wanted = dict(target.key_post_definitions)
    levels = rows[LEVEL].astype(object).to_numpy()
    needed = np.array([wanted.get(lv) if isinstance(lv, str) else None for lv in levels], object)
    if KEY_POST_DEFINITION in rows.columns:
        got = rows[KEY_POST_DEFINITION].astype(object).to_numpy()
    else:
        got = np.full(len(rows), None, dtype=object)
    named = np.array([isinstance(g, str) and bool(g.strip()) for g in got], dtype=bool)
    body = rows[BODY].astype(object).to_numpy() == "key_posts"
    judged = applies & body & np.array([n is not None for n in needed], dtype=bool)
    same = np.array([g.strip() == n for g, n in zip(got[named], needed[named], strict=True)], bool)
    other = np.zeros(len(rows), dtype=bool)
    other[np.flatnonzero(named)[~same]] = True
    other &= judged
    assumed = judged & ~named
    definitions = _key_post_catalogue().definitions
    for key, mask in (("key_post_definition", other), ("key_post_assumed", assumed)):
        template = _note_template(key, lang)
        for i in np.flatnonzero(mask):
            d = definitions[needed[i]]
            text = template.format(
                needed=needed[i], needed_vi=d.name_vi, needed_en=d.name_en, got=got[i]
            )
            notes[i] = f"{notes[i]}; {text}" if notes[i] else text
    applies[other] = False
    reason[other] = "key_post_definition"


def _applicability(
    target: Target, term: str, level: str, kind: Any, *, any_term: bool, lang: str | None = None
) -> tuple[bool, str, str]:
    """Return whether the target applies to a row, a note saying why (not) or a remark, a reason."""
    if target.levels and level not in target.levels:
        note = _note_template("level", lang).format(levels=", ".join(target.levels), level=level)
        return False, note, "level"
    remarks = []
    if target.kinds:
        if kind is None or kind is pd.NA or (isinstance(kind, float) and np.isnan(kind)):
            remarks.append(_note_template("kind_unknown", lang))
        elif kind not in target.kinds:
            note = _note_template("kind", lang).format(kinds=", ".join(target.kinds), kind=kind)
            return False, note, "kind"
    if not target.applies_to_term(term):
        if not any_term:
            note = _note_template("term", lang).format(
                when_vi=target.when_text("vi"), when_en=target.when_text("en"), term=term
            )
            return False, note, "out_of_term"
        remarks.append(_note_template("any_term", lang))
    return True, "; ".join(remarks), ""


# ---------------------------------------------------------------------------------------------
# Vectorised evaluation
#
# Every count is an int64 array (or, when a product could leave the exact range, an object array
# of Python ints, with the very same code).  With a threshold a/b, counts of magnitude at most M
# and C the largest numerator, denominator or presence k of the rule, the largest intermediate is
# the gap numerator 100·(a·N − b·W), at most 200·C·M; ``_exact_bound`` keeps it below 2**53 so
# that int64 products never overflow and ``float(x) / float(y)`` is the correctly rounded
# ``x / y``, the value ``float(Fraction(x, y))`` gives.

_MET, _BELOW, _ABOVE, _NOT_APPLICABLE, _NO_DATA = range(5)
_STATUS_VALUES = np.array([s.value for s in STATUS_CODES], dtype=object)
_EXACT = 2**53
_INT64_SAFE = 2**62


def _int_or_none(value: Any) -> int | None:
    if value is None or value is pd.NA or (isinstance(value, str) and not value.strip()):
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        return None
    return int(value)


def _as_ints(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Return ``int(value)`` of every element (0 where missing) and the missing mask.

    The same values as :func:`_int_or_none` element by element: floats are truncated, anything
    else goes through ``int()``.  The values are int64 when every one fits, else Python ints.
    """
    dtype = values.dtype
    if pd.api.types.is_bool_dtype(dtype) or (
        pd.api.types.is_integer_dtype(dtype) and not _is_uint64(dtype)
    ):
        missing = values.isna().to_numpy(dtype=bool)
        return values.to_numpy(dtype=np.int64, na_value=0), missing
    if pd.api.types.is_float_dtype(dtype):
        floats = values.to_numpy(dtype=np.float64, na_value=np.nan)
        missing = np.isnan(floats)
        present = floats[~missing]
        if np.isfinite(present).all() and (np.abs(present) < _INT64_SAFE).all():
            return np.where(missing, 0.0, np.trunc(floats)).astype(np.int64), missing
    objs = [_int_or_none(v) for v in values]
    missing = np.fromiter((v is None for v in objs), dtype=bool, count=len(objs))
    ints = [0 if v is None else v for v in objs]
    if all(-_INT64_SAFE < v < _INT64_SAFE for v in ints):
        return np.asarray(ints, dtype=np.int64).reshape(len(ints)), missing
    return _objects(ints), missing


def _is_uint64(dtype: Any) -> bool:
    return pd.api.types.is_unsigned_integer_dtype(dtype) and getattr(dtype, "itemsize", 8) >= 8


def _magnitude(*arrays: np.ndarray) -> int:
    """Return the largest absolute value in the arrays (0 when empty)."""
    return max((int(np.max(np.abs(a))) for a in arrays if len(a)), default=0)


def _exact_bound(scale: int, *arrays: np.ndarray) -> bool:
    """Say whether int64 arithmetic is exact: ``200 · scale · max|x| < 2**53`` (see above)."""
    if any(a.dtype == object for a in arrays):
        return False
    return 200 * max(scale, 1) * _magnitude(*arrays) < _EXACT


def _join(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Join two arrays of notes with ``"; "``, skipping empty ones (``"; ".join(x for x if x)``)."""
    has_first = first != ""
    has_second = second != ""
    out = np.where(has_first, first, second)
    both = np.flatnonzero(has_first & has_second)
    if len(both):
        out[both] = first[both] + "; " + second[both]
    return out


def _texts(n: int, value: str = "") -> np.ndarray:
    return np.full(n, value, dtype=object)


def _int_array(values: np.ndarray, valid: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """Return an Int64 array: ``values`` where ``valid``, ``<NA>`` elsewhere."""
    if values.dtype != object:
        return pd.arrays.IntegerArray(values.astype(np.int64), ~valid)
    return pd.array([v if ok else None for v, ok in zip(values, valid, strict=True)], dtype="Int64")


def _applicability_arrays(
    target: Target,
    rows: pd.DataFrame,
    kinds: pd.Series | None,
    *,
    any_term: bool,
    lang: str | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return whether the target applies to each row, the note and the reason (:func:`_applicability`).

    :func:`_applicability` is called once per distinct (term, level, kind) the target looks at,
    and once per row where one of them is missing (so that the note shows that very value).
    """
    n = len(rows)
    terms, levels = rows[TERM], rows[LEVEL]
    columns = []
    if target.levels:
        columns.append(levels)
    if target.kinds and kinds is not None:
        columns.append(kinds)
    if (
        target.terms
        or target.target_year is not None
        or target.first_year is not None
        or target.activity_year is not None
    ):
        columns.append(terms)
    key = np.zeros(n, dtype=np.int64)
    missing = np.zeros(n, dtype=bool)
    for column in columns:
        codes, uniques = pd.factorize(column, use_na_sentinel=True)
        missing |= codes < 0
        key, _ = pd.factorize(key * (len(uniques) + 1) + codes + 1)
    applies = np.zeros(n, dtype=bool)
    notes = _texts(n)
    reasons = _texts(n)

    def one(i: int) -> tuple[bool, str, str]:
        kind = kinds.iloc[i] if kinds is not None else None
        return _applicability(
            target, terms.iloc[i], levels.iloc[i], kind, any_term=any_term, lang=lang
        )

    present = np.flatnonzero(~missing)
    if len(present):
        groups, first = np.unique(key[present], return_index=True)
        results = [one(int(present[i])) for i in first]
        position = np.searchsorted(groups, key[present])
        applies[present] = np.array([r[0] for r in results], dtype=bool)[position]
        notes[present] = _objects([r[1] for r in results])[position]
        reasons[present] = _objects([r[2] for r in results])[position]
    for i in np.flatnonzero(missing):
        applies[i], notes[i], reasons[i] = one(int(i))
    return applies, notes, reasons


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
        An empty result is an all-clear only when some row was assessed: when none was,
        :class:`NothingAssessedWarning` says so and ``attrs["nothing_assessed"]`` is True.

    Examples
    --------
    >>> import pandas as pd
    >>> counts = pd.DataFrame({
    ...     "term": ["2015-2020"] * 3, "unit_id": ["A", "B", "C"], "unit_name": ["A", "B", "C"],
    ...     "level": ["district"] * 3, "body": ["party_committee"] * 3,
    ...     "total": [20, 40, 40], "female": [2, 3, 9]})
    >>> shortfalls(check(counts, "36-CT/TW"))[["unit_id", "share", "seats_needed"]]
      unit_id  share  seats_needed
    0       B  0.075             3
    1       A  0.100             1
    """
    _require_compliance(compliance, "shortfalls")
    _warn_if_nothing_assessed(compliance)
    below = compliance[compliance["status"] == Status.BELOW.value]
    key = below["seats_needed"].astype("Float64").fillna(np.inf).astype("float64")
    order = np.lexsort((below["share"].to_numpy(dtype="float64"), -key.to_numpy()))
    out = below.iloc[order].reset_index(drop=True)
    out.attrs["nothing_assessed"] = nothing_assessed(compliance)
    return out


def summarise(
    compliance: pd.DataFrame,
    *,
    by: Sequence[str] = (TERM, LEVEL, BODY, TARGET_ID),
    targets: Iterable[Target] = (),
    warn: bool = True,
) -> pd.DataFrame:
    """Summarise a compliance frame: how many units meet each target, pooled share, women needed.

    The one summary of the compliance frame: the tables, the charts, the workbook, the page and
    the CLI all take their numbers from it.

    Parameters
    ----------
    compliance : pandas.DataFrame
        The output of :func:`check`.
    by : sequence of str, default ``("term", "level", "body", "target_id")``
        The groups; ``("term", "target_id")`` pools every level and body, ``()`` the whole frame.
    targets : iterable of Target, optional
        User targets used in :func:`check` that are not in the catalogue (to find their rules).
    warn : bool, default True
        Warn with :class:`NothingAssessedWarning` when no row was assessed (``False`` for a
        caller that says so itself, such as a table or the report).

    Returns
    -------
    pandas.DataFrame
        One row per group: the ``by`` columns, ``rule``, ``document``, ``numerator`` (the
        group the targets count: ``female``, ``under_40``; joined by ", " when several),
        ``n_rows`` (every row of
        the group), ``n_units`` (rows assessed: met, below or above range), ``n_met`` (rows
        meeting the target: met **or above the range** — exceeding a range is not a shortfall),
        ``n_below``, ``n_above_range`` (of the ``n_met``, those above the range),
        ``n_not_applicable``, ``n_no_data``, ``label`` (``"k/n"``: meeting of assessed),
        ``total`` and ``part`` (sums over assessed rows), ``pooled_share`` (``part / total``,
        never a mean of shares; NaN when nothing was assessed), ``total_all`` and ``part_all``
        (the same sums over every row of the group, assessed or not, whose total and count are
        both known: the body as it stands, for tables that show every unit's members), ``seats_needed`` (the women
        needed, see Notes), ``unit_share`` (``n_met / n_units``), and for share-of-units targets
        ``unit_share_target`` (float), ``unit_share_met`` (boolean, exact) and
        ``units_needed`` (how many more units must meet the unit rule: 0 when met); ``<NA>``
        otherwise.  Every assessed row is counted once: ``n_units = (n_met − n_above_range) +
        n_above_range + n_below``.  When no row of the frame was assessed,
        :class:`NothingAssessedWarning` says so and ``attrs["nothing_assessed"]`` is True.

    Notes
    -----
    **Women needed** (``seats_needed``): for each term × unit × body of the group, the largest
    ``seats_needed`` among its rows below target (one woman elected counts toward every target of
    that body), summed over the term × unit × body.  With one target per group (the default
    ``by``) this is the sum over the rows below target; over several targets it never counts a
    woman twice.  Rows whose need is ``<NA>`` (not reachable at this size) count 0.  A group of
    one share-of-units target (28/NQ-CP: 60 % of the units have a woman key leader) needs no
    woman once its share of units is met; short of it by ``k`` units, it needs the women of the
    ``k`` units below the unit rule that need the fewest — the least that reaches the share.

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

    Three councils at 6, 7 and 9 of 20 against 35–40 %: two meet the range (one of them above it):

    >>> councils = pd.DataFrame({
    ...     "term": ["2016-2021"] * 3, "unit_id": ["P", "Q", "R"], "unit_name": ["P", "Q", "R"],
    ...     "level": ["district"] * 3, "body": ["peoples_council"] * 3,
    ...     "total": [20, 20, 20], "female": [6, 7, 9]})
    >>> summarise(check(councils, "11-NQ/TW:b"))[["label", "n_met", "n_above_range", "n_below"]]
      label  n_met  n_above_range  n_below
    0   2/3      2              1        1

    Two targets of one body pooled: the unit short of 1 and of 3 women needs 3, not 4:

    >>> frame = pd.DataFrame({
    ...     "term": ["2020-2025"] * 2, "unit_id": ["A"] * 2, "body": ["party_committee"] * 2,
    ...     "target_id": ["x", "y"], "rule": ["≥ 15%", "≥ 25%"], "total": [20, 20],
    ...     "female": [2, 2], "status": ["below", "below"],
    ...     "seats_needed": pd.array([1, 3], dtype="Int64")})
    >>> summarise(frame, by=())[["n_units", "n_below", "seats_needed"]]
       n_units  n_below  seats_needed
    0        2        2             3
    """
    _require_compliance(compliance, "summarise")
    # the counts as every pooled function takes them: categoricals of texts decoded, counts held
    # as text or categoricals read as whole numbers (never added up as text), terms canonical
    numerators = [c for c in dict.fromkeys(counted_groups(compliance)) if c in compliance.columns]
    compliance = require_whole_counts(compliance, numerators, pooled=False)
    if warn:
        _warn_if_nothing_assessed(compliance)
    by = list(by)
    ids = compliance[TARGET_ID].dropna().unique() if TARGET_ID in compliance.columns else ()
    rules = _rules_by_id(ids, targets, compliance)
    groups = (
        compliance.groupby(by, sort=True, observed=True, dropna=False) if by else [((), compliance)]
    )
    rows = [_summary_row(by, key, group, rules) for key, group in groups]
    out = pd.DataFrame(rows, columns=[*by, *_SUMMARY_COLUMNS])
    out = out.astype({"unit_share_met": "boolean", "pooled_share": "float64"})
    out = out.astype({"units_needed": "Int64"})
    out.attrs["nothing_assessed"] = nothing_assessed(compliance)
    return out


#: The columns of :func:`summarise` after the ``by`` columns.
_SUMMARY_COLUMNS = (
    RULE,
    DOCUMENT,
    NUMERATOR,
    "n_rows",
    "n_units",
    "n_met",
    "n_below",
    "n_above_range",
    "n_not_applicable",
    "n_no_data",
    "label",
    TOTAL,
    "part",
    "pooled_share",
    "total_all",
    "part_all",
    SEATS_NEEDED,
    "unit_share",
    "unit_share_target",
    "unit_share_met",
    "units_needed",
)


def _summary_row(
    by: list[str], key: Any, group: pd.DataFrame, rules: dict[str, Rule]
) -> dict[str, Any]:
    """Return one row of :func:`summarise` for one group."""
    keys = key if isinstance(key, tuple) else (key,)
    status = group[STATUS]
    assessed = group[status.isin(ASSESSED)]
    n_units = len(assessed)
    n_met = int(status.isin(MEETING).sum())
    total = _column_sum(assessed, TOTAL)
    part = _numerator_sum(assessed)
    below = group[status == Status.BELOW.value]
    share_rule: ShareOfUnits | None = None
    ids = list(group[TARGET_ID].unique()) if TARGET_ID in group.columns else []
    if len(ids) == 1:
        rule = rules.get(ids[0])
        share_rule = rule if isinstance(rule, ShareOfUnits) else None
    rules_text = group[RULE].dropna() if RULE in group.columns else ()
    documents = next((group[c].dropna() for c in (DOCUMENT, TARGET_ID) if c in group.columns), ())
    record: dict[str, Any] = dict(zip(by, keys, strict=True))
    record.update(
        {
            RULE: ", ".join(str(r) for r in dict.fromkeys(rules_text)),
            DOCUMENT: ", ".join(str(d) for d in dict.fromkeys(documents)),
            NUMERATOR: ", ".join(dict.fromkeys(counted_groups(group))),
            "n_rows": len(group),
            "n_units": n_units,
            "n_met": n_met,
            "n_below": len(below),
            "n_above_range": int((status == Status.ABOVE_RANGE.value).sum()),
            "n_not_applicable": int((status == Status.NOT_APPLICABLE.value).sum()),
            "n_no_data": int((status == Status.NO_DATA.value).sum()),
            "label": f"{n_met}/{n_units}",
            TOTAL: total,
            "part": part,
            "pooled_share": part / total if total else _NAN,
            **dict(zip(("total_all", "part_all"), _pooled_all(group), strict=True)),
            SEATS_NEEDED: (
                _share_needed(share_rule, n_met, n_units, below)
                if share_rule is not None
                else women_needed(below, _counted(group))
            ),
            "unit_share": n_met / n_units if n_units else _NAN,
            "unit_share_target": float(share_rule.share) if share_rule else _NAN,
            "unit_share_met": (
                share_rule.units_met(n_met, n_units) if share_rule and n_units else pd.NA
            ),
            "units_needed": (
                share_rule.more_units(n_met, n_units) if share_rule and n_units else pd.NA
            ),
        }
    )
    return record


def _share_needed(rule: ShareOfUnits, n_met: int, n_units: int, below: pd.DataFrame) -> int:
    """Return the women a share-of-units target still needs: 0 once its share of units is met.

    Short of the share by ``k`` units, the ``k`` units below the unit rule that need the fewest
    women (28/NQ-CP: one each) are the least that reaches it; a unit whose need is ``<NA>``
    counts 0, as in :func:`women_needed`.
    """
    more = rule.more_units(n_met, n_units)
    if not more or SEATS_NEEDED not in below.columns:
        return 0
    needs = np.sort(below[SEATS_NEEDED].dropna().astype("int64").to_numpy())
    return int(needs[:more].sum())


def counted_groups(frame: pd.DataFrame) -> pd.Series:
    """Return the group each compliance row counts: ``female`` unless its target counts another.

    The one reading of the ``numerator`` column (missing or absent: women), for the summaries,
    tables, charts and page that must not call members under 40 women.

    Examples
    --------
    >>> import pandas as pd
    >>> counted_groups(pd.DataFrame({"numerator": ["female", None, "under_40"]})).tolist()
    ['female', 'female', 'under_40']
    >>> counted_groups(pd.DataFrame({"total": [3]})).tolist()
    ['female']
    """
    if NUMERATOR not in frame.columns:
        return pd.Series(FEMALE, index=frame.index, dtype=object)
    return frame[NUMERATOR].astype(object).fillna(FEMALE).astype(str).astype(object)


def _counted(group: pd.DataFrame) -> str:
    """Return the numerator whose needs a summary group counts: women, if any row counts them."""
    numerators = counted_groups(group)
    return FEMALE if numerators.empty or (numerators == FEMALE).any() else str(numerators.iloc[0])


def women_needed(below: pd.DataFrame, numerator: str = FEMALE) -> int:
    """Return the women still needed by rows below target (the one definition; see :func:`summarise`).

    For each term × unit × body, the largest ``seats_needed`` of its rows (one woman counts
    toward every target of that body), summed; ``<NA>`` counts 0.  Only the rows of one
    ``numerator`` are counted, ``female`` by default: the members under 40 that a 35-CT/TW
    (2019) c row needs may be men, and are never added to the women (``numerator="under_40"``
    gives them, for a summary of that target alone).

    Examples
    --------
    >>> import pandas as pd
    >>> below = pd.DataFrame({
    ...     "term": ["2020-2025"] * 3, "unit_id": ["A", "A", "B"],
    ...     "body": ["party_committee", "party_committee", "party_committee"],
    ...     "seats_needed": pd.array([1, 3, 2], dtype="Int64")})
    >>> women_needed(below)
    5
    >>> women_needed(below.assign(numerator=["female", "under_40", "female"]))
    3
    """
    if SEATS_NEEDED not in below.columns or below.empty:
        return 0
    if NUMERATOR in below.columns:
        below = below[(below[NUMERATOR].astype(object).fillna(FEMALE) == numerator).to_numpy(bool)]
    needed = below[SEATS_NEEDED].astype("Int64").fillna(0).astype("int64")
    unit = UNIT_ID if UNIT_ID in below.columns else UNIT_NAME
    keys = [below[k] for k in (TERM, unit, BODY) if k in below.columns]
    if not keys:
        return int(needed.sum())
    return int(needed.groupby(keys, sort=False, dropna=False).max().sum())


def _column_sum(rows: pd.DataFrame, column: str) -> int:
    """Sum a count column (0 when the frame has no such column; missing counts are skipped)."""
    return int(rows[column].sum()) if column in rows.columns else 0


def _pooled_all(rows: pd.DataFrame) -> tuple[int, int]:
    """Return the members and the counted group (women, under 40) of every row with both known.

    A row whose total or whose own numerator is missing is left out of both sums, so the two
    numbers always describe the same units (not 9 women of one set of units over 70 members of
    another).

    Examples
    --------
    >>> import pandas as pd
    >>> rows = pd.DataFrame({"total": pd.array([40, None, 30], dtype="Int64"),
    ...                      "female": pd.array([6, 3, None], dtype="Int64")})
    >>> _pooled_all(rows)
    (40, 6)
    """
    if TOTAL not in rows.columns:
        return 0, 0
    names = counted_groups(rows)
    known = rows[TOTAL].notna().to_numpy(dtype=bool, copy=True)
    part = 0
    for name in names.unique():
        mine = (names == name).to_numpy(dtype=bool)
        if name not in rows.columns:
            known &= ~mine
            continue
        known &= ~mine | rows[name].notna().to_numpy(dtype=bool)
        part += int(rows.loc[mine & known, name].sum())
    return int(rows.loc[known, TOTAL].sum()), part


def _numerator_sum(rows: pd.DataFrame) -> int:
    """Sum each row's own numerator column (``female``, ``under_40``, ...)."""
    names = counted_groups(rows)
    return sum(
        int(rows.loc[names == name, name].sum()) for name in names.unique() if name in rows.columns
    )


#: ``attrs`` key of a compliance frame: the :class:`Target` objects :func:`check` applied.
TARGETS_ATTR = "targets"


class _Applied(tuple[str, ...]):
    """The targets :func:`check` applied, as kept in ``attrs``: their ids, and the targets.

    A tuple of the ids, so that ``attrs`` stays JSON (``to_parquet`` writes it so), holding the
    :class:`Target` objects beside (:attr:`targets`).  pandas deep-copies ``attrs`` at every
    operation on a frame (each column taken, each row selected): copying the targets, their
    rules and sources each time made :func:`summarise` three times slower.  Targets are
    frozen and this tuple is never changed, so a copy is the tuple itself.
    """

    targets: tuple[Target, ...]

    def __new__(cls, targets: Iterable[Target]) -> _Applied:
        kept = tuple(targets)
        self = super().__new__(cls, (t.id for t in kept))
        self.targets = kept
        return self

    def __copy__(self) -> _Applied:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> _Applied:
        return self


def applied_targets(compliance: pd.DataFrame) -> tuple[Target, ...]:
    """Return the targets :func:`check` applied to a compliance frame (yours included).

    From ``attrs["targets"]``; for a frame without it (read back from a file), the catalogue's
    targets of the frame's ``target_id`` values.

    Examples
    --------
    >>> import pandas as pd
    >>> counts = pd.DataFrame({
    ...     "term": ["2015-2020"], "unit_id": ["A"], "unit_name": ["A"], "level": ["district"],
    ...     "body": ["party_committee"], "total": [20], "female": [2]})
    >>> [t.id for t in applied_targets(check(counts, "36-CT/TW"))]
    ['36-CT/TW:a']
    """
    given = compliance.attrs.get(TARGETS_ATTR)
    if isinstance(given, _Applied):
        return given.targets
    ids = set(compliance[TARGET_ID].dropna().astype(str)) if TARGET_ID in compliance else set()
    return tuple(t for t in get_targets() if t.id in ids)


def _rules_by_id(
    ids: Iterable[str], targets: Iterable[Target] = (), compliance: pd.DataFrame | None = None
) -> dict[str, Rule]:
    """Return the rule of each target id: the user's targets first, then the catalogue."""
    applied = applied_targets(compliance) if compliance is not None else ()
    rules = {t.id: t.rule for t in (*applied, *targets)}
    catalogue = {t.id: t.rule for t in get_targets()}
    return {i: rules.get(i) or catalogue[i] for i in ids if i in rules or i in catalogue}


# ---------------------------------------------------------------------------------------------
# What was assessed


def nothing_assessed(compliance: pd.DataFrame) -> bool:
    """Say whether no row of a compliance frame was assessed (met, below or above range).

    Examples
    --------
    >>> import pandas as pd
    >>> nothing_assessed(pd.DataFrame({"status": ["not_applicable", "no_data"]}))
    True
    """
    return not bool(compliance["status"].isin(ASSESSED).any())


def _warn_if_nothing_assessed(compliance: pd.DataFrame) -> None:
    if nothing_assessed(compliance):
        warnings.warn(NothingAssessedWarning(_nothing_message(compliance)), stacklevel=3)


def _nothing_message(compliance: pd.DataFrame) -> str:
    """Return the message of :class:`NothingAssessedWarning`: what was found and why."""
    if compliance.empty:
        return (
            f"{NOTHING_ASSESSED}: không có dòng nào thuộc phạm vi của chỉ tiêu "
            "(no counts row is in the scope of the targets). "
            "Hint: kiểm tra cơ quan, nhiệm kỳ và chỉ tiêu (check the bodies, the term and the "
            "targets; see list_targets())."
        )
    parts = [f"{NOTHING_ASSESSED}: {coverage(compliance)}"]
    uncovered = uncovered_terms(compliance)
    parts += [TERM_UNCOVERED.format(term=t) for t in uncovered]
    if "reason" in compliance.columns:
        scope = compliance["reason"].isin(OUT_OF_SCOPE)
        whole = scope.groupby(compliance[TERM].astype(str), sort=False).all()
        chosen = [t for t in whole.index[whole.to_numpy(dtype=bool)] if t not in uncovered]
        parts += [TERM_NOT_CHOSEN.format(term=t) for t in sorted(chosen, key=term_bounds)[::-1]]
    return ". ".join(parts) + "."


def uncovered_terms(compliance: pd.DataFrame) -> tuple[str, ...]:
    """Return the terms of a compliance frame to which no target applied, latest first.

    A term is uncovered when the targets in force were asked for (``targets=None``) and no
    catalogue target applies to any of its rows (``reason`` ``no_target``): nothing in it was
    judged, and nothing can be until a target is given.

    Examples
    --------
    >>> import pandas as pd
    >>> counts = pd.DataFrame({
    ...     "term": ["2030-2035", "2015-2020"], "unit_id": ["A", "A"], "unit_name": ["A", "A"],
    ...     "level": ["district"] * 2, "body": ["party_committee"] * 2,
    ...     "total": [30, 30], "female": [3, 6]})
    >>> uncovered_terms(check(counts))
    ('2030-2035',)
    """
    if compliance.empty or "reason" not in compliance.columns:
        return ()
    none = compliance["reason"] == "no_target"
    whole = none.groupby(compliance[TERM].astype(str), sort=False).all()
    return tuple(sorted(whole.index[whole.to_numpy(dtype=bool)], key=term_bounds, reverse=True))


def targets_used(compliance: pd.DataFrame) -> pd.DataFrame:
    """Return which targets were applied to which term, and how many rows each assessed.

    Parameters
    ----------
    compliance : pandas.DataFrame
        The output of :func:`check`.

    Returns
    -------
    pandas.DataFrame
        One row per term × target applied to at least one row (terms latest first, targets in
        frame order): ``term``, ``target_id``, ``document``, ``rule``, ``n_rows`` (rows in its
        scope) and ``n_assessed`` (of them, met, below or above range).

    Examples
    --------
    >>> import pandas as pd
    >>> counts = pd.DataFrame({
    ...     "term": ["2020-2025", "2015-2020"], "unit_id": ["A", "A"], "unit_name": ["A", "A"],
    ...     "level": ["district"] * 2, "body": ["standing_committee"] * 2,
    ...     "total": [9, 9], "female": [1, 0]})
    >>> targets_used(check(counts))[["term", "target_id", "n_assessed"]]
            term        target_id  n_assessed
    0  2020-2025  35-CT/TW-2019:b           1
    1  2020-2025  35-CT/TW-2019:c           0
    2  2015-2020       36-CT/TW:b           1

    (35-CT/TW (2019) c, the floor on members under 40, applies too; it needs an ``under_40``
    column, so its row is ``no_data``.)
    """
    _require_compliance(compliance, "targets_used", ("status", "target_id", "term"))
    columns = ["term", "target_id", "document", "rule", "n_rows", "n_assessed"]
    if compliance.empty:
        return pd.DataFrame(
            {c: pd.Series(dtype="int64" if c.startswith("n_") else "str") for c in columns}
        )
    reason = (
        compliance["reason"] if "reason" in compliance.columns else pd.Series("", compliance.index)
    )
    applied = compliance[~reason.isin(OUT_OF_SCOPE).to_numpy(dtype=bool)]
    applied = applied[applied["target_id"].notna().to_numpy(dtype=bool)]
    rows = []
    for (term, target_id), group in applied.groupby([TERM, "target_id"], sort=False):
        rows.append(
            {
                "term": term,
                "target_id": target_id,
                "document": group["document"].iloc[0] if "document" in group.columns else target_id,
                "rule": group["rule"].iloc[0],
                "n_rows": len(group),
                "n_assessed": int(group["status"].isin(ASSESSED).sum()),
            }
        )
    out = pd.DataFrame(rows, columns=columns)
    if out.empty:
        return out.astype({"n_rows": "int64", "n_assessed": "int64"})
    order = sorted(range(len(out)), key=lambda i: -term_bounds(str(out["term"].iloc[i]))[0])
    return out.iloc[order].reset_index(drop=True)


_COVERAGE: dict[str, dict[str, str]] = {
    "vi": {
        "line": "đánh giá {assessed}/{rows} dòng",
        "na": "{n} không áp dụng",
        "nd": "{n} thiếu số liệu",
        "column": "thiếu cột {column}",
    },
    "en": {
        "line": "assessed {assessed} of {rows} rows",
        "na": "{n} not applicable",
        "nd": "{n} no data",
        "column": "no {column} column",
    },
}


def coverage(compliance: pd.DataFrame, *, lang: str | None = None) -> str:
    """Say how much of a compliance frame was assessed, and why the rest was not.

    Parameters
    ----------
    compliance : pandas.DataFrame
        The output of :func:`check`.
    lang : {"vi", "en"}, optional
        One language; by default Vietnamese with the English in brackets.

    Returns
    -------
    str
        ``"assessed 47 of 100 rows; 53 not applicable (50 no target in the catalogue applies:
        staff 2015-2020; 3 condition not met)"``; the not-applicable and no-data parts only when
        there are such rows, each with its reasons, most frequent first.

    Examples
    --------
    >>> import pandas as pd
    >>> counts = pd.DataFrame({
    ...     "term": ["2015-2020"] * 3, "unit_id": ["A", "B", "A"], "unit_name": ["A", "B", "A"],
    ...     "level": ["district"] * 3, "body": ["party_committee"] * 2 + ["staff"],
    ...     "total": [30, 30, 100], "female": [3, 6, 40]})
    >>> coverage(check(counts, "36-CT/TW:a"), lang="en")
    'assessed 2 of 2 rows'
    >>> coverage(check(counts, ["36-CT/TW:a", "35-CT/TW-2019:a"]), lang="en")
    "assessed 2 of 4 rows; 2 not applicable (2 outside the target's terms)"
    """
    _require_compliance(compliance, "coverage")
    if lang not in (None, "vi", "en"):
        raise ArgumentError(f"lang={lang!r} không hợp lệ (invalid); chọn 'vi' hoặc 'en'")
    if lang is None:
        return f"{coverage(compliance, lang='vi')} ({coverage(compliance, lang='en')})"
    words = _COVERAGE[lang]
    index = 0 if lang == "vi" else 1
    status = compliance["status"]
    reason = (
        compliance["reason"].fillna("")
        if "reason" in compliance.columns
        else pd.Series("", compliance.index)
    )
    parts = [words["line"].format(assessed=int(status.isin(ASSESSED).sum()), rows=len(status))]
    for code, key in ((Status.NOT_APPLICABLE.value, "na"), (Status.NO_DATA.value, "nd")):
        mask = (status == code).to_numpy(dtype=bool)
        n = int(mask.sum())
        if not n:
            continue
        rows = compliance[mask]
        why = reason[mask]
        details = []
        for name, count in why.value_counts(sort=True).items():
            text = REASONS.get(str(name), (str(name), str(name)))[index] if name else "?"
            picked = rows[(why == name).to_numpy(dtype=bool)]
            if name == "no_column":
                columns = ", ".join(dict.fromkeys(picked["numerator"].astype(str)))
                text = words["column"].format(column=columns)
            elif name == "no_target":
                pairs = list(
                    dict.fromkeys(
                        f"{b} {t}" for b, t in zip(picked[BODY], picked[TERM], strict=True)
                    )
                )
                shown = ", ".join(pairs[:4]) + (", …" if len(pairs) > 4 else "")
                text = f"{text}: {shown}"
            details.append(f"{int(count)} {text}")
        parts.append(words[key].format(n=n) + (f" ({'; '.join(details)})" if details else ""))
    return "; ".join(parts)


def _require_compliance(frame: object, func: str, columns: Sequence[str] = ("status",)) -> None:
    """Raise a clear error unless ``frame`` is a compliance frame (the output of :func:`check`)."""
    require_frame(
        frame,
        columns,
        func,
        f"compliance = gs.check(counts); gs.{func}(compliance)",
        expected=("bảng kết quả của gs.check", "a compliance frame from gs.check"),
    )
