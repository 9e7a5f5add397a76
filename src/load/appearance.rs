//! guide.yaml's `logo`, `favicon`, `extra_css` and CSS variables: checked, and their files
//! read into the model (rendering never reads files; the writer copies them into the site).
//! Every problem points at its place in guide.yaml.

use std::path::Path;
use std::sync::Arc;

use serde_saphyr::Spanned;

use crate::content::yaml::{closest, location_range};
use crate::content::{Appearance, GuideConfig, GuideFile, Stylesheet};
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile};

/// The CSS custom properties of the built-in theme that guide.yaml may set, with what each
/// one styles (docs/theming.md prints this list; a test keeps both in step with style.css).
pub const CSS_VARIABLES: &[(&str, &str)] = &[
    ("bg", "page background"),
    ("fg", "text"),
    ("muted", "secondary text (meta lines, the sidebar)"),
    ("border", "lines and frames"),
    ("surface", "header, sidebar, tables and code backgrounds"),
    ("accent", "links, the current page, focus of the brand"),
    ("accent-soft", "background of the current page in the sidebar"),
    ("focus", "the keyboard focus ring"),
    ("easy", "the easy difficulty badge"),
    ("medium", "the medium difficulty badge"),
    ("hard", "the hard difficulty badge"),
    ("radius", "corner radius of cards, code and inputs"),
    ("measure", "the longest line of prose"),
    ("font", "the text font stack"),
    ("mono", "the code font stack"),
];

/// Images a logo may be.
const LOGO_TYPES: &[&str] = &["svg", "png", "jpg", "jpeg", "webp", "gif", "avif"];
/// Images a favicon may be.
const FAVICON_TYPES: &[&str] = &["svg", "png", "ico"];

/// Checks guide.yaml's appearance settings and reads the files they name from `content/`.
pub fn load(root: &Path, config: &GuideConfig, file: &Arc<SourceFile>, diagnostics: &mut Diagnostics) -> Appearance {
    let content = root.join("content");
    let read = |setting: &Spanned<String>, key: &str, types: &[&str], diagnostics: &mut Diagnostics| {
        read_file(&content, setting, key, types, file)
            .map_err(|d| diagnostics.push(d))
            .ok()
    };
    let logo = config
        .logo
        .as_ref()
        .and_then(|s| read(s, "logo", LOGO_TYPES, diagnostics));
    let favicon = config
        .favicon
        .as_ref()
        .and_then(|s| read(s, "favicon", FAVICON_TYPES, diagnostics));
    let mut extra_css = Vec::new();
    for sheet in &config.extra_css {
        if sheet.value.starts_with("https://") {
            match url::Url::parse(&sheet.value) {
                Ok(_) => extra_css.push(Stylesheet::Url(sheet.value.clone())),
                Err(err) => diagnostics.push(
                    Diagnostic::error(format!("extra_css: '{}' is not a valid URL: {err}", sheet.value))
                        .at(file, at(file, sheet), "here")
                        .help("write a full address, e.g. `https://fonts.googleapis.com/css2?family=Inter`"),
                ),
            }
        } else if let Some(sheet) = read(sheet, "extra_css", &["css"], diagnostics) {
            extra_css.push(Stylesheet::File(sheet));
        }
    }
    let mut variables = |setting: &Option<Spanned<std::collections::BTreeMap<String, String>>>, key: &str| {
        let Some(map) = setting else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (name, value) in &map.value {
            let bare = name.trim_start_matches("--");
            let range = key_range(file, map, name);
            if !CSS_VARIABLES.iter().any(|(n, _)| *n == bare) {
                let names: Vec<String> = CSS_VARIABLES.iter().map(|(n, _)| n.to_string()).collect();
                let message = match closest(bare, &names) {
                    Some(best) => format!("{key}: unknown variable '{bare}' — did you mean '{best}'?"),
                    None => format!("{key}: unknown variable '{bare}'"),
                };
                diagnostics.push(
                    Diagnostic::error(message)
                        .at(file, range, "not a variable of the theme")
                        .help(format!("the theme's variables are: {}", names.join(", "))),
                );
            } else if let Err(reason) = check_value(value) {
                diagnostics.push(
                    Diagnostic::error(format!("{key}.{bare}: {reason}"))
                        .at(file, range, "this value")
                        .help("write a CSS value such as `\"#0b7285\"`, `rgb(11 114 133)`, `6px` or `\"Inter, system-ui, sans-serif\"`"),
                );
            } else {
                out.push((bare.to_string(), value.trim().to_string()));
            }
        }
        out.sort();
        out
    };
    let css_variables = variables(&config.css_variables, "css_variables");
    let css_variables_dark = variables(&config.css_variables_dark, "css_variables_dark");
    Appearance {
        logo,
        favicon,
        extra_css,
        css_variables,
        css_variables_dark,
    }
}

fn at<T>(file: &Arc<SourceFile>, setting: &Spanned<T>) -> std::ops::Range<usize> {
    location_range(file, 0, &setting.referenced)
}

