"""Reading and writing files: the only package of gender_stats that touches the disk.

Readers turn the files offices send in (CSV, XLSX, Parquet; tidy tables, the official wide template,
the personnel list "danh sách trích ngang") into the canonical frames of :mod:`gender_stats.schema`.
Writers produce the formatted workbook of the report.
"""

# --- readers ---

# --- writers ---

__all__: list[str] = [
    # readers
    # writers
]
