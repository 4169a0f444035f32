"""Key posts (chức danh chủ chốt) by level: definitions, counts and the units indicator.

Cited definitions, counts from rosters, and the share of units with a woman in a key post.

There is no single statutory list of key posts, so the definitions are **data**
(``_data/key_posts.yaml``), each with its levels, source and confidence:

``local_government``
    chair and vice-chairs of the People's Council and People's Committee (the statistics office's
    definition of the key-leader indicator), at every level of local government;
``party_province_district``
    party secretary and deputy secretaries, the council and committee chairs, the heads of the
    inspection commission and of the organisation, propaganda and mass-mobilisation boards, the
    Fatherland Front chair (province and district);
``commune`` and ``commune_cadres``
    the commune key posts, and the wider cadre list with the heads of the mass organisations;
``province_national_2016``
    the province posts counted nationally for 2016-2021;
``agency``
    heads and deputy heads of departments and agencies (the report forms' columns).

A post of a lower level held by a member of a higher body ("Bí thư Đảng ủy xã" in a district
committee) is not a key post of the higher unit.  A roster's ``post`` cell is split into single posts (on commas, semicolons, "kiêm", "/", a spaced dash), each
compared with the wording patterns of the definitions after the text is lower-cased, stripped of
diacritics and punctuation, and its abbreviations expanded: "PCT UBND huyện", "Phó Chủ tịch Ủy ban
nhân dân huyện" and "Phó chủ tịch UBND" are the same post.  The patterns run once per **distinct**
post text, not per row.

- :func:`key_post_definitions`: the definitions as a table.
- :func:`match_posts`: the key-post codes each person holds (a boolean frame).
- :func:`count_key_posts`: persons in key posts and women among them, per term and unit (a person
  with two key posts counts once; per post with ``per_post=True``).
- :func:`units_with_woman_in_key_post`: the share of units that have a woman in a key post.
"""

from __future__ import annotations

import functools
import re
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd

from gender_stats._text import loose_key
from gender_stats.errors import ArgumentError, GenderStatsWarning
from gender_stats.schema import (
    FEMALE,
    LEVEL,
    PERSON_ID,
    POST,
    SEX,
    SHARE,
    TERM,
    TOTAL,
    UNIT_ID,
    UNIT_NAME,
    _sorted_categories,
)
from gender_stats.targets import bundled_yaml

__all__ = [
    "KeyPostDefinition",
    "UnclearPostWarning",
    "count_key_posts",
    "key_post_definitions",
    "match_posts",
    "units_with_woman_in_key_post",
]

#: The output column of the post code in :func:`count_key_posts` with ``per_post=True``.
KEY_POST = "key_post"
DEFINITION = "definition"
N_UNITS = "n_units"
UNITS_WITH_WOMAN = "units_with_woman"
UNITS_WITHOUT_KEY_POST = "units_without_key_post"

_SPLIT = re.compile(r"\s*(?:,|;|/|\bkiêm\b|\bkiem\b|\+|(?<=\s)[-–—](?=\s))\s*", flags=re.IGNORECASE)
#: "TT" right after the title is "Thường trực" ("PCT TT UBND"); elsewhere it is "Thị trấn".
_STANDING = re.compile(r"^(pho (?:chu tich|bi thu)) tt\b")

#: An acting or caretaker holder: "Quyền Chủ tịch UBND", "Q. Giám đốc", "Phụ trách Chủ tịch".
_ACTING = re.compile(r"^(quyen|q|phu trach) (?=\w)")


class UnclearPostWarning(GenderStatsWarning):
    """A post that names a key post but is not plainly it (an acting holder): not counted."""


_ACTING_POSTS = (
    "Chức vụ quyền / phụ trách, không tính là chức danh chủ chốt (acting or caretaker posts, not "
    "counted as the key post they name): {posts}. Hint: nếu cơ quan tính người này, ghi chức vụ "
    "như cơ quan tính (if the office counts the person, write the post as it counts it)."
)

_UNKNOWN_DEFINITION = (
    "Định nghĩa chức danh chủ chốt không rõ (unknown key-post definition {name!r}). Must be one "
    "of {names}."
)


def _require_frame(value: object, func: str, what: str) -> None:
    """Raise :class:`ArgumentError` unless ``value`` is a pandas DataFrame."""
    if not isinstance(value, pd.DataFrame):
        kind = f"{type(value).__module__}.{type(value).__qualname__}"
        raise ArgumentError(
            f"{func}() cần một pandas.DataFrame ({what}), nhưng nhận {kind} (expected a pandas "
            f"DataFrame, got {kind}). Hint: convert other frames to pandas first."
        )


