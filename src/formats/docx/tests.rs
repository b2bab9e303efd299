use super::page::TEXT_W;
use super::*;
use crate::document::read;
use std::io::{Cursor, Read};

const SAMPLE: &str = "# 青石镇2024年度工作总结\n\n\
2024年，青石镇党委坚持以党建引领中心工作，**推动**各基层党组织*比学赶超*。\n\
续行文字 `code` 与 [链接](javascript:alert(1)) 和 <b>内联</b>。  \n硬换行之后。\n\n\
1、**广泛宣传，营造浓厚氛围。**年初召开\\*\\*大会， ** 空格。\n\n\
## 一、基本情况\n\n### （一）公开承诺践诺情况\n\n\
| 项目 | 数量 | 说明 |\n| --- | ---: | :---: |\n| 公开承诺（份） | 18 | =cmd\\|' /C calc'!A0 |\n| 承诺事项 | 58 |\n\n\
```chart\ntitle: 主要指标\nunit: %\nmax: 100\n承诺兑现率: 73.7\n问题整改率: 50\n```\n\n\
- 先进基层党组织：青石村（4个）\n- 优秀共产党员\n  1. 陈志刚\n  2. 刘桂兰\n\n\
3. 第三\n4. 第四\n\n> 引用的话\n\n```\nfn main() {}\n\tx\n```\n\n\
<script>alert(1)</script>\n\n#### 小节\n\n---\n\n青石镇党委\n\n2024年12月28日\n";

/// The XML parts of a .docx, by name (the embedded workbooks left out).
fn parts(bytes: &[u8]) -> Vec<(String, String)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip archive");
    let mut out = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).expect("an entry");
        let name = file.name().expect("a UTF-8 name").to_string();
        if name.ends_with(".xlsx") {
            continue;
        }
        let mut text = String::new();
        file.read_to_string(&mut text).expect("UTF-8 XML");
        out.push((name, text));
    }
    out
}

/// The bytes of one entry of a .docx.
fn entry(bytes: &[u8], name: &str) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip archive");
    let mut file = archive
        .by_name(name)
        .unwrap_or_else(|_| panic!("no entry {name}"));
    let mut out = Vec::new();
    file.read_to_end(&mut out).expect("the entry's bytes");
    out
}

fn part(bytes: &[u8], name: &str) -> String {
    parts(bytes)
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, t)| t)
        .unwrap_or_else(|| panic!("no part {name}"))
}

fn render(markdown: &str) -> Vec<u8> {
    to_docx(&read(markdown), &Style::default()).expect("a docx")
}

fn document(markdown: &str) -> String {
    part(&render(markdown), "word/document.xml")
}

/// Every `<tag ...>...</tag>` element of `xml` (outermost first, not
/// nested in another of the same name).
fn elements<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag}>");
    let open_attr = format!("<{tag} ");
    let close = format!("</{tag}>");
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(pos) = next_open(&xml[from..], &open, &open_attr) {
        let start = from + pos;
        let Some(len) = xml[start..].find(&close) else {
            break;
        };
        let end = start + len + close.len();
        out.push(&xml[start..end]);
        from = end;
    }
    out
}

fn next_open(xml: &str, open: &str, open_attr: &str) -> Option<usize> {
    match (xml.find(open), xml.find(open_attr)) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The text of the `w:t` elements of a fragment.
fn texts(xml: &str) -> String {
    let mut out = String::new();
    for t in elements(xml, "w:t") {
        let inner = &t[t.find('>').map_or(0, |i| i + 1)..t.len() - "</w:t>".len()];
        out.push_str(inner);
    }
    out
}

/// A minimal well-formedness check: tags balance, text has no raw `<`,
/// every `&` starts one of the five entities.
fn assert_well_formed(xml: &str) {
    let mut stack: Vec<&str> = Vec::new();
    let mut rest = xml;
    while let Some(lt) = rest.find('<') {
        check_text(&rest[..lt]);
        let Some(gt) = rest[lt..].find('>') else {
            panic!("unclosed tag in {xml}")
        };
        let tag = &rest[lt + 1..lt + gt];
        rest = &rest[lt + gt + 1..];
        if tag.starts_with('?') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop(), Some(name), "mismatched </{name}>");
        } else if !tag.ends_with('/') {
            let name = tag.split_whitespace().next().unwrap_or("");
            stack.push(name);
        }
        assert!(!tag.contains('<'), "'<' inside a tag: {tag}");
    }
    check_text(rest);
    assert!(stack.is_empty(), "unclosed elements: {stack:?}");
}

