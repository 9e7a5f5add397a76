//! Stage 1: read `content/` and the theme from disk into the plain-data model. This and the
//! writer are the only stages that touch the file system.
//!
//! Every file is parsed even when others fail, so one run reports every problem.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::content::frontmatter::{self, Split};
use crate::content::meta::{HomeMeta, PageMeta, QuestionMeta, TopicMeta};
use crate::content::yaml::{self, location_range};
use crate::content::{Asset, Document, Guide, GuideConfig, Page, Question, Theme, ThemeTemplate, Topic};
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile};
use crate::slug::is_valid_slug;
use crate::urls::Route;

mod appearance;
mod listing;

use listing::Listing;

pub use appearance::CSS_VARIABLES;

#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Keep questions marked `draft: true`.
    pub drafts: bool,
}

/// What loading produced: the guide (when its essential files parsed), its theme, every
/// file under `content/` that a link may name (so a link to a file that failed to parse is
/// not also reported as missing, and images and downloads can be checked), and the problems
/// found.
#[derive(Debug)]
pub struct Loaded {
    pub guide: Option<Guide>,
    pub theme: Option<Theme>,
    /// Paths relative to `content/`, with `/` separators: the Markdown files, and every
    /// other file that is not hidden (`.name`) and not `guide.yaml` (assets pages may link to;
    /// only linked ones are read, by [`read_assets`]).
    pub content_files: BTreeSet<String>,
    pub diagnostics: Diagnostics,
}

/// What `serve` keeps between loads: each content file as last read and what it parsed to,
/// so that a rebuild parses only the files whose text changed — and, when the file watcher
/// says which files changed, reads only those.
#[derive(Default)]
pub struct LoadCache {
    drafts: bool,
    files: HashMap<String, Cached>,
    parsed: usize,
    /// Each file's size and modification time when it was last read, with what was read.
    stamps: HashMap<PathBuf, (Stamp, Arc<SourceFile>)>,
    /// Set by [`LoadCache::changed`] for the next load only.
    changed: Option<HashSet<OsString>>,
    /// The same, as whole paths, to update `listing` with.
    changed_paths: Option<HashSet<PathBuf>>,
    /// The files under `content/` the last load found.
    listing: Option<Listing>,
    read: usize,
    walked: usize,
}

/// A file as last read, and what it parsed to.
type Cached = (Arc<SourceFile>, Parsed);

/// Size and modification time of a file.
type Stamp = (u64, Option<SystemTime>);

impl LoadCache {
    /// Files parsed (not taken from the cache) since the last call.
    pub fn take_parsed(&mut self) -> usize {
        std::mem::take(&mut self.parsed)
    }

    /// Walks of `content/` since the last call (the others updated the last listing).
    pub fn take_walked(&mut self) -> usize {
        std::mem::take(&mut self.walked)
    }

    /// Files read from disk since the last call.
    pub fn take_read(&mut self) -> usize {
        std::mem::take(&mut self.read)
    }

    /// Lets the next load skip reading a file whose size and modification time are as when
    /// it was last read, unless its name is among `paths` (what the watcher saw change): a
    /// save can keep both, since modification times are only as fine as the kernel's clock
    /// tick. Names rather than whole paths, so that `./x` and `/abs/x` cannot disagree;
    /// a name in two folders is read in both, which costs little and never misses.
    pub fn changed(&mut self, paths: &[PathBuf]) {
        self.changed = Some(paths.iter().filter_map(|p| p.file_name()).map(OsString::from).collect());
        self.changed_paths = Some(paths.iter().cloned().collect());
    }
}

pub fn load(root: &Path, options: &LoadOptions) -> Loaded {
    load_cached(root, options, &mut LoadCache::default())
}

