"""Planning: seats to keep for women (bầu thiếu), candidate lists, and needs at the next congress.

Every answer is exact: thresholds are :class:`fractions.Fraction` shares and probabilities are
computed as Fractions from binomial coefficients.  A question with no answer raises
:class:`~gender_stats.errors.PlanningError` with a message that says why.

Examples
--------
>>> seats_to_keep(planned_size=45, elected=40, women_elected=4).k
3
>>> odds = candidate_list_odds(seats=5, candidates=8, women=3, target=Fraction(1, 5))
>>> odds.probability
Fraction(55, 56)
"""

from __future__ import annotations

import dataclasses
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any, overload

import numpy as np
import pandas as pd

from gender_stats.compliance import NOTE, NUMERATOR, RULE, STATUS, TARGET_ID
from gender_stats.errors import ArgumentError, PlanningError, require_frame
from gender_stats.schema import BODY, FEMALE, LEVEL, TERM, TOTAL, UNIT_ID, UNIT_NAME
from gender_stats.targets import Floor, Rule, ShareOfUnits, Status, Target, get_targets, percent

__all__ = [
    "SEATS_COLUMNS",
    "CandidateOdds",
    "SeatsToKeep",
    "candidate_list_odds",
    "min_women_on_list",
    "next_term_needs",
    "seats_to_keep",
]

TargetLike = str | Target | Rule | Fraction


# Messages of PlanningError (Vietnamese, English in brackets, the value, a Hint).
SHARE_RANGE = (
    "tỷ lệ phải trong [0, 1] (a share must be in [0, 1]), got {value}. Hint: Fraction(3, 20) "
    "hoặc '15%' (a share of one, or a percentage as text)."
)
TARGET_TYPE = (
    "cần mã chỉ tiêu, Target, Rule, phân số hoặc chữ như '15%' (expected a target id, a Target, a "
    "Rule, a Fraction share or text like '15%'), got {value!r} (floats are refused: write "
    "Fraction('0.15') or '15%'). Hint: target='36-CT/TW:a' (see gs.list_targets())."
)
NOT_A_NUMBER = (
    "{name} phải là một số ({name} must be a number), got {value!r}. Hint: Fraction(3, 5) hoặc "
    "chữ thập phân '0.6' (a Fraction or decimal text)."
)
NOT_EXACT = (
    "{name} phải là số chính xác (must be exact: Fraction or decimal text like '0.6'), got float "
    "{value!r}. Hint: {name}='{value}' (the float's decimal text)."
)
NOT_WHOLE = (
    "{name} phải là số nguyên ≥ {low} ({name} must be a whole number ≥ {low}), got {value!r}. "
    "Hint: số người là số nguyên, ví dụ 45 (a head count is a whole number such as 45)."
)
GIVE_BOTH = (
    "cho cả hai success_women và success_men, hoặc không cho cả hai (give both success_women "
    "and success_men, or neither), got success_women={women!r}, success_men={men!r}. Hint: "
    "success_women='0.6', success_men='0.5' (tỷ lệ trúng cử trong lịch sử, historical rates), "
    "hoặc bỏ cả hai cho mô hình đều (or neither for the uniform model)."
)
RATE_RANGE = (
    "{name} phải lớn hơn 0 và nhỏ hơn 1 ({name} must be strictly between 0 and 1), got {value}. "
    "Hint: tỷ lệ trúng cử trong lịch sử, ví dụ '0.6' (a historical success rate such as '0.6')."
)
CANDIDATES_BELOW_SEATS = (
    "số ứng cử viên không ít hơn số ghế (candidates ({candidates}) must be at least seats "
    "({seats})). Hint: danh sách bầu có ít nhất {seats} người (a list of at least {seats})."
)
WOMEN_ABOVE_CANDIDATES = (
    "số nữ không vượt số ứng cử viên (women ({women}) must not exceed candidates "
    "({candidates})). Hint: women là số nữ trong danh sách (the women among the candidates)."
)
NO_COUNT_MEETS = (
    "{who}không số nữ nào trong {seats} ghế đạt {rule} ({en}no number of women in {seats} seats "
    "meets {rule}). Hint: cần n nữ thì cần ít nhất n ghế (a presence of n women needs n seats "
    "or more)."
)
PROBABILITY_RANGE = (
    "xác suất phải trong (0, 1] (probability must be in (0, 1]), got {value}. "
    "Hint: probability='0.9' (nine chances in ten)."
)


def _rule(target: TargetLike) -> Rule:
    """Resolve a target id, a Target, a Rule or a share (Fraction, or text like ``"15%"``)."""
    if isinstance(target, Rule):
        rule = target
    elif isinstance(target, Target):
        rule = target.rule
    elif isinstance(target, Fraction):
        if not 0 <= target <= 1:
            raise PlanningError(SHARE_RANGE.format(value=target))
        rule = Floor(target)
    elif isinstance(target, str) and "%" in target:
        rule = _share_rule(target)
    elif isinstance(target, str):
        found = get_targets(target)
        if len(found) != 1:
            raise PlanningError(
                f"cần đúng một chỉ tiêu (expected one target), got {len(found)} for {target!r}. "
                'Hint: ghi mã như "36-CT/TW:a", không ghi văn bản '
                '(give an id such as "36-CT/TW:a", not a document).'
            )
        rule = found[0].rule
    else:
        raise PlanningError(TARGET_TYPE.format(value=target))
    return rule.unit_rule()


