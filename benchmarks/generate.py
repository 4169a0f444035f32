"""Generate a seeded synthetic national roster and write it as Parquet (run time only, never committed).

The roster has the canonical roster columns (``term``, ``unit_id``, ``unit_name``, ``level``, ``body``,
``person_id``, ``sex``, ``birth_year``), about 10,000 units on three levels (63 provinces, ~700
districts, ~9,200 communes), five bodies and three terms: about 150,000 term × unit × body groups.
Rows are spread over the groups in proportion to realistic body sizes (a commune committee is smaller
than a province committee, a standing committee is about a third of its committee), women's shares
vary by body and unit around the published figures (party committees ~15 %, people's councils ~27 %).
A person is identified within a unit, so the same person sits in several bodies and terms of a unit,
but never twice in one body of one unit in one term.

String columns are written dictionary-encoded (Parquet's default; one dictionary per row group), as a
database export or ``pandas`` categoricals would.

Usage::

    python benchmarks/generate.py --rows 1000000            # -> benchmarks/_data/roster_1000000.parquet
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

DATA_DIR = Path(__file__).resolve().parent / "_data"
TERMS = ("2010-2015", "2015-2020", "2020-2025")
#: body code, relative size, women's share (mean)
BODIES = (
    ("party_committee", 1.00, 0.15),
    ("standing_committee", 0.33, 0.12),
    ("peoples_council", 1.10, 0.27),
    ("peoples_committee", 0.25, 0.12),
    ("key_posts", 0.20, 0.10),
)
#: level code, number of units, relative size of its bodies
LEVELS = (("province", 63, 3.0), ("district", 705, 1.5), ("commune", 9232, 1.0))


def units() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return unit ids, names and levels (about 10,000 units)."""
    ids, names, levels = [], [], []
    for level, n, _ in LEVELS:
        prefix = {"province": ("T", "Tỉnh"), "district": ("H", "Huyện"), "commune": ("X", "Xã")}[
            level
        ]
        for i in range(n):
            ids.append(f"{prefix[0]}{i:05d}")
            names.append(f"{prefix[1]} Số {i + 1}")
            levels.append(level)
    return (
        np.array(ids, dtype=object),
        np.array(names, dtype=object),
        np.array(levels, dtype=object),
    )


def _ranks(group: np.ndarray) -> np.ndarray:
    """Return each row's rank within its group (``group`` sorted)."""
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    sizes = np.diff(np.r_[starts, len(group)])
    return np.arange(len(group)) - np.repeat(starts, sizes)


def _standing_within_committee(group: np.ndarray, n_units: int) -> np.ndarray:
    """Return the sorted groups with every standing committee inside its party committee.

    A standing member is a committee member (``validate_roster`` checks it), and person ``k`` of
    a body is person ``k`` of the unit: a standing committee drawn larger than its committee
    gives the seats beyond the committee's size to the people's committee instead.
    """
    group = np.sort(group)
    n_bodies = len(BODIES)
    body_of = {name: k for k, (name, _, _) in enumerate(BODIES)}
    place, body = np.divmod(group, n_bodies)
    committee = np.bincount(
        place[body == body_of["party_committee"]], minlength=n_units * len(TERMS)
    )
    over = (body == body_of["standing_committee"]) & (_ranks(group) >= committee[place])
    group = np.where(over, place * n_bodies + body_of["peoples_committee"], group)
    return np.sort(group)


