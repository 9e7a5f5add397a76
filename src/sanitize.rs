//! Raw HTML in Markdown (`<kbd>`, `<details>`, `<img width=…>`): one allowlist, applied twice.
//!
//! mdBook and Zola pass raw HTML through; a study guide built from someone's fork must not
//! run their script. So every document that holds raw HTML has its rendered HTML cleaned by
//! [ammonia](https://docs.rs/ammonia) (it parses the whole fragment as a browser does, so an
//! attribute smuggled across two pieces of HTML is seen whole) with the allowlist below, and
//! validation explains, at the line of the HTML, what the cleaner would take away: script
//! (`on*` attributes, `javascript:`/`data:`/`vbscript:` URLs, `<script>`, `<iframe>`, inline
//! `<svg>`…) is an error, anything else it drops (`style`, unknown tags) a warning. Documents
//! without raw HTML are not touched, so their pages stay byte for byte what they were.

use std::cell::RefCell;
use std::ops::Range;
use std::sync::LazyLock;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer};
use pulldown_cmark::Event;

/// The allowlist: ammonia's defaults (close to GitHub's), plus what syllabus's own Markdown
/// rendering writes (classes, heading ids, task-list checkboxes, table alignment, the code
/// block's attributes), so a page with raw HTML keeps all of its own markup.
static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .add_tags(["input"])
        .add_generic_attributes(["class", "id", "aria-label", "aria-hidden"])
        .add_tag_attributes("pre", ["tabindex", "data-lang"])
        .add_tag_attributes("div", ["role", "tabindex"])
        .add_tag_attributes("details", ["open"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tag_attribute_values("input", "type", ["checkbox"])
        .set_tag_attribute_value("input", "disabled", "")
        .add_tag_attributes("th", ["style"])
        .add_tag_attributes("td", ["style"])
        .filter_style_properties(["text-align"].into_iter().collect())
        // No `target` is allowed, so no `rel` is needed, and syllabus's own links stay as written.
        .link_rel(None);
    builder
});

/// The rendered HTML of a document with raw HTML, with everything outside the allowlist
/// removed (what [`check`] reports).
pub fn clean(html: &str) -> String {
    CLEANER.clean(html).to_string()
}

/// Elements that carry script or pull in other documents: an error, with what to do instead.
const SCRIPT_ELEMENTS: &[(&str, &str)] = &[
    (
        "script",
        "pages cannot run script; put behaviour in the theme (themes/<name>/static/)",
    ),
    ("style", "put styles in the theme's CSS (themes/<name>/static/)"),
    ("iframe", "link to the page instead: `[the video](https://…)`"),
    ("frame", "link to the page instead"),
    ("frameset", "link to the page instead"),
    ("object", "link to the file instead"),
    ("embed", "link to the file instead"),
    ("applet", "link to the file instead"),
    ("base", "links are made relative by syllabus; remove it"),
    ("form", "pages cannot submit forms; link to the form instead"),
    ("meta", "remove it; the theme writes the page's <head>"),
    ("link", "remove it; the theme writes the page's <head>"),
    ("template", "remove it"),
    (
        "svg",
        "save the drawing as a .svg file beside the page and show it as an image: `![A diagram](diagram.svg)`",
    ),
    ("math", "write the formula as text or show it as an image"),
];

/// One thing in a piece of raw HTML that the cleaner removes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Script: an error. Otherwise only dropped: a warning.
    pub script: bool,
    pub message: String,
    pub help: String,
    /// 0-based line within the piece of HTML, and the text to point at on it.
    pub line: usize,
    pub needle: String,
}

/// What the cleaner would remove from `html`, one piece of raw HTML (a whole HTML block, or
/// one inline tag), tokenized as a browser tokenizes it (entities decoded: `&#106;avascript:`
/// is `javascript:`).
pub fn check(html: &str) -> Vec<Finding> {
    let sink = Collector::default();
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from(html));
    let tokenizer = Tokenizer::new(sink, Default::default());
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    tokenizer.sink.findings.into_inner()
}

