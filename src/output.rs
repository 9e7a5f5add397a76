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

/// The file the writer leaves in every site it writes. Only a folder holding it (or an
/// empty or absent one) is ever replaced: syllabus never deletes what it did not write.
pub const MARKER: &str = ".syllabus-site";

fn refusal(message: String) -> io::Error {
    io::Error::other(message)
}

/// What is at a path the writer wants to use.
enum Found {
    Nothing,
    EmptyFolder,
    Site,
}

/// Accepts only nothing, an empty folder or an earlier syllabus site at `path`.
fn inspect(path: &Path) -> io::Result<Found> {
    let meta = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(Found::Nothing),
        Err(err) => return Err(err),
    };
    let shown = path.display();
    if meta.file_type().is_symlink() {
        return Err(refusal(format!(
            "{shown} is a symbolic link; syllabus only replaces a folder it wrote"
        )));
    }
    if !meta.is_dir() {
        return Err(refusal(format!(
            "{shown} is a file, not a site folder; syllabus will not replace it"
        )));
    }
    if path.join(MARKER).is_file() {
        return Ok(Found::Site);
    }
    if fs::read_dir(path)?.next().is_none() {
        return Ok(Found::EmptyFolder);
    }
    Err(refusal(format!(
        "{shown} is a folder syllabus did not write (it has no {MARKER} file); syllabus only replaces an empty folder or a site it built. Choose another --output, or empty the folder yourself"
    )))
}

/// `path` made absolute with `.` and `..` resolved, following the symlinks of the part that
/// exists, so two spellings of one folder compare equal.
pub fn resolve(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut clean = PathBuf::new();
    for part in absolute.components() {
        match part {
            std::path::Component::ParentDir => {
                clean.pop();
            }
            std::path::Component::CurDir => {}
            other => clean.push(other),
        }
    }
    let mut existing = clean.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return clean,
        }
    }
    let mut out = fs::canonicalize(existing).unwrap_or_else(|_| existing.to_path_buf());
    out.extend(rest.iter().rev());
    out
}

/// Refuses outputs that would destroy or pollute the project: the guide's root, any folder
/// that holds it, anything inside `content/` or `themes/`, `/` and the home folder.
pub fn check_location(root: &Path, output: &Path) -> Result<(), String> {
    let root = resolve(root);
    let out = resolve(output);
    let shown = output.display();
    if root.starts_with(&out) {
        return Err(format!(
            "--output {shown} is the guide's folder or holds it; the site needs a folder of its own, e.g. `site`"
        ));
    }
    for inside in ["content", "themes"] {
        if out.starts_with(root.join(inside)) {
            return Err(format!(
                "--output {shown} is inside {inside}/; the site would be read back as part of the guide"
            ));
        }
    }
    Ok(())
}

/// The home folder and `/`, which no build may replace, and their ancestors.
fn forbidden(out: &Path) -> bool {
    if out.parent().is_none() {
        return true;
    }
    std::env::var_os("HOME").is_some_and(|home| !home.is_empty() && resolve(Path::new(&home)).starts_with(out))
}

