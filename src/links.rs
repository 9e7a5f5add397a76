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
    /// A file of `content/` that is not Markdown (an image, a download): copied to the site.
    Asset {
        path: String,
        /// `?query#fragment` as written, kept on the rewritten link.
        suffix: String,
    },
    /// An HTML file of `content/`: never published, since its script would run on the site.
    HtmlAsset {
        path: String,
    },
    /// A relative link to a file that is not there (no Markdown file names it `.md`).
    MissingAsset {
        path: String,
    },
    /// `/etc/x.png`: a path from the root of a disk or a server, never copied.
    AbsolutePath,
    /// A relative link to something that is not a content file (a folder).
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

/// The script-running scheme (`javascript`, `data`, `vbscript`) of a URL however it is
/// spelled, or `None`. Raw HTML's attributes are checked with it too (`sanitize.rs`).
pub fn unsafe_scheme(dest: &str) -> Option<String> {
    match classify_absolute(dest) {
        Some(Err(Target::Unsafe { scheme })) => Some(scheme),
        _ => None,
    }
}

pub struct LinkIndex {
    routes: HashMap<String, Route>,
    anchors: HashMap<String, HashSet<String>>,
    on_disk: BTreeSet<String>,
    /// The files of `on_disk` that are not Markdown: what an image or download may name.
    assets: BTreeSet<String>,
    /// Assets by file name, for "did you mean" across folders.
    assets_by_name: HashMap<String, Vec<String>>,
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
    /// `outlines` are the documents' outlines keyed by content path; `on_disk` every file a
    /// link may name (Markdown files and assets), relative to `content/`.
    pub fn new(guide: &Guide, outlines: &HashMap<String, Arc<Outline>>, on_disk: BTreeSet<String>) -> Self {
        let mut routes = HashMap::new();
        for (route, doc) in guide.documents() {
            routes.insert(content_path(doc), route);
        }
        let anchors = outlines
            .iter()
            .map(|(path, outline)| (path.clone(), outline.headings.iter().map(|h| h.id.clone()).collect()))
            .collect();
        let assets: BTreeSet<String> = on_disk.iter().filter(|p| !p.ends_with(".md")).cloned().collect();
        let mut assets_by_name: HashMap<String, Vec<String>> = HashMap::new();
        for path in &assets {
            let name = path.rsplit('/').next().unwrap_or(path);
            assets_by_name.entry(name.to_string()).or_default().push(path.clone());
        }
        Self {
            routes,
            anchors,
            on_disk,
            assets,
            assets_by_name,
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
            return self.resolve_asset(from, dest);
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

    /// A relative link to a file that is not Markdown: `diagram.png`, `../img/x.svg`,
    /// `data.csv?raw=1#row-2`. Only files load listed under `content/` resolve, so a path
    /// can never name a file elsewhere, however it is spelled.
    fn resolve_asset(&self, from: &str, dest: &str) -> Target {
        let split = dest.find(['?', '#']).unwrap_or(dest.len());
        let (path, suffix) = dest.split_at(split);
        if path.starts_with('/') || path.starts_with('\\') {
            return Target::AbsolutePath;
        }
        if path.ends_with('/') {
            return Target::NotContent;
        }
        // Authors write `my%20diagram.png` or `<my diagram.png>`: both name the same file.
        let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
        let Some(target) = join(from, &decoded) else {
            return Target::OutsideContent;
        };
        if self.assets.contains(&target) && is_document(&target) {
            Target::HtmlAsset { path: target }
        } else if self.assets.contains(&target) {
            Target::Asset {
                path: target,
                suffix: suffix.to_string(),
            }
        } else {
            Target::MissingAsset { path: target }
        }
    }

    /// Up to three assets whose names are close to the missing `path`: in its folder first,
    /// then files of the same name elsewhere. Reads one folder's assets, not the whole guide.
    pub fn similar_assets(&self, path: &str) -> Vec<String> {
        let (dir, name) = match path.rsplit_once('/') {
            Some((dir, name)) => (format!("{dir}/"), name),
            None => (String::new(), path),
        };
        let wanted = name.to_lowercase();
        let mut scored: Vec<(usize, &String)> = self
            .assets
            .range(dir.clone()..)
            .take_while(|p| p.starts_with(&dir))
            .filter(|p| !p[dir.len()..].contains('/'))
            .map(|p| (strsim::levenshtein(&wanted, &p[dir.len()..].to_lowercase()), p))
            .filter(|(distance, _)| *distance <= (wanted.len() / 3).max(2))
            .collect();
        scored.sort();
        let mut close: Vec<String> = scored.into_iter().take(3).map(|(_, p)| p.clone()).collect();
        if let Some(same_name) = self.assets_by_name.get(name) {
            for path in same_name {
                if !close.contains(path) {
                    close.push(path.clone());
                }
            }
        }
        close.truncate(3);
        close
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
            Target::Asset { path, suffix } => Some(from_route.href_to_asset(&path) + &suffix),
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

/// Files a browser opens as a page of the site, with its scripts: not published as assets.
fn is_document(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    [".html", ".htm", ".xhtml", ".xht", ".shtml", ".mht", ".mhtml"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

/// How to write a link from the file `from` to the file `to` (both relative to `content/`).
pub fn relative_link(from: &str, to: &str) -> String {
    let mut from_dir: Vec<&str> = from.split('/').collect();
    from_dir.pop();
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir
        .iter()
        .zip(&to_parts[..to_parts.len().saturating_sub(1)])
        .take_while(|(a, b)| a == b)
        .count();
    "../".repeat(from_dir.len() - common) + &to_parts[common..].join("/")
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

    #[test]
    fn relative_links_between_content_files() {
        assert_eq!(relative_link("topics/a/q.md", "topics/a/x.png"), "x.png");
        assert_eq!(relative_link("topics/a/q.md", "img/x.png"), "../../img/x.png");
        assert_eq!(relative_link("index.md", "topics/a/x.png"), "topics/a/x.png");
        assert_eq!(relative_link("topics/a/q.md", "topics/b/c/x.png"), "../b/c/x.png");
    }

    /// Only files load listed resolve, whatever the spelling; suggestions come from the
    /// link's folder first, then from files of the same name elsewhere.
    #[test]
    fn asset_links_resolve_only_to_listed_files() {
        let on_disk: BTreeSet<String> = [
            "topics/a/diagram.png",
            "img/diagram.png",
            "img/my plot.svg",
            "topics/a/q.md",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let index = LinkIndex {
            routes: HashMap::new(),
            anchors: HashMap::new(),
            assets: on_disk.iter().filter(|p| !p.ends_with(".md")).cloned().collect(),
            assets_by_name: HashMap::from([(
                "diagram.png".to_string(),
                vec!["img/diagram.png".to_string(), "topics/a/diagram.png".to_string()],
            )]),
            on_disk,
        };
        let from = "topics/a/q.md";
        let asset = |path: &str, suffix: &str| Target::Asset {
            path: path.into(),
            suffix: suffix.into(),
        };
        assert_eq!(index.resolve(from, "diagram.png"), asset("topics/a/diagram.png", ""));
        assert_eq!(
            index.resolve(from, "./diagram.png#x"),
            asset("topics/a/diagram.png", "#x")
        );
        assert_eq!(
            index.resolve(from, "../../img/my%20plot.svg?v=2"),
            asset("img/my plot.svg", "?v=2")
        );
        assert_eq!(
            index.resolve(from, "../../img/my plot.svg"),
            asset("img/my plot.svg", "")
        );
        assert_eq!(
            index.resolve(from, "%2e%2e/%2e%2e/%2e%2e/etc/passwd"),
            Target::OutsideContent
        );
        assert_eq!(index.resolve(from, "../../../secret.png"), Target::OutsideContent);
        assert_eq!(index.resolve(from, "/etc/passwd"), Target::AbsolutePath);
        assert_eq!(index.resolve(from, "../"), Target::NotContent);
        assert_eq!(
            index.resolve(from, "diagrm.png"),
            Target::MissingAsset {
                path: "topics/a/diagrm.png".into()
            }
        );
        assert_eq!(index.similar_assets("topics/a/diagrm.png"), ["topics/a/diagram.png"]);
        assert_eq!(
            index.similar_assets("topics/b/diagram.png"),
            ["img/diagram.png", "topics/a/diagram.png"]
        );
        assert!(index.similar_assets("topics/a/unrelated.gif").is_empty());
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
