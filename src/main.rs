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
use annals::i18n::{Lang, Message};

/// Turn a folder of records kept in git into year-end reports.
#[derive(Parser)]
#[command(name = "annals", version, about, long_about = None)]
struct Cli {
    /// The records folder (the one holding annals.yaml).
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    root: PathBuf,
    /// The language of messages: zh-CN or en [default: the folder's locale,
    /// else LC_ALL / LC_MESSAGES / LANG].
    #[arg(long, global = true, value_name = "LANG", value_parser = parse_lang)]
    lang: Option<Lang>,
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

fn parse_lang(text: &str) -> Result<Lang, String> {
    Lang::parse(text)
        .ok_or_else(|| format!("`{text}` is not a language annals speaks: zh-CN or en"))
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

/// Who is spoken to, and in which language: `--lang`, else the folder's
/// `locale`, else the environment (SPEC §4).
#[derive(Clone)]
struct Speaker {
    root: PathBuf,
    flag: Option<Lang>,
}

impl Speaker {
    /// The language to speak; annals.yaml is read again each time, so that
    /// `watch` follows a change of `locale`.
    fn lang(&self) -> Lang {
        let folder = match self.flag {
            Some(_) => None,
            None => annals::records::load::stated_lang(&self.root),
        };
        Lang::choose(self.flag, folder)
    }

    /// The language before any folder is read (`init`).
    fn early_lang(&self) -> Lang {
        Lang::choose(self.flag, None)
    }

    /// Prints `message` on stdout.
    fn say(&self, lang: Lang, message: Message) {
        println!("{}", message.text(lang));
    }

    /// Prints `message` on stderr.
    fn note(&self, lang: Lang, message: Message) {
        eprintln!("{}", message.text(lang));
    }

    /// Prints `message` on stderr as an error.
    fn error(&self, lang: Lang, message: Message) {
        self.note(
            lang,
            Message::ErrorLine {
                message: message.boxed(),
            },
        );
    }
}

/// mimalloc rather than the system's allocator: see [`annals::heap`].
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let speaker = Speaker {
        root: cli.root.clone(),
        flag: cli.lang,
    };
    let code = match cli.command {
        Command::Init { dir, year } => run_init(&speaker, &dir, year),
        Command::Hook(HookCommand::Install) => match annals::git::install(&cli.root) {
            Ok(path) => {
                speaker.say(
                    speaker.lang(),
                    Message::Wrote {
                        path: path.display().to_string(),
                    },
                );
                OK
            }
            Err(e) => {
                speaker.error(speaker.lang(), e.message());
                USAGE
            }
        },
        Command::Schema { out } => {
            let dir = out.unwrap_or_else(|| cli.root.join(annals::commands::schema::DIR));
            run_schema(&speaker, &dir)
        }
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
        Command::New { kind, unit, date } => run_new(&speaker, kind.into(), unit.as_deref(), date),
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
            run_import(&speaker, kind.into(), options)
        }
        Command::Check { format } => run_check(&speaker, format),
        Command::Status {
            as_of,
            year,
            format,
        } => run_status(&speaker, as_of, year, format),
        Command::Build(args) => run_build(&speaker, &args.options()),
        Command::Watch(args) => run_watch(&speaker, args),
        Command::Serve(args) => run_serve(&speaker, args),
    };
    ExitCode::from(code)
}

