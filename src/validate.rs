//! Stage 2: checks that need the whole guide — unique URLs and links that lead somewhere —
//! and computes each document's outline, which later stages reuse.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use rayon::prelude::*;

use crate::content::{Document, Guide};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::highlight::languages;
use crate::links::{LinkIndex, Target, content_path};
use crate::markdown::{self, CodeBlock, MarkupProblem, Outline};
use crate::urls::Route;

/// Missing anchors per page that get "did you mean" suggestions.
const SUGGESTIONS_PER_PAGE: usize = 20;

/// Page slugs the generator uses for its own pages.
const RESERVED_PAGE_SLUGS: &[&str] = &["topics", "tags", "plan", "search", "static", "print"];

pub struct Checked {
    pub links: LinkIndex,
    /// Keyed by content path (`topics/algorithms/two-sum.md`).
    pub outlines: HashMap<String, Arc<Outline>>,
    /// The files of `content/` that pages link to and that are not Markdown (images,
    /// downloads), by content path: what `load::read_assets` reads and the site publishes.
    pub assets: BTreeSet<String>,
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
    // Each document's content path, key and outline, worked out once (a large guide has
    // many documents and every rebuild of `serve` comes here).
    let outlined: Vec<(String, crate::key::Key, Arc<Outline>)> = documents
        .par_iter()
        .map(|(_, doc)| {
            let path = content_path(doc);
            let key = crate::key::key_of((doc.source.content_hash(), doc.body_start));
            let outline = match cache.outlines.get(&path) {
                Some((old, outline)) if *old == key => Arc::clone(outline),
                _ => Arc::new(markdown::outline(doc.body())),
            };
            (path, key, outline)
        })
        .collect();
    let outlines: HashMap<String, Arc<Outline>> = outlined
        .iter()
        .map(|(path, _, outline)| (path.clone(), Arc::clone(outline)))
        .collect();
    let links = LinkIndex::new(guide, &outlines, content_files);

    let per_document: Vec<(Vec<Diagnostic>, Vec<String>)> = documents
        .par_iter()
        .zip(outlined.par_iter())
        .map(|((_, doc), (path, _, outline))| {
            let mut found: Vec<Diagnostic> = outline.problems.iter().map(|p| markup_problem(doc, p)).collect();
            let mut assets = Vec::new();
            let mut suggestions = SUGGESTIONS_PER_PAGE;
            for link in &outline.links {
                match links.resolve(path, &link.dest) {
                    Target::Asset { path: asset, .. } => assets.push(asset),
                    target => found.extend(link_problem(
                        &links,
                        target,
                        doc,
                        path,
                        &link.dest,
                        link.range.clone(),
                        &mut suggestions,
                    )),
                }
            }
            found.extend(
                outline
                    .code_blocks
                    .iter()
                    .filter_map(|block| unknown_language(doc, block)),
            );
            (found, assets)
        })
        .collect();
    cache.outlines = outlined
        .into_iter()
        .map(|(path, key, outline)| (path, (key, outline)))
        .collect();
    let mut assets = BTreeSet::new();
    for (problems, linked) in per_document {
        for problem in problems {
            diagnostics.push(problem);
        }
        assets.extend(linked);
    }
    check_asset_paths(guide, &outlines, &links, &assets, diagnostics);
    check_footer(guide, &links, diagnostics);
    Checked {
        links,
        outlines,
        assets,
    }
}

/// Top-level folders and files of the site that syllabus writes itself.
const GENERATED_FOLDERS: &[&str] = &["static", "tags", "plan", "search"];
const GENERATED_FILES: &[&str] = &["404.html", "robots.txt", "sitemap.xml"];