@dataclass(frozen=True)
class KeyPostDefinition:
    """One cited definition of key posts.

    Attributes
    ----------
    id : str
        The definition's code (``"local_government"``).
    name_vi, name_en : str
        What it covers.
    levels : tuple of str
        The levels it applies to.
    posts : tuple of str
        The post codes it counts.
    confidence : str
        ``quoted``, ``secondary`` or ``library`` (the library's own reading).
    source : str
        Where it comes from.
    note : str
        Any reading the library made.
    """

    id: str
    name_vi: str
    name_en: str
    levels: tuple[str, ...]
    posts: tuple[str, ...]
    confidence: str
    source: str
    note: str = ""


@dataclass(frozen=True)
class _Catalogue:
    definitions: Mapping[str, KeyPostDefinition]
    defaults: Mapping[str, str]
    match: Mapping[str, tuple[re.Pattern[str], ...]]
    exclude: Mapping[str, tuple[re.Pattern[str], ...]]
    labels: Mapping[str, str]
    abbreviations: Mapping[str, str]
    lower: Mapping[str, tuple[re.Pattern[str], ...]]


@functools.cache
def _catalogue() -> _Catalogue:
    text = (resources.files("gender_stats") / "_data" / "key_posts.yaml").read_text("utf-8")
    data = bundled_yaml(text)
    definitions = {
        d["id"]: KeyPostDefinition(
            id=d["id"],
            name_vi=d["name_vi"],
            name_en=d["name_en"],
            levels=tuple(d["levels"]),
            posts=tuple(d["posts"]),
            confidence=d["confidence"],
            source=d["source"],
            note=d.get("note", ""),
        )
        for d in data["definitions"]
    }
    patterns = data["post_patterns"]
    return _Catalogue(
        definitions=definitions,
        defaults=dict(data["defaults"]),
        match={k: tuple(re.compile(p) for p in v["match"]) for k, v in patterns.items()},
        exclude={
            k: tuple(re.compile(p) for p in v.get("exclude", ())) for k, v in patterns.items()
        },
        labels={k: v["vi"] for k, v in patterns.items()},
        abbreviations=dict(data["abbreviations"]),
        lower={k: tuple(re.compile(p) for p in v) for k, v in data["lower_levels"].items()},
    )


def key_post_definitions() -> pd.DataFrame:
    """Return the cited definitions of key posts as a table.

    Returns
    -------
    pandas.DataFrame
        One row per definition: ``id``, ``name_vi``, ``name_en``, ``levels`` and ``posts``
        (``|``-joined), ``confidence``, ``source``, ``note``, and ``default_for`` (the levels it is
        the default of).

    Examples
    --------
    >>> table = key_post_definitions()
    >>> table.loc[table["id"] == "local_government", "posts"].item()
    'council_chair|council_vice_chair|committee_chair|committee_vice_chair'
    >>> table.set_index("id").loc["commune", "default_for"]
    'commune'
    """
    cat = _catalogue()
    rows = []
    for d in cat.definitions.values():
        rows.append(
            {
                "id": d.id,
                "name_vi": d.name_vi,
                "name_en": d.name_en,
                "levels": "|".join(d.levels),
                "posts": "|".join(d.posts),
                "confidence": d.confidence,
                "source": d.source,
                "note": d.note,
                "default_for": "|".join(lv for lv, i in cat.defaults.items() if i == d.id),
            }
        )
    return pd.DataFrame(rows)


def _normalise(part: str, abbreviations: Mapping[str, str]) -> str:
    words = loose_key(part).split()
    if words[:1] == ["p"]:  # "P.CT UBND", "P. Bí thư": Phó (a post starts with its title)
        words[0] = "pho"
    return _STANDING.sub(r"\1 thuong truc", " ".join(abbreviations.get(w, w) for w in words))


def _codes_of(text: Any, cat: _Catalogue, level: Any = None) -> frozenset[str]:
    """Return the key-post codes one ``post`` cell names (at ``level``, if known)."""
    if not isinstance(text, str) or not text.strip():
        return frozenset()
    found = set()
    lower = cat.lower.get(level, ()) if isinstance(level, str) else ()
    for part in _SPLIT.split(text):
        key = _normalise(part, cat.abbreviations)
        if not key or any(p.search(key) for p in lower):
            continue
        for code, patterns in cat.match.items():
            if any(p.search(key) for p in patterns) and not any(
                p.search(key) for p in cat.exclude[code]
            ):
                found.add(code)
    return frozenset(found)


