//! Markdown → HTML for one document, plus its outline (headings, links, code blocks and
//! text by section) that validation, search and `syllabus test` read.
//!
//! Both walks assign heading ids with the same [`HeadingIds`], so an anchor that validation
//! accepts is the one the page has.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::highlight::{Highlighter, escape_into};
use crate::slug::slugify;

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub id: String,
    /// Byte range in the body.
    pub range: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub dest: String,
    pub range: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeBlock {
    /// First word of the info string (`python`), empty when none.
    pub lang: String,
    /// The other words (`no-run`).
    pub flags: Vec<String>,
    pub code: String,
    /// 0-based line of the body on which the code's first line stands.
    pub first_line: usize,
}

/// Text under one heading (or before the first), for the search index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section {
    /// `(text, id)` of the heading that starts the section.
    pub heading: Option<(String, String)>,
    pub text: String,
    /// Code of the section's code blocks, kept apart so search can tokenise identifiers.
    pub code: String,
}

#[derive(Debug, Clone, Default)]
pub struct Outline {
    pub headings: Vec<Heading>,
    /// Links and images (`![](x.png)`), in document order.
    pub links: Vec<Link>,
    pub code_blocks: Vec<CodeBlock>,
    pub sections: Vec<Section>,
    /// Markup the renderer must not be given, found while outlining (validation reports them).
    pub problems: Vec<MarkupProblem>,
}

/// Nesting deeper than this (Markdown containers plus raw HTML tags) is an error: no guide
/// needs it, and recursive HTML tools (the minifier, browsers) can overflow on it.
pub const MAX_NESTING: usize = 100;

/// Something in a body that validation turns into an error at `range`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MarkupProblem {
    /// A `{#id}` with characters other than `[A-Za-z0-9_-]`.
    BadHeadingId { id: String, range: Range<usize> },
    /// Nesting passed [`MAX_NESTING`] here.
    TooDeep { range: Range<usize> },
    /// Raw HTML that the sanitizer changes (`crate::sanitize`): script is an error, the rest
    /// a warning.
    RawHtml {
        finding: crate::sanitize::Finding,
        range: Range<usize>,
    },
}

/// Whether a custom heading id is safe to write into `id="…"` and `href="#…"` as it is.
pub fn is_valid_heading_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// Change in open-element depth caused by a fragment of raw HTML (`<div>` +1, `</div>` −1;
/// void and self-closing tags, comments and declarations 0). An estimate that never
/// undercounts nesting, so the depth bound holds for what the minifier sees.
fn html_depth_change(html: &str) -> isize {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    ];
    let mut change = 0isize;
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(pos) = html[i..].find('<') {
        let start = i + pos + 1;
        i = start;
        let closing = bytes.get(start) == Some(&b'/');
        let name_start = if closing { start + 1 } else { start };
        let name_len = html[name_start..]
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
            .count();
        if name_len == 0 {
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let tag_end = html[name_start..].find('>').map_or(html.len(), |e| name_start + e);
        if closing {
            change -= 1;
        } else if !VOID.contains(&name.as_str()) && !html[..tag_end].ends_with('/') {
            change += 1;
        }
    }
    change
}

/// Counts lines up to increasing offsets in one pass over the text, so that finding the line
/// of every code block costs the body's length once, not once per block.
struct LineCounter<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            offset: 0,
            line: 0,
        }
    }

    /// 0-based line of `offset`; offsets must not decrease between calls (they restart
    /// from the top if they do, which stays correct).
    fn line_of(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        if offset < self.offset {
            self.offset = 0;
            self.line = 0;
        }
        let scanned = &self.text.as_bytes()[self.offset..offset];
        #[cfg(test)]
        SCANNED.with(|c| c.set(c.get() + scanned.len()));
        self.line += scanned.iter().filter(|&&b| b == b'\n').count();
        self.offset = offset;
        self.line
    }
}

