"""Generate realistic, valid study-guide units for the benchmark.

    python bench/gen.py OUTDIR [--sections 40] [--units 1]

Each section has a summary of about 330 words (three paragraphs, bold key terms), three key
terms (some with Chinese or Cyrillic 'also' names, so font fallback is exercised), five
timeline events (spans, years, days) and five questions cycling through all seven types;
every key term is used by a question, so `studyguide validate --strict` passes.
40 sections: about 100 student pages and 200 events. Deterministic (seeded).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import yaml

PLACES = ["the Amber Coast", "Veldmark", "the Salt Marshes", "Koraban", "the River Istel", "Dunmore",
          "the Northern Passes", "Ostrava Bay", "the Grey Hills", "Talinor", "the Eastern Steppe",
          "Port Meridian", "the Lake Country", "Harrowgate", "the Iron Valley", "Selvany"]
PEOPLE = ["Queen Aldra", "the merchant Ivo Petrak", "General Osric Vane", "the scholar Mei Lan",
          "Chancellor Borin", "the envoy Tomas Reyes", "King Hadric II", "the reformer Anja Kessel",
          "Admiral Corvin", "the bishop Elias Marr", "the poet Sun Yiren", "Duke Leopold of Ammer"]
GROUPS = ["the guilds", "the river towns", "the frontier lords", "the coastal traders", "the peasants",
          "the city councils", "the monasteries", "the royal court", "the mountain clans", "the bankers"]
NOUNS = ["trade", "taxation", "the harvest", "the army", "the treaty", "the railway", "the printing press",
         "the border", "the navy", "the grain market", "the constitution", "the census", "the new roads"]
VERBS = ["weakened", "strengthened", "reshaped", "threatened", "divided", "united", "undermined",
         "financed", "delayed", "accelerated", "exposed", "protected"]
ADJ = ["uneasy", "lasting", "fragile", "costly", "remarkable", "bitter", "quiet", "sudden", "long"]
TERM_HEADS = ["Charter", "League", "Compact", "Reform", "Revolt", "Council", "Edict", "Tariff",
              "Settlement", "Crisis", "Accord", "Assembly", "Toll", "Code", "Embargo", "Mission"]
ALSO = [["盐湖协定"], ["Соляной договор"], ["old toll"], ["北方联盟", "Northern League"],
        ["Железная хартия"], ["the Accord"]]

SENTENCES = [
    "In {year}, {person} argued that {noun} had {verb} {group} more than any war.",
    "Historians still disagree about why {noun} {verb} {group} so quickly after {year}.",
    "The **{term}** changed the balance between {group} and {group2}, at least for a generation.",
    "Few people in {place} expected that {noun} would become the centre of an {adj} dispute.",
    "Letters from {place} show that {group} saw {noun} as a threat rather than a promise.",
    "When {person} visited {place}, crowds complained about {noun} and the price of bread.",
    "The result was an {adj} compromise: {group} kept their privileges, but {noun} was shared.",
    "By {year2}, travellers reported that {place} had changed beyond recognition.",
    "The lesson drawn by {group} was simple: a partner that helps you today may charge you tomorrow.",
    "Modern textbooks often give {person} the credit, although {group2} did most of the work.",
]


class Gen:
    def __init__(self, seed: int):
        self.r = random.Random(seed)

    def pick(self, seq):
        return self.r.choice(seq)

    def sentence(self, term: str, year: int) -> str:
        g1, g2 = self.r.sample(GROUPS, 2)
        return self.pick(SENTENCES).format(
            year=year, year2=year + self.r.randint(2, 15), person=self.pick(PEOPLE), noun=self.pick(NOUNS),
            verb=self.pick(VERBS), group=g1, group2=g2, place=self.pick(PLACES), adj=self.pick(ADJ), term=term)

    def summary(self, terms: list[str], year: int) -> str:
        paras = []
        for p in range(3):
            sents = [self.sentence(terms[p % len(terms)], year + p * 3) for _ in range(5)]
            sents.insert(1, f"This is where the **{terms[p % len(terms)]}** enters the story.")
            paras.append(" ".join(s[0].upper() + s[1:] for s in sents))
        return "\n\n".join(paras)


def section(g: Gen, i: int, year: int, events: int) -> dict:
    place = PLACES[i % len(PLACES)]
    terms = [f"{g.pick(TERM_HEADS)} of {place.removeprefix('the ')} {i + 1}-{k + 1}" for k in range(3)]
    key_terms = []
    for k, t in enumerate(terms):
        kt = {"term": t, "definition": g.sentence(t, year).rstrip(".") + ", as the sources of the period describe it."}
        if (i + k) % 3 == 0:
            kt["also"] = g.pick(ALSO) + [f"{t} (short)"]
        key_terms.append(kt)
    timeline = []
    for e in range(events):
        y = year + e * 2
        ev = {"date": y, "label": f"{g.pick(TERM_HEADS)} at {g.pick(PLACES).removeprefix('the ')}",
              "detail": g.sentence(terms[e % 3], y)}
        if e % 4 == 1:
            ev["end"] = y + 3
        elif e % 4 == 2:
            ev["date"] = f"{y}-{(e % 12) + 1:02d}-{(i % 27) + 1:02d}"
        timeline.append(ev)
    kinds = ["multiple_choice", "true_false", "short_answer", "fill_in_blank", "matching", "ordering", "essay"]
    questions = []
    for q in range(5):
        kind = kinds[(i + q) % len(kinds)]
        t = terms[q % 3]
        if kind == "multiple_choice":
            # short choices of their own: a sentence that copies a key term's definition is what
            # the question-bank lint warns about (and validate --strict refuses)
            changes = ("It moved the frontier", "It opened a trade route", "It ended a war", "It founded a port")
            choices = [f"{c} in {year + k}" for k, c in enumerate(changes)]
            qd = {"prompt": f"What did the {t} change?", "choices": choices, "answer": "A"}
        elif kind == "true_false":
            qd = {"prompt": f"The {t} was signed before {year + 5}.", "answer": bool(q % 2)}
        elif kind == "short_answer":
            qd = {"prompt": f"Explain in two sentences why the {t} mattered to {g.pick(GROUPS)}.",
                  "answer": g.sentence(t, year), "lines": 3}
        elif kind == "essay":
            qd = {"prompt": f"How far did the {t} reshape {place}? Use evidence from this section.",
                  "answer": g.sentence(t, year) + " " + g.sentence(t, year + 4), "lines": 6}
        elif kind == "fill_in_blank":
            qd = {"prompt": f"The agreement of {year} is known as the ___ ({place}).", "answer": t}
        elif kind == "matching":
            qd = {"prompt": f"Match each person with their role in the story of the {t}.",
                  "pairs": [{"left": p, "right": f"{g.pick(VERBS)} {n} ({year + k})"}
                            for k, (p, n) in enumerate(zip(g.r.sample(PEOPLE, 4), g.r.sample(NOUNS, 4)))]}
        else:
            steps = [f"{ev['label']} ({str(ev['date'])[:4]})" for ev in timeline[:4]]
            if len(steps) < 2:
                steps = [f"{n.capitalize()} is {v} ({year + k})" for k, (n, v) in enumerate(zip(NOUNS, VERBS[:4]))]
            qd = {"prompt": f"Put these events of the {t} in order, earliest first.", "items": steps}
        questions.append({"type": kind, **qd, "points": 1 + q % 3,
                          "explanation": f"See the paragraph about the {t}."})
    return {"title": f"{g.pick(ADJ).capitalize()} {g.pick(TERM_HEADS).lower()}s in {place} ({year}-{year + 10})",
            "summary": g.summary(terms, year), "key_terms": key_terms, "timeline": timeline,
            "questions": questions}


def unit(sections: int, seed: int = 1, events: int = 5) -> dict:
    g = Gen(seed)
    start = 1700
    secs = [section(g, i, start + i * 8, events) for i in range(sections)]
    end = start + sections * 8 + 10
    step = (end - start) // 4
    return {
        "title": f"Rivers, Roads and Rulers: A History in {sections} Chapters",
        "subtitle": "A generated unit for the studyguide benchmark",
        "course": "World History II", "audience": "Grades 10-12", "author": "bench/gen.py",
        "edition": f"seed {seed}", "language": "en",
        "objectives": [g.sentence("charter", start) for _ in range(5)],
        "introduction": g.summary(["Charter", "League", "Compact"], start),
        "sources": [{"title": "A History of the Amber Coast", "author": "R. Example", "publisher": "Bench Press",
                     "date": 2001, "note": "Invented for the benchmark."}],
        "eras": [{"label": f"{g.pick(ADJ).capitalize()} era {k + 1}", "start": start + k * step,
                  "end": start + (k + 1) * step - 1} for k in range(4)],
        "sections": secs,
        "questions": [
            {"type": "essay", "prompt": "Which turning point of this unit mattered most? Argue your view.",
             "answer": g.sentence("treaty", start), "lines": 12, "points": 10},
            {"type": "ordering", "prompt": "Put these sections in order.",
             "items": [s["title"] for s in secs[:5]], "points": 2},
        ],
    }


def write(out_dir: Path, sections: int, seed: int = 1, name: str | None = None, events: int = 5) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / (name or f"generated-{sections}x{events}.yaml")
    text = yaml.safe_dump(unit(sections, seed, events), sort_keys=False, allow_unicode=True, width=100)
    path.write_text("# generated by bench/gen.py\n" + text, encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out_dir", type=Path)
    p.add_argument("--sections", type=int, default=40)
    p.add_argument("--events", type=int, default=5, help="timeline events per section")
    p.add_argument("--units", type=int, default=1, help="several units with different seeds")
    a = p.parse_args(argv)
    for k in range(a.units):
        name = f"unit-{k + 1:02d}.yaml" if a.units > 1 else None
        print(write(a.out_dir, a.sections, seed=k + 1, name=name, events=a.events))
    return 0


if __name__ == "__main__":
    sys.exit(main())
