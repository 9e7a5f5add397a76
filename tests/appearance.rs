//! guide.yaml's look without templates (issue 10): `logo`, `favicon`, `extra_css`, `footer`
//! and the theme's CSS variables, over an `init` guide. The built pages are read with
//! scraper; every href is relative, and resolves to a file of the site.

mod common;

use std::path::{Path, PathBuf};

use common::{syllabus, text};
use scraper::{Html, Selector};

const LOGO: &str =
    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><circle cx=\"5\" cy=\"5\" r=\"5\"/></svg>";

const SETTINGS: &str = "logo: assets/logo.svg
favicon: assets/icon.png
extra_css: [assets/extra.css, \"https://fonts.googleapis.com/css2?family=Inter\"]
footer:
  - title: About this guide
    href: pages/about.md
  - title: Source code
    href: https://github.com/you/guide
css_variables:
  accent: \"#0b7285\"
  --font: \"Inter, system-ui, sans-serif\"
css_variables_dark:
  accent: \"#66d9e8\"
";

/// An `init` guide with `extra` appended to its guide.yaml and the files it names.
fn guide(extra: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("g");
    let init = syllabus(&["init", root.to_str().unwrap()]);
    assert!(init.status.success(), "{}", text(&init.stderr));
    let assets = root.join("content/assets");
    std::fs::create_dir_all(&assets).unwrap();
    std::fs::write(assets.join("logo.svg"), LOGO).unwrap();
    std::fs::write(assets.join("icon.png"), b"\x89PNG\r\n\x1a\nnot really").unwrap();
    std::fs::write(assets.join("extra.css"), ".prose h1 { letter-spacing: -0.02em; }\n").unwrap();
    let yaml = root.join("content/guide.yaml");
    let mut text = std::fs::read_to_string(&yaml).unwrap();
    text.push_str(extra);
    std::fs::write(&yaml, text).unwrap();
    (dir, root)
}

fn build(root: &Path) -> std::process::Output {
    let out = root.join("site");
    syllabus(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ])
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("selector")
}

fn attrs(doc: &Html, selector: &str, attr: &str) -> Vec<String> {
    doc.select(&sel(selector))
        .filter_map(|e| e.value().attr(attr).map(String::from))
        .collect()
}

/// The file a relative href of the page `page` (a path in the site) leads to.
fn target(site: &Path, page: &str, href: &str) -> PathBuf {
    assert!(
        !href.starts_with('/'),
        "{href} is not relative: the site must work from file:// and subpaths"
    );
    let mut path = site.join(page);
    path.pop();
    for part in href.split('#').next().unwrap_or("").split('/') {
        match part {
            ".." => {
                path.pop();
            }
            "" | "." => {}
            other => path.push(other),
        }
    }
    path
}

