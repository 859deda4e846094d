"""The data contract's home: the settings, the dataset's files, the colours and the filter table.

The column tables and code lists live in eventmap/columns.py and are read through this module
(schema.EVENT_COLUMNS and so on), so a caller has one place to look.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from eventmap.columns import ACLED_COLUMNS as ACLED_COLUMNS
from eventmap.columns import ACLED_HEADER_REQUIRED as ACLED_HEADER_REQUIRED
from eventmap.columns import ACLED_LABEL_COLUMNS as ACLED_LABEL_COLUMNS
from eventmap.columns import ACLED_MARKERS as ACLED_MARKERS
from eventmap.columns import ACLED_VALUE_REQUIRED as ACLED_VALUE_REQUIRED
from eventmap.columns import ADDED_COLUMNS as ADDED_COLUMNS
from eventmap.columns import CURATED_DATASET as CURATED_DATASET
from eventmap.columns import DATASET_COLUMN as DATASET_COLUMN
from eventmap.columns import DERIVED_COLUMNS as DERIVED_COLUMNS
from eventmap.columns import EVENT_COLUMN as EVENT_COLUMN
from eventmap.columns import EVENT_COLUMN_NAMES as EVENT_COLUMN_NAMES
from eventmap.columns import EVENT_COLUMNS as EVENT_COLUMNS
from eventmap.columns import EVENT_TYPES as EVENT_TYPES
from eventmap.columns import FATALITIES_REPORTED as FATALITIES_REPORTED
from eventmap.columns import FATALITIES_UNKNOWN as FATALITIES_UNKNOWN
from eventmap.columns import GEO_PRECISION_WORDS as GEO_PRECISION_WORDS
from eventmap.columns import LIST_SEPARATOR as LIST_SEPARATOR
from eventmap.columns import NOT_EXPORTED as NOT_EXPORTED
from eventmap.columns import PERIOD_COLUMNS as PERIOD_COLUMNS
from eventmap.columns import PRECISION_CODES as PRECISION_CODES
from eventmap.columns import QUOTE_SEPARATOR as QUOTE_SEPARATOR
from eventmap.columns import REQUIRED_EVENT_COLUMNS as REQUIRED_EVENT_COLUMNS
from eventmap.columns import SOURCE_COLUMNS as SOURCE_COLUMNS
from eventmap.columns import SUB_EVENT_TYPES as SUB_EVENT_TYPES
from eventmap.columns import TALLY_COLUMNS as TALLY_COLUMNS
from eventmap.columns import TIME_PRECISION_WORDS as TIME_PRECISION_WORDS
from eventmap.columns import Column as Column
from eventmap.columns import data_dictionary as data_dictionary

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR.parent / "data"  # the shipped dataset; data_dir() is the folder in use
APP_PATH = PACKAGE_DIR.parent / "app.py"  # the dashboard's entry point (python -m eventmap serve)

# --- settings: every environment variable the project reads, named here and nowhere else --------------------

DATA_DIR_ENV = "EVENTMAP_DATA"
EVENTS_ENV = "EVENTMAP_EVENTS"
SOURCES_ENV = "EVENTMAP_SOURCES"
CACHE_DIR_ENV = "EVENTMAP_CACHE_DIR"
ONLINE_GEOCODING_ENV = "EVENTMAP_ONLINE_GEOCODING"
USER_AGENT_ENV = "EVENTMAP_NOMINATIM_USER_AGENT"
EDITOR_ENV = "EVENTMAP_EDITOR"
EDITOR_TOKEN_ENV = "EVENTMAP_EDITOR_TOKEN"
EDITOR_PORT_ENV = "EVENTMAP_EDITOR_PORT"
FRAME_ANCESTORS_ENV = "EVENTMAP_FRAME_ANCESTORS"


@dataclass(frozen=True)
class Setting:
    """An environment variable the project reads: its name, what it means, and what holds when it is unset."""

    name: str
    meaning: str
    default: str


SETTINGS: tuple[Setting, ...] = (
    Setting(DATA_DIR_ENV, "the dataset folder (events, tallies, periods, sources, places, actors)", "data/"),
    Setting(EVENTS_ENV, "an events file the app opens instead of the curated one", "the dataset's events.csv"),
    Setting(SOURCES_ENV, "the folder of source texts that quotes are checked against", "quotes not checked"),
    Setting(CACHE_DIR_ENV, "where parsed files and geocoding answers are kept", "~/.cache/eventmap"),
    Setting(ONLINE_GEOCODING_ENV, "1 turns on Nominatim look-ups for names the gazetteer lacks", "off"),
    Setting(USER_AGENT_ENV, "who is asking, sent to Nominatim (its usage policy requires it)", "none: online refused"),
    Setting(EDITOR_ENV, "who makes a desk change, for the change log", "the login name"),
    Setting(EDITOR_TOKEN_ENV, "the token the editors' desk asks for", "none: the desk stays locked"),
    Setting(EDITOR_PORT_ENV, "with replicas: the editor process's loopback port", "the proxy's port + 1"),
    Setting(FRAME_ANCESTORS_ENV, "with replicas: who may frame the pages (CSP frame-ancestors)", "'none'"),
)
SETTING = {s.name: s for s in SETTINGS}


def _setting(name: str, env: Mapping[str, str] | None) -> str:
    return (os.environ if env is None else env).get(name, "").strip()


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
        """The gazetteer: known places, their aliases and areas."""
        return self.folder / "places.csv"

    @property
    def actors(self) -> Path:
        """Each actor's ACLED inter code, for the ACLED export."""
        return self.folder / "actors.csv"

    @property
    def checked(self) -> tuple[Path, Path, Path, Path]:
        """The files `python -m eventmap validate` checks by default."""
        return (self.events, self.tallies, self.periods, self.sources)


