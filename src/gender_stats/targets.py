"""The catalogue of official targets on women's representation, as data with citations.

A :class:`Target` is one clause of one document (``36-CT/TW:a``: at least 15 % women in party
committees) with its Vietnamese wording, an English gloss, the bodies, levels and terms it applies to,
its :class:`Rule`, how sure we are of the wording (``quoted`` / ``secondary`` / ``unverified``) and the
sources.  The catalogue ships with the package (``_data/targets.yaml``); users list it with
:func:`list_targets`, pick targets with :func:`get_targets` and add their own with
:func:`load_targets` or by building :class:`Target` objects.

Each target says which terms it judges: its own ``terms``, the term with ``start < Y ≤ end`` for a
target set "by year Y" (:attr:`Target.target_year`), the terms from an election on
(:attr:`Target.first_year`) or the term of an activity year (:attr:`Target.activity_year`); see
:meth:`Target.judged_terms` and the ``when``, ``party_terms`` and ``council_terms`` columns of
:func:`list_targets`.  Report deadlines (the founding letter's 6-month and annual reports) are
catalogue data too: :func:`get_deadlines`.

Rules hold their thresholds as exact :class:`fractions.Fraction` shares built from decimal text
(``"15"`` percent is ``Fraction(3, 20)``); comparisons and seat counts are integer arithmetic.

Examples
--------
>>> [t.id for t in get_targets("36-CT/TW")]
['36-CT/TW:a', '36-CT/TW:b']
>>> rule = get_targets("36-CT/TW:a")[0].rule
>>> rule.label, rule.threshold
('≥ 15%', Fraction(3, 20))
>>> rule.seats_needed(20, 2), rule.status(20, 3).value
(1, 'met')
"""

from __future__ import annotations

import abc
import dataclasses
import datetime as dt
import difflib
import enum
import html
import importlib.resources
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
import yaml

from gender_stats.errors import TargetError
from gender_stats.schema import FEMALE
from gender_stats.vocab import BODIES, term_bounds

__all__ = [
    "CONFIDENCES",
    "COUNCIL_BODIES",
    "COUNCIL_TERMS",
    "PARTY_TERMS",
    "RULE_TYPES",
    "TARGET_ERROR_TEMPLATE",
    "Conditional",
    "Floor",
    "Presence",
    "Range",
    "Rule",
    "ShareOfUnits",
    "Status",
    "Target",
    "close_names",
    "get_deadlines",
    "get_targets",
    "list_targets",
    "load_targets",
    "percent",
    "rule_from_dict",
]

#: How a problem in a target definition reads.
TARGET_ERROR_TEMPLATE = '{file}, mục {entry}, trường "{field}": {problem}'
#: How sure we are of a target's wording.
CONFIDENCES = ("quoted", "secondary", "unverified")
#: The rule types of the YAML catalogue.
RULE_TYPES = ("floor", "range", "presence", "conditional", "share_of_units")

_ALL = "all"
_NAN = float("nan")

#: Party terms (congresses every five years), for showing which term a dated target judges.
PARTY_TERMS: tuple[str, ...] = tuple(f"{y}-{y + 5}" for y in range(2000, 2035, 5))
#: People's Council and National Assembly terms (NA XI-XVI, then every five years).
COUNCIL_TERMS: tuple[str, ...] = (
    "2002-2007",
    "2007-2011",
    "2011-2016",
    "2016-2021",
    "2021-2026",
    "2026-2031",
    "2031-2036",
)
#: Bodies elected on the council / National Assembly calendar.
COUNCIL_BODIES: tuple[str, ...] = ("peoples_council", "national_assembly", "candidates")


class Status(enum.StrEnum):
    """The outcome of checking one row against one target: the ``status`` column's values.

    A :class:`enum.StrEnum`: each member *is* the string the compliance frame holds, so
    ``frame["status"] == Status.MET`` selects the rows that meet the target.  Exported by
    :mod:`gender_stats.compliance`, which owns the compliance frame.

    Examples
    --------
    >>> Status.ABOVE_RANGE == "above_range", str(Status.MET)
    (True, 'met')
    """

    MET = "met"
    BELOW = "below"
    ABOVE_RANGE = "above_range"
    NOT_APPLICABLE = "not_applicable"
    NO_DATA = "no_data"


class _FieldProblem(TargetError):
    """A problem in one field of a target definition (the loader adds file and entry)."""

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(
            TARGET_ERROR_TEMPLATE.format(file="(Python)", entry="?", field=field, problem=problem)
        )


# ---------------------------------------------------------------------------------------------
# Exact arithmetic helpers


#: A percentage as decimal text: digits, at most one decimal point (``15``, ``35.5``, ``15,5``).
_PERCENT_TEXT = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$")
#: A percentage under 1 typed without ``%`` in a target file: a share of one written there?
PERCENT_OR_SHARE = (
    "ngưỡng ghi theo phần trăm: {text!r} là {text} % hay tỷ lệ {text} (a threshold is written in "
    'percent: is {text!r} {text} % or a share of one?). Hint: "15" là 15 % (15 %); ghi '
    '"{text}%" nếu đúng là {text} % (write "{text}%" if {text} % is meant)'
)


def percent(text: str | int | Fraction) -> Fraction:
    """Return the exact share for a percentage written as decimal text.

    Parameters
    ----------
    text : str, int or Fraction
        ``"15"``, ``"35.5"`` or ``"15%"`` (percent); a :class:`~fractions.Fraction` is taken as a
        percentage too.  Floats are refused: write the decimal text.

    Returns
    -------
    Fraction
        The share in [0, 1] when the percentage is in [0, 100].

    Examples
    --------
    >>> percent("15"), percent("7%"), percent("35.5")
    (Fraction(3, 20), Fraction(7, 100), Fraction(71, 200))
    """
    if isinstance(text, bool | float):
        raise _FieldProblem(
            "threshold", f'cần số thập phân dạng chữ như "15" (decimal text), got float {text!r}'
        )
    if isinstance(text, str):
        cleaned = text.strip().removesuffix("%").strip().replace(",", ".")
        if not _PERCENT_TEXT.match(cleaned):  # "1/3", "1_5", "1e1" are no percentages as typed
            raise _FieldProblem(
                "threshold", f'cần một số phần trăm như "15" (a percentage), got {text!r}'
            )
        value = Fraction(cleaned)
    elif isinstance(text, int | Fraction):
        value = Fraction(text)
    else:
        raise _FieldProblem("threshold", f"cần một số phần trăm (a percentage), got {text!r}")
    return value / 100


