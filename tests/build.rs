//! `annals build` and `annals init` over real folders: the built-in reports
//! of sample-data/ against committed golden files in both locales, byte-for-
//! byte determinism, and that a failed build writes nothing.

mod common;

use std::fs;
use std::path::Path;

use common::{assert_golden, copy_records, fixture, run, sample_data};

/// A new records folder holding only this annals.yaml and units.yaml.
fn folder(annals: &str, units: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    fs::write(dir.path().join("annals.yaml"), annals).expect("write annals.yaml");
    fs::write(dir.path().join("units.yaml"), units).expect("write units.yaml");
    dir
}

/// Builds `root` into `out` and returns the three built-in reports.
fn build_reports(root: &Path, out: &Path) -> Vec<(&'static str, String)> {
    let out_arg = out.to_str().expect("a UTF-8 path");
    let run = run(root, &["build", "--out", out_arg]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    ["summary", "evaluation", "ledger"]
        .into_iter()
        .map(|name| {
            let text = fs::read_to_string(out.join(format!("{name}.md"))).expect("a report");
            (name, text)
        })
        .collect()
}

fn golden(locale: &str, name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(locale)
        .join(format!("{name}.md"))
}

#[test]
fn sample_reports_in_chinese_match_the_golden_files() {
    let out = tempfile::tempdir().expect("a temporary folder");
    for (name, text) in build_reports(&sample_data(), out.path()) {
        assert_golden(&golden("zh-CN", name), &text);
    }
}

#[test]
fn sample_reports_in_english_match_the_golden_files() {
    let records = copy_records(&sample_data());
    let config = records.path().join("annals.yaml");
    let text = fs::read_to_string(&config).expect("annals.yaml");
    assert!(
        text.contains("locale: zh-CN"),
        "the sample names its locale"
    );
    fs::write(&config, text.replace("locale: zh-CN", "locale: en")).expect("switch locale");
    let out = tempfile::tempdir().expect("a temporary folder");
    for (name, text) in build_reports(records.path(), out.path()) {
        assert_golden(&golden("en", name), &text);
    }
}

#[test]
fn two_builds_are_byte_identical() {
    let (first, second) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    assert_eq!(
        build_reports(&sample_data(), first.path()),
        build_reports(&sample_data(), second.path())
    );
}

#[test]
fn the_summary_carries_the_figures_of_the_year() {
    let out = tempfile::tempdir().unwrap();
    let reports = build_reports(&sample_data(), out.path());
    let summary = &reports[0].1;
    // 58 items, 42 done, 1 dropped: 42 / 57.
    assert!(summary.contains("承诺事项58项"), "{summary}");
    assert!(summary.contains("承诺兑现率73.7%"));
    assert!(summary.contains("青石村、桃园村等4个先进基层党组织"));
    // 2023 is in the folder: the figures are compared with it.
    assert!(
        summary.contains("承诺事项58项，比上年增加45项"),
        "{summary}"
    );
    assert!(summary.contains("整改率71.4%，比上年下降3.6个百分点"));
    // The formal signature, then the attachments announced under the body.
    assert!(summary.contains("附件：1. 2024年度表彰名单\n2. "));
    assert!(
        summary.contains("\n\n中共青石镇委员会\n\n2024年12月28日\n\n# 附件1 2024年度表彰名单\n")
    );
}

#[test]
fn kinds_in_units_yaml_win_over_annals_yaml_kind_by_kind() {
    let records = folder(
        "organisation: 测试乡党委\nyear: 2024\nkinds: {village: 村党支部, office: 乡直机关党支部}\n",
        "units:\n  - {id: a, name: 甲村党支部, kind: village}\n  - {id: b, name: 乙村党支部, kind: village}\n  \
         - {id: c, name: 乡机关党支部, kind: office}\n  - {id: d, name: 茶厂党支部, kind: enterprise}\n\
         kinds:\n  village: 行政村党支部\n",
    );
    let root = records.path();
    let check = run(root, &["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(!check.stderr.contains("warning"), "{}", check.stderr);
    let out = tempfile::tempdir().unwrap();
    let summary = &build_reports(root, out.path())[0].1;
    // village from units.yaml, office from annals.yaml, enterprise built in.
    let told = "所属基层党组织共4个，其中行政村党支部2个、乡直机关党支部1个、企业党支部1个。";
    assert!(summary.contains(told), "no `{told}` in\n{summary}");
}

/// The summary of `root` built in `locale` (annals.yaml rewritten to it).
fn summary_in(root: &Path, locale: &str) -> String {
    let config = root.join("annals.yaml");
    let text = fs::read_to_string(&config).unwrap();
    let text: String = text
        .lines()
        .filter(|l| !l.starts_with("locale:"))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(&config, format!("{text}locale: {locale}\n")).unwrap();
    let out = tempfile::tempdir().unwrap();
    build_reports(root, out.path()).remove(0).1
}

#[test]
fn a_year_with_nothing_to_rate_or_rectify_is_told_in_words_not_zeros() {
    let records = folder(
        "organisation: 测试乡党委\nyear: 2024\n",
        "- {id: a, name: 甲村党支部}\n- {id: b, name: 乙村党支部}\n",
    );
    let root = records.path();
    let zh = summary_in(root, "zh-CN");
    assert!(
        zh.contains("本年度2个单位均无公开承诺、督办检查和群众评议数据，未评定等次。"),
        "{zh}"
    );
    assert!(!zh.contains("评定，"), "{zh}");
    assert!(
        !zh.contains("| 等次 |"),
        "no grade table without grades\n{zh}"
    );
    let en = summary_in(root, "en");
    assert!(
        en.contains("made no public pledges; no inspections and no public appraisals were held"),
        "{en}"
    );
    assert!(
        en.contains("No unit could be rated in the annual evaluation"),
        "{en}"
    );
    assert!(!en.contains("evaluation, ."), "{en}");
    // A pledge item still open and no open finding: next steps name only the item.
    fs::create_dir_all(root.join("pledges")).unwrap();
    fs::write(
        root.join("pledges/a.yaml"),
        "unit: a\nmade: 2024-03-01\nitems:\n  - {text: 修路, status: in-progress}\n",
    )
    .unwrap();
    let zh = summary_in(root, "zh-CN");
    assert!(zh.contains("对尚未兑现的1项承诺事项，逐项明确"), "{zh}");
    assert!(!zh.contains("0个尚未整改"), "{zh}");
    let en = summary_in(root, "en");
    assert!(
        en.contains("By 31 December 2024, no item had been fulfilled and 1 remained under way."),
        "{en}"
    );
    assert!(
        en.contains("Every pledged item still open (1) will be given a person responsible"),
        "{en}"
    );
}

#[test]
fn pledges_made_by_units_alone_are_told_without_a_count_of_zero_members() {
    let out = tempfile::tempdir().unwrap();
    let reports = build_reports(&fixture("edition2"), out.path());
    let summary = &reports[0].1;
    assert!(summary.contains("个党组织作出公开承诺"), "{summary}");
    assert!(!summary.contains("0名党员"), "{summary}");
    assert!(!summary.contains("党员承诺0份"), "{summary}");
}

/// A build lets go of the record files once they are checked but keeps
/// annals.yaml's: a problem of its `reports:` list is shown at its line and
/// column, exactly as `check` shows it.
#[test]
fn build_shows_the_problems_of_the_reports_list_as_check_does() {
    let root = fixture("check/template-missing");
    let out = tempfile::tempdir().unwrap();
    let out = out.path().to_str().unwrap();
    let run = run(&root, &["--lang", "en", "build", "--out", out]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let expected = fs::read_to_string(root.join("expected.txt")).unwrap();
    let (diagnostics, _counts) = expected.trim_end().rsplit_once("\n\n").unwrap();
    assert_eq!(
        run.stderr,
        format!("{diagnostics}\n\nnothing was written\n")
    );
}

#[test]
fn a_failed_build_leaves_existing_reports_untouched() {
    let records = copy_records(&sample_data());
    let root = records.path();
    let out = root.join("out");
    build_reports(root, &out);
    let before = fs::read(out.join("summary.md")).unwrap();
    // A typo in one record, and a changed figure elsewhere.
    let pledge = root.join("pledges/2024/qingshi.md");
    let text = fs::read_to_string(&pledge).unwrap();
    fs::write(&pledge, text.replacen("unit:", "unti:", 1)).unwrap();
    let run = run(root, &["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("承诺中有未知字段`unti`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.ends_with("未写入任何文件\n"), "{}", run.stderr);
    assert_eq!(fs::read(out.join("summary.md")).unwrap(), before);
    let leftovers: Vec<_> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 3, "{leftovers:?}");
}

#[test]
fn a_template_error_writes_nothing() {
    let out = tempfile::tempdir().unwrap();
    let out_arg = out.path().to_str().unwrap();
    let run = run(
        &fixture("check/template-render"),
        &["build", "--out", out_arg],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with(
            "error: templates/evaluation.md:3:13: template error: Field `unitz` is not defined"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(fs::read_dir(out.path()).unwrap().count(), 0);
}

#[test]
fn build_renders_only_the_reports_asked_for() {
    let out = tempfile::tempdir().unwrap();
    let out_arg = out.path().to_str().unwrap();
    let run = run(
        &sample_data(),
        &["build", "--report", "ledger", "--out", out_arg],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let names: Vec<_> = fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["ledger.md"]);
    let unknown = common::run(
        &sample_data(),
        &["build", "--report", "budget", "--out", out_arg],
    );
    assert_eq!(unknown.code, 2);
    assert_eq!(
        unknown.stderr,
        "错误：没有名为`budget`的报告；现有报告：summary、evaluation、ledger\n"
    );
    let english = common::run(
        &sample_data(),
        &[
            "--lang", "en", "build", "--report", "budget", "--out", out_arg,
        ],
    );
    assert_eq!(
        english.stderr,
        "error: there is no report `budget`; the reports are: summary, evaluation, ledger\n"
    );
}

#[test]
fn a_format_asked_for_twice_is_written_once() {
    let out = tempfile::tempdir().expect("a temporary folder");
    let out_arg = out.path().to_str().expect("a UTF-8 path");
    let args = [
        "build", "--out", out_arg, "--format", "md", "--format", "html",
    ];
    let twice = [&args[..], &["--format", "md", "--format", "html"]].concat();
    let run = run(&sample_data(), &twice);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let written: Vec<&str> = run.stdout.lines().collect();
    let expected: Vec<String> = ["summary", "evaluation", "ledger"]
        .iter()
        .flat_map(|r| ["md", "html"].map(|ext| format!("已写入 {out_arg}/{r}.{ext}")))
        .collect();
    assert_eq!(written, expected);
}

#[test]
fn as_of_moves_the_day_figures_are_taken() {
    let out = tempfile::tempdir().unwrap();
    let out_arg = out.path().to_str().unwrap();
    let run = run(
        &sample_data(),
        &[
            "build",
            "--as-of",
            "2024-06-30",
            "--report",
            "ledger",
            "--out",
            out_arg,
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ledger = fs::read_to_string(out.path().join("ledger.md")).unwrap();
    assert!(
        ledger.contains("统计截至：2024年6月30日\n\n全年督办检查共发现问题14个"),
        "{ledger}"
    );
}

#[test]
fn a_user_report_is_rendered_from_its_template() {
    let records = copy_records(&sample_data());
    let root = records.path();
    fs::create_dir_all(root.join("templates")).unwrap();
    fs::write(
        root.join("templates/brief.md"),
        "# {{ organisation }}\n{% for r in evaluation.ranking %}{{ r.rank }}. {{ r.unit.short }} {{ r.score | num1 }}\n{% endfor %}",
    )
    .unwrap();
    let config = fs::read_to_string(root.join("annals.yaml")).unwrap();
    fs::write(
        root.join("annals.yaml"),
        config + "reports:\n  - {name: brief, template: brief.md}\n",
    )
    .unwrap();
    let run = run(root, &["build", "--report", "brief"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let brief = fs::read_to_string(root.join("out/brief.md")).unwrap();
    assert!(
        brief.starts_with("# 青石镇党委\n1. 青石村 100.0\n2. 镇机关 98.5\n"),
        "{brief}"
    );
}

#[test]
fn a_user_template_that_names_the_record_lists_gets_them() {
    // The built-in reports never read every pledge or inspection, so the
    // context leaves those lists out unless a template names them.
    let records = copy_records(&sample_data());
    let root = records.path();
    fs::create_dir_all(root.join("templates")).unwrap();
    fs::write(
        root.join("templates/lists.md"),
        "{{ pledges | length }} {{ inspections | length }} {{ appraisals | length }} {{ pledges[0].id }}\n",
    )
    .unwrap();
    let config = fs::read_to_string(root.join("annals.yaml")).unwrap();
    fs::write(
        root.join("annals.yaml"),
        config + "reports:\n  - {name: lists, template: lists.md}\n",
    )
    .unwrap();
    let run = run(root, &["build", "--report", "lists"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lists = fs::read_to_string(root.join("out/lists.md")).unwrap();
    let counts: Vec<&str> = lists.split_whitespace().collect();
    assert_eq!(counts.len(), 4, "{lists}");
    for count in &counts[..3] {
        assert!(count.parse::<usize>().is_ok_and(|n| n > 0), "{lists}");
    }
    assert!(counts[3].starts_with("2024/"), "{lists}");
}

#[test]
fn the_formal_signature_addressee_and_document_reach_the_templates() {
    let records = copy_records(&sample_data());
    let root = records.path();
    fs::create_dir_all(root.join("templates")).unwrap();
    fs::write(
        root.join("templates/ledger.md"),
        "{{ addressee }}|{{ signature }}|{{ sealed }}|{{ document.number }}|{{ document.cc | join(sep=\"、\") }}\n",
    )
    .unwrap();
    let config = fs::read_to_string(root.join("annals.yaml")).unwrap();
    let config = config
        .lines()
        .filter(|l| !l.starts_with("signature:") && !l.starts_with("addressee:"))
        .collect::<Vec<_>>()
        .join("\n");
    fs::write(
        root.join("annals.yaml"),
        config
            + "\nsignature: 中共青石镇委员会\naddressee: 县委组织部\nsealed: true\n"
            + "document: {number: 青党发〔2024〕3号, cc: [县委办公室, 县纪委监委]}\n",
    )
    .unwrap();
    let run = run(root, &["build", "--report", "ledger"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        fs::read_to_string(root.join("out/ledger.md")).unwrap(),
        "县委组织部|中共青石镇委员会|true|青党发〔2024〕3号|县委办公室、县纪委监委\n"
    );
}

#[test]
fn the_signature_defaults_to_the_organisation() {
    let records = copy_records(&fixture("check/accepted-input"));
    let root = records.path();
    fs::create_dir_all(root.join("templates")).unwrap();
    fs::write(
        root.join("templates/ledger.md"),
        "{{ signature }}|{{ addressee or \"none\" }}|{{ sealed }}|{{ document or \"none\" }}\n",
    )
    .unwrap();
    let run = run(root, &["build", "--report", "ledger"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        fs::read_to_string(root.join("out/ledger.md")).unwrap(),
        "某某乡党委|none|false|none\n"
    );
}

#[test]
fn a_template_in_the_records_folder_replaces_the_built_in_one() {
    let records = copy_records(&sample_data());
    let root = records.path();
    fs::create_dir_all(root.join("templates")).unwrap();
    fs::write(
        root.join("templates/ledger.md"),
        "整改率{{ figures.inspections.rate | pct }}\n",
    )
    .unwrap();
    let run = run(root, &["build", "--report", "ledger"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        fs::read_to_string(root.join("out/ledger.md")).unwrap(),
        "整改率71.4%\n"
    );
}

#[test]
fn init_writes_a_folder_that_check_and_build_pass() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("township");
    let made = run(dir.path(), &["init", root.to_str().unwrap()]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    for kind in [
        "pledges",
        "inspections",
        "honours",
        "appraisals",
        "narrative",
    ] {
        assert!(root.join(kind).is_dir(), "{kind}/");
    }
    assert_eq!(
        fs::read_to_string(root.join(".gitignore"))
            .unwrap()
            .lines()
            .last(),
        Some("out/")
    );
    let checked = run(&root, &["check"]);
    assert_eq!(checked.code, 0, "{}", checked.stderr);
    assert!(
        checked.stderr.starts_with("未发现问题（检查了"),
        "{}",
        checked.stderr
    );
    let built = run(&root, &["build"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    assert!(root.join("out/summary.md").is_file());
}

#[test]
fn init_takes_the_year_from_the_flag_or_the_folder_name() {
    let dir = tempfile::tempdir().unwrap();
    let named = dir.path().join("township-2025");
    let made = run(dir.path(), &["init", named.to_str().unwrap()]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    let config = fs::read_to_string(named.join("annals.yaml")).unwrap();
    assert!(config.contains("\nyear: 2025 "), "{config}");
    assert!(named.join("pledges/2025/leifan.md").is_file());

    let flagged = dir.path().join("muzi-2025");
    let made = run(
        dir.path(),
        &["init", flagged.to_str().unwrap(), "--year", "2023"],
    );
    assert_eq!(made.code, 0, "{}", made.stderr);
    let config = fs::read_to_string(flagged.join("annals.yaml")).unwrap();
    assert!(config.contains("\nyear: 2023 "), "{config}");
    assert!(
        flagged
            .join("inspections/2023/2023-05-10-jindang.yaml")
            .is_file()
    );
    let built = run(&flagged, &["build"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let summary = fs::read_to_string(flagged.join("out/summary.md")).unwrap();
    assert!(summary.contains("2023年"), "{summary}");
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes.txt"), "keep me").unwrap();
    let run = run(dir.path(), &["init", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("is not empty"), "{}", run.stderr);
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    assert_eq!(
        fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
        "keep me"
    );
}

#[test]
fn outputs_among_the_records_are_refused() {
    let records = copy_records(&sample_data());
    let root = records.path();
    for out in ["pledges/reports", ".", "templates"] {
        let run = run(root, &["build", "--out", root.join(out).to_str().unwrap()]);
        assert_eq!(run.code, 2, "{out}: {}", run.stderr);
        assert!(
            run.stderr.contains("报告会与记录混在一起")
                || run.stderr.contains("就是记录文件夹本身"),
            "{}",
            run.stderr
        );
    }
    assert!(!root.join("pledges/reports").exists());
    assert!(!root.join("summary.md").exists());
}

#[test]
fn a_build_killed_at_any_moment_leaves_whole_reports() {
    // A folder big enough that writing md, html and docx takes a while.
    let units: String = (0..400)
        .map(|n| format!("- {{id: u{n}, name: 第{n}村党支部}}\n"))
        .collect();
    let dir = folder("organisation: 某某县委\nyear: 2024\n", &units);
    let root = dir.path();
    fs::create_dir_all(root.join("inspections")).unwrap();
    let inspections: String = (0..400)
        .map(|n| format!("- {{date: 2024-05-10, unit: u{n}, findings: [{{issue: 记录不全{n}, status: open, due: 2024-06-01}}]}}\n"))
        .collect();
    fs::write(root.join("inspections/all.yaml"), &inspections).unwrap();
    let formats = [
        "build", "--format", "md", "--format", "html", "--format", "docx",
    ];
    // Version A, then version B built elsewhere to know what it looks like.
    assert_eq!(run(root, &formats).code, 0);
    let names = ["summary", "evaluation", "ledger"]
        .iter()
        .flat_map(|r| ["md", "html", "docx"].map(|ext| format!("{r}.{ext}")))
        .collect::<Vec<_>>();
    let read_all = |dir: &Path| {
        names
            .iter()
            .map(|n| fs::read(dir.join(n)).unwrap())
            .collect::<Vec<_>>()
    };
    let a = read_all(&root.join("out"));
    fs::write(
        root.join("inspections/all.yaml"),
        inspections.replace("status: open", "status: closed"),
    )
    .unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let mut to_b = formats.to_vec();
    let b_out = elsewhere.path().to_str().unwrap().to_owned();
    to_b.extend(["--out", &b_out]);
    assert_eq!(run(root, &to_b).code, 0);
    let b = read_all(elsewhere.path());
    assert_ne!(a, b);
    for attempt in 0..12u64 {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("annals"))
            .arg("--root")
            .arg(root)
            .args(formats)
            .stderr(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(5 + attempt * 15));
        let _ = child.kill();
        let _ = child.wait();
        for (i, name) in names.iter().enumerate() {
            let now = fs::read(root.join("out").join(name)).unwrap();
            assert!(
                now == a[i] || now == b[i],
                "{name} is neither the old nor the new report after kill {attempt}"
            );
        }
    }
    // The next build finishes the job and clears what killed builds left.
    assert_eq!(run(root, &formats).code, 0);
    assert_eq!(read_all(&root.join("out")), b);
    let leftovers: Vec<_> = fs::read_dir(root.join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), names.len(), "{leftovers:?}");
}

#[test]
fn the_sections_annals_yaml_points_at_exist_in_the_readme() {
    let base = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = fs::read_to_string(base.join("README.md")).unwrap();
    let headings: Vec<&str> = readme
        .lines()
        .filter_map(|l| l.strip_prefix("## ").or_else(|| l.strip_prefix("### ")))
        .collect();
    let skeleton = fs::read_to_string(base.join("skeleton/annals.yaml")).unwrap();
    let named: Vec<&str> = skeleton
        .lines()
        .filter_map(|line| line.split_once("README").map(|(_, after)| after))
        .flat_map(|after| after.split('“').skip(1))
        .filter_map(|rest| rest.split_once('”').map(|(name, _)| name))
        .collect();
    assert!(named.len() >= 2, "{skeleton}");
    for name in named {
        assert!(headings.contains(&name), "README has no section “{name}”");
    }
}

#[test]
fn twenty_pairs_of_simultaneous_builds_all_succeed_with_whole_reports() {
    let records = copy_records(&sample_data());
    let root = records.path();
    let formats = [
        "build", "--format", "md", "--format", "html", "--format", "docx",
    ];
    let alone = tempfile::tempdir().unwrap();
    let mut single = formats.to_vec();
    let alone_arg = alone.path().to_str().unwrap().to_owned();
    single.extend(["--out", &alone_arg]);
    assert_eq!(run(root, &single).code, 0);
    let expected = tree(alone.path());
    assert_eq!(expected.len(), 9);
    for pair in 0..20 {
        let start = || {
            std::process::Command::new(assert_cmd::cargo::cargo_bin("annals"))
                .arg("--root")
                .arg(root)
                .args(formats)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (start(), start());
        for child in [a, b] {
            let output = child.wait_with_output().unwrap();
            assert!(
                output.status.success(),
                "pair {pair}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        assert_eq!(tree(&root.join("out")), expected, "pair {pair}");
    }
}

/// The files of a folder, sorted by name, with their bytes.
fn tree(dir: &Path) -> Vec<(std::ffi::OsString, Vec<u8>)> {
    let mut files: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (e.file_name(), fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

#[test]
fn watch_beside_manual_builds_into_one_out_lets_every_build_succeed() {
    let records = copy_records(&sample_data());
    let root = records.path();
    let formats = ["--format", "md", "--format", "html", "--format", "docx"];
    let alone = tempfile::tempdir().unwrap();
    let alone_arg = alone.path().to_str().unwrap().to_owned();
    let mut single = vec!["build"];
    single.extend(formats);
    single.extend(["--out", &alone_arg]);
    assert_eq!(run(root, &single).code, 0);
    let expected = tree(alone.path());
    let annals = || {
        let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin("annals"));
        command
            .arg("--root")
            .arg(root)
            .args(["--lang", "en"])
            .env("NO_COLOR", "1")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped());
        command
    };
    let watch = annals().arg("watch").args(formats).spawn().unwrap();
    let out = root.join("out");
    let start = std::time::Instant::now();
    while reports(&out).len() < expected.len() {
        assert!(start.elapsed().as_secs() < 60, "watch made no first build");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    for round in 0..5 {
        // An edit that changes no report starts a rebuild by watch while
        // three builds write the same files.
        let mut units = fs::read_to_string(root.join("units.yaml")).unwrap();
        units.push_str(&format!("# round {round}\n"));
        fs::write(root.join("units.yaml"), units).unwrap();
        let builds: Vec<_> = (0..3)
            .map(|_| annals().arg("build").args(formats).spawn().unwrap())
            .collect();
        for build in builds {
            let output = build.wait_with_output().unwrap();
            assert!(
                output.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        assert_eq!(reports(&out), expected, "round {round}");
    }
    // Time for watch to finish the rebuild of the last edit, then stop it.
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let output = interrupt(watch);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("error"), "watch: {stderr}");
    assert!(
        stderr.matches("] built ").count() > 1,
        "watch rebuilt on no edit: {stderr}"
    );
    assert_eq!(tree(&out), expected, "after watch stopped");
}

/// The reports of a folder as a reader finds them while writers may be
/// at work: sorted by name with their bytes, without the temporary files
/// (`.summary.md.PID-UNIQUE.tmp`); empty while the folder does not exist.
fn reports(dir: &Path) -> Vec<(std::ffi::OsString, Vec<u8>)> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<_> = entries
        .map(|e| e.unwrap().file_name())
        .filter(|name| !name.to_string_lossy().starts_with('.'))
        .map(|name| {
            let bytes = fs::read(dir.join(&name)).unwrap();
            (name, bytes)
        })
        .collect();
    files.sort();
    files
}

/// `watch` puts the records of the files that changed into the ones it
/// keeps; after every kind of edit its reports must be those a fresh
/// build makes of the same folder.
#[test]
fn watch_reports_after_each_edit_are_those_of_a_fresh_build() {
    let records = copy_records(&sample_data());
    let root = records.path();
    let watch = std::process::Command::new(assert_cmd::cargo::cargo_bin("annals"))
        .arg("--root")
        .arg(root)
        .arg("watch")
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let out = root.join("out");
    let edit = |file: &str, from: &str, to: &str| {
        let path = root.join(file);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} holds {from}");
        fs::write(&path, text.replacen(from, to, 1)).unwrap();
    };
    let matches_a_fresh_build = |step: &str| {
        let fresh = tempfile::tempdir().unwrap();
        let built = run(root, &["build", "--out", fresh.path().to_str().unwrap()]);
        assert_eq!(built.code, 0, "{step}: {}", built.stderr);
        let expected = tree(fresh.path());
        let start = std::time::Instant::now();
        while reports(&out) != expected {
            assert!(start.elapsed().as_secs() < 20, "{step}: watch differs");
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    };
    matches_a_fresh_build("first build");
    let pledge = "pledges/2024/baihe.md";
    edit(
        pledge,
        "status: 部分完成",
        "status: 已完成\n    done: 2024-10-20",
    );
    matches_a_fresh_build("a pledge item done");
    let inspection = "inspections/2024/2024-05-10-baihe.yaml";
    edit(inspection, "status: 已整改", "status: 未整改");
    matches_a_fresh_build("a finding open again");
    let kept = fs::read_to_string(root.join(inspection)).unwrap();
    fs::write(root.join(inspection), "date: [\n").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(500));
    fs::write(root.join(inspection), &kept).unwrap();
    matches_a_fresh_build("an inspection broken, then mended");
    // Saved as vim saves: the file renamed to a backup, written anew, the
    // backup removed.
    let backup = root.join("pledges/2024/baihe.md~");
    fs::rename(root.join(pledge), &backup).unwrap();
    let text = fs::read_to_string(&backup).unwrap();
    fs::write(root.join(pledge), text.replacen("已完成", "推进中", 1)).unwrap();
    fs::remove_file(&backup).unwrap();
    matches_a_fresh_build("a pledge saved through a backup");
    // A folder of records moved out of the folder watched.
    let away = tempfile::tempdir().unwrap();
    fs::rename(root.join("inspections/2023"), away.path().join("2023")).unwrap();
    matches_a_fresh_build("a year of inspections moved away");
    edit("units.yaml", "name: 白河村党支部", "name: 白河村党总支");
    matches_a_fresh_build("a unit renamed");
    edit("annals.yaml", "青石镇2024年度", "青石镇二〇二四年度");
    matches_a_fresh_build("the title changed");
    // The templates are compiled once and kept: each of these must be
    // compiled again.
    fs::create_dir(root.join("templates")).unwrap();
    fs::write(
        root.join("templates/ledger.md"),
        "# 台账\n\n共{{ findings | length }}个问题。\n",
    )
    .unwrap();
    matches_a_fresh_build("a template of the user's added");
    edit("templates/ledger.md", "# 台账", "# 整改台账");
    matches_a_fresh_build("the user's template edited");
    edit("annals.yaml", "locale: zh-CN", "locale: en");
    matches_a_fresh_build("the language changed");
    fs::remove_file(root.join("templates/ledger.md")).unwrap();
    matches_a_fresh_build("the user's template removed");
    assert_eq!(interrupt(watch).status.code(), Some(0));
}

/// Stops `watch` as Ctrl-C does and waits for what it printed.
fn interrupt(watch: std::process::Child) -> std::process::Output {
    let interrupted = std::process::Command::new("kill")
        .args(["-INT", &watch.id().to_string()])
        .status()
        .unwrap();
    assert!(interrupted.success());
    watch.wait_with_output().unwrap()
}
