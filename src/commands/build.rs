//! `annals build` and the template half of `annals check`: validate, render
//! every report in memory, and only then write them, atomically.

use std::fs;
use std::path::{Path, PathBuf};

use crate::check::{self, Checked};
use crate::compute::period::Period;
use crate::diagnostic::{Diagnostic, Severity};
pub use crate::formats::Format;
use crate::i18n::Message;
use crate::output;
use crate::records::load::{self, LoadError};
use crate::records::model::Date;
use crate::render::report::{self, Report};
use crate::render::templates::{Compiled, Templates};

/// What `build` was asked for.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Report on this year instead of the configured one.
    pub year: Option<i32>,
    /// Take the figures on this day.
    pub as_of: Option<Date>,
    /// Only these reports (all when empty).
    pub reports: Vec<String>,
    /// These formats (Markdown when empty).
    pub formats: Vec<Format>,
    /// The output folder (default `<root>/out`).
    pub out: Option<PathBuf>,
    /// Name the records' git commit in the reports.
    pub stamp: bool,
}

/// Why a build wrote nothing.
#[derive(Debug)]
pub enum Failure {
    /// The root is not a records folder.
    Load(LoadError),
    /// Records or templates have errors; every diagnostic, warnings included.
    Invalid(Vec<Diagnostic>),
    /// The options ask for something that does not exist.
    Usage(Message),
    /// A report could not be written.
    Io(Message),
}

/// A successful build.
#[derive(Debug)]
pub struct Built {
    /// The files written, in order.
    pub written: Vec<PathBuf>,
    /// Warnings found on the way.
    pub warnings: Vec<Diagnostic>,
}

/// Checks records and templates: every diagnostic `annals check` prints.
pub fn check_all(root: &Path) -> Result<Checked, LoadError> {
    let mut checked = check::check(root)?;
    if checked.has_errors() {
        return Ok(checked);
    }
    if let Some(config) = checked.records.config.clone() {
        match Period::new(&config, None, None) {
            Some(period) => {
                let reports = report::all(&config);
                // Compiled once for the reports and the layout; templates
                // that do not compile are left to the render, which says why.
                let templates = Templates::load(root, config.locale).ok();
                let mut job = report::Job::checking(root, &checked, &config, period, &reports);
                job.templates = templates.as_ref();
                match (report::render(&job), &templates) {
                    // The html layout once, on a short page: converting every
                    // report to html would only repeat work build does.
                    (Ok(_), Some(templates)) => {
                        if let Err(problem) = layout_check(templates, &config, period) {
                            checked.diagnostics.push(problem);
                        }
                    }
                    (Ok(_), None) => {}
                    (Err(mut problems), _) => checked.diagnostics.append(&mut problems),
                }
            }
            None => checked.diagnostics.push(no_period()),
        }
    }
    Ok(checked)
}

/// Renders the html layout around a one-line page, to find its errors.
fn layout_check(
    templates: &Templates,
    config: &crate::records::model::Config,
    period: Period,
) -> Result<(), Diagnostic> {
    let document = crate::document::read("# check");
    crate::render::report::html_page(templates, &document, "check", config, period.year, None)
        .map(drop)
}

fn no_period() -> Diagnostic {
    Diagnostic::file(Severity::Error, load::CONFIG_FILE, Message::NoPeriod)
}

/// Validates, renders every requested report, then writes them all: the
/// one build of an `annals build` process, which ends right after it.
pub fn build(root: &Path, options: &Options) -> Result<Built, Failure> {
    let mut checked = check::check(root).map_err(Failure::Load)?;
    // The record files are freed on another thread while the reports are
    // made, which reuse their memory (here, when no thread can be started:
    // a closure that cannot run is dropped with what it holds).
    let sources = checked.take_record_sources();
    let _ = std::thread::Builder::new().spawn(move || drop(sources));
    let built = write(root, options, &mut checked, Afterwards::Leave, None);
    std::mem::forget(checked);
    built
}

/// What a process that builds one root again and again (`watch`, `serve`)
/// keeps from one build to the next.
#[derive(Default)]
pub struct Kept {
    /// The records read, which the next build reads again only where their
    /// files changed.
    pub records: load::Cache,
    /// The templates compiled, which the next build compiles again only
    /// when they or the language changed.
    templates: Compiled,
}

