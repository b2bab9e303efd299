//! Writing reports so that nothing is ever half-written: each file goes to a
//! temporary file beside its target, is flushed to disk, then renamed over
//! the target in one step.

use crate::i18n::Message;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;

/// Writes `bytes` to `path` atomically: a reader (or a crash) sees either
/// the old file or the new one, never a mix or a truncated file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temp, path)?;
        // Make the rename itself durable; not every system can sync a folder.
        if let Ok(folder) = File::open(dir) {
            let _ = folder.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// Removes the temporary files a killed build left in `dir`
/// (`.summary.md.1234.tmp`); reports themselves are never touched.
pub fn clear_leftovers(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let leftover = name
            .strip_prefix('.')
            .and_then(|n| n.strip_suffix(".tmp"))
            .and_then(|n| n.rsplit_once('.'))
            .is_some_and(|(_, pid)| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()));
        if leftover {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Refuses an output folder where reports would mix with records: the
/// records folder itself, a record kind folder (where a report would be
/// read back as a record, or replace one), `templates/` or `.git/`.
pub fn check_out(root: &Path, out: &Path) -> Result<(), Message> {
    let (root, out) = (resolve(root), resolve(out));
    let protected = crate::records::load::Kind::FOLDERS
        .iter()
        .map(|(_, folder)| *folder)
        .chain([crate::render::templates::USER_DIR, ".git"]);
    let inside = protected
        .map(|folder| root.join(folder))
        .find(|folder| out.starts_with(folder));
    if out == root {
        return Err(Message::OutIsRoot {
            path: out.display().to_string(),
        });
    }
    match inside {
        Some(folder) => Err(Message::OutAmongRecords {
            path: out.display().to_string(),
            folder: folder.display().to_string(),
        }),
        None => Ok(()),
    }
}

/// An absolute path with `.` and `..` worked out and symbolic links of its
/// existing part followed, so that two ways of naming a folder compare equal.
fn resolve(path: &Path) -> std::path::PathBuf {
    use std::path::Component;
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let mut clean = std::path::PathBuf::new();
    for part in absolute.components() {
        match part {
            Component::ParentDir => {
                clean.pop();
            }
            Component::CurDir => {}
            other => clean.push(other),
        }
    }
    // Follow links in the longest part that exists.
    let mut existing = clean.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                existing = parent;
            }
            _ => return clean,
        }
    }
    let mut resolved = existing
        .canonicalize()
        .unwrap_or_else(|_| existing.to_owned());
    resolved.extend(rest.iter().rev());
    resolved
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_outputs_among_the_records() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("pledges/2024")).unwrap();
        assert!(check_out(root, &root.join("out")).is_ok());
        assert!(check_out(root, &root.join("../elsewhere")).is_ok());
        assert!(check_out(root, root).is_err());
        assert!(check_out(root, &root.join("out/..")).is_err());
        assert!(check_out(root, &root.join("pledges")).is_err());
        assert!(check_out(root, &root.join("pledges/2024/new")).is_err());
        assert!(check_out(root, &root.join("templates")).is_err());
    }

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("summary.md");
        fs::write(&path, "old").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("summary.md")]);
    }

    #[test]
    fn clears_only_the_temporaries_of_killed_builds() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            ".summary.md.4242.tmp",
            "summary.md",
            ".keep.tmp",
            "notes.tmp",
        ] {
            fs::write(dir.path().join(name), "x").unwrap();
        }
        clear_leftovers(dir.path());
        let mut names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, [".keep.tmp", "notes.tmp", "summary.md"]);
    }
}
