//! Every problem `annals check` reports (SPEC §4), one records folder each
//! under `tests/fixtures/check/`, with the exact output in its
//! `expected.txt`. The folders double as a catalogue of what each message
//! looks like.

mod common;

use common::{assert_golden, fixture, run};

/// Runs `check` on the fixture folder and compares stderr with its
/// `expected.txt`; `code` is the exit code it must give.
fn check_fixture(name: &str, code: i32) {
    let root = fixture(&format!("check/{name}"));
    let run = run(&root, &["check"]);
    assert_golden(&root.join("expected.txt"), &run.stderr);
    assert_eq!(
        run.code, code,
        "exit code of check on {name}\n{}",
        run.stderr
    );
}

macro_rules! fixtures {
    ($($test:ident: $folder:literal => $code:expr;)*) => {
        $(
            #[test]
            fn $test() {
                check_fixture($folder, $code);
            }
        )*
    };
}

fixtures! {
    unknown_status: "unknown-status" => 1;
}

/// The SPEC's own example, word for word.
#[test]
fn unknown_status_names_file_line_column_and_the_allowed_values() {
    let run = run(&fixture("check/unknown-status"), &["check"]);
    assert!(
        run.stderr
            .starts_with("error: pledges/2024/leifan.md:7:13: unknown status \"finished\"\n"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(
        "expected one of planned, in-progress, done, partial, missed, dropped (或 计划中、推进中、已完成、部分完成、未完成、已撤销)"
    ));
    assert!(run.stderr.ends_with("1 error, 0 warnings in 3 files\n"));
}