def _warn_acting(texts: Any, cat: _Catalogue) -> None:
    """Warn once about the distinct posts that name a key post as its acting holder."""
    acting = []
    for text in texts:
        if not isinstance(text, str):
            continue
        parts = (_normalise(part, cat.abbreviations) for part in _SPLIT.split(text))
        if any(_ACTING.match(k) and _codes_of(_ACTING.sub("", k), cat) for k in parts if k):
            acting.append(text)
    if acting:
        shown = ", ".join(repr(t) for t in acting[:10]) + (" …" if len(acting) > 10 else "")
        warnings.warn(_ACTING_POSTS.format(posts=shown), UnclearPostWarning, stacklevel=3)


def match_posts(posts: pd.Series | pd.DataFrame, *, levels: Any = None) -> pd.DataFrame:
    """Return which key posts each person holds, read from the ``post`` wording.

    Parameters
    ----------
    posts : pandas.Series or pandas.DataFrame
        The ``post`` column, or a roster that has one (then its ``level`` is used too).
    levels : pandas.Series, optional
        The level of each row: a post of a lower level (``"Bí thư Đảng ủy xã"`` for a district, a
        district post for a province) is then not a key post of the unit.

    Returns
    -------
    pandas.DataFrame
        A boolean column per post code of the catalogue (see :func:`key_post_definitions`), aligned
        with the input.

    Examples
    --------
    >>> import pandas as pd
    >>> posts = pd.Series(["Phó Bí thư Huyện ủy, Chủ tịch UBND huyện", "PCT HĐND xã",
    ...                    "Bí thư Huyện đoàn", "Phó chủ tịch Ủy ban nhân dân tỉnh"])
    >>> held = match_posts(posts)
    >>> [sorted(held.columns[row]) for row in held.to_numpy()]
    [['committee_chair', 'party_deputy_secretary'], ['council_vice_chair'], ['youth_union_secretary'], ['committee_vice_chair']]
    """
    if not isinstance(posts, pd.Series):
        _require_frame(posts, "match_posts", "a roster or its post column")
    if isinstance(posts, pd.DataFrame):
        if POST not in posts.columns:
            raise ArgumentError(
                f"Cần cột chức vụ (the roster needs a 'post' column). Got {list(posts.columns)}."
            )
        if levels is None and LEVEL in posts.columns:
            levels = posts[LEVEL]
        posts = posts[POST]
    cat = _catalogue()
    post_codes, post_values = pd.factorize(posts)
    _warn_acting(post_values, cat)
    if levels is not None:
        level_codes, level_values = pd.factorize(pd.Series(levels, index=posts.index))
    else:
        level_codes, level_values = np.zeros(len(posts), dtype=np.int64), pd.Index([None])
    # one match per distinct (post, level) pair; -1 codes (missing) take the last slot
    width = len(level_values) + 1
    pair = (post_codes + 1) * width + (level_codes + 1)
    pair_codes, pairs = pd.factorize(pair)
    order = list(cat.match)
    table = np.zeros((len(pairs), len(order)), dtype=bool)
    for i, value in enumerate(pairs):
        p, lv = divmod(int(value), width)
        text = post_values[p - 1] if p > 0 else None
        level = level_values[lv - 1] if lv > 0 else None
        held = _codes_of(text, cat, level)
        table[i] = [code in held for code in order]
    return pd.DataFrame(table[pair_codes], index=posts.index, columns=order)


def _definition_of(level: str, definition: str | None, cat: _Catalogue) -> str | None:
    if definition is not None:
        return definition if level in cat.definitions[definition].levels else None
    return cat.defaults.get(level)


def _check_definition(definition: str | None) -> None:
    cat = _catalogue()
    if definition is not None and definition not in cat.definitions:
        raise ArgumentError(
            _UNKNOWN_DEFINITION.format(name=definition, names=list(cat.definitions))
        )


