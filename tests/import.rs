//! `annals import`: the spreadsheets offices keep today turned into record
//! files, driven through the real binary over sample-data's roster.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{Run, assert_golden, fixture, sample_data};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// Runs annals in English: sample-data's folder is zh-CN, and these tests
/// read the English words (the Chinese ones are golden-tested below).
fn run(root: &Path, args: &[&str]) -> Run {
    common::run(root, &[&["--lang", "en"], args].concat())
}

/// A records folder holding only sample-data's annals.yaml and units.yaml.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for name in ["annals.yaml", "units.yaml"] {
        fs::copy(sample_data().join(name), dir.path().join(name)).expect("copy the roster");
    }
    dir
}

fn sheet(name: &str) -> PathBuf {
    fixture("import").join(name)
}

/// Every file under `root` but annals.yaml and units.yaml, with its text.
fn records(root: &Path) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for kind in ["pledges", "inspections"] {
        let dir = root.join(kind);
        let Ok(years) = fs::read_dir(&dir) else {
            continue;
        };
        for year in years {
            for file in fs::read_dir(year.unwrap().path()).unwrap() {
                let path = file.unwrap().path();
                let rel = path.strip_prefix(root).unwrap().display().to_string();
                found.push((rel, fs::read_to_string(&path).unwrap()));
            }
        }
    }
    found.sort();
    found
}

