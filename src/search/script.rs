//! Data embedded in the JavaScript files of the index. Each file is one call of the global
//! registration function, `syllabusSearch(kind, key, data)`, so that it loads through a
//! `<script>` tag — which works from `file://`, where `fetch` of a local file does not.
//!
//! Content is written by people and may contain anything; it must never end the script or
//! break the JavaScript around it. The data is JSON (a subset of JavaScript) with the
//! characters that could still do harm escaped: every `<` (so no `</script>` or `<!--`) and
//! U+2028/U+2029, which older JavaScript engines treat as line breaks inside strings.

use serde::Serialize;

/// The name of the global function every index file calls.
pub const REGISTER: &str = "syllabusSearch";

/// `syllabusSearch("kind",key,data);` with `data` serialized safely.
pub fn registration(kind: &str, key: &impl Serialize, data: &impl Serialize) -> String {
    format!("{REGISTER}({},{},{});\n", literal(&kind), literal(key), literal(data))
}

/// A JavaScript literal for `value`, safe to place anywhere a script expression goes.
pub fn literal(value: &impl Serialize) -> String {
    // Serializing plain data (strings, numbers, vectors, maps with string keys) cannot fail;
    // `null` is the harmless answer if some future type makes it.
    let json = serde_json::to_string(value).unwrap_or_else(|_| "null".to_string());
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_end_tags_and_line_separators_cannot_break_out() {
        let text = "</script><script>alert(1)</script> <!-- \u{2028}\u{2029} \"quoted\" \\";
        let js = registration("doc", &1, &text);
        assert!(!js.contains("</script"), "{js}");
        assert!(
            !js.contains('<') && !js.contains('\u{2028}') && !js.contains('\u{2029}'),
            "{js}"
        );
        assert!(
            js.starts_with("syllabusSearch(\"doc\",1,\"\\u003c/script\\u003e"),
            "{js}"
        );
        // Still the same string once parsed back.
        let data = js
            .trim_end()
            .trim_start_matches("syllabusSearch(\"doc\",1,")
            .trim_end_matches(");");
        let back: String = serde_json::from_str(data).unwrap();
        assert_eq!(back, text);
    }
}
