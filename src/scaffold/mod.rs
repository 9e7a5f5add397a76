//! Files syllabus creates for the author: `init`, `new` and `theme eject`. They only ever add
//! files: if any of them exists, nothing is written and every clash is reported.

pub mod cli;
pub mod init;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics, display_path};

/// A file to create, relative to the guide's folder, `/`-separated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

impl NewFile {
    pub fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        Self {
            path: path.into(),
            bytes: bytes.into(),
        }
    }
}

/// Writes `files` under `root`, creating folders as needed. Refuses (writing nothing) when
/// any of them already exists, so an author's file is never overwritten.
pub fn write_new(root: &Path, files: &[NewFile]) -> Result<Vec<PathBuf>, Diagnostics> {
    let clashes: Diagnostics = files
        .iter()
        .map(|f| root.join(&f.path))
        .filter(|p| fs::symlink_metadata(p).is_ok())
        .map(|p| {
            Diagnostic::error(format!("{} already exists", display_path(&p)))
                .help("syllabus never overwrites a file: move it away or pick another name")
        })
        .collect();
    if !clashes.is_empty() {
        return Err(clashes);
    }
    let mut written = Vec::new();
    for file in files {
        let path = root.join(&file.path);
        let result = path
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| fs::OpenOptions::new().write(true).create_new(true).open(&path))
            .and_then(|mut f| f.write_all(&file.bytes));
        if let Err(err) = result {
            return Err(
                Diagnostic::error(format!("cannot write {}: {err}", display_path(&path)))
                    .help("check the folder's permissions and free space")
                    .into(),
            );
        }
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_overwrites_and_writes_nothing_on_a_clash() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("b.txt"), "mine").unwrap();
        let files = [NewFile::new("a/a.txt", "new"), NewFile::new("b.txt", "new")];
        let err = write_new(dir.path(), &files).unwrap_err();
        assert_eq!(err.error_count(), 1);
        assert!(err.iter().next().unwrap().message.ends_with("b.txt already exists"));
        assert_eq!(std::fs::read_to_string(dir.path().join("b.txt")).unwrap(), "mine");
        assert!(!dir.path().join("a").exists(), "nothing written");
        let written = write_new(dir.path(), &files[..1]).unwrap();
        assert_eq!(written.len(), 1);
        assert_eq!(std::fs::read_to_string(dir.path().join("a/a.txt")).unwrap(), "new");
    }
}
