//! Properties of the scheduler, over generated guides and over the shipped one: every
//! non-draft question exactly once and inside its phase's weeks, budgets kept, study order
//! kept, same input → same output, overflow reported.

use std::collections::BTreeMap;
use std::path::Path;

use super::*;
use crate::content::{Difficulty, Document, Guide, GuideConfig, Kind, Page, Question, Topic};
use crate::diagnostics::SourceFile;
use crate::urls::Route;

/// xorshift64*: a tiny deterministic generator, so failures reproduce from the seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }
    fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + self.below(u64::from(hi - lo + 1)) as u32
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

fn doc(path: &str) -> Document {
    Document {
        source: SourceFile::new(path, "---\ntitle: x\n---\n"),
        body_start: 17,
    }
}

fn config() -> GuideConfig {
    serde_saphyr::from_str("title: Generated guide\ndescription: D\nbase_url: https://example.org/guide/\n")
        .expect("config parses")
}

/// A guide of `topics` topics with random questions. `max_minutes` bounds question length.
fn generated_guide(rng: &mut Rng, max_minutes: u32) -> Guide {
    let topic_count = rng.range(1, 6) as usize;
    let difficulties = [Difficulty::Easy, Difficulty::Medium, Difficulty::Hard];
    let topics = (0..topic_count)
        .map(|t| {
            let slug = format!("topic-{t}");
            let mut questions: Vec<Question> = (0..rng.range(0, 14))
                .map(|i| Question {
                    topic: slug.clone(),
                    slug: format!("q-{i}"),
                    title: format!("Question {t}.{i}, with \"quotes\"; and <b>"),
                    difficulty: difficulties[rng.below(3) as usize],
                    kind: Kind::Coding,
                    minutes: rng.range(0, max_minutes),
                    tags: Vec::new(),
                    stage: None,
                    order: if rng.chance(50) {
                        Some(i64::from(rng.range(1, 5)))
                    } else {
                        None
                    },
                    draft: rng.chance(10),
                    doc: doc("content/topics/x/q.md"),
                })
                .collect();
            questions.sort_by_key(Question::study_order);
            Topic {
                slug: slug.clone(),
                title: format!("Topic {t}"),
                order: t as i64,
                share: rng.range(0, 60),
                summary: None,
                doc: doc("content/topics/x/_topic.md"),
                questions,
            }
        })
        .collect();
    Guide {
        config: config(),
        config_source: SourceFile::new("content/guide.yaml", ""),
        appearance: Default::default(),
        home: Page {
            route: Route::Home,
            title: "Home".into(),
            order: 0,
            nav: false,
            doc: doc("content/index.md"),
        },
        pages: Vec::new(),
        topics,
    }
}

fn generated_settings(rng: &mut Rng, guide: &Guide) -> Settings {
    use crate::content::Weekday::*;
    let all = [Mon, Tue, Wed, Thu, Fri, Sat, Sun];
    let weeks = rng.range(1, 10);
    let minutes_per_day = rng.range(20, 120);
    let mut study_days: Vec<_> = all.iter().copied().filter(|_| rng.chance(70)).collect();
    if study_days.is_empty() {
        study_days.push(all[rng.below(7) as usize]);
    }
    let slugs: Vec<String> = guide.topics.iter().map(|t| t.slug.clone()).collect();
    let mut phases = Vec::new();
    let mut week = 1;
    while week <= weeks {
        if rng.chance(15) {
            week += 1; // a gap
            continue;
        }
        let last = (week + rng.range(0, 3)).min(weeks);
        let topics: Vec<String> = slugs.iter().filter(|_| rng.chance(55)).cloned().collect();
        phases.push(PhaseSpec {
            shares: Vec::new(),
            title: format!("Phase {}", phases.len() + 1),
            first_week: week,
            last_week: last,
            topics,
            goals: vec!["A goal".into()],
            practice: if rng.chance(50) {
                Some("Practise, \"hard\"; really".into())
            } else {
                None
            },
        });
        week = last + 1;
    }
    if phases.is_empty() {
        phases.push(PhaseSpec {
            shares: Vec::new(),
            title: "Study".into(),
            first_week: 1,
            last_week: weeks,
            topics: slugs,
            goals: Vec::new(),
            practice: None,
        });
    }
    Settings {
        id: "plan".into(),
        title: "Generated plan".into(),
        weeks,
        minutes_per_day,
        study_days,
        start: Some(Date::from_ymd(2024, rng.range(1, 12), rng.range(1, 28)).expect("valid date")),
        session_time: TimeOfDay { hour: 7, minute: 30 },
        review_minutes: rng.range(0, minutes_per_day - 1),
        phases,
    }
}

