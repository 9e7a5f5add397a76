//! Stage 2: checks that need the whole guide — unique URLs and links that lead somewhere —
//! and computes each document's outline, which later stages reuse.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use rayon::prelude::*;

use crate::content::{Document, Guide};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::links::{LinkIndex, Target, content_path};
use crate::markdown::{self, MarkupProblem, Outline};
use crate::urls::Route;

/// Missing anchors per page that get "did you mean" suggestions.
const SUGGESTIONS_PER_PAGE: usize = 20;

/// Page slugs the generator uses for its own pages.
const RESERVED_PAGE_SLUGS: &[&str] = &["topics", "tags", "plan", "search", "static", "print"];

pub struct Checked {
    pub links: LinkIndex,
    /// Keyed by content path (`topics/algorithms/two-sum.md`).
    pub outlines: HashMap<String, Arc<Outline>>,
}

/// What `serve` keeps between rebuilds: each document's outline, by the hash of its text.
#[derive(Default)]
pub struct OutlineCache {
    outlines: HashMap<String, (u64, Arc<Outline>)>,
}

pub fn validate(guide: &Guide, content_files: BTreeSet<String>, diagnostics: &mut Diagnostics) -> Checked {
    validate_cached(guide, content_files, diagnostics, &mut OutlineCache::default())
}

/// [`validate`], reusing the outlines of documents whose text is unchanged.
pub fn validate_cached(
    guide: &Guide,
    content_files: BTreeSet<String>,
    diagnostics: &mut Diagnostics,
    cache: &mut OutlineCache,
) -> Checked {
    check_unique_routes(guide, diagnostics);

    let documents = guide.documents();
    let outlines: HashMap<String, Arc<Outline>> = documents
        .par_iter()
        .map(|(_, doc)| {
            let path = content_path(doc);
            let key = crate::render::key_of((doc.source.content_hash(), doc.body_start));
            let outline = match cache.outlines.get(&path) {
                Some((old, outline)) if *old == key => Arc::clone(outline),
                _ => Arc::new(markdown::outline(doc.body())),
            };
            (path, outline)
        })
        .collect();
    cache.outlines = documents
        .iter()
        .map(|(_, doc)| {
            let path = content_path(doc);
            let key = crate::render::key_of((doc.source.content_hash(), doc.body_start));
            let outline = Arc::clone(&outlines[&path]);
            (path, (key, outline))
        })
        .collect();
    let links = LinkIndex::new(guide, &outlines, content_files);

    let problems: Vec<Diagnostic> =
        documents
            .par_iter()
            .flat_map_iter(|(_, doc)| {
                let path = content_path(doc);
                let outline = &outlines[&path];
                let mut found: Vec<Diagnostic> = outline.problems.iter().map(|p| markup_problem(doc, p)).collect();
                let mut suggestions = SUGGESTIONS_PER_PAGE;
                found.extend(outline.links.iter().filter_map(|link| {
                    link_problem(&links, doc, &path, &link.dest, link.range.clone(), &mut suggestions)
                }));
                found
            })
            .collect();
    for problem in problems {
        diagnostics.push(problem);
    }
    Checked { links, outlines }
}

fn markup_problem(doc: &Document, problem: &MarkupProblem) -> Diagnostic {
    let shift = |r: &std::ops::Range<usize>| doc.body_start + r.start..doc.body_start + r.end;
    match problem {
        MarkupProblem::BadHeadingId { id, range } => {
            Diagnostic::error(format!("heading id '{id}' has characters ids cannot have"))
                .at(&doc.source, shift(range), "this heading")
                .help("custom ids `{#id}` may use letters, digits, `-` and `_` only, e.g. `{#time-complexity}`")
        }
        MarkupProblem::TooDeep { range } => Diagnostic::error(format!(
            "nesting is more than {} levels deep here",
            markdown::MAX_NESTING
        ))
        .at(&doc.source, shift(&(range.start..range.start)), "too deep")
        .help(
            "flatten the nested quotes, lists, emphasis or HTML elements; pages and browsers cannot handle such depth",
        ),
    }
}

fn link_problem(
    links: &LinkIndex,
    doc: &Document,
    from: &str,
    dest: &str,
    range: std::ops::Range<usize>,
    suggestions: &mut usize,
) -> Option<Diagnostic> {
    let range = doc.body_start + range.start..doc.body_start + range.end;
    let error = match links.resolve(from, dest) {
        Target::External | Target::Page { .. } | Target::Unloaded => return None,
        Target::MissingFile { path } => Diagnostic::error(format!("link to a missing file: content/{path}"))
            .help("link to another page by the relative path of its .md file, e.g. `../python-language/generators.md`"),
        Target::MissingAnchor { path, anchor } => {
            // Only the first few on a page get suggestions (they are the ones printed), so
            // thousands of broken anchors cost thousands, not millions, of comparisons.
            let few = if *suggestions > 0 { 3 } else { 0 };
            *suggestions = suggestions.saturating_sub(1);
            let help = match links.closest_anchors(&path, &anchor, few) {
                (_, 0) => format!("content/{path} has no headings"),
                (close, _) if !close.is_empty() => {
                    let close: Vec<String> = close.iter().map(|id| format!("`#{id}`")).collect();
                    format!("did you mean {}?", close.join(" or "))
                }
                (_, n) => format!("none of the {n} heading anchors of content/{path} is close to it"),
            };
            Diagnostic::error(format!("link to a missing heading: #{anchor} in content/{path}")).help(help)
        }
        Target::NotContent => Diagnostic::error(format!("relative link '{dest}' does not point to a content file"))
            .help("link to pages by their .md file (`../topic/page.md`) or use a full https:// address"),
        Target::Unsafe { scheme } => Diagnostic::error(format!("link with a `{scheme}:` URL"))
            .help("`javascript:`, `data:` and `vbscript:` links run code or hide a document in the page; link to a page or an https:// address"),
        Target::BadUrl { reason } => Diagnostic::error(format!("link '{dest}' is not a valid URL: {reason}"))
            .help("write a full address such as `https://example.com/path`, or the relative path of a .md file"),
        Target::OutsideContent => Diagnostic::error(format!("link '{dest}' leads outside content/"))
            .help("only files inside content/ become part of the site; move the file into content/ or link to it by a full https:// address"),
    };
    Some(error.at(&doc.source, range, "this link"))
}

fn check_unique_routes(guide: &Guide, diagnostics: &mut Diagnostics) {
    let mut seen: HashMap<Route, &Document> = HashMap::new();
    for (route, doc) in guide.documents() {
        if let Route::Page(slug) = &route
            && RESERVED_PAGE_SLUGS.contains(&slug.as_str())
        {
            diagnostics.push(
                Diagnostic::error(format!("the page slug '{slug}' is used by syllabus itself"))
                    .at(&doc.source, 0..0, "this page")
                    .help("rename the file; reserved names are: topics, tags, plan, search, static, print"),
            );
        }
        if let Some(first) = seen.get(&route) {
            diagnostics.push(
                Diagnostic::error(format!("two pages would be written to /{}/", route.dir()))
                    .at(&doc.source, 0..0, "this page")
                    .also(&first.source, 0..0, "and this one")
                    .help("give one of them another file name or `slug:`"),
            );
        } else {
            seen.insert(route, doc);
        }
    }
}