/// [`load`], reusing what `cache` holds of files whose text is unchanged.
pub fn load_cached(root: &Path, options: &LoadOptions, cache: &mut LoadCache) -> Loaded {
    let mut diagnostics = Diagnostics::new();
    let content_dir = root.join("content");
    if !content_dir.is_dir() {
        diagnostics.push(
            Diagnostic::error(format!("no content directory at {}", content_dir.display()))
                .help("run syllabus from the guide's folder, or pass --root DIR"),
        );
        return Loaded {
            guide: None,
            theme: None,
            content_files: BTreeSet::new(),
            diagnostics,
        };
    }

    let changed = cache.changed.take();
    let changed_paths = cache.changed_paths.take();
    let known = changed.as_ref().map(|names| Known {
        stamps: &cache.stamps,
        changed: names,
    });
    // The watcher named every change: the last listing with those, if it can tell.
    let listed = match (&cache.listing, &changed_paths, &known) {
        (Some(listing), Some(paths), Some(_)) => listing.updated(&content_dir, paths),
        _ => None,
    };
    cache.walked += usize::from(listed.is_none());
    let mut tree = read_tree(root, &content_dir, known, listed, &mut diagnostics);
    cache.listing = tree.listing.take();
    let (files, assets) = (tree.files, tree.assets);
    cache.stamps = tree.stamps;
    cache.read += tree.read;
    let content_files = files
        .iter()
        .filter(|f| f.rel.ends_with(".md"))
        .map(|f| f.rel.clone())
        .chain(assets)
        .collect();

    let config = match files.iter().find(|f| f.rel == "guide.yaml") {
        Some(file) => parse_config(file, &mut diagnostics),
        None => {
            diagnostics.push(
                Diagnostic::error("missing content/guide.yaml")
                    .help("create it with at least `title`, `description` and `base_url`"),
            );
            None
        }
    };

    let home = match files.iter().find(|f| f.rel == "index.md") {
        Some(file) => parse_home(file, &mut diagnostics),
        None => {
            diagnostics.push(
                Diagnostic::error("missing content/index.md").help("create the home page with `title` front matter"),
            );
            None
        }
    };

    if cache.drafts != options.drafts {
        cache.files.clear();
        cache.drafts = options.drafts;
    }
    // A file whose text is as last time keeps what it parsed to: moved out of the cache,
    // so that it is cloned once (for the guide), not twice.
    let mut previous = std::mem::take(&mut cache.files);
    let slots: Vec<(&ContentFile, Option<Cached>)> = files
        .iter()
        .filter(|f| f.rel != "guide.yaml" && f.rel != "index.md")
        .map(|f| match previous.remove(&f.rel) {
            Some((source, parsed))
                if Arc::ptr_eq(&source, &f.source)
                    || (source.text == f.source.text && source.path == f.source.path) =>
            {
                (f, Some((source, parsed)))
            }
            _ => (f, None),
        })
        .collect();
    drop(previous);
    // Parse the others, the many small files in parallel.
    let slots: Vec<(&ContentFile, Arc<SourceFile>, Parsed, bool)> = slots
        .into_par_iter()
        .map(|(f, kept)| match kept {
            Some((source, parsed)) => (f, source, parsed, false),
            None => (f, Arc::clone(&f.source), parse_file(f, options), true),
        })
        .collect();
    let mut items = Vec::with_capacity(slots.len());
    for (file, source, item, fresh) in slots {
        cache.parsed += usize::from(fresh);
        items.push(item.clone());
        cache.files.insert(file.rel.clone(), (source, item));
    }
    let parsed = items;

    let mut pages = Vec::new();
    let mut topics: Vec<Topic> = Vec::new();
    let mut questions = Vec::new();
    let mut topic_dirs = BTreeSet::new();
    for item in parsed {
        match item {
            Parsed::Page(p) => pages.push(p),
            Parsed::Topic(t) => topics.push(t),
            Parsed::Question(q) => {
                topic_dirs.insert(q.topic.clone());
                questions.push(q);
            }
            Parsed::QuestionDir(dir) => {
                topic_dirs.insert(dir);
            }
            Parsed::Skipped => {}
            Parsed::Failed(d) => diagnostics.push(d),
            Parsed::FailedMany(ds) => diagnostics.extend(ds),
        }
    }
    for dir in &topic_dirs {
        if !topics.iter().any(|t| &t.slug == dir) {
            diagnostics.push(
                Diagnostic::error(format!("topic folder content/topics/{dir}/ has no _topic.md"))
                    .in_file(format!("content/topics/{dir}"))
                    .help("add _topic.md with `title`, `order`, `share` and `summary` front matter"),
            );
        }
    }
    for question in questions {
        if let Some(topic) = topics.iter_mut().find(|t| t.slug == question.topic) {
            topic.questions.push(question);
        }
    }
    for topic in &mut topics {
        topic.questions.sort_by_key(|q| q.study_order());
    }
    topics.sort_by_key(|t| (t.order, t.title.to_lowercase()));
    pages.sort_by_key(|p| (p.order, p.title.to_lowercase()));

    let theme = config
        .as_ref()
        .and_then(|(config, source)| load_theme(root, config, source, &mut diagnostics));
    // A broken guide.yaml must not hide the other files' problems (links, anchors): they are
    // checked against stand-in settings, and the run still fails on guide.yaml's errors.
    let config = config.or_else(|| {
        let file = files.iter().find(|f| f.rel == "guide.yaml")?;
        let stand_in = "{title: '', description: '', base_url: 'https://example.invalid/'}";
        let config = serde_saphyr::from_str::<GuideConfig>(stand_in).ok()?;
        Some((config, Arc::clone(&file.source)))
    });
    let guide = match (config, home) {
        (Some((config, config_source)), Some(home)) => Some(Guide {
            appearance: appearance::load(root, &config, &config_source, &mut diagnostics),
            config,
            config_source,
            home,
            pages,
            topics,
        }),
        _ => None,
    };
    Loaded {
        guide,
        theme,
        content_files,
        diagnostics,
    }
}

