//! The one error type of a run: a [`Diagnostic`] points at a place in a source file, says what
//! is wrong and how to fix it. Stages collect them into [`Diagnostics`] so that a build reports
//! every problem at once instead of stopping at the first.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files;
use codespan_reporting::term;

/// A file as it was read: its path for display (relative to the project root) and its
/// text, already normalised (no BOM, LF line endings) so that offsets match what was parsed.
#[derive(Debug)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
    /// Byte offsets where lines start, computed once on first use: locating 10,000
    /// diagnostics in one file then costs a binary search each, not a rescan.
    line_starts: OnceLock<Vec<usize>>,
    /// A hash of `text`, computed once: `serve` compares documents by it on every rebuild.
    hash: OnceLock<u64>,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Arc<Self> {
        Arc::new(Self {
            path: path.into(),
            text: text.into(),
            line_starts: OnceLock::new(),
            hash: OnceLock::new(),
        })
    }

    /// A hash of the path and text, the same for the same file in any build of a session.
    pub fn content_hash(&self) -> u64 {
        *self.hash.get_or_init(|| crate::key::key_of((&self.path, &self.text)))
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// 0-based line index and the byte range of that line (without its newline).
    fn line_at(&self, offset: usize) -> (usize, Range<usize>) {
        let starts = self.line_starts();
        let index = starts.partition_point(|&s| s <= offset).saturating_sub(1);
        let start = starts[index];
        let end = starts.get(index + 1).map_or(self.text.len(), |&next| next - 1);
        (index, start..end.max(start))
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let (index, line) = self.line_at(offset);
        let col = self.text[line.start..offset].chars().count() + 1;
        (index + 1, col)
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
        self.render_styled(false)
    }

    /// [`Diagnostic::render`], with ANSI colours when `color` (a terminal without `NO_COLOR`).
    pub fn render_styled(&self, color: bool) -> String {
        let mut files = Excerpts::default();
        let mut labels = Vec::new();
        if let Some(span) = &self.primary {
            let (id, range) = files.add(span);
            labels.push(Label::primary(id, range).with_message(&span.label));
        }
        for span in &self.secondary {
            let (id, range) = files.add(span);
            labels.push(Label::secondary(id, range).with_message(&span.label));
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
        if color {
            let mut buffer = termcolor::Buffer::ansi();
            if term::emit_to_write_style(&mut buffer, &config, &files, &report).is_ok() {
                return String::from_utf8_lossy(buffer.as_slice()).into_owned();
            }
        }
        term::emit_into_string(&config, &files, &report).unwrap_or_else(|_| format!("{self}\n"))
    }
}

/// Characters of a long line shown on each side of the column a diagnostic points at.
const WINDOW_CHARS: usize = 60;

/// The lines a span covers, cut to a window around the span on long lines, with the line and
/// column numbers of the file: a diagnostic in a 2 MB line shows 120 characters, and
/// rendering one costs the size of its lines, not of its file.
struct Excerpt {
    name: String,
    text: String,
    /// 0-based line of the file where the excerpt starts.
    first_line: usize,
    /// Characters of the first line cut before the excerpt (less the `…` that stands for them).
    cut_chars: usize,
}

#[derive(Default)]
struct Excerpts(Vec<Excerpt>);

impl Excerpts {
    fn add(&mut self, span: &Span) -> (usize, Range<usize>) {
        let file = &span.file;
        let (first_line, first) = file.line_at(span.range.start);
        let (_, last) = file.line_at(span.range.end);
        let (text, range, cut_chars) = if first.len() > 4 * WINDOW_CHARS {
            // One long line: a window around the start, the span clipped to it.
            let line = &file.text[first.clone()];
            let at = span.range.start - first.start;
            let mut from = at;
            for _ in 0..WINDOW_CHARS {
                from = match line[..from].char_indices().next_back() {
                    Some((i, _)) => i,
                    None => break,
                };
            }
            let mut to = at;
            for (n, (i, c)) in line[at..].char_indices().enumerate() {
                to = at + i + c.len_utf8();
                if n + 1 >= 2 * WINDOW_CHARS {
                    break;
                }
            }
            let (lead, tail) = (if from > 0 { "…" } else { "" }, if to < line.len() { "…" } else { "" });
            let text = format!("{lead}{}{tail}", &line[from..to]);
            let start = lead.len() + at - from;
            let end = (span.range.end.min(first.start + to) - first.start - from + lead.len()).max(start);
            let cut = line[..from].chars().count();
            (text, start..end, cut.saturating_sub(lead.chars().count()))
        } else {
            let text = file.text[first.start..last.end].to_string();
            let range = span.range.start - first.start..span.range.end.min(last.end) - first.start;
            (text, range, 0)
        };
        self.0.push(Excerpt {
            name: display_path(&file.path),
            text,
            first_line,
            cut_chars,
        });
        (self.0.len() - 1, range)
    }

    fn get(&self, id: usize) -> Result<&Excerpt, files::Error> {
        self.0.get(id).ok_or(files::Error::FileMissing)
    }
}

impl<'a> files::Files<'a> for Excerpts {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<&'a str, files::Error> {
        Ok(&self.get(id)?.name)
    }

    fn source(&'a self, id: usize) -> Result<&'a str, files::Error> {
        Ok(&self.get(id)?.text)
    }

    fn line_index(&'a self, id: usize, byte_index: usize) -> Result<usize, files::Error> {
        let text = &self.get(id)?.text;
        Ok(text[..byte_index.min(text.len())].matches('\n').count())
    }

    fn line_number(&'a self, id: usize, line_index: usize) -> Result<usize, files::Error> {
        Ok(self.get(id)?.first_line + line_index + 1)
    }

    fn column_number(&'a self, id: usize, line_index: usize, byte_index: usize) -> Result<usize, files::Error> {
        let excerpt = self.get(id)?;
        let range = self.line_range(id, line_index)?;
        let col = files::column_index(&excerpt.text, range, byte_index) + 1;
        Ok(if line_index == 0 { col + excerpt.cut_chars } else { col })
    }

    fn line_range(&'a self, id: usize, line_index: usize) -> Result<Range<usize>, files::Error> {
        let text = &self.get(id)?.text;
        let mut start = 0;
        for _ in 0..line_index {
            match text[start..].find('\n') {
                Some(i) => start += i + 1,
                None => {
                    return Err(files::Error::LineTooLarge {
                        given: line_index,
                        max: line_index,
                    });
                }
            }
        }
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i + 1);
        Ok(start..end)
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

    /// Every diagnostic, but at most [`SHOWN_PER_KIND`] of one kind (its message with the
    /// specifics left out), then a line saying how many more there are: 10,000 broken links
    /// print 20 and a count, not 2 GB.
    pub fn render(&self) -> String {
        self.render_styled(false)
    }

    /// [`Diagnostics::render`], with ANSI colours when `color`.
    pub fn render_styled(&self, color: bool) -> String {
        let mut shown: HashMap<&str, usize> = HashMap::new();
        let mut out = String::new();
        for d in &self.0 {
            let count = shown.entry(kind(&d.message)).or_insert(0);
            *count += 1;
            if *count <= SHOWN_PER_KIND {
                out.push_str(&d.render_styled(color));
            }
        }
        let mut hidden: Vec<(&str, usize)> = shown
            .into_iter()
            .filter(|(_, n)| *n > SHOWN_PER_KIND)
            .map(|(k, n)| (k, n - SHOWN_PER_KIND))
            .collect();
        hidden.sort();
        for (kind, n) in hidden {
            out.push_str(&format!("… and {n} more like “{}”\n\n", kind.trim()));
        }
        out
    }
}

/// Diagnostics of one kind printed in full before the rest are counted.
pub const SHOWN_PER_KIND: usize = 20;

/// The kind of a message: its words before the first quoted, numbered or path-like part.
fn kind(message: &str) -> &str {
    let end = message
        .find(|c: char| matches!(c, ':' | '\'' | '`' | '#' | '"') || c.is_ascii_digit())
        .unwrap_or(message.len());
    message[..end].trim_end()
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
    fn colour_only_when_asked() {
        let file = SourceFile::new("a.md", "x\n");
        let d = Diagnostic::error("bad").at(&file, 0..1, "here");
        assert!(!d.render().contains('\u{1b}'));
        assert!(d.render_styled(true).contains('\u{1b}'));
        assert!(d.render_styled(true).contains("bad"));
    }

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let file = SourceFile::new("a.md", "ab\nçd\n");
        assert_eq!(file.line_col(0), (1, 1));
        assert_eq!(file.line_col(3), (2, 1));
        assert_eq!(file.line_col(5), (2, 2));
        assert_eq!(file.offset_of(2, 2), 5);
    }

    /// Regression (issue 13 §3): a diagnostic echoed its whole line, even 2 MB of it.
    #[test]
    fn long_lines_show_a_window_around_the_column() {
        let line = format!("{}[x](missing.md){}", "é".repeat(1_000_000), "b".repeat(1_000_000));
        let file = SourceFile::new("content/x.md", format!("---\ntitle: a\n---\n{line}\n"));
        let at = file.text.find("[x]").unwrap();
        let d = Diagnostic::error("link to a missing file").at(&file, at..at + 15, "this link");
        let text = d.render();
        assert!(text.len() < 1_000, "{} bytes", text.len());
        assert!(text.contains("content/x.md:4:1000001"), "{text}");
        assert!(text.contains("…ééé") && text.contains("[x](missing.md)bbb"), "{text}");
        assert!(text.contains("^^^^^^^^^^^^^^^ this link"), "{text}");
    }

    /// Regression (issue 13 §3): 10,000 errors of one kind printed 2 GB.
    #[test]
    fn render_caps_each_kind_and_counts_the_rest() {
        let file = SourceFile::new("content/x.md", "a\n".repeat(10_000));
        let all: Diagnostics = (0..10_000)
            .map(|i| Diagnostic::error(format!("link to a missing heading: #h{i}")).at(&file, 2 * i..2 * i + 1, "here"))
            .chain([Diagnostic::error("file is empty").at(&file, 0..0, "here")])
            .collect();
        let text = all.render();
        assert_eq!(text.matches("error: link to a missing heading").count(), SHOWN_PER_KIND);
        assert!(
            text.contains("… and 9980 more like “link to a missing heading”"),
            "{}",
            &text[text.len() - 300..]
        );
        assert!(text.contains("error: file is empty"));
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