#: A share written as text: ``≥ 15%``, ``>= 15%``, ``> 35%``, ``15%``, and the comparison words
#: of the documents (``từ 15% trở lên``, ``không dưới 15%``, ``ít nhất 35%``: at least;
#: ``trên 35%``: strictly more than).
_SHARE_TEXT = re.compile(
    r"^(?P<op>>=|=>|≥|>|từ|không dưới|khong duoi|ít nhất|it nhat|trên|tren)?\s*"
    r"(?P<number>\d+(?:[.,]\d+)?)\s*%\s*(?P<after>trở lên|tro len)?$",
    re.IGNORECASE,
)
_STRICT_WORDS = (">", "trên", "tren")
SHARE_TEXT = (
    "target={value!r}: cần chữ như '15%', '≥ 15%', '> 35%' hoặc 'trên 35%' (expected a share "
    "as text such as '15%', '≥ 15%', '> 35%' or 'trên 35%', a percentage from 0 to 100). "
    "Hint: '>=' và 'từ ... trở lên' là ≥, '>' và 'trên' là > (at least / strictly more than); "
    "giới hạn trên như '< 15%' không phải chỉ tiêu (an upper limit is not a target)."
)


def _share_rule(target: str) -> Rule:
    """Return the floor a share written as text means (``>= 15%`` is at least, ``> 35%`` more)."""
    text = " ".join(unicodedata.normalize("NFC", target).split())
    match = _SHARE_TEXT.match(text)
    if match is None or (match["after"] and match["op"] and match["op"].casefold() != "từ"):
        raise PlanningError(SHARE_TEXT.format(value=target))
    op = (match["op"] or "").casefold()
    share = percent(match["number"] + "%")
    if share > 1:
        raise PlanningError(SHARE_TEXT.format(value=target))
    return Floor(share, strict=op in _STRICT_WORDS)


def _exact(value: Any, name: str, *, floats: bool = False) -> Fraction:
    """Return ``value`` as an exact Fraction; a float only when ``floats`` (via its decimal text).

    ``repr`` of a float is the shortest text that reads back as it, so ``0.9`` gives ``9/10``, not
    the binary value ``0.90000000000000002220…``.
    """
    if floats and isinstance(value, float) and not isinstance(value, bool):
        if not math.isfinite(value):
            raise PlanningError(NOT_A_NUMBER.format(name=name, value=value))
        return Fraction(repr(value))
    if isinstance(value, bool | float):
        raise PlanningError(NOT_EXACT.format(name=name, value=value))
    try:
        out = Fraction(value)
    except (TypeError, ValueError) as err:
        raise PlanningError(NOT_A_NUMBER.format(name=name, value=value)) from err
    return out


#: The columns next_term_needs reads from a compliance frame.
_COMPLIANCE_NEEDS = (TERM, UNIT_ID, BODY, TOTAL, TARGET_ID, STATUS)


def _require_compliance(frame: object, func: str = "next_term_needs") -> None:
    """Refuse what is not a compliance frame, saying what to call first."""
    require_frame(
        frame,
        _COMPLIANCE_NEEDS,
        func,
        f"{func}(counts) hoặc {func}(gs.check(counts))",
        expected=(
            "bảng số liệu hoặc kết quả của gs.check",
            "a counts frame or the compliance frame of gs.check",
        ),
    )


def _whole(value: Any, name: str, *, low: int = 0) -> int:
    """Return a head count: an ``int`` (a numpy integer too, as read from a frame) ≥ ``low``."""
    if isinstance(value, np.integer):
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise PlanningError(NOT_WHOLE.format(name=name, low=low, value=value))
    return value


# ---------------------------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class SeatsToKeep:
    """The answer of :func:`seats_to_keep`.

    Attributes
    ----------
    k : int
        Seats to keep vacant now and fill later by appointing women.
    planned_size, elected, women_elected : int
        The question.
    final_size, final_women : int
        ``elected + k`` and ``women_elected + k``.
    final_share : Fraction
        ``final_women / final_size``.
    vacant_left : int
        Planned seats that stay empty (``planned_size − final_size``).
    rule : str
        The rule in words.
    """

    k: int
    planned_size: int
    elected: int
    women_elected: int
    final_size: int
    final_women: int
    final_share: Fraction
    vacant_left: int
    rule: str


#: Columns of :func:`seats_to_keep` over a table, in order (``level`` when the input has it).
SEATS_COLUMNS: tuple[str, ...] = (
    TERM,
    UNIT_ID,
    UNIT_NAME,
    LEVEL,
    BODY,
    TARGET_ID,
    RULE,
    "planned_size",
    "elected",
    "women_elected",
    "k",
    "final_size",
    "final_women",
    "final_share",
    "vacant_left",
    "reachable",
    NOTE,
)

