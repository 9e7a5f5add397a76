//! The content model: plain data describing a guide, built by [`crate::load`] and read by every
//! later stage. Nothing here reads files or renders anything.

pub mod config;
pub mod frontmatter;
pub mod meta;
pub mod yaml;
pub mod yaml_place;

use std::sync::Arc;

use serde::{Deserialize, Serialize};

pub use config::{FooterLink, GuideConfig, PhaseConfig, PlanConfig, Weekday};

use crate::diagnostics::SourceFile;
use crate::urls::Route;

/// A Markdown file: its source (for diagnostics) and where its body starts after the
/// front matter.
#[derive(Debug, Clone)]
pub struct Document {
    pub source: Arc<SourceFile>,
    pub body_start: usize,
}

impl Document {
    pub fn body(&self) -> &str {
        &self.source.text[self.body_start..]
    }
}

#[derive(Debug, Clone)]
pub struct Page {
    pub route: Route,
    pub title: String,
    pub order: i64,
    /// Listed in the header navigation.
    pub nav: bool,
    pub doc: Document,
}

#[derive(Debug, Clone)]
pub struct Topic {
    pub slug: String,
    pub title: String,
    pub order: i64,
    /// Percent of practice time.
    pub share: u32,
    pub summary: Option<String>,
    pub doc: Document,
    /// In study order: `order`, then difficulty, then title.
    pub questions: Vec<Question>,
}

impl Topic {
    pub fn route(&self) -> Route {
        Route::Topic(self.slug.clone())
    }

    /// Saturates instead of wrapping: a sum of user numbers never overflows.
    pub fn total_minutes(&self) -> u32 {
        self.questions.iter().fold(0u32, |sum, q| sum.saturating_add(q.minutes))
    }
}

#[derive(Debug, Clone)]
pub struct Question {
    pub topic: String,
    pub slug: String,
    pub title: String,
    pub difficulty: Difficulty,
    pub kind: Kind,
    pub minutes: u32,
    pub tags: Vec<String>,
    pub stage: Option<Stage>,
    pub order: Option<i64>,
    pub draft: bool,
    pub doc: Document,
}

impl Question {
    pub fn route(&self) -> Route {
        Route::Question {
            topic: self.topic.clone(),
            slug: self.slug.clone(),
        }
    }

    /// The key that sorts a topic's questions into study order.
    pub fn study_order(&self) -> (i64, Difficulty, String) {
        (
            self.order.unwrap_or(i64::MAX),
            self.difficulty,
            self.title.to_lowercase(),
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Difficulty {
    Easy,
    Medium,
    Hard,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Coding,
    Concept,
    Design,
    Behavioral,
    Debugging,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    PhoneScreen,
    Coding,
    Design,
    Behavioral,
}

impl Difficulty {
    pub fn as_str(self) -> &'static str {
        match self {
            Difficulty::Easy => "easy",
            Difficulty::Medium => "medium",
            Difficulty::Hard => "hard",
        }
    }
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Coding => "coding",
            Kind::Concept => "concept",
            Kind::Design => "design",
            Kind::Behavioral => "behavioral",
            Kind::Debugging => "debugging",
        }
    }
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::PhoneScreen => "phone-screen",
            Stage::Coding => "coding",
            Stage::Design => "design",
            Stage::Behavioral => "behavioral",
        }
    }
}

/// A file of the guide that guide.yaml names (`logo`, `favicon`, `extra_css`), read by the
/// load stage so that rendering never touches the disk; the writer copies it into the site.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GuideFile {
    /// Where it goes in the site, relative to the site root: its path under `content/`.
    pub site_path: String,
    pub bytes: Vec<u8>,
}

/// A stylesheet of `extra_css`: a file of the guide, or an https:// address linked as is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Stylesheet {
    File(GuideFile),
    Url(String),
}

/// What guide.yaml changes of the theme's look without touching a template, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Appearance {
    pub logo: Option<GuideFile>,
    pub favicon: Option<GuideFile>,
    pub extra_css: Vec<Stylesheet>,
    /// `(name without the leading --, value)`, sorted by name.
    pub css_variables: Vec<(String, String)>,
    pub css_variables_dark: Vec<(String, String)>,
}

/// A whole guide, loaded. `pages` and `topics` are sorted for navigation.
#[derive(Debug, Clone)]
pub struct Guide {
    pub config: GuideConfig,
    pub config_source: Arc<SourceFile>,
    /// guide.yaml's logo, favicon, stylesheets and CSS variables, with their files read.
    pub appearance: Appearance,
    pub home: Page,
    pub pages: Vec<Page>,
    pub topics: Vec<Topic>,
}

impl Guide {
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.topics.iter().flat_map(|t| t.questions.iter())
    }

    pub fn topic(&self, slug: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.slug == slug)
    }

    /// Every Markdown document with the route it is rendered at.
    pub fn documents(&self) -> Vec<(Route, &Document)> {
        let mut docs = vec![(Route::Home, &self.home.doc)];
        docs.extend(self.pages.iter().map(|p| (p.route.clone(), &p.doc)));
        for topic in &self.topics {
            docs.push((topic.route(), &topic.doc));
            docs.extend(topic.questions.iter().map(|q| (q.route(), &q.doc)));
        }
        docs
    }
}

/// A file of `content/` that a page links to (`![](diagram.png)`, `[data](data.csv)`), read
/// by [`crate::load::read_assets`] so that rendering can list it as an output file without
/// touching the disk. Only linked files are read and published: notes and sources kept
/// beside the pages stay private.
#[derive(Clone)]
pub struct Asset {
    /// Relative to `content/`, `/`-separated (how links name it).
    pub path: String,
    pub bytes: Arc<[u8]>,
}

impl std::fmt::Debug for Asset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Asset({}, {} bytes)", self.path, self.bytes.len())
    }
}

/// A theme, read into memory so that rendering never touches the disk: the built-in theme
/// with the guide's own files laid over it.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    pub name: String,
    pub templates: Vec<ThemeTemplate>,
    /// `(path under static/, bytes)`, copied to `static/` in the output.
    pub static_files: Vec<(String, Vec<u8>)>,
}

/// One template, e.g. `question.html`, with its source for diagnostics.
#[derive(Debug, Clone)]
pub struct ThemeTemplate {
    pub name: String,
    pub source: Arc<SourceFile>,
    /// From the built-in theme (not overridden by the guide).
    pub builtin: bool,
}
