"""Interchange: Open SDG tidy CSV (write and read back), SDMX-CSV, and a documented counts export.

``to_open_sdg`` / ``read_open_sdg``
    Open SDG's tidy data CSV: ``Year``, one column per disaggregation, ``Value``.  The **headline**
    rows (the series as a whole) have every disaggregation blank.  One file is one indicator, so one
    body per export; ``Year`` is the term's start year (the year of the congress or election) and
    ``Value`` the pooled share of women in percent (sums of counts, never a mean of shares).
``to_sdmx_csv``
    SDMX-CSV (version 1: ``DATAFLOW`` first, then the dimensions, ``OBS_VALUE`` and attributes) for
    the indicator tables.  People's Councils map to SDG 5.5.1b (series ``SG_GEN_LOCGELS``,
    "proportion of elected seats held by women in deliberative bodies of local government") and the
    National Assembly to SDG 5.5.1a (``SG_GEN_PARL``); other bodies need ``series=``.
``write_counts`` / ``counts_dictionary``
    Counts as Parquet or CSV, with a column dictionary written beside them
    (``<name>.columns.csv``: column, type, meaning in Vietnamese and English), so a file handed to
    another office explains itself.  :func:`gender_stats.read_counts` reads the file back.
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import pandas as pd

from gender_stats.errors import ArgumentError, FileFormatError
from gender_stats.schema import (
    BODY,
    COUNTS_COLUMNS,
    FEMALE,
    LEVEL,
    TERM,
    TOTAL,
    UNIT_ID,
    UNIT_NAME,
    validate_counts,
)
from gender_stats.vocab import term_bounds

__all__ = [
    "COUNTS_DICTIONARY",
    "SDG_SERIES",
    "counts_dictionary",
    "read_open_sdg",
    "to_open_sdg",
    "to_sdmx_csv",
    "write_counts",
]

YEAR, VALUE = "Year", "Value"

#: The SDG series of the bodies that have one (SDG 5.5.1).
SDG_SERIES: Mapping[str, str] = {
    "peoples_council": "SG_GEN_LOCGELS",  # 5.5.1b: deliberative bodies of local government
    "national_assembly": "SG_GEN_PARL",  # 5.5.1a: national parliaments
}

#: The meaning of each canonical counts column: (Vietnamese, English).
COUNTS_DICTIONARY: Mapping[str, tuple[str, str]] = {
    TERM: ("Nhiệm kỳ, dạng 2015-2020", "Term, written 2015-2020"),
    UNIT_ID: ("Mã đơn vị", "Unit id"),
    UNIT_NAME: ("Tên đơn vị", "Unit name"),
    LEVEL: ("Cấp (province, district, commune, agency ...)", "Level code"),
    BODY: (
        "Cơ quan (party_committee, standing_committee, peoples_council ...)",
        "Body code (see gender_stats.BODIES)",
    ),
    TOTAL: ("Tổng số người", "Members (persons)"),
    FEMALE: ("Số nữ", "Women among them"),
    "kind": ("Loại đơn vị", "Unit kind"),
    "under_40": ("Số người dưới 40 tuổi", "Members under 40 (at the term start)"),
    "ethnic_minority": ("Số người dân tộc thiểu số", "Members of an ethnic minority"),
}

_DICTIONARY_SUFFIX = ".columns.csv"


def _require_frame(value: object, func: str, what: str) -> None:
    """Raise :class:`ArgumentError` unless ``value`` is a pandas DataFrame."""
    if not isinstance(value, pd.DataFrame):
        kind = f"{type(value).__module__}.{type(value).__qualname__}"
        raise ArgumentError(
            f"{func}() cần một pandas.DataFrame ({what}), nhưng nhận {kind} (expected a pandas "
            f"DataFrame, got {kind}). Hint: convert other frames to pandas first."
        )


def _pct(female: int, total: int, digits: int) -> float:
    """Return ``female / total`` in percent, rounded half-up from the exact fraction."""
    exact = Fraction(int(female) * 100, int(total))
    quantum = Decimal(1).scaleb(-digits)
    value = (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(
        quantum, rounding=ROUND_HALF_UP
    )
    return float(value)


def _title(column: str) -> str:
    return column.replace("_", " ").capitalize()


def to_open_sdg(
    counts: pd.DataFrame,
    path: str | Path | None = None,
    *,
    body: str | None = None,
    disaggregations: Sequence[str] = (LEVEL,),
    digits: int = 2,
) -> pd.DataFrame:
    """Return (and optionally write) the Open SDG tidy CSV of one body's share of women.

    Parameters
    ----------
    counts : pandas.DataFrame
        Counts.
    path : str or Path, optional
        Where to write the CSV (UTF-8, comma-separated, ``.`` decimals).
    body : str, optional
        The body to export; required when ``counts`` holds several.
    disaggregations : sequence of str, default ``("level",)``
        Counts columns to break the series down by (``"level"``, ``"unit_name"``, ``"kind"``);
        their CSV headers are capitalised (``Level``).
    digits : int, default 2
        Decimals of ``Value`` (half-up rounding of the exact share).

    Returns
    -------
    pandas.DataFrame
        ``Year``, one column per disaggregation (blank on the headline rows), ``Value``: first the
        headline rows by year, then the disaggregated rows.

    Raises
    ------
    ArgumentError
        For several bodies without ``body=``, or an unknown column.

    Examples
    --------
    >>> import pandas as pd
    >>> counts = pd.DataFrame({
    ...     "term": ["2016-2021"] * 3, "unit_id": ["P", "D1", "D2"], "unit_name": ["P", "D1", "D2"],
    ...     "level": ["province", "district", "district"], "body": "peoples_council",
    ...     "total": [95, 30, 20], "female": [25, 9, 4]})
    >>> to_open_sdg(counts)
       Year     Level  Value
    0  2016       NaN  26.21
    1  2016  district  26.00
    2  2016  province  26.32
    """
    _require_frame(counts, "to_open_sdg", "counts")
    frame = validate_counts(counts)
    bodies = sorted(frame[BODY].unique())
    if body is None and len(bodies) > 1:
        raise ArgumentError(
            f"Một tệp Open SDG là một chỉ tiêu (one Open SDG file is one indicator): the counts hold "
            f"the bodies {bodies}. Hint: pass body=, e.g. body={bodies[0]!r}."
        )
    if body is not None:
        frame = frame[frame[BODY] == body]
        if frame.empty:
            raise ArgumentError(f"Không có số liệu cho body={body!r} (no counts). Got {bodies}.")
    disaggregations = list(disaggregations)
    missing = [c for c in disaggregations if c not in frame.columns]
    if missing:
        raise ArgumentError(
            f"Không có cột {missing} (no such counts columns). Got {list(frame.columns)}."
        )
    frame = frame.assign(**{YEAR: [term_bounds(t)[0] for t in frame[TERM]]})
    headers = {c: _title(c) for c in disaggregations}
    parts = []
    # the headline, each disaggregation alone, then (with several) all of them together
    groupings: list[list[str]] = [[], *([c] for c in disaggregations)]
    if len(disaggregations) > 1:
        groupings.append(disaggregations)
    for keys in groupings:
        pooled = frame.groupby([YEAR, *keys], sort=True, dropna=False)[[TOTAL, FEMALE]].sum()
        pooled = pooled[pooled[TOTAL] > 0].reset_index()
        pooled[VALUE] = [
            _pct(f, t, digits) for f, t in zip(pooled[FEMALE], pooled[TOTAL], strict=True)
        ]
        parts.append(pooled.drop(columns=[TOTAL, FEMALE]))
    out = pd.concat(parts, ignore_index=True).rename(columns=headers)
    out = out[[YEAR, *headers.values(), VALUE]]
    out = out.astype({YEAR: "int64", VALUE: "float64", **dict.fromkeys(headers.values(), "str")})
    for header in headers.values():
        out[header] = out[header].where(out[header].notna() & (out[header] != "nan"))
    if path is not None:
        out.to_csv(path, index=False, encoding="utf-8", float_format=f"%.{digits}f")
    return out


def read_open_sdg(source: str | Path | io.StringIO) -> pd.DataFrame:
    r"""Read an Open SDG tidy CSV back.

    Parameters
    ----------
    source : str, Path or text buffer
        The CSV: ``Year``, disaggregation columns, ``Value``.

    Returns
    -------
    pandas.DataFrame
        ``Year`` (``int64``), the disaggregation columns (text; blank cells missing: the headline
        rows have every one missing) and ``Value`` (``float64``), in the file's order.

    Raises
    ------
    FileFormatError
        Without ``Year`` or ``Value``, or with a year or value that is not a number.

    Examples
    --------
    >>> import io
    >>> text = "Year,Level,Value\n2016,,26.21\n2016,district,26.00\n"
    >>> read_open_sdg(io.StringIO(text))
       Year     Level  Value
    0  2016       NaN  26.21
    1  2016  district  26.00
    """
    if not isinstance(source, str | os.PathLike) and not hasattr(source, "read"):
        kind = f"{type(source).__module__}.{type(source).__qualname__}"
        raise ArgumentError(
            f"read_open_sdg() cần đường dẫn tệp hoặc bộ đệm văn bản (a file path or a text "
            f"buffer), got {kind}."
        )
    name = getattr(source, "name", None) or str(
        source if not isinstance(source, io.StringIO) else ""
    )
    try:
        frame = pd.read_csv(source, dtype="str", keep_default_na=False, encoding="utf-8")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as err:
        raise FileFormatError(
            f"Không đọc được tệp Open SDG (cannot read the Open SDG CSV {name!r}): {err}"
        ) from err
    missing = [c for c in (YEAR, VALUE) if c not in frame.columns]
    if missing:
        raise FileFormatError(
            f"Tệp Open SDG thiếu cột {missing} (an Open SDG CSV needs 'Year' and 'Value'). Got "
            f"{list(frame.columns)}. Hint: the headers are case-sensitive."
        )
    for column in (YEAR, VALUE):
        numbers = pd.to_numeric(frame[column].str.strip(), errors="coerce")
        bad = frame[column][numbers.isna()]
        if len(bad):
            raise FileFormatError(
                f"Cột {column!r} phải là số (the column {column!r} must hold numbers): got "
                f"{bad.iloc[0]!r} on line {int(bad.index[0]) + 2}."
            )
        frame[column] = numbers
    out = frame.astype({YEAR: "int64", VALUE: "float64"})
    for column in out.columns:
        if column not in (YEAR, VALUE):
            text = out[column].astype("str").str.strip()
            out[column] = text.where(text != "")
    return out


def to_sdmx_csv(
    counts: pd.DataFrame,
    path: str | Path | None = None,
    *,
    dataflow: str = "GENDER_STATS:DF_WOMEN_SEATS(1.0)",
    ref_area: str = "704",
    series: Mapping[str, str] | None = None,
    by_level: bool = False,
    digits: int = 2,
) -> pd.DataFrame:
    """Return (and optionally write) the shares of women as SDMX-CSV.

    Parameters
    ----------
    counts : pandas.DataFrame
        Counts.
    path : str or Path, optional
        Where to write the CSV.
    dataflow : str, default ``"GENDER_STATS:DF_WOMEN_SEATS(1.0)"``
        The dataflow (``AGENCY:ID(VERSION)``); pass the one of the receiving agency.
    ref_area : str, default ``"704"``
        The reference area (M49 code of Viet Nam by default).
    series : mapping, optional
        Body -> series code for bodies without an SDG series (:data:`SDG_SERIES` covers
        ``peoples_council``, 5.5.1b, and ``national_assembly``, 5.5.1a).
    by_level : bool, default False
        Add a ``LEVEL`` dimension (a library extension; SDG 5.5.1b is reported for all levels
        pooled).
    digits : int, default 2
        Decimals of ``OBS_VALUE`` (half-up from the exact share).

    Returns
    -------
    pandas.DataFrame
        ``DATAFLOW``, ``FREQ`` (``A``), ``REF_AREA``, ``SERIES``, ``SEX`` (``F``), (``LEVEL``),
        ``TIME_PERIOD`` (the term's start year), ``OBS_VALUE`` (percent), ``UNIT_MEASURE`` (``PT``),
        ``UNIT_MULT`` (0) and ``COMMENT_OBS`` (``women/seats`` and the term).

    Raises
    ------
    ArgumentError
        For a body without a series code.

    Examples
    --------
    >>> import pandas as pd
    >>> counts = pd.DataFrame({
    ...     "term": ["2016-2021"] * 2, "unit_id": ["P", "D"], "unit_name": ["P", "D"],
    ...     "level": ["province", "district"], "body": "peoples_council",
    ...     "total": [95, 30], "female": [25, 9]})
    >>> to_sdmx_csv(counts)[["SERIES", "TIME_PERIOD", "OBS_VALUE", "COMMENT_OBS"]]
               SERIES  TIME_PERIOD  OBS_VALUE          COMMENT_OBS
    0  SG_GEN_LOCGELS         2016       27.2  34/125 (2016-2021)
    """
    _require_frame(counts, "to_sdmx_csv", "counts")
    frame = validate_counts(counts)
    codes = {**SDG_SERIES, **(series or {})}
    unknown = sorted(set(frame[BODY]) - set(codes))
    if unknown:
        raise ArgumentError(
            f"Không có mã chuỗi SDMX cho {unknown} (no series code for the bodies {unknown}). "
            "Hint: pass series={'party_committee': 'YOUR_CODE'}; SDG 5.5.1 covers only "
            "peoples_council (5.5.1b) and national_assembly (5.5.1a)."
        )
    keys = [BODY, TERM, *([LEVEL] if by_level else [])]
    pooled = frame.groupby(keys, sort=True)[[TOTAL, FEMALE]].sum().reset_index()
    pooled = pooled[pooled[TOTAL] > 0]
    out = pd.DataFrame(
        {
            "DATAFLOW": dataflow,
            "FREQ": "A",
            "REF_AREA": ref_area,
            "SERIES": [codes[b] for b in pooled[BODY]],
            "SEX": "F",
            **({"LEVEL": pooled[LEVEL].to_numpy()} if by_level else {}),
            "TIME_PERIOD": [term_bounds(t)[0] for t in pooled[TERM]],
            "OBS_VALUE": [
                _pct(f, t, digits) for f, t in zip(pooled[FEMALE], pooled[TOTAL], strict=True)
            ],
            "UNIT_MEASURE": "PT",
            "UNIT_MULT": 0,
            "COMMENT_OBS": [
                f"{f}/{t} ({term})"
                for f, t, term in zip(pooled[FEMALE], pooled[TOTAL], pooled[TERM], strict=True)
            ],
        }
    )
    out = out.astype({"TIME_PERIOD": "int64", "OBS_VALUE": "float64", "UNIT_MULT": "int64"})
    if path is not None:
        out.to_csv(path, index=False, encoding="utf-8")
    return out


def counts_dictionary(counts: pd.DataFrame) -> pd.DataFrame:
    """Return the column dictionary of a counts frame.

    Parameters
    ----------
    counts : pandas.DataFrame
        Counts (canonical columns and any extra numerators).

    Returns
    -------
    pandas.DataFrame
        One row per column: ``column``, ``dtype``, ``description_vi``, ``description_en``.  A column
        the library does not know is described as "một cột thêm (an extra column)" with its type.

    Examples
    --------
    >>> import pandas as pd
    >>> counts = pd.DataFrame({"term": ["2020-2025"], "unit_id": ["A"], "unit_name": ["A"],
    ...     "level": ["district"], "body": ["party_committee"], "total": [30], "female": [6],
    ...     "under_40": [4]})
    >>> counts_dictionary(counts)[["column", "description_en"]].tail(2)
         column                          description_en
    6    female                       Women among them
    7  under_40  Members under 40 (at the term start)
    """
    _require_frame(counts, "counts_dictionary", "counts")
    rows = []
    for column in counts.columns:
        vi, en = COUNTS_DICTIONARY.get(
            str(column), ("Một cột thêm (an extra column)", "An extra column")
        )
        rows.append(
            {"column": column, "dtype": str(counts[column].dtype), "description_vi": vi,
             "description_en": en}
        )  # fmt: skip
    return pd.DataFrame(rows, columns=["column", "dtype", "description_vi", "description_en"])


def write_counts(counts: pd.DataFrame, path: str | Path, *, fmt: str | None = None) -> Path:
    """Write counts as Parquet or CSV, with a column dictionary beside them.

    Parameters
    ----------
    counts : pandas.DataFrame
        Counts; they are validated first (canonical columns first, extra columns kept).
    path : str or Path
        The file to write; ``.parquet`` or ``.csv``.
    fmt : {"parquet", "csv"}, optional
        The format; by default from the suffix.

    Returns
    -------
    pathlib.Path
        The column dictionary written beside the file (``<name>.columns.csv``).

    Raises
    ------
    ArgumentError
        For an unknown format.

    Notes
    -----
    The CSV is UTF-8 with a byte-order mark (Excel then shows Vietnamese correctly) and ``.``
    decimals; :func:`gender_stats.read_counts` reads both formats back.

    Examples
    --------
    >>> import pandas as pd, pathlib, tempfile
    >>> counts = pd.DataFrame({"term": ["2020-2025"], "unit_id": ["A"], "unit_name": ["Huyện A"],
    ...     "level": ["district"], "body": ["party_committee"], "total": [30], "female": [6]})
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     written = write_counts(counts, pathlib.Path(tmp, "counts.csv"))
    ...     print(written.name, pd.read_csv(written)["column"].tolist()[-2:])
    counts.columns.csv ['total', 'female']
    """
    _require_frame(counts, "write_counts", "counts")
    if not isinstance(path, str | os.PathLike):
        raise ArgumentError(f"write_counts() cần đường dẫn tệp (a file path), got {path!r}.")
    path = Path(path)
    kind = fmt or path.suffix.lower().lstrip(".")
    if kind not in ("parquet", "csv"):
        raise ArgumentError(
            f"Got fmt={kind!r}. Must be one of ['parquet', 'csv']. Hint: name the file .parquet "
            "or .csv."
        )
    frame = validate_counts(counts)
    ordered = [c for c in COUNTS_COLUMNS if c in frame.columns]
    frame = frame[[*ordered, *[c for c in frame.columns if c not in ordered]]]
    if kind == "parquet":
        frame.to_parquet(path, index=False)
    else:
        frame.to_csv(path, index=False, encoding="utf-8-sig")
    dictionary = path.with_name(path.name.removesuffix(path.suffix) + _DICTIONARY_SUFFIX)
    counts_dictionary(frame).to_csv(dictionary, index=False, encoding="utf-8-sig")
    return dictionary
