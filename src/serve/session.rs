//! A `serve` session: the site held in memory, and the caches that let a rebuild redo only
//! what an edit changed. A rebuild runs the same stages as `syllabus build` (prepare, then
//! render) and ends where `build` would write: instead, the new files replace the old ones
//! in memory. A failed rebuild keeps the last good site and reports its problems.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::build::{self, StageCaches};
use crate::diagnostics::Diagnostics;
use crate::highlight::Highlighter;
use crate::render::RenderCache;

/// The files of the site, by path relative to the site root (`topics/a/index.html`).
pub type SiteFiles = HashMap<String, Arc<Vec<u8>>>;

pub struct Session {
    root: PathBuf,
    drafts: bool,
    caches: StageCaches,
    render_cache: RenderCache,
    highlighter: Highlighter,
    site: Arc<SiteFiles>,
    /// The guide of a rebuild that put its pages first, until [`Session::finish`] has made
    /// what it left (the search index).
    unfinished: Option<build::Prepared>,
}

/// What a rebuild leaves for [`Session::finish`]: files made from the whole guide, which
/// take longest and which the page in the browser does not show (the search index, and the
/// print views, of which `/print/` holds every document).
const LEFT_FOR_LATER: &[&str] = &["search", "print"];

/// What one rebuild did.
#[derive(Debug, Clone)]
pub struct Rebuilt {
    /// Pages rendered (the others were unchanged).
    pub pages_rendered: usize,
    /// Content files parsed (the others were unchanged).
    pub files_parsed: usize,
    /// Content files read from disk (the watcher vouched for the others).
    pub files_read: usize,
    /// Code blocks highlighted (not found in the session's cache).
    pub blocks_highlighted: usize,
    pub files: usize,
    pub pages: usize,
    pub elapsed: Duration,
    /// Of `elapsed`: loading and validating.
    pub prepare: Duration,
    pub warnings: Diagnostics,
}

impl Session {
    pub fn new(root: PathBuf, drafts: bool) -> Self {
        Self {
            root,
            drafts,
            caches: StageCaches::default(),
            render_cache: RenderCache::enabled(),
            highlighter: Highlighter::with_code_cache(),
            site: Arc::new(SiteFiles::new()),
            unfinished: None,
        }
    }

    /// The last good site (empty until a build succeeded).
    pub fn site(&self) -> Arc<SiteFiles> {
        Arc::clone(&self.site)
    }

    /// Builds the site again after the watcher saw `paths` change: files whose size and
    /// modification time are as last read are not read again, except those.
    pub fn rebuild_after(&mut self, paths: &[PathBuf]) -> Result<Rebuilt, Diagnostics> {
        self.caches.load.changed(paths);
        self.rebuild()
    }

    /// Builds the site again from what is on disk now, reading every file.
    pub fn rebuild(&mut self) -> Result<Rebuilt, Diagnostics> {
        let mut rebuilt = self.rebuild_pages()?;
        if let Some(more) = self.finish()? {
            rebuilt.pages_rendered += more.pages_rendered;
            rebuilt.blocks_highlighted += more.blocks_highlighted;
            rebuilt.elapsed += more.elapsed;
        }
        Ok(rebuilt)
    }

    /// A rebuild that makes the pages first: the site it leaves has every page as a fresh
    /// build would, and the search index as it was; [`Session::finish`] brings the index up
    /// to date. So an edit reaches the browser without waiting for the index of a large
    /// guide. `changed`: what the watcher saw change, as for [`Session::rebuild_after`]
    /// (`None`: read every file).
    pub fn rebuild_pages_after(&mut self, changed: Option<&[PathBuf]>) -> Result<Rebuilt, Diagnostics> {
        if let Some(paths) = changed {
            self.caches.load.changed(paths);
        }
        self.rebuild_pages()
    }

    fn rebuild_pages(&mut self) -> Result<Rebuilt, Diagnostics> {
        let started = Instant::now();
        let highlighted_before = self.highlighter.blocks_highlighted();
        let prepared = build::prepare_cached(&self.root, self.drafts, &mut self.caches);
        let files_parsed = self.caches.load.take_parsed();
        let files_read = self.caches.load.take_read();
        let prepare = started.elapsed();
        let prepared = prepared.inspect_err(|_| self.render_cache.discard())?;
        self.render_cache.defer(LEFT_FOR_LATER);
        let rendered = self.render(&prepared);
        self.render_cache.defer(&[]);
        let pages_rendered = rendered?;
        let pages = self.site.keys().filter(|p| p.ends_with(".html")).count();
        let warnings = prepared.warnings.clone();
        // Only now: when a rebuild fails, what the last good one left unfinished stays, to
        // be finished over the last good site.
        self.unfinished = Some(prepared);
        Ok(Rebuilt {
            pages_rendered,
            files_parsed,
            files_read,
            blocks_highlighted: self.highlighter.blocks_highlighted() - highlighted_before,
            files: self.site.len(),
            pages,
            elapsed: started.elapsed(),
            prepare,
            warnings,
        })
    }

