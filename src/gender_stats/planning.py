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
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any

import pandas as pd

from gender_stats.compliance import NUMERATOR, RULE, STATUS, TARGET_ID
from gender_stats.errors import ArgumentError, PlanningError
from gender_stats.schema import BODY, FEMALE, TERM, TOTAL, UNIT_ID, UNIT_NAME
from gender_stats.targets import Floor, Rule, Status, Target, get_targets, percent

__all__ = [
    "CandidateOdds",
    "SeatsToKeep",
    "candidate_list_odds",
    "min_women_on_list",
    "next_term_needs",
    "seats_to_keep",
]

TargetLike = str | Target | Rule | Fraction


def _rule(target: TargetLike) -> Rule:
    """Resolve a target id, a Target, a Rule or a share (Fraction, or text like ``"15%"``)."""
    if isinstance(target, Rule):
        rule = target
    elif isinstance(target, Target):
        rule = target.rule
    elif isinstance(target, Fraction):
        if not 0 <= target <= 1:
            raise PlanningError(
                f"tỷ lệ phải trong [0, 1] (a share must be in [0, 1]), got {target}"
            )
        rule = Floor(target)
    elif isinstance(target, str) and target.strip().endswith("%"):
        text = target.strip()
        strict = text.startswith(">")
        rule = Floor(percent(text.lstrip(">≥= ")), strict=strict)
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
        raise PlanningError(
            "cần mã chỉ tiêu, Target, Rule, phân số hoặc chữ như '15%' "
            f"(expected a target id, a Target, a Rule, a Fraction share or text like '15%'), "
            f"got {target!r} (floats are refused: write Fraction('0.15') or '15%')"
        )
    return rule.unit_rule()


def _exact(value: Any, name: str, *, floats: bool = False) -> Fraction:
    """Return ``value`` as an exact Fraction; a float only when ``floats`` (via its decimal text).

    ``repr`` of a float is the shortest text that reads back as it, so ``0.9`` gives ``9/10``, not
    the binary value ``0.90000000000000002220…``.
    """
    if floats and isinstance(value, float) and not isinstance(value, bool):
        if not math.isfinite(value):
            raise PlanningError(f"{name} phải là một số ({name} must be a number), got {value!r}")
        return Fraction(repr(value))
    if isinstance(value, bool | float):
        raise PlanningError(
            f"{name} phải là số chính xác (must be exact: Fraction or decimal text like '0.6'), "
            f"got float {value!r}"
        )
    try:
        out = Fraction(value)
    except (TypeError, ValueError) as err:
        raise PlanningError(
            f"{name} phải là một số ({name} must be a number), got {value!r}"
        ) from err
    return out


#: The columns next_term_needs reads from a compliance frame.
_COMPLIANCE_NEEDS = (TERM, UNIT_ID, BODY, TOTAL, TARGET_ID, STATUS)


def _require_compliance(frame: object) -> None:
    """Refuse what is not a compliance frame, saying what to call first."""
    if not isinstance(frame, pd.DataFrame):
        raise ArgumentError(
            "next_term_needs() cần bảng kết quả của gs.check (expected the compliance frame of "
            f"gs.check), got {type(frame).__name__}. Hint: next_term_needs(gs.check(counts))."
        )
    missing = [c for c in _COMPLIANCE_NEEDS if c not in frame.columns]
    if missing:
        raise ArgumentError(
            f"next_term_needs() cần bảng kết quả của gs.check, thiếu cột {missing} (expected the "
            f"compliance frame of gs.check; missing {missing}). "
            "Hint: next_term_needs(gs.check(counts))."
        )