fn check_text(text: &str) {
    for (i, _) in text.match_indices('&') {
        let entity = &text[i..];
        assert!(
            ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"]
                .iter()
                .any(|e| entity.starts_with(e)),
            "bare & in {text}"
        );
    }
}

fn paragraphs_with_style<'a>(xml: &'a str, style: &str) -> Vec<&'a str> {
    let marker = format!("<w:pStyle w:val=\"{style}\"/>");
    elements(xml, "w:p")
        .into_iter()
        .filter(|p| p.contains(&marker))
        .collect()
}

#[test]
fn default_style_is_the_gbt_9704_one() {
    let s = Style::default();
    assert_eq!(s.body_font, "仿宋_GB2312");
    assert_eq!(s.title_font, "方正小标宋简体");
    assert_eq!(s.heading_font, "黑体");
    assert_eq!(s.subheading_font, "楷体_GB2312");
    assert_eq!(s.latin_font, "Times New Roman");
    assert_eq!((s.body_size, s.title_size), (16.0, 22.0));
}

#[test]
fn all_parts_are_well_formed_and_related() {
    let bytes = render(SAMPLE);
    let parts = parts(&bytes);
    let names: Vec<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
    for needed in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/document.xml",
        "word/styles.xml",
        "word/numbering.xml",
        "word/footer1.xml",
        "word/_rels/document.xml.rels",
        "docProps/core.xml",
    ] {
        assert!(names.contains(&needed), "missing {needed}");
    }
    for (name, xml) in &parts {
        assert!(xml.starts_with("<?xml"), "{name}");
        assert_well_formed(xml);
    }
    let rels = part(&bytes, "word/_rels/document.xml.rels");
    assert!(rels.contains("Id=\"rIdFooterOdd\"") && rels.contains("Target=\"footer1.xml\""));
    assert!(rels.contains("Id=\"rIdFooterEven\"") && rels.contains("Target=\"footer2.xml\""));
    assert!(!rels.contains("hyperlink"));
}

#[test]
fn a_table_has_a_repeating_bold_header_row_and_borders() {
    let xml = document(SAMPLE);
    let tables = elements(&xml, "w:tbl");
    let table = tables
        .iter()
        .find(|t| t.contains("公开承诺"))
        .expect("the table");
    assert!(table.contains("<w:tblBorders>") && table.contains("<w:insideV w:val=\"single\""));
    let rows = elements(table, "w:tr");
    assert_eq!(rows.len(), 3);
    assert!(rows[0].contains("<w:tblHeader/>"), "header row marked");
    assert!(!rows[1].contains("<w:tblHeader/>"));
    for r in elements(rows[0], "w:r") {
        assert!(r.contains("<w:b/>"), "header text is bold: {r}");
    }
    assert_eq!(texts(rows[0]), "项目数量说明");
    // The short row is padded to the header's three cells.
    assert_eq!(elements(rows[2], "w:tc").len(), 3);
    // Right-aligned column as in the Markdown.
    assert!(elements(rows[1], "w:tc")[1].contains("<w:jc w:val=\"right\"/>"));
    // Column widths add up to the text width.
    let grid: u32 = table
        .match_indices("<w:gridCol w:w=\"")
        .map(|(i, m)| {
            let rest = &table[i + m.len()..];
            rest[..rest.find('"').unwrap_or(0)]
                .parse::<u32>()
                .unwrap_or(0)
        })
        .sum();
    assert_eq!(grid, TEXT_W);
}

