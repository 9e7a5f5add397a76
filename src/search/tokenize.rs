//! Text → index terms. The browser's `search.js` implements the very same rules (`tokenize`,
//! `stem`), so a word typed in the search box becomes the term the index was built with;
//! `tests/js/` checks both agree on the shipped content. Change one, change the other.
//!
//! Rules:
//! - Lowercase, then cut the text into runs of letters, digits, `_`, `.` and apostrophes.
//! - Apostrophes join (`don't` → `dont`, `python's` → `pythons` → `python`); dots at the ends
//!   of a run are punctuation and dropped.
//! - A run with `_` or `.` inside is a code identifier: it is kept whole *and* split
//!   (`heapq.nlargest` → `heapq.nlargest`, `heapq`, `nlargest`), so both the exact name and
//!   its parts can be found.
//! - Runs longer than [`MAX_TERM_CHARS`] (hashes, data blobs) are skipped.
//! - Every term is stemmed with [`stem`]. No stop words are removed: "while" is a word
//!   readers look for.

/// Longer runs are not words a reader types.
pub const MAX_TERM_CHARS: usize = 48;

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '.' | '\'' | '\u{2019}')
}

/// The terms of `text`, in order, with repeats (term frequencies count them).
pub fn tokenize(text: &str) -> Vec<String> {
    let mut terms = Vec::new();
    let lower = text.to_lowercase();
    for run in lower.split(|c: char| !is_word_char(c)) {
        push_run(run, &mut terms);
    }
    terms
}

fn push_run(run: &str, terms: &mut Vec<String>) {
    let joined: String = run.chars().filter(|c| !matches!(c, '\'' | '\u{2019}')).collect();
    let word = joined.trim_matches('.');
    if word.is_empty() || word.chars().count() > MAX_TERM_CHARS || !word.chars().any(char::is_alphanumeric) {
        return;
    }
    let parts: Vec<&str> = word.split(['_', '.']).filter(|p| !p.is_empty()).collect();
    if parts.len() != 1 || parts[0] != word {
        terms.push(word.to_string());
    }
    for part in parts {
        terms.push(stem(part));
    }
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// A deliberately small English stemmer: plurals, `-ing`, `-ed` and a final `-e`, so that
/// "caches", "cached", "caching" and "cache" meet at `cach`. Only words of ASCII letters
/// with at least four of them are touched; identifiers and other scripts are left alone.
/// Search quality needs only that the index and the query agree, not real roots.
pub fn stem(word: &str) -> String {
    if word.len() < 4 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word.to_string();
    }
    let mut w = word.to_string();
    // Plurals.
    if w.ends_with("ies") && w.len() > 4 {
        w.truncate(w.len() - 3);
        w.push('y');
    } else if w.ends_with("sses") {
        w.truncate(w.len() - 2);
    } else if w.ends_with("ss") || w.ends_with("us") || w.ends_with("is") {
    } else if w.ends_with('s') {
        w.truncate(w.len() - 1);
    }
    // Past tense and gerund.
    if w.ends_with("eed") {
    } else if w.ends_with("ied") && w.len() > 4 {
        w.truncate(w.len() - 3);
        w.push('y');
    } else if let Some(root) = w.strip_suffix("ed").or_else(|| w.strip_suffix("ing"))
        && root.len() >= 3
        && root.bytes().any(is_vowel)
    {
        w = undouble(root);
    }
    if w.len() >= 4 && w.ends_with('e') {
        w.truncate(w.len() - 1);
    }
    w
}

/// `stopp` → `stop`, `runn` → `run`; but `call`, `miss`, `buzz` keep their pair.
fn undouble(root: &str) -> String {
    let b = root.as_bytes();
    let n = b.len();
    if n >= 2 && b[n - 1] == b[n - 2] && !is_vowel(b[n - 1]) && !matches!(b[n - 1], b'l' | b's' | b'z') {
        root[..n - 1].to_string()
    } else {
        root.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_identifiers_are_kept_whole_and_split() {
        assert_eq!(
            tokenize("heapq.nlargest(k, x)"),
            ["heapq.nlargest", "heapq", "nlargest", "k", "x"]
        );
        assert_eq!(tokenize("@lru_cache"), ["lru_cache", "lru", "cach"]);
        assert_eq!(
            tokenize("asyncio.Semaphore"),
            ["asyncio.semaphore", "asyncio", "semaphor"]
        );
        assert_eq!(tokenize("__init__"), ["__init__", "init"]);
    }

    #[test]
    fn prose_punctuation_and_apostrophes() {
        assert_eq!(
            tokenize("The GIL. Python's while-loop!"),
            ["the", "gil", "python", "whil", "loop"]
        );
        assert_eq!(tokenize("don't"), ["dont"]);
        assert_eq!(tokenize("... --- <script>"), ["script"]);
    }

    #[test]
    fn non_latin_and_long_runs() {
        assert_eq!(tokenize("日本語 Ünïcode"), ["日本語", "ünïcode"]);
        assert!(tokenize(&"a".repeat(MAX_TERM_CHARS + 1)).is_empty());
        assert!(tokenize("😀 ✨").is_empty());
    }

    #[test]
    fn stemming_joins_inflections() {
        for (words, root) in [
            (&["cache", "caches", "cached", "caching"][..], "cach"),
            (&["sort", "sorts", "sorted", "sorting"][..], "sort"),
            (&["queue", "queues", "queued", "queueing", "queuing"][..], "queu"),
            (&["query", "queries"][..], "query"),
            (&["process", "processes"][..], "process"),
            (&["stop", "stopped", "stopping"][..], "stop"),
        ] {
            for w in words {
                assert_eq!(stem(w), root, "{w}");
            }
        }
        assert_eq!(stem("class"), "class");
        assert_eq!(stem("string"), "string");
        assert_eq!(stem("gil"), "gil");
        assert_eq!(stem("while"), "whil");
        assert_eq!(stem("need"), "need");
    }
}
