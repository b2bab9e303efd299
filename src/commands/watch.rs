//! `annals watch`: wait for changes under the root and say when a rebuild is
//! due. Changes are debounced (an editor's save is several events), and
//! changes under the output folder or `.git/` are not changes to records.

use crate::i18n::Message;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

/// How long the files must be quiet before a rebuild.
pub const DEBOUNCE: Duration = Duration::from_millis(25);

/// What the watcher hears.
pub enum Signal {
    /// Something changed on disk.
    Files(DebounceEventResult),
    /// Stop watching (Ctrl-C).
    Stop,
}

/// Watches a records folder.
pub struct Watcher {
    signals: Receiver<Signal>,
    ignored: Vec<PathBuf>,
    _debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
}

impl Watcher {
    /// Starts watching `root`, ignoring changes under `out` and `.git/`.
    /// The returned sender stops the watcher when sent [`Signal::Stop`].
    pub fn start(root: &Path, out: &Path) -> Result<(Watcher, Sender<Signal>), Message> {
        let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_owned());
        // Events come with absolute paths: compare them with absolute ones.
        std::fs::create_dir_all(out).map_err(|e| Message::CannotCreate {
            path: out.display().to_string(),
            error: e.to_string(),
        })?;
        let root = &canonical(root);
        let (tx, signals) = mpsc::channel();
        let forward = tx.clone();
        let mut debouncer = new_debouncer(DEBOUNCE, None, move |result| {
            let _ = forward.send(Signal::Files(result));
        })
        .map_err(|e| cannot_watch(root, &e))?;
        debouncer
            .watch(root, RecursiveMode::Recursive)
            .map_err(|e| cannot_watch(root, &e))?;
        let ignored = vec![canonical(out), canonical(&root.join(".git"))];
        let watcher = Watcher {
            signals,
            ignored,
            _debouncer: debouncer,
        };
        Ok((watcher, tx))
    }

    /// Blocks until a change that calls for a rebuild; `false` once stopped.
    pub fn wait(&self) -> bool {
        loop {
            match self.signals.recv() {
                Ok(Signal::Files(Ok(events))) => {
                    // Reading the records (the build itself) is not a change.
                    let relevant = events
                        .iter()
                        .filter(|e| !e.kind.is_access() && !e.kind.is_other())
                        .flat_map(|e| &e.paths)
                        .any(|p| !self.is_ignored(p));
                    if relevant {
                        return self.drain();
                    }
                }
                Ok(Signal::Files(Err(_))) => return true,
                Ok(Signal::Stop) | Err(_) => return false,
            }
        }
    }

    /// Takes the changes that piled up during the last build: one rebuild
    /// covers them all. `false` when a stop was among them.
    fn drain(&self) -> bool {
        loop {
            match self.signals.try_recv() {
                Ok(Signal::Files(_)) => continue,
                Ok(Signal::Stop) => return false,
                Err(_) => return true,
            }
        }
    }

    fn is_ignored(&self, path: &Path) -> bool {
        self.ignored.iter().any(|i| path.starts_with(i))
    }
}

fn cannot_watch(root: &Path, error: &notify::Error) -> Message {
    Message::CannotWatch {
        path: root.display().to_string(),
        error: error.to_string(),
    }
}
