"""The cell readers' text normalisation, vectorised on Arrow strings (private).

The fast Parquet path of :func:`gender_stats.read_roster` must return exactly what the cell-by-cell
reader returns for the same data (a property test checks it).  That reader passes each text cell through
:func:`gender_stats.io._legacy.fix_texts` (legacy encodings and mojibake, per column), then
:func:`gender_stats.io._common.text_cell` (blank cells become missing; others
:func:`gender_stats._text.nfc`: Unicode NFC, dashes unified, no-break spaces and byte-order marks,
runs of white space collapsed, ends trimmed), then a code parser for ``term``, ``level``, ``body``
and ``sex``.  Here the same steps run as Arrow compute kernels over a whole column (or a
dictionary's values); only the few texts that may be legacy-encoded go through Python, with the
very functions of the cell reader, and when one needs converting the file is left to the cell
reader (which warns about it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from gender_stats.io._legacy import fix_counts, legacy_chars

__all__ = [
    "arrow_pool",
    "dictionary_categorical",
    "normalise_strings",
    "one_dictionary",
    "same_buffers",
]


def arrow_pool() -> Any:
    """Return the Arrow memory pool for the readers' whole-column kernels: the system allocator.

    Measured on a 10 M-row roster (Linux, transparent huge pages on ``madvise``): hashing the
    person ids into a dictionary took 2.3 s with Arrow's default pool (mimalloc returns freed
    pages to the system and faults them in again, 2 MB at a time) and 0.6 s, every time, with
    the system allocator.  Only the calls given this pool use it; the process default is left
    alone.
    """
    import pyarrow as pa

    return pa.system_memory_pool()


# Every character Python's str.isspace() accepts (what nfc collapses and str.strip removes).
_SPACES = "".join(chr(i) for i in range(0x3001) if chr(i).isspace())


def same_buffers(a: Any, b: Any) -> bool:
    """Return whether two Arrow arrays are views of the very same memory (no comparison of data)."""
    if len(a) != len(b) or a.offset != b.offset or a.type != b.type:
        return False
    return [x and x.address for x in a.buffers()] == [x and x.address for x in b.buffers()]


def one_dictionary(column: Any) -> Any:
    """Return a chunked dictionary column as one dictionary array (``None`` when it has no chunk).

    Chunks that share one dictionary (what :func:`pyarrow.compute.dictionary_encode` returns for
    a chunked column) only have their indices joined: unifying 77 copies of a dictionary of 2 M
    person ids took 12 s.  Chunks with dictionaries of their own (a Parquet file's row groups and
    pages) are unified first.

    Examples
    --------
    >>> import pyarrow as pa, pyarrow.compute as pc
    >>> column = pc.dictionary_encode(pa.chunked_array([["b", "a"], ["a", "c"]]))
    >>> out = one_dictionary(column)
    >>> out.dictionary.to_pylist(), out.indices.to_pylist()
    (['b', 'a', 'c'], [0, 1, 1, 2])
    >>> own = pa.chunked_array([pa.array(["x"]).dictionary_encode(), pa.array(["y", "x"]).dictionary_encode()])
    >>> one_dictionary(own).to_pylist()
    ['x', 'y', 'x']
    """
    import pyarrow as pa

    chunks = column.chunks
    if not chunks:
        return None
    if len(chunks) == 1:
        return chunks[0]
    pool = arrow_pool()
    first = chunks[0].dictionary
    if all(same_buffers(chunk.dictionary, first) for chunk in chunks[1:]):
        indices = pa.concat_arrays([chunk.indices for chunk in chunks], pool)
        return pa.DictionaryArray.from_arrays(indices, first)
    return pa.concat_arrays(column.unify_dictionaries(pool).chunks, pool)


def _class(chars: str) -> str:
    return "[" + "".join(f"\\x{{{ord(c):x}}}" for c in chars) + "]"


_SPACE_RUN = _class(_SPACES) + "+"
# ASCII white space other than single spaces inside a text (what nfc would change in ASCII)
_ASCII_SPACES = "[\\t-\\r\\x1c-\\x1f]|  |^ | $"
_DASHES = _class("\u2010\u2011\u2012\u2013\u2014\u2015\u2212")
# A character no legacy table has: the text is certainly Unicode.
_NOT_LEGACY = (
    "[^\\x{0}-\\x{ff}" + "".join(f"\\x{{{ord(c):x}}}" for c in sorted(legacy_chars())) + "]"
)


def _nfc_arrow(values: Any) -> Any:
    """Return :func:`~gender_stats._text.nfc` of every string, as Arrow kernels."""
    import pyarrow.compute as pc

    out = pc.utf8_normalize(values, form="NFC")
    out = pc.replace_substring_regex(out, pattern=_DASHES, replacement="-")
    out = pc.replace_substring(out, pattern="\ufeff", replacement="")
    out = pc.replace_substring_regex(out, pattern=_SPACE_RUN, replacement=" ")
    return pc.utf8_trim(out, characters=" ")


def normalise_strings(
    values: Any,
    weights: np.ndarray | Callable[[], np.ndarray] | None = None,
    parse: Callable[[Any], str | None] | None = None,
) -> tuple[Any, bool]:
    r"""Return the strings as the cell reader leaves them, and whether one became an empty text.

    Parameters
    ----------
    values : pyarrow.Array
        A string array: a whole column, or a dictionary's values (then ``weights`` gives how many
        cells each value stands for, for the column's legacy-encoding vote).
    weights : numpy.ndarray or callable, optional
        Cells per value (or a function returning them, called only when some text may be
        legacy-encoded); one each by default.
    parse : callable, optional
        The code parser of the column (``parse_level``, ...): a text it recognises becomes its
        code, others stay as they are.

    Returns
    -------
    tuple
        The normalised array (blank texts missing) and False; or ``(None, True)`` when the texts
        need what only the cell reader does: legacy text or mojibake to convert (with its
        warning), or a non-blank text that normalises to ``""`` (a lone byte-order mark, which
        the cell reader keeps as an empty text).  The caller then leaves the file to that reader.

    Examples
    --------
    >>> import pyarrow as pa
    >>> out, _ = normalise_strings(pa.array(["TH01 ", " Huyện\u00a0 Quan Hoa\u0301", "  ", None]))
    >>> out.to_pylist()
    ['TH01', 'Huyện Quan Hoá', None, None]
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    values = values.cast(pa.large_string())
    if _plain_ascii(values):  # NFC, dashes and spaces change nothing: only blanks to find
        empty = pc.equal(values, "")
        if bool(pc.any(empty).as_py() or False):
            null = pa.scalar(None, pa.large_string())
            values = pc.if_else(empty, null, values, memory_pool=arrow_pool())
        return (values if parse is None else _parsed(values, parse)), False
    blank = pc.equal(pc.utf8_trim(values, characters=_SPACES), "")
    out = _nfc_arrow(values)
    if bool(pc.any(pc.and_(pc.equal(out, ""), pc.invert(blank))).as_py() or False):
        return None, True
    non_ascii = pc.invert(pc.string_is_ascii(values))
    maybe_legacy = pc.and_(non_ascii, pc.invert(pc.match_substring_regex(values, _NOT_LEGACY)))
    if bool(pc.any(maybe_legacy).as_py() or False):
        w = np.ones(len(values), dtype=np.int64) if weights is None else weights
        w = w() if callable(w) else w
        mask = np.asarray(maybe_legacy.fill_null(False))
        sure = np.asarray(pc.and_(non_ascii, pc.invert(maybe_legacy)).fill_null(False))
        positions = np.flatnonzero(mask)
        counts: dict[str, int] = {}
        texts = values.take(pa.array(positions)).to_pylist()
        for text, n in zip(texts, w[positions].tolist(), strict=True):
            counts[text] = counts.get(text, 0) + n
        repairs, _ = fix_counts(counts, unicode_cells=int(w[sure].sum()))
        if repairs:
            return None, True  # legacy text: the cell reader converts it, with its warning
    if bool(pc.any(blank).as_py() or False):
        out = pc.if_else(blank, pa.scalar(None, pa.large_string()), out, memory_pool=arrow_pool())
    return (out if parse is None else _parsed(out, parse)), False


