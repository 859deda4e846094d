"""Every row traces to its sources: each cited source is known, each quote occurs verbatim in a cited source."""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from eventmap import schema
from eventmap.problems import Problem


def split_list(cell: str, separator: str = schema.LIST_SEPARATOR) -> list[str]:
    return [part.strip() for part in cell.split(separator) if part.strip()]


def normalise_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def citation_problems(
    cells: pd.DataFrame, path: str, known_sources: set[str] | None, source_texts: Mapping[str, str] | None
) -> tuple[list[Problem], np.ndarray]:
    """Each cited source is known; each quote occurs verbatim (white space aside) in a cited source, and each
    cited source is quoted. Row by row: only curated files carry quotes, and they are small."""
    problems: list[Problem] = []
    bad = np.zeros(len(cells), dtype=bool)
    texts = None if source_texts is None else {name: normalise_space(body) for name, body in source_texts.items()}
    rows = zip(cells["row_number"], cells["source"], cells["source_quote"])
    for i, (row, source_cell, quote_cell) in enumerate(rows):
        found: list[tuple[str, str]] = []
        cited = split_list(source_cell)
        quotes = [normalise_space(q) for q in quote_cell.split(schema.QUOTE_SEPARATOR.strip()) if q.strip()]
        if known_sources is not None:
            found += [
                ("source", f"cites a source that is not in sources.csv: {s!r}") for s in cited if s not in known_sources
            ]
        if not quotes:
            found.append(("source_quote", "required value is empty: quote the sentence that supports the row"))
        if texts is not None:
            missing = [s for s in cited if s not in texts]
            found += [("source", f"no text for this source in the sources folder: {s!r}") for s in missing]
            if not missing:
                found += [
                    ("source_quote", f"quote not found verbatim in the cited sources: {q[:80]!r}")
                    for q in quotes
                    if not any(q in texts[s] for s in cited)
                ]
                found += [
                    ("source_quote", f"no quote from cited source {s}")
                    for s in cited
                    if quotes and not any(q in texts[s] for q in quotes)
                ]
        problems += [Problem(path, int(row), column, message) for column, message in found]
        bad[i] = bool(found)
    return problems, bad