/// A file under `content/`, read and decoded.
struct ContentFile {
    /// Relative to `content/`, `/`-separated.
    rel: String,
    source: Arc<SourceFile>,
}

/// What a load may trust of the last one: files it read, and the names of files changed since.
struct Known<'a> {
    stamps: &'a HashMap<PathBuf, (Stamp, Arc<SourceFile>)>,
    changed: &'a HashSet<OsString>,
}

impl Known<'_> {
    /// The file as last read and its stamp, without looking at the disk: when the watcher
    /// reported every change, a file it did not name is as it was.
    fn unnamed(&self, path: &Path) -> Option<(Stamp, Arc<SourceFile>)> {
        if path.file_name().is_some_and(|name| self.changed.contains(name)) {
            return None;
        }
        match self.stamps.get(path) {
            Some((stamp, source)) if stamp.1.is_some() => Some((*stamp, Arc::clone(source))),
            _ => None,
        }
    }

    /// The file as last read, if it cannot have changed since.
    fn unchanged(&self, path: &Path, stamp: &Stamp) -> Option<Arc<SourceFile>> {
        if path.file_name().is_some_and(|name| self.changed.contains(name)) {
            return None;
        }
        match self.stamps.get(path) {
            Some((old, source)) if old == stamp && stamp.1.is_some() => Some(Arc::clone(source)),
            _ => None,
        }
    }
}

/// What [`read_tree`] found under `content/`.
struct Tree {
    /// The Markdown files and `guide.yaml`, read (or kept, by `known`).
    files: Vec<ContentFile>,
    /// The other files that are not hidden: the assets pages may link to, not read here.
    assets: Vec<String>,
    /// Each read file's stamp, for the next load.
    stamps: HashMap<PathBuf, (Stamp, Arc<SourceFile>)>,
    /// How many files were read from disk (the others were unchanged, by `known`).
    read: usize,
    listing: Option<Listing>,
}

