//! The reading features of issue 11 over the frozen copy of the shipped guide: tables of
//! contents, "next topic", the home page's topic cards, print views, favicon and og:image, and
//! the 404 page. What needs a browser (layout, keyboard, axe, print to PDF) is in
//! `tests/browser/suite.js`.

mod common;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::{fixture, syllabus, text};
use scraper::{ElementRef, Html, Selector};

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("selector")
}

fn page(site: &Path, rel: &str) -> Html {
    let html = std::fs::read_to_string(site.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    Html::parse_document(&html)
}

fn attr<'a>(el: &ElementRef<'a>, name: &str) -> &'a str {
    el.value().attr(name).unwrap_or_default()
}

/// One build of the python-guide fixture under a project path, shared by the tests.
fn site() -> &'static Path {
    static SITE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, out) = SITE.get_or_init(|| {
        let dir = fixture("python-guide");
        let out = dir.path().join("out");
        let result = syllabus(&[
            "build",
            "--root",
            dir.path().to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
            "--base-url",
            "https://example.org/repo/",
        ]);
        assert!(result.status.success(), "{}", text(&result.stderr));
        (dir, out)
    });
    out
}

fn html_pages(site: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(site)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect()
}

/// `a/b/../c` as `a/c`.
fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// Topics in reading order, each with its questions' page paths.
fn topics(site: &Path) -> Vec<(String, Vec<String>)> {
    let home = page(site, "index.html");
    home.select(&sel(".cards h3 a"))
        .map(|a| {
            let topic_page = attr(&a, "href").to_string();
            let dir = topic_page.trim_end_matches("index.html").to_string();
            let doc = page(site, &topic_page);
            let questions = doc
                .select(&sel(".question-list > li > a"))
                .map(|q| normalize(&format!("{dir}{}", attr(&q, "href"))))
                .collect();
            (topic_page, questions)
        })
        .collect()
}

#[test]
fn every_page_has_unique_ids_and_its_in_page_links_land() {
    let site = site();
    let pages = html_pages(site);
    assert!(pages.len() > 100, "{} pages", pages.len());
    for path in pages {
        let doc = Html::parse_document(&std::fs::read_to_string(&path).unwrap());
        let mut ids = HashSet::new();
        for el in doc.select(&sel("[id]")) {
            assert!(
                ids.insert(attr(&el, "id")),
                "{}: id {} twice",
                path.display(),
                attr(&el, "id")
            );
        }
        for a in doc.select(&sel("a[href^='#']")) {
            let id = &attr(&a, "href")[1..];
            assert!(ids.contains(id), "{}: #{id} leads nowhere", path.display());
        }
        // Links to the home page's topic list (the "Topics" navigation entry) land too.
        for a in doc.select(&sel("a[href$='index.html#topic-cards']")) {
            let home = path
                .parent()
                .unwrap()
                .join(attr(&a, "href").trim_end_matches("#topic-cards"));
            let home = Html::parse_document(&std::fs::read_to_string(home).unwrap());
            assert_eq!(home.select(&sel("#topic-cards")).count(), 1);
        }
    }
}

#[test]
fn the_home_page_shows_each_topic_once_as_a_card_with_its_progress() {
    let site = site();
    let home = page(site, "index.html");
    let mut cards: BTreeMap<String, usize> = BTreeMap::new();
    for a in home.select(&sel(".cards a")) {
        *cards.entry(attr(&a, "href").to_string()).or_default() += 1;
    }
    assert_eq!(cards.len(), 6, "{cards:?}");
    assert!(cards.values().all(|&n| n == 1), "{cards:?}");
    for card in home.select(&sel(".card")) {
        let progress = card
            .select(&sel(".card-progress[data-topic][data-total] progress"))
            .count();
        assert_eq!(progress, 1, "{}", card.html());
    }
}