#[test]
fn headings_and_body_carry_their_fonts_and_sizes() {
    let xml = document(SAMPLE);
    let title = paragraphs_with_style(&xml, "Title");
    assert_eq!(title.len(), 1);
    assert!(title[0].contains("<w:jc w:val=\"center\"/>"));
    assert!(title[0].contains("w:eastAsia=\"方正小标宋简体\""));
    assert!(title[0].contains("<w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/>"));
    let h1 = paragraphs_with_style(&xml, "Heading1");
    assert_eq!(texts(h1[0]), "一、基本情况");
    for r in elements(h1[0], "w:r") {
        assert!(r.contains("w:eastAsia=\"黑体\""), "{r}");
        assert!(r.contains("<w:sz w:val=\"32\"/>"));
    }
    let h2 = paragraphs_with_style(&xml, "Heading2");
    assert!(h2[0].contains("w:eastAsia=\"楷体_GB2312\""));
    let body = elements(&xml, "w:p")
        .into_iter()
        .find(|p| p.contains("2024年，青石镇党委"))
        .expect("the first body paragraph");
    assert!(body.contains("w:firstLine=\"640\""), "two-character indent");
    assert!(
        body.contains("w:line=\"579\" w:lineRule=\"exact\""),
        "fixed line pitch"
    );
    for r in elements(body, "w:r") {
        assert!(r.contains("w:eastAsia=\"仿宋_GB2312\""), "{r}");
        assert!(
            r.contains("<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/>"),
            "{r}"
        );
    }
    assert!(body.contains("<w:b/>") && body.contains("<w:i/>"));
    // Hard break, and the soft break between CJK text joins without space.
    assert!(body.contains("<w:br/>"));
    assert!(texts(body).contains("比学赶超。续行文字 code 与 链接 和 &lt;b&gt;内联&lt;/b&gt;。"));
}

#[test]
fn third_level_headings_are_numbered_in_the_bold_body_font() {
    let xml = document(
        "## 一、甲\n\n### （一）乙\n\n#### 组织建设\n\n正文。\n\n#### 作风建设\n\n### （二）丙\n\n#### 宣传\n",
    );
    let third = paragraphs_with_style(&xml, "Heading3");
    assert_eq!(
        third.iter().map(|p| texts(p)).collect::<Vec<_>>(),
        ["1.组织建设", "2.作风建设", "1.宣传"]
    );
    for p in third {
        assert!(
            p.contains("w:firstLine=\"640\"") && p.contains("<w:keepNext/>"),
            "{p}"
        );
        for r in elements(p, "w:r") {
            assert!(
                r.contains("w:eastAsia=\"仿宋_GB2312\"") && r.contains("<w:b/>"),
                "{r}"
            );
            assert!(r.contains("<w:sz w:val=\"32\"/>"), "{r}");
        }
    }
}

#[test]
fn every_run_names_east_asian_and_latin_fonts() {
    let bytes = render(SAMPLE);
    for name in [
        "word/document.xml",
        "word/footer1.xml",
        "word/numbering.xml",
    ] {
        let xml = part(&bytes, name);
        let runs = elements(&xml, "w:rPr");
        assert!(!runs.is_empty());
        for r in runs {
            assert!(r.contains("w:eastAsia=\""), "{name}: {r}");
            assert!(
                r.contains("w:ascii=\"") && r.contains("w:hAnsi=\""),
                "{name}: {r}"
            );
            assert!(
                r.contains("<w:sz ") && r.contains("<w:szCs "),
                "{name}: {r}"
            );
        }
    }
}

#[test]
fn custom_fonts_and_sizes_are_used_and_escaped() {
    let style = Style {
        body_font: "宋体".to_string(),
        latin_font: "A&B \"Sans\"".to_string(),
        body_size: 14.0,
        title_size: f64::NAN,
        ..Style::default()
    };
    let bytes = to_docx(&read("# 标题\n\n正文"), &style).expect("a docx");
    let xml = part(&bytes, "word/document.xml");
    assert_well_formed(&xml);
    assert!(xml.contains("w:eastAsia=\"宋体\" w:cs=\"A&amp;B &quot;Sans&quot;\""));
    assert!(xml.contains("<w:sz w:val=\"28\"/>"));
    assert!(
        xml.contains("<w:sz w:val=\"44\"/>"),
        "a NaN size falls back to the default"
    );
    assert_well_formed(&part(&bytes, "word/fontTable.xml"));
}

