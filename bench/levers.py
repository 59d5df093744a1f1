"""Measure the known levers without changing src/: each probe runs in a fresh process.

    python bench/levers.py phases UNIT OUTDIR   # one build, phase by phase, as JSON
    python bench/levers.py                      # every lever on the first unit (markdown)

(a) matplotlib: is it imported by a cold / a warm build, and what does importing it cost;
(b) layout passes: time of each multiBuild-style pass and of its save(), against the build;
(c) rl_accel: is reportlab's C extension in use, and what it gives (installed into a
    throw-away folder with pip --target when missing; the venv is not touched);
(d) fonts: load_fonts() per process, and each font file's parse time;
(e) imports: `python -X importtime` of a warm build, by top-level package, with and
    without a bytecode cache for src/.
`run.py` calls `report()`; numbers are medians of fresh processes unless marked n=1.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
UNIT = ROOT / "content" / "china-russia-relations.yaml"
RLACCEL_DIR = Path(tempfile.gettempdir()) / "studyguide-bench-rlaccel"


# --- probe: one build, phase by phase (runs inside a fresh process) -------------------

def phases(unit_path: str, out_dir: str) -> dict:
    """`build_unit` of both editions with a timer around each stage it calls, then a second,
    student-only rebuild in the same process (what a long-running process would pay)."""
    import importlib
    import resource

    from reportlab.pdfgen.canvas import Canvas

    t0 = time.perf_counter()
    from studyguide.build import BuildOptions, build_unit
    from studyguide.layout import document
    marks: dict[str, float] = {"imports": 0.0}
    peak: dict[str, float] = {}
    stages = [("studyguide.validate", "load_unit", "load + validate"), ("studyguide.fonts", "load_fonts", "fonts"),
              ("studyguide.glyphs", "glyph_problems", "glyph check"), ("studyguide.charts.stage", "draw_charts", "charts"),
              ("studyguide.layout.document", "render_editions", "layout"), ("studyguide.writer", "write_atomic", "write")]
    for mod_name, fn_name, label in stages:  # build_unit imports these by name when it runs
        mod = importlib.import_module(mod_name)
        if hasattr(mod, fn_name):
            setattr(mod, fn_name, _timed(getattr(mod, fn_name), label, marks, peak))
    marks["imports"] = time.perf_counter() - t0
    peak["imports"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    passes: list[dict] = []  # one entry per layout pass, with its save() time
    build, save = document.GuideDoc.build, Canvas.save

    def timed_build(self, *a, **k):
        t = time.perf_counter()
        passes.append({"edition": "teacher" if "teacher" in self.title else "student", "save": 0.0})
        build(self, *a, **k)
        passes[-1]["total"] = time.perf_counter() - t

    def timed_save(self):
        t = time.perf_counter()
        save(self)
        if passes:
            passes[-1]["save"] += time.perf_counter() - t

    document.GuideDoc.build, Canvas.save = timed_build, timed_save
    t = time.perf_counter()
    result = build_unit(Path(unit_path), BuildOptions(out_dir=Path(out_dir)))
    marks["other"] = time.perf_counter() - t - sum(v for k, v in marks.items() if k != "imports")
    mpl = "matplotlib" in sys.modules
    n, marks, peak = len(passes), dict(marks), dict(peak)  # the rebuild below adds to the originals
    t = time.perf_counter()
    build_unit(Path(unit_path), BuildOptions(out_dir=Path(out_dir), editions=("student",)))
    rebuild = time.perf_counter() - t
    return {"marks": marks, "peak_mib": peak, "passes": passes[:n], "matplotlib": mpl,
            "rebuild": rebuild, "rebuild_passes": len(passes) - n,
            "pages": {Path(o.path).name: o.pages for o in result.outputs}}


def _timed(fn, label: str, marks: dict, peak: dict):
    import resource

    def wrapper(*a, **k):
        t = time.perf_counter()
        try:
            return fn(*a, **k)
        finally:
            marks[label] = marks.get(label, 0.0) + time.perf_counter() - t
            peak.setdefault(label, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)  # after its first call
    return wrapper


# --- helpers ------------------------------------------------------------------------

def bench_env(extra: dict | None = None) -> dict:
    """The environment of every measured process: a bytecode cache outside the source tree
    (this sandbox sets PYTHONDONTWRITEBYTECODE, so src/ would be compiled on every run)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "PYTHONDONTWRITEBYTECODE")}
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "studyguide-bench-pycache")
    env.update(extra or {})
    return env


