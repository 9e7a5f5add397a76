//! The one slug function: heading anchors, tag URLs and the check that file names are slugs
//! all agree on what a slug is.

/// Lowercases `text` and turns every run of characters that are not ASCII letters or digits
/// into a single `-`, trimmed at both ends. Non-ASCII letters are kept out of URLs on purpose:
/// they survive every server and file system unchanged.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for ch in text.chars() {
        if ch.is_ascii_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(ch.to_ascii_lowercase());
        } else if ch == '\'' || ch == '’' {
            // "don't" → "dont", as readers expect from other generators.
        } else {
            pending_dash = true;
        }
    }
    slug
}

/// A slug names a file or folder in the output, so it may only use `[a-z0-9-]`, must not be
/// empty and must not start or end with `-`. That is also what keeps `..` and `/` out of paths.
pub fn is_valid_slug(text: &str) -> bool {
    !text.is_empty()
        && !text.starts_with('-')
        && !text.ends_with('-')
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_collapses_punctuation_and_case() {
        assert_eq!(slugify("Clarify first"), "clarify-first");
        assert_eq!(slugify("  Big-O: time & space!  "), "big-o-time-space");
        assert_eq!(slugify("Don't mutate defaults"), "dont-mutate-defaults");
        assert_eq!(slugify("`heapq.nlargest`"), "heapq-nlargest");
        assert_eq!(slugify("Ünïcode"), "n-code");
        assert_eq!(slugify("???"), "");
    }

    #[test]
    fn valid_slugs_cannot_escape_the_output_directory() {
        assert!(is_valid_slug("two-sum"));
        assert!(is_valid_slug("a1"));
        for bad in ["", "..", "a/b", "A", "-a", "a-", "a_b", "a.b", "é"] {
            assert!(!is_valid_slug(bad), "{bad}");
        }
    }
}