/// Reads the Markdown files and `guide.yaml` under `content_dir`, and lists (without reading)
/// the other files that are not hidden. `listed`: the files, when the last listing and the
/// watcher's paths tell them (then neither the folders are walked nor unnamed files stat-ed).
fn read_tree(
    root: &Path,
    content_dir: &Path,
    known: Option<Known<'_>>,
    listed: Option<Vec<PathBuf>>,
    diagnostics: &mut Diagnostics,
) -> Tree {
    let trusted = listed.is_some();
    let (paths, listing) = match listed {
        Some(paths) => {
            let listing = Listing::of_walk(&paths, false);
            (paths, listing)
        }
        None => walk(root, content_dir, diagnostics),
    };
    read_files(root, content_dir, known, trusted, paths, listing, diagnostics)
}

/// The files under `content_dir`, as `build` finds them (links followed within the guide),
/// and their listing for the next load.
fn walk(root: &Path, content_dir: &Path, diagnostics: &mut Diagnostics) -> (Vec<PathBuf>, Option<Listing>) {
    let mut paths = Vec::new();
    let mut saw_symlink = false;
    // Symbolic links are followed while they stay inside the guide's folder (a question shared
    // between two topics); one that leads elsewhere, or nowhere, is an error.
    let guide_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut outside = Vec::new();
    let walker = WalkDir::new(content_dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            if !entry.path_is_symlink() {
                return true;
            }
            saw_symlink = true;
            match std::fs::canonicalize(entry.path()) {
                Ok(target) if target.starts_with(&guide_root) => true,
                Ok(target) => {
                    outside.push(
                        Diagnostic::error(format!(
                            "symbolic link leads outside the guide, to {}",
                            target.display()
                        ))
                        .in_file(display_path(root, entry.path()))
                        .help("syllabus follows links only within the guide's folder; copy the file into content/ instead"),
                    );
                    false
                }
                Err(_) => true, // broken: the walker reports it below
            }
        });
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => paths.push(entry.into_path()),
            Ok(_) => {}
            Err(err) => {
                let mut d = Diagnostic::error(format!("cannot read the content directory: {err}"))
                    .help("a broken or looping symbolic link? point it at a file inside the guide, or remove it");
                if let Some(path) = err.path() {
                    d = d.in_file(display_path(root, path));
                }
                diagnostics.push(d);
            }
        }
    }
    for d in outside {
        diagnostics.push(d);
    }
    let listing = Listing::of_walk(&paths, saw_symlink);
    (paths, listing)
}

