"""The frame contract of issue 13: every public function takes ``str`` and categorical alike.

The readers return codes, names and ids as categoricals of ``str`` (sorted categories; see
:mod:`gender_stats.schema`).  Users also build categoricals themselves, with categories in any
order and unused ones.  Each public function that takes a roster, counts or a compliance frame is
run here on the ``str`` frame, on the readers' categoricals and on such hostile categoricals, and
must give the same result (categorical columns of a result compared by their values).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import gender_stats as gs
from gender_stats.schema import CATEGORICAL_TEXT, _categorical_text

TEXT = ("term", "unit_id", "unit_name", "level", "body")


def _roster() -> pd.DataFrame:
    """Two units, two terms, three bodies; worked out by hand below."""
    rows = [
        # term, unit_id, unit_name, body, person_id, sex, birth_year, ethnicity, post
        ("2015-2020", "TH02", "Xã Bình", "party_committee", "p1", "F", 1980, "Kinh", "Bí thư"),
        ("2015-2020", "TH02", "Xã Bình", "party_committee", "p2", "M", 1960, "Thái", None),
        ("2015-2020", "TH02", "Xã Bình", "standing_committee", "p1", "F", 1980, "Kinh", None),
        ("2015-2020", "TH01", "Xã An", "party_committee", "p3", "M", 1970, "Kinh", None),
        ("2015-2020", "TH01", "Xã An", "party_committee", "p4", "M", 1990, "Mường", None),
        ("2015-2020", "TH01", "Xã An", "standing_committee", "p3", "M", 1970, "Kinh", None),
        ("2020-2025", "TH01", "Xã An", "party_committee", "p3", "M", 1970, "Kinh", None),
        ("2020-2025", "TH01", "Xã An", "party_committee", "p5", "F", 1985, "Kinh", None),
        ("2020-2025", "TH01", "Xã An", "standing_committee", "p5", "F", 1985, "Kinh", None),
        ("2020-2025", "TH02", "Xã Bình", "party_committee", "p2", "M", 1960, "Thái", None),
    ]
    frame = pd.DataFrame(
        rows,
        columns=[
            "term",
            "unit_id",
            "unit_name",
            "body",
            "person_id",
            "sex",
            "birth_year",
            "ethnicity",
            "post",
        ],
    )
    frame.insert(3, "level", "commune")
    frame["birth_year"] = frame["birth_year"].astype("Int64")
    return frame.astype({c: "str" for c in CATEGORICAL_TEXT if c in frame.columns})


def _hostile(frame: pd.DataFrame) -> pd.DataFrame:
    """Categoricals with categories in reverse order and an unused category first."""
    out = frame.copy()
    for c in CATEGORICAL_TEXT:
        if c in out.columns:
            values = out[c].dropna().unique().tolist()
            categories = pd.Index(["~unused", *sorted(values, reverse=True)], dtype="str")
            out[c] = pd.Categorical(out[c], categories=categories)
    return out


def _variants(frame: pd.DataFrame) -> dict[str, pd.DataFrame]:
    return {"str": frame, "readers": _categorical_text(frame), "hostile": _hostile(frame)}


def _plain(value: Any) -> Any:
    """Return ``value`` with categorical columns (and index levels) as their values."""
    if isinstance(value, pd.DataFrame):
        out = value.copy()
        for c in out.columns:
            if isinstance(out[c].dtype, pd.CategoricalDtype):
                out[c] = out[c].astype(out[c].cat.categories.dtype)
        out.index = _plain(out.index)
        return out
    if isinstance(value, pd.Series):
        out = value.astype(value.cat.categories.dtype) if _is_cat(value) else value.copy()
        out.index = _plain(out.index)
        return out
    if isinstance(value, pd.MultiIndex):
        return value.set_levels([_plain(level) for level in value.levels])
    if isinstance(value, pd.CategoricalIndex):
        return pd.Index(value.astype(value.categories.dtype), name=value.name)
    return value


def _is_cat(series: pd.Series) -> bool:
    return isinstance(series.dtype, pd.CategoricalDtype)


def _same(results: dict[str, Any]) -> None:
    expected = _plain(results["str"])
    for name, value in results.items():
        got = _plain(value)
        if isinstance(expected, pd.DataFrame):
            pd.testing.assert_frame_equal(got, expected, obj=name)
        elif isinstance(expected, pd.Series):
            pd.testing.assert_series_equal(got, expected, obj=name)
        else:
            assert got == expected, name


def _on_all(
    frame: pd.DataFrame, func: Callable[[pd.DataFrame], Any], *, hostile: bool = True
) -> dict[str, Any]:
    """Run ``func`` on the str, readers' and (``hostile``) caller's categoricals; all equal."""
    results = {}
    for name, variant in _variants(frame).items():
        if name == "hostile" and not hostile:
            continue
        before = variant.copy(deep=True)
        results[name] = func(variant)
        pd.testing.assert_frame_equal(variant, before)  # never mutated
    _same(results)
    return results


# ---------------------------------------------------------------------------------------------
# the contract itself


def test_readers_return_sorted_categoricals_of_str(tmp_path: Path) -> None:
    path = tmp_path / "r.parquet"
    pq.write_table(pa.Table.from_pandas(_hostile(_roster()), preserve_index=False), path)
    csv = tmp_path / "r.csv"
    _roster().to_csv(csv, index=False)
    for roster in (gs.read_roster(path), gs.read_roster(csv)):
        for c in CATEGORICAL_TEXT:
            if c in roster.columns:
                categories = roster[c].cat.categories
                assert categories.dtype == "str", c
                assert categories.is_monotonic_increasing and categories.is_unique, c
                assert "~unused" not in categories, c  # only the values that occur
        assert list(roster["unit_id"].cat.categories) == ["TH01", "TH02"]
        pd.testing.assert_frame_equal(_plain(roster), _roster())


# ---------------------------------------------------------------------------------------------
# rosters


def test_validate_roster() -> None:
    _on_all(_roster(), gs.validate_roster)


def test_validate_roster_reports_the_same_problems() -> None:
    bad = _roster()
    bad.loc[1, "person_id"] = "p1"  # p1 twice in the party committee of TH02, two sexes
    messages = {}
    for name, variant in _variants(bad).items():
        with pytest.raises(gs.DataError) as err:
            gs.validate_roster(variant)
        messages[name] = sorted((str(p.row), str(p.column), p.expected) for p in err.value.problems)
    assert messages["str"] == messages["readers"] == messages["hostile"]
    assert messages["str"]


def test_count_worked_by_hand() -> None:
    results = _on_all(_roster(), gs.count)
    out = results["hostile"]
    # sorted by the values, not by the (reversed) category order
    assert out["unit_id"].tolist()[:4] == ["TH01", "TH01", "TH02", "TH02"]
    assert out[["total", "female"]].to_numpy().tolist() == [
        [2, 0],  # 2015-2020 TH01 party committee: p3, p4
        [1, 0],  # 2015-2020 TH01 standing: p3
        [2, 1],  # 2015-2020 TH02 party committee: p1 (F), p2
        [1, 1],  # 2015-2020 TH02 standing: p1
        [2, 1],  # 2020-2025 TH01 party committee: p3, p5 (F)
        [1, 1],  # 2020-2025 TH01 standing: p5
        [1, 0],  # 2020-2025 TH02 party committee: p2
    ]


@pytest.mark.parametrize(
    "func",
    [
        lambda r: gs.count(r, by=["term", "body", "ethnicity"]),
        lambda r: gs.count(r, numerators={"under_40": "under_40"}),
        lambda r: gs.count_intersections(r),
        lambda r: gs.age_at_election(r),
        lambda r: gs.age_group(r),
        lambda r: gs.ethnic_minority(r),
        lambda r: gs.derive_groups(r),
        lambda r: pd.DataFrame(gs.group_masks(r, ["female & under_40", "ethnic_minority"])),
        lambda r: gs.count_key_posts(r),
        lambda r: gs.units_with_woman_in_key_post(r),
    ],
    ids=[
        "count-by-ethnicity",
        "count-numerator",
        "count_intersections",
        "age_at_election",
        "age_group",
        "ethnic_minority",
        "derive_groups",
        "group_masks",
        "count_key_posts",
        "units_with_woman_in_key_post",
    ],
)
def test_roster_functions(func: Callable[[pd.DataFrame], Any]) -> None:
    _on_all(_roster(), func, hostile=False)


@pytest.mark.parametrize(
    "func",
    [
        lambda r: gs.count(r, by=["term", "body", "ethnicity"]),
        lambda r: gs.count_intersections(r),
        lambda r: gs.age_group(r),
        lambda r: gs.derive_groups(r),
        lambda r: gs.count_key_posts(r),
        lambda r: gs.units_with_woman_in_key_post(r),
    ],
    ids=[
        "count-by-ethnicity",
        "count_intersections",
        "age_group",
        "derive_groups",
        "count_key_posts",
        "units_with_woman_in_key_post",
    ],
)
def test_roster_functions_on_hostile_categoricals(func: Callable[[pd.DataFrame], Any]) -> None:
    _on_all(_roster(), func)


# ---------------------------------------------------------------------------------------------
# counts and compliance


def _counts() -> pd.DataFrame:
    return gs.count(_roster())


@pytest.mark.parametrize(
    "func",
    [
        gs.validate_counts,
        lambda c: gs.rollup(c),
        lambda c: gs.shares(c),
        lambda c: gs.shares(c, by=["term", "body"]),
        lambda c: gs.pooled_share(c),
        lambda c: gs.check(c, "36-CT/TW"),
        lambda c: gs.check(c),
        lambda c: gs.shortfalls(gs.check(c, "36-CT/TW")),
        lambda c: gs.summarise(gs.check(c, "36-CT/TW"), warn=False),
        lambda c: gs.coverage(gs.check(c, "36-CT/TW")),
        lambda c: gs.change(c, from_term="2015-2020", to_term="2020-2025"),
        lambda c: gs.term_changes(c),
        lambda c: gs.units_with_woman(c, body="standing_committee"),
        lambda c: gs.summary_table(gs.check(c, "36-CT/TW")),
        lambda c: gs.indicator_table(gs.check(c, "36-CT/TW")),
        lambda c: gs.terms_table(c),
        lambda c: gs.next_term_needs(gs.check(c, "36-CT/TW")),
        lambda c: gs.diff_counts(c, c),
    ],
    ids=[
        "validate_counts",
        "rollup",
        "shares",
        "shares-by",
        "pooled_share",
        "check",
        "check-in-force",
        "shortfalls",
        "summarise",
        "coverage",
        "change",
        "term_changes",
        "units_with_woman",
        "summary_table",
        "indicator_table",
        "terms_table",
        "next_term_needs",
        "diff_counts",
    ],
)
def test_counts_functions(func: Callable[[pd.DataFrame], Any]) -> None:
    _on_all(_counts(), func, hostile=False)


@pytest.mark.parametrize(
    "func",
    [
        gs.validate_counts,
        lambda c: gs.rollup(c),
        lambda c: gs.shares(c, by=["term", "body"]),
        lambda c: gs.pooled_share(c),
        lambda c: gs.check(c, "36-CT/TW"),
        lambda c: gs.check(c),
        lambda c: gs.shortfalls(gs.check(c, "36-CT/TW")),
        lambda c: gs.summarise(gs.check(c, "36-CT/TW"), warn=False),
        lambda c: gs.summary_table(gs.check(c, "36-CT/TW")),
        lambda c: gs.trend(c, target_share=0.3, target_year=2030),
        lambda c: gs.change(c, from_term="2015-2020", to_term="2020-2025"),
        lambda c: gs.term_changes(c),
        lambda c: gs.terms_table(c),
    ],
    ids=[
        "validate_counts",
        "rollup",
        "shares-by",
        "pooled_share",
        "check",
        "check-in-force",
        "shortfalls",
        "summarise",
        "summary_table",
        "trend",
        "change",
        "term_changes",
        "terms_table",
    ],
)
def test_counts_functions_on_hostile_categoricals(func: Callable[[pd.DataFrame], Any]) -> None:
    _on_all(_counts(), func)


def test_compliance_of_categorical_compliance() -> None:
    """A compliance frame whose key columns are categorical (e.g. read back) summarises alike."""
    compliance = gs.check(_counts(), "36-CT/TW")
    _on_all(compliance, gs.shortfalls)
    _on_all(compliance, lambda c: gs.summarise(c, warn=False), hostile=False)


def test_summarise_of_hostile_categorical_compliance() -> None:
    _on_all(gs.check(_counts(), "36-CT/TW"), lambda c: gs.summarise(c, warn=False))


def test_trend() -> None:
    _on_all(_counts(), lambda c: gs.trend(c, target_share=0.3, target_year=2030), hostile=False)


def test_a_plot() -> None:
    def plot(counts: pd.DataFrame) -> Any:
        fig, ax = plt.subplots()
        try:
            compliance = gs.check(counts, "36-CT/TW")
            out = gs.plot_shares(compliance, ax=ax, term="2015-2020", body="party_committee")
            assert out is ax
            return [t.get_text() for t in ax.get_yticklabels()] + [
                round(float(p.get_width()), 9) for p in ax.patches
            ]
        finally:
            plt.close(fig)

    _on_all(_counts(), plot)


def test_write_workbook_and_counts(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    def cells(counts: pd.DataFrame, name: str) -> list[Any]:
        path = gs.write_workbook(
            gs.check(counts, "36-CT/TW"), tmp_path / f"{name}.xlsx", counts=counts
        )
        wb = load_workbook(path, read_only=True)
        out = [[list(row) for row in ws.iter_rows(values_only=True)] for ws in wb.worksheets]
        wb.close()
        return out

    results = {name: cells(c, name) for name, c in _variants(_counts()).items()}
    assert results["str"] == results["readers"] == results["hostile"]
    written = {
        name: gs.write_counts(c, tmp_path / f"{name}.csv").read_text(encoding="utf-8")
        for name, c in _variants(_counts()).items()
    }
    assert written["str"] == written["readers"] == written["hostile"]


def test_build_report(tmp_path: Path) -> None:
    reports = {}
    for name, counts in _variants(_counts()).items():
        if name == "hostile":
            continue  # see test_build_report_on_hostile_categoricals
        report = gs.build_report(counts, targets="36-CT/TW", out_dir=tmp_path / name)
        reports[name] = (
            report.n_units,
            report.n_units_met,
            report.n_checks,
            report.n_checks_met,
            report.women_needed,
            report.units_below,
            report.terms,
            report.targets_used,
            sorted(p.name for p in report.charts),
        )
    assert reports["str"] == reports["readers"]
    assert reports["str"][2] == 4  # two units × two bodies assessed in 2015-2020


def test_build_report_on_hostile_categoricals(tmp_path: Path) -> None:
    counts = _hostile(_counts())
    report = gs.build_report(counts, targets="36-CT/TW", out_dir=tmp_path)
    assert report.n_checks == 4


def test_sample_roster_from_the_reader() -> None:
    """The bundled list, as the reader returns it (categoricals) and as str, counts alike."""
    roster = gs.load_sample_roster()
    assert _is_cat(roster["person_id"]) and _is_cat(roster["unit_id"])
    as_str = roster.astype({c: "str" for c in CATEGORICAL_TEXT if c in roster.columns})
    pd.testing.assert_frame_equal(gs.count(roster), gs.count(as_str))
    pd.testing.assert_frame_equal(
        gs.check(gs.count(roster), "36-CT/TW"), gs.check(gs.count(as_str), "36-CT/TW")
    )
    assert np.array_equal(
        gs.age_at_election(roster).to_numpy(), gs.age_at_election(as_str).to_numpy()
    )
