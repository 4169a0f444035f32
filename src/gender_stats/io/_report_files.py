"""Write the files of the HTML report: the page itself and the charts as PNG and SVG.

This private module is the only place where :mod:`gender_stats.report` touches the disk; the report
builds everything in memory (HTML text, :class:`matplotlib.figure.Figure` objects) and hands it here.
"""

from __future__ import annotations

import base64
import io
from pathlib import Path

import matplotlib
from matplotlib.figure import Figure

__all__ = ["figure_bytes", "figure_data_uri", "make_out_dir", "write_bytes", "write_html"]


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


def figure_bytes(fig: Figure, *, fmt: str = "png", dpi: int = 110) -> bytes:
    r"""Render a figure to bytes in memory (``fmt`` is ``"png"`` or ``"svg"``).

    A bare :class:`~matplotlib.figure.Figure` renders through Agg (PNG) or the SVG backend without
    pyplot, so no global backend is chosen or changed.  SVG text is kept as ``<text>`` elements
    (``svg.fonttype = "none"``), set for this call only.

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
    # Text as text in SVG (smaller, searchable, several times faster than glyph outlines); the
    # setting is local to this call.
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        fig.savefig(buffer, format=fmt, dpi=dpi, metadata=metadata)
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
