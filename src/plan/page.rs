//! The plan's part of the site, as data: the context of the `/plan/` page (the configured
//! variant, so the page reads and prints without JavaScript), `plan/plan.json`, the same data
//! as `plan/plan-data.js` for `static/plan.js`, and with a start date the `.ics` and `.csv` files.
//! `render::plan_page` turns the context into the page; nothing here renders.

use serde::Serialize;

use super::export::{self, DayData, PlanData, VariantData, WeekData};
use super::{Date, Settings, schedule, variants, weekday_label};
use crate::content::Guide;
use crate::diagnostics::Diagnostic;
use crate::output::OutputFile;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Builds the data of every variant of every plan the site offers; `all` holds the named
/// plans, the default first.
pub fn data(guide: &Guide, all: &[Settings], base_url: &str) -> PlanData {
    let plans: Vec<(Settings, super::Plan)> = all
        .iter()
        .flat_map(variants)
        .map(|s| {
            let plan = schedule(guide, &s);
            (s, plan)
        })
        .collect();
    let default = all.first().cloned().unwrap_or_else(super::settings::placeholder);
    export::build(guide, &default, &plans, base_url)
}

/// The plan's part of the site as data: the `/plan/` page's context (rendered by
/// `render::plan_page`) and the files that are not pages.
pub struct PlanSite {
    /// The template context of the `/plan/` page.
    pub page: PageCtx,
    /// `plan.json`, with `<` escaped so that no string can close the page's `<script>`.
    pub embedded_json: String,
    pub description: String,
    /// `plan/plan.json`, `plan/plan-data.js`, and with a start date the `.ics` and `.csv` files.
    pub files: Vec<OutputFile>,
}

pub fn outputs(guide: &Guide, all: &[Settings], base_url: &str) -> Result<PlanSite, Diagnostic> {
    let settings = all
        .first()
        .ok_or_else(|| Diagnostic::error("internal error: the guide has no study plan"))?;
    let data = data(guide, all, base_url);
    let json = data.to_json();
    let variant = data
        .default_plan()
        .ok_or_else(|| Diagnostic::error("internal error: the study plan has no default variant"))?;
    let mut files = Vec::new();
    let description = format!(
        "A {}-week study plan{}: {} minutes a day, {} days a week, with a weekly review, printable and exportable to your calendar.",
        data.weeks,
        if data.plans.len() > 1 {
            " (and shorter ones to choose from)"
        } else {
            ""
        },
        variant.minutes_per_day,
        variant.study_days.len()
    );
    let page = page_context(&data, variant, settings.start);
    let embedded_json = json.trim_end().replace('<', "\\u003c");
    // The page loads the data as a deferred script, not embedded: 275 KB of JSON in the page
    // delayed its first paint by seconds on a slow phone. A script, not fetch(), because
    // fetch() does not read file:// and the site works opened from disk.
    files.push(OutputFile::new(
        "plan/plan-data.js",
        format!(
            "/* The study plan's data for static/plan.js (the same as plan.json). */\nwindow.syllabusPlan = {embedded_json};\n"
        ),
    ));
    files.push(OutputFile::new("plan/plan.json", json));
    if let Some(start) = settings.start {
        files.push(OutputFile::new(
            "plan/study-plan.ics",
            super::ics::write(&data, variant, start, &super::ics::Options::of(&data)),
        ));
        files.push(OutputFile::new(
            "plan/study-plan.csv",
            super::csv::write(&data, variant, Some(start), &|_| false),
        ));
    }
    Ok(PlanSite {
        page,
        embedded_json,
        description,
        files,
    })
}

#[derive(Serialize)]
pub struct PageCtx {
    title: String,
    plan_options: Vec<Choice>,
    weeks: u32,
    minutes_per_day: u32,
    days_per_week: usize,
    days_label: String,
    start: Option<String>,
    session_time: String,
    review_minutes: u32,
    default_variant: String,
    minutes_options: Vec<Choice>,
    day_options: Vec<Choice>,
    phases: Vec<PhaseCtx>,
    overview: Vec<OverviewCtx>,
    schedule: Vec<WeekCtx>,
    topics: Vec<TopicCtx>,
    pub total_minutes: u32,
    question_count: usize,
    stretch_count: usize,
}

