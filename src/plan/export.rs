//! The plan as data: what `plan.json` holds, what the `/plan/` page embeds for the browser,
//! and what every export format is written from. One model, so the site, the CLI and the
//! browser's downloads cannot disagree.
//!
//! Questions are listed once (`questions`) and referred to by index from every variant, which
//! keeps the embedded data small enough for a page although it holds a dozen schedules.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::{Date, Item, Plan, QuestionRef, Settings, weekday_label, weekday_name};
use crate::content::{Guide, Weekday};
use crate::urls::Route;

/// Bumped when the shape changes, so that saved copies can be recognised.
pub const FORMAT_VERSION: u32 = 2;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanData {
    pub format: u32,
    pub title: String,
    pub calendar_name: String,
    pub base_url: String,
    /// `YYYY-MM-DD`, when the guide sets one.
    pub start: Option<String>,
    pub session_time: String,
    /// Weeks of the default plan (each variant has its own `weeks`).
    pub weeks: u32,
    /// Review minutes of the default plan.
    pub review_minutes: u32,
    /// The named plans, the default first (a guide with one `plan:` has one).
    pub plans: Vec<PlanChoice>,
    pub default_variant: String,
    pub minutes_options: Vec<u32>,
    pub day_options: Vec<DayOption>,
    pub topics: Vec<TopicData>,
    pub questions: Vec<QuestionData>,
    pub variants: BTreeMap<String, VariantData>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanChoice {
    pub id: String,
    pub title: String,
    pub weeks: u32,
    pub review_minutes: u32,
    /// The plan's own minutes and days, as a variant key.
    pub default_variant: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DayOption {
    pub days: Vec<String>,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopicData {
    pub slug: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionData {
    /// `topic/slug`: the progress key shared with the question pages.
    pub id: String,
    /// Index into `topics`.
    pub topic: usize,
    pub title: String,
    pub kind: String,
    pub difficulty: String,
    pub minutes: u32,
    /// Relative to the `/plan/` page (and to `plan.json`, which sits beside it).
    pub href: String,
    /// Absolute, for calendar and CSV exports.
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VariantData {
    /// The id of the plan this is a variant of.
    pub plan: String,
    pub minutes_per_day: u32,
    pub study_days: Vec<String>,
    pub phases: Vec<PhaseData>,
    pub weeks: Vec<WeekData>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhaseData {
    pub title: String,
    pub first_week: u32,
    pub last_week: u32,
    pub goals: Vec<String>,
    pub practice: String,
    pub needed_minutes: u32,
    pub available_minutes: u32,
    /// Question indices that did not fit.
    pub stretch: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeekData {
    pub week: u32,
    pub phase: Option<usize>,
    pub minutes: u32,
    pub days: Vec<DayData>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DayData {
    pub day: u32,
    pub minutes: u32,
    pub items: Vec<ItemData>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemData {
    /// `question`, `review` or `practice`.
    #[serde(rename = "type")]
    pub kind: String,
    pub minutes: u32,
    /// The question (for `question`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<usize>,
    /// What to do (for `review` and `practice`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The questions to revisit (for `review`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<usize>,
}

impl PlanData {
    pub fn variant(&self, key: &str) -> Option<&VariantData> {
        self.variants.get(key)
    }

    pub fn default_plan(&self) -> Option<&VariantData> {
        self.variant(&self.default_variant)
    }

    /// The date of every study day of `variant`, by week, when the plan has a start date.
    pub fn dates(&self, variant: &VariantData, start: Option<Date>) -> Option<Vec<Vec<Date>>> {
        let days: Vec<Weekday> = variant
            .study_days
            .iter()
            .filter_map(|d| super::weekday_from_name(d))
            .collect();
        let weeks = u32::try_from(variant.weeks.len()).unwrap_or(u32::MAX);
        start.map(|s| super::study_dates(s, &days, weeks))
    }

    /// "8 weeks · 75 minutes a day · 6 study days a week · starts 2026-03-02": the line under
    /// the title of the text and Markdown calendars.
    pub fn summary(&self, variant: &VariantData, start: Option<Date>) -> String {
        format!(
            "{} weeks · {} minutes a day · {} study days a week{}",
            variant.weeks.len(),
            variant.minutes_per_day,
            variant.study_days.len(),
            start.map(|s| format!(" · starts {s}")).unwrap_or_default()
        )
    }

    pub fn phase_title(&self, variant: &VariantData, week: &WeekData) -> String {
        week.phase
            .and_then(|p| variant.phases.get(p))
            .map(|p| p.title.clone())
            .unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        // Serialising plain structs of strings and numbers cannot fail.
        let mut json = serde_json::to_string(self).unwrap_or_default();
        json.push('\n');
        json
    }
}

/// "Weekly review of weeks 3 and 1".
pub fn review_title(weeks: &[u32]) -> String {
    match weeks {
        [one] => format!("Weekly review of week {one}"),
        [this, earlier] => format!("Weekly review of weeks {this} and {earlier}"),
        _ => "Weekly review".to_string(),
    }
}

/// "Mon–Fri", "Every day", "Mon, Wed, Fri".
pub fn days_label(days: &[Weekday]) -> String {
    use Weekday::*;
    let all = [Mon, Tue, Wed, Thu, Fri, Sat, Sun];
    if days == all {
        return "every day".to_string();
    }
    let contiguous = days.len() > 2
        && days
            .windows(2)
            .all(|w| all.iter().position(|d| *d == w[1]) == all.iter().position(|d| *d == w[0]).map(|i| i + 1));
    match (days.first(), days.last()) {
        (Some(first), Some(last)) if contiguous => format!("{}–{}", weekday_label(*first), weekday_label(*last)),
        _ => days.iter().map(|d| weekday_label(*d)).collect::<Vec<_>>().join(", "),
    }
}

/// Builds the data for `plans` (the first is the default) of `guide`.
pub fn build(guide: &Guide, settings: &Settings, plans: &[(Settings, Plan)], base_url: &str) -> PlanData {
    let mut index: HashMap<QuestionRef, usize> = HashMap::new();
    let mut questions = Vec::new();
    for (ti, topic) in guide.topics.iter().enumerate() {
        for (qi, q) in topic.questions.iter().enumerate() {
            if q.draft {
                continue;
            }
            index.insert(QuestionRef { topic: ti, index: qi }, questions.len());
            questions.push(QuestionData {
                id: format!("{}/{}", q.topic, q.slug),
                topic: ti,
                title: q.title.clone(),
                kind: q.kind.as_str().to_string(),
                difficulty: q.difficulty.as_str().to_string(),
                minutes: q.minutes,
                href: Route::Plan.href_to(&q.route()),
                url: q.route().absolute(base_url),
            });
        }
    }
    let lookup = |q: &QuestionRef| index.get(q).copied();
    let mut variants = BTreeMap::new();
    for (s, plan) in plans {
        let data = VariantData {
            plan: s.id.clone(),
            minutes_per_day: plan.minutes_per_day,
            study_days: s.study_days.iter().map(|d| weekday_name(*d).to_string()).collect(),
            phases: plan
                .phases
                .iter()
                .map(|p| PhaseData {
                    title: p.title.clone(),
                    first_week: p.first_week,
                    last_week: p.last_week,
                    goals: p.goals.clone(),
                    practice: p.practice.clone(),
                    needed_minutes: p.needed_minutes,
                    available_minutes: p.available_minutes,
                    stretch: p.stretch.iter().filter_map(lookup).collect(),
                })
                .collect(),
            weeks: plan
                .weeks
                .iter()
                .map(|w| WeekData {
                    week: w.number,
                    phase: w.phase,
                    minutes: w.minutes(),
                    days: w
                        .days
                        .iter()
                        .map(|d| DayData {
                            day: d.number,
                            minutes: d.minutes(),
                            items: d.items.iter().map(|item| item_data(item, &lookup)).collect(),
                        })
                        .collect(),
                })
                .collect(),
        };
        variants.insert(super::variant_key(&s.id, plan.minutes_per_day, &s.study_days), data);
    }
    // Every choice computed, for any plan (the CLI computes a single variant).
    let mut minutes_options: Vec<u32> = plans.iter().map(|(s, _)| s.minutes_per_day).collect();
    minutes_options.sort_unstable();
    minutes_options.dedup();
    let mut day_choices = super::day_choices();
    for (s, _) in plans {
        if !day_choices.contains(&s.study_days) {
            day_choices.push(s.study_days.clone());
        }
    }
    day_choices.retain(|d| plans.iter().any(|(s, _)| s.study_days == *d));
    // Each plan's own settings come first among its variants (see `super::variants`).
    let mut choices: Vec<PlanChoice> = Vec::new();
    for (s, _) in plans {
        if !choices.iter().any(|c| c.id == s.id) {
            choices.push(PlanChoice {
                id: s.id.clone(),
                title: s.title.clone(),
                weeks: s.weeks,
                review_minutes: s.review(),
                default_variant: super::variant_key(&s.id, s.minutes_per_day, &s.study_days),
            });
        }
    }
    PlanData {
        format: FORMAT_VERSION,
        title: guide.config.title.clone(),
        calendar_name: format!("{} — study plan", guide.config.title),
        base_url: base_url.to_string(),
        start: settings.start.map(|d| d.to_string()),
        session_time: settings.session_time.to_string(),
        weeks: settings.weeks,
        review_minutes: settings.review(),
        plans: choices,
        default_variant: super::variant_key(&settings.id, settings.minutes_per_day, &settings.study_days),
        minutes_options,
        day_options: day_choices
            .iter()
            .map(|d| DayOption {
                days: d.iter().map(|x| weekday_name(*x).to_string()).collect(),
                label: format!(
                    "{} day{} a week ({})",
                    d.len(),
                    if d.len() == 1 { "" } else { "s" },
                    days_label(d)
                ),
            })
            .collect(),
        topics: guide
            .topics
            .iter()
            .map(|t| TopicData {
                slug: t.slug.clone(),
                title: t.title.clone(),
            })
            .collect(),
        questions,
        variants,
    }
}

fn item_data(item: &Item, lookup: &impl Fn(&QuestionRef) -> Option<usize>) -> ItemData {
    match item {
        Item::Question { question, minutes } => ItemData {
            kind: "question".to_string(),
            minutes: *minutes,
            q: lookup(question),
            title: None,
            questions: Vec::new(),
        },
        Item::Review {
            weeks,
            questions,
            minutes,
        } => ItemData {
            kind: "review".to_string(),
            minutes: *minutes,
            q: None,
            title: Some(review_title(weeks)),
            questions: questions.iter().filter_map(lookup).collect(),
        },
        Item::Practice { text, minutes } => ItemData {
            kind: "practice".to_string(),
            minutes: *minutes,
            q: None,
            title: Some(text.clone()),
            questions: Vec::new(),
        },
    }
}
