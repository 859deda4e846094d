"""Altair charts of the filtered events: daily counts with the ceasefire, and curated events against the tallies."""

from __future__ import annotations

import altair as alt
import pandas as pd

from eventmap import formats, schema

BRUSH = "brush"
TALLY = schema.css(schema.PALETTE["reported tally"])
# Dates go to the browser as local midnight ("2023-12-03T00:00"): a bare "2023-12-03" is read as UTC midnight
# and would show as 2 December to a reader west of Greenwich.
DAY = "%Y-%m-%dT00:00"
SPLITS = {f.label: f.column for f in sorted(schema.CHOICE_FILTERS, key=lambda f: f.chart_split) if f.chart_split}
# What daily_counts and cumulative read of the events: the Timeline copies these columns of the filtered rows only.
TIMELINE_COLUMNS = tuple(dict.fromkeys(("event_date", "category", "theatre", *SPLITS.values())))

# The reported tallies the timeline sets the curated events against: tallies whose subject starts so, compared
# with the curated events of this category in the tallies' theatres.
TALLY_SUBJECT = "Attacks on US"
TALLY_CATEGORY = "Attack"


def _colour_scale(field: str, values: pd.Series) -> alt.Scale | None:
    if field != "category":
        return None
    present = [c for c in schema.CATEGORIES if c in set(values.astype(str))]
    return alt.Scale(domain=present, range=[schema.css(schema.colour_of(c)) for c in present])


def _days(dates: pd.Series) -> pd.Series:
    """Dates as DAY strings for the browser (formats.days: each distinct day formatted once), None where missing."""
    return pd.Series(formats.days(dates, DAY), index=dates.index, dtype="object").where(dates.notna(), None)


def daily_counts(frame: pd.DataFrame, field: str) -> pd.DataFrame:
    """Events per day and per value of `field`, dates as ISO strings."""
    if frame.empty:
        return pd.DataFrame(columns=["day", field, "events"])
    counts = (
        frame.groupby([frame["event_date"].dt.normalize().rename("day"), frame[field].astype(str)], observed=True)
        .size()
        .reset_index(name="events")
    )
    return counts.assign(day=_days(counts["day"]))


def timeline_chart(counts: pd.DataFrame, periods: pd.DataFrame, field: str) -> alt.LayerChart:
    """Stacked daily bars (daily_counts), the named periods as shaded bands, and an x-interval brush named BRUSH."""
    brush = alt.selection_interval(name=BRUSH, encodings=["x"])
    bands = pd.DataFrame(
        {
            "start": _days(periods["start"]),
            "end": _days(periods["end"] + pd.Timedelta(days=1)),
            "name": periods["name"],
        }
    )
    band = (
        alt.Chart(bands)
        .mark_rect(opacity=0.15, color=schema.css(schema.PALETTE["period band"]))
        .encode(x="start:T", x2="end:T", tooltip=[alt.Tooltip("name:N", title="Period")])
    )
    band_label = (
        alt.Chart(bands)
        .mark_text(align="left", dx=4, dy=8, baseline="top", color=schema.css(schema.PALETTE["period label"]))
        .encode(x="start:T", y=alt.value(0), text="name:N")
    )
    bars = (
        alt.Chart(counts)
        .mark_bar()
        .encode(
            x=alt.X("day:T", title="Date", timeUnit="yearmonthdate"),
            y=alt.Y("sum(events):Q", title="Events per day"),
            color=alt.Color(
                f"{field}:N", title=field.replace("_", " ").capitalize(), scale=_colour_scale(field, counts[field])
            ),
            tooltip=[
                alt.Tooltip("day:T", title="Day"),
                alt.Tooltip(f"{field}:N"),
                alt.Tooltip("events:Q", title="Events"),
            ],
        )
        .add_params(brush)
    )
    return alt.layer(band, bars, band_label).properties(height=320)


def compared_tallies(tallies: pd.DataFrame) -> pd.DataFrame:
    """The reported tallies of attacks on US forces (TALLY_SUBJECT)."""
    return tallies[tallies["subject"].str.startswith(TALLY_SUBJECT)]


def described_attacks(frame: pd.DataFrame, tallies: pd.DataFrame) -> pd.DataFrame:
    """Curated events comparable with the tallies: attacks (TALLY_CATEGORY) in the tallies' theatres."""
    theatres = {
        t.strip() for cell in compared_tallies(tallies)["theatre"] for t in str(cell).split(schema.LIST_SEPARATOR)
    }
    return frame[(frame["category"] == TALLY_CATEGORY) & frame["theatre"].isin(theatres)]