/// Checks every property the issue asks of a plan; returns a description of the first
/// violation.
fn check_properties(guide: &Guide, settings: &Settings, plan: &Plan) -> Result<(), String> {
    let budget = settings.minutes_per_day;
    // Exactly once, scheduled or stretch.
    let mut seen: BTreeMap<QuestionRef, usize> = BTreeMap::new();
    for (_, _, q) in plan.scheduled() {
        *seen.entry(q).or_default() += 1;
    }
    for phase in &plan.phases {
        for q in &phase.stretch {
            *seen.entry(*q).or_default() += 1;
        }
    }
    for (ti, topic) in guide.topics.iter().enumerate() {
        let in_phase = settings.phases.iter().any(|p| p.topics.contains(&topic.slug));
        for (qi, question) in topic.questions.iter().enumerate() {
            let n = seen.get(&QuestionRef { topic: ti, index: qi }).copied().unwrap_or(0);
            let want = usize::from(in_phase && !question.draft);
            if n != want {
                return Err(format!(
                    "{}/{} appears {n} times, expected {want}",
                    topic.slug, question.slug
                ));
            }
        }
    }
    // Inside a phase that lists the topic.
    for (week, day, q) in plan.scheduled() {
        let phase = plan.weeks[week as usize - 1].phase.map(|p| &settings.phases[p]);
        let slug = &guide.topics[q.topic].slug;
        if !phase.is_some_and(|p| p.topics.contains(slug) && (p.first_week..=p.last_week).contains(&week)) {
            return Err(format!("{slug} question on week {week} day {day}, outside its phases"));
        }
    }
    // Budgets, reviews, practice.
    for week in &plan.weeks {
        if week.days.len() != settings.study_days.len() {
            return Err(format!("week {} has {} days", week.number, week.days.len()));
        }
        for (i, day) in week.days.iter().enumerate() {
            let questions: Vec<u32> = day
                .items
                .iter()
                .filter(|i| matches!(i, Item::Question { .. }))
                .map(Item::minutes)
                .collect();
            let oversize = questions.iter().any(|&m| m > budget);
            if oversize && questions.len() != 1 {
                return Err(format!(
                    "week {} day {}: a question longer than the budget shares its day",
                    week.number, day.number
                ));
            }
            if !oversize && day.minutes() > budget {
                return Err(format!(
                    "week {} day {}: {} minutes > {budget}",
                    week.number,
                    day.number,
                    day.minutes()
                ));
            }
            let reviews = day.items.iter().filter(|i| matches!(i, Item::Review { .. })).count();
            let last = i + 1 == week.days.len();
            if reviews != usize::from(last && settings.review() > 0) {
                return Err(format!("week {} day {}: {reviews} reviews", week.number, day.number));
            }
            for item in &day.items {
                if let Item::Practice { minutes, .. } = item
                    && (*minutes < 10 || oversize)
                {
                    return Err(format!(
                        "week {} day {}: practice of {minutes} min",
                        week.number, day.number
                    ));
                }
            }
        }
    }
    // Overflow is reported.
    let warnings = plan.overflow_warnings(guide);
    let overflowing = plan.phases.iter().filter(|p| !p.stretch.is_empty()).count();
    if warnings.iter().count() != overflowing {
        return Err(format!(
            "{overflowing} phases overflow but {} warnings",
            warnings.iter().count()
        ));
    }
    Ok(())
}

