//! Which file-system events mean "rebuild". Editors save in odd ways — write a temporary
//! file and rename it over the original, probe with vim's `4913`, keep `~` backups, swap
//! files and emacs lock files — so events are filtered by path, and the ones of one save are
//! gathered into one rebuild (`mod.rs` waits for a short quiet spell). A rebuild reads
//! everything from disk again, so a filtered event can never make the site wrong; it can
//! only save a rebuild.

use std::path::{Path, PathBuf};

use notify::EventKind;

/// What changed, for the rebuild line in the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeKind {
    Content,
    Settings,
    Theme,
}

/// Whether an event can change the site, and what kind of change it is.
pub fn relevant(root: &Path, kind: &EventKind, path: &Path) -> Option<ChangeKind> {
    if matches!(kind, EventKind::Access(_)) || is_scratch(path) {
        return None;
    }
    let rel = path.strip_prefix(root).ok()?;
    let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
    match parts.next()?.as_ref() {
        "content" => {
            if rel == Path::new("content/guide.yaml") {
                Some(ChangeKind::Settings)
            } else {
                Some(ChangeKind::Content)
            }
        }
        "themes" => Some(ChangeKind::Theme),
        _ => None,
    }
}

/// Editor scratch files, never part of a guide.
pub fn is_scratch(path: &Path) -> bool {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy()) else {
        return true;
    };
    name == "4913"
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name.starts_with(".#")
        || name.starts_with(".~lock.")
        || [
            ".swp",
            ".swx",
            ".swo",
            ".swn",
            ".tmp",
            ".bak",
            ".kate-swp",
            "___jb_tmp___",
            "___jb_old___",
            ".crswap",
        ]
        .iter()
        .any(|end| name.ends_with(end))
        || name == ".DS_Store"
        || (name.starts_with('.') && (name.ends_with(".md") || name.contains(".md.")))
}

/// The paths an event names, relative to the root when they are inside it, for display.
pub fn display(root: &Path, paths: &[PathBuf]) -> String {
    // An editor's temporary file is gone by now: name what is there, unless all went away.
    let existing: Vec<&PathBuf> = paths.iter().filter(|p| p.exists()).collect();
    let named: Vec<&PathBuf> = if existing.is_empty() {
        paths.iter().collect()
    } else {
        existing
    };
    let mut shown: Vec<String> = named
        .iter()
        .map(|p| p.strip_prefix(root).unwrap_or(p).display().to_string())
        .collect();
    shown.sort();
    shown.dedup();
    match shown.len() {
        0 => "files".to_string(),
        1..=3 => shown.join(", "),
        n => format!("{}, {} and {} more", shown[0], shown[1], n - 2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, CreateKind, ModifyKind, RenameMode};

    #[test]
    fn editor_scratch_files_are_ignored() {
        for name in [
            "4913",
            "q.md~",
            "#q.md#",
            ".#q.md",
            ".q.md.swp",
            "q.md.swx",
            ".q.md.kate-swp",
            "q.md___jb_tmp___",
            ".~lock.q.md#",
            ".goutputstream-q.md.tmp",
        ] {
            assert!(is_scratch(Path::new(name)), "{name}");
        }
        for name in ["q.md", "guide.yaml", "style.css", "base.html", "diagram.png"] {
            assert!(!is_scratch(Path::new(name)), "{name}");
        }
    }

    #[test]
    fn only_content_and_themes_trigger_rebuilds() {
        let root = Path::new("/g");
        let modify = EventKind::Modify(ModifyKind::Any);
        assert_eq!(
            relevant(root, &modify, Path::new("/g/content/topics/a/q.md")),
            Some(ChangeKind::Content)
        );
        assert_eq!(
            relevant(root, &modify, Path::new("/g/content/guide.yaml")),
            Some(ChangeKind::Settings)
        );
        assert_eq!(
            relevant(
                root,
                &EventKind::Modify(ModifyKind::Name(RenameMode::To)),
                Path::new("/g/themes/default/templates/base.html")
            ),
            Some(ChangeKind::Theme)
        );
        assert_eq!(relevant(root, &modify, Path::new("/g/site/index.html")), None);
        assert_eq!(
            relevant(root, &modify, Path::new("/g/content/topics/a/.q.md.swp")),
            None
        );
        assert_eq!(
            relevant(
                root,
                &EventKind::Access(AccessKind::Any),
                Path::new("/g/content/index.md")
            ),
            None
        );
        assert_eq!(
            relevant(root, &EventKind::Create(CreateKind::File), Path::new("/elsewhere/x.md")),
            None
        );
    }
}
