//! Reading a spreadsheet into rows of typed cells: .xlsx (and the other
//! workbooks calamine reads) or .csv in UTF-8, UTF-8 with a BOM, or the
//! GB18030 that Excel on a Chinese Windows saves.

use std::path::Path;

use calamine::{Data, Reader};

use crate::diagnostic::suggest;
use crate::i18n::Message;
use crate::records::model::Date;

/// One cell's value, as typed as the file could say.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing in the cell.
    Empty,
    /// Text (every CSV cell, and text cells of a workbook).
    Text(String),
    /// A number cell of a workbook.
    Number(f64),
    /// A date cell of a workbook.
    Date(Date),
}

/// One row of the sheet with the number the spreadsheet program shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// 1-based row number.
    pub number: usize,
    /// The cells from column A on.
    pub cells: Vec<Cell>,
}

impl Row {
    /// The cell in the 0-based column `column`, empty past the row's end.
    pub fn cell(&self, column: usize) -> &Cell {
        self.cells.get(column).unwrap_or(&Cell::Empty)
    }

    /// Whether every cell is empty or blank.
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| match c {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        })
    }
}

/// The rows of one sheet, and where they came from (for messages).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The file as the user named it.
    pub file: String,
    /// The worksheet read; `None` for CSV.
    pub sheet: Option<String>,
    /// The rows, blank ones included, in order.
    pub rows: Vec<Row>,
    /// How a CSV file was decoded, when that is worth telling
    /// ("UTF-8 with a byte-order mark", "GB18030").
    pub encoding: Option<&'static str>,
}

impl Table {
    /// Where a row is, for messages: "sheet `整改台账`, row 5", or "row 5"
    /// in a CSV file.
    pub fn place(&self, row: usize) -> Message {
        match &self.sheet {
            Some(sheet) => Message::ImportPlaceSheet {
                sheet: sheet.clone(),
                row,
            },
            None => Message::ImportPlaceRow { row },
        }
    }
}

/// Reads the sheet `sheet` (default: the first) of the workbook or CSV
/// file at `path`.
pub fn read(path: &Path, sheet: Option<&str>) -> Result<Table, Message> {
    let file = path.display().to_string();
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "csv" => {
            if sheet.is_some() {
                return Err(Message::ImportCsvHasNoSheets { file });
            }
            let bytes = std::fs::read(path).map_err(|e| cannot_read(&file, &e))?;
            read_csv(file, &bytes)
        }
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => read_workbook(path, file, sheet),
        _ => Err(Message::ImportWrongType { file }),
    }
}

fn read_workbook(path: &Path, file: String, sheet: Option<&str>) -> Result<Table, Message> {
    let mut workbook = calamine::open_workbook_auto(path).map_err(|e| cannot_read(&file, &e))?;
    let names = workbook.sheet_names();
    let name = match sheet {
        Some(wanted) if names.iter().any(|n| n == wanted) => wanted.to_owned(),
        Some(wanted) => {
            let (wanted, sheets) = (wanted.to_owned(), names.clone());
            return Err(
                match suggest::closest(&wanted, names.iter().map(String::as_str)) {
                    Some(near) => Message::ImportNoSuchSheetNear {
                        near: near.to_owned(),
                        file,
                        wanted,
                        sheets,
                    },
                    None => Message::ImportNoSuchSheet {
                        file,
                        wanted,
                        sheets,
                    },
                },
            );
        }
        None => names
            .first()
            .cloned()
            .ok_or_else(|| Message::ImportNoSheets { file: file.clone() })?,
    };
    let range = workbook
        .worksheet_range(&name)
        .map_err(|e| Message::ImportCannotReadSheet {
            file: file.clone(),
            sheet: name.clone(),
            error: e.to_string(),
        })?;
    let (first_row, first_column) = range.start().unwrap_or((0, 0));
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, cells)| Row {
            number: first_row as usize + i + 1,
            cells: std::iter::repeat_n(Cell::Empty, first_column as usize)
                .chain(cells.iter().map(workbook_cell))
                .collect(),
        })
        .collect();
    Ok(Table {
        file,
        sheet: Some(name),
        rows,
        encoding: None,
    })
}

fn workbook_cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(n) => Cell::Number(*n as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(b.to_string()),
        Data::DateTime(d) if d.is_datetime() => d
            .as_datetime()
            .map_or(Cell::Number(d.as_f64()), |t| Cell::Date(t.date())),
        Data::DateTime(d) => Cell::Number(d.as_f64()),
        Data::DateTimeIso(s) => s
            .get(..10)
            .and_then(|day| Date::parse_from_str(day, "%Y-%m-%d").ok())
            .map_or_else(|| Cell::Text(s.clone()), Cell::Date),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Text(format!("#{e}")),
    }
}

/// Decodes a CSV file: UTF-8 (a leading BOM is dropped), else GB18030,
/// which is what Excel writes on a Chinese Windows.
fn read_csv(file: String, bytes: &[u8]) -> Result<Table, Message> {
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        (
            decode_utf8(&file, rest)?,
            Some("UTF-8 with a byte-order mark"),
        )
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        (text.to_owned(), None)
    } else {
        let text = encoding_rs::GB18030
            .decode_without_bom_handling_and_without_replacement(bytes)
            .ok_or_else(|| Message::ImportNotText { file: file.clone() })?;
        (text.into_owned(), Some("GB18030"))
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| Message::ImportBadCsvRow {
            file: file.clone(),
            row: i + 1,
            error: e.to_string(),
        })?;
        rows.push(Row {
            number: i + 1,
            cells: record
                .iter()
                .map(|text| Cell::Text(text.to_owned()))
                .collect(),
        });
    }
    Ok(Table {
        file,
        sheet: None,
        rows,
        encoding,
    })
}

fn decode_utf8(file: &str, bytes: &[u8]) -> Result<String, Message> {
    String::from_utf8(bytes.to_vec()).map_err(|_| Message::ImportBadBom {
        file: file.to_owned(),
    })
}

fn cannot_read(file: &str, error: &dyn std::fmt::Display) -> Message {
    Message::ImportCannotRead {
        file: file.to_owned(),
        error: error.to_string(),
    }
}

/// The letters of a 0-based column as spreadsheets show them: A … Z, AA …
pub fn column_letters(column: usize) -> String {
    let mut n = column + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rest = (n - 1) % 26;
        letters.push(char::from(b'A' + rest as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_columns_as_spreadsheets_do() {
        let names: Vec<String> = [0, 1, 25, 26, 27, 701, 702]
            .into_iter()
            .map(column_letters)
            .collect();
        assert_eq!(names, ["A", "B", "Z", "AA", "AB", "ZZ", "AAA"]);
    }

    #[test]
    fn reads_gb18030_and_says_so() {
        let (bytes, _, _) = encoding_rs::GB18030.encode("单位,问题\n雷畈村,记录不全\n");
        let table = read_csv("a.csv".into(), &bytes).unwrap();
        assert_eq!(table.encoding, Some("GB18030"));
        assert_eq!(table.rows[1].cells[0], Cell::Text("雷畈村".into()));
        assert_eq!(table.rows[1].number, 2);
    }

    #[test]
    fn drops_the_byte_order_mark() {
        let table = read_csv("a.csv".into(), "\u{feff}单位,问题\n".as_bytes()).unwrap();
        assert_eq!(table.encoding, Some("UTF-8 with a byte-order mark"));
        assert_eq!(table.rows[0].cells[0], Cell::Text("单位".into()));
        let plain = read_csv("a.csv".into(), "单位,问题\n".as_bytes()).unwrap();
        assert_eq!(plain.encoding, None);
    }
}