def cumulative(frame: pd.DataFrame, tallies: pd.DataFrame) -> pd.DataFrame:
    """The described attacks (described_attacks) up to each day: its last value is how many there are."""
    days = described_attacks(frame, tallies)["event_date"].dt.normalize()
    out = days.value_counts().sort_index().cumsum().rename("events").reset_index()
    out.columns = ["day", "events"]
    return out.assign(day=_days(out["day"]))


def total(described: pd.DataFrame) -> int:
    """How many attacks a cumulative line counts: its last value."""
    return int(described["events"].iloc[-1]) if len(described) else 0


def tally_chart(described: pd.DataFrame, tallies: pd.DataFrame) -> alt.LayerChart:
    """Reported aggregate counts (points at their as-of date, spans for period counts) over the line of the
    described attacks (cumulative)."""
    line = (
        alt.Chart(described)
        .mark_line(point=True, interpolate="step-after", color=schema.css(schema.PALETTE["described events"]))
        .encode(
            x=alt.X("day:T", title="Date"),
            y=alt.Y("events:Q", title="Attacks on US forces"),
            tooltip=[
                alt.Tooltip("day:T", title="Day"),
                alt.Tooltip("events:Q", title="Described in the reports, cumulative"),
            ],
        )
    )
    reported = tallies.assign(
        start=_days(tallies["period_start"]),
        end=_days(tallies["period_end"]),
        as_of=_days(tallies["as_of"]),
        label=tallies["qualifier"]
        + " "
        + tallies["count"].astype(str)
        + " ("
        + tallies["theatre"].str.replace(";", ", ")
        + ")",
        repeat=tallies.duplicated("count"),
    )[["tally_id", "subject", "count", "label", "start", "end", "as_of", "source", "theatre", "repeat"]]
    reported = reported[reported["tally_id"].isin(compared_tallies(tallies)["tally_id"])]
    tooltip = [
        alt.Tooltip("subject:N", title="Reported"),
        alt.Tooltip("label:N", title="Count"),
        alt.Tooltip("start:T", title="From"),
        alt.Tooltip("end:T", title="To"),
        alt.Tooltip("source:N"),
    ]
    spans = (
        alt.Chart(reported)
        .mark_rule(strokeWidth=3, color=TALLY)
        .encode(x="start:T", x2="end:T", y="count:Q", tooltip=tooltip)
    )
    points = (
        alt.Chart(reported)
        .mark_point(filled=True, size=70, color=TALLY)
        .encode(x="end:T", y="count:Q", tooltip=tooltip)
    )
    # A count reported twice (76 by both reports) gets its second label below the line, not on top of the first.
    labels = [
        alt.Chart(reported[reported["repeat"] == repeat])
        .mark_text(align="right", dx=-8, dy=12 if repeat else -8, color=TALLY)
        .encode(x="end:T", y="count:Q", text="label:N")
        for repeat in (False, True)
    ]
    return alt.layer(spans, points, *labels, line).properties(height=360)


def periods_phrase(periods: pd.DataFrame) -> str:
    """What the shaded bands are, read off periods.csv: 'Israel-Hamas temporary ceasefire, 24 Nov 2023 – 1 Dec 2023'."""
    return "; ".join(f"{row.name}, {formats.day(row.start)} – {formats.day(row.end)}" for row in periods.itertuples())


def headline_tally(tallies: pd.DataFrame) -> str | None:
    """The largest reported count of attacks on US forces, in words, read off tallies.csv (None if there is none)."""
    attacks = compared_tallies(tallies)
    if attacks.empty:
        return None
    row = attacks.sort_values(["count", "as_of"], ascending=False).iloc[0]
    where, subject = str(row["theatre"]).replace(";", " and "), str(row["subject"])
    since = f" since {formats.day(row['period_start'])}" if pd.notna(row["period_start"]) else ""
    return f"{row['qualifier']} {row['count']} {subject[:1].lower() + subject[1:]} ({where}){since}"


def brushed_dates(selection: dict | None) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The days whose bars a brush on the timeline touches, from st.altair_chart's selection state.

    The brush comes back in epoch milliseconds; a bar spans its day from midnight to midnight.
    """
    brushed = ((selection or {}).get("selection") or {}).get(BRUSH) or {}
    values = next(iter(brushed.values()), None) if brushed else None
    if not values or len(values) != 2:
        return None
    start, end = sorted(
        pd.to_datetime(v, unit="ms") if isinstance(v, (int, float)) else pd.Timestamp(v) for v in values
    )
    return start.floor("D"), (end - pd.Timedelta(milliseconds=1)).floor("D")