NOT_ENOUGH_SEATS = (
    "không đủ ghế (not enough seats): {w} nữ / {e} trúng cử, {vacant} ghế trống; bổ sung nữ vào "
    "cả {vacant} ghế được {reach}/{n}, vẫn chưa đạt {rule} ({w} women of {e} elected, {vacant} "
    "vacant seats; even appointing women to all {vacant} gives {reach}/{n}, which does not meet "
    "{rule}). Hint: cần bầu thêm nữ tại đại hội (more women must be elected at the congress)."
)
ELECTED_ABOVE_PLANNED = (
    "{who}số trúng cử không vượt số dự kiến (elected ({e}) must not exceed planned_size ({n})). "
    "Hint: planned_size là số ủy viên dự kiến, không ít hơn số đã bầu (the planned size is at "
    "least the number elected)."
)
WOMEN_ABOVE_ELECTED = (
    "số nữ trúng cử không vượt số trúng cử (women_elected ({w}) must not exceed elected ({e})). "
    "Hint: women_elected là số nữ trong số đã bầu (the women among those elected)."
)
SCALAR_NEEDS = (
    "seats_to_keep() cần planned_size (hoặc vacant), elected và women_elected, hoặc một bảng "
    "số liệu (expected planned_size (or vacant), elected and women_elected, or a counts or "
    "compliance frame); thiếu (missing) {missing}. Hint: seats_to_keep(planned_size=45, "
    "elected=40, women_elected=4) hoặc seats_to_keep(counts, vacant=4)."
)
FRAME_NEEDS_SIZE = (
    "seats_to_keep(frame): cần planned_size= hoặc vacant= (số nguyên hoặc bảng unit_id → số), "
    "hoặc cột planned_size (expected planned_size= or vacant=, an int or a mapping unit_id → "
    "int, or a planned_size column). Hint: seats_to_keep(counts, vacant=4)."
)
FRAME_SCALARS = (
    "seats_to_keep(frame): elected và women_elected lấy từ bảng (total và số nữ), không cho "
    "riêng (elected and women_elected come from the frame's total and women; got {given})."
)
BOTH_SIZES = (
    "cho planned_size hoặc vacant, không cho cả hai (give planned_size or vacant, not both). "
    "Hint: planned_size = elected + vacant."
)
JUDGED_SHARE = (
    "seats_to_keep(compliance, target={target!r}): bảng kết quả của gs.check đã có chỉ tiêu của "
    "từng dòng (a compliance frame is judged already: each row has its target). Hint: cho "
    "target là mã chỉ tiêu để lọc (a target id to filter), hoặc cho bảng số liệu (pass counts)."
)


def _is_share(target: object) -> bool:
    """Tell a share-like target (a Fraction, a Rule, ``"15%"``) from catalogue ids."""
    if isinstance(target, Fraction | Rule):
        return True
    return isinstance(target, str) and "%" in target


def _least_k(rule: Rule, n: int, e: int, w: int) -> int | None:
    """Least seats k ≤ n − e to fill with women so that the rule is met, or None."""
    k = rule.seats_needed_if_grow(e, w) if e else _least_from_empty(rule, n)
    return None if k is None or k > n - e else k


@overload
def seats_to_keep(
    frame: None = None,
    /,
    *,
    planned_size: int | None = None,
    elected: int | None = None,
    women_elected: int | None = None,
    vacant: int | None = None,
    target: TargetLike | None = None,
    targets: Iterable[Target] = (),
) -> SeatsToKeep: ...


@overload
def seats_to_keep(
    frame: pd.DataFrame,
    /,
    *,
    planned_size: int | Mapping[str, int] | None = None,
    elected: None = None,
    women_elected: None = None,
    vacant: int | Mapping[str, int] | None = None,
    target: TargetLike | None = None,
    targets: Iterable[Target] = (),
) -> pd.DataFrame: ...


