"""Your own targets (``gs.load_targets``) in the report and the summaries, as in ``check``."""

from __future__ import annotations

import datetime as dt

import pandas as pd

import gender_stats as gs
from gender_stats.targets import Floor, Presence, ShareOfUnits, Target, percent

YAML = """targets:
- {id: "MY:a", document: MY, date: 2024-01-01, issuer: me, clause_vi: "nữ ≥ 20% cấp ủy",
   bodies: [party_committee], levels: all, rule: {type: floor, threshold: "20"},
   confidence: quoted}
"""


def _committees(women: list[int], body: str = "party_committee") -> pd.DataFrame:
    n = len(women)
    return pd.DataFrame(
        {
            "term": ["2020-2025"] * n,
            "unit_id": [f"U{i}" for i in range(n)],
            "unit_name": [f"Huyện U{i}" for i in range(n)],
            "level": ["district"] * n,
            "body": [body] * n,
            "total": [20] * n,
            "female": women,
        }
    )


def test_build_report_takes_targets_from_load_targets(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(YAML, encoding="utf-8")
    mine = gs.load_targets(path)
    # 20 % of 20 is 4 women: U0 (3) needs 1, U1 (5) meets
    report = gs.build_report(_committees([3, 5]), targets=mine, lang="en", out_dir=tmp_path / "r")
    assert report.targets_used == ("MY:a",)
    assert (report.n_units_met, report.n_units, report.women_needed) == (1, 2, 1)
    page = report.html.read_text(encoding="utf-8")
    assert "MY:a — MY — ≥ 20%" in page  # the target is cited with its document and rule
    assert report.workbook.exists()


def test_one_target_object_alone():
    mine = Target(
        id="plan:1", document="KH 1", date=dt.date(2024, 1, 1), issuer="Tỉnh ủy",
        clause_vi="≥ 20%", bodies=("party_committee",), rule=Floor(percent("20")),
    )  # fmt: skip
    report = gs.build_report(_committees([3, 5]), targets=mine)
    assert report.targets_used == ("plan:1",) and report.women_needed == 1


def test_summaries_find_the_rule_of_your_share_of_units_target():
    # half of the units with a woman key leader: 1 of 2 meets, so the share is met and nothing
    # is needed — found from check's attrs, without passing the target to summarise again
    half = Target(
        id="plan:half", document="KH 2", date=dt.date(2024, 1, 1), issuer="Tỉnh ủy",
        clause_vi="50% đơn vị có nữ chủ chốt", bodies=("key_posts",),
        rule=ShareOfUnits(Presence(), percent("50")),
    )  # fmt: skip
    compliance = gs.check(_committees([1, 0], body="key_posts"), [half])
    assert [t.id for t in gs.compliance.applied_targets(compliance)] == ["plan:half"]
    row = gs.summarise(compliance, by=()).iloc[0]
    assert (row["label"], bool(row["unit_share_met"]), row["seats_needed"]) == ("1/2", True, 0)
    report = gs.build_report(_committees([1, 0], body="key_posts"), targets=[half])
    assert report.women_needed == 0


def test_the_targets_kept_in_attrs_are_not_copied_at_each_operation():
    # pandas deep-copies attrs at every operation: the targets must copy as themselves
    import copy

    compliance = gs.check(_committees([3, 5]), [HALF_AT_15_FLOOR])
    kept = compliance.attrs["targets"]
    assert copy.deepcopy(compliance.attrs)["targets"] is kept
    assert compliance[["unit_id"]].attrs["targets"] is kept
    assert list(kept) == ["plan:floor"]
    assert [t.id for t in gs.compliance.applied_targets(compliance)] == ["plan:floor"]


def test_a_compliance_frame_still_saves_to_parquet(tmp_path):
    # attrs go into the Parquet file as JSON: the targets kept there must not break it
    compliance = gs.check(_committees([3, 5]), [HALF_AT_15_FLOOR])
    compliance.to_parquet(tmp_path / "c.parquet")
    back = pd.read_parquet(tmp_path / "c.parquet")
    assert back["status"].tolist() == ["met", "met"]  # 15 % of 20 is 3 women
    assert back.attrs["targets"] == ["plan:floor"]


HALF_AT_15_FLOOR = Target(
    id="plan:floor", document="KH 3", date=dt.date(2024, 1, 1), issuer="Tỉnh ủy",
    clause_vi="≥ 15%", bodies=("party_committee",), rule=Floor(percent("15")),
)  # fmt: skip
