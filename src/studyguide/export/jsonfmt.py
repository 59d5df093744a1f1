"""`--format json`: the unit as its guides print it (records.Export), for programs and tests."""

from __future__ import annotations

from . import Job, Result
from .jsonschema import dumps
from .printed import export as printed_export


def export(job: Job) -> Result:
    charts = job.charts if job.has_label_questions() else {}  # label blanks are numbered on the chart
    record = printed_export(job.unit, job.editions, job.versions, charts)
    questions = len(record.guides[0].questions) if record.guides else 0
    return Result(dumps(record), f"{len(record.guides)} guide(s), {questions} questions, "
                                 f"{len(record.key_terms)} terms, {len(record.events)} events, "
                                 f"{len(record.documents)} documents")
