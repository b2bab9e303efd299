//! Every problem `annals check` reports (SPEC §4), one records folder each
//! under `tests/fixtures/check/`, with the exact output in English in its
//! `expected.txt` and in Chinese in `expected.zh-CN.txt`. The folders double
//! as a catalogue of what each message looks like in both languages.

mod common;

use std::path::Path;

use annals::check::check;
use common::{assert_golden, copy_folder, fixture, run};

/// Runs `check` on the fixture folder in each language and compares stderr
/// with its `expected.txt` (English) and `expected.zh-CN.txt`; `code` is the
/// exit code it must give.
fn check_fixture(name: &str, code: i32) {
    let root = fixture(&format!("check/{name}"));
    for (lang, expected) in [("en", "expected.txt"), ("zh-CN", "expected.zh-CN.txt")] {
        let run = run(&root, &["--lang", lang, "check"]);
        assert_golden(&root.join(expected), &run.stderr);
        assert_eq!(
            run.code, code,
            "exit code of check on {name} in {lang}\n{}",
            run.stderr
        );
    }
}

macro_rules! fixtures {
    ($($test:ident: $folder:literal => $code:expr;)*) => {
        $(
            #[test]
            fn $test() {
                check_fixture($folder, $code);
            }
        )*
    };
}

fixtures! {
    unknown_status: "unknown-status" => 1;
    // YAML syntax, in a .yaml file and in a .md front matter (line numbers
    // count the opening `---`).
    yaml_syntax_flow: "yaml-syntax-flow" => 1;
    yaml_syntax_front_matter: "yaml-syntax-front-matter" => 1;
    // Front matter delimiters.
    front_matter_no_opening: "front-matter-no-opening" => 1;
    front_matter_no_closing: "front-matter-no-closing" => 1;
    // Missing required fields.
    missing_status: "missing-status" => 1;
    missing_date: "missing-date" => 1;
    award_without_recipients: "award-without-recipients" => 1;
    // Unknown fields, with "did you mean".
    unknown_field_in_item: "unknown-field-in-item" => 1;
    unknown_config_key: "unknown-config-key" => 1;
    unknown_units_key: "unknown-units-key" => 1;
    // Wrong types.
    wrong_type_items: "wrong-type-items" => 1;
    wrong_type_votes: "wrong-type-votes" => 1;
    // Invalid dates.
    invalid_date_no_such_day: "invalid-date-no-such-day" => 1;
    invalid_date_slashes: "invalid-date-slashes" => 1;
    // Unknown enumerated values.
    unknown_severity: "unknown-severity" => 1;
    unknown_appraisal_kind: "unknown-appraisal-kind" => 1;
    chinese_label_typo: "chinese-label-typo" => 1;
    // Unknown unit ids, with the closest id.
    unknown_unit: "unknown-unit" => 1;
    unknown_unit_in_award: "unknown-unit-in-award" => 1;
    unknown_unit_of_person: "unknown-unit-of-person" => 1;
    duplicate_unit_id: "duplicate-unit-id" => 1;
    parent_cycle: "parent-cycle" => 1;
    // Encodings.
    gbk_encoded: "gbk-encoded" => 1;
    invalid_bytes: "invalid-bytes" => 1;
    // A raw control character in the YAML of a .md and of a .yaml record.
    control_character: "control-character" => 1;
    // Empty lists.
    empty_items: "empty-items" => 1;
    empty_awards: "empty-awards" => 1;
    // Votes and what each appraisal kind needs.
    votes_negative: "votes-negative" => 1;
    votes_fraction: "votes-fraction" => 1;
    // Votes that add up past what can be counted, in one record and over all.
    votes_overflow: "votes-overflow" => 1;
    public_without_votes: "public-without-votes" => 1;
    leadership_without_comment: "leadership-without-comment" => 1;
    // Keys and ids written twice, files missing.
    duplicate_key: "duplicate-key" => 1;
    duplicate_record_id: "duplicate-record-id" => 1;
    duplicate_record_id_sequence: "duplicate-record-id-sequence" => 1;
    duplicate_recipient: "duplicate-recipient" => 1;
    units_missing: "units-missing" => 1;
    // Warnings only: exit 0.
    warn_done_date_in_progress: "warn-done-date-in-progress" => 0;
    warn_closed_date_open: "warn-closed-date-open" => 0;
    warn_due_outside_year: "warn-due-outside-year" => 0;
    warn_closed_outside_year: "warn-closed-outside-year" => 0;
    warn_as_of_outside_year: "warn-as-of-outside-year" => 0;
    warn_capital_extension: "warn-capital-extension" => 0;
    // Every problem of a run, sorted by file then line.
    many_problems: "many-problems" => 1;
    // BOM, CRLF, a sequence file, Chinese labels, attachments and hidden
    // entries: all accepted.
    accepted_input: "accepted-input" => 0;
    grades_without_floor: "grades-without-floor" => 1;
    grade_cap_and_veto: "grade-cap-and-veto" => 1;
    warn_placeholder: "warn-placeholder" => 0;
    grade_above_100: "grade-above-100" => 1;
    weights_all_zero: "weights-all-zero" => 1;
    template_syntax: "template-syntax" => 1;
    template_render: "template-render" => 1;
    template_missing: "template-missing" => 1;
    template_layout: "template-layout" => 1;
    template_recursion: "template-recursion" => 1;
    template_circular_include: "template-circular-include" => 1;
    // Names that would become paths outside their folder (SPEC §4).
    unsafe_report_name: "unsafe-report-name" => 1;
    unsafe_unit_id: "unsafe-unit-id" => 1;
}

