#!/bin/sh
# Seeds the fuzz corpora from tests/fixtures/ (whole files for front_matter and pipeline, bodies
# for markdown) plus inputs that reach the nesting bound. Run from the repository root.
set -e
for t in front_matter markdown pipeline; do mkdir -p fuzz/corpus/$t; done
i=0
for f in $(find tests/fixtures -name '*.md' | sort); do
  i=$((i+1))
  cp "$f" fuzz/corpus/front_matter/seed-$i.md
  cp "$f" fuzz/corpus/pipeline/seed-$i.md
  awk 'BEGIN{n=0} /^---$/{n++; next} n>=2' "$f" > fuzz/corpus/markdown/seed-$i.md
done
python3 - <<'PY'
head = "---\ntitle: D\ndifficulty: easy\nkind: coding\nminutes: 5\n---\n"
bodies = {
    "nest-quote": "> " * 2500 + "x\n",
    "nest-div": "<div>" * 3000 + "\n",
    "nest-list": "".join("  " * i + "- x\n" for i in range(300)),
    "nest-emphasis": "*" * 5000 + "x" + "*" * 5000 + "\n",
}
for name, body in bodies.items():
    open(f"fuzz/corpus/markdown/{name}.md", "w").write(body)
    open(f"fuzz/corpus/pipeline/{name}.md", "w").write(head + body)
PY
