//! Checks the `plan:` block of `guide.yaml` (or each of the named `plans:`) and resolves it
//! into [`Settings`]: plain values the scheduler can trust (weeks within range, phases that
//! do not overlap, topics that exist). Every problem points at its place in `guide.yaml`, all
//! of them at once.

use std::ops::Range;
use std::sync::Arc;

use serde_saphyr::{Location, Spanned};

use super::date::{Date, TimeOfDay};
use crate::content::yaml::{closest, location_range};
use crate::content::{Guide, GuideConfig, PlanConfig, Weekday};
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile};

/// The most weeks a plan may have; more is almost certainly a typo.
const MAX_WEEKS: u32 = 104;
/// The most minutes a study day may have.
const MAX_MINUTES: u32 = 16 * 60;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhaseSpec {
    pub title: String,
    pub first_week: u32,
    pub last_week: u32,
    /// Topic slugs, in the order `guide.yaml` lists them.
    pub topics: Vec<String>,
    pub goals: Vec<String>,
    pub practice: Option<String>,
    /// Interleaving weights that replace the topics' `share` in this phase.
    pub shares: Vec<(String, u32)>,
}

impl PhaseSpec {
    pub fn weeks(&self) -> u32 {
        self.last_week + 1 - self.first_week
    }
}

/// The plan's settings, checked. `phases` is never empty: without `phases:` in guide.yaml
/// one phase spans every week with every topic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The plan's name in `plans:` (`--plan ID`); `plan` for a lone `plan:` without one.
    pub id: String,
    pub title: String,
    pub weeks: u32,
    pub minutes_per_day: u32,
    /// Sorted Monday first, no duplicates.
    pub study_days: Vec<Weekday>,
    pub start: Option<Date>,
    pub session_time: TimeOfDay,
    pub review_minutes: u32,
    pub phases: Vec<PhaseSpec>,
}

/// What `syllabus plan` may change on the command line.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub start: Option<Date>,
    pub minutes_per_day: Option<u32>,
    pub study_days: Option<Vec<Weekday>>,
    pub weeks: Option<u32>,
}

impl Settings {
    /// The guide's plan settings, or every problem with them. The warnings (a topic in no
    /// phase, a week in no phase) do not stop a build.
    /// This is the default plan: the lone `plan:`, or the first of `plans:`.
    pub fn resolve(guide: &Guide) -> Result<(Settings, Diagnostics), Diagnostics> {
        let (mut all, warnings) = Self::resolve_all(guide)?;
        if all.is_empty() {
            return Err(Diagnostic::error("internal error: no study plan").into());
        }
        Ok((all.swap_remove(0), warnings))
    }

    /// Every plan of the guide, the default first: `plans:`, or the lone `plan:` (or the
    /// defaults when guide.yaml has neither).
    pub fn resolve_all(guide: &Guide) -> Result<(Vec<Settings>, Diagnostics), Diagnostics> {
        let topics: Vec<String> = guide.topics.iter().map(|t| t.slug.clone()).collect();
        resolve_plans(&guide.config, &guide.config_source, &topics)
    }

    /// The plan called `id`, or the ids there are.
    pub fn find(all: Vec<Settings>, id: &str) -> Result<Settings, String> {
        let ids: Vec<String> = all.iter().map(|s| s.id.clone()).collect();
        all.into_iter()
            .find(|s| s.id == id)
            .ok_or_else(|| format!("the guide has no plan '{id}'; its plans are: {}", ids.join(", ")))
    }

