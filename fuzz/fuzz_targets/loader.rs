//! Any bytes, read as each kind of record file (.md and .yaml): the loader
//! must give records or diagnostics, never panic, and every diagnostic must
//! name the file, point at a line the input has, and render.
#![no_main]

use std::sync::LazyLock;

use annals::records::load::SourceFile;
use libfuzzer_sys::fuzz_target;

static FILES: LazyLock<Vec<SourceFile>> = LazyLock::new(annals_fuzz::source_files);

fuzz_target!(|data: &[u8]| {
    annals_fuzz::loader(&FILES, data);
});