/// Reports what the sanitizer would take out of each piece of raw HTML: a whole HTML block
/// (its lines come as consecutive events, and a tag may span them) or one inline tag.
pub fn check_events(body: &str, events: &[(Event<'_>, Range<usize>)]) -> Vec<(Finding, Range<usize>)> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < events.len() {
        let (event, _) = &events[i];
        let run_end = match event {
            Event::Html(_) => {
                let mut end = i + 1;
                while end < events.len() && matches!(events[end].0, Event::Html(_)) {
                    end += 1;
                }
                end
            }
            Event::InlineHtml(_) => i + 1,
            _ => {
                i += 1;
                continue;
            }
        };
        let pieces: Vec<(&str, &Range<usize>)> = events[i..run_end]
            .iter()
            .filter_map(|(e, r)| match e {
                Event::Html(t) | Event::InlineHtml(t) => Some((t.as_ref(), r)),
                _ => None,
            })
            .collect();
        let text: String = pieces.iter().map(|(t, _)| *t).collect();
        for finding in check(&text) {
            let range = locate(body, &pieces, &finding);
            found.push((finding, range));
        }
        i = run_end;
    }
    found
}

/// Where in the body a finding of a piece of raw HTML stands: the first occurrence of what
/// it names on its line or the lines before it (a tag spanning lines ends on the finding's
/// line), else the piece's start.
fn locate(body: &str, pieces: &[(&str, &Range<usize>)], finding: &Finding) -> Range<usize> {
    // Each line of the joined text, with the body offset where it starts.
    let mut lines: Vec<(usize, &str)> = Vec::new();
    for &(text, range) in pieces {
        let source = body.get(range.start..range.end).unwrap_or("");
        let mut offset = range.start;
        for line in text.split_inclusive('\n') {
            // The event's text is the source without container prefixes (`> `): find it.
            let start = source
                .get(offset.saturating_sub(range.start)..)
                .and_then(|rest| rest.find(line.trim_end_matches('\n')))
                .map_or(offset, |at| offset + at);
            lines.push((start, line));
            offset = start + line.len();
        }
    }
    let needle = finding.needle.to_ascii_lowercase();
    let last = finding.line.min(lines.len().saturating_sub(1));
    for index in (0..=last).rev() {
        if let Some((start, line)) = lines.get(index)
            && let Some(at) = line.to_ascii_lowercase().find(&needle)
        {
            return start + at..start + at + needle.len();
        }
    }
    let start = pieces.first().map_or(0, |(_, r)| r.start);
    start..start
}

#[derive(Default)]
struct Collector {
    findings: RefCell<Vec<Finding>>,
}

impl TokenSink for Collector {
    type Handle = ();

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<()> {
        if let Token::TagToken(tag) = token
            && tag.kind == TagKind::StartTag
        {
            let line = usize::try_from(line_number.saturating_sub(1)).unwrap_or(0);
            let mut findings = self.findings.borrow_mut();
            findings.extend(check_tag(&tag, line));
        }
        TokenSinkResult::Continue
    }
}

fn check_tag(tag: &html5ever::tokenizer::Tag, line: usize) -> Vec<Finding> {
    let name: &str = &tag.name;
    let mut found = Vec::new();
    let finding = |script: bool, message: String, help: &str, needle: &str| Finding {
        script,
        message,
        help: help.to_string(),
        line,
        needle: needle.to_string(),
    };
    if let Some((_, help)) = SCRIPT_ELEMENTS.iter().find(|(tag, _)| *tag == name) {
        found.push(finding(
            true,
            format!("raw HTML `<{name}>` is not allowed in pages"),
            help,
            &format!("<{name}"),
        ));
    }
    let tags = CLEANER.clone_tags();
    let allowed_tag = tags.contains(name);
    if !allowed_tag && found.is_empty() {
        found.push(finding(
            false,
            format!("raw HTML `<{name}>` is removed from the page (its text stays)"),
            "syllabus keeps only common HTML elements in pages (docs/content.md#raw-html)",
            &format!("<{name}"),
        ));
    }
    let generic = CLEANER.clone_generic_attributes();
    let per_tag = CLEANER.clone_tag_attributes();
    let schemes = CLEANER.clone_url_schemes();
    for attr in &tag.attrs {
        let attr_name: &str = &attr.name.local;
        let value: &str = &attr.value;
        if attr_name.starts_with("on") {
            found.push(finding(
                true,
                format!("raw HTML attribute `{attr_name}` runs script"),
                "pages cannot run script; remove the attribute",
                attr_name,
            ));
        } else if let Some(scheme) = crate::links::unsafe_scheme(value) {
            found.push(finding(
                true,
                format!("raw HTML attribute `{attr_name}` has a `{scheme}:` URL"),
                "`javascript:`, `data:` and `vbscript:` URLs run code or hide a document in the page; use an https:// address or a file beside the page",
                attr_name,
            ));
        } else if attr_name == "srcdoc" || attr_name == "formaction" || attr_name.starts_with("xlink:") {
            found.push(finding(
                true,
                format!("raw HTML attribute `{attr_name}` is not allowed in pages"),
                "remove the attribute",
                attr_name,
            ));
        } else if !allowed_tag {
            // The element goes, and its attributes with it: one warning is enough.
        } else if !(generic.contains(attr_name) || per_tag.get(name).is_some_and(|set| set.contains(attr_name))) {
            found.push(finding(
                false,
                format!("raw HTML attribute `{attr_name}` of `<{name}>` is removed from the page"),
                if attr_name == "style" {
                    "style with a class and the theme's CSS instead"
                } else {
                    "syllabus keeps only common attributes in pages (docs/content.md#raw-html)"
                },
                attr_name,
            ));
        } else if let Ok(url) = url::Url::parse(value)
            && !schemes.contains(url.scheme())
        {
            found.push(finding(
                false,
                format!(
                    "raw HTML attribute `{attr_name}` has a `{}:` URL, which is removed",
                    url.scheme()
                ),
                "use an https:// address or a file beside the page",
                attr_name,
            ));
        }
    }
    found
}

/// What in an SVG file would run script if a reader opened it (a linked `.svg` is served
/// from the site's own origin): `<script>`, `<foreignObject>` (HTML inside), frames, `on…`
/// attributes, script URLs. `None` for a plain drawing.
pub fn svg_script(svg: &str) -> Option<String> {
    let scan = SvgScan::default();
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from(svg));
    let tokenizer = Tokenizer::new(scan, Default::default());
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    tokenizer.sink.found.into_inner()
}