def _parsed(values: Any, parse: Callable[[Any], str | None]) -> Any:
    """Return each text as its code when ``parse`` recognises it (on distinct values: few)."""
    import pyarrow as pa

    texts = values.to_pylist()
    return pa.array([None if t is None else (parse(t) or t) for t in texts], type=pa.large_string())


def _plain_ascii(values: Any) -> bool:
    r"""Return whether every text is ASCII with no white space but single inner spaces.

    Such texts are their own :func:`~gender_stats._text.nfc` form (NFC, dashes and byte-order
    marks concern non-ASCII characters only) and cannot be legacy-encoded: two vectorised tests
    instead of the whole normalisation (person ids, codes).

    Examples
    --------
    >>> import pyarrow as pa
    >>> _plain_ascii(pa.array(["P001", "a b", ""])), _plain_ascii(pa.array(["a  b"]))
    (True, False)
    >>> _plain_ascii(pa.array(["Hà"])), _plain_ascii(pa.array([" a"])), _plain_ascii(pa.array(["a\t"]))
    (False, False, False)
    """
    import pyarrow.compute as pc

    if values.null_count == 0 and len(values):
        return _plain_ascii_bytes(values)
    if not bool(pc.all(pc.string_is_ascii(values)).as_py() in (True, None)):
        return False
    spaces = pc.match_substring_regex(values, _ASCII_SPACES)
    return not bool(pc.any(spaces).as_py() or False)


