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
        if dest.is_empty() || dest.contains("://") || dest.starts_with("mailto:") || dest.starts_with("tel:") {
            return Target::External;
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
                None => return Target::MissingFile { path: path.to_string() },
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

    /// Headings of a document, to offer as suggestions.
    pub fn anchors_of(&self, path: &str) -> Vec<String> {
        let mut ids: Vec<String> = self
            .anchors
            .get(path)
            .map(|s| s.iter().cloned().collect())
            .unwrap_or_default();
        ids.sort();
        ids
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
}
