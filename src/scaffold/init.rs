//! What `syllabus init` and `syllabus new` write: a small guide that builds, checks and tests
//! at once, and pages with valid front matter and their kind's sections (docs/writing.md).

use super::NewFile;
use crate::content::Kind;

/// The sections of a question of `kind`, as docs/writing.md lists them; `python` is a
/// runnable block with a `test_` function, placed where the kind shows code.
pub fn question_body(kind: Kind, python: &str) -> String {
    let code = format!("```python\n{python}```\n");
    match kind {
        Kind::Coding => format!(
            "State the problem here.\n\n## Clarify first\n\n- What are the inputs and outputs?\n\n## Hints\n\n- Start from the brute force.\n\n## Approach\n\nThe brute force first, then the chosen solution, with trade-offs.\n\n## Solution\n\n{code}\n## Complexity\n\nTime O(n), space O(1).\n\n## Tests\n\nThe `test_` functions above run with `syllabus test`.\n\n## Follow-ups\n\n- What changes if the input does not fit in memory?\n\n## Pitfalls\n\n- Empty input.\n"
        ),
        Kind::Concept => format!(
            "Ask the question here.\n\n## Answer\n\nThe short answer first, then the details.\n\n## Example\n\n{code}\n## Follow-ups\n\n- A question an interviewer asks next.\n\n## Pitfalls\n\n- A common misunderstanding.\n"
        ),
        Kind::Debugging => format!(
            "Describe the bug report here.\n\n## The symptom\n\nWhat the user sees.\n\n## Hints\n\n- Where to look first.\n\n## Answer\n\nThe diagnosis and the fix.\n\n{code}\n## Tests\n\nThe `test_` functions above run with `syllabus test`.\n\n## Follow-ups\n\n- How would you catch this earlier?\n\n## Pitfalls\n\n- Fixing the symptom, not the cause.\n"
        ),
        Kind::Design => "State the system to design here.\n\n## Clarify first\n\nRequirements, functional and non-functional.\n\n## Back of the envelope\n\nUsers, requests per second, storage.\n\n## Sample answer\n\nAPI, data model, architecture, caching, partitioning, consistency trade-offs, failure modes.\n\n## Follow-ups\n\n- What breaks at ten times the load?\n\n## Pitfalls\n\n- Designing before asking.\n".to_string(),
        Kind::Behavioral => "Ask the question here.\n\n## What the interviewer is looking for\n\nThe signal behind the question.\n\n## Sample answer\n\n### Situation\n\n### Task\n\n### Action\n\n### Result\n\n## How to adapt it\n\nMake it your own story.\n\n## Pitfalls\n\n- Saying \"we\" for everything.\n".to_string(),
    }
}

const EXAMPLE_PY: &str = "def add(a, b):\n    return a + b\n\n\ndef test_add():\n    assert add(2, 3) == 5\n";

fn yaml_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
}

pub fn question_file(title: &str, difficulty: &str, kind: Kind, minutes: u32) -> String {
    format!(
        "---\ntitle: {}\ndifficulty: {difficulty}\nkind: {}\nminutes: {minutes}\ntags: []\n---\n{}",
        yaml_string(title),
        kind.as_str(),
        question_body(kind, EXAMPLE_PY)
    )
}

pub fn topic_file(title: &str) -> String {
    format!(
        "---\ntitle: {}\nshare: 100\nsummary: What this topic covers, in one line.\n---\nIntroduce the topic here.\n",
        yaml_string(title)
    )
}

pub fn page_file(title: &str) -> String {
    format!("---\ntitle: {}\n---\nWrite the page here.\n", yaml_string(title))
}

