//! The authoring loop: `annals new` writes records that `check` accepts, at
//! predictable paths, and never over an existing file.

mod common;

use std::fs;
use std::path::Path;

use common::{fixture, run, run_in};

/// A fresh copy of a small valid records folder.
fn records() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let base = fixture("check/unknown-status");
    for name in ["annals.yaml", "units.yaml"] {
        fs::copy(base.join(name), dir.path().join(name)).expect("copy");
    }
    dir
}

fn new(root: &Path, args: &[&str]) -> String {
    let mut all = vec!["new"];
    all.extend_from_slice(args);
    let run = run(root, &all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout.trim_end().to_owned()
}

#[test]
fn new_writes_each_kind_at_its_path_and_check_accepts_it() {
    let dir = records();
    let root = dir.path();
    let day = ["--unit", "leifan", "--date", "2024-05-10"];
    let cases = [
        ("pledge", "pledges/2024/leifan.md"),
        ("inspection", "inspections/2024/2024-05-10-leifan.yaml"),
        ("honour", "honours/2024/2024-05-10.yaml"),
        ("appraisal", "appraisals/2024/2024-05-10-leifan.yaml"),
        ("narrative", "narrative/2024/2024-05-10.md"),
    ];
    for (kind, path) in cases {
        let mut args = vec![kind];
        args.extend_from_slice(&day);
        assert_eq!(new(root, &args), root.join(path).display().to_string());
        let text = fs::read_to_string(root.join(path)).unwrap();
        assert!(
            text.contains("2024"),
            "{kind}: the date or year is filled in"
        );
        assert!(text.contains('#'), "{kind}: the skeleton is commented");
    }
    // Valid records, but every placeholder left to fill is a warning that
    // names its file and line.
    let checked = run(root, &["check"]);
    assert_eq!(checked.code, 0, "{}", checked.stderr);
    assert!(
        checked
            .stderr
            .ends_with("0 errors, 10 warnings in 7 files\n"),
        "{}",
        checked.stderr
    );
    assert!(checked.stderr.contains(
        "warning: honours/2024/2024-05-10.yaml:4:1: `occasion` still holds the placeholder `待填写：表彰大会名称` left by `annals new`"
    ));
    assert!(checked.stderr.contains(
        "warning: narrative/2024/2024-05-10.md:8:1: the Markdown body still holds the placeholder `待填写：正文。` left by `annals new`"
    ));
}

#[test]
fn a_pledge_made_by_new_and_filled_in_counts_in_the_reports() {
    let dir = records();
    let root = dir.path();
    let path = new(
        root,
        &["pledge", "--unit", "jindang", "--date", "2024-03-01"],
    );
    let text = fs::read_to_string(&path).unwrap();
    let filled = text
        .replace("待填写：承诺事项", "硬化通组公路2公里")
        .replace("status: planned", "status: done");
    fs::write(&path, filled).unwrap();
    assert_eq!(run(root, &["check"]).code, 0);
    let built = run(root, &["build", "--report", "evaluation"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let evaluation = fs::read_to_string(root.join("out/evaluation.md")).unwrap();
    assert!(
        evaluation.contains("| 1 | 金垱村党支部 | 100.0 |"),
        "{evaluation}"
    );
}

#[test]
fn new_never_overwrites_and_numbers_the_next_file() {
    let dir = records();
    let root = dir.path();
    let args = ["pledge", "--unit", "leifan", "--date", "2024-02-20"];
    let first = new(root, &args);
    fs::write(&first, "---\nunit: leifan\n---\nmine\n").unwrap();
    let second = new(root, &args);
    let third = new(root, &args);
    assert!(second.ends_with("pledges/2024/leifan-2.md"), "{second}");
    assert!(third.ends_with("pledges/2024/leifan-3.md"), "{third}");
    assert_eq!(
        fs::read_to_string(&first).unwrap(),
        "---\nunit: leifan\n---\nmine\n"
    );
}

#[test]
fn new_refuses_an_unknown_unit_and_names_the_closest() {
    let dir = records();
    let run = run(dir.path(), &["new", "inspection", "--unit", "leifang"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: unknown unit `leifang`; did you mean `leifan`?\n"
    );
    assert!(!dir.path().join("inspections").exists());
}

#[test]
fn english_folders_get_english_skeletons() {
    let dir = records();
    let root = dir.path();
    let config = fs::read_to_string(root.join("annals.yaml")).unwrap();
    fs::write(root.join("annals.yaml"), config + "locale: en\n").unwrap();
    let path = new(
        root,
        &["appraisal", "--unit", "leifan", "--date", "2024-12-01"],
    );
    let text = fs::read_to_string(path).unwrap();
    let (schema, rest) = text.split_once('\n').unwrap();
    assert!(
        schema.starts_with("# yaml-language-server: $schema="),
        "{text}"
    );
    assert!(rest.starts_with("# An appraisal."), "{text}");
}

/// `status` of the sample (a zh-CN folder) in Chinese, and in English with
/// `--lang en`; each within 80 display columns.
#[test]
fn status_lists_what_needs_attention_on_the_day() {
    for (lang, golden) in [("zh-CN", "status.zh-CN.txt"), ("en", "status.txt")] {
        let args = ["status", "--as-of", "2024-11-20"];
        let run = if lang == "en" {
            run(
                &common::sample_data(),
                &[&args[..], &["--lang", "en"]].concat(),
            )
        } else {
            run(&common::sample_data(), &args)
        };
        assert_eq!(run.code, 0, "{}", run.stderr);
        let golden = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/golden")
            .join(golden);
        common::assert_golden(&golden, &run.stdout);
        for line in run.stdout.lines() {
            assert!(
                unicode_width::UnicodeWidthStr::width(line) <= 80,
                "too wide: {line}"
            );
        }
        assert!(
            !run.stdout.contains('\x1b'),
            "no colour when not on a terminal"
        );
    }
}

#[test]
fn status_as_json_for_scripts() {
    let run = run(
        &common::sample_data(),
        &["status", "--as-of", "2024-12-20", "--format", "json"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let open = doc["open_findings"].as_array().expect("a list");
    assert_eq!(open.len(), 4);
    // Overdue first, most days first.
    assert_eq!(open[0]["unit"], "longtan");
    assert_eq!(open[0]["days_overdue"], 158);
    assert_eq!(doc["units"].as_array().map(Vec::len), Some(10));
}

/// Waits up to ten seconds for `done` to hold.
fn eventually(what: &str, mut done: impl FnMut() -> bool) {
    let start = std::time::Instant::now();
    while !done() {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(10),
            "timed out waiting: {what}"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn watch_rebuilds_on_an_edit_and_keeps_the_reports_on_an_error() {
    watch_session(&[]);
}

#[test]
fn watch_with_poll_notices_edits_without_file_events() {
    watch_session(&["--poll"]);
}

/// Runs `watch` with `extra` options over a folder: an edit rebuilds, a
/// broken record keeps the reports, Ctrl-C stops it.
fn watch_session(extra: &[&str]) {
    let dir = records();
    let root = dir.path();
    let pledge = new(
        root,
        &["pledge", "--unit", "leifan", "--date", "2024-03-01"],
    );
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("annals"))
        .args([
            "--root",
            root.to_str().unwrap(),
            "watch",
            "--report",
            "summary",
        ])
        .args(extra)
        .env("NO_COLOR", "1")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("watch starts");
    let summary = root.join("out/summary.md");
    let read = || fs::read_to_string(&summary).unwrap_or_default();
    eventually("the first build", || read().contains("承诺事项1项"));
    // An edit: the item is done now.
    let text = fs::read_to_string(&pledge).unwrap();
    fs::write(&pledge, text.replace("status: planned", "status: done")).unwrap();
    eventually("the rebuild after an edit", || read().contains("已兑现1项"));
    // A broken record: the reports stay as they were.
    let before = read();
    fs::write(&pledge, "---\nunit: [\n---\n").unwrap();
    // Long enough for a poll (every 500 ms) and the failed rebuild.
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert_eq!(read(), before);
    let interrupted = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(interrupted.success());
    let output = child.wait_with_output().expect("watch stops");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("YAML syntax error"), "{stderr}");
    assert!(stderr.contains("the previous reports are kept"), "{stderr}");
    assert!(stderr.ends_with("stopped\n"), "{stderr}");
}

/// Runs git in `dir`, with a throwaway identity; panics when it fails.
fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args(args)
        .env("PATH", path_with_annals())
        .output()
        .expect("git runs")
}

/// PATH with the folder of the annals binary under test first.
fn path_with_annals() -> std::ffi::OsString {
    let bin = assert_cmd::cargo::cargo_bin("annals");
    let mut paths = vec![bin.parent().expect("a folder").to_owned()];
    paths.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(paths).expect("a PATH")
}

/// A git repository whose records are committed.
fn repository() -> tempfile::TempDir {
    let dir = records();
    fs::write(dir.path().join(".gitignore"), "out/\n").unwrap();
    assert!(git(dir.path(), &["init", "-q"]).status.success());
    assert!(git(dir.path(), &["add", "."]).status.success());
    assert!(
        git(dir.path(), &["commit", "-qm", "records"])
            .status
            .success()
    );
    dir
}

#[test]
fn the_pre_commit_hook_refuses_broken_records_and_is_never_overwritten() {
    let dir = repository();
    let root = dir.path();
    let installed = run(root, &["hook", "install"]);
    assert_eq!(installed.code, 0, "{}", installed.stderr);
    let hook = root.join(".git/hooks/pre-commit");
    assert!(
        fs::read_to_string(&hook)
            .unwrap()
            .contains("exec annals --root '.' check")
    );
    let again = run(root, &["hook", "install"]);
    assert_eq!(again.code, 2);
    assert!(
        again.stderr.contains("exists already and is left alone"),
        "{}",
        again.stderr
    );
    fs::write(
        root.join("units.yaml"),
        "- id: leifan\n  nmae: 雷畈村党支部\n",
    )
    .unwrap();
    git(root, &["add", "."]);
    let commit = git(root, &["commit", "-qm", "broken"]);
    assert!(!commit.status.success(), "the hook lets a broken record in");
    assert!(String::from_utf8_lossy(&commit.stderr).contains("unknown field `nmae`"));
}

#[test]
fn the_hook_installed_from_a_subfolder_goes_into_the_repositorys_hooks() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    let records = repo.join("township/2024");
    fs::create_dir_all(&records).unwrap();
    let base = fixture("check/unknown-status");
    for name in ["annals.yaml", "units.yaml"] {
        fs::copy(base.join(name), records.join(name)).unwrap();
    }
    assert!(git(&repo, &["init", "-q"]).status.success());
    let installed = run(&records, &["hook", "install"]);
    assert_eq!(installed.code, 0, "{}", installed.stderr);
    let hook = repo.join(".git/hooks/pre-commit");
    assert!(
        fs::read_to_string(&hook)
            .unwrap()
            .contains("exec annals --root 'township/2024' check"),
        "{}",
        installed.stdout
    );
}

#[test]
fn without_git_the_hook_says_git_cannot_be_run_in_the_users_language() {
    let dir = repository();
    let empty = tempfile::tempdir().unwrap();
    let path = empty.path().to_str().unwrap();
    let english = run_in(dir.path(), &["hook", "install"], &[("PATH", path)]);
    assert_ne!(english.code, 0);
    assert!(
        english.stderr.contains("cannot run git (")
            && english.stderr.contains("is git installed and on the PATH?"),
        "{}",
        english.stderr
    );
    let chinese = run_in(
        dir.path(),
        &["--lang", "zh-CN", "hook", "install"],
        &[("PATH", path)],
    );
    assert!(
        chinese.stderr.contains("无法运行 git（"),
        "{}",
        chinese.stderr
    );
    assert!(!dir.path().join(".git/hooks/pre-commit").exists());
}

#[test]
fn stamp_names_the_records_commit_and_marks_uncommitted_changes() {
    let dir = repository();
    let root = dir.path();
    let head = String::from_utf8(git(root, &["rev-parse", "--short", "HEAD"]).stdout).unwrap();
    let summary = || fs::read_to_string(root.join("out/summary.md")).unwrap();
    assert_eq!(run(root, &["build", "--report", "summary"]).code, 0);
    assert!(!summary().contains("记录版本"), "no stamp unless asked");
    assert_eq!(
        run(root, &["build", "--report", "summary", "--stamp"]).code,
        0
    );
    assert!(
        summary().contains(&format!("记录版本 {} 生成", head.trim())),
        "{}",
        summary()
    );
    fs::write(
        root.join("annals.yaml"),
        "organisation: 某某乡党委\nyear: 2024\nstamp: true\n",
    )
    .unwrap();
    assert_eq!(run(root, &["build", "--report", "summary"]).code, 0);
    assert!(
        summary().contains(&format!("记录版本 {}-dirty 生成", head.trim())),
        "{}",
        summary()
    );
}

#[test]
fn completions_and_the_manual_come_from_the_command_line_definition() {
    let dir = records();
    let bash = run(dir.path(), &["completions", "bash"]);
    assert_eq!(bash.code, 0);
    assert!(bash.stdout.contains("watch") && bash.stdout.contains("--as-of"));
    let man = run(dir.path(), &["man"]);
    assert!(man.stdout.starts_with(".ie") && man.stdout.contains(".TH annals 1"));
}