def _holders(roster: pd.DataFrame, definition: str | None) -> pd.DataFrame:
    """Return one row per person × term × unit holding a key post of the (level's) definition."""
    _require_frame(roster, "count_key_posts", "a roster")
    _check_definition(definition)
    needed = [TERM, UNIT_ID, UNIT_NAME, LEVEL, PERSON_ID, SEX, POST]
    missing = [c for c in needed if c not in roster.columns]
    if missing:
        raise ArgumentError(
            f"Thiếu cột (the roster lacks the columns {missing}) to count key posts. Got "
            f"{list(roster.columns)}."
        )
    roster = _sorted_categories(roster)  # a caller's categoricals group and sort as str
    cat = _catalogue()
    held = match_posts(roster[POST], levels=roster[LEVEL])
    levels = pd.Index(pd.unique(roster[LEVEL]))
    chosen = {lv: _definition_of(str(lv), definition, cat) for lv in levels}
    # the posts that count, per level (as a boolean matrix over the post codes)
    columns = list(held.columns)
    allowed = np.zeros((len(levels) + 1, len(columns)), dtype=bool)
    for i, lv in enumerate(levels):
        name = chosen[lv]
        if name is not None:
            posts = cat.definitions[name].posts
            allowed[i] = [c in posts for c in columns]
    level_codes = levels.get_indexer(pd.Index(roster[LEVEL]))
    counted = held.to_numpy() & allowed[level_codes]
    frame = roster[[TERM, UNIT_ID, UNIT_NAME, LEVEL, PERSON_ID, SEX]].reset_index(drop=True)
    frame = pd.concat([frame, pd.DataFrame(counted, columns=columns)], axis=1)
    frame[DEFINITION] = [chosen[lv] for lv in levels[level_codes]] if len(frame) else []
    # a person in several bodies of the unit (committee, council ...) holds their posts once
    keys = [TERM, UNIT_ID, PERSON_ID]
    grouped = frame.groupby(keys, sort=False, observed=True)
    people = grouped[columns].any()
    first = grouped[[UNIT_NAME, LEVEL, SEX, DEFINITION]].first()
    return pd.concat([first, people], axis=1).reset_index()


def count_key_posts(
    roster: pd.DataFrame,
    *,
    definition: str | None = None,
    per_post: bool = False,
) -> pd.DataFrame:
    """Count persons in key posts and the women among them, per term and unit.

    Parameters
    ----------
    roster : pandas.DataFrame
        A roster with ``post`` (any bodies: a person found in several bodies of one unit and term is
        one person).
    definition : str, optional
        A definition id (see :func:`key_post_definitions`), applied to the levels it covers; by
        default each level's own default (``party_province_district`` for provinces and districts,
        ``commune`` for communes, ``agency`` for agencies).  Rows of levels without a definition
        are not counted.
    per_post : bool, default False
        One row per post code (``key_post``) instead of one per unit.

    Returns
    -------
    pandas.DataFrame
        ``term``, ``unit_id``, ``unit_name``, ``level``, ``body`` (``key_posts``), ``definition``,
        (``key_post``), ``total`` (persons holding at least one key post of the definition, or that
        post) and ``female``; units without any key-post holder are kept with 0.
        :func:`gender_stats.check` judges these rows only by the targets that count this
        ``definition`` at the row's level (28/NQ-CP counts ``local_government``, chairs and
        vice-chairs: count with ``definition="local_government"`` for it); the other targets'
        rows are ``not_applicable``, reason ``key_post_definition``.

    Examples
    --------
    >>> import pandas as pd
    >>> roster = pd.DataFrame({
    ...     "term": "2020-2025", "unit_id": "H1", "unit_name": "Huyện A", "level": "district",
    ...     "body": ["party_committee", "party_committee", "peoples_council", "party_committee"],
    ...     "person_id": ["1", "2", "2", "3"], "sex": ["F", "M", "M", "F"],
    ...     "post": ["Bí thư Huyện ủy", "Phó Bí thư Huyện ủy, Chủ tịch UBND huyện",
    ...              "Đại biểu HĐND", "Chánh Văn phòng Huyện ủy"]})
    >>> count_key_posts(roster)[["unit_id", "definition", "total", "female"]]
      unit_id               definition  total  female
    0      H1  party_province_district      2       1
    """
    people = _holders(roster, definition)
    columns = list(_catalogue().match)
    female = (people[SEX] == "F").to_numpy()
    if per_post:
        long = people.melt(
            id_vars=[TERM, UNIT_ID, UNIT_NAME, LEVEL, SEX, DEFINITION],
            value_vars=columns,
            var_name=KEY_POST,
            value_name="_held",
        )
        cat = _catalogue()
        in_def = [
            d is not None and isinstance(d, str) and p in cat.definitions[d].posts
            for d, p in zip(long[DEFINITION], long[KEY_POST], strict=True)
        ]
        long = long[np.asarray(in_def, dtype=bool)]
        long = long.assign(_female=long["_held"] & (long[SEX] == "F"))
        keys = [TERM, UNIT_ID, UNIT_NAME, LEVEL, DEFINITION, KEY_POST]
        out = long.groupby(keys, sort=True, observed=True)[["_held", "_female"]].sum()
        out = out.reset_index().rename(columns={"_held": TOTAL, "_female": FEMALE})
    else:
        any_post: np.ndarray = np.asarray(people[columns].to_numpy().any(axis=1), dtype=bool)
        frame = people[[TERM, UNIT_ID, UNIT_NAME, LEVEL, DEFINITION]].assign(
            **{TOTAL: any_post, FEMALE: any_post & female}
        )
        frame = frame[frame[DEFINITION].notna()]
        keys = [TERM, UNIT_ID, UNIT_NAME, LEVEL, DEFINITION]
        out = frame.groupby(keys, sort=True, observed=True)[[TOTAL, FEMALE]].sum().reset_index()
    out.insert(4, "body", "key_posts")
    return out.astype({TOTAL: "int64", FEMALE: "int64"})


