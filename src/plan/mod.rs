//! The study plan: which question to study on which day.
//!
//! `guide.yaml`'s `plan:` block is checked and resolved into [`Settings`] ([`settings`]), the
//! pure scheduler turns a guide and settings into a [`Plan`] ([`schedule`]), and the plan is
//! exported through one data model ([`export`]) so that every format — the `/plan/` page,
//! `plan.json`, iCalendar, CSV, Markdown and the terminal calendar — says the same thing.
//! The browser (`static/plan.js`) only reads the exported data; it never schedules.

pub mod cli;
pub mod csv;
pub mod date;
pub mod export;
pub mod ics;
pub mod markdown;
pub mod page;
pub mod schedule;
pub mod settings;
pub mod text;

#[cfg(test)]
mod tests;

use crate::content::{Guide, Weekday};
use crate::diagnostics::{Diagnostic, Diagnostics};

pub use date::{Date, TimeOfDay};
pub use schedule::schedule;
pub use settings::{Overrides, PhaseSpec, Settings};

/// A question of the guide, by position: `guide.topics[topic].questions[index]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QuestionRef {
    pub topic: usize,
    pub index: usize,
}

/// One thing to do on a study day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Question {
        question: QuestionRef,
        minutes: u32,
    },
    /// Revisit the questions of this week and of two weeks before (spaced repetition).
    Review {
        weeks: Vec<u32>,
        questions: Vec<QuestionRef>,
        minutes: u32,
    },
    /// The phase's practice task, filling the time a day has left.
    Practice {
        text: String,
        minutes: u32,
    },
}

