"""`--format csv`: the key terms as term, definition, also, section (Quizlet, spreadsheets).

Plain text (markup removed), UTF-8, a header row, RFC 4180 quoting and CRLF line ends.
Other names of a term (`also`) are joined with "; ".
"""

from __future__ import annotations

import csv
import io

from . import Job, Result
from .markup import text

HEADER = ("term", "definition", "also", "section")


def export(job: Job) -> Result:
    buf = io.StringIO(newline="")
    out = csv.writer(buf, lineterminator="\r\n")
    out.writerow(HEADER)
    terms = job.unit.all_terms()
    for section, t in terms:
        out.writerow((text(t.term), text(t.definition), "; ".join(t.also),
                      section.title))  # plain fields: as typed, like the guide
    return Result(buf.getvalue().encode("utf-8"), f"{len(terms)} terms")
