//! Error messages a new user understands (issue 10): each case is a small guide made by
//! `syllabus init` with one mistake in guide.yaml, checked with `syllabus check`.

mod common;

use std::path::Path;

use common::{syllabus, text};

/// A fresh `init` guide whose guide.yaml has `edit` applied.
fn guide_with(edit: impl Fn(&str) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("g");
    let init = syllabus(&["init", root.to_str().unwrap(), "--title", "SQL for data engineers"]);
    assert!(init.status.success(), "{}", text(&init.stderr));
    let yaml = root.join("content/guide.yaml");
    let original = std::fs::read_to_string(&yaml).expect("guide.yaml");
    let edited = edit(&original);
    assert_ne!(edited, original, "the edit changed nothing");
    std::fs::write(&yaml, edited).expect("write guide.yaml");
    dir
}

fn root(dir: &tempfile::TempDir) -> std::path::PathBuf {
    dir.path().join("g")
}

/// `syllabus check`'s stderr, which must report a failure.
fn check_fails(root: &Path) -> String {
    let out = syllabus(&["check", "--root", root.to_str().unwrap()]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "expected a failure:\n{stderr}");
    stderr
}

/// The `= help:` lines of a report.
fn helps(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter_map(|l| l.trim().strip_prefix("= help: "))
        .collect()
}

/// No help line names a Rust type, ends in an empty list, or calls guide.yaml front matter.
fn assert_plain_help(stderr: &str) {
    for word in ["u32", "i64", "u64", "i32", "usize"] {
        assert!(
            !stderr.split(|c: char| !c.is_alphanumeric()).any(|w| w == word),
            "{word}:\n{stderr}"
        );
    }
    for help in helps(stderr) {
        assert!(!help.trim_end().ends_with(':'), "help ends in an empty list: {help}");
        assert!(!help.contains("front matter"), "guide.yaml is not front matter: {help}");
    }
}

#[test]
fn a_missing_key_points_at_its_mapping_and_names_the_type() {
    let dir = guide_with(|y| y.replace("      weeks: \"1-2\"\n", ""));
    let stderr = check_fails(&root(&dir));
    assert!(
        stderr.contains("missing required key 'weeks' (a range of weeks, quoted) in a phase of `phases:`"),
        "{stderr}"
    );
    // The phase's mapping (its `- title:` line), not the last key that was read.
    let line = std::fs::read_to_string(root(&dir).join("content/guide.yaml"))
        .unwrap()
        .lines()
        .position(|l| l.trim_start().starts_with("- title: Basics"))
        .unwrap()
        + 1;
    assert!(stderr.contains(&format!("content/guide.yaml:{line}:7")), "{stderr}");
    assert!(helps(&stderr).iter().any(|h| h.contains("weeks: \"1-4\"")), "{stderr}");
    assert_plain_help(&stderr);

    let dir = guide_with(|y| {
        y.lines()
            .filter(|l| !l.starts_with("title:"))
            .map(|l| format!("{l}\n"))
            .collect()
    });
    let stderr = check_fails(&root(&dir));
    assert!(
        stderr.contains("missing required key 'title' (text) in guide.yaml"),
        "{stderr}"
    );
    assert!(
        stderr.contains("content/guide.yaml:2:1"),
        "at the mapping's first key:\n{stderr}"
    );
    assert_plain_help(&stderr);
}

