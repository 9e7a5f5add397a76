//! The `/search/` results page; the search module computes the index files and the page's
//! filter choices, this renders the page with the theme's `search.html`.

use tera::Context;

use super::SiteRenderer;
use crate::content::Guide;
use crate::diagnostics::Diagnostics;
use crate::output::OutputFile;
use crate::urls::Route;

/// The search index files and the results page, and the paths of index files that are as
/// the last build of a `serve` session made them.
pub fn outputs(site: &SiteRenderer<'_>, guide: &Guide) -> Result<(Vec<OutputFile>, Vec<String>), Diagnostics> {
    let cache = site.cache;
    let fresh = |path: &str, key| cache.page_is_fresh(path, key);
    let index = crate::search::outputs(site.checked, guide, &cache.search_terms, &fresh);
    let mut files = index.files;
    let filters = crate::search::filters(guide);
    let mut ctx = Context::new();
    ctx.insert("topics", &filters.topics);
    ctx.insert("kinds", &filters.kinds);
    ctx.insert("difficulties", &filters.difficulties);
    let description = format!("Search {}", guide.config.title);
    files.push(site.page("search.html", &Route::Search, "Search", &description, ctx)?);
    Ok((files, index.unchanged))
}
