//! CSV export (RFC 4180) with the `csv` crate: one row per item, CRLF line ends, fields quoted
//! only when they hold a comma, a quote or a line break. `static/plan-files.js` writes the same bytes.
//!
//! For spreadsheets: a UTF-8 byte-order mark first (without it Excel reads "–" as "â€“"),
//! a `done` column from the reader's progress, and cells that a spreadsheet would run as a
//! formula (starting with `=`, `+`, `-`, `@`, tab or CR) prefixed with `'` (OWASP's advice
//! on CSV injection).

use super::Date;
use super::export::{PlanData, VariantData};

pub const HEADER: [&str; 11] = [
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
    "done",
];

/// The byte-order mark the file starts with.
pub const BOM: &str = "\u{feff}";

/// The CSV of `variant`; `done(key)` says whether the reader ticked the item with that
/// progress key (the CLI knows no progress: every row says "no").
pub fn write(data: &PlanData, variant: &VariantData, start: Option<Date>, done: &dyn Fn(&str) -> bool) -> String {
    let yes_no = |key: &str| if done(key) { "yes" } else { "no" }.to_string();
    let mut out = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
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
                let key = match (item.q.and_then(|q| data.questions.get(q)), item.kind.as_str()) {
                    (Some(q), _) => q.id.clone(),
                    (None, "review") => format!("plan:review:{}", week.week),
                    (None, _) => format!("plan:practice:{}:{}", week.week, day.day),
                };
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
                        yes_no(&key),
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
                    yes_no(&q.id),
                ],
            );
        }
    }
    // Writing strings into memory cannot fail, and what goes in is UTF-8.
    let bytes = out.into_inner().unwrap_or_default();
    format!("{BOM}{}", String::from_utf8_lossy(&bytes))
}

fn row(out: &mut ::csv::Writer<Vec<u8>>, fields: &[String]) {
    // Only an I/O error can fail a write, and a Vec does not have any.
    let _ = out.write_record(fields.iter().map(|f| neutralise(f).into_owned()));
}

/// A cell a spreadsheet would evaluate, made text with a leading `'`.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_row(fields: &[&str]) -> String {
        let mut out = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::CRLF)
            .from_writer(Vec::new());
        row(&mut out, &fields.iter().map(|f| f.to_string()).collect::<Vec<_>>());
        String::from_utf8(out.into_inner().expect("flushed")).expect("UTF-8")
    }

    #[test]
    fn plan_csv_quotes_only_when_needed() {
        assert_eq!(one_row(&["plain", "a, b"]), "plain,\"a, b\"\r\n");
        assert_eq!(one_row(&["say \"hi\"", ""]), "\"say \"\"hi\"\"\",\r\n");
        assert_eq!(one_row(&["two\nlines", "x"]), "\"two\nlines\",x\r\n");
    }

    #[test]
    fn plan_csv_neutralises_formulas() {
        for (cell, out) in [
            ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""),
            ("+1", "'+1"),
            ("-2", "'-2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "\"'\rx\""),
            ("a=b", "a=b"),
        ] {
            assert_eq!(one_row(&[cell, "z"]), format!("{out},z\r\n"), "{cell:?}");
        }
    }
}
