"""The data contract: every column, code list and colour lives here and nowhere else."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR.parent / "data"  # the shipped dataset; data_dir() is the folder in use
DATA_DIR_ENV = "EVENTMAP_DATA"  # a dataset folder to use instead of the shipped one (the tests' sample, say)
APP_PATH = PACKAGE_DIR.parent / "app.py"  # the dashboard's entry point (python -m eventmap serve)
EVENTS_PATH = DATA_DIR / "events.csv"
TALLIES_PATH = DATA_DIR / "tallies.csv"
PERIODS_PATH = DATA_DIR / "periods.csv"
SOURCES_PATH = DATA_DIR / "sources.csv"
PLACES_PATH = DATA_DIR / "places.csv"
ACTORS_PATH = DATA_DIR / "actors.csv"  # each actor's ACLED inter code, for the ACLED export
CACHE_DIR_ENV = "EVENTMAP_CACHE_DIR"
EVENTS_ENV = "EVENTMAP_EVENTS"  # an events file to open instead of the curated one
SOURCES_ENV = "EVENTMAP_SOURCES"  # the folder of source texts that quotes are checked against


def events_path(env: Mapping[str, str] | None = None) -> Path:
    """The events file the app shows and the desk edits: $EVENTMAP_EVENTS, or the curated file."""
    import os

    return Path((os.environ if env is None else env).get(EVENTS_ENV, "").strip() or EVENTS_PATH)


@dataclass(frozen=True)
class DataFiles:
    """The files of one dataset folder: the curated events and the tables that give them context."""

    folder: Path

    @property
    def events(self) -> Path:
        return self.folder / "events.csv"

    @property
    def tallies(self) -> Path:
        return self.folder / "tallies.csv"

    @property
    def periods(self) -> Path:
        return self.folder / "periods.csv"

    @property
    def sources(self) -> Path:
        return self.folder / "sources.csv"

    @property
    def places(self) -> Path:
        return self.folder / "places.csv"

    @property
    def actors(self) -> Path:
        """Each actor's ACLED inter code, for the ACLED export."""
        return self.folder / "actors.csv"


def data_dir(env: Mapping[str, str] | None = None) -> Path:
    """The dataset folder in use: $EVENTMAP_DATA, or the shipped data/."""
    import os

    folder = (os.environ if env is None else env).get(DATA_DIR_ENV, "").strip()
    return Path(folder).expanduser() if folder else DATA_DIR


def data_files(folder: Path | None = None, env: Mapping[str, str] | None = None) -> DataFiles:
    """The files of `folder`, or of the dataset folder in use (data_dir), read at call time."""
    return DataFiles(folder if folder is not None else data_dir(env))


def cache_dir(env: Mapping[str, str] | None = None) -> Path:
    """Where parsed files and geocoding answers are kept between runs: ~/.cache/eventmap or $EVENTMAP_CACHE_DIR."""
    import os

    folder = (os.environ if env is None else env).get(CACHE_DIR_ENV, "").strip()
    return Path(folder).expanduser() if folder else Path.home() / ".cache" / "eventmap"


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
# filtered copy of a million rows then copies their codes, not their text (measured at 1M rows: a theatre's
# copy 0.18-0.57 s -> 0.03-0.25 s, the frame's memory 527 -> 286 MB).
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

# --- colours: every colour the app draws, here and nowhere else ------------------------------------------------

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class Category:
    """A map colour category: what a briefing reader needs first is who did what.

    A row belongs to the matching category of highest precedence. A category matches when each of its
    conditions that is set holds: event_types, sub_event_types, actor1 starting with actor1_prefix.
    """

    name: str
    colour: RGB
    rule: str  # the rule in words, for the legend's readers and data/README.md
    event_types: tuple[str, ...] = ()
    sub_event_types: tuple[str, ...] = ()
    actor1_prefix: str = ""
    precedence: int = 0


