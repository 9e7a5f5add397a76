//! Search: an index of every page, written as small JavaScript files that the header search
//! box (`themes/default/static/search.js`) loads on demand, and the full results page.
//!
//! What a build writes under `search/` (format in docs/search.md):
//! - `manifest.js`: the page count and the first term of every shard — all a query needs
//!   before it knows which shards to fetch.
//! - `shard-N.js`: consecutive runs of sorted terms with their postings.
//! - `doc/N.js`: one page's title, URL, topic, difficulty, kind and sections — fetched only
//!   for the results shown, to print them and cut snippets.
//! - `attrs.js`: topic, kind and difficulty of every page, for the results page's filters.
//! - `index.html`: the results page (rendered by `render::search_page` from [`filters`]).
//!
//! Everything comes from the loaded guide and the outlines validation already computed;
//! nothing is parsed twice.

pub mod cache;
pub mod index;
pub mod script;
pub mod shard;
pub mod tokenize;

use rayon::prelude::*;
use serde::Serialize;

pub use cache::TermCache;

use crate::content::{Difficulty, Document, Guide, Kind};
use crate::key::{Key, key_of};
use crate::links::content_path;
use crate::markdown::Section;
use crate::output::OutputFile;
use crate::urls::Route;
use crate::validate::Checked;
use index::{Field, FieldText};

/// Bumped when the file format changes, so a stale `search.js` can tell.
pub const FORMAT_VERSION: u32 = 1;

/// Code is indexed in full but only this much of a section's code is kept for snippets.
const MAX_SNIPPET_CODE_CHARS: usize = 2000;

/// What a result can be, for the "kind" filter: the question kinds plus topic and page.
const KINDS: [&str; 7] = [
    "page",
    "topic",
    "coding",
    "concept",
    "design",
    "behavioral",
    "debugging",
];
const DIFFICULTIES: [&str; 3] = ["easy", "medium", "hard"];

fn kind_name(kind: Kind) -> &'static str {
    kind.as_str()
}

/// One indexed page.
struct SearchDoc<'a> {
    title: String,
    /// Path of the page from the site root (`topics/algorithms/two-sum/index.html`).
    url: String,
    topic: Option<(&'a str, &'a str)>,
    difficulty: Option<Difficulty>,
    kind: &'static str,
    tags: &'a [String],
    sections: &'a [Section],
    /// The document the sections come from: its text is the rest of the entry's inputs.
    doc: &'a Document,
}

impl SearchDoc<'_> {
    /// A key of everything the entry is made from: the fields above, and the document's
    /// text for its sections.
    fn key(&self) -> Key {
        key_of((
            &self.title,
            &self.url,
            self.topic,
            self.difficulty,
            self.kind,
            self.tags,
            self.doc.source.content_hash(),
            self.doc.body_start,
        ))
    }

    fn field_text(&self) -> FieldText {
        let mut text = FieldText::default();
        text.push(Field::Title, self.title.clone());
        for tag in self.tags {
            text.push(Field::Tags, tag.clone());
        }
        let mut meta = vec![self.kind];
        if let Some((_, title)) = self.topic {
            meta.push(title);
        }
        if let Some(d) = self.difficulty {
            meta.push(d.as_str());
        }
        text.push(Field::Meta, meta.join(" "));
        for section in self.sections {
            if let Some((heading, _)) = &section.heading {
                text.push(Field::Headings, heading.clone());
            }
            text.push(Field::Body, section.text.clone());
            text.push(Field::Body, section.code.clone());
        }
        text
    }

    fn fragment(&self) -> Fragment<'_> {
        Fragment {
            t: &self.title,
            u: &self.url,
            p: self.topic.map(|(_, title)| title),
            d: self.difficulty.map(Difficulty::as_str),
            k: self.kind,
            s: self
                .sections
                .iter()
                .map(|s| {
                    let (heading, anchor) = s.heading.as_ref().map_or(("", ""), |(h, a)| (h.as_str(), a.as_str()));
                    let code: String = s.code.trim_end().chars().take(MAX_SNIPPET_CODE_CHARS).collect();
                    (heading, anchor, s.text.as_str(), code)
                })
                .collect(),
        }
    }

    /// `topic * 64 + kind * 4 + difficulty`, topic and difficulty counted from 1 (0: none).
    fn attrs(&self, topics: &[&str]) -> u32 {
        let topic = self
            .topic
            .and_then(|(slug, _)| topics.iter().position(|t| *t == slug))
            .map_or(0, |i| i as u32 + 1);
        let kind = KINDS.iter().position(|k| *k == self.kind).unwrap_or(0) as u32;
        let difficulty = self.difficulty.map_or(0, |d| d as u32 + 1);
        topic * 64 + kind * 4 + difficulty
    }
}

