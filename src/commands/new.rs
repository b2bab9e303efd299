//! `annals new KIND`: a new record from a commented skeleton, at a path that
//! follows the folder's conventions, never over an existing file.

use crate::i18n::Message;
use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::Datelike;
use unicode_normalization::UnicodeNormalization;

use crate::commands::schema;
use crate::diagnostic::suggest;
use crate::output::{self, PathError};
use crate::records::model::{Date, Locale, Unit};

/// The kinds of record `new` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewKind {
    /// pledges/YEAR/UNIT.md
    Pledge,
    /// inspections/YEAR/DATE-UNIT.yaml
    Inspection,
    /// honours/YEAR/DATE.yaml
    Honour,
    /// appraisals/YEAR/DATE-UNIT.yaml
    Appraisal,
    /// narrative/YEAR/DATE.md
    Narrative,
}

impl NewKind {
    /// Whether the record belongs to one unit, so `--unit` is needed.
    pub fn needs_unit(self) -> bool {
        matches!(
            self,
            NewKind::Pledge | NewKind::Inspection | NewKind::Appraisal
        )
    }

    fn skeleton(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (NewKind::Pledge, Locale::ZhCn) => include_str!("../../skeleton/new/zh-CN/pledge.md"),
            (NewKind::Pledge, Locale::En) => include_str!("../../skeleton/new/en/pledge.md"),
            (NewKind::Inspection, Locale::ZhCn) => {
                include_str!("../../skeleton/new/zh-CN/inspection.yaml")
            }
            (NewKind::Inspection, Locale::En) => {
                include_str!("../../skeleton/new/en/inspection.yaml")
            }
            (NewKind::Honour, Locale::ZhCn) => include_str!("../../skeleton/new/zh-CN/honour.yaml"),
            (NewKind::Honour, Locale::En) => include_str!("../../skeleton/new/en/honour.yaml"),
            (NewKind::Appraisal, Locale::ZhCn) => {
                include_str!("../../skeleton/new/zh-CN/appraisal.yaml")
            }
            (NewKind::Appraisal, Locale::En) => {
                include_str!("../../skeleton/new/en/appraisal.yaml")
            }
            (NewKind::Narrative, Locale::ZhCn) => {
                include_str!("../../skeleton/new/zh-CN/narrative.md")
            }
            (NewKind::Narrative, Locale::En) => include_str!("../../skeleton/new/en/narrative.md"),
        }
    }

    /// The places a new record may go under `root`, best first:
    /// `pledges/2024/leifan.md`, then `pledges/2024/leifan-2.md`, `-3` …,
    /// each joined by the path guard. `new` and `import` both take the
    /// first one that is free. An unsafe unit id is refused here.
    pub fn paths(
        self,
        root: &Path,
        unit: Option<&str>,
        date: Date,
    ) -> Result<impl Iterator<Item = Result<PathBuf, NewError>> + use<>, NewError> {
        // The unit id is a name of its own, whatever the path it ends up in.
        if let Some(id) = unit {
            output::safe_name(id).map_err(|e| NewError::Unsafe(PathError::Unsafe(e)))?;
        }
        let [folder, year, stem, ext] = self.place(unit, date);
        let dir = output::join_inside(root, &[&folder, &year]).map_err(NewError::Unsafe)?;
        Ok((1..).map(move |n| {
            let name = match n {
                1 => format!("{stem}.{ext}"),
                _ => format!("{stem}-{n}.{ext}"),
            };
            output::join_inside(&dir, &[&name]).map_err(NewError::Unsafe)
        }))
    }

    /// `text` with the `# yaml-language-server: $schema=` line on top that
    /// a record at this kind's place needs (`new` and `import` both add it).
    pub fn with_schema(self, unit: Option<&str>, date: Date, text: &str) -> String {
        let [folder, year, stem, ext] = self.place(unit, date);
        let relative = Path::new(&folder).join(year).join(format!("{stem}.{ext}"));
        schema::with_header(&relative, text)
    }

    /// Where the new record goes, before any `-2` suffix: the kind folder,
    /// the year's folder, the file stem and the extension. Each part is a
    /// single name, joined by the path guard.
    fn place(self, unit: Option<&str>, date: Date) -> [String; 4] {
        let year = date.year().to_string();
        let unit = unit.unwrap_or("unit");
        let (folder, stem, ext) = match self {
            NewKind::Pledge => ("pledges", unit.to_owned(), "md"),
            NewKind::Inspection => ("inspections", format!("{date}-{unit}"), "yaml"),
            NewKind::Honour => ("honours", date.to_string(), "yaml"),
            NewKind::Appraisal => ("appraisals", format!("{date}-{unit}"), "yaml"),
            NewKind::Narrative => ("narrative", date.to_string(), "md"),
        };
        [folder.to_owned(), year, stem, ext.to_owned()]
    }
}