def seats_to_keep(
    frame: pd.DataFrame | None = None,
    /,
    *,
    planned_size: int | Mapping[str, int] | None = None,
    elected: int | None = None,
    women_elected: int | None = None,
    vacant: int | Mapping[str, int] | None = None,
    target: TargetLike | None = None,
    targets: Iterable[Target] = (),
) -> SeatsToKeep | pd.DataFrame:
    """Return how many seats to keep for appointing women after the congress (bầu thiếu).

    The founding letter (2458/BVSTBCPN-VX, 2015) asks units that cannot yet reach the target to
    elect fewer members now and appoint qualified women to the vacant seats afterwards.

    Parameters
    ----------
    frame : pandas.DataFrame, optional (positional)
        A whole table instead of one committee: a counts frame (each row's ``total`` members
        elected, ``female`` of them women, checked first with :func:`gender_stats.check` against
        ``target``) or a compliance frame of :func:`gender_stats.check` (each judged row with its
        own target).  One row per unit × body × target is returned (see Returns).
    planned_size : int or mapping of unit_id to int
        The planned size ``N`` of the committee.  With a frame: one size for every row, a size per
        unit (a unit not in the mapping keeps no seat: ``N = E``), or a ``planned_size`` column.
    elected : int
        Members ``E ≤ N`` elected at the congress (one committee only).
    women_elected : int
        Women ``W ≤ E`` among them (one committee only).
    vacant : int or mapping of unit_id to int, optional
        Instead of ``planned_size``: the seats left vacant, ``N = E + vacant``.
    target : str, Target, Rule or Fraction, default ``"36-CT/TW:a"``
        A catalogue id, a target or rule (floor, strict floor, range low bound or presence), a
        :class:`~fractions.Fraction` share or text such as ``"15%"`` or ``"> 35%"``.  With a
        counts frame, an id or document selects the targets checked (and so the bodies, levels and
        terms they apply to) while a share applies to every row; with a compliance frame an id or
        document keeps the rows of those targets (default: every judged row).
    targets : iterable of Target, optional
        User targets of a compliance frame that are not in the catalogue.

    Returns
    -------
    SeatsToKeep or pandas.DataFrame
        For one committee, a :class:`SeatsToKeep`: ``k`` is the least number with
        ``(W + k)/(E + k) ≥ p`` (``> p`` for a strict floor, ``W + k ≥ n`` for presence of ``n``).
        For a frame, a new tidy frame, one row per judged row whose numerator is ``female``
        (``met``, ``below`` or ``above_range``; rows not applicable or without data are left out):
        ``term``, ``unit_id``, ``unit_name``, ``level``, ``body``, ``target_id``, ``rule``,
        ``planned_size``, ``elected``, ``women_elected``, ``k``, ``final_size``, ``final_women``,
        ``final_share`` (float, for display: the exact share is ``final_women/final_size``),
        ``vacant_left``, ``reachable`` (bool) and ``note``.  When even every vacant seat is not
        enough, ``reachable`` is False, ``k`` … ``vacant_left`` are ``<NA>`` and ``note`` says why
        (the message the one-committee call raises).  The input is not changed.

    Raises
    ------
    PlanningError
        If the inputs are inconsistent (``E > N``, ``W > E``, a size that is not a whole number)
        or, for one committee, if even ``k = N − E`` (every vacant seat to a woman) is not enough.

    Examples
    --------
    A committee planned at 45 elects 40 members, 4 of them women (10 %).  Keeping 2 seats gives
    6/42 ≈ 14.3 % < 15 %; keeping 3 gives 7/43 ≈ 16.3 %:

    >>> r = seats_to_keep(planned_size=45, elected=40, women_elected=4)
    >>> r.k, r.final_women, r.final_size, r.vacant_left
    (3, 7, 43, 2)

    Over a table: two district committees each elected with four seats left vacant.  A: 4/40,
    3 seats as above; B: 1/30, (1 + k)/(30 + k) ≥ 15 % needs k ≥ 4.12, more than the 4 seats:

    >>> counts = pd.DataFrame({
    ...     "term": ["2015-2020"] * 2, "unit_id": ["A", "B"], "unit_name": ["A", "B"],
    ...     "level": ["district"] * 2, "body": ["party_committee"] * 2,
    ...     "total": [40, 30], "female": [4, 1]})
    >>> seats_to_keep(counts, vacant=4)[["unit_id", "planned_size", "k", "final_women", "reachable"]]
      unit_id  planned_size     k  final_women  reachable
    0       A            44     3            7       True
    1       B            34  <NA>         <NA>      False
    """
    if frame is not None:
        if elected is not None or women_elected is not None:
            given = {"elected": elected, "women_elected": women_elected}
            raise PlanningError(
                FRAME_SCALARS.format(given={k: v for k, v in given.items() if v is not None})
            )
        return _seats_over_table(
            frame, planned_size=planned_size, vacant=vacant, target=target, targets=targets
        )
    if planned_size is not None and vacant is not None:
        raise PlanningError(BOTH_SIZES)
    missing = [
        name
        for name, value in (
            ("planned_size", planned_size if vacant is None else vacant),
            ("elected", elected),
            ("women_elected", women_elected),
        )
        if value is None
    ]
    if missing:
        raise PlanningError(SCALAR_NEEDS.format(missing=missing))
    if isinstance(planned_size, Mapping) or isinstance(vacant, Mapping):
        raise PlanningError(
            "planned_size/vacant theo đơn vị chỉ dùng với một bảng (a mapping by unit is for a "
            "frame). Hint: seats_to_keep(counts, planned_size={'TH-H01': 45})."
        )
    e = _whole(elected, "elected")
    n = (
        e + _whole(vacant, "vacant")
        if vacant is not None
        else _whole(planned_size, "planned_size", low=1)
    )
    w = _whole(women_elected, "women_elected")
    if e > n:
        raise PlanningError(ELECTED_ABOVE_PLANNED.format(who="", e=e, n=n))
    if w > e:
        raise PlanningError(WOMEN_ABOVE_ELECTED.format(w=w, e=e))
    rule = _rule("36-CT/TW:a" if target is None else target)
    k = _least_k(rule, n, e, w)
    if k is None:
        raise PlanningError(
            NOT_ENOUGH_SEATS.format(w=w, e=e, vacant=n - e, reach=w + n - e, n=n, rule=rule.label)
        )
    return SeatsToKeep(
        k=k,
        planned_size=n,
        elected=e,
        women_elected=w,
        final_size=e + k,
        final_women=w + k,
        final_share=Fraction(w + k, e + k),
        vacant_left=n - e - k,
        rule=rule.label,
    )


def _size_for(value: int | Mapping[str, int] | None, unit: str, default: int) -> Any:
    if value is None:
        return default
    if isinstance(value, Mapping):
        return value.get(unit, default)
    return value


