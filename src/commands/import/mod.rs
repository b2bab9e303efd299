//! `annals import pledges|inspections FILE`: the spreadsheets offices keep
//! today (a 承诺事项 list, a 整改台账) turned into record files at the
//! paths `new` would use. Every row is checked first; nothing is written
//! when any row is wrong, and no existing file is ever overwritten.

mod columns;
mod rows;
mod sheet;
mod values;
mod write;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::commands::new::{self, NewError, NewKind};
use crate::diagnostic::Diagnostic;
use crate::i18n::Message;
use crate::records::model::{Locale, Unit};

/// What a sheet holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportKind {
    /// A 承诺事项 list: one pledge item a row.
    Pledges,
    /// A 整改台账: one finding a row.
    Inspections,
}

/// The spreadsheet to read and what to do with it.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// The .xlsx or .csv file.
    pub file: &'a Path,
    /// The worksheet (default: the first).
    pub sheet: Option<&'a str>,
    /// Only say what would be written.
    pub dry_run: bool,
}

/// The folder the records go into, and what it knows.
#[derive(Debug, Clone, Copy)]
pub struct Folder<'a> {
    /// The records root.
    pub root: &'a Path,
    /// The roster, to read unit names.
    pub units: &'a [Unit],
    /// The language of the comments in the written files.
    pub locale: Locale,
}

/// One record file written, or to be written with `--dry-run`.
#[derive(Debug, Clone, PartialEq)]
pub struct Written {
    /// Its path (the root joined with its place).
    pub path: PathBuf,
    /// Its text.
    pub text: String,
    /// The sheet rows it was made from.
    pub rows: Vec<usize>,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The records, in the order written (by date, then unit).
    pub records: Vec<Written>,
    /// The sheet's data rows read.
    pub rows: usize,
    /// The headers that name no field, as `A (序号)`: not imported.
    pub ignored: Vec<String>,
    /// How a CSV file was decoded, when worth telling (GB18030 …).
    pub encoding: Option<&'static str>,
}

/// Why nothing (or not everything) was written.
#[derive(Debug)]
pub enum ImportError {
    /// The file or sheet could not be read.
    Unreadable(Message),
    /// Rows are wrong; nothing was written.
    Invalid(Vec<Diagnostic>),
    /// A record file could not be written.
    Write(NewError),
    /// A record's place is one the path guard refuses (a unit id of
    /// units.yaml such as `../x`); nothing was written.
    Unplaceable {
        /// The sheet rows of that record.
        rows: Vec<usize>,
        /// What the guard said.
        error: NewError,
    },
}

/// Reads the sheet, checks every row, groups them into records and (unless
/// `dry_run`) writes them under the root. Every record's place passes the
/// path guard before the first file is written, so a unit id the guard
/// refuses leaves nothing behind.
pub fn import(folder: Folder, kind: ImportKind, options: Options) -> Result<Imported, ImportError> {
    let table = sheet::read(options.file, options.sheet).map_err(ImportError::Unreadable)?;
    let columns = columns::find(&table, kind).map_err(ImportError::Invalid)?;
    let source = source_name(&table);
    let mut placed = Vec::new();
    for (new_kind, unit, date, text, rows) in drafts(&table, &columns, kind, &folder, &source)? {
        let text = new_kind.with_schema(Some(&unit), date, &text);
        let unplaceable = |error| ImportError::Unplaceable {
            rows: rows.clone(),
            error,
        };
        let mut paths = new_kind
            .paths(folder.root, Some(&unit), date)
            .map_err(unplaceable)?;
        let first = paths.next().transpose().map_err(unplaceable)?;
        placed.push((first.into_iter().map(Ok).chain(paths), text, rows));
    }
    let mut planned = BTreeSet::new();
    let mut records = Vec::new();
    for (paths, text, rows) in placed {
        let path = if options.dry_run {
            first_unplanned(paths, &mut planned)?
        } else {
            new::create_first_free(paths, &text).map_err(ImportError::Write)?
        };
        records.push(Written { path, text, rows });
    }
    Ok(Imported {
        records,
        rows: rows::data(&table, &columns).count(),
        ignored: columns.ignored,
        encoding: table.encoding,
    })
}

/// With `--dry-run`: the path a record would get, the first free one that
/// no earlier record of this import would take.
fn first_unplanned(
    paths: impl Iterator<Item = Result<PathBuf, NewError>>,
    planned: &mut BTreeSet<PathBuf>,
) -> Result<PathBuf, ImportError> {
    for path in paths {
        let path = path.map_err(ImportError::Write)?;
        if !path.exists() && planned.insert(path.clone()) {
            return Ok(path);
        }
    }
    Err(ImportError::Unreadable(Message::ImportNoFreeName))
}

/// A record ready to place: its kind for `new`'s paths, unit, date, text, rows.
type Ready = (
    NewKind,
    String,
    crate::records::model::Date,
    String,
    Vec<usize>,
);

fn drafts(
    table: &sheet::Table,
    columns: &columns::Columns,
    kind: ImportKind,
    folder: &Folder,
    source: &str,
) -> Result<Vec<Ready>, ImportError> {
    Ok(match kind {
        ImportKind::Inspections => rows::inspections(table, columns, folder.units)
            .map_err(ImportError::Invalid)?
            .into_iter()
            .map(|d| {
                let text = write::inspection(&d, source, folder.locale);
                (
                    NewKind::Inspection,
                    d.record.unit,
                    d.record.date,
                    text,
                    d.rows,
                )
            })
            .collect(),
        ImportKind::Pledges => rows::pledges(table, columns, folder.units)
            .map_err(ImportError::Invalid)?
            .into_iter()
            .map(|d| {
                let text = write::pledge(&d, source, folder.locale);
                (NewKind::Pledge, d.record.unit, d.record.made, text, d.rows)
            })
            .collect(),
    })
}

/// The file's name (without its folder) and sheet, for the comment on top
/// of every record written.
fn source_name(table: &sheet::Table) -> String {
    let name = Path::new(&table.file)
        .file_name()
        .map_or(table.file.clone(), |n| n.to_string_lossy().into_owned());
    match &table.sheet {
        Some(sheet) => format!("{name}[{sheet}]"),
        None => name,
    }
}
