"""The pandera model of the compliance frame (imported on first use: see :mod:`gender_stats.models`).

``gender_stats.ComplianceModel`` and ``gender_stats.compliance.ComplianceModel`` are this class.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from gender_stats.compliance import REASONS, Status
from gender_stats.models import CountsModel

__all__ = ["ComplianceModel"]


class ComplianceModel(CountsModel):
    """The compliance frame: the counts columns, then one check of a row against a target.

    The contract between :func:`check` and every output (tables, charts, the workbook, the page,
    the CLI).  ``target_id``, ``document`` and ``rule`` are missing only on a ``no_target`` row;
    the numbers are floats for display, the seats nullable integers; ``status`` is a
    :class:`~gender_stats.compliance.Status` value and ``reason`` a key of :data:`~gender_stats.compliance.REASONS` (empty when assessed).

    Examples
    --------
    >>> import pandas as pd
    >>> counts = pd.DataFrame({
    ...     "term": ["2015-2020"], "unit_id": ["A"], "unit_name": ["A"], "level": ["district"],
    ...     "body": ["party_committee"], "total": [20], "female": [2]})
    >>> from gender_stats import check
    >>> ComplianceModel.validate(check(counts, "36-CT/TW"))["status"].tolist()
    ['below']
    """

    target_id: Series[str] = pa.Field(nullable=True)
    document: Series[str] = pa.Field(nullable=True)
    rule: Series[str] = pa.Field(nullable=True)
    numerator: Series[str] = pa.Field(nullable=True)
    threshold: Series[np.float64] = pa.Field(nullable=True)
    share: Series[np.float64] = pa.Field(nullable=True)
    status: Series[str] = pa.Field(isin=[s.value for s in Status])
    gap_pp: Series[np.float64] = pa.Field(nullable=True)
    seats_needed: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)
    seats_needed_if_grow: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)
    note: Series[str] = pa.Field(nullable=True)
    reason: Series[str] = pa.Field(isin=["", *REASONS])