#[derive(Default)]
struct SvgScan {
    found: RefCell<Option<String>>,
}

impl TokenSink for SvgScan {
    type Handle = ();

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        let mut found = self.found.borrow_mut();
        if tag.kind != TagKind::StartTag || found.is_some() {
            return TokenSinkResult::Continue;
        }
        let name: &str = &tag.name;
        if ["script", "foreignobject", "iframe", "embed", "object", "handler"].contains(&name) {
            *found = Some(format!("a `<{name}>` element on line {line_number}"));
        }
        for attr in &tag.attrs {
            let attr_name: &str = &attr.name.local;
            if found.is_none() && attr_name.starts_with("on") {
                *found = Some(format!("an `{attr_name}` attribute on line {line_number}"));
            } else if found.is_none()
                && let Some(scheme) = crate::links::unsafe_scheme(&attr.value)
                && !(scheme == "data" && name == "image")
            {
                *found = Some(format!("a `{scheme}:` URL on line {line_number}"));
            }
        }
        TokenSinkResult::Continue
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(html: &str) -> Vec<(bool, String)> {
        check(html).into_iter().map(|f| (f.script, f.message)).collect()
    }

    #[test]
    fn script_in_raw_html_is_found_in_every_spelling() {
        let script = [
            "<a href=\"javascript:alert(1)\">x</a>",
            "<img src=x onerror=alert(1)>",
            "<iframe src=\"javascript:alert(1)\"></iframe>",
            "<svg><a xlink:href=javascript:alert(1)>x</a></svg>",
            "<a href=\"&#106;avascript:alert(1)\">x</a>",
            "<a href=\"java&Tab;script&colon;alert(1)\">x</a>",
            "<a href=\"&#x6A;&#x61;vascript:alert(1)\">x</a>",
            "<IMG SRC=x OnError=alert(1)>",
            "<img src=\"data:image/svg+xml;base64,PHN2Zy8+\">",
            "<script>alert(1)</script>",
            "<details open ontoggle=alert(1)>",
        ];
        for html in script {
            let found = messages(html);
            assert!(found.iter().any(|(script, _)| *script), "{html}: {found:?}");
        }
    }

