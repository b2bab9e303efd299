//! Shared helpers for the integration tests: run the real `annals` binary
//! over a records folder and compare what it prints with expected text.
#![allow(dead_code)] // each test binary uses a different subset

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;

/// What one run of the binary printed, and how it exited.
pub struct Run {
    /// Standard output, as text.
    pub stdout: String,
    /// Standard error, as text.
    pub stderr: String,
    /// The exit code.
    pub code: i32,
}

/// Runs `annals --root ROOT ARGS…` without colours, in an environment that
/// names no language (so the folder's `locale`, or English, decides).
pub fn run(root: &Path, args: &[&str]) -> Run {
    run_in(root, args, &[])
}

/// Like [`run`], with these environment variables set.
pub fn run_in(root: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut command = Command::cargo_bin("annals").expect("the annals binary is built");
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        command.env_remove(var);
    }
    let output = command
        .envs(env.iter().copied())
        .arg("--root")
        .arg(root)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("annals runs");
    Run {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        code: output.status.code().unwrap_or(-1),
    }
}

/// Whether a consumer of annals' output (a program, a library) is here:
/// `probe` runs and succeeds. When `ANNALS_REQUIRE_CONSUMERS` is set (CI), a
/// missing one fails the test instead of skipping it.
pub fn consumer(what: &str, probe: &[&str]) -> bool {
    let found = Process::new(probe[0])
        .args(&probe[1..])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        assert!(
            std::env::var_os("ANNALS_REQUIRE_CONSUMERS").is_none(),
            "{what} is required here but not installed"
        );
        eprintln!("skipped: {what} is not installed");
    }
    found
}

/// Builds the records folder `root` in `formats` into a new temporary
/// folder, asserting that the build succeeds.
pub fn build(root: &Path, formats: &[&str]) -> tempfile::TempDir {
    let out = tempfile::tempdir().expect("a temporary folder");
    let mut args = vec!["build", "--out", out.path().to_str().expect("UTF-8")];
    for format in formats {
        args.extend(["--format", format]);
    }
    let run = run(root, &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    out
}

/// Copies the records folder `from` into `to`, file by file, leaving out
/// its reports (`out/`) and a fixture's expected output (`expected*`).
pub fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create a folder");
    for entry in std::fs::read_dir(from).expect("list the folder") {
        let entry = entry.expect("a folder entry");
        let name = entry.file_name();
        let target = to.join(&name);
        if entry.file_type().expect("a file type").is_dir() {
            if name != "out" {
                copy_folder(&entry.path(), &target);
            }
        } else if !name.to_string_lossy().starts_with("expected") {
            std::fs::copy(entry.path(), &target).expect("copy a file");
        }
    }
}

/// A copy of the records folder `from` in a new temporary folder.
pub fn copy_records(from: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    copy_folder(from, dir.path());
    dir
}

/// The folder `tests/fixtures/NAME`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The bundled sample records.
pub fn sample_data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data")
}

/// Compares `actual` with the golden file at `path`. With `ANNALS_BLESS=1`
/// in the environment the golden file is (re)written instead, so a change of
/// wording becomes a diff a reviewer reads.
pub fn assert_golden(path: &Path, actual: &str) {
    if std::env::var_os("ANNALS_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().expect("a golden file has a folder"))
            .expect("create the golden folder");
        std::fs::write(path, actual).expect("write the golden file");
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_else(|_| {
        panic!(
            "no golden file {}; run with ANNALS_BLESS=1 to create it",
            path.display()
        )
    });
    if expected != actual {
        panic!(
            "{} differs from the output (ANNALS_BLESS=1 rewrites it)\n--- expected\n{expected}\n--- actual\n{actual}",
            path.display()
        );
    }
}

/// Whether a program is on PATH; when `ANNALS_REQUIRE_CONSUMERS` is set (CI),
/// a missing one fails the test instead of skipping it.
pub fn have(program: &str) -> bool {
    consumer(program, &["sh", "-c", &format!("command -v {program}")])
}

/// The Chromium program on PATH (`chromium` or `chromium-browser`), or
/// `None` after the loud skip (a failure under `ANNALS_REQUIRE_CONSUMERS`).
pub fn browser() -> Option<&'static str> {
    let found = ["chromium", "chromium-browser"].into_iter().find(|b| {
        Process::new("sh")
            .args(["-c", &format!("command -v {b}")])
            .output()
            .is_ok_and(|o| o.status.success())
    });
    if found.is_none() {
        have("chromium");
    }
    found
}

/// Runs LibreOffice headless over `files`, converting each `--convert-to`
/// `filter` into `outdir`, with a profile of its own so that runs in
/// parallel do not wait on each other's lock. Check `have("soffice")` first.
pub fn soffice(filter: &str, outdir: &Path, files: &[&Path]) -> std::process::Output {
    let profile = tempfile::tempdir().expect("a profile folder");
    Process::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to", filter, "--outdir"])
        .arg(outdir)
        .args(files)
        .output()
        .expect("soffice runs")
}