def _plain_ascii_bytes(values: Any) -> bool:
    """:func:`_plain_ascii` of a string array without nulls, on its bytes (2 M ids: 0.23 → 0.04 s).

    The texts' bytes lie end to end in one buffer: no byte outside ASCII, no text starting or
    ending with a space, and then no two spaces side by side in the buffer (they cannot
    straddle two texts).  A control byte (below 0x20: tabs, line breaks, but also others the
    kernels keep) sends the texts to the kernels.  The same answer as the kernels (tested).
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    values = values.cast(pa.large_string())
    _, offsets_buffer, data_buffer = values.buffers()
    offsets = np.frombuffer(offsets_buffer, dtype=np.int64)[
        values.offset : values.offset + len(values) + 1
    ]
    if data_buffer is None or offsets[-1] == offsets[0]:
        return True  # only empty texts
    data = np.frombuffer(data_buffer, dtype=np.uint8)
    texts = data[offsets[0] : offsets[-1]]
    if int(texts.max()) >= 0x80:
        return False
    if bool((texts < 0x20).any()):  # control bytes: the kernels decide
        spaces = pc.match_substring_regex(values, _ASCII_SPACES)
        return not bool(pc.any(spaces).as_py() or False)
    starts, ends = offsets[:-1], offsets[1:]
    full = starts < ends
    if bool((data[starts[full]] == 0x20).any() or (data[ends[full] - 1] == 0x20).any()):
        return False
    space = texts == 0x20
    return not bool((space[1:] & space[:-1]).any())


def dictionary_categorical(array: Any) -> pd.Categorical:
    """Return an Arrow dictionary array of texts as a pandas categorical with sorted categories.

    The categories are the texts that occur, sorted as pandas sorts ``str`` (by code point), so a
    sort or a ``groupby`` on the categorical orders rows exactly as on the ``str`` column; an
    unused or missing dictionary entry is dropped; a missing index is a missing value.  No pass
    over the rows in Python: one ``bincount``, a sort of the distinct texts, one gather.

    Examples
    --------
    >>> import pyarrow as pa
    >>> array = pa.DictionaryArray.from_arrays(
    ...     pa.array([2, 0, 2, None]), pa.array(["b", "unused", "a"]))
    >>> cat = dictionary_categorical(array)
    >>> list(cat.categories), cat.codes.tolist(), list(cat.astype(object))
    (['a', 'b'], [0, 1, 0, -1], ['a', 'b', 'a', nan])
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(array, pa.ChunkedArray):
        array = one_dictionary(array)
        if array is None:
            return pd.Categorical([], categories=pd.Index([], dtype="str"))
    dictionary = array.dictionary.cast(pa.large_string())
    # the Arrow indices as they are (zero copy without nulls); a missing one reads the last slot
    indices = np.asarray(array.indices.fill_null(-1) if array.null_count else array.indices)
    n_values = len(dictionary)
    seen = np.zeros(n_values + 1, dtype=bool)
    seen[indices] = True  # one scatter: which values occur
    used = seen[:n_values]
    if dictionary.null_count:
        used &= ~np.asarray(dictionary.is_null(), dtype=bool)
    keep = np.flatnonzero(used)
    values = dictionary.take(pa.array(keep)) if len(keep) < n_values else dictionary
    order = np.asarray(pc.array_sort_indices(values, memory_pool=arrow_pool()), dtype=np.intp)
    # the smallest code type pandas would choose, so the gather below is the only pass
    code_type = np.int8 if len(keep) < 2**7 else np.int16 if len(keep) < 2**15 else np.int32
    rank = np.full(n_values + 1, -1, dtype=code_type)  # index -1 (missing) reads the last slot
    rank[keep[order]] = np.arange(len(keep), dtype=code_type)
    ordered = values.take(pa.array(order))
    if len(ordered) > 1 and bool(pc.any(pc.equal(ordered[1:], ordered[:-1])).as_py()):
        # a dictionary holding a text twice (a hand-made Parquet file): decoded, then encoded
        decoded = pd.array(array.dictionary_decode(), dtype="str")
        return pd.Categorical(decoded, categories=pd.Index(decoded).dropna().unique().sort_values())
    codes: Any = rank[indices]
    dtype = _unique_categories_dtype(pd.Index(pd.array(ordered, dtype="str")))
    out: pd.Categorical = pd.Categorical.from_codes(codes, dtype=dtype, validate=False)
    return out


def _unique_categories_dtype(categories: pd.Index) -> pd.CategoricalDtype:
    """Return the categorical dtype of categories known to be unique (checked on Arrow above).

    pandas' public constructor checks uniqueness again with a hash table of Python strings:
    at 2 M person ids 1.5 s and 270 MB.  ``CategoricalDtype._from_fastpath`` skips that check;
    when a pandas version lacks it, the public constructor is used.
    """
    fast = getattr(pd.CategoricalDtype, "_from_fastpath", None)
    if fast is not None:
        try:
            dtype = fast(categories, False)
        except TypeError:  # pragma: no cover - another signature: the public way
            pass
        else:
            if isinstance(dtype, pd.CategoricalDtype) and dtype.categories.equals(categories):
                return dtype
    return pd.CategoricalDtype(categories)  # pragma: no cover - pandas without the fast path
