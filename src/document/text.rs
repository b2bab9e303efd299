//! Character widths, shared by every writer that lays text out (docx column
//! widths, the html chart's labels) and by the reader (soft line breaks).

/// Whether a character takes a full em: CJK ideographs, kana, hangul,
/// full-width forms and punctuation.
pub fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
}

/// Display width in half characters, with the quarter-character space Word
/// puts between CJK text and Latin letters or digits (autoSpaceDE/DN).
pub fn width(text: &str) -> u32 {
    chars_width(text.chars())
}

/// [`width`] of the text made of `chars`, for a text in pieces (a cell's
/// runs) that need not be joined first.
pub fn chars_width(chars: impl Iterator<Item = char>) -> u32 {
    let mut halves: u32 = 0;
    let mut changes: u32 = 0;
    let mut last: Option<bool> = None;
    for c in chars {
        let wide = is_wide(c);
        halves += if wide { 2 } else { 1 };
        if wide || c.is_alphanumeric() {
            if last.is_some_and(|w| w != wide) {
                changes += 1;
            }
            last = Some(wide);
        }
    }
    halves + changes.div_ceil(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_counts_double_and_a_change_of_script_a_quarter() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("汉字"), 4);
        // 2 + 4 halves, and one change between 2 and 汉 (rounded up to one half).
        assert_eq!(width("2汉字"), 6);
        assert!(is_wide('，') && !is_wide(','));
    }
}
