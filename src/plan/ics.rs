//! iCalendar (RFC 5545) export: one event per study day at a chosen time of day, each with
//! a reminder (VALARM) unless it is switched off.
//!
//! A small writer rather than a crate: the file needs six properties, and `static/plan-files.js`
//! must produce the very same bytes in the browser, which is only practical when both sides
//! are a page of code that can be read side by side. Determinism: UIDs are an FNV-1a hash
//! of the plan's settings and the day, and DTSTAMP is the plan's start date, so the same
//! plan gives the same file and calendar apps update events instead of duplicating them.

use super::export::{PlanData, VariantData};
use super::{Date, TimeOfDay};

/// Minutes before each event that the reminder fires, unless the reader turns it off.
pub const DEFAULT_REMINDER: u32 = 10;

/// What the reader chooses about the calendar (the page's inputs, `--time`, `--reminder`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Local time of day every event starts.
    pub time: TimeOfDay,
    /// Minutes before the event a reminder fires; `None` for no reminder.
    pub reminder: Option<u32>,
}

impl Options {
    /// The guide's session time with the default reminder.
    pub fn of(data: &PlanData) -> Self {
        Self {
            time: TimeOfDay::parse(&data.session_time).unwrap_or(TimeOfDay { hour: 18, minute: 0 }),
            reminder: Some(DEFAULT_REMINDER),
        }
    }
}

/// Section 3.1: lines longer than 75 octets are folded.
const MAX_LINE: usize = 75;

pub fn write(data: &PlanData, variant: &VariantData, start: Date, options: &Options) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//syllabus//Study plan//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", escape_text(&data.calendar_name)),
    ];
    let dates = data.dates(variant, Some(start)).unwrap_or_default();
    let time = format!("{:02}{:02}", options.time.hour, options.time.minute);
    let days = variant.study_days.join(",");
    for week in &variant.weeks {
        for day in &week.days {
            let Some(date) = dates
                .get(week.week as usize - 1)
                .and_then(|w| w.get(day.day as usize - 1))
            else {
                continue;
            };
            if day.minutes == 0 {
                continue;
            }
            let seed = format!(
                "{}|{}|{}|{}|{}|{}|{}",
                data.base_url, variant.plan, start, variant.minutes_per_day, days, week.week, day.day
            );
            lines.push("BEGIN:VEVENT".into());
            lines.push(format!(
                "UID:{:016x}-w{}d{}@syllabus",
                fnv1a64(seed.as_bytes()),
                week.week,
                day.day
            ));
            lines.push(format!("DTSTAMP:{}T000000Z", start.compact()));
            lines.push(format!("DTSTART:{}T{time}00", date.compact()));
            lines.push(format!("DURATION:PT{}M", day.minutes));
            let summary = escape_text(&summary(data, week.week, day));
            lines.push(format!("SUMMARY:{summary}"));
            lines.push(format!(
                "DESCRIPTION:{}",
                escape_text(&description(data, variant, week, day))
            ));
            if let Some(minutes) = options.reminder {
                lines.push("BEGIN:VALARM".into());
                lines.push("ACTION:DISPLAY".into());
                lines.push(format!("DESCRIPTION:{summary}"));
                lines.push(format!("TRIGGER:-PT{minutes}M"));
                lines.push("END:VALARM".into());
            }
            lines.push("END:VEVENT".into());
        }
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for line in lines {
        out.push_str(&fold(&line));
        out.push_str("\r\n");
    }
    out
}

/// "Week 3 · Day 2 — Two Sum, Valid Parentheses".
pub fn summary(data: &PlanData, week: u32, day: &super::export::DayData) -> String {
    let titles: Vec<&str> = day
        .items
        .iter()
        .filter_map(|i| i.q)
        .filter_map(|q| data.questions.get(q))
        .map(|q| q.title.as_str())
        .collect();
    let has = |kind: &str| day.items.iter().any(|i| i.kind == kind);
    let what = if !titles.is_empty() {
        titles.join(", ")
    } else if has("review") && has("practice") {
        "Practice and weekly review".to_string()
    } else if has("review") {
        "Weekly review".to_string()
    } else {
        "Practice".to_string()
    };
    format!("Week {week} · Day {} — {what}", day.day)
}

/// The day's items, one per line, with absolute links.
pub fn description(
    data: &PlanData,
    variant: &VariantData,
    week: &super::export::WeekData,
    day: &super::export::DayData,
) -> String {
    let mut lines = Vec::new();
    let phase = data.phase_title(variant, week);
    if !phase.is_empty() {
        lines.push(format!("Phase: {phase}"));
    }
    for item in &day.items {
        let title = item.title.as_deref().unwrap_or("");
        match (item.kind.as_str(), item.q.and_then(|q| data.questions.get(q))) {
            ("question", Some(q)) => lines.push(format!(
                "- {} ({} · {} · {} min) {}",
                q.title, q.kind, q.difficulty, item.minutes, q.url
            )),
            ("review", _) => {
                let titles: Vec<&str> = item
                    .questions
                    .iter()
                    .filter_map(|q| data.questions.get(*q))
                    .map(|q| q.title.as_str())
                    .collect();
                if titles.is_empty() {
                    lines.push(format!("- {title} ({} min)", item.minutes));
                } else {
                    lines.push(format!("- {title} ({} min): {}", item.minutes, titles.join("; ")));
                }
            }
            _ => lines.push(format!("- Practice ({} min): {title}", item.minutes)),
        }
    }
    lines.join("\n")
}

/// TEXT escaping (section 3.3.11).
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

/// Folds a content line: at most 75 octets per physical line (the leading space of a
/// continuation counts), never inside a UTF-8 character.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 64 * 3);
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > MAX_LINE {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out
}

/// 64-bit FNV-1a: tiny, well known, and easy to match in JavaScript.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_ics_folds_at_75_octets_without_splitting_characters() {
        let line = format!("SUMMARY:{}", "é".repeat(80));
        let folded = fold(&line);
        for part in folded.split("\r\n") {
            assert!(part.len() <= 75, "{} octets: {part}", part.len());
        }
        assert_eq!(folded.replace("\r\n ", ""), line);
        assert_eq!(fold("short"), "short");
    }

    #[test]
    fn plan_ics_escapes_text() {
        assert_eq!(escape_text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