/// Reads (or keeps) the files `paths` names; see [`read_tree`].
fn read_files(
    root: &Path,
    content_dir: &Path,
    known: Option<Known<'_>>,
    trusted: bool,
    paths: Vec<PathBuf>,
    listing: Option<Listing>,
    diagnostics: &mut Diagnostics,
) -> Tree {
    let results: Vec<Result<Read, Diagnostic>> = paths
        .par_iter()
        .map(|path| {
            let rel = path.strip_prefix(content_dir).unwrap_or(path);
            let rel = rel.to_string_lossy().replace('\\', "/");
            let display = display_path(root, path);
            let hidden = rel.split('/').any(|part| part.starts_with('.'));
            let lower = rel.to_ascii_lowercase();
            if !hidden && !rel.ends_with(".md") && (lower.ends_with(".md") || lower.ends_with(".markdown")) {
                return Err(Diagnostic::warning(
                    "this Markdown file is not read: syllabus reads files ending in `.md`",
                )
                .in_file(&display)
                .help("rename it to end in `.md` (lowercase) to make it part of the guide"));
            }
            if hidden {
                return Ok(Read::Skipped); // editor swap files, .DS_Store, .git
            }
            if !(rel.ends_with(".md") || rel == "guide.yaml") {
                return Ok(Read::Asset(rel)); // read only if a page links to it
            }
            if trusted && let Some((stamp, source)) = known.as_ref().and_then(|k| k.unnamed(path)) {
                return Ok(Read::Content(ContentFile { rel, source }, stamp, false));
            }
            let stamp: Stamp = match std::fs::metadata(path) {
                Ok(meta) => (meta.len(), meta.modified().ok()),
                Err(_) => (0, None),
            };
            if let Some(source) = known.as_ref().and_then(|k| k.unchanged(path, &stamp)) {
                return Ok(Read::Content(ContentFile { rel, source }, stamp, false));
            }
            let bytes = std::fs::read(path)
                .map_err(|err| Diagnostic::error(format!("cannot read file: {err}")).in_file(&display))?;
            let text = frontmatter::decode(&display, &bytes)?;
            let source = SourceFile::new(display, text);
            Ok(Read::Content(ContentFile { rel, source }, stamp, true))
        })
        .collect();
    let mut tree = Tree {
        files: Vec::new(),
        assets: Vec::new(),
        stamps: HashMap::with_capacity(results.len()),
        read: 0,
        listing,
    };
    for (path, result) in paths.into_iter().zip(results) {
        match result {
            Ok(Read::Content(file, stamp, fresh)) => {
                tree.read += usize::from(fresh);
                tree.stamps.insert(path, (stamp, Arc::clone(&file.source)));
                tree.files.push(file);
            }
            Ok(Read::Asset(rel)) => tree.assets.push(rel),
            Ok(Read::Skipped) => {}
            Err(d) => diagnostics.push(d),
        }
    }
    tree
}

/// What [`read_tree`] made of one file.
enum Read {
    /// A Markdown file or `guide.yaml`, its stamp, and whether it was read now.
    Content(ContentFile, Stamp, bool),
    Asset(String),
    Skipped,
}

/// Reads the assets that pages link to (`Checked::assets`, paths relative to `content/`),
/// so that rendering can publish them without touching the disk. The last step of loading:
/// it runs once validation knows which files are linked, so files no page links to are
/// neither read nor published.
pub fn read_assets<'a>(
    root: &Path,
    linked: impl IntoIterator<Item = &'a String>,
    diagnostics: &mut Diagnostics,
) -> Vec<Asset> {
    let content_dir = root.join("content");
    let linked: Vec<&String> = linked.into_iter().collect();
    let read: Vec<Result<Asset, Diagnostic>> = linked
        .par_iter()
        .map(|rel| match std::fs::read(content_dir.join(rel.as_str())) {
            Ok(bytes) => {
                // A linked SVG opened on its own runs its script on the site's origin.
                let is_svg = rel.to_ascii_lowercase().ends_with(".svg");
                if is_svg && let Some(what) = crate::sanitize::svg_script(&String::from_utf8_lossy(&bytes)) {
                    return Err(Diagnostic::error(format!("this SVG file runs script: it has {what}"))
                        .in_file(display_path(root, &content_dir.join(rel.as_str())))
                        .help("a page links to it, and it would run on the site when opened; remove the script from the drawing (export it again as a plain SVG)"));
                }
                Ok(Asset {
                    path: (*rel).clone(),
                    bytes: bytes.into(),
                })
            }
            Err(err) => Err(Diagnostic::error(format!("cannot read file: {err}"))
                .in_file(display_path(root, &content_dir.join(rel.as_str())))
                .help("a page links to this file; check that it is readable")),
        })
        .collect();
    let mut assets = Vec::with_capacity(read.len());
    for result in read {
        match result {
            Ok(asset) => assets.push(asset),
            Err(d) => diagnostics.push(d),
        }
    }
    assets
}

fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

