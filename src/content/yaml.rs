//! Reads YAML with serde-saphyr and turns its errors into diagnostics that point into the
//! original file and say how to fix the problem ("did you mean 'difficulty'?").

use std::ops::Range;
use std::sync::Arc;

use serde::de::DeserializeOwned;

use super::yaml_place;
use crate::diagnostics::{Diagnostic, SourceFile};

/// Deserializes the YAML in `file.text[start..end]`; `what` names the thing being read
/// ("a question's front matter") for messages.
pub fn parse<T: DeserializeOwned>(
    file: &Arc<SourceFile>,
    start: usize,
    end: usize,
    what: &str,
) -> Result<T, Diagnostic> {
    let yaml = &file.text[start..end];
    // An empty document is an empty mapping, so that the user hears which keys are missing.
    let input = if yaml.trim().is_empty() { "{}" } else { yaml };
    serde_saphyr::from_str::<T>(input).map_err(|err| to_diagnostic(file, start, yaml, &err, what))
}

fn to_diagnostic(
    file: &Arc<SourceFile>,
    start: usize,
    yaml: &str,
    err: &serde_saphyr::Error,
    what: &str,
) -> Diagnostic {
    let message = plain_message(err);
    let mut range = match err.location() {
        Some(loc) if !yaml.trim().is_empty() => location_range(file, start, &loc),
        _ => start.saturating_sub(4)..start.saturating_sub(1),
    };
    // The mapping the error is in, named for the reader (`a phase of `phases:``).
    let line = err
        .location()
        .filter(|loc| *loc != serde_saphyr::Location::UNKNOWN && !yaml.trim().is_empty())
        .and_then(|loc| usize::try_from(loc.line()).ok())
        .map(|l| l.saturating_sub(1));
    let context = line.and_then(|l| yaml_place::describe(&yaml_place::parent_keys(yaml, l)));
    let what = context.as_deref().unwrap_or(what);
    if let Some(line) = line.filter(|_| message.starts_with("missing field")) {
        // serde-saphyr places a missing key at the mapping's last key read; point at the
        // mapping itself, where the key belongs.
        let first = yaml_place::mapping_start(yaml, line);
        let line_start = file.offset_of(file.line_col(start).0 + first, 1);
        let text = &file.text[line_start..];
        let key = text.len() - text.trim_start_matches([' ', '-']).len();
        let key_start = line_start + key;
        range = key_start..key_start + token_len(&file.text[key_start..]);
    }
    let key = line.and_then(|l| yaml_place::key_at(yaml, l));
    let mut d = explain(&message, what, key.as_deref());
    let tab_indent = yaml.lines().any(|l| l.trim_start_matches(' ').starts_with('\t'));
    if tab_indent && d.message.starts_with("invalid YAML") {
        d = d.help("indent with spaces, not tabs: YAML does not allow tabs for indentation");
    }
    d.at(file, range.clone(), label_for(&message))
}

/// Where a serde-saphyr location (relative to YAML that starts at byte `start` of `file`)
/// is in the file. Unknown locations (defaults) point at the start of the YAML.
pub fn location_range(file: &Arc<SourceFile>, start: usize, loc: &serde_saphyr::Location) -> Range<usize> {
    if *loc == serde_saphyr::Location::UNKNOWN {
        return start..start;
    }
    let first_line = file.line_col(start).0;
    let line = usize::try_from(loc.line()).unwrap_or(1).max(1);
    let col = usize::try_from(loc.column()).unwrap_or(1);
    let offset = file.offset_of(first_line + line - 1, col);
    let len = loc
        .span()
        .byte_len()
        .and_then(|l| usize::try_from(l).ok())
        .filter(|&l| l > 0)
        .unwrap_or_else(|| token_len(&file.text[offset..]));
    offset..offset + len
}

/// The error's own words, without the location and snippet serde-saphyr adds (we draw our own).
fn plain_message(err: &serde_saphyr::Error) -> String {
    let options = serde_saphyr::render_options! { snippets: serde_saphyr::SnippetMode::Off };
    let text = err.without_snippet().render_with_options(options);
    let mut text = text.trim().trim_start_matches("error: ").to_string();
    if let Some(rest) = text.strip_prefix("line ")
        && let Some(colon) = rest.find(": ")
    {
        text = rest[colon + 2..].to_string();
    }
    if let Some(at) = text.rfind(" at line ") {
        text.truncate(at);
    }
    text
}

fn token_len(text: &str) -> usize {
    text.find(['\n', ':']).unwrap_or(text.len()).max(1)
}

