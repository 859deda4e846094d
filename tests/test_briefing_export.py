"""`briefing export NAME --format pptx`: the deck read back with python-pptx, a slide per step with its picture,
its title and caption as text, its sources in the notes; bad input is one line and nothing written."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from pptx import Presentation

from eventmap import briefing, render, schema
from eventmap.cli import main
from tests.conftest import ROOT
from tests.sample import HOSTILE_NOTES, SOURCE_ID


@pytest.fixture
def folder(tmp_path, sample_dir, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(sample_dir, data)
    briefing.folder_of(data).mkdir()
    story = {
        "title": "Sample story",
        "steps": [
            {
                "title": "The first day",
                "caption": HOSTILE_NOTES,
                "filters": {"start": "2024-05-06", "end": "2024-05-06"},
                "callouts": [{"note": "The depot", "place": "Alpha Base", "source": SOURCE_ID}],
            },
            {"title": "Everything", "caption": "All the sample's events.", "filters": {}},
        ],
    }
    (briefing.folder_of(data) / "story.json").write_text(json.dumps(story, indent=2), encoding="utf-8")
    monkeypatch.setenv(schema.DATA_DIR_ENV, str(data))
    return data


def slide_texts(slide) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


@pytest.mark.skipif(not render.CHROMIUM.exists(), reason="the pictures are drawn by Chromium")
def test_the_deck_has_a_title_a_slide_per_step_and_the_sources(folder, tmp_path):
    """Run as a user runs it, in a process of its own: Playwright's sync API refuses to start inside the event loop
    that the browser tests' Chromium keeps open in this process."""
    target = tmp_path / "story.pptx"
    command = [sys.executable, "-m", "eventmap", "briefing", "export", "story", "--format", "pptx", "-o", str(target)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"wrote 2 steps of story to {target}"
    deck = Presentation(str(target))
    slides = list(deck.slides)
    assert len(slides) == 4 and deck.slide_width * 9 == deck.slide_height * 16
    assert "Sample story" in slide_texts(slides[0])
    first, second = slides[1], slides[2]
    assert slide_texts(first)[:2] == ["1. The first day", HOSTILE_NOTES]  # the caption as it is, editable text
    pictures = [shape for shape in first.shapes if shape.shape_type == 13]
    assert len(pictures) == 1 and pictures[0].image.content_type == "image/png"
    assert pictures[0].image.size == (1920, 1080)
    notes = first.notes_slide.notes_text_frame.text
    assert "Link: http://localhost:8501/?start=2024-05-06&end=2024-05-06" in notes and SOURCE_ID in notes
    assert slide_texts(second)[0] == "2. Everything" and "Sources:" not in second.notes_slide.notes_text_frame.text
    assert any(SOURCE_ID in text for text in slide_texts(slides[3]))


@pytest.mark.skipif(not render.CHROMIUM.exists(), reason="the pictures are drawn by Chromium")
def test_the_pdf_has_a_title_page_a_page_per_step_and_the_sources(folder, tmp_path):
    """In a process of its own, as the deck's test (Playwright's sync API)."""
    from pypdf import PdfReader

    target = tmp_path / "story.pdf"
    command = [sys.executable, "-m", "eventmap", "briefing", "export", "story", "--format", "pdf", "-o", str(target)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"wrote 2 steps of story to {target}"
    pages = PdfReader(str(target)).pages
    assert len(pages) == 2 + 2
    texts = [" ".join(page.extract_text().split()) for page in pages]
    assert "Sample story" in texts[0] and "A briefing in 2 steps" in texts[0]
    assert "1. The first day" in texts[1] and "2. Everything" in texts[2]
    assert '**bold** [link](http://198.51.100.7/) =HYPERLINK("x")' in texts[1]  # the caption as it is, as text
    assert SOURCE_ID in texts[1] and "Link: http://localhost:8501/?start=2024-05-06&end=2024-05-06" in texts[1]
    assert "none cited" in texts[2] and SOURCE_ID in texts[3] and "Method:" in texts[3]
    assert all(len(page.images) == 1 for page in pages[1:3]) and not len(pages[0].images)


def test_an_unknown_briefing_a_broken_one_or_a_bad_format_writes_nothing(folder, tmp_path, capsys):
    target = tmp_path / "out.pptx"
    assert main(["briefing", "export", "nope", "-o", str(target)]) == 1
    assert "briefing export: no briefing named 'nope'" in capsys.readouterr().err
    assert main(["briefing", "export", "story", "--format", "key", "-o", str(target)]) == 1
    assert "unknown format 'key'" in capsys.readouterr().err
    path = briefing.folder_of(folder) / "story.json"
    path.write_text(json.dumps({"title": "x", "steps": [{"title": "t", "caption": "c", "event": "SM-999"}]}))
    assert main(["briefing", "export", "story", "-o", str(target)]) == 1
    assert f"briefing export: {path}:1: event: no event 'SM-999' in the data" in capsys.readouterr().err
    assert not target.exists()


def test_a_pdf_over_its_own_briefing_into_a_folder_or_unwritable_writes_nothing(folder, tmp_path, capsys):
    path = briefing.folder_of(folder) / "story.json"
    before = path.read_bytes()
    assert main(["briefing", "export", "story", "--format", "pdf", "-o", str(path)]) == 1
    assert "refusing to write over the input file" in capsys.readouterr().err and path.read_bytes() == before
    assert main(["briefing", "export", "story", "--format", "pdf", "-o", str(tmp_path)]) == 1
    assert "is a folder" in capsys.readouterr().err
    assert main(["briefing", "export", "nope", "--format", "pdf", "-o", str(tmp_path / "x.pdf")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no briefing named 'nope'" in err and not (tmp_path / "x.pdf").exists()