#[derive(Serialize)]
struct Choice {
    value: String,
    label: String,
    selected: bool,
}

#[derive(Serialize)]
struct PhaseCtx {
    title: String,
    weeks: String,
    needed_minutes: u32,
    available_minutes: u32,
}

#[derive(Serialize)]
struct OverviewCtx {
    week: u32,
    phase: String,
    minutes: u32,
    questions: usize,
    /// Percent of the week's budget in use, for the overview's bar.
    load: u32,
}

#[derive(Serialize)]
struct WeekCtx {
    week: u32,
    phase: String,
    minutes: u32,
    questions: usize,
    goals: Vec<String>,
    stretch: Vec<ItemCtx>,
    days: Vec<DayCtx>,
}

#[derive(Serialize)]
struct DayCtx {
    day: u32,
    label: String,
    date: Option<String>,
    minutes: u32,
    items: Vec<ItemCtx>,
}

#[derive(Serialize)]
struct ItemCtx {
    /// `question`, `review`, `practice` or `stretch`.
    kind: String,
    /// The progress key.
    key: String,
    title: String,
    href: Option<String>,
    /// Absolute, for exports (and themes that show it).
    url: Option<String>,
    topic: Option<String>,
    question_kind: Option<String>,
    difficulty: Option<String>,
    minutes: u32,
    review: Vec<ReviewLink>,
}

#[derive(Serialize)]
struct ReviewLink {
    title: String,
    href: String,
}

#[derive(Serialize)]
struct TopicCtx {
    slug: String,
    title: String,
    questions: usize,
}

/// "Mon 6 Jan": the label of a dated study day (plan.js writes the same).
pub fn date_label(date: Date) -> String {
    let (_, m, d) = date.ymd();
    format!(
        "{} {d} {}",
        weekday_label(date.weekday()),
        MONTHS[(m as usize).saturating_sub(1) % 12]
    )
}

