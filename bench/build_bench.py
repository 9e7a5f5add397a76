#!/usr/bin/env python3
"""Build benchmark: syllabus vs Hugo on the same generated corpus.

Usage: python3 bench/build_bench.py [N ...] [--runs R]
Builds target/release/syllabus first (cargo build --release), generates a corpus of N
questions with bench/gen_corpus.py for each N (default 1000 10000), then times R full builds
of each tool (default 5) and prints the medians and their ratio. Hugo is skipped with a note
when it is not installed (`apt-get install hugo`).
"""
import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def timed(cmd, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
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
    print(f"{'N':>6}  {'syllabus median':>16}  {'hugo median':>12}  {'ratio':>6}   (runs={runs}, cores={os.cpu_count()})")
    for n in sizes:
        corpus = os.path.join(out_root, f"corpus-{n}")
        subprocess.run([sys.executable, os.path.join(HERE, "gen_corpus.py"), str(n), corpus], check=True)
        syl_med, syl_all = timed([syllabus, "-q", "build", "--root", os.path.join(corpus, "syllabus"),
                                  "--output", os.path.join(corpus, "syllabus-site")], runs)
        line = f"{n:>6}  {syl_med:>15.2f}s"
        if hugo:
            hugo_med, hugo_all = timed([hugo, "--quiet", "-s", os.path.join(corpus, "hugo"),
                                        "-d", os.path.join(corpus, "hugo-site")], runs)
            line += f"  {hugo_med:>11.2f}s  {syl_med / hugo_med:>6.2f}"
        else:
            line += "  (hugo not installed)"
        print(line, flush=True)
        print(f"        syllabus runs: {', '.join(f'{t:.2f}' for t in syl_all)}"
              + (f"; hugo runs: {', '.join(f'{t:.2f}' for t in hugo_all)}" if hugo else ""), flush=True)


if __name__ == "__main__":
    main()