def _seats_over_table(
    frame: object,
    *,
    planned_size: int | Mapping[str, int] | None,
    vacant: int | Mapping[str, int] | None,
    target: TargetLike | None,
    targets: Iterable[Target],
) -> pd.DataFrame:
    from gender_stats.compliance import check

    if not isinstance(frame, pd.DataFrame):
        raise ArgumentError(
            "seats_to_keep() cần một bảng số liệu hoặc kết quả của gs.check (expected a counts "
            f"or compliance pandas DataFrame), got {type(frame).__name__}. Hint: "
            "seats_to_keep(counts, vacant=4), or keyword arguments for one committee."
        )
    if planned_size is not None and vacant is not None:
        raise PlanningError(BOTH_SIZES)
    column = planned_size is None and vacant is None
    if column and "planned_size" not in frame.columns:
        raise PlanningError(FRAME_NEEDS_SIZE)
    if target is not None and not isinstance(target, str | Target):
        _rule(target)  # a Fraction or Rule is fine; anything else is refused with its message
    judged = TARGET_ID in frame.columns or STATUS in frame.columns
    user = {t.id: t for t in targets if isinstance(t, Target)}
    if isinstance(target, Target):
        user[target.id] = target
    if judged:
        _require_compliance(frame, "seats_to_keep")
        if target is not None and _is_share(target):
            raise ArgumentError(JUDGED_SHARE.format(target=target))
        rows = frame
        if target is not None:
            wanted = {t.id for t in get_targets(target)}  # type: ignore[arg-type]
            rows = rows[rows[TARGET_ID].isin(wanted)]
    elif target is not None and _is_share(target):
        missing = [c for c in (TERM, UNIT_ID, BODY, TOTAL, FEMALE) if c not in frame.columns]
        if missing:
            raise ArgumentError(
                f"seats_to_keep(): bảng thiếu cột {missing} (the frame lacks {missing}). Hint: "
                "một bảng số liệu của gs.read_counts (a counts frame)."
            )
        rows = frame.assign(**{TARGET_ID: "", STATUS: Status.MET.value, NUMERATOR: FEMALE})
    else:
        rows = check(frame, "36-CT/TW:a" if target is None else target)  # type: ignore[arg-type]
    if judged or target is None or not _is_share(target):
        rules = {
            tid: (user.get(tid) or get_targets(tid)[0]).rule.unit_rule()
            for tid in dict.fromkeys(rows[TARGET_ID])
        }
    else:
        rules = {"": _rule(target)}
    sizes: dict[tuple[Any, Any, Any], Any] = {}
    if column:
        key = [c for c in (TERM, UNIT_ID, BODY) if c in frame.columns]
        sizes = {
            tuple(k): v
            for k, v in zip(frame[key].itertuples(index=False), frame["planned_size"], strict=True)
        }
    judged_statuses = {Status.MET.value, Status.BELOW.value, Status.ABOVE_RANGE.value}
    keep = rows[STATUS].isin(judged_statuses)
    if NUMERATOR in rows.columns:
        keep &= rows[NUMERATOR].fillna(FEMALE) == FEMALE
    out = []
    for rec in rows[keep].to_dict("records"):
        unit = str(rec[UNIT_ID])
        rule = rules[rec[TARGET_ID]]
        e = _whole(_plain(rec[TOTAL]), f"total of {unit}")
        w = _whole(_plain(rec[FEMALE]), f"female of {unit}")
        if column:
            size = sizes.get((rec.get(TERM), rec[UNIT_ID], rec[BODY]))
            n = _whole(_plain(size), f"planned_size of {unit}", low=1)
        elif vacant is not None:
            n = e + _whole(_size_for(vacant, unit, 0), f"vacant of {unit}")
        else:
            n = _whole(_size_for(planned_size, unit, e), f"planned_size of {unit}", low=1)
        if e > n:
            raise PlanningError(ELECTED_ABOVE_PLANNED.format(who=f"đơn vị {unit}: ", e=e, n=n))
        if w > e:
            raise PlanningError(WOMEN_ABOVE_ELECTED.format(w=w, e=e))
        k = _least_k(rule, n, e, w)
        row = {
            TERM: rec.get(TERM),
            UNIT_ID: rec[UNIT_ID],
            UNIT_NAME: rec.get(UNIT_NAME, pd.NA),
            LEVEL: rec.get(LEVEL, pd.NA),
            BODY: rec[BODY],
            TARGET_ID: rec[TARGET_ID] or pd.NA,
            RULE: rule.label,
            "planned_size": n,
            "elected": e,
            "women_elected": w,
            "reachable": k is not None,
        }
        if k is None:
            note = NOT_ENOUGH_SEATS.format(
                w=w, e=e, vacant=n - e, reach=w + n - e, n=n, rule=rule.label
            )
            row |= dict.fromkeys(("k", "final_size", "final_women", "final_share", "vacant_left"))
            row[NOTE] = note
        else:
            row |= {
                "k": k,
                "final_size": e + k,
                "final_women": w + k,
                "final_share": float(Fraction(w + k, e + k)) if e + k else float("nan"),
                "vacant_left": n - e - k,
                NOTE: "",
            }
        out.append(row)
    table = pd.DataFrame(out, columns=list(SEATS_COLUMNS))
    return table.astype(
        {
            "planned_size": "int64",
            "elected": "int64",
            "women_elected": "int64",
            "k": "Int64",
            "final_size": "Int64",
            "final_women": "Int64",
            "final_share": "float64",
            "vacant_left": "Int64",
            "reachable": "bool",
            NOTE: "str",
        }
    )


def _plain(value: Any) -> Any:
    """Return a numpy or pandas integer as an int (a float or text stays, to be refused)."""
    if hasattr(value, "item") and not isinstance(value, float):
        value = value.item()
    return value


def _least_from_empty(rule: Rule, n: int) -> int | None:
    """Least k ≥ 1 seats (all women) meeting the rule when nobody was elected."""
    for k in range(1, n + 1):
        if rule.status(k, k) is not Status.BELOW:
            return k
    return None