US_ACTOR_PREFIX = "Military Forces of the United States"
# In legend order.
CATEGORY_TABLE: tuple[Category, ...] = (
    Category(
        "Attack",
        (215, 48, 39),
        "Explosions/Remote violence by anyone but US forces",
        event_types=("Explosions/Remote violence",),
    ),
    Category(
        "US strike",
        (33, 102, 172),
        "Explosions/Remote violence or Battles with US forces as actor1",
        event_types=("Explosions/Remote violence", "Battles"),
        actor1_prefix=US_ACTOR_PREFIX,
        precedence=1,
    ),
    Category(
        "Interception",
        (253, 174, 97),
        "ACLED's Strategic developments / Disrupted weapons use",
        sub_event_types=("Disrupted weapons use",),
        precedence=2,
    ),
    Category("Battles", (118, 42, 131), "ACLED's Battles", event_types=("Battles",)),
    Category(
        "Violence against civilians",
        (140, 81, 10),
        "ACLED's Violence against civilians",
        event_types=("Violence against civilians",),
    ),
    Category("Protests", (27, 158, 119), "ACLED's Protests", event_types=("Protests",)),
    Category("Riots", (231, 41, 138), "ACLED's Riots", event_types=("Riots",)),
    Category(
        "Strategic developments",
        (102, 102, 102),
        "ACLED's other Strategic developments",
        event_types=("Strategic developments",),
    ),
)
CATEGORY_COLOURS: dict[str, RGB] = {c.name: c.colour for c in CATEGORY_TABLE}
CATEGORIES = tuple(CATEGORY_COLOURS)

# Everything else the map, the legend and the charts paint.
PALETTE: dict[str, RGB] = {
    "sea": (200, 218, 230),
    "land": (238, 236, 230),
    "border": (150, 150, 150),
    "fallback": (128, 128, 128),  # a category the table does not know
    "marker outline": (255, 255, 255),
    "area outline": (60, 60, 60),
    "place label": (35, 35, 35),  # names of places with events
    "country label": (105, 105, 105),
    "sea label": (45, 95, 140),
    "label halo": (255, 255, 255),  # the outline that keeps a name legible over land, sea and areas
    "tooltip background": (31, 38, 48),
    "tooltip text": (245, 245, 245),
    "period band": (136, 136, 136),
    "period label": (85, 85, 85),
    "reported tally": (49, 54, 149),
    "candidate": (215, 48, 39),  # the editors' desk: the chosen geocoding candidate among the others
}
PALETTE["described events"] = CATEGORY_COLOURS["Attack"]  # the curated attacks set against the tallies
# How strongly an approximate place's area, and its outline, are painted over the map (0-255): light enough
# that the exactly placed events stay what the eye finds first.
AREA_ALPHA, AREA_LINE_ALPHA = 28, 170

# The reported tallies the timeline sets the curated events against: tallies whose subject starts so, compared
# with the curated events of this category in the tallies' theatres.
TALLY_SUBJECT = "Attacks on US"
TALLY_CATEGORY = "Attack"


def colour_of(category: str) -> RGB:
    return CATEGORY_COLOURS.get(category, PALETTE["fallback"])


def css(rgb: RGB, alpha: float | None = None) -> str:
    """A colour as CSS/Vega text: rgb(r,g,b) or rgba(r,g,b,a)."""
    return f"rgb({rgb[0]},{rgb[1]},{rgb[2]})" if alpha is None else f"rgba({rgb[0]},{rgb[1]},{rgb[2]},{alpha})"


# --- filters: one row per multi-choice filter, read by the URL, the sidebar, the CLI and the charts ---------


@dataclass(frozen=True)
class ChoiceFilter:
    """A multi-choice filter: its URL key, its label, the column(s) it matches (any of them), where it comes
    among the timeline's "Colour by" choices (0: not offered; 1 is the default), and whether the sidebar keeps it
    under "More filters" (an analyst's filter, not a briefing's)."""

    key: str
    label: str
    columns: tuple[str, ...]
    chart_split: int = 0
    more: bool = False

    @property
    def column(self) -> str:
        return self.columns[0]


CHOICE_FILTERS: tuple[ChoiceFilter, ...] = (  # in the sidebar's order
    ChoiceFilter("type", "Event type", ("event_type",), chart_split=3),
    ChoiceFilter("subtype", "Sub-event type", ("sub_event_type",), more=True),
    ChoiceFilter("category", "Map category", ("category",), chart_split=1),
    ChoiceFilter("weapon", "Weapon", ("weapon",), more=True),
    ChoiceFilter("actor", "Actor", ("actor1", "actor2"), more=True),
    ChoiceFilter("theatre", "Theatre", ("theatre",), chart_split=2),
    ChoiceFilter("target", "Target", ("target",), more=True),
)
CHOICE_FILTER = {f.key: f for f in CHOICE_FILTERS}

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
