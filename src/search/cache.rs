//! What a `serve` session keeps of the search index between rebuilds: each page's counted
//! terms, by a key of everything the page's index entry is made from. Tokenizing is most of
//! the index's cost, and an edit changes one page, so a rebuild tokenizes that page only.
//!
//! Entries are found by content, so a failed build can never leave a wrong one; entries that
//! the last build did not ask for are dropped, so the cache holds one guide's worth.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::index::{DocTerms, FieldText, Vocabulary, count_terms};
use crate::key::Key;

#[derive(Default)]
pub struct TermCache {
    enabled: bool,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// Numbers the terms of every page this cache counted.
    vocabulary: Vocabulary,
    /// What the last build used.
    previous: HashMap<Key, Arc<DocTerms>>,
    /// What this build has used so far.
    current: HashMap<Key, Arc<DocTerms>>,
    counted: usize,
}

impl TermCache {
    /// The cache of a `serve` session. `build` uses the default, which keeps no page but
    /// still numbers terms for one build.
    pub fn enabled() -> Self {
        Self {
            enabled: true,
            ..Self::default()
        }
    }

    pub fn is_enabled(&self) -> bool {
        self.enabled
    }

    /// The counted terms of the page with `key`, kept or counted now from `text`.
    pub fn terms(&self, key: Key, text: impl FnOnce() -> FieldText) -> Arc<DocTerms> {
        if self.enabled {
            let mut state = self.lock();
            let kept = state.current.get(&key).cloned();
            let kept = kept.or_else(|| state.previous.remove(&key));
            if let Some(terms) = kept {
                state.current.insert(key, Arc::clone(&terms));
                return terms;
            }
        }
        // Counted outside the lock, so pages are tokenized in parallel.
        let counted = count_terms(&text());
        let mut state = self.lock();
        let terms = Arc::new(counted.number(&mut state.vocabulary));
        state.counted += 1;
        if self.enabled {
            state.current.insert(key, Arc::clone(&terms));
        }
        terms
    }

    /// The vocabulary the pages' terms are numbered in, for [`super::index::from_counts`].
    pub fn with_vocabulary<T>(&self, f: impl FnOnce(&Vocabulary) -> T) -> T {
        f(&self.lock().vocabulary)
    }

    /// Ends a build: what it used is what the next one may reuse.
    pub fn finish(&self) {
        let mut state = self.lock();
        if !self.enabled {
            state.vocabulary = Vocabulary::default();
        }
        state.previous = std::mem::take(&mut state.current);
    }

    /// Pages tokenized since the last call (for tests and profiling).
    pub fn take_counted(&self) -> usize {
        std::mem::take(&mut self.lock().counted)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::index::Field;

    fn text(body: &str) -> FieldText {
        let mut t = FieldText::default();
        t.push(Field::Body, body);
        t
    }

    #[test]
    fn a_page_is_tokenized_once_while_its_key_stays() {
        let cache = TermCache::enabled();
        cache.terms(1, || text("heap queue"));
        cache.terms(2, || text("stack"));
        cache.finish();
        assert_eq!(cache.take_counted(), 2);
        cache.terms(1, || unreachable!("kept from the last build"));
        cache.terms(3, || text("changed"));
        cache.finish();
        assert_eq!(cache.take_counted(), 1);
        // Key 2 was not used by the last build, so it is gone.
        cache.terms(2, || text("stack"));
        cache.finish();
        assert_eq!(cache.take_counted(), 1);
    }

    #[test]
    fn the_default_cache_keeps_nothing() {
        let cache = TermCache::default();
        cache.terms(1, || text("a"));
        cache.terms(1, || text("a"));
        cache.finish();
        assert_eq!(cache.take_counted(), 2);
    }
}
