//! Writing outputs so that nothing is ever half-written and nothing leaves
//! its folder: every path built from record data comes from [`guard`]; each
//! file goes to a temporary file beside its target, is flushed to disk, then
//! renamed over the target in one step. The files of one build are written
//! side by side and renamed only once all are written. Builds running at the
//! same time into one folder each use their own temporaries and leave the
//! others' alone.

pub mod guard;

pub use guard::{PathError, UnsafeName, join_inside, safe_name, safe_relative};

use crate::i18n::Message;
use rayon::prelude::*;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

/// A temporary file older than this is a leftover even when its writer's
/// process id is alive again (taken by another process).
pub const LEFTOVER_AGE: Duration = Duration::from_secs(10 * 60);

/// Writes `bytes` to `path` atomically: a reader (or a crash) sees either
/// the old file or the new one, never a mix or a truncated file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_all_atomic(&[(path, bytes)]).map_err(|(_, error)| error)
}

/// Writes each file (its path and bytes) atomically, as [`write_atomic`]
/// does, the files side by side: each goes to its temporary and is flushed
/// to disk, the temporaries are renamed over their targets in order once
/// all are written, and each folder is synced once, which makes the renames
/// durable. When a file cannot be written none is renamed, so the reports
/// are left as they were; the error names the first such file. A rename
/// that fails (rare: the temporary lies beside its target) leaves the
/// files before it renamed and those after it as they were.
pub fn write_all_atomic(files: &[(&Path, &[u8])]) -> Result<(), (PathBuf, io::Error)> {
    let staged: Vec<io::Result<PathBuf>> = files
        .par_iter()
        .map(|&(path, bytes)| stage(path, bytes))
        .collect();
    let mut temps = Vec::with_capacity(staged.len());
    let mut failed = None;
    for (staged, &(path, _)) in staged.into_iter().zip(files) {
        match staged {
            Ok(temp) => temps.push(temp),
            Err(error) => failed = failed.or(Some((path.to_owned(), error))),
        }
    }
    if let Some(failed) = failed {
        remove_all(&temps);
        return Err(failed);
    }
    for (at, (temp, &(path, _))) in temps.iter().zip(files).enumerate() {
        if let Err(error) = fs::rename(temp, path) {
            remove_all(&temps[at..]);
            sync_folders(&files[..at]);
            return Err((path.to_owned(), error));
        }
    }
    sync_folders(files);
    Ok(())
}

/// Syncs the folder of each file once, which makes its rename durable.
fn sync_folders(files: &[(&Path, &[u8])]) {
    let mut folders: Vec<&Path> = files.iter().map(|&(path, _)| folder_of(path)).collect();
    folders.sort_unstable();
    folders.dedup();
    for folder in folders {
        // Not every system can sync a folder.
        if let Ok(folder) = File::open(folder) {
            let _ = folder.sync_all();
        }
    }
}

/// `bytes` written to a new temporary file beside `path` and flushed to
/// disk; the temporary's path, or the error (the temporary removed).
fn stage(path: &Path, bytes: &[u8]) -> io::Result<PathBuf> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = folder_of(path).join(temporary_name(&name));
    let written = File::create(&temp).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    match written {
        Ok(()) => Ok(temp),
        Err(error) => {
            let _ = fs::remove_file(&temp);
            Err(error)
        }
    }
}

/// The folder a file is written in.
fn folder_of(path: &Path) -> &Path {
    path.parent().unwrap_or(Path::new("."))
}

/// Removes temporaries that will not be renamed.
fn remove_all(temps: &[PathBuf]) {
    for temp in temps {
        let _ = fs::remove_file(temp);
    }
}

/// `.summary.md.PID-UNIQUE.tmp`: the writer's process id, so that others can
/// tell whether it still runs, and a part no other write of this process
/// (or of an earlier process with the same id) uses.
fn temporary_name(name: &str) -> String {
    static WRITES: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let count = WRITES.fetch_add(1, Ordering::Relaxed);
    format!(".{name}.{}-{count}x{nanos:x}.tmp", std::process::id())
}