fn parse_config(file: &ContentFile, diagnostics: &mut Diagnostics) -> Option<(GuideConfig, Arc<SourceFile>)> {
    let source = &file.source;
    if source.text.trim().is_empty() {
        diagnostics.push(
            Diagnostic::error("guide.yaml is empty")
                .at(source, 0..0, "nothing here")
                .help("add at least `title`, `description` and `base_url`"),
        );
        return None;
    }
    match yaml::parse::<GuideConfig>(source, 0, source.text.len(), "guide.yaml") {
        Ok(config) => {
            let url = config.base_url();
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                diagnostics.push(
                    Diagnostic::error(format!("base_url '{url}' is not an absolute http(s) URL"))
                        .at(source, location_range(source, 0, &config.base_url.referenced), "here")
                        .help("write the deployed address, e.g. `base_url: https://you.github.io/guide/`"),
                );
            }
            Some((config, Arc::clone(source)))
        }
        Err(d) => {
            diagnostics.push(d);
            None
        }
    }
}

fn split_and_parse<T: serde::de::DeserializeOwned>(
    source: &Arc<SourceFile>,
    what: &str,
) -> Result<(T, Split), Diagnostic> {
    let split = frontmatter::split(source)?;
    let meta = yaml::parse::<T>(source, split.yaml_start, split.yaml_end, what)?;
    Ok((meta, split))
}

fn parse_home(file: &ContentFile, diagnostics: &mut Diagnostics) -> Option<Page> {
    match split_and_parse::<HomeMeta>(&file.source, "the home page's front matter") {
        Ok((meta, split)) => Some(Page {
            route: Route::Home,
            title: meta.title,
            order: 0,
            nav: false,
            doc: Document {
                source: Arc::clone(&file.source),
                body_start: split.body_start,
            },
        }),
        Err(d) => {
            diagnostics.push(d);
            None
        }
    }
}

#[derive(Clone)]
enum Parsed {
    Page(Page),
    Topic(Topic),
    Question(Question),
    /// A question's folder, to check that the topic has a `_topic.md`.
    QuestionDir(String),
    Skipped,
    Failed(Diagnostic),
    FailedMany(Diagnostics),
}

fn parse_file(file: &ContentFile, options: &LoadOptions) -> Parsed {
    let parts: Vec<&str> = file.rel.split('/').collect();
    let result = match parts.as_slice() {
        ["pages", name] => parse_page(file, name),
        ["topics", topic, "_topic.md"] => parse_topic(file, topic),
        ["topics", topic, name] => match parse_question(file, topic, name, options) {
            Ok(None) => return Parsed::QuestionDir((*topic).to_string()),
            other => other,
        },
        _ => Err(Diagnostic::error("file is not where syllabus looks for content")
            .at(&file.source, 0..0, "this file is not part of the guide")
            .help("pages go in content/pages/<slug>.md, topics in content/topics/<topic>/_topic.md, questions in content/topics/<topic>/<question>.md")
            .into()),
    };
    match result {
        Ok(Some(parsed)) => parsed,
        Ok(None) => Parsed::Skipped,
        Err(ds) => {
            let mut ds: Vec<Diagnostic> = ds.into_iter().collect();
            if ds.len() == 1 {
                Parsed::Failed(ds.remove(0))
            } else {
                Parsed::FailedMany(ds.into_iter().collect())
            }
        }
    }
}

fn slug_error(file: &ContentFile, slug: &str, what: &str) -> Diagnostic {
    Diagnostic::error(format!("'{slug}' is not a valid slug for {what}"))
        .at(&file.source, 0..0, "this file")
        .help("slugs become URLs: use lowercase letters, digits and hyphens only, e.g. `two-sum`")
}

fn parse_page(file: &ContentFile, name: &str) -> Result<Option<Parsed>, Diagnostics> {
    let slug = name.trim_end_matches(".md");
    if !is_valid_slug(slug) {
        return Err(slug_error(file, slug, "a page file name").into());
    }
    let (meta, split) = split_and_parse::<PageMeta>(&file.source, "a page's front matter")?;
    Ok(Some(Parsed::Page(Page {
        route: Route::Page(slug.to_string()),
        title: meta.title,
        order: meta.order.unwrap_or(i64::MAX),
        nav: meta.nav.unwrap_or(true),
        doc: Document {
            source: Arc::clone(&file.source),
            body_start: split.body_start,
        },
    })))
}

