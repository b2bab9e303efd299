//! The html and docx formats, made from each report's Markdown: what a
//! reader of the files would notice, and real consumers (a browser, Word's
//! stand-in LibreOffice) where they are installed.

mod common;

use std::fs;
use std::path::Path;

use common::{browser, build, have, pdftotext, sample_data, soffice};

#[test]
fn html_reports_are_self_contained_pages_with_charts() {
    let out = build(&sample_data(), &["html"]);
    for name in ["summary", "evaluation", "ledger"] {
        let html = fs::read_to_string(out.path().join(format!("{name}.html"))).unwrap();
        assert!(html.starts_with("<!DOCTYPE html>"), "{name}");
        assert!(html.contains("<html lang=\"zh-CN\">"), "{name}");
        for outside in ["<script", "<link", "src=\"http", "href=\"http", "url("] {
            assert!(
                !html.contains(outside),
                "{name} refers outside itself: {outside}"
            );
        }
        assert!(html.contains("@page"), "{name} has a print stylesheet");
    }
    let evaluation = fs::read_to_string(out.path().join("evaluation.html")).unwrap();
    assert_eq!(
        evaluation.matches("<svg").count(),
        2,
        "scores and grades charts"
    );
    assert!(evaluation.contains("<title>青石镇党委2024年度考核评价报告</title>"));
    let summary = fs::read_to_string(out.path().join("summary.html")).unwrap();
    assert_eq!(summary.matches("<svg").count(), 1, "the key rates chart");
    assert!(summary.contains("class=\"signature\""));
}

#[test]
fn html_builds_are_byte_identical() {
    let (a, b) = (
        build(&sample_data(), &["html"]),
        build(&sample_data(), &["html"]),
    );
    for name in ["summary.html", "evaluation.html", "ledger.html"] {
        assert_eq!(
            fs::read(a.path().join(name)).unwrap(),
            fs::read(b.path().join(name)).unwrap()
        );
    }
}

#[test]
fn markup_in_a_record_never_reaches_the_html_as_markup() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let base = common::fixture("check/unknown-status");
    fs::copy(base.join("units.yaml"), root.join("units.yaml")).unwrap();
    fs::write(
        root.join("annals.yaml"),
        "organisation: 某某乡党委\nyear: 2024\n",
    )
    .unwrap();
    fs::create_dir_all(root.join("narrative")).unwrap();
    fs::write(
        root.join("narrative/x.md"),
        "---\nsection: practices\ntitle: 宣传<script>alert(1)</script>\n---\n\
         正文<script>alert(2)</script><img src=x onerror=alert(3)>\n\n[点我](javascript:alert(4))\n",
    )
    .unwrap();
    let out = build(root, &["html", "md"]);
    let html = fs::read_to_string(out.path().join("summary.html")).unwrap();
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(!html.contains("javascript:"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(2)&lt;/script&gt;"),
        "shown as text"
    );
    // The Markdown keeps what the author wrote.
    let md = fs::read_to_string(out.path().join("summary.md")).unwrap();
    assert!(md.contains("正文<script>alert(2)</script>"));
}

#[test]
fn a_layout_in_the_records_folder_replaces_the_built_in_one() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let base = common::fixture("check/unknown-status");
    for name in ["annals.yaml", "units.yaml"] {
        fs::copy(base.join(name), root.join(name)).unwrap();
    }
    fs::create_dir_all(root.join("templates")).unwrap();
    fs::write(
        root.join("templates/layout.html"),
        "<h1>{{ title }}</h1>{{ body }}",
    )
    .unwrap();
    let out = build(root, &["html"]);
    let html = fs::read_to_string(out.path().join("ledger.html")).unwrap();
    assert!(
        html.starts_with("<h1>某某乡党委2024年度整改台账</h1><h1>"),
        "{html}"
    );
}

/// The text of one part of a docx (a zip of XML files).
fn docx_part(path: &Path, part: &str) -> String {
    let file = fs::File::open(path).expect("the docx");
    let mut zip = zip::ZipArchive::new(file).expect("a zip archive");
    let mut entry = zip.by_name(part).expect("the part");
    let mut text = String::new();
    std::io::Read::read_to_string(&mut entry, &mut text).expect("UTF-8 XML");
    text
}

