//! The GB/T 9704 page (SPEC §5, docx): what the Word document holds, part by
//! part, and what LibreOffice prints from it, measured with
//! `pdftotext -bbox-layout`: 28 characters a line, 22 lines a page, page
//! numbers right on odd and left on even pages, a last page that holds more
//! than the signature, landscape pages for the ledger. The same for the html
//! as Chromium prints it: the grid and page numbers, landscape pages only for
//! the part holding a wide table, no date broken in a table cell, the 版头
//! and 版记, and none of Chromium's own headers and footers.

mod common;

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::Command;

use common::{browser, copy_folder, have, pdftotext, sample_data, soffice};

/// A copy of sample-data whose summary template is `template`.
fn records_with_summary(template: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    copy_folder(&sample_data(), dir.path());
    fs::create_dir_all(dir.path().join("templates")).expect("templates/");
    fs::write(dir.path().join("templates/summary.md"), template).expect("the template");
    dir
}

/// Builds the docx reports of `root` into a new folder.
fn build_docx(root: &Path) -> tempfile::TempDir {
    common::build(root, &["docx"])
}

fn part(docx: &Path, name: &str) -> String {
    let file = fs::File::open(docx).expect("the docx");
    let mut archive = zip::ZipArchive::new(file).expect("a zip");
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap_or_else(|_| panic!("no part {name}"))
        .read_to_string(&mut text)
        .expect("UTF-8");
    text
}

/// Converts a docx to PDF with LibreOffice, beside it.
fn to_pdf(docx: &Path) -> std::path::PathBuf {
    let outdir = docx.parent().expect("a folder");
    let run = soffice("pdf", outdir, &[docx]);
    let pdf = docx.with_extension("pdf");
    assert!(pdf.is_file(), "{}", String::from_utf8_lossy(&run.stderr));
    pdf
}

/// A printed line: its box (points, from the top left) and its text.
#[derive(Debug)]
struct Line {
    x_min: f64,
    x_max: f64,
    y_min: f64,
    y_max: f64,
    text: String,
}

/// A printed page.
#[derive(Debug)]
struct Page {
    width: f64,
    height: f64,
    lines: Vec<Line>,
}

impl Page {
    /// The lines inside the text block (above the footer).
    fn body(&self) -> impl Iterator<Item = &Line> {
        let foot = self.height - 35.0 / 25.4 * 72.0;
        self.lines.iter().filter(move |l| l.y_min < foot)
    }

    /// The page number line.
    fn number(&self) -> &Line {
        let foot = self.height - 35.0 / 25.4 * 72.0;
        self.lines
            .iter()
            .find(|l| l.y_min >= foot && l.text.contains('—'))
            .unwrap_or_else(|| panic!("no page number on {self:?}"))
    }
}

fn attribute(tag: &str, name: &str) -> f64 {
    tag.split(&format!("{name}=\""))
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no {name} in {tag}"))
}

/// The pages of a PDF as `pdftotext -bbox-layout` sees them.
/// Asserts the GB/T 9704 grid on a printed summary of at least three pages
/// (28 characters on a full line, 22 lines on a full page) and its page
/// numbers (right on odd pages, left on even ones); returns page 1's number.
fn assert_grid_and_numbers(pages: &[Page]) -> &Line {
    assert!(pages.len() >= 3, "{} pages", pages.len());
    let full = &pages[1];
    let longest = full
        .body()
        .map(|l| l.text.chars().count())
        .max()
        .unwrap_or(0);
    assert_eq!(longest, 28, "characters on a full line: {:?}", full.lines);
    assert_eq!(
        full.body().count(),
        22,
        "lines on a full page: {:?}",
        full.lines
    );
    let (first, second) = (pages[0].number(), pages[1].number());
    assert!(
        first.x_min > pages[0].width / 2.0,
        "page 1 numbered at the right: {first:?}"
    );
    assert!(
        second.x_max < pages[1].width / 2.0,
        "page 2 numbered at the left: {second:?}"
    );
    first
}

