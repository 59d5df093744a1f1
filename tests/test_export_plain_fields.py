"""Plain fields (section titles, other names) leave the guide as typed: an export shows
their stars as stars, as the printed guide does, instead of turning them into emphasis."""

from __future__ import annotations

import csv
import io
import zipfile

from studyguide.cli import main

UNIT = """\
title: Plain fields
sections:
  - title: "The *Kyakhta* trade"
    summary: "Tea and furs crossed the border at Kyakhta."
    timeline:
      - date: 1727
        label: Treaty of Kyakhta
    key_terms:
      - term: Kyakhta
        definition: "A border town where **tea** was traded."
        also: ["*Maimaicheng*"]
    questions:
      - type: true_false
        prompt: "Kyakhta was a border town."
        answer: true
"""


def test_plain_fields_export_as_typed(tmp_path):
    unit = tmp_path / "plain.yaml"
    unit.write_text(UNIT, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["export", "--format", "csv,moodle,qti", "-o", str(out), str(unit)]) == 0
    (row,) = list(csv.DictReader(io.StringIO((out / "plain-terms.csv").read_text(encoding="utf-8"))))
    values = list(row.values())
    assert "*Maimaicheng*" in values and "The *Kyakhta* trade" in values
    assert "A border town where tea was traded." in values  # a text field: markup removed
    moodle = (out / "plain-moodle.xml").read_text(encoding="utf-8")
    assert "The *Kyakhta* trade" in moodle  # the section's chart comes with its title
    assert "em>Kyakhta" not in moodle and "em&gt;Kyakhta" not in moodle
    with zipfile.ZipFile(out / "plain-qti.zip") as z:
        xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    assert "The *Kyakhta* trade" in xml
    assert "em>Kyakhta" not in xml and "em&gt;Kyakhta" not in xml
