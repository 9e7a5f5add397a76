//! The `/plan/` page: the plan module computes the schedule and the page's data; this turns
//! it into HTML with the theme's `plan.html`.

use tera::Context;

use super::SiteRenderer;
use crate::content::Guide;
use crate::diagnostics::Diagnostics;
use crate::output::OutputFile;
use crate::urls::Route;

/// The `/plan/` page and the plan's other files (`plan.json`, `.ics`, `.csv`).
pub fn outputs(site: &SiteRenderer<'_>, guide: &Guide) -> Result<Vec<OutputFile>, Diagnostics> {
    let plan = crate::plan::outputs(guide, &site.options.base_url)?;
    let mut ctx = Context::new();
    ctx.insert("plan", &plan.page);
    ctx.insert("plan_json", &plan.embedded_json);
    let mut files = vec![site.page("plan.html", &Route::Plan, "Study plan", &plan.description, ctx)?];
    files.extend(plan.files);
    Ok(files)
}