def _whole(value: Any, name: str, *, low: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise PlanningError(
            f"{name} phải là số nguyên ≥ {low} ({name} must be a whole number ≥ {low}), got {value!r}"
        )
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


def seats_to_keep(
    *,
    planned_size: int,
    elected: int,
    women_elected: int,
    target: TargetLike = "36-CT/TW:a",
) -> SeatsToKeep:
    """Return how many seats to keep for appointing women after the congress (bầu thiếu).

    The founding letter (2458/BVSTBCPN-VX, 2015) asks units that cannot yet reach the target to
    elect fewer members now and appoint qualified women to the vacant seats afterwards.

    Parameters
    ----------
    planned_size : int
        The planned size ``N`` of the committee.
    elected : int
        Members ``E ≤ N`` elected at the congress.
    women_elected : int
        Women ``W ≤ E`` among them.
    target : str, Target, Rule or Fraction, default ``"36-CT/TW:a"``
        A catalogue id, a target or rule (floor, strict floor, range low bound or presence), a
        :class:`~fractions.Fraction` share or text such as ``"15%"`` or ``"> 35%"``.

    Returns
    -------
    SeatsToKeep
        ``k`` is the least number with ``(W + k)/(E + k) ≥ p`` (``> p`` for a strict floor,
        ``W + k ≥ n`` for presence of ``n``).

    Raises
    ------
    PlanningError
        If the inputs are inconsistent, or if even ``k = N − E`` (every vacant seat to a woman) is
        not enough.

    Examples
    --------
    A committee planned at 45 elects 40 members, 4 of them women (10 %).  Keeping 2 seats gives
    6/42 ≈ 14.3 % < 15 %; keeping 3 gives 7/43 ≈ 16.3 %:

    >>> r = seats_to_keep(planned_size=45, elected=40, women_elected=4)
    >>> r.k, r.final_women, r.final_size, r.vacant_left
    (3, 7, 43, 2)
    """
    n = _whole(planned_size, "planned_size", low=1)
    e = _whole(elected, "elected")
    w = _whole(women_elected, "women_elected")
    if e > n:
        raise PlanningError(
            f"số trúng cử không vượt số dự kiến (elected ({e}) must not exceed planned_size ({n}))"
        )
    if w > e:
        raise PlanningError(
            f"số nữ trúng cử không vượt số trúng cử (women_elected ({w}) must not exceed elected ({e}))"
        )
    rule = _rule(target)
    k = rule.seats_needed_if_grow(e, w) if e else _least_from_empty(rule, n)
    if k is None or k > n - e:
        raise PlanningError(
            f"không đủ ghế (not enough seats): {w} nữ / {e} trúng cử, {n - e} ghế trống; bổ sung nữ "
            f"vào cả {n - e} ghế được {w + n - e}/{n}, vẫn chưa đạt {rule.label} "
            f"({w} women of {e} elected, {n - e} vacant seats; even appointing women to all "
            f"{n - e} gives {w + n - e}/{n}, which does not meet {rule.label}). "
            "Hint: cần bầu thêm nữ tại đại hội (more women must be elected at the congress)."
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


def _odds_ratio(success_women: Any, success_men: Any) -> Fraction:
    if success_women is None and success_men is None:
        return Fraction(1)
    if success_women is None or success_men is None:
        raise PlanningError(
            "cho cả hai success_women và success_men, hoặc không cho cả hai "
            "(give both success_women and success_men, or neither)"
        )
    pf = _exact(success_women, "success_women")
    pm = _exact(success_men, "success_men")
    for name, p in (("success_women", pf), ("success_men", pm)):
        if not 0 < p < 1:
            raise PlanningError(
                f"{name} phải lớn hơn 0 và nhỏ hơn 1 ({name} must be strictly between 0 and 1), got {p}"
            )
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
        raise PlanningError(
            f"số ứng cử viên không ít hơn số ghế (candidates ({n_list}) must be at least seats ({s}))"
        )
    if w > n_list:
        raise PlanningError(
            f"số nữ không vượt số ứng cử viên (women ({w}) must not exceed candidates ({n_list}))"
        )
    omega = _odds_ratio(success_women, success_men)
    rule = _rule(target)
    needed = rule.min_count(s)
    if needed is None:
        raise PlanningError(
            f"không số nữ nào trong {s} ghế đạt {rule.label} "
            f"(no number of women in {s} seats meets {rule.label})"
        )
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
        raise PlanningError(
            f"xác suất phải trong (0, 1] (probability must be in (0, 1]), got {want}"
        )
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
    targets: Iterable[Target] = (),
) -> pd.DataFrame:
    """Return, for each row below target, the women needed at the next congress.

    Parameters
    ----------
    compliance : pandas.DataFrame
        The output of :func:`gender_stats.compliance.check`.
    expected_size : int or mapping of unit_id to int, optional
        The expected size of the next body; by default the current ``total``.
    targets : iterable of Target, optional
        User targets used in ``check`` that are not in the catalogue.

    Returns
    -------
    pandas.DataFrame
        One row per ``below`` row: ``term``, ``unit_id``, ``unit_name`` (if present), ``body``,
        ``target_id``, ``rule``, ``total``, ``female`` (the numerator now), ``expected_size``,
        ``women_needed`` (least women in a body of that size that meets the rule) and
        ``women_to_add`` (``max(0, women_needed − female)``, assuming the present women stay).

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
    """
    _require_compliance(compliance)
    user = {t.id: t for t in targets if isinstance(t, Target)}
    if any(not isinstance(t, Target) for t in targets):
        raise ArgumentError(
            "targets= cần các Target (expected Target objects, e.g. from gs.load_targets), "
            f"got {[type(t).__name__ for t in targets if not isinstance(t, Target)]}"
        )
    below = compliance[compliance[STATUS] == Status.BELOW.value]
    rows = []
    for _, row in below.iterrows():
        target_id = row[TARGET_ID]
        target = user.get(target_id) or get_targets(target_id)[0]
        rule = target.rule.unit_rule()
        numerator = row[NUMERATOR] if NUMERATOR in row.index else FEMALE
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
                f"đơn vị {row[UNIT_ID]}: không số nữ nào trong {size} ghế đạt {rule.label} "
                f"(unit {row[UNIT_ID]}: no number of women in {size} seats meets {rule.label})"
            )
        present = int(row[numerator])
        rows.append(
            {
                TERM: row[TERM],
                UNIT_ID: row[UNIT_ID],
                UNIT_NAME: row[UNIT_NAME] if UNIT_NAME in row.index else pd.NA,
                BODY: row[BODY],
                TARGET_ID: target_id,
                RULE: rule.label,
                TOTAL: int(row[TOTAL]),
                FEMALE: present,
                "expected_size": size,
                "women_needed": needed,
                "women_to_add": max(0, needed - present),
            }
        )
    columns = [
        TERM,
        UNIT_ID,
        UNIT_NAME,
        BODY,
        TARGET_ID,
        RULE,
        TOTAL,
        FEMALE,
        "expected_size",
        "women_needed",
        "women_to_add",
    ]
    out = pd.DataFrame(rows, columns=columns)
    return out.astype(
        {TOTAL: "int64", FEMALE: "int64", "expected_size": "int64", "women_needed": "int64"}
        | {"women_to_add": "int64"}
    )
