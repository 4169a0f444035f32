"""Bundled data: the synthetic Thanh Hóa sample and real published figures.

The sample (``data/sample/`` in the repository, ``gender_stats/_data/sample/`` in the installed
package: one copy on disk) is **synthetic**: invented people and counts for the real units of Thanh
Hóa, made by ``scripts/make_sample_data.py`` (``make sample``).  It holds the units table, a roster
(Parquet, and the same as a personnel list *danh sách trích ngang*), and the same figures as counts in
the official wide template.  Its README describes every file.

The public figures are real published shares of women (National Assembly by term, party committees
by level, People's Councils by level, candidate lists, congress delegates, single provincial
committees, government key leaders) with their ``source`` and a ``note``; where sources disagree,
every version is kept as its own row or in the note.

The sample files are read with the library's own readers (:func:`gender_stats.read_units`,
:func:`gender_stats.read_roster`, :func:`gender_stats.read_counts`), so they come back as canonical,
validated frames.  The public figures are not in a canonical layout; they are read by one private
helper, :func:`_read_public_csv`, the only place here that opens a file without the readers.
Each sample file is read once per session; every call returns a fresh copy, so changing a loaded frame
never changes the next one.

Examples
--------
>>> from gender_stats import datasets
>>> sorted(p.name for p in datasets.sample_path().iterdir() if p.suffix != ".md")
['counts.csv', 'counts_messy.xlsx', 'counts_wide.xlsx', 'roster.parquet', 'roster_trich_ngang.xlsx', 'staff.csv', 'units.csv']
>>> datasets.load_units()["level"].value_counts().to_dict()
{'district': 27, 'agency': 23, 'province': 1}
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from types import MappingProxyType

import pandas as pd

from gender_stats.errors import ArgumentError, GenderStatsError
from gender_stats.io import read_counts, read_roster, read_units
from gender_stats.io._readers import SYNTHETIC  # the attrs key of the synthetic mark

__all__ = [
    "PUBLIC_FIGURES",
    "SYNTHETIC",
    "load_public_figures",
    "load_sample_counts",
    "load_sample_roster",
    "load_units",
    "sample_path",
]

#: The public data sets: name -> (file, integer columns).
PUBLIC_FIGURES = MappingProxyType(
    {
        "national_assembly": ("national_assembly.csv", ("deputies", "women")),
        "party_committees": ("party_committees_national.csv", ("members", "women")),
        "peoples_councils": ("peoples_councils.csv", ()),
        "candidate_lists": ("candidate_lists.csv", ("candidates", "women")),
        "congress_delegates": ("congress_delegates.csv", ("delegates", "women")),
        "provincial_committees": ("provincial_committees.csv", ()),
        "key_leaders": ("key_leaders.csv", ("units", "units_with_woman")),
    }
)

UNKNOWN_FILE = "Got name={name!r}. Must be one of {names} (the files of {folder})."
UNKNOWN_PUBLIC = "Got name={name!r}. Must be one of {names}."


class SampleFileError(GenderStatsError, FileNotFoundError):
    """No bundled file has that name (a library error and a ``FileNotFoundError``)."""


def _data_dir(kind: str) -> Path:
    """Return the folder of bundled data ``kind`` (``"sample"`` or ``"public"``) on disk."""
    return Path(str(resources.files("gender_stats") / "_data" / kind))


def sample_path(name: str | None = None) -> Path:
    """Return the folder of the bundled sample data, or one file in it.

    Parameters
    ----------
    name : str, optional
        A file name such as ``"counts_wide.xlsx"``; ``None`` for the folder.

    Returns
    -------
    pathlib.Path
        A path on disk (the package data; ``data/sample`` in the repository points to it).

    Raises
    ------
    FileNotFoundError
        When ``name`` is not a file of the sample folder; the message lists the files.

    Examples
    --------
    >>> sample_path("units.csv").name
    'units.csv'
    >>> sample_path().joinpath("README.md").is_file()
    True
    """
    folder = _data_dir("sample")
    if name is None:
        return folder
    names = sorted(p.name for p in folder.iterdir() if p.is_file())
    if not isinstance(name, str) or name not in names:
        raise SampleFileError(UNKNOWN_FILE.format(name=name, names=names, folder=folder))
    return folder / name


def load_units() -> pd.DataFrame:
    """Load the units table of the sample: the province, its 27 district-level units, 23 agencies.

    Returns
    -------
    pandas.DataFrame
        A canonical units table (``unit_id``, ``unit_name``, ``level``, ``kind``, ``parent_id``,
        ``aliases``).  Ids are ``TH`` (the province), ``TH-H01`` ... ``TH-H27`` (districts, towns
        and cities) and ``TH-S01`` ... ``TH-S23`` (departments and agencies).  ``unit_name`` is the
        current name; former names and other spellings are in ``aliases`` (``|``-separated).

    Examples
    --------
    >>> units = load_units()
    >>> units.loc[units["unit_id"] == "TH-H24", ["unit_name", "kind", "aliases"]].to_numpy().tolist()
    [['Thị xã Nghi Sơn', 'town', 'Huyện Tĩnh Gia|TX Nghi Sơn']]
    """
    return _read_sample("units.csv").copy()


def load_sample_roster() -> pd.DataFrame:
    """Load the synthetic roster of the sample: one row per person per seat.

    Returns
    -------
    pandas.DataFrame
        A canonical roster of the bodies ``party_committee``, ``standing_committee`` and
        ``key_posts`` (party terms 2010-2015, 2015-2020, 2020-2025, districts and agencies) and
        ``peoples_council`` (council terms 2011-2016, 2016-2021, 2021-2026, districts), with
        ``full_name``, ``birth_year``, ``ethnicity`` and ``post``.  ``unit_name`` is the name the
        unit had in that term (``Huyện Tĩnh Gia`` before 2020).  The staff are counts only: see
        :func:`load_sample_counts`.

    Examples
    --------
    >>> roster = load_sample_roster()
    >>> sorted(roster["body"].unique())
    ['key_posts', 'party_committee', 'peoples_council', 'standing_committee']
    >>> roster.groupby("term")["unit_id"].nunique().to_dict()
    {'2010-2015': 50, '2011-2016': 27, '2015-2020': 50, '2016-2021': 27, '2020-2025': 50, '2021-2026': 27}
    """
    return _read_sample("roster.parquet").copy()


def load_sample_counts() -> pd.DataFrame:
    """Load the counts of the sample, read from the workbook in the official wide template.

    Every sheet of ``counts_wide.xlsx`` (one per term) is read with :func:`gender_stats.read_counts`
    and the units table of :func:`load_units`, which checks the reported shares and totals.

    Returns
    -------
    pandas.DataFrame
        Canonical counts: the four roster bodies (the same numbers as
        ``count(load_sample_roster())``) and ``staff`` (the whole workforce of each unit).
        ``unit_name`` is the unit's current name from the units table.

    Examples
    --------
    >>> counts = load_sample_counts()
    >>> counts.groupby("body")["term"].nunique().to_dict()
    {'key_posts': 3, 'party_committee': 3, 'peoples_council': 3, 'staff': 3, 'standing_committee': 3}
    """
    return _read_sample("counts_wide.xlsx").copy()


@functools.cache
def _read_sample(name: str) -> pd.DataFrame:
    """Read one sample file with the library's readers, once per session (callers copy it)."""
    path = sample_path(name)
    if name == "units.csv":
        frame = read_units(path)
    elif name == "roster.parquet":
        frame = read_roster(path)
    else:
        frame = read_counts(path, units=_read_sample("units.csv"))
    frame.attrs[SYNTHETIC] = True  # every output says so (gender_stats.outputs.provenance)
    return frame