#[test]
fn plan_properties_hold_for_generated_guides() {
    for seed in 1..=400u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
        let guide = generated_guide(&mut rng, 150);
        let settings = generated_settings(&mut rng, &guide);
        let plan = schedule(&guide, &settings);
        if let Err(problem) = check_properties(&guide, &settings, &plan) {
            panic!("seed {seed}: {problem}\nsettings: {settings:#?}");
        }
        // Determinism, down to the bytes of every export.
        assert_eq!(plan, schedule(&guide, &settings), "seed {seed}");
        let data = page::data(&guide, std::slice::from_ref(&settings), "https://example.org/guide/");
        let again = page::data(&guide, std::slice::from_ref(&settings), "https://example.org/guide/");
        assert_eq!(data.to_json(), again.to_json(), "seed {seed}");
        let variant = data.default_plan().expect("default variant");
        assert_eq!(
            ics::write(&data, variant, settings.start.unwrap(), &ics::Options::of(&data)),
            ics::write(&again, variant, settings.start.unwrap(), &ics::Options::of(&again))
        );
        assert_eq!(
            csv::write(&data, variant, settings.start, &|_| false),
            csv::write(&again, variant, settings.start, &|_| false)
        );
        for line in
            ics::write(&data, variant, settings.start.unwrap(), &ics::Options::of(&data)).split_inclusive("\r\n")
        {
            assert!(line.ends_with("\r\n") && line.len() <= 77, "seed {seed}: {line:?}");
        }
    }
}

#[test]
fn plan_keeps_study_order_when_there_is_room() {
    for seed in 1..=300u64 {
        let mut rng = Rng(seed.wrapping_mul(0x2545_f491_4f6c_dd1d) | 1);
        let guide = generated_guide(&mut rng, 20);
        let mut settings = generated_settings(&mut rng, &guide);
        settings.minutes_per_day = 90;
        settings.review_minutes = 20;
        let plan = schedule(&guide, &settings);
        let light = plan
            .phases
            .iter()
            .all(|p| u64::from(p.needed_minutes) * 10 <= u64::from(p.available_minutes) * 6);
        if !light {
            continue;
        }
        assert!(
            plan.phases.iter().all(|p| p.stretch.is_empty()),
            "seed {seed}: overflow with room to spare"
        );
        // Within each topic and phase, the calendar order is the study order.
        let mut last: BTreeMap<(usize, Option<usize>), usize> = BTreeMap::new();
        for (week, day, q) in plan.scheduled() {
            let phase = plan.weeks[week as usize - 1].phase;
            if let Some(prev) = last.insert((q.topic, phase), q.index) {
                assert!(
                    prev < q.index,
                    "seed {seed}: topic {} question {} before {} (week {week} day {day})",
                    q.topic,
                    q.index,
                    prev
                );
            }
        }
    }
}

#[test]
fn plan_interleaves_topics_by_share() {
    let mut rng = Rng(7);
    let mut guide = generated_guide(&mut rng, 10);
    guide.topics.truncate(1);
    let mut second = guide.topics[0].clone();
    second.slug = "other".into();
    guide.topics.push(second);
    for (i, t) in guide.topics.iter_mut().enumerate() {
        t.share = if i == 0 { 75 } else { 25 };
        t.questions = (0..12)
            .map(|n| Question {
                slug: format!("q{n:02}"),
                minutes: 10,
                draft: false,
                order: Some(n),
                ..t.questions.first().cloned().unwrap_or_else(|| Question {
                    topic: t.slug.clone(),
                    slug: String::new(),
                    title: "Q".into(),
                    difficulty: Difficulty::Easy,
                    kind: Kind::Concept,
                    minutes: 10,
                    tags: Vec::new(),
                    stage: None,
                    order: None,
                    draft: false,
                    doc: doc("q.md"),
                })
            })
            .collect();
    }
    let mut settings = generated_settings(&mut rng, &guide);
    settings.weeks = 4;
    settings.phases = vec![PhaseSpec {
        shares: Vec::new(),
        title: "All".into(),
        first_week: 1,
        last_week: 4,
        topics: vec![guide.topics[0].slug.clone(), "other".into()],
        goals: Vec::new(),
        practice: None,
    }];
    let plan = schedule(&guide, &settings);
    let first8: Vec<usize> = plan.scheduled().take(8).map(|(_, _, q)| q.topic).collect();
    assert_eq!(first8.iter().filter(|&&t| t == 1).count(), 2, "{first8:?}");
}