fn parse_topic(file: &ContentFile, topic: &str) -> Result<Option<Parsed>, Diagnostics> {
    if !is_valid_slug(topic) {
        return Err(slug_error(file, topic, "a topic folder name").into());
    }
    let (meta, split) = split_and_parse::<TopicMeta>(&file.source, "a topic's front matter")?;
    let mut share = 0;
    if let Some(s) = meta.share {
        if s.value > 100 {
            return Err(Diagnostic::error(format!("share {} is more than 100 percent", s.value))
                .at(
                    &file.source,
                    location_range(&file.source, split.yaml_start, &s.referenced),
                    "here",
                )
                .help("`share` is the topic's percent of practice time, 0 to 100")
                .into());
        }
        share = s.value;
    }
    Ok(Some(Parsed::Topic(Topic {
        slug: topic.to_string(),
        title: meta.title,
        order: meta.order.unwrap_or(i64::MAX),
        share,
        summary: meta.summary,
        doc: Document {
            source: Arc::clone(&file.source),
            body_start: split.body_start,
        },
        questions: Vec::new(),
    })))
}

/// The most practice time one question may ask for.
pub const MAX_MINUTES: u32 = 600;

/// The longest file or folder name common file systems allow (ext4, APFS, NTFS: 255 bytes).
pub const MAX_NAME_BYTES: usize = 255;

