//! What `syllabus serve` keeps between rebuilds, so that an edit re-renders only the pages
//! whose inputs changed.
//!
//! Every page kind is fixed, so each page's inputs are known exactly: a page job computes a
//! key (a hash of everything its template context and Markdown are made from) and is skipped
//! when the key equals the one of the last good build. Zola gave up on this because its
//! templates can pull any data; ours cannot, and `tests/serve.rs` compares an edited session
//! with a fresh build byte for byte to keep it honest.
//!
//! The cache is read-only while a build renders: new keys and Markdown are collected beside
//! it and [`RenderCache::commit`]ted only when the whole render succeeded, so a failed build
//! never leaves keys that point at pages the session does not hold.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

pub use crate::key::{Key, key_of};
use crate::search::TermCache;

#[derive(Default)]
pub struct RenderCache {
    enabled: bool,
    /// Output path → key of the page written there by the last good build.
    pages: HashMap<String, Key>,
    /// Name of a group of files rendered together (the plan, the search index) → its key
    /// and the paths it produced.
    groups: HashMap<&'static str, (Key, Vec<String>)>,
    /// Content path → key and rendered HTML of a document's Markdown.
    markdown: HashMap<String, (Key, Arc<str>)>,
    /// Filled during a render, moved into the fields above by `commit`.
    pending: Mutex<Pending>,
    rendered: AtomicUsize,
    /// Each page's search terms, so the index re-tokenizes only what changed.
    pub search_terms: TermCache,
    /// Groups a render leaves for the next one (`defer`).
    deferred: Mutex<Vec<&'static str>>,
}

#[derive(Default)]
struct Pending {
    pages: HashMap<String, Key>,
    groups: HashMap<&'static str, (Key, Vec<String>)>,
    markdown: HashMap<String, (Key, Arc<str>)>,
}

impl RenderCache {
    /// The cache `build` and `check` use: it never hits and keeps nothing.
    pub fn disabled() -> Self {
        Self::default()
    }

    /// The cache of a `serve` session.
    pub fn enabled() -> Self {
        Self {
            enabled: true,
            search_terms: TermCache::enabled(),
            ..Self::default()
        }
    }

    pub fn is_enabled(&self) -> bool {
        self.enabled
    }

    /// Whether the page at `path` is unchanged since the last good build. Records the key
    /// for the next build either way.
    pub fn page_is_fresh(&self, path: &str, key: Key) -> bool {
        if !self.enabled {
            return false;
        }
        self.lock().pages.insert(path.to_string(), key);
        self.pages.get(path) == Some(&key)
    }

    /// The paths of the group `name` if its key is unchanged. Records the key either way;
    /// the group's paths are recorded by [`RenderCache::group_rendered`].
    pub fn group_is_fresh(&self, name: &'static str, key: Key) -> Option<Vec<String>> {
        if !self.enabled {
            return None;
        }
        match self.groups.get(name) {
            Some((old, paths)) if *old == key => {
                let mut pending = self.lock();
                pending.groups.insert(name, (key, paths.clone()));
                // Files of the group with keys of their own keep them.
                for path in paths {
                    if let Some(page) = self.pages.get(path) {
                        pending.pages.insert(path.clone(), *page);
                    }
                }
                Some(paths.clone())
            }
            _ => None,
        }
    }

    /// Leaves the group `name` as the last good build made it, for a render that puts pages
    /// first ([`RenderCache::defer`]): its old key and paths are kept, so the render that
    /// follows remakes it (only what changed, where the group keys its files). `None` when
    /// there is nothing to keep (the first build), and the group must be rendered now.
    pub fn group_deferred(&self, name: &'static str) -> Option<Vec<String>> {
        if !self.enabled || !self.deferred.lock().unwrap_or_else(|e| e.into_inner()).contains(&name) {
            return None;
        }
        let (key, paths) = self.groups.get(name)?;
        let mut pending = self.lock();
        pending.groups.insert(name, (*key, paths.clone()));
        for path in paths {
            if let Some(page) = self.pages.get(path) {
                pending.pages.insert(path.clone(), *page);
            }
        }
        // Documents the group rendered itself, cached under its name (as the print views do).
        for (path, entry) in &self.markdown {
            if path.strip_prefix(name).is_some_and(|rest| rest.starts_with('|')) {
                pending.markdown.insert(path.clone(), (entry.0, Arc::clone(&entry.1)));
            }
        }
        Some(paths.clone())
    }

