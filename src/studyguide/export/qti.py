"""`--format qti`: an IMS QTI 1.2 package as Canvas (classic quizzes), Schoology and
Brightspace import it: `imsmanifest.xml`, the assessment XML and the images.

Items carry Canvas's `question_type` and `points_possible` metadata. Types: multiple
choice, true/false, fill in the blank (Canvas's "short answer", `response_str`), essays
(short answers too: they are written, not matched), matching (one `response_lid` per left
item); label-the-timeline becomes matching under its chart. QTI 1.2 has no ordering
question and no field only graders see: ordering questions and the model answers of
essays are left out, and the summary line says so. Each section with a chart or figures
starts with a text-only item showing them. Explanations are the general feedback.
"""

from __future__ import annotations

import hashlib
import io
import xml.etree.ElementTree as ET
import zipfile

from .. import model as m
from ..charts.chart import ChartKey
from ..points import points_of
from ..shuffle import layout_seed, shown_order
from . import Job, Result
from .gift import name as question_name, one_line
from .markup import as_typed_html, escape_html, html, text
from .media import Media, label_chart, section_media
from .printed import number_questions

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
FILEBASE = "$IMS-CC-FILEBASE$"  # Canvas resolves it to the package's files
MEDIA_DIR = "web_resources"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed, so the same unit gives the same bytes


def ident(*parts: object) -> str:
    """A stable identifier from the unit and the item (re-imports replace, not pile up)."""
    return "g" + hashlib.sha256("\x00".join(map(str, parts)).encode("utf-8")).hexdigest()[:24]


def _mat(parent: ET.Element, value_html: str) -> None:
    ET.SubElement(ET.SubElement(parent, "material"), "mattext", {"texttype": "text/html"}).text = value_html


def image_html(media: Media) -> str:
    src = escape_html(f"{FILEBASE}/{MEDIA_DIR}/{media.name}")
    img = f'<img src="{src}" alt="{escape_html(media.alt)}">'
    caption = f"<p>{html(media.caption)}</p>" if media.caption else ""
    return f"<p>{img}</p>{caption}"