/// The SPEC's own example, word for word.
#[test]
fn unknown_status_names_file_line_column_and_the_allowed_values() {
    let run = run(&fixture("check/unknown-status"), &["check"]);
    assert!(
        run.stderr
            .starts_with("error: pledges/2024/leifan.md:7:13: unknown status \"finished\"\n"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(
        "expected one of planned, in-progress, done, partial, missed, dropped (或 计划中、推进中、已完成、部分完成、未完成、已撤销)"
    ));
    assert!(run.stderr.ends_with("1 error, 0 warnings in 3 files\n"));
}

/// The same example as a Chinese compiler would print it, for a clerk whose
/// environment is Chinese (the folder states no locale).
#[test]
fn a_chinese_environment_gets_chinese_diagnostics() {
    let root = fixture("check/unknown-status");
    let run = common::run_in(&root, &["check"], &[("LANG", "zh_CN.UTF-8")]);
    assert!(
        run.stderr
            .starts_with("错误：pledges/2024/leifan.md:7:13：未知的状态“finished”\n"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(
        "= 提示：应为 planned、in-progress、done、partial、missed、dropped 之一（或 计划中、推进中、已完成、部分完成、未完成、已撤销）"
    ));
    assert!(
        run.stderr
            .ends_with("共发现1个错误、0个警告（检查了3个文件）\n")
    );
    assert_eq!(run.code, 1);
}

/// Before any annals.yaml is read, the environment chooses the language.
#[test]
fn a_missing_annals_yaml_is_reported_in_the_environment_s_language() {
    let dir = tempfile::TempDir::new().expect("a temporary folder");
    let root = dir.path();
    let chinese = common::run_in(root, &["check"], &[("LANG", "zh_CN.UTF-8")]);
    assert_eq!(chinese.code, 2);
    assert_eq!(
        chinese.stderr,
        format!(
            "错误：找不到 annals.yaml：{} 不是记录文件夹（可用`annals init DIR`新建）\n",
            root.display()
        )
    );
    let english = common::run_in(
        root,
        &["check"],
        &[("LC_ALL", "C"), ("LANG", "zh_CN.UTF-8")],
    );
    assert!(
        english.stderr.starts_with("error: ") && english.stderr.contains("has no annals.yaml"),
        "LC_ALL comes first: {}",
        english.stderr
    );
}

/// `--lang` over the folder's `locale` over the environment.
#[test]
fn the_flag_beats_the_folder_and_the_folder_beats_the_environment() {
    let tmp = tempfile::TempDir::new().expect("a temporary folder");
    let root = tmp.path();
    copy_folder(&fixture("check/unknown-status"), root);
    let config = root.join("annals.yaml");
    let text = std::fs::read_to_string(&config).expect("read annals.yaml");
    std::fs::write(&config, text + "locale: en\n").expect("write annals.yaml");
    let zh_env = [("LANG", "zh_CN.UTF-8")];
    let folder = common::run_in(root, &["check"], &zh_env);
    assert!(folder.stderr.starts_with("error: "), "{}", folder.stderr);
    let flag = common::run_in(root, &["--lang", "zh-CN", "check"], &[]);
    assert!(flag.stderr.starts_with("错误："), "{}", flag.stderr);
    let bad = common::run_in(root, &["--lang", "fr", "check"], &[]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
}

/// The accepted input is not merely free of problems: every record in it is
/// read (the BOM, CRLF and sequence files are not silently skipped).
#[test]
fn accepted_input_reads_every_record() {
    let checked = check(&fixture("check/accepted-input")).expect("a records folder");
    assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
    let r = &checked.records;
    let config = r.config.as_ref().expect("annals.yaml with a BOM is read");
    assert_eq!(
        (config.organisation.as_str(), config.year),
        ("某某乡党委", 2024)
    );
    let units: Vec<&str> = r.units.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(units, ["leifan", "jindang"], "units.yaml with CRLF is read");
    assert_eq!(
        r.kinds,
        [("village".to_owned(), "行政村党支部".to_owned())],
        "units.yaml as a mapping of units and kinds"
    );
    let pledges: Vec<&str> = r.pledges.iter().map(|p| p.id.id()).collect();
    assert_eq!(pledges, ["2024/leifan", "2024/members#1", "2024/members#2"]);
    let leifan = &r.pledges[0];
    assert_eq!(leifan.items.len(), 2);
    assert_eq!(
        leifan.body, "本村党支部向全体村民公开承诺，接受群众监督。\n",
        "CRLF is gone from the body"
    );
    assert_eq!(r.inspections.len(), 2);
    assert_eq!(r.inspections[0].findings.len(), 1);
    let q4 = &r.inspections[1].findings;
    assert_eq!(q4[0].responsible.as_deref(), Some("王建明"));
    assert_eq!(q4[1].result.as_deref(), Some("已建立**月度**监督记录"));
    assert!(!q4[1].veto);
    let rules = &config.evaluation;
    assert_eq!(rules.grades[0].max_share, Some(0.3));
    assert_eq!(rules.veto_grade.as_deref(), Some("一般"));
    assert_eq!(
        config.kinds[1],
        ("farm".to_owned(), "农场党支部".to_owned())
    );
    assert_eq!(r.honours.len(), 1);
    assert_eq!(r.appraisals.len(), 3);
    assert_eq!(r.narratives.len(), 1);
}

/// A `.git` folder, at the root or inside a kind folder, is hidden and never
/// read, whatever it holds. (Git cannot store a folder named `.git`, so the
/// fixture gets them in a copy.)
#[test]
fn git_folders_are_ignored() {
    let tmp = tempfile::TempDir::new().expect("a temporary folder");
    let root = tmp.path();
    copy_folder(&fixture("check/accepted-input"), root);
    for git in [root.join(".git"), root.join("pledges/.git")] {
        std::fs::create_dir_all(&git).expect("create .git");
        std::fs::write(git.join("config.yaml"), "[core\n\tbare = false\n: : :\n")
            .expect("write garbage");
        std::fs::write(git.join("HEAD.md"), b"\xff\xfe garbage\n").expect("write garbage");
    }
    let run = run(root, &["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "未发现问题（检查了10个文件）\n");
}

/// Symbolic links are not followed: neither a linked file nor a linked folder
/// with a bad record outside the records folder is read.
#[cfg(unix)]
#[test]
fn symbolic_links_are_not_followed() {
    let tmp = tempfile::TempDir::new().expect("a temporary folder");
    let root = tmp.path().join("records");
    let outside = tmp.path().join("outside");
    std::fs::create_dir_all(&root).expect("create the records folder");
    std::fs::create_dir_all(outside.join("more")).expect("create the outside folder");
    copy_folder(&fixture("check/accepted-input"), &root);
    let bad = "---\nunit: nowhere\nmade: 2024-02-30\nitems: []\n---\n";
    std::fs::write(outside.join("bad.md"), bad).expect("write the bad record");
    std::fs::write(outside.join("more/bad.yaml"), "stauts: [\n").expect("write a bad record");
    let before = run(&root, &["check"]);
    std::os::unix::fs::symlink(outside.join("bad.md"), root.join("pledges/link.md"))
        .expect("link a file");
    std::os::unix::fs::symlink(outside.join("more"), root.join("inspections/more"))
        .expect("link a folder");
    let after = run(&root, &["check"]);
    assert_eq!(after.code, 0, "{}", after.stderr);
    assert_eq!(after.stderr, before.stderr);
    assert_eq!(after.stderr, "未发现问题（检查了10个文件）\n");
}

/// `--format json` gives the same problems as data: every diagnostic with its
/// place, severity, code and message, and counts that add up.
#[test]
fn json_format_lists_every_diagnostic_with_counts() {
    let root = fixture("check/many-problems");
    let run = run(&root, &["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("stdout is JSON");
    let diagnostics = doc["diagnostics"].as_array().expect("a diagnostics list");
    assert_eq!(diagnostics.len(), 7);
    let mut files = Vec::new();
    for d in diagnostics {
        for key in ["file", "severity", "code", "message"] {
            assert!(
                d[key].as_str().is_some_and(|s| !s.is_empty()),
                "{key} in {d}"
            );
        }
        for key in ["line", "column"] {
            assert!(d[key].as_u64().is_some_and(|n| n >= 1), "{key} in {d}");
        }
        assert!(matches!(d["severity"].as_str(), Some("error" | "warning")));
        files.push(d["file"].as_str().unwrap_or_default().to_owned());
    }
    let count = |severity: &str| {
        diagnostics
            .iter()
            .filter(|d| d["severity"] == severity)
            .count() as u64
    };
    assert_eq!(doc["errors"].as_u64(), Some(count("error")));
    assert_eq!(doc["warnings"].as_u64(), Some(count("warning")));
    assert_eq!((count("error"), count("warning")), (6, 1));
    assert_eq!(doc["files"].as_u64(), Some(5));
    // Sorted by file, and the same problems as the human output.
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted);
    let codes: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        codes,
        [
            "unknown-unit",
            "award-without-recipients",
            "unknown-unit",
            "unknown-severity",
            "no-such-day",
            "unknown-field",
            "done-date-unfinished",
        ]
    );
    // The codes stay when the words change language.
    let chinese = common::run(&root, &["--lang", "zh-CN", "check", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&chinese.stdout).expect("stdout is JSON");
    let same: Vec<&str> = doc["diagnostics"]
        .as_array()
        .expect("a diagnostics list")
        .iter()
        .map(|d| d["code"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(same, codes);
    assert_eq!(doc["diagnostics"][0]["message"], "未知的单位`leifang`");
    let human = std::fs::read_to_string(root.join("expected.txt")).expect("the golden file");
    for d in diagnostics {
        let title = format!(
            "{}: {}:{}:{}: {}\n",
            d["severity"].as_str().unwrap_or_default(),
            d["file"].as_str().unwrap_or_default(),
            d["line"],
            d["column"],
            d["message"].as_str().unwrap_or_default()
        );
        assert!(human.contains(&title), "{title} is in expected.txt");
    }
}

/// The README lists the code of every diagnostic the catalogue folders
/// give, and every code it lists is a message annals has.
#[test]
fn the_readme_lists_the_diagnostic_codes() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("read the README");
    let listed: Vec<&str> = readme
        .lines()
        .skip_while(|l| *l != "### Diagnostic codes")
        .take_while(|l| !l.starts_with("### Language"))
        .filter_map(|l| l.strip_prefix("| `")?.split('`').next())
        .collect();
    for code in &listed {
        assert!(
            annals::i18n::IDS.iter().any(|(id, _)| id == code),
            "the README lists `{code}`, which no message has"
        );
    }
    let folders = std::fs::read_dir(fixture("check")).expect("list the catalogue");
    for folder in folders {
        let root = folder.expect("a catalogue folder").path();
        let run = run(&root, &["check", "--format", "json"]);
        let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("stdout is JSON");
        for d in doc["diagnostics"].as_array().expect("a diagnostics list") {
            let code = d["code"].as_str().unwrap_or_default();
            assert!(
                listed.contains(&code),
                "the README does not list `{code}` ({})",
                root.display()
            );
        }
    }
}
