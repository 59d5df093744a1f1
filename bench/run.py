"""`make bench`: build side by side, print a table, write bench/RESULTS.md.

Cases: the first unit cold and warm, a generated large unit (10/20/40 sections), a batch
of 20 generated units with -j 1 and -j 2, the plain-ReportLab baseline (bench/baseline.py),
one chart in a fresh process, and a no-op `make`. Every run is a fresh process timed by
bench/measure.py; the table shows medians. Then a cProfile of a cold and a warm build, and
the levers (bench/levers.py). Options: --runs N (default 5), --no-levers.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import levers  # noqa: E402
from levers import PY, ROOT, UNIT, bench_env  # noqa: E402

BENCH = ROOT / "bench"
SG = str(ROOT / ".venv" / "bin" / "studyguide")
MEASURE = str(BENCH / "measure.py")
CHART_PROCESS = """
import sys
from pathlib import Path
from studyguide.charts import ChartRequest, timeline_chart
from studyguide.fonts import load_fonts
from studyguide.layout.styles import Styles
from studyguide.validate import load_unit
unit, _ = load_unit(Path(sys.argv[1]))
styles = Styles(load_fonts(), paper=unit.paper)
timeline_chart(ChartRequest(tuple(unit.all_events()), unit.eras, styles.frame_width), styles.fonts, None)
"""


@dataclass
class Row:
    key: str
    case: str
    runs: list[dict] = field(default_factory=list)
    pages: str = ""
    kib: float = 0.0
    failed: str = ""
    others: float = 0.0  # cores busy with other processes meanwhile (from /proc/stat)

    @property
    def wall(self) -> float:
        return statistics.median(r["wall"] for r in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(r["cpu"] for r in self.runs)

    @property
    def peak(self) -> float:
        return max(r["peak_mib"] for r in self.runs)


def prime(cmd: list) -> dict:
    """An untimed first build (fills the chart cache); stops the benchmark if it fails."""
    r = measure(cmd)
    if r["rc"] != 0:
        sys.exit(f"bench: the build failed, so there is nothing to measure:\n{r['stderr']}")
    return r


def measure(cmd: list) -> dict:
    out = subprocess.run([PY, MEASURE, "--", *map(str, cmd)], capture_output=True, text=True,
                         env=bench_env(), cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def busy() -> tuple[float, float]:
    """CPU seconds the whole machine has been busy, and the time now."""
    v = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    return (sum(v) - v[3] - v[4]) / os.sysconf("SC_CLK_TCK"), time.perf_counter()


@dataclass
class Case:
    key: str
    case: str
    cmd: list
    before: object = None  # before(i): called untimed before run i
    pdfs: object = None    # the PDFs it writes: a list, or a function giving one


def interleave(cases: list[Case], runs: int) -> list[Row]:
    """Run the cases round-robin, so that each sees the same machine (others' load comes and goes)."""
    rows = [Row(c.key, c.case) for c in cases]
    b0, t0 = busy()
    for i in range(runs):
        for c, row in zip(cases, rows):
            if row.failed:
                continue
            if c.before:
                c.before(i)
            r = measure(c.cmd)
            row.runs.append(r)
            if r["rc"] != 0:
                row.failed = r["stderr"].strip().splitlines()[0] if r["stderr"].strip() else f"exit {r['rc']}"
    b1, t1 = busy()
    others = max(0.0, (b1 - b0 - sum(r["cpu"] for row in rows for r in row.runs)) / (t1 - t0))
    for c, row in zip(cases, rows):
        row.others = others
        if c.pdfs and not row.failed:
            files = sorted(c.pdfs() if callable(c.pdfs) else c.pdfs, key=lambda f: ("-teacher" in f.name, f.name))
            counts = [len(re.findall(rb"/Type\s*/Page(?![s\w])", f.read_bytes())) for f in files]
            row.pages = " + ".join(map(str, counts)) if len(counts) <= 2 else f"{sum(counts)} ({len(counts)} PDFs)"
            row.kib = sum(f.stat().st_size for f in files) / 1024
        print(f"  {row.case}: {row.wall:.2f} s{'  FAILED' if row.failed else ''}", flush=True)
    return rows


def build_cmd(out: Path, *paths, extra=()) -> list:
    return [SG, "build", "-q", "-o", out, *extra, *paths]


# --- the cases ------------------------------------------------------------------------

def first_unit(tmp: Path, runs: int) -> tuple[list[Row], dict]:
    info = {}
    base_pdf = tmp / "baseline" / "baseline.pdf"
    base_pdf.parent.mkdir()
    cold = tmp / "cold"
    unit = tmp / "warm" / UNIT.name
    unit.parent.mkdir()
    text = UNIT.read_text(encoding="utf-8")
    where = text.index("summary:")
    assert " the " in text[where:], "the first unit needs a summary with the word 'the'"

    def edit(i: int) -> None:  # change one word of the first summary: charts stay cached
        word = ("this", "that")[i % 2]
        unit.write_text(text[:where] + text[where:].replace(" the ", f" {word} ", 1), encoding="utf-8")

    out = tmp / "warm" / "out"
    shutil.copy(UNIT, unit)
    info["prime"] = prime(build_cmd(out, unit))  # fills the chart cache
    charts = set(out.joinpath(".cache").iterdir())
    rows = interleave([
        Case("baseline", "baseline: plain platypus, student (bench/baseline.py)",
             [PY, BENCH / "baseline.py", UNIT, base_pdf], pdfs=[base_pdf]),
        Case("cold", "first unit, cold: both editions, empty cache", build_cmd(cold, UNIT),
             before=lambda i: shutil.rmtree(cold, ignore_errors=True), pdfs=lambda: cold.glob("*.pdf")),
        Case("warm", "first unit, warm: both editions, one summary edited", build_cmd(out, unit), before=edit,
             pdfs=lambda: out.glob("*.pdf")),
        Case("warm-student", "first unit, warm: student edition only",
             build_cmd(out, unit, extra=["--edition", "student"]), before=edit, pdfs=[out / f"{UNIT.stem}.pdf"]),
        Case("chart", "one timeline chart in a fresh process (matplotlib, no cache)", [PY, "-c", CHART_PROCESS, UNIT]),
    ], runs)
    info["cache_hit"] = set(out.joinpath(".cache").iterdir()) == charts
    info["charts"] = len(charts)
    return rows, info


def gen(out: Path, sections: int, events: int, units: int = 1) -> list[Path]:
    p = subprocess.run([PY, BENCH / "gen.py", out, "--sections", str(sections), "--events", str(events),
                        "--units", str(units)], capture_output=True, text=True, check=True)
    paths = [Path(x) for x in p.stdout.split()]
    v = subprocess.run([SG, "validate", "--strict", *paths], capture_output=True, text=True)
    assert v.returncode == 0, v.stdout + v.stderr
    return paths


def large(tmp: Path, runs: int) -> tuple[list[Row], dict]:
    """40 sections (about 100 student pages, 200 events), and 10 and 20 for the growth."""
    cases, info = [], {}
    for n in (10, 20, 40):
        unit, = gen(tmp / "large", n, 5)
        out = tmp / "large" / f"out-{n}"
        info[f"prime{n}"] = prime(build_cmd(out, unit))  # cold, n=1: fills the chart cache
        cases.append(Case(f"large{n}", f"generated unit, warm: {n} sections, {5 * n} events, both editions",
                          build_cmd(out, unit), pdfs=lambda out=out: out.glob("*.pdf")))
        info[f"unit{n}"] = (unit, out)
    return interleave(cases, runs), info


def batch(tmp: Path, runs: int) -> tuple[list[Row], dict]:
    units = tmp / "batch" / "units"
    gen(units, 2, 5, units=20)
    out = tmp / "batch" / "out"
    info = {"prime": prime(build_cmd(out, units, extra=["-j", "2"]))}  # cold, fills the cache
    return interleave([Case(f"batch{j}", f"batch of 20 generated units (2 sections each), warm, -j {j}",
                            build_cmd(out, units, extra=["-j", str(j)]), pdfs=lambda: out.glob("*.pdf"))
                       for j in (1, 2)], runs), info


def noop_make(runs: int) -> tuple[list[Row], dict]:
    env = bench_env()
    info = {"first": subprocess.run(["make", "-s"], cwd=ROOT, env=env, capture_output=True, text=True).returncode}
    info["q"] = subprocess.run(["make", "-q"], cwd=ROOT, env=env).returncode  # 0: all up to date
    if shutil.which("strace"):
        log = Path(tempfile.mkstemp(suffix=".strace")[1])
        subprocess.run(["strace", "-f", "-qq", "-e", "trace=execve", "-o", log, "make"], cwd=ROOT, env=env,
                       capture_output=True)
        execs = [ln for ln in log.read_text().splitlines() if "execve(" in ln and "= 0" in ln]
        info["execs"] = len(execs)
        info["python"] = sum("python" in ln.split("execve(")[1].split(",")[0] for ln in execs)
        log.unlink()
    return interleave([Case("make", "no-op `make` in the repository (everything up to date)", ["make", "-s"])],
                      max(runs, 7)), info


# --- profile -------------------------------------------------------------------------

def profile(tmp: Path, top: int = 15) -> tuple[str, dict]:
    md, tops = [], {}
    unit = tmp / "warm" / UNIT.name  # primed by first_unit()
    for mode, out in (("cold", tmp / "prof-cold"), ("warm", tmp / "warm" / "out")):
        prof = tmp / f"{mode}.prof"
        subprocess.run([PY, "-m", "cProfile", "-o", prof, "-m", "studyguide", "build", "-q", "-o", out, unit],
                       env=bench_env(), capture_output=True, check=False)
        st = pstats.Stats(str(prof))
        st.sort_stats("cumulative")
        rows = []
        for func in st.fcn_list:
            cc, nc, tt, ct, _ = st.stats[func]
            name = _func(func)
            if WRAPPERS.match(name):  # the thin chain down to build_unit
                continue
            rows.append(f"| {ct:.3f} | {tt:.3f} | {nc} | `{name}` |")
            if len(rows) == top:
                break
        tops[mode] = st.total_tt
        cum = {_func(f).split("(")[-1].rstrip(")"): v[3] for f, v in st.stats.items()
               if _func(f).startswith(("studyguide/", "<frozen importlib._bootstrap>"))}
        total = cum.get("build_unit", st.total_tt)
        parts = [(label, cum.get(fn, 0.0)) for label, fn in (
            ("layout (render_editions)", "render_editions"), ("fonts (load_fonts)", "load_fonts"),
            ("charts (draw_charts)", "draw_charts"), ("load + validate (load_unit)", "load_unit"),
            ("imports inside build_unit (_find_and_load; overlaps the others)", "_find_and_load"))]
        md += [f"**{mode.capitalize()} build** of the first unit (both editions; total {st.total_tt:.2f} s under "
               "cProfile, which inflates call-heavy code). Of `build_unit`: "
               + ", ".join(f"{label} {v:.2f} s ({100 * v / total:.0f}%)" for label, v in parts) + ".", "",
               "| cumulative s | own s | calls | function |", "|---:|---:|---:|---|", *rows, ""]
    return "\n".join(md), tops


WRAPPERS = re.compile(r"<built-in method builtins\.exec>|<frozen runpy>|<string>|studyguide/(__main__|cli)\.py|"
                      r"studyguide/build\.py:\d+\((run_build|_report|_build_one)\)|"
                      r"<frozen importlib\._bootstrap(_external)?>:\d+\((?!_find_and_load\))")  # one line for imports


def _func(f: tuple) -> str:
    path, line, name = f
    if path == "~":
        return name
    p = path.replace(str(ROOT / "src") + "/", "")
    p = re.sub(r".*/site-packages/", "", p)
    p = re.sub(r".*/lib/python3\.\d+/", "", p)
    return f"{p}:{line}({name})"


# --- RESULTS.md ------------------------------------------------------------------------

def results(date, machine, load, elapsed, runs, table, rows, info, profile, levers, num) -> str:
    R = rows
    base, ws, cold, chart = R["baseline"], R["warm-student"], R["cold"], R["chart"]
    l10, l20, l40 = R["large10"], R["large20"], R["large40"]
    b1, b2 = (l20.wall - l10.wall) / 10, (l40.wall - l20.wall) / 20
    c1, c2 = (l20.cpu - l10.cpu) / 10, (l40.cpu - l20.cpu) / 20
    speedup = R["batch1"].wall / R["batch2"].wall
    ok = lambda cond: "**met**" if cond else "**not met**"  # noqa: E731
    others = max(r.others for r in R.values())
    shared = (" Other processes (other engineers' test runs) used up to "
              f"{others:.1f} of the 2 cores during some cases (column *others*), so wall times there are inflated "
              "and noisy; CPU s (user + sys of the measured process tree) is the steadier number.") if others > 0.3 else ""
    py_started = info.get("python")
    way = obstacles(num, R) if num else {}
    out = ["# Benchmark results (`make bench`)\n",
           f"{date}. Machine: {machine}. Load average (1 min): {load[0][0]:.1f} at the start, {load[1][0]:.1f} at "
           f"the end.{shared} The whole benchmark took {elapsed:.0f} s.\n",
           f"Each row: {runs} runs (no-op make: more), each a fresh process started by `bench/measure.py`, which "
           "times `subprocess.run` with `time.perf_counter` and reports the tree's `ru_maxrss` (with -j 2: the "
           "largest process, not the sum). Cases of one group run round-robin, so they share the machine's "
           "conditions. Medians; pages and sizes of the PDFs the case wrote (student + teacher). *others*: "
           "cores kept busy by other processes meanwhile (from /proc/stat). Warm: charts cached; for the first "
           "unit one word of a summary is changed before every run. Python runs with a bytecode cache "
           "(PYTHONPYCACHEPREFIX; see Levers (e)).\n",
           "## Table\n", table, "",
           "## Targets\n",
           "| target | measured | | what stands in the way, what it would take |", "|---|---|---|---|",
           f"| warm rebuild of the first unit's student edition ≤ 1.2 × baseline | {ws.wall:.2f} s vs "
           f"{base.wall:.2f} s: {ws.wall / base.wall:.2f}× wall, {ws.cpu / base.cpu:.2f}× CPU | {ok(ws.wall <= 1.2 * base.wall)} | "
           f"{way.get('warm', '')} |",
           f"| cold build ≤ baseline + one chart process | {cold.wall:.2f} s (both editions) vs {base.wall:.2f} + "
           f"{chart.wall:.2f} = {base.wall + chart.wall:.2f} s; CPU {cold.cpu:.2f} vs {base.cpu + chart.cpu:.2f} s "
           f"| {ok(cold.wall <= base.wall + chart.wall)} | {way.get('cold', '')} |",
           f"| large unit (40 sections, {l40.pages} pages) < 100 MiB peak | {l40.peak:.0f} MiB | {ok(l40.peak < 100)} | {way.get('memory', '')} |",
           f"| time grows linearly with sections (10, 20, 40) | per added section: {b1:.3f} s (10→20), "
           f"{b2:.3f} s (20→40) wall; {c1:.3f} / {c2:.3f} s CPU | {ok(abs(c2 - c1) <= 0.25 * max(c1, c2))} | |",
           f"| a batch uses every core; one model and one set of charts per unit | -j default = `os.cpu_count()` "
           f"(cli.py); -j 2 took {R['batch2'].wall:.2f} s, -j 1 {R['batch1'].wall:.2f} s ({speedup:.2f}×) "
           f"while other processes kept {R['batch2'].others:.1f} cores busy; `build_unit` parses once, "
           f"`draw_charts` once, `render_editions` shares both | "
           f"{ok(speedup >= 1.5) if R['batch2'].others < 0.5 else 'not measurable here (a core was taken)'} | "
           f"-j 2 used {R['batch2'].cpu / R['batch2'].wall:.1f} cores (CPU / wall) and {R['batch2'].cpu - R['batch1'].cpu:.2f} s "
           f"more CPU than -j 1 (each worker imports and loads fonts)"
           + (f"; with both cores free expect about {R['batch2'].cpu / 2:.1f} s, "
              f"{R['batch1'].wall / (R['batch2'].cpu / 2):.1f}× (estimate)" if R['batch2'].others >= 0.5 else "")
           + " |",
           f"| no-op `make` < 0.2 s without starting Python | {R['make'].wall * 1000:.0f} ms; `make -q` exit "
           f"{info.get('q')}; strace: {info.get('execs', '?')} programs run, {py_started if py_started is not None else '?'} "
           f"of them Python | {ok(R['make'].wall < 0.2 and info.get('q') == 0 and not py_started)} | |", "",
           "## Notes\n",
           f"- Warm really is warm: after the warm runs the chart cache held the same files as after the first build "
           f"({info.get('cache_hit')}), and matplotlib is not imported (Levers (a)).",
           f"- Cold (first build, n=1) of the generated units: 10 sections {info['prime10']['wall']:.2f} s, 20: "
           f"{info['prime20']['wall']:.2f} s, 40: {info['prime40']['wall']:.2f} s ({info['prime40']['peak_mib']:.0f} MiB); "
           f"the batch with -j 2 cold: {info['prime']['wall']:.2f} s.",
           "- The baseline prints the same text and fonts in one pass but leaves out what studyguide adds: "
           "validation, glyph check, page numbers in the contents and glossary, \"Page X of Y\", bookmarks and "
           "links, key-dates tables, sources, the teacher edition. Its chart is a ReportLab Drawing of about the "
           "real chart's size (no label layout).",
           "- Generated units (bench/gen.py) pass `studyguide validate --strict` (checked by every run); each section: "
           "about 330 words, 3 key terms (some with Chinese or Cyrillic names), 5 events, 5 questions; "
           "all seven question types occur.",
           f"- The cold row builds both editions and draws {info.get('charts', 'all')} charts in one process; "
           f"the cold-minus-warm CPU difference ({cold.cpu - R['warm'].cpu:.2f} s) is the cost of the charts "
           f"(matplotlib import + drawing), against {chart.cpu:.2f} s CPU for the one-chart process. Compared "
           f"with the baseline, which builds the student edition only, the cold build also lays out the teacher "
           f"edition ({R['warm'].cpu - ws.cpu:.2f} s CPU, warm both minus warm student).",
           "- Do not compare wall times across runs on a loaded machine; compare ratios within one run.", ""]
    out += ["## Profile (this run; the first run, before the levers, is in RESULTS-before.md)\n", "cProfile of one build in a fresh process (`python -m cProfile -m studyguide "
            "build`), top 15 by cumulative time after the chain cli → run_build → build_unit.\n", profile]
    if levers:
        out += ["## Levers\n", "Measured without changing src/ (bench/levers.py: monkeypatched timers in a fresh "
                "process, or plain measurements).\n", levers, "## Recommendations (priority order)\n", recommend(num, R)]
    return "\n".join(out) + "\n"


def obstacles(n: dict, R: dict) -> dict[str, str]:
    m, ws = n["warm"]["marks"], R["warm-student"]
    fixed = m["imports"] + m["load + validate"] + m["fonts"] + m["glyph check"]
    cold_student = R["cold"].cpu - (R["warm"].cpu - ws.cpu)
    second = f" and a second layout pass ({n['extra_pass_warm']:.2f} s)" if n["extra_pass_warm"] else ""
    return {
        "warm": f"{fixed:.2f} s of fixed cost per process (imports {m['imports']:.2f}, fonts {m['fonts']:.2f}, "
                f"validation {m['load + validate']:.2f}, glyph check {m['glyph check']:.2f}){second}, and a richer "
                f"document than the baseline's (links, outline, key-date tables); a rebuild inside a long-running "
                f"process took {n['rebuild']:.2f} s ({n['rebuild'] / R['baseline'].wall:.2f}× the baseline)",
        "cold": f"it builds the teacher edition too ({R['warm'].cpu - ws.cpu:.2f} s CPU): the student edition "
                f"cold is about {cold_student:.2f} s CPU vs {R['baseline'].cpu + R['chart'].cpu:.2f}"
                + (f"; the rest is {len(n['cold_pass_student'])} student passes "
                   f"({n['extra_pass_cold']:.2f} s for the extra ones)" if n["extra_pass_cold"] else
                   "; it draws every chart of the unit (one per section and the unit's) where the target counts one, and "
                   "validates, checks glyphs and adds links, outline and key-date tables"),
        "memory": f"fonts add {n['warm']['peak_mib']['fonts'] - n['warm']['peak_mib']['load + validate']:.0f} MiB "
                  f"(CJK fallbacks are parsed only when a unit has a character the book face and DejaVu lack)",
    }


def recommend(n: dict, R: dict) -> str:
    warm = n["warm"]
    large_pass = statistics.mean(n.get("pass_student_large") or [0])
    accel = (n["accel_base"] - n["accel_fast"]) / n["accel_base"] if "accel_base" in n else None
    m = warm["marks"]
    fixed = m["imports"] + m["load + validate"] + m["fonts"] + m["glyph check"]
    if n["extra_pass_warm"]:
        passes = (
            f"**One layout pass for the student edition** (`layout/document.render`, `render_editions`): "
            f"warm builds still spend {n['extra_pass_warm']:.2f} s on passes before the last (about "
            f"{large_pass:.2f} s per pass on the 100-page unit). Start from the last build's page references, "
            f"or print contents and glossary numbers as forms filled in at `save()` like \"Page X of Y\".")
    else:
        passes = (
            f"**One layout pass for first builds too** (`layout/document.render`, `layout/story.contents`, "
            f"`glossary`). Warm builds already take one pass per edition (page references kept from the last "
            f"build); a build without them lays the student edition out {len(n['cold_pass_student'])} times "
            f"({n['extra_pass_cold']:.2f} s extra on the first unit, about {large_pass:.2f} s per pass on the "
            f"100-page unit, and after any edit that moves a page). Printing contents and glossary page numbers "
            f"as forms filled in at `save()`, as \"Page X of Y\" already is (fixed width), makes every build one pass.")
    per_process = (
        f"**Per-process fixed cost** (`build.build_unit` before layout): imports + load/validate + fonts + glyph "
        f"check = {fixed:.2f} s of a {sum(m.values()):.2f} s warm build, paid per unit by the Makefile (one "
        f"`studyguide build` process per unit) and once per worker by `studyguide build DIR -j N`. Inside a "
        f"long-running process a student rebuild took {n['rebuild']:.2f} s (Levers (b)), "
        f"{n['rebuild'] / R['baseline'].wall:.1f}× the baseline's {R['baseline'].wall:.2f} s wall: a Makefile "
        f"rule that hands every out-of-date unit to one `studyguide build` call, or the `--watch` loop, pays it once.")
    rl = (f"**Install `rl_accel`** (pyproject: `reportlab[accel]`, i.e. rl_accel>=0.9,<1.1): "
          f"{-accel * 100:+.0f}% CPU on a warm student build here ({n['accel_base']:.2f} → {n['accel_fast']:.2f} s), "
          f"{100 * (statistics.mean(n['accel_pass']) / statistics.mean(n['pass_student']) - 1):+.0f}% per layout "
          f"pass (Levers (c)); no code change, but small: it speeds up string widths and number formatting, "
          f"while the time goes to paragraph line breaking in Python."
          if accel is not None else "**rl_accel**: not measured (could not be installed).")
    mpl = (f"**Cold builds: keep matplotlib for misses only** (already so: `charts/render.py` imports it inside "
           f"`record`). Its import is {n['mpl_import'] * 1000:.0f} ms per process; with -j N each worker that misses "
           f"pays it; drawing all of a unit's missing charts in one worker (or before forking) pays it once.")
    if n["extra_pass_warm"]:
        order = [passes, per_process, rl, mpl]
    elif n["extra_pass_cold"]:
        order = [per_process, passes, rl, mpl]
    else:  # every build is already one pass
        order = [per_process, rl, mpl]
    return "\n".join(f"{i}. {text}" for i, text in enumerate(order, 1)) + "\n"


# --- output --------------------------------------------------------------------------

def table(rows: list[Row], base: Row) -> str:
    out = ["| case | runs | wall median s (min-max) | CPU s | peak MiB | pages | size KiB | × baseline (wall / CPU) | others |",
           "|---|---:|---|---:|---:|---|---:|---:|---:|"]
    for r in rows:
        walls = [x["wall"] for x in r.runs]
        if r.failed:
            out.append(f"| {r.case} | {len(walls)} | FAILED: {r.failed[:110]} | | | | | | |")
            continue
        out.append(f"| {r.case} | {len(walls)} | {r.wall:.2f} ({min(walls):.2f}-{max(walls):.2f}) | {r.cpu:.2f} | "
                   f"{r.peak:.0f} | {r.pages} | {f'{r.kib:.0f}' if r.kib else ''} | {r.wall / base.wall:.2f} / "
                   f"{r.cpu / base.cpu:.2f} | "
                   f"{r.others:.1f} |")
    return "\n".join(out)


def machine() -> str:
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor())
    v = json.loads(subprocess.run([PY, "-c", "import json, sys, importlib.metadata as m; print(json.dumps("
                                   "[sys.version.split()[0], m.version('reportlab'), m.version('matplotlib')]))"],
                                  capture_output=True, text=True).stdout)
    return (f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}; Python {v[0]}, "
            f"reportlab {v[1]}, matplotlib {v[2]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--no-levers", action="store_true")
    a = ap.parse_args(argv)
    started, load0 = time.perf_counter(), os.getloadavg()
    subprocess.run([PY, "-c", "import studyguide.cli, studyguide.build, studyguide.validate, "
                    "studyguide.layout.document, studyguide.charts.render, matplotlib.figure, "
                    "reportlab.graphics.shapes"], env=bench_env(), check=True)  # fills the bytecode cache
    with tempfile.TemporaryDirectory(prefix="sg-bench-") as d:
        tmp = Path(d)
        print("measuring (each case: fresh processes, median of runs)", flush=True)
        rows, info = first_unit(tmp, a.runs)
        lrows, linfo = large(tmp, a.runs)
        brows, binfo = batch(tmp, a.runs)
        mrows, minfo = noop_make(a.runs)
        print("profiling", flush=True)
        prof_md, _ = profile(tmp)
        lever_md, num = ("", {}) if a.no_levers else (print("levers", flush=True) or
                                                       levers.report(tmp, a.runs, linfo["unit40"]))
    all_rows = rows + lrows + brows + mrows
    tbl = table(all_rows, rows[0])
    elapsed = time.perf_counter() - started
    print("\n" + tbl + "\n")
    text = results(date=datetime.datetime.now().strftime("%Y-%m-%d %H:%M"), machine=machine(),
                   load=(load0, os.getloadavg()), elapsed=elapsed, runs=a.runs, table=tbl,
                   rows={r.key: r for r in all_rows}, info={**info, **linfo, **binfo, **minfo}, profile=prof_md,
                   levers=lever_md, num=num)
    (BENCH / "RESULTS.md").write_text(text, encoding="utf-8")
    print(f"wrote bench/RESULTS.md ({elapsed:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