#[test]
fn docx_reports_are_word_documents_in_gongwen_style() {
    let out = build(&sample_data(), &["docx"]);
    let evaluation = out.path().join("evaluation.docx");
    let document = docx_part(&evaluation, "word/document.xml");
    // The score table with a repeating header row, and the two charts as
    // native charts.
    assert!(document.matches("<w:tbl>").count() >= 1, "tables");
    assert!(document.contains("<w:tblHeader/>"));
    assert_eq!(document.matches("<c:chart ").count(), 2, "charts");
    // East-Asian fonts named explicitly: the title, the 一、 headings, the body.
    for font in [
        "w:eastAsia=\"方正小标宋简体\"",
        "w:eastAsia=\"黑体\"",
        "w:eastAsia=\"仿宋_GB2312\"",
    ] {
        assert!(document.contains(font), "{font}");
    }
    assert!(
        document.contains("<w:sz w:val=\"44\"/>"),
        "the title at 22pt"
    );
    assert!(
        document.contains("<w:sz w:val=\"32\"/>"),
        "the body at 16pt"
    );
    // A4 with the 公文 margins, and "— 1 —" page numbers in the footer.
    assert!(
        document.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"),
        "A4"
    );
    assert!(document.contains("w:top=\"2098\""), "37 mm top margin");
    let footer = docx_part(&evaluation, "word/footer1.xml");
    assert!(footer.contains("PAGE") && footer.contains('—'), "{footer}");
    assert!(document.contains("龙潭村党支部") && document.contains("66.2"));
}

#[test]
fn docx_builds_are_byte_identical() {
    let (a, b) = (
        build(&sample_data(), &["docx"]),
        build(&sample_data(), &["docx"]),
    );
    for name in ["summary.docx", "evaluation.docx", "ledger.docx"] {
        assert_eq!(
            fs::read(a.path().join(name)).unwrap(),
            fs::read(b.path().join(name)).unwrap()
        );
    }
}

#[test]
fn docx_fonts_come_from_annals_yaml() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::copy(
        common::fixture("check/unknown-status/units.yaml"),
        root.join("units.yaml"),
    )
    .unwrap();
    fs::write(
        root.join("annals.yaml"),
        "organisation: 某某乡党委\nyear: 2024\ndocx: {body_font: 仿宋, title_font: 宋体, body_size: 15}\n",
    )
    .unwrap();
    let out = build(root, &["docx"]);
    let document = docx_part(&out.path().join("summary.docx"), "word/document.xml");
    assert!(document.contains("w:eastAsia=\"仿宋\"") && document.contains("w:eastAsia=\"宋体\""));
    assert!(!document.contains("仿宋_GB2312"));
    assert!(document.contains("<w:sz w:val=\"30\"/>"), "15pt body");
}

/// The text of a PDF, through pdftotext.
fn pdf_text(pdf: &Path) -> String {
    pdftotext("-layout", pdf)
}

#[test]
fn libreoffice_reads_the_docx_and_prints_the_figures() {
    if !(have("soffice") && have("pdftotext")) {
        return;
    }
    let out = build(&sample_data(), &["docx"]);
    let summary = out.path().join("summary.docx");
    let evaluation = out.path().join("evaluation.docx");
    let status = soffice("pdf", out.path(), &[&summary, &evaluation]);
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let summary = pdf_text(&out.path().join("summary.pdf"));
    for figure in ["73.7%", "71.4%", "94.7%", "青石镇党委"] {
        assert!(summary.contains(figure), "{figure} in\n{summary}");
    }
    let evaluation = pdf_text(&out.path().join("evaluation.pdf"));
    assert!(
        evaluation.contains("66.2") && evaluation.contains("龙潭村党支部"),
        "{evaluation}"
    );
    assert!(
        evaluation.replace(' ', "").contains("—1—"),
        "page numbers\n{evaluation}"
    );
}

#[test]
fn chromium_prints_the_html_with_the_figures() {
    let Some(browser) = browser() else {
        return;
    };
    if !have("pdftotext") {
        return;
    }
    let out = build(&sample_data(), &["html"]);
    let profile = tempfile::tempdir().unwrap();
    let pdf = out.path().join("evaluation.pdf");
    let run = std::process::Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!(
            "file://{}",
            out.path().join("evaluation.html").display()
        ))
        .output()
        .expect("chromium runs");
    assert!(pdf.is_file(), "{}", String::from_utf8_lossy(&run.stderr));
    let text = pdf_text(&pdf);
    for figure in ["青石镇党委2024年度考核评价报告", "66.2", "龙潭村党支部"] {
        assert!(text.contains(figure), "{figure} in\n{text}");
    }
    assert!(
        text.replace(' ', "").contains("—1—"),
        "page numbers\n{text}"
    );
}