    #[test]
    fn harmless_html_passes_and_dropped_parts_are_warnings() {
        for html in [
            "<kbd>Ctrl</kbd>",
            "<details><summary>More</summary>",
            "<img src=\"diagram.png\" alt=\"A\" width=\"300\">",
            "<a href=\"https://example.com\" title=\"t\">x</a>",
            "<sup>2</sup><br>",
            "<table><tr><td colspan=\"2\">x</td></tr></table>",
        ] {
            assert_eq!(messages(html), [], "{html}");
        }
        let found = messages("<p style=\"color:red\">x</p><video src=\"https://x.io/v.mp4\"></video>");
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().all(|(script, _)| !script), "{found:?}");
    }

    fn render(body: &str) -> String {
        let highlighter = crate::highlight::Highlighter::new();
        let collapsed = |t: &str| t == "Solution";
        let link = |d: &str| d.strip_suffix(".md").map(|s| format!("../{s}/index.html"));
        crate::markdown::render(
            body,
            &crate::markdown::RenderEnv {
                highlighter: &highlighter,
                collapsed: &collapsed,
                link: &link,
                id_prefix: "",
                heading_shift: 0,
                print: false,
            },
        )
    }

    /// Elements in document order with their attributes sorted, and text: what a page is,
    /// whatever the serialisation.
    fn shape(html: &str) -> Vec<String> {
        let doc = scraper::Html::parse_fragment(html);
        doc.root_element()
            .descendants()
            .filter_map(|node| {
                if let Some(element) = node.value().as_element() {
                    // The cleaner rewrites `style="text-align: left"` as `text-align:left`.
                    let mut attrs: Vec<String> = element
                        .attrs()
                        .map(|(k, v)| {
                            format!(
                                "{k}={}",
                                if k == "style" {
                                    v.replace(": ", ":")
                                } else {
                                    v.to_string()
                                }
                            )
                        })
                        .collect();
                    attrs.sort();
                    Some(format!("<{} {}>", element.name(), attrs.join(" ")))
                } else {
                    node.value().as_text().map(|t| t.to_string())
                }
            })
            .collect()
    }

    /// A page with raw HTML is cleaned whole, so everything syllabus writes itself must pass.
    #[test]
    fn the_renderers_own_markup_passes_the_cleaner_unchanged() {
        let body = "Intro with *em*, **strong**, ~~del~~, `code` and a footnote[^1].\n\n## Solution\n\n```python\ndef f(x):\n    return x  # c\n```\n\n### Sub {#custom_id}\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\n3. three\n4. four\n\n> quote\n\n![alt](x.png \"title\") [page](other.md#h) [out](https://example.com/a?b=1&c=2)\n\n---\n\n[^1]: The note.\n";
        let html = render(body);
        let (before, after) = (shape(&html), shape(&clean(&html)));
        let first_difference = before.iter().zip(&after).position(|(a, b)| a != b);
        assert!(
            first_difference.is_none() && before.len() == after.len(),
            "at {first_difference:?}: {:?} became {:?}",
            first_difference.map(|i| &before[i]),
            first_difference.map(|i| &after[i])
        );
    }

    /// Whatever the raw HTML, the page has no event handler, no script URL and no element
    /// that runs script: not even when an attribute is opened in one piece of HTML and
    /// closed in another, which no piece-by-piece check can see.
    #[test]
    fn script_never_reaches_the_rendered_page() {
        let smuggled = "<div title=\"x\n\ntext\n\n<div>\" onmouseover=\"alert(1)\" x=\"</div>\n";
        let unsanitised = {
            let mut html = String::new();
            pulldown_cmark::html::push_html(
                &mut html,
                pulldown_cmark::Parser::new_ext(smuggled, crate::markdown::options()),
            );
            html
        };
        // Pages go on after the content (the template's markup, with its own quotes).
        let in_page = |content: &str| format!("<article>{content}</article><footer class=\"site\">end</footer>");
        assert!(
            shape(&in_page(&unsanitised)).iter().any(|e| e.contains("onmouseover=")),
            "the smuggled attribute is real without the cleaner: {unsanitised}"
        );
        let payloads = [
            "<a href=\"javascript:alert(1)\">x</a>",
            "<img src=x onerror=alert(1)>",
            "<iframe src=\"javascript:alert(1)\"></iframe>",
            "<svg><a xlink:href=javascript:alert(1)><text>x</text></a></svg>",
            "<a href=\"&#106;avascript:alert(1)\">x</a>",
            "Inline <a href=\"java&#x09;script:alert(1)\">x</a> and <b onclick=alert(1)>b</b>.",
            "<script>alert(1)</script>",
            "<object data=\"javascript:alert(1)\"></object><embed src=x.swf>",
            "<math><maction actiontype=statusline xlink:href=javascript:alert(1)>x</maction></math>",
            "<details open ontoggle=alert(1)><summary>s</summary></details>",
            "<form action=\"javascript:alert(1)\"><button formaction=javascript:alert(1)>b</button></form>",
            "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">d</a>",
            "<style>body{background:url(javascript:alert(1))}</style>",
            smuggled,
        ];
        for payload in payloads {
            let html = in_page(&render(payload));
            let doc = scraper::Html::parse_fragment(&html);
            for element in doc
                .root_element()
                .descendants()
                .filter_map(|n| n.value().as_element().cloned())
            {
                assert!(
                    !["script", "iframe", "object", "embed", "svg", "math", "style", "form"].contains(&element.name()),
                    "{payload}: <{}> in {html}",
                    element.name()
                );
                for (name, value) in element.attrs() {
                    assert!(!name.starts_with("on"), "{payload}: {name} in {html}");
                    assert_eq!(
                        crate::links::unsafe_scheme(value),
                        None,
                        "{payload}: {name}={value} in {html}"
                    );
                }
            }
        }
    }

    #[test]
    fn svg_files_that_run_script_are_found() {
        let plain = "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"><defs><circle id=\"c\" r=\"2\"/></defs><use xlink:href=\"#c\"/><a href=\"https://x.io\"><text>t</text></a><image href=\"data:image/png;base64,AAAA\"/></svg>";
        assert_eq!(svg_script(plain), None);
        for svg in [
            "<svg><script>alert(1)</script></svg>",
            "<svg onload=\"alert(1)\"/>",
            "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
            "<svg><foreignObject><iframe src=x></iframe></foreignObject></svg>",
            "<svg><animate attributeName=href to=\"javascript:alert(1)\"/></svg>",
        ] {
            assert!(svg_script(svg).is_some(), "{svg}");
        }
    }

    #[test]
    fn findings_know_their_line() {
        let found = check("<div>\n<p>\n<img src=x\n  onerror=alert(1)>\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].line >= 2, "{found:?}");
        assert_eq!(found[0].needle, "onerror");
    }
}
