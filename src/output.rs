//! Stage 4, the writer: the only code that writes the site to disk.
//!
//! The site is built in a fresh directory beside the output and swapped in only after every
//! file was written, so a failed build (or a crash halfway) never leaves a broken or
//! half-old site behind.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

/// One file of the built site, held in memory until the writer runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative to the output directory, `/`-separated; never absolute, never `..`.
    pub path: String,
    pub bytes: Vec<u8>,
}

impl OutputFile {
    pub fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        Self {
            path: path.into(),
            bytes: bytes.into(),
        }
    }
}

/// Writes `files` as the new content of `output`, replacing what was there atomically
/// enough for a static site: at every moment `output` holds either the old site or the new.
pub fn write_site(output: &Path, files: &[OutputFile]) -> io::Result<()> {
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent)?;
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "site".into());
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.new-"))
        .tempdir_in(&parent)?;
    for file in files {
        let relative = Path::new(&file.path);
        if relative.is_absolute()
            || relative
                .components()
                .any(|c| !matches!(c, std::path::Component::Normal(_)))
        {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("refusing to write outside the output: {}", file.path),
            ));
        }
    }
    // Folders first, then the files in parallel: a large site is tens of thousands of files.
    let folders: BTreeSet<&Path> = files.iter().filter_map(|f| Path::new(&f.path).parent()).collect();
    for folder in folders {
        fs::create_dir_all(staging.path().join(folder))?;
    }
    let previous = output.is_dir().then_some(output);
    files.par_iter().try_for_each(|file| {
        let target = staging.path().join(&file.path);
        // A file the previous build wrote with the same bytes is linked, not rewritten: a
        // rebuild then creates (and later deletes) only the files that changed.
        if let Some(previous) = previous {
            let old = previous.join(&file.path);
            if holds(&old, &file.bytes) && fs::hard_link(&old, &target).is_ok() {
                return Ok(());
            }
        }
        fs::write(&target, &file.bytes)
    })?;
    let staged = staging.keep();
    if output.exists() {
        let old = tempfile::Builder::new()
            .prefix(&format!(".{name}.old-"))
            .tempdir_in(&parent)?
            .keep();
        // `old` is an empty directory: rename the current site into its place.
        fs::remove_dir(&old)?;
        fs::rename(output, &old)?;
        if let Err(err) = fs::rename(&staged, output) {
            let _ = fs::rename(&old, output);
            let _ = fs::remove_dir_all(&staged);
            return Err(err);
        }
        remove_tree(&old)?;
    } else {
        fs::rename(&staged, output)?;
    }
    Ok(())
}

/// Whether `path` is a regular file holding exactly `bytes`.
fn holds(path: &Path, bytes: &[u8]) -> bool {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_file() && meta.len() == bytes.len() as u64 => fs::read(path).is_ok_and(|old| old == bytes),
        _ => false,
    }
}

/// `fs::remove_dir_all`, with each folder's entries removed in parallel.
fn remove_tree(dir: &Path) -> io::Result<()> {
    let entries: Vec<fs::DirEntry> = fs::read_dir(dir)?.collect::<io::Result<_>>()?;
    entries.par_iter().try_for_each(|entry| {
        if entry.file_type()?.is_dir() {
            remove_tree(&entry.path())
        } else {
            fs::remove_file(entry.path())
        }
    })?;
    fs::remove_dir(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_whole_site() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        write_site(
            &out,
            &[OutputFile::new("a/index.html", "1"), OutputFile::new("old.txt", "x")],
        )
        .unwrap();
        write_site(&out, &[OutputFile::new("a/index.html", "2")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "2");
        assert!(!out.join("old.txt").exists());
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "staging directories are cleaned up");
    }

    #[test]
    fn refuses_paths_that_escape() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        write_site(&out, &[OutputFile::new("keep.txt", "old")]).unwrap();
        let err = write_site(&out, &[OutputFile::new("../evil", "x")]).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
        assert_eq!(fs::read_to_string(out.join("keep.txt")).unwrap(), "old");
    }
}