    /// Makes what the last rebuild left for later. `None` when nothing was left.
    pub fn finish(&mut self) -> Result<Option<Rebuilt>, Diagnostics> {
        let Some(prepared) = self.unfinished.take() else {
            return Ok(None);
        };
        let started = Instant::now();
        let highlighted_before = self.highlighter.blocks_highlighted();
        let pages_rendered = self.render(&prepared)?;
        Ok(Some(Rebuilt {
            pages_rendered,
            files_parsed: 0,
            files_read: 0,
            blocks_highlighted: self.highlighter.blocks_highlighted() - highlighted_before,
            files: self.site.len(),
            pages: self.site.keys().filter(|p| p.ends_with(".html")).count(),
            elapsed: started.elapsed(),
            prepare: Duration::ZERO,
            warnings: prepared.warnings,
        }))
    }

    /// Renders what changed and makes it the session's site; returns the pages rendered.
    fn render(&mut self, prepared: &build::Prepared) -> Result<usize, Diagnostics> {
        let mut rendered = match build::render_site_cached(prepared, None, false, &self.highlighter, &self.render_cache)
        {
            Ok(rendered) => rendered,
            Err(problems) => {
                self.render_cache.discard();
                self.render_cache.take_rendered();
                return Err(problems);
            }
        };
        let mut site = SiteFiles::with_capacity(rendered.files.len() + rendered.unchanged.len());
        let mut missing = false;
        for path in rendered.unchanged.drain(..) {
            match self.site.get(&path) {
                Some(bytes) => {
                    site.insert(path, Arc::clone(bytes));
                }
                None => missing = true,
            }
        }
        if missing {
            // The cache said a page is as it was, but the session does not hold it: never
            // serve a guess; render everything once more without the cache.
            self.render_cache = RenderCache::enabled();
            return self.render(prepared);
        }
        let pages_rendered = self.render_cache.take_rendered();
        for file in rendered.files {
            site.insert(file.path, Arc::new(file.bytes));
        }
        self.render_cache.commit();
        self.site = Arc::new(site);
        Ok(pages_rendered)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::path::Path;

    fn write(root: &Path, rel: &str, text: &str) {
        let path = root.join(rel);
        fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        fs::write(path, text).expect("write");
    }

    /// A small guide: two topics, a page, a link between questions, tags and code.
    fn guide() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        for entry in walkdir::WalkDir::new(repo.join("themes")) {
            let entry = entry.expect("theme");
            let rel = entry.path().strip_prefix(repo).expect("inside");
            if entry.file_type().is_file() {
                fs::create_dir_all(root.join(rel).parent().expect("parent")).expect("mkdir");
                fs::copy(entry.path(), root.join(rel)).expect("copy");
            }
        }
        write(
            root,
            "content/guide.yaml",
            "title: T\ndescription: D\nbase_url: https://example.org/\nplan:\n  weeks: 2\n  phases:\n    - title: All\n      weeks: \"1-2\"\n      topics: [a, b]\n",
        );
        write(root, "content/index.md", "---\ntitle: Home\n---\nWelcome.\n");
        write(
            root,
            "content/pages/about.md",
            "---\ntitle: About\n---\nAbout [one](../topics/a/one.md).\n",
        );
        write(
            root,
            "content/topics/a/_topic.md",
            "---\ntitle: A\norder: 1\nshare: 50\n---\nTopic A.\n",
        );
        write(
            root,
            "content/topics/b/_topic.md",
            "---\ntitle: B\norder: 2\nshare: 50\n---\nTopic B.\n",
        );
        for (topic, slug, n) in [("a", "one", 1), ("a", "two", 2), ("a", "three", 3), ("b", "four", 4)] {
            write(
                root,
                &format!("content/topics/{topic}/{slug}.md"),
                &format!(
                    "---\ntitle: Question {slug}\ndifficulty: easy\nkind: coding\nminutes: {}\ntags: [t{}]\n---\nBody {slug}.\n\n## Solution\n\n```python\ndef f{n}():\n    return {n}\n```\n",
                    10 * n,
                    n % 2
                ),
            );
        }
        dir
    }