fn assert_check_passes(root: &Path) {
    let check = run(root, &["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(!check.stderr.contains("error"), "{}", check.stderr);
}

#[test]
fn a_ledger_with_a_title_row_becomes_inspections_that_check_accepts() {
    let dir = folder();
    let ledger = sheet("ledger.csv");
    let import = run(
        dir.path(),
        &["import", "inspections", ledger.to_str().unwrap()],
    );
    assert_eq!(import.code, 0, "{}", import.stderr);
    let root = dir.path().display();
    assert_eq!(
        import.stdout,
        format!(
            "wrote {root}/inspections/2024/2024-05-10-baihe.yaml (rows 7)\n\
             wrote {root}/inspections/2024/2024-05-13-longtan.yaml (rows 4, 5)\n"
        )
    );
    assert_eq!(
        import.stderr,
        "note: columns not imported: A (序号)\n3 data rows made 2 record files\n"
    );
    let written = records(dir.path());
    assert_eq!(written.len(), 2);
    assert_golden(
        &sheet("ledger.expected.yaml"),
        &format!("{}\n{}", written[0].1, written[1].1),
    );
    assert_check_passes(dir.path());
}

#[test]
fn pledges_group_by_unit_person_and_date() {
    let dir = folder();
    let pledges = sheet("pledges.csv");
    let import = run(
        dir.path(),
        &["import", "pledges", pledges.to_str().unwrap()],
    );
    assert_eq!(import.code, 0, "{}", import.stderr);
    let written = records(dir.path());
    let names: Vec<&str> = written.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["pledges/2024/qingshi-2.md", "pledges/2024/qingshi.md"]
    );
    let (members, own) = (&written[0].1, &written[1].1);
    assert!(members.contains("person: 黄和平\n"), "{members}");
    assert_eq!(members.matches("  - text:").count(), 1);
    assert!(!own.contains("person:"), "{own}");
    assert_eq!(own.matches("  - text:").count(), 2);
    assert!(own.contains("status: partial"), "{own}");
    assert!(own.contains("done: 2024-09-15\n"), "{own}");
    assert_check_passes(dir.path());
}

#[test]
fn wrong_rows_are_all_reported_and_nothing_is_written() {
    let dir = folder();
    let bad = sheet("bad-rows.csv");
    for (lang, expected) in [
        ("en", "bad-rows.expected.txt"),
        ("zh-CN", "bad-rows.expected.zh-CN.txt"),
    ] {
        let import = common::run(
            dir.path(),
            &[
                "--lang",
                lang,
                "import",
                "inspections",
                bad.to_str().unwrap(),
            ],
        );
        assert_eq!(import.code, 1);
        assert_eq!(import.stdout, "");
        let stderr = import.stderr.replace(bad.to_str().unwrap(), "bad-rows.csv");
        assert_golden(&sheet(expected), &stderr);
    }
    assert!(records(dir.path()).is_empty());
    assert!(!dir.path().join("inspections").exists());
}

#[test]
fn a_missing_column_is_named_with_the_headers_that_would_do() {
    let dir = folder();
    let csv = dir.path().join("台账.csv");
    fs::write(
        &csv,
        "单位,检查日期,问题,整改状况\n白河村,2024-05-10,台账不清,已整改\n",
    )
    .unwrap();
    let import = run(
        dir.path(),
        &["import", "inspections", csv.to_str().unwrap()],
    );
    assert_eq!(import.code, 1);
    assert_eq!(
        import.stderr.replace(csv.to_str().unwrap(), "台账.csv"),
        "error: 台账.csv: row 1: no column for 整改状态 (status)\n |\n \
         = help: did you mean the column `整改状况`? a header of 整改状态, 是否整改, 整改进度, status names it\n\n\
         nothing was written\n"
    );
}

#[test]
fn a_kind_in_the_team_column_is_the_kind() {
    let dir = folder();
    let csv = dir.path().join("台账.csv");
    fs::write(
        &csv,
        "单位,检查日期,检查组,问题,整改状态\n白河村,2024-05-10,专项督查,台账不清,未整改\n\
         白河村,2024-05-11,镇督查专班,公开栏未更新,未整改\n",
    )
    .unwrap();
    let import = run(
        dir.path(),
        &["import", "inspections", csv.to_str().unwrap()],
    );
    assert_eq!(import.code, 0, "{}", import.stderr);
    let written = records(dir.path());
    let (special, team) = (&written[0].1, &written[1].1);
    assert!(special.contains("\nkind: special "), "{special}");
    assert!(!special.contains("team:"), "{special}");
    assert!(team.contains("\nteam: 镇督查专班\n"), "{team}");
    assert!(!team.contains("kind:"), "{team}");
}

#[test]
fn a_veto_column_marks_veto_findings() {
    let dir = folder();
    let csv = dir.path().join("台账.csv");
    fs::write(
        &csv,
        "单位,检查日期,问题,整改状态,一票否决\n白河村,2024-05-10,合同未经审议,未整改,是\n\
         白河村,2024-05-10,记录不全,未整改,否\n",
    )
    .unwrap();
    let import = run(
        dir.path(),
        &["import", "inspections", csv.to_str().unwrap()],
    );
    assert_eq!(import.code, 0, "{}", import.stderr);
    let text = &records(dir.path())[0].1;
    assert_eq!(text.matches("veto: true").count(), 1, "{text}");
    assert!(text.contains("合同未经审议\n    severity: minor"), "{text}");
    assert_check_passes(dir.path());
}

#[test]
fn gb18030_csv_from_a_chinese_windows_is_read_and_said_so() {
    let dir = folder();
    let text = fs::read_to_string(sheet("ledger.csv")).unwrap();
    let (bytes, _, _) = encoding_rs::GB18030.encode(&text);
    let csv = dir.path().join("gbk.csv");
    fs::write(&csv, &bytes).unwrap();
    let import = run(
        dir.path(),
        &["import", "inspections", csv.to_str().unwrap()],
    );
    assert_eq!(import.code, 0, "{}", import.stderr);
    assert!(
        import
            .stderr
            .starts_with(&format!("note: read {} as GB18030\n", csv.display())),
        "{}",
        import.stderr
    );
    let written = records(dir.path());
    assert!(
        written[1]
            .1
            .contains("issue: 支部委员会会议记录缺少2月、3月两次")
    );
}

#[test]
fn a_second_import_never_overwrites_and_dry_run_writes_nothing() {
    let dir = folder();
    let ledger = sheet("ledger.csv");
    let args = ["import", "inspections", ledger.to_str().unwrap()];
    assert_eq!(run(dir.path(), &args).code, 0);
    let first = records(dir.path());
    let dry = run(dir.path(), &[&args[..], &["--dry-run"]].concat());
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    assert!(
        dry.stdout.starts_with(&format!(
            "would write {}/inspections/2024/2024-05-10-baihe-2.yaml (rows 7):\n\
             # yaml-language-server: $schema=../../.annals/schema/inspections.schema.json\n# 督办检查",
            dir.path().display()
        )),
        "{}",
        dry.stdout
    );
    assert!(dry.stderr.ends_with("nothing was written (--dry-run)\n"));
    assert_eq!(records(dir.path()), first, "--dry-run wrote nothing");
    assert_eq!(run(dir.path(), &args).code, 0);
    let second = records(dir.path());
    assert_eq!(second.len(), 4);
    for (name, text) in &first {
        assert!(
            second.contains(&(name.clone(), text.clone())),
            "{name} kept"
        );
    }
    assert!(
        second
            .iter()
            .any(|(n, _)| n.ends_with("2024-05-13-longtan-2.yaml"))
    );
}

/// A workbook as an office keeps it: a title row, real date cells, number
/// cells, on a second sheet.
fn workbook(path: &Path) {
    let mut book = Workbook::new();
    book.add_worksheet().set_name("说明").unwrap();
    let sheet = book.add_worksheet().set_name("2024年").unwrap();
    let day = Format::new().set_num_format("yyyy\"年\"m\"月\"d\"日\"");
    sheet.write(0, 0, "青石镇2024年度整改台账").unwrap();
    let header = [
        "序号",
        "单位",
        "检查日期",
        "检查方式",
        "问题",
        "严重程度",
        "整改时限",
        "整改状态",
    ];
    for (column, text) in header.iter().enumerate() {
        sheet.write(1, column as u16, *text).unwrap();
    }
    let rows = [
        (
            1,
            "shanglin",
            (2024, 5, 14),
            "定期督查",
            "党员发展材料不齐全",
            "一般",
            (2024, 6, 30),
            "已整改",
        ),
        (
            2,
            "上林村",
            (2024, 5, 14),
            "routine",
            "资金使用未公示",
            "major",
            (2024, 6, 15),
            "open",
        ),
    ];
    for (i, (n, unit, date, kind, issue, severity, due, status)) in rows.into_iter().enumerate() {
        let r = i as u32 + 2;
        sheet.write(r, 0, n).unwrap();
        sheet.write(r, 1, unit).unwrap();
        let date = ExcelDateTime::from_ymd(date.0, date.1, date.2).unwrap();
        sheet.write_datetime_with_format(r, 2, &date, &day).unwrap();
        sheet.write(r, 3, kind).unwrap();
        sheet.write(r, 4, issue).unwrap();
        sheet.write(r, 5, severity).unwrap();
        let due = ExcelDateTime::from_ymd(due.0, due.1, due.2).unwrap();
        sheet.write_datetime_with_format(r, 6, &due, &day).unwrap();
        sheet.write(r, 7, status).unwrap();
    }
    book.save(path).unwrap();
}

#[test]
fn an_xlsx_sheet_with_excel_dates_is_imported() {
    let dir = folder();
    let xlsx = dir.path().join("台账.xlsx");
    workbook(&xlsx);
    let import = run(
        dir.path(),
        &[
            "import",
            "inspections",
            xlsx.to_str().unwrap(),
            "--sheet",
            "2024年",
        ],
    );
    assert_eq!(import.code, 0, "{}", import.stderr);
    let written = records(dir.path());
    assert_eq!(written.len(), 1);
    let (name, text) = &written[0];
    assert_eq!(name, "inspections/2024/2024-05-14-shanglin.yaml");
    assert!(
        text.starts_with(
            "# yaml-language-server: $schema=../../.annals/schema/inspections.schema.json\n\
             # 督办检查，由 annals import 从 台账.xlsx[2024年] 第3、4行导入。\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("    due: 2024-06-30\n    status: closed"),
        "{text}"
    );
    assert!(text.contains("severity: major"), "{text}");
    assert_check_passes(dir.path());
}

#[test]
fn an_unknown_sheet_is_refused_with_the_sheets_there_are() {
    let dir = folder();
    let xlsx = dir.path().join("台账.xlsx");
    workbook(&xlsx);
    let import = run(
        dir.path(),
        &[
            "import",
            "inspections",
            xlsx.to_str().unwrap(),
            "--sheet",
            "2024",
        ],
    );
    assert_eq!(import.code, 2);
    assert_eq!(
        import.stderr,
        format!(
            "error: {} has no sheet `2024`; did you mean `2024年`? its sheets are 说明, 2024年\n",
            xlsx.display()
        )
    );
}

// ---------------------------------------------------------------------------
// The template offices fill in: docs/excel-template.xlsx

/// The headers of the template's 整改台账 sheet, and the values a column
/// offers as a drop-down (empty: free text or a date).
const LEDGER: &[(&str, &[&str])] = &[
    ("单位", &[]),
    ("检查日期", &[]),
    ("检查组", &[]),
    ("检查方式", &["定期督查", "专项督查", "明察暗访"]),
    ("问题", &[]),
    ("严重程度", &["一般", "严重"]),
    ("整改措施", &[]),
    ("整改时限", &[]),
    ("整改状态", &["未整改", "已整改"]),
    ("销号日期", &[]),
];

/// The headers of the template's 承诺事项 sheet.
const PLEDGES: &[(&str, &[&str])] = &[
    ("承诺主体", &[]),
    ("承诺人", &[]),
    ("承诺日期", &[]),
    ("承诺事项", &[]),
    ("完成时限", &[]),
    (
        "完成情况",
        &["计划中", "推进中", "已完成", "部分完成", "未完成", "已撤销"],
    ),
    ("完成日期", &[]),
];

const NOTES: &[&str] = &[
    "填写说明",
    "1. “整改台账”每行一个问题：同一单位同一检查日期的各行合为一次督办检查；导入：annals import inspections excel-template.xlsx --sheet 整改台账",
    "2. “承诺事项”每行一个承诺事项：同一单位、承诺人、承诺日期的各行合为一份承诺（单位自身的承诺不填承诺人）；导入：annals import pledges excel-template.xlsx --sheet 承诺事项",
    "3. 单位填 units.yaml 中的 id、全称或简称；日期可写 2024-04-18、2024年4月18日、2024.4.18、2024/4/18，或用 Excel 日期。",
    "4. 检查方式、严重程度、整改状态、完成情况从下拉列表中选，也可写英文（routine、minor、open、done 等）。",
    "5. 列的顺序可以调整，表头也可用常见的别名（单位名称、督查时间、存在问题、是否整改、完成时限……），见 README“Coming from Excel”。",
    "6. 先用 --dry-run 看将写出哪些文件；有任何一行出错时不写任何文件，错误信息会指出工作表、行和列。",
];

/// One sheet of the template: bold frozen headers, columns wide enough,
/// date columns formatted as dates, drop-downs for the fixed values, and
/// `rows` filled in (for the test that imports a filled-in template).
fn template_sheet(book: &mut Workbook, name: &str, columns: &[(&str, &[&str])], rows: &[&[&str]]) {
    use rust_xlsxwriter::{DataValidation, DataValidationErrorStyle};
    let sheet = book.add_worksheet().set_name(name).unwrap();
    let bold = Format::new().set_bold();
    let day = Format::new().set_num_format("yyyy-mm-dd");
    for (c, (header, choices)) in columns.iter().enumerate() {
        let c = c as u16;
        sheet.write_with_format(0, c, *header, &bold).unwrap();
        let dated = header.contains("日期") || header.contains("时限");
        sheet
            .set_column_width(c, if dated { 12 } else { 16 })
            .unwrap();
        if dated {
            sheet.set_column_format(c, &day).unwrap();
        }
        if !choices.is_empty() {
            let list = DataValidation::new()
                .allow_list_strings(choices)
                .unwrap()
                .set_error_style(DataValidationErrorStyle::Warning);
            sheet.add_data_validation(1, c, 999, c, &list).unwrap();
        }
    }
    sheet.set_freeze_panes(1, 0).unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            sheet.write(r as u32 + 1, c as u16, *text).unwrap();
        }
    }
}