/// What `pdftotext` prints for `pdf` with `option` (`-layout`, `-bbox-layout`).
/// Check `have("pdftotext")` first.
pub fn pdftotext(option: &str, pdf: &Path) -> String {
    let output = Process::new("pdftotext")
        .arg(option)
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(output.status.success(), "pdftotext reads {}", pdf.display());
    String::from_utf8_lossy(&output.stdout).into_owned()
}

// ---------------------------------------------------------------------------
// Runs watched for time and memory (hostile input, generated folders)

/// A temporary folder in memory (/dev/shm) where there is one: making
/// 100 000 files on a busy disk takes longer than annals takes to read them.
pub fn temporary_folder() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    if shm.is_dir()
        && let Ok(dir) = tempfile::Builder::new().prefix("annals-").tempdir_in(shm)
    {
        return dir;
    }
    tempfile::tempdir().expect("a temporary folder")
}

/// Output kept from a stream: its start and its end, and its length.
pub struct Captured {
    /// The first 256 KiB.
    pub head: String,
    /// The last 16 KiB.
    pub tail: String,
    /// Bytes in all.
    pub len: usize,
}

const HEAD: usize = 256 * 1024;
const TAIL: usize = 16 * 1024;

fn capture(mut stream: impl Read + Send + 'static) -> std::thread::JoinHandle<Captured> {
    std::thread::spawn(move || {
        let (mut head, mut tail, mut len) = (Vec::new(), Vec::new(), 0);
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = match stream.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            len += n;
            let room = HEAD.saturating_sub(head.len()).min(n);
            head.extend_from_slice(&buf[..room]);
            tail.extend_from_slice(&buf[..n]);
            if tail.len() > 4 * TAIL {
                tail.drain(..tail.len() - TAIL);
            }
        }
        if tail.len() > TAIL {
            tail.drain(..tail.len() - TAIL);
        }
        Captured {
            head: String::from_utf8_lossy(&head).into_owned(),
            tail: String::from_utf8_lossy(&tail).into_owned(),
            len,
        }
    })
}

/// What one watched run did.
pub struct Watched {
    /// The arguments after `--root ROOT`.
    pub args: Vec<String>,
    /// The exit code; none when killed by a signal.
    pub code: Option<i32>,
    /// Standard output.
    pub stdout: Captured,
    /// Standard error.
    pub stderr: Captured,
    /// How long it ran.
    pub elapsed: Duration,
    /// Peak resident memory in KiB, as last seen while it ran.
    pub peak: u64,
}

impl Watched {
    /// The run in a few lines, for a failing assertion.
    pub fn describe(&self) -> String {
        format!(
            "annals {:?}: exit {:?} after {:.1?}, peak {} MiB\n--- stderr ({} bytes), start:\n{}\n--- end:\n{}",
            self.args,
            self.code,
            self.elapsed,
            self.peak / 1024,
            self.stderr.len,
            truncate(&self.stderr.head, 4000),
            truncate(&self.stderr.tail, 2000),
        )
    }
}

/// `text` cut to at most `max` bytes, at a character boundary.
pub fn truncate(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The resident-memory high-water mark of a running process, in KiB.
fn peak_of(pid: u32) -> Option<u64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs `annals --root ROOT ARGS…` under watch: killed (and the test
/// failed) past `limit` or past `memory` KiB of resident memory.
pub fn run_watched(root: &Path, args: &[&str], limit: Duration, memory: u64) -> Watched {
    let mut child = Process::new(env!("CARGO_BIN_EXE_annals"))
        .arg("--root")
        .arg(root)
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("annals starts");
    let stdout = capture(child.stdout.take().expect("piped stdout"));
    let stderr = capture(child.stderr.take().expect("piped stderr"));
    let started = Instant::now();
    let mut peak = 0;
    let mut killed = None;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for annals") {
            break status;
        }
        if let Some(kib) = peak_of(child.id()) {
            peak = peak.max(kib);
        }
        if started.elapsed() > limit {
            killed = Some(format!("ran past {limit:?}"));
        } else if peak > memory {
            killed = Some(format!("passed {} MiB of memory", memory / 1024));
        }
        if killed.is_some() {
            let _ = child.kill();
            break child.wait().expect("wait for the killed annals");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let outcome = Watched {
        args: args.iter().map(|a| a.to_string()).collect(),
        code: status.code(),
        stdout: stdout.join().expect("stdout reader"),
        stderr: stderr.join().expect("stderr reader"),
        elapsed: started.elapsed(),
        peak,
    };
    if let Some(why) = killed {
        panic!("killed: it {why}: {}", outcome.describe());
    }
    outcome
}