# ---------------------------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class CandidateOdds:
    """The answer of :func:`candidate_list_odds`.

    Attributes
    ----------
    seats, candidates, women : int
        The question: ``S`` seats, ``L`` candidates, ``w`` women on the list.
    odds_ratio : Fraction
        ``ω``, the odds of a woman being elected over those of a man (1: uniform).
    distribution : tuple of Fraction
        ``P(X = x)`` for ``x = 0 .. S`` women elected.
    expected_women : Fraction
        ``E[X]``.
    women_needed : int
        The least number of women among ``S`` members that meets the rule.
    probability : Fraction
        ``P(X ≥ women_needed)``.
    rule : str
        The rule in words.
    """

    seats: int
    candidates: int
    women: int
    odds_ratio: Fraction
    distribution: tuple[Fraction, ...]
    expected_women: Fraction
    women_needed: int
    probability: Fraction
    rule: str

    def __repr__(self) -> str:
        """Return the question and the answer in one line, the distribution summarised.

        Examples
        --------
        >>> candidate_list_odds(seats=5, candidates=8, women=3, target=Fraction(1, 5))
        CandidateOdds(seats=5, candidates=8, women=3, odds_ratio=1, rule='≥ 20%', women_needed=1, probability=55/56 (98.2%), expected_women=15/8 (1.88), distribution=6 values, P(X = 0..5))
        """
        from gender_stats.outputs.labels import format_number, format_share  # a display hook

        return (
            f"CandidateOdds(seats={self.seats}, candidates={self.candidates}, "
            f"women={self.women}, odds_ratio={_short(self.odds_ratio)}, rule={self.rule!r}, "
            f"women_needed={self.women_needed}, probability={_short(self.probability)} "
            f"({format_share(self.probability, lang='en')}), expected_women={_short(self.expected_women)} "
            f"({format_number(self.expected_women, lang='en')}), distribution={len(self.distribution)} "
            f"values, P(X = 0..{self.seats}))"
        )

    def _repr_html_(self) -> str:
        """Return the answer and a table of P(X = x) for a notebook (Vietnamese with English)."""
        import html

        from gender_stats.outputs.labels import PLANNING_LABELS, format_number, format_share

        words = PLANNING_LABELS
        summary = words["odds_summary"].format(
            seats=self.seats,
            candidates=self.candidates,
            women=self.women,
            rule=html.escape(self.rule),
            needed=self.women_needed,
            probability=format_share(self.probability, lang="vi"),
            expected=format_number(self.expected_women, lang="vi"),
        )
        if self.odds_ratio != 1:
            summary += " " + words["odds_ratio"].format(
                omega=format_number(self.odds_ratio, lang="vi")
            )
        rows = []
        for x, p in enumerate(self.distribution):
            if p == 0:
                continue
            meets = words["yes"] if x >= self.women_needed else words["no"]
            rows.append(
                f"<tr><td>{x}</td><td>{format_share(p, lang='vi')}</td>"
                f"<td>{html.escape(_short(p))}</td><td>{meets}</td></tr>"
            )
        head = "".join(
            f"<th>{html.escape(words[k])}</th>"
            for k in ("women_elected", "probability", "exact", "meets")
        )
        return (
            f'<div class="gs-candidate-odds"><p>{summary}</p>'
            f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
            f"<p><small>{html.escape(words['odds_zero'])}</small></p></div>"
        )


def _short(value: Fraction, limit: int = 24) -> str:
    """Return a Fraction as ``55/56`` (``1`` when whole; ``…`` when too long to read)."""
    text = str(value)
    return text if len(text) <= limit else "…"


def _odds_ratio(success_women: Any, success_men: Any) -> Fraction:
    if success_women is None and success_men is None:
        return Fraction(1)
    if success_women is None or success_men is None:
        raise PlanningError(GIVE_BOTH.format(women=success_women, men=success_men))
    pf = _exact(success_women, "success_women")
    pm = _exact(success_men, "success_men")
    for name, p in (("success_women", pf), ("success_men", pm)):
        if not 0 < p < 1:
            raise PlanningError(RATE_RANGE.format(name=name, value=p))
    return (pf / (1 - pf)) / (pm / (1 - pm))


def _distribution(seats: int, candidates: int, women: int, omega: Fraction) -> list[Fraction]:
    """Fisher's noncentral hypergeometric: P(X = x) ∝ C(w, x) C(L − w, S − x) ω^x."""
    men = candidates - women
    weights = [math.comb(women, x) * math.comb(men, seats - x) * omega**x for x in range(seats + 1)]
    total = sum(weights, Fraction(0))
    return [Fraction(wt) / total for wt in weights]


def candidate_list_odds(
    *,
    seats: int,
    candidates: int,
    women: int,
    success_women: Fraction | str | None = None,
    success_men: Fraction | str | None = None,
    target: TargetLike = "36-CT/TW:a",
) -> CandidateOdds:
    r"""Return the distribution of women elected from a candidate list, and the odds of the target.

    Parameters
    ----------
    seats : int
        ``S`` seats to fill.
    candidates : int
        ``L ≥ S`` candidates on the list.
    women : int
        ``w ≤ L`` women among them.
    success_women, success_men : Fraction or decimal text, optional
        Historical success rates of women and of men candidates, strictly between 0 and 1
        (``"0.6"``).  Omit both for the uniform model.
    target : str, Target, Rule or Fraction, default ``"36-CT/TW:a"``
        The rule the elected body must meet (as for :func:`seats_to_keep`).

    Returns
    -------
    CandidateOdds

    Raises
    ------
    PlanningError
        For inconsistent inputs, or when no count of women in ``S`` seats meets the rule.

    Notes
    -----
    The model: each candidate would be elected independently, a woman with probability ``p_f`` and a
    man with ``p_m``, **conditioned on exactly S being elected**.  The number of women elected then
    follows Fisher's noncentral hypergeometric distribution

    .. math:: P(X = x) = \frac{\binom{w}{x}\binom{L-w}{S-x}\,ω^x}
              {\sum_y \binom{w}{y}\binom{L-w}{S-y}\,ω^y},
              \qquad ω = \frac{p_f/(1-p_f)}{p_m/(1-p_m)}.

    With equal rates (or none given) ``ω = 1`` and this is the hypergeometric distribution: ``S`` of
    the ``L`` elected uniformly at random.  All numbers are exact Fractions.

    Examples
    --------
    Five seats, eight candidates of whom three are women, uniform model, target ≥ 20 % (one woman):
    P(no woman) = C(5, 5)/C(8, 5) = 1/56, so P(at least one) = 55/56.

    >>> odds = candidate_list_odds(seats=5, candidates=8, women=3, target=Fraction(1, 5))
    >>> odds.women_needed, odds.probability, odds.expected_women
    (1, Fraction(55, 56), Fraction(15, 8))
    """
    s = _whole(seats, "seats", low=1)
    n_list = _whole(candidates, "candidates", low=1)
    w = _whole(women, "women")
    if n_list < s:
        raise PlanningError(CANDIDATES_BELOW_SEATS.format(candidates=n_list, seats=s))
    if w > n_list:
        raise PlanningError(WOMEN_ABOVE_CANDIDATES.format(women=w, candidates=n_list))
    omega = _odds_ratio(success_women, success_men)
    rule = _rule(target)
    needed = rule.min_count(s)
    if needed is None:
        raise PlanningError(NO_COUNT_MEETS.format(who="", en="", seats=s, rule=rule.label))
    dist = _distribution(s, n_list, w, omega)
    meets = [rule.status(s, x) is not Status.BELOW for x in range(s + 1)]
    return CandidateOdds(
        seats=s,
        candidates=n_list,
        women=w,
        odds_ratio=omega,
        distribution=tuple(dist),
        expected_women=sum((x * p for x, p in enumerate(dist)), Fraction(0)),
        women_needed=needed,
        probability=sum((p for p, ok in zip(dist, meets, strict=True) if ok), Fraction(0)),
        rule=rule.label,
    )


