"""Timeline playback as a small state machine: which day is shown, and whether it moves on by itself.

Pure values and transitions, so the page only lays the controls out and ui/playback.py only stores the state in the
session: a Play click, a timer tick and a change of the filtered days each give the next state.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

SPEEDS: dict[str, float] = {"Slow (2 s a day)": 2.0, "Normal (1 s a day)": 1.0, "Fast (0.5 s a day)": 0.5}
DEFAULT_SPEED = "Normal (1 s a day)"


@dataclass(frozen=True)
class Playback:
    """The day on screen and whether the timer moves it on."""

    day: dt.date | None = None
    playing: bool = False

    def settled(self, days: Sequence[dt.date]) -> Playback:
        """The same state on the days the filters now keep: a day that left the view goes back to the first."""
        if not days:
            return Playback(None, False)
        return self if self.day in days else replace(self, day=days[0])

    def toggled(self, days: Sequence[dt.date]) -> Playback:
        """Play or pause; playing again from the last day starts over from the first."""
        state = self.settled(days)
        if not days:
            return state
        if not state.playing and state.day == days[-1]:
            return Playback(days[0], True)
        return replace(state, playing=not state.playing)

    def ticked(self, days: Sequence[dt.date]) -> Playback:
        """One timer step while playing: the next day, or a stop on the last one."""
        state = self.settled(days)
        if not state.playing or not days:
            return state
        position = list(days).index(state.day)
        if position + 1 < len(days):
            return replace(state, day=days[position + 1])
        return replace(state, playing=False)


@dataclass(frozen=True)
class Controls:
    """What the page's controls chose: the days to play, the mode (None: playback off), the timer interval."""

    days: list[dt.date]
    mode: str | None
    run_every: float | None


def interval_s(state: Playback, speed: str) -> float | None:
    """Seconds between timer reruns, or None when nothing should rerun by itself."""
    return SPEEDS.get(speed, SPEEDS[DEFAULT_SPEED]) if state.playing else None


def caption(day: dt.date, events: int, one_day: bool) -> str:
    """What the map shows at this step, in words (markdown: the day is bold)."""
    return f"**{day:%A %d %B %Y}** — {events:,} event(s) {'on this day' if one_day else 'up to this day'}"
