//! The files under `content/` as the last load found them, so that a `serve` rebuild after a
//! save the watcher reported in full need not walk and stat a large guide again: the listing
//! is the last one with the saved paths added or removed. Whenever that could be wrong — a
//! folder made, removed or renamed, a symbolic link anywhere, a path outside `content/` — it
//! says so and the load walks the folder as `build` does.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The files a walk of `content/` found, in the walk's order (by name within each folder,
/// a folder's files where its name sorts), which is the order of [`Path`]'s comparison.
#[derive(Debug, Clone)]
pub struct Listing {
    files: Vec<PathBuf>,
}

impl Listing {
    /// The listing of a walk, or `None` when it found a symbolic link: a link's target may
    /// change without an event naming the link.
    pub fn of_walk(files: &[PathBuf], saw_symlink: bool) -> Option<Self> {
        if saw_symlink || !files.is_sorted() {
            return None;
        }
        Some(Self { files: files.to_vec() })
    }

    /// The files after `changed` (every path the watcher named since the listing was made)
    /// changed, or `None` when only a walk can tell.
    pub fn updated(&self, content_dir: &Path, changed: &HashSet<PathBuf>) -> Option<Vec<PathBuf>> {
        let mut files = self.files.clone();
        for path in changed {
            if !path.starts_with(content_dir) || path == content_dir {
                // Outside content/ (the theme, or another spelling of the root): a theme
                // file is no content file; anything else is a reason to walk.
                if path.starts_with(content_dir.parent()?) && !path.starts_with(content_dir) {
                    continue;
                }
                return None;
            }
            let meta = std::fs::symlink_metadata(path);
            let at = files.binary_search(path);
            match meta {
                Ok(meta) if meta.is_file() => {
                    if let Err(i) = at {
                        files.insert(i, path.clone());
                    }
                }
                // A folder (made, or renamed here) or a link: walk it.
                Ok(_) => return None,
                Err(_) => match at {
                    Ok(i) => {
                        files.remove(i);
                    }
                    Err(i) => {
                        // Gone and not a listed file: a folder removed or renamed away if
                        // listed files lie under it.
                        if files.get(i).is_some_and(|next| next.starts_with(path)) {
                            return None;
                        }
                    }
                },
            }
        }
        Some(files)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn set(paths: &[&Path]) -> HashSet<PathBuf> {
        paths.iter().map(|p| p.to_path_buf()).collect()
    }

    /// The files a full walk of `content` finds, in its order.
    fn walk(content: &Path) -> Vec<PathBuf> {
        walkdir::WalkDir::new(content)
            .sort_by_file_name()
            .into_iter()
            .map(|e| e.expect("entry"))
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .collect()
    }

    #[test]
    fn saved_files_are_added_and_removed_in_walk_order_and_folders_need_a_walk() {
        let dir = tempfile::tempdir().expect("temp dir");
        let content = dir.path().join("content");
        let a = content.join("topics/a");
        fs::create_dir_all(&a).expect("mkdir");
        for name in ["one.md", "two.md"] {
            fs::write(a.join(name), "x").expect("write");
        }
        fs::write(content.join("index.md"), "x").expect("write");
        let walked = walk(&content);
        let listing = Listing::of_walk(&walked, false).expect("a walk's order is Path's order");
        assert!(Listing::of_walk(&walked, true).is_none(), "links need a walk");

        // A new file, a deleted one, an edited one, a theme file.
        fs::write(a.join("three.md"), "x").expect("write");
        fs::remove_file(a.join("one.md")).expect("remove");
        let changed = set(&[
            &a.join("three.md"),
            &a.join("one.md"),
            &a.join("two.md"),
            &dir.path().join("themes/default/templates/base.html"),
        ]);
        let files = listing.updated(&content, &changed).expect("no walk needed");
        let walked = walk(&content);
        assert_eq!(files, walked, "as a walk finds them, in its order");

        // A folder made, or one renamed away: only a walk knows what is in it.
        let b = content.join("topics/b");
        fs::create_dir_all(&b).expect("mkdir");
        assert!(listing.updated(&content, &set(&[&b])).is_none());
        fs::rename(&a, content.join("topics/c")).expect("rename");
        assert!(listing.updated(&content, &set(&[&a])).is_none());
        // A path under another spelling of the root.
        assert!(
            listing
                .updated(&content, &set(&[Path::new("/elsewhere/x.md")]))
                .is_none()
        );
    }
}
