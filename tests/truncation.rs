//! A file cut short anywhere — mid-line, mid-key, mid-character — must give
//! diagnostics, never a panic. Feeds every prefix of every record file of the
//! fixtures and the sample data to the loader, in process.

use std::path::{Path, PathBuf};

use annals::diagnostic::Severity;
use annals::i18n::Lang;
use annals::records::load::{Kind, SourceFile, read_one};
use annals::records::model::Records;

/// Files larger than this are cut at every `STEP`-th byte only (plus the
/// whole file), to keep the test at a few seconds in a debug build; smaller
/// files are cut at every byte. Today no record file is that large.
const SMALL: usize = 4 * 1024;
const STEP: usize = 7;

/// Every `.md`/`.yaml`/`.yml` file under `dir`, hidden ones included.
fn record_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("list a folder")
        .map(|e| e.expect("a folder entry"))
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let file_type = entry.file_type().expect("a file type");
        if file_type.is_dir() {
            record_files(&path, out);
        } else if file_type.is_file()
            && path
                .extension()
                .is_some_and(|e| e == "md" || e == "yaml" || e == "yml")
        {
            out.push(path);
        }
    }
}

/// The loader's view of `path`: its kind from the folder it sits in, and its
/// path and id inside the records folder (the nearest folder up with an
/// annals.yaml). `None` for a file that no records folder would read.
fn source_file(path: &Path) -> Option<SourceFile> {
    let root = path
        .ancestors()
        .skip(1)
        .find(|dir| dir.join("annals.yaml").is_file())?;
    let rel: Vec<String> = path
        .strip_prefix(root)
        .ok()?
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let (kind, id) = match rel.as_slice() {
        [name] if name == "annals.yaml" => (Kind::Config, "annals".to_owned()),
        [name] if name == "units.yaml" => (Kind::Units, "units".to_owned()),
        [folder, inner @ ..] if !inner.is_empty() => {
            let kind = Kind::FOLDERS
                .iter()
                .find(|(_, name)| name == folder)
                .map(|(kind, _)| *kind)?;
            let inner = inner.join("/");
            let id = inner
                .rsplit_once('.')
                .map_or(inner.as_str(), |(stem, _)| stem)
                .to_owned();
            (kind, id)
        }
        _ => return None,
    };
    Some(SourceFile {
        rel: rel.join("/"),
        path: path.to_owned(),
        kind,
        id,
    })
}

/// How many records, other than the roster, were read.
fn count(records: &Records) -> usize {
    usize::from(records.config.is_some())
        + records.pledges.len()
        + records.inspections.len()
        + records.honours.len()
        + records.appraisals.len()
        + records.narratives.len()
}

#[test]
fn every_prefix_of_every_record_file_is_read_without_panicking() {
    let base = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    record_files(&base.join("tests/fixtures"), &mut paths);
    record_files(&base.join("sample-data"), &mut paths);
    let files: Vec<SourceFile> = paths.iter().filter_map(|p| source_file(p)).collect();
    assert!(
        files.len() > 100,
        "found only {} record files; has the fixture layout changed?",
        files.len()
    );
    let mut prefixes = 0;
    for file in &files {
        let bytes = std::fs::read(&file.path).expect("read a record file");
        let step = if bytes.len() > SMALL { STEP } else { 1 };
        let lengths = (0..bytes.len()).step_by(step).chain([bytes.len()]);
        for n in lengths {
            prefixes += 1;
            let prefix = &bytes[..n];
            let (records, diagnostics) = read_one(file, prefix);
            let context = || {
                format!(
                    "{} cut at byte {n}: {:?}\n{diagnostics:#?}",
                    file.rel,
                    String::from_utf8_lossy(prefix)
                )
            };
            let errors = diagnostics.iter().any(|d| d.severity == Severity::Error);
            // Every record kind has required fields, so a prefix that gives
            // no error must have given records (an empty text is an error:
            // "should be a pledge, not nothing"). units.yaml gives its list,
            // which may rightly be empty, so it is not counted.
            if !errors && file.kind != Kind::Units {
                assert!(count(&records) > 0, "no error and no record: {}", context());
            }
            // Every diagnostic names this file, and a line that the prefix
            // has (or the line just after its end, for "unexpected end").
            let lines = prefix.iter().filter(|&&b| b == b'\n').count() + 1;
            for d in &diagnostics {
                assert_eq!(d.file, file.rel, "{}", context());
                let message = d.message.text(Lang::En);
                assert!(!message.is_empty(), "{}", context());
                if let Some(line) = d.line {
                    assert!((1..=lines + 1).contains(&line), "{}", context());
                }
                if let Some(column) = d.column {
                    assert!(column >= 1, "{}", context());
                }
                // Printing it must not panic either (caret past the line end …).
                assert!(
                    d.render(false, Lang::En).contains(&message),
                    "{}",
                    context()
                );
            }
        }
    }
    assert!(prefixes > files.len());
}