    /// Applies command-line overrides. A different number of weeks stretches or squeezes the
    /// phases proportionally, so that `--weeks 6` keeps the guide's shape.
    pub fn with_overrides(mut self, overrides: &Overrides) -> Result<Settings, String> {
        if let Some(start) = overrides.start {
            self.start = Some(start);
        }
        if let Some(minutes) = overrides.minutes_per_day {
            if minutes == 0 || minutes > MAX_MINUTES {
                return Err(format!("--minutes-per-day must be between 1 and {MAX_MINUTES}"));
            }
            self.minutes_per_day = minutes;
        }
        if let Some(days) = &overrides.study_days {
            // The checks of guide.yaml's `study_days`, so both accept the same lists.
            let mut days = days.clone();
            days.sort_unstable();
            let before = days.len();
            days.dedup();
            if days.is_empty() {
                return Err("--days needs at least one day".to_string());
            }
            if days.len() != before {
                return Err("--days lists a day twice; list each weekday once".to_string());
            }
            self.study_days = days;
        }
        if let Some(weeks) = overrides.weeks {
            if weeks == 0 || weeks > MAX_WEEKS {
                return Err(format!("--weeks must be between 1 and {MAX_WEEKS}"));
            }
            let old = u64::from(self.weeks);
            let new = u64::from(weeks);
            // Map each boundary b (a phase starts after week b or ends at week b) to the
            // nearest week of the new length; monotone, so phases still never overlap.
            let map = |b: u32| u32::try_from((2 * u64::from(b) * new + old) / (2 * old)).unwrap_or(weeks);
            let count = self.phases.len();
            for phase in &mut self.phases {
                let first = map(phase.first_week - 1) + 1;
                let last = map(phase.last_week);
                if last < first {
                    return Err(format!(
                        "with --weeks {weeks}, phase '{}' gets no week; use at least {} weeks",
                        phase.title, count
                    ));
                }
                phase.first_week = first;
                phase.last_week = last;
            }
            self.weeks = weeks;
        }
        Ok(self)
    }

    /// Minutes of the review session that ends each week (never more than a day has).
    pub fn review(&self) -> u32 {
        self.review_minutes.min(self.minutes_per_day)
    }
}

