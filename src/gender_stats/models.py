"""The pandera models of the frames handed between stages: counts, roster and units.

These are the contracts of :mod:`gender_stats.schema` written as pandera models
(``CountsModel.validate(frame)`` checks a frame against one; the compliance frame's model is
``gender_stats.ComplianceModel``).  They are kept here, imported on first use, because pandera
takes 0.14 s to import: the readers and ``validate_*`` check clean frames without it and call on
these models only to name what is wrong.  ``gender_stats.schema.CountsModel`` (and the others)
are these classes.

Examples
--------
>>> import pandas as pd
>>> from gender_stats.models import CountsModel
>>> counts = pd.DataFrame({
...     "term": ["2015-2020"], "unit_id": ["A"], "unit_name": ["Huyện A"], "level": ["district"],
...     "body": ["party_committee"], "total": [20], "female": [2]})
>>> CountsModel.validate(counts)["female"].tolist()
[2]
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from gender_stats.schema import _LEVEL_PATTERN, _NOT_BLANK, _TERM_PATTERN
from gender_stats.vocab import BODIES, SEXES

__all__ = ["CountsModel", "RosterModel", "UnitsModel"]


class CountsModel(pa.DataFrameModel):
    """Counts: one row per term × unit × body with ``total`` and ``female`` members."""

    term: Series[str] = pa.Field(str_matches=_TERM_PATTERN)
    unit_id: Series[str] = pa.Field(str_matches=_NOT_BLANK)
    unit_name: Series[str] = pa.Field(str_matches=_NOT_BLANK)
    level: Series[str] = pa.Field(str_matches=_LEVEL_PATTERN)
    body: Series[str] = pa.Field(isin=list(BODIES))
    total: Series[np.int64] = pa.Field(ge=0)
    female: Series[np.int64] = pa.Field(ge=0)

    class Config:
        """Extra columns are allowed and kept."""

        strict = False
        coerce = False


class RosterModel(pa.DataFrameModel):
    """Roster: one row per person per seat."""

    term: Series[str] = pa.Field(str_matches=_TERM_PATTERN)
    unit_id: Series[str] = pa.Field(str_matches=_NOT_BLANK)
    unit_name: Series[str] = pa.Field(str_matches=_NOT_BLANK)
    level: Series[str] = pa.Field(str_matches=_LEVEL_PATTERN)
    body: Series[str] = pa.Field(isin=list(BODIES))
    person_id: Series[str] = pa.Field(str_matches=_NOT_BLANK)
    sex: Series[str] = pa.Field(isin=list(SEXES))
    birth_year: Series[pd.Int64Dtype] | None = pa.Field(ge=1900, le=2100, nullable=True)
    ethnicity: Series[str] | None = pa.Field(nullable=True)
    post: Series[str] | None = pa.Field(nullable=True)
    full_name: Series[str] | None = pa.Field(nullable=True)

    class Config:
        """Extra columns are allowed and kept."""

        strict = False
        coerce = False


class UnitsModel(pa.DataFrameModel):
    """Units: the table of units, their level and kind."""

    unit_id: Series[str] = pa.Field(str_matches=_NOT_BLANK)  # unique: checked by hand
    unit_name: Series[str] = pa.Field(str_matches=_NOT_BLANK)
    level: Series[str] = pa.Field(str_matches=_LEVEL_PATTERN)
    kind: Series[str] = pa.Field(str_matches=_NOT_BLANK)
    parent_id: Series[str] | None = pa.Field(nullable=True)
    aliases: Series[str] | None = pa.Field(nullable=True)

    class Config:
        """Extra columns are allowed and kept."""

        strict = False
        coerce = False