/// The template workbook: the two sheets to fill in and the notes, with a
/// fixed creation time so that it is made byte-identical every time.
fn template(ledger: &[&[&str]], pledges: &[&[&str]]) -> Vec<u8> {
    let mut book = Workbook::new();
    let made = ExcelDateTime::from_ymd(2026, 12, 1).unwrap();
    book.set_properties(
        &rust_xlsxwriter::DocProperties::new()
            .set_title("annals 导入模板")
            .set_creation_datetime(&made),
    );
    template_sheet(&mut book, "整改台账", LEDGER, ledger);
    template_sheet(&mut book, "承诺事项", PLEDGES, pledges);
    let notes = book.add_worksheet().set_name("填写说明").unwrap();
    notes.set_column_width(0, 120).unwrap();
    for (r, line) in NOTES.iter().enumerate() {
        notes.write(r as u32, 0, *line).unwrap();
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn the_template_in_docs_is_the_one_made_here() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/excel-template.xlsx");
    let made = template(&[], &[]);
    if std::env::var_os("ANNALS_BLESS").is_some() {
        fs::write(&path, &made).unwrap();
    }
    assert!(
        fs::read(&path).is_ok_and(|committed| committed == made),
        "{} is not the template this test makes (ANNALS_BLESS=1 rewrites it)",
        path.display()
    );
}

#[test]
fn a_filled_in_template_imports_into_records_that_check_accepts() {
    let dir = folder();
    let xlsx = dir.path().join("excel-template.xlsx");
    let ledger: &[&[&str]] = &[
        &[
            "白河村",
            "2024年5月10日",
            "镇督查专班",
            "定期督查",
            "党务公开栏未更新",
            "一般",
            "按季度更新",
            "2024-05-31",
            "已整改",
            "2024-05-24",
        ],
        &[
            "白河村",
            "2024年5月10日",
            "镇督查专班",
            "定期督查",
            "会议记录不全",
            "严重",
            "",
            "2024/6/30",
            "未整改",
            "",
        ],
    ];
    let pledges: &[&[&str]] = &[&[
        "qingshi",
        "",
        "2024-02-20",
        "修建文化广场",
        "2024-10-01",
        "已完成",
        "2024-09-15",
    ]];
    fs::write(&xlsx, template(ledger, pledges)).unwrap();
    let file = xlsx.to_str().unwrap();
    for (kind, sheet) in [("inspections", "整改台账"), ("pledges", "承诺事项")] {
        let import = run(dir.path(), &["import", kind, file, "--sheet", sheet]);
        assert_eq!(import.code, 0, "{}", import.stderr);
        assert!(!import.stderr.contains("not imported"), "{}", import.stderr);
    }
    let names: Vec<String> = records(dir.path()).into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        [
            "inspections/2024/2024-05-10-baihe.yaml",
            "pledges/2024/qingshi.md"
        ]
    );
    assert_check_passes(dir.path());
}
