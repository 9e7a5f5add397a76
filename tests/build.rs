//! End-to-end tests of `syllabus build` and `syllabus check` over fixture trees. Assertions
//! parse the HTML that was written (scraper), not substrings of it.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{fixture, repo, syllabus, text};
use scraper::{Html, Selector};

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("selector")
}

fn page(site: &Path, rel: &str) -> Html {
    let html = std::fs::read_to_string(site.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    Html::parse_document(&html)
}

fn build(root: &Path) -> std::path::PathBuf {
    let out = root.join("out");
    let result = syllabus(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    assert!(result.status.success(), "build failed:\n{}", text(&result.stderr));
    let stdout = text(&result.stdout);
    assert!(stdout.starts_with("Built "), "{stdout}");
    assert!(
        stdout.contains("(2 questions, 1 topic)"),
        "drafts are left out: {stdout}"
    );
    out
}

#[test]
fn question_page_has_highlighting_collapsed_solution_and_rewritten_links() {
    let dir = fixture("basic");
    let site = build(dir.path());
    let doc = page(&site, "topics/arrays/two-sum/index.html");

    // Highlighted spans inside <pre>, with classes and no inline styles.
    let spans: Vec<_> = doc.select(&sel("pre.hl code span.k")).collect();
    assert!(spans.iter().any(|s| s.text().collect::<String>().trim() == "def"));
    assert_eq!(doc.select(&sel("pre [style]")).count(), 0);

    // The Solution section is collapsed: <details><summary><h2 id="solution">.
    let summary = doc
        .select(&sel("details.reveal > summary > h2#solution"))
        .next()
        .expect("collapsed solution");
    assert!(summary.text().collect::<String>().contains("Solution"));
    let details = doc.select(&sel("details.reveal")).next().unwrap();
    assert!(
        details.select(&sel("pre.hl")).count() == 1,
        "the solution's code is inside the collapsed section"
    );
    assert_eq!(doc.select(&sel("h2#tests")).count(), 1, "Tests is not collapsed");

    // Every heading has a self-link: inside it, or beside the <summary> of a collapsed one
    // (a link inside a <summary> would be a control nested in a control).
    let self_links: Vec<&str> = doc
        .select(&sel("article a.anchor"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    for h in doc.select(&sel("article h2")) {
        let id = h.value().attr("id").expect("id");
        assert!(
            self_links.contains(&format!("#{id}").as_str()),
            "no self-link for #{id}"
        );
    }
    assert_eq!(doc.select(&sel("summary a")).count(), 0);

    // The link to another .md file points at the built page, heading included.
    let hrefs: Vec<&str> = doc
        .select(&sel("article a"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(
        hrefs.contains(&"../../../topics/arrays/merge-intervals/index.html#approach"),
        "{hrefs:?}"
    );

    // Tables are wrapped for small screens.
    assert_eq!(doc.select(&sel(".table-wrap > table")).count(), 1);
}

#[test]
fn front_matter_strings_are_escaped() {
    let dir = fixture("basic");
    let site = build(dir.path());
    let doc = page(&site, "topics/arrays/two-sum/index.html");
    let h1 = doc.select(&sel("article h1")).next().unwrap();
    assert_eq!(h1.text().collect::<String>(), "Two sum <script>alert(1)</script>");
    for script in doc.select(&sel("script")) {
        assert!(!script.inner_html().contains("alert(1)"), "title became a script");
    }
    let title = doc.select(&sel("title")).next().unwrap().text().collect::<String>();
    assert!(title.starts_with("Two sum <script>"));
}

#[test]
fn unknown_language_is_plain_escaped_code() {
    let dir = fixture("basic");
    let site = build(dir.path());
    let doc = page(&site, "topics/arrays/merge-intervals/index.html");
    let pre = doc
        .select(&sel("pre.hl[data-lang=\"unknownlang\"] code"))
        .next()
        .expect("code block");
    assert_eq!(pre.text().collect::<String>().trim(), "<b>not highlighted</b>");
    assert_eq!(pre.select(&sel("b")).count(), 0);
}

#[test]
fn every_url_in_the_output_is_relative() {
    let dir = fixture("basic");
    let site = build(dir.path());
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(&site) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("html") || path.ends_with("404.html") {
            continue;
        }
        let doc = Html::parse_document(&std::fs::read_to_string(path).unwrap());
        for (selector, attr) in [
            ("a[href]", "href"),
            ("link[href]", "href"),
            ("script[src]", "src"),
            ("form[action]", "action"),
        ] {
            for el in doc.select(&sel(selector)) {
                let url = el.value().attr(attr).unwrap();
                let rel = el.value().attr("rel").unwrap_or("");
                if rel == "canonical" || url.starts_with("https://example.com/") {
                    continue; // canonical links are absolute by design; external links stay
                }
                assert!(
                    !url.starts_with('/') && !url.contains("://"),
                    "{}: absolute URL {url}",
                    path.display()
                );
                // A relative link must point at a file that exists.
                let target = url.split(['#', '?']).next().unwrap();
                if !target.is_empty() {
                    let resolved = path.parent().unwrap().join(target);
                    assert!(resolved.exists(), "{}: broken link {url}", path.display());
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 50, "only {checked} links checked");
}

#[test]
fn sitemap_robots_and_nojekyll() {
    let dir = fixture("basic");
    let site = build(dir.path());
    let xml = std::fs::read_to_string(site.join("sitemap.xml")).unwrap();
    let doc = Html::parse_document(&xml);
    let locs: Vec<String> = doc.select(&sel("loc")).map(|l| l.text().collect()).collect();
    assert!(locs.contains(&"https://example.org/guide/".to_string()));
    assert!(locs.contains(&"https://example.org/guide/topics/arrays/two-sum/".to_string()));
    assert!(locs.iter().all(|l| l.starts_with("https://example.org/guide/")));
    assert!(!locs.iter().any(|l| l.contains("draft")));
    assert!(
        std::fs::read_to_string(site.join("robots.txt"))
            .unwrap()
            .contains("Sitemap: https://example.org/guide/sitemap.xml")
    );
    assert!(site.join(".nojekyll").exists());
    assert!(site.join("404.html").exists());
    assert!(site.join("static/syntax-dark.css").exists());
}

#[test]
fn base_url_flag_changes_only_absolute_urls() {
    let dir = fixture("basic");
    let out = dir.path().join("out");
    let result = syllabus(&[
        "build",
        "-q",
        "--root",
        dir.path().to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
        "--base-url",
        "https://me.github.io/repo/",
    ]);
    assert!(result.status.success());
    assert!(result.stdout.is_empty(), "-q prints nothing");
    let doc = page(&out, "index.html");
    let canonical = doc.select(&sel("link[rel=canonical]")).next().unwrap();
    assert_eq!(canonical.value().attr("href"), Some("https://me.github.io/repo/"));
}

fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn failed_build_leaves_previous_output_byte_for_byte() {
    let dir = fixture("basic");
    let site = build(dir.path());
    let before = snapshot(&site);
    std::fs::write(
        dir.path().join("content/topics/arrays/oops.md"),
        "---\ntitle: Oops\n---\n",
    )
    .unwrap();
    let result = syllabus(&[
        "build",
        "--root",
        dir.path().to_str().unwrap(),
        "--output",
        site.to_str().unwrap(),
    ]);
    assert_eq!(result.status.code(), Some(1));
    assert!(text(&result.stderr).contains("missing required key 'difficulty' (easy, medium or hard)"));
    assert_eq!(snapshot(&site), before);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".out"))
        .collect();
    assert!(leftovers.is_empty(), "no staging directories left behind");
}

#[test]
fn check_reports_every_error_with_file_line_and_column() {
    let dir = fixture("broken");
    let result = syllabus(&["check", "--root", dir.path().to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(1));
    let err = text(&result.stderr);
    let expect = [
        (
            "unknown field 'dificulty' — did you mean 'difficulty'?",
            "content/topics/t/typo.md:3:1",
        ),
        (
            "'eazy' is not an allowed value — did you mean 'easy'?",
            "content/topics/t/bad-enum.md:3:13",
        ),
        ("front matter is not closed", "content/topics/t/unclosed.md:1:1"),
        ("file is empty", "content/topics/t/empty.md:1:1"),
        (
            "file is not valid UTF-8 (first bad byte at line 2, column 12)",
            "content/topics/t/latin1.md",
        ),
        (
            "minutes must be a positive whole number",
            "content/topics/t/Bad_Name.md:5:10",
        ),
        ("'Bad_Name' is not a valid slug", "content/topics/t/Bad_Name.md"),
        (
            "link to a missing file: content/topics/t/missing.md",
            "content/index.md:4:5",
        ),
        ("link to a missing heading: #testz", "content/topics/t/anchor.md:9:5"),
    ];
    for (message, place) in expect {
        assert!(err.contains(message), "missing {message:?} in:\n{err}");
        assert!(err.contains(place), "missing {place:?} in:\n{err}");
    }
    assert!(err.contains("help: allowed values: easy, medium, hard"), "{err}");
    assert!(err.contains("did you mean `#tests`?"), "{err}");
    assert!(err.contains("dificulty: easy"), "the offending line is shown:\n{err}");
    assert!(err.contains("problems found; nothing was written"), "{err}");
}

#[test]
fn usage_errors_exit_with_2() {
    assert_eq!(syllabus(&["build", "--no-such-flag"]).status.code(), Some(2));
    assert_eq!(syllabus(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(syllabus(&["--version"]).status.code(), Some(0));
    let help = syllabus(&["build", "--help"]);
    assert!(text(&help.stdout).contains("--base-url"));
}

#[test]
fn missing_content_directory_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let result = syllabus(&["check", "--root", dir.path().to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(1));
    assert!(text(&result.stderr).contains("no content directory"));
}

#[test]
fn shipped_content_passes_check() {
    let result = syllabus(&["check", "--root", repo().to_str().unwrap()]);
    assert!(result.status.success(), "{}", text(&result.stderr));
    let stdout = text(&result.stdout);
    // Warnings (a plan's stretch questions) are allowed; errors are not.
    assert!(
        stdout.contains(": no problems") || stdout.contains(": no errors"),
        "{stdout}"
    );
}

/// A copy of the basic fixture with `content/pages/probe.md` holding `body`.
fn with_page(body: &str) -> tempfile::TempDir {
    let dir = fixture("basic");
    std::fs::write(
        dir.path().join("content/pages/probe.md"),
        format!("---\ntitle: Probe\n---\n{body}"),
    )
    .unwrap();
    dir
}

/// Runs `check` and `build` over `root`: both must fail with the same errors, and neither may
/// crash (an abort has no exit code 1).
fn check_and_build_agree(root: &Path) -> String {
    let root_s = root.to_str().unwrap();
    let check = syllabus(&["check", "--root", root_s]);
    let out = root.join("out");
    let build = syllabus(&["build", "--root", root_s, "--output", out.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(1), "check: {}", text(&check.stderr));
    assert_eq!(build.status.code(), Some(1), "build: {}", text(&build.stderr));
    let errors = |s: &[u8]| -> Vec<String> {
        text(s)
            .lines()
            .filter(|l| l.starts_with("error") || l.contains("┌─"))
            .map(String::from)
            .collect()
    };
    assert_eq!(errors(&check.stderr), errors(&build.stderr));
    assert!(!out.exists(), "nothing was written");
    text(&check.stderr)
}

/// Regression (issue 13 §2): deep nesting aborted `build` with a stack overflow while
/// `check` passed.
#[test]
fn deep_nesting_is_an_error_in_check_and_build_not_a_crash() {
    let list: String = (0..3_000).map(|i| format!("{}- x\n", "  ".repeat(i))).collect();
    for body in ["> ".repeat(2_500) + "x\n", "<div>".repeat(3_000) + "\n", list] {
        let dir = with_page(&body);
        let err = check_and_build_agree(dir.path());
        assert!(err.contains("nesting is more than 100 levels deep"), "{err}");
        assert!(err.contains("content/pages/probe.md:"), "{err}");
    }
}

/// Regression (issue 13 §4): `{#a"onfocus=…}` ran script; `javascript:` links passed.
#[test]
fn unsafe_heading_ids_and_script_links_are_errors() {
    let dir = with_page(
        "## A {#a\"onfocus=alert(1)}\n\n[x](javascript://%0Aalert(1))\n\n[y](JaVa%73cript:alert(1))\n\n![z](data:image/svg+xml,<svg/onload=alert(1)>)\n",
    );
    let err = check_and_build_agree(dir.path());
    assert!(err.contains("heading id 'a\"onfocus=alert(1)' has characters"), "{err}");
    assert!(err.contains("content/pages/probe.md:4:1"), "{err}");
    assert_eq!(err.matches("link with a `javascript:` URL").count(), 2, "{err}");
    assert!(err.contains("link with a `data:` URL"), "{err}");
}

/// Regression (issue 13 §2): `minutes: 4294967295` was accepted and wrapped the topic total.
#[test]
fn minutes_have_an_upper_bound() {
    let dir = fixture("basic");
    let path = dir.path().join("content/topics/arrays/two-sum.md");
    let text_ = std::fs::read_to_string(&path).unwrap();
    let (before, after) = text_.split_once("minutes:").unwrap();
    let rest = after.split_once('\n').unwrap().1;
    std::fs::write(&path, format!("{before}minutes: 4294967295\n{rest}")).unwrap();
    let result = syllabus(&["check", "--root", dir.path().to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(1));
    let err = text(&result.stderr);
    assert!(err.contains("minutes 4294967295 is more than 600"), "{err}");
    assert!(err.contains("content/topics/arrays/two-sum.md:"), "{err}");
}

/// Regression (issue 13 §1): `--output` = the root, content/, a theme, a folder of photos or
/// a plain file was moved aside and deleted on the next build. Each is refused, and nothing
/// under the project changes.
#[test]
fn build_refuses_outputs_it_did_not_write() {
    let dir = fixture("basic");
    let root = dir.path();
    std::fs::create_dir(root.join("photos")).unwrap();
    std::fs::write(root.join("photos/cat.jpg"), "meow").unwrap();
    std::fs::write(root.join("thesis.txt"), "chapter 1").unwrap();
    let before = snapshot(root);
    let cases = [
        (root.to_path_buf(), "is the guide's folder or holds it"),
        (
            root.parent().unwrap().to_path_buf(),
            "is the guide's folder or holds it",
        ),
        (root.join("content"), "inside content/"),
        (root.join("content/pages/site"), "inside content/"),
        (root.join("themes/default"), "inside themes/"),
        (root.join("photos"), "is a folder syllabus did not write"),
        (root.join("thesis.txt"), "is a file, not a site folder"),
    ];
    for (output, why) in cases {
        let result = syllabus(&[
            "build",
            "--root",
            root.to_str().unwrap(),
            "--output",
            output.to_str().unwrap(),
        ]);
        assert_eq!(result.status.code(), Some(1), "{}", output.display());
        let err = text(&result.stderr);
        assert!(err.contains(why), "{}: {err}", output.display());
        assert!(
            err.contains("nothing was written") || err.contains("was not replaced"),
            "{err}"
        );
    }
    assert_eq!(snapshot(root), before, "nothing under the project changed");
    let names: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(names.is_empty(), "no spare or staging folder: {names:?}");
}

/// `--output` is relative to the current folder (like Zola's `--output-dir`); without it the
/// site goes to `site/` in the root. A rebuild replaces the marked site.
#[test]
fn relative_output_is_relative_to_the_current_folder() {
    let dir = fixture("basic");
    let cwd = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_syllabus"))
            .args(args)
            .current_dir(cwd.path())
            .output()
            .unwrap()
    };
    let root = dir.path().to_str().unwrap();
    for _ in 0..2 {
        let result = run(&["build", "--root", root, "--output", "public"]);
        assert!(result.status.success(), "{}", text(&result.stderr));
    }
    assert!(cwd.path().join("public/index.html").is_file());
    assert!(
        cwd.path().join("public/.syllabus-site").is_file(),
        "the writer's marker"
    );
    assert!(!dir.path().join("public").exists());
    let result = run(&["build", "--root", root]);
    assert!(result.status.success(), "{}", text(&result.stderr));
    assert!(dir.path().join("site/index.html").is_file());
}

/// Regression (issue 13 §3): 10,000 headings and 10,000 links to missing anchors took 62 s and
/// wrote 2 GB to stderr, because every error listed every anchor.
#[test]
fn many_missing_anchors_print_a_bounded_report() {
    let mut body: String = (0..10_000).map(|i| format!("## Heading {i}\n\n")).collect();
    body.extend((0..10_000).map(|i| format!("[x](#heading-{i}x)\n")));
    let dir = with_page(&body);
    let result = syllabus(&["check", "--root", dir.path().to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(1));
    let err = text(&result.stderr);
    assert!(err.len() < 100_000, "{} bytes of errors", err.len());
    assert_eq!(
        err.matches("error: link to a missing heading").count(),
        20,
        "{}",
        &err[..2000]
    );
    assert!(
        err.contains("… and 9980 more like “link to a missing heading”"),
        "{}",
        &err[err.len() - 500..]
    );
    assert!(err.contains("did you mean `#heading-0`"), "{}", &err[..2000]);
    assert!(err.contains("10000 problems found"), "{}", &err[err.len() - 300..]);
}

/// Regression (issue 13 §4): symlinks under content/ were silently ignored. One that stays in
/// the guide is followed; one that leads out of it, or nowhere, is an error naming it.
#[test]
fn symlinks_inside_the_guide_are_followed_and_others_are_errors() {
    let dir = fixture("basic");
    let root = dir.path();
    std::fs::create_dir(root.join("shared")).unwrap();
    std::fs::copy(
        root.join("content/topics/arrays/two-sum.md"),
        root.join("shared/linked.md"),
    )
    .unwrap();
    let linked = root.join("content/topics/arrays/linked.md");
    std::fs::write(
        root.join("shared/linked.md"),
        std::fs::read_to_string(root.join("content/topics/arrays/merge-intervals.md"))
            .unwrap()
            .replacen("title:", "slug: linked\ntitle:", 1),
    )
    .unwrap();
    std::os::unix::fs::symlink(root.join("shared/linked.md"), &linked).unwrap();
    let out = root.join("out");
    let result = syllabus(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    assert!(result.status.success(), "{}", text(&result.stderr));
    assert!(
        out.join("topics/arrays/linked/index.html").is_file(),
        "the linked question is built"
    );

    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(elsewhere.path().join("x.md"), "---\ntitle: X\n---\n").unwrap();
    std::os::unix::fs::symlink(elsewhere.path().join("x.md"), root.join("content/pages/outside.md")).unwrap();
    std::os::unix::fs::symlink(root.join("nowhere.md"), root.join("content/pages/broken.md")).unwrap();
    let result = syllabus(&["check", "--root", root.to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(1));
    let err = text(&result.stderr);
    assert!(
        err.contains("content/pages/outside.md: symbolic link leads outside the guide"),
        "{err}"
    );
    assert!(err.contains("content/pages/broken.md"), "{err}");
}

/// Fence aliases get their grammar; an unknown language is a warning at its line with the
/// closest known name, and its block is still shown (plain).
#[test]
fn fence_aliases_are_highlighted_and_unknown_languages_are_warned_about() {
    let dir = with_page(
        "Intro.\n\n```postgres\nSELECT id FROM t WHERE x IS NULL;\n```\n\n```py\ndef f(): pass\n```\n\n```yml\na: 1\n```\n\n```pyhton\nprint(1)\n```\n",
    );
    let root = dir.path();
    let out = root.join("out");
    let result = syllabus(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    let stderr = text(&result.stderr);
    assert!(result.status.success(), "{stderr}");
    assert!(stderr.contains("warning: unknown code language `pyhton`"), "{stderr}");
    assert!(stderr.contains("content/pages/probe.md:18:4"), "{stderr}");
    assert!(stderr.contains("did you mean `python`?"), "{stderr}");
    for alias in ["postgres", "`py`", "yml"] {
        assert!(!stderr.contains(&format!("unknown code language `{alias}")), "{stderr}");
    }
    let doc = page(&out, "probe/index.html");
    let classes = |lang: &str| -> Vec<String> {
        doc.select(&sel(&format!("pre.hl[data-lang=\"{lang}\"] span")))
            .filter_map(|s| s.value().attr("class").map(String::from))
            .collect()
    };
    assert!(
        classes("postgres").contains(&"k".to_string()),
        "{:?}",
        classes("postgres")
    );
    assert!(
        classes("postgres").contains(&"l".to_string()),
        "NULL: {:?}",
        classes("postgres")
    );
    assert!(classes("py").contains(&"k".to_string()));
    assert!(!classes("yml").is_empty());
    assert!(classes("pyhton").is_empty(), "unknown: plain");
    let plain: String = doc
        .select(&sel("pre.hl[data-lang=\"pyhton\"] code"))
        .next()
        .expect("the block is shown")
        .text()
        .collect();
    assert_eq!(plain, "print(1)\n");
}

/// /print/ holds every document once, with its collapsed sections open, ids unique on the
/// page, and links between the documents as #anchors that exist.
#[test]
fn print_page_is_the_whole_guide_with_sections_open_and_anchors_inside() {
    let dir = fixture("basic");
    let site = build(dir.path());
    let doc = page(&site, "print/index.html");
    let details: Vec<_> = doc.select(&sel("details.reveal")).collect();
    assert!(!details.is_empty(), "the fixture has collapsed sections");
    assert!(
        details.iter().all(|d| d.value().attr("open").is_some()),
        "every section is open"
    );
    let mut ids = std::collections::HashSet::new();
    for el in doc.select(&sel("[id]")) {
        let id = el.value().attr("id").unwrap_or_default();
        assert!(ids.insert(id.to_string()), "id {id} twice on /print/");
    }
    let questions = doc.select(&sel("section.print-question")).count();
    assert_eq!(questions, 2, "both published questions are printed");
    for a in doc.select(&sel("main a[href^='#']")) {
        let href = a.value().attr("href").unwrap_or_default();
        assert!(ids.contains(&href[1..]), "{href} points to nothing on /print/");
    }
    let topic = page(&site, "topics/arrays/print/index.html");
    assert_eq!(topic.select(&sel("section.print-question")).count(), 2);
}

/// Wide tables scroll inside a focusable, named region (keyboard users can scroll them).
#[test]
fn tables_are_named_focusable_regions() {
    let dir = fixture("basic");
    let site = build(dir.path());
    for rel in walkdir::WalkDir::new(&site).into_iter().filter_map(Result::ok) {
        if rel.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let doc = Html::parse_document(&std::fs::read_to_string(rel.path()).unwrap_or_default());
        for wrap in doc.select(&sel(".table-wrap")) {
            let v = wrap.value();
            assert_eq!(v.attr("role"), Some("region"));
            assert_eq!(v.attr("tabindex"), Some("0"));
            // Print views put the document's title first ("Two sum: Table: …").
            assert!(v.attr("aria-label").is_some_and(|l| l.contains("Table")));
        }
    }
}
