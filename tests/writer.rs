//! The writer killed at its most delicate instants (issue 13 §1): the output path always
//! holds one complete site, the old or the new, and the next build cleans up and succeeds.
//! The build is paused there by `SYLLABUS_TEST_PAUSE_*_SWAP` (a hook for tests) and
//! SIGKILLed, which no program can catch.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::{fixture, syllabus, text};

fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("walk"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn build(root: &Path, out: &Path) {
    let result = syllabus(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    assert!(result.status.success(), "{}", text(&result.stderr));
}

/// The site a build of the guide as it is now writes, built elsewhere.
fn fresh_site(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let elsewhere = tempfile::tempdir().unwrap();
    let out = elsewhere.path().join("site");
    build(root, &out);
    snapshot(&out)
}

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(120);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Starts a build that pauses at `hook`, waits until it is there, and SIGKILLs it.
fn kill_build_at(hook: &str, root: &Path, out: &Path) {
    let flag: PathBuf = root.join(format!("{hook}.flag"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_syllabus"))
        .args([
            "build",
            "--root",
            root.to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
        ])
        .env(hook, &flag)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    wait_for(hook, || flag.exists());
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    std::fs::remove_file(&flag).unwrap();
}

/// What is beside the output: only the site and the writer's spare, never staging leftovers.
fn beside(out: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(out.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("out"))
        .collect();
    names.sort();
    names
}

fn edit_title(root: &Path, title: &str) {
    let page = root.join("content/pages/about.md");
    let text = std::fs::read_to_string(&page).unwrap();
    let old = text.lines().find(|l| l.starts_with("title:")).unwrap().to_string();
    std::fs::write(&page, text.replacen(&old, &format!("title: {title}"), 1)).unwrap();
}

#[test]
fn a_build_killed_just_before_or_after_the_swap_leaves_a_complete_site() {
    let dir = fixture("basic");
    let root = dir.path();
    let out = root.join("out");

    // Killed before its first swap: there was no site, and there is none (not half of one).
    kill_build_at("SYLLABUS_TEST_PAUSE_BEFORE_SWAP", root, &out);
    assert!(!out.exists());
    build(root, &out);
    let first = snapshot(&out);
    assert_eq!(first, fresh_site(root));

    // Killed just before the swap: readers still get the old site, byte for byte.
    edit_title(root, "About, second");
    kill_build_at("SYLLABUS_TEST_PAUSE_BEFORE_SWAP", root, &out);
    assert_eq!(snapshot(&out), first, "the old complete site");
    assert_eq!(beside(&out), [".out.spare", "out"]);
    // The next build takes over what the killed one left and writes the new site.
    build(root, &out);
    let second = fresh_site(root);
    assert_eq!(snapshot(&out), second);
    assert_eq!(beside(&out), [".out.spare", "out"]);

    // Killed just after the swap: the new complete site is there.
    edit_title(root, "About, third");
    let third = fresh_site(root);
    kill_build_at("SYLLABUS_TEST_PAUSE_AFTER_SWAP", root, &out);
    assert_eq!(snapshot(&out), third, "the new complete site");
    build(root, &out);
    assert_eq!(snapshot(&out), third);
    assert_eq!(beside(&out), [".out.spare", "out"]);
}
