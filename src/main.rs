//! The `annals` command: parses arguments, calls the library, prints, and
//! picks the exit code (0 success, 1 invalid records, 2 usage or I/O error).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use annals::commands::build::{self, Failure};
use annals::commands::import::{self, ImportError, ImportKind};
use annals::commands::new::NewKind;
use annals::commands::watch;
use annals::diagnostic::{self, Diagnostic};

/// Turn a folder of records kept in git into year-end reports.
#[derive(Parser)]
#[command(name = "annals", version, about, long_about = None)]
struct Cli {
    /// The records folder (the one holding annals.yaml).
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    root: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new records folder with an example of every record kind.
    ///
    /// Refuses a folder that is not empty.
    ///
    /// The year is `--year`, else a year in the folder's name
    /// (township-2025), else the current year.
    ///
    /// Example: annals init township-2025
    Init {
        /// The folder to create (or an empty one).
        dir: PathBuf,
        /// The reporting year of the new folder.
        #[arg(long, value_name = "YEAR", value_parser = parse_year)]
        year: Option<i32>,
    },
    /// Validate every record and print every problem found.
    ///
    /// Exits 1 when there is an error, 0 when there are only warnings.
    ///
    /// Example: annals --root township-2024 check
    Check {
        /// How to print the problems: for people, or JSON for editors and CI.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Validate, then render the reports into the output folder.
    ///
    /// Nothing is written when there is any error; each report is written
    /// through a temporary file and a rename.
    ///
    /// Example: annals --root township-2024 build --report summary --out /tmp/reports
    Build(BuildArgs),
    /// Build, then rebuild whenever a file under the root changes, until Ctrl-C.
    ///
    /// A rebuild with errors prints them and keeps the previous reports.
    ///
    /// Example: annals --root township-2024 watch
    Watch(WatchArgs),
    /// Build, serve the reports at http://127.0.0.1:PORT/ and rebuild on
    /// every change; an open page reloads itself.
    ///
    /// A rebuild with errors shows them on top of the page and keeps the
    /// last good reports. Listens on 127.0.0.1 only. Formats: html and docx
    /// unless --format is given (html is always built).
    ///
    /// Example: annals --root township-2024 serve --open
    Serve(ServeArgs),
    /// Write a new record from a commented skeleton and print its path.
    ///
    /// The file goes where the folder's conventions put it
    /// (pledges/2024/leifan.md, inspections/2024/2024-05-10-jindang.yaml …);
    /// an existing file is never overwritten (-2, -3 … are added).
    ///
    /// Example: annals new inspection --unit jindang --date 2024-05-10
    New {
        /// What to write.
        #[arg(value_enum)]
        kind: KindArg,
        /// The unit the record belongs to (pledge, inspection, appraisal).
        #[arg(long, value_name = "ID")]
        unit: Option<String>,
        /// The record's date (YYYY-MM-DD) [default: today].
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        date: Option<chrono::NaiveDate>,
    },
    /// Turn a spreadsheet kept today (a 承诺事项 list or a 整改台账, .xlsx or
    /// .csv) into record files at the paths `new` would use.
    ///
    /// Columns are found by their headers (单位/unit, 检查日期/date,
    /// 问题/issue, 整改状态/status …). Every row is checked first; nothing is
    /// written when any row is wrong, and no file is ever overwritten.
    ///
    /// Example: annals import inspections 整改台账.xlsx --sheet 2024年 --dry-run
    Import {
        /// What the sheet lists.
        #[arg(value_enum)]
        kind: ImportKindArg,
        /// The .xlsx or .csv file.
        file: PathBuf,
        /// The worksheet to read [default: the first].
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
        /// Print the files that would be written, and write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Show what needs attention on a day: open and overdue rectifications,
    /// pledge items due in the next 30 days, and each unit's rates.
    ///
    /// Example: annals status --as-of 2024-11-30
    Status {
        /// The day to look from (YYYY-MM-DD) [default: today].
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        as_of: Option<chrono::NaiveDate>,
        /// Look at this year's records instead of the one in annals.yaml.
        #[arg(long, value_name = "YEAR", value_parser = parse_year)]
        year: Option<i32>,
        /// Tables for people, or JSON for scripts.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Write JSON Schemas (draft-07) of annals.yaml, units.yaml and each
    /// record kind, for editors that complete and check YAML as it is typed.
    ///
    /// Files written by `init` and `new` name their schema in a first line
    /// `# yaml-language-server: $schema=…`.
    ///
    /// Example: annals --root township-2024 schema
    Schema {
        /// The folder to write them into [default: ROOT/.annals/schema].
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Git integration.
    #[command(subcommand)]
    Hook(HookCommand),
    /// Print a shell completion script.
    ///
    /// Example: annals completions bash > /etc/bash_completion.d/annals
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff).
    ///
    /// Example: annals man > annals.1 && man ./annals.1
    Man,
}

#[derive(Subcommand)]
enum HookCommand {
    /// Write .git/hooks/pre-commit running `annals check`; an existing hook is left alone.
    ///
    /// Example: annals --root township-2024 hook install
    Install,
}

/// What to build: shared by `build` and `watch`.
#[derive(clap::Args)]
struct BuildArgs {
    /// Report on this year instead of the one in annals.yaml.
    #[arg(long, value_name = "YEAR", value_parser = parse_year)]
    year: Option<i32>,
    /// Take the figures on this day (YYYY-MM-DD) instead of as_of.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    as_of: Option<chrono::NaiveDate>,
    /// Render only this report (repeatable): summary, evaluation, ledger or one of annals.yaml's reports.
    #[arg(long = "report", value_name = "NAME")]
    reports: Vec<String>,
    /// Output format (repeatable).
    #[arg(long = "format", value_enum, value_name = "FORMAT")]
    formats: Vec<OutputFormat>,
    /// The output folder [default: ROOT/out].
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Name the records' git commit (marked -dirty with uncommitted changes) in the reports.
    #[arg(long)]
    stamp: bool,
}

impl BuildArgs {
    fn options(self) -> build::Options {
        build::Options {
            year: self.year,
            as_of: self.as_of,
            reports: self.reports,
            formats: self.formats.into_iter().map(Into::into).collect(),
            out: self.out,
            stamp: self.stamp,
        }
    }
}

/// What to build and how to notice changes: shared by `watch` and `serve`.
#[derive(clap::Args)]
struct WatchArgs {
    #[command(flatten)]
    build: BuildArgs,
    /// Look at the files every half second instead of waiting for file
    /// events, which do not arrive from network shares and WSL's /mnt.
    #[arg(long)]
    poll: bool,
}

impl WatchArgs {
    fn notice(&self) -> watch::Notice {
        if self.poll {
            watch::Notice::Poll
        } else {
            watch::Notice::Events
        }
    }
}

/// What `serve` builds, and where it listens.
#[derive(clap::Args)]
struct ServeArgs {
    #[command(flatten)]
    watch: WatchArgs,
    /// The port on 127.0.0.1 (0: any free one).
    #[arg(long, default_value_t = 8000)]
    port: u16,
    /// Open the list of reports in the browser.
    #[arg(long)]
    open: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum KindArg {
    /// A public pledge (公开承诺).
    Pledge,
    /// An inspection (督办检查).
    Inspection,
    /// An honours ceremony (表彰).
    Honour,
    /// An appraisal (群众评议 / 领导点评).
    Appraisal,
    /// A narrative section for the summary.
    Narrative,
}

impl From<KindArg> for NewKind {
    fn from(k: KindArg) -> Self {
        match k {
            KindArg::Pledge => NewKind::Pledge,
            KindArg::Inspection => NewKind::Inspection,
            KindArg::Honour => NewKind::Honour,
            KindArg::Appraisal => NewKind::Appraisal,
            KindArg::Narrative => NewKind::Narrative,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum ImportKindArg {
    /// A 承诺事项 list: one pledge item a row.
    Pledges,
    /// A 整改台账: one finding a row.
    Inspections,
}

impl From<ImportKindArg> for ImportKind {
    fn from(k: ImportKindArg) -> Self {
        match k {
            ImportKindArg::Pledges => ImportKind::Pledges,
            ImportKindArg::Inspections => ImportKind::Inspections,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    /// Markdown, for git.
    Md,
    /// A self-contained HTML page, for screens and print.
    Html,
    /// A Word document in the style of Chinese official documents (公文).
    Docx,
    /// A workbook: every table of the report as a worksheet with typed cells.
    Xlsx,
}

impl From<OutputFormat> for build::Format {
    fn from(f: OutputFormat) -> Self {
        match f {
            OutputFormat::Md => build::Format::Md,
            OutputFormat::Html => build::Format::Html,
            OutputFormat::Docx => build::Format::Docx,
            OutputFormat::Xlsx => build::Format::Xlsx,
        }
    }
}

/// A reporting year: four digits, as annals.yaml's `year` (a usage error
/// otherwise, in every command).
fn parse_year(text: &str) -> Result<i32, String> {
    text.parse()
        .ok()
        .filter(|y| annals::records::model::YEARS.contains(y))
        .ok_or_else(|| {
            format!("`{text}` is not a reporting year; write it with four digits, for example 2024")
        })
}

fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is not a date written as YYYY-MM-DD"))
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// For people: messages with the source line (check), tables (status).
    Human,
    /// One JSON document, for editors, CI and scripts.
    Json,
}

const OK: u8 = 0;
const INVALID: u8 = 1;
const USAGE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Init { dir, year } => run_init(&dir, year),
        Command::Hook(HookCommand::Install) => match annals::git::install(&cli.root) {
            Ok(path) => {
                println!("wrote {}", path.display());
                OK
            }
            Err(e) => {
                eprintln!("error: {e}");
                USAGE
            }
        },
        Command::Completions { shell } => {
            use clap::CommandFactory;
            let mut command = Cli::command();
            clap_complete::generate(shell, &mut command, "annals", &mut std::io::stdout());
            OK
        }
        Command::Man => {
            use clap::CommandFactory;
            let man = clap_mangen::Man::new(Cli::command());
            if man.render(&mut std::io::stdout()).is_err() {
                USAGE
            } else {
                OK
            }
        }
        Command::New { kind, unit, date } => run_new(&cli.root, kind.into(), unit.as_deref(), date),
        Command::Schema { out } => {
            let dir = out.unwrap_or_else(|| cli.root.join(annals::commands::schema::DIR));
            match annals::commands::schema::write(&dir) {
                Ok(written) => {
                    for path in &written {
                        println!("wrote {}", path.display());
                    }
                    OK
                }
                Err(e) => {
                    eprintln!(
                        "error: cannot write the schemas into {}: {e}",
                        dir.display()
                    );
                    USAGE
                }
            }
        }
        Command::Import {
            kind,
            file,
            sheet,
            dry_run,
        } => {
            let options = import::Options {
                file: &file,
                sheet: sheet.as_deref(),
                dry_run,
            };
            run_import(&cli.root, kind.into(), options)
        }
        Command::Check { format } => run_check(&cli.root, format),
        Command::Status {
            as_of,
            year,
            format,
        } => run_status(&cli.root, as_of, year, format),
        Command::Build(args) => run_build(&cli.root, &args.options()),
        Command::Watch(args) => run_watch(&cli.root, args),
        Command::Serve(args) => run_serve(&cli.root, args),
    };
    ExitCode::from(code)
}

fn run_check(root: &std::path::Path, format: Format) -> u8 {
    let checked = match build::check_all(root) {
        Ok(checked) => checked,
        Err(e) => {
            eprintln!("error: {e}");
            return USAGE;
        }
    };
    match format {
        Format::Human => print_diagnostics(&checked.diagnostics, Some(checked.files.len())),
        Format::Json => {
            let doc = serde_json::json!({
                "diagnostics": checked.diagnostics,
                "errors": diagnostic::count(&checked.diagnostics, diagnostic::Severity::Error),
                "warnings": diagnostic::count(&checked.diagnostics, diagnostic::Severity::Warning),
                "files": checked.files.len(),
            });
            let mut out = std::io::stdout().lock();
            if serde_json::to_writer_pretty(&mut out, &doc).is_err() || writeln!(out).is_err() {
                return USAGE;
            }
        }
    }
    if checked.has_errors() { INVALID } else { OK }
}

fn run_init(dir: &std::path::Path, year: Option<i32>) -> u8 {
    let this_year = chrono::Datelike::year(&chrono::Local::now().date_naive());
    let year = annals::commands::init::year_for(dir, year, this_year);
    match annals::commands::init::init(dir, year) {
        Ok(written) => {
            for path in &written {
                println!("wrote {}", path.display());
            }
            println!(
                "next: edit {0}/annals.yaml and {0}/units.yaml, then run `annals --root {0} build`",
                dir.display()
            );
            OK
        }
        Err(e) => {
            eprintln!("error: {e}");
            USAGE
        }
    }
}

fn run_new(
    root: &std::path::Path,
    kind: NewKind,
    unit: Option<&str>,
    date: Option<chrono::NaiveDate>,
) -> u8 {
    let records = match annals::check::check(root) {
        Ok(checked) => checked.records,
        Err(e) => {
            eprintln!("error: {e}");
            return USAGE;
        }
    };
    let locale = records
        .config
        .as_ref()
        .map_or(Default::default(), |c| c.locale);
    let date = date.unwrap_or_else(|| chrono::Local::now().date_naive());
    match annals::commands::new::new_record(root, kind, unit, date, &records.units, locale) {
        Ok(path) => {
            println!("{}", path.display());
            OK
        }
        Err(e) => {
            eprintln!("error: {e}");
            USAGE
        }
    }
}

fn run_import(root: &std::path::Path, kind: ImportKind, options: import::Options) -> u8 {
    let records = match annals::check::check(root) {
        Ok(checked) => checked.records,
        Err(e) => {
            eprintln!("error: {e}");
            return USAGE;
        }
    };
    let folder = import::Folder {
        root,
        units: &records.units,
        locale: records
            .config
            .as_ref()
            .map_or_else(Default::default, |c| c.locale),
    };
    let imported = match import::import(folder, kind, options) {
        Ok(imported) => imported,
        Err(ImportError::Invalid(diagnostics)) => {
            print_diagnostics(&diagnostics, None);
            eprintln!("nothing was written");
            return INVALID;
        }
        Err(ImportError::Unreadable(message)) => {
            eprintln!("error: {message}");
            return USAGE;
        }
        Err(ImportError::Write(e)) => {
            eprintln!("error: {e}");
            return USAGE;
        }
        Err(ImportError::Unplaceable { rows, error }) => {
            let rows: Vec<String> = rows.iter().map(usize::to_string).collect();
            let label = if rows.len() == 1 { "row" } else { "rows" };
            eprintln!(
                "error: {label} {}: {error}\nnothing was written",
                rows.join(", ")
            );
            return INVALID;
        }
    };
    if let Some(encoding) = imported.encoding {
        eprintln!("note: read {} as {encoding}", options.file.display());
    }
    if !imported.ignored.is_empty() {
        eprintln!(
            "note: columns not imported: {}",
            imported.ignored.join(", ")
        );
    }
    for record in &imported.records {
        let rows = record
            .rows
            .iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        if options.dry_run {
            println!(
                "would write {} (rows {rows}):\n{}",
                record.path.display(),
                record.text
            );
        } else {
            println!("wrote {} (rows {rows})", record.path.display());
        }
    }
    let verb = if options.dry_run {
        "would make"
    } else {
        "made"
    };
    eprintln!(
        "{} data rows {verb} {} record files{}",
        imported.rows,
        imported.records.len(),
        if options.dry_run {
            "; nothing was written (--dry-run)"
        } else {
            ""
        }
    );
    OK
}

fn run_status(
    root: &std::path::Path,
    as_of: Option<chrono::NaiveDate>,
    year: Option<i32>,
    format: Format,
) -> u8 {
    let checked = match annals::check::check(root) {
        Ok(checked) => checked,
        Err(e) => {
            eprintln!("error: {e}");
            return USAGE;
        }
    };
    if checked.has_errors() {
        print_diagnostics(&checked.diagnostics, Some(checked.files.len()));
        eprintln!("fix the errors above to see the status");
        return INVALID;
    }
    let Some(config) = checked.records.config.as_ref() else {
        return INVALID;
    };
    let as_of = as_of.unwrap_or_else(|| chrono::Local::now().date_naive());
    let Some(period) = annals::compute::period::Period::new(config, year, Some(as_of)) else {
        eprintln!("error: no such year");
        return USAGE;
    };
    let status = annals::commands::status::status(&checked.records, period);
    let mut out = std::io::stdout().lock();
    let written = match format {
        Format::Human => {
            let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            out.write_all(annals::commands::status::render(&status, 80, color).as_bytes())
        }
        Format::Json => serde_json::to_writer_pretty(&mut out, &status)
            .map_err(std::io::Error::other)
            .and_then(|()| writeln!(out)),
    };
    if written.is_err() { USAGE } else { OK }
}

fn run_watch(root: &std::path::Path, args: WatchArgs) -> u8 {
    let notice = args.notice();
    let options = args.build.options();
    let Some((watcher, _)) = start_watching(root, &options, notice) else {
        return USAGE;
    };
    eprintln!("watching {} (Ctrl-C to stop)", root.display());
    let mut code = OK;
    watch::rebuild_until_stopped(root, &options, &watcher, |rebuild| {
        let flow = print_rebuild(&rebuild);
        if flow.is_break() {
            code = USAGE;
        }
        flow
    });
    if code == OK {
        eprintln!("stopped");
    }
    code
}

fn run_serve(root: &std::path::Path, args: ServeArgs) -> u8 {
    let notice = args.watch.notice();
    let mut options = args.watch.build.options();
    if options.formats.is_empty() {
        options.formats = vec![build::Format::Html, build::Format::Docx];
    } else if !options.formats.contains(&build::Format::Html) {
        options.formats.insert(0, build::Format::Html);
    }
    let listener = match std::net::TcpListener::bind((std::net::Ipv4Addr::LOCALHOST, args.port)) {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("error: cannot listen on 127.0.0.1:{}: {e}", args.port);
            return USAGE;
        }
    };
    let url = match listener.local_addr() {
        Ok(address) => format!("http://{address}/"),
        Err(e) => {
            eprintln!("error: {e}");
            return USAGE;
        }
    };
    let Some((watcher, stop)) = start_watching(root, &options, notice) else {
        return USAGE;
    };
    eprintln!("serving {url} (Ctrl-C to stop)");
    if args.open {
        open_in_browser(&url);
    }
    let mut code = OK;
    let served =
        annals::commands::serve::serve(root, &options, watcher, stop, listener, |rebuild| {
            let flow = print_rebuild(rebuild);
            if flow.is_break() {
                code = USAGE;
            }
            flow
        });
    if let Err(e) = served {
        eprintln!("error: {e}");
        return USAGE;
    }
    if code == OK {
        eprintln!("stopped");
    }
    code
}

/// Prints one rebuild of `watch` or `serve`: its warnings or errors and a
/// line with the time. Breaks when the options themselves are wrong.
fn print_rebuild(rebuild: &watch::Rebuild) -> std::ops::ControlFlow<()> {
    let now = chrono::Local::now().format("%H:%M:%S");
    let ms = rebuild.took.as_millis();
    match &rebuild.result {
        Ok(built) => {
            print_diagnostics(&built.warnings, None);
            eprintln!("[{now}] built {} files in {ms} ms", built.written.len());
        }
        Err(Failure::Invalid(diagnostics)) => {
            print_diagnostics(diagnostics, None);
            let errors = diagnostic::count(diagnostics, diagnostic::Severity::Error);
            eprintln!("[{now}] {errors} error(s): the previous reports are kept");
        }
        Err(Failure::Load(e)) => eprintln!("[{now}] error: {e}"),
        Err(Failure::Usage(message)) => {
            eprintln!("error: {message}");
            return std::ops::ControlFlow::Break(());
        }
        Err(Failure::Io(message)) => eprintln!("[{now}] error: {message}"),
    }
    std::ops::ControlFlow::Continue(())
}

/// Opens `url` in the desktop's browser; says so when it cannot.
fn open_in_browser(url: &str) {
    let mut opener = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut start = std::process::Command::new("cmd");
        start.args(["/C", "start", ""]);
        start
    } else {
        std::process::Command::new("xdg-open")
    };
    if let Err(e) = opener.arg(url).spawn() {
        eprintln!("cannot open a browser ({e}); open {url} yourself");
    }
}

/// Checks the output folder, starts the watcher and makes Ctrl-C stop it;
/// `None` (after printing why) when any of that fails. The sender stops the
/// watcher too.
fn start_watching(
    root: &std::path::Path,
    options: &build::Options,
    notice: watch::Notice,
) -> Option<(watch::Watcher, std::sync::mpsc::Sender<watch::Signal>)> {
    let out = options.out.clone().unwrap_or_else(|| root.join("out"));
    if let Err(message) = annals::output::check_out(root, &out) {
        eprintln!("error: {message}");
        return None;
    }
    let (watcher, stop) = match watch::Watcher::start(root, &out, notice) {
        Ok(started) => started,
        Err(e) => {
            eprintln!("error: {e}");
            return None;
        }
    };
    let interrupt = stop.clone();
    if let Err(e) = ctrlc::set_handler(move || {
        let _ = interrupt.send(watch::Signal::Stop);
    }) {
        eprintln!("error: cannot catch Ctrl-C: {e}");
        return None;
    }
    Some((watcher, stop))
}

fn run_build(root: &std::path::Path, options: &build::Options) -> u8 {
    match build::build(root, options) {
        Ok(built) => {
            print_diagnostics(&built.warnings, None);
            for path in &built.written {
                println!("wrote {}", path.display());
            }
            OK
        }
        Err(Failure::Invalid(diagnostics)) => {
            print_diagnostics(&diagnostics, None);
            eprintln!("nothing was written");
            INVALID
        }
        Err(Failure::Load(e)) => {
            eprintln!("error: {e}");
            USAGE
        }
        Err(Failure::Usage(message) | Failure::Io(message)) => {
            eprintln!("error: {message}");
            USAGE
        }
    }
}

/// Prints diagnostics and the count line to stderr, coloured on a terminal
/// unless NO_COLOR is set.
fn print_diagnostics(diagnostics: &[Diagnostic], files: Option<usize>) {
    let stderr = std::io::stderr();
    let color = stderr.is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut err = stderr.lock();
    for d in diagnostics {
        let _ = writeln!(err, "{}\n", d.render(color));
    }
    if let Some(files) = files {
        let _ = writeln!(err, "{}", diagnostic::summary(diagnostics, files));
    }
}