def min_women_on_list(
    *,
    seats: int,
    candidates: int,
    probability: Fraction | str | float,
    success_women: Fraction | str | None = None,
    success_men: Fraction | str | None = None,
    target: TargetLike = "36-CT/TW:a",
) -> int:
    """Return the least number of women on a list that reaches the target with a given probability.

    Parameters
    ----------
    seats, candidates, success_women, success_men, target
        As for :func:`candidate_list_odds`.
    probability : Fraction, decimal text or float
        The wanted probability of meeting the target, in (0, 1] (``"0.9"``); a float is taken by
        its decimal text (``0.9`` is ``9/10`` exactly).

    Returns
    -------
    int
        The least ``w`` with ``P(target met) ≥ probability``.  The probability grows with ``w``
        (more women on the list never lowers the chance), so this is found by a scan from 0.

    Raises
    ------
    PlanningError
        If even a list of women only does not reach the probability.

    Examples
    --------
    Five seats from eight candidates, at least one woman wanted with probability 0.9: two women
    give 1 − C(6, 5)/C(8, 5) = 50/56 ≈ 0.89, three give 55/56 ≈ 0.98.

    >>> min_women_on_list(seats=5, candidates=8, probability="0.9", target=Fraction(1, 5))
    3
    """
    want = _exact(probability, "probability", floats=True)
    if not 0 < want <= 1:
        raise PlanningError(PROBABILITY_RANGE.format(value=want))
    candidates = _whole(candidates, "candidates", low=1)
    for w in range(candidates + 1):
        odds = candidate_list_odds(
            seats=seats,
            candidates=candidates,
            women=w,
            success_women=success_women,
            success_men=success_men,
            target=target,
        )
        if odds.probability >= want:
            return w
    raise PlanningError(  # pragma: no cover - a women-only list always meets a reachable rule
        f"cả {candidates} ứng cử viên đều là nữ vẫn chưa đạt xác suất {want} "
        f"(even {candidates} women of {candidates} candidates do not reach probability {want})"
    )


# ---------------------------------------------------------------------------------------------
def next_term_needs(
    compliance: pd.DataFrame,
    *,
    expected_size: int | Mapping[str, int] | None = None,
    targets: Iterable[Target | str] = (),
) -> pd.DataFrame:
    """Return, for each row below target at the next congress's size, the women it needs.

    Parameters
    ----------
    compliance : pandas.DataFrame
        The output of :func:`gender_stats.compliance.check`, or a counts frame (a frame with
        neither ``target_id`` nor ``status``): it is then checked first,
        ``gs.check(counts, targets)`` (the targets in force when ``targets`` is empty).  The
        input is not changed.
    expected_size : int or mapping of unit_id to int, optional
        The expected size of the next body; by default the current ``total`` (also for a unit
        not in the mapping).
    targets : iterable of Target or str, optional
        User targets used in ``check`` that are not in the catalogue; for a counts frame, the
        targets to check (catalogue ids or documents, or :class:`Target` objects).

    Returns
    -------
    pandas.DataFrame
        One row per ``below`` row, and per assessed row (met or above a range) whose present
        numerator would be below the rule at the expected size (a body that grows: 3 women meet
        15 % of 20, not of 30): ``term``, ``unit_id``, ``unit_name`` (if present), ``body``,
        ``target_id``, ``rule`` (the rule each unit must meet), ``numerator`` (the group the
        target counts: ``female``, or ``under_40`` for 35-CT/TW's young members, who may be
        men), ``total``, ``female`` (the women now), ``in_group`` (the numerator's members now:
        the women, or the members under 40), ``expected_size``, ``women_needed`` (least members
        of the numerator's group in a body of that size that meets the rule: women unless
        ``numerator`` says otherwise), ``women_to_add`` (``max(0, women_needed − in_group)``,
        assuming the present members stay) and ``units_needed``.

        A share-of-units target (28/NQ-CP: 60 % of the units of a term have a woman key leader)
        needs nothing while the share of its units that would meet the unit rule reaches it;
        otherwise every unit that would not meet it is listed, and ``units_needed`` (the same on
        each of its rows) says how many of them must: the least number that reaches the share.
        ``<NA>`` for the other targets, whose every unit must meet the rule.

    Raises
    ------
    PlanningError
        If an expected size is not a whole number ≥ 1, or the rule cannot be met at that size
        (presence of ``k`` women in fewer than ``k`` seats).

    Examples
    --------
    >>> import pandas as pd
    >>> from gender_stats.compliance import check
    >>> counts = pd.DataFrame({
    ...     "term": ["2015-2020"] * 2, "unit_id": ["A", "B"], "unit_name": ["A", "B"],
    ...     "level": ["district"] * 2, "body": ["party_committee"] * 2,
    ...     "total": [20, 40], "female": [2, 9]})
    >>> next_term_needs(check(counts, "36-CT/TW"), expected_size=30)[["unit_id", "women_needed", "women_to_add"]]
      unit_id  women_needed  women_to_add
    0       A             5             3

    The counts themselves give the same (checked against ``targets``):

    >>> next_term_needs(counts, expected_size=30, targets=["36-CT/TW"])["women_to_add"].tolist()
    [3]
    """
    targets = list(targets) if not isinstance(targets, str | Target) else [targets]
    if any(not isinstance(t, Target | str) for t in targets):
        raise ArgumentError(
            "targets= cần các Target hoặc mã chỉ tiêu (expected Target objects, e.g. from "
            "gs.load_targets, or catalogue ids), got "
            f"{[type(t).__name__ for t in targets if not isinstance(t, Target | str)]}"
        )
    if isinstance(compliance, pd.DataFrame) and not (
        TARGET_ID in compliance.columns or STATUS in compliance.columns
    ):
        from gender_stats.compliance import check

        compliance = check(compliance, targets or None)
    _require_compliance(compliance)
    user = {t.id: t for t in targets if isinstance(t, Target)}
    judged = {Status.BELOW.value, Status.MET.value, Status.ABOVE_RANGE.value}
    assessed = compliance[compliance[STATUS].isin(judged)]
    rows = []
    for _, row in assessed.iterrows():
        target = user.get(row[TARGET_ID]) or get_targets(row[TARGET_ID])[0]
        plan = _unit_plan(row, target.rule.unit_rule(), expected_size)
        plan["_share"] = target.rule if isinstance(target.rule, ShareOfUnits) else None
        rows.append(plan)
    out = pd.DataFrame(_kept_plans(rows), columns=_NEEDS_COLUMNS)
    out = out.astype(
        {TOTAL: "int64", FEMALE: "int64", "in_group": "int64", "expected_size": "int64"}
        | {"women_needed": "int64", "women_to_add": "int64", "units_needed": "Int64"}
    )
    return out.reset_index(drop=True)


