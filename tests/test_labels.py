"""One place for words and formats: ``labels``."""

from __future__ import annotations

from fractions import Fraction

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gender_stats.compliance import Status
from gender_stats.errors import ArgumentError
from gender_stats.outputs import labels, tables
from gender_stats.outputs.labels import STATUS_LABELS, format_count, format_points, format_share


def test_counts_group_thousands_by_language():
    assert format_count(9310) == "9.310"
    assert format_count(9310, lang="en") == "9,310"
    assert format_count(999) == "999"
    assert format_count(1_000_000, lang="en") == "1,000,000"
    assert format_count(-1500) == "-1.500"


def test_a_missing_count_is_a_dash_and_a_float_is_refused():
    assert format_count(None) == format_count(pd.NA) == "–"
    with pytest.raises(ArgumentError, match=r"a count must be a whole number\), got float 9.5"):
        format_count(9.5)
    with pytest.raises(ValueError, match="lang='fr'"):
        format_count(1, lang="fr")


def test_shares_and_points_round_half_up_exactly():
    assert format_share(Fraction(351, 1000)) == "35,1%"
    assert format_share(Fraction(351, 1000), lang="en") == "35.1%"
    assert format_share((1, 8)) == "12,5%"  # 12.5 exactly, one decimal kept
    assert format_share((1, 8), digits=0) == "13%"  # half up, not to even
    assert format_points(Fraction(-25, 10), digits=0, lang="en") == "-3"


def test_every_status_has_a_label_in_both_languages():
    for lang in labels.LANGS:
        assert set(STATUS_LABELS[lang]) == {s.value for s in Status}


def test_tables_use_the_labels_module():
    assert tables.format_share is format_share
    assert tables.LABELS is labels.LABELS


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_a_count_reads_back(n):
    vi, en = format_count(n), format_count(n, lang="en")
    assert int(vi.replace(".", "")) == n == int(en.replace(",", ""))


def test_a_label_is_read_by_key_and_language():
    assert labels.label("col.female") == "Nữ"
    assert labels.label("col.female", "en") == "Women"
    assert labels.WORDS["status.below"]["vi"] == "Chưa đạt"
    assert labels.label("summary.result", "en", k=3, n=4, noun="districts") == (
        "3/4 districts meet the target"
    )
    assert labels.label("body.standing_committee", "en") == "Standing committee"


def test_an_unknown_label_or_language_is_a_library_error():
    with pytest.raises(ArgumentError, match=r"no such label\): 'col\.nope'"):
        labels.label("col.nope")
    with pytest.raises(ArgumentError, match=r"unknown language\): Got lang='fr'"):
        labels.label("col.female", "fr")  # type: ignore[arg-type]


def test_every_word_has_both_languages_and_no_key_is_added_twice():
    for key, words in labels.WORDS.items():
        assert set(words) == set(labels.LANGS), key
        assert all(isinstance(w, str) and w for w in words.values()), key
    with pytest.raises(RuntimeError, match="defined twice"):
        labels._add("col", {"female": ("Nữ", "Women")})


def test_the_views_by_language_read_the_same_words():
    assert labels.LABELS["en"]["female"] == labels.label("col.female", "en")
    assert labels.UNIT_NOUNS["vi"]["district"] == labels.labels_for("noun", "vi")["district"]
    assert labels.STATUS_LABELS["vi"][Status.BELOW] == "Chưa đạt"