/// A title from a slug: `two-sum` → `Two sum`.
pub fn title_from_slug(slug: &str) -> String {
    let words = slug.replace('-', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Every file of `syllabus init`.
pub fn guide_files(title: &str) -> Vec<NewFile> {
    let guide_yaml = format!(
        "# The guide's settings; every key is described in syllabus's docs/content.md.\n\
title: {}\n\
description: A study guide built with syllabus.\n\
# The address the site is published at (canonical links, sitemap, calendar exports).\n\
base_url: https://example.com/\n\
language: en\n\
# H2 sections that render collapsed, so readers try before they look.\n\
collapsed_sections: [Hints, Solution, Answer, Sample answer]\n\
# The study plan (docs/plan.md): weeks, daily minutes and the phases' topics.\n\
plan:\n  weeks: 2\n  minutes_per_day: 45\n  study_days: [mon, tue, wed, thu, fri]\n  phases:\n    - title: Basics\n      weeks: \"1-2\"\n      topics: [basics]\n      goals:\n        - Answer every question without looking.\n",
        yaml_string(title)
    );
    vec![
        NewFile::new("content/guide.yaml", guide_yaml),
        NewFile::new(
            "content/index.md",
            format!(
                "---\ntitle: {}\n---\nWelcome. Start with the [basics](topics/basics/_topic.md), then follow the study plan.\n",
                yaml_string(title)
            ),
        ),
        NewFile::new("content/topics/basics/_topic.md", topic_file("Basics")),
        NewFile::new(
            "content/topics/basics/add-two-numbers.md",
            question_file("Add two numbers", "easy", Kind::Coding, 15),
        ),
        NewFile::new(
            "content/topics/basics/what-is-a-function.md",
            question_file("What is a function?", "easy", Kind::Concept, 10),
        ),
        NewFile::new("content/pages/about.md", page_file("About")),
        NewFile::new(".gitignore", "site/\n.site.*\n"),
        NewFile::new(".github/workflows/deploy.yml", deploy_workflow()),
    ]
}

/// The repository syllabus is released from, `owner/name`, from Cargo.toml's `repository`
/// (the one place it is written).
pub fn release_repository() -> &'static str {
    let url = env!("CARGO_PKG_REPOSITORY");
    url.strip_prefix("https://github.com/")
        .unwrap_or(url)
        .trim_end_matches('/')
}

/// The file of a release that holds the Linux x86_64 binary (`.github/workflows/release.yml`
/// names its files so).
pub const LINUX_ASSET: &str = "syllabus-x86_64-unknown-linux-gnu.tar.gz";

/// GitHub Pages deploy of a guide: downloads the released binary of the version of syllabus
/// that wrote it (no Rust toolchain, no compiling), checks and tests the guide, deploys it.
pub fn deploy_workflow() -> String {
    DEPLOY_YML
        .replace("{repository}", release_repository())
        .replace("{version}", concat!("v", env!("CARGO_PKG_VERSION")))
        .replace("{asset}", LINUX_ASSET)
}

const DEPLOY_YML: &str = r#"name: Deploy to GitHub Pages

on:
  push:
    branches: [main]
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

concurrency:
  group: pages
  cancel-in-progress: false

env:
  # The repository whose releases provide the syllabus binary, and the release to use: the
  # version that wrote this file, or "latest" for the newest.
  SYLLABUS_REPO: {repository}
  SYLLABUS_VERSION: {version}
  SYLLABUS_ASSET: {asset}

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Install syllabus
        env:
          GH_TOKEN: ${{ github.token }}
        run: |
          if [ "$SYLLABUS_VERSION" = latest ]; then
            gh release download --repo "$SYLLABUS_REPO" --pattern "$SYLLABUS_ASSET"
          else
            gh release download "$SYLLABUS_VERSION" --repo "$SYLLABUS_REPO" --pattern "$SYLLABUS_ASSET"
          fi
          tar xzf "$SYLLABUS_ASSET" syllabus
          rm "$SYLLABUS_ASSET"
          ./syllabus --version
      - name: Check and test the guide
        run: |
          ./syllabus check
          ./syllabus test
      - id: pages
        uses: actions/configure-pages@v5
      - name: Build the guide
        env:
          BASE_URL: ${{ steps.pages.outputs.base_url }}
        run: ./syllabus build --base-url "$BASE_URL/"
      - uses: actions/upload-pages-artifact@v3
        with:
          path: site

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
"#;