    fn fresh(root: &Path) -> HashMap<String, Vec<u8>> {
        let prepared = build::prepare(root, false).unwrap_or_else(|d| panic!("{}", d.render()));
        let files = build::render_site(&prepared, None, false).unwrap_or_else(|d| panic!("{}", d.render()));
        files.into_iter().map(|f| (f.path, f.bytes)).collect()
    }

    fn assert_same_as_fresh(session: &Session, root: &Path) {
        let expected = fresh(root);
        let site = session.site();
        let mut served: Vec<&String> = site.keys().collect();
        let mut built: Vec<&String> = expected.keys().collect();
        served.sort();
        built.sort();
        assert_eq!(served, built, "the session holds exactly the files of a fresh build");
        for (path, bytes) in &expected {
            assert!(
                site[path].as_slice() == bytes.as_slice(),
                "{path} differs from a fresh build"
            );
        }
    }

    #[test]
    fn pages_come_first_then_the_index_and_only_the_edited_page_is_read_and_indexed() {
        let dir = guide();
        let root = dir.path();
        let mut session = Session::new(root.to_path_buf(), false);
        session.rebuild().unwrap_or_else(|d| panic!("{}", d.render()));
        session.render_cache.search_terms.take_counted();
        let before = session.site();

        let one = root.join("content/topics/a/one.md");
        let text = fs::read_to_string(&one).expect("read");
        fs::write(&one, text.replace("Body one.", "Body one, edited.")).expect("write");
        let pages = session
            .rebuild_pages_after(Some(std::slice::from_ref(&one)))
            .expect("builds");
        assert_eq!(
            (pages.files_read, pages.files_parsed),
            (1, 1),
            "only the saved file is read"
        );
        let site = session.site();
        assert!(site["topics/a/one/index.html"].windows(6).any(|w| w == b"edited"));
        // The index is still the old one, untouched, until `finish`.
        for (path, bytes) in before.iter().filter(|(p, _)| p.starts_with("search/")) {
            assert!(Arc::ptr_eq(bytes, &site[path]), "{path} waits for finish");
        }

        assert!(session.finish().expect("builds").is_some());
        assert!(session.finish().expect("nothing left").is_none());
        assert_same_as_fresh(&session, root);
        assert_eq!(
            session.render_cache.search_terms.take_counted(),
            1,
            "one page re-tokenized"
        );
        // Of the pages' result files only the edited page's is made again.
        let site = session.site();
        let remade: Vec<&String> = before
            .iter()
            .filter(|(p, _)| p.starts_with("search/doc/"))
            .filter(|(p, bytes)| !Arc::ptr_eq(bytes, &site[*p]))
            .map(|(p, _)| p)
            .collect();
        assert_eq!(remade.len(), 1, "{remade:?}");
        let doc = String::from_utf8_lossy(&site[remade[0]]).into_owned();
        assert!(doc.contains("edited"), "{doc}");

        // A save the watcher reports is read even when its size and time look unchanged.
        let text = fs::read_to_string(&one).expect("read");
        fs::write(&one, text.replace("edited", "EDITED")).expect("write");
        let again = session.rebuild_after(std::slice::from_ref(&one)).expect("builds");
        assert_eq!(again.files_read, 1);
        assert_same_as_fresh(&session, root);
    }