def data_dir(env: Mapping[str, str] | None = None) -> Path:
    """The dataset folder in use: $EVENTMAP_DATA, or the shipped data/."""
    folder = _setting(DATA_DIR_ENV, env)
    return Path(folder).expanduser() if folder else DATA_DIR


def data_files(folder: Path | None = None, env: Mapping[str, str] | None = None) -> DataFiles:
    """The files of `folder`, or of the dataset folder in use (data_dir), read at call time."""
    return DataFiles(Path(folder) if folder is not None else data_dir(env))


def events_path(env: Mapping[str, str] | None = None) -> Path:
    """The events file the app shows and the desk edits: $EVENTMAP_EVENTS, or the dataset folder's events.csv."""
    return Path(_setting(EVENTS_ENV, env) or data_files(env=env).events)


NO_FRAMING = "'none'"  # CSP frame-ancestors: no site may frame the pages


def frame_ancestors(env: Mapping[str, str] | None = None) -> str:
    """Who may frame the pages (a CSP source list): $EVENTMAP_FRAME_ANCESTORS, or no one."""
    return _setting(FRAME_ANCESTORS_ENV, env) or NO_FRAMING


def cache_dir(env: Mapping[str, str] | None = None) -> Path:
    """Where parsed files and geocoding answers are kept between runs: ~/.cache/eventmap or $EVENTMAP_CACHE_DIR."""
    folder = _setting(CACHE_DIR_ENV, env)
    return Path(folder).expanduser() if folder else Path.home() / ".cache" / "eventmap"


# --- colours: every colour the app draws, here and nowhere else ------------------------------------------------

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class Category:
    """A map colour category: what a briefing reader needs first is who did what. Its marker has a shape of its
    own as well as a colour (one of eventmap.maps.contract.SHAPES), so that the categories stay apart for a
    colour-blind reader and on a grey-scale printout (docs/decisions.md, "Shapes as well as colours").

    A row belongs to the matching category of highest precedence. A category matches when each of its
    conditions that is set holds: event_types, sub_event_types, actor1 starting with actor1_prefix.
    """

    name: str
    colour: RGB
    shape: str
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
        "triangle",
        "Explosions/Remote violence by anyone but US forces",
        event_types=("Explosions/Remote violence",),
    ),
    Category(
        "US strike",
        (33, 102, 172),
        "diamond",
        "Explosions/Remote violence or Battles with US forces as actor1",
        event_types=("Explosions/Remote violence", "Battles"),
        actor1_prefix=US_ACTOR_PREFIX,
        precedence=1,
    ),
    Category(
        "Interception",
        (253, 174, 97),
        "triangle down",
        "ACLED's Strategic developments / Disrupted weapons use",
        sub_event_types=("Disrupted weapons use",),
        precedence=2,
    ),
    Category("Battles", (118, 42, 131), "cross", "ACLED's Battles", event_types=("Battles",)),
    Category(
        "Violence against civilians",
        (140, 81, 10),
        "square",
        "ACLED's Violence against civilians",
        event_types=("Violence against civilians",),
    ),
    Category("Protests", (27, 158, 119), "circle", "ACLED's Protests", event_types=("Protests",)),
    Category("Riots", (204, 121, 167), "star", "ACLED's Riots", event_types=("Riots",)),
    Category(
        "Strategic developments",
        (102, 102, 102),
        "plus",
        "ACLED's other Strategic developments",
        event_types=("Strategic developments",),
    ),
)
CATEGORY_COLOURS: dict[str, RGB] = {c.name: c.colour for c in CATEGORY_TABLE}
CATEGORIES = tuple(CATEGORY_COLOURS)
CATEGORY_SHAPES: dict[str, str] = {c.name: c.shape for c in CATEGORY_TABLE}
FALLBACK_SHAPE = "circle"  # a category the table does not know

