//! The built-in theme, compiled into the binary so that a guide needs no `themes/` folder.
//! A guide's `themes/<name>/templates/<file>` or `static/<file>` replaces that one file;
//! [`crate::load`] lays those over these. `syllabus theme eject` writes them out.

use std::path::PathBuf;
use std::sync::Arc;

use include_dir::{Dir, include_dir};

use crate::content::{Theme, ThemeTemplate};
use crate::diagnostics::SourceFile;
use crate::scaffold::NewFile;

/// `themes/default` of this repository, as it was when the binary was built.
static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// The name `guide.yaml`'s `theme:` defaults to; it needs no folder.
pub const BUILTIN_NAME: &str = "default";

/// Where diagnostics say a built-in template lives (it is not a file of the guide).
pub fn builtin_display(sub: &str, rel: &str) -> PathBuf {
    PathBuf::from(format!("(built-in theme)/{sub}/{rel}"))
}

/// The built-in theme, ready to render with.
pub fn builtin(name: &str) -> Theme {
    let mut theme = Theme {
        name: name.to_string(),
        ..Theme::default()
    };
    for (rel, bytes) in files("templates") {
        let text = String::from_utf8_lossy(bytes).into_owned();
        theme.templates.push(ThemeTemplate {
            name: rel.clone(),
            source: SourceFile::new(builtin_display("templates", &rel), text),
            builtin: true,
        });
    }
    for (rel, bytes) in files("static") {
        theme.static_files.push((rel, bytes.to_vec()));
    }
    theme
}

/// Every file of the built-in theme under `sub` (`templates` or `static`), by path
/// relative to it, sorted.
fn files(sub: &str) -> Vec<(String, &'static [u8])> {
    let mut out = Vec::new();
    if let Some(dir) = BUILTIN.get_dir(sub) {
        collect(dir, sub, &mut out);
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn collect(dir: &'static Dir<'static>, sub: &str, out: &mut Vec<(String, &'static [u8])>) {
    for file in dir.files() {
        let path = file.path().to_string_lossy().replace('\\', "/");
        let rel = path
            .strip_prefix(sub)
            .unwrap_or(&path)
            .trim_start_matches('/')
            .to_string();
        out.push((rel, file.contents()));
    }
    for child in dir.dirs() {
        collect(child, sub, out);
    }
}

/// The files `syllabus theme eject --name NAME` writes, relative to the guide's folder.
pub fn eject_files(name: &str) -> Vec<NewFile> {
    let mut out = Vec::new();
    for sub in ["templates", "static"] {
        for (rel, bytes) in files(sub) {
            out.push(NewFile::new(format!("themes/{name}/{sub}/{rel}"), bytes.to_vec()));
        }
    }
    out
}

/// Shared so that a template's source is not copied once per lookup.
pub fn template_source(theme: &Theme, name: &str) -> Option<Arc<SourceFile>> {
    theme
        .templates
        .iter()
        .find(|t| t.name == name)
        .map(|t| Arc::clone(&t.source))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_has_every_template_and_stylesheet() {
        let theme = builtin("default");
        for name in [
            "base.html",
            "index.html",
            "question.html",
            "404.html",
            "plan.html",
            "search.html",
        ] {
            assert!(template_source(&theme, name).is_some(), "{name}");
        }
        assert!(
            theme
                .static_files
                .iter()
                .any(|(p, b)| p == "style.css" && !b.is_empty())
        );
    }

    #[test]
    fn eject_writes_under_the_named_folder() {
        let files = eject_files("mine");
        assert!(files.iter().any(|f| f.path == "themes/mine/templates/base.html"));
        assert!(files.iter().any(|f| f.path == "themes/mine/static/style.css"));
        assert!(files.iter().all(|f| f.path.starts_with("themes/mine/")));
    }
}