fn page_context(data: &PlanData, variant: &VariantData, start: Option<Date>) -> PageCtx {
    let dates = data.dates(variant, start);
    let budget_week = variant
        .minutes_per_day
        .saturating_mul(u32::try_from(variant.study_days.len()).unwrap_or(u32::MAX));
    let count = |w: &WeekData| {
        w.days
            .iter()
            .flat_map(|d| d.items.iter())
            .filter(|i| i.q.is_some())
            .count()
    };
    let schedule: Vec<WeekCtx> = variant
        .weeks
        .iter()
        .map(|week| {
            let phase = week.phase.and_then(|p| variant.phases.get(p));
            let last_of_phase = phase.filter(|p| p.last_week == week.week);
            WeekCtx {
                week: week.week,
                phase: data.phase_title(variant, week),
                minutes: week.minutes,
                questions: count(week),
                goals: last_of_phase.map(|p| p.goals.clone()).unwrap_or_default(),
                stretch: last_of_phase
                    .map(|p| {
                        p.stretch
                            .iter()
                            .filter_map(|q| question_item(data, *q, q_minutes(data, *q), "stretch"))
                            .collect()
                    })
                    .unwrap_or_default(),
                days: week
                    .days
                    .iter()
                    .map(|day| {
                        let date = dates
                            .as_ref()
                            .and_then(|d| d.get(week.week as usize - 1))
                            .and_then(|w| w.get(day.day as usize - 1))
                            .copied();
                        DayCtx {
                            day: day.day,
                            label: date.map_or_else(|| format!("Day {}", day.day), date_label),
                            date: date.map(|d| d.to_string()),
                            minutes: day.minutes,
                            items: day_items(data, week, day),
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    let days = &variant.study_days;
    PageCtx {
        title: data
            .plans
            .iter()
            .find(|p| p.id == variant.plan)
            .map(|p| p.title.clone())
            .unwrap_or_default(),
        plan_options: data
            .plans
            .iter()
            .map(|p| Choice {
                value: p.id.clone(),
                label: p.title.clone(),
                selected: p.id == variant.plan,
            })
            .collect(),
        weeks: data.weeks,
        minutes_per_day: variant.minutes_per_day,
        days_per_week: days.len(),
        days_label: data
            .day_options
            .iter()
            .find(|o| o.days == *days)
            .map(|o| o.label.clone())
            .unwrap_or_default(),
        start: data.start.clone(),
        session_time: data.session_time.clone(),
        review_minutes: data.review_minutes,
        default_variant: data.default_variant.clone(),
        minutes_options: data
            .minutes_options
            .iter()
            .map(|m| Choice {
                value: m.to_string(),
                label: format!("{m} minutes a day"),
                selected: *m == variant.minutes_per_day,
            })
            .collect(),
        day_options: data
            .day_options
            .iter()
            .map(|o| Choice {
                value: o.days.join(","),
                label: o.label.clone(),
                selected: o.days == *days,
            })
            .collect(),
        phases: variant
            .phases
            .iter()
            .map(|p| PhaseCtx {
                title: p.title.clone(),
                weeks: if p.first_week == p.last_week {
                    format!("week {}", p.first_week)
                } else {
                    format!("weeks {}–{}", p.first_week, p.last_week)
                },
                needed_minutes: p.needed_minutes,
                available_minutes: p.available_minutes,
            })
            .collect(),
        overview: variant
            .weeks
            .iter()
            .map(|w| OverviewCtx {
                week: w.week,
                phase: data.phase_title(variant, w),
                minutes: w.minutes,
                questions: count(w),
                load: u32::try_from(
                    (u64::from(w.minutes) * 100)
                        .checked_div(u64::from(budget_week))
                        .unwrap_or(0)
                        .min(100),
                )
                .unwrap_or(100),
            })
            .collect(),
        total_minutes: super::sum(variant.weeks.iter().map(|w| w.minutes)),
        question_count: variant.weeks.iter().map(count).sum(),
        stretch_count: variant.phases.iter().map(|p| p.stretch.len()).sum(),
        topics: data
            .topics
            .iter()
            .enumerate()
            .map(|(i, t)| TopicCtx {
                slug: t.slug.clone(),
                title: t.title.clone(),
                questions: variant
                    .weeks
                    .iter()
                    .flat_map(|w| w.days.iter().flat_map(|d| d.items.iter()))
                    .filter_map(|item| item.q.and_then(|q| data.questions.get(q)))
                    .filter(|q| q.topic == i)
                    .count(),
            })
            .filter(|t| t.questions > 0)
            .collect(),
        schedule,
    }
}

fn q_minutes(data: &PlanData, q: usize) -> u32 {
    data.questions.get(q).map_or(0, |q| q.minutes)
}

fn question_item(data: &PlanData, q: usize, minutes: u32, kind: &str) -> Option<ItemCtx> {
    let question = data.questions.get(q)?;
    Some(ItemCtx {
        kind: kind.to_string(),
        key: question.id.clone(),
        title: question.title.clone(),
        href: Some(question.href.clone()),
        url: Some(question.url.clone()),
        topic: data.topics.get(question.topic).map(|t| t.title.clone()),
        question_kind: Some(question.kind.clone()),
        difficulty: Some(question.difficulty.clone()),
        minutes,
        review: Vec::new(),
    })
}

fn day_items(data: &PlanData, week: &WeekData, day: &DayData) -> Vec<ItemCtx> {
    day.items
        .iter()
        .filter_map(|item| match item.kind.as_str() {
            "question" => question_item(data, item.q?, item.minutes, "question"),
            kind => Some(ItemCtx {
                kind: kind.to_string(),
                key: if kind == "review" {
                    format!("plan:review:{}", week.week)
                } else {
                    format!("plan:practice:{}:{}", week.week, day.day)
                },
                title: item.title.clone().unwrap_or_default(),
                href: None,
                url: None,
                topic: None,
                question_kind: None,
                difficulty: None,
                minutes: item.minutes,
                review: item
                    .questions
                    .iter()
                    .filter_map(|q| data.questions.get(*q))
                    .map(|q| ReviewLink {
                        title: q.title.clone(),
                        href: q.href.clone(),
                    })
                    .collect(),
            }),
        })
        .collect()
}
