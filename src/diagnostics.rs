//! The one error type of a run: a [`Diagnostic`] points at a place in a source file, says what
//! is wrong and how to fix it. Stages collect them into [`Diagnostics`] so that a build reports
//! every problem at once instead of stopping at the first.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term;

/// A file as it was read: its path for display (relative to the project root) and its
/// text, already normalised (no BOM, LF line endings) so that offsets match what was parsed.
#[derive(Debug)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
    /// A hash of `text`, computed once: `serve` compares documents by it on every rebuild.
    hash: std::sync::OnceLock<u64>,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Arc<Self> {
        Arc::new(Self {
            path: path.into(),
            text: text.into(),
            hash: std::sync::OnceLock::new(),
        })
    }

    /// A hash of the path and text, the same for the same file in any build of a session.
    pub fn content_hash(&self) -> u64 {
        *self
            .hash
            .get_or_init(|| crate::render::cache::key_of((&self.path, &self.text)))
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = self.text[line_start..offset].chars().count() + 1;
        (line, col)
    }

    /// Byte offset of a 1-based line and column (in characters), clamped to the text.
    pub fn offset_of(&self, line: usize, col: usize) -> usize {
        let mut offset = 0;
        for _ in 1..line.max(1) {
            match self.text[offset..].find('\n') {
                Some(i) => offset += i + 1,
                None => return self.text.len(),
            }
        }
        let rest = &self.text[offset..];
        let line_len = rest.find('\n').unwrap_or(rest.len());
        let within = rest[..line_len]
            .char_indices()
            .nth(col.saturating_sub(1))
            .map_or(line_len, |(i, _)| i);
        offset + within
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// A place in a file that a diagnostic points at.
#[derive(Debug, Clone)]
pub struct Span {
    pub file: Arc<SourceFile>,
    pub range: Range<usize>,
    pub label: String,
}

#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    /// Where the problem is; `None` for problems with no file (an unreadable directory).
    pub primary: Option<Span>,
    /// Other places that explain the problem (the first of two duplicate slugs).
    pub secondary: Vec<Span>,
    /// How to fix it.
    pub help: Option<String>,
    /// A file the problem concerns when there is no text to point into (a non-UTF-8 file).
    pub path: Option<PathBuf>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            message: message.into(),
            primary: None,
            secondary: Vec::new(),
            help: None,
            path: None,
        }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(message)
        }
    }

    pub fn at(mut self, file: &Arc<SourceFile>, range: Range<usize>, label: impl Into<String>) -> Self {
        let range = clamp_range(&file.text, range);
        self.primary = Some(Span {
            file: Arc::clone(file),
            range,
            label: label.into(),
        });
        self
    }

    pub fn also(mut self, file: &Arc<SourceFile>, range: Range<usize>, label: impl Into<String>) -> Self {
        let range = clamp_range(&file.text, range);
        self.secondary.push(Span {
            file: Arc::clone(file),
            range,
            label: label.into(),
        });
        self
    }

    pub fn in_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.path = Some(path.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:col` of the primary span, for tests and one-line summaries.
    pub fn location(&self) -> Option<(PathBuf, usize, usize)> {
        if let Some(span) = &self.primary {
            let (line, col) = span.file.line_col(span.range.start);
            return Some((span.file.path.clone(), line, col));
        }
        self.path.clone().map(|p| (p, 1, 1))
    }

    /// The diagnostic as the terminal shows it: message, `path:line:col`, the source line
    /// with a marker under the problem, and the help.
    pub fn render(&self) -> String {
        let mut files = SimpleFiles::new();
        let mut labels = Vec::new();
        if let Some(span) = &self.primary {
            let id = files.add(display_path(&span.file.path), span.file.text.as_str());
            labels.push(Label::primary(id, span.range.clone()).with_message(&span.label));
        }
        for span in &self.secondary {
            let id = files.add(display_path(&span.file.path), span.file.text.as_str());
            labels.push(Label::secondary(id, span.range.clone()).with_message(&span.label));
        }
        let report = match self.severity {
            Severity::Error => Report::error(),
            Severity::Warning => Report::warning(),
        };
        let mut message = self.message.clone();
        if self.primary.is_none()
            && let Some(path) = &self.path
        {
            message = format!("{}: {message}", display_path(path));
        }
        let mut notes = Vec::new();
        if let Some(help) = &self.help {
            notes.push(format!("help: {help}"));
        }
        let report = report.with_message(message).with_labels(labels).with_notes(notes);
        let config = term::Config::default();
        term::emit_into_string(&config, &files, &report).unwrap_or_else(|_| format!("{self}\n"))
    }
}

fn clamp_range(text: &str, range: Range<usize>) -> Range<usize> {
    let start = floor_char_boundary(text, range.start.min(text.len()));
    let end = floor_char_boundary(text, range.end.clamp(start, text.len()));
    start..end
}

pub fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.location() {
            Some((path, line, col)) => write!(f, "{}:{line}:{col}: {}", display_path(&path), self.message),
            None => write!(f, "{}", self.message),
        }
    }
}

/// Everything a run found wrong (and the warnings worth telling).
#[derive(Debug, Clone, Default)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Sorted by file and position so that output is the same from run to run, whatever
    /// order parallel stages finished in.
    pub fn sorted(mut self) -> Self {
        self.0.sort_by_key(|d| {
            let loc = d.location().unwrap_or_default();
            (loc, d.message.clone())
        });
        self
    }

    pub fn render(&self) -> String {
        self.0.iter().map(Diagnostic::render).collect::<Vec<_>>().join("")
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Self {
        Self(vec![diagnostic])
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Self(iter.into_iter().collect())
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let file = SourceFile::new("a.md", "ab\nçd\n");
        assert_eq!(file.line_col(0), (1, 1));
        assert_eq!(file.line_col(3), (2, 1));
        assert_eq!(file.line_col(5), (2, 2));
        assert_eq!(file.offset_of(2, 2), 5);
    }

    #[test]
    fn render_names_file_line_and_column_and_shows_the_line() {
        let file = SourceFile::new("content/x.md", "---\ntitle: a\ndificulty: easy\n---\n");
        let d = Diagnostic::error("unknown field `dificulty`")
            .at(&file, 13..22, "not a field of a question")
            .help("did you mean `difficulty`?");
        let text = d.render();
        assert!(text.contains("content/x.md:3:1"), "{text}");
        assert!(text.contains("dificulty: easy"), "{text}");
        assert!(text.contains("^^^^^^^^^"), "{text}");
        assert!(text.contains("help: did you mean `difficulty`?"), "{text}");
    }
}
