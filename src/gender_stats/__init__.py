"""gender_stats: sex-disaggregated statistics on Vietnam's party committees and elected bodies.

Data flow one way: **read → validate → count → indicators → targets/compliance → tables, charts,
report**.  The public API is re-exported here; modules whose names start with ``_`` are private.

``import gender_stats`` is cheap: each name is imported from its module on first access (a
module-level ``__getattr__``, :pep:`562`), so pandas, pandera, matplotlib and openpyxl load only
when a function that needs them is used.  ``__all__`` and ``dir()`` list every name; type
checkers see the imports below ``TYPE_CHECKING``.

Examples
--------
>>> import gender_stats as gs
>>> sorted(gs.BODIES)[:3]
['candidates', 'key_posts', 'national_assembly']
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gender_stats.counting import (
        AGE_BANDS,
        age_at_election,
        age_group,
        count,
        count_intersections,
        count_under_40,
        derive_groups,
        ethnic_minority,
        group_masks,
        intersection_matrix,
        rollup,
        women_men_totals,
    )
    from gender_stats.errors import (
        ArgumentError,
        DataError,
        FileFormatError,
        GenderStatsError,
        GenderStatsWarning,
        LegacyEncodingWarning,
        PlanningError,
        Problem,
        TargetError,
        UnitNameWarning,
    )
    from gender_stats.schema import validate_counts, validate_roster, validate_units
    from gender_stats.vocab import BODIES, LEVELS, SEXES, TermError, normalise_term

    # --- io (readers, writers) ---
    from gender_stats.io import (
        HiddenDataWarning,
        InferredLevelWarning,
        MismatchWarning,
        ReadingLog,
        RowClass,
        TableWarning,
        counts_dictionary,
        infer_level,
        read_counts,
        read_open_sdg,
        read_roster,
        read_units,
        to_open_sdg,
        to_sdmx_csv,
        write_counts,
    )

    # --- datasets ---
    from gender_stats.datasets import (
        load_public_figures,
        load_sample_counts,
        load_sample_roster,
        load_units,
        sample_path,
    )

    # --- targets, compliance, planning ---
    from gender_stats.compliance import (
        ComplianceModel,
        NothingAssessedWarning,
        Status,
        check,
        coverage,
        shortfalls,
        summarise,
        targets_used,
    )
    from gender_stats.planning import (
        candidate_list_odds,
        min_women_on_list,
        next_term_needs,
        seats_to_keep,
    )
    from gender_stats.targets import (
        Conditional,
        Floor,
        Presence,
        Range,
        Rule,
        ShareOfUnits,
        Target,
        get_deadlines,
        get_targets,
        list_targets,
        load_targets,
        percent,
    )

    # --- indicators, tables ---
    from gender_stats.keyposts import (
        count_key_posts,
        key_post_definitions,
        match_posts,
        units_with_woman_in_key_post,
    )
    from gender_stats.indicators import (
        change,
        pooled_share,
        shares,
        term_changes,
        unit_body_matrix,
        units_with_woman,
    )
    from gender_stats.outputs.workbook import write_workbook
    from gender_stats.outputs.labels import format_count, format_points, format_share
    from gender_stats.outputs.pretty import pretty
    from gender_stats.outputs.tables import (
        indicator_table,
        shortfalls_table,
        style_table,
        summary_table,
        terms_table,
        to_html,
    )

    # --- plots ---
    from gender_stats.outputs.plots import (
        palettes,
        plot_change,
        plot_heatmap,
        plot_progress,
        plot_seats_needed,
        plot_shares,
        plot_stacked,
        plot_trend,
    )

    from gender_stats.outputs.plots_intersections import plot_intersections

    # --- report ---
    from gender_stats.outputs.report import Report, build_report

    # --- progress ---
    from gender_stats.progress import aggregate_progress, assess_progress, project, trend

    # --- collection ---
    from gender_stats.collection import (
        Collection,
        collect,
        diff_counts,
        make_templates,
        reminders,
    )
    from gender_stats.outputs.collection import add_to_report, write_collection
    from gender_stats.outputs.plots_collection import plot_returns

#: Where each public name lives (imported on first access).
_LAZY: dict[str, str] = {
    "AGE_BANDS": "gender_stats.counting",
    "age_at_election": "gender_stats.counting",
    "age_group": "gender_stats.counting",
    "count": "gender_stats.counting",
    "count_under_40": "gender_stats.counting",
    "count_intersections": "gender_stats.counting",
    "derive_groups": "gender_stats.counting",
    "ethnic_minority": "gender_stats.counting",
    "group_masks": "gender_stats.counting",
    "intersection_matrix": "gender_stats.counting",
    "rollup": "gender_stats.counting",
    "women_men_totals": "gender_stats.counting",
    "ArgumentError": "gender_stats.errors",
    "DataError": "gender_stats.errors",
    "FileFormatError": "gender_stats.errors",
    "GenderStatsError": "gender_stats.errors",
    "GenderStatsWarning": "gender_stats.errors",
    "LegacyEncodingWarning": "gender_stats.errors",
    "PlanningError": "gender_stats.errors",
    "Problem": "gender_stats.errors",
    "TargetError": "gender_stats.errors",
    "UnitNameWarning": "gender_stats.errors",
    "validate_counts": "gender_stats.schema",
    "validate_roster": "gender_stats.schema",
    "validate_units": "gender_stats.schema",
    "BODIES": "gender_stats.vocab",
    "LEVELS": "gender_stats.vocab",
    "SEXES": "gender_stats.vocab",
    "TermError": "gender_stats.vocab",
    "normalise_term": "gender_stats.vocab",
    "HiddenDataWarning": "gender_stats.io",
    "InferredLevelWarning": "gender_stats.io",
    "MismatchWarning": "gender_stats.io",
    "ReadingLog": "gender_stats.io",
    "RowClass": "gender_stats.io",
    "TableWarning": "gender_stats.io",
    "counts_dictionary": "gender_stats.io",
    "infer_level": "gender_stats.io",
    "read_counts": "gender_stats.io",
    "read_open_sdg": "gender_stats.io",
    "read_roster": "gender_stats.io",
    "read_units": "gender_stats.io",
    "to_open_sdg": "gender_stats.io",
    "to_sdmx_csv": "gender_stats.io",
    "write_counts": "gender_stats.io",
    "load_public_figures": "gender_stats.datasets",
    "load_sample_counts": "gender_stats.datasets",
    "load_sample_roster": "gender_stats.datasets",
    "load_units": "gender_stats.datasets",
    "sample_path": "gender_stats.datasets",
    "ComplianceModel": "gender_stats.compliance",
    "NothingAssessedWarning": "gender_stats.compliance",
    "Status": "gender_stats.compliance",
    "check": "gender_stats.compliance",
    "coverage": "gender_stats.compliance",
    "shortfalls": "gender_stats.compliance",
    "summarise": "gender_stats.compliance",
    "targets_used": "gender_stats.compliance",
    "candidate_list_odds": "gender_stats.planning",
    "min_women_on_list": "gender_stats.planning",
    "next_term_needs": "gender_stats.planning",
    "seats_to_keep": "gender_stats.planning",
    "Conditional": "gender_stats.targets",
    "Floor": "gender_stats.targets",
    "Presence": "gender_stats.targets",
    "Range": "gender_stats.targets",
    "Rule": "gender_stats.targets",
    "ShareOfUnits": "gender_stats.targets",
    "Target": "gender_stats.targets",
    "get_deadlines": "gender_stats.targets",
    "get_targets": "gender_stats.targets",
    "list_targets": "gender_stats.targets",
    "load_targets": "gender_stats.targets",
    "percent": "gender_stats.targets",
    "count_key_posts": "gender_stats.keyposts",
    "key_post_definitions": "gender_stats.keyposts",
    "match_posts": "gender_stats.keyposts",
    "units_with_woman_in_key_post": "gender_stats.keyposts",
    "change": "gender_stats.indicators",
    "pooled_share": "gender_stats.indicators",
    "shares": "gender_stats.indicators",
    "term_changes": "gender_stats.indicators",
    "unit_body_matrix": "gender_stats.indicators",
    "units_with_woman": "gender_stats.indicators",
    "write_workbook": "gender_stats.outputs.workbook",
    "format_count": "gender_stats.outputs.labels",
    "format_points": "gender_stats.outputs.labels",
    "format_share": "gender_stats.outputs.labels",
    "pretty": "gender_stats.outputs.pretty",
    "indicator_table": "gender_stats.outputs.tables",
    "shortfalls_table": "gender_stats.outputs.tables",
    "style_table": "gender_stats.outputs.tables",
    "summary_table": "gender_stats.outputs.tables",
    "terms_table": "gender_stats.outputs.tables",
    "to_html": "gender_stats.outputs.tables",
    "palettes": "gender_stats.outputs.plots",
    "plot_change": "gender_stats.outputs.plots",
    "plot_heatmap": "gender_stats.outputs.plots",
    "plot_progress": "gender_stats.outputs.plots",
    "plot_seats_needed": "gender_stats.outputs.plots",
    "plot_shares": "gender_stats.outputs.plots",
    "plot_stacked": "gender_stats.outputs.plots",
    "plot_trend": "gender_stats.outputs.plots",
    "plot_intersections": "gender_stats.outputs.plots_intersections",
    "Report": "gender_stats.outputs.report",
    "build_report": "gender_stats.outputs.report",
    "aggregate_progress": "gender_stats.progress",
    "assess_progress": "gender_stats.progress",
    "project": "gender_stats.progress",
    "trend": "gender_stats.progress",
    "Collection": "gender_stats.collection",
    "collect": "gender_stats.collection",
    "diff_counts": "gender_stats.collection",
    "make_templates": "gender_stats.collection",
    "reminders": "gender_stats.collection",
    "write_collection": "gender_stats.outputs.collection",
    "add_to_report": "gender_stats.outputs.collection",
    "plot_returns": "gender_stats.outputs.plots_collection",
}


def __getattr__(name: str) -> Any:
    """Import a public name (or a submodule) on first access and keep it in the package."""
    module = _LAZY.get(name)
    if module is not None:
        value = getattr(importlib.import_module(module), name)
    elif name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            value = version("gender_stats")
        except PackageNotFoundError:  # pragma: no cover - a source tree without install
            value = "0.0.0"
    elif not name.startswith("__"):
        try:
            value = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as err:
            if err.name != f"{__name__}.{name}":
                raise
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    # errors and vocabulary (used by every stage)
    "ArgumentError",
    "DataError",
    "FileFormatError",
    "GenderStatsError",
    "GenderStatsWarning",
    "LegacyEncodingWarning",
    "PlanningError",
    "Problem",
    "TargetError",
    "TermError",
    "UnitNameWarning",
    "__version__",
    "BODIES",
    "LEVELS",
    "SEXES",
    "normalise_term",
    # 1. read (io) and bundled data
    "read_counts",
    "read_open_sdg",
    "read_roster",
    "read_units",
    "to_open_sdg",
    "to_sdmx_csv",
    "write_counts",
    "ReadingLog",
    "RowClass",
    "MismatchWarning",
    "HiddenDataWarning",
    "TableWarning",
    "InferredLevelWarning",
    "infer_level",
    "counts_dictionary",
    "load_public_figures",
    "load_sample_counts",
    "load_sample_roster",
    "load_units",
    "sample_path",
    # collection cycle: templates out, returns in (collection)
    "Collection",
    "add_to_report",
    "collect",
    "diff_counts",
    "make_templates",
    "reminders",
    "write_collection",
    # 2. validate (schema)
    "validate_counts",
    "validate_roster",
    "validate_units",
    # 3. count (counting)
    "count",
    "rollup",
    "AGE_BANDS",
    "age_at_election",
    "age_group",
    "count_intersections",
    "count_under_40",
    "derive_groups",
    "ethnic_minority",
    "group_masks",
    "intersection_matrix",
    "women_men_totals",
    # 4. indicators
    "change",
    "pooled_share",
    "shares",
    "term_changes",
    "unit_body_matrix",
    "units_with_woman",
    "count_key_posts",
    "key_post_definitions",
    "match_posts",
    "units_with_woman_in_key_post",
    # 5. targets (rules in Python or YAML)
    "Target",
    "Rule",
    "Floor",
    "Range",
    "Presence",
    "Conditional",
    "ShareOfUnits",
    "percent",
    "get_deadlines",
    "get_targets",
    "list_targets",
    "load_targets",
    # 6. compliance (the compliance frame and its one summary)
    "ComplianceModel",
    "NothingAssessedWarning",
    "Status",
    "check",
    "coverage",
    "shortfalls",
    "summarise",
    "targets_used",
    # 7. planning and progress
    "candidate_list_odds",
    "min_women_on_list",
    "next_term_needs",
    "seats_to_keep",
    "aggregate_progress",
    "assess_progress",
    "project",
    "trend",
    # 8. outputs: words and formats, tables, charts, workbook, report
    "format_count",
    "format_points",
    "format_share",
    "pretty",
    "indicator_table",
    "shortfalls_table",
    "style_table",
    "summary_table",
    "terms_table",
    "to_html",
    "palettes",
    "plot_change",
    "plot_heatmap",
    "plot_progress",
    "plot_seats_needed",
    "plot_shares",
    "plot_stacked",
    "plot_trend",
    "plot_intersections",
    "plot_returns",
    "write_workbook",
    "Report",
    "build_report",
]
