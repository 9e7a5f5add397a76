//! The pipeline, top to bottom: load → validate → render → write (loading ends by reading
//! the images and downloads that validation found linked). `syllabus build` runs all
//! of it, `syllabus check` stops before writing, and `syllabus serve` runs it again on every
//! change with caches that skip what did not change (`StageCaches`, `RenderCache`).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::content::{Asset, Guide, Theme};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::highlight::Highlighter;
use crate::load::{self, LoadCache, LoadOptions};
use crate::output::{self, OutputFile};
use crate::render::{self, RenderCache, RenderOptions, Rendered};
use crate::validate::{self, Checked, OutlineCache};

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Where to write the site; `None` renders in memory only (`syllabus check`).
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    pub minify: bool,
}

#[derive(Debug)]
pub struct BuildReport {
    pub files: usize,
    pub pages: usize,
    pub questions: usize,
    pub topics: usize,
    pub elapsed: Duration,
    /// Warnings worth telling even though the build succeeded.
    pub warnings: Diagnostics,
}

/// A guide that loaded and validated, ready to render (or plan, or test).
pub struct Prepared {
    pub guide: Guide,
    pub theme: Theme,
    pub checked: Checked,
    /// The files pages link to (images, downloads), read once validation named them.
    pub assets: Vec<Asset>,
    pub warnings: Diagnostics,
}

/// What `syllabus serve` keeps from one build to the next, so that a rebuild parses and
/// outlines only what changed. `build`, `check` and `test` start from an empty one.
#[derive(Default)]
pub struct StageCaches {
    pub load: LoadCache,
    pub outlines: OutlineCache,
    /// The study plan's warnings, by a key of its inputs ([`crate::plan::inputs_key`]).
    pub plan_check: Option<(crate::key::Key, Diagnostics)>,
}

/// Load and validate. Every problem found is returned together.
pub fn prepare(root: &Path, drafts: bool) -> Result<Prepared, Diagnostics> {
    prepare_cached(root, drafts, &mut StageCaches::default())
}

/// [`prepare`], reusing what `caches` holds of unchanged files.
pub fn prepare_cached(root: &Path, drafts: bool, caches: &mut StageCaches) -> Result<Prepared, Diagnostics> {
    let loaded = load::load_cached(root, &LoadOptions { drafts }, &mut caches.load);
    let mut diagnostics = loaded.diagnostics;
    let Some(guide) = loaded.guide else {
        return Err(diagnostics);
    };
    let checked = validate::validate_cached(&guide, loaded.content_files, &mut diagnostics, &mut caches.outlines);
    let Some(theme) = loaded.theme else {
        return Err(diagnostics);
    };
    // The study plan's settings, and its warnings (overflow, topics in no phase).
    let plan_key = crate::plan::inputs_key(&guide);
    let plan_problems = match caches.plan_check.take() {
        Some((key, problems)) if key == plan_key => problems,
        _ => crate::plan::check(&guide),
    };
    diagnostics.extend(plan_problems.clone());
    caches.plan_check = Some((plan_key, plan_problems));
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    let assets = load::read_assets(root, &checked.assets, &mut diagnostics);
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok(Prepared {
        guide,
        theme,
        checked,
        assets,
        warnings: diagnostics,
    })
}

/// Renders a prepared guide into the site's files.
pub fn render_site(prepared: &Prepared, base_url: Option<&str>, minify: bool) -> Result<Vec<OutputFile>, Diagnostics> {
    let highlighter = Highlighter::with_code_cache();
    render_site_cached(prepared, base_url, minify, &highlighter, &RenderCache::disabled()).map(|r| r.files)
}

/// [`render_site`] with a session's highlighter and render cache: pages whose inputs did not
/// change since the cache's last commit are listed as unchanged instead of rendered.
pub fn render_site_cached(
    prepared: &Prepared,
    base_url: Option<&str>,
    minify: bool,
    highlighter: &Highlighter,
    cache: &RenderCache,
) -> Result<Rendered, Diagnostics> {
    let options = RenderOptions {
        base_url: base_url.unwrap_or_else(|| prepared.guide.config.base_url()).to_string(),
        minify,
    };
    let render = || {
        render::render_cached(
            &prepared.guide,
            &prepared.theme,
            &prepared.checked,
            &prepared.assets,
            highlighter,
            &options,
            cache,
        )
    };
    // Validation bounds nesting (markdown::MAX_NESTING); the HTML tools that run here
    // (templates, the minifier) recurse, so they also get stacks with room to spare.
    match rayon::ThreadPoolBuilder::new().stack_size(RENDER_STACK_BYTES).build() {
        Ok(pool) => pool.install(render),
        Err(_) => render(),
    }
}

/// Stack of each rendering thread: reserved address space, used only as deep as pages go.
const RENDER_STACK_BYTES: usize = 64 << 20;

/// How a writer error begins, so the command line can say what was (not) touched.
pub const WRITE_FAILED: &str = "cannot write the site to";

pub fn run(options: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    let started = Instant::now();
    let prepared = prepare(&options.root, options.drafts)?;
    let files = render_site(&prepared, options.base_url.as_deref(), options.minify)?;
    if let Some(output) = &options.output {
        output::check_location(&options.root, output).map_err(|reason| {
            Diagnostics::from(
                Diagnostic::error(format!("{WRITE_FAILED} {}: {reason}", output.display()))
                    .help("pass --output with a folder of its own, e.g. `--output site`"),
            )
        })?;
        output::write_site(output, &files).map_err(|err| {
            Diagnostics::from(
                Diagnostic::error(format!("{WRITE_FAILED} {}: {err}", output.display()))
                    .help("what was at the output path is as it was; check the path, its permissions and free space"),
            )
        })?;
    }
    let guide = &prepared.guide;
    Ok(BuildReport {
        files: files.len(),
        pages: files.iter().filter(|f| f.path.ends_with(".html")).count(),
        questions: guide.questions().count(),
        topics: guide.topics.len(),
        elapsed: started.elapsed(),
        warnings: prepared.warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// A build shows each block up to three times (its page, `/print/`, its topic's print
    /// view), and those pages render in parallel: highlighting, the costliest step, must
    /// still happen once per distinct block.
    #[test]
    fn a_build_highlights_each_distinct_block_once() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/python-guide");
        let prepared = prepare(&root, false).expect("the fixture guide prepares");
        let distinct: HashSet<(&str, &str)> = prepared
            .checked
            .outlines
            .values()
            .flat_map(|outline| &outline.code_blocks)
            .map(|block| (block.lang.as_str(), block.code.as_str()))
            .collect();
        let highlighter = Highlighter::with_code_cache();
        let rendered = render_site_cached(&prepared, None, true, &highlighter, &RenderCache::disabled())
            .expect("the fixture guide renders");
        assert!(rendered.files.iter().any(|f| f.path == "print/index.html"));
        assert!(distinct.len() > 100, "the fixture has code: {}", distinct.len());
        assert_eq!(highlighter.blocks_highlighted(), distinct.len());
    }
}
