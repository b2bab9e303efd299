//! `annals hook install`: run `annals check` before every commit of the
//! records, so that a broken record never enters the history.

use crate::i18n::Message;
use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Why no hook was installed.
#[derive(Debug)]
pub enum HookError {
    /// The records folder is not inside a git repository.
    NotGit(String),
    /// git itself could not be run (not installed, not on the PATH).
    NoGit(String),
    /// A pre-commit hook exists already; it is left alone.
    Exists(PathBuf),
    /// The hook could not be written.
    Io(PathBuf, io::Error),
}

impl HookError {
    /// What went wrong, to be put in the user's words.
    pub fn message(&self) -> Message {
        match self {
            HookError::NotGit(why) => Message::HookNotGit { why: why.clone() },
            HookError::NoGit(error) => Message::CannotRunGit {
                error: error.clone(),
            },
            HookError::Exists(path) => Message::HookExists {
                path: path.display().to_string(),
            },
            HookError::Io(path, e) => Message::CannotWrite {
                path: path.display().to_string(),
                error: e.to_string(),
            },
        }
    }
}

fn git(root: &Path, args: &[&str]) -> Result<String, HookError> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()
        .map_err(|e| HookError::NoGit(e.to_string()))?;
    if !output.status.success() {
        let why = String::from_utf8_lossy(&output.stderr).trim().to_owned();
        return Err(HookError::NotGit(why));
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// Writes `.git/hooks/pre-commit` of the repository holding `root`, running
/// `annals check` on the records folder. Never replaces an existing hook.
pub fn install(root: &Path) -> Result<PathBuf, HookError> {
    // `--git-path` answers relative to where git ran: the records folder,
    // which may be a subfolder of the repository.
    let hooks = git(root, &["rev-parse", "--git-path", "hooks"])?;
    let hooks = root.join(hooks);
    let prefix = git(root, &["rev-parse", "--show-prefix"])?;
    let folder = if prefix.is_empty() {
        ".".to_owned()
    } else {
        prefix
    };
    let script = format!(
        "#!/bin/sh\n# Installed by `annals hook install`: refuse a commit whose records do not pass `annals check`.\nexec annals --root '{}' check\n",
        folder.trim_end_matches('/').replace('\'', "'\\''")
    );
    std::fs::create_dir_all(&hooks).map_err(|e| HookError::Io(hooks.clone(), e))?;
    let path = hooks.join("pre-commit");
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match e.kind() {
            io::ErrorKind::AlreadyExists => HookError::Exists(path.clone()),
            _ => HookError::Io(path.clone(), e),
        })?;
    file.write_all(script.as_bytes())
        .map_err(|e| HookError::Io(path.clone(), e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))
            .map_err(|e| HookError::Io(path.clone(), e))?;
    }
    Ok(path)
}

/// The records' commit for a report's stamp: the short hash of HEAD, with
/// `-dirty` when the records folder has uncommitted changes; `None` outside git.
pub fn commit_stamp(root: &Path) -> Option<String> {
    let head = git(root, &["rev-parse", "--short", "HEAD"]).ok()?;
    let changes = git(root, &["status", "--porcelain", "--", ".", ":(exclude)out"]).ok()?;
    Some(if changes.is_empty() {
        head
    } else {
        format!("{head}-dirty")
    })
}
