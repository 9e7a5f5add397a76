//! The study plan's files, read back by real parsers: the `.ics` by Python's `icalendar`,
//! the `.csv` by the `csv` crate, `plan.json` by serde — and the browser's generator
//! (`static/plan-files.js`, run under node) must write the same bytes as the Rust one.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use syllabus::output::OutputFile;
use syllabus::plan::export::PlanData;
use syllabus::plan::{Date, csv as plan_csv, ics};

const REPO: &str = env!("CARGO_MANIFEST_DIR");

/// A guide root in a temporary directory: the fixture's content and the repository's themes.
fn fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(
        &Path::new(REPO).join("tests/fixtures").join(name).join("content"),
        &dir.path().join("content"),
    );
    copy_tree(&Path::new(REPO).join("themes"), &dir.path().join("themes"));
    dir
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir(from) {
        let target = to.join(entry.strip_prefix(from).expect("inside"));
        if entry.is_dir() {
            fs::create_dir_all(&target).expect("mkdir");
        } else {
            fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
            fs::copy(&entry, &target).expect("copy");
        }
    }
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![dir.to_path_buf()];
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            out.extend(walkdir(&path));
        } else {
            out.push(path);
        }
    }
    out
}

fn build(root: &Path) -> Vec<OutputFile> {
    let prepared = match syllabus::build::prepare(root, false) {
        Ok(p) => p,
        Err(d) => panic!("the fixture does not load:\n{}", d.render()),
    };
    match syllabus::build::render_site(&prepared, None, true) {
        Ok(files) => files,
        Err(d) => panic!("the fixture does not render:\n{}", d.render()),
    }
}

fn file<'a>(files: &'a [OutputFile], path: &str) -> &'a [u8] {
    &files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no {path} in the site"))
        .bytes
}

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).expect("UTF-8")
}

#[test]
fn plan_site_files_exist_and_are_byte_identical_across_builds() {
    let root = fixture("plan-basic");
    let first = build(root.path());
    let second = build(root.path());
    for path in [
        "plan/index.html",
        "plan/plan.json",
        "plan/plan-data.js",
        "plan/study-plan.ics",
        "plan/study-plan.csv",
    ] {
        assert_eq!(
            file(&first, path),
            file(&second, path),
            "{path} differs between two builds"
        );
    }
    let html = scraper::Html::parse_document(text(file(&first, "plan/index.html")));
    let select = |css: &str| scraper::Selector::parse(css).expect("selector");
    assert_eq!(
        html.select(&select("section.plan-week")).count(),
        3,
        "one section per week"
    );
    // The data is not in the page (it delayed the first paint): plan.js loads the file
    // the page names, after the first paint.
    assert_eq!(html.select(&select("script[type='application/json']")).count(), 0);
    let src = html
        .select(&select("article#plan"))
        .next()
        .and_then(|a| a.value().attr("data-src"))
        .expect("article#plan names its data");
    assert_eq!(src, "plan-data.js");
    let script = text(file(&first, "plan/plan-data.js"));
    let json = script
        .split_once("window.syllabusPlan = ")
        .and_then(|(_, rest)| rest.strip_suffix(";\n"))
        .expect("plan-data.js assigns window.syllabusPlan");
    // Safe inside an inline <script> too: no string of the guide can end it early.
    assert!(!json.contains('<'));
    let data: PlanData = serde_json::from_str(json).expect("the data parses as JSON");
    let exported: PlanData = serde_json::from_slice(file(&first, "plan/plan.json")).expect("plan.json parses");
    assert_eq!(data, exported, "plan-data.js holds plan.json's data");
    assert_eq!(
        data.variants.len(),
        12,
        "60/75/90 minutes × (5, 6, 7 days + the configured mon/wed/fri)"
    );
}

