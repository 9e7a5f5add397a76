//! Output into a pipe whose reader is gone (`syllabus test | head -1`): no panic, no
//! "failed printing to stdout"; the command ends quietly with its own exit status, as cargo
//! and ripgrep do (issue 13 §5).

mod common;

use std::process::{Command, Stdio};

use common::{fixture, text};

/// Runs syllabus with a stdout pipe whose reading end is closed before syllabus writes to
/// it (what `| head -1` does once it has its line), and returns the exit code and stderr.
fn with_closed_stdout(args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_syllabus"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("syllabus starts");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("syllabus ends");
    (out.status.code(), text(&out.stderr))
}

fn assert_quiet(args: &[&str], code: i32) {
    let (status, stderr) = with_closed_stdout(args);
    assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    assert!(!stderr.contains("failed printing"), "{args:?}: {stderr}");
    assert_eq!(status, Some(code), "{args:?}: {stderr}");
}

/// Regression: `syllabus test … | head -1` panicked with "failed printing to stdout".
#[test]
fn test_into_a_closed_pipe_ends_quietly_with_its_own_status() {
    let dir = fixture("runner");
    let root = dir.path().to_str().unwrap();
    let passing = dir.path().join("content/topics/py/passing.md");
    assert_quiet(&["test", "--root", root, passing.to_str().unwrap()], 0);
    let failing = dir.path().join("content/topics/py/failing.md");
    assert_quiet(&["test", "--root", root, failing.to_str().unwrap()], 1);
}

#[test]
fn plan_check_build_and_completions_into_a_closed_pipe_end_quietly() {
    let dir = fixture("plan-basic");
    let root = dir.path().to_str().unwrap();
    for format in ["markdown", "text", "csv", "json", "ics"] {
        assert_quiet(&["plan", "--root", root, "--format", format], 0);
    }
    let dir = fixture("basic");
    let root = dir.path().to_str().unwrap();
    assert_quiet(&["check", "--root", root], 0);
    let out = dir.path().join("out");
    assert_quiet(&["build", "--root", root, "--output", out.to_str().unwrap()], 0);
    assert_quiet(&["completions", "bash"], 0);
}
