//! Stage 3: turns the validated guide into the site's files, in memory. Markdown becomes
//! HTML, templates get their context, and nothing here reads or writes a file.

mod appearance;
pub mod cache;
mod context;
mod keys;
mod plan_page;
mod print;
mod search_page;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::content::{Asset, Document, Guide, Question, Theme};
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile};
use crate::highlight::Highlighter;
use crate::links::content_path;
use crate::markdown::{self, RenderEnv};
use crate::output::OutputFile;
use crate::urls::Route;
use crate::validate::Checked;

pub use cache::{Key, RenderCache, key_of};
pub use context::{LinkCtx, QuestionItem, TagLink};

#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// The absolute URL the site is deployed at (guide.yaml's, or `--base-url`).
    pub base_url: String,
    pub minify: bool,
}

/// Everything a page needs to render, shared by all pages of a build.
pub struct SiteRenderer<'a> {
    pub guide: &'a Guide,
    pub checked: &'a Checked,
    pub highlighter: &'a Highlighter,
    pub options: &'a RenderOptions,
    pub cache: &'a RenderCache,
    tera: Tera,
    /// Each template's source, so that a template error can show its line.
    sources: HashMap<String, Arc<SourceFile>>,
    /// With the cache on: for each template a page is rendered with, a key of every input
    /// all pages share (settings, navigation, that template and the ones it may extend or
    /// include).
    template_keys: HashMap<String, Key>,
    /// guide.yaml's logo, favicon, stylesheets and footer, for every page's context.
    extras: appearance::SiteExtras,
}

/// The templates that pages are rendered with; every other template (`base.html`, partials)
/// may be extended or included by any of them.
const PAGE_TEMPLATES: &[&str] = &[
    "index.html",
    "topic.html",
    "question.html",
    "page.html",
    "tags.html",
    "tag.html",
    "404.html",
    "plan.html",
    "search.html",
    "print.html",
];

/// What a render produced: the files it rendered, and the paths of files that are exactly
/// as the last good build of the session left them (always empty without a cache).
#[derive(Debug, Default)]
pub struct Rendered {
    pub files: Vec<OutputFile>,
    pub unchanged: Vec<String>,
}

impl<'a> SiteRenderer<'a> {
    pub fn new(
        guide: &'a Guide,
        theme: &Theme,
        checked: &'a Checked,
        highlighter: &'a Highlighter,
        options: &'a RenderOptions,
        cache: &'a RenderCache,
    ) -> Result<Self, Diagnostics> {
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        let sources: HashMap<String, Arc<SourceFile>> = theme
            .templates
            .iter()
            .map(|t| (t.name.clone(), Arc::clone(&t.source)))
            .collect();
        let templates = theme
            .templates
            .iter()
            .map(|t| (t.name.as_str(), t.source.text.as_str()));
        if let Err(err) = tera.add_raw_templates(templates) {
            return Err(template_error(&sources, &err));
        }
        let extras = appearance::SiteExtras::new(guide, theme);
        let template_keys = if cache.is_enabled() {
            template_keys(guide, theme, options, &extras)
        } else {
            HashMap::new()
        };
        Ok(Self {
            guide,
            checked,
            highlighter,
            options,
            cache,
            tera,
            sources,
            template_keys,
            extras,
        })
    }

    /// Markdown of `doc`, rendered for the page at `route` (links are relative to it).
    pub fn markdown(&self, route: &Route, doc: &Document) -> String {
        let from = content_path(doc);
        let render = || {
            let config = &self.guide.config;
            let collapsed = |title: &str| config.is_collapsed(title);
            let link = |dest: &str| self.checked.links.href(&from, route, dest);
            markdown::render(
                doc.body(),
                &RenderEnv {
                    highlighter: self.highlighter,
                    collapsed: &collapsed,
                    link: &link,
                    id_prefix: "",
                    heading_shift: 0,
                    print: false,
                },
            )
        };
        if !self.cache.is_enabled() {
            return render();
        }
        self.cache.markdown(&from, self.markdown_key(route, doc), render)
    }