fn pages(pdf: &Path) -> Vec<Page> {
    let xml = pdftotext("-bbox-layout", pdf);
    let mut pages = Vec::new();
    for page in xml.split("<page ").skip(1) {
        let head = page.split('>').next().unwrap_or_default();
        let mut lines = Vec::new();
        for line in page.split("<line ").skip(1) {
            let head = line.split('>').next().unwrap_or_default();
            let text: String = line
                .split("</line>")
                .next()
                .unwrap_or_default()
                .split("<word ")
                .skip(1)
                .filter_map(|w| {
                    w.split_once('>')
                        .and_then(|(_, r)| r.split("</word>").next())
                })
                .collect();
            lines.push(Line {
                x_min: attribute(head, "xMin"),
                x_max: attribute(head, "xMax"),
                y_min: attribute(head, "yMin"),
                y_max: attribute(head, "yMax"),
                text,
            });
        }
        pages.push(Page {
            width: attribute(head, "width"),
            height: attribute(head, "height"),
            lines,
        });
    }
    pages
}

/// A summary of nothing but plain Chinese prose, long enough for three
/// pages, and its signature.
const PROSE: &str = "# 版心测试\n\n{% for i in range(end=24) %}\
全镇上下紧紧围绕年度目标任务扎实推进各项工作党建引领作用持续增强基层组织建设不断加强干部作风明显转变群众满意度稳步提升各项事业取得新的进展。\n\n\
{% endfor %}```signature\n中共木梓乡委员会\n二〇二四年十二月二十八日\n```\n";

#[test]
fn the_docx_parts_hold_the_gbt_9704_page() {
    let out = build_docx(&sample_data());
    let summary = out.path().join("summary.docx");
    let settings = part(&summary, "word/settings.xml");
    assert!(settings.contains("<w:evenAndOddHeaders/>"), "{settings}");
    let document = part(&summary, "word/document.xml");
    assert!(document.contains("<w:footerReference w:type=\"default\" r:id=\"rIdFooterOdd\"/>"));
    assert!(document.contains("<w:footerReference w:type=\"even\" r:id=\"rIdFooterEven\"/>"));
    assert!(
        document.contains("<w:docGrid w:type=\"lines\" w:linePitch=\"579\" w:charSpace=\"0\"/>")
    );
    let rels = part(&summary, "word/_rels/document.xml.rels");
    for (id, target) in [
        ("rIdFooterOdd", "footer1.xml"),
        ("rIdFooterEven", "footer2.xml"),
    ] {
        assert!(
            rels.contains(&format!("Id=\"{id}\""))
                && rels.contains(&format!("Target=\"{target}\""))
        );
    }
    let odd = part(&summary, "word/footer1.xml");
    let even = part(&summary, "word/footer2.xml");
    assert!(
        odd.contains("<w:jc w:val=\"right\"/>") && odd.contains("w:right=\"280\""),
        "{odd}"
    );
    assert!(
        even.contains("<w:jc w:val=\"left\"/>") && even.contains("w:left=\"280\""),
        "{even}"
    );
    for footer in [&odd, &even] {
        assert!(footer.contains("w:eastAsia=\"宋体\"") && footer.contains("<w:sz w:val=\"28\"/>"));
        assert!(footer.contains(" PAGE "));
    }
    let styles = part(&summary, "word/styles.xml");
    assert!(
        styles.contains("<w:spacing w:val=\"-5\"/>"),
        "28 characters of 三号 on a line"
    );

    let ledger = part(&out.path().join("ledger.docx"), "word/document.xml");
    assert!(
        ledger.contains("w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\""),
        "the ledger is landscape"
    );
    let grid: u32 = ledger
        .split("<w:gridCol w:w=\"")
        .skip(1)
        .filter_map(|r| r.split('"').next()?.parse::<u32>().ok())
        .sum();
    assert_eq!(
        grid,
        16838 - 1588 - 1474,
        "gridCol widths fill the landscape text width"
    );
}