/// A page as the browser gets it: short keys, since there is one file per page.
#[derive(Serialize)]
struct Fragment<'a> {
    t: &'a str,
    u: &'a str,
    p: Option<&'a str>,
    d: Option<&'static str>,
    k: &'static str,
    /// `[heading, anchor, text, code]` per section; the first has no heading (`""`).
    s: Vec<(&'a str, &'a str, &'a str, String)>,
}

#[derive(Serialize)]
struct Manifest<'a> {
    v: u32,
    docs: usize,
    levels: u8,
    /// `max` and `curve` of the impact scale (see [`index::level`]).
    max: f64,
    curve: f64,
    shards: Vec<&'a str>,
}

#[derive(Serialize)]
struct Attrs<'a> {
    topics: Vec<&'a str>,
    kinds: [&'static str; 7],
    difficulties: [&'static str; 3],
    docs: Vec<u32>,
}

#[derive(Serialize)]
pub struct Choice<'a> {
    pub value: &'a str,
    pub label: &'a str,
}

/// Every page of the guide in index order: home, pages, then each topic followed by its
/// questions. `None` where validation has no outline for a document (it then reported why).
fn documents<'a>(checked: &'a Checked, guide: &'a Guide) -> Vec<SearchDoc<'a>> {
    let outlines = &checked.outlines;
    let sections =
        |doc: &Document| -> &'a [Section] { outlines.get(&content_path(doc)).map_or(&[], |o| o.sections.as_slice()) };
    let mut docs = Vec::new();
    let page = |title: &str, route: &Route, doc: &'a Document| SearchDoc {
        title: title.to_string(),
        url: route.output_path(),
        topic: None,
        difficulty: None,
        kind: "page",
        tags: &[],
        sections: sections(doc),
        doc,
    };
    docs.push(page(&guide.home.title, &Route::Home, &guide.home.doc));
    docs.extend(guide.pages.iter().map(|p| page(&p.title, &p.route, &p.doc)));
    for topic in &guide.topics {
        docs.push(SearchDoc {
            title: topic.title.clone(),
            url: topic.route().output_path(),
            topic: Some((&topic.slug, &topic.title)),
            difficulty: None,
            kind: "topic",
            tags: &[],
            sections: sections(&topic.doc),
            doc: &topic.doc,
        });
        for q in &topic.questions {
            docs.push(SearchDoc {
                title: q.title.clone(),
                url: q.route().output_path(),
                topic: Some((&topic.slug, &topic.title)),
                difficulty: Some(q.difficulty),
                kind: kind_name(q.kind),
                tags: &q.tags,
                sections: sections(&q.doc),
                doc: &q.doc,
            });
        }
    }
    docs
}

/// The search index files (the results page is rendered by `render::search_page`).
pub struct IndexFiles {
    pub files: Vec<OutputFile>,
    /// Files that are as the last build wrote them (only in `serve`, see `fresh`).
    pub unchanged: Vec<String>,
}