#[test]
fn plan_reports_overflow_with_numbers() {
    let mut rng = Rng(11);
    let guide = generated_guide(&mut rng, 60);
    let mut settings = generated_settings(&mut rng, &guide);
    settings.weeks = 1;
    settings.minutes_per_day = 30;
    settings.review_minutes = 10;
    settings.study_days = vec![crate::content::Weekday::Mon];
    settings.phases = vec![PhaseSpec {
        shares: Vec::new(),
        title: "Tiny".into(),
        first_week: 1,
        last_week: 1,
        topics: guide.topics.iter().map(|t| t.slug.clone()).collect(),
        goals: Vec::new(),
        practice: None,
    }];
    let plan = schedule(&guide, &settings);
    let warnings: Vec<String> = plan
        .overflow_warnings(&guide)
        .iter()
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("phase 'Tiny' (weeks 1–1) needs"),
        "{}",
        warnings[0]
    );
    assert!(warnings[0].contains("has 20 minutes of study time"), "{}", warnings[0]);
}

/// The frozen copy of the shipped guide, loaded, so that a fork with other content still
/// passes; the temporary directory must outlive the guide's use.
fn frozen_guide() -> (tempfile::TempDir, crate::build::Prepared) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = tempfile::tempdir().expect("a temporary directory");
    for (from, to) in [("tests/fixtures/python-guide/content", "content"), ("themes", "themes")] {
        let from = repo.join(from);
        for entry in walkdir::WalkDir::new(&from) {
            let entry = entry.expect("the fixture is readable");
            let target = root
                .path()
                .join(to)
                .join(entry.path().strip_prefix(&from).expect("inside"));
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).expect("mkdir");
            } else {
                std::fs::copy(entry.path(), &target).expect("copy");
            }
        }
    }
    match crate::build::prepare(root.path(), false) {
        Ok(p) => (root, p),
        Err(d) => panic!("the shipped guide does not load:\n{}", d.render()),
    }
}

#[test]
fn plan_of_the_shipped_guide_holds_its_promises() {
    let (_root, prepared) = frozen_guide();
    let guide = &prepared.guide;
    let (all, _) = Settings::resolve_all(guide).expect("the shipped plan settings are valid");
    let settings = all[0].clone();
    assert_eq!(settings.weeks, 8);
    for variant in all.iter().flat_map(variants) {
        let plan = schedule(guide, &variant);
        if let Err(problem) = check_properties(guide, &variant, &plan) {
            panic!("{} min × {:?}: {problem}", variant.minutes_per_day, variant.study_days);
        }
        assert_eq!(plan, schedule(guide, &variant));
        assert_eq!(plan.weeks.len(), variant.weeks as usize);
    }
    let data = page::data(guide, &all, guide.config.base_url());
    assert_eq!(
        data.variants.len(),
        9 * all.len(),
        "60/75/90 minutes × 5/6/7 days, per plan"
    );
    assert_eq!(
        data.to_json(),
        page::data(guide, &all, guide.config.base_url()).to_json()
    );
}