def run_json(cmd: list[str], env: dict | None = None) -> dict:
    p = subprocess.run(cmd, capture_output=True, text=True, env=env or bench_env(), cwd=ROOT)
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{p.stderr[-2000:]}")
    return json.loads(p.stdout.strip().splitlines()[-1])


def probe(unit: Path, out: Path, env: dict | None = None) -> dict:
    return run_json([PY, __file__, "phases", str(unit), str(out)], env)


def measured(cmd: list[str], env: dict | None = None) -> dict:
    return run_json([PY, str(ROOT / "bench" / "measure.py"), "--", *cmd], env)


def best(probes: list[dict]) -> dict:
    """Fastest of several probes, phase by phase and pass by pass (noise only ever adds time)."""
    out = dict(probes[0])
    out["marks"] = {k: min(p["marks"][k] for p in probes) for k in probes[0]["marks"]}
    out["passes"] = [min((p["passes"][i] for p in probes), key=lambda x: x["total"])
                     for i in range(min(len(p["passes"]) for p in probes))]
    out["rebuild"] = min(p["rebuild"] for p in probes)
    return out


def importtime(code: str, env: dict, *args: str) -> tuple[dict[str, float], dict[str, float]]:
    """`-X importtime` in ms by top-level package: (self time at any depth, cumulative of
    the imports not nested in another)."""
    p = subprocess.run([PY, "-X", "importtime", "-c", code, *args], capture_output=True, text=True,
                       env=env, cwd=ROOT)
    own: dict[str, float] = {}
    top: dict[str, float] = {}
    for line in p.stderr.splitlines():
        if not line.startswith("import time:") or "imported package" in line:
            continue
        self_us, cum_us, mod = line.removeprefix("import time:").split("|")  # name indented 2 per level
        root = mod.strip().split(".")[0]
        own[root] = own.get(root, 0.0) + int(self_us) / 1000
        if len(mod) - len(mod.lstrip()) == 1:
            top[root] = top.get(root, 0.0) + int(cum_us) / 1000
    return own, top


def ms(x: float) -> str:
    return f"{x * 1000:.0f} ms"


# --- the report ---------------------------------------------------------------------

