//! The html and docx formats, made from each report's Markdown: what a
//! reader of the files would notice, and real consumers (a browser, Word's
//! stand-in LibreOffice) where they are installed.

mod common;

use std::fs;
use std::path::Path;

use common::{run, sample_data};

/// Builds sample-data in `formats` into a new temporary folder.
fn build(root: &Path, formats: &[&str]) -> tempfile::TempDir {
    let out = tempfile::tempdir().expect("a temporary folder");
    let mut args = vec!["build", "--out", out.path().to_str().expect("UTF-8")];
    for format in formats {
        args.extend(["--format", format]);
    }
    let run = run(root, &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    out
}

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