/// Like [`build`], reading again only the records changed since the last
/// call with the same [`Kept`], and compiling the templates again only when
/// they changed (for `watch`).
pub fn build_cached(root: &Path, options: &Options, kept: &mut Kept) -> Result<Built, Failure> {
    let mut checked = check::check_cached(root, &mut kept.records).map_err(Failure::Load)?;
    let templates = Some(&mut kept.templates);
    let built = write(root, options, &mut checked, Afterwards::Free, templates);
    kept.records.keep(checked.into_loaded());
    built
}

/// What becomes of the records and reports once the reports are written.
enum Afterwards {
    /// The reports freed and the records kept, for a process that builds
    /// again (`watch`, `serve`).
    Free,
    /// Left to the operating system, which reclaims a process's memory at
    /// once when it ends, instead of freeing it one allocation at a time (a
    /// tenth of a second at 100 000 record files).
    Leave,
}

fn write(
    root: &Path,
    options: &Options,
    checked: &mut Checked,
    afterwards: Afterwards,
    templates: Option<&mut Compiled>,
) -> Result<Built, Failure> {
    if checked.has_errors() {
        return Err(Failure::Invalid(std::mem::take(&mut checked.diagnostics)));
    }
    let Some(config) = checked.records.config.as_ref() else {
        return Err(Failure::Invalid(std::mem::take(&mut checked.diagnostics)));
    };
    let period = Period::new(config, options.year, options.as_of)
        .ok_or_else(|| Failure::Invalid(vec![no_period()]))?;
    let reports = select(&report::all(config), &options.reports)?;
    let out = options.out.clone().unwrap_or_else(|| root.join("out"));
    output::check_out(root, &out).map_err(Failure::Usage)?;
    let stamp = (options.stamp || config.stamp)
        .then(|| crate::git::commit_stamp(root))
        .flatten();
    // Each format once, in the order asked: a format asked for twice is
    // the same files.
    let mut formats: Vec<Format> = Vec::new();
    for &format in &options.formats {
        if !formats.contains(&format) {
            formats.push(format);
        }
    }
    if formats.is_empty() {
        formats.push(Format::Md);
    }
    let job = report::Job {
        root,
        checked: &*checked,
        config,
        period,
        stamp: stamp.as_deref(),
        reports: &reports,
        formats: &formats,
        templates: templates.and_then(|kept| kept.get(root, config.locale)),
    };
    let documents = report::render(&job).map_err(|mut d| {
        let mut all = checked.diagnostics.clone();
        all.append(&mut d);
        Failure::Invalid(all)
    })?;
    // Every path first: a name the guard refuses stops the build before
    // anything is written.
    let paths = documents
        .iter()
        .map(|document| output::join_inside(&out, &[&document.file]))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| {
            Failure::Io(Message::CannotWriteReport {
                reason: e.message().boxed(),
            })
        })?;
    fs::create_dir_all(&out).map_err(|e| {
        Failure::Io(Message::CannotCreate {
            path: out.display().to_string(),
            error: e.to_string(),
        })
    })?;
    output::clear_leftovers(&out);
    let files: Vec<(&Path, &[u8])> = paths
        .iter()
        .zip(&documents)
        .map(|(path, document)| (path.as_path(), document.bytes.as_slice()))
        .collect();
    output::write_all_atomic(&files).map_err(|(path, e)| {
        Failure::Io(Message::CannotWrite {
            path: path.display().to_string(),
            error: e.to_string(),
        })
    })?;
    let built = Built {
        written: paths,
        warnings: std::mem::take(&mut checked.diagnostics),
    };
    if let Afterwards::Leave = afterwards {
        std::mem::forget(documents);
    }
    Ok(built)
}

/// The reports named in `wanted`, in the order asked; all when empty.
fn select(all: &[Report], wanted: &[String]) -> Result<Vec<Report>, Failure> {
    if wanted.is_empty() {
        return Ok(all.to_vec());
    }
    wanted
        .iter()
        .map(|name| {
            all.iter()
                .find(|r| &r.name == name)
                .cloned()
                .ok_or_else(|| {
                    Failure::Usage(Message::NoSuchReport {
                        name: name.clone(),
                        reports: all.iter().map(|r| r.name.clone()).collect(),
                    })
                })
        })
        .collect()
}