def report(tmp: Path, runs: int = 5, large_unit: tuple[Path, Path] | None = None) -> tuple[str, dict]:
    """Run every lever; return markdown and the numbers run.py's recommendations use."""
    env = bench_env()
    num: dict = {}
    md: list[str] = []
    work = tmp / "levers"
    work.mkdir(parents=True, exist_ok=True)

    # (a) + (b) + (d): phases of a cold and a warm build of the first unit
    cold = probe(UNIT, work / "cold", env)
    warm = best([probe(UNIT, work / "cold", env) for _ in range(3)])
    num.update(cold=cold, warm=warm)
    code = ("import sys; from studyguide.cli import main; main(['build', '-q', '-o', sys.argv[1], sys.argv[2]]); "
            "print(json.dumps('matplotlib' in sys.modules))")
    code = "import json; " + code
    mpl_cold = run_json([PY, "-c", code, str(work / "mpl-cold"), str(UNIT)])
    run_json([PY, "-c", code, str(work / "mpl-warm"), str(UNIT)])
    mpl_warm = run_json([PY, "-c", code, str(work / "mpl-warm"), str(UNIT)])
    mpl_ms = importtime(code, env, str(work / "imp-cold"), str(UNIT))[1].get("matplotlib", 0.0) / 1000
    num["mpl_import"] = mpl_ms
    cold_charts, warm_charts = cold["marks"]["charts"], warm["marks"]["charts"]
    md += ["### (a) matplotlib on cold and warm builds", "",
           f"- `'matplotlib' in sys.modules` after a build through `studyguide.cli.main`: cold **{mpl_cold}**, "
           f"warm **{mpl_warm}**. The cache-hit path (`charts.timeline_chart` → `cache.load`) never imports it.",
           f"- Importing matplotlib (and numpy, PIL, etc. under it) in a cold build: **{ms(mpl_ms)}** "
           f"(`-X importtime`, n=1); the whole charts stage: cold {ms(cold_charts)}, warm {ms(warm_charts)}.",
           "- So the lever \"do not import matplotlib when every chart is cached\" is already in place; "
           "a cold build pays it once per process (a batch with -j N pays it N times).", ""]

    # (b) passes
    def pass_rows(ph: dict, label: str) -> list[str]:
        return [f"| {label} | {p['edition']} | {p['total']:.3f} | {p['save']:.3f} |" for p in ph["passes"]]

    def student(ph: dict) -> list[float]:
        return [p["total"] for p in ph["passes"] if p["edition"] == "student"]

    num["pass_student"], num["cold_pass_student"] = student(warm), student(cold)
    num["extra_pass_warm"] = sum(student(warm)[:-1])  # passes before the last one
    num["extra_pass_cold"] = sum(student(cold)[:-1])
    num["rebuild"] = warm["rebuild"]
    lay_w, total_w = warm["marks"]["layout"], sum(warm["marks"].values())
    md += ["### (b) layout passes", "",
           "| build | edition | pass (s) | of which save() (s) |", "|---|---|---:|---:|",
           *pass_rows(cold, "first unit, cold (no page hints)"), *pass_rows(warm, "first unit, warm")]
    if large_unit is not None:  # (unit, its output folder with the charts cached)
        large = best([probe(*large_unit, env) for _ in range(2)])
        md += pass_rows(large, "large (40 sections), warm")
        num["large"] = large
        num["pass_student_large"] = student(large)
    md += ["", f"- First unit, warm, fresh process (`build_unit` with a timer around each stage): layout "
           f"{lay_w:.2f} s of {total_w:.2f} s; " + ", ".join(f"{k} {v:.3f} s" for k, v in warm["marks"].items())
           + f". Pages: {warm['pages']}.",
           f"- Student layout passes: cold {len(student(cold))} ({sum(student(cold)):.2f} s), warm "
           f"{len(student(warm))} ({sum(student(warm)):.2f} s).",
           f"- A second build in the same process (student edition only, nothing imported or parsed again): "
           f"{warm['rebuild']:.2f} s in {warm['rebuild_passes']} pass(es)."]
    if large_unit is not None:
        md.append(f"- Large unit, warm: layout {large['marks']['layout']:.2f} s of {sum(large['marks'].values()):.2f} s; "
                  f"one student pass ≈ {statistics.mean(num['pass_student_large']):.2f} s for "
                  f"{min(large['pages'].values())} pages; peak RSS after each stage (MiB): "
                  + ", ".join(f"{k} {v:.0f}" for k, v in large["peak_mib"].items()) + ".")
    md.append("")

    # (c) rl_accel
    def accel_state(e: dict) -> int:
        return run_json([PY, "-c", "import json; from reportlab.lib import rl_accel; "
                         "print(json.dumps(len(rl_accel._c_funcs)))"], e)

    native = accel_state(env)
    md += ["### (c) reportlab's rl_accel", ""]
    accel_env = None
    if native:
        md.append(f"- rl_accel is in use in the venv ({native} C functions).")
    else:
        if not (RLACCEL_DIR / "_rl_accel.py").exists() and not any(RLACCEL_DIR.glob("_rl_accel*.so")):
            subprocess.run([PY, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                            "--target", str(RLACCEL_DIR), "rl_accel>=0.9,<1.1"], capture_output=True)
        accel_env = bench_env({"PYTHONPATH": str(RLACCEL_DIR)})
        with_c = accel_state(accel_env) if any(RLACCEL_DIR.glob("_rl_accel*")) else 0
        md.append(f"- Not in use: `_rl_accel` is not installed (reportlab {_version('reportlab')}, "
                  f"`reportlab.lib.rl_accel._c_funcs` is empty; every helper is the pure-Python one).")
        if with_c:
            out = work / "accel"
            cmd = [str(ROOT / ".venv" / "bin" / "studyguide"), "build", "-q", "--edition", "student", "-o",
                   str(out), str(UNIT)]
            measured(cmd, env)
            pairs = [(measured(cmd, env)["cpu"], measured(cmd, accel_env)["cpu"]) for _ in range(runs)]
            base, fast = (statistics.median(x) for x in zip(*pairs))  # interleaved: same machine load
            ph = best([probe(UNIT, work / "cold", accel_env) for _ in range(3)])
            sp = [p["total"] for p in ph["passes"] if p["edition"] == "student"]
            num.update(accel_base=base, accel_fast=fast, accel_pass=sp)
            md.append(f"- With `rl_accel` on PYTHONPATH ({with_c} C functions: fp_str, escapePDF, "
                      f"instanceStringWidthTTF, ...): warm build of the student edition {base:.2f} s → {fast:.2f} s CPU "
                      f"(median of {runs}, interleaved, {100 * (fast - base) / base:+.0f}%); one student pass "
                      f"{statistics.mean(num['pass_student']):.3f} s → {statistics.mean(sp):.3f} s.")
        else:
            md.append("- Could not install rl_accel with pip here, so its effect was not measured.")
    md.append("")

    # (d) fonts
    font_files = run_json([PY, "-c", FONT_PROBE], env)
    num["fonts"] = warm["marks"]["fonts"]
    num["font_files"] = font_files
    top = sorted(font_files.items(), key=lambda kv: -kv[1][0])
    md += ["### (d) fonts", "",
           f"- `load_fonts()` in a fresh process: {ms(warm['marks']['fonts'])} (warm build), "
           f"{ms(cold['marks']['fonts'])} (cold); a second call is free (`lru_cache`).",
           "- Parse time and memory per file (TTFont + its cmap as a frozenset, fresh process; memory is the "
           "growth of peak RSS, so approximate): "
           + ", ".join(f"{Path(k).name} {ms(t)} / {m:.0f} MiB" for k, (t, m) in top) + ".",
           f"- Glyph check (every character of the unit against the chains): {ms(warm['marks']['glyph check'])}.",
           ""]

    # (e) imports
    mods = ("import studyguide.cli, studyguide.build, studyguide.validate, studyguide.fonts, "
            "studyguide.glyphs, studyguide.charts.stage, studyguide.layout.document, studyguide.writer, "
            "studyguide.shuffle")
    cached = [importtime(mods, env)[0] for _ in range(3)]
    uncached_env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    uncached_env.pop("PYTHONPYCACHEPREFIX", None)
    uncached_env["PYTHONDONTWRITEBYTECODE"] = "1"
    uncached = [importtime(mods, uncached_env)[0] for _ in range(3)]
    tot_c = statistics.median(sum(d.values()) for d in cached)
    tot_u = statistics.median(sum(d.values()) for d in uncached)
    by = {k: statistics.median(d.get(k, 0.0) for d in cached) for k in cached[0]}
    big = sorted(by.items(), key=lambda kv: -kv[1])[:7]
    startup = statistics.median(measured([PY, "-c", "pass"], env)["wall"] for _ in range(runs))
    num.update(import_cached=tot_c / 1000, import_uncached=tot_u / 1000, startup=startup, imports_by=by)
    src_state = "has no `__pycache__`" if not (ROOT / "src" / "studyguide" / "__pycache__").exists() else "is byte-compiled"
    md += ["### (e) imports", "",
           f"- Modules a warm build imports, `-X importtime` (median of 3): **{tot_c:.0f} ms** with a bytecode "
           f"cache; own (self) time by top-level package: " + ", ".join(f"{k} {v:.0f} ms" for k, v in big) + ".",
           f"- Without a bytecode cache for src/ (this sandbox sets PYTHONDONTWRITEBYTECODE=1 and src/ "
           f"{src_state}): {tot_u:.0f} ms. The benchmark runs every process with PYTHONPYCACHEPREFIX "
           "(a cache outside the tree), as a user's machine would have.",
           f"- Interpreter start-up alone (`python -c pass`): {ms(startup)}.", ""]
    return "\n".join(md), num


FONT_PROBE = """
import json, resource, time
from reportlab.pdfbase.ttfonts import TTFont
from studyguide.fonts import _DEJAVU, _mpl_font_dir, CJK_CANDIDATES
import os
paths = sorted({str(_mpl_font_dir() / f) for pair in _DEJAVU.values() for f in pair if f})
paths += [p for p in CJK_CANDIDATES if os.path.exists(p)]
out, keep = {}, []
for i, p in enumerate(paths):
    rss, t = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, time.perf_counter()
    font = TTFont(f"probe{i}", p, subfontIndex=0) if p.endswith(".ttc") else TTFont(f"probe{i}", p)
    keep.append((font, frozenset(font.face.charToGlyph)))  # what fonts._register keeps
    out[p] = [time.perf_counter() - t, (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss) / 1024]
print(json.dumps(out))
"""


def _version(dist: str) -> str:
    return run_json([PY, "-c", f"import json, importlib.metadata as m; print(json.dumps(m.version({dist!r})))"])


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "phases":
        print(json.dumps(phases(sys.argv[2], sys.argv[3])))
    else:
        with tempfile.TemporaryDirectory(prefix="sg-levers-") as d:
            print(report(Path(d))[0])
