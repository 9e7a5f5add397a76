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
