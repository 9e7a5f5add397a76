//! guide.yaml's look without templates: the logo, favicon, extra stylesheets, footer links and
//! CSS variables as template context (hrefs relative to each page, through `urls.rs`), and
//! the files they add to the site (the guide's own files, and the variables' stylesheet).

use serde::Serialize;

use crate::content::{Appearance, Guide, Stylesheet, Theme};
use crate::links::LinkIndex;
use crate::output::OutputFile;
use crate::urls::Route;

/// Where the stylesheet made of guide.yaml's `css_variables` goes in the site.
pub const VARIABLES_CSS: &str = "static/theme-variables.css";

/// The theme's default icons, used when guide.yaml sets no `favicon`: `(file under static/,
/// type, sizes)`. A theme that has neither gets no icon links.
const THEME_ICONS: &[(&str, &str, &str)] = &[
    ("favicon.svg", "image/svg+xml", ""),
    ("favicon.ico", "image/x-icon", "32x32"),
];

/// What every page shows of guide.yaml's appearance settings, with site paths; computed
/// once per render. Hashed into the render cache's template keys.
#[derive(Debug, Clone, Hash)]
pub struct SiteExtras {
    logo: Option<String>,
    /// `(site path, type, sizes)`.
    favicons: Vec<(String, &'static str, &'static str)>,
    /// Site paths of local stylesheets, or https:// URLs, in the order they are linked.
    stylesheets: Vec<Sheet>,
    /// `(title, href as written in guide.yaml)`.
    footer: Vec<(String, String)>,
}

#[derive(Debug, Clone, Hash)]
enum Sheet {
    Local(String),
    Url(String),
}

#[derive(Serialize)]
pub struct Icon {
    pub href: String,
    #[serde(rename = "type")]
    pub mime: &'static str,
    pub sizes: &'static str,
}

#[derive(Serialize)]
pub struct Logo {
    pub href: String,
}

/// The context of one page: every href relative to `route`.
#[derive(Serialize)]
pub struct PageExtras {
    pub logo: Option<Logo>,
    pub favicons: Vec<Icon>,
    pub extra_stylesheets: Vec<String>,
    pub footer_links: Vec<super::LinkCtx>,
}

fn mime_of(path: &str) -> &'static str {
    match path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).as_deref() {
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        _ => "",
    }
}

impl SiteExtras {
    pub fn new(guide: &Guide, theme: &Theme) -> Self {
        let appearance = &guide.appearance;
        let favicons = match &appearance.favicon {
            Some(file) => vec![(file.site_path.clone(), mime_of(&file.site_path), "")],
            None => THEME_ICONS
                .iter()
                .filter(|(name, _, _)| theme.static_files.iter().any(|(path, _)| path == name))
                .map(|(name, mime, sizes)| (format!("static/{name}"), *mime, *sizes))
                .collect(),
        };
        let mut stylesheets = Vec::new();
        if has_variables(appearance) {
            stylesheets.push(Sheet::Local(VARIABLES_CSS.to_string()));
        }
        stylesheets.extend(appearance.extra_css.iter().map(|sheet| match sheet {
            Stylesheet::File(file) => Sheet::Local(file.site_path.clone()),
            Stylesheet::Url(url) => Sheet::Url(url.clone()),
        }));
        Self {
            logo: appearance.logo.as_ref().map(|f| f.site_path.clone()),
            favicons,
            stylesheets,
            footer: guide
                .config
                .footer
                .iter()
                .map(|link| (link.title.clone(), link.href.value.trim().to_string()))
                .collect(),
        }
    }

