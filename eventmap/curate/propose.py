"""The report proposes its events: sentences with an event verb, the dates they give, the places they name.

A candidate is a proposal for the Add form (quote, date with precision, place candidates, event type, actors'
words, fatalities in the report's words); nothing is saved without the editor's Save. The sentence is the
report's own text, so the quote is found verbatim by construction.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path

from eventmap.actors import actor_words, load_actors
from eventmap.curate.dates import resolve_dates
from eventmap.geocode.base import normalise
from eventmap.geocode.gazetteer import Gazetteer
from eventmap.problems import DataFileError
from eventmap.quotes import normalise_space

# verb -> (event_type, sub_event_type) proposed; the first verb of a sentence decides
REMOTE = "Explosions/Remote violence"
STRATEGIC = "Strategic developments"
VERBS = (
    (r"protest\w*|gathered|rall(?:y|ied)|marched|demonstrat\w*", "Protests", "Peaceful protest"),
    (
        r"shot down|intercept\w*|downed|destroyed (?:one|a|an|the|two|\w+) (?:\w+ )?drone",
        STRATEGIC,
        "Disrupted weapons use",
    ),
    (
        r"missiles? (?:were |was )?fired|fired (?:\w+ ){0,3}missiles?|rockets?|shell\w*|artillery",
        REMOTE,
        "Shelling/artillery/missile attack",
    ),
    (r"drones?|air ?strikes?|struck|strikes?|bomb\w*", REMOTE, "Air/drone strike"),
    (r"attack\w*|launch\w*|target\w*|fired|hit|engaged|killed|killing|destroyed", REMOTE, "Air/drone strike"),
)
_VERB = re.compile(
    r"\b(attack\w*|launch\w*|struck|strikes?|shot down|intercept\w*|killed|killing|destroyed|target(?:ed|ing)|"
    r"fired|engaged|hit|bomb\w*|shell(?:ed|ing)|downed|responded|protest\w*|gathered|rall(?:y|ied)|marched|demonstrat\w*)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“‘]?[A-Z0-9])")
_NUMBER = r"\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|no"
_FATALITIES = re.compile(
    rf"\b(?:kill(?:s|ed|ing)\s+(?:all\s+)?(?:{_NUMBER})(?:\s+[\w-]+)?"
    rf"|(?:{_NUMBER})\s+(?:[\w-]+\s+){{0,2}}?(?:were\s+)?(?:killed|dead|died)|no casualties)",
    re.IGNORECASE,
)


@dataclass
class Candidate:
    """One proposed event: the sentence (the quote), what it says, and where it sits in the report."""

    quote: str
    event_type: str
    sub_event_type: str
    dates: list[dict] = field(default_factory=list)  # phrase, date (ISO), time_precision, how
    places: list[dict] = field(default_factory=list)  # name, latitude, longitude, precision
    fatalities: str = ""  # in the report's words
    position: int = 0  # sentence number in the report, from 1
    actors: list[str] = field(default_factory=list)  # proposed by the words actors.csv gives, in order of mention

    def as_json(self) -> dict:
        return asdict(self)


def sentences(text: str) -> list[str]:
    """The report's sentences, white space folded; paragraph breaks end a sentence too."""
    found = []
    for paragraph in re.split(r"\n\s*\n|\r\n\s*\r\n", text):
        found += [s.strip() for s in _SENTENCE_END.split(normalise_space(paragraph)) if s.strip()]
    return found


def _kind(sentence: str) -> tuple[str, str]:
    for pattern, event_type, sub_event_type in VERBS:
        if re.search(pattern, sentence, re.IGNORECASE):
            return event_type, sub_event_type
    return REMOTE, "Air/drone strike"


def _places(sentence: str, gazetteer: Gazetteer | None) -> list[dict]:
    if gazetteer is None:
        return []
    words = f" {normalise(sentence)} "
    found, seen = [], set()
    for place in gazetteer.places:
        if place.name in seen:
            continue
        if any(f" {label} " in words for label in (normalise(n) for n in (place.name, *place.aliases)) if label):
            seen.add(place.name)
            found.append(
                {
                    "name": place.name,
                    "latitude": place.latitude,
                    "longitude": place.longitude,
                    "precision": place.precision,
                    "country": place.country,
                }
            )
    return found


def _actors(sentence: str, words: Mapping[str, tuple[str, ...]], places: list[dict]) -> list[str]:
    """The actors whose words the sentence uses, first mentioned first (who acted is usually named first). An
    actor named for a country ("Unidentified Armed Group (Iraq)") is proposed only where the place is in it."""
    countries = {place.get("country", "") for place in places} - {""}
    found = []
    for actor, names in words.items():
        at = [m.start() for w in names for m in re.finditer(rf"(?<![\w-]){re.escape(w)}(?![\w-])", sentence)]
        country = re.search(r"\(([^()0-9]+)\)$", actor)
        if at and (not country or not countries or country.group(1) in countries):
            found.append((min(at), actor))
    return [actor for _, actor in sorted(found)]


def known_actor_words(actors_csv: Path) -> dict[str, tuple[str, ...]]:
    """The words of each actor of an actors.csv (none when the file is missing or unreadable: no actor is then
    proposed, and validate says what is wrong with the file)."""
    try:
        return actor_words(load_actors(actors_csv))
    except (DataFileError, OSError, KeyError):
        return {}


def propose(
    text: str,
    published: dt.date,
    gazetteer: Gazetteer | None = None,
    actor_words: Mapping[str, tuple[str, ...]] | None = None,
) -> list[Candidate]:
    """Every sentence of the report with an event verb, as a candidate event, in the report's order; actors
    proposed from actor_words (actors.actor_words: each actor's words in actors.csv)."""
    candidates = []
    for number, sentence in enumerate(sentences(text), start=1):
        if not _VERB.search(sentence):
            continue
        quote = sentence.strip('"“”‘’ ')
        dates = [
            {"phrase": r.phrase, "date": r.date.isoformat(), "time_precision": r.time_precision, "how": r.how}
            for r in resolve_dates(quote, published)
        ]
        fatalities = _FATALITIES.search(quote)
        places = _places(quote, gazetteer)
        candidates.append(
            Candidate(
                quote,
                *_kind(quote),
                dates,
                places,
                fatalities.group(0).strip() if fatalities else "",
                number,
                _actors(quote, actor_words or {}, places),
            )
        )
    return candidates


def covers(candidates: list[Candidate], quote: str) -> bool:
    """Whether some candidate's sentence holds a passage of this quote (white space folded)."""
    passages = [normalise_space(p).strip(" .") for p in quote.split(" | ") if p.strip()]
    return any(passage and passage in normalise_space(c.quote) for c in candidates for passage in passages)