#[test]
fn libreoffice_prints_28_characters_and_22_lines_with_odd_and_even_numbers() {
    if !(have("soffice") && have("pdftotext")) {
        return;
    }
    let records = records_with_summary(PROSE);
    let out = build_docx(records.path());
    let pages = pages(&to_pdf(&out.path().join("summary.docx")));
    let first = assert_grid_and_numbers(&pages);
    // One character (14 pt) in from the text block's edge.
    let right_margin = 26.0 / 25.4 * 72.0;
    assert!(
        (pages[0].width - right_margin - first.x_max - 14.0).abs() < 4.0,
        "{first:?}"
    );
    let last = pages.last().expect("a page");
    let lines: Vec<&str> = last.body().map(|l| l.text.as_str()).collect();
    assert!(
        lines.len() > 2 && lines.contains(&"中共木梓乡委员会"),
        "the last page holds more than the signature: {lines:?}"
    );
}

#[test]
fn libreoffice_prints_the_ledger_landscape() {
    if !(have("soffice") && have("pdftotext")) {
        return;
    }
    let out = build_docx(&sample_data());
    let pages = pages(&to_pdf(&out.path().join("ledger.docx")));
    assert!(!pages.is_empty());
    for page in &pages {
        assert!(
            page.width > page.height,
            "a landscape page: {} × {}",
            page.width,
            page.height
        );
    }
    let text: String = pages
        .iter()
        .flat_map(|p| p.lines.iter().map(|l| l.text.as_str()))
        .collect();
    for date in ["2024年5月13日", "2024年10月15日"] {
        assert!(text.contains(date), "{date} on one line in\n{text}");
    }
}

/// Prints an html report to PDF with Chromium (its own headers and footers
/// off, as the README says to print); `None` (a loud skip) without one.
fn print_html(html: &Path) -> Option<std::path::PathBuf> {
    print_html_with(html, &["--no-pdf-header-footer"])
}

/// Prints an html report to PDF with Chromium and these options, beside it.
fn print_html_with(html: &Path, options: &[&str]) -> Option<std::path::PathBuf> {
    let browser = browser()?;
    let profile = tempfile::tempdir().expect("a profile folder");
    let pdf = html.with_extension("pdf");
    let run = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
        ])
        .args(options)
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .expect("chromium runs");
    assert!(pdf.is_file(), "{}", String::from_utf8_lossy(&run.stderr));
    Some(pdf)
}

#[test]
fn chromium_prints_the_same_page_as_the_docx() {
    if !have("pdftotext") {
        return;
    }
    let records = records_with_summary(PROSE);
    let out = common::build(records.path(), &["html"]);
    let Some(summary) = print_html(&out.path().join("summary.html")) else {
        return;
    };
    let printed = pages(&summary);
    assert_grid_and_numbers(&printed);
    let Some(ledger) = print_html(&out.path().join("ledger.html")) else {
        return;
    };
    for page in pages(&ledger) {
        assert!(page.width > page.height, "a landscape ledger page");
    }
}

/// Builds the html and md reports of `root` into a new folder.
fn build_html(root: &Path) -> tempfile::TempDir {
    common::build(root, &["html", "md"])
}

/// The index of the first page holding a line with `text`.
fn page_with(pages: &[Page], text: &str) -> usize {
    pages
        .iter()
        .position(|p| p.lines.iter().any(|l| l.text.contains(text)))
        .unwrap_or_else(|| panic!("no page holds {text}: {pages:?}"))
}

fn landscape(page: &Page) -> bool {
    page.width > page.height
}

#[test]
fn chromium_prints_only_the_wide_part_of_the_evaluation_landscape() {
    if !have("pdftotext") {
        return;
    }
    let out = build_html(&sample_data());
    let Some(pdf) = print_html(&out.path().join("evaluation.html")) else {
        return;
    };
    let pages = pages(&pdf);
    let results = page_with(&pages, "一、考核评价结果");
    let explained = page_with(&pages, "二、得分说明");
    assert!(!landscape(&pages[0]), "the title's page is portrait");
    assert!(results > 0, "the wide part starts a page");
    for page in &pages[results..explained] {
        assert!(
            landscape(page),
            "the wide table's pages are landscape: {page:?}"
        );
    }
    for page in &pages[explained..] {
        assert!(!landscape(page), "the text after it is portrait: {page:?}");
    }
    // The table fits its landscape page: nothing beyond the right margin.
    let right = pages[results].width - 26.0 / 25.4 * 72.0;
    for line in &pages[results].lines {
        assert!(line.x_max <= right + 1.0, "inside the text block: {line:?}");
    }
}