#[test]
fn unknown_keys_list_the_keys_of_their_own_mapping() {
    let dir = guide_with(|y| y.replace("  minutes_per_day: 45\n", "  minutes_per_dya: 45\n"));
    let stderr = check_fails(&root(&dir));
    assert!(
        stderr.contains("unknown field 'minutes_per_dya' — did you mean 'minutes_per_day'?"),
        "{stderr}"
    );
    let help = helps(&stderr).join("\n");
    assert!(
        help.contains("the keys of `plan:` are: id, title, weeks, minutes_per_day"),
        "{help}"
    );
    assert!(!help.contains("base_url"), "the plan's keys, not guide.yaml's: {help}");

    let dir = guide_with(|y| {
        let plan_start = y.find("plan:\n").unwrap();
        format!(
            "{}plans:\n  - id: short\n    weeks: 2\n    reveiw_minutes: 10\n",
            &y[..plan_start]
        )
    });
    let stderr = check_fails(&root(&dir));
    assert!(stderr.contains("did you mean 'review_minutes'?"), "{stderr}");
    assert!(
        helps(&stderr)
            .iter()
            .any(|h| h.starts_with("the keys of a plan of `plans:` are: id, title")),
        "{stderr}"
    );
    assert_plain_help(&stderr);
}

#[test]
fn numbers_are_whole_numbers_and_help_never_repeats_the_mistake() {
    let dir = guide_with(|y| y.replace("  weeks: 2\n", "  weeks: two\n"));
    let stderr = check_fails(&root(&dir));
    assert!(stderr.contains("expected a whole number of 0 or more"), "{stderr}");
    assert!(helps(&stderr).iter().any(|h| h.contains("`weeks: 8`")), "{stderr}");
    assert_plain_help(&stderr);

    // review_minutes as long as the day: the example must not be the value written.
    let dir = guide_with(|y| {
        y.replace(
            "  minutes_per_day: 45\n",
            "  minutes_per_day: 30\n  review_minutes: 30\n",
        )
    });
    let stderr = check_fails(&root(&dir));
    assert!(stderr.contains("plan.review_minutes (30) leaves no time"), "{stderr}");
    let help = helps(&stderr).join("\n");
    assert!(help.contains("`review_minutes: 10`"), "{help}");
    assert!(!help.contains("`review_minutes: 30`"), "{help}");
}

#[test]
fn a_plan_without_topics_to_name_says_so_instead_of_an_empty_list() {
    let dir = guide_with(|y| y.replace("topics: [basics]", "topics: [joins]"));
    std::fs::remove_dir_all(root(&dir).join("content/topics")).unwrap();
    std::fs::write(
        root(&dir).join("content/index.md"),
        "---\ntitle: Home\n---\nNo topics yet.\n",
    )
    .unwrap();
    let stderr = check_fails(&root(&dir));
    assert!(stderr.contains("unknown topic 'joins'"), "{stderr}");
    assert!(
        helps(&stderr).iter().any(|h| h.contains("the guide has no topics yet")),
        "{stderr}"
    );
    assert_plain_help(&stderr);
}

/// `syllabus plan --days` and guide.yaml's `study_days` read days with one parser: what one
/// accepts the other accepts, and what one refuses the other refuses.
#[test]
fn plan_days_accepts_exactly_what_guide_yaml_accepts() {
    let cases = [
        ("mon,wed,fri", true),
        ("Monday,WED", true),
        ("tue,thursday,sat,sun", true),
        ("tues", false),
        ("monxyz", false),
        ("mon,mon", false),
        ("mo", false),
    ];
    let dir = guide_with(|y| y.replace("  weeks: 2\n", "  weeks: 3\n"));
    for (days, valid) in cases {
        let yaml_days = days.replace(',', ", ");
        let edited = guide_with(|y| {
            y.replace(
                "study_days: [mon, tue, wed, thu, fri]",
                &format!("study_days: [{yaml_days}]"),
            )
        });
        let check = syllabus(&["check", "--root", root(&edited).to_str().unwrap()]);
        assert_eq!(
            check.status.success(),
            valid,
            "guide.yaml study_days: [{yaml_days}]\n{}",
            text(&check.stderr)
        );
        let plan = syllabus(&["plan", "--root", root(&dir).to_str().unwrap(), "--days", days]);
        assert_eq!(plan.status.success(), valid, "--days {days}\n{}", text(&plan.stderr));
    }
}