#[test]
fn plan_sums_of_huge_minutes_saturate_instead_of_overflowing() {
    // 10,000 questions of u32::MAX minutes (far past the 600 validation allows): in a debug
    // build any unchecked sum panics, so this test fails before the fix (issue 13 §2).
    let mut rng = Rng(5);
    let mut guide = generated_guide(&mut rng, 10);
    let template = guide.topics[0]
        .questions
        .first()
        .cloned()
        .or_else(|| guide.topics.iter().flat_map(|t| t.questions.first()).next().cloned());
    let Some(template) = template else {
        panic!("the generated guide has a question to copy");
    };
    guide.topics.truncate(1);
    guide.topics[0].questions = (0..10_000)
        .map(|i| Question {
            slug: format!("huge-{i}"),
            topic: guide.topics[0].slug.clone(),
            minutes: if i % 2 == 0 { u32::MAX } else { 600 },
            draft: false,
            ..template.clone()
        })
        .collect();
    let mut settings = generated_settings(&mut rng, &guide);
    settings.weeks = 2;
    settings.phases = vec![PhaseSpec {
        shares: Vec::new(),
        title: "All".into(),
        first_week: 1,
        last_week: 2,
        topics: vec![guide.topics[0].slug.clone()],
        goals: Vec::new(),
        practice: None,
    }];
    let plan = schedule(&guide, &settings);
    assert_eq!(plan.phases[0].needed_minutes, u32::MAX, "the total saturates");
    let placed = plan.scheduled().count();
    assert_eq!(placed + plan.phases[0].stretch.len(), 10_000, "nothing is lost");
    assert_eq!(plan.overflow_warnings(&guide).iter().count(), 1);
    let data = page::data(&guide, std::slice::from_ref(&settings), "https://example.org/");
    assert!(data.default_plan().is_some());
    let site = page::outputs(&guide, std::slice::from_ref(&settings), "https://example.org/").expect("plan data");
    assert_eq!(site.page.total_minutes, u32::MAX, "the page total saturates too");
}

#[test]
fn plan_six_weeks_splits_40_40_20() {
    // The seed's 6-week plan: 40% language fundamentals, 40% algorithm practice, 20% design
    // and behavioral, counted in planned question minutes, within 3 points each.
    let (_root, prepared) = frozen_guide();
    let guide = &prepared.guide;
    let (all, _) = Settings::resolve_all(guide).expect("valid plans");
    let ids: Vec<&str> = all.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["8-weeks", "6-weeks"]);
    let six = Settings::find(all, "6-weeks").expect("the 6-week plan");
    assert_eq!(six.weeks, 6);
    let plan = schedule(guide, &six);
    let group = |slug: &str| match slug {
        "python-language" | "concurrency" | "testing-debugging" | "backend-python" => 0,
        "algorithms" => 1,
        "system-design" | "behavioral" => 2,
        other => panic!("topic {other} is in no group of the 6-week plan"),
    };
    let mut minutes = [0u64; 3];
    for week in &plan.weeks {
        for day in &week.days {
            for item in &day.items {
                if let Item::Question { question, minutes: m } = item {
                    minutes[group(&guide.topics[question.topic].slug)] += u64::from(*m);
                }
            }
        }
    }
    let total: u64 = minutes.iter().sum();
    assert!(total > 0);
    let percent: Vec<f64> = minutes.iter().map(|m| *m as f64 * 100.0 / total as f64).collect();
    for (p, want) in percent.iter().zip([40.0, 40.0, 20.0]) {
        assert!((p - want).abs() <= 3.0, "split {percent:.1?}, want 40/40/20 ±3");
    }
    // Every week keeps the mix: no week is all algorithms or all reading.
    for week in &plan.weeks {
        let groups: std::collections::BTreeSet<usize> = week
            .days
            .iter()
            .flat_map(|d| d.items.iter())
            .filter_map(|i| match i {
                Item::Question { question, .. } => Some(group(&guide.topics[question.topic].slug)),
                _ => None,
            })
            .collect();
        assert_eq!(groups.len(), 3, "week {} has groups {groups:?}", week.number);
    }
}
