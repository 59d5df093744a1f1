"""Run one command and print its wall time, peak memory and CPU time as one JSON line.

    python bench/measure.py -- CMD ARGS...

A fresh wrapper process per measurement, so RUSAGE_CHILDREN covers this command alone
(getrusage's maxrss is a running maximum over every child a process ever waited for).
With a process pool (-j N), peak_mib is the largest single process, not their sum.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time


def main(argv: list[str]) -> int:
    cmd = argv[argv.index("--") + 1:]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - t0
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"rc": proc.returncode, "wall": wall, "cpu": ru.ru_utime + ru.ru_stime,
                      "peak_mib": ru.ru_maxrss / 1024,  # Linux: KiB
                      "stderr": proc.stderr.decode("utf-8", "replace")[-1500:]}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
