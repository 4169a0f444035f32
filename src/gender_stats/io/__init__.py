"""Reading and writing files: the only package of gender_stats that touches the disk.

Readers turn the files offices send in (CSV, XLSX, Parquet; tidy tables, the official wide template,
the personnel list "danh sách trích ngang") into the canonical frames of :mod:`gender_stats.schema`.
Writers produce the formatted workbook of the report.
"""

# --- readers ---
# --- writers ---
from gender_stats.io._counts import HiddenDataWarning, MismatchWarning, TableWarning
from gender_stats.io._export import write_workbook
from gender_stats.io._levels import InferredLevelWarning, infer_level
from gender_stats.io._readers import read_counts, read_roster, read_units
from gender_stats.io._rows import ReadingLog, RowClass

__all__: list[str] = [
    "HiddenDataWarning",
    "InferredLevelWarning",
    "MismatchWarning",
    "ReadingLog",
    "RowClass",
    "TableWarning",
    "infer_level",
    # readers
    "read_counts",
    "read_roster",
    "read_units",
    # writers
    "write_workbook",
]