#: The columns of :func:`next_term_needs`.
_NEEDS_COLUMNS = [
    TERM,
    UNIT_ID,
    UNIT_NAME,
    BODY,
    TARGET_ID,
    RULE,
    NUMERATOR,
    TOTAL,
    FEMALE,
    "in_group",
    "expected_size",
    "women_needed",
    "women_to_add",
    "units_needed",
]


def _unit_plan(row: pd.Series, rule: Rule, expected_size: Any) -> dict[str, Any]:
    """Return one assessed row's plan at the expected size: what it needs, and if it meets then."""
    numerator = row[NUMERATOR] if NUMERATOR in row.index and pd.notna(row[NUMERATOR]) else FEMALE
    if expected_size is None:
        size = int(row[TOTAL])
    elif isinstance(expected_size, Mapping):
        size = expected_size.get(row[UNIT_ID], int(row[TOTAL]))
    else:
        size = expected_size
    size = _whole(size, f"expected_size of {row[UNIT_ID]}", low=1)
    needed = rule.min_count(size)
    if needed is None:
        raise PlanningError(
            NO_COUNT_MEETS.format(
                who=f"đơn vị {row[UNIT_ID]}: ",
                en=f"unit {row[UNIT_ID]}: ",
                seats=size,
                rule=rule.label,
            )
        )
    present = int(row[numerator])
    meets = row[STATUS] != Status.BELOW.value and rule.status(size, min(present, size)) in (
        Status.MET,
        Status.ABOVE_RANGE,
    )
    return {
        TERM: row[TERM],
        UNIT_ID: row[UNIT_ID],
        UNIT_NAME: row[UNIT_NAME] if UNIT_NAME in row.index else pd.NA,
        BODY: row[BODY],
        TARGET_ID: row[TARGET_ID],
        RULE: rule.label,
        NUMERATOR: numerator,
        TOTAL: int(row[TOTAL]),
        FEMALE: int(row[FEMALE]),
        "in_group": present,
        "expected_size": size,
        "women_needed": needed,
        "women_to_add": max(0, needed - present),
        "units_needed": pd.NA,
        "_meets": meets,
    }


def _kept_plans(plans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the plans of the units that need women at the next term.

    A unit rule (15 % of this committee) needs every unit that would not meet it.  A
    share-of-units target (60 % of the units of a term have a woman key leader) needs women only
    where its share would fall short: then each unit that would not meet the unit rule is a
    candidate, and ``units_needed`` says how many of them must meet it (the least number that
    reaches the share); where the share is met, no unit needs anything for it.
    """
    groups: dict[tuple[Any, Any], list[dict[str, Any]]] = {}
    for plan in plans:
        if plan["_share"] is not None:
            groups.setdefault((plan[TERM], plan[TARGET_ID]), []).append(plan)
    more: dict[tuple[Any, Any], int] = {}
    for key, group in groups.items():
        rule: ShareOfUnits = group[0]["_share"]
        more[key] = rule.more_units(sum(bool(p["_meets"]) for p in group), len(group))
    kept = []
    for plan in plans:
        if plan["_meets"]:
            continue
        if plan["_share"] is not None:
            k = more[(plan[TERM], plan[TARGET_ID])]
            if k == 0:
                continue  # the share is met without this unit
            plan = {**plan, "units_needed": k}
        kept.append(plan)
    return [{k: v for k, v in p.items() if not k.startswith("_")} for p in kept]
