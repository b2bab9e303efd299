//! Shared helpers for the integration tests: run the real `annals` binary
//! over a records folder and compare what it prints with expected text.
#![allow(dead_code)] // each test binary uses a different subset

use std::path::{Path, PathBuf};

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

/// Runs `annals --root ROOT ARGS…` without colours.
pub fn run(root: &Path, args: &[&str]) -> Run {
    let output = Command::cargo_bin("annals")
        .expect("the annals binary is built")
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