#[test]
fn the_last_question_of_a_topic_leads_to_the_next_topic() {
    let site = site();
    let topics = topics(site);
    assert!(topics.len() > 2);
    for (i, (_, questions)) in topics.iter().enumerate() {
        for (j, question) in questions.iter().enumerate() {
            let doc = page(site, question);
            let end: Vec<String> = doc
                .select(&sel(".question-end .next-link"))
                .map(|a| a.text().collect())
                .collect();
            let pager: Vec<String> = doc
                .select(&sel(".pager .next span"))
                .map(|s| s.text().collect())
                .collect();
            assert_eq!(
                doc.select(&sel("button.mark-done")).count(),
                2,
                "{question}: Mark as done at the top and the end"
            );
            match (j + 1 < questions.len(), topics.get(i + 1)) {
                (true, _) => {
                    assert!(end[0].starts_with("Next question: "), "{question}: {end:?}");
                    assert_eq!(pager, ["Next question"]);
                }
                (false, Some((next_topic, _))) => {
                    let a = doc
                        .select(&sel(".question-end .next-link"))
                        .next()
                        .expect("a next topic link");
                    assert!(end[0].starts_with("Next topic: "), "{question}: {end:?}");
                    let target = Path::new(question).parent().unwrap().join(attr(&a, "href"));
                    let target = std::fs::canonicalize(site.join(target)).unwrap();
                    assert_eq!(target, std::fs::canonicalize(site.join(next_topic)).unwrap());
                    assert_eq!(pager, ["Next topic"]);
                }
                (false, None) => assert!(
                    end.is_empty() && pager.is_empty(),
                    "{question}: the guide's last question"
                ),
            }
        }
    }
}

#[test]
fn a_table_of_contents_lists_the_h2_and_h3_headings_in_page_order() {
    let site = site();
    let (topic, questions) = &topics(site)[0];
    for rel in [&questions[0], topic] {
        let doc = page(site, rel);
        let toc: Vec<String> = doc
            .select(&sel("nav.toc a"))
            .map(|a| attr(&a, "href")[1..].to_string())
            .collect();
        let headings: Vec<String> = doc
            .select(&sel("main h2[id], main h3[id]"))
            .map(|h| attr(&h, "id").to_string())
            .filter(|id| !id.starts_with("topic-"))
            .collect();
        assert!(toc.len() > 2, "{rel}: {toc:?}");
        assert_eq!(toc, headings, "{rel}");
    }
}

#[test]
fn print_views_hold_every_document_in_reading_order() {
    let site = site();
    let topics = topics(site);
    let doc = page(site, "print/index.html");
    let printed: Vec<String> = doc
        .select(&sel("section.print-doc"))
        .map(|s| attr(&s, "id").to_string())
        .collect();
    assert_eq!(printed[0], "introduction");
    let questions: usize = topics.iter().map(|(_, q)| q.len()).sum();
    assert_eq!(doc.select(&sel("section.print-question")).count(), questions);
    assert_eq!(doc.select(&sel("section.print-topic")).count(), topics.len());
    // Reading order: each topic, then its questions in the topic's order.
    let mut expected = Vec::new();
    for (topic, qs) in &topics {
        expected.push(topic.trim_end_matches("/index.html").replace('/', "--"));
        expected.extend(qs.iter().map(|q| q.trim_end_matches("/index.html").replace('/', "--")));
    }
    let in_topics: Vec<&String> = printed.iter().filter(|id| id.starts_with("topics--")).collect();
    assert_eq!(in_topics, expected.iter().collect::<Vec<_>>());
    // Every collapsed section open, without a script.
    let details: Vec<_> = doc.select(&sel("details")).collect();
    assert!(!details.is_empty() && details.iter().all(|d| d.value().attr("open").is_some()));
    // The topic's own print view, linked from its page.
    let (topic, qs) = &topics[0];
    let topic_doc = page(site, topic);
    let link = topic_doc
        .select(&sel("main a[href$='print/index.html']"))
        .next()
        .expect("Print this topic");
    let view = page(
        site,
        &format!("{}{}", topic.trim_end_matches("index.html"), attr(&link, "href")),
    );
    assert_eq!(view.select(&sel("section.print-question")).count(), qs.len());
}

#[test]
fn pages_have_a_favicon_and_a_social_image_and_the_404_page_finds_its_root() {
    let site = site();
    let doc = page(site, "topics/algorithms/two-sum/index.html");
    let icons: Vec<String> = doc
        .select(&sel("link[rel=icon]"))
        .map(|l| attr(&l, "href").to_string())
        .collect();
    assert_eq!(icons, ["../../../static/favicon.svg", "../../../static/favicon.ico"]);
    for icon in &icons {
        assert!(site.join(icon.trim_start_matches("../../../")).is_file(), "{icon}");
    }
    let image = doc.select(&sel("meta[property='og:image']")).next().expect("og:image");
    assert_eq!(attr(&image, "content"), "https://example.org/repo/static/og-image.png");
    let png = std::fs::read(site.join("static/og-image.png")).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");

    // The 404 page has no fixed <base>: its script finds the root from base_url's path.
    let not_found = page(site, "404.html");
    assert_eq!(not_found.select(&sel("base")).count(), 0);
    let script: String = not_found
        .select(&sel("head script"))
        .map(|s| s.text().collect::<String>())
        .collect();
    assert!(script.contains("new URL(\"https://example.org/repo/\")"), "{script}");
}
