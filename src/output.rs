//! Stage 4, the writer: the only code that writes the site to disk.
//!
//! The site is written into a spare directory beside the output (`.site.spare` for `site`)
//! and swapped in only after every file was written, so a failed build (or a crash halfway)
//! never leaves a broken or half-old site behind.
//!
//! After the swap the previous site becomes the spare of the next build, which brings it up
//! to date instead of starting empty: files whose bytes did not change are left alone (or
//! hard-linked from the live site), and only what changed is written or removed. A rebuild
//! of a large guide then creates almost no files or folders, which is most of the time a
//! writer spends. The spare is scratch space: deleting it is always safe.

use std::collections::{BTreeSet, HashSet};
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
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent)?;
    let name = site_name(output);
    let spare = spare_path(output);
    match fs::symlink_metadata(&spare) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => {
            fs::remove_file(&spare)?;
            fs::create_dir(&spare)?;
        }
        Err(_) => fs::create_dir(&spare)?,
    }

    // Bring the spare up to date: drop what the new site does not have, make its folders,
    // then write its files in parallel.
    let folders: BTreeSet<&Path> = files
        .iter()
        .flat_map(|f| Path::new(&f.path).ancestors().skip(1))
        .filter(|p| !p.as_os_str().is_empty())
        .collect();
    let wanted: HashSet<&Path> = files.iter().map(|f| Path::new(&f.path)).collect();
    prune(&spare, Path::new(""), &wanted, &folders)?;
    for folder in &folders {
        let dir = spare.join(folder);
        if !dir.is_dir() {
            fs::create_dir(&dir)?;
        }
    }
    let live = output.is_dir().then_some(output);
    files.par_iter().try_for_each(|file| {
        let target = spare.join(&file.path);
        if holds(&target, &file.bytes) {
            return Ok(());
        }
        // Never write into an existing file: it may be a hard link shared with the live site.
        match fs::remove_file(&target) {
            Err(err) if err.kind() != io::ErrorKind::NotFound => return Err(err),
            _ => {}
        }
        if let Some(live) = live {
            let current = live.join(&file.path);
            if holds(&current, &file.bytes) && fs::hard_link(&current, &target).is_ok() {
                return Ok(());
            }
        }
        fs::write(&target, &file.bytes)
    })?;

    // Swap: the spare becomes the site, and the old site the next build's spare.
    if output.exists() {
        let old = tempfile::Builder::new()
            .prefix(&format!(".{name}.old-"))
            .tempdir_in(&parent)?
            .keep();
        // `old` is an empty directory: rename the current site into its place.
        fs::remove_dir(&old)?;
        fs::rename(output, &old)?;
        if let Err(err) = fs::rename(&spare, output) {
            let _ = fs::rename(&old, output);
            return Err(err);
        }
        if fs::rename(&old, &spare).is_err() {
            remove_tree(&old)?;
        }
    } else {
        fs::rename(&spare, output)?;
    }
    Ok(())
}

/// Where the writer keeps the previous site between builds: `.site.spare` beside `site`.
pub fn spare_path(output: &Path) -> PathBuf {
    output.with_file_name(format!(".{}.spare", site_name(output)))
}

fn site_name(output: &Path) -> String {
    output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "site".into())
}

/// Removes from `root/dir` every file that is not `wanted` and every folder that is not
/// one of `folders` (paths relative to `root`).
fn prune(root: &Path, dir: &Path, wanted: &HashSet<&Path>, folders: &BTreeSet<&Path>) -> io::Result<()> {
    let entries: Vec<fs::DirEntry> = fs::read_dir(root.join(dir))?.collect::<io::Result<_>>()?;
    entries.par_iter().try_for_each(|entry| {
        let relative = dir.join(entry.file_name());
        let is_dir = entry.file_type()?.is_dir();
        match (is_dir, folders.contains(relative.as_path())) {
            (true, true) => prune(root, &relative, wanted, folders),
            (true, false) => remove_tree(&entry.path()),
            (false, _) if wanted.contains(relative.as_path()) => Ok(()),
            (false, _) => fs::remove_file(entry.path()),
        }
    })
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
        let mut left: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, [".site.spare", "site"], "only the site and its spare are left");
    }

    fn read_tree(root: &Path) -> Vec<(String, String)> {
        let mut files: Vec<(String, String)> = walkdir::WalkDir::new(root)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let relative = e.path().strip_prefix(root).unwrap().to_string_lossy().into_owned();
                (relative, fs::read_to_string(e.path()).unwrap())
            })
            .collect();
        files.sort();
        files
    }

    /// Rebuilds reuse the spare (the site before last) and links from the live site; each
    /// build's output is exactly its files, whatever the spare held, and never disturbs the
    /// site that was live while it ran.
    #[test]
    fn rebuilds_through_the_spare_give_exactly_the_new_site() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let builds: [&[(&str, &str)]; 5] = [
            &[("a/index.html", "1"), ("b/index.html", "b"), ("gone/x.js", "x")],
            &[("a/index.html", "1"), ("b/index.html", "B")],
            &[("a/index.html", "2"), ("b/index.html", "B"), ("gone", "now a file")],
            &[("a/index.html", "1"), ("gone/x.js", "a folder again")],
            &[("a/index.html", "1"), ("gone/x.js", "a folder again")],
        ];
        let mut previous: Option<Vec<(String, String)>> = None;
        for files in builds {
            let outputs: Vec<OutputFile> = files.iter().map(|(p, b)| OutputFile::new(*p, *b)).collect();
            write_site(&out, &outputs).unwrap();
            let mut expected: Vec<(String, String)> =
                files.iter().map(|(p, b)| (p.to_string(), b.to_string())).collect();
            expected.sort();
            assert_eq!(read_tree(&out), expected);
            // The spare holds the site that was live before this build, untouched.
            if let Some(previous) = previous {
                assert_eq!(read_tree(&spare_path(&out)), previous);
            }
            previous = Some(expected);
        }
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
