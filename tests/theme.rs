//! The built-in theme: a guide with no themes/ folder builds styled, one overridden file
//! replaces only itself, template errors point at the template once, and eject never
//! overwrites.

mod common;

use std::path::Path;

use common::{copy_dir, repo, syllabus, text};
use scraper::{Html, Selector};

/// A project with the basic fixture's content and no themes/ folder.
fn bare() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&repo().join("tests/fixtures/basic"), dir.path());
    dir
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

fn html(root: &Path, rel: &str) -> Html {
    Html::parse_document(&std::fs::read_to_string(root.join("site").join(rel)).expect(rel))
}

fn stylesheets(doc: &Html) -> Vec<String> {
    let sel = Selector::parse("link[rel=stylesheet]").unwrap();
    doc.select(&sel)
        .filter_map(|l| l.value().attr("href").map(String::from))
        .collect()
}

#[test]
fn a_guide_without_themes_builds_styled_with_the_builtin_theme() {
    let dir = bare();
    assert!(!dir.path().join("themes").exists());
    let result = build(dir.path());
    assert!(result.status.success(), "{}", text(&result.stderr));
    let doc = html(dir.path(), "index.html");
    let sheets = stylesheets(&doc);
    assert!(sheets.iter().any(|h| h.ends_with("static/style.css")), "{sheets:?}");
    let css = std::fs::read(dir.path().join("site/static/style.css")).unwrap();
    assert_eq!(
        css,
        std::fs::read(repo().join("themes/default/static/style.css")).unwrap()
    );
}

#[test]
fn theme_default_in_guide_yaml_needs_no_folder() {
    let dir = bare();
    let yaml = dir.path().join("content/guide.yaml");
    let config = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(&yaml, format!("{config}\ntheme: default\n")).unwrap();
    let result = build(dir.path());
    assert!(result.status.success(), "{}", text(&result.stderr));
}

#[test]
fn overriding_one_template_or_static_file_keeps_the_rest_builtin() {
    let dir = bare();
    let templates = dir.path().join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    let base = std::fs::read_to_string(repo().join("themes/default/templates/base.html")).unwrap();
    let custom = base.replacen("<body", "<body data-forked=\"yes\"", 1);
    assert_ne!(base, custom, "base.html has a <body> tag");
    std::fs::write(templates.join("base.html"), custom).unwrap();
    let static_dir = dir.path().join("themes/default/static");
    std::fs::create_dir_all(&static_dir).unwrap();
    std::fs::write(static_dir.join("site.js"), "// mine\n").unwrap();
    let result = build(dir.path());
    assert!(result.status.success(), "{}", text(&result.stderr));
    for page in ["index.html", "topics/arrays/two-sum/index.html"] {
        let doc = html(dir.path(), page);
        let body = doc.select(&Selector::parse("body").unwrap()).next().unwrap();
        assert_eq!(body.value().attr("data-forked"), Some("yes"), "{page}");
    }
    let site = dir.path().join("site/static");
    assert_eq!(std::fs::read_to_string(site.join("site.js")).unwrap(), "// mine\n");
    assert!(
        std::fs::metadata(site.join("style.css")).unwrap().len() > 1000,
        "style.css falls back"
    );
}

#[test]
fn a_missing_variable_is_one_error_naming_the_template_and_line() {
    let dir = bare();
    let templates = dir.path().join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("question.html"),
        "{% extends \"base.html\" %}\n{% block content %}\n<p>{{ no_such_thing }}</p>\n{% endblock content %}\n",
    )
    .unwrap();
    let result = syllabus(&["check", "--root", dir.path().to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(1));
    let err = text(&result.stderr);
    assert!(err.contains("themes/default/templates/question.html:3:7"), "{err}");
    assert!(err.contains("variable `no_such_thing` is not defined"), "{err}");
    assert_eq!(
        err.matches("no_such_thing` is not defined").count(),
        1,
        "reported once:\n{err}"
    );
    assert!(!err.contains("error: error"), "{err}");
    assert!(!err.contains("template error: error:"), "{err}");
    assert!(err.contains("1 problem found"), "{err}");
}

#[test]
fn another_theme_name_needs_its_folder() {
    let dir = bare();
    let yaml = dir.path().join("content/guide.yaml");
    let config = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(&yaml, format!("{config}\ntheme: fancy\n")).unwrap();
    let result = syllabus(&["check", "--root", dir.path().to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(1));
    let err = text(&result.stderr);
    assert!(err.contains("theme 'fancy' not found at themes/fancy"), "{err}");
    assert!(err.contains("guide.yaml:"), "points at the setting:\n{err}");
}

#[test]
fn eject_writes_the_builtin_theme_and_never_overwrites() {
    let dir = bare();
    let root = dir.path().to_str().unwrap();
    let result = syllabus(&["theme", "eject", "--root", root, "--name", "mine"]);
    assert!(result.status.success(), "{}", text(&result.stderr));
    let ejected = dir.path().join("themes/mine/templates/base.html");
    assert_eq!(
        std::fs::read(&ejected).unwrap(),
        std::fs::read(repo().join("themes/default/templates/base.html")).unwrap()
    );
    std::fs::write(&ejected, "mine").unwrap();
    let again = syllabus(&["theme", "eject", "--root", root, "--name", "mine"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        text(&again.stderr).contains("base.html already exists"),
        "{}",
        text(&again.stderr)
    );
    assert_eq!(std::fs::read_to_string(&ejected).unwrap(), "mine");
    // The ejected theme, selected in guide.yaml, builds.
    std::fs::write(
        &ejected,
        std::fs::read(repo().join("themes/default/templates/base.html")).unwrap(),
    )
    .unwrap();
    let yaml = dir.path().join("content/guide.yaml");
    let config = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(&yaml, format!("{config}\ntheme: mine\n")).unwrap();
    let result = build(dir.path());
    assert!(result.status.success(), "{}", text(&result.stderr));
}

/// docs/theming.md names every template and static file of the built-in theme (each
/// template has its own section), every CSS variable guide.yaml may set, and every
/// guide.yaml setting; every variable is one the built-in stylesheet defines.
#[test]
fn docs_theming_names_every_template_file_and_variable() {
    let docs = std::fs::read_to_string(repo().join("docs/theming.md")).expect("docs/theming.md");
    let theme = repo().join("themes/default");
    for sub in ["templates", "static"] {
        for entry in std::fs::read_dir(theme.join(sub)).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            let wanted = match sub {
                "templates" => format!("### {name}\n"),
                _ => format!("`{name}`"),
            };
            assert!(docs.contains(&wanted), "docs/theming.md does not describe {sub}/{name}");
        }
    }
    let style = std::fs::read_to_string(theme.join("static/style.css")).unwrap();
    for (name, _) in syllabus::load::CSS_VARIABLES {
        assert!(
            docs.contains(&format!("| `--{name}` |")),
            "docs/theming.md lacks --{name}"
        );
        assert!(
            style.contains(&format!("--{name}:")),
            "style.css does not define --{name}"
        );
    }
    for key in [
        "logo",
        "favicon",
        "extra_css",
        "footer",
        "css_variables",
        "css_variables_dark",
    ] {
        assert!(
            docs.contains(&format!("| `{key}` |")),
            "docs/theming.md lacks guide.yaml's {key}"
        );
    }
}
