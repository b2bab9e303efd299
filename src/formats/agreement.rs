//! html and docx are written from the same document and must agree on what
//! each piece of text is: bold or not, a signature line or not.

use std::io::{Cursor, Read};

use crate::document::read;
use crate::formats::{docx, html};

/// The bold texts and the signature lines of an html fragment.
fn html_marks(fragment: &str) -> (Vec<String>, Vec<String>) {
    let between = |open: &str, close: &str| -> Vec<String> {
        fragment
            .split(open)
            .skip(1)
            .filter_map(|rest| rest.split(close).next())
            .map(str::to_string)
            .collect()
    };
    (
        between("<strong>", "</strong>"),
        between("<p class=\"signature\">", "</p>"),
    )
}

/// The bold runs' texts (adjacent ones joined) outside tables, chart titles
/// and headings, and the right-aligned paragraphs of a docx.
fn docx_marks(bytes: &[u8]) -> (Vec<String>, Vec<String>) {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .expect("the document part")
        .read_to_string(&mut xml)
        .expect("UTF-8");
    let text = |x: &str| -> String {
        x.split("<w:t xml:space=\"preserve\">")
            .skip(1)
            .filter_map(|r| r.split("</w:t>").next())
            .collect()
    };
    let (mut bold, mut signature): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
    // Table headers and chart titles are bold by layout, not emphasis.
    let outside_tables: String = xml
        .split("<w:tbl>")
        .map(|part| part.split_once("</w:tbl>").map_or(part, |(_, after)| after))
        .collect();
    for p in outside_tables.split("<w:p>").skip(1) {
        let p = p.split("</w:p>").next().unwrap_or_default();
        if p.contains("<w:jc w:val=\"center\"/>") {
            continue;
        }
        if p.contains("<w:jc w:val=\"right\"/></w:pPr>") {
            signature.push(text(p));
        }
        let mut open = false;
        for run in p.split("<w:r>").skip(1) {
            let is_bold = run.contains("<w:b/>") && !p.contains("w:pStyle");
            match (is_bold, open) {
                (true, true) => {
                    if let Some(last) = bold.last_mut() {
                        last.push_str(&text(run));
                    }
                }
                (true, false) => bold.push(text(run)),
                _ => {}
            }
            open = is_bold;
        }
    }
    (bold, signature)
}

#[test]
fn html_and_docx_agree_on_bold_and_signature() {
    let inputs = [
        "# 报告\n\n正文。\n\n1、**广泛宣传。**年初召开大会。\n\n特此报告。\n",
        "# 报告\n\n正文。\n\n青石镇党委\n\n2024年12月28日\n",
        "# 报告\n\n正文**重点**。\n\n```signature\n中共木梓乡委员会\n2024年12月28日\n```\n",
        include_str!("../../tests/golden/zh-CN/summary.md"),
        include_str!("../../tests/golden/zh-CN/evaluation.md"),
        include_str!("../../tests/golden/en/summary.md"),
    ];
    for markdown in inputs {
        let document = read(markdown);
        let (html_bold, html_signature) = html_marks(&html::fragment(&document));
        let bytes = docx::to_docx(&document, &docx::Style::default()).expect("a docx");
        let (docx_bold, docx_signature) = docx_marks(&bytes);
        let escaped: Vec<String> = docx_bold.iter().map(|t| t.replace('"', "&quot;")).collect();
        assert_eq!(html_bold, escaped, "bold runs of {markdown:.40}");
        assert_eq!(
            html_signature, docx_signature,
            "signature of {markdown:.40}"
        );
    }
    // The two disagreements of the first edition.
    let lead = html::fragment(&read("1、**广泛宣传……。**年初\n"));
    assert!(lead.contains("<strong>广泛宣传……。</strong>年初"), "{lead}");
    let (_, signature) = html_marks(&html::fragment(&read("正文。\n\n特此报告。\n")));
    assert!(signature.is_empty());
}
