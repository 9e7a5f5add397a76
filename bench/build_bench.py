#!/usr/bin/env python3
"""Build benchmark: syllabus vs Hugo on the same generated corpus.

Usage: python3 bench/build_bench.py [N ...] [--runs R]
Builds target/release/syllabus first (cargo build --release), generates a corpus of N
questions with bench/gen_corpus.py for each N (default 1000 10000), then for each tool times
one cold build (no previous output) and R rebuilds over the previous output (default 5), as
a user rebuilding runs them, and prints the medians and their ratio. Every build is a full
build: all pages are rendered and highlighted each time. Hugo is skipped with a note when it
is not installed (`apt-get install hugo`).
"""
import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def run(cmd):
    """Runs one build; its stderr (e.g. the corpus's study-plan warnings) is shown only if it fails."""
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{done.stderr}")


def cold(cmd, outputs):
    """One build with no previous output (syllabus's spare included)."""
    for path in outputs:
        shutil.rmtree(path, ignore_errors=True)
    start = time.perf_counter()
    run(cmd)
    return time.perf_counter() - start


def timed(cmd, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run(cmd)
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def main():
    args = sys.argv[1:]
    runs = 5
    if "--runs" in args:
        i = args.index("--runs")
        runs = int(args[i + 1])
        del args[i:i + 2]
    sizes = [int(a) for a in args] or [1000, 10000]
    subprocess.run(["cargo", "build", "--release", "-q"], cwd=REPO, check=True)
    syllabus = os.path.join(REPO, "target", "release", "syllabus")
    hugo = shutil.which("hugo")
    out_root = os.path.join(REPO, "bench", "out")
    print(f"{'N':>6}  {'syllabus median':>16}  {'hugo median':>12}  {'ratio':>6}   (rebuilds, runs={runs}, cores={os.cpu_count()})")
    for n in sizes:
        corpus = os.path.join(out_root, f"corpus-{n}")
        subprocess.run([sys.executable, os.path.join(HERE, "gen_corpus.py"), str(n), corpus], check=True)
        syl_site = os.path.join(corpus, "syllabus-site")
        syl_cmd = [syllabus, "-q", "build", "--root", os.path.join(corpus, "syllabus"), "--output", syl_site]
        syl_cold = cold(syl_cmd, [syl_site, os.path.join(corpus, ".syllabus-site.spare")])
        syl_med, syl_all = timed(syl_cmd, runs)
        line = f"{n:>6}  {syl_med:>15.2f}s"
        if hugo:
            hugo_site = os.path.join(corpus, "hugo-site")
            hugo_cmd = [hugo, "--quiet", "-s", os.path.join(corpus, "hugo"), "-d", hugo_site]
            hugo_cold = cold(hugo_cmd, [hugo_site])
            hugo_med, hugo_all = timed(hugo_cmd, runs)
            line += f"  {hugo_med:>11.2f}s  {syl_med / hugo_med:>6.2f}"
        else:
            line += "  (hugo not installed)"
        print(line, flush=True)
        print(f"        syllabus runs: {', '.join(f'{t:.2f}' for t in syl_all)}"
              + (f"; hugo runs: {', '.join(f'{t:.2f}' for t in hugo_all)}" if hugo else ""), flush=True)
        print(f"        cold build (no previous output): syllabus {syl_cold:.2f}s"
              + (f", hugo {hugo_cold:.2f}s, ratio {syl_cold / hugo_cold:.2f}" if hugo else ""), flush=True)


if __name__ == "__main__":
    main()
