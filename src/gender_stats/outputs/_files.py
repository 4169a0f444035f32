"""Write the files of the report: the page itself and the charts as PNG and SVG, all or nothing.

This private module is the only place where :mod:`gender_stats.outputs.report` touches the disk
(besides the workbook writer); the report builds everything in memory (HTML text, chart bytes) and
:meth:`~gender_stats.outputs.report.Report.save` hands it here.  :func:`in_two_processes` renders
the charts in this process and a forked one at once, where that is safe.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import functools
import gc
import io
import multiprocessing
import os
import re
import shutil
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, TypeVar

import matplotlib
from matplotlib.figure import Figure

from gender_stats.errors import ArgumentError

__all__ = [
    "DPI",
    "check_out_dir",
    "figure_bytes",
    "figure_data_uri",
    "in_two_processes",
    "lay_out_once",
    "make_out_dir",
    "safe_stem",
    "staged_output",
    "write_bytes",
    "write_html",
]

#: Told when the output folder is an existing file.
OUT_IS_A_FILE = (
    'Thư mục ra "{path}" là một tệp, không phải thư mục (the output folder is a file, not a '
    "folder). Hint: chọn --out / out_dir là một thư mục (choose a folder for --out / out_dir)."
)
#: Told when the output folder cannot be created or written.
OUT_NOT_WRITABLE = (
    'Không ghi được vào thư mục ra "{path}" (cannot write into the output folder): {why}. '
    "Hint: chọn thư mục khác hoặc kiểm tra quyền ghi (choose another folder or check the rights)."
)

_UNSAFE = re.compile(r"[^0-9A-Za-z_-]+")

_F = TypeVar("_F", bound=Callable[..., Any])
_T = TypeVar("_T")

#: Fewer tasks than this are done in this process alone (a fork costs more than it saves).
MIN_FORKED_TASKS = 4
#: How long the parent waits for the child's results past its own share: this many times the
#: time of its own share, and at least ``CHILD_TIMEOUT_S`` seconds; then it does them itself.
CHILD_TIMEOUT_FACTOR = 5.0
CHILD_TIMEOUT_S = 20.0


def safe_stem(text: object, *, limit: int = 80) -> str:
    """Return a file-name stem built from data: letters, digits, ``_`` and ``-`` only.

    Examples
    --------
    >>> safe_stem("ty_le_party_committee")
    'ty_le_party_committee'
    >>> safe_stem("../../etc/passwd <x>")
    'etc_passwd_x'
    >>> safe_stem("")
    'bieu_do'
    """
    stem = _UNSAFE.sub("_", str(text)).strip("_-.")[:limit]
    return stem or "bieu_do"


def check_out_dir(out_dir: str | os.PathLike[str]) -> Path:
    """Refuse an output folder that is an existing file (before any work is done); create nothing.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile() as f:
    ...     check_out_dir(f.name)
    Traceback (most recent call last):
    ...
    gender_stats.errors.ArgumentError: Thư mục ra "..." là một tệp, không phải thư mục ...
    """
    path = Path(out_dir)
    if path.exists() and not path.is_dir():
        raise ArgumentError(OUT_IS_A_FILE.format(path=path))
    return path


def _out_folder(out_dir: str | os.PathLike[str]) -> Path:
    """Return the output folder as a Path, refusing a file; create its parent folder."""
    path = check_out_dir(out_dir)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ArgumentError(OUT_NOT_WRITABLE.format(path=path, why=err.strerror or err)) from err
    return path


def _moved(value: Any, old: Path, new: Path) -> Any:
    """Return ``value`` with every Path under ``old`` moved under ``new`` (tuples too)."""
    if isinstance(value, Path):
        try:
            return new / value.relative_to(old)
        except ValueError:
            return value
    if isinstance(value, tuple):
        return tuple(_moved(v, old, new) for v in value)
    return value


def _publish(staging: Path, target: Path) -> None:
    """Move every file of ``staging`` into ``target`` (replacing files of the same name)."""
    if not target.exists():
        staging.rename(target)
        return
    for source in sorted(staging.rglob("*")):
        if source.is_dir():
            continue
        dest = target / source.relative_to(staging)
        dest.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, dest)
    shutil.rmtree(staging, ignore_errors=True)


def staged_output(func: _F) -> _F:
    """Make a report writer all-or-nothing: it writes into a temporary folder beside ``out_dir``.

    The wrapped function takes ``out_dir=`` and returns a dataclass whose Path fields lie in it.  It
    is called with a fresh temporary folder next to ``out_dir`` (same disk, so the move is a
    rename); when it returns, the files are moved into ``out_dir`` and the paths of the result are
    mapped there; when it fails, the temporary folder is removed and ``out_dir`` is left as it was,
    so no half-written report remains.  An ``out_dir`` that is a file, or that cannot be written,
    is an :class:`~gender_stats.errors.ArgumentError`.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, out_dir: str | os.PathLike[str], **kwargs: Any) -> Any:
        target = _out_folder(out_dir)
        try:
            staging = Path(tempfile.mkdtemp(prefix=f".{target.name or 'out'}.", dir=target.parent))
        except OSError as err:
            raise ArgumentError(
                OUT_NOT_WRITABLE.format(path=target, why=err.strerror or err)
            ) from err
        try:
            result = func(*args, out_dir=staging, **kwargs)
            _publish(staging, target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        changes = {
            f.name: _moved(getattr(result, f.name), staging, target)
            for f in dataclasses.fields(result)
        }
        return dataclasses.replace(result, **changes)

    return wrapper  # type: ignore[return-value]


def make_out_dir(out_dir: str | Path) -> Path:
    """Create the output folder (and its parents) if needed and return it as a Path.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     make_out_dir(Path(tmp) / "a" / "b").is_dir()
    True
    """
    path = Path(out_dir)
    path.mkdir(parents=True, exist_ok=True)
    return path


def unhinted_text() -> contextlib.AbstractContextManager[object]:
    """Return the rcParams context under which the library lays out and renders its own text.

    Glyphs are drawn unhinted: matplotlib's default forces FreeType's autohinter on every glyph
    each time a text is laid out or drawn.

    Examples
    --------
    >>> import matplotlib
    >>> with unhinted_text():
    ...     matplotlib.rcParams["text.hinting"]
    'none'
    """
    return matplotlib.rc_context({"text.hinting": "none"})


#: The resolution of the library's PNG charts (dots per inch).
DPI = 110


def lay_out_once(fig: Figure) -> None:
    """Run the figure's layout engine now, at the figure's dpi, and switch it off.

    :meth:`~matplotlib.figure.Figure.savefig` with a layout engine draws the whole figure once
    without rendering, only to run the engine, then draws it again to render (measured on the
    report's charts: a quarter of their time).  Laid out here once, the figure keeps its layout
    for each format it is saved in, and is drawn once per file.  An Agg canvas is attached, so
    the text is measured by the renderer that will draw the PNG (make the figure at the dpi it is
    saved at, :data:`DPI`).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> fig = Figure(figsize=(3, 2), dpi=DPI, layout="constrained")
    >>> ax = fig.add_subplot()
    >>> _ = ax.set_ylabel("Tỷ lệ nữ (%)")
    >>> lay_out_once(fig)
    >>> fig.get_layout_engine() is None, bool(round(ax.get_position().x0, 3) != 0.125)
    (True, True)
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    engine = fig.get_layout_engine()
    if engine is None:
        return
    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    with unhinted_text():
        engine.execute(fig)
    # no engine at all (``"none"`` leaves a placeholder engine, and savefig's extra draw with it)
    with matplotlib.rc_context(
        {"figure.autolayout": False, "figure.constrained_layout.use": False}
    ):
        fig.set_layout_engine(None)


def figure_bytes(fig: Figure, *, fmt: str = "png", dpi: int = DPI) -> bytes:
    r"""Render a figure to bytes in memory (``fmt`` is ``"png"`` or ``"svg"``).

    A bare :class:`~matplotlib.figure.Figure` renders through Agg (PNG) or the SVG backend without
    pyplot, so no global backend is chosen or changed.  SVG text is kept as ``<text>`` elements
    (``svg.fonttype = "none"``) and its ids are the same at each call (``svg.hashsalt``), set for
    this call only.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> fig = Figure(figsize=(1, 1))
    >>> figure_bytes(fig)[:8] == b"\x89PNG\r\n\x1a\n"
    True
    >>> b"<svg" in figure_bytes(fig, fmt="svg")
    True
    """
    buffer = io.BytesIO()
    metadata = {"Date": None} if fmt == "svg" else None
    # Text as text in SVG (smaller, searchable, several times faster than glyph outlines), and
    # the ids of its clip paths and markers from a fixed salt (the same chart gives the same
    # bytes, whichever process draws it); the settings are local to this call.
    # PNG: zlib level 3 instead of Pillow's 6 (measured on the report's charts: 40 % less time to
    # encode, files within 1 % of the size, the same pixels).  Glyphs unhinted (matplotlib's
    # default forces FreeType's autohinter on every glyph each time a text is laid out or drawn:
    # a third of the drawing time of the report's charts; at 110 dpi the letters and their
    # Vietnamese marks look the same or cleaner).
    options: dict[str, Any] = {"pil_kwargs": {"compress_level": 3}} if fmt == "png" else {}
    with (
        matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "gender_stats"}),
        unhinted_text(),
    ):
        fig.savefig(buffer, format=fmt, dpi=dpi, metadata=metadata, **options)
    return buffer.getvalue()


def figure_data_uri(png: bytes) -> str:
    """Return PNG bytes as a ``data:`` URI to embed in an ``<img>`` tag.

    Examples
    --------
    >>> figure_data_uri(b"abc")
    'data:image/png;base64,YWJj'
    """
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def write_bytes(data: bytes, path: str | Path) -> Path:
    """Write rendered bytes (a PNG or an SVG of :func:`figure_bytes`) and return the path.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     write_bytes(b"<svg/>", Path(tmp) / "a.svg").read_bytes()
    b'<svg/>'
    """
    path = Path(path)
    path.write_bytes(data)
    return path


def write_html(text: str, path: str | Path) -> Path:
    """Write an HTML page as UTF-8 and return its path."""
    path = Path(path)
    path.write_text(text, encoding="utf-8")
    return path


def _can_fork(n_tasks: int) -> bool:
    """Return True when a forked helper process is safe and worth it for ``n_tasks`` tasks.

    Linux only (macOS and Windows have no safe ``fork``), two cores or more for this process, not
    inside a daemonic process (which may not have children), at least :data:`MIN_FORKED_TASKS`.
    """
    if n_tasks < MIN_FORKED_TASKS or not sys.platform.startswith("linux"):
        return False
    if "fork" not in multiprocessing.get_all_start_methods():
        return False
    if multiprocessing.current_process().daemon:
        return False
    return len(os.sched_getaffinity(0)) >= 2


def _claim(counter: Any, order: Sequence[int]) -> int | None:
    """Take the next task of ``order`` from the counter both processes share (None: all taken)."""
    with counter.get_lock():
        position = int(counter.value)
        if position >= len(order):
            return None
        counter.value = position + 1
    return order[position]


def _child(
    task: Callable[[int], Any], order: Sequence[int], counter: Any, send: Connection
) -> None:
    """Do tasks until none is left and send their results (runs in the forked process).

    Each result goes with the warnings its task gave (the parent gives them again, so that its
    caller sees them); a task that fails is left to the parent, which raises the error itself.
    """
    gc.freeze()  # the parent's objects are never collected here (no finaliser of theirs runs)
    results: dict[int, tuple[Any, list[tuple[Any, ...]]]] = {}
    try:
        while (index := _claim(counter, order)) is not None:
            with warnings.catch_warnings(record=True) as caught:
                value = task(index)
            told = [(w.message, w.category, w.filename, w.lineno) for w in caught]
            results[index] = (value, told)
    except BaseException:  # the parent does the rest, and raises the error itself
        pass
    try:
        send.send(results)
    except Exception:  # the parent gone, or a result that cannot be sent: the parent does them
        pass
    finally:
        send.close()


def in_two_processes(
    task: Callable[[int], _T],
    n_tasks: int,
    *,
    cost: Sequence[float] | None = None,
    done: Callable[[int], None] | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> list[_T]:
    """Return ``[task(0), ..., task(n_tasks - 1)]``, done by this process and a forked one at once.

    The two processes take the next task from a shared counter until none is left, so a slow or
    busy core gets fewer; the costliest first when ``cost`` (a guess per task) is given, so that
    neither waits long for the other at the end.  The child is forked (it sees the same objects, nothing is pickled but
    the results it sends back) and never collects the parent's objects (``gc.freeze``).  Where a
    child is not safe or not worth it (see :func:`_can_fork`) every task is done here, in order.
    Whatever the child did not send — it failed, died, or took far longer than this process took
    for its own share — is done here afterwards, so an error is raised here with its own
    traceback, and the results are the same as in one process; the warnings of the child's
    tasks are given again here (after this process's own).  No child outlives the call.
    ``done(k)`` is told each time ``k`` more tasks are finished (a progress bar).  ``meanwhile()``
    is other work of this process, done while the child starts on the tasks (first of all when
    there is no child).

    Examples
    --------
    >>> in_two_processes(lambda i: i * i, 6)
    [0, 1, 4, 9, 16, 25]
    """
    tell = done or (lambda _k: None)
    results: dict[int, _T] = {}
    order = list(range(n_tasks))
    if cost is not None:
        order.sort(key=lambda index: -cost[index])
    child = _forked_child(task, order) if _can_fork(n_tasks) else None
    if child is None and meanwhile is not None:
        meanwhile()
    if child is not None:
        process, counter, receive = child
        try:
            if meanwhile is not None:
                meanwhile()
            start = time.perf_counter()
            while (index := _claim(counter, order)) is not None:
                results[index] = task(index)
                tell(1)
            wait = max(CHILD_TIMEOUT_S, CHILD_TIMEOUT_FACTOR * (time.perf_counter() - start))
            for index, (value, told) in sorted(_received(receive, wait).items()):
                for message, category, filename, lineno in told:
                    warnings.warn_explicit(message, category, filename, lineno)
                results[index] = value
                tell(1)
        except BaseException:
            process.kill()  # an error here (or Ctrl-C): the child's work is not wanted
            raise
        finally:
            receive.close()
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
                process.join()
    for index in range(n_tasks):  # all of them without a child; else what the child did not send
        if index not in results:
            results[index] = task(index)
            tell(1)
    return [results[index] for index in range(n_tasks)]


def _forked_child(
    task: Callable[[int], Any], order: Sequence[int]
) -> tuple[Any, Any, Connection] | None:
    """Start the child (forked); return it, the shared counter and the end results come from."""
    context = multiprocessing.get_context("fork")
    counter = context.Value("i", 0)
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(task, order, counter, send), daemon=True)
    try:
        with warnings.catch_warnings():
            # Python 3.12+ warns on any fork of a process with threads (pyarrow's pool): the child
            # only draws, Arrow resets its pools in a forked child, and a child that hangs is
            # waited for a bounded time, then its tasks are done here.
            warnings.simplefilter("ignore", DeprecationWarning)
            process.start()
    except OSError:  # no more processes allowed, no memory: everything is done here
        receive.close()
        return None
    finally:
        send.close()
    return process, counter, receive


def _received(receive: Connection, wait: float) -> dict[int, Any]:
    """Return the child's results, or nothing if it died or did not send them within ``wait`` s."""
    if not receive.poll(wait):
        return {}
    try:
        results = receive.recv()
    except (EOFError, OSError):  # the child died before sending
        return {}
    return results if isinstance(results, dict) else {}
