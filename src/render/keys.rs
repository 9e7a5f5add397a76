//! The keys of each page kind's inputs, for the render cache (`cache.rs`). A key must change
//! whenever anything its page is rendered from changes; each function here names exactly
//! what its page's template context and Markdown are built from in `mod.rs`.

use std::collections::BTreeMap;
use std::ops::Range;

use super::{SiteRenderer, key_of};
use crate::content::{Guide, Page, Question, Topic};
use crate::render::Key;

/// Hashes computed once per render and shared by the page keys.
pub struct Inputs {
    /// For each topic, for each question: a key of what other pages show of it.
    questions: Vec<Vec<Key>>,
    /// For each topic: a key of its card (title, summary, share, counts).
    topics: Vec<Key>,
}

/// What a list, a sidebar or a card shows of a question.
pub(super) fn question_key(q: &Question) -> Key {
    key_of((
        &q.topic,
        &q.slug,
        &q.title,
        q.difficulty,
        q.kind,
        q.minutes,
        q.stage,
        &q.tags,
        q.order,
    ))
}

fn topic_key(t: &Topic) -> Key {
    key_of((
        &t.slug,
        &t.title,
        &t.summary,
        t.share,
        t.order,
        t.questions.len(),
        t.total_minutes(),
    ))
}

impl Inputs {
    pub fn new(site: &SiteRenderer<'_>, guide: &Guide) -> Self {
        if !site.cache.is_enabled() {
            return Self {
                questions: Vec::new(),
                topics: Vec::new(),
            };
        }
        Self {
            questions: guide
                .topics
                .iter()
                .map(|t| t.questions.iter().map(question_key).collect())
                .collect(),
            topics: guide.topics.iter().map(topic_key).collect(),
        }
    }

    pub fn home(&self, site: &SiteRenderer<'_>) -> Key {
        let guide = site.guide;
        let doc = site.markdown_key(&crate::urls::Route::Home, &guide.home.doc);
        key_of((site.template_key("index.html"), doc, &guide.home.title, &self.topics))
    }

    pub fn page(&self, site: &SiteRenderer<'_>, page: &Page) -> Key {
        let doc = site.markdown_key(&page.route, &page.doc);
        key_of((site.template_key("page.html"), doc, &page.title, &page.route))
    }

    pub fn topic(&self, site: &SiteRenderer<'_>, index: usize) -> Key {
        let topic = &site.guide.topics[index];
        let doc = site.markdown_key(&topic.route(), &topic.doc);
        key_of((
            site.template_key("topic.html"),
            doc,
            self.topics[index],
            &self.questions[index],
        ))
    }

    /// A question page shows its own data, its topic's card, the questions of the sidebar
    /// window (which holds the previous and next ones), its table of contents (from its own
    /// text, in `doc`), and on the last question of a topic the next topic's card.
    pub fn question(&self, site: &SiteRenderer<'_>, topic: usize, index: usize, window: Range<usize>) -> Key {
        let question = &site.guide.topics[topic].questions[index];
        let doc = site.markdown_key(&question.route(), &question.doc);
        let siblings = &self.questions[topic];
        let neighbours = &siblings[window.start.min(siblings.len())..window.end.min(siblings.len())];
        let next_topic = (index + 1 == siblings.len())
            .then(|| self.topics.get(topic + 1))
            .flatten();
        key_of((
            site.template_key("question.html"),
            doc,
            self.topics[topic],
            index,
            siblings.len(),
            window,
            neighbours,
            next_topic,
        ))
    }

    pub fn tags(&self, site: &SiteRenderer<'_>, tags: &BTreeMap<String, (String, Vec<&Question>)>) -> Key {
        let counts: Vec<(&String, &String, usize)> =
            tags.iter().map(|(slug, (name, qs))| (slug, name, qs.len())).collect();
        key_of((site.template_key("tags.html"), counts))
    }

    pub fn tag(&self, site: &SiteRenderer<'_>, name: &str, questions: &[&Question]) -> Key {
        let items: Vec<Key> = questions.iter().map(|q| question_key(q)).collect();
        key_of((site.template_key("tag.html"), name, items))
    }

    /// The plan is made from the settings (in guide.yaml), the topics and every question's
    /// data, not from any document's text.
    pub fn plan(&self, site: &SiteRenderer<'_>) -> Key {
        key_of((site.template_key("plan.html"), &self.topics, &self.questions))
    }

    /// The search index is made from every document's text, titles and data.
    pub fn search(&self, site: &SiteRenderer<'_>) -> Key {
        let guide = site.guide;
        let docs: Vec<(u64, usize)> = guide
            .documents()
            .iter()
            .map(|(_, doc)| (doc.source.content_hash(), doc.body_start))
            .collect();
        let pages: Vec<(&str, &crate::urls::Route)> =
            guide.pages.iter().map(|p| (p.title.as_str(), &p.route)).collect();
        key_of((
            site.template_key("search.html"),
            &guide.home.title,
            pages,
            &self.topics,
            &self.questions,
            docs,
        ))
    }
}
