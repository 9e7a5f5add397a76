//! Print views: the whole guide on one page in reading order (`/print/`, like mdBook's
//! `print.html`) and one page per topic (`/topics/<topic>/print/`). Collapsed sections are
//! rendered open, heading ids carry their document's anchor so that many documents share one
//! page, and links between documents on the page become `#anchors`.

use serde::Serialize;
use tera::Context;

use std::collections::HashSet;

use super::context::{self, QuestionItem};
use super::{Key, PageJob, SiteRenderer, key_of, keys};
use crate::content::{Document, Guide, Question, Topic};
use crate::diagnostics::Diagnostic;
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

pub(super) fn push_jobs<'a>(jobs: &mut Vec<PageJob<'a>>, site: &'a SiteRenderer<'a>, guide: &'a Guide) {
    let mut entries = vec![Entry {
        route: Route::Home,
        title: "Introduction",
        doc: &guide.home.doc,
        shift: 1,
        kind: "page",
        question: None,
    }];
    for topic in &guide.topics {
        entries.extend(topic_entries(topic));
    }
    entries.extend(guide.pages.iter().map(|p| Entry {
        route: p.route.clone(),
        title: &p.title,
        doc: &p.doc,
        shift: 1,
        kind: "page",
        question: None,
    }));
    push(jobs, site, Route::Print, entries, move || {
        let title = format!("{} (print)", guide.config.title);
        let description = format!("The whole of {} on one page, for printing.", guide.config.title);
        (title, description)
    });
    for topic in &guide.topics {
        push(
            jobs,
            site,
            Route::TopicPrint(topic.slug.clone()),
            topic_entries(topic),
            move || {
                let title = format!("{} (print)", topic.title);
                let description = format!("Every question of {} on one page, for printing.", topic.title);
                (title, description)
            },
        );
    }
}

/// Adds the job of the print page at `route` holding `entries`. Its title and description
/// come from the guide's settings or the topic's title, which the page key holds (the
/// settings in the template key, the topic's title as its first entry's).
fn push<'a>(
    jobs: &mut Vec<PageJob<'a>>,
    site: &'a SiteRenderer<'a>,
    route: Route,
    entries: Vec<Entry<'a>>,
    titles: impl Fn() -> (String, String) + Send + Sync + 'a,
) {
    let job_route = route.clone();
    let key = site.cache.is_enabled().then(|| page_key(site, &route, &entries));
    let job = PageJob::new(
        site,
        &job_route,
        || key.unwrap_or_default(),
        move || {
            let (title, description) = titles();
            page(site, &route, &title, &description, &entries)
        },
    );
    jobs.push(job);
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

/// A print page holds every document on it, so any document's text, links or data changes
/// it (a question body edit re-renders its page, /search/, /print/ and its topic's print view).
fn page_key(site: &SiteRenderer<'_>, route: &Route, entries: &[Entry<'_>]) -> Key {
    let on_page: HashSet<&Route> = entries.iter().map(|e| &e.route).collect();
    let docs: Vec<Key> = entries.iter().map(|e| entry_key(site, route, &on_page, e)).collect();
    key_of((site.template_key("print.html"), route, docs))
}

fn page(
    site: &SiteRenderer<'_>,
    route: &Route,
    title: &str,
    description: &str,
    entries: &[Entry<'_>],
) -> Result<OutputFile, Diagnostic> {
    let on_page: HashSet<&Route> = entries.iter().map(|e| &e.route).collect();
    let guide = site.guide;
    let mut docs = Vec::with_capacity(entries.len());
    for entry in entries {
        let from = content_path(entry.doc);
        let prefix = format!("{}--", anchor(&entry.route));
        let render = || {
            let link = |dest: &str| print_href(site, route, &on_page, &from, dest);
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
        // In a serve session, the documents that did not change come from the cache (one
        // entry per print page and document: their links differ between the pages).
        let content = if site.cache.is_enabled() {
            let cache_path = format!("{}|{from}", route.output_path());
            site.cache
                .markdown(&cache_path, entry_key(site, route, &on_page, entry), render)
        } else {
            render()
        };
        // Table regions are named by their headers; on a page of many documents the
        // document's title keeps the names apart.
        let label = format!(
            "aria-label=\"{}: Table",
            markdown::escape(entry.title).replace('"', "&quot;")
        );
        let content = content.replace("aria-label=\"Table", &label);
        let question = entry.question.map(|q| context::question_item(route, q));
        docs.push(PrintDoc {
            anchor: anchor(&entry.route),
            title: entry.title.to_string(),
            kind: entry.kind,
            question,
            content,
        });
    }
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
    site.page("print.html", route, title, description, ctx)
}
