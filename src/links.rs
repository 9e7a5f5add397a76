//! Links between content files: authors write the relative path of the `.md` file, the site
//! gets the built page's relative URL. Validation and rendering share this one resolver.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use crate::content::{Document, Guide};
use crate::markdown::Outline;
use crate::urls::Route;

/// Where a link in a document leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// `https://…`, `mailto:` and the like: left as written.
    External,
    /// A page of the guide, perhaps a heading on it.
    Page {
        route: Route,
        fragment: Option<String>,
    },
    /// The file exists but did not load (its own error is reported); anchors are not checked.
    Unloaded,
    MissingFile {
        path: String,
    },
    MissingAnchor {
        path: String,
        anchor: String,
    },
    /// A relative link to something that is not a content file.
    NotContent,
    /// A `javascript:`, `data:` or `vbscript:` URL, however it is spelled: never written.
    Unsafe {
        scheme: String,
    },
    /// An absolute URL that does not parse (`http://[oops`).
    BadUrl {
        reason: String,
    },
    /// A relative path that climbs out of `content/`.
    OutsideContent,
}

/// Schemes that run code or smuggle documents into the page.
const UNSAFE_SCHEMES: &[&str] = &["javascript", "data", "vbscript"];

/// How a link destination reads to a browser, before any content lookup: `None` for a
/// relative reference, `Some(Ok(()))` for a harmless absolute URL.
fn classify_absolute(dest: &str) -> Option<Result<(), Target>> {
    // Browsers drop ASCII tabs, newlines and surrounding controls and ignore case before they
    // read a scheme; authors (or attackers) also percent- or entity-encode it. pulldown-cmark
    // already decoded entities, so look through percent-encoding and whitespace too.
    let mut squeezed: String = dest
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .collect();
    for _ in 0..3 {
        let decoded = percent_encoding::percent_decode_str(&squeezed)
            .decode_utf8_lossy()
            .into_owned();
        let decoded: String = decoded
            .chars()
            .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
            .collect();
        if decoded == squeezed {
            break;
        }
        squeezed = decoded;
    }
    let lowered = squeezed.to_ascii_lowercase();
    for scheme in UNSAFE_SCHEMES {
        if lowered.strip_prefix(scheme).is_some_and(|rest| rest.starts_with(':')) {
            return Some(Err(Target::Unsafe {
                scheme: (*scheme).to_string(),
            }));
        }
    }
    match url::Url::parse(dest) {
        Ok(url) if UNSAFE_SCHEMES.contains(&url.scheme()) => Some(Err(Target::Unsafe {
            scheme: url.scheme().to_string(),
        })),
        Ok(_) => Some(Ok(())),
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            if dest.starts_with("//") {
                Some(Ok(())) // protocol-relative: another host
            } else {
                None
            }
        }
        Err(err) => Some(Err(Target::BadUrl {
            reason: err.to_string(),
        })),
    }
}

pub struct LinkIndex {
    routes: HashMap<String, Route>,
    anchors: HashMap<String, HashSet<String>>,
    on_disk: BTreeSet<String>,
}

/// The document's path relative to `content/`, which is how links name it.
pub fn content_path(doc: &Document) -> String {
    let path = doc.source.path.to_string_lossy().replace('\\', "/");
    match path.find("content/") {
        Some(i) => path[i + "content/".len()..].to_string(),
        None => path,
    }
}

impl LinkIndex {
    /// `outlines` are the documents' outlines keyed by content path.
    pub fn new(guide: &Guide, outlines: &HashMap<String, Arc<Outline>>, on_disk: BTreeSet<String>) -> Self {
        let mut routes = HashMap::new();
        for (route, doc) in guide.documents() {
            routes.insert(content_path(doc), route);
        }
        let anchors = outlines
            .iter()
            .map(|(path, outline)| (path.clone(), outline.headings.iter().map(|h| h.id.clone()).collect()))
            .collect();
        Self {
            routes,
            anchors,
            on_disk,
        }
    }

