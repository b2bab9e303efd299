//! `build --format xlsx`: workbooks read back by real consumers (calamine
//! for the typed cells, LibreOffice Calc converting them), byte-identical
//! builds, and the round trip ledger → xlsx → `import` → the same ledger.

mod common;

use std::fs;
use std::io::Read;
use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::{build, copy_records, have, run, sample_data, soffice};

fn workbook(path: &Path) -> Xlsx<std::io::BufReader<fs::File>> {
    open_workbook(path).expect("calamine opens the workbook")
}

/// One part of the xlsx package, as text.
fn part(path: &Path, name: &str) -> String {
    let mut archive = zip::ZipArchive::new(fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

fn day(data: &Data) -> Option<chrono::NaiveDate> {
    match data {
        Data::DateTime(d) if d.is_datetime() => d.as_datetime().map(|t| t.date()),
        _ => None,
    }
}

#[test]
fn the_ledger_is_a_sheet_of_typed_cells() {
    let out = build(&sample_data(), &["xlsx"]);
    let mut book = workbook(&out.path().join("ledger.xlsx"));
    assert_eq!(book.sheet_names(), ["青石镇党委2024年度整改台账"]);
    let sheet = book.worksheet_range("青石镇党委2024年度整改台账").unwrap();
    assert_eq!(sheet.height(), 15, "the header row and 14 findings");
    assert_eq!(sheet.get_value((0, 1)), Some(&Data::String("单位".into())));
    assert_eq!(sheet.get_value((1, 0)), Some(&Data::Float(1.0)));
    assert_eq!(
        sheet.get_value((1, 1)),
        Some(&Data::String("龙潭村党支部".into()))
    );
    let inspected = sheet.get_value((1, 2)).unwrap();
    assert_eq!(
        day(inspected),
        chrono::NaiveDate::from_ymd_opt(2024, 5, 13),
        "{inspected:?}"
    );
    assert_eq!(
        sheet.get_value((0, 7)),
        Some(&Data::String("责任人".into()))
    );
    assert_eq!(
        sheet.get_value((1, 7)),
        Some(&Data::String("龙潭村党支部书记 王德明".into()))
    );
    assert_eq!(
        sheet.get_value((1, 9)),
        Some(&Data::String("未整改".into()))
    );
    assert_eq!(
        sheet.get_value((1, 12)),
        Some(&Data::String("逾期169天".into()))
    );
}

/// A text over Excel's limit for a cell (32 767 characters) is cut there
/// and ends in "…" instead of costing the office its workbook; the md
/// keeps it whole.
#[test]
fn a_text_too_long_for_a_cell_is_cut_not_refused() {
    let records = copy_records(&sample_data());
    let file = records
        .path()
        .join("inspections/2024/2024-05-13-longtan.yaml");
    let text = fs::read_to_string(&file).unwrap();
    let issue = "村集体山林出租合同未经村民代表会议审议即签订";
    assert!(text.contains(issue));
    let long = "山林出租合同".repeat(6_000);
    fs::write(&file, text.replacen(issue, &long, 1)).unwrap();
    let out = build(records.path(), &["md", "xlsx"]);
    let md = fs::read_to_string(out.path().join("ledger.md")).unwrap();
    assert!(md.contains(&long));
    let mut book = workbook(&out.path().join("ledger.xlsx"));
    let sheet = book.worksheet_range("青石镇党委2024年度整改台账").unwrap();
    let cut: Vec<&String> = sheet
        .rows()
        .flatten()
        .filter_map(|cell| match cell {
            Data::String(s) if s.ends_with('…') => Some(s),
            _ => None,
        })
        .collect();
    assert_eq!(cut.len(), 1, "one cut cell");
    assert_eq!(cut[0].encode_utf16().count(), 32_767);
    assert!(long.starts_with(cut[0].trim_end_matches('…')));
}

#[test]
fn percentages_are_numbers_shown_as_percentages() {
    let out = build(&sample_data(), &["xlsx"]);
    let path = out.path().join("summary.xlsx");
    let mut book = workbook(&path);
    let names = book.sheet_names();
    let found = names.iter().any(|name| {
        let sheet = book.worksheet_range(name).unwrap();
        sheet
            .used_cells()
            .any(|(_, _, v)| matches!(v, Data::Float(f) if (f - 0.737).abs() < 1e-9))
    });
    assert!(found, "the 73.7% fulfilment rate as 0.737 in {names:?}");
    assert!(part(&path, "xl/styles.xml").contains("formatCode=\"0.0%\""));
}

#[test]
fn sheets_print_on_a4_with_a_frozen_bold_header_and_the_title() {
    let out = build(&sample_data(), &["xlsx"]);
    let ledger = part(&out.path().join("ledger.xlsx"), "xl/worksheets/sheet1.xml");
    assert!(ledger.contains("paperSize=\"9\""), "A4");
    assert!(
        ledger.contains("orientation=\"landscape\""),
        "13 columns: wide"
    );
    // One page wide (fitToWidth 1 is the default, left out), any pages long.
    assert!(
        ledger.contains("<pageSetUpPr fitToPage=\"1\"/>") && ledger.contains("fitToHeight=\"0\""),
        "fit to width"
    );
    assert!(ledger.contains("ySplit=\"1\"") && ledger.contains("state=\"frozen\""));
    assert!(ledger.contains("<oddHeader>&amp;C青石镇党委2024年度整改台账</oddHeader>"));
    let summary = part(&out.path().join("summary.xlsx"), "xl/worksheets/sheet1.xml");
    assert!(!summary.contains("landscape"), "6 columns fit portrait");
    let book = part(&out.path().join("ledger.xlsx"), "xl/workbook.xml");
    assert!(
        book.contains("_xlnm.Print_Titles") && book.contains("$1:$1"),
        "the header row repeats on every page: {book}"
    );
    let styles = part(&out.path().join("ledger.xlsx"), "xl/styles.xml");
    assert!(styles.contains("<b/>"), "a bold header");
}

#[test]
fn xlsx_builds_are_byte_identical() {
    let (a, b) = (
        build(&sample_data(), &["xlsx"]),
        build(&sample_data(), &["xlsx"]),
    );
    for name in ["summary.xlsx", "evaluation.xlsx", "ledger.xlsx"] {
        assert_eq!(
            fs::read(a.path().join(name)).unwrap(),
            fs::read(b.path().join(name)).unwrap(),
            "{name}"
        );
    }
    let core = part(&a.path().join("ledger.xlsx"), "docProps/core.xml");
    assert!(
        core.contains("2024-12-28T00:00:00Z"),
        "created when signed: {core}"
    );
}

#[test]
fn libreoffice_calc_converts_the_workbooks() {
    if !have("soffice") {
        return;
    }
    let out = build(&sample_data(), &["xlsx"]);
    // UTF-8 (76), cells as shown, so dates read as the report writes them.
    let status = soffice(
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true",
        out.path(),
        &[&out.path().join("ledger.xlsx")],
    );
    // soffice exits 0 even when it could not load the file: the CSV must exist.
    let csv = out.path().join("ledger.csv");
    assert!(
        csv.exists(),
        "LibreOffice Calc made no CSV (is libreoffice-calc installed?): {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let text = fs::read_to_string(csv).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 15);
    assert!(
        lines[0].starts_with("序号,单位,检查日期,检查组,问题,严重程度,整改措施,责任人"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with("1,龙潭村党支部,2024年5月13日,镇党委督查专班,"),
        "{}",
        lines[1]
    );
}

#[test]
fn the_ledger_comes_back_through_import_the_same() {
    let built = build(&sample_data(), &["xlsx", "md"]);
    let fresh = tempfile::tempdir().unwrap();
    for name in ["annals.yaml", "units.yaml"] {
        fs::copy(sample_data().join(name), fresh.path().join(name)).unwrap();
    }
    let ledger = built.path().join("ledger.xlsx");
    let import = run(
        fresh.path(),
        &["import", "inspections", ledger.to_str().unwrap()],
    );
    assert_eq!(import.code, 0, "{}", import.stderr);
    assert!(
        import.stderr.ends_with("14行数据生成了10个记录文件\n"),
        "{}",
        import.stderr
    );
    let check = run(fresh.path(), &["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    // The ledger marks the veto finding after its issue; it comes back a veto.
    let longtan = fs::read_to_string(
        fresh
            .path()
            .join("inspections/2024/2024-05-13-longtan.yaml"),
    )
    .unwrap();
    assert!(longtan.contains("    veto: true "), "{longtan}");
    assert!(!longtan.contains("一票否决事项）"), "{longtan}");
    let again = build(fresh.path(), &["md"]);
    assert_eq!(
        fs::read_to_string(again.path().join("ledger.md")).unwrap(),
        fs::read_to_string(built.path().join("ledger.md")).unwrap()
    );
}
