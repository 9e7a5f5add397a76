//! The inverted index: for every term, the pages it occurs on and how much it matters there.
//!
//! Scores are BM25F impacts computed here, at build time, and quantized to a small level per
//! posting, so the browser only adds numbers up: it needs neither document lengths nor
//! field statistics, which keeps what a query downloads small. The term's rarity (idf) is
//! left to the browser, which gets it from the posting count.

use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};

use super::tokenize::tokenize;

/// The parts of a page a term can occur in. Their weights make a word in the title count
/// more than the same word in a tag, a heading or the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Title,
    Tags,
    Headings,
    /// Topic title, kind and difficulty: present on every page of a kind, so weak.
    Meta,
    Body,
}

impl Field {
    pub const ALL: [Field; 5] = [Field::Title, Field::Tags, Field::Headings, Field::Meta, Field::Body];

    /// How much one occurrence counts, relative to the body.
    pub fn weight(self) -> f64 {
        match self {
            Field::Title => 8.0,
            Field::Tags => 5.0,
            Field::Headings => 3.0,
            Field::Meta => 1.5,
            Field::Body => 1.0,
        }
    }

    /// BM25's `b`: how much a long field dilutes a term (a long body says less about each
    /// of its words than a short one; tags are not diluted by having several).
    fn length_norm(self) -> f64 {
        match self {
            Field::Title => 0.3,
            Field::Tags | Field::Meta => 0.0,
            Field::Headings => 0.4,
            Field::Body => 0.75,
        }
    }
}

/// BM25's saturation: the tenth occurrence adds less than the second.
const K1: f64 = 1.2;

/// Impacts are quantized to `1..=LEVELS` on a logarithmic scale ([`level`]), which keeps
/// the relative precision of small impacts (a word once in a long body) and large ones (a
/// word in the title) alike.
pub const LEVELS: u8 = 63;

/// The scale's curvature: level ∝ ln(1 + CURVE × impact).
pub const CURVE: f64 = 4.0;

/// The largest impact a term can have on a page: saturated in every field.
pub fn max_impact() -> f64 {
    Field::ALL.iter().map(|f| f.weight() * (K1 + 1.0)).sum()
}

/// One page's text, field by field, ready to index.
#[derive(Debug, Clone, Default)]
pub struct FieldText {
    pub fields: Vec<(Field, String)>,
}

impl FieldText {
    pub fn push(&mut self, field: Field, text: impl Into<String>) {
        self.fields.push((field, text.into()));
    }
}

/// `term → [(doc, level)]`, docs ascending. A `BTreeMap` so terms come out sorted (sharding
/// and the output depend on it and must be deterministic).
#[derive(Debug, Default)]
pub struct Index {
    pub docs: usize,
    pub terms: BTreeMap<String, Vec<(u32, u8)>>,
}

/// Every term seen, numbered, so that counted pages name terms by number and merging them
/// into posting lists needs no hashing. `serve` keeps one for a whole session (terms that
/// no page uses any more only cost their entry).
#[derive(Debug, Default)]
pub struct Vocabulary {
    ids: HashMap<Box<str>, u32>,
    names: Vec<Box<str>>,
}

impl Vocabulary {
    fn id(&mut self, term: String) -> u32 {
        if let Some(id) = self.ids.get(term.as_str()) {
            return *id;
        }
        let id = self.names.len() as u32;
        let term = term.into_boxed_str();
        self.names.push(term.clone());
        self.ids.insert(term, id);
        id
    }
}

/// One page's terms, each with how often it occurs in each field, and the length of each
/// field: the costly part of indexing (tokenizing), which depends on that page alone, so
/// `serve` keeps it between rebuilds ([`super::cache::TermCache`]).
#[derive(Debug, Default)]
pub struct DocTerms {
    /// Term ids of the [`Vocabulary`] the page was counted with, ascending.
    terms: Vec<(u32, [f64; 5])>,
    lengths: [f64; 5],
}

/// A page's terms before they are numbered.
pub struct Counted {
    terms: Vec<(String, [f64; 5])>,
    lengths: [f64; 5],
}

/// Tokenizes one page's fields (pages are independent: this runs in parallel).
pub fn count_terms(doc: &FieldText) -> Counted {
    let mut tf: HashMap<String, [f64; 5]> = HashMap::new();
    let mut lengths = [0.0; 5];
    for (field, text) in &doc.fields {
        let f = *field as usize;
        for term in tokenize(text) {
            lengths[f] += 1.0;
            tf.entry(term).or_insert([0.0; 5])[f] += 1.0;
        }
    }
    Counted {
        terms: tf.into_iter().collect(),
        lengths,
    }
}

impl Counted {
    /// Numbers the page's terms in `vocabulary`.
    pub fn number(self, vocabulary: &mut Vocabulary) -> DocTerms {
        let mut terms: Vec<(u32, [f64; 5])> = self
            .terms
            .into_iter()
            .map(|(term, counts)| (vocabulary.id(term), counts))
            .collect();
        terms.sort_unstable_by_key(|(id, _)| *id);
        DocTerms {
            terms,
            lengths: self.lengths,
        }
    }
}

