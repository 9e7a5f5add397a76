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

/// The runner fixture plus one page `content/topics/py/probe.md` running `code`.
fn probe(code: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = fixture("runner");
    let page = dir.path().join("content/topics/py/probe.md");
    std::fs::write(
        &page,
        format!("---\ntitle: Probe\ndifficulty: easy\nkind: coding\nminutes: 5\n---\n```python\n{code}\n```\n"),
    )
    .unwrap();
    (dir, page)
}

fn run_probe(
    dir: &std::path::Path,
    page: &std::path::Path,
    extra: &[&str],
    env: &[(&str, &str)],
) -> (Option<i32>, String) {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_syllabus"));
    command
        .args(["test", "--root", dir.to_str().unwrap(), page.to_str().unwrap()])
        .args(extra);
    for (k, v) in env {
        command.env(k, v);
    }
    let out = command.output().unwrap();
    (out.status.code(), text(&out.stdout) + &text(&out.stderr))
}

/// Regression (issue 13 §5): on timeout only the direct child was killed; a grandchild lived on.
#[test]
fn timeout_kills_the_whole_process_group() {
    let (dir, page) = probe(
        "import os, subprocess, sys, time\nchild = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(120)'])\nopen(os.environ['SYLLABUS_PIDFILE'], 'w').write(str(child.pid))\ntime.sleep(120)",
    );
    let pidfile = dir.path().join("pid");
    let (code, out) = run_probe(
        dir.path(),
        &page,
        &["--timeout", "8"],
        &[("SYLLABUS_PIDFILE", pidfile.to_str().unwrap())],
    );
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("timed out after 8 s"), "{out}");
    let pid = std::fs::read_to_string(&pidfile).expect("the page wrote its child's pid");
    // Gone, or a zombie waiting for a reaper: either way no longer running.
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let state = stat
        .rsplit(')')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .next()
        .unwrap_or("");
    assert!(
        stat.is_empty() || state == "Z",
        "grandchild {pid} still running: {stat}"
    );
}

/// Regression (issue 13 §5): `print('x' * 2**20)` in a loop read gigabytes into memory, and
/// non-UTF-8 output was replaced by "stream did not contain valid UTF-8".
#[test]
fn output_is_capped_and_shown_lossily() {
    let (dir, page) = probe(
        "import sys\nsys.stdout.buffer.write(b'caf\\xe9 start\\n')\nfor _ in range(64):\n    print('x' * 2**20)\nraise SystemExit('the end')",
    );
    let (code, out) = run_probe(dir.path(), &page, &[], &[]);
    assert_eq!(code, Some(1));
    assert!(out.len() < 2 << 20, "{} bytes", out.len());
    assert!(out.contains("caf\u{fffd} start"), "{}", &out[..200]);
    assert!(out.contains("bytes cut …"), "no cut line");
    assert!(out.contains("the end"), "the tail is kept");
}

/// Regression (issue 13 §5): `os._exit(0)` before the tests ran counted as a pass.
#[test]
fn a_page_that_exits_early_fails_naming_the_tests() {
    let (dir, page) =
        probe("import os\ndef test_one():\n    assert False\nasync def test_two():\n    pass\nos._exit(0)");
    let (code, out) = run_probe(dir.path(), &page, &[], &[]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("never ran: test_one, test_two"), "{out}");
}

/// Python runs isolated (`-I`) in a minimal environment: the developer's shell variables and
/// PYTHON* settings do not reach it; SYLLABUS_* do.
#[test]
fn python_runs_isolated_in_a_minimal_environment() {
    let (dir, page) = probe(
        "import os, sys\nassert sys.flags.isolated == 1\nassert 'MY_SECRET' not in os.environ, os.environ\nassert 'PYTHONPATH' not in os.environ\nassert os.environ['LANG'] == 'C.UTF-8'\nassert os.environ['SYLLABUS_MODE'] == 'ci'\nassert os.environ['TMPDIR'] == os.getcwd()",
    );
    let (code, out) = run_probe(
        dir.path(),
        &page,
        &[],
        &[("MY_SECRET", "x"), ("PYTHONPATH", "/nowhere"), ("SYLLABUS_MODE", "ci")],
    );
    assert_eq!(code, Some(0), "{out}");
}

/// Whether `pid` is a live process (not gone, not a zombie waiting for its reaper).
fn running(pid: &str) -> bool {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let state = stat
        .rsplit(')')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .next()
        .unwrap_or("");
    !stat.is_empty() && state != "Z"
}

/// Polls `done` until it holds or a generous deadline passes (a hang becomes a failure; no
/// assertion depends on the machine's speed).
fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while !done() {
        assert!(std::time::Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// Regression (issue 13 §5): an interrupted `syllabus test` (Ctrl-C, SIGTERM) must stop its
/// pages' Pythons and their children, remove their temp folders, and exit as a shell expects.
#[test]
fn an_interrupted_run_stops_every_python_and_removes_its_temp_folders() {
    for (signal, code) in [(libc::SIGTERM, 143), (libc::SIGINT, 130)] {
        let (dir, page) = probe(
            "import os, subprocess, sys, time\nchild = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300)'])\npath = os.environ['SYLLABUS_PIDFILE']\nwith open(path + '.tmp', 'w') as f:\n    f.write(f'{os.getpid()} {child.pid} {os.getcwd()}')\nos.replace(path + '.tmp', path)\ntime.sleep(300)",
        );
        let pidfile = dir.path().join("pids");
        // syllabus makes each page's temp folder under its own TMPDIR: this one.
        let tmp = tempfile::tempdir().unwrap();
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_syllabus"))
            .args(["test", "--root", dir.path().to_str().unwrap(), page.to_str().unwrap()])
            .args(["--timeout", "600"])
            .env("SYLLABUS_PIDFILE", &pidfile)
            .env("TMPDIR", tmp.path())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let syllabus_pid = child.id() as libc::pid_t;
        wait_for("the page to start its child", || pidfile.exists());
        let pids = std::fs::read_to_string(&pidfile).unwrap();
        let mut parts = pids.split_whitespace();
        let (python, grandchild, cwd) = (
            parts.next().unwrap().to_string(),
            parts.next().unwrap().to_string(),
            parts.next().unwrap().to_string(),
        );
        assert!(
            std::path::Path::new(&cwd).starts_with(std::fs::canonicalize(tmp.path()).unwrap()),
            "the page runs in a temp folder under TMPDIR: {cwd}"
        );
        assert!(running(&python) && running(&grandchild));

        // SAFETY: signals the syllabus process this test started.
        assert_eq!(unsafe { libc::kill(syllabus_pid, signal) }, 0);
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || sender.send(child.wait_with_output()));
        let out = receiver
            .recv_timeout(std::time::Duration::from_secs(120))
            .expect("syllabus test exits after the signal")
            .unwrap();
        assert_eq!(out.status.code(), Some(code), "signal {signal}: {}", text(&out.stderr));
        assert!(text(&out.stderr).contains("interrupted"), "{}", text(&out.stderr));
        wait_for("the page's Python to die", || !running(&python));
        wait_for("the page's child to die", || !running(&grandchild));
        let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert!(left.is_empty(), "temp folders left behind: {left:?}");
    }
}
