//! Builds the shipped guide (its frozen copy in `tests/fixtures/python-guide/`) and runs the browser search code over it under node:
//! `tests/js/` (relevance, robustness, tokenizer parity with Rust). Node is required; the
//! test fails with a clear message when it is missing.

use std::path::Path;
use std::process::Command;

use syllabus::build::{self, BuildOptions};

mod common;

#[test]
fn search_js_suite_passes_over_the_shipped_guide() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The frozen copy of the shipped guide: the expected results name its pages.
    let fixture = common::fixture("python-guide");
    let root = fixture.path();
    let node = std::env::var("NODE").unwrap_or_else(|_| "node".to_string());
    let version = Command::new(&node).arg("--version").output();
    let Ok(version) = version
        .as_ref()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    else {
        panic!(
            "node is missing: the search tests run tests/js/ with `{node} --test`; install Node.js 18+ (or set NODE=/path/to/node)"
        );
    };

    let dir = tempfile::tempdir().expect("a temporary directory");
    let site = dir.path().join("site");
    let options = BuildOptions {
        root: root.to_path_buf(),
        output: Some(site.clone()),
        base_url: None,
        drafts: false,
        minify: true,
    };
    if let Err(problems) = build::run(&options) {
        panic!("the shipped guide does not build:\n{}", problems.render());
    }
    assert!(
        site.join("search/manifest.js").is_file(),
        "the build wrote no search index"
    );

    let output = Command::new(&node)
        .arg("--test")
        .arg(repo.join("tests/js/"))
        .env("SYLLABUS_SEARCH_SITE", &site)
        .current_dir(repo)
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "node {version} --test tests/js/ failed:\n{stdout}\n{stderr}"
    );
}
