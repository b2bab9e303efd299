//! `annals init DIR`: a new records folder with one commented example of
//! every record kind, which `check` and `build` pass as written, and the
//! schemas editors check them with.

use crate::i18n::Message;
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::commands::schema;

/// The example files: path and text, with `YEAR` standing for the year.
const SKELETON: &[(&str, &str)] = &[
    ("annals.yaml", include_str!("../../skeleton/annals.yaml")),
    ("units.yaml", include_str!("../../skeleton/units.yaml")),
    (".gitignore", include_str!("../../skeleton/gitignore")),
    (
        "pledges/YEAR/leifan.md",
        include_str!("../../skeleton/pledges/YEAR/leifan.md"),
    ),
    (
        "pledges/YEAR/members.yaml",
        include_str!("../../skeleton/pledges/YEAR/members.yaml"),
    ),
    (
        "inspections/YEAR/YEAR-05-10-jindang.yaml",
        include_str!("../../skeleton/inspections/YEAR/YEAR-05-10-jindang.yaml"),
    ),
    (
        "honours/YEAR-07-01-qiyi.yaml",
        include_str!("../../skeleton/honours/YEAR-07-01-qiyi.yaml"),
    ),
    (
        "appraisals/YEAR/evaluations.yaml",
        include_str!("../../skeleton/appraisals/YEAR/evaluations.yaml"),
    ),
    (
        "narrative/practices/01-xuanchuan.md",
        include_str!("../../skeleton/narrative/practices/01-xuanchuan.md"),
    ),
    (
        "narrative/problems/01-duiwu.md",
        include_str!("../../skeleton/narrative/problems/01-duiwu.md"),
    ),
    (
        "narrative/plans/01-jizhi.md",
        include_str!("../../skeleton/narrative/plans/01-jizhi.md"),
    ),
];

/// Why `init` wrote nothing.
#[derive(Debug)]
pub enum InitError {
    /// The folder exists and is not empty.
    NotEmpty(PathBuf),
    /// A file could not be written.
    Io(PathBuf, io::Error),
}

impl InitError {
    /// What went wrong, to be put in the user's words.
    pub fn message(&self) -> Message {
        match self {
            InitError::NotEmpty(dir) => Message::InitNotEmpty {
                path: dir.display().to_string(),
            },
            InitError::Io(path, e) => Message::CannotWrite {
                path: path.display().to_string(),
                error: e.to_string(),
            },
        }
    }
}

/// Writes a new records folder for `year` into `dir`, which must be missing
/// or empty. Returns the files written. Never overwrites a file.
pub fn init(dir: &Path, year: i32) -> Result<Vec<PathBuf>, InitError> {
    let io = |path: &Path| {
        let path = path.to_owned();
        move |e| InitError::Io(path, e)
    };
    if dir.exists() {
        let mut entries = fs::read_dir(dir).map_err(io(dir))?;
        if entries.next().is_some() {
            return Err(InitError::NotEmpty(dir.to_owned()));
        }
    }
    let year = year.to_string();
    let mut written = Vec::new();
    for (name, text) in SKELETON {
        let relative = name.replace("YEAR", &year);
        let text = schema::with_header(Path::new(&relative), &text.replace("YEAR", &year));
        let path = dir.join(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io(parent))?;
        }
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(io(&path))?;
        file.write_all(text.as_bytes()).map_err(io(&path))?;
        written.push(path);
    }
    let schemas = dir.join(schema::DIR);
    written.extend(schema::write(&schemas).map_err(io(&schemas))?);
    Ok(written)
}

/// The year a new records folder is for: `--year` when given, else a year
/// written in the folder's name (`township-2025`), else `this_year`.
pub fn year_for(dir: &Path, explicit: Option<i32>, this_year: i32) -> i32 {
    explicit
        .or_else(|| {
            dir.file_name()
                .and_then(|n| year_in_name(&n.to_string_lossy()))
        })
        .unwrap_or(this_year)
}

/// The last run of exactly four digits in `name` that is a plausible year
/// (1900–2999): `township-2025` → 2025, `2024-v2` → 2024, `office-12345` → none.
fn year_in_name(name: &str) -> Option<i32> {
    name.split(|c: char| !c.is_ascii_digit())
        .filter(|run| run.len() == 4)
        .filter_map(|run| run.parse::<i32>().ok())
        .rfind(|year| (1900..=2999).contains(year))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_year_comes_from_the_flag_then_the_folder_name_then_the_clock() {
        let named = Path::new("/srv/township-2025");
        assert_eq!(year_for(named, Some(2023), 2026), 2023);
        assert_eq!(year_for(named, None, 2026), 2025);
        assert_eq!(year_for(Path::new("records"), None, 2026), 2026);
    }

    #[test]
    fn only_a_four_digit_run_that_looks_like_a_year_counts() {
        assert_eq!(year_in_name("2024-v2"), Some(2024));
        assert_eq!(year_in_name("muzi-2023-2024"), Some(2024));
        assert_eq!(year_in_name("office-12345"), None);
        assert_eq!(year_in_name("room-0042"), None);
        assert_eq!(year_in_name("township"), None);
    }
}