/// Writes `files` as the new content of `output`, replacing what was there atomically: at
/// every moment `output` holds either the old complete site or the new one.
///
/// Refuses (changing nothing) unless `output` is absent, an empty folder or a site syllabus
/// wrote (it holds [`MARKER`]); holds a lock beside the output while it writes, so two
/// builds never interleave.
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
        if file.path == MARKER {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{MARKER} is the writer's own file"),
            ));
        }
        if let Some(long) = relative.components().find(|c| c.as_os_str().len() > 255) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "file name longer than 255 bytes: {}",
                    long.as_os_str().to_string_lossy()
                ),
            ));
        }
    }
    if forbidden(&resolve(output)) {
        return Err(refusal(format!(
            "refusing to replace {}: it is / or holds the home folder",
            output.display()
        )));
    }
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = site_name(output);
    let spare = spare_path(output);
    // Check before creating anything, so a refused build leaves no trace.
    let found = inspect(output)?;
    let spare_found = if parent.is_dir() {
        inspect(&spare)
    } else {
        Ok(Found::Nothing)
    }
    .map_err(|err| refusal(format!("the writer's spare folder is in the way: {err}")))?;
    fs::create_dir_all(&parent)?;
    // One build at a time writes beside this output: the lock is on the parent folder itself
    // (advisory, released when the build ends or dies), so it leaves no file behind. A
    // second build waits here, then finds the first one's site and replaces it whole.
    let lock = fs::File::open(&parent).and_then(|dir| dir.lock().map(|()| dir));
    if let Err(err) = &lock
        && err.kind() != io::ErrorKind::Unsupported
    {
        return Err(io::Error::new(
            err.kind(),
            format!("cannot lock {}: {err}", parent.display()),
        ));
    }
    clean_leftovers(&parent, &name);
    match spare_found {
        Found::Nothing => fs::create_dir(&spare)?,
        Found::EmptyFolder | Found::Site => {}
    }
    // Mark the staging folder first: if this build is killed, the next one knows it is ours.
    fs::write(spare.join(MARKER), "")?;

    // Bring the spare up to date: drop what the new site does not have, make its folders,
    // then write its files in parallel.
    let folders: BTreeSet<&Path> = files
        .iter()
        .flat_map(|f| Path::new(&f.path).ancestors().skip(1))
        .filter(|p| !p.as_os_str().is_empty())
        .collect();
    let mut wanted: HashSet<&Path> = files.iter().map(|f| Path::new(&f.path)).collect();
    wanted.insert(Path::new(MARKER));
    prune(&spare, Path::new(""), &wanted, &folders)?;
    for folder in &folders {
        let dir = spare.join(folder);
        if !dir.is_dir() {
            fs::create_dir(&dir)?;
        }
    }
    let live = matches!(found, Found::Site).then_some(output);
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
    let manifest: String = files.iter().map(|f| format!("{}\n", f.path)).collect();
    fs::write(
        spare.join(MARKER),
        format!("# Written by syllabus; the next build replaces this folder. Its files:\n{manifest}"),
    )?;

    // Swap: the spare becomes the site, and the old site the next build's spare.
    pause_for_tests("SYLLABUS_TEST_PAUSE_BEFORE_SWAP");
    match found {
        Found::Nothing => fs::rename(&spare, output)?,
        Found::EmptyFolder | Found::Site => swap(&spare, output, &parent, &name)?,
    }
    pause_for_tests("SYLLABUS_TEST_PAUSE_AFTER_SWAP");
    drop(lock);
    Ok(())
}

/// For tests only (`tests/writer.rs`): with `SYLLABUS_TEST_PAUSE_BEFORE_SWAP=FILE` (or
/// `…_AFTER_SWAP`) the writer writes FILE when it reaches that point and waits there until
/// FILE is removed (ten minutes at most), so that a test can kill the build at that instant
/// and check what a reader would find.
fn pause_for_tests(variable: &str) {
    let Some(file) = std::env::var_os(variable) else { return };
    if fs::write(&file, std::process::id().to_string()).is_err() {
        return;
    }
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(600);
    while Path::new(&file).exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

/// Exchanges two folders. On Linux one `renameat2(RENAME_EXCHANGE)` does it atomically; where
/// that is missing, two renames with the old site parked under a marked name in between (if
/// killed there, the next build finds the old site at `.NAME.old-*` and cleans it).
fn swap(spare: &Path, output: &Path, parent: &Path, name: &str) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    if exchange(spare, output).is_ok() {
        return Ok(());
    }
    let old = tempfile::Builder::new()
        .prefix(&format!(".{name}.old-"))
        .tempdir_in(parent)?
        .keep();
    // `old` is an empty directory: rename the current site into its place.
    fs::remove_dir(&old)?;
    fs::rename(output, &old)?;
    if let Err(err) = fs::rename(spare, output) {
        let _ = fs::rename(&old, output);
        return Err(err);
    }
    if fs::rename(&old, spare).is_err() {
        remove_tree(&old)?;
    }
    Ok(())
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes()).map_err(io::Error::other)?;
    let b = CString::new(b.as_os_str().as_bytes()).map_err(io::Error::other)?;
    // SAFETY: both paths are valid NUL-terminated strings for the duration of the call.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// Removes staging folders a killed build left beside the site (`.NAME.old-*`), but only
