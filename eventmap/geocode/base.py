"""What every provider shares: query cleaning, name normalisation, ACLED precision, the result statuses.

Like geopy's geocoders/base.py, this module owns the rules; each provider module only adds its source.
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Literal

Status = Literal["found", "not found", "service unavailable"]
FOUND: Status = "found"
NOT_FOUND: Status = "not found"
UNAVAILABLE: Status = "service unavailable"

# No place name is longer; a longer "query" is a pasted paragraph and is answered "not found" without a look-up.
MAX_QUERY_CHARS = 200

KINDS = ("city", "base", "airfield", "sea area", "strait", "country")
SEA_KINDS = ("sea area", "strait")
REGION_KINDS = ("country", *SEA_KINDS)  # regions: the map names them apart from the places with events
# Past this radius a sea area is a whole sea (ACLED precision 3) rather than a part of one (2).
PART_OF_SEA_MAX_KM = 300.0
# Past this radius a base's point is only near the base, not on it.
SITE_MAX_KM = 5.0

_SPACES = frozenset({"Cc", "Zs", "Zl", "Zp"})
_DROPPED = frozenset({"Cf", "Co", "Cs", "Cn"})  # invisible format marks, private use, surrogates, unassigned
_TAG = re.compile(r"<[^>]{0,200}>")
_APOSTROPHES = re.compile(r"['’‘`´ʻʼʽʾʿ]")
_NOT_WORD = re.compile(r"[^\w]+")
# Arabic articles as transliterated (al-Asad, el-Mandeb, ar-Rutba, as-Sakhar, at-Tanf...), and English "the".
_ARTICLES = frozenset({"al", "el", "il", "ul", "ar", "as", "ad", "at", "an", "az", "ash", "ath", "adh", "the"})
# Spelling variants of facility words, longest first.
_PHRASES = (
    ("air force base", "airbase"),
    ("air base", "airbase"),
    ("air field", "airfield"),
    ("landing zone", "lz"),
    ("mission support site", "mss"),
)
_TOKENS = {"ab": "airbase", "afb": "airbase"}


def clean_query(text: object) -> str:
    """The query as a person meant it: HTML and entities removed, control characters dropped, spaces collapsed.

    This is what is shown and sent to an online service; an empty result means there is nothing to look up.
    """
    if not isinstance(text, str):
        return ""
    text = html.unescape(_TAG.sub(" ", text))
    text = "".join(
        " " if unicodedata.category(ch) in _SPACES else ch for ch in text if unicodedata.category(ch) not in _DROPPED
    )
    return unicodedata.normalize("NFC", " ".join(text.split()))


def normalise(text: object) -> str:
    """The matching key of a place name: case, accents, articles, hyphens, apostrophes and facility words folded.

    'Ayn al-Asad AB', 'AIN AL ASAD AIR BASE' and 'Ain al-Asad airbase' all give 'ayn asad airbase' /
    'ain asad airbase'. Non-Latin scripts are kept (Arabic vowel marks dropped), so Arabic aliases match too.
    """
    text = clean_query(text)
    if not text or len(text) > MAX_QUERY_CHARS:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in decomposed if not unicodedata.combining(ch) and ch != "\u0640")  # 0640: tatweel
    text = _APOSTROPHES.sub("", text)
    text = " ".join(_NOT_WORD.sub(" ", text).replace("_", " ").split())
    for phrase, replacement in _PHRASES:
        text = re.sub(rf"\b{phrase}\b", replacement, text)
    words = [_TOKENS.get(word, word) for word in text.split()]
    kept = [w for i, w in enumerate(words) if not (w in _ARTICLES and i + 1 < len(words))]
    return " ".join(kept or words)


def precision_for(kind: str, radius_km: float) -> int:
    """ACLED geo_precision for a gazetteer place: 1 the named place, 2 part of / near it, 3 a larger area.

    Cities and small bases and airfields are points (1); a base whose point is only known within more than
    SITE_MAX_KM is 2; a strait or a part of a sea is 2; a whole sea or a country is 3.
    """
    if kind == "country":
        return 3
    if kind in SEA_KINDS:
        return 3 if radius_km > PART_OF_SEA_MAX_KM else 2
    if kind == "city":
        return 1
    return 1 if radius_km <= SITE_MAX_KM else 2


def precision_for_radius(radius_km: float | None, kind: str | None) -> int:
    """ACLED geo_precision for an online result, from its extent: a town is 1, a district 2, a region or country 3."""
    if kind in ("country", "state", "sea", "ocean"):
        return 3
    if radius_km is None:
        return 2
    if radius_km <= 25:
        return 1
    return 2 if radius_km <= 100 else 3
