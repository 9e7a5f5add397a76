//! Raw HTML in Markdown (issue 13 §4): script in it is an error at its line in `check` and
//! `build` alike, and whatever passes is sanitised, so no page of the site runs script from
//! content.

mod common;

use std::path::Path;

use common::{fixture, syllabus, text};
use scraper::Html;

/// A copy of the basic fixture with `content/pages/probe.md` holding `body`.
fn with_page(body: &str) -> tempfile::TempDir {
    let dir = fixture("basic");
    std::fs::write(
        dir.path().join("content/pages/probe.md"),
        format!("---\ntitle: Probe\n---\n{body}"),
    )
    .expect("write page");
    dir
}

fn errors(stderr: &[u8]) -> Vec<String> {
    text(stderr)
        .lines()
        .filter(|l| l.starts_with("error") || l.starts_with("warning") || l.contains("┌─"))
        .map(String::from)
        .collect()
}

/// The built-in theme's templates, all in one string.
fn theme_templates() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
    let mut all = String::new();
    for entry in std::fs::read_dir(dir).expect("templates").flatten() {
        all.push_str(&std::fs::read_to_string(entry.path()).unwrap_or_default());
    }
    all
}

/// Every attribute of every element of a page: none may be an event handler or hold a
/// script URL, and no element that runs script may be there.
fn assert_no_script(page: &Path) {
    let html = std::fs::read_to_string(page).expect("page");
    let doc = Html::parse_document(&html);
    for node in doc.root_element().descendants() {
        let Some(element) = node.value().as_element() else {
            continue;
        };
        assert!(
            !["iframe", "object", "embed", "svg", "math"].contains(&element.name()),
            "<{}> in {}",
            element.name(),
            page.display()
        );
        if element.name() == "script" {
            // The theme's own scripts are files of the site, or data (the plan's JSON).
            match element.attr("src") {
                Some(src) => assert!(
                    src.ends_with(".js") && !src.contains(':'),
                    "{src} in {}",
                    page.display()
                ),
                // The theme's own inline scripts (the light/dark choice before the first
                // paint, the table of contents, the 404 page's base) start with a line of its
                // templates (the rest may hold template values); any other must be data.
                None if scraper::ElementRef::wrap(node).is_some_and(|e| {
                    let text = e.text().collect::<String>();
                    let first_line = text.trim().lines().next().unwrap_or_default().to_string();
                    !first_line.is_empty() && theme_templates().contains(&first_line)
                }) => {}
                None => assert_eq!(
                    element.attr("type"),
                    Some("application/json"),
                    "inline script in {}",
                    page.display()
                ),
            }
        }
        for (name, value) in element.attrs() {
            assert!(!name.starts_with("on"), "{name}={value} in {}", page.display());
            let squeezed: String = value
                .chars()
                .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
                .collect::<String>()
                .to_ascii_lowercase();
            for scheme in ["javascript:", "data:", "vbscript:"] {
                assert!(!squeezed.starts_with(scheme), "{name}={value} in {}", page.display());
            }
        }
    }
}

/// Regression (issue 13 §4): raw HTML reached the page as written, so
/// `<img src=x onerror=…>` ran script in every reader's browser.
#[test]
fn script_in_raw_html_is_an_error_at_its_line_in_check_and_build() {
    let payloads = [
        (
            "<a href=\"javascript:alert(1)\">x</a>",
            "raw HTML attribute `href` has a `javascript:` URL",
        ),
        (
            "<img src=x onerror=alert(1)>",
            "raw HTML attribute `onerror` runs script",
        ),
        (
            "<iframe src=\"javascript:alert(1)\"></iframe>",
            "raw HTML `<iframe>` is not allowed in pages",
        ),
        (
            "<svg><a xlink:href=javascript:alert(1)>x</a></svg>",
            "raw HTML `<svg>` is not allowed in pages",
        ),
        (
            "<svg><a xlink:href=javascript:alert(1)>x</a></svg>",
            "raw HTML attribute `xlink:href` has a `javascript:` URL",
        ),
        (
            "<a href=\"&#106;avascript:alert(1)\">x</a>",
            "raw HTML attribute `href` has a `javascript:` URL",
        ),
        (
            "Inline <b onclick=alert(1)>bold</b> text.",
            "raw HTML attribute `onclick` runs script",
        ),
    ];
    let body: String = payloads
        .iter()
        .map(|(html, _)| format!("Some text.\n\n{html}\n\n"))
        .collect();
    let dir = with_page(&body);
    let root = dir.path();
    let root_s = root.to_str().unwrap();
    let check = syllabus(&["check", "--root", root_s]);
    let out = root.join("out");
    let build = syllabus(&["build", "--root", root_s, "--output", out.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(1), "{}", text(&check.stderr));
    assert_eq!(build.status.code(), Some(1), "{}", text(&build.stderr));
    assert_eq!(
        errors(&check.stderr),
        errors(&build.stderr),
        "the same rule in check and build"
    );
    assert!(!out.exists(), "nothing was written");
    let err = text(&check.stderr);
    for (index, (_, message)) in payloads.iter().enumerate() {
        assert!(
            err.contains(&format!("error: {message}")),
            "missing {message:?} in:\n{err}"
        );
        // Front matter is 3 lines, each payload 4 lines further: it stands on line 6 + 4i.
        let place = format!("content/pages/probe.md:{}:", 6 + 4 * index);
        assert!(err.contains(&place), "missing {place} in:\n{err}");
    }
    assert!(err.contains("help: save the drawing as a .svg file"), "{err}");
}

/// What passes the check is sanitised whole: the parts it drops are warnings, the harmless
/// HTML stays, and even an attribute smuggled across two HTML blocks never reaches the page.
#[test]
fn raw_html_that_passes_is_sanitised_and_harmless_html_stays() {
    let body = "Press <kbd>Ctrl</kbd>+<kbd>C</kbd>.\n\n<details><summary>More</summary>\n\nHidden *text*.\n\n</details>\n\n<p style=\"color: red\">Red?</p>\n\n<div title=\"x\n\ntext\n\n<div>\" onmouseover=\"alert(1)\" x=\"</div>\n\nAfter.\n";
    let dir = with_page(body);
    let root = dir.path();
    let out = root.join("out");
    let build = syllabus(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    assert!(build.status.success(), "{}", text(&build.stderr));
    let err = text(&build.stderr);
    assert!(
        err.contains("warning: raw HTML attribute `style` of `<p>` is removed from the page"),
        "{err}"
    );
    assert!(err.contains("content/pages/probe.md:12:4"), "{err}");
    let check = syllabus(&["check", "--root", root.to_str().unwrap()]);
    assert!(check.status.success());
    assert_eq!(errors(&check.stderr), errors(&build.stderr));

    let page = out.join("probe/index.html");
    assert_no_script(&page);
    let doc = Html::parse_document(&std::fs::read_to_string(&page).unwrap());
    let count = |css: &str| doc.select(&scraper::Selector::parse(css).unwrap()).count();
    assert_eq!(count("article kbd"), 2);
    assert_eq!(count("article details > summary"), 1);
    assert_eq!(
        count("article details em"),
        1,
        "Markdown inside the HTML block still renders"
    );
    assert_eq!(count("article p[style]"), 0);
    // Every other page of the site too (they have no raw HTML and are untouched).
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "html") {
            assert_no_script(entry.path());
        }
    }
}
