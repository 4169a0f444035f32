"""Reading and writing files: the only package of gender_stats that touches the disk.

Readers turn the files offices send in (CSV, XLSX, Parquet; tidy tables, the official wide template,
the personnel list "danh sách trích ngang") into the canonical frames of :mod:`gender_stats.schema`.
Writers produce the formatted workbook of the report.
"""

# --- readers ---
# --- writers ---
from gender_stats.io._export import write_workbook
from gender_stats.io._readers import read_counts, read_roster, read_units

__all__: list[str] = [
    # readers
    "read_counts",
    "read_roster",
    "read_units",
    # writers
    "write_workbook",
]
