//! The data templates see. Every href is computed here, relative to the page being rendered,
//! so templates only print them.

use serde::Serialize;
use tera::Context;

use super::SiteRenderer;
use crate::content::{Guide, Question, Topic};
use crate::markdown::Outline;
use crate::urls::Route;

#[derive(Debug, Clone, Serialize)]
pub struct LinkCtx {
    pub title: String,
    pub href: String,
    pub current: bool,
    /// The question's progress key (`topic/slug`), for links to questions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
}

impl LinkCtx {
    pub fn new(title: &str, href: String) -> Self {
        Self {
            title: title.to_string(),
            href,
            current: false,
            key: None,
        }
    }

    pub fn key(mut self, key: String) -> Self {
        self.key = Some(key);
        self
    }

    pub fn current(mut self, current: bool) -> Self {
        self.current = current;
        self
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct TagLink {
    pub name: String,
    pub href: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuestionItem {
    pub title: String,
    pub href: String,
    pub slug: String,
    pub topic: String,
    pub difficulty: &'static str,
    pub kind: &'static str,
    pub minutes: u32,
    pub stage: Option<&'static str>,
    pub tags: Vec<TagLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TopicCard {
    pub title: String,
    pub href: String,
    pub slug: String,
    pub summary: Option<String>,
    pub share: u32,
    pub questions: usize,
    pub minutes: u32,
}

/// One line of a page's table of contents.
#[derive(Debug, Clone, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub text: String,
    pub id: String,
}

/// H2 and H3 headings of an outline, in page order.
pub fn toc(outline: Option<&Outline>) -> Vec<TocEntry> {
    outline
        .map(|o| {
            o.headings
                .iter()
                .filter(|h| (2..=3).contains(&h.level))
                .map(|h| TocEntry {
                    level: h.level,
                    text: h.text.clone(),
                    id: h.id.clone(),
                })
                .collect()
        })
        .unwrap_or_default()
}

#[derive(Serialize)]
struct SiteCtx<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    author: Option<&'a str>,
    base_url: &'a str,
}

pub fn question_item(from: &Route, q: &Question) -> QuestionItem {
    QuestionItem {
        title: q.title.clone(),
        href: from.href_to(&q.route()),
        slug: q.slug.clone(),
        topic: q.topic.clone(),
        difficulty: q.difficulty.as_str(),
        kind: q.kind.as_str(),
        minutes: q.minutes,
        stage: q.stage.map(|s| s.as_str()),
        tags: q
            .tags
            .iter()
            .map(|t| TagLink {
                name: t.clone(),
                href: from.href_to(&Route::tag(t)),
            })
            .collect(),
    }
}

pub fn topic_card(topic: &Topic, from: &Route) -> TopicCard {
    TopicCard {
        title: topic.title.clone(),
        href: from.href_to(&topic.route()),
        slug: topic.slug.clone(),
        summary: topic.summary.clone(),
        share: topic.share,
        questions: topic.questions.len(),
        minutes: topic.total_minutes(),
    }
}

pub fn topic_cards(guide: &Guide, from: &Route) -> Vec<TopicCard> {
    guide.topics.iter().map(|t| topic_card(t, from)).collect()
}

/// Site-wide data for every page: the site's settings, navigation, and where assets are.
pub fn base(site: &SiteRenderer<'_>, route: &Route, title: &str, description: &str) -> Context {
    let guide = site.guide;
    let config = &guide.config;
    let mut ctx = Context::new();
    ctx.insert(
        "site",
        &SiteCtx {
            title: &config.title,
            description: &config.description,
            language: &config.language,
            author: config.author.as_deref(),
            base_url: &site.options.base_url,
        },
    );
    // The site's absolute URL with one trailing slash, for absolute links (og:image, 404).
    ctx.insert("site_url", &format!("{}/", site.options.base_url.trim_end_matches('/')));
    ctx.insert("page_title", title);
    ctx.insert("description", description);
    ctx.insert("root", &route.root());
    ctx.insert("canonical", &route.absolute(&site.options.base_url));
    ctx.insert("home_href", &route.href_to(&Route::Home));
    let mut nav = vec![LinkCtx::new("Topics", route.href_to(&Route::Home) + "#topic-cards")];
    nav.push(LinkCtx::new("Study plan", route.href_to(&Route::Plan)).current(*route == Route::Plan));
    nav.extend(
        guide
            .pages
            .iter()
            .filter(|p| p.nav)
            .map(|p| LinkCtx::new(&p.title, route.href_to(&p.route)).current(p.route == *route)),
    );
    nav.push(LinkCtx::new("Tags", route.href_to(&Route::Tags)).current(matches!(route, Route::Tags | Route::Tag(_))));
    ctx.insert("nav", &nav);
    let topics: Vec<LinkCtx> = guide
        .topics
        .iter()
        .map(|t| {
            let here = matches!(route, Route::Topic(s) if *s == t.slug)
                || matches!(route, Route::Question { topic, .. } if *topic == t.slug);
            LinkCtx::new(&t.title, route.href_to(&t.route())).current(here)
        })
        .collect();
    ctx.insert("topic_links", &topics);
    let extras = site.extras.for_page(route, &site.checked.links);
    ctx.insert("logo", &extras.logo);
    ctx.insert("favicons", &extras.favicons);
    ctx.insert("extra_stylesheets", &extras.extra_stylesheets);
    ctx.insert("footer_links", &extras.footer_links);
    ctx.insert("print_all_href", &route.href_to(&Route::Print));
    ctx
}
