"""gender_stats: sex-disaggregated statistics on Vietnam's party committees and elected bodies.

Data flow one way: **read → validate → count → indicators → targets/compliance → tables, charts,
report**.  The public API is re-exported here; modules whose names start with ``_`` are private.

Examples
--------
>>> import gender_stats as gs
>>> sorted(gs.BODIES)[:3]
['candidates', 'key_posts', 'national_assembly']
"""

from importlib.metadata import PackageNotFoundError, version

# --- model, vocabulary, errors (core) ---
from gender_stats.counting import (
    AGE_BANDS,
    age_at_election,
    age_group,
    count,
    count_intersections,
    derive_groups,
    ethnic_minority,
    group_masks,
    rollup,
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
from gender_stats.indicators import change, pooled_share, shares, term_changes, units_with_woman
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
    write_collection,
)
from gender_stats.outputs.collection import add_to_report
from gender_stats.outputs.plots_collection import plot_returns

try:
    __version__ = version("gender_stats")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0"

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
    "derive_groups",
    "ethnic_minority",
    "group_masks",
    # 4. indicators
    "change",
    "pooled_share",
    "shares",
    "term_changes",
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