/// The dates (2024年5月13日) of the table cells of a Markdown report, each
/// as often as it stands there.
fn cell_dates(markdown: &str) -> Vec<String> {
    let is_date = |cell: &str| {
        let digits = cell.trim_end_matches('日');
        cell.ends_with('日')
            && digits.contains('年')
            && digits.contains('月')
            && digits
                .chars()
                .all(|c| c.is_ascii_digit() || c == '年' || c == '月')
    };
    markdown
        .lines()
        .filter(|l| l.starts_with('|'))
        .flat_map(|l| l.split('|').map(str::trim))
        .filter(|cell| is_date(cell))
        .map(str::to_string)
        .collect()
}

#[test]
fn chromium_never_breaks_a_date_in_a_table_cell() {
    if !have("pdftotext") {
        return;
    }
    let out = build_html(&sample_data());
    for report in ["ledger", "summary"] {
        let markdown = fs::read_to_string(out.path().join(format!("{report}.md"))).expect("md");
        let dates = cell_dates(&markdown);
        assert!(dates.len() > 3, "{report} has dated cells: {dates:?}");
        let Some(pdf) = print_html(&out.path().join(format!("{report}.html"))) else {
            return;
        };
        let lines: Vec<String> = pages(&pdf)
            .into_iter()
            .flat_map(|p| p.lines.into_iter().map(|l| l.text))
            .collect();
        for date in &dates {
            let want = dates.iter().filter(|d| *d == date).count();
            let whole: usize = lines.iter().map(|l| l.matches(date.as_str()).count()).sum();
            assert!(
                whole >= want,
                "{report}: {date} on one line {want} times, found {whole} in {lines:?}"
            );
        }
    }
}

#[test]
fn chromium_prints_the_masthead_first_and_the_colophon_last() {
    if !have("pdftotext") {
        return;
    }
    let records = records_with_furniture();
    let out = build_html(records.path());
    let Some(pdf) = print_html(&out.path().join("summary.html")) else {
        return;
    };
    let pages = pages(&pdf);
    let first = &pages[0];
    assert_eq!(first.lines[0].text, "中共青石镇委员会文件", "{first:?}");
    assert_eq!(first.lines[1].text, "青党发〔2024〕12号", "{first:?}");
    let top = 37.0 / 25.4 * 72.0;
    assert!(
        (first.lines[0].y_min - top).abs() < 28.95,
        "the issuer at the top of the text block: {:?}",
        first.lines[0]
    );
    assert!(
        first.lines[2].text.contains("青石镇2024年度"),
        "the title under the red line: {first:?}"
    );
    // The 版记 ends the last page: 抄送, then 印发机关 at the left and
    // 印发日期 at the right of one line.
    let last = pages.last().expect("a page");
    let body: Vec<&Line> = last.body().collect();
    let n = body.len();
    let texts: Vec<&str> = body.iter().map(|l| l.text.as_str()).collect();
    assert!(n > 3, "{texts:?}");
    let find = |text: &str| {
        body.iter()
            .position(|l| l.text == text)
            .unwrap_or_else(|| panic!("{text} on the last page: {texts:?}"))
    };
    let cc = find("抄送：县委办公室，县纪委监委。");
    let (by, on) = (find("青石镇党委办公室"), find("2024年12月28日印发"));
    assert_eq!(cc, n - 3, "{texts:?}");
    assert!(by.max(on) == n - 1 && by.min(on) == n - 2, "{texts:?}");
    let (by, on) = (body[by], body[on]);
    assert!(by.y_min > body[cc].y_min && (by.y_min - on.y_min).abs() < 1.0);
    assert!(
        by.x_min < last.width / 3.0 && on.x_max > last.width * 2.0 / 3.0,
        "印发机关 at the left, 印发日期 at the right: {by:?} {on:?}"
    );
    if have("pdftocairo") {
        assert!(
            red_on_page_one(&pdf),
            "the issuer and the rule are printed red"
        );
    }
    let ledger = fs::read_to_string(out.path().join("ledger.html")).expect("ledger.html");
    assert!(
        !ledger.contains("<div class=\"masthead\">")
            && !ledger.contains("<div class=\"colophon\">")
    );
}