fn label_for(message: &str) -> &'static str {
    if message.starts_with("unknown field") {
        "unknown key"
    } else if message.starts_with("unknown variant") {
        "not an allowed value"
    } else if message.starts_with("missing field") {
        "required key missing in this mapping"
    } else {
        "here"
    }
}

/// Rewrites serde's messages into ones a content author can act on.
fn explain(message: &str, what: &str, key: Option<&str>) -> Diagnostic {
    if let Some((name, expected)) = parse_unknown(message, "unknown field") {
        let msg = match closest(&name, &expected) {
            Some(best) => format!("unknown field '{name}' — did you mean '{best}'?"),
            None => format!("unknown field '{name}' in {what}"),
        };
        let help = if expected.is_empty() {
            format!("{what} takes no keys here")
        } else {
            format!("the keys of {what} are: {}", expected.join(", "))
        };
        return Diagnostic::error(msg).help(help);
    }
    if let Some((value, expected)) = parse_unknown(message, "unknown variant") {
        let mut msg = format!("'{value}' is not an allowed value");
        if let Some(best) = closest(&value, &expected).filter(|best| *best != value) {
            msg.push_str(&format!(" — did you mean '{best}'?"));
        }
        let d = Diagnostic::error(msg);
        return if expected.is_empty() {
            d.help("check the value against the documentation of this key")
        } else {
            d.help(format!("allowed values: {}", expected.join(", ")))
        };
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        let name = rest.trim_matches('`');
        let (kind, example) = wanted(name, what);
        return Diagnostic::error(format!("missing required key '{name}' ({kind}) in {what}"))
            .help(format!("add a line `{example}` to {what}"));
    }
    if is_unsigned(message) {
        return Diagnostic::error("expected a whole number of 0 or more").help(format!(
            "write a plain number without quotes or units, e.g. `{}`",
            number_example(key.unwrap_or("minutes"))
        ));
    }
    if message.contains("mapping values are not allowed") {
        return Diagnostic::error(format!("invalid YAML in {what}: a value contains `: `"))
            .help("quote a value that contains `: `, e.g. `description: \"Note: the basics\"`");
    }
    if mentions_integer_type(message) || message.contains("invalid type: floating point") {
        return Diagnostic::error("expected a whole number").help(format!(
            "write a plain whole number without quotes, units or decimals, e.g. `{}`",
            number_example(key.unwrap_or("order"))
        ));
    }
    if message.contains("expected sequence") {
        return Diagnostic::error(format!("expected a list ({message})"))
            .help("write a list as `[a, b]` or as lines starting with `- `");
    }
    Diagnostic::error(format!("invalid YAML in {what}: {message}")).help("check the YAML syntax and the value's type")
}

/// What a required key holds, and a line that sets it, for "missing key" messages.
fn wanted(name: &str, what: &str) -> (&'static str, String) {
    let (kind, example) = match name {
        "title" if what == "guide.yaml" => ("text", "title: My study guide"),
        "title" if what.contains("phase") => ("text", "title: Foundations"),
        "title" if what.contains("footer") => ("text", "title: Source code"),
        "title" => ("text", "title: Two sum"),
        "description" => ("text", "description: What the guide covers, in one sentence"),
        "base_url" => ("an http(s) address", "base_url: https://you.github.io/guide/"),
        "weeks" => ("a range of weeks, quoted", "weeks: \"1-4\""),
        "difficulty" => ("easy, medium or hard", "difficulty: medium"),
        "kind" => ("coding, concept, design, behavioral or debugging", "kind: coding"),
        "minutes" => ("a whole number", "minutes: 30"),
        "href" => (
            "an https:// address or the path of a .md file",
            "href: https://github.com/you/guide",
        ),
        _ => return ("a value", format!("{name}: ...")),
    };
    (kind, example.to_string())
}

/// A line that sets the number `key` to a value it accepts.
fn number_example(key: &str) -> String {
    let value = match key {
        "weeks" => 8,
        "minutes_per_day" => 75,
        "review_minutes" => 30,
        "minutes" => 45,
        "share" => 25,
        _ => 3,
    };
    format!("{key}: {value}")
}

/// serde names Rust's integer types (`u32`, `i64`); readers hear "whole number" instead.
fn integer_types(message: &str) -> impl Iterator<Item = &str> {
    message.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| {
        matches!(
            *w,
            "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize"
        )
    })
}

fn is_unsigned(message: &str) -> bool {
    integer_types(message).any(|w| w.starts_with('u'))
}

fn mentions_integer_type(message: &str) -> bool {
    integer_types(message).next().is_some()
}

