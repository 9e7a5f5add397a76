//! The plan as a terminal calendar: aligned columns, no colour codes (so it pipes cleanly).

use super::Date;
use super::export::{PlanData, VariantData};

const WIDTH: usize = 78;
/// Width of the title column of an item.
const TITLE: usize = 46;

pub fn write(data: &PlanData, variant: &VariantData, start: Option<Date>) -> String {
    let dates = data.dates(variant, start);
    let mut out = String::new();
    out.push_str(&format!("{}\n", data.calendar_name));
    out.push_str(&data.summary(variant, start));
    out.push('\n');
    for week in &variant.weeks {
        let phase = data.phase_title(variant, week);
        let head = if phase.is_empty() {
            format!("Week {}", week.week)
        } else {
            format!("Week {} · {phase}", week.week)
        };
        let total = format!("{} min", week.minutes);
        out.push('\n');
        out.push_str(&line(&head, &total, '═'));
        for day in &week.days {
            let label = super::day_label(dates.as_deref(), week.week, day.day, "·");
            out.push_str(&format!("  {label}  ({} min)\n", day.minutes));
            for item in &day.items {
                let (title, tag) = match item.q.and_then(|q| data.questions.get(q)) {
                    Some(q) => (q.title.clone(), format!("{} · {}", q.kind, q.difficulty)),
                    None => (item.title.clone().unwrap_or_default(), item.kind.clone()),
                };
                out.push_str(&item_line(&title, item.minutes, &tag));
            }
        }
        if let Some(phase) = week
            .phase
            .and_then(|p| variant.phases.get(p))
            .filter(|p| p.last_week == week.week)
        {
            for goal in &phase.goals {
                out.push_str(&format!("  ★ Goal: {goal}\n"));
            }
            for q in phase.stretch.iter().filter_map(|q| data.questions.get(*q)) {
                out.push_str(&item_line(&q.title, q.minutes, "stretch: did not fit"));
            }
        }
    }
    out
}

fn width(text: &str) -> usize {
    text.chars().count()
}

fn line(left: &str, right: &str, fill: char) -> String {
    let used = width(left) + width(right) + 4;
    let pad = WIDTH.saturating_sub(used).max(1);
    format!("{fill} {left} {} {right}\n", fill.to_string().repeat(pad))
}

/// `    [ ] Title                       45 min  coding · easy`: fixed columns, the title
/// shortened if it is too long.
fn item_line(title: &str, minutes: u32, tag: &str) -> String {
    let title: String = if width(title) > TITLE {
        let mut t: String = title.chars().take(TITLE - 1).collect();
        t.push('…');
        t
    } else {
        title.to_string()
    };
    let pad = " ".repeat(TITLE - width(&title));
    format!("    [ ] {title}{pad} {minutes:>3} min  {tag}\n")
}