/// An asset is published at its own path under `content/` (`urls::asset_path`): one whose
/// path a generated page or file uses (`content/robots.txt`, `content/static/…`, a file
/// named like a question's folder) is an error at each link to it, before anything is written.
fn check_asset_paths(
    guide: &Guide,
    outlines: &HashMap<String, Arc<Outline>>,
    links: &LinkIndex,
    assets: &BTreeSet<String>,
    diagnostics: &mut Diagnostics,
) {
    let taken = |site_path: &str| {
        let first = site_path.split('/').next().unwrap_or(site_path);
        GENERATED_FOLDERS.contains(&first) || GENERATED_FILES.contains(&site_path)
    };
    let mut clashing: BTreeSet<&String> = assets.iter().filter(|a| taken(&crate::urls::asset_path(a))).collect();
    if assets.len() > clashing.len() {
        // Every page's file and the folders above it.
        let mut used: std::collections::HashSet<String> = std::collections::HashSet::new();
        for (route, _) in guide.documents() {
            let file = route.output_path();
            let mut at = file.as_str();
            used.insert(at.to_string());
            while let Some((parent, _)) = at.rsplit_once('/') {
                used.insert(parent.to_string());
                at = parent;
            }
        }
        clashing.extend(assets.iter().filter(|a| used.contains(&crate::urls::asset_path(a))));
    }
    if clashing.is_empty() {
        return;
    }
    for (_, doc) in guide.documents() {
        let from = content_path(doc);
        let Some(outline) = outlines.get(&from) else { continue };
        for link in &outline.links {
            if let Target::Asset { path, .. } = links.resolve(&from, &link.dest)
                && clashing.contains(&path)
            {
                let range = doc.body_start + link.range.start..doc.body_start + link.range.end;
                diagnostics.push(
                    Diagnostic::error(format!(
                        "content/{path} would be published at /{}, where syllabus writes a page or file of its own",
                        crate::urls::asset_path(&path)
                    ))
                    .at(&doc.source, range, "this link")
                    .help("rename the file or move it into a folder of its own, e.g. `images/`"),
                );
            }
        }
    }
}

