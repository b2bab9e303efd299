//! `annals serve`: a live preview. The reports are rebuilt by the engine of
//! `watch` on a thread of their own; each build is published to an HTTP
//! server on 127.0.0.1 (axum on a one-thread tokio runtime), whose pages
//! reload themselves over Server-Sent Events. A failed build keeps the last
//! good reports and shows its diagnostics on top of every page.
//!
//! Only what the last good build wrote is served, looked up by its file
//! name: no path from a request ever reaches the file system.

mod page;
mod routes;

use std::collections::BTreeMap;
use std::net::TcpListener;
use std::ops::ControlFlow;
use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::Sender;

use tokio::sync::watch as channel;

use crate::commands::build::{self, Failure};
use crate::commands::watch::{self, Rebuild, Signal, Watcher};
use crate::diagnostic::Severity;
use crate::i18n::{Lang, Message};

/// One file of a report, held in memory as the last good build wrote it.
#[derive(Debug, Clone)]
pub struct Served {
    /// The file's extension (`html`, `docx` …).
    pub format: String,
    /// Its bytes.
    pub bytes: Arc<Vec<u8>>,
}

/// What the server shows: the last good build, and the errors of the
/// build after it, if that one failed.
#[derive(Debug, Clone, Default)]
pub struct Site {
    /// Every report by name, each with its formats in the order written.
    pub reports: BTreeMap<String, Vec<Served>>,
    /// When the last good build finished, for the index page.
    pub built_at: Option<String>,
    /// The last build's errors, as `check` prints them (file:line:col, the
    /// line, the hint); empty when it succeeded.
    pub errors: Vec<String>,
    /// Counts good builds, so that a page can tell it is out of date.
    pub generation: u64,
    /// The language of the index page.
    pub lang: Lang,
}

impl Site {
    /// The site after `rebuild`: its reports when it succeeded, else these
    /// reports with its errors, in `lang`.
    fn after(&self, rebuild: &Rebuild, lang: Lang) -> Site {
        let failed = |errors: Vec<String>| Site {
            errors,
            ..self.clone()
        };
        let error = |message: Message| {
            let line = Message::ErrorLine {
                message: message.boxed(),
            };
            vec![line.text(lang)]
        };
        match &rebuild.result {
            Ok(built) => match read_reports(&built.written) {
                Ok(reports) => Site {
                    reports,
                    built_at: Some(chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string()),
                    errors: Vec::new(),
                    generation: self.generation + 1,
                    lang,
                },
                Err(message) => failed(error(message)),
            },
            Err(Failure::Invalid(diagnostics)) => failed(
                diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .map(|d| d.render(false, lang))
                    .collect(),
            ),
            Err(Failure::Load(e)) => failed(error(e.message().clone())),
            Err(Failure::Usage(message) | Failure::Io(message)) => failed(error(message.clone())),
        }
    }
}

fn read_reports(written: &[std::path::PathBuf]) -> Result<BTreeMap<String, Vec<Served>>, Message> {
    let mut reports: BTreeMap<String, Vec<Served>> = BTreeMap::new();
    for path in written {
        let (Some(name), Some(format)) = (path.file_stem(), path.extension()) else {
            continue;
        };
        let bytes = std::fs::read(path).map_err(|e| Message::CannotReadPath {
            path: path.display().to_string(),
            error: e.to_string(),
        })?;
        reports
            .entry(name.to_string_lossy().into_owned())
            .or_default()
            .push(Served {
                format: format.to_string_lossy().into_owned(),
                bytes: Arc::new(bytes),
            });
    }
    Ok(reports)
}

/// Serves the reports of `root` on `listener` (bound to 127.0.0.1), building
/// them first and again after every change `watcher` reports, until the
/// watcher is stopped (Ctrl-C). `each` sees every build first (to print it)
/// and may end the preview; `stop` stops the watcher if the server fails.
/// Build errors are shown on the pages in `lang`.
#[allow(clippy::too_many_arguments)]
pub fn serve(
    root: &Path,
    lang: Lang,
    options: &build::Options,
    watcher: Watcher,
    stop: Sender<Signal>,
    listener: TcpListener,
    each: impl FnMut(&Rebuild) -> ControlFlow<()> + Send,
) -> Result<(), Message> {
    let (publish, site) = channel::channel(Arc::new(Site {
        lang,
        ..Site::default()
    }));
    std::thread::scope(|scope| {
        scope.spawn(move || rebuild(root, lang, options, watcher, publish, each));
        let served = run_server(listener, site);
        if served.is_err() {
            let _ = stop.send(Signal::Stop);
        }
        served
    })
}

/// The rebuild thread: publishes every build; returning drops `publish`,
/// which ends the event streams and then the server.
fn rebuild(
    root: &Path,
    lang: Lang,
    options: &build::Options,
    watcher: Watcher,
    publish: channel::Sender<Arc<Site>>,
    mut each: impl FnMut(&Rebuild) -> ControlFlow<()>,
) {
    watch::rebuild_until_stopped(root, options, &watcher, |rebuild| {
        let current = Arc::clone(&publish.borrow());
        let next = current.after(&rebuild, lang);
        publish.send_replace(Arc::new(next));
        each(&rebuild)
    });
}

fn run_server(listener: TcpListener, site: channel::Receiver<Arc<Site>>) -> Result<(), Message> {
    let cannot_serve = |e: std::io::Error| Message::ServeCannotServe {
        error: e.to_string(),
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Message::ServeCannotStart {
            error: e.to_string(),
        })?;
    runtime.block_on(async move {
        listener.set_nonblocking(true).map_err(cannot_serve)?;
        let listener = tokio::net::TcpListener::from_std(listener).map_err(cannot_serve)?;
        let mut closed = site.clone();
        let app = routes::app(site);
        axum::serve(listener, app)
            .with_graceful_shutdown(async move { while closed.changed().await.is_ok() {} })
            .await
            .map_err(|e| Message::ServeStopped {
                error: e.to_string(),
            })
    })
}