/// Why `new` wrote nothing.
#[derive(Debug)]
pub enum NewError {
    /// The kind needs `--unit`.
    NoUnit(NewKind),
    /// `--unit` names no unit of the roster.
    UnknownUnit {
        /// What was given.
        id: String,
        /// The closest id, if any is close.
        near: Option<String>,
    },
    /// The unit id or the date cannot be part of a path (`../x`, `CON`).
    Unsafe(PathError),
    /// The file could not be written.
    Io(PathBuf, io::Error),
}

impl NewError {
    /// What went wrong, to be put in the user's words.
    pub fn message(&self) -> Message {
        match self {
            NewError::NoUnit(kind) => Message::NewNeedsUnit {
                kind: format!("{kind:?}").to_lowercase(),
            },
            NewError::UnknownUnit {
                id,
                near: Some(near),
            } => Message::NewUnknownUnitNear {
                id: id.clone(),
                near: near.clone(),
            },
            NewError::UnknownUnit { id, near: None } => Message::NewUnknownUnit { id: id.clone() },
            NewError::Unsafe(e) => Message::CannotWriteRecord {
                reason: e.message().boxed(),
            },
            NewError::Io(path, e) => Message::CannotWrite {
                path: path.display().to_string(),
                error: e.to_string(),
            },
        }
    }
}

/// Writes a new record of `kind` under `root` and returns its path. The
/// file name gets `-2`, `-3` … when the natural one is taken.
pub fn new_record(
    root: &Path,
    kind: NewKind,
    unit: Option<&str>,
    date: Date,
    units: &[Unit],
    locale: Locale,
) -> Result<PathBuf, NewError> {
    let unit = unit.map(|id| id.nfc().collect::<String>());
    let unit = unit.as_deref();
    if let Some(id) = unit {
        if !units.iter().any(|u| u.id == id) {
            let near = suggest::closest(id, units.iter().map(|u| u.id.as_str()));
            return Err(NewError::UnknownUnit {
                id: id.to_owned(),
                near: near.map(str::to_owned),
            });
        }
    } else if kind.needs_unit() {
        return Err(NewError::NoUnit(kind));
    }
    let text = kind
        .skeleton(locale)
        .replace("UNIT", unit.unwrap_or_default())
        .replace("DATE", &date.to_string())
        .replace("YEAR", &date.year().to_string());
    let paths = kind.paths(root, unit, date)?;
    create_first_free(paths, &kind.with_schema(unit, date, &text))
}

/// Writes `text` to the first of `paths` that does not exist yet, creating
/// its folder, and returns the path written. An existing file is never
/// opened for writing, even when another process creates it between the
/// look and the write.
pub fn create_first_free(
    paths: impl IntoIterator<Item = Result<PathBuf, NewError>>,
    text: &str,
) -> Result<PathBuf, NewError> {
    for path in paths {
        let path = path?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| NewError::Io(dir.to_owned(), e))?;
        }
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut file) => {
                file.write_all(text.as_bytes())
                    .map_err(|e| NewError::Io(path.clone(), e))?;
                return Ok(path);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(NewError::Io(path, e)),
        }
    }
    Err(NewError::Io(
        PathBuf::new(),
        io::Error::other("no free file name"),
    ))
}