/// `Ok(None)` for a draft that is left out.
fn parse_question(
    file: &ContentFile,
    topic: &str,
    name: &str,
    options: &LoadOptions,
) -> Result<Option<Parsed>, Diagnostics> {
    let source = &file.source;
    let (meta, split) = split_and_parse::<QuestionMeta>(source, "a question's front matter")?;
    let at = |loc: &serde_saphyr::Location| location_range(source, split.yaml_start, loc);
    let mut problems = Diagnostics::new();
    if meta.minutes.value == 0 {
        problems.push(
            Diagnostic::error("minutes must be a positive whole number")
                .at(source, at(&meta.minutes.referenced), "zero minutes")
                .help("give the practice time in minutes, e.g. `minutes: 45`"),
        );
    } else if meta.minutes.value > MAX_MINUTES {
        problems.push(
            Diagnostic::error(format!("minutes {} is more than {MAX_MINUTES}", meta.minutes.value))
                .at(source, at(&meta.minutes.referenced), "too long for one question")
                .help(format!(
                    "a question is practised in one sitting: give at most {MAX_MINUTES} minutes (10 hours), or split it"
                )),
        );
    }
    if let Some(s) = &meta.slug
        && s.value.len() > MAX_NAME_BYTES
    {
        problems.push(
            Diagnostic::error(format!(
                "slug is {} bytes long, more than a file name may be",
                s.value.len()
            ))
            .at(source, at(&s.referenced), "too long")
            .help(format!(
                "slugs become folder names, which file systems limit to {MAX_NAME_BYTES} bytes"
            )),
        );
    }
    let slug = match &meta.slug {
        Some(s) => {
            if !is_valid_slug(&s.value) {
                problems.push(
                    Diagnostic::error(format!("'{}' is not a valid slug", s.value))
                        .at(source, at(&s.referenced), "invalid slug")
                        .help("slugs become URLs: use lowercase letters, digits and hyphens only"),
                );
            }
            s.value.clone()
        }
        None => {
            let stem = name.trim_end_matches(".md");
            if !is_valid_slug(stem) {
                problems.push(slug_error(file, stem, "a question file name"));
            }
            stem.to_string()
        }
    };
    for tag in &meta.tags {
        if tag.value.len() > MAX_NAME_BYTES {
            problems.push(
                Diagnostic::error(format!(
                    "tag is {} bytes long, more than a file name may be",
                    tag.value.len()
                ))
                .at(source, at(&tag.referenced), "too long")
                .help(format!(
                    "each tag gets a folder under tags/, and file systems limit names to {MAX_NAME_BYTES} bytes"
                )),
            );
        } else if !is_valid_slug(&tag.value) {
            problems.push(
                Diagnostic::error(format!("tag '{}' is not lowercase and hyphenated", tag.value))
                    .at(source, at(&tag.referenced), "here")
                    .help(format!("write it as `{}`", crate::slug::slugify(&tag.value))),
            );
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if meta.draft && !options.drafts {
        return Ok(None);
    }
    Ok(Some(Parsed::Question(Question {
        topic: topic.to_string(),
        slug,
        title: meta.title,
        difficulty: meta.difficulty,
        kind: meta.kind,
        minutes: meta.minutes.value,
        tags: meta.tags.into_iter().map(|t| t.value).collect(),
        stage: meta.stage,
        order: meta.order,
        draft: meta.draft,
        doc: Document {
            source: Arc::clone(source),
            body_start: split.body_start,
        },
    })))
}

/// The built-in theme with the guide's `themes/<name>/` files laid over it, one file at a
/// time. `theme: default` needs no folder; any other name needs one.
fn load_theme(
    root: &Path,
    config: &GuideConfig,
    config_source: &Arc<SourceFile>,
    diagnostics: &mut Diagnostics,
) -> Option<Theme> {
    let name = &config.theme.value;
    let dir = root.join("themes").join(name);
    if !is_valid_slug(name) || !(dir.is_dir() || name == crate::theme::BUILTIN_NAME) {
        let mut d = Diagnostic::error(format!(
            "theme '{name}' not found at {}",
            display_path(root, &dir).display()
        ))
        .help(format!(
            "create {}/templates/ with the templates you change (`syllabus theme eject --name {name}` copies them all), or remove `theme:` to use the built-in theme",
            display_path(root, &dir).display()
        ));
        let range = location_range(config_source, 0, &config.theme.referenced);
        if range.start != 0 || range.end != 0 {
            d = d.at(config_source, range, "this theme");
        }
        diagnostics.push(d);
        return None;
    }
    let mut theme = crate::theme::builtin(name);
    for (sub, is_template) in [("templates", true), ("static", false)] {
        let base = dir.join(sub);
        if !base.is_dir() {
            continue;
        }
        for entry in WalkDir::new(&base).sort_by_file_name() {
            let entry = match entry {
                Ok(e) if e.file_type().is_file() => e,
                Ok(_) => continue,
                Err(err) => {
                    diagnostics.push(Diagnostic::error(format!("cannot read theme: {err}")));
                    continue;
                }
            };
            let rel = entry
                .path()
                .strip_prefix(&base)
                .unwrap_or(entry.path())
                .to_string_lossy()
                .replace('\\', "/");
            if rel.split('/').any(|part| part.starts_with('.')) {
                continue; // editor swap files, .DS_Store
            }
            let display = display_path(root, entry.path());
            match std::fs::read(entry.path()) {
                Ok(bytes) if is_template => match String::from_utf8(bytes) {
                    Ok(text) => {
                        theme.templates.retain(|t| t.name != rel);
                        theme.templates.push(ThemeTemplate {
                            name: rel,
                            source: SourceFile::new(display, text),
                            builtin: false,
                        });
                    }
                    Err(_) => diagnostics.push(Diagnostic::error("template is not valid UTF-8").in_file(display)),
                },
                Ok(bytes) => {
                    theme.static_files.retain(|(p, _)| *p != rel);
                    theme.static_files.push((rel, bytes));
                }
                Err(err) => diagnostics.push(Diagnostic::error(format!("cannot read file: {err}")).in_file(display)),
            }
        }
    }
    Some(theme)
}
