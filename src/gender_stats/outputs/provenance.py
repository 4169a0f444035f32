"""Where the numbers of an output come from: one provenance record for the page, workbook and CLI.

:func:`provenance` builds a :class:`Provenance` from the counts (and the compliance frame, when
there is one): the scope (the province, or the units), the terms, the targets used, the input files
with the rows each gave (from the reading log a reader leaves in ``attrs["reading"]``), the date of
generation and the library version — and whether the data are the bundled synthetic sample
(``attrs["synthetic"]``, set by :func:`gender_stats.load_sample_counts` and friends and by reading
a file of the bundled sample folder), which every output then says in so many words.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version

import pandas as pd

from gender_stats.compliance import TARGET_ID
from gender_stats.datasets import SYNTHETIC
from gender_stats.errors import ArgumentError, require_frame
from gender_stats.outputs.labels import LANGS, PAGE_LABELS, Lang
from gender_stats.schema import LEVEL, TERM, UNIT_ID, UNIT_NAME
from gender_stats.vocab import term_bounds

__all__ = ["Provenance", "provenance"]

#: How many unit names the scope lists before "…".
_MAX_SCOPE_NAMES = 5
#: The reading log's outcome of a row that became counts.
_USED = "used"


@dataclasses.dataclass(frozen=True)
class Provenance:
    """The provenance of a report: what was counted, against what, from which files, when.

    Attributes
    ----------
    scope : tuple of str
        The provinces covered (the names of the ``province``-level rows, or of a ``province``
        column); empty when the counts hold no province, and the scope is then the units.
    unit_names : tuple of str
        The units counted, in order of appearance.
    terms : tuple of str
        The terms, latest first.
    targets : tuple of str
        The ids of the targets that judged at least one row.
    files : tuple of (str, int)
        Each input file with the number of its rows that became counts.
    generated : datetime.date
        The date of generation.
    version : str
        The version of gender_stats.
    synthetic : bool
        True for the bundled synthetic sample: every output then carries the mark.
    """

    scope: tuple[str, ...]
    unit_names: tuple[str, ...]
    terms: tuple[str, ...]
    targets: tuple[str, ...]
    files: tuple[tuple[str, int], ...]
    generated: dt.date
    version: str
    synthetic: bool = False

    def scope_text(self, lang: Lang = "vi") -> str:
        """Return the scope in words: the provinces, or "3 units: A, B, C".

        Examples
        --------
        >>> p = Provenance((), ("Huyện A", "Huyện B"), (), (), (), dt.date(2026, 1, 2), "1")
        >>> p.scope_text(), p.scope_text("en")
        ('2 đơn vị: Huyện A, Huyện B', '2 units: Huyện A, Huyện B')
        """
        if self.scope:
            return ", ".join(self.scope)
        names = list(self.unit_names[:_MAX_SCOPE_NAMES])
        if len(self.unit_names) > _MAX_SCOPE_NAMES:
            names.append("…")
        head = PAGE_LABELS[lang]["prov_units"].format(n=len(self.unit_names))
        return f"{head}: {', '.join(names)}" if names else head

    def rows(self, lang: Lang = "vi") -> list[tuple[str, str]]:
        """Return the record as (label, value) lines in ``lang``, the synthetic mark first.

        Examples
        --------
        >>> p = Provenance(("Tỉnh Thanh Hóa",), ("Tỉnh Thanh Hóa",), ("2020-2025",),
        ...                ("36-CT/TW:a",), (("bao_cao.xlsx", 12),), dt.date(2026, 1, 2), "0.1.0",
        ...                synthetic=True)
        >>> for label, value in p.rows("en"):
        ...     print(f"{label}: {value}")
        Synthetic sample data — not real figures:
        Scope: Tỉnh Thanh Hóa
        Terms: 2020-2025
        Targets used: 36-CT/TW:a
        Input files (rows used): bao_cao.xlsx (12 rows)
        Generated on: 2026-01-02
        gender_stats version: 0.1.0
        """
        if lang not in LANGS:
            raise ValueError(f"Got lang={lang!r}. Must be one of {list(LANGS)}.")
        words = PAGE_LABELS[lang]
        none = words["prov_none"]
        files = (
            "; ".join(f"{name} ({words['prov_rows'].format(n=n)})" for name, n in self.files)
            or words["prov_no_file"]
        )
        lines = [] if not self.synthetic else [(words["synthetic"], "")]
        lines += [
            (words["prov_scope"], self.scope_text(lang)),
            (words["prov_terms"], ", ".join(self.terms) or none),
            (words["prov_targets"], ", ".join(self.targets) or none),
            (words["prov_files"], files),
            (words["prov_generated"], self.generated.isoformat()),
            (words["prov_version"], self.version),
        ]
        return lines

    def to_frame(self, lang: Lang = "vi") -> pd.DataFrame:
        """Return the record as a two-column frame (for the workbook's sheet).

        Examples
        --------
        >>> p = Provenance((), ("A",), ("2020-2025",), (), (), dt.date(2026, 1, 2), "0.1.0")
        >>> p.to_frame("en").columns.tolist(), len(p.to_frame("en"))
        (['Item', 'Value'], 6)
        """
        words = PAGE_LABELS[lang]
        return pd.DataFrame(self.rows(lang), columns=[words["prov_item"], words["prov_value"]])

    def summary(self, lang: Lang = "vi") -> str:
        """Return the record as lines of text (the CLI prints it)."""
        return "\n".join(
            f"{label}: {value}" if value else label for label, value in self.rows(lang)
        )


def _library_version() -> str:
    try:
        return version("gender_stats")
    except PackageNotFoundError:  # pragma: no cover - run from a source tree without metadata
        return "0.0.0"


def _files(frames: Sequence[pd.DataFrame]) -> tuple[tuple[str, int], ...]:
    """Return each file of the reading logs in ``attrs["reading"]`` with its rows used."""
    used: dict[str, int] = {}
    seen: set[int] = set()
    for frame in frames:
        log = frame.attrs.get("reading")
        if log is None or id(log) in seen:
            continue
        seen.add(id(log))
        for entry in getattr(log, "entries", ()):
            used.setdefault(str(entry.file), 0)
            if entry.outcome == _USED:
                used[str(entry.file)] += 1
    return tuple(used.items())


def _scope(counts: pd.DataFrame, units: pd.DataFrame | None) -> tuple[str, ...]:
    """Return the provinces: a ``province`` column, else the province rows of counts or units."""
    if "province" in counts.columns:
        return tuple(str(v) for v in pd.unique(counts["province"].dropna()))
    for frame in (counts, units):
        if frame is not None and LEVEL in frame.columns and UNIT_NAME in frame.columns:
            rows = frame[(frame[LEVEL] == "province").to_numpy(dtype=bool)]
            if len(rows):
                return tuple(str(v) for v in pd.unique(rows[UNIT_NAME].dropna()))
    return ()


def _terms(frame: pd.DataFrame) -> tuple[str, ...]:
    values = [str(t) for t in pd.unique(frame[TERM].dropna())] if TERM in frame.columns else []
    try:
        return tuple(sorted(values, key=term_bounds, reverse=True))
    except Exception:
        return tuple(values)


def provenance(
    counts: pd.DataFrame,
    compliance: pd.DataFrame | None = None,
    *,
    units: pd.DataFrame | None = None,
    generated: dt.date | None = None,
) -> Provenance:
    """Build the provenance record of a report on ``counts`` (checked into ``compliance``).

    Parameters
    ----------
    counts : pandas.DataFrame
        The counts reported on; their ``attrs`` may hold the reading log (``"reading"``) and the
        synthetic mark (``"synthetic"``).
    compliance : pandas.DataFrame, optional
        The compliance frame of :func:`gender_stats.check`: its terms (the checked ones) and the
        targets that judged a row (``attrs["targets_used"]``, else its ``target_id`` column).
    units : pandas.DataFrame, optional
        The units table: its province row names the scope when the counts hold none.
    generated : datetime.date, optional
        The date of generation; today by default.

    Returns
    -------
    Provenance

    Raises
    ------
    gender_stats.errors.ArgumentError
        When ``counts`` is not a frame with a ``unit_id`` column.

    Examples
    --------
    >>> import datetime as dt, pandas as pd
    >>> counts = pd.DataFrame({"term": ["2020-2025"] * 2, "unit_id": ["TH", "H1"],
    ...     "unit_name": ["Tỉnh Thanh Hóa", "Huyện A"], "level": ["province", "district"],
    ...     "body": ["party_committee"] * 2, "total": [60, 40], "female": [9, 8]})
    >>> p = provenance(counts, generated=dt.date(2026, 1, 2))
    >>> p.scope, p.terms, p.files, p.synthetic
    (('Tỉnh Thanh Hóa',), ('2020-2025',), (), False)
    """
    require_frame(counts, (UNIT_ID,), "provenance", "pass the counts given to build_report")
    if compliance is not None and not isinstance(compliance, pd.DataFrame):
        raise ArgumentError(
            "provenance: compliance phải là kết quả của gs.check (expected the compliance frame), "
            f"got {type(compliance).__name__}"
        )
    checked = compliance if compliance is not None else counts
    targets: Sequence[str] = ()
    if compliance is not None:
        targets = compliance.attrs.get("targets_used") or tuple(
            dict.fromkeys(compliance[TARGET_ID].dropna().astype(str))
            if TARGET_ID in compliance.columns
            else ()
        )
    named = counts.drop_duplicates(UNIT_ID)
    names = named[UNIT_NAME] if UNIT_NAME in named.columns else named[UNIT_ID]
    frames = [counts] if compliance is None else [counts, compliance]
    return Provenance(
        scope=_scope(counts, units),
        unit_names=tuple(str(v) for v in pd.unique(names.dropna())),
        terms=_terms(checked),
        targets=tuple(str(t) for t in targets),
        files=_files(frames),
        generated=generated or dt.date.today(),
        version=_library_version(),
        synthetic=any(bool(f.attrs.get(SYNTHETIC)) for f in frames),
    )
