"""Tests of the targets catalogue, rules and loaders (expectations worked out by hand)."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gender_stats.errors import TargetError
from gender_stats.targets import (
    Conditional,
    Floor,
    Presence,
    Range,
    ShareOfUnits,
    Status,
    Target,
    get_targets,
    list_targets,
    load_targets,
    percent,
)

# ---------------------------------------------------------------------------------------------
# Catalogue


def test_every_entry_carries_its_citation():
    for target in get_targets():
        assert target.document, target.id
        assert isinstance(target.date, dt.date), target.id
        assert target.clause_vi and target.clause_en, target.id
        assert target.confidence in ("quoted", "secondary", "unverified"), target.id
        assert target.sources, target.id
        assert all(s.get("ref") and s.get("title") for s in target.sources), target.id


def test_catalogue_has_the_known_targets():
    ids = {t.id for t in get_targets()}
    expected = {
        "36-CT/TW:a",
        "36-CT/TW:b",
        "35-CT/TW-2019:a",
        "35-CT/TW-2019:b",
        "35-CT/TW-2019:c",
        "11-NQ/TW:a",
        "11-NQ/TW:b",
        "11-NQ/TW:c",
        "26-NQ/TW:a",
        "26-NQ/TW:b",
        "26-NQ/TW:c",
        "2351/QĐ-TTg:1",
        "2351/QĐ-TTg:1b-2011",
        "2351/QĐ-TTg:1b-2016",
        "28/NQ-CP:2025",
        "28/NQ-CP:2030",
        "2282/QĐ-TTg:2025",
        "2282/QĐ-TTg:2030",
        "85/2015/QH13:8.3",
        "1132/NQ-UBTVQH13",
        "2458/BVSTBCPN-VX:a",
        "2458/BVSTBCPN-VX:b",
    }
    assert expected <= ids


@pytest.mark.parametrize(
    ("target_id", "rule"),
    [
        ("36-CT/TW:a", Floor(Fraction(15, 100))),
        ("36-CT/TW:b", Presence(1)),
        ("35-CT/TW-2019:c", Floor(Fraction(10, 100))),
        ("11-NQ/TW:a", Floor(Fraction(25, 100))),
        ("11-NQ/TW:b", Range(Fraction(35, 100), Fraction(40, 100))),
        ("11-NQ/TW:c", Conditional(Presence(1), "staff", Floor(Fraction(30, 100)))),
        ("26-NQ/TW:b", Range(Fraction(20, 100), Fraction(25, 100))),
        ("26-NQ/TW:c", Floor(Fraction(35, 100), strict=True)),
        ("28/NQ-CP:2025", ShareOfUnits(Presence(1), Fraction(60, 100))),
        ("28/NQ-CP:2030", ShareOfUnits(Presence(1), Fraction(75, 100))),
        ("2282/QĐ-TTg:2030", Floor(Fraction(50, 100))),
        ("2458/BVSTBCPN-VX:b", Floor(Fraction(70, 100))),
    ],
)
def test_catalogue_rules(target_id, rule):
    assert get_targets(target_id)[0].rule == rule


def test_catalogue_fields():
    c = get_targets("35-CT/TW-2019:c")[0]
    assert c.numerator == "under_40"
    assert c.levels == ("province", "district")
    assert set(c.bodies) == {"party_committee", "standing_committee"}
    assert get_targets("2458/BVSTBCPN-VX:a")[0].numerator == "trained"
    mapped = get_targets("2351/QĐ-TTg:1b-2016")[0]
    assert mapped.terms == ("2016-2021",)
    assert "2016-2021" in mapped.note


def test_get_targets_by_document_id_and_list():
    assert [t.id for t in get_targets("36-CT/TW")] == ["36-CT/TW:a", "36-CT/TW:b"]
    assert [t.id for t in get_targets("36-CT/TW:b")] == ["36-CT/TW:b"]
    mine = Target(
        id="mine",
        document="mine",
        date=dt.date(2024, 1, 1),
        issuer="me",
        clause_vi="x",
        clause_en="x",
        bodies=("party_committee",),
        levels=(),
        terms=(),
        target_year=None,
        rule=Floor(Fraction(1, 5)),
    )
    got = get_targets(["26-NQ/TW:c", mine, "36-CT/TW", "36-CT/TW:a"])
    assert [t.id for t in got] == ["26-NQ/TW:c", "mine", "36-CT/TW:a", "36-CT/TW:b"]


def test_get_targets_unknown():
    with pytest.raises(TargetError, match=r"unknown target or document.*Hint"):
        get_targets("99-CT/TW")


def test_list_targets_frame():
    frame = list_targets()
    assert len(frame) == len(get_targets())
    row = frame.set_index("target_id").loc["26-NQ/TW:c"]
    assert row["rule"] == "> 35%"
    assert row["rule_type"] == "strict_floor"
    assert row["threshold"] == 0.35
    assert row["target_year"] == 2030
    assert "S8" in row["sources"] and "thanhnien.vn" in row["sources"]
    assert {"clause_vi", "clause_en", "confidence", "date", "document"} <= set(frame.columns)


def test_term_applicability():
    t36 = get_targets("36-CT/TW:a")[0]
    assert t36.applies_to_term("2015-2020")
    assert not t36.applies_to_term("2020-2025")
    # by 2020: start < 2020 <= end
    t11 = get_targets("11-NQ/TW:b")[0]
    assert t11.applies_to_term("2016-2021")
    assert t11.applies_to_term("2015-2020")
    assert not t11.applies_to_term("2020-2025")
    assert not t11.applies_to_term("2021-2026")
    # every term
    assert get_targets("85/2015/QH13:8.3")[0].applies_to_term("2026-2031")


# ---------------------------------------------------------------------------------------------
# Rules: hand-worked values and the float traps


def test_percent_is_exact():
    assert percent("7") == Fraction(7, 100)
    assert percent("35.5") == Fraction(355, 1000)
    assert percent("15%") == Fraction(3, 20)
    with pytest.raises(TargetError, match="decimal text"):
        percent(0.15)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("rule", "n", "w", "needed"),
    [
        (Floor(percent("15")), 20, 0, 3),  # 0.15 * 20 = 3
        (Floor(percent("35")), 20, 0, 7),  # float: ceil(35 * 0.01 * 20) = 8
        (Floor(percent("7")), 100, 0, 7),  # float: ceil(0.07 * 100) = 8
        (Floor(percent("29")), 100, 29, 0),  # float: 29 / 100 * 100 >= 29 is False
        (Floor(percent("35"), strict=True), 20, 0, 8),  # floor(7) + 1
        (Floor(percent("35"), strict=True), 20, 7, 1),  # exactly 35 % is not more than 35 %
        (Floor(percent("15")), 9, 1, 1),  # 1.35 -> 2 women
        (Presence(), 9, 0, 1),
        (Presence(2), 9, 1, 1),
        (Range(percent("35"), percent("40")), 20, 5, 2),  # low bound 7
        (Range(percent("35"), percent("40")), 20, 9, 0),  # above range: 45 %
    ],
)
def test_seats_needed_by_hand(rule, n, w, needed):
    assert rule.seats_needed(n, w) == needed


@pytest.mark.parametrize(
    ("rule", "n", "w", "grow"),
    [
        # (0 + a)/(20 + a) >= 0.15 <=> 0.85 a >= 3 <=> a >= 3.53 -> 4
        (Floor(percent("15")), 20, 0, 4),
        # (2 + a)/(20 + a) >= 0.15 <=> 0.85 a >= 1 -> 2
        (Floor(percent("15")), 20, 2, 2),
        # (7 + a)/(20 + a) > 0.35 <=> 0.65 a > 0 -> 1
        (Floor(percent("35"), strict=True), 20, 7, 1),
        # (0 + a)/(100 + a) >= 0.07 <=> 0.93 a >= 7 -> 7.53 -> 8
        (Floor(percent("7")), 100, 0, 8),
        (Floor(percent("100")), 5, 4, None),  # no number of women added reaches 100 %
        (Floor(percent("100")), 5, 5, 0),
        (Presence(3), 2, 0, 3),
        (Range(percent("35"), percent("40")), 20, 9, 0),
    ],
)
def test_seats_needed_if_grow_by_hand(rule, n, w, grow):
    assert rule.seats_needed_if_grow(n, w) == grow


def test_status_values():
    assert Floor(percent("29")).status(100, 29) is Status.MET
    assert Floor(percent("35"), strict=True).status(20, 7) is Status.BELOW
    r = Range(percent("35"), percent("40"))
    assert r.status(20, 6) is Status.BELOW
    assert r.status(20, 7) is Status.MET
    assert r.status(20, 8) is Status.MET
    assert r.status(20, 9) is Status.ABOVE_RANGE
    assert {s.value for s in Status} == {"met", "below", "above_range", "not_applicable", "no_data"}


def test_impossible_cases():
    # presence of 2 women in a body of 1 seat cannot be met by swapping
    assert Presence(2).seats_needed(1, 0) is None
    # a strict floor of 100 % is refused when defined
    with pytest.raises(TargetError, match="threshold"):
        Floor(Fraction(1), strict=True)
    # range 35-40 % in a body of 3: 1 woman = 33 %, 2 = 67 %: nothing fits
    assert not Range(percent("35"), percent("40")).fits(3)
    assert Range(percent("35"), percent("40")).seats_needed(3, 0) == 2


def test_labels():
    assert Floor(percent("15")).label == "≥ 15%"
    assert Floor(percent("35"), strict=True).label == "> 35%"
    assert Range(percent("20"), percent("25")).label == "20–25%"
    assert Presence().label == "≥ 1 nữ"
    assert Floor(percent("35.5")).label == "≥ 35.5%"


# ---------------------------------------------------------------------------------------------
# Minimality (hypothesis)

thresholds = st.integers(min_value=0, max_value=1000).map(lambda t: Fraction(t, 1000))


@settings(max_examples=200, deadline=None)
@given(
    n=st.integers(min_value=1, max_value=300),
    data=st.data(),
    p=thresholds,
    strict=st.booleans(),
)
def test_floor_seats_needed_is_minimal(n, data, p, strict):
    if strict and p == 1:
        p = Fraction(999, 1000)
    rule = Floor(p, strict=strict)
    w = data.draw(st.integers(min_value=0, max_value=n))

    def meets(total, women):  # independent, on integers
        lhs, rhs = women * p.denominator, p.numerator * total
        return lhs > rhs if strict else lhs >= rhs

    need = rule.seats_needed(n, w)
    assert need is not None and w + need <= n
    assert meets(n, w + need)
    if need > 0:
        assert not meets(n, w + need - 1)
    grow = rule.seats_needed_if_grow(n, w)
    if p == 1 and w < n:
        assert grow is None
        return
    assert grow is not None
    assert meets(n + grow, w + grow)
    if grow > 0:
        assert not meets(n + grow - 1, w + grow - 1)


@settings(max_examples=200, deadline=None)
@given(n=st.integers(min_value=1, max_value=300), data=st.data(), a=thresholds, b=thresholds)
def test_range_low_bound_is_minimal(n, data, a, b):
    low, high = min(a, b), max(a, b)
    rule = Range(low, high)
    w = data.draw(st.integers(min_value=0, max_value=n))
    need = rule.seats_needed(n, w)
    grow = rule.seats_needed_if_grow(n, w)
    if rule.status(n, w) is Status.ABOVE_RANGE:
        assert need == 0 and grow == 0
        return
    assert rule.status(n, w + need) is not Status.BELOW
    if need > 0:
        assert rule.status(n, w + need - 1) is Status.BELOW
    if low == 1 and w < n:
        assert grow is None
        return
    assert rule.status(n + grow, w + grow) is not Status.BELOW
    if grow > 0:
        assert rule.status(n + grow - 1, w + grow - 1) is Status.BELOW


# ---------------------------------------------------------------------------------------------
# User targets: YAML and Python

GOOD = """\
targets:
  - id: "X:a"
    document: X
    date: 2024-01-01
    issuer: me
    clause_vi: "không dưới 20%"
    bodies: [party_committee]
    levels: [district]
    terms: ["2020-2025"]
    rule: {type: floor, threshold: "20"}
    confidence: quoted
    sources: [{ref: S1, title: "a paper"}]
