"""Reading and writing files: the only package of gender_stats that touches the disk.

Readers turn the files offices send in (CSV, XLSX, Parquet; tidy tables, the official wide template,
the personnel list "danh sách trích ngang") into the canonical frames of :mod:`gender_stats.schema`.
Writers produce the formatted workbook of the report, the consolidated wide workbook
(:func:`write_wide_workbook`) and sheets added to a workbook (:func:`append_sheet`).
"""

# --- readers ---
# --- writers ---
from gender_stats.io._counts import HiddenDataWarning, MismatchWarning, TableWarning
from gender_stats.io._interchange import (
    counts_dictionary,
    read_open_sdg,
    to_open_sdg,
    to_sdmx_csv,
    write_counts,
)
from gender_stats.io._levels import InferredLevelWarning, infer_level
from gender_stats.io._readers import read_counts, read_roster, read_units
from gender_stats.io._rows import ReadingLog, RowClass
from gender_stats.io._templates import append_sheet, write_wide_workbook

__all__: list[str] = [
    "HiddenDataWarning",
    "InferredLevelWarning",
    "MismatchWarning",
    "ReadingLog",
    "RowClass",
    "TableWarning",
    "append_sheet",
    "counts_dictionary",
    "infer_level",
    "read_counts",
    "read_open_sdg",
    "read_roster",
    "read_units",
    "to_open_sdg",
    "to_sdmx_csv",
    "write_counts",
    "write_wide_workbook",
]
