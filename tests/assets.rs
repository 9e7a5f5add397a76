//! Images and downloads that pages link to (issue 13 §4): copied into the site where the
//! rewritten links lead, checked like page links, and never taken from outside `content/`.

mod common;

use std::path::{Path, PathBuf};

use common::{fixture, syllabus, text};
use scraper::{Html, Selector};

fn write(root: &Path, rel: &str, bytes: &[u8]) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, bytes).expect("write");
}

/// Appends `markdown` to the body of `content/<page>`.
fn append(root: &Path, page: &str, markdown: &str) {
    let path = root.join("content").join(page);
    let mut body = std::fs::read_to_string(&path).expect("read page");
    body.push_str(markdown);
    std::fs::write(path, body).expect("write page");
}

fn build(root: &Path) -> Result<PathBuf, String> {
    let out = root.join("out");
    let result = syllabus(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    if result.status.success() {
        Ok(out)
    } else {
        Err(text(&result.stderr))
    }
}

/// Every `src` of an image and `href` of a link in the page's article that is relative,
/// resolved the way a browser resolves it from the page's own URL, as a path in the site.
fn linked_files(site: &Path, page: &str) -> Vec<(String, String)> {
    let html = std::fs::read_to_string(site.join(page)).expect("page");
    let doc = Html::parse_document(&html);
    let base = url::Url::parse("https://example.org/site/")
        .and_then(|root| root.join(page))
        .expect("page url");
    let mut found = Vec::new();
    let img = Selector::parse("article img[src]").expect("selector");
    let a = Selector::parse("article a[href]").expect("selector");
    let attrs = doc
        .select(&img)
        .filter_map(|e| e.value().attr("src"))
        .chain(doc.select(&a).filter_map(|e| e.value().attr("href")));
    for value in attrs {
        if value.starts_with('#') || value.contains("://") {
            continue;
        }
        let resolved = base.join(value).expect("a link that resolves");
        let path = resolved
            .path()
            .strip_prefix("/site/")
            .expect("inside the site")
            .to_string();
        let path = percent_encoding::percent_decode_str(&path)
            .decode_utf8_lossy()
            .into_owned();
        found.push((value.to_string(), path));
    }
    found
}

/// Regression (issue 13 §4): `![](diagram.png)` beside a page was never copied, so the image
/// was broken on the site (pages render one folder deeper than their `.md` file).
#[test]
fn linked_images_and_downloads_are_published_where_their_links_lead() {
    let dir = fixture("basic");
    let root = dir.path();
    write(
        root,
        "content/topics/arrays/diagram.png",
        b"\x89PNG beside the question",
    );
    write(
        root,
        "content/topics/arrays/my plot (v2).svg",
        b"<svg xmlns='http://www.w3.org/2000/svg'/>",
    );
    write(root, "content/img/shared.svg", b"<svg/>");
    write(root, "content/pages/data.csv", b"a,b\n1,2\n");
    write(
        root,
        "content/topics/arrays/notes.txt",
        b"private notes, linked from nowhere",
    );
    append(
        root,
        "topics/arrays/two-sum.md",
        "\n![A diagram](diagram.png) ![plot](<my plot (v2).svg>) ![shared](../../img/shared.svg)\n\n[the data](../../pages/data.csv?raw=1#row-2) ![remote](https://example.com/x.png)\n",
    );
    append(root, "topics/arrays/_topic.md", "\n![A diagram](diagram.png)\n");
    append(
        root,
        "pages/about.md",
        "\n[the data](data.csv) ![again](../img/shared.svg)\n",
    );
    append(root, "index.md", "\n![shared](img/shared.svg)\n");
    let site = build(root).unwrap_or_else(|err| panic!("{err}"));

    let pages = [
        ("topics/arrays/two-sum/index.html", 4),
        ("topics/arrays/index.html", 1),
        ("about/index.html", 2),
        ("index.html", 1),
        // The print views show the same documents from other folders; their links lead to
        // the same files (a regression: they kept the document's own relative paths).
        ("print/index.html", 8),
        ("topics/arrays/print/index.html", 5),
    ];
    for (page, assets) in pages {
        let links: Vec<(String, String)> = linked_files(&site, page)
            .into_iter()
            .filter(|(_, path)| !path.ends_with("index.html"))
            .collect();
        assert_eq!(links.len(), assets, "{page}: {links:?}");
        for (href, path) in links {
            let published = std::fs::read(site.join(&path)).unwrap_or_else(|e| panic!("{page}: {href} → {path}: {e}"));
            let source = std::fs::read(root.join("content").join(&path)).expect("source");
            assert_eq!(published, source, "{page}: {href} → {path}");
        }
    }
    let two_sum =
        Html::parse_document(&std::fs::read_to_string(site.join("topics/arrays/two-sum/index.html")).unwrap());
    let srcs: Vec<&str> = two_sum
        .select(&Selector::parse("article img").unwrap())
        .filter_map(|e| e.value().attr("src"))
        .collect();
    assert!(
        srcs.contains(&"https://example.com/x.png"),
        "remote images are left alone: {srcs:?}"
    );
    assert!(
        srcs.contains(&"../../../topics/arrays/my%20plot%20(v2).svg"),
        "{srcs:?}"
    );
    let hrefs: Vec<&str> = two_sum
        .select(&Selector::parse("article a").unwrap())
        .filter_map(|e| e.value().attr("href"))
        .collect();
    assert!(hrefs.contains(&"../../../pages/data.csv?raw=1#row-2"), "{hrefs:?}");
    assert!(
        !site.join("topics/arrays/notes.txt").exists(),
        "files no page links to are not published"
    );

    // `check` reads and checks the same links.
    let check = syllabus(&["check", "--root", root.to_str().unwrap()]);
    assert!(check.status.success(), "{}", text(&check.stderr));
}

/// A missing file is an error at the link with the line and a "did you mean"; a path that
/// leaves `content/` or is absolute is an error and is never copied, even when the file exists.
#[test]
fn missing_outside_and_absolute_asset_links_are_errors_in_check_and_build() {
    let dir = fixture("basic");
    let root = dir.path();
    write(root, "content/topics/arrays/diagram.png", b"png");
    write(root, "secret.png", b"outside content/");
    write(root, "content/topics/arrays/.hidden.png", b"hidden");
    append(
        root,
        "topics/arrays/two-sum.md",
        "\nSee ![typo](diagrm.png).\n\n![up](../../../secret.png)\n\n![abs](/etc/hostname)\n\n![hidden](.hidden.png)\n\n[folder](../arrays/)\n",
    );
    let root_s = root.to_str().unwrap();
    let check = syllabus(&["check", "--root", root_s]);
    let build = syllabus(&[
        "build",
        "--root",
        root_s,
        "--output",
        root.join("out").to_str().unwrap(),
    ]);
    assert_eq!(check.status.code(), Some(1));
    assert_eq!(build.status.code(), Some(1));
    let errors = |s: &[u8]| -> Vec<String> {
        text(s)
            .lines()
            .filter(|l| l.starts_with("error") || l.contains("┌─"))
            .map(String::from)
            .collect()
    };
    assert_eq!(
        errors(&check.stderr),
        errors(&build.stderr),
        "check reports what build does"
    );
    let err = text(&check.stderr);
    let expected = [
        "error: link to a missing file: content/topics/arrays/diagrm.png",
        "content/topics/arrays/two-sum.md:",
        "See ![typo](diagrm.png).",
        "help: did you mean `diagram.png`?",
        "error: link '../../../secret.png' leads outside content/",
        "error: link '/etc/hostname' is an absolute path",
        "error: link to a missing file: content/topics/arrays/.hidden.png",
        "are never published",
        "error: relative link '../arrays/' does not point to a content file",
    ];
    for line in expected {
        assert!(err.contains(line), "missing {line:?} in:\n{err}");
    }
    let located = err
        .lines()
        .filter(|l| l.contains("┌─ content/topics/arrays/two-sum.md:"))
        .count();
    assert_eq!(located, 5, "every error names file:line:col:\n{err}");
    assert!(!root.join("out").exists(), "nothing was written");
}

/// An asset is published at its path under `content/`: one that would land on a file
/// syllabus writes itself is an error, not a silent overwrite.
#[test]
fn an_asset_where_syllabus_writes_its_own_files_is_an_error() {
    let dir = fixture("basic");
    let root = dir.path();
    write(root, "content/robots.txt", b"User-agent: evil");
    write(root, "content/static/style.css", b"body{}");
    write(
        root,
        "content/topics/arrays/two-sum",
        b"a file named like the question's folder",
    );
    append(
        root,
        "index.md",
        "\n[robots](robots.txt) [css](static/style.css) [clash](topics/arrays/two-sum)\n",
    );
    let err = build(root).expect_err("collisions fail");
    for path in ["robots.txt", "static/style.css", "topics/arrays/two-sum"] {
        assert!(
            err.contains(&format!(
                "content/{path} would be published at /{path}, where syllabus writes"
            )),
            "{path}: {err}"
        );
    }
    assert!(err.contains("content/index.md:"), "{err}");
}

/// A linked file is served from the site's own origin, so one that would run script when
/// opened (an HTML file, an SVG with script) is an error, never published.
#[test]
fn linked_files_that_would_run_script_are_errors() {
    let dir = fixture("basic");
    let root = dir.path();
    write(root, "content/pages/demo.html", b"<script>alert(1)</script>");
    write(
        root,
        "content/pages/evil.svg",
        b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
    );
    write(
        root,
        "content/pages/fine.svg",
        b"<svg xmlns='http://www.w3.org/2000/svg'><circle r='2'/></svg>",
    );
    append(
        root,
        "pages/about.md",
        "\n[demo](demo.html) ![evil](evil.svg) ![fine](fine.svg)\n",
    );
    let err = build(root).expect_err("fails");
    assert!(
        err.contains("error: link to an HTML file: content/pages/demo.html"),
        "{err}"
    );
    assert!(err.contains("content/pages/about.md:"), "{err}");
    // The SVG is read once the links are known to be sound: fix the HTML link first.
    let about = root.join("content/pages/about.md");
    let text = std::fs::read_to_string(&about)
        .unwrap()
        .replace("[demo](demo.html) ", "");
    std::fs::write(&about, text).unwrap();
    let err = build(root).expect_err("fails");
    assert!(
        err.contains(
            "error: content/pages/evil.svg: this SVG file runs script: it has an `onload` attribute on line 1"
        ),
        "{err}"
    );
    assert!(err.contains("content/pages/evil.svg"), "{err}");
    assert!(!err.contains("fine.svg"), "{err}");
}