# Everything else the map, the legend and the charts paint.
PALETTE: dict[str, RGB] = {
    "sea": (200, 218, 230),
    "land": (238, 236, 230),
    "border": (150, 150, 150),
    "water": (140, 180, 215),  # rivers on the basemap's tiles: bluer than the sea (lakes are sea), paler than a marker
    "fallback": (128, 128, 128),  # a category the table does not know
    "marker outline": (255, 255, 255),
    "area outline": (60, 60, 60),
    "fan line": (60, 60, 60),  # joins a fanned event to its place (eventmap.maps.fan)
    "place label": (35, 35, 35),  # names of places with events
    "country label": (105, 105, 105),
    "sea label": (45, 95, 140),
    "callout label": (150, 20, 20),  # a briefing's notes pinned to places (eventmap/briefing.py)
    "callout shape": (200, 0, 140),  # a briefing's arrows and circles (eventmap/callouts.py): no marker's colour
    "label halo": (255, 255, 255),  # the outline that keeps a name legible over land, sea and areas
    "tooltip background": (31, 38, 48),
    "tooltip text": (245, 245, 245),
    "period band": (136, 136, 136),
    "period label": (85, 85, 85),
    "reported tally": (49, 54, 149),
    "candidate": (215, 48, 39),  # the editors' desk: the chosen geocoding candidate among the others
    "town label": (120, 112, 100),  # towns named for context when zoomed in: quieter than the places with events
    "province label": (125, 110, 140),  # provinces named when zoomed in: apart from the towns, as quiet
}
# A hexagon's fill by its count's class (eventmap/maps/hexes.py): classes from each break (1-9, 10-99, ...), and a
# sequential ramp, viridis reversed (light yellow for few events to dark purple for many): its lightness falls
# with the count, so the darkest hexagon is the densest, in grey and for colour-blind readers alike.
DENSITY_BREAKS = (1, 10, 100, 1_000, 10_000, 100_000)
DENSITY_COLOURS: tuple[RGB, ...] = (
    (253, 231, 37),
    (122, 209, 81),
    (34, 168, 132),
    (42, 120, 142),
    (65, 68, 135),
    (68, 1, 84),
)
DENSITY_ALPHA = 230  # nearly opaque: the class reads true, the borders beneath still show faintly
# The change map's levels (eventmap/compare_map.py), most to fewest, on ColorBrewer's RdBu (colour-blind safe): red
# more, blue fewer, darker further, the stable level grey; new (none in A) and gone (none in B) the darkest.
CHANGE_LEVELS = ("new", "large increase", "moderate increase", "limited change", "large decrease", "gone")
_RDBU: tuple[RGB, ...] = ((103, 0, 31), (214, 96, 77), (244, 165, 130), (186, 186, 186), (67, 147, 195), (5, 48, 97))
CHANGE_COLOURS: dict[str, RGB] = dict(zip(CHANGE_LEVELS, _RDBU))
PALETTE["cell outline"] = (255, 255, 255)
PALETTE["described events"] = CATEGORY_COLOURS["Attack"]  # the curated attacks set against the tallies
# The Briefing page's projector theme (eventmap/ui/briefing.py): a dark page, light type, and the map drawn dark.
# The map's names take the colour of the same key here; the land and sea pictures are multiplied by "basemap tint"
# (dark, the sea still bluer than the land). Callouts keep a colour no marker has.
PROJECTOR: dict[str, RGB] = {
    "background": (14, 17, 23),
    "text": (246, 246, 246),
    "muted text": (196, 202, 212),
    "button": (38, 44, 56),
    "basemap tint": (74, 80, 92),
    "place label": (250, 250, 250),
    "country label": (190, 190, 190),
    "sea label": (150, 200, 240),
    "town label": (170, 170, 160),
    "province label": (175, 165, 190),
    "callout label": (255, 200, 40),
    "callout shape": (0, 225, 225),
    "label halo": (0, 0, 0),
}
# How strongly an approximate place's area, and its outline, are painted over the map (0-255): light enough
# that the exactly placed events stay what the eye finds first.
AREA_ALPHA, AREA_LINE_ALPHA = 28, 170
# A country an event is placed to only: a faint fill (its mask, eventmap.maps.raster.render_country) and a hatch
# drawn by the browser (frontend/src/hatch.js), so that the basemap stays readable under it when zoomed in; its
# outline at AREA_LINE_ALPHA.
COUNTRY_FILL_ALPHA, COUNTRY_HATCH_ALPHA = 10, 85


def colour_of(category: str) -> RGB:
    return CATEGORY_COLOURS.get(category, PALETTE["fallback"])


def shape_of(category: str) -> str:
    return CATEGORY_SHAPES.get(category, FALLBACK_SHAPE)


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
