//! `annals watch` and the engine under `annals serve`: wait for changes under
//! the root and rebuild. Changes are debounced (an editor's save is several
//! events), and changes under the output folder or `.git/` are not changes to
//! records.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

use notify::{PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{
    DebounceEventHandler, DebounceEventResult, Debouncer, RecommendedCache, new_debouncer_opt,
};

use crate::commands::build::{self, Built, Failure};
use crate::i18n::Message;

/// How long the files must be quiet before a rebuild: an editor's save is
/// over within a few milliseconds (its calls follow one another within a
/// millisecond; a rename over the file is one event). A save that pauses
/// longer is rebuilt twice, the second time from the whole file.
pub const DEBOUNCE: Duration = Duration::from_millis(10);

/// How often the debouncer looks whether the files have been quiet long
/// enough; a rebuild starts at most this long after [`DEBOUNCE`].
const TICK: Duration = Duration::from_millis(3);

/// How often `--poll` looks at every file: native file events do not arrive
/// from network shares or WSL's `/mnt`, so there the watcher reads the files
/// (modification times count whole seconds, too coarse for two quick saves).
pub const POLL_INTERVAL: Duration = Duration::from_millis(500);

/// How changes are noticed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// The operating system's file events (inotify, FSEvents …).
    Events,
    /// Looking at every file (time and contents) every [`POLL_INTERVAL`].
    Poll,
}

/// The debouncer that keeps sending events while it lives.
enum Source {
    Events(Debouncer<RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<PollWatcher, RecommendedCache>),
}

impl Source {
    fn start(notice: Notice, handler: impl DebounceEventHandler) -> notify::Result<Source> {
        let cache = RecommendedCache::new();
        Ok(match notice {
            Notice::Events => Source::Events(new_debouncer_opt(
                DEBOUNCE,
                Some(TICK),
                handler,
                cache,
                notify::Config::default(),
            )?),
            Notice::Poll => Source::Poll(new_debouncer_opt(
                DEBOUNCE,
                Some(TICK),
                handler,
                cache,
                notify::Config::default()
                    .with_poll_interval(POLL_INTERVAL)
                    .with_compare_contents(true),
            )?),
        })
    }

    fn watch(&mut self, root: &Path) -> notify::Result<()> {
        match self {
            Source::Events(d) => d.watch(root, RecursiveMode::Recursive),
            Source::Poll(d) => d.watch(root, RecursiveMode::Recursive),
        }
    }
}

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
    _source: Source,
}

impl Watcher {
    /// Starts watching `root`, ignoring changes under `out` and `.git/`.
    /// The returned sender stops the watcher when sent [`Signal::Stop`].
    pub fn start(
        root: &Path,
        out: &Path,
        notice: Notice,
    ) -> Result<(Watcher, Sender<Signal>), Message> {
        let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_owned());
        // Events come with absolute paths: compare them with absolute ones.
        std::fs::create_dir_all(out).map_err(|e| Message::CannotCreate {
            path: out.display().to_string(),
            error: e.to_string(),
        })?;
        let root = &canonical(root);
        let (tx, signals) = mpsc::channel();
        let forward = tx.clone();
        let mut source = Source::start(notice, move |result| {
            let _ = forward.send(Signal::Files(result));
        })
        .map_err(|e| cannot_watch(root, &e))?;
        source.watch(root).map_err(|e| cannot_watch(root, &e))?;
        let ignored = vec![canonical(out), canonical(&root.join(".git"))];
        let watcher = Watcher {
            signals,
            ignored,
            _source: source,
        };
        Ok((watcher, tx))
    }

    /// Blocks until a change that calls for a rebuild, and says what
    /// changed; `None` once stopped.
    pub fn wait(&self) -> Option<Change> {
        loop {
            let change = match self.signals.recv() {
                Ok(Signal::Files(result)) => self.change(result),
                Ok(Signal::Stop) | Err(_) => return None,
            };
            if let Some(change) = change {
                return self.drain(change);
            }
        }
    }

    /// What one batch of events changed; nothing when every event is the
    /// build's own reading of the records or lies under an ignored folder.
    fn change(&self, result: DebounceEventResult) -> Option<Change> {
        let Ok(events) = result else {
            return Some(Change::Unknown);
        };
        if events.iter().any(|e| e.need_rescan()) {
            return Some(Change::Unknown);
        }
        let paths: Vec<PathBuf> = events
            .iter()
            .filter(|e| !e.kind.is_access() && !e.kind.is_other())
            .flat_map(|e| e.paths.iter())
            .filter(|p| !self.is_ignored(p))
            .cloned()
            .collect();
        (!paths.is_empty()).then_some(Change::Files(paths))
    }

    /// Takes the changes that piled up during the last build: one rebuild
    /// covers them all. `None` when a stop was among them.
    fn drain(&self, mut change: Change) -> Option<Change> {
        loop {
            match self.signals.try_recv() {
                Ok(Signal::Files(result)) => {
                    if let Some(more) = self.change(result) {
                        change = change.and(more);
                    }
                }
                Ok(Signal::Stop) => return None,
                Err(_) => return Some(change),
            }
        }
    }

    fn is_ignored(&self, path: &Path) -> bool {
        self.ignored.iter().any(|i| path.starts_with(i))
    }
}

/// What changed since the last build.
pub enum Change {
    /// These files (absolute paths), and nothing else the watcher heard of.
    Files(Vec<PathBuf>),
    /// Something the watcher cannot name (its events were lost).
    Unknown,
}

impl Change {
    /// Both changes at once.
    fn and(self, other: Change) -> Change {
        match (self, other) {
            (Change::Files(mut a), Change::Files(b)) => {
                a.extend(b);
                Change::Files(a)
            }
            _ => Change::Unknown,
        }
    }
}

/// One build of a watched folder.
pub struct Rebuild {
    /// What the build gave.
    pub result: Result<Built, Failure>,
    /// How long it took.
    pub took: Duration,
}

/// Builds, then rebuilds after every change the watcher reports, until it is
/// stopped or `each` breaks. Records unchanged since the last build are not
/// read again, and when the watcher names only files already known the
/// folder is not listed again either; the templates are compiled again
/// only when they or the language change. `watch` prints each [`Rebuild`];
/// `serve` publishes it.
pub fn rebuild_until_stopped(
    root: &Path,
    options: &build::Options,
    watcher: &Watcher,
    mut each: impl FnMut(Rebuild) -> ControlFlow<()>,
) {
    let mut kept = build::Kept::default();
    loop {
        let started = Instant::now();
        let result = build::build_cached(root, options, &mut kept);
        let rebuild = Rebuild {
            result,
            took: started.elapsed(),
        };
        if each(rebuild).is_break() {
            return;
        }
        match watcher.wait() {
            None => return,
            // Only known files changed: the next build need not list the
            // folder and look at every file again.
            Some(Change::Files(paths)) => kept.records.changed(paths),
            Some(Change::Unknown) => {}
        }
    }
}

fn cannot_watch(root: &Path, error: &notify::Error) -> Message {
    Message::CannotWatch {
        path: root.display().to_string(),
        error: error.to_string(),
    }
}
