"""Rules evaluate themselves on arrays; the scalar methods and ``check`` go through ``evaluate``."""

from __future__ import annotations

import dataclasses
import datetime as dt
from fractions import Fraction

import numpy as np
import pandas as pd

from gender_stats.compliance import check
from gender_stats.targets import (
    STATUS_CODES,
    Conditional,
    Evaluation,
    Floor,
    Presence,
    Range,
    Rule,
    Status,
    Target,
    percent,
)


def _counts(totals, females):
    n = len(totals)
    return pd.DataFrame(
        {
            "term": ["2020-2025"] * n,
            "unit_id": [f"U{i}" for i in range(n)],
            "unit_name": [f"U{i}" for i in range(n)],
            "level": ["district"] * n,
            "body": ["party_committee"] * n,
            "total": totals,
            "female": females,
        }
    )


def _target(rule: Rule) -> Target:
    return Target(
        id="T:1",
        document="T",
        date=dt.date(2020, 1, 1),
        issuer="test",
        clause_vi="x",
        clause_en="x",
        bodies=("party_committee",),
        levels=(),
        terms=(),
        target_year=None,
        rule=rule,
    )


def test_floor_evaluates_a_column_by_hand():
    # ≥ 15 % of 20 is 3 women; of 40, 6
    judged = Floor(percent("15")).evaluate(np.array([20, 40, 40]), np.array([2, 6, 9]))
    assert [STATUS_CODES[i] for i in judged.status] == [Status.BELOW, Status.MET, Status.MET]
    assert judged.need.tolist() == [1, 0, 0]
    # grow: (2 + x) / (20 + x) ≥ 15 %  ⇔  x ≥ 1 / 0.85 → 2
    assert judged.grow.tolist() == [2, 0, 0]


def test_range_and_presence_by_hand():
    judged = Range(percent("35"), percent("40")).evaluate(
        np.array([20, 20, 20]), np.array([6, 7, 9])
    )
    assert [STATUS_CODES[i] for i in judged.status] == [
        Status.BELOW,
        Status.MET,
        Status.ABOVE_RANGE,
    ]
    assert judged.need.tolist() == [1, 0, 0]
    present = Presence(2).evaluate(np.array([1, 5]), np.array([0, 1]))
    assert present.need.tolist() == [2, 1]
    assert present.need_ok.tolist() == [False, True]  # 2 women cannot sit in a body of 1


def test_the_scalar_methods_are_the_array_method():
    @dataclasses.dataclass(frozen=True)
    class Never(Floor):
        def evaluate(self, total, part):
            n = len(total)
            below = np.full(n, STATUS_CODES.index(Status.BELOW))
            return Evaluation(
                below, np.full(n, 7), np.ones(n, bool), np.full(n, 9), np.ones(n, bool)
            )

    rule = Never(Fraction(1, 10))
    assert rule.status(10, 10) is Status.BELOW
    assert (rule.seats_needed(10, 10), rule.seats_needed_if_grow(10, 10)) == (7, 9)


def test_check_calls_evaluate_once_per_target_and_wrappers_delegate():
    calls = []

    @dataclasses.dataclass(frozen=True)
    class Counted(Presence):
        def evaluate(self, total, part):
            calls.append(len(total))
            return super().evaluate(total, part)

    out = check(_counts([5, 6, 7], [0, 1, 2]), [_target(Counted())])
    assert calls == [3]
    assert out["status"].tolist() == ["below", "met", "met"]
    assert Conditional(Counted()).evaluate(np.array([4]), np.array([1])).status.tolist() == [
        STATUS_CODES.index(Status.MET)
    ]


def test_a_new_rule_type_is_only_its_class():
    @dataclasses.dataclass(frozen=True)
    class Majority(Rule):
        @property
        def label(self) -> str:
            return "> 50%"

        def min_count(self, size):
            return size // 2 + 1

        def status(self, total, part):
            return Status.MET if 2 * part > total else Status.BELOW

        def seats_needed_if_grow(self, total, part):
            return max(0, total - 2 * part + 1)

    out = check(_counts([10, 10], [5, 6]), [_target(Majority())])
    assert out["status"].tolist() == ["below", "met"]
    assert out["seats_needed"].tolist() == [1, 0]
    assert out["seats_needed_if_grow"].tolist() == [1, 0]