def _ceil(x: Fraction) -> int:
    """Return the ceiling of a Fraction with integer arithmetic."""
    return -(-x.numerator // x.denominator)


def _floor(x: Fraction) -> int:
    return x.numerator // x.denominator


def _pct_text(share: Fraction) -> str:
    """Write a share as a percentage without float noise (``Fraction(71, 200)`` → ``35.5``)."""
    value = share * 100
    if value.denominator == 1:
        return str(value.numerator)
    den = value.denominator
    while den % 2 == 0:
        den //= 2
    while den % 5 == 0:
        den //= 5
    if den == 1:  # a terminating decimal: print it exactly
        exact = Decimal(value.numerator) / Decimal(value.denominator)
        return format(exact.normalize(), "f")
    return f"{float(value):.4g}"


def _share_repr(share: Fraction) -> str:
    """Write a share as Python that builds it: ``percent("15")``, else ``Fraction(1, 3)``."""
    value = Fraction(share) * 100
    den = value.denominator
    while den % 2 == 0:
        den //= 2
    while den % 5 == 0:
        den //= 5
    return f'percent("{_pct_text(share)}")' if den == 1 else repr(Fraction(share))


def _check_share(field: str, value: Any, *, allow_one: bool = True) -> Fraction:
    if not isinstance(value, Fraction):
        raise _FieldProblem(field, f"cần một Fraction (exact share), got {value!r}")
    if value < 0 or value > 1 or (value == 1 and not allow_one):
        bound = "0-100 %" if allow_one else "0-100 % (100 % excluded for a strict floor)"
        raise _FieldProblem(
            field,
            f"ngưỡng phải trong khoảng {bound} (threshold outside {bound}), got {_pct_text(value)}%",
        )
    return value


# ---------------------------------------------------------------------------------------------
# Array evaluation: every rule judges a whole column of bodies at once (``Rule.evaluate``).
#
# Counts are int64 arrays, or object arrays of Python ints when a product could leave the exact
# range (``scale`` bounds the factor counts are multiplied by); the same code serves both, so the
# scalar methods, which evaluate one body as an object array, are exact for any size.

#: The statuses in code order: :meth:`Rule.evaluate` returns indices into this tuple.
STATUS_CODES: tuple[Status, ...] = tuple(Status)
_MET, _BELOW, _ABOVE = (
    STATUS_CODES.index(s) for s in (Status.MET, Status.BELOW, Status.ABOVE_RANGE)
)


class Evaluation(NamedTuple):
    """Every body judged at once by :meth:`Rule.evaluate` (arrays of one length).

    ``status`` holds indices into :data:`STATUS_CODES`; ``need`` the members to swap in (valid
    where ``need_ok``), ``grow`` the members to add (valid where ``grow_ok``).
    """

    status: np.ndarray
    need: np.ndarray
    need_ok: np.ndarray
    grow: np.ndarray
    grow_ok: np.ndarray


def _objects(values: list[Any]) -> np.ndarray:
    """Return a 1-d object array of the values (Python ints or str)."""
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def _ceil_div(x: np.ndarray, d: int) -> np.ndarray:
    """Return ⌈x / d⌉ for d > 0, on integers."""
    return -((-x) // d)


def _grow_arrays(
    total: np.ndarray, part: np.ndarray, p: Fraction, *, strict: bool
) -> tuple[np.ndarray, np.ndarray]:
    """Return the least x ≥ 0 with (W + x)·b ≥ a·(N + x) (> when strict), and whether it exists.

    With D = a·N − b·W (the deficit times b): x = ⌈D / (b − a)⌉ when D > 0, else 0 (strict:
    ⌊D / (b − a)⌋ + 1 when D ≥ 0).  At a = b (100 %) no x exists unless D ≤ 0 (non-strict).
    """
    a, b = p.numerator, p.denominator
    deficit = a * total - b * part
    zero = np.zeros_like(total)
    if a == b:
        if strict:
            return zero, np.zeros(len(total), dtype=bool)
        return zero, np.asarray(deficit <= 0, dtype=bool)
    if strict:
        grow = np.where(deficit < 0, zero, deficit // (b - a) + 1)
    else:
        grow = np.where(deficit <= 0, zero, _ceil_div(deficit, b - a))
    return grow, np.ones(len(total), dtype=bool)


# ---------------------------------------------------------------------------------------------
# Rules


class Rule(abc.ABC):
    """Base class of the rules; a rule judges ``part`` members of a body of ``total``.

    Subclasses are frozen dataclasses: :class:`Floor`, :class:`Range`, :class:`Presence`,
    :class:`Conditional` and :class:`ShareOfUnits`.
    """

    @property
    @abc.abstractmethod
    def label(self) -> str:
        """Return the rule in words, e.g. ``≥ 15%``."""

    @property
    def lower(self) -> float:
        """Return the lower bound as a float share (for chart lines); NaN when there is none."""
        bound = self.lower_bound
        return _NAN if bound is None else float(bound)

    @property
    def lower_bound(self) -> Fraction | None:
        """Return the exact lower bound of the share a unit needs; None when there is none."""
        return None

    def unit_rule(self) -> Rule:
        """Return the rule each unit is checked against (the inner rule of a wrapper)."""
        return self

    @abc.abstractmethod
    def min_count(self, size: int) -> int | None:
        """Return the least count that meets the rule in a body of ``size``; None if none does."""

    @abc.abstractmethod
    def status(self, total: int, part: int) -> Status:
        """Return the status of ``part`` members out of ``total`` (``total`` > 0)."""

    def seats_needed(self, total: int, part: int) -> int | None:
        """Return the least members to swap in (size fixed); None when no swap meets the rule."""
        least = self.min_count(total)
        return None if least is None else max(0, least - part)

    @abc.abstractmethod
    def seats_needed_if_grow(self, total: int, part: int) -> int | None:
        """Return the least members to add (the body grows); None when no number is enough."""

    @property
    def scale(self) -> int:
        """Return the largest integer :meth:`evaluate` multiplies counts by (for exactness)."""
        return 1

    def evaluate(self, total: np.ndarray, part: np.ndarray) -> Evaluation:
        """Judge ``part`` members of ``total`` for every body at once (``total`` never 0).

        The one place a rule's meaning lives: :func:`gender_stats.compliance.check` calls it on
        whole columns.  The catalogue rules compute on the arrays; this default, for a user's
        subclass that only writes the scalar methods, asks them row by row.
        """
        codes = {s: i for i, s in enumerate(STATUS_CODES)}
        status, need, grow = [], [], []
        for t, p in zip(total.tolist(), part.tolist(), strict=True):
            status.append(codes[self.status(t, p)])
            need.append(self.seats_needed(t, p))
            grow.append(self.seats_needed_if_grow(t, p))
        return Evaluation(
            np.array(status, dtype=np.int64).reshape(len(status)),
            _objects([0 if x is None else x for x in need]),
            np.array([x is not None for x in need], dtype=bool).reshape(len(need)),
            _objects([0 if x is None else x for x in grow]),
            np.array([x is not None for x in grow], dtype=bool).reshape(len(grow)),
        )


class _ArrayRule(Rule):
    """A rule written as :meth:`evaluate`; its scalar methods evaluate one body."""

    @abc.abstractmethod
    def evaluate(self, total: np.ndarray, part: np.ndarray) -> Evaluation:
        """See :meth:`Rule.evaluate`."""

    def _one(self, total: int, part: int) -> Evaluation:
        return self.evaluate(_objects([int(total)]), _objects([int(part)]))

    def status(self, total: int, part: int) -> Status:
        """See :meth:`Rule.status` (one body through :meth:`evaluate`)."""
        return STATUS_CODES[int(self._one(total, part).status[0])]

    def seats_needed(self, total: int, part: int) -> int | None:
        """See :meth:`Rule.seats_needed` (one body through :meth:`evaluate`)."""
        judged = self._one(total, part)
        return int(judged.need[0]) if judged.need_ok[0] else None

    def seats_needed_if_grow(self, total: int, part: int) -> int | None:
        """See :meth:`Rule.seats_needed_if_grow` (one body through :meth:`evaluate`)."""
        judged = self._one(total, part)
        return int(judged.grow[0]) if judged.grow_ok[0] else None


def _grow(total: int, part: int, p: Fraction, *, strict: bool) -> int | None:
    """Return the least a ≥ 0 with (part + a)/(total + a) ≥ p (or > p when strict).

    (part + a) ≥ p (total + a)  ⇔  a (1 − p) ≥ p·total − part.
    """
    deficit = p * total - part
    if p == 1:
        if strict:
            return None
        return 0 if deficit <= 0 else None
    if strict:
        return 0 if deficit < 0 else _floor(deficit / (1 - p)) + 1
    return 0 if deficit <= 0 else _ceil(deficit / (1 - p))


@dataclasses.dataclass(frozen=True)
class Floor(_ArrayRule):
    """At least a share of the body (``strict=True``: more than it).

    Parameters
    ----------
    threshold : Fraction
        The share in [0, 1] (``Fraction("0.15")`` or ``percent("15")``); below 1 when strict.
    strict : bool, default False
        ``share > threshold`` ("trên 35%") instead of ``share ≥ threshold`` ("không dưới 15%").

    Notes
    -----
    With ``N`` members, ``W`` of them in the group, and threshold ``p``:
    ``≥ p`` needs ``max(0, ⌈p·N⌉ − W)`` swaps; ``> p`` needs ``max(0, ⌊p·N⌋ + 1 − W)``, which is at
    most ``N`` because ``p < 1``.  The growing body needs the least ``a`` with
    ``(W + a)/(N + a) ≥ p`` (``> p``).

    Examples
    --------
    >>> Floor(percent("35")).seats_needed(20, 0), Floor(percent("35"), strict=True).seats_needed(20, 0)
    (7, 8)
    >>> Floor(percent("29")).status(100, 29).value
    'met'
    """

    threshold: Fraction
    strict: bool = False

    def __repr__(self) -> str:
        """Return the rule as Python that builds it: ``Floor(percent("15"))``."""
        strict = ", strict=True" if self.strict else ""
        return f"Floor({_share_repr(self.threshold)}{strict})"

    def __post_init__(self) -> None:
        _check_share("threshold", self.threshold, allow_one=not self.strict)

    @property
    def label(self) -> str:
        """See :attr:`Rule.label`."""
        return f"{'>' if self.strict else '≥'} {_pct_text(self.threshold)}%"

    @property
    def lower_bound(self) -> Fraction | None:
        """See :attr:`Rule.lower_bound`."""
        return self.threshold

    def is_met(self, total: int, part: int) -> bool:
        """Say whether ``part/total`` meets the floor, on integers."""
        p = self.threshold
        lhs, rhs = part * p.denominator, p.numerator * total
        return lhs > rhs if self.strict else lhs >= rhs

    def min_count(self, size: int) -> int | None:
        """See :meth:`Rule.min_count`."""
        least = _floor(self.threshold * size) + 1 if self.strict else _ceil(self.threshold * size)
        return least if least <= size else None

    @property
    def scale(self) -> int:
        """See :attr:`Rule.scale`."""
        return max(self.threshold.numerator, self.threshold.denominator)

    def evaluate(self, total: np.ndarray, part: np.ndarray) -> Evaluation:
        """See :meth:`Rule.evaluate`: ``W·b ≥ a·N`` (``>`` when strict) on integers."""
        a, b = self.threshold.numerator, self.threshold.denominator
        lhs, rhs = part * b, a * total
        met = np.asarray(lhs > rhs if self.strict else lhs >= rhs, dtype=bool)
        least = (a * total) // b + 1 if self.strict else _ceil_div(a * total, b)
        grow, grow_ok = _grow_arrays(total, part, self.threshold, strict=self.strict)
        return Evaluation(
            np.where(met, _MET, _BELOW),
            np.maximum(least - part, 0),
            np.asarray(least <= total, dtype=bool),
            grow,
            grow_ok,
        )


@dataclasses.dataclass(frozen=True)
class Range(_ArrayRule):
    """A share between ``low`` and ``high`` inclusive ("từ 35% đến 40%").

    Below ``low`` is ``below`` (seats count to the low bound); above ``high`` is ``above_range``
    (no seats needed: exceeding the range is not a shortfall).

    Examples
    --------
    >>> r = Range(percent("35"), percent("40"))
    >>> r.label, r.status(20, 6).value, r.seats_needed(20, 6), r.status(20, 9).value
    ('35–40%', 'below', 1, 'above_range')
    """

    low: Fraction
    high: Fraction

    def __repr__(self) -> str:
        """Return the rule as Python that builds it: ``Range(percent("35"), percent("40"))``."""
        return f"Range({_share_repr(self.low)}, {_share_repr(self.high)})"

    def __post_init__(self) -> None:
        _check_share("low", self.low)
        _check_share("high", self.high)
        if self.low > self.high:
            raise _FieldProblem(
                "high",
                f"cận trên phải ≥ cận dưới (high must be ≥ low), got {_pct_text(self.low)}–"
                f"{_pct_text(self.high)}%",
            )

    @property
    def label(self) -> str:
        """See :attr:`Rule.label`."""
        return f"{_pct_text(self.low)}–{_pct_text(self.high)}%"

    @property
    def lower_bound(self) -> Fraction | None:
        """See :attr:`Rule.lower_bound`."""
        return self.low

    def min_count(self, size: int) -> int | None:
        """See :meth:`Rule.min_count`."""
        return _ceil(self.low * size)

    def fits(self, size: int) -> bool:
        """Say whether some count of a body of ``size`` falls inside the range."""
        return _ceil(self.low * size) <= _floor(self.high * size)

    @property
    def scale(self) -> int:
        """See :attr:`Rule.scale`."""
        return max(
            self.low.numerator, self.low.denominator, self.high.numerator, self.high.denominator
        )

    def evaluate(self, total: np.ndarray, part: np.ndarray) -> Evaluation:
        """See :meth:`Rule.evaluate`: below the low bound, above the high bound, or met.

        Above the range needs nothing; below, the seats count to the low bound.
        """
        lo_a, lo_b = self.low.numerator, self.low.denominator
        hi_a, hi_b = self.high.numerator, self.high.denominator
        below = np.asarray(part * lo_b < lo_a * total, dtype=bool)
        above = ~below & np.asarray(part * hi_b > hi_a * total, dtype=bool)
        zero = np.zeros_like(total)
        need = np.where(above, zero, np.maximum(_ceil_div(lo_a * total, lo_b) - part, 0))
        grow, grow_ok = _grow_arrays(total, part, self.low, strict=False)
        return Evaluation(
            np.where(below, _BELOW, np.where(above, _ABOVE, _MET)),
            need,
            np.ones(len(total), dtype=bool),
            np.where(above, zero, grow),
            above | grow_ok,
        )


@dataclasses.dataclass(frozen=True)
class Presence(_ArrayRule):
    """At least ``k`` members of the group ("cần có cán bộ nữ": k = 1).

    Examples
    --------
    >>> Presence().label, Presence().seats_needed(9, 0), Presence(2).seats_needed(1, 0)
    ('≥ 1 nữ', 1, None)
    """

    k: int = 1

    def __repr__(self) -> str:
        """Return the rule as Python that builds it: ``Presence()``, ``Presence(2)``."""
        return "Presence()" if self.k == 1 else f"Presence({self.k})"

    def __post_init__(self) -> None:
        if isinstance(self.k, bool) or not isinstance(self.k, int) or self.k < 1:
            raise _FieldProblem("k", f"cần số nguyên ≥ 1 (a whole number ≥ 1), got {self.k!r}")

    @property
    def label(self) -> str:
        """See :attr:`Rule.label`."""
        return f"≥ {self.k} nữ"

    def min_count(self, size: int) -> int | None:
        """See :meth:`Rule.min_count`."""
        return self.k if self.k <= size else None

    @property
    def scale(self) -> int:
        """See :attr:`Rule.scale`."""
        return self.k

    def evaluate(self, total: np.ndarray, part: np.ndarray) -> Evaluation:
        """See :meth:`Rule.evaluate`: at least ``k`` members, reachable when ``total ≥ k``."""
        need = np.maximum(self.k - part, 0)
        return Evaluation(
            np.where(np.asarray(part >= self.k, dtype=bool), _MET, _BELOW),
            need,
            np.asarray(total >= self.k, dtype=bool),
            need,
            np.ones(len(total), dtype=bool),
        )


class _Wrapper(Rule):
    """A rule that judges each unit by its ``inner_rule`` (Conditional, ShareOfUnits)."""

    inner_rule: Rule

    @property
    def lower_bound(self) -> Fraction | None:
        """See :attr:`Rule.lower_bound`."""
        return self.inner_rule.lower_bound

    def min_count(self, size: int) -> int | None:
        """See :meth:`Rule.min_count`."""
        return self.inner_rule.min_count(size)

    def status(self, total: int, part: int) -> Status:
        """See :meth:`Rule.status`."""
        return self.inner_rule.status(total, part)

    def seats_needed(self, total: int, part: int) -> int | None:
        """See :meth:`Rule.seats_needed`."""
        return self.inner_rule.seats_needed(total, part)

    def seats_needed_if_grow(self, total: int, part: int) -> int | None:
        """See :meth:`Rule.seats_needed_if_grow`."""
        return self.inner_rule.seats_needed_if_grow(total, part)

    @property
    def scale(self) -> int:
        """See :attr:`Rule.scale`."""
        return self.inner_rule.scale

    def evaluate(self, total: np.ndarray, part: np.ndarray) -> Evaluation:
        """See :meth:`Rule.evaluate`: each unit is judged by the inner rule."""
        return self.inner_rule.evaluate(total, part)


@dataclasses.dataclass(frozen=True)
class Conditional(_Wrapper):
    """The inner rule applies only to units whose ``condition_body`` meets ``condition``.

    11-NQ/TW c: key posts must include a woman where the unit's staff is ≥ 30 % women.  The condition
    is judged on the women (``female``/``total``) of the same unit's ``condition_body`` row in the same
    term; see :func:`gender_stats.compliance.check`.

    Examples
    --------
    >>> Conditional(Presence()).label
    '≥ 1 nữ (nếu staff ≥ 30% nữ)'
    """

    inner_rule: Rule
    condition_body: str = "staff"
    condition: Floor = dataclasses.field(default_factory=lambda: Floor(Fraction(3, 10)))

    def __repr__(self) -> str:
        """Return the rule as Python that builds it: ``Conditional(Presence())``."""
        args = [repr(self.inner_rule)]
        if self.condition_body != "staff":
            args.append(f"condition_body={self.condition_body!r}")
        if self.condition != Floor(Fraction(3, 10)):
            args.append(f"condition={self.condition!r}")
        return f"Conditional({', '.join(args)})"

    def __post_init__(self) -> None:
        if not isinstance(self.inner_rule, Floor | Range | Presence):
            raise _FieldProblem(
                "rule.inner",
                f"cần floor, range hoặc presence (a simple rule), got {self.inner_rule!r}",
            )
        if self.condition_body not in BODIES:
            raise _FieldProblem(
                "rule.condition_body",
                f"cơ quan không có trong danh mục (unknown body) {self.condition_body!r}; "
                f"expected one of {', '.join(BODIES)}",
            )
        if not isinstance(self.condition, Floor):
            raise _FieldProblem(
                "rule.condition", f"cần một floor (a floor), got {self.condition!r}"
            )

    @property
    def label(self) -> str:
        """See :attr:`Rule.label`."""
        return f"{self.inner_rule.label} (nếu {self.condition_body} {self.condition.label} nữ)"

    def unit_rule(self) -> Rule:
        """See :meth:`Rule.unit_rule`."""
        return self.inner_rule


@dataclasses.dataclass(frozen=True)
class ShareOfUnits(_Wrapper):
    """At least ``share`` of the units meet ``inner_rule`` (``strict``: more than ``share``).

    28/NQ-CP: 60 % of local governments have a female key leader by 2025.  Each unit is checked
    against the inner rule; :func:`gender_stats.compliance.summarise` compares the share of units
    that meet it with ``share``.

    Examples
    --------
    >>> s = ShareOfUnits(Presence(), percent("60"))
    >>> s.label, s.units_met(3, 5), s.units_met(2, 5)
    ('≥ 60% đơn vị: ≥ 1 nữ', True, False)
    """

    inner_rule: Rule
    share: Fraction
    strict: bool = False

    def __repr__(self) -> str:
        """Return the rule as Python that builds it: ``ShareOfUnits(Presence(), percent("60"))``."""
        strict = ", strict=True" if self.strict else ""
        return f"ShareOfUnits({self.inner_rule!r}, {_share_repr(self.share)}{strict})"

    def __post_init__(self) -> None:
        if not isinstance(self.inner_rule, Floor | Range | Presence | Conditional):
            raise _FieldProblem(
                "rule.inner",
                f"cần floor, range, presence hoặc conditional (a unit rule), got {self.inner_rule!r}",
            )
        _check_share("rule.share", self.share, allow_one=not self.strict)

    @property
    def label(self) -> str:
        """See :attr:`Rule.label`."""
        op = ">" if self.strict else "≥"
        return f"{op} {_pct_text(self.share)}% đơn vị: {self.inner_rule.label}"

    def unit_rule(self) -> Rule:
        """See :meth:`Rule.unit_rule`."""
        return self.inner_rule.unit_rule()

    def units_met(self, n_met: int, n_units: int) -> bool:
        """Say whether ``n_met`` of ``n_units`` units meeting the inner rule meets the share."""
        lhs, rhs = n_met * self.share.denominator, self.share.numerator * n_units
        return lhs > rhs if self.strict else lhs >= rhs

    def more_units(self, n_met: int, n_units: int) -> int:
        """Return how many more of ``n_units`` units must meet the inner rule (0: the share is met).

        Examples
        --------
        >>> rule = ShareOfUnits(Presence(), percent("80"))
        >>> rule.more_units(17, 27), rule.more_units(22, 27)  # 80 % of 27 is 21.6: 22 units
        (5, 0)
        """
        return next(k for k in range(n_units - n_met + 1) if self.units_met(n_met + k, n_units))


def rule_from_dict(spec: Mapping[str, Any], *, field: str = "rule") -> Rule:
    """Build a rule from its YAML form (thresholds as decimal percent text).

    Examples
    --------
    >>> rule_from_dict({"type": "floor", "threshold": "35", "strict": True}).label
    '> 35%'
    >>> rule_from_dict({"type": "share_of_units", "share": "60", "inner": {"type": "presence"}}).label
    '≥ 60% đơn vị: ≥ 1 nữ'
    """
    if not isinstance(spec, Mapping):
        raise _FieldProblem(field, f"cần một bảng (a mapping with 'type'), got {spec!r}")
    kind = spec.get("type")
    if kind is None:
        raise _FieldProblem(f"{field}.type", "thiếu trường (missing field)")

    def need(key: str) -> Any:
        if key not in spec or spec[key] is None:
            raise _FieldProblem(f"{field}.{key}", "thiếu trường (missing field)")
        return spec[key]

    def pct(key: str) -> Fraction:
        text = need(key)
        try:
            share = percent(text)
        except _FieldProblem as err:
            if err.field == "threshold":
                raise _FieldProblem(f"{field}.{key}", err.problem) from err
            raise
        if (
            isinstance(text, str)
            and not text.strip().endswith("%")
            and 0 < share < Fraction(1, 100)
        ):
            # "0.15" in a file of percentages: 15 % written as a share of one?
            raise _FieldProblem(f"{field}.{key}", PERCENT_OR_SHARE.format(text=text))
        return share

    def relabel(err: _FieldProblem) -> _FieldProblem:
        name = err.field if err.field.startswith(field) else f"{field}.{err.field}"
        return _FieldProblem(name, err.problem)

    try:
        if kind == "floor":
            return Floor(pct("threshold"), strict=bool(spec.get("strict", False)))
        if kind == "range":
            return Range(pct("low"), pct("high"))
        if kind == "presence":
            return Presence(spec.get("k", 1))
        if kind == "conditional":
            condition = spec.get("condition", {"type": "floor", "threshold": "30"})
            return Conditional(
                rule_from_dict(need("inner"), field=f"{field}.inner"),
                condition_body=spec.get("condition_body", "staff"),
                condition=rule_from_dict(condition, field=f"{field}.condition"),  # type: ignore[arg-type]
            )
        if kind == "share_of_units":
            return ShareOfUnits(
                rule_from_dict(need("inner"), field=f"{field}.inner"),
                pct("share"),
                strict=bool(spec.get("strict", False)),
            )
    except _FieldProblem as err:
        raise relabel(err) from err
    raise _FieldProblem(
        f"{field}.type",
        f"loại quy tắc không hợp lệ (unknown rule type) {kind!r}; expected one of {', '.join(RULE_TYPES)}",
    )


# ---------------------------------------------------------------------------------------------
# Targets


@dataclasses.dataclass(frozen=True, kw_only=True)
class Target:
    """One clause of one document, as a checkable rule with its citation.

    Keyword-only; ``clause_en``, ``levels``, ``terms``, ``target_year`` and everything after
    ``rule`` have defaults, so a target of one's own is a few lines of Python (no YAML needed).

    Examples
    --------
    >>> import datetime as dt
    >>> import pandas as pd
    >>> from gender_stats.compliance import check
    >>> quarter = Target(
    ...     id="plan:1", document="Kế hoạch 12/KH", date=dt.date(2024, 3, 1), issuer="Tỉnh ủy",
    ...     clause_vi="nữ chiếm ít nhất 25% cấp ủy", bodies=("party_committee",),
    ...     rule=Floor(percent("25")))
    >>> counts = pd.DataFrame({
    ...     "term": ["2020-2025"] * 2, "unit_id": ["A", "B"], "unit_name": ["A", "B"],
    ...     "level": ["district"] * 2, "body": ["party_committee"] * 2,
    ...     "total": [20, 40], "female": [4, 10]})
    >>> check(counts, [quarter])[["unit_id", "rule", "status", "seats_needed"]]
      unit_id   rule status  seats_needed
    0       A  ≥ 25%  below             1
    1       B  ≥ 25%    met             0

    Attributes
    ----------
    id : str
        ``document:clause``, e.g. ``36-CT/TW:a``; the two directives numbered 35-CT/TW are keyed by
        number and year (``35-CT/TW-2019:a``).
    document, date, issuer : str, datetime.date, str
        The instrument, its date and who issued it.
    clause_vi, clause_en : str
        The wording in Vietnamese (as quoted by the source) and an English gloss.
    bodies : tuple of str
        Body codes of :data:`gender_stats.vocab.BODIES` it applies to; empty means every body.
    levels : tuple of str
        Level codes it applies to; empty means every level (``all`` in YAML).
    terms : tuple of str
        Terms (``YYYY-YYYY``) it applies to; empty means "see ``target_year``".
    target_year : int or None
        For targets set "by year Y": the target applies to the term whose years contain Y, with the
        start excluded and the end included (``start < Y ≤ end``): "by 2020" judges the party
        committees of 2015-2020 and the People's Councils of 2016-2021; "by 2030" (26-NQ/TW) judges
        the party committees of 2025-2030 and the National Assembly XVI (2026-2031), **not** the
        National Assembly XV (2021-2026), whose term ends before 2030.  With neither ``terms`` nor
        ``target_year`` (nor ``first_year`` or ``activity_year``) the target applies to every term.
    rule : Rule
    numerator : str, default ``"female"``
        The counts column the rule judges (``under_40``, ``trained``); the denominator is ``total``.
    confidence : str
        ``quoted``, ``secondary`` or ``unverified``.
    sources : tuple of dict
        Each with ``ref`` (``S3``), ``title`` and, when known, ``url``.
    note : str
        Remarks (e.g. how a document's term labels map to real terms).
    kinds : tuple of str
        Unit kinds it applies to (empty: any kind).
    first_year : int or None
        For a law in force from an election on: the target applies to every term that starts in
        or after this year (85/2015/QH13 from the 2016 elections: ``2016``).
    activity_year : int or None
        For a target set for one activity year (the founding letter's training targets for
        2015): the target applies to the rows whose term covers that year, ``start ≤ Y < end``
        (``2015-2020`` or an activity-year label ``2015-2016``; not ``2010-2015``).
    key_post_definitions : tuple of (str, str)
        For key-post targets: the key-post definition (an id of
        :func:`gender_stats.key_post_definitions`) the target counts at each level, as
        ``(level, definition)`` pairs (28/NQ-CP: ``local_government`` at province, district and
        commune).  :func:`~gender_stats.check` judges a ``key_posts`` row of such a level only
        when the counts' ``definition`` is that one (counts naming no definition are judged, with
        a note naming the definition assumed).  Empty: the clause names no list of key posts and
        any definition is judged.
    key_post_source : str
        Where that reading of the clause comes from, and how sure it is.
    """

    id: str
    document: str
    date: dt.date
    issuer: str
    clause_vi: str
    clause_en: str = ""
    bodies: tuple[str, ...]
    levels: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    target_year: int | None = None
    rule: Rule
    numerator: str = FEMALE
    confidence: str = "unverified"
    sources: tuple[Mapping[str, str], ...] = ()
    note: str = ""
    kinds: tuple[str, ...] = ()
    first_year: int | None = None
    activity_year: int | None = None
    key_post_definitions: tuple[tuple[str, str], ...] = ()
    key_post_source: str = ""

    def __repr__(self) -> str:
        """Return the target on one line: id, rule, bodies, when, document and confidence.

        Examples
        --------
        >>> t = get_targets("36-CT/TW:b")[0]
        >>> t
        <Target 36-CT/TW:b: Presence() on standing_committee, 2015-2020 — 36-CT/TW, 2014-05-30, quoted>
        """
        bodies = ", ".join(self.bodies) or "every body"
        counted = "" if self.numerator == FEMALE else f" counting {self.numerator}"
        return (
            f"<Target {self.id}: {self.rule!r}{counted} on {bodies}, {self.when_text('en')} — "
            f"{self.document}, {self.date.isoformat()}, {self.confidence}>"
        )

    def _repr_html_(self) -> str:
        """Return the target as a small HTML table for notebooks (clause in both languages)."""
        rows = [
            ("id", self.id),
            ("rule", f"{self.rule.label} ({self.rule!r})"),
            ("bodies", ", ".join(self.bodies) or "every body"),
            ("levels", ", ".join(self.levels) or "every level"),
            ("when", self.when_text("en")),
            ("counted", self.numerator),
            ("document", f"{self.document}, {self.date.isoformat()}, {self.issuer}"),
            ("clause_vi", self.clause_vi),
            ("clause_en", self.clause_en),
            ("confidence", self.confidence),
            ("key posts", _key_posts_text(self)),
            ("note", self.note),
        ]
        cells = "".join(
            f"<tr><th style='text-align:left'>{html.escape(k)}</th>"
            f"<td style='text-align:left'>{html.escape(str(v))}</td></tr>"
            for k, v in rows
            if v
        )
        return f"<table class='gs-target'>{cells}</table>"

    def __post_init__(self) -> None:
        for name in ("id", "document", "issuer", "clause_vi", "numerator"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip():
                raise _FieldProblem(name, f"cần chữ không trống (non-empty text), got {value!r}")
        if not isinstance(self.date, dt.date):
            raise _FieldProblem(
                "date", f"cần ngày dạng YYYY-MM-DD (an ISO date), got {self.date!r}"
            )
        for name in ("bodies", "levels", "terms", "kinds", "sources"):
            if not isinstance(getattr(self, name), tuple):
                raise _FieldProblem(name, f"cần một tuple (a tuple), got {getattr(self, name)!r}")
        pairs = self.key_post_definitions
        if not isinstance(pairs, tuple) or not all(
            isinstance(p, tuple) and len(p) == 2 and all(isinstance(x, str) and x for x in p)
            for p in pairs
        ):
            raise _FieldProblem(
                "key_post_definitions",
                f"cần các cặp (cấp, định nghĩa) (a tuple of (level, definition) pairs), got "
                f"{pairs!r}",
            )
        unknown = [b for b in self.bodies if b not in BODIES]
        if unknown:
            raise _FieldProblem(
                "bodies",
                f"cơ quan không có trong danh mục (unknown body) {unknown[0]!r}; "
                f"expected one of {', '.join(BODIES)}",
            )
        for term in self.terms:
            try:
                start, end = term_bounds(term)
            except ValueError:
                start, end = 1, 0
            if not start < end:
                raise _FieldProblem("terms", f"cần nhiệm kỳ dạng 2015-2020 (a term), got {term!r}")
        for name in ("target_year", "first_year", "activity_year"):
            year = getattr(self, name)
            if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
                raise _FieldProblem(name, f"cần một năm (a year), got {year!r}")
        if not isinstance(self.rule, Rule):
            raise _FieldProblem("rule", f"cần một Rule (a rule), got {self.rule!r}")
        if self.confidence not in CONFIDENCES:
            raise _FieldProblem(
                "confidence",
                f"expected one of {', '.join(CONFIDENCES)}, got {self.confidence!r}",
            )

    def key_post_definition(self, level: str) -> str | None:
        """Return the key-post definition the target counts at ``level`` (``None``: any).

        Examples
        --------
        >>> t = get_targets("28/NQ-CP:2025")[0]
        >>> t.key_post_definition("district"), t.key_post_definition("national")
        ('local_government', None)
        """
        return dict(self.key_post_definitions).get(level)

    def applies_to_term(self, term: str) -> bool:
        """Say whether the target applies to bodies of ``term`` (see ``target_year``).

        Examples
        --------
        >>> t = get_targets("11-NQ/TW:a")[0]
        >>> t.applies_to_term("2015-2020"), t.applies_to_term("2020-2025")
        (True, False)
        """
        if self.terms:
            return term in self.terms
        if self.target_year is None and self.first_year is None and self.activity_year is None:
            return True
        start, end = term_bounds(term)
        if self.target_year is not None and not start < self.target_year <= end:
            return False
        if self.first_year is not None and start < self.first_year:
            return False
        return self.activity_year is None or start <= self.activity_year < end

    @property
    def when(self) -> str:
        """Return the terms or year the target applies to, in English (see :meth:`when_text`)."""
        return self.when_text("en")

    def when_text(self, lang: str = "en") -> str:
        """Return the terms or year the target applies to, in words, in one language.

        Examples
        --------
        >>> t = get_targets("26-NQ/TW:c")[0]
        >>> t.when_text("en"), t.when_text("vi")
        ('by 2030: the term with start < 2030 ≤ end', 'đến năm 2030: nhiệm kỳ có năm đầu < 2030 ≤ năm cuối')
        """
        vi = lang == "vi"
        if self.terms:
            return ("nhiệm kỳ " if vi else "") + ", ".join(self.terms)
        parts = []
        if self.target_year is not None:
            y = self.target_year
            parts.append(
                f"đến năm {y}: nhiệm kỳ có năm đầu < {y} ≤ năm cuối"
                if vi
                else f"by {y}: the term with start < {y} ≤ end"
            )
        if self.first_year is not None:
            y = self.first_year
            parts.append(
                f"các nhiệm kỳ bắt đầu từ năm {y}" if vi else f"terms starting in {y} or later"
            )
        if self.activity_year is not None:
            y = self.activity_year
            parts.append(
                f"năm hoạt động {y}: nhiệm kỳ có năm đầu ≤ {y} < năm cuối"
                if vi
                else f"the {y} activity year: the term with start ≤ {y} < end"
            )
        if parts:
            return "; ".join(parts)
        return "mọi nhiệm kỳ" if vi else "every term"

    def judged_terms(self, body: str | None = None) -> tuple[str, ...] | None:
        """Return the terms of known party or council/National Assembly terms the target judges.

        Parameters
        ----------
        body : str, optional
            A body code; council-type bodies (``peoples_council``, ``national_assembly``,
            ``candidates``) follow the council terms (2011-2016, 2016-2021, ...), every other body
            the party terms (2010-2015, 2015-2020, ...).  By default the first body of the target.

        Returns
        -------
        tuple of str or None
            The judged terms among :data:`PARTY_TERMS` or :data:`COUNCIL_TERMS`; ``None`` when
            the target applies to every term.

        Examples
        --------
        >>> t = get_targets("26-NQ/TW:c")[0]
        >>> t.judged_terms("peoples_council"), t.judged_terms("party_committee")
        (('2026-2031',), ('2025-2030',))
        """
        if (
            not self.terms
            and self.target_year is None
            and self.first_year is None
            and self.activity_year is None
        ):
            return None
        if body is None:
            body = self.bodies[0] if self.bodies else "party_committee"
        known = COUNCIL_TERMS if body in COUNCIL_BODIES else PARTY_TERMS
        return tuple(t for t in known if self.applies_to_term(t))

    def to_dict(self) -> dict[str, Any]:
        """Return the target as a flat dict (one row of :func:`list_targets`)."""
        return {
            "target_id": self.id,
            "document": self.document,
            "date": self.date,
            "issuer": self.issuer,
            "rule": self.rule.label,
            "rule_type": _rule_type(self.rule),
            "threshold": self.rule.lower,
            "bodies": ", ".join(self.bodies) or _ALL,
            "levels": ", ".join(self.levels) or _ALL,
            "terms": ", ".join(self.terms),
            "target_year": self.target_year,
            "when": self.when_text("en"),
            "party_terms": _judged_text(self, COUNCIL_BODIES, party=True),
            "council_terms": _judged_text(self, COUNCIL_BODIES, party=False),
            "numerator": self.numerator,
            "clause_vi": self.clause_vi,
            "clause_en": self.clause_en,
            "confidence": self.confidence,
            "sources": "; ".join(
                " ".join(str(s[k]) for k in ("ref", "title", "url") if s.get(k))
                for s in self.sources
            ),
            "note": self.note,
            "key_post_definitions": _key_posts_text(self),
        }


def _key_posts_text(target: Target) -> str:
    """Return the key-post definitions a target counts, by level, in words (``""`` if none)."""
    return ", ".join(f"{level}: {name}" for level, name in target.key_post_definitions)


def _judged_text(target: Target, council: Sequence[str], *, party: bool) -> str:
    """Return the judged terms of the party-type (or council-type) bodies of a target, in words."""
    bodies = target.bodies or tuple(BODIES)
    mine = [b for b in bodies if (b in council) != party]
    if not mine:
        return ""
    terms = target.judged_terms(mine[0])
    if terms is None:
        return "every term"
    if target.first_year is not None:
        return ", ".join(terms) + ", …"
    return ", ".join(terms)


def _rule_type(rule: Rule) -> str:
    if isinstance(rule, Floor):
        return "strict_floor" if rule.strict else "floor"
    return {
        Range: "range",
        Presence: "presence",
        Conditional: "conditional",
        ShareOfUnits: "share_of_units",
    }[type(rule)]


# ---------------------------------------------------------------------------------------------
# Loading


_REQUIRED = ("id", "document", "date", "issuer", "clause_vi", "bodies", "rule", "confidence")


def _codes(value: Any, field: str) -> tuple[str, ...]:
    if value is None or value == _ALL or value == [_ALL]:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise _FieldProblem(field, f"cần một danh sách mã (a list of codes) hoặc 'all', got {value!r}")


def _parse_entry(entry: Mapping[str, Any]) -> Target:
    for key in _REQUIRED:
        if entry.get(key) in (None, ""):
            raise _FieldProblem(key, "thiếu trường (missing field)")
    date = entry["date"]
    if isinstance(date, str):
        try:
            date = dt.date.fromisoformat(date)
        except ValueError as err:
            raise _FieldProblem(
                "date", f"cần ngày dạng YYYY-MM-DD (an ISO date), got {date!r}"
            ) from err
    if not isinstance(date, dt.date):
        raise _FieldProblem("date", f"cần ngày dạng YYYY-MM-DD (an ISO date), got {date!r}")
    year = entry.get("target_year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise _FieldProblem("target_year", f"cần một năm như 2025 (a year), got {year!r}")
    sources = entry.get("sources") or ()
    if not isinstance(sources, list | tuple) or not all(isinstance(s, Mapping) for s in sources):
        raise _FieldProblem(
            "sources", f"cần danh sách {{ref, title, url}} (a list), got {sources!r}"
        )
    year = entry.get("target_year")
    return Target(
        id=str(entry["id"]),
        document=str(entry["document"]),
        date=date,
        issuer=str(entry["issuer"]),
        clause_vi=str(entry["clause_vi"]),
        clause_en=str(entry.get("clause_en", "")),
        bodies=_codes(entry["bodies"], "bodies"),
        levels=_codes(entry.get("levels"), "levels"),
        terms=_codes(entry.get("terms"), "terms"),
        target_year=year,
        rule=rule_from_dict(entry["rule"]),
        numerator=str(entry.get("numerator", FEMALE)),
        confidence=str(entry["confidence"]),
        sources=tuple({str(k): str(v) for k, v in s.items() if v is not None} for s in sources),
        note=str(entry.get("note") or ""),
        kinds=_codes(entry.get("kinds"), "kinds"),
        first_year=entry.get("first_year"),
        activity_year=entry.get("activity_year"),
        **_key_posts_entry(entry.get("key_posts")),
    )


def _key_posts_entry(value: Any) -> dict[str, Any]:
    """Return the ``key_post_definitions`` and ``key_post_source`` of a YAML ``key_posts`` field.

    ``key_posts: {definitions: {district: local_government, ...}, source: "..."}``; every
    definition must be one of the key-post catalogue (:func:`gender_stats.key_post_definitions`).
    """
    if value is None:
        return {}
    expected = (
        "cần {definitions: {cấp: định nghĩa}, source: ...} (a mapping of levels to definitions)"
    )
    if not isinstance(value, Mapping):
        raise _FieldProblem("key_posts", f"{expected}, got {value!r}")
    definitions = value.get("definitions") or {}
    if not isinstance(definitions, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in definitions.items()
    ):
        raise _FieldProblem("key_posts", f"{expected}, got {value!r}")
    from gender_stats.keyposts import _catalogue  # keyposts reads its YAML with this module

    known = _catalogue().definitions
    for level, name in definitions.items():
        if name not in known:
            raise _FieldProblem(
                "key_posts",
                f"định nghĩa chức danh chủ chốt không rõ (unknown key-post definition) {name!r} "
                f"for {level}; expected one of {', '.join(known)}",
            )
        if level not in known[name].levels:
            raise _FieldProblem(
                "key_posts",
                f"định nghĩa {name!r} không dùng cho cấp {level} (not defined for level {level}); "
                f"its levels: {', '.join(known[name].levels)}",
            )
    return {
        "key_post_definitions": tuple((str(k), str(v)) for k, v in definitions.items()),
        "key_post_source": str(value.get("source") or ""),
    }


def _parse(data: Any, file: str) -> tuple[Target, ...]:
    """Build the targets of a parsed YAML document, reporting every bad entry at once."""
    entries = data.get("targets") if isinstance(data, Mapping) else data
    if not isinstance(entries, list):
        raise TargetError(
            TARGET_ERROR_TEMPLATE.format(
                file=file,
                entry="(tệp)",
                field="targets",
                problem="cần một danh sách mục (a list of targets under 'targets:')",
            )
        )
    targets: list[Target] = []
    problems: list[str] = []
    seen: set[str] = set()
    for position, entry in enumerate(entries, start=1):
        name = (
            f"{entry['id']!r} (#{position})"
            if isinstance(entry, Mapping) and entry.get("id")
            else f"#{position}"
        )
        if not isinstance(entry, Mapping):
            problems.append(
                TARGET_ERROR_TEMPLATE.format(
                    file=file, entry=name, field="(mục)", problem="cần một bảng (a mapping)"
                )
            )
            continue
        try:
            target = _parse_entry(entry)
        except _FieldProblem as err:
            problems.append(
                TARGET_ERROR_TEMPLATE.format(
                    file=file, entry=name, field=err.field, problem=err.problem
                )
            )
            continue
        except (TargetError, ValueError, TypeError) as err:  # a rule or field the model refuses
            problems.append(
                TARGET_ERROR_TEMPLATE.format(file=file, entry=name, field="(mục)", problem=err)
            )
            continue
        if target.id in seen:
            problems.append(
                TARGET_ERROR_TEMPLATE.format(
                    file=file, entry=name, field="id", problem="mã trùng (duplicate id)"
                )
            )
        seen.add(target.id)
        targets.append(target)
    if problems:
        raise TargetError("\n".join(problems))
    return tuple(targets)


def load_targets(path: Any, *, replace: bool = False) -> tuple[Target, ...]:
    """Read targets from a user's YAML file (same format as the bundled catalogue).

    Parameters
    ----------
    path : str or os.PathLike
        A YAML file with a list of entries under ``targets:`` (see ``_data/targets.yaml``), in UTF-8.
    replace : bool, default False
        Allow an entry to reuse the id of a catalogue target (to replace it: pass the loaded target
        to :func:`gender_stats.check` instead of the catalogue's).  Without it such an entry is an
        error, since which of the two rules judged would depend on the order of the list.

    Returns
    -------
    tuple of Target

    Raises
    ------
    TargetError
        Naming the file, the entry (its id and position) and the field of every problem: a missing
        field, an impossible date, an unknown body, a threshold outside 0-100 %, an unknown rule
        type, an id of the catalogue; or saying why the file cannot be read (missing, a folder,
        not UTF-8, not YAML).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> text = '''targets:
    ... - {id: "X:a", document: X, date: 2024-01-01, issuer: me, clause_vi: "≥ 20%",
    ...    bodies: [party_committee], rule: {type: floor, threshold: "20"}, confidence: quoted}
    ... '''
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp, "t.yaml")
    ...     _ = path.write_text(text, encoding="utf-8")
    ...     [t.rule.label for t in load_targets(path)]
    ['≥ 20%']
    """
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except TypeError as err:
        raise TargetError(
            f"load_targets() cần đường dẫn tệp YAML (a path to a YAML file), got {path!r}"
        ) from err
    except FileNotFoundError as err:
        raise TargetError(
            f'Không thấy tệp chỉ tiêu "{name}" (targets file not found). '
            "Hint: kiểm tra đường dẫn (check the path)."
        ) from err
    except OSError as err:
        raise TargetError(
            f'Không đọc được tệp chỉ tiêu "{name}" (cannot read the targets file): '
            f"{err.strerror or err}"
        ) from err
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise TargetError(
            f'Tệp chỉ tiêu "{name}" không phải UTF-8 (not UTF-8): byte {err.start} '
            f"{raw[err.start : err.start + 1]!r}. Hint: lưu lại tệp dạng UTF-8 (save it as UTF-8)."
        ) from err
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        raise TargetError(f"{name}: không đọc được YAML (invalid YAML): {err}") from err
    except ValueError as err:  # YAML timestamps: 2024-13-45 fails in the date constructor
        raise TargetError(
            TARGET_ERROR_TEMPLATE.format(
                file=name,
                entry=_bad_date_line(text),
                field="date",
                problem=f"ngày không có thật (an impossible date): {err}",
            )
        ) from err
    targets = _parse(data, name)
    if not replace:
        known = {t.id for t in _catalogue()}
        clash = [
            TARGET_ERROR_TEMPLATE.format(
                file=name,
                entry=f"{t.id!r} (#{position})",
                field="id",
                problem=(
                    "mã đã có trong danh mục (an id of the catalogue). Hint: đặt mã khác, hoặc "
                    "load_targets(..., replace=True) để thay chỉ tiêu này (use another id, or "
                    "replace=True to replace the catalogue's target)"
                ),
            )
            for position, t in enumerate(targets, start=1)
            if t.id in known
        ]
        if clash:
            raise TargetError("\n".join(clash))
    return targets


_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")


def _bad_date_line(text: str) -> str:
    """Name the line of the first impossible ``YYYY-MM-DD`` date in a YAML text."""
    for number, line in enumerate(text.splitlines(), start=1):
        for match in _DATE.finditer(line):
            try:
                dt.date(*(int(g) for g in match.groups()))
            except ValueError:
                return f'dòng {number} (line {number}: "{match.group(0)}")'
    return "(tệp)"


_CATALOGUE: tuple[Target, ...] | None = None
_DEADLINES: pd.DataFrame | None = None

#: The columns of :func:`get_deadlines`.
DEADLINE_COLUMNS: tuple[str, ...] = (
    "deadline_id",
    "document",
    "date",
    "issuer",
    "report_vi",
    "report_en",
    "due_before",
    "recipients",
    "clause_vi",
    "clause_en",
    "confidence",
    "sources",
)


def bundled_yaml(text: str) -> Any:
    """Parse a YAML file shipped with the package: libyaml's safe loader when PyYAML has it.

    The same documents as :func:`yaml.safe_load`, eight times faster (the targets: 27 ms → 3 ms
    at every start); a user's file keeps the pure-Python loader, whose errors show the line.

    Examples
    --------
    >>> bundled_yaml("a: [1, 2]")
    {'a': [1, 2]}
    """
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _catalogue() -> tuple[Target, ...]:
    global _CATALOGUE
    if _CATALOGUE is None:
        resource = importlib.resources.files("gender_stats").joinpath("_data/targets.yaml")
        _CATALOGUE = _parse(bundled_yaml(resource.read_text(encoding="utf-8")), "targets.yaml")
    return _CATALOGUE


def _name_key(text: str) -> str:
    """Return a name without case, spaces, punctuation or diacritics (``36-ct/tw`` → ``36cttw``)."""
    folded = unicodedata.normalize("NFKD", text.casefold().replace("đ", "d"))
    return "".join(c for c in folded if c.isalnum())


def close_names(name: str, catalogue: Sequence[Target] | None = None) -> list[str]:
    """Return the catalogue documents and ids a mistyped ``name`` may stand for (at most 4).

    Names equal but for case, spaces, punctuation or diacritics first (``36-ct/tw``,
    ``36/CT-TW``, ``2351/QD-TTg``); else the documents with the same number (``CT36``,
    ``Chỉ thị 36``); else the closest spellings.  Never applied: a suggestion for the user.

    Examples
    --------
    >>> close_names("36-ct/tw"), close_names("CT 36"), close_names("26-NQ/TW:B")
    (['36-CT/TW'], ['36-CT/TW'], ['26-NQ/TW:b'])
    """
    targets = _catalogue() if catalogue is None else catalogue
    names = list(dict.fromkeys(n for t in targets for n in (t.document, t.id)))
    key = _name_key(name)
    same = [n for n in names if _name_key(n) == key]
    if same or not key:
        return same[:4]
    numbers = re.findall(r"\d+", name)
    documents = list(dict.fromkeys(t.document for t in targets))
    numbered = [d for d in documents if re.findall(r"\d+", d)[:1] == numbers[:1]] if numbers else []
    if numbered:
        return numbered[:4]
    keys = {_name_key(n): n for n in names}
    return [keys[k] for k in difflib.get_close_matches(key, list(keys), n=4, cutoff=0.75)]


def get_targets(
    selection: str | Target | Iterable[str | Target] | None = None,
) -> tuple[Target, ...]:
    """Return catalogue targets by document or id (and pass :class:`Target` objects through).

    Parameters
    ----------
    selection : str, Target or iterable of them, optional
        A document (``"36-CT/TW"`` selects all its targets), an id (``"36-CT/TW:a"``), ``"all"`` or
        ``None`` for the whole catalogue, or a list mixing them and user :class:`Target` objects.

    Returns
    -------
    tuple of Target
        In the order asked, without duplicates.

    Raises
    ------
    TargetError
        If a name is neither a document nor an id of the catalogue.

    Examples
    --------
    >>> [t.id for t in get_targets(["26-NQ/TW:c", "36-CT/TW"])]
    ['26-NQ/TW:c', '36-CT/TW:a', '36-CT/TW:b']
    """
    catalogue = _catalogue()
    if selection is None or selection == _ALL:
        return catalogue
    items: Iterable[str | Target]
    items = [selection] if isinstance(selection, str | Target) else selection
    out: dict[str, Target] = {}
    for item in items:
        if isinstance(item, Target):
            out.setdefault(item.id, item)
            continue
        if not isinstance(item, str):
            raise TargetError(f"expected a target id, a document or a Target, got {item!r}")
        found = [t for t in catalogue if item in (t.id, t.document)]
        if not found:
            documents = ", ".join(dict.fromkeys(t.document for t in catalogue))
            close = close_names(item, catalogue)
            guess = (
                f"có phải (did you mean) {' hoặc (or) '.join(repr(c) for c in close)}? "
                if close
                else ""
            )
            raise TargetError(
                f"không có mục tiêu {item!r} trong danh mục (unknown target or document). "
                f"Hint: {guess}documents are {documents}; see list_targets()."
            )
        for target in found:
            out.setdefault(target.id, target)
    return tuple(out.values())


def list_targets(
    selection: str | Target | Sequence[str | Target] | None = None,
) -> pd.DataFrame:
    """Return the catalogue as a table, one row per target, with its citation.

    Parameters
    ----------
    selection : optional
        As for :func:`get_targets`; by default the whole catalogue.

    Returns
    -------
    pandas.DataFrame
        Columns ``target_id``, ``document``, ``date``, ``issuer``, ``rule``, ``rule_type``,
        ``threshold``, ``bodies``, ``levels``, ``terms``, ``target_year`` (Int64), ``when`` (the
        terms or the year rule in words), ``party_terms`` and ``council_terms`` (the terms the
        target judges for party-type bodies and for People's Council / National Assembly bodies;
        ``every term`` when it has no date; empty when it has no body of that type),
        ``numerator``, ``clause_vi``, ``clause_en``, ``confidence``, ``sources``, ``note``,
        ``key_post_definitions`` (``level: definition``, comma-joined; empty when none is named).

    Notes
    -----
    A target set "by year Y" judges the term with ``start < Y ≤ end``: 26-NQ/TW's "by 2030" judges
    the party committees of 2025-2030 and the National Assembly XVI (2026-2031); the National
    Assembly XV (2021-2026) ends before 2030 and is judged by no dated target of the catalogue::

        >>> t = list_targets("26-NQ/TW:c")
        >>> t[["when", "party_terms", "council_terms"]].to_numpy().tolist()
        [['by 2030: the term with start < 2030 ≤ end', '', '2026-2031']]

    Examples
    --------
    >>> list_targets("36-CT/TW")[["target_id", "rule", "bodies", "confidence"]]
        target_id    rule              bodies confidence
    0  36-CT/TW:a   ≥ 15%     party_committee     quoted
    1  36-CT/TW:b  ≥ 1 nữ  standing_committee     quoted
    """
    rows = [t.to_dict() for t in get_targets(selection)]
    frame = pd.DataFrame(rows, columns=list(_columns()))
    return frame.astype({"target_year": "Int64", "threshold": "float64"})


def _columns() -> tuple[str, ...]:
    return (
        "target_id",
        "document",
        "date",
        "issuer",
        "rule",
        "rule_type",
        "threshold",
        "bodies",
        "levels",
        "terms",
        "target_year",
        "when",
        "party_terms",
        "council_terms",
        "numerator",
        "clause_vi",
        "clause_en",
        "confidence",
        "sources",
        "note",
        "key_post_definitions",
    )


def _parse_deadlines(entries: Any, file: str) -> pd.DataFrame:
    """Build the table of report deadlines of a parsed catalogue (``deadlines:``)."""
    if entries is None:
        entries = []
    if not isinstance(entries, list):
        raise TargetError(
            TARGET_ERROR_TEMPLATE.format(
                file=file, entry="(tệp)", field="deadlines", problem="cần một danh sách (a list)"
            )
        )
    rows = []
    for position, entry in enumerate(entries, start=1):
        name = f"#{position}"
        if not isinstance(entry, Mapping):
            raise TargetError(
                TARGET_ERROR_TEMPLATE.format(
                    file=file, entry=name, field="(mục)", problem="cần một bảng (a mapping)"
                )
            )
        row: dict[str, Any] = {}
        for key in DEADLINE_COLUMNS:
            value = entry.get("id" if key == "deadline_id" else key)
            if key in ("date", "due_before"):
                if isinstance(value, str):
                    try:
                        value = dt.date.fromisoformat(value)
                    except ValueError:
                        value = None
                if not isinstance(value, dt.date):
                    raise TargetError(
                        TARGET_ERROR_TEMPLATE.format(
                            file=file,
                            entry=name,
                            field=key,
                            problem=f"cần ngày dạng YYYY-MM-DD (an ISO date), got {value!r}",
                        )
                    )
            elif key == "sources":
                value = "; ".join(
                    " ".join(str(s[k]) for k in ("ref", "title", "url") if s.get(k))
                    for s in (value or ())
                )
            elif value is None or value == "":
                raise TargetError(
                    TARGET_ERROR_TEMPLATE.format(
                        file=file, entry=name, field=key, problem="thiếu trường (missing field)"
                    )
                )
            row[key] = value
        rows.append(row)
    return pd.DataFrame(rows, columns=list(DEADLINE_COLUMNS))


def get_deadlines() -> pd.DataFrame:
    """Return the report deadlines of the catalogue, with their citation.

    The founding letter 2458/BVSTBCPN-VX (item 5) asks every department and district to send the
    6-month report before 05/6/2015 and the annual report before 01/12/2015.  A report is on time
    when it arrives **before** ``due_before`` (``date < due_before``).

    Returns
    -------
    pandas.DataFrame
        One row per deadline: ``deadline_id``, ``document``, ``date`` (of the document),
        ``issuer``, ``report_vi``, ``report_en``, ``due_before`` (``datetime.date``),
        ``recipients``, ``clause_vi``, ``clause_en``, ``confidence``, ``sources``.  A fresh copy.

    Examples
    --------
    >>> d = get_deadlines()
    >>> d[["deadline_id", "due_before"]].astype(str).to_numpy().tolist()
    [['2458/BVSTBCPN-VX:r6', '2015-06-05'], ['2458/BVSTBCPN-VX:r12', '2015-12-01']]
    """
    global _DEADLINES
    if _DEADLINES is None:
        resource = importlib.resources.files("gender_stats").joinpath("_data/targets.yaml")
        data = bundled_yaml(resource.read_text(encoding="utf-8"))
        _DEADLINES = _parse_deadlines(data.get("deadlines"), "targets.yaml")
    return _DEADLINES.copy()
