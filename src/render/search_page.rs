//! The `/search/` results page; the search module computes the index files and the page's
//! filter choices, this renders the page with the theme's `search.html`.

use tera::Context;

use super::SiteRenderer;
use crate::content::Guide;
use crate::diagnostics::Diagnostics;
use crate::output::OutputFile;
use crate::urls::Route;

/// The search index files and the results page.
pub fn outputs(site: &SiteRenderer<'_>, guide: &Guide) -> Result<Vec<OutputFile>, Diagnostics> {
    let mut files = crate::search::outputs(site.checked, guide);
    let filters = crate::search::filters(guide);
    let mut ctx = Context::new();
    ctx.insert("topics", &filters.topics);
    ctx.insert("kinds", &filters.kinds);
    ctx.insert("difficulties", &filters.difficulties);
    let description = format!("Search {}", guide.config.title);
    files.push(site.page("search.html", &Route::Search, "Search", &description, ctx)?);
    Ok(files)
}
