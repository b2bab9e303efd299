//! Any text through the html and docx formats: the html fragment must stay
//! safe (no script, no event attribute, no javascript: URL) and the docx must
//! be a zip with well-formed XML, with the default style and an odd one.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    annals_fuzz::markdown(&text, data);
});
