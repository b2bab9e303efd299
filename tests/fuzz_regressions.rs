//! Fuzzing on stable Rust.
//!
//! `every_saved_fuzz_input_is_handled` replays each file of
//! `tests/fuzz-regressions/` through the loader (as every record kind, `.md`
//! and `.yaml`) and through the html and docx formats, with the checks of
//! the cargo-fuzz targets (`fuzz/src/lib.rs`, included here).
//!
//! `fuzz_for_a_while` (ignored) mutates the sample data, the check
//! fixtures, the golden reports and the saved inputs for
//! `ANNALS_FUZZ_SECONDS` seconds (30 by default) and saves any input that
//! panics to `fuzz/crashes/`. `ANNALS_FUZZ_TARGET` = `loader` or `markdown`
//! runs one target only; `ANNALS_FUZZ_SEED` repeats a run.
//! See CONTRIBUTING.md, Fuzzing.

#[path = "../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod harness;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use harness::Rng;

fn base() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every file under `dir` but hidden ones, in path order.
fn all_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            all_files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn regression_inputs() -> Vec<PathBuf> {
    let mut paths = Vec::new();
    all_files(&base().join("tests/fuzz-regressions"), &mut paths);
    paths
}

fn both_targets(files: &[annals::records::load::SourceFile], bytes: &[u8]) {
    harness::loader(files, bytes);
    harness::markdown(&String::from_utf8_lossy(bytes), bytes);
}

#[test]
fn every_saved_fuzz_input_is_handled() {
    let files = harness::source_files();
    let inputs = regression_inputs();
    assert!(
        !inputs.is_empty(),
        "no file in tests/fuzz-regressions/; has it moved?"
    );
    let mut failed = Vec::new();
    for path in &inputs {
        let bytes = std::fs::read(path).expect("read a saved fuzz input");
        if catch_unwind(AssertUnwindSafe(|| both_targets(&files, &bytes))).is_err() {
            failed.push(
                path.strip_prefix(base())
                    .unwrap_or(path)
                    .display()
                    .to_string(),
            );
        }
    }
    assert!(
        failed.is_empty(),
        "{} of {} saved fuzz inputs panicked (messages above):\n  {}",
        failed.len(),
        inputs.len(),
        failed.join("\n  ")
    );
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

fn read_all(paths: &[PathBuf]) -> Vec<Vec<u8>> {
    paths.iter().filter_map(|p| std::fs::read(p).ok()).collect()
}

/// FNV-1a, to name a saved crash by its content.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[test]
#[ignore = "fuzzes for ANNALS_FUZZ_SECONDS (default 30) seconds"]
fn fuzz_for_a_while() {
    let seconds = env_number("ANNALS_FUZZ_SECONDS").unwrap_or(30);
    let seed = env_number("ANNALS_FUZZ_SEED").unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64)
    });
    let only = std::env::var("ANNALS_FUZZ_TARGET").unwrap_or_default();
    let targets: Vec<&str> = ["loader", "markdown"]
        .into_iter()
        .filter(|t| only.is_empty() || only == *t)
        .collect();
    assert!(
        !targets.is_empty(),
        "ANNALS_FUZZ_TARGET is {only:?}: say loader or markdown"
    );

    let mut record_paths = Vec::new();
    harness::seed_files(&base().join("sample-data"), &mut record_paths);
    harness::seed_files(&base().join("tests/fixtures"), &mut record_paths);
    let mut markdown_paths = Vec::new();
    harness::seed_files(&base().join("tests/golden"), &mut markdown_paths);
    harness::seed_files(&base().join("sample-data/narrative"), &mut markdown_paths);
    let saved = regression_inputs();
    record_paths.extend(saved.iter().cloned());
    markdown_paths.extend(saved);
    let loader_seeds = read_all(&record_paths);
    let markdown_seeds = read_all(&markdown_paths);

    let files = harness::source_files();
    let crash_dir = base().join("fuzz/crashes");
    let mut rng = Rng::new(seed);
    let mut input = Vec::new();
    let mut runs = [0u64; 2];
    let mut time = [Duration::ZERO; 2];
    let mut crashes = Vec::new();
    println!(
        "fuzzing {} for {seconds} s, seed {seed} (ANNALS_FUZZ_SEED={seed} repeats it), {} + {} seeds",
        targets.join(" and "),
        loader_seeds.len(),
        markdown_seeds.len()
    );
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut turn = 0usize;
    while Instant::now() < deadline {
        let target = targets[turn % targets.len()];
        turn += 1;
        let index = usize::from(target == "markdown");
        let seeds = if index == 0 {
            &loader_seeds
        } else {
            &markdown_seeds
        };
        harness::mutate(&mut rng, seeds, &mut input);
        let started = Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            if index == 0 {
                harness::loader(&files, &input);
            } else {
                harness::markdown(&String::from_utf8_lossy(&input), &input);
            }
        }));
        time[index] += started.elapsed();
        runs[index] += 1;
        if outcome.is_err() {
            std::fs::create_dir_all(&crash_dir).expect("create fuzz/crashes");
            let path = crash_dir.join(format!("{target}-{:016x}", fnv(&input)));
            std::fs::write(&path, &input).expect("save a crashing input");
            eprintln!("CRASH in {target}: input saved to {}", path.display());
            crashes.push(path);
            if crashes.len() >= 20 {
                break;
            }
        }
    }
    for (index, target) in ["loader", "markdown"].into_iter().enumerate() {
        if runs[index] > 0 {
            println!(
                "{target}: {} inputs, {:.0}/s",
                runs[index],
                runs[index] as f64 / time[index].as_secs_f64().max(1e-9)
            );
        }
    }
    assert!(
        crashes.is_empty(),
        "{} inputs panicked (seed {seed}); saved:\n  {}",
        crashes.len(),
        crashes
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join("\n  ")
    );
}

