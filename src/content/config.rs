//! `content/guide.yaml`: the site's settings and the study plan's configuration.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuideConfig {
    pub title: String,
    pub description: String,
    pub base_url: Spanned<String>,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default)]
    pub author: Option<String>,
    #[serde(default = "default_theme")]
    pub theme: Spanned<String>,
    #[serde(default = "default_collapsed")]
    pub collapsed_sections: Vec<String>,
    /// The one study plan (`plan:`), or none when the guide lists `plans:` (or neither:
    /// then the plan module uses the defaults).
    #[serde(default)]
    pub plan: Option<PlanConfig>,
    /// Several named study plans; the first is the default (docs/plan.md).
    #[serde(default)]
    pub plans: Vec<PlanConfig>,
    /// An image beside the title in the header: a path relative to `content/`.
    #[serde(default)]
    pub logo: Option<Spanned<String>>,
    /// The site's icon (`.svg`, `.png` or `.ico`), instead of the theme's.
    #[serde(default)]
    pub favicon: Option<Spanned<String>>,
    /// Stylesheets linked after the theme's: paths relative to `content/`, or https:// URLs.
    #[serde(default)]
    pub extra_css: Vec<Spanned<String>>,
    /// Links at the foot of every page.
    #[serde(default)]
    pub footer: Vec<FooterLink>,
    /// The theme's CSS custom properties (`accent: "#0b7285"`, `font: …`): colours for
    /// light pages, everything else (fonts, sizes) for all pages; docs/theming.md lists them.
    #[serde(default)]
    pub css_variables: Option<Spanned<BTreeMap<String, String>>>,
    /// The same properties for dark pages.
    #[serde(default)]
    pub css_variables_dark: Option<Spanned<BTreeMap<String, String>>>,
}

/// One link of `footer:`: `href` is an https:// address or the path of a `.md` file
/// relative to `content/` (like a link in Markdown).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FooterLink {
    pub title: String,
    pub href: Spanned<String>,
}

fn default_language() -> String {
    "en".to_string()
}

fn default_theme() -> Spanned<String> {
    let here = serde_saphyr::Location::UNKNOWN;
    Spanned::new("default".to_string(), here, here)
}

fn default_collapsed() -> Vec<String> {
    ["Hints", "Solution", "Answer", "Sample answer"]
        .map(String::from)
        .to_vec()
}

impl GuideConfig {
    pub fn base_url(&self) -> &str {
        &self.base_url.value
    }

    pub fn is_collapsed(&self, heading: &str) -> bool {
        self.collapsed_sections
            .iter()
            .any(|s| s.eq_ignore_ascii_case(heading.trim()))
    }
}

/// The `plan:` block. Every field has a default, so a fork with other topics builds
/// without writing one.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanConfig {
    /// Names the plan in `plans:` (`syllabus plan --plan ID`, the page's choice).
    #[serde(default)]
    pub id: Option<Spanned<String>>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default = "default_weeks")]
    pub weeks: Spanned<u32>,
    #[serde(default = "default_minutes")]
    pub minutes_per_day: Spanned<u32>,
    #[serde(default = "default_days")]
    pub study_days: Spanned<Vec<Weekday>>,
    /// `YYYY-MM-DD`; with it, the plan has dates and the site ships `.ics` and `.csv` files.
    #[serde(default)]
    pub start: Option<Spanned<String>>,
    /// Local time of day (`HH:MM`) of calendar events.
    #[serde(default = "default_session_time")]
    pub session_time: Spanned<String>,
    /// Minutes of the review session that ends each week.
    #[serde(default = "default_review")]
    pub review_minutes: Spanned<u32>,
    #[serde(default)]
    pub phases: Vec<PhaseConfig>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhaseConfig {
    pub title: String,
    /// `"1-4"` or `"5"`.
    pub weeks: Spanned<String>,
    #[serde(default)]
    pub topics: Vec<Spanned<String>>,
    #[serde(default)]
    pub goals: Vec<String>,
    #[serde(default)]
    pub practice: Option<String>,
    /// Weights of this phase's topics (`{algorithms: 40}`), instead of their `share`.
    #[serde(default)]
    pub shares: Option<Spanned<std::collections::BTreeMap<String, u32>>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Weekday {
    /// Monday to Sunday: the order of study days everywhere.
    pub const ALL: [Weekday; 7] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];

    /// How guide.yaml and `plan.json` write each day, Monday first.
    pub const NAMES: [&'static str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    /// The one reading of a weekday, shared by guide.yaml's `study_days` and `syllabus plan
    /// --days` so that both accept the same words: `mon` or `monday`, in any case.
    pub fn parse(text: &str) -> Option<Weekday> {
        const FULL: [&str; 7] = [
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
        ];
        let lower = text.trim().to_ascii_lowercase();
        let index = Self::NAMES
            .iter()
            .position(|n| *n == lower)
            .or_else(|| FULL.iter().position(|n| *n == lower))?;
        Some(Self::ALL[index])
    }
}

impl<'de> Deserialize<'de> for Weekday {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Weekday::parse(&text).ok_or_else(|| serde::de::Error::unknown_variant(&text, &Weekday::NAMES))
    }
}

fn spanned<T>(value: T) -> Spanned<T> {
    let here = serde_saphyr::Location::UNKNOWN;
    Spanned::new(value, here, here)
}

fn default_weeks() -> Spanned<u32> {
    spanned(8)
}
fn default_minutes() -> Spanned<u32> {
    spanned(75)
}
fn default_days() -> Spanned<Vec<Weekday>> {
    spanned(Weekday::ALL[..6].to_vec())
}
fn default_session_time() -> Spanned<String> {
    spanned("18:00".to_string())
}
fn default_review() -> Spanned<u32> {
    spanned(30)
}

impl Default for PlanConfig {
    fn default() -> Self {
        Self {
            id: None,
            title: None,
            weeks: default_weeks(),
            minutes_per_day: default_minutes(),
            study_days: default_days(),
            start: None,
            session_time: default_session_time(),
            review_minutes: default_review(),
            phases: Vec::new(),
        }
    }
}
