//! Print views: the whole guide on one page in reading order (`/print/`, like mdBook's
//! `print.html`) and one page per topic (`/topics/<topic>/print/`). Collapsed sections are
//! rendered open, heading ids carry their document's anchor so that many documents share one
//! page, and links between documents on the page become `#anchors`. They are rendered as one
//! group ("print"), each distinct document once and in parallel, and written unminified.

use serde::Serialize;
use tera::Context;

use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use super::context::{self, QuestionItem};
use super::{Key, SiteRenderer, key_of, keys};
use crate::content::{Document, Guide, Question, Topic};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::links::{Target, content_path};
use crate::markdown::{self, RenderEnv};
use crate::output::OutputFile;
use crate::urls::Route;

/// One document printed on the page.
#[derive(Serialize)]
struct PrintDoc {
    anchor: String,
    title: String,
    /// "topic", "question" or "page".
    kind: &'static str,
    question: Option<QuestionItem>,
    content: String,
}

/// A line of the print page's table of contents, with the questions under a topic.
#[derive(Serialize)]
struct PrintToc {
    anchor: String,
    title: String,
    children: Vec<PrintToc>,
}

/// The id a document's section has on a print page: its directory, `/` made `--`.
fn anchor(route: &Route) -> String {
    match route {
        Route::Home => "introduction".to_string(),
        other => other.dir().replace('/', "--"),
    }
}

/// One document of a print page, and how deep its headings go.
struct Entry<'g> {
    route: Route,
    title: &'g str,
    doc: &'g Document,
    shift: u8,
    kind: &'static str,
    question: Option<&'g Question>,
}

/// One print page: where it goes, the documents on it, and its title and description.
struct PrintPage<'g> {
    route: Route,
    entries: Vec<Entry<'g>>,
    title: String,
    description: String,
}

/// The print pages of a guide, rendered together as the "print" group: `/print/` holds every
/// document, so any edit changes it, and `serve` makes the group after the pages it shows.
pub(super) struct PrintPages<'g> {
    pages: Vec<PrintPage<'g>>,
    /// Each page's documents' keys, computed once for the group's key and for the render.
    keys: OnceLock<Vec<PageKeys>>,
}

struct PageKeys {
    page: Key,
    entries: Vec<Key>,
}

impl<'g> PrintPages<'g> {
    pub(super) fn new(guide: &'g Guide) -> Self {
        let mut everything = vec![Entry {
            route: Route::Home,
            title: "Introduction",
            doc: &guide.home.doc,
            shift: 1,
            kind: "page",
            question: None,
        }];
        for topic in &guide.topics {
            everything.extend(topic_entries(topic));
        }
        everything.extend(guide.pages.iter().map(|p| Entry {
            route: p.route.clone(),
            title: &p.title,
            doc: &p.doc,
            shift: 1,
            kind: "page",
            question: None,
        }));
        let mut pages = vec![PrintPage {
            route: Route::Print,
            entries: everything,
            title: format!("{} (print)", guide.config.title),
            description: format!("The whole of {} on one page, for printing.", guide.config.title),
        }];
        pages.extend(guide.topics.iter().map(|topic| PrintPage {
            route: Route::TopicPrint(topic.slug.clone()),
            entries: topic_entries(topic),
            title: format!("{} (print)", topic.title),
            description: format!("Every question of {} on one page, for printing.", topic.title),
        }));
        Self {
            pages,
            keys: OnceLock::new(),
        }
    }

    fn keys(&self, site: &SiteRenderer<'_>) -> &[PageKeys] {
        self.keys.get_or_init(|| {
            self.pages
                .par_iter()
                .map(|page| {
                    let on_page = on_page(page);
                    let entries: Vec<Key> = page
                        .entries
                        .iter()
                        .map(|e| entry_key(site, &page.route, &on_page, e))
                        .collect();
                    let page = key_of((site.template_key("print.html"), &page.route, &entries));
                    PageKeys { page, entries }
                })
                .collect()
        })
    }

