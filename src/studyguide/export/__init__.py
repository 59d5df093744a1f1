"""Exports of a unit for other tools: learning platforms (QTI, Moodle XML, GIFT),
flashcard apps (Anki, CSV) and programs (JSON).

Each format is one small module with one function, `export(job) -> Result`: a single
mapping from the typed model to the target. `FORMATS` lists them; `studyguide export`
(see `run.py`) writes one file per unit and format.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable, Literal

from .. import model as m
from ..charts.chart import Charts

Needs = Literal["questions", "terms", "nothing"]


@dataclass(frozen=True)
class Format:
    name: str
    suffix: str    # after the unit's slug: NAME.json, NAME-qti.zip
    needs: Needs   # what a unit must have for this format to mean anything
    module: str    # studyguide.export.<module> has export(job) -> Result
    what: str      # for --help and the README

    def exporter(self) -> Callable[["Job"], "Result"]:
        return importlib.import_module(f"{__name__}.{self.module}").export

    def file_name(self, slug: str) -> str:
        return slug + self.suffix


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("qti", "-qti.zip", "questions", "qti", "IMS QTI 1.2 package (Canvas, Schoology, Brightspace)"),
    Format("moodle", "-moodle.xml", "questions", "moodle", "Moodle XML questions"),
    Format("gift", ".gift", "questions", "gift", "GIFT text (Moodle)"),
    Format("anki", ".apkg", "terms", "anki", "Anki deck of the key terms"),
    Format("csv", "-terms.csv", "terms", "csvterms", "key terms as CSV (Quizlet, spreadsheets)"),
    Format("json", ".json", "nothing", "jsonfmt", "the unit as printed, for programs"),
)}


@dataclass(frozen=True)
class Result:
    data: bytes
    count: str                      # "12 questions", "30 terms"
    notes: tuple[str, ...] = ()     # what the format could not carry, for the summary line


@dataclass
class Job:
    """One unit to export, with what every format may ask of it (charts drawn on demand)."""

    unit: m.Unit                    # with its generated timeline exercises
    editions: tuple[str, ...] = ("student", "teacher")
    versions: int = 0
    cache_dir: Path | None = None   # the chart cache
    _charts: Charts | None = field(default=None, repr=False)

    @cached_property
    def styles(self):
        from ..fonts import load_fonts
        from ..layout.styles import Styles

        return Styles(load_fonts(), paper=self.unit.paper)

    @property
    def charts(self) -> Charts:
        """The guide's timeline charts, as the unversioned guide prints them."""
        if self._charts is None:
            from ..charts.stage import draw_charts

            st = self.styles
            self._charts = draw_charts(self.unit, st.fonts, st.frame_width, st.scale, self.cache_dir,
                                       st.chart_height)
        return self._charts

    @cached_property
    def sources(self):
        """What precedes each question's text in a quiz: the document it is about."""
        from .documents import Sources

        return Sources(self.unit)

    def has_label_questions(self) -> bool:
        return any(isinstance(q, m.LabelTimeline) for q in self.unit.all_questions())