    /// A save the watcher reported in full is loaded without walking `content/`; a new folder,
    /// or a rebuild the watcher cannot vouch for, walks it. Either way the site is a fresh
    /// build's.
    #[test]
    fn reported_saves_need_no_walk_of_the_content_folder() {
        let dir = guide();
        let root = dir.path();
        let mut session = Session::new(root.to_path_buf(), false);
        session.rebuild().unwrap_or_else(|d| panic!("{}", d.render()));
        assert_eq!(session.caches.load.take_walked(), 1, "the first build walks");

        let one = root.join("content/topics/a/one.md");
        let text = fs::read_to_string(&one).expect("read");
        fs::write(&one, text.replace("Body one.", "Body one, edited.")).expect("write");
        session.rebuild_after(std::slice::from_ref(&one)).expect("builds");
        assert_eq!(session.caches.load.take_walked(), 0, "an edit: no walk");
        assert_same_as_fresh(&session, root);

        // A new question and a deleted one, as the watcher names them.
        let five = root.join("content/topics/b/five.md");
        write(
            root,
            "content/topics/b/five.md",
            "---\ntitle: Five\ndifficulty: hard\nkind: concept\nminutes: 5\n---\nFive.\n",
        );
        let rebuilt = session.rebuild_after(std::slice::from_ref(&five)).expect("builds");
        assert_eq!((session.caches.load.take_walked(), rebuilt.files_read), (0, 1));
        assert!(session.site().contains_key("topics/b/five/index.html"));
        assert_same_as_fresh(&session, root);
        fs::remove_file(&five).expect("remove");
        session.rebuild_after(std::slice::from_ref(&five)).expect("builds");
        assert_eq!(session.caches.load.take_walked(), 0);
        assert!(!session.site().contains_key("topics/b/five/index.html"));
        assert_same_as_fresh(&session, root);

        // A new topic folder: only a walk knows what is in it.
        write(
            root,
            "content/topics/c/_topic.md",
            "---\ntitle: C\norder: 3\nshare: 0\n---\nC.\n",
        );
        write(
            root,
            "content/topics/c/seven.md",
            "---\ntitle: Seven\ndifficulty: easy\nkind: concept\nminutes: 5\n---\nSeven.\n",
        );
        session.rebuild_after(&[root.join("content/topics/c")]).expect("builds");
        assert_eq!(session.caches.load.take_walked(), 1, "a new folder is walked");
        assert!(session.site().contains_key("topics/c/seven/index.html"));
        assert_same_as_fresh(&session, root);

        // Without the watcher's word (`None`), every file is looked at again.
        session.rebuild_pages_after(None).expect("builds");
        session.finish().expect("builds");
        assert_eq!(session.caches.load.take_walked(), 1);
        assert_same_as_fresh(&session, root);
    }

    #[test]
    fn every_edit_gives_the_site_of_a_fresh_build_and_renders_only_what_depends_on_it() {
        let dir = guide();
        let root = dir.path();
        let mut session = Session::new(root.to_path_buf(), false);
        let first = session.rebuild().unwrap_or_else(|d| panic!("{}", d.render()));
        assert_eq!(first.pages_rendered, first.pages);
        assert_same_as_fresh(&session, root);

        // Nothing changed: nothing is parsed, rendered or highlighted.
        let again = session.rebuild().expect("builds");
        assert_eq!(
            (again.files_parsed, again.pages_rendered, again.blocks_highlighted),
            (0, 0, 0)
        );

        // A question's body: its page, the search index with its results page, and the two
        // print views that hold every body of the guide and of its topic (/print/ and
        // /topics/a/print/). The plan does not show bodies.
        let one = root.join("content/topics/a/one.md");
        let text = fs::read_to_string(&one).expect("read");
        fs::write(&one, text.replace("Body one.", "Body one, edited.")).expect("write");
        let edit = session.rebuild().expect("builds");
        assert_eq!(edit.files_parsed, 1);
        assert_eq!(
            edit.pages_rendered, 4,
            "the edited question's page, /search/, /print/ and /topics/a/print/"
        );
        assert!(
            session.site()["topics/a/one/index.html"]
                .windows(6)
                .any(|w| w == b"edited")
        );
        assert_eq!(edit.blocks_highlighted, 0, "its code did not change");
        assert_same_as_fresh(&session, root);

        // Its title: its page, its topic, its neighbours, its tag page, the page linking to it
        // is unchanged (links name the file, not the title).
        let text = fs::read_to_string(&one).expect("read");
        fs::write(&one, text.replace("title: Question one", "title: Question uno")).expect("write");
        let retitled = session.rebuild().expect("builds");
        assert!(retitled.pages_rendered >= 4 && retitled.pages_rendered < retitled.pages);
        assert_same_as_fresh(&session, root);

        // Code: only the new block is highlighted.
        let text = fs::read_to_string(&one).expect("read");
        fs::write(&one, text.replace("return 1", "return 100")).expect("write");
        let code = session.rebuild().expect("builds");
        assert_eq!(code.blocks_highlighted, 1);
        assert_same_as_fresh(&session, root);

        // A new question, a renamed one, a deleted one.
        write(
            root,
            "content/topics/b/five.md",
            "---\ntitle: Five\ndifficulty: hard\nkind: concept\nminutes: 5\n---\nFive.\n",
        );
        session.rebuild().expect("builds");
        assert_same_as_fresh(&session, root);
        fs::rename(
            root.join("content/topics/b/five.md"),
            root.join("content/topics/b/six.md"),
        )
        .expect("rename");
        session.rebuild().expect("builds");
        assert!(!session.site().contains_key("topics/b/five/index.html"));
        assert!(session.site().contains_key("topics/b/six/index.html"));
        assert_same_as_fresh(&session, root);
        fs::remove_file(root.join("content/topics/b/four.md")).expect("remove");
        session.rebuild().expect("builds");
        assert_same_as_fresh(&session, root);

        // A template: every page rendered with it.
        let question_html = root.join("themes/default/templates/question.html");
        let template = fs::read_to_string(&question_html).expect("read");
        fs::write(&question_html, template.replace("<h1>", "<h1 class=\"edited\">")).expect("write");
        let themed = session.rebuild().expect("builds");
        assert_eq!(themed.pages_rendered, 4, "the four question pages");
        assert_same_as_fresh(&session, root);

        // The guide's settings: everything.
        let yaml = root.join("content/guide.yaml");
        let text = fs::read_to_string(&yaml).expect("read");
        fs::write(&yaml, text.replace("title: T", "title: Retitled")).expect("write");
        let settings = session.rebuild().expect("builds");
        assert_eq!(settings.pages_rendered, settings.pages);
        assert_same_as_fresh(&session, root);
    }

