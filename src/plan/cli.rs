//! `syllabus plan`: the study plan in the terminal or as a file, with the guide's settings
//! overridden from the command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::{Date, Overrides, Settings, TimeOfDay, export, schedule};
use crate::build;
use crate::cli::{fail, report};
use crate::content::Weekday;
use crate::diagnostics::{Diagnostic, Diagnostics};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A calendar for the terminal.
    Text,
    /// A printable checklist.
    Markdown,
    /// One row per item (RFC 4180).
    Csv,
    /// The plan's data, as the site's plan.json.
    Json,
    /// An iCalendar file (needs a start date).
    Ics,
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// List the guide's plans (id, title, length) and exit.
    #[arg(long)]
    pub list: bool,
    /// Which of the guide's plans (`plans:` in guide.yaml) to use (default: the first).
    #[arg(long, value_name = "ID")]
    pub plan: Option<String>,
    /// The guide's folder (holding content/ and themes/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// First day of the plan, YYYY-MM-DD (default: plan.start in guide.yaml).
    #[arg(long, value_parser = parse_date)]
    pub start: Option<Date>,
    /// Minutes of study per day (default: plan.minutes_per_day).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=960))]
    pub minutes_per_day: Option<u32>,
    /// Study days, comma-separated: mon,tue,wed,thu,fri,sat,sun (default: plan.study_days).
    #[arg(long, value_parser = parse_days)]
    pub days: Option<Days>,
    /// Number of weeks; phases are stretched or squeezed to fit (default: plan.weeks).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=104))]
    pub weeks: Option<u32>,
    /// Time of day calendar events start, HH:MM (default: plan.session_time).
    #[arg(long, value_parser = parse_time)]
    pub time: Option<TimeOfDay>,
    /// Minutes before each calendar event that a reminder fires; 0 for no reminder.
    #[arg(long, default_value_t = super::ics::DEFAULT_REMINDER, value_parser = clap::value_parser!(u32).range(0..=10080))]
    pub reminder: u32,
    /// What to print: a text calendar, a Markdown checklist, CSV, JSON or iCalendar.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

/// A list of weekdays from `--days`.
#[derive(Debug, Clone)]
pub struct Days(pub Vec<Weekday>);

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text)
}

fn parse_time(text: &str) -> Result<TimeOfDay, String> {
    TimeOfDay::parse(text)
}

/// `--days mon,wed,fri`: each day read by [`Weekday::parse`], as guide.yaml's `study_days`.
fn parse_days(text: &str) -> Result<Days, String> {
    let mut days = Vec::new();
    for name in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let day = Weekday::parse(name)
            .ok_or_else(|| format!("'{name}' is not a weekday; use {}", Weekday::NAMES.join(", ")))?;
        days.push(day);
    }
    if days.is_empty() {
        return Err("give at least one day, e.g. mon,wed,fri".to_string());
    }
    Ok(Days(days))
}

pub fn run(args: PlanArgs) -> ExitCode {
    let prepared = match build::prepare(&args.root, false) {
        Ok(p) => p,
        Err(diagnostics) => return fail(diagnostics),
    };
    let guide = &prepared.guide;
    let all = match Settings::resolve_all(guide) {
        Ok((all, _)) => all,
        Err(diagnostics) => return fail(diagnostics),
    };
    if args.list {
        let mut out = String::new();
        for (i, s) in all.iter().enumerate() {
            out.push_str(&format!(
                "{}\t{}\t{} weeks · {} minutes a day · {} study days a week{}\n",
                s.id,
                s.title,
                s.weeks,
                s.minutes_per_day,
                s.study_days.len(),
                if i == 0 { " (default)" } else { "" }
            ));
        }
        print!("{out}");
        return ExitCode::SUCCESS;
    }
    let settings = match &args.plan {
        Some(id) => match Settings::find(all, id) {
            Ok(s) => s,
            Err(message) => return usage_error(&message),
        },
        None => match all.into_iter().next() {
            Some(s) => s,
            None => return usage_error("the guide has no study plan"),
        },
    };
    let overrides = Overrides {
        start: args.start,
        minutes_per_day: args.minutes_per_day,
        study_days: args.days.map(|d| d.0),
        weeks: args.weeks,
    };
    let settings = match settings.with_overrides(&overrides) {
        Ok(s) => s,
        Err(message) => return usage_error(&message),
    };
    if args.format == Format::Ics && settings.start.is_none() {
        return usage_error(
            "--format ics needs a start date: pass --start YYYY-MM-DD or set plan.start in content/guide.yaml",
        );
    }
    let plan = schedule(guide, &settings);
    // Only the warnings about this plan: the guide's others were for `syllabus check`.
    let mut warnings = Diagnostics::new();
    warnings.extend(plan.overflow_warnings(guide));
    report(&warnings);
    let data = export::build(guide, &settings, &[(settings.clone(), plan)], guide.config.base_url());
    let Some(variant) = data.default_plan() else {
        return fail(Diagnostic::error("internal error: the plan has no variant").into());
    };
    let text = match (args.format, settings.start) {
        (Format::Text, start) => super::text::write(&data, variant, start),
        (Format::Markdown, start) => super::markdown::write(&data, variant, start),
        // The CLI knows no reader's progress: every row is not done.
        (Format::Csv, start) => super::csv::write(&data, variant, start, &|_| false),
        (Format::Json, _) => data.to_json(),
        (Format::Ics, Some(start)) => {
            let options = super::ics::Options {
                time: args.time.unwrap_or(settings.session_time),
                reminder: Some(args.reminder).filter(|m| *m > 0),
            };
            super::ics::write(&data, variant, start, &options)
        }
        (Format::Ics, None) => return usage_error("--format ics needs a start date"),
    };
    match &args.output {
        Some(path) => {
            if let Err(err) = std::fs::write(path, text.as_bytes()) {
                return fail(Diagnostic::error(format!("cannot write {}: {err}", path.display())).into());
            }
            ExitCode::SUCCESS
        }
        None => {
            use std::io::Write;
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth reporting.
            let _ = stdout.write_all(text.as_bytes());
            ExitCode::SUCCESS
        }
    }
}

fn usage_error(message: &str) -> ExitCode {
    crate::cli::tell!("error: {message}");
    ExitCode::from(1)
}