/// Parses "unknown field `x`, expected one of `a`, `b`" (and the variant form).
fn parse_unknown(message: &str, prefix: &str) -> Option<(String, Vec<String>)> {
    let rest = message.strip_prefix(prefix)?.trim_start();
    let (name, rest) = match rest.strip_prefix('`') {
        Some(r) => {
            let end = r.find('`')?;
            (r[..end].to_string(), &r[end + 1..])
        }
        None => {
            let end = rest.find(',').unwrap_or(rest.len());
            (rest[..end].trim().to_string(), &rest[end..])
        }
    };
    let expected = rest
        .split_once("expected one of")
        .map(|(_, list)| list)
        .or_else(|| rest.split_once("expected").map(|(_, list)| list))
        .map(|list| {
            list.split(',')
                .map(|s| s.trim().trim_matches('`').to_string())
                .filter(|s| !s.is_empty() && !s.starts_with("there are no"))
                .collect()
        })
        .unwrap_or_default();
    Some((name, expected))
}

/// The allowed name closest to what was written, if it is close enough to be a typo.
pub fn closest<'a>(written: &str, allowed: &'a [String]) -> Option<&'a str> {
    allowed
        .iter()
        .map(|a| (strsim::damerau_levenshtein(&written.to_lowercase(), a), a))
        .filter(|(distance, a)| *distance <= (a.len() / 3).max(1))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, a)| a.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::meta::QuestionMeta;

    fn err(text: &str) -> Diagnostic {
        let file = SourceFile::new("content/topics/t/q.md", text.to_string());
        let start = 4;
        let end = text[4..].find("---").map_or(text.len(), |i| i + 4);
        parse::<QuestionMeta>(&file, start, end, "a question's front matter").unwrap_err()
    }

    fn loc(d: &Diagnostic) -> (usize, usize) {
        let (_, l, c) = d.location().unwrap();
        (l, c)
    }

    #[test]
    fn unknown_key_suggests_the_closest() {
        let d = err("---\ntitle: A\ndificulty: easy\nkind: coding\nminutes: 5\n---\n");
        assert_eq!(d.message, "unknown field 'dificulty' — did you mean 'difficulty'?");
        assert_eq!(loc(&d), (3, 1));
        assert!(d.help.unwrap().contains("difficulty"));
    }

    #[test]
    fn bad_enum_lists_allowed_values() {
        let d = err("---\ntitle: A\ndifficulty: eazy\nkind: coding\nminutes: 5\n---\n");
        assert_eq!(d.message, "'eazy' is not an allowed value — did you mean 'easy'?");
        assert_eq!(d.help.as_deref(), Some("allowed values: easy, medium, hard"));
        assert_eq!(loc(&d), (3, 13));
    }

    #[test]
    fn missing_field_and_wrong_type() {
        let d = err("---\ntitle: A\ndifficulty: easy\nkind: coding\n---\n");
        assert_eq!(
            d.message,
            "missing required key 'minutes' (a whole number) in a question's front matter"
        );
        let d = err("---\ntitle: A\ndifficulty: easy\nkind: coding\nminutes: lots\n---\n");
        assert_eq!(d.message, "expected a whole number of 0 or more");
        assert_eq!(loc(&d), (5, 10));
        let d = err("---\ntitle: A\ndifficulty: easy\nkind: coding\nminutes: 3\ntags: x\n---\n");
        assert!(d.message.starts_with("expected a list"), "{}", d.message);
        assert_eq!(loc(&d), (6, 7));
    }

    #[test]
    fn plain_language_help_for_colons_tabs_and_numbers() {
        let d = err("---\ntitle: Note: A\ndifficulty: easy\nkind: coding\nminutes: 5\n---\n");
        assert!(d.help.unwrap().contains("quote a value that contains `: `"));
        let d = err("---\ntitle: A\ndifficulty: easy\nkind: coding\nminutes: 5\ntags:\n\t- x\n---\n");
        assert!(
            d.help.unwrap().contains("indent with spaces, not tabs"),
            "{}",
            d.message
        );
        let d = err("---\ntitle: A\ndifficulty: easy\nkind: coding\nminutes: 5\norder: high\n---\n");
        assert_eq!(d.message, "expected a whole number");
        assert!(!d.help.unwrap().contains("i64"));
    }

    #[test]
    fn syntax_error_points_into_the_file() {
        let d = err("---\ntitle: [A\ndifficulty: easy\n---\n");
        assert!(d.message.starts_with("invalid YAML"), "{}", d.message);
        assert_eq!(loc(&d).0, 2);
    }
}
