"""Playback as a state machine: play, pause, tick, stop at the end, and follow the filtered days."""

import datetime as dt

from eventmap.playback import Playback, interval_s

DAYS = [dt.date(2023, 11, 20) + dt.timedelta(days=i) for i in range(3)]


def test_play_ticks_through_the_days_and_stops_on_the_last():
    state = Playback().toggled(DAYS)
    assert state == Playback(DAYS[0], True)
    state = state.ticked(DAYS).ticked(DAYS)
    assert state == Playback(DAYS[2], True)
    assert state.ticked(DAYS) == Playback(DAYS[2], False)


def test_play_from_the_last_day_starts_over_and_pause_keeps_the_day():
    assert Playback(DAYS[2], False).toggled(DAYS) == Playback(DAYS[0], True)
    assert Playback(DAYS[1], True).toggled(DAYS) == Playback(DAYS[1], False)


def test_a_paused_tick_changes_nothing_and_a_day_outside_the_filter_goes_to_the_first():
    assert Playback(DAYS[1], False).ticked(DAYS) == Playback(DAYS[1], False)
    assert Playback(dt.date(1999, 1, 1), True).settled(DAYS) == Playback(DAYS[0], True)
    assert Playback(DAYS[1], True).settled([]) == Playback(None, False)
    assert Playback().toggled([]) == Playback(None, False)


def test_the_timer_runs_only_while_playing():
    assert interval_s(Playback(DAYS[0], False), "Fast (0.5 s a day)") is None
    assert interval_s(Playback(DAYS[0], True), "Fast (0.5 s a day)") == 0.5
    assert interval_s(Playback(DAYS[0], True), "no such speed") == 1.0