def _read_public_csv(path: Path, integers: tuple[str, ...]) -> pd.DataFrame:
    """Read one bundled public CSV: text columns as text, ``integers`` as ``Int64`` (blank = NA).

    The public tables are not counts, rosters or units, so the library's readers do not apply;
    this is the only function of the module that opens a file itself.
    """
    frame = pd.read_csv(path, dtype="str", encoding="utf-8")
    frame = frame.assign(**{col: frame[col].astype("Int64") for col in integers})
    if "derived" in frame.columns:
        frame["derived"] = frame["derived"].fillna("")
    return frame


def load_public_figures(name: str) -> pd.DataFrame:
    """Load a table of real published shares of women, with sources and notes.

    Parameters
    ----------
    name : str
        ``national_assembly``: deputies and women by khóa (I-XVI), with ``basis`` (``elected``,
        ``confirmed``, ...) where sources count different denominators; ``party_committees``:
        national shares in party committees and standing committees by level and term;
        ``peoples_councils``: shares of women deputies by level, terms 2016-2021 and 2021-2026;
        ``candidate_lists``: women on the candidate lists (National Assembly XV and XVI official
        lists; the 2016 People's Council lists by level after the second consultation, with
        ``stage`` saying which); ``congress_delegates``: women delegates to the 2020-2025
        provincial party congresses (51 provinces); ``provincial_committees``: the share of women
        in single provincial committees (2015-2020, and the highest of 2020-2025);
        ``key_leaders``: the 2022 government figures of agencies and People's Committees with a
        female key leader (``series`` names them: never mix them with the 2019 Ministry of Home
        Affairs series, another definition).

    Returns
    -------
    pandas.DataFrame
        One row per published figure.  ``published_pct`` is the percentage **as published**
        (text, dot decimal; "26.80" keeps its trailing zero); counts are ``Int64`` and missing when
        not known; ``source`` and ``note`` say where a figure comes from and what is uncertain.
        ``derived`` names the column whose value was **derived**, not published (``""`` when every
        value of the row is as published): the 2016-2021 People's Council shares are the 2021-2026
        shares minus the reported rises (``published_pct``); the counts of women of khóa VII and
        X come from the published share (``women``).

    Raises
    ------
    ValueError
        For an unknown ``name``.

    Examples
    --------
    >>> na = load_public_figures("national_assembly")
    >>> na.loc[na["khoa"] == "XIV", ["basis", "deputies", "women", "published_pct"]]
             basis  deputies  women published_pct
    15     elected       496    133         26.80
    16   confirmed       494    132         26.72
    >>> pc = load_public_figures("peoples_councils")
    >>> pc.loc[pc["derived"] != "", ["term", "level", "published_pct", "derived"]]
            term     level published_pct        derived
    0  2016-2021  province         26.54  published_pct
    1  2016-2021  district         27.85  published_pct
    2  2016-2021   commune         26.59  published_pct
    >>> lists = load_public_figures("candidate_lists")
    >>> lists.loc[lists["body"] == "national_assembly", ["election", "candidates", "women"]]
                    election  candidates  women
    0   National Assembly XV         868    393
    1  National Assembly XVI         864    392
    """
    if not isinstance(name, str) or name not in PUBLIC_FIGURES:
        raise ArgumentError(UNKNOWN_PUBLIC.format(name=name, names=list(PUBLIC_FIGURES)))
    file, integers = PUBLIC_FIGURES[name]
    return _read_public_csv(_data_dir("public") / file, integers)