fn markup_problem(doc: &Document, problem: &MarkupProblem) -> Diagnostic {
    let shift = |r: &std::ops::Range<usize>| doc.body_start + r.start..doc.body_start + r.end;
    match problem {
        MarkupProblem::BadHeadingId { id, range } => {
            Diagnostic::error(format!("heading id '{id}' has characters ids cannot have"))
                .at(&doc.source, shift(range), "this heading")
                .help("custom ids `{#id}` may use letters, digits, `-` and `_` only, e.g. `{#time-complexity}`")
        }
        MarkupProblem::RawHtml { finding, range } => {
            let d = if finding.script {
                Diagnostic::error(finding.message.clone())
            } else {
                Diagnostic::warning(finding.message.clone())
            };
            d.at(
                &doc.source,
                shift(range),
                if finding.script { "script" } else { "removed" },
            )
            .help(finding.help.clone())
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

/// A fence whose language no grammar has: shown plain, which the author may not expect.
fn unknown_language(doc: &Document, block: &CodeBlock) -> Option<Diagnostic> {
    if languages::grammar(&block.lang).is_some() {
        return None;
    }
    let source = &doc.source;
    // `first_line` is the body line of the code's first line; the fence is the one before.
    let body_line = source.line_col(doc.body_start).0;
    let line_start = source.offset_of(body_line + block.first_line.saturating_sub(1), 1);
    let line = source.text[line_start..].lines().next().unwrap_or("");
    let range = match line.to_ascii_lowercase().find(&block.lang) {
        Some(at) => line_start + at..line_start + at + block.lang.len(),
        None => line_start..line_start + line.len(),
    };
    let help = match languages::suggest(&block.lang) {
        Some(best) => format!("did you mean `{best}`? Write `text` for a block that is plain on purpose"),
        None => "write a language syllabus knows (python, sql, bash, yaml, json, js, ts, rust, go, and the others docs/writing.md lists), or `text` for a block that is plain on purpose".to_string(),
    };
    Some(
        Diagnostic::warning(format!(
            "unknown code language `{}`: the block is shown without highlighting",
            block.lang
        ))
        .at(source, range, "this language")
        .help(help),
    )
}

fn link_problem(
    links: &LinkIndex,
    target: Target,
    doc: &Document,
    from: &str,
    dest: &str,
    range: std::ops::Range<usize>,
    suggestions: &mut usize,
) -> Option<Diagnostic> {
    let range = doc.body_start + range.start..doc.body_start + range.end;
    Some(target_problem(links, target, from, dest, suggestions)?.at(&doc.source, range, "this link"))
}

/// guide.yaml's `footer:` links lead somewhere, like links in Markdown (relative to content/).
fn check_footer(guide: &Guide, links: &LinkIndex, diagnostics: &mut Diagnostics) {
    let file = &guide.config_source;
    let mut suggestions = SUGGESTIONS_PER_PAGE;
    for link in &guide.config.footer {
        let range = crate::content::yaml::location_range(file, 0, &link.href.referenced);
        let dest = link.href.value.trim();
        const HELP: &str = "a footer href is an https:// address or the path of a .md file relative to content/, e.g. `pages/about.md`";
        let problem = if dest.is_empty() {
            Some(Diagnostic::error("footer link with an empty href").help(HELP))
        } else {
            // The anchor's "did you mean" stays; the other helps speak of Markdown files.
            let target = links.resolve("guide.yaml", dest);
            let anchor = matches!(target, Target::MissingAnchor { .. });
            if matches!(target, Target::Asset { .. }) {
                // Only files pages link to are published.
                Some(Diagnostic::error(format!("footer link to a file that is not a page: {dest}")).help(HELP))
            } else {
                target_problem(links, target, "guide.yaml", dest, &mut suggestions)
                    .map(|d| if anchor { d } else { d.help(HELP) })
            }
        };
        if let Some(d) = problem {
            diagnostics.push(d.at(file, range, "this link"));
        }
    }
}

/// What is wrong with a link from the content file `from` to `dest` (which resolves to
/// `target`), if anything.
fn target_problem(
    links: &LinkIndex,
    target: Target,
    from: &str,
    dest: &str,
    suggestions: &mut usize,
) -> Option<Diagnostic> {
    let error = match target {
        Target::External | Target::Page { .. } | Target::Unloaded | Target::Asset { .. } => return None,
        Target::MissingAsset { path } => {
            let hidden = path.split('/').any(|part| part.starts_with('.'));
            let help = if hidden {
                "files and folders whose names start with `.` are never published; rename it".to_string()
            } else if path == "guide.yaml" {
                "guide.yaml holds the settings and is not published".to_string()
            } else {
                let close = if *suggestions > 0 {
                    links.similar_assets(&path)
                } else {
                    Vec::new()
                };
                *suggestions = suggestions.saturating_sub(1);
                if close.is_empty() {
                    "put the file beside the page (or anywhere under content/) and link to it by its relative path, e.g. `![A diagram](diagram.png)`".to_string()
                } else {
                    let close: Vec<String> = close
                        .iter()
                        .map(|p| format!("`{}`", crate::links::relative_link(from, p)))
                        .collect();
                    format!("did you mean {}?", close.join(" or "))
                }
            };
            Diagnostic::error(format!("link to a missing file: content/{path}")).help(help)
        }
        Target::HtmlAsset { path } => Diagnostic::error(format!("link to an HTML file: content/{path}"))
            .help("HTML files are not published: their scripts would run on the site. Write the page in Markdown, or link to it by a full https:// address"),
        Target::AbsolutePath => Diagnostic::error(format!("link '{dest}' is an absolute path"))
            .help("link to files under content/ by their path relative to this page (`diagram.png`, `../images/x.svg`); an absolute path would point at a file of your computer or server, which is never copied into the site"),
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
            .help("link to a page by its .md file (`../topic/page.md`, `../topic/_topic.md` for a topic), to a file by its name, or use a full https:// address"),
        Target::Unsafe { scheme } => Diagnostic::error(format!("link with a `{scheme}:` URL"))
            .help("`javascript:`, `data:` and `vbscript:` links run code or hide a document in the page; link to a page or an https:// address"),
        Target::BadUrl { reason } => Diagnostic::error(format!("link '{dest}' is not a valid URL: {reason}"))
            .help("write a full address such as `https://example.com/path`, or the relative path of a .md file"),
        Target::OutsideContent => Diagnostic::error(format!("link '{dest}' leads outside content/"))
            .help("only files inside content/ become part of the site; move the file into content/ or link to it by a full https:// address"),
    };
    Some(error)
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
