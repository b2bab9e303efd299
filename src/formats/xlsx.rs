//! The xlsx format: every table of a report as a worksheet that an office
//! can sort, filter and pass on — typed cells (numbers, percentages and
//! dates as such), a bold frozen header row, columns as wide as their CJK
//! text, and an A4 print setup that repeats the header row on every page
//! (landscape for a wide table) with the report title in the page header.
//!
//! Two builds give byte-identical files: the only date in the file, the
//! document's creation time, is the day the caller gives (the report's
//! signing date), never the clock.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatBorder, Workbook, Worksheet, XlsxError,
};
use unicode_width::UnicodeWidthStr;

use crate::document::{Block, Cell, Document, Table, Value, plain_text};

/// The widest a column gets, in character widths; longer text wraps.
const MAX_WIDTH: usize = 50;

/// The most a cell holds, in UTF-16 code units: Excel's limit, over which
/// rust_xlsxwriter refuses the whole workbook.
const CELL_LIMIT: usize = 32_767;

/// The most of the title the page header shows. Excel's limit for a header
/// is 255 code units (rust_xlsxwriter drops a longer one with a message in
/// English); 120, each `&` doubled, stays under it, and more would not fit
/// across an A4 page.
const HEADER_TITLE_LIMIT: usize = 120;

/// `text` in at most `limit` UTF-16 code units: a longer text is cut and
/// ends in "…" (md, html and docx keep it whole), so that one long cell
/// does not cost the office its workbook.
fn shortened(text: &str, limit: usize) -> std::borrow::Cow<'_, str> {
    // A UTF-16 code unit takes at least one byte of UTF-8.
    if text.len() <= limit || text.encode_utf16().count() <= limit {
        return text.into();
    }
    format!("{}…", prefix(text, limit - 1)).into()
}

/// Writes every table of `document` as a worksheet of one workbook,
/// created on `created`. A report without tables gets one sheet holding its
/// title, so that every report has its file.
pub fn to_xlsx(document: &Document, created: NaiveDate) -> Result<Vec<u8>, XlsxError> {
    let title = document.title();
    let mut book = Workbook::new();
    book.set_properties(
        &DocProperties::new()
            .set_title(&title)
            .set_creation_datetime(&excel_date(created.year(), created.month(), created.day())?),
    );
    let mut names: Vec<String> = Vec::new();
    for (heading, table) in tables(document) {
        let name = sheet_name(&heading, &names);
        let worksheet = book.add_worksheet().set_name(&name)?;
        write_table(worksheet, table)?;
        print_setup(worksheet, &title, table.needs_landscape());
        names.push(name);
    }
    if names.is_empty() {
        let worksheet = book.add_worksheet().set_name(sheet_name(&title, &[]))?;
        worksheet.write_string(0, 0, shortened(&title, CELL_LIMIT))?;
        print_setup(worksheet, &title, false);
    }
    book.save_to_buffer()
}

/// Every top-level table with the nearest heading above it: the title, a
/// section heading or an attachment's label and title.
fn tables(document: &Document) -> Vec<(String, &Table)> {
    let mut heading = String::new();
    let mut found = Vec::new();
    for block in &document.blocks {
        match block {
            Block::Title(content) | Block::Heading { content, .. } => {
                heading = plain_text(content);
            }
            Block::Attachment(a) => heading = format!("{} {}", a.label, a.title),
            Block::Table(table) => found.push((heading.clone(), table)),
            _ => {}
        }
    }
    found
}

/// An Excel date; a year Excel cannot hold is refused by rust_xlsxwriter.
fn excel_date(year: i32, month: u32, day: u32) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(
        u16::try_from(year).unwrap_or(0),
        u8::try_from(month).unwrap_or(0),
        u8::try_from(day).unwrap_or(0),
    )
}

fn write_table(worksheet: &mut Worksheet, table: &Table) -> Result<(), XlsxError> {
    let header = Format::new()
        .set_bold()
        .set_border_bottom(FormatBorder::Thin);
    for (column, cell) in table.header.iter().enumerate() {
        worksheet.write_string_with_format(
            0,
            column as u16,
            shortened(&cell.text(), CELL_LIMIT),
            &header,
        )?;
    }
    worksheet.set_freeze_panes(1, 0)?;
    let widths = widths(table);
    let wrap = Format::new().set_text_wrap();
    for (i, row) in table.rows.iter().enumerate() {
        let r = i as u32 + 1;
        for (column, cell) in row.iter().enumerate() {
            let wraps = widths.get(column).is_some_and(|w| *w >= MAX_WIDTH);
            write_cell(worksheet, r, column as u16, cell, wraps.then_some(&wrap))?;
        }
    }
    for (column, width) in widths.iter().enumerate() {
        worksheet.set_column_width(column as u16, *width as f64 + 2.0)?;
    }
    Ok(())
}

fn write_cell(
    worksheet: &mut Worksheet,
    row: u32,
    column: u16,
    cell: &Cell,
    wrap: Option<&Format>,
) -> Result<(), XlsxError> {
    let text = cell.text();
    match cell.value {
        Value::Number(n) => {
            worksheet.write_number(row, column, n)?;
        }
        Value::Percent(p) => {
            let percent = Format::new().set_num_format("0.0%");
            worksheet.write_number_with_format(row, column, p, &percent)?;
        }
        Value::Date { year, month, day } => {
            let date = excel_date(year, month, day)?;
            // The day shows as the report wrote it: 2024年4月18日 or 2024-04-18.
            let shown = if text.contains('年') {
                "yyyy\"年\"m\"月\"d\"日\""
            } else {
                "yyyy-mm-dd"
            };
            let format = Format::new().set_num_format(shown);
            worksheet.write_datetime_with_format(row, column, &date, &format)?;
        }
        Value::Text if text.is_empty() => {}
        Value::Text => {
            let text = shortened(&text, CELL_LIMIT);
            match wrap {
                Some(wrap) => worksheet.write_string_with_format(row, column, text, wrap)?,
                None => worksheet.write_string(row, column, text)?,
            };
        }
    }
    Ok(())
}

