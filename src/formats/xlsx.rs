//! The xlsx format: every table of a report as a worksheet that an office
//! can sort, filter and pass on — typed cells (numbers, percentages and
//! dates as such), a bold frozen header row, columns as wide as their CJK
//! text, and an A4 print setup that repeats the header row on every page
//! (landscape for a wide table) with the report title in the page header.
//!
//! Two builds give byte-identical files: the only date in the file, the
//! document's creation time, is the day the caller gives (the report's
//! signing date), never the clock.

pub mod tables;

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatBorder, Workbook, Worksheet, XlsxError,
};
use unicode_width::UnicodeWidthStr;

/// Tables with more columns than this are printed landscape.
pub const WIDE_COLUMNS: usize = 8;

/// A table of a report: a header row and body rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The header cells.
    pub header: Vec<Cell>,
    /// The body rows.
    pub rows: Vec<Vec<Cell>>,
}

/// A table cell: its plain text and the value the text holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// The text as the report shows it.
    pub text: String,
    /// What the text is.
    pub value: Value,
}

/// The typed value of a table cell, read from its whole text.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Anything else (also an empty cell).
    Text,
    /// A number: `12`, `-3.5`, `1,234`.
    Number(f64),
    /// A percentage, as the fraction (`87.5%` → 0.875).
    Percent(f64),
    /// A date: `2024-04-18`, `2024年4月18日`.
    Date(NaiveDate),
}

/// One worksheet to write: the heading the table stands under, and the table.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The nearest heading above the table (the title when there is none).
    pub heading: String,
    /// The table.
    pub table: Table,
}

/// The widest a column gets, in character widths; longer text wraps.
const MAX_WIDTH: usize = 50;

/// Writes `sheets` as one workbook titled `title`, created on `created`.
/// A report without tables gets one sheet holding its title, so that
/// every report has its file.
pub fn to_xlsx(title: &str, sheets: &[Sheet], created: NaiveDate) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let stamp = ExcelDateTime::from_ymd(
        u16::try_from(created.year()).unwrap_or(1900),
        created.month() as u8,
        created.day() as u8,
    )?;
    book.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_creation_datetime(&stamp),
    );
    let mut names: Vec<String> = Vec::new();
    for sheet in sheets {
        let name = sheet_name(&sheet.heading, &names);
        let worksheet = book.add_worksheet().set_name(&name)?;
        write_table(worksheet, &sheet.table)?;
        print_setup(worksheet, title, sheet.table.header.len());
        names.push(name);
    }
    if sheets.is_empty() {
        let worksheet = book.add_worksheet().set_name(sheet_name(title, &[]))?;
        worksheet.write_string(0, 0, title)?;
        print_setup(worksheet, title, 1);
    }
    book.save_to_buffer()
}

fn write_table(worksheet: &mut Worksheet, table: &Table) -> Result<(), XlsxError> {
    let header = Format::new()
        .set_bold()
        .set_border_bottom(FormatBorder::Thin);
    for (column, cell) in table.header.iter().enumerate() {
        worksheet.write_string_with_format(0, column as u16, &cell.text, &header)?;
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
    match &cell.value {
        Value::Number(n) => {
            worksheet.write_number(row, column, *n)?;
        }
        Value::Percent(p) => {
            let percent = Format::new().set_num_format("0.0%");
            worksheet.write_number_with_format(row, column, *p, &percent)?;
        }
        Value::Date(day) => {
            let date = ExcelDateTime::from_ymd(
                u16::try_from(day.year()).unwrap_or(1900),
                day.month() as u8,
                day.day() as u8,
            )?;
            // The day shows as the report wrote it: 2024年4月18日 or 2024-04-18.
            let shown = if cell.text.contains('年') {
                "yyyy\"年\"m\"月\"d\"日\""
            } else {
                "yyyy-mm-dd"
            };
            worksheet.write_datetime_with_format(
                row,
                column,
                &date,
                &Format::new().set_num_format(shown),
            )?;
        }
        Value::Text if cell.text.is_empty() => {}
        Value::Text => {
            match wrap {
                Some(wrap) => worksheet.write_string_with_format(row, column, &cell.text, wrap)?,
                None => worksheet.write_string(row, column, &cell.text)?,
            };
        }
    }
    Ok(())
}

/// Each column's width in character cells (a CJK character is two), the
/// widest of its header and cells, at most [`MAX_WIDTH`].
fn widths(table: &Table) -> Vec<usize> {
    let mut widths: Vec<usize> = table.header.iter().map(|c| c.text.width()).collect();
    for row in &table.rows {
        for (column, cell) in row.iter().enumerate() {
            if let Some(width) = widths.get_mut(column) {
                *width = (*width).max(cell.text.width());
            }
        }
    }
    widths.iter().map(|w| (*w).clamp(4, MAX_WIDTH)).collect()
}

/// A4, the header row on every page, fit to the page width, landscape for
/// a wide table, and the report title centred in the page header.
fn print_setup(worksheet: &mut Worksheet, title: &str, columns: usize) {
    const A4: u8 = 9;
    worksheet.set_paper_size(A4);
    if columns > WIDE_COLUMNS {
        worksheet.set_landscape();
    }
    // Row 0 is the header row; a sheet without one has nothing to repeat.
    let _ = worksheet.set_repeat_rows(0, 0);
    worksheet.set_print_fit_to_pages(1, 0);
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
            format!("{}{suffix}", fit(base, 31 - suffix.len()))
        })
        .find(|name| {
            !taken
                .iter()
                .any(|t| t.to_lowercase() == name.to_lowercase())
        })
        .unwrap_or_default()
}

/// The longest start of `text` of at most `units` UTF-16 units.
fn fit(text: &str, units: usize) -> &str {
    let mut used = 0;
    for (i, c) in text.char_indices() {
        used += c.len_utf16();
        if used > units {
            return text[..i].trim_end().trim_end_matches('\'');
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let cell = |text: &str| Cell {
            text: text.into(),
            value: Value::Text,
        };
        let table = Table {
            header: vec![cell("单位"), cell("No.")],
            rows: vec![
                vec![cell("龙潭村党支部"), cell("1")],
                vec![cell(&"长".repeat(40)), cell("")],
            ],
        };
        assert_eq!(widths(&table), [MAX_WIDTH, 4]);
        let short = Table {
            header: vec![cell("单位")],
            rows: vec![vec![cell("龙潭村党支部")]],
        };
        assert_eq!(widths(&short), [12]);
    }
}
