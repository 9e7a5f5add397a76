//! CSV export (RFC 4180): one row per item, CRLF line ends, fields quoted only when they hold
//! a comma, a quote or a line break. `static/plan.js` writes the same bytes.

use super::Date;
use super::export::{PlanData, VariantData};

pub const HEADER: [&str; 10] = [
    "date",
    "week",
    "day",
    "phase",
    "topic",
    "item",
    "kind",
    "difficulty",
    "minutes",
    "url",
];

pub fn write(data: &PlanData, variant: &VariantData, start: Option<Date>) -> String {
    let mut out = String::new();
    row(&mut out, &HEADER.map(String::from));
    let dates = data.dates(variant, start);
    let topic_title =
        |q: &super::export::QuestionData| data.topics.get(q.topic).map(|t| t.title.clone()).unwrap_or_default();
    for week in &variant.weeks {
        let phase = data.phase_title(variant, week);
        for day in &week.days {
            let date = dates
                .as_ref()
                .and_then(|d| d.get(week.week as usize - 1))
                .and_then(|w| w.get(day.day as usize - 1))
                .map(|d| d.to_string())
                .unwrap_or_default();
            for item in &day.items {
                let fields = match item.q.and_then(|q| data.questions.get(q)) {
                    Some(q) => [
                        topic_title(q),
                        q.title.clone(),
                        q.kind.clone(),
                        q.difficulty.clone(),
                        item.minutes.to_string(),
                        q.url.clone(),
                    ],
                    None => [
                        String::new(),
                        item.title.clone().unwrap_or_default(),
                        item.kind.clone(),
                        String::new(),
                        item.minutes.to_string(),
                        String::new(),
                    ],
                };
                let [topic, title, kind, difficulty, minutes, url] = fields;
                row(
                    &mut out,
                    &[
                        date.clone(),
                        week.week.to_string(),
                        day.day.to_string(),
                        phase.clone(),
                        topic,
                        title,
                        kind,
                        difficulty,
                        minutes,
                        url,
                    ],
                );
            }
        }
    }
    // Overflow is listed too, undated, in the last week of its phase.
    for phase in &variant.phases {
        for q in phase.stretch.iter().filter_map(|q| data.questions.get(*q)) {
            row(
                &mut out,
                &[
                    String::new(),
                    phase.last_week.to_string(),
                    String::new(),
                    phase.title.clone(),
                    topic_title(q),
                    q.title.clone(),
                    "stretch".into(),
                    q.difficulty.clone(),
                    q.minutes.to_string(),
                    q.url.clone(),
                ],
            );
        }
    }
    out
}

fn row(out: &mut String, fields: &[String]) {
    let quoted: Vec<String> = fields.iter().map(|f| field(f)).collect();
    out.push_str(&quoted.join(","));
    out.push_str("\r\n");
}

pub fn field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_csv_quotes_only_when_needed() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
    }
}