/// Whether page 1 of `pdf` paints anything in pure red, as `pdftocairo`
/// draws it in SVG.
fn red_on_page_one(pdf: &Path) -> bool {
    let svg = pdf.with_extension("svg");
    let status = Command::new("pdftocairo")
        .args(["-svg", "-f", "1", "-l", "1"])
        .arg(pdf)
        .arg(&svg)
        .status()
        .expect("pdftocairo runs");
    assert!(status.success());
    fs::read_to_string(&svg)
        .expect("the SVG")
        .contains("fill:rgb(100%,0%,0%)")
}

#[test]
fn chromium_prints_no_header_or_footer_of_its_own() {
    if !have("pdftotext") {
        return;
    }
    let out = build_html(&sample_data());
    // Printed with Chromium's defaults: its headers and footers on; the
    // evaluation has portrait and landscape pages.
    for report in ["summary", "evaluation"] {
        let html = out.path().join(format!("{report}.html"));
        let Some(pdf) = print_html_with(&html, &[]) else {
            return;
        };
        for (i, page) in pages(&pdf).iter().enumerate() {
            assert_margins_hold_only_the_number(page, i + 1, report);
        }
    }
}

/// Nothing in the top margin of `page`, and below the text only its number.
fn assert_margins_hold_only_the_number(page: &Page, number: usize, report: &str) {
    let top = 37.0 / 25.4 * 72.0;
    for line in &page.lines {
        assert!(
            line.y_min > top - 10.0,
            "{report} page {number}: {line:?} in the top margin"
        );
    }
    let foot: Vec<&Line> = page
        .lines
        .iter()
        .filter(|l| l.y_min > page.height - 35.0 / 25.4 * 72.0)
        .collect();
    assert_eq!(
        foot.len(),
        1,
        "{report} page {number}: only the page number below the text: {foot:?}"
    );
    assert_eq!(
        foot[0].text,
        format!("—{number}—"),
        "{report} page {number}"
    );
}

#[test]
fn libreoffice_draws_the_native_chart_with_its_labels() {
    let out = build_docx(&sample_data());
    let evaluation = out.path().join("evaluation.docx");
    let chart = part(&evaluation, "word/charts/chart1.xml");
    assert!(chart.contains("<c:barChart>") && chart.contains("<c:v>龙潭村</c:v>"));
    if !(have("soffice") && have("pdftotext")) {
        return;
    }
    let pages = pages(&to_pdf(&evaluation));
    let lines: Vec<&str> = pages
        .iter()
        .flat_map(|p| p.lines.iter().map(|l| l.text.as_str()))
        .collect();
    let at = lines
        .iter()
        .position(|l| *l == "各单位综合得分")
        .unwrap_or_else(|| panic!("the chart's title in {lines:?}"));
    // The drawn chart: every unit's label and its value as a data label.
    let drawn = lines[at..].join("\n");
    for label in ["青石村", "龙潭村", "66.2", "98.5"] {
        assert!(drawn.contains(label), "{label} in the chart:\n{drawn}");
    }
}

/// A copy of sample-data whose annals.yaml has a `document:` (版头 and 版记).
fn records_with_furniture() -> tempfile::TempDir {
    let records = tempfile::tempdir().expect("a temporary folder");
    copy_folder(&sample_data(), records.path());
    let config = records.path().join("annals.yaml");
    let mut yaml = fs::read_to_string(&config).expect("annals.yaml");
    yaml.push_str(
        "document:\n  issuer: 中共青石镇委员会文件\n  number: 青党发〔2024〕12号\n  \
         cc: [县委办公室, 县纪委监委]\n  printed_by: 青石镇党委办公室\n",
    );
    fs::write(&config, yaml).expect("annals.yaml");
    records
}

