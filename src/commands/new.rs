//! `annals new KIND`: a new record from a commented skeleton, at a path that
//! follows the folder's conventions, never over an existing file.

use crate::i18n::Message;
use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::Datelike;

use crate::diagnostic::suggest;
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

    /// The path of the new record inside the root, before any `-2` suffix:
    /// (folder, file stem, extension).
    fn place(self, unit: Option<&str>, date: Date) -> (String, String, &'static str) {
        let year = date.year();
        let unit = unit.unwrap_or("unit");
        match self {
            NewKind::Pledge => (format!("pledges/{year}"), unit.to_owned(), "md"),
            NewKind::Inspection => (
                format!("inspections/{year}"),
                format!("{date}-{unit}"),
                "yaml",
            ),
            NewKind::Honour => (format!("honours/{year}"), date.to_string(), "yaml"),
            NewKind::Appraisal => (
                format!("appraisals/{year}"),
                format!("{date}-{unit}"),
                "yaml",
            ),
            NewKind::Narrative => (format!("narrative/{year}"), date.to_string(), "md"),
        }
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
    let (folder, stem, ext) = kind.place(unit, date);
    let dir = root.join(&folder);
    std::fs::create_dir_all(&dir).map_err(|e| NewError::Io(dir.clone(), e))?;
    let mut n = 1;
    loop {
        let name = match n {
            1 => format!("{stem}.{ext}"),
            _ => format!("{stem}-{n}.{ext}"),
        };
        let path = dir.join(name);
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut file) => {
                file.write_all(text.as_bytes())
                    .map_err(|e| NewError::Io(path.clone(), e))?;
                return Ok(path);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => n += 1,
            Err(e) => return Err(NewError::Io(path, e)),
        }
    }
}
