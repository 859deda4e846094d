"""Curated events as ACLED's export: its 31 columns, order and codes, and our columns it lacks carried in its tags.

The mapping from our columns to ACLED's is documented in data/README.md ("ACLED format"); each rule below
names the README line it implements. Rows that came from an ACLED file already hold ACLED's values and pass
through unchanged. Curated rows ACLED could not hold (no place, no country, a place that is only a country) are
left out, and said so (left_out_note).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from eventmap import acled_rules, formats, schema
from eventmap.actors import CIVILIANS, inter, interaction
from eventmap.columns import text_column
from eventmap.fatalities import FATALITIES_TAG

# ISO 3166-1 numeric code and ACLED region of the countries the curated data can name.
COUNTRIES = {
    "Iraq": 368,
    "Syria": 760,
    "Yemen": 887,
    "Iran": 364,
    "Jordan": 400,
    "Saudi Arabia": 682,
    "Kuwait": 414,
    "Israel": 376,
    "Lebanon": 422,
}
REGION = "Middle East"
# Events at sea: ACLED files the Houthi-era Red Sea and Gulf of Aden events in its Yemen data.
SEA_COUNTRY = {"Red Sea": "Yemen", "Gulf of Aden": "Yemen"}
SOURCE_SCALE = "International"  # both reports: English-language reports on US forces abroad
DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
CIVILIAN_TARGETING_TYPES = ("Violence against civilians", "Explosions/Remote violence")


def _number_text(values: pd.Series) -> pd.Series:
    return values.astype("Int64").astype("str").where(values.notna(), "")


def from_acled_file(frame: pd.DataFrame) -> pd.Series:
    """Rows that came from an ACLED file (they carry ACLED's own codes), as opposed to curated rows."""
    came = pd.Series(False, index=frame.index)
    for marker in schema.ACLED_MARKERS:
        came |= text_column(frame, marker).str.strip() != ""
    return came


# Our filter columns that ACLED lacks travel in tags as key=value, so an export loaded back filters the same.
CARRIED = ("theatre", "weapon", "target")
_ESCAPES = {"%": "%25", ";": "%3B", "=": "%3D"}
_ESCAPED = re.compile("|".join(_ESCAPES.values()))
_UNESCAPES = {escaped: char for char, escaped in _ESCAPES.items()}


def escape_tag(value: str) -> str:
    """A tag value that cannot break ACLED's ';'-separated list or our key=value: '%', ';' and '=' as %25, %3B, %3D."""
    return "".join(_ESCAPES.get(char, char) for char in value)


def carried(tags: pd.Series, key: str) -> pd.Series:
    """The value of our `key=` tag in each row's tags (unescaped), or NA where the row has none.

    The regular expression runs only on rows that hold `key=` at all: an export from ACLED has none, and a
    million rows of it must not pay for our tags."""
    tags = tags.astype("str")
    found = pd.Series(pd.NA, index=tags.index, dtype="str")
    candidates = tags.str.contains(f"{key}=", regex=False).to_numpy()
    if candidates.any():
        some = tags[candidates].str.extract(rf"(?:^|;)[ ]*{key}=([^;]*)", expand=False)
        found[candidates] = some.map(lambda v: _ESCAPED.sub(lambda m: _UNESCAPES[m.group(0)], v), na_action="ignore")
    return found


def _tags(frame: pd.DataFrame) -> pd.Series:
    """Our filter columns ACLED lacks, then precision areas, other date readings, source conflicts and unknown
    fatalities, as ACLED-style tags."""
    blank = pd.Series("", index=frame.index, dtype="str")
    parts: list[pd.Series] = []
    for key in CARRIED:
        value = text_column(frame, key).map(escape_tag).astype("str")
        parts.append((key + "=" + value).where(value != "", blank))
    geo = frame["geo_precision"].astype("Int64")
    time = frame["time_precision"].astype("Int64")
    parts.append(
        ("geo precision=" + geo.map(schema.GEO_PRECISION_WORDS, na_action="ignore")).where(geo > 1, blank).fillna("")
    )
    parts.append(blank.where(frame["latitude"].notna(), "location=not reported"))
    parts.append(
        ("date precision=" + time.map(schema.TIME_PRECISION_WORDS, na_action="ignore"))
        .where(time > 1, blank)
        .fillna("")
    )
    alt = pd.Series(formats.days(frame["alt_event_date"], formats.ISO), index=frame.index, dtype="str")
    parts.append(("other date reading=" + alt).where(alt != "", blank))
    conflict = text_column(frame, "source_conflict").str.replace(schema.LIST_SEPARATOR, ",", regex=False).str.strip()
    parts.append(("source conflict=" + conflict).where(conflict != "", blank))
    unknown = text_column(frame, schema.FATALITIES_REPORTED).str.strip() == schema.FATALITIES_UNKNOWN
    parts.append(blank.where(~unknown, FATALITIES_TAG))
    joined = pd.concat(parts, axis=1).apply(lambda row: "; ".join(p for p in row if p), axis=1)
    return joined.astype("str") if len(frame) else blank


def _country(frame: pd.DataFrame) -> pd.Series:
    """The country as ACLED records it: ours on land; for events at sea, the country ACLED files them under."""
    country = text_column(frame, "country").str.strip()
    at_sea = (country == "") & frame["latitude"].notna()
    return country.where(~at_sea, frame["theatre"].astype("str").map(SEA_COUNTRY).fillna(""))


QUOTED = "Quoted from the sources: "


def _notes(frame: pd.DataFrame) -> pd.Series:
    """Our notes, then the verbatim quotes: in ACLED's format too, every row traces to its sources' words."""
    notes, quotes = text_column(frame, "notes").str.strip(), text_column(frame, "source_quote").str.strip()
    joined = (notes + " " + QUOTED + quotes).str.strip()
    return joined.where(quotes != "", notes)


# ACLED columns whose values we hold typed (dates, codes, numbers), read off the schema's column kinds.
TYPED = tuple(c.name for c in schema.EVENT_COLUMNS if c.acled and c.kind != "text" and not c.label)


NO_EDIT_TIME = 0  # timestamp of a row the change log records no change to: the same data, the same bytes
NO_PLACE, NO_COUNTRY = "no place reported", "no country"
COUNTRY_ONLY = "placed only to a country: ACLED does not record events imprecise to the country level"


def edit_times(events: Path) -> dict[str, int]:
    """Unix seconds of each event's last change in the desk's change log beside `events` (none without a log)."""
    from eventmap.curate.log import read_entries
    from eventmap.curate.table import log_path

    times: dict[str, int] = {}
    for entry in read_entries(log_path(events)):
        event_id, when = str(entry.get("event_id") or ""), str(entry.get("time") or "")
        try:
            seconds = int(dt.datetime.fromisoformat(when).timestamp())
        except ValueError:
            continue
        if event_id:
            times[event_id] = max(times.get(event_id, NO_EDIT_TIME), seconds)
    return times


def left_out(frame: pd.DataFrame) -> pd.Series:
    """Why ACLED's format cannot hold each curated row ("" when it can); rows from an ACLED file always stay."""
    reason = pd.Series("", index=frame.index, dtype="str")
    if not len(frame):
        return reason
    reason = reason.mask(_country(frame) == "", NO_COUNTRY)
    reason = reason.mask(acled_rules.country_level(frame), COUNTRY_ONLY)
    reason = reason.mask(frame["latitude"].isna() | frame["longitude"].isna(), NO_PLACE)
    return reason.where(~from_acled_file(frame), "")


def left_out_note(frame: pd.DataFrame) -> str:
    """One line naming the rows the ACLED-format file leaves out, and why ("" when none is)."""
    reason = left_out(frame)
    out = reason[reason != ""]
    if out.empty:
        return ""
    ids = frame.loc[out.index, "event_id_cnty"].astype("str")
    parts = [f"{', '.join(ids[out == why])} ({why})" for why in pd.unique(out)]
    return f"Left out of the ACLED-format file, which ACLED could not hold them in: {'; '.join(parts)}."


def curated_as_acled(frame: pd.DataFrame, actors: pd.DataFrame, edited: int | Mapping[str, int]) -> pd.DataFrame:
    """ACLED's 31 columns for curated rows, from our columns and the mapping in data/README.md."""
    codes = dict(zip(actors["actor"], actors["inter_code"]))
    code1, label1 = inter(frame["actor1"], codes)
    code2, label2 = inter(frame["actor2"], codes)
    event_type = text_column(frame, "event_type")
    country = _country(frame)
    targeted = event_type.isin(CIVILIAN_TARGETING_TYPES) & (code2 == CIVILIANS).fillna(False).astype(bool)
    blank = pd.Series("", index=frame.index, dtype="str")
    columns = {name: frame[name] if name in TYPED else text_column(frame, name) for name in schema.ACLED_COLUMNS}
    columns.update(
        {
            "year": _number_text(frame["event_date"].dt.year),
            "disorder_type": event_type.map(DISORDER).fillna(""),
            "inter1": label1,
            "inter2": label2,
            "interaction": interaction(code1, code2),
            "civilian_targeting": blank.where(~targeted, "Civilian targeting"),
            "iso": _number_text(country.map(COUNTRIES)),
            "region": blank.where(country == "", REGION),
            "country": country,
            "source_scale": blank + SOURCE_SCALE,
            "tags": _tags(frame),
            "notes": _notes(frame),
            "timestamp": _timestamps(frame, edited),
            "assoc_actor_1": blank,
            "assoc_actor_2": blank,
            "admin2": blank,
            "admin3": blank,
        }
    )
    return pd.DataFrame(columns, columns=list(schema.ACLED_COLUMNS))


def _timestamps(frame: pd.DataFrame, edited: int | Mapping[str, int]) -> pd.Series:
    if isinstance(edited, Mapping):
        times = frame["event_id_cnty"].astype("str").map(edited).fillna(NO_EDIT_TIME)
        return times.astype("int64").astype("str")
    return pd.Series(str(int(edited)), index=frame.index, dtype="str")


def passed_through(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows from an ACLED file: ACLED's columns as the file gave them (dates and numbers as parsed); notes that the
    loader split into notes and quotes (our own export, loaded back) are joined again."""
    columns = {name: frame[name] if name in TYPED else text_column(frame, name) for name in schema.ACLED_COLUMNS}
    return pd.DataFrame({**columns, "notes": _notes(frame)}, columns=list(schema.ACLED_COLUMNS))


def split_notes(notes: pd.Series, tags: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Our export's notes ('<notes> Quoted from the sources: <quotes>') back into notes and quotes, on rows whose
    tags say our export wrote them (a theatre= tag); other rows' notes are left whole."""
    ours = (carried(tags, "theatre").notna() & notes.str.contains(QUOTED, regex=False)).to_numpy()
    quotes = pd.Series("", index=notes.index, dtype="str")
    if not ours.any():
        return notes, quotes
    head = notes[ours].str.partition(QUOTED)
    notes, quotes = notes.copy(), quotes.copy()
    notes[ours], quotes[ours] = head[0].str.rstrip(), head[2]
    return notes, quotes


def to_acled(frame: pd.DataFrame, actors: pd.DataFrame, edited: int | Mapping[str, int] | None = None) -> pd.DataFrame:
    """ACLED's export columns in ACLED's order, in the frame's row order, of the rows ACLED could hold (left_out);
    rows from an ACLED file keep their own values.

    `edited` is ACLED's timestamp (Unix seconds of the last edit) for curated rows, one for all or by id: by
    default each row's last change in the dataset folder's change log, NO_EDIT_TIME for a row it never changed
    (never a file's modification time: two copies of the same data export the same bytes).
    """
    if edited is None:
        edited = edit_times(schema.data_files().events)
    frame = frame[left_out(frame) == ""].reset_index(drop=True)
    theirs = from_acled_file(frame)
    parts = [curated_as_acled(frame[~theirs], actors, edited), passed_through(frame[theirs])]
    out = pd.concat([part for part in parts if len(part)] or parts[:1]).sort_index()
    for name in ("time_precision", "geo_precision"):
        out[name] = out[name].astype("Int64")
    return out.reset_index(drop=True)
