"""The columns of the data contract: the curated events', ACLED's export's, the context tables', and the code lists.

eventmap.schema re-exports every name here: code reads them as schema.EVENT_COLUMNS and so on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

LIST_SEPARATOR = ";"  # between source ids, and ACLED's assoc_actor / tags lists
QUOTE_SEPARATOR = " | "  # between several verbatim quotes in one source_quote cell


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # "text", "date", "int", "float", "code": how the cell is parsed into the typed frame
    required: bool  # a curated row must have a value
    description: str
    acled: bool = True  # the name and meaning are ACLED's: an ACLED export must have it in its header
    acled_required: bool = False  # an ACLED export's row must have a value
    label: bool = False  # few distinct values: kept as a pandas category, stripped of surrounding space
    blank_as: str = ""  # what an empty cell becomes in the typed frame
    long: bool = False  # free prose that may run to paragraphs: the desk edits it in a text area


EVENT_COLUMNS: tuple[Column, ...] = (
    Column(
        "event_id_cnty",
        "text",
        True,
        "Stable unique id. Curated rows: EM-<area>-<number>, e.g. EM-IRQ-007.",
        acled_required=True,
    ),
    Column(
        "event_date",
        "date",
        True,
        "Date of the event, ISO 8601 (YYYY-MM-DD); the first source reading where sources disagree.",
        acled_required=True,
    ),
    Column(
        "time_precision",
        "code",
        True,
        "How sure the date is: 1 the day, 2 within a week, 3 within the month (ACLED's codes).",
    ),
    Column(
        "event_type",
        "code",
        True,
        "ACLED event type, e.g. Explosions/Remote violence.",
        acled_required=True,
        label=True,
    ),
    Column(
        "sub_event_type",
        "code",
        True,
        "ACLED sub-event type; must belong to event_type.",
        acled_required=True,
        label=True,
    ),
    Column(
        "actor1",
        "text",
        True,
        "Who acted: the side that fired, or in Disrupted weapons use the side that intercepted.",
        acled_required=True,
        label=True,
    ),
    Column("actor2", "text", False, "The other side: who was targeted, or whose weapon was intercepted.", label=True),
    Column("country", "text", False, "Country on land; empty for events at sea.", label=True),
    Column("admin1", "text", False, "First-level administrative area (province / governorate).", label=True),
    Column("location", "text", False, "Smallest named place; empty when the sources name none.", label=True),
    Column("latitude", "float", False, "WGS84 latitude of the location, -90..90. Empty only when location is empty."),
    Column("longitude", "float", False, "WGS84 longitude of the location, -180..180."),
    Column(
        "geo_precision",
        "code",
        False,
        "How sure the place is: 1 the named place, 2 near it or part of a region, 3 only a larger area "
        "(ACLED's codes).",
    ),
    Column(
        "source", "text", True, "Source ids separated by ';' (curated: file names listed in sources.csv).", label=True
    ),
    Column("notes", "text", False, "What happened, how relative dates and places were derived.", long=True),
    Column(
        "fatalities",
        "int",
        True,
        "Lowest reported number of deaths; 0 when none are reported; when deaths are reported without a number, "
        "the lowest the words allow (ACLED's 'most conservative estimate').",
    ),
    Column(
        "fatalities_reported",
        "code",
        False,
        "'unknown' when the reports say people were killed but give no number (fatalities then holds the lowest "
        "number the words allow); empty otherwise.",
        acled=False,
        label=True,
    ),
    Column(
        "theatre",
        "text",
        True,
        "Theatre to filter by: Iraq, Syria, Red Sea, Gulf of Aden, or Not reported.",
        acled=False,
        label=True,
        blank_as="Not reported",
    ),
    Column(
        "weapon", "text", False, "Weapon as reported (drone, rockets, ballistic missile...).", acled=False, label=True
    ),
    Column("target", "text", False, "What or who was targeted.", acled=False, label=True),
    Column("outcome", "text", False, "Reported result (shot down, no damage, killed...).", acled=False, long=True),
    Column(
        "source_quote",
        "text",
        False,
        "Verbatim sentence(s) of the cited sources supporting the row, several joined by ' | '.",
        acled=False,
        long=True,
    ),
    Column(
        "alt_event_date", "date", False, "Another source's reading of the date, when sources disagree.", acled=False
    ),
    Column(
        "source_conflict",
        "text",
        False,
        "What the sources disagree on (date, count, place), in words.",
        acled=False,
        long=True,
    ),
)
EVENT_COLUMN_NAMES = tuple(c.name for c in EVENT_COLUMNS)
EVENT_COLUMN = {c.name: c for c in EVENT_COLUMNS}
# Optional columns added after files in our format were written: a header without them reads as if they were empty.
FATALITIES_REPORTED = "fatalities_reported"
ADDED_COLUMNS = (FATALITIES_REPORTED,)
FATALITIES_UNKNOWN = "unknown"  # the one value of fatalities_reported
REQUIRED_EVENT_COLUMNS = tuple(c.name for c in EVENT_COLUMNS if c.required)
ACLED_HEADER_REQUIRED = tuple(c.name for c in EVENT_COLUMNS if c.acled)  # what an ACLED export must carry
ACLED_VALUE_REQUIRED = tuple(c.name for c in EVENT_COLUMNS if c.acled_required)

# ACLED's export as it ships: 31 columns.
ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
# ACLED's own columns with few distinct values, kept as pandas categories like the label columns above: a
# filtered copy of a million rows then copies their codes, not their text (docs/decisions.md, 'Category columns').
ACLED_LABEL_COLUMNS = (
    "year",
    "disorder_type",
    "assoc_actor_1",
    "inter1",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "admin2",
    "admin3",
    "source_scale",
    "tags",
)
# Columns that tell an ACLED export from our curated format.
ACLED_MARKERS = ("disorder_type", "inter1", "iso")

TALLY_COLUMNS = (
    "tally_id",
    "subject",
    "count",
    "qualifier",
    "theatre",
    "period_start",
    "period_end",
    "as_of",
    "source",
    "source_quote",
    "notes",
)
PERIOD_COLUMNS = ("period_id", "name", "start", "end", "source", "source_quote", "notes")
SOURCE_COLUMNS = ("source_id", "title", "outlet", "published", "published_how")

PRECISION_CODES = (1, 2, 3)
TIME_PRECISION_WORDS = {1: "exact day", 2: "within a week", 3: "within the month"}
GEO_PRECISION_WORDS = {1: "the named place", 2: "near the place / part of a region", 3: "only a larger area"}

SUB_EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}
EVENT_TYPES = tuple(SUB_EVENT_TYPES)

# Derived columns the loader adds to every validated frame.
DERIVED_COLUMNS = ("category", "row_number")
# Which file a row came from, added by load.combine when curated events are shown beside an analyst's file.
DATASET_COLUMN = "dataset"
CURATED_DATASET = "curated"  # its value on the curated rows
NOT_EXPORTED = (*DERIVED_COLUMNS, DATASET_COLUMN)  # derived: exports leave them out


def data_dictionary() -> pd.DataFrame:
    """The event columns as a table, for data/README.md and the Sources and method page."""
    import pandas as pd

    return pd.DataFrame(
        {
            "column": [c.name for c in EVENT_COLUMNS],
            "type": [c.kind for c in EVENT_COLUMNS],
            "required": ["yes" if c.required else "no" for c in EVENT_COLUMNS],
            "ACLED name": ["yes" if c.acled else "no (ours)" for c in EVENT_COLUMNS],
            "meaning": [c.description for c in EVENT_COLUMNS],
        }
    )


def text_column(frame: pd.DataFrame, column: str) -> pd.Series:
    """A column as plain text, '' where missing (or absent): categories, NaN and NA never become 'nan'."""
    import pandas as pd

    if column not in frame.columns:
        return pd.Series("", index=frame.index, dtype="str")
    values = frame[column]
    return values.astype("object").where(values.notna(), "").astype("str")