#[cfg(test)]
thread_local! {
    /// Bytes the line counter read on this thread: tests bound it to prove outlining is linear.
    static SCANNED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Gives each heading a unique id: its custom `{#id}` or its slug, with `-2`, `-3` for repeats.
#[derive(Default)]
struct HeadingIds {
    seen: HashMap<String, usize>,
}

impl HeadingIds {
    fn assign(&mut self, custom: Option<&str>, text: &str) -> String {
        let base = match custom {
            Some(id) if !id.is_empty() => id.to_string(),
            _ => {
                let slug = slugify(text);
                if slug.is_empty() { "section".to_string() } else { slug }
            }
        };
        let count = self.seen.entry(base.clone()).or_insert(0);
        *count += 1;
        if *count == 1 { base } else { format!("{base}-{count}") }
    }
}

fn level_number(level: HeadingLevel) -> u8 {
    level as u8
}

fn parse(body: &str) -> Vec<(Event<'_>, Range<usize>)> {
    Parser::new_ext(body, options()).into_offset_iter().collect()
}

/// Text of inline events (a heading's words, without markup).
fn plain_text(events: &[(Event<'_>, Range<usize>)]) -> String {
    let mut text = String::new();
    for (event, _) in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_string()
}

/// Splits the events at headings and code blocks: returns the index after the matching end.
fn find_end(events: &[(Event<'_>, Range<usize>)], start: usize) -> usize {
    let mut depth = 0usize;
    for (i, (event, _)) in events.iter().enumerate().skip(start) {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
    }
    events.len()
}

/// The text of a code block's events.
fn block_text(events: &[(Event<'_>, Range<usize>)]) -> String {
    events
        .iter()
        .filter_map(|(e, _)| if let Event::Text(t) = e { Some(t.as_ref()) } else { None })
        .collect()
}

fn split_info(info: &str) -> (String, Vec<String>) {
    let mut words = info
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty());
    let lang = words
        .next()
        .unwrap_or("")
        .trim_start_matches('{')
        .trim_start_matches('.')
        .to_lowercase();
    (lang, words.map(|w| w.trim_matches(['{', '}']).to_string()).collect())
}

pub fn outline(body: &str) -> Outline {
    let events = parse(body);
    let mut out = Outline {
        sections: vec![Section::default()],
        ..Outline::default()
    };
    let mut ids = HeadingIds::default();
    let mut lines = LineCounter::new(body);
    check_nesting(&events, &mut out.problems);
    check_raw_html(body, &events, &mut out.problems);
    let mut i = 0;
    while i < events.len() {
        let (event, range) = &events[i];
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                let end = find_end(&events, i);
                let text = plain_text(&events[i + 1..end - 1]);
                if let Some(custom) = id.as_deref()
                    && !is_valid_heading_id(custom)
                {
                    out.problems.push(MarkupProblem::BadHeadingId {
                        id: custom.to_string(),
                        range: range.clone(),
                    });
                }
                let id = ids.assign(id.as_deref(), &text);
                out.headings.push(Heading {
                    level: level_number(*level),
                    text: text.clone(),
                    id: id.clone(),
                    range: range.clone(),
                });
                out.sections.push(Section {
                    heading: Some((text, id)),
                    ..Section::default()
                });
                // Links inside headings still count.
                for (e, r) in &events[i + 1..end - 1] {
                    if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = e {
                        out.links.push(Link {
                            dest: dest_url.to_string(),
                            range: r.clone(),
                        });
                    }
                }
                i = end;
                continue;
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let end = find_end(&events, i);
                let code = block_text(&events[i + 1..end - 1]);
                let (lang, flags, first_line) = match kind {
                    CodeBlockKind::Fenced(info) => {
                        let (lang, flags) = split_info(info);
                        (lang, flags, lines.line_of(range.start) + 1)
                    }
                    CodeBlockKind::Indented => (String::new(), Vec::new(), lines.line_of(range.start)),
                };
                if let Some(section) = out.sections.last_mut() {
                    section.code.push_str(&code);
                    section.code.push('\n');
                }
                out.code_blocks.push(CodeBlock {
                    lang,
                    flags,
                    code,
                    first_line,
                });
                i = end;
                continue;
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => out.links.push(Link {
                dest: dest_url.to_string(),
                range: range.clone(),
            }),
            Event::Text(t) | Event::Code(t) => {
                if let Some(section) = out.sections.last_mut() {
                    section.text.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak | Event::End(_) => {
                if let Some(section) = out.sections.last_mut()
                    && !section.text.ends_with(' ')
                    && !section.text.is_empty()
                {
                    section.text.push(' ');
                }
            }
            _ => {}
        }
        i += 1;
    }
    for section in &mut out.sections {
        section.text = section.text.trim().to_string();
    }
    out
}

/// Records the first place where Markdown containers plus raw HTML elements nest deeper
/// than [`MAX_NESTING`].
fn check_nesting(events: &[(Event<'_>, Range<usize>)], problems: &mut Vec<MarkupProblem>) {
    let (mut depth, mut html) = (0isize, 0isize);
    for (event, range) in events {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth -= 1,
            Event::Html(h) | Event::InlineHtml(h) => html = (html + html_depth_change(h)).max(0),
            _ => continue,
        }
        if (depth + html).max(0) as usize > MAX_NESTING {
            problems.push(MarkupProblem::TooDeep { range: range.clone() });
            return;
        }
    }
}

/// Whether a document's events hold raw HTML (the author's, not the renderer's own).
fn has_raw_html(events: &[(Event<'_>, Range<usize>)]) -> bool {
    events
        .iter()
        .any(|(e, _)| matches!(e, Event::Html(_) | Event::InlineHtml(_)))
}

/// Reports what the sanitizer would take out of the document's raw HTML.
fn check_raw_html(body: &str, events: &[(Event<'_>, Range<usize>)], problems: &mut Vec<MarkupProblem>) {
    for (finding, range) in crate::sanitize::check_events(body, events) {
        problems.push(MarkupProblem::RawHtml { finding, range });
    }
}

const CLOSE_REVEAL: &str = "</details></div>\n";

/// What rendering needs to know beyond the Markdown itself.
pub struct RenderEnv<'a> {
    pub highlighter: &'a Highlighter,
    /// Whether an H2 with this title renders collapsed.
    pub collapsed: &'a dyn Fn(&str) -> bool,
    /// The href a link destination becomes, or `None` to keep it as written.
    pub link: &'a dyn Fn(&str) -> Option<String>,
    /// Put before every heading id, so that many documents can share one page (`/print/`).
    pub id_prefix: &'a str,
    /// Added to every heading level (a document printed under its own title).
    pub heading_shift: u8,
    /// Rendered for a print view: collapsed sections already open (no script needed to show
    /// them), and no `#` self-links beside headings (paper cannot follow them).
    pub print: bool,
}

pub fn render(body: &str, env: &RenderEnv<'_>) -> String {
    let events = parse(body);
    let mut out: Vec<Event<'_>> = Vec::with_capacity(events.len() + 16);
    let mut ids = HeadingIds::default();
    let mut details_open = false;
    let mut tables: HashMap<String, usize> = HashMap::new();
    let mut i = 0;
    while i < events.len() {
        let (event, _) = &events[i];
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                let end = find_end(&events, i);
                let inner = &events[i + 1..end - 1];
                let text = plain_text(inner);
                let id = format!("{}{}", env.id_prefix, ids.assign(id.as_deref(), &text));
                let n = level_number(*level);
                let collapse = n == 2 && (env.collapsed)(&text);
                let n = (n + env.heading_shift).min(6);
                if level_number(*level) <= 2 && details_open {
                    out.push(Event::Html(CowStr::Borrowed(CLOSE_REVEAL)));
                    details_open = false;
                }
                // Validation rejects unsafe custom ids; escaping here keeps the markup sound
                // whatever reaches the renderer.
                let id = escape(&id);
                let self_link = if env.print {
                    String::new()
                } else {
                    format!("<a class=\"anchor\" href=\"#{id}\" aria-label=\"Link to this section\">#</a>")
                };
                let open = if env.print { " open" } else { "" };
                if collapse {
                    // The self-link sits beside the <summary>, not in it: a link inside the
                    // control that opens the section would be two controls in one.
                    out.push(Event::Html(
                        format!("<div class=\"reveal-wrap\">{self_link}<details class=\"reveal\"{open}><summary>")
                            .into(),
                    ));
                    details_open = true;
                }
                out.push(Event::Html(format!("<h{n} id=\"{id}\">").into()));
                for (e, _) in inner {
                    out.push(rewrite_link(e.clone(), env));
                }
                let mut close = if collapse {
                    format!("</h{n}>")
                } else {
                    format!("{self_link}</h{n}>")
                };
                if collapse {
                    close.push_str("</summary>");
                }
                close.push('\n');
                out.push(Event::Html(close.into()));
                i = end;
                continue;
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let end = find_end(&events, i);
                let code = block_text(&events[i + 1..end - 1]);
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => split_info(info).0,
                    CodeBlockKind::Indented => String::new(),
                };
                let mut html = env.highlighter.highlight(&code, &lang);
                html.push('\n');
                out.push(Event::Html(html.into()));
                i = end;
                continue;
            }
            Event::Start(Tag::Table(_)) => {
                // A wide table scrolls inside a focusable region, named by its column headers
                // so that the regions of a page have different names.
                let label = table_label(&events[i..find_end(&events, i)], &mut tables);
                out.push(Event::Html(
                    format!(
                        "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"{}\">",
                        escape(&label).replace('"', "&quot;")
                    )
                    .into(),
                ));
                out.push(event.clone());
            }
            Event::End(TagEnd::Table) => {
                out.push(event.clone());
                out.push(Event::Html(CowStr::Borrowed("</div>\n")));
            }
            Event::TaskListMarker(done) => {
                // A disabled checkbox would be a form control without a name; the list item
                // says the same in text.
                out.push(Event::Html(CowStr::Borrowed(if *done {
                    "<span class=\"task-mark\" aria-hidden=\"true\">☑</span><span class=\"visually-hidden\">Done: </span>"
                } else {
                    "<span class=\"task-mark\" aria-hidden=\"true\">☐</span><span class=\"visually-hidden\">To do: </span>"
                })));
            }
            other => out.push(rewrite_link(other.clone(), env)),
        }
        i += 1;
    }
    if details_open {
        out.push(Event::Html(CowStr::Borrowed(CLOSE_REVEAL)));
    }
    let raw_html = has_raw_html(&events);
    let mut html = String::with_capacity(body.len() * 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    if raw_html {
        // Whole, not piece by piece: an attribute opened in one piece of raw HTML and closed
        // in another is only seen by parsing everything as the browser will.
        html = crate::sanitize::clean(&html);
    }
    plain_empty_header_cells(html)
}

/// An empty header cell (the corner above a column of row labels) heads nothing: it becomes a
/// plain cell, so that screen readers do not announce an empty column header. Done on the
/// written HTML because the writer counts cells for their alignment.
fn plain_empty_header_cells(html: String) -> String {
    if !html.contains("></th>") {
        return html;
    }
    let mut html = html.replace("<th></th>", "<td></td>");
    for align in ["left", "center", "right"] {
        html = html.replace(&format!("<th style=\"text-align: {align}\"></th>"), "<td></td>");
    }
    html
}

/// "Table: a, b, c" from the header cells; a repeat on the page gets " (2)", " (3)".
fn table_label(events: &[(Event<'_>, Range<usize>)], seen: &mut HashMap<String, usize>) -> String {
    let mut cells: Vec<String> = vec![String::new()];
    for (event, _) in events {
        match event {
            Event::Text(t) | Event::Code(t) => cells.last_mut().map_or((), |c| c.push_str(t)),
            Event::End(TagEnd::TableCell) => cells.push(String::new()),
            Event::End(TagEnd::TableHead) => break,
            _ => {}
        }
    }
    let heads: Vec<&str> = cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty()).collect();
    let base = if heads.is_empty() {
        "Table".to_string()
    } else {
        format!("Table: {}", heads.join(", "))
    };
    let count = seen.entry(base.clone()).or_insert(0);
    *count += 1;
    if *count == 1 { base } else { format!("{base} ({count})") }
}

fn rewrite_link<'a>(event: Event<'a>, env: &RenderEnv<'_>) -> Event<'a> {
    match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = match (env.link)(&dest_url) {
                Some(href) => CowStr::from(href),
                None => dest_url,
            };
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = match (env.link)(&dest_url) {
                Some(href) => CowStr::from(href),
                None => dest_url,
            };
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        other => other,
    }
}

/// Plain-text excerpt of the first paragraph, for meta descriptions.
pub fn first_paragraph(body: &str, max_chars: usize) -> String {
    let mut text = String::new();
    let mut in_paragraph = false;
    for event in Parser::new_ext(body, options()) {
        match event {
            Event::Start(Tag::Paragraph) => in_paragraph = true,
            Event::End(TagEnd::Paragraph) if !text.is_empty() => break,
            Event::End(TagEnd::Paragraph) => in_paragraph = false,
            Event::Text(t) | Event::Code(t) if in_paragraph => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak if in_paragraph => text.push(' '),
            _ => {}
        }
    }
    let mut out = String::new();
    for (count, ch) in text.trim().chars().enumerate() {
        if count >= max_chars {
            out.push('…');
            break;
        }
        out.push(ch);
    }
    out
}

/// Escapes text for HTML text and quoted attributes alike (used where Rust, not a
/// template, writes markup).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for part in text.split_inclusive(['"', '\'']) {
        match part.strip_suffix('"') {
            Some(head) => {
                escape_into(&mut out, head);
                out.push_str("&quot;");
            }
            None => match part.strip_suffix('\'') {
                Some(head) => {
                    escape_into(&mut out, head);
                    out.push_str("&#39;");
                }
                None => escape_into(&mut out, part),
            },
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_render(body: &str) -> String {
        let h = Highlighter::new();
        let collapsed = |t: &str| t == "Solution";
        let link = |d: &str| d.strip_suffix(".md").map(|s| format!("../{s}/index.html"));
        render(
            body,
            &RenderEnv {
                highlighter: &h,
                collapsed: &collapsed,
                link: &link,
                id_prefix: "",
                heading_shift: 0,
                print: false,
            },
        )
    }

    #[test]
    fn heading_ids_are_unique_and_custom_ids_win() {
        let o = outline("## Tests\n\n## Tests\n\n### Custom {#mine}\n");
        let ids: Vec<_> = o.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["tests", "tests-2", "mine"]);
    }

    #[test]
    fn collapsed_section_wraps_until_next_h2() {
        let html = env_render("## Solution\n\ntext\n\n### Sub\n\n## Tests\n\nmore\n");
        let details = html.find("<details").unwrap();
        let close = html.find("</details>").unwrap();
        let tests = html.find("id=\"tests\"").unwrap();
        assert!(details < html.find("text").unwrap() && close < tests, "{html}");
        assert!(html.contains("<summary><h2 id=\"solution\">"), "{html}");
    }

    #[test]
    fn outline_reports_code_block_lines_and_flags() {
        let body = "intro\n\n```python no-run\nx = 1\n```\n";
        let o = outline(body);
        assert_eq!(o.code_blocks.len(), 1);
        assert_eq!(o.code_blocks[0].lang, "python");
        assert_eq!(o.code_blocks[0].flags, ["no-run"]);
        assert_eq!(o.code_blocks[0].first_line, 3);
    }

    /// Regression (issue 13 §3): 10k code blocks took 4× the time of 5k, because every block
    /// recounted lines from the top. Doubling the blocks must at most double the bytes read.
    #[test]
    fn outline_line_counting_is_linear() {
        let scanned = |blocks: usize| {
            let body = "text\n\n```python\nx = 1\n```\n\n".repeat(blocks);
            SCANNED.with(|c| c.set(0));
            let o = outline(&body);
            assert_eq!(o.code_blocks.len(), blocks);
            assert_eq!(o.code_blocks[blocks - 1].first_line, 6 * (blocks - 1) + 3);
            SCANNED.with(|c| c.get())
        };
        let (small, large) = (scanned(2_000), scanned(4_000));
        assert!(
            large <= 2 * small + 64,
            "{small} bytes for 2,000 blocks, {large} for 4,000"
        );
    }

    /// Regression (issue 13 §4): `{#a"onfocus=…}` was written unescaped into `id` and `href`.
    #[test]
    fn unsafe_custom_heading_ids_are_problems_and_are_escaped() {
        let body = "## A {#a\"onfocus=alert(1)}\n\n## B {#good_id-2}\n";
        let o = outline(body);
        assert_eq!(o.problems.len(), 1, "{:?}", o.problems);
        assert!(matches!(&o.problems[0], MarkupProblem::BadHeadingId { id, .. } if id == "a\"onfocus=alert(1)"));
        let html = env_render(body);
        let doc = scraper::Html::parse_fragment(&html);
        let h2 = scraper::Selector::parse("h2").unwrap();
        let ids: Vec<_> = doc
            .select(&h2)
            .map(|h| h.value().attr("id").unwrap().to_string())
            .collect();
        assert_eq!(ids, ["a\"onfocus=alert(1)", "good_id-2"]);
        assert!(doc.select(&h2).all(|h| h.value().attr("onfocus").is_none()), "{html}");
    }

    /// Regression (issue 13 §2): thousands of nested blockquotes, lists, emphasis or raw
    /// `<div>`s overflowed the minifier's stack; the outline now reports them.
    #[test]
    fn deep_nesting_is_a_problem() {
        let cases = [
            "> ".repeat(2_500) + "x\n",
            "<div>".repeat(3_000) + "\n",
            (0..3_000)
                .map(|i| format!("{}- x\n", "  ".repeat(i)))
                .collect::<String>(),
            "*".repeat(100_000) + "x" + &"*".repeat(100_000),
        ];
        for body in &cases {
            let o = outline(body);
            assert!(
                o.problems.iter().any(|p| matches!(p, MarkupProblem::TooDeep { .. })),
                "not caught: {}",
                &body[..40]
            );
        }
        let ok = "> > > quote\n\n<div><div>x</div></div>\n\n- a\n  - b\n<br><img src=x>\n".repeat(50);
        assert!(outline(&ok).problems.is_empty());
    }

    #[test]
    fn links_are_rewritten() {
        let html = env_render("[a](two-sum.md) [b](https://x.io)\n");
        assert!(html.contains("href=\"../two-sum/index.html\""), "{html}");
        assert!(html.contains("href=\"https://x.io\""), "{html}");
    }

    fn select<'a>(doc: &'a scraper::Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
        let selector = scraper::Selector::parse(css).expect("a selector");
        doc.select(&selector).collect()
    }

    /// Task lists are text, not disabled checkboxes without a name.
    #[test]
    fn task_list_items_say_done_or_to_do() {
        let doc = scraper::Html::parse_fragment(&env_render("- [ ] write it\n- [x] test it\n"));
        assert!(select(&doc, "input").is_empty());
        let items: Vec<String> = select(&doc, "li").iter().map(|li| li.text().collect()).collect();
        assert_eq!(items, ["☐To do: write it", "☑Done: test it"]);
        assert_eq!(select(&doc, ".task-mark[aria-hidden=true]").len(), 2);
    }

    /// The empty corner above row labels is a plain cell; the other cells keep their alignment.
    #[test]
    fn an_empty_header_cell_is_a_plain_cell() {
        let doc = scraper::Html::parse_fragment(&env_render("| | a | b |\n|---|:-:|--:|\n| x | 1 | 2 |\n"));
        let head: Vec<String> = select(&doc, "thead tr > *")
            .iter()
            .map(|c| c.value().name().to_string())
            .collect();
        assert_eq!(head, ["td", "th", "th"]);
        let aligns: Vec<Option<&str>> = select(&doc, "thead th")
            .iter()
            .map(|c| c.value().attr("style"))
            .collect();
        assert_eq!(aligns, [Some("text-align: center"), Some("text-align: right")]);
    }

    /// As on a print page: ids carry the document's prefix, headings sit under its title,
    /// collapsed sections are open without a script and there are no self-links.
    #[test]
    fn print_rendering_prefixes_ids_shifts_headings_and_opens_sections_without_self_links() {
        let h = Highlighter::new();
        let collapsed = |t: &str| t == "Solution";
        let link = |_: &str| None;
        let html = render(
            "## Solution\n\ntext\n\n### Why\n",
            &RenderEnv {
                highlighter: &h,
                collapsed: &collapsed,
                link: &link,
                id_prefix: "doc--",
                heading_shift: 2,
                print: true,
            },
        );
        let doc = scraper::Html::parse_fragment(&html);
        assert_eq!(select(&doc, "details[open] h4#doc--solution").len(), 1, "{html}");
        assert_eq!(select(&doc, "h5#doc--why").len(), 1, "{html}");
        assert!(select(&doc, "a.anchor").is_empty(), "{html}");
    }
}