    /// A key of every print page: any document's text, links or data, and the template.
    pub(super) fn key(&self, site: &SiteRenderer<'_>) -> Key {
        key_of(self.keys(site).iter().map(|k| k.page).collect::<Vec<Key>>())
    }

    /// The print pages that changed, and the paths of those that did not. A document reads
    /// the same on `/print/` and on its topic's view unless a link of it leads somewhere else
    /// from there, so each distinct rendering is made once, and all of them in parallel: the
    /// whole guide on one page must not be one long sequential job.
    pub(super) fn outputs(&self, site: &SiteRenderer<'_>) -> Result<(Vec<OutputFile>, Vec<String>), Diagnostics> {
        let keys = self.keys(site);
        let mut unchanged = Vec::new();
        let mut todo: Vec<(&PrintPage<'_>, &PageKeys)> = Vec::new();
        for (page, key) in self.pages.iter().zip(keys) {
            let path = page.route.output_path();
            if site.cache.page_is_fresh(&path, key.page) {
                unchanged.push(path);
            } else {
                todo.push((page, key));
            }
        }
        let on_pages: Vec<HashSet<&Route>> = todo.iter().map(|(page, _)| on_page(page)).collect();
        let mut seen = HashSet::new();
        let mut distinct: Vec<(Key, &PrintPage<'_>, &HashSet<&Route>, &Entry<'_>)> = Vec::new();
        for ((page, key), on_page) in todo.iter().zip(&on_pages) {
            for (entry, entry_key) in page.entries.iter().zip(&key.entries) {
                if seen.insert(*entry_key) {
                    distinct.push((*entry_key, *page, on_page, entry));
                }
            }
        }
        let contents: HashMap<Key, String> = distinct
            .par_iter()
            .map(|(key, page, on_page, entry)| (*key, content(site, page, on_page, entry, *key)))
            .collect();
        let results: Vec<Result<OutputFile, Diagnostic>> = todo
            .par_iter()
            .map(|(page, key)| assemble(site, page, &key.entries, &contents))
            .collect();
        let mut files = Vec::with_capacity(results.len());
        let mut problems = Diagnostics::new();
        for result in results {
            match result {
                Ok(file) => files.push(file),
                Err(d) => problems.push(d),
            }
        }
        if problems.has_errors() {
            return Err(problems);
        }
        Ok((files, unchanged))
    }
}

fn on_page<'p>(page: &'p PrintPage<'_>) -> HashSet<&'p Route> {
    page.entries.iter().map(|e| &e.route).collect()
}

fn topic_entries(topic: &Topic) -> Vec<Entry<'_>> {
    let mut entries = vec![Entry {
        route: topic.route(),
        title: &topic.title,
        doc: &topic.doc,
        shift: 1,
        kind: "topic",
        question: None,
    }];
    entries.extend(topic.questions.iter().map(|q| Entry {
        route: q.route(),
        title: &q.title,
        doc: &q.doc,
        shift: 2,
        kind: "question",
        question: Some(q),
    }));
    entries
}

/// The href a link of a printed document becomes: an `#anchor` when its target is printed
/// on the same page, else a link to the target's own page.
fn print_href(
    site: &SiteRenderer<'_>,
    page: &Route,
    on_page: &HashSet<&Route>,
    from: &str,
    dest: &str,
) -> Option<String> {
    match site.checked.links.resolve(from, dest) {
        Target::Page { route: to, fragment } => {
            let fragment = fragment.filter(|f| !f.is_empty());
            Some(match (on_page.contains(&to), fragment) {
                (true, Some(f)) => format!("#{}--{f}", anchor(&to)),
                (true, None) => format!("#{}", anchor(&to)),
                (false, Some(f)) => format!("{}#{f}", page.href_to(&to)),
                (false, None) => page.href_to(&to),
            })
        }
        // Images and downloads: relative to the print page, not to the document's own page.
        Target::Asset { .. } => site.checked.links.href(from, page, dest),
        _ => None,
    }
}