impl Item {
    pub fn minutes(&self) -> u32 {
        match self {
            Item::Question { minutes, .. } | Item::Review { minutes, .. } | Item::Practice { minutes, .. } => *minutes,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Day {
    /// 1-based within its week.
    pub number: u32,
    pub items: Vec<Item>,
}

impl Day {
    pub fn minutes(&self) -> u32 {
        self.items.iter().fold(0, |sum, i| sum.saturating_add(i.minutes()))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Week {
    /// 1-based.
    pub number: u32,
    /// Index into [`Plan::phases`]; `None` for a week no phase covers.
    pub phase: Option<usize>,
    pub days: Vec<Day>,
}

impl Week {
    pub fn minutes(&self) -> u32 {
        self.days.iter().fold(0, |sum, d| sum.saturating_add(d.minutes()))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhasePlan {
    pub title: String,
    pub first_week: u32,
    pub last_week: u32,
    pub goals: Vec<String>,
    pub practice: String,
    /// Minutes of the questions assigned to the phase.
    pub needed_minutes: u32,
    /// Minutes of study time the phase has for questions (its days minus the reviews).
    pub available_minutes: u32,
    /// Questions that did not fit, in study order.
    pub stretch: Vec<QuestionRef>,
}

/// A whole schedule for one choice of minutes per day and study days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The title of the named plan this schedules.
    pub title: String,
    pub minutes_per_day: u32,
    pub study_days: Vec<Weekday>,
    pub review_minutes: u32,
    pub phases: Vec<PhasePlan>,
    pub weeks: Vec<Week>,
}

impl Plan {
    /// Every question placed on a day, with its week and day numbers, in calendar order.
    pub fn scheduled(&self) -> impl Iterator<Item = (u32, u32, QuestionRef)> + '_ {
        self.weeks.iter().flat_map(|w| {
            w.days.iter().flat_map(move |d| {
                d.items.iter().filter_map(move |item| match item {
                    Item::Question { question, .. } => Some((w.number, d.number, *question)),
                    _ => None,
                })
            })
        })
    }

    /// One warning per phase with more work than time: nothing is dropped silently.
    pub fn overflow_warnings(&self, guide: &Guide) -> Diagnostics {
        self.phases
            .iter()
            .filter(|p| !p.stretch.is_empty())
            .map(|p| {
                let stretch = sum(p.stretch.iter().filter_map(|q| question(guide, *q)).map(|q| q.minutes));
                Diagnostic::warning(format!(
                    "study plan '{}': phase '{}' (weeks {}–{}) needs {} minutes of questions but has {} minutes of study time; {} question{} ({} min) {} listed as stretch",
                    self.title,
                    p.title,
                    p.first_week,
                    p.last_week,
                    p.needed_minutes,
                    p.available_minutes,
                    p.stretch.len(),
                    if p.stretch.len() == 1 { "" } else { "s" },
                    stretch,
                    if p.stretch.len() == 1 { "is" } else { "are" },
                ))
                .in_file(guide.config_source.path.clone())
                .help("raise the plan's minutes_per_day, give the phase more weeks, or move topics to a lighter phase (docs/plan.md)")
            })
            .collect()
    }
}

/// Adds user numbers (minutes) without overflow: a total past `u32::MAX` stays there.
pub fn sum(values: impl IntoIterator<Item = u32>) -> u32 {
    values.into_iter().fold(0, u32::saturating_add)
}

pub fn question(guide: &Guide, q: QuestionRef) -> Option<&crate::content::Question> {
    guide.topics.get(q.topic)?.questions.get(q.index)
}

/// The checks `syllabus check` and `syllabus build` run on the `plan:` block: its errors,
/// and the warnings of the configured plan (topics in no phase, overflow).
pub fn check(guide: &Guide) -> Diagnostics {
    match Settings::resolve_all(guide) {
        Ok((all, mut warnings)) => {
            for settings in &all {
                warnings.extend(schedule(guide, settings).overflow_warnings(guide));
            }
            warnings
        }
        Err(problems) => problems,
    }
}

/// A key of everything [`check`] and [`outputs`] are made from: the settings (guide.yaml)
/// and every topic's and question's data, never a document's text. `serve` re-checks the
/// plan only when it changes.
pub fn inputs_key(guide: &Guide) -> crate::key::Key {
    let topics: Vec<_> = guide
        .topics
        .iter()
        .map(|t| (&t.slug, &t.title, t.order, t.share, &t.summary))
        .collect();
    let questions: Vec<_> = guide
        .questions()
        .map(|q| {
            (
                (&q.topic, &q.slug, &q.title, q.difficulty, q.kind, q.minutes),
                (&q.tags, q.stage, q.order, q.draft),
            )
        })
        .collect();
    crate::key::key_of((guide.config_source.content_hash(), topics, questions))
}

/// The data of the `/plan/` page, `plan/plan.json`, and with a start date
/// `plan/study-plan.ics` and `plan/study-plan.csv`.
pub fn outputs(guide: &Guide, base_url: &str) -> Result<page::PlanSite, Diagnostics> {
    let (all, _) = Settings::resolve_all(guide)?;
    page::outputs(guide, &all, base_url).map_err(Diagnostics::from)
}

/// The minutes-per-day choices the site offers (besides the configured one).
pub const MINUTES_CHOICES: [u32; 3] = [60, 75, 90];

/// The study-day choices the site offers: Monday–Friday, Monday–Saturday, every day.
pub fn day_choices() -> Vec<Vec<Weekday>> {
    vec![
        Weekday::ALL[..5].to_vec(),
        Weekday::ALL[..6].to_vec(),
        Weekday::ALL.to_vec(),
    ]
}

/// How a variant is named in `plan.json` and by the page's selectors: the plan's id, the
/// minutes and the days, `8-weeks:75-mon,tue,wed`.
pub fn variant_key(plan: &str, minutes: u32, days: &[Weekday]) -> String {
    let days: Vec<&str> = days.iter().map(|d| weekday_name(*d)).collect();
    format!("{plan}:{minutes}-{}", days.join(","))
}

pub fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "mon",
        Weekday::Tue => "tue",
        Weekday::Wed => "wed",
        Weekday::Thu => "thu",
        Weekday::Fri => "fri",
        Weekday::Sat => "sat",
        Weekday::Sun => "sun",
    }
}

pub fn weekday_from_name(name: &str) -> Option<Weekday> {
    Weekday::ALL.into_iter().find(|d| weekday_name(*d) == name)
}

/// "Day 2", or "Day 2 · Tue 2026-03-03" when the plan has dates (`dates[week][day]`, both
/// 1-based in the arguments); `sep` goes between the day and its date.
pub fn day_label(dates: Option<&[Vec<Date>]>, week: u32, day: u32, sep: &str) -> String {
    let date = dates
        .and_then(|d| d.get((week as usize).wrapping_sub(1)))
        .and_then(|w| w.get((day as usize).wrapping_sub(1)));
    match date {
        Some(date) => format!("Day {day} {sep} {} {date}", weekday_label(date.weekday())),
        None => format!("Day {day}"),
    }
}

pub fn weekday_label(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Mon",
        Weekday::Tue => "Tue",
        Weekday::Wed => "Wed",
        Weekday::Thu => "Thu",
        Weekday::Fri => "Fri",
        Weekday::Sat => "Sat",
        Weekday::Sun => "Sun",
    }
}

/// Every variant the site embeds: the configured one first, then each minutes × days choice.
pub fn variants(settings: &Settings) -> Vec<Settings> {
    let mut minutes: Vec<u32> = MINUTES_CHOICES.to_vec();
    if !minutes.contains(&settings.minutes_per_day) {
        minutes.push(settings.minutes_per_day);
        minutes.sort_unstable();
    }
    let mut days = day_choices();
    if !days.contains(&settings.study_days) {
        days.push(settings.study_days.clone());
    }
    let mut out = vec![settings.clone()];
    for m in &minutes {
        for d in &days {
            if *m == settings.minutes_per_day && *d == settings.study_days {
                continue;
            }
            out.push(Settings {
                minutes_per_day: *m,
                study_days: d.clone(),
                ..settings.clone()
            });
        }
    }
    out
}

/// The dates of each week's study days: weeks are 7-day blocks starting on `start`, and a
/// week's study days are its dates whose weekday is a study day, in calendar order.
pub fn study_dates(start: Date, study_days: &[Weekday], weeks: u32) -> Vec<Vec<Date>> {
    (0..i64::from(weeks))
        .map(|w| {
            (0..7)
                .map(|d| start.add_days(w * 7 + d))
                .filter(|date| study_days.contains(&date.weekday()))
                .collect()
        })
        .collect()
}
