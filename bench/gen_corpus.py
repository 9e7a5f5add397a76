#!/usr/bin/env python3
"""Generates a synthetic guide of N questions for the build benchmark, twice: as a syllabus
content tree and as a Hugo site with the same pages (prose, a ~35-line Python block, a table).

Usage: gen_corpus.py N OUT_DIR   → OUT_DIR/syllabus/ and OUT_DIR/hugo/
Deterministic: the same N gives the same files.
"""
import os
import random
import shutil
import sys

TOPICS = 10
WORDS = ("queue heap graph tree cache shard replica latency token window prefix suffix "
         "binary search sort merge partition hash bucket stream iterator generator decorator "
         "context manager thread process event loop coroutine lock semaphore budget").split()


def prose(rng, sentences):
    out = []
    for _ in range(sentences):
        n = rng.randint(8, 18)
        words = [rng.choice(WORDS) for _ in range(n)]
        out.append(" ".join(words).capitalize() + ".")
    return " ".join(out)


def python_block(rng, i):
    lines = [
        "from collections import Counter, deque",
        "import heapq",
        "",
        "",
        f"def solve_{i}(values: list[int], k: int = {rng.randint(2, 9)}) -> list[int]:",
        '    """Return the k most frequent values, most frequent first."""',
        "    if not values or k <= 0:",
        "        return []",
        "    counts = Counter(values)",
        "    buckets: list[list[int]] = [[] for _ in range(len(values) + 1)]",
        "    for value, count in counts.items():",
        "        buckets[count].append(value)",
        "    result: list[int] = []",
        "    for count in range(len(buckets) - 1, 0, -1):",
        "        for value in buckets[count]:",
        "            result.append(value)",
        "            if len(result) == k:",
        "                return result",
        "    return result",
        "",
        "",
        f"class Window{i}:",
        "    def __init__(self, size: int) -> None:",
        "        self.size = size",
        "        self.items: deque[int] = deque()",
        "        self.total = 0",
        "",
        "    def push(self, value: int) -> float:",
        "        self.items.append(value)",
        "        self.total += value",
        "        if len(self.items) > self.size:",
        "            self.total -= self.items.popleft()",
        f"        return self.total / len(self.items)  # step {rng.randint(0, 999)}",
        "",
        f"assert solve_{i}([1, 1, 2], 1) == [1]",
    ]
    return "\n".join(lines)


def table(rng):
    rows = ["| approach | time | memory |", "| --- | --- | --- |"]
    for name in ("brute force", "sorting", "heap", "buckets"):
        rows.append(f"| {name} | O(n^{rng.randint(1, 2)}) | O({rng.choice(['1', 'n', 'k'])}) |")
    return "\n".join(rows)


def body(rng, i):
    return (
        f"{prose(rng, 4)}\n\n## Clarify first\n\n{prose(rng, 3)}\n\n## Approach\n\n{prose(rng, 5)}\n\n"
        f"{table(rng)}\n\n## Solution\n\n```python\n{python_block(rng, i)}\n```\n\n"
        f"## Complexity\n\n{prose(rng, 2)}\n\n## Pitfalls\n\n- {prose(rng, 1)}\n- {prose(rng, 1)}\n"
    )


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    shutil.rmtree(out, ignore_errors=True)
    rng = random.Random(n)
    syl = os.path.join(out, "syllabus")
    hugo = os.path.join(out, "hugo")
    here = os.path.dirname(os.path.abspath(__file__))
    shutil.copytree(os.path.join(here, "..", "themes"), os.path.join(syl, "themes"))
    os.makedirs(os.path.join(syl, "content"))
    with open(os.path.join(syl, "content", "guide.yaml"), "w") as f:
        f.write("title: Bench\ndescription: Synthetic corpus\nbase_url: https://example.org/\n")
    with open(os.path.join(syl, "content", "index.md"), "w") as f:
        f.write("---\ntitle: Bench\n---\nSynthetic corpus.\n")
    os.makedirs(os.path.join(hugo, "layouts", "_default"))
    with open(os.path.join(hugo, "hugo.toml"), "w") as f:
        f.write('baseURL = "https://example.org/"\ntitle = "Bench"\ndisableKinds = ["taxonomy", "term", "RSS"]\n'
                '[markup.highlight]\nnoClasses = false\n[markup.goldmark.renderer]\nunsafe = false\n')
    layout = ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title>"
              "<link rel=\"stylesheet\" href=\"/style.css\"></head><body><main><h1>{{ .Title }}</h1>"
              "{{ .Content }}</main></body></html>\n")
    for name in ("single.html", "list.html"):
        with open(os.path.join(hugo, "layouts", "_default", name), "w") as f:
            f.write(layout.replace("{{ .Content }}", "{{ .Content }}{{ range .Pages }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}") if name == "list.html" else layout)
    for t in range(TOPICS):
        topic = f"topic-{t}"
        for root in (os.path.join(syl, "content", "topics", topic), os.path.join(hugo, "content", "topics", topic)):
            os.makedirs(root)
        with open(os.path.join(syl, "content", "topics", topic, "_topic.md"), "w") as f:
            f.write(f"---\ntitle: Topic {t}\norder: {t}\nshare: 10\n---\n{prose(rng, 3)}\n")
        with open(os.path.join(hugo, "content", "topics", topic, "_index.md"), "w") as f:
            f.write(f"---\ntitle: Topic {t}\n---\n{prose(rng, 3)}\n")
    for i in range(n):
        topic = f"topic-{i % TOPICS}"
        text = body(rng, i)
        difficulty = ("easy", "medium", "hard")[i % 3]
        with open(os.path.join(syl, "content", "topics", topic, f"q-{i}.md"), "w") as f:
            f.write(f"---\ntitle: Question {i}\ndifficulty: {difficulty}\nkind: coding\nminutes: 45\n"
                    f"tags: [tag-{i % 50}]\n---\n{text}")
        with open(os.path.join(hugo, "content", "topics", topic, f"q-{i}.md"), "w") as f:
            f.write(f"---\ntitle: Question {i}\ntags: [tag-{i % 50}]\n---\n{text}")


if __name__ == "__main__":
    main()
