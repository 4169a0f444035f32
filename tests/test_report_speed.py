"""Issue 13 (the report part): one layout pass per chart, margins that fit, two processes."""

from __future__ import annotations

import io
import multiprocessing
import os
import time
import warnings
from collections import Counter
from functools import partial
from typing import Any

import pytest
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine

import gender_stats as gs
from gender_stats.outputs import _files
from gender_stats.outputs import report as report_module
from gender_stats.outputs.plots_base import OnePassLayout, pin_labels


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
    monkeypatch.setattr(report_module, "_WORKERS", 1)  # every chart drawn in this process
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


# ---------------------------------------------------------------------------------------------
# two processes


needs_fork = pytest.mark.skipif(not _files._can_fork(8), reason="no safe fork or one core")


def test_two_processes_draw_the_same_bytes_as_one(sample, monkeypatch):
    both = gs.build_report(sample, targets="36-CT/TW", term="2015-2020", svg=True)
    monkeypatch.setattr(report_module, "_WORKERS", 1)
    one = gs.build_report(sample, targets="36-CT/TW", term="2015-2020", svg=True)
    assert [c.png for c in both._need_content().charts] == [
        c.png for c in one._need_content().charts
    ]
    assert [c.svg for c in both._need_content().charts] == [
        c.svg for c in one._need_content().charts
    ]
    assert both.to_html() == one.to_html()
    assert multiprocessing.active_children() == []


@needs_fork
def test_in_two_processes_shares_the_tasks_and_keeps_their_order():
    parent = os.getpid()

    def task(index):
        time.sleep(0.05)
        return index, os.getpid()

    results = _files.in_two_processes(task, 8, cost=[1, 8, 2, 7, 3, 6, 4, 5])
    assert [index for index, _ in results] == list(range(8))
    pids = {pid for _, pid in results}
    assert parent in pids and len(pids) == 2  # both did some
    assert multiprocessing.active_children() == []


@needs_fork
def test_a_task_failing_in_the_child_fails_here_with_its_own_error():
    parent = os.getpid()

    def task(index):
        if os.getpid() != parent:
            time.sleep(0.01)
        if index == 5:
            raise ValueError(f"task {index} failed")
        return index

    with pytest.raises(ValueError, match="task 5 failed"):
        _files.in_two_processes(task, 8)
    assert multiprocessing.active_children() == []


@needs_fork
def test_a_child_that_hangs_is_killed_and_its_tasks_done_here(monkeypatch):
    monkeypatch.setattr(_files, "CHILD_TIMEOUT_S", 0.5)
    monkeypatch.setattr(_files, "CHILD_TIMEOUT_FACTOR", 1.0)
    parent = os.getpid()
    done = []

    def task(index):
        if os.getpid() != parent:
            time.sleep(3600)  # a deadlocked child
        return index * 10

    start = time.perf_counter()
    assert _files.in_two_processes(task, 6, done=done.append) == [0, 10, 20, 30, 40, 50]
    assert time.perf_counter() - start < 30
    assert sum(done) == 6  # the progress counts every task once
    assert multiprocessing.active_children() == []


def test_few_tasks_are_done_here_in_order():
    parent = os.getpid()
    assert _files.in_two_processes(lambda i: (i, os.getpid()), 3) == [(i, parent) for i in range(3)]


def test_empty_axis_labels_and_titles_over_bottom_ticks_are_pinned():
    fig = Figure()
    ax = fig.add_subplot()
    ax.set_xlabel("Tỷ lệ nữ (%)")
    ax.set_title("Tỷ lệ nữ\nBan Chấp hành", loc="left")
    top = fig.add_subplot(2, 1, 2)
    top.xaxis.tick_top()
    top.set_title("trên", loc="left")
    assert pin_labels(fig) == 4  # both empty y labels, the empty x label on top, the first title
    assert not ax.yaxis.label.get_in_layout() and not top.yaxis.label.get_in_layout()
    assert ax.xaxis.label.get_in_layout() and ax.get_xlabel() == "Tỷ lệ nữ (%)"
    assert ax.get_title(loc="left") == "Tỷ lệ nữ\nBan Chấp hành"
    assert ax._left_title.get_position()[1] == 1.0


def _pid(into: list[int]) -> None:
    into.append(os.getpid())


def test_meanwhile_runs_once_here_with_or_without_a_child():
    parent = os.getpid()
    for n_tasks in (2, 8):  # no child, then (where a fork is safe) a child
        ran: list[int] = []
        results = _files.in_two_processes(lambda i: i + 1, n_tasks, meanwhile=partial(_pid, ran))
        assert results == list(range(1, n_tasks + 1))
        assert ran == [parent]


def _warn_in_child(parent: int, child_did_one: Any, index: int) -> int:
    if os.getpid() == parent:
        child_did_one.wait(timeout=20)  # the child takes some tasks too
    else:
        warnings.warn(f"from the child: {index}", UserWarning, stacklevel=1)
        child_did_one.set()
    return index


@needs_fork
def test_the_warnings_of_the_childs_tasks_are_given_here():
    with pytest.warns(UserWarning, match="from the child") as caught:
        flag = multiprocessing.get_context("fork").Event()
        results = _files.in_two_processes(partial(_warn_in_child, os.getpid(), flag), 8)
    assert results == list(range(8))
    told = sorted(int(str(w.message).rsplit(" ", 1)[1]) for w in caught)
    assert told and set(told) <= set(range(8))
    assert multiprocessing.active_children() == []


def test_laid_out_once_the_figure_saves_as_savefig_lays_it_out():
    import io

    from matplotlib.figure import Figure

    from gender_stats.outputs._files import DPI, figure_bytes, lay_out_once, unhinted_text

    def drawn() -> tuple[Figure, object]:
        fig = Figure(figsize=(6, 4), dpi=DPI, layout="constrained")
        ax = fig.add_subplot()
        ax.barh(range(3), [3, 1, 2])
        ax.set_yticks(range(3), ["Huyện Như Thanh", "Thị xã Bỉm Sơn", "Huyện Mường Lát"])
        ax.set_xlabel("Số nữ còn thiếu (người)")
        ax.set_title("Hình 1. Số nữ còn thiếu theo đơn vị", loc="left")
        return fig, ax

    usual, usual_ax = drawn()
    with unhinted_text():  # the text as the library measures it
        usual.savefig(io.BytesIO(), format="png", dpi=DPI)  # matplotlib's layout in savefig
    ours, ours_ax = drawn()
    default = ours_ax.get_position().bounds
    lay_out_once(ours)
    assert ours.get_layout_engine() is None  # no engine: savefig draws the figure once
    got, want = ours_ax.get_position().bounds, usual_ax.get_position().bounds
    assert got != default  # the long unit names moved the axes right
    assert all(abs(a - b) < 1e-9 for a, b in zip(got, want, strict=True))
    png = figure_bytes(ours)
    assert ours_ax.get_position().bounds == got  # saving keeps it (PNG, then SVG)
    figure_bytes(ours, fmt="svg")
    assert ours_ax.get_position().bounds == got and png[:4] == b"\x89PNG"
