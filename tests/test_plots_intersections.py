"""Tests of gender_stats.outputs.plots_intersections: the heatmap of sex × age band × body."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from gender_stats.errors import ArgumentError
from gender_stats.outputs.plots_intersections import plot_intersections

TABLE = pd.DataFrame(
    {
        "term": "2020-2025",
        "body": ["party_committee"] * 3 + ["peoples_council"] * 3,
        "age_group": ["40_and_under", "41_50", "over_50"] * 2,
        "total": [10, 20, 10, 4, 0, 6],
        "female": [3, 4, 1, 2, 0, 3],
    }
)


def test_cells_labels_and_axes():
    fig, ax = plt.subplots()
    try:
        out = plot_intersections(TABLE, ax=ax)
        assert out is ax
        assert [t.get_text() for t in ax.get_xticklabels()] == [
            "Từ 40 tuổi trở xuống", "Trên 40 đến 50", "Trên 50",
        ]  # fmt: skip
        assert len(ax.get_yticklabels()) == 2
        texts = [t.get_text() for t in ax.texts]
        # row 1: 3/10 = 30 %, 4/20 = 20 %, 1/10 = 10 %; row 2: 2/4 = 50 %, empty, 3/6 = 50 %
        assert texts == [
            "3/10\n30,0%", "4/20\n20,0%", "1/10\n10,0%", "2/4\n50,0%", "–", "3/6\n50,0%",
        ]  # fmt: skip
        image = ax.images[0].get_array()
        assert image[0, 0] == pytest.approx(0.3)
        assert bool(image.mask[1, 1])  # no members: masked, not 0 %
    finally:
        plt.close(fig)


def test_several_terms_make_rows_per_term_and_a_new_figure():
    two = pd.concat([TABLE, TABLE.assign(term="2025-2030")], ignore_index=True)
    ax = plot_intersections(two, lang="en")
    try:
        labels = [t.get_text() for t in ax.get_yticklabels()]
        assert len(labels) == 4 and labels[0].endswith("2020-2025")
    finally:
        plt.close(ax.figure)


def test_errors():
    with pytest.raises(ArgumentError, match=r"lacks the columns \['age_group'\]"):
        plot_intersections(TABLE.drop(columns="age_group"))
    with pytest.raises(ArgumentError, match="Got lang='fr'"):
        plot_intersections(TABLE, lang="fr")  # type: ignore[arg-type]
