//! `syllabus init` and `syllabus new`, end to end: the new guide checks, tests and builds at
//! once; nothing is ever overwritten; a missing topic gets a did-you-mean.

mod common;

use common::{syllabus, text};
use scraper::{Html, Selector};

fn ok(args: &[&str]) -> String {
    let out = syllabus(args);
    assert!(
        out.status.success(),
        "{args:?}:\n{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

#[test]
fn init_new_check_test_build() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("my-guide");
    let root = dir.to_str().unwrap();
    ok(&["init", root, "--title", "SQL for data engineers"]);
    for file in [
        ".gitignore",
        ".github/workflows/deploy.yml",
        "content/guide.yaml",
        "content/pages/about.md",
    ] {
        assert!(dir.join(file).is_file(), "{file}");
    }
    assert!(!dir.join("themes").exists());
    ok(&[
        "new",
        "question",
        "basics/joins",
        "--root",
        root,
        "--title",
        "Inner vs outer joins",
        "--kind",
        "concept",
    ]);
    ok(&["new", "topic", "windows", "--root", root]);
    ok(&["new", "page", "faq", "--root", root]);
    // The new topic is in no phase of the plan yet: a warning, not an error.
    let checked = ok(&["check", "--root", root]);
    assert!(checked.contains(": no errors, 1 warning"), "{checked}");
    let tested = ok(&["test", "--root", root]);
    assert!(tested.contains("3 test functions called"), "{tested}");
    ok(&["build", "--root", root]);
    let html = std::fs::read_to_string(dir.join("site/topics/basics/joins/index.html")).unwrap();
    let doc = Html::parse_document(&html);
    let h1 = doc.select(&Selector::parse("h1").unwrap()).next().unwrap();
    assert_eq!(h1.text().collect::<String>().trim(), "Inner vs outer joins");
    let headings: Vec<String> = doc
        .select(&Selector::parse("h2").unwrap())
        .map(|h| h.text().collect::<String>().trim().to_string())
        .collect();
    for section in ["Answer", "Example", "Follow-ups", "Pitfalls"] {
        assert!(
            headings.iter().any(|h| h.contains(section)),
            "{section} in {headings:?}"
        );
    }
}

#[test]
fn init_refuses_a_non_empty_folder_and_new_never_overwrites() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().to_str().unwrap();
    std::fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    let refused = syllabus(&["init", root]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        text(&refused.stderr).contains("is not empty"),
        "{}",
        text(&refused.stderr)
    );
    ok(&["init", root, "--force"]);
    assert_eq!(std::fs::read_to_string(tmp.path().join("notes.txt")).unwrap(), "mine");
    let again = syllabus(&["init", root, "--force"]);
    assert_eq!(again.status.code(), Some(1), "existing files are not overwritten");
    let page = tmp.path().join("content/pages/about.md");
    std::fs::write(&page, "---\ntitle: Mine\n---\n").unwrap();
    let clash = syllabus(&["new", "page", "about", "--root", root]);
    assert_eq!(clash.status.code(), Some(1));
    assert!(text(&clash.stderr).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&page).unwrap(), "---\ntitle: Mine\n---\n");
    let typo = syllabus(&["new", "question", "basci/joins", "--root", root]);
    assert_eq!(typo.status.code(), Some(1));
    assert!(
        text(&typo.stderr).contains("did you mean 'basics'?"),
        "{}",
        text(&typo.stderr)
    );
    assert!(!tmp.path().join("content/topics/basci").exists());
}

#[test]
fn completions_for_every_shell_and_every_option_described() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let script = ok(&["completions", shell]);
        assert!(script.contains("syllabus") && script.contains("eject"), "{shell}");
    }
    for cmd in [
        &["build"][..],
        &["check"],
        &["test"],
        &["plan"],
        &["theme", "eject"],
        &["init"],
        &["new", "question"],
        &["new", "topic"],
        &["new", "page"],
        &["completions"],
    ] {
        let mut args = cmd.to_vec();
        args.push("-h");
        let help = ok(&args);
        let lines: Vec<&str> = help.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            if !(line.starts_with("  -") || line.starts_with("  <")) {
                continue;
            }
            // The description is beside the option, or under it when the option is long.
            let inline = line
                .trim()
                .split_once("  ")
                .map(|x| x.1)
                .is_some_and(|d| !d.trim().is_empty());
            let below = lines
                .get(i + 1)
                .is_some_and(|next| next.starts_with("        ") && !next.trim().is_empty());
            assert!(inline || below, "{cmd:?}: no description: {line:?}");
        }
    }
}