/// A key of what one printed document renders from: its text, where each of its links leads
/// on this page, its place (anchor, heading depth) and what its heading shows.
fn entry_key(site: &SiteRenderer<'_>, page: &Route, on_page: &HashSet<&Route>, entry: &Entry<'_>) -> Key {
    let from = content_path(entry.doc);
    let hrefs: Vec<Option<String>> = site.checked.outlines.get(&from).map_or_else(Vec::new, |outline| {
        outline
            .links
            .iter()
            .map(|link| print_href(site, page, on_page, &from, &link.dest))
            .collect()
    });
    key_of((
        entry.doc.source.content_hash(),
        entry.doc.body_start,
        &entry.route,
        entry.title,
        entry.shift,
        entry.kind,
        entry.question.map(keys::question_key),
        hrefs,
    ))
}

/// One document's HTML as printed on `page`. In a serve session, documents that did not
/// change come from the cache, one entry per print page and document (their links differ
/// between the pages), under the group's name so that a deferred group keeps them.
fn content(
    site: &SiteRenderer<'_>,
    page: &PrintPage<'_>,
    on_page: &HashSet<&Route>,
    entry: &Entry<'_>,
    key: Key,
) -> String {
    let guide = site.guide;
    let from = content_path(entry.doc);
    let prefix = format!("{}--", anchor(&entry.route));
    let render = || {
        let link = |dest: &str| print_href(site, &page.route, on_page, &from, dest);
        let collapsed = |t: &str| guide.config.is_collapsed(t);
        markdown::render(
            entry.doc.body(),
            &RenderEnv {
                highlighter: site.highlighter,
                collapsed: &collapsed,
                link: &link,
                id_prefix: &prefix,
                heading_shift: entry.shift,
                print: true,
            },
        )
    };
    let content = if site.cache.is_enabled() {
        let cache_path = format!("{GROUP}|{}|{from}", page.route.output_path());
        site.cache.markdown(&cache_path, key, render)
    } else {
        render()
    };
    // Table regions are named by their headers; on a page of many documents the document's
    // title keeps the names apart.
    let label = format!(
        "aria-label=\"{}: Table",
        markdown::escape(entry.title).replace('"', "&quot;")
    );
    content.replace("aria-label=\"Table", &label)
}

/// The name of the group the print pages are rendered in ([`super::group`]).
pub(super) const GROUP: &str = "print";

fn assemble(
    site: &SiteRenderer<'_>,
    page: &PrintPage<'_>,
    keys: &[Key],
    contents: &HashMap<Key, String>,
) -> Result<OutputFile, Diagnostic> {
    let docs: Vec<PrintDoc> = page
        .entries
        .iter()
        .zip(keys)
        .map(|(entry, key)| PrintDoc {
            anchor: anchor(&entry.route),
            title: entry.title.to_string(),
            kind: entry.kind,
            question: entry.question.map(|q| context::question_item(&page.route, q)),
            content: contents.get(key).cloned().unwrap_or_default(),
        })
        .collect();
    let mut toc: Vec<PrintToc> = Vec::new();
    for doc in &docs {
        let line = PrintToc {
            anchor: doc.anchor.clone(),
            title: doc.title.clone(),
            children: Vec::new(),
        };
        match (doc.kind, toc.last_mut()) {
            ("question", Some(parent)) => parent.children.push(line),
            _ => toc.push(line),
        }
    }
    let mut ctx = Context::new();
    ctx.insert("docs", &docs);
    ctx.insert("print_toc", &toc);
    // Not minified: that saves 4% of a print page (2% gzipped) and would be one sequential
    // pass over the largest page of the site (60 MB at 10,000 questions).
    let html = site.html("print.html", &page.route, &page.title, &page.description, ctx)?;
    Ok(OutputFile::new(page.route.output_path(), html.into_bytes()))
}