/// Each column's width in character cells (a CJK character is two), the
/// widest of its header and cells, at most [`MAX_WIDTH`].
fn widths(table: &Table) -> Vec<usize> {
    let mut widths: Vec<usize> = table.header.iter().map(|c| c.text().width()).collect();
    for row in &table.rows {
        for (column, cell) in row.iter().enumerate() {
            if let Some(width) = widths.get_mut(column) {
                *width = (*width).max(cell.text().width());
            }
        }
    }
    widths.iter().map(|w| (*w).clamp(4, MAX_WIDTH)).collect()
}

/// A4, the header row on every page, fit to the page width, landscape for
/// a wide table, and the report title centred in the page header.
fn print_setup(worksheet: &mut Worksheet, title: &str, landscape: bool) {
    const A4: u8 = 9;
    worksheet.set_paper_size(A4);
    if landscape {
        worksheet.set_landscape();
    }
    // Row 0 is the header row; a sheet without one has nothing to repeat.
    let _ = worksheet.set_repeat_rows(0, 0);
    worksheet.set_print_fit_to_pages(1, 0);
    let title = shortened(title, HEADER_TITLE_LIMIT);
    worksheet.set_header(format!("&C{}", title.replace('&', "&&")));
}

/// A worksheet name Excel accepts: no `[]:*?/\`, no apostrophe at either
/// end, at most 31 characters (UTF-16 units), not blank, and unlike the
/// names before it (Excel ignores case there): `名单`, `名单 (2)` …
fn sheet_name(heading: &str, taken: &[String]) -> String {
    let clean: String = heading
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c) && !c.is_control())
        .collect();
    let clean = clean.trim().trim_matches('\'').trim();
    let base = if clean.is_empty() { "Sheet" } else { clean };
    (1..)
        .map(|n| {
            let suffix = if n == 1 {
                String::new()
            } else {
                format!(" ({n})")
            };
            let start = prefix(base, 31 - suffix.len());
            format!("{}{suffix}", start.trim_end().trim_end_matches('\''))
        })
        .find(|name| {
            !taken
                .iter()
                .any(|t| t.to_lowercase() == name.to_lowercase())
        })
        .unwrap_or_default()
}

/// The longest start of `text` of at most `units` UTF-16 units.
fn prefix(text: &str, units: usize) -> &str {
    let mut used = 0;
    for (i, c) in text.char_indices() {
        used += c.len_utf16();
        if used > units {
            return &text[..i];
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_over_excels_limit_is_cut_and_ends_in_an_ellipsis() {
        assert_eq!(shortened("龙潭村", 3), "龙潭村");
        assert_eq!(shortened("龙潭村党支部", 3), "龙潭…");
        // A character outside the BMP is two code units, as Excel counts.
        assert_eq!(shortened("a😀b", 4), "a😀b");
        assert_eq!(shortened("a😀bc", 4), "a😀…");
        assert_eq!(shortened("a😀bc", 3), "a…");
        let long = "长".repeat(CELL_LIMIT + 1);
        let cut = shortened(&long, CELL_LIMIT);
        assert_eq!(cut.encode_utf16().count(), CELL_LIMIT);
        assert!(cut.ends_with("长…"));
    }

    #[test]
    fn sheet_names_that_excel_accepts() {
        assert_eq!(sheet_name("一、考核评价结果", &[]), "一、考核评价结果");
        assert_eq!(
            sheet_name("附件1 [名单]: 2024/12", &[]),
            "附件1 名单 202412"
        );
        assert_eq!(sheet_name("'引号'", &[]), "引号");
        assert_eq!(sheet_name("  ", &[]), "Sheet");
        let long = "一".repeat(40);
        assert_eq!(sheet_name(&long, &[]).chars().count(), 31);
        let taken = vec!["名单".to_string(), "名单 (2)".to_string()];
        assert_eq!(sheet_name("名单", &taken), "名单 (3)");
        assert_eq!(
            sheet_name(&long, &[sheet_name(&long, &[])]),
            format!("{} (2)", "一".repeat(27))
        );
        assert_eq!(sheet_name("Scores", &["scores".to_string()]), "Scores (2)");
    }

    #[test]
    fn columns_fit_the_display_width_of_cjk_text() {
        let long = "长".repeat(40);
        let markdown = format!(
            "| 单位 | No. |\n| --- | --- |\n| 龙潭村党支部 | 1 |\n| {long} | |\n\n| 单位 |\n| --- |\n| 龙潭村党支部 |\n"
        );
        let document = crate::document::read(&markdown);
        let widths: Vec<Vec<usize>> = tables(&document)
            .into_iter()
            .map(|(_, table)| widths(table))
            .collect();
        assert_eq!(widths, [vec![MAX_WIDTH, 4], vec![12]]);
    }

    #[test]
    fn each_table_is_named_after_the_heading_above_it() {
        let document = crate::document::read(
            "# 总结\n\n| A |\n| --- |\n| 1 |\n\n## 一、结果\n\n| B |\n| --- |\n| 2 |\n",
        );
        let headings: Vec<String> = tables(&document).into_iter().map(|(h, _)| h).collect();
        assert_eq!(headings, ["总结", "一、结果"]);
    }
}