class Assessment:
    def __init__(self, job: Job):
        self.job = job
        self.slug = job.unit.slug
        self.media: list[Media] = []
        self.left_out: list[str] = []
        self.no_model_answer: list[int] = []
        self.root = ET.Element("questestinterop", {"xmlns": QTI_NS})
        self.assessment = ET.SubElement(self.root, "assessment",
                                        {"ident": ident(self.slug, "assessment"),
                                         "title": one_line(job.unit.title)})
        self.section = ET.SubElement(self.assessment, "section", {"ident": "root_section"})

    def item(self, key: str, title: str, qtype: str, points: int, prompt_html: str,
             media: list[Media] = ()) -> tuple[ET.Element, ET.Element]:  # type: ignore[assignment]
        item = ET.SubElement(self.section, "item", {"ident": ident(self.slug, key), "title": title})
        meta = ET.SubElement(ET.SubElement(item, "itemmetadata"), "qtimetadata")
        for label, entry in (("question_type", qtype), ("points_possible", str(points))):
            f = ET.SubElement(meta, "qtimetadatafield")
            ET.SubElement(f, "fieldlabel").text = label
            ET.SubElement(f, "fieldentry").text = entry
        presentation = ET.SubElement(item, "presentation")
        _mat(presentation, prompt_html + "".join(image_html(f) for f in media))
        self.media += media
        return item, presentation

    @staticmethod
    def processing(item: ET.Element, feedback: str | None) -> ET.Element:
        rp = ET.SubElement(item, "resprocessing")
        ET.SubElement(ET.SubElement(rp, "outcomes"), "decvar",
                      {"maxvalue": "100", "minvalue": "0", "varname": "SCORE", "vartype": "Decimal"})
        if feedback:
            cond = ET.SubElement(rp, "respcondition", {"continue": "Yes"})
            ET.SubElement(ET.SubElement(cond, "conditionvar"), "other")
            ET.SubElement(cond, "displayfeedback", {"feedbacktype": "Response", "linkrefid": "general_fb"})
        return rp

    @staticmethod
    def score(rp: ET.Element, respident: str, value: str, points: str, action: str = "Set") -> None:
        cond = ET.SubElement(rp, "respcondition", {"continue": "No" if action == "Set" else "Yes"})
        ET.SubElement(ET.SubElement(cond, "conditionvar"), "varequal", {"respident": respident}).text = value
        ET.SubElement(cond, "setvar", {"action": action, "varname": "SCORE"}).text = points

    @staticmethod
    def feedback(item: ET.Element, q: m.QuestionBase) -> None:
        if q.explanation:
            fb = ET.SubElement(item, "itemfeedback", {"ident": "general_fb"})
            _mat(ET.SubElement(fb, "flow_mat"), html(q.explanation))

    def choices(self, presentation: ET.Element, respident: str, options: list[tuple[str, str]],
                label_html: str | None = None) -> None:
        lid = ET.SubElement(presentation, "response_lid", {"ident": respident, "rcardinality": "Single"})
        if label_html is not None:
            _mat(lid, label_html)
        render = ET.SubElement(lid, "render_choice")
        for oid, value_html in options:
            _mat(ET.SubElement(render, "response_label", {"ident": oid}), value_html)

    def question(self, q: m.Question, number: int) -> None:
        title, points = question_name(q, number), points_of(q)
        key = f"q{number}"
        prompt = self.job.sources.before(q) + html(q.prompt)  # the document it is about comes with it
        if isinstance(q, (m.MultipleChoice, m.TrueFalse)):
            if isinstance(q, m.MultipleChoice):
                qtype, options, right = "multiple_choice_question", [html(c) for c in q.choices], q.answer
            else:
                qtype, options, right = "true_false_question", ["True", "False"], 0 if q.answer else 1
            item, pres = self.item(key, title, qtype, points, prompt)
            ids = [ident(self.slug, key, "choice", i) for i in range(len(options))]
            self.choices(pres, "response1", list(zip(ids, options)))
            self.score(self.processing(item, q.explanation), "response1", ids[right], "100")
        elif isinstance(q, m.FillInBlank):
            item, pres = self.item(key, title, "short_answer_question", points, prompt)
            fib = ET.SubElement(ET.SubElement(pres, "response_str", {"ident": "response1",
                                                                     "rcardinality": "Single"}), "render_fib")
            ET.SubElement(fib, "response_label", {"ident": "answer1", "rshuffle": "No"})
            self.score(self.processing(item, q.explanation), "response1", text(q.answer), "100")
        elif isinstance(q, (m.ShortAnswer, m.Essay)):
            item, pres = self.item(key, title, "essay_question", points, prompt)
            fib = ET.SubElement(ET.SubElement(pres, "response_str", {"ident": "response1",
                                                                     "rcardinality": "Single"}), "render_fib")
            ET.SubElement(fib, "response_label", {"ident": "answer1", "rshuffle": "No"})
            rp = self.processing(item, q.explanation)
            ET.SubElement(ET.SubElement(ET.SubElement(rp, "respcondition", {"continue": "No"}),
                                        "conditionvar"), "other")
            self.no_model_answer.append(number)
        elif isinstance(q, (m.Matching, m.LabelTimeline)):
            if isinstance(q, m.Matching):
                media: list[Media] = []
                lefts = [html(p.left) for p in q.pairs]
                rights = [p.right for p in q.pairs]
                shown = shown_order(q, layout_seed(self.job.unit.slug, None))  # as the guide prints them
            else:
                media = [label_chart(self.job, q)]
                blanks = self.job.charts[ChartKey(exercise=q.chart_key, mode="blanks")].blanks
                lefts = [escape_html(f"({num})") for num, _ in blanks]
                rights = [label for _, label in blanks]
                shown = list(range(len(rights)))
            item, pres = self.item(key, title, "matching_question", points, prompt, media)
            ids = [ident(self.slug, key, "right", i) for i in range(len(rights))]
            for i, left in enumerate(lefts):
                self.choices(pres, f"response_{i + 1}", [(ids[k], html(rights[k])) for k in shown], left)
            rp = self.processing(item, q.explanation)
            share = f"{100 / len(lefts):.4f}"
            for i in range(len(lefts)):
                self.score(rp, f"response_{i + 1}", ids[i], share, action="Add")
        else:  # ordering: QTI 1.2 has no such item
            self.left_out.append(f"{number} ({q.kind.replace('_', ' ')})")
            return
        self.feedback(item, q)

    def intro(self, index: int, section: m.Section) -> None:
        media = section_media(self.job, index, section)
        if media:
            self.item(f"s{index + 1}", one_line(section.title), "text_only_question", 0,
                      f"<p>{as_typed_html(section.title)}</p>", media)

    def notes(self) -> tuple[str, ...]:
        out = []
        if self.left_out:
            out.append(f"left out, QTI 1.2 has no such type: {', '.join(self.left_out)}")
        if self.no_model_answer:
            out.append("model answers of " + ", ".join(map(str, self.no_model_answer))
                       + " left out: QTI 1.2 has no field only graders see")
        return tuple(out)


def manifest(slug: str, xml_path: str, media_paths: list[str]) -> ET.Element:
    root = ET.Element("manifest", {"identifier": ident(slug, "manifest"), "xmlns": CP_NS})
    meta = ET.SubElement(root, "metadata")
    ET.SubElement(meta, "schema").text = "IMS Content"
    ET.SubElement(meta, "schemaversion").text = "1.1.3"
    ET.SubElement(root, "organizations")
    resources = ET.SubElement(root, "resources")
    res = ET.SubElement(resources, "resource", {"identifier": ident(slug, "assessment"),
                                                "type": "imsqti_xmlv1p2"})
    ET.SubElement(res, "file", {"href": xml_path})
    for path in media_paths:
        ET.SubElement(res, "dependency", {"identifierref": ident(slug, path)})
    for path in media_paths:
        r = ET.SubElement(resources, "resource", {"identifier": ident(slug, path), "type": "webcontent",
                                                  "href": path})
        ET.SubElement(r, "file", {"href": path})
    return root


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def export(job: Job) -> Result:
    unit = job.unit
    a = Assessment(job)
    current = object()
    count = 0
    for number, section, q in number_questions(unit):
        if section != current:
            current = section
            if section:
                a.intro(section - 1, unit.sections[section - 1])
        a.question(q, number)
        count += 1
    folder = ident(unit.slug, "assessment")
    xml_path = f"{folder}/{folder}.xml"
    media_paths = [f"{MEDIA_DIR}/{f.name}" for f in a.media]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        entries = [("imsmanifest.xml", _xml(manifest(unit.slug, xml_path, media_paths))),
                   (xml_path, _xml(a.root))] + list(zip(media_paths, (f.data for f in a.media)))
        for name, data in entries:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    kept = count - len(a.left_out)
    return Result(buf.getvalue(), f"{kept} questions", a.notes())
