//! Helpers shared by the end-to-end tests: fixture trees are copied into a temp dir together
//! with the repository's themes, so each test builds a real project without touching the repo.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk fixture");
        let rel = entry.path().strip_prefix(from).expect("prefix");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// A temp project made of `tests/fixtures/<name>/content` and the repository's themes.
pub fn fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&repo().join("tests/fixtures").join(name), dir.path());
    copy_dir(&repo().join("themes"), &dir.path().join("themes"));
    dir
}

pub fn syllabus(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_syllabus"))
        .args(args)
        .output()
        .expect("run syllabus")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