/// Where `name:` is written inside the mapping `map` (its line), or the mapping itself.
fn key_range<T>(file: &Arc<SourceFile>, map: &Spanned<T>, name: &str) -> std::ops::Range<usize> {
    let start = at(file, map).start;
    let text = &file.text[start..];
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let key = trimmed.trim_start_matches(['"', '\'']);
        if key.starts_with(name) && key[name.len()..].trim_start_matches(['"', '\'']).starts_with(':') {
            let begin = start + offset + (line.len() - trimmed.len());
            return begin..begin + name.len() + (trimmed.len() - key.len());
        }
        offset += line.len();
    }
    at(file, map)
}

/// A value is one CSS value: nothing that could end the declaration, the rule or the
/// stylesheet, open a comment, or load anything.
fn check_value(value: &str) -> Result<(), String> {
    let value = value.trim();
    if value.is_empty() {
        return Err("the value is empty".to_string());
    }
    if let Some(c) = value
        .chars()
        .find(|c| matches!(c, ';' | '{' | '}' | '<' | '>' | '\\' | '@') || c.is_control())
    {
        return Err(format!("the value may not contain `{}`", c.escape_default()));
    }
    if value.contains("/*") || value.contains("*/") {
        return Err("the value may not contain a comment".to_string());
    }
    if value.to_ascii_lowercase().contains("url(") {
        return Err("the value may not load a file (`url(…)`); add a stylesheet to extra_css instead".to_string());
    }
    let balanced_parens = value.chars().try_fold(0i32, |depth, c| {
        let depth = depth + i32::from(c == '(') - i32::from(c == ')');
        (depth >= 0).then_some(depth)
    }) == Some(0);
    let even_quotes = value.matches('"').count().is_multiple_of(2) && value.matches('\'').count().is_multiple_of(2);
    if !balanced_parens || !even_quotes {
        return Err("the value has an unclosed quote or parenthesis".to_string());
    }
    Ok(())
}

/// Reads the file a setting names, relative to `content/`, after checking its path.
fn read_file(
    content: &Path,
    setting: &Spanned<String>,
    key: &str,
    types: &[&str],
    file: &Arc<SourceFile>,
) -> Result<GuideFile, Diagnostic> {
    let rel = setting.value.trim().trim_start_matches("./");
    let here = at(file, setting);
    let fail = |message: String, help: String| {
        Diagnostic::error(message)
            .at(file, here.clone(), "this path")
            .help(help)
    };
    let parts: Vec<&str> = rel.split('/').collect();
    let bad_part = parts.iter().find(|p| {
        p.is_empty()
            || p.starts_with('.')
            || !p
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    });
    if rel.contains("://") || bad_part.is_some() {
        return Err(fail(
            format!("{key}: '{}' is not a path syllabus can copy into the site", setting.value),
            "write a path relative to content/ (the folder of guide.yaml) of letters, digits, `-`, `_` and `.`, e.g. `assets/logo.svg`".to_string(),
        ));
    }
    if parts.first() == Some(&"static") {
        return Err(fail(
            format!("{key}: content/static/ is where the theme's files go in the site"),
            format!(
                "move the file to another folder, e.g. `assets/{}`",
                parts[1..].join("/")
            ),
        ));
    }
    let extension = rel
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if !types.contains(&extension.as_str()) {
        let names: Vec<String> = types.iter().map(|t| format!(".{t}")).collect();
        let list = match names.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
            None => String::new(),
        };
        return Err(fail(
            format!("{key}: '{rel}' is not a {list} file"),
            format!("{key} takes a {list} file under content/"),
        ));
    }
    let path = content.join(rel);
    let inside = match (std::fs::canonicalize(&path), std::fs::canonicalize(content)) {
        (Ok(target), Ok(base)) => target.starts_with(base),
        _ => true, // missing: reported by the read below
    };
    if !inside {
        return Err(fail(
            format!("{key}: content/{rel} is a link to a file outside content/"),
            "copy the file into content/ instead".to_string(),
        ));
    }
    match std::fs::read(&path) {
        Ok(bytes) => Ok(GuideFile {
            site_path: rel.to_string(),
            bytes,
        }),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Err(fail(
            format!("{key}: file not found: content/{rel}"),
            "paths in guide.yaml are relative to content/, the folder of guide.yaml: put the file there or fix the path".to_string(),
        )),
        Err(err) => Err(fail(
            format!("{key}: cannot read content/{rel}: {err}"),
            "check the file's permissions".to_string(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::check_value;

    #[test]
    fn css_values_cannot_break_out_of_their_declaration() {
        for ok in [
            "#0b7285",
            "rgb(11 114 133 / 50%)",
            "6px",
            "\"Inter\", system-ui, sans-serif",
            "46rem",
            "hsl(200deg 50% 40%)",
        ] {
            assert!(check_value(ok).is_ok(), "{ok}");
        }
        for bad in [
            "red; } body { display: none",
            "red</style><script>alert(1)</script>",
            "url(https://x.io/track.png)",
            "red /* comment",
            "\"unclosed",
            "calc(1px",
            "@import 'x'",
            "",
            "a\\62 c",
        ] {
            assert!(check_value(bad).is_err(), "{bad}");
        }
    }
}
