"""One test over the public compute and plot functions: none of them changes its input frames."""

import tempfile
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest

import gender_stats as gs

TERMS = ("2010-2015", "2015-2020", "2020-2025")


def _counts() -> pd.DataFrame:
    rows = []
    for t, term in enumerate(TERMS):
        for u, (uid, name, level) in enumerate(
            [
                ("H01", "Huyện Hậu Lộc", "district"),
                ("H02", "Huyện Ngọc Lặc", "district"),
                ("S01", "Sở Y tế", "agency"),
            ]
        ):
            rows += [
                (term, uid, name, level, "party_committee", 40 - 5 * u, 3 + t + u),
                (term, uid, name, level, "standing_committee", 12 - 3 * u, t % 2 + u % 2),
                (term, uid, name, level, "key_posts", 6, 1 if u == 1 else 0),
                (term, uid, name, level, "staff", 300, 90 + 30 * u),
            ]
    return pd.DataFrame(
        rows, columns=["term", "unit_id", "unit_name", "level", "body", "total", "female"]
    )


def _roster() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "term": ["2015-2020"] * 4,
            "unit_id": ["H01"] * 4,
            "unit_name": ["Huyện Hậu Lộc"] * 4,
            "level": ["district"] * 4,
            "body": ["party_committee"] * 4,
            "person_id": ["1", "2", "3", "4"],
            "sex": ["F", "M", "M", "M"],
            "birth_year": pd.array([1980, 1965, 1970, 1990], dtype="Int64"),
            "ethnicity": ["Kinh", "Mường", "Kinh", "Thái"],
            "post": ["Bí thư Huyện ủy", "PCT UBND huyện", "Chủ tịch HĐND huyện", None],
        }
    )


def _units() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "unit_id": ["H01", "H02", "S01"],
            "unit_name": ["Huyện Hậu Lộc", "Huyện Ngọc Lặc", "Sở Y tế"],
            "level": ["district", "district", "agency"],
            "kind": ["rural_district", "rural_district", "department"],
            "aliases": ["Hậu Lộc", None, None],
        }
    )


COUNTS = _counts()
COMPLIANCE = gs.check(COUNTS, targets="36-CT/TW", term="2015-2020")
TREND = gs.trend(COUNTS)
ASSESSMENT = gs.assess_progress(COUNTS, target_share="25%", target_year=2020, method="linear")
GROWTH = gs.assess_progress(COUNTS, target_share="25%", target_year=2030)

SERIES = {b: f"S_{b}" for b in ("party_committee", "standing_committee", "key_posts", "staff")}

