//! The plan as a printable Markdown checklist: one section per week, one box per item.

use super::Date;
use super::export::{PlanData, VariantData};

pub fn write(data: &PlanData, variant: &VariantData, start: Option<Date>) -> String {
    let dates = data.dates(variant, start);
    let mut out = format!("# {}\n\n", data.calendar_name);
    out.push_str(&data.summary(variant, start));
    out.push('\n');
    for week in &variant.weeks {
        let phase = data.phase_title(variant, week);
        out.push_str(&format!("\n## Week {}", week.week));
        if !phase.is_empty() {
            out.push_str(&format!(" · {phase}"));
        }
        out.push_str(&format!(" ({} min)\n", week.minutes));
        for day in &week.days {
            let label = super::day_label(dates.as_deref(), week.week, day.day, "—");
            out.push_str(&format!("\n### {label} ({} min)\n\n", day.minutes));
            for item in &day.items {
                match item.q.and_then(|q| data.questions.get(q)) {
                    Some(q) => out.push_str(&format!(
                        "- [ ] [{}]({}) — {}, {}, {} min\n",
                        escape(&q.title),
                        q.url,
                        q.kind,
                        q.difficulty,
                        item.minutes
                    )),
                    None => out.push_str(&format!(
                        "- [ ] {} ({} min)\n",
                        escape(item.title.as_deref().unwrap_or("")),
                        item.minutes
                    )),
                }
            }
        }
        if let Some(phase) = week
            .phase
            .and_then(|p| variant.phases.get(p))
            .filter(|p| p.last_week == week.week)
        {
            if !phase.goals.is_empty() {
                out.push_str(&format!("\n**Goals of {}:**\n\n", escape(&phase.title)));
                for goal in &phase.goals {
                    out.push_str(&format!("- [ ] {}\n", escape(goal)));
                }
            }
            if !phase.stretch.is_empty() {
                out.push_str("\n**Stretch (did not fit):**\n\n");
                for q in phase.stretch.iter().filter_map(|q| data.questions.get(*q)) {
                    out.push_str(&format!(
                        "- [ ] [{}]({}) — {} min\n",
                        escape(&q.title),
                        q.url,
                        q.minutes
                    ));
                }
            }
        }
    }
    out
}

/// Keeps titles from turning into Markdown syntax.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '[' | ']' | '*' | '_' | '`' | '<' | '>' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