#[test]
fn the_page_is_a4_with_the_gongwen_margins() {
    let xml = document(SAMPLE);
    let sect = elements(&xml, "w:sectPr");
    assert_eq!(sect.len(), 1);
    assert!(sect[0].contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
    for margin in [
        "w:top=\"2098\"",
        "w:bottom=\"1985\"",
        "w:left=\"1588\"",
        "w:right=\"1474\"",
    ] {
        assert!(sect[0].contains(margin), "{margin}");
    }
    assert!(sect[0].contains("<w:footerReference w:type=\"default\" r:id=\"rIdFooterOdd\"/>"));
    assert!(sect[0].contains("<w:footerReference w:type=\"even\" r:id=\"rIdFooterEven\"/>"));
}

#[test]
fn the_footers_are_page_fields_right_on_odd_and_left_on_even_pages() {
    let bytes = render(SAMPLE);
    for (name, jc) in [("word/footer1.xml", "right"), ("word/footer2.xml", "left")] {
        let footer = part(&bytes, name);
        assert!(footer.contains("<w:fldChar w:fldCharType=\"begin\"/>"));
        assert!(footer.contains("<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>"));
        assert!(footer.contains("<w:fldChar w:fldCharType=\"end\"/>"));
        assert!(
            footer.contains(&format!("<w:jc w:val=\"{jc}\"/>")),
            "{name}"
        );
        assert!(
            footer.contains(&format!("w:{jc}=\"280\"")),
            "one 四号 character in"
        );
        assert_eq!(texts(&footer), "— 1 —");
        assert!(footer.contains("w:ascii=\"宋体\"") && footer.contains("<w:sz w:val=\"28\"/>"));
    }
    assert!(part(&bytes, "word/settings.xml").contains("<w:evenAndOddHeaders/>"));
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let first = render(SAMPLE);
    let other = render("# 另一份\n\n- 列表\n");
    let again = render(SAMPLE);
    assert_eq!(first, again);
    assert_ne!(first, other);
    let mut archive = zip::ZipArchive::new(Cursor::new(&first[..])).expect("zip");
    for i in 0..archive.len() {
        let file = archive.by_index(i).expect("entry");
        assert_eq!(
            file.last_modified(),
            Some(zip::DateTime::DEFAULT),
            "{:?}",
            file.name()
        );
        assert!(
            file.extra_data().is_none_or(|d| d.is_empty()),
            "{:?}",
            file.name()
        );
    }
    let core = part(&first, "docProps/core.xml");
    assert!(!core.contains("dcterms:created") && !core.contains("dcterms:modified"));
    assert!(core.contains("<dc:title>青石镇2024年度工作总结</dc:title>"));
}

#[test]
fn raw_html_is_literal_text() {
    let xml = document(SAMPLE);
    assert!(!xml.contains("<script"));
    assert!(texts(&xml).contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    let inline = document("前<script>alert(1)</script>后\n");
    assert!(!inline.contains("<script"));
    assert!(texts(&inline).contains("前&lt;script&gt;alert(1)&lt;/script&gt;后"));
}

#[test]
fn links_are_text_and_formulas_stay_plain() {
    let xml = document(SAMPLE);
    assert!(!xml.contains("javascript"));
    assert!(!xml.contains("w:hyperlink"));
    assert!(texts(&xml).contains("=cmd|' /C calc'!A0"));
    assert!(
        !xml.contains("w:fldSimple") && !xml.contains("w:instrText") && !xml.contains("w:fldChar")
    );
    let formula = document("=cmd|' /C calc'!A0\n\n| a |\n| - |\n| =HYPERLINK(\"x\") |\n");
    assert!(!formula.contains("w:instrText") && !formula.contains("w:fldSimple"));
    assert!(texts(&formula).contains("=HYPERLINK(&quot;x&quot;)"));
}

#[test]
fn a_chart_block_becomes_a_title_and_a_native_bar_chart() {
    let bytes = render(SAMPLE);
    let xml = part(&bytes, "word/document.xml");
    let title = elements(&xml, "w:p")
        .into_iter()
        .find(|p| texts(p) == "主要指标")
        .expect("the chart title");
    assert!(title.contains("<w:b/>") && title.contains("<w:keepNext/>"));
    assert!(xml.contains("<c:chart xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" r:id=\"rIdChart1\"/>"));
    assert!(!texts(&xml).contains('█'), "no bars of characters");
    let rels = part(&bytes, "word/_rels/document.xml.rels");
    assert!(rels.contains("Id=\"rIdChart1\"") && rels.contains("Target=\"charts/chart1.xml\""));
    let types = part(&bytes, "[Content_Types].xml");
    assert!(types.contains("PartName=\"/word/charts/chart1.xml\""));
    let chart = part(&bytes, "word/charts/chart1.xml");
    assert_well_formed(&chart);
    assert!(chart.contains("<c:barChart><c:barDir val=\"bar\"/>"));
    assert!(chart.contains(
        "<c:pt idx=\"0\"><c:v>承诺兑现率</c:v></c:pt><c:pt idx=\"1\"><c:v>问题整改率</c:v></c:pt>"
    ));
    assert!(
        chart
            .contains("<c:pt idx=\"0\"><c:v>73.7</c:v></c:pt><c:pt idx=\"1\"><c:v>50</c:v></c:pt>")
    );
    assert!(
        chart.contains("<c:max val=\"100\"/>"),
        "the axis ends at max"
    );
    // Without `max` the axis is left to the reader; two charts, two parts.
    let two = render("```chart\na: 2\nb: 4\n```\n\n```chart\nc: 1\n```\n");
    assert!(!part(&two, "word/charts/chart1.xml").contains("<c:max "));
    assert!(part(&two, "word/charts/chart2.xml").contains("<c:v>c</c:v>"));
    // Not a chart after all: shown as code.
    let xml = document("```chart\nnothing here\n```\n");
    assert!(!xml.contains("<c:chart") && texts(&xml).contains("nothing here"));
}

/// The `c:v` values inside the first `tag` element of a chart part.
fn cached(chart: &str, tag: &str) -> Vec<String> {
    let inner = elements(chart, tag)[0];
    elements(inner, "c:v")
        .iter()
        .map(|v| v["<c:v>".len()..v.len() - "</c:v>".len()].to_string())
        .collect()
}

#[test]
fn each_chart_embeds_a_workbook_holding_the_numbers_its_formulas_name() {
    use calamine::{Data, Reader, Xlsx};
    let bytes = render(
        "```chart\ntitle: 兑现率\nunit: %\n雷畈村: 91.5\n金垱村 & 青石村: 80\n```\n\n```chart\nc: 1\n```\n",
    );
    let types = part(&bytes, "[Content_Types].xml");
    assert!(types.contains("<Default Extension=\"xlsx\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\"/>"));
    for n in [1, 2] {
        let chart = part(&bytes, &format!("word/charts/chart{n}.xml"));
        assert!(chart.contains("<c:externalData r:id=\"rIdWorkbook\"><c:autoUpdate val=\"0\"/></c:externalData></c:chartSpace>"));
        let rels = part(&bytes, &format!("word/charts/_rels/chart{n}.xml.rels"));
        assert_well_formed(&rels);
        assert!(rels.contains(&format!(
            "Id=\"rIdWorkbook\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/package\" Target=\"../embeddings/Microsoft_Excel_Worksheet{n}.xlsx\""
        )));
    }
    let chart = part(&bytes, "word/charts/chart1.xml");
    assert!(
        chart.contains("<c:f>Sheet1!$A$2:$A$3</c:f>")
            && chart.contains("<c:f>Sheet1!$B$2:$B$3</c:f>")
    );
    let book = entry(&bytes, "word/embeddings/Microsoft_Excel_Worksheet1.xlsx");
    let mut workbook = Xlsx::new(Cursor::new(book)).expect("calamine opens the workbook");
    let sheet = workbook.worksheet_range("Sheet1").expect("Sheet1");
    let cell = |row: u32, column: u32| sheet.get_value((row, column)).cloned();
    assert_eq!(
        cell(0, 1),
        Some(Data::String(cached(&chart, "c:tx")[0].clone()))
    );
    let labels: Vec<Option<Data>> = (1..=2).map(|r| cell(r, 0)).collect();
    let expected: Vec<Option<Data>> = cached(&chart, "c:cat")
        .iter()
        .map(|v| Some(Data::String(v.replace("&amp;", "&"))))
        .collect();
    assert_eq!(labels, expected);
    let values: Vec<Option<Data>> = (1..=2).map(|r| cell(r, 1)).collect();
    let expected: Vec<Option<Data>> = cached(&chart, "c:val")
        .iter()
        .map(|v| Some(Data::Float(v.parse().expect("a number"))))
        .collect();
    assert_eq!(values, expected);
    assert_eq!(sheet.get_size(), (3, 2), "nothing else in the sheet");
    // No clock in the workbook: its only dates are fixed.
    let book = entry(&bytes, "word/embeddings/Microsoft_Excel_Worksheet1.xlsx");
    let core = part(&book, "docProps/core.xml");
    assert_eq!(core.matches("1980-01-01T00:00:00Z").count(), 2, "{core}");
    assert_eq!(core.matches("<dcterms:").count(), 2, "{core}");
}

#[test]
fn code_blocks_are_monospace_lines() {
    let xml = document(SAMPLE);
    let code = paragraphs_with_style(&xml, "Code");
    assert_eq!(code.len(), 2);
    assert!(code[0].contains("w:ascii=\"Courier New\""));
    assert_eq!(texts(code[0]), "fn main() {}");
    assert!(code[1].contains("<w:tab/>"));
}

#[test]
fn lists_use_word_numbering() {
    let bytes = render(SAMPLE);
    let xml = part(&bytes, "word/document.xml");
    let numbered: Vec<&str> = elements(&xml, "w:p")
        .into_iter()
        .filter(|p| p.contains("<w:numPr>"))
        .collect();
    assert_eq!(numbered.len(), 6);
    assert!(numbered[0].contains("<w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/>"));
    assert!(numbered[2].contains("<w:ilvl w:val=\"1\"/><w:numId w:val=\"2\"/>"));
    assert!(numbered[4].contains("<w:ilvl w:val=\"0\"/><w:numId w:val=\"3\"/>"));
    assert_eq!(texts(numbered[4]), "第三");
    let numbering = part(&bytes, "word/numbering.xml");
    assert!(numbering.contains("<w:numFmt w:val=\"bullet\"/>"));
    assert!(numbering.contains("<w:numFmt w:val=\"decimal\"/>"));
    assert!(numbering.contains("w:hanging="));
    assert!(numbering.contains(
        "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"1\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"3\"/>"
    ));
    assert!(numbering.contains("<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/>"));
}

#[test]
fn signature_and_date_are_set_right() {
    let xml = document(SAMPLE);
    let paras = elements(&xml, "w:p");
    let (sign, date) = (paras[paras.len() - 2], paras[paras.len() - 1]);
    assert_eq!(texts(sign), "青石镇党委");
    assert_eq!(texts(date), "2024年12月28日");
    for p in [sign, date] {
        assert!(p.contains("<w:jc w:val=\"right\"/>"), "{p}");
        assert!(!p.contains("w:firstLine=\"640\""));
    }
    // Unsealed: the date two characters from the right, the signature
    // centred over it. In half characters of 160 twips: the date is 17 wide
    // (8 digits, 3 CJK, 5 CJK/digit spaces of a quarter), the signature 10,
    // so the signature stands 4 + (17 - 10) / 2 = 7 from the right.
    assert!(date.contains("w:right=\"640\""), "{date}");
    assert!(sign.contains("w:right=\"1120\""), "{sign}");
    assert!(
        sign.contains("<w:keepNext/>"),
        "the signature stays with its date"
    );
    assert!(
        sign.contains("w:before=\"579\""),
        "a blank line before the signature"
    );

    // A long last paragraph, bold, a list or a table: nothing moves.
    for md in [
        "正文\n\n- 青石镇党委\n- 2024年12月28日\n",
        "正文\n\n| a |\n| - |\n| 1 |\n",
        "## 标题\n\n这是一段很长的正文，它的长度远远超过三十个字符，所以它不是落款也不是日期，不能右对齐。\n",
        "正文\n\n**青石镇党委**\n\n**2024年12月28日**\n",
    ] {
        assert!(!document(md).contains("<w:jc w:val=\"right\"/>"), "{md}");
    }
    // At most two.
    let xml = document("特此报告。\n\n青石镇党委\n\n2024年12月28日\n");
    let paras = elements(&xml, "w:p");
    assert!(!paras[0].contains("<w:jc w:val=\"right\"/>"));
    assert!(paras[1].contains("<w:jc w:val=\"right\"/>"));
    // Only a date.
    let xml = document(
        "正文很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长。\n\n2024年12月28日\n",
    );
    let paras = elements(&xml, "w:p");
    assert!(paras[1].contains("<w:jc w:val=\"right\"/>") && !paras[0].contains("w:val=\"right\""));
}

#[test]
fn bold_lead_sentences_of_chinese_text_are_bold() {
    let xml = document(SAMPLE);
    let p = elements(&xml, "w:p")
        .into_iter()
        .find(|p| p.contains("广泛宣传"))
        .expect("the paragraph");
    let runs = elements(p, "w:r");
    assert_eq!(texts(runs[0]), "1、");
    assert!(!runs[0].contains("<w:b/>"));
    assert_eq!(texts(runs[1]), "广泛宣传，营造浓厚氛围。");
    assert!(runs[1].contains("<w:b/>"));
    // Escaped asterisks and delimiters next to spaces stay literal.
    assert_eq!(texts(runs[2]), "年初召开**大会， ** 空格。");
    assert!(!runs[2].contains("<w:b/>"));
    assert_eq!(runs.len(), 3);
}

#[test]
fn headings_without_cjk_text_are_bold() {
    let xml = document("## 1. Overview\n\n### 1.1 Pledges\n\n## 一、基本情况\n");
    let h1 = paragraphs_with_style(&xml, "Heading1");
    assert!(h1[0].contains("<w:b/>"));
    assert!(!h1[1].contains("<w:b/>"), "黑体 is not made bold");
    assert!(paragraphs_with_style(&xml, "Heading2")[0].contains("<w:b/>"));
}

#[test]
fn wide_tables_get_smaller_text_and_broken_headers() {
    let long = "很长的承诺事项内容需要换行显示在表格里面";
    let mut md = String::from(
        "| 序号 | 单位 | 检查日期 | 问题描述 | 整改措施 | 整改时限 | 整改状态 | 销号日期 |\n",
    );
    md.push_str("| ---: | --- | --- | --- | --- | --- | --- | --- |\n");
    for i in 1..=3 {
        md.push_str(&format!(
            "| {i} | 农业服务中心 | 2024年10月15日 | {long} | {long} | 2024年12月15日 | 未整改 | — |\n"
        ));
    }
    let xml = document(&md);
    let table = elements(&xml, "w:tbl")[0];
    assert!(!table.contains("<w:sz w:val=\"24\"/>"), "not 小四");
    let header = elements(table, "w:tr")[0];
    assert!(
        header.contains("<w:br/>"),
        "long headers are broken in two lines"
    );
    assert!(texts(header).contains("检查日期") || texts(header).contains("检查"));
    let short = document("| a | b |\n| - | - |\n| 1 | 2 |\n");
    assert!(
        short.contains("<w:sz w:val=\"24\"/>"),
        "小四 when everything fits"
    );
    assert!(!short.contains("<w:br/>"));
    assert!(
        short.contains("<w:keepNext/>"),
        "a short table is kept on one page"
    );
}

#[test]
fn every_prefix_converts() {
    let mut sample = SAMPLE.to_string();
    sample.push_str("\n- [x] a\n  | t | u |\n  |---|---|\n  | 1 | 2 |\n> - q\n>   ```chart\n>   max: x\n>   a: 1\n");
    sample.push_str(
        "\n1. \n2.\n\n    indented code\n\n![图](x.png) \\\n*__混合__* \u{0}\u{1b}\t尾\r\n",
    );
    for (i, _) in sample.char_indices().chain([(sample.len(), ' ')]) {
        let bytes = to_docx(&read(&sample[..i]), &Style::default())
            .unwrap_or_else(|e| panic!("prefix {i}: {e}"));
        let xml = part(&bytes, "word/document.xml");
        assert_well_formed(&xml);
    }
}

#[test]
fn empty_and_odd_input() {
    for md in [
        "",
        "\n",
        "#",
        "| a |\n|---|\n",
        "```chart\n```",
        "-",
        "1.",
        "> ",
        "<!-- c -->",
        "\u{0}",
    ] {
        let xml = document(md);
        assert_well_formed(&xml);
        assert!(xml.contains("<w:sectPr>"));
    }
}

#[test]
fn the_golden_reports_convert() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/zh-CN");
    for name in ["summary.md", "evaluation.md", "ledger.md"] {
        let Ok(md) = std::fs::read_to_string(dir.join(name)) else {
            continue;
        };
        let xml = document(&md);
        assert_well_formed(&xml);
        // The md format writes the signature block as plain paragraphs, so
        // read again its attachments (`# 附件1 …`) are titles of their own.
        let attachments = md.matches("\n# 附件").count();
        assert_eq!(
            paragraphs_with_style(&xml, "Title").len(),
            1 + attachments,
            "{name}"
        );
        assert!(
            !texts(&xml).contains("**"),
            "{name}: no literal bold markers"
        );
        for table in elements(&xml, "w:tbl") {
            let grid: u32 = table
                .split("<w:gridCol w:w=\"")
                .skip(1)
                .map(|rest| {
                    rest[..rest.find('"').unwrap_or(0)]
                        .parse::<u32>()
                        .unwrap_or(0)
                })
                .sum();
            let landscape = table.contains("<w:tblW w:w=\"13776\"");
            let text = if landscape { 13776 } else { TEXT_W };
            assert_eq!(grid, text, "{name}: a table as wide as the text");
        }
    }
}

#[test]
fn a_sealed_signature_leaves_room_and_stands_four_characters_in() {
    let md = "正文。\n\n```signature\n青石镇党委\n2024年12月28日\n```\n";
    let style = Style {
        sealed: true,
        ..Style::default()
    };
    let xml = part(
        &to_docx(&read(md), &style).expect("a docx"),
        "word/document.xml",
    );
    let paras = elements(&xml, "w:p");
    let (body, sign, date) = (paras[0], paras[1], paras[2]);
    // Three lines of room for the seal; the date four characters (8 halves
    // of 160 twips) from the right, the signature centred over it:
    // 8 + (17 - 10) / 2 = 11 halves.
    assert!(sign.contains("w:before=\"1737\""), "{sign}");
    assert!(date.contains("w:right=\"1280\""), "{date}");
    assert!(sign.contains("w:right=\"1760\""), "{sign}");
    assert!(
        body.contains("<w:keepNext/>"),
        "the body's last paragraph goes with the signature"
    );
}

#[test]
fn an_attachment_starts_a_new_page_with_its_label_in_heiti() {
    let xml = document("# 总结\n\n正文。\n\n青石镇党委\n\n# 附件1 名单\n\n甲、乙。\n");
    let label = elements(&xml, "w:p")
        .into_iter()
        .find(|p| texts(p) == "附件1")
        .expect("the label");
    assert!(label.contains("<w:pageBreakBefore/>") && label.contains("w:eastAsia=\"黑体\""));
    assert!(label.contains("<w:jc w:val=\"left\"/>"));
    let titles = paragraphs_with_style(&xml, "Title");
    assert_eq!(
        titles.iter().map(|t| texts(t)).collect::<Vec<_>>(),
        ["总结", "名单"]
    );
}

#[test]
fn the_colophon_is_a_table_floating_at_the_foot_of_the_text_area() {
    let style = Style {
        furniture: Some(Furniture {
            cc: vec!["县委办公室".into(), "县纪委监委".into()],
            printed_by: Some("青石镇党委办公室".into()),
            printed_on: "2024年12月28日".into(),
            ..Furniture::default()
        }),
        ..Style::default()
    };
    let xml = part(
        &to_docx(&read("# 总结\n\n正文。\n"), &style).expect("a docx"),
        "word/document.xml",
    );
    assert_well_formed(&xml);
    let tables = elements(&xml, "w:tbl");
    let colophon = tables.last().expect("the 版记's table");
    // Positioned from the page's left edge at the margin, its bottom on the
    // bottom margin, the text never under it.
    assert!(colophon.contains(
        "<w:tblpPr w:leftFromText=\"0\" w:rightFromText=\"0\" w:topFromText=\"0\" w:bottomFromText=\"0\" \
         w:vertAnchor=\"margin\" w:horzAnchor=\"page\" w:tblpX=\"1588\" w:tblpYSpec=\"bottom\"/><w:tblOverlap w:val=\"never\"/>"
    ), "{colophon}");
    assert!(colophon.contains(&format!("<w:tblW w:w=\"{TEXT_W}\" w:type=\"dxa\"/>")));
    assert!(colophon.contains(&format!("<w:gridCol w:w=\"{TEXT_W}\"/>")));
    // Thick rules above and under, a thin one between; none at the sides.
    assert!(colophon.contains(
        "<w:tblBorders><w:top w:val=\"single\" w:sz=\"8\" w:space=\"0\" w:color=\"000000\"/>\
         <w:bottom w:val=\"single\" w:sz=\"8\" w:space=\"0\" w:color=\"000000\"/>\
         <w:insideH w:val=\"single\" w:sz=\"6\" w:space=\"0\" w:color=\"000000\"/></w:tblBorders>"
    ));
    let rows: Vec<String> = elements(colophon, "w:tr")
        .iter()
        .map(|r| texts(r))
        .collect();
    assert_eq!(
        rows,
        [
            "抄送：县委办公室，县纪委监委。",
            "青石镇党委办公室2024年12月28日印发"
        ]
    );
    let printed = elements(colophon, "w:tr")[1];
    assert!(
        printed.contains("<w:tab w:val=\"right\" w:pos=\"8524\"/>") && printed.contains("<w:tab/>")
    );
    // The table is the last thing of the body, then its anchor paragraph.
    let after = &xml[xml.rfind("</w:tbl>").expect("the table's end")..];
    assert_eq!(elements(after, "w:p").len(), 1);
    assert!(after.contains("</w:p><w:sectPr>"), "{after}");
}