def units_with_woman_in_key_post(
    roster: pd.DataFrame,
    *,
    definition: str | None = "local_government",
    by: Sequence[str] = (TERM, LEVEL),
) -> pd.DataFrame:
    """Return the share of units that have a woman in a key post (the GSO/MOHA indicator).

    Parameters
    ----------
    roster : pandas.DataFrame
        A roster with ``post``.
    definition : str or None, default "local_government"
        The key posts: by default the statistics office's (chair and vice-chairs of the People's
        Council and People's Committee); ``None`` for each level's default.
    by : sequence of str, default ``("term", "level")``
        The groups of units.

    Returns
    -------
    pandas.DataFrame
        One row per group: the ``by`` columns, ``n_units`` (units of the roster at the levels the
        definition covers), ``units_with_woman``, ``share`` and ``units_without_key_post`` (units
        where no post of the definition was found: check their ``post`` wording).

    Notes
    -----
    ``share = units_with_woman / n_units``: it counts **units**, not persons.

    Examples
    --------
    >>> import pandas as pd
    >>> roster = pd.DataFrame({
    ...     "term": "2021-2026", "unit_id": ["X1", "X1", "X2", "X2", "X3"],
    ...     "unit_name": ["Xã 1", "Xã 1", "Xã 2", "Xã 2", "Xã 3"], "level": "commune",
    ...     "body": "peoples_council", "person_id": ["1", "2", "3", "4", "5"],
    ...     "sex": ["M", "F", "M", "M", "F"],
    ...     "post": ["Chủ tịch HĐND xã", "PCT UBND xã", "Chủ tịch UBND xã", "Phó Chủ tịch HĐND",
    ...              "Đại biểu HĐND"]})
    >>> units_with_woman_in_key_post(roster)[["n_units", "units_with_woman", "share"]]
       n_units  units_with_woman     share
    0        3                 1  0.333333
    """
    by = list(by)
    people = _holders(roster, definition)
    people = people[people[DEFINITION].notna()]
    columns = list(_catalogue().match)
    any_post: np.ndarray = np.asarray(people[columns].to_numpy().any(axis=1), dtype=bool)
    frame = people.assign(_held=any_post, _woman=any_post & (people[SEX] == "F").to_numpy())
    missing = [c for c in by if c not in frame.columns]
    if missing:
        raise ArgumentError(
            f"Không nhóm được theo {missing} (by= must name term, unit_id, unit_name or level). "
            f"Got by={by}."
        )
    per_unit = frame.groupby([*dict.fromkeys([*by, TERM, UNIT_ID])], sort=True, observed=True)[
        ["_held", "_woman"]
    ].any()
    per_unit = per_unit.reset_index()
    grouped = per_unit.groupby(by, sort=True, observed=True) if by else None
    if grouped is None:
        out = pd.DataFrame(
            {
                N_UNITS: [len(per_unit)],
                UNITS_WITH_WOMAN: [int(per_unit["_woman"].sum())],
                UNITS_WITHOUT_KEY_POST: [int((~per_unit["_held"]).sum())],
            }
        )
    else:
        out = grouped.agg(
            **{
                N_UNITS: ("_held", "size"),
                UNITS_WITH_WOMAN: ("_woman", "sum"),
                "_held_units": ("_held", "sum"),
            }
        ).reset_index()
        out[UNITS_WITHOUT_KEY_POST] = out[N_UNITS] - out.pop("_held_units")
    out = out.astype({N_UNITS: "int64", UNITS_WITH_WOMAN: "int64", UNITS_WITHOUT_KEY_POST: "int64"})
    out.insert(len(out.columns) - 1, SHARE, out[UNITS_WITH_WOMAN] / out[N_UNITS])
    return out