#[test]
fn document_furniture_gives_the_red_masthead_and_the_colophon() {
    let records = records_with_furniture();
    let out = build_docx(records.path());
    let summary = out.path().join("summary.docx");
    let document = part(&summary, "word/document.xml");
    let red = "<w:color w:val=\"FF0000\"/><w:sz w:val=\"88\"/><w:szCs w:val=\"88\"/></w:rPr>\
               <w:t xml:space=\"preserve\">中共青石镇委员会文件</w:t>";
    assert!(document.contains(red), "the red issuer in 小标宋");
    let masthead_end = document.find("青党发〔2024〕12号").expect("the number");
    assert!(
        document[..masthead_end].contains("w:color=\"FF0000\"/></w:pBdr>"),
        "the red line"
    );
    assert!(masthead_end < document.find("青石镇2024年度").expect("the title"));
    let colophon = document
        .find("抄送：县委办公室，县纪委监委。")
        .expect("the 抄送 line");
    assert!(
        document[colophon..].contains("青石镇党委办公室\t")
            || document[colophon..].contains("青石镇党委办公室</w:t><w:tab/>")
    );
    assert!(document[colophon..].contains("2024年12月28日印发"));
    // The ledger is no 公文: no furniture.
    let ledger = part(&out.path().join("ledger.docx"), "word/document.xml");
    assert!(!ledger.contains("FF0000") && !ledger.contains("抄送"));
    if !(have("soffice") && have("pdftotext")) {
        return;
    }
    let pages = pages(&to_pdf(&summary));
    let first: String = pages[0].lines.iter().map(|l| l.text.as_str()).collect();
    assert!(
        first.starts_with("中共青石镇委员会文件青党发〔2024〕12号"),
        "{first}"
    );
    let last = pages.last().expect("a page");
    let bottom = last.body().last().expect("a line");
    assert!(
        bottom.text.contains("印发"),
        "the 版记 ends the last page: {:?}",
        last.lines
    );
}

/// A summary of `paragraphs` paragraphs of plain prose, its signature, and
/// the 版记 of `document:` in annals.yaml.
fn records_with_colophon(paragraphs: usize) -> tempfile::TempDir {
    let template = PROSE.replace("range(end=24)", &format!("range(end={paragraphs})"));
    let records = records_with_summary(&template);
    let config = records.path().join("annals.yaml");
    let mut yaml = fs::read_to_string(&config).expect("annals.yaml");
    yaml.push_str("document:\n  cc: [县委办公室, 县纪委监委]\n  printed_by: 青石镇党委办公室\n");
    fs::write(&config, yaml).expect("annals.yaml");
    records
}

/// The lines of a page's text area, top to bottom.
fn body_lines(page: &Page) -> Vec<&Line> {
    let mut lines: Vec<&Line> = page.body().collect();
    lines.sort_by(|a, b| a.y_min.total_cmp(&b.y_min));
    lines
}

#[test]
fn libreoffice_prints_the_colophon_at_the_foot_of_the_last_page() {
    if !(have("soffice") && have("pdftotext")) {
        return;
    }
    // 17 paragraphs end high on page 3; with 20 the signature's date takes
    // the lines the 版记 needs, which then stands on a page of its own.
    for (paragraphs, alone) in [(17, false), (20, true)] {
        let records = records_with_colophon(paragraphs);
        let out = build_docx(records.path());
        let pages = pages(&to_pdf(&out.path().join("summary.docx")));
        let last = pages.last().expect("a page");
        let lines = body_lines(last);
        let foot = last.height - 35.0 / 25.4 * 72.0;
        let printed = lines.last().expect("a line");
        assert!(
            printed.text.ends_with("印发") && foot - printed.y_max < 4.0,
            "{paragraphs}: the 版记's last line on the foot of the text area ({foot}): {lines:?}"
        );
        let cc = lines
            .iter()
            .position(|l| l.text.starts_with("抄送："))
            .expect("the 抄送 line");
        assert_eq!(
            cc,
            lines.len() - 3,
            "抄送, then 印发机关 and 印发日期 on one line"
        );
        if alone {
            assert_eq!(cc, 0, "{paragraphs}: a page of its own: {lines:?}");
            let before = body_lines(&pages[pages.len() - 2]);
            assert!(
                before
                    .last()
                    .is_some_and(|l| l.text == "二〇二四年十二月二十八日")
            );
        } else {
            let date = &lines[cc - 1];
            assert_eq!(date.text, "二〇二四年十二月二十八日");
            assert!(
                lines[cc].y_min - date.y_max > 5.0 * 28.95,
                "{paragraphs}: the 版记 pinned to the foot, not following the text: {lines:?}"
            );
        }
    }
}