/// The search index files. `terms` keeps each page's tokens between `serve` rebuilds;
/// `fresh(path, key)` says whether the file at `path` was last made from inputs with that
/// key (always false in `build`), so a page's result file is serialized only when it changed.
pub fn outputs(
    checked: &Checked,
    guide: &Guide,
    terms: &TermCache,
    fresh: &(dyn Fn(&str, Key) -> bool + Sync),
) -> IndexFiles {
    let docs = documents(checked, guide);
    let keys: Vec<Option<Key>> = docs
        .par_iter()
        .map(|doc| terms.is_enabled().then(|| doc.key()))
        .collect();
    let counted: Vec<std::sync::Arc<index::DocTerms>> = docs
        .par_iter()
        .zip(&keys)
        .map(|(doc, key)| terms.terms(key.unwrap_or(0), || doc.field_text()))
        .collect();
    let refs: Vec<&index::DocTerms> = counted.iter().map(|t| t.as_ref()).collect();
    let index = terms.with_vocabulary(|vocabulary| index::from_counts(&refs, vocabulary));
    terms.finish();
    index_files(&docs, &keys, &index, guide, fresh)
}

fn index_files(
    docs: &[SearchDoc<'_>],
    keys: &[Option<Key>],
    index: &index::Index,
    guide: &Guide,
    fresh: &(dyn Fn(&str, Key) -> bool + Sync),
) -> IndexFiles {
    let shards = shard::shards(index, shard::TARGET_SHARD_BYTES);
    let mut files = Vec::with_capacity(docs.len() + shards.len() + 2);

    let manifest = Manifest {
        v: FORMAT_VERSION,
        docs: docs.len(),
        levels: index::LEVELS,
        max: index::max_impact(),
        curve: index::CURVE,
        shards: shards.iter().map(shard::Shard::first_term).collect(),
    };
    files.push(OutputFile::new(
        "search/manifest.js",
        script::registration("manifest", &FORMAT_VERSION, &manifest),
    ));
    for (i, s) in shards.iter().enumerate() {
        let flat: Vec<&str> = s.terms.iter().flat_map(|(t, p)| [t.as_str(), p.as_str()]).collect();
        files.push(OutputFile::new(
            format!("search/shard-{i}.js"),
            script::registration("shard", &i, &flat),
        ));
    }
    let fragments: Vec<Result<OutputFile, String>> = docs
        .par_iter()
        .zip(keys)
        .enumerate()
        .map(|(i, (doc, key))| {
            let path = format!("search/doc/{i}.js");
            match key {
                Some(key) if fresh(&path, *key) => Err(path),
                _ => Ok(OutputFile::new(path, script::registration("doc", &i, &doc.fragment()))),
            }
        })
        .collect();
    let mut unchanged = Vec::new();
    for fragment in fragments {
        match fragment {
            Ok(file) => files.push(file),
            Err(path) => unchanged.push(path),
        }
    }
    let topics: Vec<&str> = guide.topics.iter().map(|t| t.slug.as_str()).collect();
    let attrs = Attrs {
        docs: docs.iter().map(|d| d.attrs(&topics)).collect(),
        topics,
        kinds: KINDS,
        difficulties: DIFFICULTIES,
    };
    files.push(OutputFile::new(
        "search/attrs.js",
        script::registration("attrs", &0, &attrs),
    ));
    IndexFiles { files, unchanged }
}

/// The choices of the results page's filters.
#[derive(Serialize)]
pub struct Filters<'a> {
    pub topics: Vec<Choice<'a>>,
    pub kinds: Vec<Choice<'static>>,
    pub difficulties: Vec<Choice<'static>>,
}

pub fn filters(guide: &Guide) -> Filters<'_> {
    Filters {
        topics: guide
            .topics
            .iter()
            .map(|t| Choice {
                value: &t.slug,
                label: &t.title,
            })
            .collect(),
        kinds: KINDS.iter().map(|k| Choice { value: k, label: k }).collect(),
        difficulties: DIFFICULTIES.iter().map(|d| Choice { value: d, label: d }).collect(),
    }
}