CASES = {
    "count": (gs.count, lambda: (_roster(),), {}),
    "rollup": (gs.rollup, lambda: (_counts(),), {}),
    "count_named": (gs.count, lambda: (_roster(),), {"numerators": {"w": "female & under_40"}}),
    "age_at_election": (gs.age_at_election, lambda: (_roster(),), {}),
    "age_group": (gs.age_group, lambda: (_roster(),), {}),
    "ethnic_minority": (gs.ethnic_minority, lambda: (_roster(),), {}),
    "count_key_posts": (gs.count_key_posts, lambda: (_roster(),), {"per_post": True}),
    "match_posts": (gs.match_posts, lambda: (_roster(),), {}),
    "units_with_woman_in_key_post": (gs.units_with_woman_in_key_post, lambda: (_roster(),), {}),
    "derive_groups": (gs.derive_groups, lambda: (_roster(),), {}),
    "count_intersections": (gs.count_intersections, lambda: (_roster(),), {}),
    "count_under_40": (gs.count_under_40, lambda: (_roster(),), {}),
    "plot_intersections": (
        gs.plot_intersections,
        lambda: (gs.count_intersections(_roster()),),
        {},
    ),
    "group_masks": (gs.group_masks, lambda: (_roster(), ["female & ethnic_minority"]), {}),
    "to_open_sdg": (gs.to_open_sdg, lambda: (_counts(),), {"body": "party_committee"}),
    "to_sdmx_csv": (gs.to_sdmx_csv, lambda: (_counts(),), {"series": SERIES}),
    "counts_dictionary": (gs.counts_dictionary, lambda: (_counts(),), {}),
    "write_counts": (
        gs.write_counts,
        lambda: (_counts(), Path(tempfile.mkdtemp()) / "counts.csv"),
        {},
    ),
    "validate_counts": (gs.validate_counts, lambda: (_counts(),), {}),
    "validate_roster": (gs.validate_roster, lambda: (_roster(),), {}),
    "validate_units": (gs.validate_units, lambda: (_units(),), {}),
    "check": (gs.check, lambda: (_counts(),), {"term": "2015-2020"}),
    "check_11": (gs.check, lambda: (_counts(), "11-NQ/TW"), {"any_term": True}),
    "shortfalls": (gs.shortfalls, lambda: (COMPLIANCE.copy(),), {}),
    "summarise": (gs.summarise, lambda: (COMPLIANCE.copy(),), {}),
    "coverage": (gs.coverage, lambda: (COMPLIANCE.copy(),), {}),
    "targets_used": (gs.targets_used, lambda: (COMPLIANCE.copy(),), {}),
    "check_in_force": (gs.check, lambda: (_counts(),), {}),
    "next_term_needs": (gs.next_term_needs, lambda: (COMPLIANCE.copy(),), {}),
    "shares": (gs.shares, lambda: (_counts(),), {}),
    "pooled_share": (gs.pooled_share, lambda: (_counts(),), {}),
    "units_with_woman": (gs.units_with_woman, lambda: (_counts(),), {}),
    "change": (gs.change, lambda: (_counts(),), {"from_term": TERMS[0], "to_term": TERMS[1]}),
    "term_changes": (gs.term_changes, lambda: (_counts(),), {}),
    "term_changes_exact": (gs.term_changes, lambda: (_counts(),), {"exact": True}),
    "unit_body_matrix": (gs.unit_body_matrix, lambda: (COMPLIANCE.copy(),), {}),
    "unit_body_matrix_status": (
        gs.unit_body_matrix,
        lambda: (COMPLIANCE.copy(),),
        {"value": "status"},
    ),
    "women_men_totals": (
        gs.women_men_totals,
        lambda: (_counts()[lambda c: c["term"] == TERMS[0]],),
        {},
    ),
    "intersection_matrix": (
        gs.intersection_matrix,
        lambda: (_counts().assign(age_group="41_50"),),
        {},
    ),
    "indicator_table": (gs.indicator_table, lambda: (COMPLIANCE.copy(),), {}),
    "summary_table": (gs.summary_table, lambda: (COMPLIANCE.copy(),), {}),
    "shortfalls_table": (gs.shortfalls_table, lambda: (COMPLIANCE.copy(),), {}),
    "pretty": (gs.pretty, lambda: (COMPLIANCE.copy(),), {}),
    "terms_table": (gs.terms_table, lambda: (_counts(),), {}),
    "trend": (gs.trend, lambda: (_counts(),), {"target_share": "25%", "target_year": 2020}),
    "assess_progress": (
        gs.assess_progress,
        lambda: (_counts(),),
        {"target_share": "25%", "target_year": 2020},
    ),
    "aggregate_progress": (gs.aggregate_progress, lambda: (GROWTH.copy(),), {}),
    "project": (gs.project, lambda: (_counts(),), {"target_share": "25%", "target_year": 2030}),
    "plot_shares": (gs.plot_shares, lambda: (COMPLIANCE.copy(),), {"body": "party_committee"}),
    "plot_seats_needed": (gs.plot_seats_needed, lambda: (COMPLIANCE.copy(),), {}),
    "plot_heatmap": (gs.plot_heatmap, lambda: (COMPLIANCE.copy(),), {}),
    "plot_stacked": (gs.plot_stacked, lambda: (_counts(),), {"term": "2015-2020"}),
    "plot_change": (
        gs.plot_change,
        lambda: (TREND.copy(),),
        {"from_term": TERMS[0], "to_term": TERMS[2], "body": "party_committee"},
    ),
    "plot_trend": (gs.plot_trend, lambda: (TREND.copy(),), {"body": "party_committee"}),
    "plot_progress": (gs.plot_progress, lambda: (ASSESSMENT.copy(),), {"body": "party_committee"}),
    "diff_counts": (gs.diff_counts, lambda: (_counts(), _counts().assign(female=1)), {}),
    "plot_returns": (
        gs.plot_returns,
        lambda: (
            pd.DataFrame(
                {"unit_id": ["H01", "H02"], "received": pd.to_datetime(["2015-11-20", None])}
            ),
        ),
        {},
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_public_function_does_not_mutate_its_input(name):
    func, make_args, kwargs = CASES[name]
    args = make_args()
    before = [a.copy(deep=True) if isinstance(a, pd.DataFrame) else a for a in args]
    try:
        func(*args, **kwargs)
    finally:
        plt.close("all")
    for arg, copy in zip(args, before, strict=True):
        if isinstance(arg, pd.DataFrame):
            pd.testing.assert_frame_equal(arg, copy)


def test_every_public_frame_function_is_covered():
    """A new public function that takes a frame must be added to CASES above."""
    import inspect

    takes_frame = set()
    for name in gs.__all__:
        obj = getattr(gs, name)
        if not inspect.isfunction(obj):
            continue
        params = list(inspect.signature(obj).parameters.values())
        if params and params[0].kind is inspect.Parameter.POSITIONAL_OR_KEYWORD:
            annotation = str(params[0].annotation)
            if "DataFrame" in annotation or "IntoFrame" in annotation:
                takes_frame.add(name)
    covered = {func.__name__ for func, _, _ in CASES.values()}
    # write or render only (make_templates: tests/test_collection.py checks its units are kept)
    exempt = {"write_workbook", "style_table", "to_html", "build_report", "make_templates"}
    assert takes_frame - covered - exempt == set()
