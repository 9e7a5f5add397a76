//! The one URL builder. Every page of the site has a [`Route`]; its output file, its link from
//! any other page and its canonical URL all come from here.
//!
//! Links inside the site are relative and end in `index.html`, so one build works at a domain
//! root, under a project subpath and straight from disk (`file://`), where a bare directory
//! link would open a file listing instead of the page.

use crate::slug::slugify;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Route {
    Home,
    Page(String),
    Topic(String),
    Question {
        topic: String,
        slug: String,
    },
    Tags,
    Tag(String),
    Plan,
    Search,
    NotFound,
    /// The whole guide on one page, in reading order (`/print/`).
    Print,
    /// One topic and its questions on one page (`/topics/<topic>/print/`).
    TopicPrint(String),
}

impl Route {
    /// Route of the page that lists a tag; tags are free text, so they go through [`slugify`].
    pub fn tag(tag: &str) -> Self {
        Route::Tag(slugify(tag))
    }

    /// The directory of the page, relative to the site root, without a trailing slash
    /// (empty for the home page).
    pub fn dir(&self) -> String {
        match self {
            Route::Home | Route::NotFound => String::new(),
            Route::Page(slug) => slug.clone(),
            Route::Topic(topic) => format!("topics/{topic}"),
            Route::Question { topic, slug } => format!("topics/{topic}/{slug}"),
            Route::Tags => "tags".to_string(),
            Route::Tag(tag) => format!("tags/{tag}"),
            Route::Plan => "plan".to_string(),
            Route::Search => "search".to_string(),
            Route::Print => "print".to_string(),
            Route::TopicPrint(topic) => format!("topics/{topic}/print"),
        }
    }

    /// The file the page is written to, relative to the output directory.
    pub fn output_path(&self) -> String {
        match self {
            Route::NotFound => "404.html".to_string(),
            _ => join(&self.dir(), "index.html"),
        }
    }

    /// How to get from this page to the site root: `""` or `"../"` repeated.
    pub fn root(&self) -> String {
        let depth = self.dir().split('/').filter(|s| !s.is_empty()).count();
        "../".repeat(depth)
    }

    /// A link from this page to `target`, e.g. `../two-sum/index.html`.
    pub fn href_to(&self, target: &Route) -> String {
        format!("{}{}", self.root(), target.output_path())
    }

    /// A link from this page to any file of the site given by its path from the root.
    pub fn href_to_file(&self, site_path: &str) -> String {
        format!("{}{site_path}", self.root())
    }

    /// A link from this page to a file of `content/` that pages link to (an image, a
    /// download), percent-encoded so that any file name survives as a URL.
    pub fn href_to_asset(&self, content_path: &str) -> String {
        let encoded = percent_encoding::utf8_percent_encode(&asset_path(content_path), URL_PATH).to_string();
        self.href_to_file(&encoded)
    }

    /// The absolute URL used for canonical links, the sitemap, Open Graph and calendar
    /// exports: pretty (`.../two-sum/`), because those are only ever read over HTTP.
    pub fn absolute(&self, base_url: &str) -> String {
        let base = base_url.trim_end_matches('/');
        match self {
            Route::NotFound => format!("{base}/404.html"),
            _ => {
                let dir = self.dir();
                if dir.is_empty() {
                    format!("{base}/")
                } else {
                    format!("{base}/{dir}/")
                }
            }
        }
    }
}

/// Where a file of `content/` that pages link to is written, relative to the site root: the
/// same path as under `content/`. Pages render one folder deeper than their `.md` file
/// (`topics/a/q.md` → `topics/a/q/index.html`), so links to assets are rewritten by
/// [`Route::href_to_asset`], never kept as written. Validation rejects assets whose path
/// would collide with a generated file.
pub fn asset_path(content_path: &str) -> String {
    content_path.to_string()
}

/// What a path segment may hold as it is: unreserved characters and the sub-delimiters
/// RFC 3986 allows in a path; everything else (spaces, `%`, `#`, `?`, non-ASCII, and `:`,
/// which would read as a scheme at the start of a link from the home page) is encoded.
const URL_PATH: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b'@');

fn join(dir: &str, file: &str) -> String {
    if dir.is_empty() {
        file.to_string()
    } else {
        format!("{dir}/{file}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question() -> Route {
        Route::Question {
            topic: "algorithms".into(),
            slug: "two-sum".into(),
        }
    }

    #[test]
    fn relative_links_climb_to_the_root_first() {
        assert_eq!(Route::Home.href_to(&question()), "topics/algorithms/two-sum/index.html");
        assert_eq!(question().href_to(&Route::Home), "../../../index.html");
        assert_eq!(
            question().href_to(&Route::Topic("algorithms".into())),
            "../../../topics/algorithms/index.html"
        );
        assert_eq!(Route::Tags.href_to_file("static/style.css"), "../static/style.css");
        assert_eq!(
            question().href_to_asset("topics/algorithms/my diagram #2 (100%).png"),
            "../../../topics/algorithms/my%20diagram%20%232%20(100%25).png"
        );
        assert_eq!(Route::Home.href_to_asset("img/caf\u{e9}.svg"), "img/caf%C3%A9.svg");
    }

    #[test]
    fn absolute_urls_are_pretty() {
        assert_eq!(
            question().absolute("https://x.io/guide/"),
            "https://x.io/guide/topics/algorithms/two-sum/"
        );
        assert_eq!(Route::Home.absolute("https://x.io"), "https://x.io/");
        assert_eq!(Route::tag("Hash Maps"), Route::Tag("hash-maps".into()));
    }
}
