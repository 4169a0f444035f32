"""Issue 12: load_targets on hostile files; check() on inputs that are not counts."""

from __future__ import annotations

import pandas as pd
import pytest

import gender_stats as gs
from gender_stats.errors import ArgumentError, DataError, TargetError
from gender_stats.targets import load_targets

ENTRY = """targets:
- {{id: "{id}", document: X, date: {date}, issuer: tôi, clause_vi: "ít nhất 20%",
   bodies: [party_committee], rule: {{type: floor, threshold: "{threshold}"}}, confidence: quoted}}
"""


def _yaml(tmp_path, *, id="X:a", date="2024-01-01", threshold="20", encoding="utf-8"):
    path = tmp_path / "t.yaml"
    path.write_bytes(ENTRY.format(id=id, date=date, threshold=threshold).encode(encoding))
    return path


def test_missing_file_and_folder_are_target_errors_naming_the_path(tmp_path):
    with pytest.raises(TargetError, match=r'Không thấy tệp chỉ tiêu ".*nope\.yaml" \(targets file'):
        load_targets(tmp_path / "nope.yaml")
    with pytest.raises(TargetError, match="cannot read the targets file") as info:
        load_targets(tmp_path)
    assert isinstance(info.value.__cause__, OSError)
    with pytest.raises(TargetError, match=r"a path to a YAML file\), got None"):
        load_targets(None)


def test_non_utf8_file_names_the_byte(tmp_path):
    path = _yaml(tmp_path, encoding="utf-16")
    with pytest.raises(TargetError, match=r"không phải UTF-8 \(not UTF-8\): byte \d+ .*Hint:"):
        load_targets(path)


def test_impossible_date_names_the_line(tmp_path):
    with pytest.raises(TargetError, match=r'dòng 2 \(line 2: "2024-13-45"\).*impossible date'):
        load_targets(_yaml(tmp_path, date="2024-13-45"))
    with pytest.raises(TargetError, match=r'"date": cần ngày dạng YYYY-MM-DD.*got 20240101'):
        load_targets(_yaml(tmp_path, date="20240101"))


def test_a_catalogue_id_is_refused_unless_replace(tmp_path):
    path = _yaml(tmp_path, id="36-CT/TW:a", threshold="5")
    with pytest.raises(
        TargetError, match=r"'36-CT/TW:a' \(#1\).*an id of the catalogue.*replace=True"
    ):
        load_targets(path)
    (target,) = load_targets(path, replace=True)
    assert (target.id, target.rule.label) == ("36-CT/TW:a", "≥ 5%")


def test_check_on_a_roster_says_count_it_first():
    roster = gs.load_sample_roster()
    with pytest.raises(ArgumentError, match=r"got a roster.*Hint: đếm trước.*gs\.count"):
        gs.check(roster)


@pytest.mark.parametrize("bad", [None, [1, 2], "counts.csv", {"total": [1]}])
def test_check_on_something_not_a_frame_is_one_clear_error(bad):
    with pytest.raises(ArgumentError, match="expected a pandas DataFrame of counts"):
        gs.check(bad)


def test_check_on_a_pyarrow_table_collects_it_and_names_missing_columns():
    # issue 13: check takes frames of other engines (counts collected, rosters counted there)
    pa = pytest.importorskip("pyarrow")
    table = pa.table({"term": ["2015-2020"], "total": [3]})
    with pytest.raises(DataError, match=r'có cột "unit_id".*các cột hiện có: \[.term., .total.\]'):
        gs.check(table)


def test_check_on_a_frame_without_total_lists_the_columns():
    frame = pd.DataFrame({"term": ["2015-2020"], "unit_id": ["A"], "body": ["staff"]})
    with pytest.raises(DataError, match=r'có cột "total"'):
        gs.check(frame)
