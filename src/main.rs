//! The `annals` command: parses arguments, calls the library, prints, and
//! picks the exit code (0 success, 1 invalid records, 2 usage or I/O error).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use annals::check;
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
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// Compiler-style messages with the source line.
    Human,
    /// One JSON document: the diagnostics and the counts.
    Json,
}

const OK: u8 = 0;
const INVALID: u8 = 1;
const USAGE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check { format } => run_check(&cli.root, format),
    };
    ExitCode::from(code)
}

fn run_check(root: &std::path::Path, format: Format) -> u8 {
    let checked = match check::check(root) {
        Ok(checked) => checked,
        Err(e) => {
            eprintln!("error: {e}");
            return USAGE;
        }
    };
    match format {
        Format::Human => print_diagnostics(&checked.diagnostics, checked.files.len()),
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

/// Prints diagnostics and the count line to stderr, coloured on a terminal
/// unless NO_COLOR is set.
fn print_diagnostics(diagnostics: &[Diagnostic], files: usize) {
    let stderr = std::io::stderr();
    let color = stderr.is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut err = stderr.lock();
    for d in diagnostics {
        let _ = writeln!(err, "{}\n", d.render(color));
    }
    let _ = writeln!(err, "{}", diagnostic::summary(diagnostics, files));
}