    /// A key of everything the Markdown of `doc` renders from at `route`: its text and where
    /// each of its links leads (a renamed or moved target changes the href).
    pub fn markdown_key(&self, route: &Route, doc: &Document) -> Key {
        let from = content_path(doc);
        let hrefs: Vec<Option<String>> = self.checked.outlines.get(&from).map_or_else(Vec::new, |outline| {
            outline
                .links
                .iter()
                .map(|link| self.checked.links.href(&from, route, &link.dest))
                .collect()
        });
        key_of((doc.source.content_hash(), doc.body_start, route, hrefs))
    }

    /// The key of what every page rendered with `template` shares.
    pub fn template_key(&self, template: &str) -> Key {
        self.template_keys.get(template).copied().unwrap_or_default()
    }

    /// The on-page table of contents of `doc`: its H2 and H3 headings, from the outline
    /// validation computed.
    pub fn toc(&self, doc: &Document) -> Vec<context::TocEntry> {
        context::toc(self.checked.outlines.get(&content_path(doc)).map(|o| &**o))
    }

    /// Renders `template` for the page at `route`. `context` holds the page's own data;
    /// the site-wide data (navigation, links to assets) is added here.
    pub fn page(
        &self,
        template: &str,
        route: &Route,
        title: &str,
        description: &str,
        context: Context,
    ) -> Result<OutputFile, Diagnostic> {
        let html = self.html(template, route, title, description, context)?;
        let bytes = if self.options.minify {
            minify(html.as_bytes())
        } else {
            html.into_bytes()
        };
        Ok(OutputFile::new(route.output_path(), bytes))
    }

    /// The page's HTML, not minified (print views skip it: see [`print`]).
    pub fn html(
        &self,
        template: &str,
        route: &Route,
        title: &str,
        description: &str,
        mut context: Context,
    ) -> Result<String, Diagnostic> {
        context.extend(context::base(self, route, title, description));
        let html = self.tera.render(template, &context).map_err(|err| {
            // Rendering stops at its first error, so there is exactly one.
            let mut ds = template_error(&self.sources, &err).into_iter();
            ds.next()
                .unwrap_or_else(|| Diagnostic::error(format!("template {template}: {err}")))
        })?;
        self.cache.count_rendered();
        Ok(html)
    }

    pub fn question_item(&self, from: &Route, question: &Question) -> QuestionItem {
        context::question_item(from, question)
    }
}

/// Questions listed in a question page's sidebar: all of them for a topic of ordinary size,
/// otherwise `SIDEBAR_WINDOW` around the current one.
const SIDEBAR_WINDOW: usize = 41;

fn sibling_window(len: usize, index: usize) -> std::ops::Range<usize> {
    if len <= SIDEBAR_WINDOW {
        return 0..len;
    }
    let start = index.saturating_sub(SIDEBAR_WINDOW / 2).min(len - SIDEBAR_WINDOW);
    start..start + SIDEBAR_WINDOW
}

const TEMPLATE_HELP: &str = "fix the template; docs/theming.md lists the variables each template can use";

/// A Tera error as diagnostics pointing into the template (the guide's file, or the built-in
/// theme's), with Tera's own words but not its `error:` prefix or its drawing of the line.
fn template_error(sources: &HashMap<String, Arc<SourceFile>>, err: &tera::Error) -> Diagnostics {
    if let tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) = err.kind() {
        let name = report.filename();
        let d = Diagnostic::error(format!("template {name}: {}", lowercase_first(report.message())));
        let d = match sources.get(name) {
            Some(file) => d.at(file, report.span().range.clone(), "here"),
            None => d.in_file(name),
        };
        return d.help(TEMPLATE_HELP).into();
    }
    let mut message = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(inner) = source {
        message.push_str(&format!(": {inner}"));
        source = inner.source();
    }
    // Checks across templates (blocks, parents) come as Tera's reports already drawn:
    // `error: MESSAGE\n --> NAME:LINE:COL\n...`, several joined by blank lines.
    let reported: Diagnostics = message
        .split("\n\n")
        .filter_map(|report| drawn_report(sources, report))
        .collect();
    if !reported.is_empty() {
        return reported;
    }
    Diagnostic::error(format!(
        "template error: {}",
        lowercase_first(message.trim_start_matches("error: "))
    ))
    .help(TEMPLATE_HELP)
    .into()
}

