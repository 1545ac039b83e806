"""A long random-editing campaign over the main window (issue 14): crashes and mismatches.

Runs ``python -m tests.ui.random_editing`` in chunks (a seed and a count each) in
several processes at once, so that a segfault ends only its chunk: the campaign then
reports the seed, the exit code, the fault handler's stack and the last actions of
the sequence that crashed, and goes on with the next seed.  At the end it prints the
sequences run, the crashes and the mismatches (and writes them as JSON with --json).

    .venv/bin/python tools/fuzz_window.py --sequences 5000 --jobs 2 [--chunk 25]
        [--steps 40] [--seed 1000] [--extra lang,examples,lessons] [--reuse 10]
        [--json out.json]

A mismatch ends its chunk too (hypothesis stops at the first failing sequence); the
sequences of a chunk after a failure are not run and not counted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Chunk:
    """The outcome of one runner process."""

    seed: int
    count: int
    returncode: int = 0
    sequences: int = 0
    seconds: float = 0.0
    kind: str = "ok"  # ok, crash, mismatch, error (could not run at all)
    detail: str = ""
    last_actions: list[str] = field(default_factory=list)


def run_chunk(seed: int, count: int, steps: int, extra: str, timeout: float,
              reuse: int = 1, keep: Path | None = None) -> Chunk:
    """One runner process; a crash or a failing sequence is described, not raised."""
    chunk = Chunk(seed, count)
    with tempfile.TemporaryDirectory(prefix="fuzz_window_") as tmp:
        log = Path(tmp) / "actions.log"
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONFAULTHANDLER": "1",
               "PYTHONPATH": str(ROOT), "XDG_CONFIG_HOME": tmp, "HOME": tmp}
        cmd = [sys.executable, "-m", "tests.ui.random_editing", "--seed", str(seed),
               "--count", str(count), "--steps", str(steps), "--log", str(log),
               "--reuse", str(reuse)]
        if extra:
            cmd += ["--extra", extra]
        start = time.perf_counter()
        try:
            proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True,
                                  timeout=timeout)
            chunk.returncode = proc.returncode
            output = proc.stdout + proc.stderr
        except subprocess.TimeoutExpired as exc:
            chunk.returncode = -9
            output = f"timed out after {timeout:.0f} s\n" + str(exc.stdout or "") + \
                str(exc.stderr or "")
        chunk.seconds = time.perf_counter() - start
        lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
        if keep is not None and chunk.returncode != 0 and lines:
            # Every action of the chunk: with --reuse the window carried earlier ones.
            keep.mkdir(parents=True, exist_ok=True)
            (keep / f"seed_{seed}.log").write_text("\n".join(lines) + "\n", encoding="utf-8")
    # Sequences that ended (hypothesis may start one it then abandons), plus the one a
    # crash or a mismatch stopped.
    chunk.sequences = sum(1 for line in lines if line == "== end")
    if chunk.returncode == 0:
        return chunk
    chunk.sequences += bool(lines) and lines[-1] != "== end"
    if chunk.returncode == 1 and "FAILED seed" in output:
        chunk.kind = "mismatch"
    elif chunk.returncode < 0 or chunk.returncode > 128:
        chunk.kind = "crash"
    else:
        chunk.kind = "error"
    chunk.detail = output[-6000:]
    last = max((i for i, line in enumerate(lines) if line.startswith("== sequence")),
               default=0)
    chunk.last_actions = lines[last:][-40:]
    return chunk


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sequences", type=int, default=5000)
    parser.add_argument("--jobs", type=int, default=max(1, (os.cpu_count() or 2)))
    parser.add_argument("--chunk", type=int, default=25, help="sequences per process")
    parser.add_argument("--steps", type=int, default=40, help="actions per sequence")
    parser.add_argument("--seed", type=int, default=1000, help="the first chunk's seed")
    parser.add_argument("--extra", default="", help="optional actions: lang,examples,lessons")
    parser.add_argument("--reuse", type=int, default=1,
                        help="sequences per window (File ▸ New between them; quicker)")
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds per chunk")
    parser.add_argument("--json", default=None, help="write the figures and failures here")
    parser.add_argument("--quiet", action="store_true", help="no line per chunk")
    parser.add_argument("--keep", default=None,
                        help="a folder for the full action logs of failed chunks")
    args = parser.parse_args(argv)

    chunks = []
    seeds = []
    left, seed = args.sequences, args.seed
    while left > 0:
        n = min(args.chunk, left)
        seeds.append((seed, n))
        left -= n
        seed += 1
    started = time.time()
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        keep = Path(args.keep) if args.keep else None
        futures = [pool.submit(run_chunk, s, n, args.steps, args.extra, args.timeout,
                               args.reuse, keep) for s, n in seeds]
        for fut in futures:
            c = fut.result()
            chunks.append(c)
            if not args.quiet or c.kind != "ok":
                print(f"seed {c.seed}: {c.kind}, {c.sequences}/{c.count} sequences, "
                      f"exit {c.returncode}, {c.seconds:.0f} s", flush=True)
            if c.kind != "ok":
                print("  last actions:\n    " + "\n    ".join(c.last_actions), flush=True)
                print("  " + "\n  ".join(c.detail.splitlines()[-30:]), flush=True)
    sequences = sum(c.sequences for c in chunks)
    crashes = sum(c.kind in ("crash", "error") for c in chunks)
    mismatches = sum(c.kind == "mismatch" for c in chunks)
    summary = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(started)),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, "
                   f"Python {platform.python_version()}, offscreen Qt",
        "sequences": sequences, "steps_per_sequence": args.steps, "jobs": args.jobs,
        "sequences_per_window": args.reuse,
        "crashes": crashes, "mismatches": mismatches,
        "minutes": round((time.time() - started) / 60, 1), "extra": args.extra,
    }
    print(json.dumps(summary, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(
            {**summary, "failures": [asdict(c) for c in chunks if c.kind != "ok"]},
            indent=1), encoding="utf-8")
    return 0 if crashes == mismatches == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