/// The process id in a temporary file's name (`.summary.md.1234-0x5f.tmp`,
/// or `.summary.md.1234.tmp` as the first edition wrote them).
fn writer_of(file_name: &str) -> Option<u32> {
    let tag = file_name
        .strip_prefix('.')?
        .strip_suffix(".tmp")?
        .rsplit_once('.')?
        .1;
    let pid = tag.split_once('-').map_or(tag, |(pid, _)| pid);
    if pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

/// Whether the process that wrote a temporary file is gone: its id is not
/// running (where the system lists its processes under `/proc`), or the
/// file is older than [`LEFTOVER_AGE`].
fn writer_is_gone(pid: u32, modified: Option<SystemTime>) -> bool {
    let old = modified
        .and_then(|m| m.elapsed().ok())
        .is_some_and(|age| age > LEFTOVER_AGE);
    let proc = Path::new("/proc/self").exists();
    old || (proc && !Path::new(&format!("/proc/{pid}")).exists())
}

/// Removes the temporary files that killed builds left in `dir`; reports
/// themselves, and the temporaries of builds still running, are never
/// touched.
pub fn clear_leftovers(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = writer_of(&name) else {
            continue;
        };
        let modified = entry.metadata().and_then(|m| m.modified()).ok();
        if pid != std::process::id() && writer_is_gone(pid, modified) {
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
pub(crate) fn resolve(path: &Path) -> std::path::PathBuf {
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

    /// The names in `dir`, sorted.
    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn writes_every_file_or_changes_none() {
        let dir = tempfile::tempdir().unwrap();
        let (summary, ledger) = (dir.path().join("summary.md"), dir.path().join("ledger.md"));
        fs::write(&summary, "old summary").unwrap();
        fs::write(&ledger, "old ledger").unwrap();
        // A folder where the second report would go is a file: it cannot
        // be written, and neither report may change.
        let blocked = dir.path().join("blocked");
        fs::write(&blocked, "").unwrap();
        let inside = blocked.join("evaluation.md");
        let files: [(&Path, &[u8]); 3] = [
            (&summary, b"new summary"),
            (&inside, b"new evaluation"),
            (&ledger, b"new ledger"),
        ];
        let (path, _) = write_all_atomic(&files).unwrap_err();
        assert_eq!(path, inside);
        assert_eq!(fs::read_to_string(&summary).unwrap(), "old summary");
        assert_eq!(fs::read_to_string(&ledger).unwrap(), "old ledger");
        assert_eq!(names_in(dir.path()), ["blocked", "ledger.md", "summary.md"]);
        write_all_atomic(&[files[0], files[2]]).unwrap();
        assert_eq!(fs::read_to_string(&summary).unwrap(), "new summary");
        assert_eq!(fs::read_to_string(&ledger).unwrap(), "new ledger");
        assert_eq!(names_in(dir.path()), ["blocked", "ledger.md", "summary.md"]);
    }

    #[test]
    fn clears_only_the_temporaries_of_killed_builds() {
        let dir = tempfile::tempdir().unwrap();
        let mut alive = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .unwrap();
        let running = format!(".summary.md.{}-0x1.tmp", alive.id());
        for name in [
            ".summary.md.4242.tmp",
            ".ledger.md.4243-7x2a.tmp",
            running.as_str(),
            "summary.md",
            ".keep.tmp",
            "notes.tmp",
        ] {
            fs::write(dir.path().join(name), "x").unwrap();
        }
        clear_leftovers(dir.path());
        let _ = alive.kill();
        let _ = alive.wait();
        let mut names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        let mut expected = vec![
            running.clone(),
            ".keep.tmp".into(),
            "notes.tmp".into(),
            "summary.md".into(),
        ];
        expected.sort();
        assert_eq!(names, expected);
    }

    #[test]
    fn temporary_names_differ_and_name_their_writer() {
        let (a, b) = (temporary_name("summary.md"), temporary_name("summary.md"));
        assert_ne!(a, b);
        assert_eq!(writer_of(&a), Some(std::process::id()));
        assert_eq!(writer_of(".summary.md.4242.tmp"), Some(4242));
        assert_eq!(writer_of(".keep.tmp"), None);
        assert_eq!(writer_of(".a.x-1.tmp"), None);
    }
}