#[test]
fn topic_folder_without_topic_file_and_uppercase_md_are_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().to_str().unwrap();
    ok(&["init", root]);
    let orphan = tmp.path().join("content/topics/orphans");
    std::fs::create_dir_all(&orphan).unwrap();
    let question = std::fs::read_to_string(tmp.path().join("content/topics/basics/add-two-numbers.md")).unwrap();
    std::fs::write(orphan.join("lost.md"), &question).unwrap();
    std::fs::write(tmp.path().join("content/topics/basics/LOUD.MD"), &question).unwrap();
    let out = syllabus(&["check", "--root", root]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("topic folder content/topics/orphans/ has no _topic.md"),
        "{err}"
    );
    assert!(err.contains("LOUD.MD: this Markdown file is not read"), "{err}");
}

#[test]
fn a_broken_guide_yaml_does_not_hide_link_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().to_str().unwrap();
    ok(&["init", root]);
    let yaml = tmp.path().join("content/guide.yaml");
    let config = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(&yaml, config.replace("description:", "descripton:")).unwrap();
    std::fs::write(
        tmp.path().join("content/pages/about.md"),
        "---\ntitle: About\n---\nSee [x](nowhere.md).\n",
    )
    .unwrap();
    let err = text(&syllabus(&["check", "--root", root]).stderr);
    assert!(err.contains("descripton"), "{err}");
    assert!(err.contains("link to a missing file"), "{err}");
    assert!(!err.contains("front matter"), "guide.yaml is not front matter:\n{err}");
}

/// The deploy workflow `init` writes downloads the release of the version that wrote it, from
/// the repository Cargo.toml names, in the file release.yml uploads; it compiles nothing.
#[test]
fn init_deploy_workflow_downloads_this_versions_release_binary() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("g");
    ok(&["init", dir.to_str().unwrap()]);
    let text = std::fs::read_to_string(dir.join(".github/workflows/deploy.yml")).unwrap();
    let workflow: serde_json::Value = serde_saphyr::from_str(&text).expect("deploy.yml is YAML");
    let env = &workflow["env"];
    let repository = env!("CARGO_PKG_REPOSITORY").trim_start_matches("https://github.com/");
    assert_eq!(env["SYLLABUS_REPO"], repository);
    assert_eq!(env["SYLLABUS_VERSION"], concat!("v", env!("CARGO_PKG_VERSION")));
    let asset = env["SYLLABUS_ASSET"].as_str().expect("asset");
    assert_eq!(asset, "syllabus-x86_64-unknown-linux-gnu.tar.gz");
    let steps = workflow["jobs"]["build"]["steps"].as_array().expect("steps");
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    assert!(runs.iter().any(|r| r.contains("gh release download")), "{runs:?}");
    assert!(
        runs.iter().all(|r| !r.contains("cargo")),
        "no Rust in a guide's deploy: {runs:?}"
    );
    assert!(
        steps.iter().all(|s| !s["uses"].as_str().unwrap_or("").contains("rust")),
        "no Rust toolchain"
    );

    // release.yml builds that file (`syllabus-$TARGET.tar.gz`), and every platform's.
    let release = std::fs::read_to_string(common::repo().join(".github/workflows/release.yml")).unwrap();
    let release: serde_json::Value = serde_saphyr::from_str(&release).expect("release.yml is YAML");
    let targets: Vec<&str> = release["jobs"]["build"]["strategy"]["matrix"]["include"]
        .as_array()
        .expect("matrix")
        .iter()
        .filter_map(|t| t["target"].as_str())
        .collect();
    for wanted in [
        "x86_64-unknown-linux-gnu",
        "aarch64-unknown-linux-gnu",
        "aarch64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ] {
        assert!(targets.contains(&wanted), "{wanted}: {targets:?}");
    }
    let package = release["jobs"]["build"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Package")
        .and_then(|s| s["run"].as_str())
        .expect("a Package step");
    assert!(package.contains("name=\"syllabus-$TARGET\"") && package.contains("asset=\"$name.tar.gz\""));
    assert!(
        package.contains("tar czf \"$asset\" syllabus "),
        "the binary at the archive's top"
    );
}