    /// Images are served like every other file of the site: an edited image is served anew
    /// with no page re-rendered; a deleted one fails the build until it is back.
    #[test]
    fn image_edits_give_the_site_of_a_fresh_build() {
        let dir = guide();
        let root = dir.path();
        fs::write(root.join("content/topics/a/plot.png"), b"first image").expect("write");
        let one = root.join("content/topics/a/one.md");
        let text = fs::read_to_string(&one).expect("read");
        fs::write(&one, text.replace("Body one.", "Body one. ![A plot](plot.png)")).expect("write");
        let mut session = Session::new(root.to_path_buf(), false);
        session.rebuild().unwrap_or_else(|d| panic!("{}", d.render()));
        assert_eq!(session.site()["topics/a/plot.png"].as_slice(), b"first image");
        assert_same_as_fresh(&session, root);

        fs::write(root.join("content/topics/a/plot.png"), b"second image, longer").expect("write");
        let edited = session.rebuild().expect("builds");
        assert_eq!(edited.pages_rendered, 0, "no page shows the image's bytes");
        assert_eq!(session.site()["topics/a/plot.png"].as_slice(), b"second image, longer");
        assert_same_as_fresh(&session, root);

        // A second page links to it from another folder; then the image goes and comes back.
        let about = root.join("content/pages/about.md");
        let text = fs::read_to_string(&about).expect("read");
        fs::write(&about, text.replace("About", "About ![plot](../topics/a/plot.png)")).expect("write");
        session.rebuild().expect("builds");
        assert_same_as_fresh(&session, root);
        fs::remove_file(root.join("content/topics/a/plot.png")).expect("remove");
        let problems = session.rebuild().expect_err("a missing image fails");
        assert!(
            problems
                .render()
                .contains("link to a missing file: content/topics/a/plot.png")
        );
        fs::write(root.join("content/topics/a/plot.png"), b"third").expect("write");
        session.rebuild().expect("builds");
        assert_eq!(session.site()["topics/a/plot.png"].as_slice(), b"third");
        assert_same_as_fresh(&session, root);

        // No page links to it any more: it is no longer served.
        fs::write(&about, text).expect("write");
        let one_text = fs::read_to_string(&one).expect("read");
        fs::write(&one, one_text.replace(" ![A plot](plot.png)", "")).expect("write");
        session.rebuild().expect("builds");
        assert!(!session.site().contains_key("topics/a/plot.png"));
        assert_same_as_fresh(&session, root);
    }

    #[test]
    fn a_broken_edit_keeps_the_last_good_site_and_the_fix_catches_up() {
        let dir = guide();
        let root = dir.path();
        let mut session = Session::new(root.to_path_buf(), false);
        session.rebuild().expect("builds");
        let good = session.site();

        let two = root.join("content/topics/a/two.md");
        let text = fs::read_to_string(&two).expect("read");
        fs::write(&two, text.replace("Body two.", "Body two, see [gone](gone.md).")).expect("write");
        let problems = session.rebuild().expect_err("a missing link fails");
        assert!(
            problems.render().contains("link to a missing file"),
            "{}",
            problems.render()
        );
        assert!(Arc::ptr_eq(&good, &session.site()), "the last good site is kept");

        // Another edit while broken, then the fix: the result is a fresh build's.
        let one = root.join("content/topics/a/one.md");
        let other = fs::read_to_string(&one).expect("read");
        fs::write(&one, other.replace("Body one.", "Body one, while broken.")).expect("write");
        assert!(session.rebuild().is_err());
        fs::write(&two, text.replace("Body two.", "Body two, fixed.")).expect("write");
        session.rebuild().expect("builds");
        assert_same_as_fresh(&session, root);
    }
}
