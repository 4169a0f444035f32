"""Issue 13 (the report part): one layout pass per chart, margins that fit the labels."""

from __future__ import annotations

import io
from collections import Counter

import pytest
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine

import gender_stats as gs
from gender_stats.outputs import report as report_module
from gender_stats.outputs.plots_base import OnePassLayout


@pytest.fixture(scope="module")
def sample():
    return gs.load_sample_counts()


def _count_layouts(monkeypatch) -> Counter[int]:
    """Count the layout passes per figure (both engines the report uses)."""
    calls: Counter[int] = Counter()
    for engine in (OnePassLayout, ConstrainedLayoutEngine):
        original = engine.execute

        def execute(self, fig, _original=original):
            calls[id(fig)] += 1
            return _original(self, fig)

        monkeypatch.setattr(engine, "execute", execute)
    return calls


def test_each_chart_of_the_report_runs_its_layout_once(sample, monkeypatch):
    calls = _count_layouts(monkeypatch)
    figures: list[Figure] = []
    original = report_module._figure

    def keep(n_rows):
        manager = original(n_rows)
        fig, ax = manager.__enter__()
        figures.append(fig)

        class _Keep:
            def __enter__(self):
                return fig, ax

            def __exit__(self, *exc):
                return manager.__exit__(*exc)

        return _Keep()

    monkeypatch.setattr(report_module, "_figure", keep)
    report = gs.build_report(sample, targets="36-CT/TW", term="2015-2020", svg=True)
    charts = report._need_content().charts
    assert len(charts) == len(figures) == 8
    assert all(chart.svg is not None for chart in charts)
    # PNG then SVG: one layout each chart, never a second one (the heatmap's colour bar and the
    # two panels of women and men by constrained layout, the others by OnePassLayout)
    assert sorted(calls.values()) == [1] * 8
    assert set(calls) == {id(fig) for fig in figures}


def test_one_pass_margins_fit_the_labels_and_the_footer():
    fig = Figure(figsize=(6, 3), dpi=110)
    ax = fig.add_subplot()
    names = ["Sở Nông nghiệp và Phát triển nông thôn", "B"]
    ax.barh([0, 1], [0.3, 0.1])
    ax.set_yticks([0, 1], labels=names)
    ax.set_xlabel("Tỷ lệ nữ (%)")
    ax.set_title("Tỷ lệ nữ theo đơn vị\nBan Chấp hành (cấp ủy)", loc="left")
    footer = fig.supxlabel("Dữ liệu mẫu", x=0.01, ha="left", fontsize=8)
    fig.set_layout_engine(OnePassLayout(footer=footer))
    fig.savefig(io.BytesIO(), format="png", dpi=110)
    renderer = fig._get_renderer()
    tight = ax.get_tightbbox(renderer)
    pad = 3 / 72 * fig.dpi
    # every decoration inside the figure, the longest name 3 points from the left edge
    assert tight.x0 == pytest.approx(pad, abs=1.0)
    assert tight.y1 == pytest.approx(fig.bbox.height - pad, abs=1.0)
    assert tight.x1 <= fig.bbox.width
    # the footer has its own band below the axis label
    band = footer.get_window_extent(renderer)
    assert band.y0 == pytest.approx(pad, abs=1.0)
    assert band.y1 + pad == pytest.approx(tight.y0, abs=1.0)


def test_one_pass_layout_of_several_axes_is_constrained_layout():
    def drawn(engine):
        fig = Figure(figsize=(4, 4), layout="constrained")
        top, bottom = fig.subplots(2, 1)
        top.set_title("một")
        bottom.set_title("hai")
        bottom.set_xlabel("x")
        fig.set_layout_engine(engine)
        fig.savefig(io.BytesIO(), format="png")
        return [tuple(ax.get_position().bounds) for ax in fig.axes]

    assert drawn(OnePassLayout()) == drawn(ConstrainedLayoutEngine())