#[test]
fn plan_ics_is_valid_icalendar() {
    let root = fixture("plan-basic");
    let files = build(root.path());
    let ics = text(file(&files, "plan/study-plan.ics"));
    // CRLF everywhere, every physical line at most 75 octets.
    assert!(ics.ends_with("\r\n"));
    for line in ics.split("\r\n").filter(|l| !l.is_empty()) {
        assert!(
            !line.contains('\n') && !line.contains('\r'),
            "bare line break in {line:?}"
        );
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    assert!(
        ics.lines().any(|l| l.starts_with(' ')),
        "the fixture has long lines that must be folded"
    );

    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("plan.ics");
    fs::write(&path, ics).expect("write");
    let script = r#"
import json, sys
try:
    import icalendar
except ImportError:
    print("MISSING")
    sys.exit(0)
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
errors = list(getattr(cal, "errors", []))
events = []
for e in cal.walk("VEVENT"):
    errors += list(getattr(e, "errors", []))
    events.append({
        "uid": str(e["UID"]),
        "start": e["DTSTART"].dt.isoformat(),
        "minutes": int(e["DURATION"].dt.total_seconds() // 60),
        "summary": str(e["SUMMARY"]),
        "description": str(e["DESCRIPTION"]),
        "alarms": [str(a["TRIGGER"].dt) for a in e.walk("VALARM")],
    })
print(json.dumps({"errors": [str(x) for x in errors], "name": str(cal.get("X-WR-CALNAME")), "version": str(cal.get("VERSION")), "events": events}))
"#;
    let run = || {
        Command::new("python3")
            .arg("-c")
            .arg(script)
            .arg(&path)
            .output()
            .expect("python3 runs")
    };
    let mut out = run();
    if String::from_utf8_lossy(&out.stdout).trim() == "MISSING" {
        // The parser is a test dependency like a dev-dependency crate: fetch it once, with
        // the pinned version CI uses, so that `cargo test` works on a fresh machine.
        for extra in [None, Some("--user")] {
            let installed = Command::new("python3")
                .args(["-m", "pip", "install", "--quiet"])
                .args(extra)
                .args(["-r", concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/requirements.txt")])
                .status()
                .is_ok_and(|s| s.success());
            if installed {
                break;
            }
        }
        out = run();
    }
    assert!(
        out.status.success(),
        "python3 failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.trim() != "MISSING",
        "the Python package `icalendar` is missing and could not be installed; run `python3 -m pip install -r .ci/requirements.txt`"
    );
    let parsed: serde_json::Value = serde_json::from_str(stdout.trim()).expect("parser output is JSON");
    assert_eq!(parsed["errors"], serde_json::json!([]), "icalendar reported errors");
    assert_eq!(parsed["version"], "2.0");
    // icalendar keeps X- properties as written (escaped).
    assert_eq!(
        parsed["name"],
        "Fixture guide\\, with \"quotes\"\\; commas — study plan"
    );
    let events = parsed["events"].as_array().expect("events");
    // 3 weeks × 3 study days (Mon, Wed, Fri), starting Wednesday 2025-03-05.
    assert_eq!(events.len(), 9);
    let starts: Vec<&str> = events.iter().map(|e| e["start"].as_str().unwrap_or("")).collect();
    assert_eq!(
        starts,
        [
            "2025-03-05T07:30:00",
            "2025-03-07T07:30:00",
            "2025-03-10T07:30:00",
            "2025-03-12T07:30:00",
            "2025-03-14T07:30:00",
            "2025-03-17T07:30:00",
            "2025-03-19T07:30:00",
            "2025-03-21T07:30:00",
            "2025-03-24T07:30:00"
        ]
    );
    // Durations are the days' minutes, as plan.json has them.
    let data: PlanData = serde_json::from_slice(file(&files, "plan/plan.json")).expect("plan.json parses");
    let variant = data.default_plan().expect("default variant");
    let minutes: Vec<u64> = variant
        .weeks
        .iter()
        .flat_map(|w| w.days.iter().map(|d| u64::from(d.minutes)))
        .collect();
    let parsed_minutes: Vec<u64> = events.iter().map(|e| e["minutes"].as_u64().unwrap_or(0)).collect();
    assert_eq!(parsed_minutes, minutes);
    assert!(
        events[0]["summary"]
            .as_str()
            .unwrap_or("")
            .starts_with("Week 1 · Day 1 — Two sum, with a hash map")
    );
    assert!(
        events[0]["description"]
            .as_str()
            .unwrap_or("")
            .contains("https://example.org/fixture/topics/arrays/two-sum/")
    );
    // Every event reminds 10 minutes before it starts.
    for e in events {
        assert_eq!(e["alarms"], serde_json::json!(["-1 day, 23:50:00"]), "{e}");
    }
    // UIDs: unique, and the same in a second build.
    let uids: Vec<&str> = events.iter().map(|e| e["uid"].as_str().unwrap_or("")).collect();
    let mut unique = uids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), uids.len());
    let again = build(root.path());
    let again_ics = text(file(&again, "plan/study-plan.ics"));
    let again_uids: Vec<&str> = again_ics.lines().filter_map(|l| l.strip_prefix("UID:")).collect();
    assert_eq!(again_uids, uids);
}

#[test]
fn plan_csv_reads_back() {
    let root = fixture("plan-basic");
    let files = build(root.path());
    let bytes = file(&files, "plan/study-plan.csv");
    assert!(
        text(bytes).ends_with("\r\n") && !text(bytes).replace("\r\n", "").contains('\n'),
        "CRLF line ends"
    );
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(bytes);
    let header: Vec<String> = reader.headers().expect("header").iter().map(String::from).collect();
    assert_eq!(
        header,
        [
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
            "done"
        ]
    );
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "a UTF-8 byte-order mark for Excel"
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a valid CSV row")).collect();
    let questions: Vec<&csv::StringRecord> = rows.iter().filter(|r| !r[9].is_empty()).collect();
    // Every non-draft question of a topic in a phase, once; the draft and the parked topic never.
    assert_eq!(questions.len(), 10);
    assert!(
        rows.iter()
            .any(|r| &r[5] == "3Sum; the \"sorted\" way" && &r[4] == "Arrays, strings & más")
    );
    assert!(!rows.iter().any(|r| &r[5] == "A draft" || &r[5] == "Parked question"));
    // Titles a spreadsheet would run as formulas come back as text, with a leading quote.
    assert!(
        rows.iter()
            .any(|r| &r[5] == "'=SUM(prefix) sums, a title that looks like a formula")
    );
    assert!(rows.iter().any(|r| &r[5] == "'@rotate a matrix, -90 degrees"));
    assert!(
        rows.iter()
            .all(|r| r.iter().all(|cell| !cell.starts_with(['=', '+', '-', '@', '\t', '\r']))),
        "no cell starts a formula"
    );
    for r in &rows {
        assert!(r.len() == 11);
        assert_eq!(&r[10], "no", "the site's file knows no reader's progress");
        assert!(r[0].is_empty() || Date::parse(&r[0]).is_ok(), "date {:?}", &r[0]);
        r[8].parse::<u32>().expect("minutes are a number");
    }
    let data: PlanData = serde_json::from_slice(file(&files, "plan/plan.json")).expect("plan.json parses");
    let variant = data.default_plan().expect("default");
    let total: u32 = variant.weeks.iter().map(|w| w.minutes).sum();
    let csv_total: u32 = rows
        .iter()
        .filter(|r| !r[2].is_empty())
        .map(|r| r[8].parse::<u32>().unwrap_or(0))
        .sum();
    assert_eq!(csv_total, total);
}

/// Runs `static/plan-files.js` under node to write a file for `variant` from `start`; `options` is
/// the JSON of the writer's last argument (the ics options, or the csv's progress).
fn node_export(plan_json: &Path, format: &str, variant: &str, start: &str) -> Vec<u8> {
    node_export_with(plan_json, format, variant, start, "null")
}

fn node_export_with(plan_json: &Path, format: &str, variant: &str, start: &str, options: &str) -> Vec<u8> {
    let js = Path::new(REPO).join("themes/default/static/plan-files.js");
    let script = r#"
const [js, json, format, variant, start, options] = process.argv.slice(1);
const plan = require(js);
const data = JSON.parse(require("fs").readFileSync(json, "utf8"));
const opts = JSON.parse(options);
const out = format === "ics" ? plan.ics(data, variant, start, opts) : plan.csv(data, variant, start, opts);
if (out === null) { console.error("no output"); process.exit(3); }
process.stdout.write(out);
"#;
    let out = match Command::new("node")
        .arg("-e")
        .arg(script)
        .arg(&js)
        .arg(plan_json)
        .arg(format)
        .arg(variant)
        .arg(start)
        .arg(options)
        .output()
    {
        Ok(out) => out,
        Err(err) => panic!("node is needed for this test (the browser's exports run under it): {err}"),
    };
    assert!(
        out.status.success(),
        "plan-files.js failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn compare_js_with_rust(files: &[OutputFile], starts: &[&str]) {
    let dir = tempfile::tempdir().expect("temp dir");
    let json_path = dir.path().join("plan.json");
    fs::write(&json_path, file(files, "plan/plan.json")).expect("write");
    let data: PlanData = serde_json::from_slice(file(files, "plan/plan.json")).expect("plan.json parses");
    let keys: Vec<&String> = data.variants.keys().collect();
    for (i, key) in keys.iter().enumerate() {
        let start = starts[i % starts.len()];
        let date = Date::parse(start).expect("test date");
        let variant = &data.variants[*key];
        let rust_ics = ics::write(&data, variant, date, &ics::Options::of(&data));
        let rust_csv = plan_csv::write(&data, variant, Some(date), &|_| false);
        assert_eq!(
            String::from_utf8_lossy(&node_export(&json_path, "ics", key, start)),
            rust_ics,
            "ics of {key} from {start}"
        );
        assert_eq!(
            String::from_utf8_lossy(&node_export(&json_path, "csv", key, start)),
            rust_csv,
            "csv of {key} from {start}"
        );
    }
    // The reader's choices: another time of day, no reminder or a different one, progress.
    let key = &data.default_variant;
    let variant = &data.variants[key];
    let date = Date::parse(starts[0]).expect("test date");
    for (json, time, reminder) in [
        (r#"{"time": "06:05", "reminder": null}"#, "06:05", None),
        (r#"{"time": "23:59", "reminder": 45}"#, "23:59", Some(45)),
    ] {
        let options = ics::Options {
            time: syllabus::plan::TimeOfDay::parse(time).expect("time"),
            reminder,
        };
        assert_eq!(
            String::from_utf8_lossy(&node_export_with(&json_path, "ics", key, starts[0], json)),
            ics::write(&data, variant, date, &options),
            "ics with {json}"
        );
    }
    let mut ticked: Vec<String> = data.questions.iter().step_by(3).map(|q| q.id.clone()).collect();
    ticked.push("plan:review:1".into());
    ticked.push("plan:practice:2:1".into());
    let progress: serde_json::Map<String, serde_json::Value> = ticked
        .iter()
        .map(|k| (k.clone(), serde_json::Value::Bool(true)))
        .collect();
    let progress = serde_json::Value::Object(progress).to_string();
    let rust = plan_csv::write(&data, variant, Some(date), &|k| ticked.iter().any(|t| t == k));
    assert_eq!(
        String::from_utf8_lossy(&node_export_with(&json_path, "csv", key, starts[0], &progress)),
        rust,
        "csv with progress"
    );
    assert!(
        rust.contains(",yes\r\n") && rust.contains(",no\r\n"),
        "both kinds of rows"
    );
}

#[test]
fn plan_js_exports_match_rust_byte_for_byte() {
    let root = fixture("plan-basic");
    let files = build(root.path());
    // The site's own files, as the browser would download them for the configured plan.
    let dir = tempfile::tempdir().expect("temp dir");
    let json_path = dir.path().join("plan.json");
    fs::write(&json_path, file(&files, "plan/plan.json")).expect("write");
    let data: PlanData = serde_json::from_slice(file(&files, "plan/plan.json")).expect("plan.json parses");
    assert_eq!(
        node_export(&json_path, "ics", &data.default_variant, "2025-03-05"),
        file(&files, "plan/study-plan.ics")
    );
    assert_eq!(
        node_export(&json_path, "csv", &data.default_variant, "2025-03-05"),
        file(&files, "plan/study-plan.csv")
    );
    // Every variant, from several start dates (a leap day, a Sunday, a year's end).
    compare_js_with_rust(&files, &["2024-02-26", "2025-12-28", "2025-03-02", "2031-06-15"]);
}

#[test]
fn plan_js_exports_match_rust_for_the_shipped_guide() {
    let root = fixture("python-guide");
    let files = build(root.path());
    compare_js_with_rust(&files, &["2025-01-06", "2026-02-01"]);
}

fn syllabus(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_syllabus"))
        .args(args)
        .output()
        .expect("syllabus runs")
}

#[test]
fn plan_cli_formats_and_errors() {
    let root = fixture("plan-basic");
    let root_arg = root.path().to_str().expect("UTF-8 path");
    let out = syllabus(&["plan", "--root", root_arg]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let calendar = String::from_utf8_lossy(&out.stdout);
    assert!(
        calendar.contains("Week 1 · Basics, first") && calendar.contains("Day 1 · Wed 2025-03-05"),
        "{calendar}"
    );

    // The CLI's ics equals the site's for the same settings.
    let out = syllabus(&["plan", "--root", root_arg, "--format", "ics"]);
    assert!(out.status.success());
    let files = build(root.path());
    assert_eq!(out.stdout, file(&files, "plan/study-plan.ics"));

    // --time moves every event, --reminder 0 drops the alarms.
    let out = syllabus(&[
        "plan",
        "--root",
        root_arg,
        "--format",
        "ics",
        "--time",
        "06:15",
        "--reminder",
        "0",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let moved = String::from_utf8_lossy(&out.stdout);
    assert!(moved.contains("DTSTART:20250305T061500\r\n"), "{moved}");
    assert!(!moved.contains("VALARM"));
    assert_eq!(moved.matches("BEGIN:VEVENT").count(), 9);
    let out = syllabus(&["plan", "--root", root_arg, "--format", "ics", "--time", "25:00"]);
    assert_eq!(out.status.code(), Some(2));

    // Overrides change the plan; an unknown format is a usage error (2); ics without a
    // start date is an error (1) that says what to do.
    let out = syllabus(&[
        "plan",
        "--root",
        root_arg,
        "--format",
        "csv",
        "--minutes-per-day",
        "90",
        "--days",
        "mon,tue,wed,thu,fri",
        "--weeks",
        "2",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let weeks: Vec<String> = reader.records().map(|r| r.expect("row")[1].to_string()).collect();
    assert!(weeks.iter().all(|w| w == "1" || w == "2"), "two weeks only: {weeks:?}");
    let out = syllabus(&["plan", "--root", root_arg, "--format", "xml"]);
    assert_eq!(out.status.code(), Some(2));
    let out = syllabus(&["plan", "--root", root_arg, "--start", "2025-02-30"]);
    assert_eq!(out.status.code(), Some(2));
    // Dates outside 1970–9000 are usage errors, not `DTSTART:100000222` (issue 13 §2).
    for far in ["9999-12-31", "1969-12-31"] {
        let out = syllabus(&["plan", "--root", root_arg, "--start", far, "--format", "ics"]);
        assert_eq!(out.status.code(), Some(2), "--start {far}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("outside the years 1970–9000"),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stdout.is_empty());
    }
    let frozen = fixture("python-guide");
    let frozen_root = frozen.path().to_str().expect("path");
    let shipped = syllabus(&["plan", "--root", frozen_root, "--format", "ics"]);
    let shipped_has_start =
        fs::read_to_string(frozen.path().join("content/guide.yaml")).is_ok_and(|y| y.contains("\n  start:"));
    if !shipped_has_start {
        assert_eq!(shipped.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&shipped.stderr).contains("needs a start date"));
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let md = dir.path().join("plan.md");
    let out = syllabus(&[
        "plan",
        "--root",
        root_arg,
        "--format",
        "markdown",
        "--output",
        md.to_str().expect("path"),
    ]);
    assert!(out.status.success());
    let markdown = fs::read_to_string(&md).expect("written");
    assert!(
        markdown.contains("- [ ] [Two sum, with a hash map](https://example.org/fixture/topics/arrays/two-sum/)"),
        "{markdown}"
    );
}

#[test]
fn plan_check_reports_bad_plan_settings_with_locations() {
    let root = fixture("plan-basic");
    let guide = root.path().join("content/guide.yaml");
    let yaml = fs::read_to_string(&guide).expect("read");
    fs::write(
        &guide,
        yaml.replace("topics: [design, arrays]", "topics: [design, arays]")
            .replace("\"2025-03-05\"", "\"2025-02-29\""),
    )
    .expect("write");
    let out = syllabus(&["check", "--root", root.path().to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("unknown topic 'arays' — did you mean 'arrays'?"),
        "{stderr}"
    );
    assert!(stderr.contains("content/guide.yaml:19:"), "{stderr}");
    assert!(stderr.contains("2025-02-29 is not a day of the calendar"), "{stderr}");
    assert!(stderr.contains("content/guide.yaml:8:"), "{stderr}");
}

#[test]
fn plan_cli_lists_and_selects_named_plans() {
    let frozen = fixture("python-guide");
    let root = frozen.path().to_str().expect("path");
    let out = syllabus(&["plan", "--root", root, "--list"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let list = String::from_utf8_lossy(&out.stdout);
    let ids: Vec<&str> = list.lines().filter_map(|l| l.split('\t').next()).collect();
    assert_eq!(ids, ["8-weeks", "6-weeks"], "{list}");
    assert!(list.lines().next().is_some_and(|l| l.ends_with("(default)")));

    // --plan selects one for every format: 6 weeks of events, their own UIDs.
    let ics_of = |plan: &str| {
        let out = syllabus(&[
            "plan",
            "--root",
            root,
            "--plan",
            plan,
            "--format",
            "ics",
            "--start",
            "2026-01-05",
        ]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    let six = ics_of("6-weeks");
    let eight = ics_of("8-weeks");
    assert_eq!(six.matches("BEGIN:VEVENT").count(), 36, "6 weeks × 6 days");
    assert_eq!(eight.matches("BEGIN:VEVENT").count(), 48, "8 weeks × 6 days");
    assert!(six.contains("DURATION:PT60M") && !six.contains("DURATION:PT75M"));
    let uids = |ics: &str| -> Vec<String> {
        ics.lines()
            .filter(|l| l.starts_with("UID:"))
            .map(String::from)
            .collect()
    };
    assert!(
        uids(&six).iter().all(|u| !uids(&eight).contains(u)),
        "plans never share a UID"
    );
    let six_weeks = |format: &str| {
        let out = syllabus(&["plan", "--root", root, "--plan", "6-weeks", "--format", format]);
        assert!(out.status.success(), "{format}");
        out.stdout
    };
    for format in ["markdown", "text"] {
        let text = String::from_utf8(six_weeks(format)).expect("UTF-8");
        assert!(text.contains("Week 6") && !text.contains("Week 7"), "{format}: {text}");
    }
    let data: PlanData = serde_json::from_slice(&six_weeks("json")).expect("JSON");
    assert_eq!(data.plans.len(), 1);
    assert_eq!(data.plans[0].id, "6-weeks");
    assert!(
        data.variants
            .values()
            .all(|v| v.plan == "6-weeks" && v.weeks.len() == 6)
    );
    let csv_bytes = six_weeks("csv");
    let mut reader = csv::Reader::from_reader(csv_bytes.as_slice());
    let weeks: Vec<u32> = reader
        .records()
        .map(|r| r.expect("row")[1].parse().expect("week"))
        .collect();
    assert_eq!(weeks.iter().max(), Some(&6));
    let out = syllabus(&["plan", "--root", root, "--plan", "5-weeks"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("its plans are: 8-weeks, 6-weeks"));
}