#[test]
fn logo_favicon_stylesheets_footer_and_variables_reach_every_page() {
    let (_dir, root) = guide(SETTINGS);
    let result = build(&root);
    assert!(result.status.success(), "{}", text(&result.stderr));
    let site = root.join("site");
    for page in [
        "index.html",
        "topics/basics/add-two-numbers/index.html",
        "about/index.html",
        "404.html",
    ] {
        let doc = Html::parse_document(&std::fs::read_to_string(site.join(page)).unwrap());

        let logo = attrs(&doc, "header a.brand img.brand-logo", "src");
        assert_eq!(logo.len(), 1, "{page}");
        assert_eq!(
            std::fs::read_to_string(target(&site, page, &logo[0])).unwrap(),
            LOGO,
            "{page}"
        );

        let icons = attrs(&doc, "link[rel=icon]", "href");
        assert_eq!(icons.len(), 1, "the guide's favicon replaces the theme's: {icons:?}");
        assert!(target(&site, page, &icons[0]).ends_with("assets/icon.png"));
        assert!(target(&site, page, &icons[0]).is_file());
        assert_eq!(attrs(&doc, "link[rel=icon]", "type"), ["image/png"]);

        // After the theme's stylesheets, in guide.yaml's order; the variables first.
        let sheets = attrs(&doc, "link[rel=stylesheet]", "href");
        let local: Vec<String> = sheets
            .iter()
            .filter(|h| !h.starts_with("https://"))
            .map(|h| {
                target(&site, page, h)
                    .strip_prefix(&site)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(
            local,
            [
                "static/style.css",
                "static/syntax-light.css",
                "static/syntax-dark.css",
                "static/theme-variables.css",
                "assets/extra.css"
            ],
            "{page}"
        );
        assert_eq!(
            sheets.last().map(String::as_str),
            Some("https://fonts.googleapis.com/css2?family=Inter")
        );

        let footer: Vec<(String, String)> = doc
            .select(&sel("footer .footer-links a"))
            .map(|a| (a.text().collect(), a.value().attr("href").unwrap_or("").to_string()))
            .collect();
        assert_eq!(footer.len(), 2, "{page}");
        assert_eq!(footer[0].0, "About this guide");
        assert!(
            target(&site, page, &footer[0].1).ends_with("about/index.html"),
            "{footer:?}"
        );
        assert!(target(&site, page, &footer[0].1).is_file());
        assert_eq!(
            footer[1],
            ("Source code".to_string(), "https://github.com/you/guide".to_string())
        );
    }
    let css = std::fs::read_to_string(site.join("static/theme-variables.css")).unwrap();
    assert!(
        css.contains(":root {\n  --accent: #0b7285;\n  --font: Inter, system-ui, sans-serif;\n}"),
        "{css}"
    );
    assert!(
        css.contains(":root[data-theme=\"dark\"] {\n  --accent: #66d9e8;\n}"),
        "{css}"
    );
    // The variables it sets are the theme's own.
    let theme_css = std::fs::read_to_string(site.join("static/style.css")).unwrap();
    for name in ["--accent:", "--font:"] {
        assert!(theme_css.contains(name), "{name}");
    }
}

#[test]
fn without_settings_pages_link_the_themes_icons_and_nothing_else() {
    let (_dir, root) = guide("");
    // A theme override that replaces the built-in SVG icon: it is linked (with the built-in
    // ICO) while guide.yaml sets no favicon.
    let theme_static = root.join("themes/default/static");
    std::fs::create_dir_all(&theme_static).unwrap();
    std::fs::write(theme_static.join("favicon.svg"), LOGO).unwrap();
    let result = build(&root);
    assert!(result.status.success(), "{}", text(&result.stderr));
    let site = root.join("site");
    let doc = Html::parse_document(&std::fs::read_to_string(site.join("topics/basics/index.html")).unwrap());
    let icons = attrs(&doc, "link[rel=icon]", "href");
    assert_eq!(icons, ["../../static/favicon.svg", "../../static/favicon.ico"]);
    assert_eq!(std::fs::read_to_string(site.join("static/favicon.svg")).unwrap(), LOGO);
    assert_eq!(doc.select(&sel("img.brand-logo")).count(), 0);
    assert_eq!(doc.select(&sel(".footer-links")).count(), 0);
    assert!(!site.join("static/theme-variables.css").exists());
    assert_eq!(attrs(&doc, "link[rel=stylesheet]", "href").len(), 3);
}

#[test]
fn settings_point_at_their_line_in_guide_yaml_when_wrong() {
    let (_dir, root) = guide(
        "logo: assets/missing.svg
favicon: assets/extra.css
extra_css: [../outside.css]
footer:
  - title: About
    href: pages/abuot.md
  - title: Click me
    href: \"javascript:alert(1)\"
css_variables:
  acent: \"#000\"
  mono: \"x; } body { display: none\"
  bg: \"red</style><script>alert(1)</script>\"
",
    );
    let lines: Vec<String> = std::fs::read_to_string(root.join("content/guide.yaml"))
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    let line_of = |start: &str| lines.iter().position(|l| l.starts_with(start)).expect(start) + 1;
    let result = build(&root);
    assert_eq!(result.status.code(), Some(1));
    let stderr = text(&result.stderr);
    let expect = [
        (
            "logo: file not found: content/assets/missing.svg",
            format!(":{}:7", line_of("logo:")),
        ),
        (
            "favicon: 'assets/extra.css' is not a .svg, .png or .ico file",
            format!(":{}:10", line_of("favicon:")),
        ),
        (
            "extra_css: '../outside.css' is not a path",
            format!(":{}:13", line_of("extra_css:")),
        ),
        (
            "link to a missing file: content/pages/abuot.md",
            format!(":{}:11", line_of("    href: pages/abuot")),
        ),
        (
            "link with a `javascript:` URL",
            format!(":{}:11", line_of("    href: \"javascript")),
        ),
        (
            "css_variables: unknown variable 'acent' — did you mean 'accent'?",
            format!(":{}:3", line_of("  acent:")),
        ),
        (
            "css_variables.mono: the value may not contain `;`",
            format!(":{}:3", line_of("  mono:")),
        ),
        (
            "css_variables.bg: the value may not contain `<`",
            format!(":{}:3", line_of("  bg:")),
        ),
    ];
    for (message, place) in expect {
        let at = stderr.find(message).unwrap_or_else(|| panic!("{message}:\n{stderr}"));
        let report = &stderr[at..];
        let next = report.find("\nerror").unwrap_or(report.len());
        assert!(
            report[..next].contains(&format!("content/guide.yaml{place}")),
            "{message} at {place}:\n{stderr}"
        );
        assert!(report[..next].contains("= help: "), "{message} has help");
    }
    assert!(!root.join("site").exists(), "nothing was written");
}