def roster_table(n_rows: int, *, seed: int = 20251126) -> pa.Table:
    """Return a synthetic roster of ``n_rows`` rows as an Arrow table with dictionary columns."""
    rng = np.random.default_rng(seed)
    unit_ids, unit_names, unit_levels = units()
    n_units = len(unit_ids)
    level_size = np.concatenate([np.full(n, size) for _, n, size in LEVELS])
    body_size = np.array([b[1] for b in BODIES])
    body_share = np.array([b[2] for b in BODIES])
    # groups: term × unit × body, weighted by size (with some noise per unit)
    unit_noise = rng.uniform(0.7, 1.3, n_units)
    weight = np.einsum("u,b->ub", level_size * unit_noise, body_size)
    weight = np.broadcast_to(weight, (len(TERMS), n_units, len(BODIES))).ravel()
    group = rng.choice(weight.size, size=n_rows, p=weight / weight.sum())
    group = _standing_within_committee(group, n_units)
    term_code, rest = np.divmod(group, n_units * len(BODIES))
    unit_code, body_code = np.divmod(rest, len(BODIES))
    # rank within group -> person within unit (same person across bodies, turnover across terms)
    rank = _ranks(group)
    person_local = rank + 40 * term_code
    stride = int(person_local.max()) + 1
    person_key = unit_code.astype(np.int64) * stride + person_local
    person_uniques, person_code = np.unique(person_key, return_inverse=True)
    person_ids = np.array(
        [f"{unit_ids[k // stride]}-{k % stride:04d}" for k in person_uniques.tolist()],
        dtype=object,
    )
    # sex: women's share by body, varying by unit
    unit_shift = rng.normal(0.0, 0.05, n_units)
    p_female = np.clip(body_share[body_code] + unit_shift[unit_code], 0.0, 0.9)
    sex_code = (rng.random(n_rows) >= p_female).astype(np.int8)  # 0 = F, 1 = M
    # one person has one sex: the draw of the person's first seat (validate_roster checks it)
    _, first_seat = np.unique(person_code, return_index=True)
    sex_code = sex_code[first_seat][person_code]
    birth_year = rng.integers(1950, 1996, n_rows)
    # members are at least 18 when their term starts (validate_roster checks it)
    latest = np.array([int(t[:4]) - 18 for t in TERMS])[term_code]
    birth_year = np.minimum(birth_year, latest)

    def dictionary(codes: np.ndarray, values: np.ndarray) -> pa.DictionaryArray:
        return pa.DictionaryArray.from_arrays(
            pa.array(codes.astype(np.int32)), pa.array(values.tolist(), type=pa.string())
        )

    return pa.table(
        {
            "term": dictionary(term_code, np.array(TERMS, dtype=object)),
            "unit_id": dictionary(unit_code, unit_ids),
            "unit_name": dictionary(unit_code, unit_names),
            "level": dictionary(unit_code, unit_levels),
            "body": dictionary(body_code, np.array([b[0] for b in BODIES], dtype=object)),
            # persons are many: a plain string column, dictionary-encoded per row group by Parquet
            "person_id": dictionary(person_code, person_ids).dictionary_decode(),
            "sex": dictionary(sex_code, np.array(["F", "M"], dtype=object)),
            "birth_year": pa.array(birth_year, type=pa.int64()),
        }
    )


def roster_path(n_rows: int, *, seed: int = 20251126) -> Path:
    """Return the Parquet file of ``n_rows`` rows, generating it first if it does not exist."""
    # v3: each standing committee within its committee (v2: no member under 18); a new version
    # whenever the generated data change, so that a cached file of the old data is not reused
    path = DATA_DIR / f"roster_{n_rows}_{seed}_v3.parquet"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        table = roster_table(n_rows, seed=seed)
        tmp = path.with_suffix(".tmp")
        pq.write_table(table, tmp, use_dictionary=True, dictionary_pagesize_limit=16 << 20)
        tmp.replace(path)
    return path


def csv_path(n_rows: int, *, seed: int = 20251126) -> Path:
    """Return the same roster as canonical CSV (UTF-8, comma, header of canonical names)."""
    import pyarrow.csv as pacsv

    path = roster_path(n_rows, seed=seed).with_suffix(".csv")
    if not path.exists():
        tmp = path.with_suffix(".csv.tmp")
        table = pq.read_table(roster_path(n_rows, seed=seed))
        pacsv.write_csv(table, tmp, pacsv.WriteOptions(quoting_style="needed"))
        tmp.replace(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=20251126)
    args = parser.parse_args()
    start = time.perf_counter()
    path = roster_path(args.rows, seed=args.seed)
    print(f"{path} ({path.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