fn run_check(speaker: &Speaker, format: Format) -> u8 {
    let lang = speaker.lang();
    let checked = match build::check_all(&speaker.root) {
        Ok(checked) => checked,
        Err(e) => {
            speaker.error(lang, e.message().clone());
            return USAGE;
        }
    };
    match format {
        Format::Human => print_diagnostics(lang, &checked.diagnostics, Some(checked.files.len())),
        Format::Json => {
            let diagnostics: Vec<_> = checked
                .diagnostics
                .iter()
                .map(|d| d.to_json(lang))
                .collect();
            let doc = serde_json::json!({
                "diagnostics": diagnostics,
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
    let code = if checked.has_errors() { INVALID } else { OK };
    // The process ends here: the operating system reclaims the records at
    // once, where freeing them one allocation at a time takes a tenth of a
    // second at 100 000 record files.
    std::mem::forget(checked);
    code
}

fn run_init(speaker: &Speaker, dir: &std::path::Path, year: Option<i32>) -> u8 {
    let lang = speaker.early_lang();
    let this_year = chrono::Datelike::year(&chrono::Local::now().date_naive());
    let year = annals::commands::init::year_for(dir, year, this_year);
    match annals::commands::init::init(dir, year) {
        Ok(written) => {
            for path in &written {
                let path = path.display().to_string();
                speaker.say(lang, Message::Wrote { path });
            }
            let dir = dir.display().to_string();
            speaker.say(lang, Message::InitNext { dir });
            OK
        }
        Err(e) => {
            speaker.error(lang, e.message());
            USAGE
        }
    }
}

fn run_new(
    speaker: &Speaker,
    kind: NewKind,
    unit: Option<&str>,
    date: Option<chrono::NaiveDate>,
) -> u8 {
    let lang = speaker.lang();
    let root = &speaker.root;
    let records = match annals::check::check(root) {
        Ok(checked) => checked.records,
        Err(e) => {
            speaker.error(lang, e.message().clone());
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
            speaker.error(lang, e.message());
            USAGE
        }
    }
}

fn run_import(speaker: &Speaker, kind: ImportKind, options: import::Options) -> u8 {
    let (root, lang) = (&speaker.root, speaker.lang());
    let records = match annals::check::check(root) {
        Ok(checked) => checked.records,
        Err(e) => {
            speaker.error(lang, e.message().clone());
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
            print_diagnostics(lang, &diagnostics, None);
            speaker.note(lang, Message::NothingWritten);
            return INVALID;
        }
        Err(ImportError::Unreadable(message)) => {
            speaker.error(lang, message);
            return USAGE;
        }
        Err(ImportError::Write(e)) => {
            speaker.error(lang, e.message());
            return USAGE;
        }
        Err(ImportError::Unplaceable { rows, error }) => {
            let rows = rows.iter().map(usize::to_string).collect();
            let error = error.message().boxed();
            speaker.error(lang, Message::ImportUnplaceable { rows, error });
            speaker.note(lang, Message::NothingWritten);
            return INVALID;
        }
    };
    print_imported(speaker, lang, &imported, &options);
    OK
}

/// What an import read and wrote (or, with `--dry-run`, would write).
fn print_imported(
    speaker: &Speaker,
    lang: Lang,
    imported: &import::Imported,
    options: &import::Options,
) {
    let file = options.file.display().to_string();
    if let Some(encoding) = imported.encoding {
        let encoding = encoding.to_owned();
        speaker.note(lang, Message::ImportNoteEncoding { file, encoding });
    }
    if !imported.ignored.is_empty() {
        let columns = imported.ignored.clone();
        speaker.note(lang, Message::ImportNoteIgnored { columns });
    }
    for record in &imported.records {
        let rows: Vec<String> = record.rows.iter().map(usize::to_string).collect();
        let path = record.path.display().to_string();
        if options.dry_run {
            speaker.say(lang, Message::ImportWouldWrite { path, rows });
            println!("{}", record.text);
        } else {
            speaker.say(lang, Message::ImportWrote { path, rows });
        }
    }
    let (rows, records) = (imported.rows, imported.records.len());
    let last = if options.dry_run {
        Message::ImportWouldMake { rows, records }
    } else {
        Message::ImportMade { rows, records }
    };
    speaker.note(lang, last);
}

fn run_status(
    speaker: &Speaker,
    as_of: Option<chrono::NaiveDate>,
    year: Option<i32>,
    format: Format,
) -> u8 {
    let lang = speaker.lang();
    let checked = match annals::check::check(&speaker.root) {
        Ok(checked) => checked,
        Err(e) => {
            speaker.error(lang, e.message().clone());
            return USAGE;
        }
    };
    if checked.has_errors() {
        print_diagnostics(lang, &checked.diagnostics, Some(checked.files.len()));
        speaker.note(lang, Message::StatusNeedsFixes);
        return INVALID;
    }
    let Some(config) = checked.records.config.as_ref() else {
        return INVALID;
    };
    let as_of = as_of.unwrap_or_else(|| chrono::Local::now().date_naive());
    let Some(period) = annals::compute::period::Period::new(config, year, Some(as_of)) else {
        speaker.error(lang, Message::NoSuchYear);
        return USAGE;
    };
    let status = annals::commands::status::status(&checked.records, period);
    let mut out = std::io::stdout().lock();
    let written = match format {
        Format::Human => {
            let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            out.write_all(annals::commands::status::render(&status, 80, color, lang).as_bytes())
        }
        Format::Json => serde_json::to_writer_pretty(&mut out, &status)
            .map_err(std::io::Error::other)
            .and_then(|()| writeln!(out)),
    };
    if written.is_err() { USAGE } else { OK }
}

fn run_watch(speaker: &Speaker, args: WatchArgs) -> u8 {
    let root = &speaker.root;
    let notice = args.notice();
    let options = args.build.options();
    let Some((watcher, _)) = start_watching(speaker, &options, notice) else {
        return USAGE;
    };
    let path = root.display().to_string();
    speaker.note(speaker.lang(), Message::Watching { path });
    let mut code = OK;
    watch::rebuild_until_stopped(root, &options, &watcher, |rebuild| {
        let flow = print_rebuild(speaker, &rebuild);
        if flow.is_break() {
            code = USAGE;
        }
        flow
    });
    if code == OK {
        speaker.note(speaker.lang(), Message::WatchStopped);
    }
    code
}

fn run_schema(speaker: &Speaker, dir: &std::path::Path) -> u8 {
    let lang = speaker.lang();
    match annals::commands::schema::write(dir) {
        Ok(written) => {
            for path in &written {
                let path = path.display().to_string();
                speaker.say(lang, Message::Wrote { path });
            }
            OK
        }
        Err(e) => {
            let (dir, error) = (dir.display().to_string(), e.to_string());
            speaker.error(lang, Message::SchemaCannotWrite { dir, error });
            USAGE
        }
    }
}

fn run_serve(speaker: &Speaker, args: ServeArgs) -> u8 {
    let (root, lang) = (&speaker.root, speaker.lang());
    let notice = args.watch.notice();
    let mut options = args.watch.build.options();
    if options.formats.is_empty() {
        options.formats = vec![build::Format::Html, build::Format::Docx];
    } else if !options.formats.contains(&build::Format::Html) {
        options.formats.insert(0, build::Format::Html);
    }
    let port = args.port;
    let listener = match std::net::TcpListener::bind((std::net::Ipv4Addr::LOCALHOST, port)) {
        Ok(listener) => listener,
        Err(e) => {
            let error = e.to_string();
            speaker.error(lang, Message::CannotListen { port, error });
            return USAGE;
        }
    };
    let url = match listener.local_addr() {
        Ok(address) => format!("http://{address}/"),
        Err(e) => {
            let error = e.to_string();
            speaker.error(lang, Message::ServeCannotServe { error });
            return USAGE;
        }
    };
    let Some((watcher, stop)) = start_watching(speaker, &options, notice) else {
        return USAGE;
    };
    speaker.note(lang, Message::Serving { url: url.clone() });
    if args.open {
        open_in_browser(speaker, lang, &url);
    }
    let mut code = OK;
    let served =
        annals::commands::serve::serve(root, lang, &options, watcher, stop, listener, |rebuild| {
            let flow = print_rebuild(speaker, rebuild);
            if flow.is_break() {
                code = USAGE;
            }
            flow
        });
    if let Err(message) = served {
        speaker.error(lang, message);
        return USAGE;
    }
    if code == OK {
        speaker.note(lang, Message::WatchStopped);
    }
    code
}

/// Prints one rebuild of `watch` or `serve`: its warnings or errors and a
/// line with the time. Breaks (after saying why) when the options
/// themselves are wrong.
fn print_rebuild(speaker: &Speaker, rebuild: &watch::Rebuild) -> std::ops::ControlFlow<()> {
    let lang = speaker.lang();
    let time = chrono::Local::now().format("%H:%M:%S").to_string();
    let ms = u64::try_from(rebuild.took.as_millis()).unwrap_or(u64::MAX);
    let failed = |message: &Message| Message::WatchError {
        time: time.clone(),
        message: message.clone().boxed(),
    };
    match &rebuild.result {
        Ok(built) => {
            print_diagnostics(lang, &built.warnings, None);
            let files = built.written.len();
            speaker.note(lang, Message::WatchBuilt { time, files, ms });
        }
        Err(Failure::Invalid(diagnostics)) => {
            print_diagnostics(lang, diagnostics, None);
            let errors = diagnostic::count(diagnostics, diagnostic::Severity::Error);
            speaker.note(lang, Message::WatchFailed { time, errors });
        }
        Err(Failure::Load(e)) => speaker.note(lang, failed(e.message())),
        Err(Failure::Usage(message)) => {
            speaker.error(lang, message.clone());
            return std::ops::ControlFlow::Break(());
        }
        Err(Failure::Io(message)) => speaker.note(lang, failed(message)),
    }
    std::ops::ControlFlow::Continue(())
}

/// Opens `url` in the desktop's browser; says so when it cannot.
fn open_in_browser(speaker: &Speaker, lang: Lang, url: &str) {
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
        let (error, url) = (e.to_string(), url.to_owned());
        speaker.note(lang, Message::BrowserFailed { error, url });
    }
}

/// Checks the output folder, starts the watcher and makes Ctrl-C stop it;
/// `None` (after printing why) when any of that fails. The sender stops the
/// watcher too.
fn start_watching(
    speaker: &Speaker,
    options: &build::Options,
    notice: watch::Notice,
) -> Option<(watch::Watcher, std::sync::mpsc::Sender<watch::Signal>)> {
    let (root, lang) = (&speaker.root, speaker.lang());
    let out = options.out.clone().unwrap_or_else(|| root.join("out"));
    if let Err(message) = annals::output::check_out(root, &out) {
        speaker.error(lang, message);
        return None;
    }
    let (watcher, stop) = match watch::Watcher::start(root, &out, notice) {
        Ok(started) => started,
        Err(message) => {
            speaker.error(lang, message);
            return None;
        }
    };
    let interrupt = stop.clone();
    if let Err(e) = ctrlc::set_handler(move || {
        let _ = interrupt.send(watch::Signal::Stop);
    }) {
        let error = e.to_string();
        speaker.error(lang, Message::CannotCatchCtrlC { error });
        return None;
    }
    Some((watcher, stop))
}

fn run_build(speaker: &Speaker, options: &build::Options) -> u8 {
    let lang = speaker.lang();
    match build::build(&speaker.root, options) {
        Ok(built) => {
            print_diagnostics(lang, &built.warnings, None);
            for path in &built.written {
                let path = path.display().to_string();
                speaker.say(lang, Message::Wrote { path });
            }
            OK
        }
        Err(Failure::Invalid(diagnostics)) => {
            print_diagnostics(lang, &diagnostics, None);
            speaker.note(lang, Message::NothingWritten);
            INVALID
        }
        Err(Failure::Load(e)) => {
            speaker.error(lang, e.message().clone());
            USAGE
        }
        Err(Failure::Usage(message) | Failure::Io(message)) => {
            speaker.error(lang, message);
            USAGE
        }
    }
}

/// Prints diagnostics and the count line to stderr in `lang`, coloured on a
/// terminal unless NO_COLOR is set.
fn print_diagnostics(lang: Lang, diagnostics: &[Diagnostic], files: Option<usize>) {
    let stderr = std::io::stderr();
    let color = stderr.is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut err = stderr.lock();
    for d in diagnostics {
        let _ = writeln!(err, "{}\n", d.render(color, lang));
    }
    if let Some(files) = files {
        let _ = writeln!(
            err,
            "{}",
            diagnostic::summary(diagnostics, files).text(lang)
        );
    }
}
