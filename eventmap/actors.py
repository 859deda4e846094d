"""ACLED's actor types ('inter' codes): each actor's code from the dataset's actors.csv, and the inter1, inter2
and interaction columns of the ACLED export that they give."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from eventmap import schema
from eventmap.csvfile import read_cells

# ACLED's 'inter' codes as its current exports write them (text labels; the codebook numbers them 1-8).
INTER_LABELS = {
    1: "State forces",
    2: "Rebel group",
    3: "Political militia",
    4: "Identity militia",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other forces",
}
CIVILIANS = 7
ACTORS_COLUMNS = ("actor", "inter_code", "inter_label", "notes", "words")  # actors.csv's header; words optional


def load_actors(path: Path | None = None) -> pd.DataFrame:
    """actors.csv (by default the dataset folder's): each actor's ACLED inter code (an int) and label."""
    actors = read_cells(schema.data_files().actors if path is None else path)
    actors["actor"] = actors["actor"].str.strip()
    actors["inter_code"] = pd.to_numeric(actors["inter_code"].str.strip(), errors="coerce").astype("Int64")
    return actors


def actor_words(actors: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """Each actor and the words a report uses for it (actors.csv's `words`, separated by ';'), for the desk's
    proposals; an actor without words is never proposed."""
    if "words" not in actors.columns:
        return {}
    return {
        actor: tuple(word.strip() for word in str(words).split(schema.LIST_SEPARATOR) if word.strip())
        for actor, words in zip(actors["actor"], actors["words"])
        if str(words).strip()
    }


def missing_actors(frame: pd.DataFrame, actors: pd.DataFrame) -> list[str]:
    """Actors of the frame that the actor table does not code: their inter columns would be empty."""
    named = set(frame["actor1"].astype(str)) | set(frame["actor2"].astype(str))
    return sorted(named - {""} - set(actors["actor"]))


def inter(actor: pd.Series, codes: dict[str, int]) -> tuple[pd.Series, pd.Series]:
    """Each actor's inter code (NA when the table does not know it) and its label ('' then)."""
    code = actor.astype("str").map(codes).astype("Int64")
    return code, code.map(INTER_LABELS, na_action="ignore").fillna("")


def interaction(code1: pd.Series, code2: pd.Series) -> pd.Series:
    """ACLED's interaction: the two actor types, lower code first ('Political militia-External/Other forces')."""
    low, high = (
        np.fmin(code1.astype("float"), code2.astype("float")),
        np.fmax(code1.astype("float"), code2.astype("float")),
    )
    pair = pd.Series(
        [f"{INTER_LABELS[int(a)]}-{INTER_LABELS[int(b)]}" if a == a and b == b else "" for a, b in zip(low, high)],
        index=code1.index,
        dtype="str",
    )
    sole = code1.notna() & code2.isna()
    return pair.where(~sole, code1.map(INTER_LABELS, na_action="ignore").fillna("") + " only")
