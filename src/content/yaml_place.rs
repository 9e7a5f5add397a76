//! Where a line stands in block-style YAML: the keys that lead to it and the mapping it is
//! part of. serde's errors name a field but not its context ("unknown field `x`" inside
//! `plan:`, "missing field `title`" of a phase), so messages read the context from the text.
//! Flow style (`{a: 1}`) is not followed; callers fall back to their plain wording.

/// One line of YAML as indentation sees it.
struct Line<'a> {
    /// Column of the first character that is not a space.
    raw: usize,
    /// Column of the key, after any `- ` list markers.
    key_col: usize,
    dash: bool,
    /// The text from the key on (`title: A`), without a trailing comment.
    rest: &'a str,
}

fn read(line: &str) -> Option<Line<'_>> {
    let trimmed = line.trim_start_matches(' ');
    if trimmed.is_empty() || trimmed.starts_with('#') {
        return None;
    }
    let raw = line.len() - trimmed.len();
    let mut rest = trimmed;
    let mut key_col = raw;
    let mut dash = false;
    while let Some(after) = rest.strip_prefix('-').filter(|r| r.is_empty() || r.starts_with(' ')) {
        let inner = after.trim_start_matches(' ');
        key_col += rest.len() - inner.len();
        rest = inner;
        dash = true;
    }
    let rest = match rest.find(" #") {
        Some(i) => rest[..i].trim_end(),
        None => rest.trim_end(),
    };
    Some(Line {
        raw,
        key_col,
        dash,
        rest,
    })
}

/// The key of `key: …` (`None` for a list item's scalar or anything else).
fn key_of(rest: &str) -> Option<&str> {
    let (key, _) = rest
        .split_once(':')
        .filter(|(_, value)| value.is_empty() || value.starts_with(' '))?;
    let key = key.trim().trim_matches(['"', '\'']);
    (!key.is_empty() && !key.contains(' ')).then_some(key)
}

/// `key:` with its value on the lines below.
fn opens_block(rest: &str) -> Option<&str> {
    let key = key_of(rest)?;
    let value = rest.split_once(':').map_or("", |(_, v)| v.trim());
    value.is_empty().then_some(key)
}

/// The key written on line `index` (0-based) of `yaml`, if the line holds one.
pub fn key_at(yaml: &str, index: usize) -> Option<String> {
    let line = read(yaml.lines().nth(index)?)?;
    key_of(line.rest).map(str::to_string)
}

/// The keys leading to line `index` (0-based) of `yaml`, outermost first: `["plans",
/// "phases"]` for a key of a phase of a plan, `[]` for a top-level key.
pub fn parent_keys(yaml: &str, index: usize) -> Vec<String> {
    let lines: Vec<&str> = yaml.lines().collect();
    let Some(target) = lines.get(index).and_then(|l| read(l)) else {
        return Vec::new();
    };
    let mut keys = Vec::new();
    // A parent stands left of `limit`; a list's key may stand at its items' dash column.
    let mut limit = target.key_col;
    let mut in_list = false;
    for text in lines[..index].iter().rev() {
        let Some(line) = read(text) else { continue };
        let left = line.raw < limit || (in_list && line.raw == limit && !line.dash);
        if !left {
            continue;
        }
        if line.dash {
            // The list item that holds us; its own key is a parent only when it stands left
            // of us (`- phases:` above a phase), not when it is our mapping's first key.
            if let Some(key) = opens_block(line.rest).filter(|_| line.key_col < limit) {
                keys.push(key.to_string());
            }
            limit = line.raw;
            in_list = true;
        } else if let Some(key) = opens_block(line.rest) {
            keys.push(key.to_string());
            limit = line.raw;
            in_list = false;
        } else {
            limit = line.raw;
            in_list = false;
        }
        if limit == 0 && !in_list {
            break;
        }
    }
    keys.reverse();
    keys
}

/// The first line (0-based) of the mapping that line `index` is a key of: the line of its
/// first key, or of the `- ` that opens it in a list.
pub fn mapping_start(yaml: &str, index: usize) -> usize {
    let lines: Vec<&str> = yaml.lines().collect();
    let Some(target) = lines.get(index).and_then(|l| read(l)) else {
        return index;
    };
    if target.dash {
        return index;
    }
    let mut start = index;
    for i in (0..index).rev() {
        let Some(line) = read(lines[i]) else { continue };
        if line.raw > target.key_col {
            continue; // a nested value of an earlier key
        }
        if line.key_col != target.key_col || key_of(line.rest).is_none() {
            break;
        }
        start = i;
        if line.dash {
            break;
        }
    }
    start
}

/// How a message names the mapping at `keys` of guide.yaml (`a phase of plans:`).
pub fn describe(keys: &[String]) -> Option<String> {
    let last = keys.last()?;
    Some(match (keys.first().map(String::as_str), last.as_str()) {
        (_, "phases") => "a phase of `phases:`".to_string(),
        (Some("plans"), "plans") => "a plan of `plans:`".to_string(),
        (_, "footer") => "a link of `footer:`".to_string(),
        _ => format!("`{}:`", keys.join(".")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GUIDE: &str = "title: T\nplan:\n  weeks: 2\n  phases:\n    - title: A\n      weeks: \"1\"\n      topics: [a]\nplans:\n- id: x\n  phases:\n  - title: B\n    weeks: \"2\"\nfooter:\n  - title: Code\n    href: https://x.io\n";

    fn keys(line: usize) -> Vec<String> {
        parent_keys(GUIDE, line)
    }

    #[test]
    fn parents_follow_indentation_and_list_items() {
        assert!(keys(0).is_empty());
        assert_eq!(keys(2), ["plan"]);
        assert_eq!(keys(4), ["plan", "phases"]);
        assert_eq!(keys(6), ["plan", "phases"]);
        assert_eq!(keys(8), ["plans"]);
        assert_eq!(keys(9), ["plans"]);
        assert_eq!(keys(11), ["plans", "phases"]);
        assert_eq!(keys(14), ["footer"]);
    }

    #[test]
    fn a_mapping_starts_at_its_first_key_or_its_dash() {
        assert_eq!(mapping_start(GUIDE, 6), 4);
        assert_eq!(mapping_start(GUIDE, 5), 4);
        assert_eq!(mapping_start(GUIDE, 3), 2);
        assert_eq!(mapping_start(GUIDE, 7), 0);
        assert_eq!(mapping_start(GUIDE, 14), 13);
    }

    #[test]
    fn mappings_are_named_for_people() {
        let named = |k: &[&str]| describe(&k.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(named(&["plan"]).as_deref(), Some("`plan:`"));
        assert_eq!(named(&["plans"]).as_deref(), Some("a plan of `plans:`"));
        assert_eq!(named(&["plans", "phases"]).as_deref(), Some("a phase of `phases:`"));
        assert_eq!(named(&[]), None);
    }
}