    /// Makes the next renders leave the groups `names` as they were (see
    /// [`RenderCache::group_deferred`]); an empty list renders everything again.
    pub fn defer(&self, names: &[&'static str]) {
        *self.deferred.lock().unwrap_or_else(|e| e.into_inner()) = names.to_vec();
    }

    pub fn group_rendered(&self, name: &'static str, key: Key, paths: Vec<String>) {
        if self.enabled {
            self.lock().groups.insert(name, (key, paths));
        }
    }

    /// A document's rendered Markdown, from the cache or from `render`.
    pub fn markdown(&self, path: &str, key: Key, render: impl FnOnce() -> String) -> String {
        if !self.enabled {
            return render();
        }
        if let Some((old, html)) = self.markdown.get(path)
            && *old == key
        {
            self.lock().markdown.insert(path.to_string(), (key, Arc::clone(html)));
            return html.to_string();
        }
        let html = render();
        self.lock()
            .markdown
            .insert(path.to_string(), (key, Arc::from(html.as_str())));
        html
    }

    /// Counts a page that was actually rendered (for the rebuild report and tests).
    pub fn count_rendered(&self) {
        self.rendered.fetch_add(1, Ordering::Relaxed);
    }

    /// Pages rendered since the last call.
    pub fn take_rendered(&self) -> usize {
        self.rendered.swap(0, Ordering::Relaxed)
    }

    /// Makes what the last render recorded the cache's state. Entries of pages that no longer
    /// exist are dropped with it.
    pub fn commit(&mut self) {
        let pending = std::mem::take(self.pending.get_mut().unwrap_or_else(|e| e.into_inner()));
        self.pages = pending.pages;
        self.groups = pending.groups;
        self.markdown = pending.markdown;
    }

    /// Forgets what a failed render recorded.
    pub fn discard(&mut self) {
        *self.pending.get_mut().unwrap_or_else(|e| e.into_inner()) = Pending::default();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Pending> {
        self.pending.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_fresh_only_after_a_committed_build_with_the_same_key() {
        let mut cache = RenderCache::enabled();
        assert!(!cache.page_is_fresh("a/index.html", 1));
        cache.commit();
        assert!(cache.page_is_fresh("a/index.html", 1));
        assert!(!cache.page_is_fresh("a/index.html", 2));
        // A failed build's keys are forgotten: the last good key still counts.
        cache.discard();
        assert!(cache.page_is_fresh("a/index.html", 1));
        cache.commit();
        // A page the last build did not render is dropped.
        cache.commit();
        assert!(!cache.page_is_fresh("a/index.html", 1));
    }

    #[test]
    fn the_disabled_cache_never_hits() {
        let mut cache = RenderCache::disabled();
        assert!(!cache.page_is_fresh("a", 1));
        cache.commit();
        assert!(!cache.page_is_fresh("a", 1));
        let mut calls = 0;
        cache.markdown("x.md", 1, || {
            calls += 1;
            String::new()
        });
        cache.markdown("x.md", 1, || {
            calls += 1;
            String::new()
        });
        assert_eq!(calls, 2);
    }

    #[test]
    fn markdown_is_rendered_once_per_key() {
        let mut cache = RenderCache::enabled();
        let mut calls = 0;
        let mut render = |key| {
            cache.markdown("x.md", key, || {
                calls += 1;
                format!("<p>{key}</p>")
            })
        };
        assert_eq!(render(1), "<p>1</p>");
        cache.commit();
        assert_eq!(cache.markdown("x.md", 1, || unreachable!()), "<p>1</p>");
        assert_eq!(cache.markdown("x.md", 2, || "<p>2</p>".into()), "<p>2</p>");
        assert_eq!(calls, 1);
    }
}
