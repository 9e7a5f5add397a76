//! Calendar dates without a time zone, enough for a study plan: parse `YYYY-MM-DD`, add days,
//! know the weekday. Written here (Howard Hinnant's `days_from_civil` / `civil_from_days`)
//! rather than pulling in a date crate because the plan needs nothing else, and because
//! `static/plan-files.js` carries the same twenty lines so that the browser's calendar files match
//! ours byte for byte.

use std::fmt;

use crate::content::Weekday;

/// A proleptic Gregorian date, stored as days since 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(i64);

impl Date {
    /// A real calendar date, or `None` (month 13, February 30th, year 0).
    pub fn from_ymd(year: i64, month: u32, day: u32) -> Option<Self> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Self(days_from_civil(year, month, day)))
    }

    /// Strictly `YYYY-MM-DD` with zero padding, the form `guide.yaml` and `--start` take,
    /// and within [`Self::YEARS`].
    pub fn parse(text: &str) -> Result<Self, String> {
        let bytes = text.as_bytes();
        let shape_ok = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        if !shape_ok {
            return Err(format!("'{text}' is not a date in the form YYYY-MM-DD"));
        }
        let number = |range: std::ops::Range<usize>| text[range].parse::<u32>().unwrap_or(0);
        let (year, month, day) = (number(0..4), number(5..7), number(8..10));
        let date = Self::from_ymd(i64::from(year), month, day)
            .ok_or_else(|| format!("{text} is not a day of the calendar"))?;
        if !Self::YEARS.contains(&i64::from(year)) {
            return Err(format!(
                "{text} is outside the years {}–{} a study plan may start in",
                Self::YEARS.start(),
                Self::YEARS.end()
            ));
        }
        Ok(date)
    }

    /// The years a plan may start in: a plan of up to 104 weeks from 9000 still has
    /// four-digit years (iCalendar needs them), and before 1970 is surely a typo.
    pub const YEARS: std::ops::RangeInclusive<i64> = 1970..=9000;

    pub fn ymd(self) -> (i64, u32, u32) {
        civil_from_days(self.0)
    }

    pub fn add_days(self, days: i64) -> Self {
        Self(self.0 + days)
    }

    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday.
        Weekday::ALL[usize::try_from((self.0 + 3).rem_euclid(7)).unwrap_or(0)]
    }

    /// `YYYYMMDD`, as iCalendar writes dates.
    pub fn compact(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{y:04}{m:02}{d:02}")
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, u32::try_from(month).unwrap_or(1), u32::try_from(day).unwrap_or(1))
}

/// Local time of day, `HH:MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeOfDay {
    pub hour: u32,
    pub minute: u32,
}

impl TimeOfDay {
    pub fn parse(text: &str) -> Result<Self, String> {
        let bad = || format!("'{text}' is not a time of day in the form HH:MM (24-hour clock)");
        let (h, m) = text.split_once(':').ok_or_else(bad)?;
        let digits = |s: &str| s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(h) || !digits(m) {
            return Err(bad());
        }
        let (hour, minute) = (
            h.parse::<u32>().map_err(|_| bad())?,
            m.parse::<u32>().map_err(|_| bad())?,
        );
        if hour > 23 || minute > 59 {
            return Err(bad());
        }
        Ok(Self { hour, minute })
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_dates_round_trip_and_know_their_weekday() {
        let d = Date::parse("2025-01-06").unwrap();
        assert_eq!(d.weekday(), Weekday::Mon);
        assert_eq!(d.to_string(), "2025-01-06");
        assert_eq!(d.add_days(56).to_string(), "2025-03-03");
        assert_eq!(Date::parse("2024-02-29").unwrap().add_days(1).to_string(), "2024-03-01");
        assert_eq!(Date::parse("1970-01-01").unwrap().weekday(), Weekday::Thu);
        for days in -800_000..800_000 {
            if days % 997 == 0 {
                let date = Date(days);
                let (y, m, d) = date.ymd();
                if (1..=9999).contains(&y) {
                    assert_eq!(Date::from_ymd(y, m, d), Some(date));
                }
            }
        }
    }

    #[test]
    fn plan_dates_reject_what_is_not_a_day() {
        for bad in [
            "2025-02-29",
            "2025-13-01",
            "2025-00-10",
            "2025-1-6",
            "06.01.2025",
            "2025-01-32",
            "0000-01-01",
            "",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad}");
        }
        // Real days outside the years a plan may start in (issue 13 §2).
        for far in ["9999-12-31", "9001-01-01", "1969-12-31", "0001-01-01"] {
            let err = Date::parse(far).expect_err(far);
            assert!(err.contains("outside the years 1970–9000"), "{far}: {err}");
        }
        for edge in ["1970-01-01", "9000-12-31"] {
            assert!(Date::parse(edge).is_ok(), "{edge}");
        }
        assert!(TimeOfDay::parse("18:00").is_ok());
        for bad in ["24:00", "7:00", "18:60", "18h", "18:0"] {
            assert!(TimeOfDay::parse(bad).is_err(), "{bad}");
        }
    }
}