/// The fuzz checks are only worth their misses: each must reject what it
/// is there to reject, and pass what the formats may emit.
#[test]
fn the_checks_catch_what_they_should() {
    for bad in [
        "<p>x</p><script>alert(1)</script>",
        "<p onclick=\"x\">y</p>",
        "<img src=\"x\" ONERROR='y'>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\" JaVa&#x09;Script&colon;x\">x</a>",
        "<img src=\"data:image/png;base64,AA\">",
        "<a href=\"vbscript:x\">x</a>",
        "<p style=\"color:red\">x</p>",
        "<iframe src=\"x\"></iframe>",
        "<p>a < b</p>",
    ] {
        assert!(harness::check_html(bad).is_err(), "passed: {bad}");
    }
    for good in [
        "<p>&lt;script&gt; onclick= javascript: data:</p>",
        "<p><a href=\"http://a.example/?q=javascript:x\" title=\"a<b\">x</a></p>",
        "<p><a href=\"mailto:a@b\">m</a> <a href=\"img/x.png#y\">r</a></p>",
        "<figure class=\"chart\"><svg viewBox=\"0 0 1 1\"><title>t</title><rect x=\"0\"/></svg></figure>",
    ] {
        assert_eq!(harness::check_html(good), Ok(()), "{good}");
    }
    for bad in [
        "<a><b></a></b>",
        "<a>",
        "<a/><b/>",
        "<a x=\"1\" x=\"2\"/>",
        "<a x=1/>",
        "<a>\u{1}</a>",
        "<a>&#1;</a>",
        "<a>&nbsp;</a>",
        "<a>AT&T</a>",
        "text<a/>",
    ] {
        assert!(harness::check_xml(bad).is_err(), "passed: {bad:?}");
    }
    assert_eq!(
        harness::check_xml(
            "<?xml version=\"1.0\"?>\n<w:a x='1'><!-- c --><b/>&amp;&#x4E2D;</w:a>\n"
        ),
        Ok(())
    );
    let docx =
        annals::formats::docx::to_docx(&annals::document::read("# t\n\nx"), &Default::default())
            .expect("a docx");
    assert_eq!(harness::check_docx(&docx), Ok(()));
    assert!(harness::check_docx(b"PK\x03\x04 not really").is_err());
}
