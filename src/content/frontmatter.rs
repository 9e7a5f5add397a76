//! Splits a Markdown file into its YAML front matter and its body, keeping offsets so that
//! errors in either point at the right line of the original file.

use std::sync::Arc;

use crate::diagnostics::{Diagnostic, SourceFile};

/// Turns raw bytes into text the rest of the pipeline can trust: UTF-8, no byte-order mark,
/// LF line endings. Offsets in diagnostics refer to this normalised text, whose lines and
/// columns are those of the file on disk.
pub fn decode(path: &std::path::Path, bytes: &[u8]) -> Result<String, Diagnostic> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let valid = &bytes[..err.valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let col = valid.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
            return Err(Diagnostic::error(format!(
                "file is not valid UTF-8 (first bad byte at line {line}, column {col})"
            ))
            .in_file(path)
            .help("save the file as UTF-8 in your editor"));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // CRLF and lone CR (old Mac files) both end a line, as they do for the YAML parser, so
    // lines and columns agree with what it reports.
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    };
    if let Some(at) = text.find('\0') {
        let file = SourceFile::new(path, text.clone());
        return Err(Diagnostic::error("file contains a NUL byte")
            .at(&file, at..at + 1, "NUL byte here")
            .help(
                "this is not text a page can show: remove the byte (it often comes from a binary file or a bad copy)",
            ));
    }
    Ok(text)
}

/// A file split at its front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// Byte offset of the first YAML line in the file's text.
    pub yaml_start: usize,
    pub yaml_end: usize,
    /// Byte offset where the Markdown body starts.
    pub body_start: usize,
}

pub fn split(file: &Arc<SourceFile>) -> Result<Split, Diagnostic> {
    let text = file.text.as_str();
    if text.trim().is_empty() {
        return Err(Diagnostic::error("file is empty")
            .at(file, 0..0, "nothing here")
            .help("start the file with front matter: a `---` line, `title: ...`, and a closing `---` line"));
    }
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != "---" {
        return Err(Diagnostic::error("missing front matter")
            .at(file, 0..first_line_end, "expected `---` here")
            .help("start the file with a `---` line, then the YAML keys (`title: ...`), then a closing `---` line"));
    }
    let yaml_start = (first_line_end + 1).min(text.len());
    let mut line_start = yaml_start;
    while line_start < text.len() {
        let line_end = text[line_start..].find('\n').map_or(text.len(), |i| line_start + i);
        if text[line_start..line_end].trim_end() == "---" {
            return Ok(Split {
                yaml_start,
                yaml_end: line_start,
                body_start: (line_end + 1).min(text.len()),
            });
        }
        line_start = line_end + 1;
    }
    Err(Diagnostic::error("front matter is not closed")
        .at(file, 0..3, "front matter opens here")
        .help("add a line with only `---` after the last YAML key"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> Arc<SourceFile> {
        SourceFile::new("q.md", text)
    }

    #[test]
    fn splits_and_keeps_offsets() {
        let f = file("---\ntitle: A\n---\nBody\n");
        let s = split(&f).unwrap();
        assert_eq!(&f.text[s.yaml_start..s.yaml_end], "title: A\n");
        assert_eq!(&f.text[s.body_start..], "Body\n");
    }

    #[test]
    fn closing_line_may_end_the_file() {
        let f = file("---\ntitle: A\n---");
        let s = split(&f).unwrap();
        assert_eq!(&f.text[s.body_start..], "");
    }

    #[test]
    fn errors_name_line_and_column() {
        let unclosed = split(&file("---\ntitle: A\nbody\n")).unwrap_err();
        assert_eq!(unclosed.message, "front matter is not closed");
        assert_eq!(unclosed.location().unwrap().1, 1);

        let missing = split(&file("title: A\n")).unwrap_err();
        assert_eq!(missing.message, "missing front matter");

        let empty = split(&file(" \n\n")).unwrap_err();
        assert_eq!(empty.message, "file is empty");
    }

    #[test]
    fn decode_accepts_bom_and_crlf_and_rejects_bad_utf8() {
        let p = std::path::Path::new("q.md");
        assert_eq!(decode(p, b"\xef\xbb\xbf---\r\nx: 1\r\n").unwrap(), "---\nx: 1\n");
        let err = decode(p, b"---\nti\xfftle\n").unwrap_err();
        assert!(err.message.contains("line 2, column 3"), "{}", err.message);
    }

    /// Regression (issue 13 §2): a CR-only file was one line, "missing front matter".
    #[test]
    fn lone_cr_ends_lines_like_the_yaml_parser_says() {
        let p = std::path::Path::new("q.md");
        let text = decode(p, b"---\rtitle: A\rminutes: x\r---\rBody\r").unwrap();
        let f = file(&text);
        let s = split(&f).unwrap();
        assert_eq!(&f.text[s.body_start..], "Body\n");
        let offset = f.text.find("x").unwrap();
        assert_eq!(f.line_col(offset), (3, 10));
    }

    /// Regression (issue 13 §4): NUL bytes in a body reached the HTML.
    #[test]
    fn nul_bytes_are_an_error_with_line_and_column() {
        let err = decode(std::path::Path::new("q.md"), b"---\ntitle: A\n---\nab\0c\n").unwrap_err();
        assert_eq!(err.message, "file contains a NUL byte");
        let (_, line, col) = err.location().unwrap();
        assert_eq!((line, col), (4, 3));
    }
}