"""


def _write(tmp_path, text, name="mine.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_load_targets_good(tmp_path):
    (target,) = load_targets(_write(tmp_path, GOOD))
    assert target.id == "X:a"
    assert target.rule == Floor(Fraction(1, 5))
    assert target.levels == ("district",)
    assert target.sources[0]["ref"] == "S1"


@pytest.mark.parametrize(
    ("old", "new", "field", "what"),
    [
        ("bodies: [party_committee]", "bodies: [parliament]", "bodies", "unknown body"),
        ('threshold: "20"', 'threshold: "120"', "rule.threshold", "threshold outside 0-100 %"),
        ('threshold: "20"', 'threshold: "-5"', "rule.threshold", "threshold outside 0-100 %"),
        ("type: floor", "type: ceiling", "rule.type", "unknown rule type"),
        ("    issuer: me\n", "", "issuer", "missing field"),
        ('threshold: "20"', 'threshold: "abc"', "rule.threshold", "a percentage"),
        ("confidence: quoted", "confidence: sure", "confidence", "expected one of"),
    ],
)
def test_load_targets_errors_name_file_entry_field(tmp_path, old, new, field, what):
    assert old in GOOD
    path = _write(tmp_path, GOOD.replace(old, new), name="bad_targets.yaml")
    pattern = rf'bad_targets\.yaml, mục \'X:a\' \(#1\), trường "{field}": .*{what}'
    with pytest.raises(TargetError, match=pattern):
        load_targets(path)


def test_load_targets_entry_by_position_when_no_id(tmp_path):
    text = GOOD + GOOD.split("targets:\n", 1)[1].replace('id: "X:a"', "id:").replace(
        "[party_committee]", "[nowhere]"
    )
    with pytest.raises(TargetError, match=r'mục #2, trường "id": .*missing field'):
        load_targets(_write(tmp_path, text))


def test_load_targets_reports_every_entry(tmp_path):
    second = (
        GOOD.split("targets:\n", 1)[1].replace("X:a", "X:b").replace("[party_committee]", "[x]")
    )
    third = GOOD.split("targets:\n", 1)[1].replace("X:a", "X:c").replace("floor", "wrong")
    with pytest.raises(TargetError) as info:
        load_targets(_write(tmp_path, GOOD + second + third))
    message = str(info.value)
    assert "'X:b' (#2)" in message and '"bodies"' in message
    assert "'X:c' (#3)" in message and '"rule.type"' in message


def test_load_targets_nested_rule_error(tmp_path):
    text = GOOD.replace(
        'rule: {type: floor, threshold: "20"}',
        'rule: {type: share_of_units, share: "60", inner: {type: range, low: "40", high: "30"}}',
    )
    with pytest.raises(TargetError, match=r'trường "rule\.inner\.high": .*high must be ≥ low'):
        load_targets(_write(tmp_path, text))


def test_target_in_python_is_validated():
    with pytest.raises(TargetError, match=r'"bodies".*unknown body'):
        Target(
            id="Y",
            document="Y",
            date=dt.date(2024, 1, 1),
            issuer="me",
            clause_vi="x",
            clause_en="x",
            bodies=("senate",),
            levels=(),
            terms=(),
            target_year=None,
            rule=Presence(),
        )
    with pytest.raises(TargetError, match=r'"threshold".*outside 0-100'):
        Floor(Fraction(3, 2))


def test_rule_base_class_is_abstract():
    from gender_stats.targets import Rule

    with pytest.raises(TypeError, match="abstract"):
        Rule()  # type: ignore[abstract]