    /// The extras of the page at `route`. Footer links to `.md` files become the pages'
    /// relative URLs, as links in Markdown do (guide.yaml stands where `content/` begins).
    pub fn for_page(&self, route: &Route, links: &LinkIndex) -> PageExtras {
        PageExtras {
            logo: self.logo.as_ref().map(|path| Logo {
                href: route.href_to_file(path),
            }),
            favicons: self
                .favicons
                .iter()
                .map(|(path, mime, sizes)| Icon {
                    href: route.href_to_file(path),
                    mime,
                    sizes,
                })
                .collect(),
            extra_stylesheets: self
                .stylesheets
                .iter()
                .map(|sheet| match sheet {
                    Sheet::Local(path) => route.href_to_file(path),
                    Sheet::Url(url) => url.clone(),
                })
                .collect(),
            footer_links: self
                .footer
                .iter()
                .map(|(title, dest)| {
                    let href = links.href(GUIDE_YAML, route, dest).unwrap_or_else(|| dest.clone());
                    let here = links.href(GUIDE_YAML, route, dest).is_some_and(|h| h.is_empty());
                    super::LinkCtx::new(title, href).current(here)
                })
                .collect(),
        }
    }
}

/// How links in guide.yaml name their source: it stands at the top of `content/`.
pub const GUIDE_YAML: &str = "guide.yaml";

fn has_variables(appearance: &Appearance) -> bool {
    !appearance.css_variables.is_empty() || !appearance.css_variables_dark.is_empty()
}

/// The stylesheet that sets guide.yaml's CSS variables over the theme's. Colours of
/// `css_variables` apply to light pages (the theme's dark scheme sets its own), the rest to
/// all pages; `css_variables_dark` wins on dark pages, chosen by the system or the reader
/// (`data-theme="dark"`), with the selectors the built-in theme uses for its dark scheme.
pub fn variables_css(appearance: &Appearance) -> String {
    let declarations = |vars: &[(String, String)]| -> String {
        vars.iter()
            .map(|(name, value)| format!("  --{name}: {value};\n"))
            .collect()
    };
    let mut css = String::from("/* guide.yaml's css_variables, written by syllabus */\n");
    if !appearance.css_variables.is_empty() {
        css.push_str(&format!(":root {{\n{}}}\n", declarations(&appearance.css_variables)));
    }
    if !appearance.css_variables_dark.is_empty() {
        let dark = declarations(&appearance.css_variables_dark);
        css.push_str(&format!(
            "@media (prefers-color-scheme: dark) {{\n:root:not([data-theme=\"light\"]) {{\n{dark}}}\n}}\n:root[data-theme=\"dark\"] {{\n{dark}}}\n"
        ));
    }
    css
}

/// The files guide.yaml's settings add to the site: the guide's logo, favicon and
/// stylesheets (each once), and the variables' stylesheet.
pub fn files(appearance: &Appearance) -> Vec<OutputFile> {
    let mut files: Vec<OutputFile> = Vec::new();
    let guide_files =
        appearance
            .logo
            .iter()
            .chain(appearance.favicon.iter())
            .chain(appearance.extra_css.iter().filter_map(|sheet| match sheet {
                Stylesheet::File(file) => Some(file),
                Stylesheet::Url(_) => None,
            }));
    for file in guide_files {
        if !files.iter().any(|f| f.path == file.site_path) {
            files.push(OutputFile::new(file.site_path.clone(), file.bytes.clone()));
        }
    }
    if has_variables(appearance) {
        files.push(OutputFile::new(VARIABLES_CSS, variables_css(appearance)));
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dark_variables_use_the_themes_dark_selectors() {
        let appearance = Appearance {
            css_variables: vec![
                ("accent".into(), "#0b7285".into()),
                ("font".into(), "Inter, sans-serif".into()),
            ],
            css_variables_dark: vec![("accent".into(), "#66d9e8".into())],
            ..Appearance::default()
        };
        let css = variables_css(&appearance);
        assert!(
            css.contains(":root {\n  --accent: #0b7285;\n  --font: Inter, sans-serif;\n}"),
            "{css}"
        );
        assert!(
            css.contains(
                "@media (prefers-color-scheme: dark) {\n:root:not([data-theme=\"light\"]) {\n  --accent: #66d9e8;"
            ),
            "{css}"
        );
        assert!(
            css.contains(":root[data-theme=\"dark\"] {\n  --accent: #66d9e8;"),
            "{css}"
        );
        assert_eq!(files(&Appearance::default()), Vec::new());
    }
}