/// Indexes pages from their text (what `build` does; `serve` goes through
/// [`from_counts`] with counts it kept).
pub fn build(docs: &[FieldText]) -> Index {
    let counted: Vec<Counted> = docs.par_iter().map(count_terms).collect();
    let mut vocabulary = Vocabulary::default();
    let numbered: Vec<DocTerms> = counted.into_iter().map(|c| c.number(&mut vocabulary)).collect();
    let refs: Vec<&DocTerms> = numbered.iter().collect();
    from_counts(&refs, &vocabulary)
}

/// The index of pages whose terms are counted. Every impact depends on the average field
/// lengths of all pages, so all of them are recomputed (cheap next to tokenizing).
pub fn from_counts(docs: &[&DocTerms], vocabulary: &Vocabulary) -> Index {
    let mut average = [0.0; 5];
    for doc in docs {
        for (a, l) in average.iter_mut().zip(&doc.lengths) {
            *a += l;
        }
    }
    for a in &mut average {
        *a = if docs.is_empty() {
            1.0
        } else {
            (*a / docs.len() as f64).max(1.0)
        };
    }
    // BM25 per field (saturation and length normalisation), weighted and added: a field's
    // boost then bounds what it can contribute, so no number of body mentions outweighs
    // the title.
    let levels: Vec<Vec<u8>> = docs
        .par_iter()
        .map(|doc| {
            doc.terms
                .iter()
                .map(|(_, per_field)| {
                    let impact: f64 = Field::ALL
                        .iter()
                        .map(|&field| {
                            let f = field as usize;
                            let tf = per_field[f];
                            if tf == 0.0 {
                                return 0.0;
                            }
                            let b = field.length_norm();
                            let norm = 1.0 - b + b * doc.lengths[f] / average[f];
                            field.weight() * tf * (K1 + 1.0) / (tf + K1 * norm)
                        })
                        .sum();
                    level(impact)
                })
                .collect()
        })
        .collect();
    // Pages are visited in order, so every posting list comes out sorted by page.
    let mut postings: Vec<Vec<(u32, u8)>> = vec![Vec::new(); vocabulary.names.len()];
    for (i, (doc, levels)) in docs.iter().zip(&levels).enumerate() {
        for ((id, _), level) in doc.terms.iter().zip(levels) {
            if let Some(list) = postings.get_mut(*id as usize) {
                list.push((i as u32, *level));
            }
        }
    }
    Index {
        docs: docs.len(),
        terms: postings
            .into_iter()
            .enumerate()
            .filter(|(_, list)| !list.is_empty())
            .map(|(id, list)| (vocabulary.names[id].to_string(), list))
            .collect(),
    }
}

/// The quantized impact: `1..=LEVELS`, logarithmic. `search.js` inverts it with the
/// manifest's `max` and `curve`.
pub fn level(impact: f64) -> u8 {
    let scaled = f64::from(LEVELS) * (1.0 + CURVE * impact).ln() / (1.0 + CURVE * max_impact()).ln();
    scaled.round().clamp(1.0, f64::from(LEVELS)) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(fields: &[(Field, &str)]) -> FieldText {
        let mut d = FieldText::default();
        for (f, t) in fields {
            d.push(*f, *t);
        }
        d
    }

    fn level_of(index: &Index, term: &str, doc: u32) -> u8 {
        index.terms[term]
            .iter()
            .find(|(d, _)| *d == doc)
            .map(|(_, l)| *l)
            .unwrap_or(0)
    }

    #[test]
    fn title_beats_tags_beats_headings_beats_body() {
        let filler = "some words about other things";
        let docs = [
            doc(&[(Field::Title, "heap"), (Field::Body, filler)]),
            doc(&[(Field::Tags, "heap"), (Field::Body, filler)]),
            doc(&[(Field::Headings, "heap"), (Field::Body, filler)]),
            doc(&[(Field::Body, "heap some words about other things")]),
        ];
        let index = build(&docs);
        let levels: Vec<u8> = (0..4).map(|d| level_of(&index, "heap", d)).collect();
        assert!(levels.windows(2).all(|w| w[0] > w[1]), "{levels:?}");
    }

    #[test]
    fn more_occurrences_count_but_saturate() {
        let body = |tf: f64| {
            let words = "x ".repeat(20);
            let heap = "heap ".repeat(tf as usize);
            build(&[doc(&[(Field::Body, &format!("{heap}{words}"))])]).terms["heap"][0].1
        };
        assert!(body(2.0) > body(1.0));
        assert!(body(20.0) - body(10.0) < body(2.0) - body(1.0) + 2);
        assert!(level(max_impact() * 2.0) == LEVELS && level(0.0) == 1);
    }

    #[test]
    fn no_number_of_body_mentions_beats_the_title() {
        let many = "heap ".repeat(50);
        let docs = [
            doc(&[(Field::Title, "heap"), (Field::Body, "one two three")]),
            doc(&[(Field::Body, &many)]),
        ];
        let index = build(&docs);
        assert!(level_of(&index, "heap", 0) > level_of(&index, "heap", 1));
    }

    #[test]
    fn postings_are_sorted_by_doc() {
        let docs = [
            doc(&[(Field::Body, "a b")]),
            doc(&[(Field::Body, "b")]),
            doc(&[(Field::Body, "b a")]),
        ];
        let index = build(&docs);
        assert_eq!(index.terms["a"].iter().map(|p| p.0).collect::<Vec<_>>(), [0, 2]);
        assert_eq!(index.docs, 3);
    }
}