/// One of Tera's drawn reports, read back into a diagnostic of ours.
fn drawn_report(sources: &HashMap<String, Arc<SourceFile>>, report: &str) -> Option<Diagnostic> {
    let mut lines = report.lines();
    let message = lines.next()?.strip_prefix("error: ")?;
    let place = lines.next()?.trim().strip_prefix("--> ")?;
    let mut parts = place.rsplitn(3, ':');
    let col: usize = parts.next()?.parse().ok()?;
    let line: usize = parts.next()?.parse().ok()?;
    let name = parts.next()?;
    let file = sources.get(name)?;
    let start = file.offset_of(line, col);
    let end = start
        + file.text[start..]
            .find(|c: char| !c.is_alphanumeric() && c != '_')
            .unwrap_or(0)
            .max(1);
    Some(
        Diagnostic::error(format!("template {name}: {}", lowercase_first(message)))
            .at(file, start..end, "here")
            .help(TEMPLATE_HELP),
    )
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The same template error comes from every page that uses the template: tell it once.
fn once_each(problems: Diagnostics) -> Diagnostics {
    let mut seen: Vec<(Diagnostic, usize)> = Vec::new();
    for d in problems {
        match seen
            .iter_mut()
            .find(|(s, _)| s.message == d.message && s.location() == d.location())
        {
            Some((_, n)) => *n += 1,
            None => seen.push((d, 1)),
        }
    }
    seen.into_iter()
        .map(|(mut d, n)| {
            if n > 1 {
                d.message.push_str(&format!(" (on {n} pages)"));
            }
            d
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::sibling_window;

    #[test]
    fn sidebar_window_is_bounded_and_contains_the_page() {
        assert_eq!(sibling_window(10, 3), 0..10);
        assert_eq!(sibling_window(1000, 0), 0..41);
        assert_eq!(sibling_window(1000, 500), 480..521);
        assert_eq!(sibling_window(1000, 999), 959..1000);
    }
}

/// The minifier settings every page goes through (public for the fuzz targets).
pub fn minify(html: &[u8]) -> Vec<u8> {
    let cfg = minify_html::Cfg {
        minify_js: false,
        minify_css: false,
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        ..minify_html::Cfg::new()
    };
    minify_html::minify(html, &cfg)
}

#[derive(Serialize)]
struct TagCount {
    name: String,
    href: String,
    count: usize,
}

/// A page to render: where it goes, the key of its inputs (with the cache on), and how.
struct PageJob<'a> {
    path: String,
    key: Option<Key>,
    render: Box<dyn Fn() -> Result<OutputFile, Diagnostic> + Send + Sync + 'a>,
}

impl<'a> PageJob<'a> {
    fn new(
        site: &SiteRenderer<'_>,
        route: &Route,
        key: impl FnOnce() -> Key,
        render: impl Fn() -> Result<OutputFile, Diagnostic> + Send + Sync + 'a,
    ) -> Self {
        Self {
            path: route.output_path(),
            key: site.cache.is_enabled().then(key),
            render: Box::new(render),
        }
    }
}

/// Renders the whole site.
pub fn render(
    guide: &Guide,
    theme: &Theme,
    checked: &Checked,
    assets: &[Asset],
    highlighter: &Highlighter,
    options: &RenderOptions,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let cache = RenderCache::disabled();
    render_cached(guide, theme, checked, assets, highlighter, options, &cache).map(|rendered| rendered.files)
}

/// Renders the site, skipping every page whose inputs are unchanged since the last good
/// build that used `cache` (none, when it is disabled).
pub fn render_cached(
    guide: &Guide,
    theme: &Theme,
    checked: &Checked,
    assets: &[Asset],
    highlighter: &Highlighter,
    options: &RenderOptions,
    cache: &RenderCache,
) -> Result<Rendered, Diagnostics> {
    let site = SiteRenderer::new(guide, theme, checked, highlighter, options, cache)?;
    // Tags: one index and one page per tag.
    let mut tags: BTreeMap<String, (String, Vec<&Question>)> = BTreeMap::new();
    for question in guide.questions() {
        for tag in &question.tags {
            let slug = crate::slug::slugify(tag);
            tags.entry(slug)
                .or_insert_with(|| (tag.clone(), Vec::new()))
                .1
                .push(question);
        }
    }
    let tags = &tags;
    let site = &site;
    let keys = &keys::Inputs::new(site, guide);
    let mut jobs: Vec<PageJob<'_>> = Vec::new();

    let home = Route::Home;
    jobs.push(PageJob::new(
        site,
        &home,
        || keys.home(site),
        move || {
            let route = Route::Home;
            let mut ctx = Context::new();
            ctx.insert("content", &site.markdown(&route, &guide.home.doc));
            ctx.insert("topics", &context::topic_cards(guide, &route));
            let description = guide.config.description.clone();
            site.page("index.html", &route, &guide.home.title, &description, ctx)
        },
    ));
    for page in &guide.pages {
        jobs.push(PageJob::new(
            site,
            &page.route,
            || keys.page(site, page),
            move || {
                let mut ctx = Context::new();
                ctx.insert("content", &site.markdown(&page.route, &page.doc));
                ctx.insert("toc", &site.toc(&page.doc));
                let description = markdown::first_paragraph(page.doc.body(), 160);
                site.page("page.html", &page.route, &page.title, &description, ctx)
            },
        ));
    }
    for (topic_index, topic) in guide.topics.iter().enumerate() {
        jobs.push(PageJob::new(
            site,
            &topic.route(),
            || keys.topic(site, topic_index),
            move || {
                let route = topic.route();
                let mut ctx = Context::new();
                ctx.insert("content", &site.markdown(&route, &topic.doc));
                ctx.insert("topic", &context::topic_card(topic, &route));
                // The question list comes first on the page, then the overview's headings.
                let mut toc = vec![context::TocEntry {
                    level: 2,
                    text: "Questions".to_string(),
                    id: "questions".to_string(),
                }];
                toc.extend(site.toc(&topic.doc));
                ctx.insert("toc", &toc);
                ctx.insert("print_href", &route.href_to(&Route::TopicPrint(topic.slug.clone())));
                let items: Vec<QuestionItem> = topic
                    .questions
                    .iter()
                    .map(|q| context::question_item(&route, q))
                    .collect();
                ctx.insert("questions", &items);
                let description = topic
                    .summary
                    .clone()
                    .unwrap_or_else(|| markdown::first_paragraph(topic.doc.body(), 160));
                site.page("topic.html", &route, &topic.title, &description, ctx)
            },
        ));
        for (index, question) in topic.questions.iter().enumerate() {
            let window = sibling_window(topic.questions.len(), index);
            let key = || keys.question(site, topic_index, index, window.clone());
            jobs.push(PageJob::new(site, &question.route(), key, move || {
                let route = question.route();
                let mut ctx = Context::new();
                ctx.insert("content", &site.markdown(&route, &question.doc));
                ctx.insert("question", &context::question_item(&route, question));
                ctx.insert("topic", &context::topic_card(topic, &route));
                let prev = index.checked_sub(1).and_then(|i| topic.questions.get(i));
                let next = topic.questions.get(index + 1);
                ctx.insert("prev", &prev.map(|q| LinkCtx::new(&q.title, route.href_to(&q.route()))));
                ctx.insert("next", &next.map(|q| LinkCtx::new(&q.title, route.href_to(&q.route()))));
                ctx.insert("toc", &site.toc(&question.doc));
                // The last question of a topic leads on to the next topic (`keys.question`
                // keys that topic's card for the last question).
                let next_topic = next.is_none().then(|| guide.topics.get(topic_index + 1)).flatten();
                ctx.insert(
                    "next_topic",
                    &next_topic.map(|t| LinkCtx::new(&t.title, route.href_to(&t.route()))),
                );
                // The sidebar shows a window around this question, so that a topic of
                // thousands of questions does not put thousands of links on every page.
                let window = sibling_window(topic.questions.len(), index);
                let siblings: Vec<LinkCtx> = topic.questions[window]
                    .iter()
                    .map(|q| {
                        LinkCtx::new(&q.title, route.href_to(&q.route()))
                            .current(q.slug == question.slug)
                            .key(format!("{}/{}", q.topic, q.slug))
                    })
                    .collect();
                ctx.insert("siblings_hidden", &(topic.questions.len() - siblings.len()));
                ctx.insert("siblings", &siblings);
                let description = markdown::first_paragraph(question.doc.body(), 160);
                site.page("question.html", &route, &question.title, &description, ctx)
            }));
        }
    }

    jobs.push(PageJob::new(
        site,
        &Route::Tags,
        || keys.tags(site, tags),
        move || {
            let route = Route::Tags;
            let counts: Vec<TagCount> = tags
                .iter()
                .map(|(slug, (name, qs))| TagCount {
                    name: name.clone(),
                    href: route.href_to(&Route::Tag(slug.clone())),
                    count: qs.len(),
                })
                .collect();
            let mut ctx = Context::new();
            ctx.insert("tags", &counts);
            site.page("tags.html", &route, "Tags", "Every tag of the guide", ctx)
        },
    ));
    for (slug, (name, questions)) in tags {
        let route = Route::Tag(slug.clone());
        jobs.push(PageJob::new(
            site,
            &route,
            || keys.tag(site, name, questions),
            move || {
                let route = Route::Tag(slug.clone());
                let items: Vec<QuestionItem> = questions.iter().map(|q| context::question_item(&route, q)).collect();
                let mut ctx = Context::new();
                ctx.insert("tag", name);
                ctx.insert("questions", &items);
                let title = format!("Tag: {name}");
                site.page("tag.html", &route, &title, &format!("Questions tagged {name}"), ctx)
            },
        ));
    }
    jobs.push(PageJob::new(
        site,
        &Route::NotFound,
        || site.template_key("404.html"),
        move || {
            // The 404 page finds the site's root from base_url (which `--base-url` sets for
            // a deploy); JSON inside <script>, where no "</script>" may end it early.
            let base = format!("{}/", options.base_url.trim_end_matches('/'));
            let mut ctx = Context::new();
            ctx.insert(
                "base_url_json",
                &serde_json::Value::from(base).to_string().replace('<', "\\u003c"),
            );
            site.page(
                "404.html",
                &Route::NotFound,
                "Page not found",
                "This page does not exist.",
                ctx,
            )
        },
    ));

    let print = &print::PrintPages::new(guide);

    // Feature modules add their own pages and files here. They render alongside the pages
    // (rayon shares the work out), so a large guide is not left waiting on one of them.
    let (results, ((plan, search), print)) = rayon::join(
        || {
            jobs.par_iter()
                .map(|job| match job.key {
                    Some(key) if cache.page_is_fresh(&job.path, key) => Ok(None),
                    _ => (job.render)().map(Some),
                })
                .collect::<Vec<Result<Option<OutputFile>, Diagnostic>>>()
        },
        || {
            rayon::join(
                || {
                    rayon::join(
                        || {
                            group(
                                site,
                                "plan",
                                || keys.plan(site),
                                || plan_page::outputs(site, guide).map(|files| (files, Vec::new())),
                            )
                        },
                        || {
                            group(
                                site,
                                "search",
                                || keys.search(site),
                                || search_page::outputs(site, guide),
                            )
                        },
                    )
                },
                || group(site, print::GROUP, || print.key(site), || print.outputs(site)),
            )
        },
    );
    let mut rendered = Rendered::default();
    rendered.files.reserve(results.len() + 16);
    let mut problems = Diagnostics::new();
    for (job, result) in jobs.iter().zip(results) {
        match result {
            Ok(Some(file)) => rendered.files.push(file),
            Ok(None) => rendered.unchanged.push(job.path.clone()),
            Err(d) => problems.push(d),
        }
    }
    for feature in [plan, search, print] {
        match feature {
            Ok(Group::Rendered(files, unchanged)) => {
                rendered.files.extend(files);
                rendered.unchanged.extend(unchanged);
            }
            Ok(Group::Unchanged(paths)) => rendered.unchanged.extend(paths),
            Err(d) => problems.extend(d),
        }
    }

    rendered.files.extend(static_files(guide, theme, options));
    // Images and downloads the pages link to, at the path `href_to_asset` links to. Like the
    // theme's files they are listed on every render: they cost a copy, not a render.
    rendered.files.extend(
        assets
            .iter()
            .map(|asset| OutputFile::new(crate::urls::asset_path(&asset.path), asset.bytes.to_vec())),
    );
    if problems.has_errors() {
        return Err(once_each(problems));
    }
    Ok(rendered)
}

enum Group {
    /// Files made again, and files of the group its render found unchanged.
    Rendered(Vec<OutputFile>, Vec<String>),
    Unchanged(Vec<String>),
}

/// Files rendered together from inputs of the whole guide (the plan, the search index): none
/// when the group's key is unchanged, otherwise what `render` makes (which may itself skip
/// files whose own inputs did not change, as the search index does per page).
fn group(
    site: &SiteRenderer<'_>,
    name: &'static str,
    key: impl FnOnce() -> Key,
    render: impl FnOnce() -> Result<(Vec<OutputFile>, Vec<String>), Diagnostics>,
) -> Result<Group, Diagnostics> {
    if !site.cache.is_enabled() {
        return render().map(|(files, unchanged)| Group::Rendered(files, unchanged));
    }
    if let Some(paths) = site.cache.group_deferred(name) {
        return Ok(Group::Unchanged(paths));
    }
    let key = key();
    if let Some(paths) = site.cache.group_is_fresh(name, key) {
        return Ok(Group::Unchanged(paths));
    }
    let (files, unchanged) = render()?;
    let paths = files
        .iter()
        .map(|f| f.path.clone())
        .chain(unchanged.iter().cloned())
        .collect();
    site.cache.group_rendered(name, key, paths);
    Ok(Group::Rendered(files, unchanged))
}

/// For each page template, a key of what all pages rendered with it share: the guide's
/// settings, the navigation, the output options, and the template with every template that
/// is not itself a page template (those a page may extend or include).
fn template_keys(
    guide: &Guide,
    theme: &Theme,
    options: &RenderOptions,
    extras: &appearance::SiteExtras,
) -> HashMap<String, Key> {
    let shared: Vec<(&str, u64)> = theme
        .templates
        .iter()
        .filter(|t| !PAGE_TEMPLATES.contains(&t.name.as_str()))
        .map(|t| (t.name.as_str(), t.source.content_hash()))
        .collect();
    let nav: Vec<(&str, &Route, bool)> = guide
        .pages
        .iter()
        .map(|p| (p.title.as_str(), &p.route, p.nav))
        .collect();
    let topics: Vec<(&str, &str)> = guide
        .topics
        .iter()
        .map(|t| (t.title.as_str(), t.slug.as_str()))
        .collect();
    let common = key_of((
        guide.config_source.content_hash(),
        &options.base_url,
        options.minify,
        &shared,
        nav,
        topics,
        extras,
    ));
    theme
        .templates
        .iter()
        .filter(|t| PAGE_TEMPLATES.contains(&t.name.as_str()))
        .map(|t| (t.name.clone(), key_of((common, &t.name, t.source.content_hash()))))
        .collect()
}

/// The theme's static files, the generated syntax stylesheets, and the files that hosts and
/// crawlers look for.
fn static_files(guide: &Guide, theme: &Theme, options: &RenderOptions) -> Vec<OutputFile> {
    let mut files: Vec<OutputFile> = theme
        .static_files
        .iter()
        .map(|(path, bytes)| OutputFile::new(format!("static/{path}"), bytes.clone()))
        .collect();
    let (light, dark) = Highlighter::stylesheets();
    files.push(OutputFile::new("static/syntax-light.css", light));
    files.push(OutputFile::new("static/syntax-dark.css", dark));
    files.push(OutputFile::new("sitemap.xml", sitemap(guide, &options.base_url)));
    let base = options.base_url.trim_end_matches('/');
    files.push(OutputFile::new(
        "robots.txt",
        format!("User-agent: *\nAllow: /\nSitemap: {base}/sitemap.xml\n"),
    ));
    files.push(OutputFile::new(".nojekyll", ""));
    files.extend(appearance::files(&guide.appearance));
    files
}

fn sitemap(guide: &Guide, base_url: &str) -> String {
    let mut routes = vec![Route::Home, Route::Tags, Route::Plan, Route::Print];
    routes.extend(guide.pages.iter().map(|p| p.route.clone()));
    for topic in &guide.topics {
        routes.push(topic.route());
        routes.extend(topic.questions.iter().map(Question::route));
    }
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for route in routes {
        xml.push_str("  <url><loc>");
        xml.push_str(&markdown::escape(&route.absolute(base_url)));
        xml.push_str("</loc></url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}
