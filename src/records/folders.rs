//! The folders of the record files a load reads, each opened once, so that
//! a file is opened by its name inside its folder: the system then looks
//! up one name, not every folder of its path again: a few percent of the
//! CPU time of a build of 100 000 records (BENCHMARKS.md). A file beyond
//! the paths given is opened by its whole path.

use std::fs;
use std::io;
use std::path::Path;

/// The folders holding a list of files, and which one holds each file.
pub struct Folders {
    /// Each folder's handle; none where the folder could not be opened,
    /// and then its files are opened by their whole path, which says why.
    #[cfg(unix)]
    opened: Vec<Option<std::os::fd::OwnedFd>>,
    /// For each file, its folder's place in `opened`.
    #[cfg(unix)]
    of_file: Vec<usize>,
}

impl Folders {
    /// Opens the folder of each of `paths`, once per folder.
    #[cfg(unix)]
    pub fn open<'a>(paths: impl Iterator<Item = &'a Path>) -> Folders {
        use rustix::fs::{Mode, OFlags};
        let mut places: std::collections::HashMap<&Path, usize> = Default::default();
        let mut opened = Vec::new();
        let of_file = paths
            .map(|path| {
                let folder = path.parent().unwrap_or(Path::new(""));
                *places.entry(folder).or_insert_with(|| {
                    let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
                    opened.push(rustix::fs::open(folder, flags, Mode::empty()).ok());
                    opened.len() - 1
                })
            })
            .collect();
        Folders { opened, of_file }
    }

    /// Where folders cannot be opened as handles, every file is opened by
    /// its whole path.
    #[cfg(not(unix))]
    pub fn open<'a>(_paths: impl Iterator<Item = &'a Path>) -> Folders {
        Folders {}
    }

    /// Opens the file at `path`, the `index`th of the paths given to
    /// [`Folders::open`] (or any file, past them), for reading, as
    /// [`fs::File::open`] would.
    #[cfg(unix)]
    pub fn file(&self, index: usize, path: &Path) -> io::Result<fs::File> {
        use rustix::fs::{Mode, OFlags};
        let folder = self
            .of_file
            .get(index)
            .and_then(|&at| self.opened[at].as_ref());
        match (folder, path.file_name()) {
            (Some(folder), Some(name)) => {
                let flags = OFlags::RDONLY | OFlags::CLOEXEC;
                let handle = rustix::fs::openat(folder, name, flags, Mode::empty())?;
                Ok(fs::File::from(handle))
            }
            _ => fs::File::open(path),
        }
    }

    /// Opens the file at `path` for reading.
    #[cfg(not(unix))]
    pub fn file(&self, _index: usize, path: &Path) -> io::Result<fs::File> {
        fs::File::open(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read as _;

    fn read(folders: &Folders, index: usize, path: &Path) -> io::Result<String> {
        let mut text = String::new();
        folders.file(index, path)?.read_to_string(&mut text)?;
        Ok(text)
    }

    #[test]
    fn files_are_opened_in_their_folders_each_folder_once_and_others_by_path() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("a/b"));
        fs::create_dir_all(&b).unwrap();
        let paths = [a.join("1.md"), b.join("2.md"), a.join("3.md")];
        for (n, path) in paths.iter().enumerate() {
            fs::write(path, format!("file {n}")).unwrap();
        }
        let folders = Folders::open(paths.iter().map(|p| p.as_path()));
        #[cfg(unix)]
        assert_eq!(
            (folders.opened.len(), &folders.of_file[..]),
            (2, &[0, 1, 0][..])
        );
        for (n, path) in paths.iter().enumerate() {
            assert_eq!(read(&folders, n, path).unwrap(), format!("file {n}"));
        }
        let past = b.join("4.md");
        fs::write(&past, "file 4").unwrap();
        assert_eq!(read(&folders, 3, &past).unwrap(), "file 4");
        let none = Folders::open(std::iter::empty());
        assert_eq!(read(&none, 0, &paths[1]).unwrap(), "file 1");
    }

    #[test]
    fn a_file_that_cannot_be_opened_fails_as_opening_its_whole_path_does() {
        let dir = tempfile::tempdir().unwrap();
        let gone = dir.path().join("gone");
        let paths = [gone.join("1.md"), dir.path().join("2.md")];
        let folders = Folders::open(paths.iter().map(|p| p.as_path()));
        for (n, path) in paths.iter().enumerate() {
            let ours = read(&folders, n, path).unwrap_err();
            let std = fs::File::open(path).unwrap_err();
            assert_eq!(ours.to_string(), std.to_string());
        }
    }
}
