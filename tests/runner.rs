//! `syllabus test` over fixture pages, and over the shipped guide.

mod common;

use common::{fixture, repo, syllabus, text};

#[test]
fn runner_reports_pass_fail_line_timeout_syntax_error_and_no_run() {
    let dir = fixture("runner");
    let root = dir.path().to_str().unwrap();
    let result = syllabus(&["test", "--root", root, "--timeout", "3"]);
    assert_eq!(result.status.code(), Some(1), "{}", text(&result.stdout));
    let out = text(&result.stdout);
    assert!(
        out.contains("ok       content/topics/py/passing.md (2 blocks, 2 tests"),
        "{out}"
    );
    assert!(out.contains("FAILED   content/topics/py/failing.md"), "{out}");
    // The failing assert is reported at its line in the Markdown file (line 11).
    assert!(out.contains("failing.md\", line 11, in test_wrong"), "{out}");
    assert!(out.contains("AssertionError"), "{out}");
    assert!(
        out.contains("FAILED   content/topics/py/slow.md: timed out after 3 s"),
        "{out}"
    );
    assert!(out.contains("FAILED   content/topics/py/syntax-error.md"), "{out}");
    assert!(out.contains("SyntaxError"), "{out}");
    assert!(out.contains("syntax-error.md\", line 8"), "{out}");
    assert!(
        out.contains("skipped  content/topics/py/only-no-run.md (1 no-run blocks)"),
        "{out}"
    );
    assert!(!out.contains("never runs"));
    assert!(out.contains("pages: 1 passed, 3 failed"), "{out}");
}

#[test]
fn runner_takes_paths_and_a_missing_python_is_an_error() {
    let dir = fixture("runner");
    let root = dir.path().to_str().unwrap();
    let passing = dir.path().join("content/topics/py/passing.md");
    let result = syllabus(&["test", "--root", root, passing.to_str().unwrap()]);
    assert!(result.status.success(), "{}", text(&result.stdout));
    assert!(text(&result.stdout).contains("pages: 1 passed, 0 failed"));

    let result = syllabus(&["test", "--root", root, "--python", "/nonexistent/python3"]);
    assert_eq!(result.status.code(), Some(1));
    assert!(text(&result.stderr).contains("cannot run the Python interpreter"));
}

/// Every runnable Python block of the shipped guide runs, and at least 85% are runnable.
#[test]
fn shipped_guide_python_passes() {
    let result = syllabus(&["test", "--root", repo().to_str().unwrap()]);
    let out = text(&result.stdout);
    assert!(result.status.success(), "{out}\n{}", text(&result.stderr));
    let line = out
        .lines()
        .find(|l| l.starts_with("Python blocks:"))
        .expect("summary line");
    let pct: f64 = line
        .split('(')
        .nth(1)
        .and_then(|s| s.split('%').next())
        .and_then(|s| s.parse().ok())
        .expect("ratio");
    assert!(pct >= 85.0, "{line}");
}