/// those that carry the marker: anything else with that name is not ours.
fn clean_leftovers(parent: &Path, name: &str) {
    let prefix = format!(".{name}.old-");
    let Ok(entries) = fs::read_dir(parent) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with(&prefix)
            && entry.file_type().is_ok_and(|t| t.is_dir())
            && path.join(MARKER).is_file()
        {
            let _ = remove_tree(&path);
        }
    }
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
            let site: Vec<(String, String)> = read_tree(&out).into_iter().filter(|(p, _)| p != MARKER).collect();
            assert_eq!(site, expected);
            // The spare holds the site that was live before this build, untouched.
            if let Some(previous) = previous {
                let spare: Vec<(String, String)> = read_tree(&spare_path(&out))
                    .into_iter()
                    .filter(|(p, _)| p != MARKER)
                    .collect();
                assert_eq!(spare, previous);
            }
            previous = Some(expected);
        }
    }

    /// Regression (issue 13 §1): the writer moved whatever was at the output aside and
    /// deleted it on the next build: photos, a thesis, the project itself.
    #[test]
    fn refuses_what_it_did_not_write_and_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let photos = dir.path().join("photos");
        fs::create_dir(&photos).unwrap();
        fs::write(photos.join("cat.jpg"), "meow").unwrap();
        let thesis = dir.path().join("thesis.txt");
        fs::write(&thesis, "chapter 1").unwrap();
        let before = read_tree(dir.path());
        for output in [&photos, &thesis] {
            let err = write_site(output, &[OutputFile::new("index.html", "x")]).unwrap_err();
            assert!(err.to_string().contains("syllabus"), "{err}");
        }
        assert!(write_site(Path::new("/"), &[OutputFile::new("index.html", "x")]).is_err());
        assert_eq!(read_tree(dir.path()), before, "nothing changed");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 2, "no lock or spare was created: {names:?}");
    }

    /// A killed fallback swap leaves `.site.old-*`; the next build removes it when it is ours.
    #[test]
    fn cleans_its_own_leftovers_only() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let ours = dir.path().join(".site.old-abc");
        fs::create_dir(&ours).unwrap();
        fs::write(ours.join(MARKER), "").unwrap();
        let theirs = dir.path().join(".site.old-mine");
        fs::create_dir(&theirs).unwrap();
        fs::write(theirs.join("notes.txt"), "keep").unwrap();
        write_site(&out, &[OutputFile::new("index.html", "x")]).unwrap();
        assert!(!ours.exists());
        assert_eq!(fs::read_to_string(theirs.join("notes.txt")).unwrap(), "keep");
    }

    /// Two builds into one output: the second waits for the first's lock, then replaces its
    /// complete site; while it waits the live site is untouched.
    #[test]
    fn a_second_build_waits_for_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        write_site(&out, &[OutputFile::new("index.html", "1")]).unwrap();
        let lock = fs::File::open(dir.path()).unwrap();
        lock.lock().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let second = {
            let out = out.clone();
            std::thread::spawn(move || {
                let result = write_site(&out, &[OutputFile::new("index.html", "2")]);
                tx.send(()).unwrap();
                result
            })
        };
        assert!(
            rx.recv_timeout(std::time::Duration::from_millis(300)).is_err(),
            "it waited"
        );
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "1");
        drop(lock);
        second.join().unwrap().unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "2");
    }

    #[test]
    fn refuses_names_longer_than_file_systems_allow() {
        let dir = tempfile::tempdir().unwrap();
        let long = format!("tags/{}/index.html", "a".repeat(256));
        let err = write_site(&dir.path().join("site"), &[OutputFile::new(long, "x")]).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
        assert!(!dir.path().join("site").exists());
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