/// Every plan of `config`, the default first (see [`Settings::resolve_all`]).
pub fn resolve_plans(
    config: &GuideConfig,
    file: &Arc<SourceFile>,
    topics: &[String],
) -> Result<(Vec<Settings>, Diagnostics), Diagnostics> {
    let default = PlanConfig::default();
    let configs: Vec<&PlanConfig> = match (&config.plan, config.plans.is_empty()) {
        (Some(_), false) => {
            return Err(Diagnostic::error("guide.yaml has both `plan:` and `plans:`")
                .in_file(file.path.clone())
                .help("move the `plan:` block into the `plans:` list (with an `id:` and a `title:`), docs/plan.md")
                .into());
        }
        (Some(plan), true) => vec![plan],
        (None, false) => config.plans.iter().collect(),
        (None, true) => vec![&default],
    };
    let named = !config.plans.is_empty();
    let mut problems = Diagnostics::new();
    let mut warnings = Diagnostics::new();
    let mut all: Vec<Settings> = Vec::new();
    for plan in configs {
        let id = match &plan.id {
            Some(id) => {
                let value = id.value.trim().to_string();
                let here = at(file, &id.referenced);
                if value.is_empty()
                    || !value
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                {
                    problems.push(
                        Diagnostic::error(format!("plan id '{value}' is not a name of lowercase letters, digits and dashes"))
                            .at(file, here, "plan id")
                            .help("write e.g. `id: 6-weeks`; the id is used by `syllabus plan --plan ID` and in the page's data"),
                    );
                } else if all.iter().any(|s| s.id == value) {
                    problems.push(
                        Diagnostic::error(format!("two plans have the id '{value}'"))
                            .at(file, here, "used again")
                            .help("give each plan its own id"),
                    );
                }
                value
            }
            None if named => {
                problems.push(
                    Diagnostic::error(format!("plan {} of `plans:` has no `id:`", all.len() + 1))
                        .in_file(file.path.clone())
                        .help("give every plan of `plans:` an id, e.g. `id: 8-weeks`"),
                );
                format!("plan-{}", all.len() + 1)
            }
            None => "plan".to_string(),
        };
        match resolve_config(plan, file, topics) {
            Ok((mut settings, w)) => {
                settings.title = plan
                    .title
                    .clone()
                    .filter(|t| !t.trim().is_empty())
                    .unwrap_or_else(|| format!("{}-week plan", settings.weeks));
                settings.id = id;
                warnings.extend(w);
                all.push(settings);
            }
            Err(p) => {
                problems.extend(p);
                all.push(Settings { id, ..placeholder() });
            }
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok((all, warnings))
}

/// Stands in for a plan with errors, so the other plans are still checked.
pub(crate) fn placeholder() -> Settings {
    Settings {
        id: String::new(),
        title: String::new(),
        weeks: 1,
        minutes_per_day: 1,
        study_days: Vec::new(),
        start: None,
        session_time: TimeOfDay { hour: 18, minute: 0 },
        review_minutes: 0,
        phases: Vec::new(),
    }
}

fn at(file: &Arc<SourceFile>, loc: &Location) -> Range<usize> {
    location_range(file, 0, loc)
}

/// The checks themselves, on the raw config, so tests can feed them any YAML.
pub fn resolve_config(
    config: &PlanConfig,
    file: &Arc<SourceFile>,
    topics: &[String],
) -> Result<(Settings, Diagnostics), Diagnostics> {
    let mut problems = Diagnostics::new();
    let mut warnings = Diagnostics::new();

    let weeks = config.weeks.value;
    if weeks == 0 || weeks > MAX_WEEKS {
        problems.push(
            Diagnostic::error(format!("plan.weeks must be between 1 and {MAX_WEEKS}, not {weeks}"))
                .at(file, at(file, &config.weeks.referenced), "number of weeks")
                .help("write e.g. `weeks: 8`"),
        );
    }
    let minutes_per_day = config.minutes_per_day.value;
    if minutes_per_day == 0 || minutes_per_day > MAX_MINUTES {
        problems.push(
            Diagnostic::error(format!(
                "plan.minutes_per_day must be between 1 and {MAX_MINUTES}, not {minutes_per_day}"
            ))
            .at(
                file,
                at(file, &config.minutes_per_day.referenced),
                "minutes per study day",
            )
            .help("write e.g. `minutes_per_day: 75`"),
        );
    }
    let mut study_days = config.study_days.value.clone();
    study_days.sort_unstable();
    let before = study_days.len();
    study_days.dedup();
    if study_days.is_empty() {
        problems.push(
            Diagnostic::error("plan.study_days is empty: the plan needs at least one study day a week")
                .at(file, at(file, &config.study_days.referenced), "no days")
                .help("write e.g. `study_days: [mon, tue, wed, thu, fri, sat]`"),
        );
    } else if study_days.len() != before {
        problems.push(
            Diagnostic::error("plan.study_days lists a day twice")
                .at(
                    file,
                    at(file, &config.study_days.referenced),
                    "a day appears more than once",
                )
                .help("list each weekday once"),
        );
    }
    let start = match &config.start {
        None => None,
        Some(s) => match Date::parse(s.value.trim()) {
            Ok(date) => Some(date),
            Err(message) => {
                problems.push(
                    Diagnostic::error(format!("plan.start: {message}"))
                        .at(file, at(file, &s.referenced), "not a date")
                        .help("write the first day of the plan as `start: \"2025-01-06\"` (YYYY-MM-DD), or remove the key"),
                );
                None
            }
        },
    };
    let session_time = match TimeOfDay::parse(config.session_time.value.trim()) {
        Ok(t) => t,
        Err(message) => {
            problems.push(
                Diagnostic::error(format!("plan.session_time: {message}"))
                    .at(file, at(file, &config.session_time.referenced), "not a time of day")
                    .help("write e.g. `session_time: \"18:00\"` (quoted, 24-hour clock)"),
            );
            TimeOfDay { hour: 18, minute: 0 }
        }
    };
    let review_minutes = config.review_minutes.value;
    if minutes_per_day > 0 && review_minutes >= minutes_per_day {
        problems.push(
            Diagnostic::error(format!("plan.review_minutes ({review_minutes}) leaves no time on the last study day of a week ({minutes_per_day} minutes)"))
                .at(file, at(file, &config.review_minutes.referenced), "review session length")
                .help(format!(
                    "make the weekly review shorter than a study day, e.g. `review_minutes: {}`",
                    (minutes_per_day / 3).max(1).min(minutes_per_day.saturating_sub(1))
                )),
        );
    }

    let mut phases: Vec<PhaseSpec> = Vec::new();
    let mut spans: Vec<&Spanned<String>> = Vec::new();
    for phase in &config.phases {
        let range_span = at(file, &phase.weeks.referenced);
        let (first, last) = match parse_weeks(&phase.weeks.value) {
            Some(r) => r,
            None => {
                problems.push(
                    Diagnostic::error(format!(
                        "phase '{}': '{}' is not a range of weeks",
                        phase.title, phase.weeks.value
                    ))
                    .at(file, range_span, "expected \"first-last\" or one week number")
                    .help("write e.g. `weeks: \"1-4\"` or `weeks: \"5\"` (weeks count from 1)"),
                );
                continue;
            }
        };
        if first == 0 || last < first || (weeks > 0 && last > weeks) {
            problems.push(
                Diagnostic::error(format!(
                    "phase '{}': weeks {first}–{last} are not within the plan's weeks 1–{weeks}",
                    phase.title
                ))
                .at(file, range_span.clone(), "out of range")
                .help(format!("phases use weeks 1 to {weeks} (plan.weeks), first week first")),
            );
        } else if let Some((i, other)) = phases
            .iter()
            .enumerate()
            .find(|(_, p)| first <= p.last_week && p.first_week <= last)
        {
            problems.push(
                Diagnostic::error(format!(
                    "phase '{}' (weeks {first}–{last}) overlaps phase '{}' (weeks {}–{})",
                    phase.title, other.title, other.first_week, other.last_week
                ))
                .at(file, range_span.clone(), "overlaps")
                .also(file, at(file, &spans[i].referenced), "the other phase")
                .help("give each week to one phase"),
            );
        }
        let mut slugs: Vec<String> = Vec::new();
        let mut absent: Vec<&str> = Vec::new();
        for topic in &phase.topics {
            let name = topic.value.trim();
            // `name?`: a topic the plan takes when the guide has it, and skips otherwise.
            let (name, optional) = match name.strip_suffix('?') {
                Some(n) => (n.trim(), true),
                None => (name, false),
            };
            if optional && !topics.iter().any(|t| t == name) {
                absent.push(name);
            } else if !topics.iter().any(|t| t == name) {
                let mut d = Diagnostic::error(match closest(name, topics) {
                    Some(best) => format!(
                        "phase '{}': unknown topic '{name}' — did you mean '{best}'?",
                        phase.title
                    ),
                    None => format!("phase '{}': unknown topic '{name}'", phase.title),
                })
                .at(file, at(file, &topic.referenced), "no topic with this slug");
                d = d.help(if topics.is_empty() {
                    "the guide has no topics yet: a topic is a folder under content/topics/ with a _topic.md (`syllabus new topic SLUG`)".to_string()
                } else {
                    format!("topics are the folders under content/topics/: {}", topics.join(", "))
                });
                problems.push(d);
            } else if slugs.iter().any(|s| s == name) {
                problems.push(
                    Diagnostic::error(format!("phase '{}' lists topic '{name}' twice", phase.title))
                        .at(file, at(file, &topic.referenced), "listed again")
                        .help("list each topic once per phase"),
                );
            } else {
                slugs.push(name.to_string());
            }
        }
        let mut shares: Vec<(String, u32)> = Vec::new();
        if let Some(map) = &phase.shares {
            for (name, weight) in &map.value {
                if absent.contains(&name.as_str()) {
                    continue;
                }
                if !slugs.contains(name) {
                    problems.push(
                        Diagnostic::error(format!(
                            "phase '{}': shares names '{name}', which is not one of the phase's topics",
                            phase.title
                        ))
                        .at(file, at(file, &map.referenced), "shares of the phase's topics")
                        .help(if slugs.is_empty() {
                            "the phase lists no topics: add them to its `topics:` before giving them shares".to_string()
                        } else {
                            format!("list weights for the phase's topics only: {}", slugs.join(", "))
                        }),
                    );
                } else if *weight == 0 || *weight > 1000 {
                    problems.push(
                        Diagnostic::error(format!(
                            "phase '{}': the share of '{name}' must be between 1 and 1000, not {weight}",
                            phase.title
                        ))
                        .at(file, at(file, &map.referenced), "shares")
                        .help("shares are relative weights, e.g. `shares: {algorithms: 40, behavioral: 8}`"),
                    );
                } else {
                    shares.push((name.clone(), *weight));
                }
            }
        }
        phases.push(PhaseSpec {
            shares,
            title: phase.title.clone(),
            first_week: first,
            last_week: last,
            topics: slugs,
            goals: phase.goals.clone(),
            practice: phase.practice.clone().filter(|p| !p.trim().is_empty()),
        });
        spans.push(&phase.weeks);
    }
    if problems.has_errors() {
        return Err(problems);
    }

    if phases.is_empty() {
        phases.push(PhaseSpec {
            title: "Study".to_string(),
            first_week: 1,
            last_week: weeks,
            topics: topics.to_vec(),
            goals: Vec::new(),
            practice: None,
            shares: Vec::new(),
        });
    } else {
        for topic in topics {
            if !phases.iter().any(|p| p.topics.contains(topic)) {
                warnings.push(
                    Diagnostic::warning(format!(
                        "study plan: topic '{topic}' is in no phase; its questions are not scheduled"
                    ))
                    .in_file(file.path.clone())
                    .help("add it to a phase's `topics:` in plan.phases, or ignore this if it is parked on purpose"),
                );
            }
        }
        let gaps: Vec<String> = (1..=weeks)
            .filter(|w| !phases.iter().any(|p| (p.first_week..=p.last_week).contains(w)))
            .map(|w| w.to_string())
            .collect();
        if !gaps.is_empty() {
            warnings.push(
                Diagnostic::warning(format!(
                    "study plan: week{} {} {} in no phase; only practice and review are planned there",
                    if gaps.len() == 1 { "" } else { "s" },
                    gaps.join(", "),
                    if gaps.len() == 1 { "is" } else { "are" }
                ))
                .in_file(file.path.clone())
                .help("extend a phase's `weeks:` to cover them"),
            );
        }
        phases.sort_by_key(|p| p.first_week);
    }
    Ok((
        Settings {
            id: "plan".to_string(),
            title: format!("{weeks}-week plan"),
            weeks,
            minutes_per_day,
            study_days,
            start,
            session_time,
            review_minutes,
            phases,
        },
        warnings,
    ))
}

/// `"1-4"`, `"1–4"` (en dash), `"1 - 4"` or `"5"`.
fn parse_weeks(text: &str) -> Option<(u32, u32)> {
    let text = text.trim();
    let number = |s: &str| {
        let s = s.trim();
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse::<u32>().ok()
    };
    match text.split_once(['-', '–']) {
        Some((a, b)) => Some((number(a)?, number(b)?)),
        None => number(text).map(|n| (n, n)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(yaml: &str) -> Result<(Settings, Diagnostics), Diagnostics> {
        let text = format!("title: T\ndescription: D\nbase_url: https://x.io/\nplan:\n{yaml}");
        let file = SourceFile::new("content/guide.yaml", text.clone());
        let config: GuideConfig = serde_saphyr::from_str(&text).expect("test YAML parses");
        let topics = ["algorithms", "python-language", "behavioral"]
            .map(String::from)
            .to_vec();
        resolve_config(&config.plan.unwrap_or_default(), &file, &topics)
    }

    fn errors(yaml: &str) -> Vec<String> {
        match resolve(yaml) {
            Ok(_) => Vec::new(),
            Err(d) => d.iter().map(|d| d.to_string()).collect(),
        }
    }

    #[test]
    fn plan_defaults_make_one_phase_with_every_topic() {
        let (s, warnings) = resolve("  weeks: 8\n").unwrap();
        assert!(warnings.is_empty());
        assert_eq!(s.minutes_per_day, 75);
        assert_eq!(s.study_days.len(), 6);
        assert_eq!(s.phases.len(), 1);
        assert_eq!((s.phases[0].first_week, s.phases[0].last_week), (1, 8));
        assert_eq!(s.phases[0].topics.len(), 3);
    }

    #[test]
    fn plan_errors_point_into_guide_yaml() {
        let e = errors("  phases:\n    - title: A\n      weeks: \"1-4\"\n      topics: [algoritms]\n");
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].starts_with(
                "content/guide.yaml:8:16: phase 'A': unknown topic 'algoritms' — did you mean 'algorithms'?"
            ),
            "{e:?}"
        );

        let e = errors("  phases:\n    - title: A\n      weeks: \"1-4\"\n    - title: B\n      weeks: \"4-9\"\n");
        assert!(
            e[0].contains("content/guide.yaml:9:14: phase 'B': weeks 4–9 are not within"),
            "{e:?}"
        );
        let e = errors("  phases:\n    - title: A\n      weeks: \"1-4\"\n    - title: B\n      weeks: \"4-5\"\n");
        assert!(
            e[0].contains(":9:14: phase 'B' (weeks 4–5) overlaps phase 'A'"),
            "{e:?}"
        );
        let e = errors("  phases:\n    - title: A\n      weeks: one\n");
        assert!(
            e[0].contains(":7:14: phase 'A': 'one' is not a range of weeks"),
            "{e:?}"
        );
        let e = errors("  start: \"2025-02-30\"\n");
        assert!(
            e[0].contains(":5:10: plan.start: 2025-02-30 is not a day of the calendar"),
            "{e:?}"
        );
        let e = errors("  start: \"9999-12-31\"\n");
        assert!(
            e[0].contains(":5:10: plan.start: 9999-12-31 is outside the years 1970–9000"),
            "{e:?}"
        );
        let e = errors("  session_time: \"6pm\"\n");
        assert!(e[0].contains(":5:17: plan.session_time"), "{e:?}");
        let e = errors("  weeks: 0\n  minutes_per_day: 0\n  study_days: []\n");
        assert_eq!(e.len(), 3, "{e:?}");
    }

    fn plans(yaml: &str) -> Result<Vec<Settings>, Vec<String>> {
        let text = format!("title: T\ndescription: D\nbase_url: https://x.io/\n{yaml}");
        let file = SourceFile::new("content/guide.yaml", text.clone());
        let config: GuideConfig = serde_saphyr::from_str(&text).expect("test YAML parses");
        let topics = ["algorithms", "python-language", "behavioral"]
            .map(String::from)
            .to_vec();
        resolve_plans(&config, &file, &topics)
            .map(|(all, _)| all)
            .map_err(|d| d.iter().map(|d| d.to_string()).collect())
    }

    #[test]
    fn plan_named_plans_resolve_in_order_with_their_own_settings() {
        let all = plans(
            "plans:\n  - id: long\n    title: Long\n    weeks: 8\n  - id: short\n    weeks: 4\n    minutes_per_day: 60\n    phases:\n      - title: A\n        weeks: \"1-4\"\n        topics: [algorithms, backend-python?]\n        shares: {algorithms: 3, backend-python: 1}\n",
        )
        .expect("valid");
        let summary: Vec<(&str, &str, u32, u32)> = all
            .iter()
            .map(|s| (s.id.as_str(), s.title.as_str(), s.weeks, s.minutes_per_day))
            .collect();
        assert_eq!(summary, [("long", "Long", 8, 75), ("short", "4-week plan", 4, 60)]);
        // The optional topic is absent from this guide: skipped, with its share.
        assert_eq!(all[1].phases[0].topics, ["algorithms"]);
        assert_eq!(all[1].phases[0].shares, [("algorithms".to_string(), 3)]);
        assert!(Settings::find(all.clone(), "short").is_ok());
        let err = Settings::find(all, "medium").expect_err("no such plan");
        assert!(err.contains("its plans are: long, short"), "{err}");
        // A lone `plan:` (today's form) is one plan called `plan`; no block at all, too.
        let one = plans("plan:\n  weeks: 3\n").expect("valid");
        assert_eq!((one[0].id.as_str(), one[0].weeks), ("plan", 3));
        assert_eq!(plans("").expect("defaults")[0].weeks, 8);
    }

    #[test]
    fn plan_named_plans_report_their_problems() {
        let e = plans("plan:\n  weeks: 3\nplans:\n  - id: a\n").expect_err("both");
        assert!(e[0].contains("both `plan:` and `plans:`"), "{e:?}");
        let e = plans("plans:\n  - id: a\n  - id: a\n  - weeks: 2\n  - id: Not OK\n").expect_err("ids");
        assert_eq!(e.len(), 3, "{e:?}");
        assert!(e[0].contains(":6:9: two plans have the id 'a'"), "{e:?}");
        assert!(e[1].contains("plan 3 of `plans:` has no `id:`"), "{e:?}");
        assert!(e[2].contains("plan id 'Not OK' is not a name"), "{e:?}");
        let e = plans(
            "plans:\n  - id: a\n    phases:\n      - title: P\n        weeks: \"1-2\"\n        topics: [algorithms]\n        shares: {behavioral: 2, algorithms: 0}\n",
        )
        .expect_err("shares");
        assert_eq!(e.len(), 2, "{e:?}");
        assert!(
            e.iter()
                .any(|m| m.contains("the share of 'algorithms' must be between 1 and 1000")),
            "{e:?}"
        );
        assert!(
            e.iter()
                .any(|m| m.contains("shares names 'behavioral', which is not one of the phase's topics")),
            "{e:?}"
        );
        let e = plans(
            "plans:\n  - id: a\n    phases:\n      - title: P\n        weeks: \"1\"\n        topics: [algoritms]\n",
        )
        .expect_err("topic");
        assert!(e[0].contains("did you mean 'algorithms'"), "{e:?}");
    }

    #[test]
    fn plan_topic_in_no_phase_is_a_warning() {
        let (s, warnings) =
            resolve("  phases:\n    - title: A\n      weeks: \"1-8\"\n      topics: [algorithms, python-language]\n")
                .unwrap();
        assert_eq!(s.phases.len(), 1);
        let w: Vec<String> = warnings.iter().map(|d| d.message.clone()).collect();
        assert_eq!(
            w,
            ["study plan: topic 'behavioral' is in no phase; its questions are not scheduled"]
        );
    }

    #[test]
    fn plan_weeks_override_scales_phases() {
        let (s, _) = resolve(
            "  phases:\n    - title: A\n      weeks: \"1-4\"\n    - title: B\n      weeks: \"5-6\"\n    - title: C\n      weeks: \"7-8\"\n",
        )
        .unwrap();
        let s6 = s
            .clone()
            .with_overrides(&Overrides {
                weeks: Some(6),
                ..Overrides::default()
            })
            .unwrap();
        let ranges: Vec<(u32, u32)> = s6.phases.iter().map(|p| (p.first_week, p.last_week)).collect();
        assert_eq!(ranges, [(1, 3), (4, 5), (6, 6)]);
        assert!(
            s.with_overrides(&Overrides {
                weeks: Some(2),
                ..Overrides::default()
            })
            .is_err()
        );
    }
}