    pub fn resolve(&self, from: &str, dest: &str) -> Target {
        if dest.is_empty() {
            return Target::External;
        }
        match classify_absolute(dest) {
            Some(Ok(())) => return Target::External,
            Some(Err(target)) => return target,
            None => {}
        }
        let (path, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f.to_string())),
            None => (dest, None),
        };
        let target_path = if path.is_empty() {
            from.to_string()
        } else if path.ends_with(".md") && !path.starts_with('/') {
            match join(from, path) {
                Some(p) => p,
                None => return Target::OutsideContent,
            }
        } else {
            return Target::NotContent;
        };
        let Some(route) = self.routes.get(&target_path) else {
            return if self.on_disk.contains(&target_path) {
                Target::Unloaded
            } else {
                Target::MissingFile { path: target_path }
            };
        };
        if let Some(anchor) = &fragment {
            let known = self.anchors.get(&target_path).is_some_and(|ids| ids.contains(anchor));
            if !known && !anchor.is_empty() {
                return Target::MissingAnchor {
                    path: target_path,
                    anchor: anchor.clone(),
                };
            }
        }
        Target::Page {
            route: route.clone(),
            fragment,
        }
    }

    /// The href a link becomes on the page at `from_route`, or `None` to leave it alone.
    pub fn href(&self, from: &str, from_route: &Route, dest: &str) -> Option<String> {
        match self.resolve(from, dest) {
            Target::Page { route, fragment } => {
                let mut href = if route == *from_route && !dest.split('#').next().unwrap_or("").ends_with(".md") {
                    String::new()
                } else {
                    from_route.href_to(&route)
                };
                if let Some(f) = fragment {
                    href.push('#');
                    href.push_str(&f);
                }
                Some(href)
            }
            _ => None,
        }
    }

    /// Up to `few` anchors of `path` closest to `anchor` (closest first), and how many
    /// anchors it has. Costs one comparison per anchor, so even 10,000 missing anchors into a
    /// page of 10,000 headings stay a second's work, and the help stays one line.
    pub fn closest_anchors(&self, path: &str, anchor: &str, few: usize) -> (Vec<String>, usize) {
        let Some(ids) = self.anchors.get(path) else {
            return (Vec::new(), 0);
        };
        if few == 0 {
            return (Vec::new(), ids.len());
        }
        let wanted = anchor.to_lowercase();
        let mut scored: Vec<(usize, &String)> = ids
            .iter()
            .filter(|id| id.len().abs_diff(wanted.len()) <= wanted.len() / 3 + 1)
            .map(|id| (strsim::levenshtein(&wanted, id), id))
            .filter(|(distance, id)| *distance <= (id.len() / 3).max(1))
            .collect();
        scored.sort();
        (
            scored.into_iter().take(few).map(|(_, id)| id.clone()).collect(),
            ids.len(),
        )
    }
}

/// Joins a relative link to the directory of `from`, resolving `.` and `..`; `None` if it
/// climbs out of `content/`.
fn join(from: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_resolves_dot_dot() {
        assert_eq!(join("topics/a/q.md", "../b/r.md").as_deref(), Some("topics/b/r.md"));
        assert_eq!(
            join("topics/a/q.md", "_topic.md").as_deref(),
            Some("topics/a/_topic.md")
        );
        assert_eq!(join("index.md", "pages/x.md").as_deref(), Some("pages/x.md"));
        assert_eq!(join("index.md", "../x.md"), None);
    }

    /// Regression (issue 13 §4): anything with `://` counted as external, so
    /// `javascript://%0Aalert(1)` reached the page.
    #[test]
    fn script_urls_are_unsafe_in_every_spelling() {
        let unsafe_ = [
            "javascript://%0Aalert(1)",
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "javascript%3Aalert(1)",
            "%6Aavascript:alert(1)",
            "%256Aavascript:alert(1)",
            "data:text/html;base64,PHNjcmlwdD4=",
            "DATA:text/html,x",
            "vbscript:msgbox(1)",
            "\u{1}javascript:alert(1)",
        ];
        for dest in unsafe_ {
            assert!(
                matches!(classify_absolute(dest), Some(Err(Target::Unsafe { .. }))),
                "{dest:?} passed"
            );
        }
        for dest in ["https://x.io/a", "mailto:a@b.c", "tel:+1", "//cdn.x.io/y", "ftp://x.io"] {
            assert_eq!(classify_absolute(dest), Some(Ok(())), "{dest}");
        }
        for dest in ["two-sum.md", "../a/b.md#x", "#top", "notes/javascript.md"] {
            assert_eq!(classify_absolute(dest), None, "{dest}");
        }
        assert!(matches!(
            classify_absolute("http://[oops"),
            Some(Err(Target::BadUrl { .. }))
        ));
    }
}
