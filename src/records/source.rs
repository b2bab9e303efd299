//! Turning a file's bytes into text, and a `.md` record into its YAML front
//! matter and Markdown body.
//!
//! Text is normalised once here (BOM dropped, CRLF made LF) so that every later
//! stage, and every line and column in a diagnostic, sees the same text.

/// Why a file's bytes are not usable text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// Not UTF-8; `gbk` says the bytes read as GBK/GB18030 Chinese text.
    NotUtf8 {
        /// 1-based line of the first bad byte.
        line: usize,
        /// Whether the bytes look like GBK (as saved by Chinese Windows).
        gbk: bool,
    },
}

/// Decodes a record file: UTF-8 with an optional BOM, LF or CRLF line ends
/// (a lone CR, as old Mac editors wrote, counts as a line end too, as it does
/// for the YAML parser, so that line numbers agree).
pub fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // Checked through the vector unit: a record is mostly Chinese text,
    // which the standard check goes through a byte at a time.
    match simdutf8::compat::from_utf8(bytes) {
        Ok(text) if memchr::memchr(b'\r', text.as_bytes()).is_some() => {
            Ok(text.replace("\r\n", "\n").replace('\r', "\n"))
        }
        Ok(text) => Ok(text.to_owned()),
        Err(e) => {
            let valid = e.valid_up_to();
            let line = 1 + bytes[..valid].iter().filter(|&&b| b == b'\n').count();
            Err(DecodeError::NotUtf8 {
                line,
                gbk: looks_like_gbk(bytes),
            })
        }
    }
}

/// A control character where no record may hold one, and where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ControlCharacter {
    /// 1-based line in the text searched.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// The character itself.
    pub character: char,
}

/// Finds the first control character of `text` other than tab and line
/// end: C0, DEL or C1. YAML forbids them raw (YAML 1.2 §5.1 allows only
/// the escaped forms), editors do not show them, and they reach a report
/// as garbage, so a record's YAML holding one is refused at its place
/// rather than read.
pub fn first_control_character(text: &str) -> Option<ControlCharacter> {
    // Byte by byte, without decoding: C0 and DEL are single bytes, and C1
    // is 0xC2 followed by 0x80–0x9F (0xC2 is only ever a lead byte). A
    // stretch of text is first looked at as a whole, which the compiler
    // does many bytes at once; only one that may hold such a character is
    // gone through byte by byte.
    let bytes = text.as_bytes();
    let at = bytes
        .chunks(STRETCH)
        .enumerate()
        .filter(|(_, stretch)| may_hold_control(stretch))
        .find_map(|(n, stretch)| {
            let start = n * STRETCH;
            (start..start + stretch.len()).find(|&i| is_control_at(bytes, i))
        })?;
    let before = &text[..at];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Some(ControlCharacter {
        line: 1 + before.matches('\n').count(),
        column: 1 + before[line_start..].chars().count(),
        character: text[at..].chars().next()?,
    })
}

/// How many bytes [`first_control_character`] looks at as a whole.
const STRETCH: usize = 64;

/// Whether `stretch` holds a byte a control character begins with: C0
/// other than tab and line ends, DEL, or the lead byte of C1 (which also
/// begins other characters, such as U+00A0). Without a branch per byte.
fn may_hold_control(stretch: &[u8]) -> bool {
    stretch.iter().fold(false, |found, &b| {
        let c0 = (b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r');
        found | c0 | (b == 0x7F) | (b == 0xC2)
    })
}

/// Whether a control character begins at byte `i` of `bytes`.
fn is_control_at(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        b'\t' | b'\n' | b'\r' => false,
        0x00..=0x1F | 0x7F => true,
        0xC2 => matches!(bytes.get(i + 1), Some(0x80..=0x9F)),
        _ => false,
    }
}

/// True when every non-ASCII byte pairs up as a GBK double-byte character
/// and most pairs are Chinese characters of GB2312 (lead 0xB0–0xF7, trail
/// 0xA1–0xFE): the usual encoding of a Chinese text saved by Notepad or
/// Excel on a Chinese Windows machine. Latin-1 text ("Réunion") is not.
fn looks_like_gbk(bytes: &[u8]) -> bool {
    let mut pairs = 0;
    let mut hanzi = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            continue;
        }
        let lead_ok = (0x81..=0xFE).contains(&b);
        let trail_ok = bytes
            .get(i + 1)
            .is_some_and(|&t| (0x40..=0xFE).contains(&t) && t != 0x7F);
        if !(lead_ok && trail_ok) {
            return false;
        }
        let trail = bytes[i + 1];
        if (0xB0..=0xF7).contains(&b) && (0xA1..=0xFE).contains(&trail) {
            hanzi += 1;
        }
        pairs += 1;
        i += 2;
    }
    pairs > 0 && hanzi * 2 > pairs
}

/// A `.md` record split into its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatter<'a> {
    /// The YAML between the two `---` lines; it starts on the file's second
    /// line, after the opening `---`.
    pub yaml: &'a str,
    /// The Markdown after the closing `---`.
    pub body: &'a str,
}

/// Why a `.md` file has no usable front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrontMatterError {
    /// The first line is not `---`.
    NoOpening,
    /// No closing `---` line; `line` is the last line of the file.
    NoClosing {
        /// The last line of the file, where the closing line was expected.
        line: usize,
    },
}

/// Splits a `.md` record into front matter and body. The first line must be
/// `---`; the front matter ends at the next line that is `---` (or `...`).
pub fn split_front_matter(text: &str) -> Result<FrontMatter<'_>, FrontMatterError> {
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    if first.trim_end() != "---" {
        return Err(FrontMatterError::NoOpening);
    }
    let yaml_start = text.len() - rest.len();
    // Line by line, each line's end found by memchr.
    let mut offset = 0;
    while offset < rest.len() {
        let end = memchr::memchr(b'\n', &rest.as_bytes()[offset..])
            .map_or(rest.len(), |at| offset + at + 1);
        let bare = rest[offset..end].trim_end_matches(['\n', ' ', '\t']);
        if bare == "---" || bare == "..." {
            return Ok(FrontMatter {
                yaml: &text[yaml_start..yaml_start + offset],
                body: &rest[end..],
            });
        }
        offset = end;
    }
    Err(FrontMatterError::NoClosing {
        line: text.lines().count().max(1),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_the_bom_and_crlf() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFa: 1\r\nb: 2\r\n").unwrap(),
            "a: 1\nb: 2\n"
        );
    }

    #[test]
    fn recognises_gbk() {
        // "雷畈村" in GBK is not UTF-8.
        let gbk = b"unit: \xC0\xD7\xDB\x9C\xB4\xE5\n";
        assert_eq!(
            decode(gbk),
            Err(DecodeError::NotUtf8 { line: 1, gbk: true })
        );
        assert_eq!(
            decode(b"name: R\xE9union\n"),
            Err(DecodeError::NotUtf8 {
                line: 1,
                gbk: false
            })
        );
        assert_eq!(
            decode(b"a\nb\xFF\n"),
            Err(DecodeError::NotUtf8 {
                line: 2,
                gbk: false
            })
        );
    }

    #[test]
    fn finds_control_characters_at_their_line_and_column() {
        let at =
            |text: &str| first_control_character(text).map(|c| (c.line, c.column, c.character));
        assert_eq!(at("a: 1\nb: \"甲\u{1b}[31m\"\n"), Some((2, 6, '\u{1b}')));
        assert_eq!(at("a: x\u{7f}\n"), Some((1, 5, '\u{7f}')));
        assert_eq!(at("\u{85}"), Some((1, 1, '\u{85}')));
        assert_eq!(at("甲乙\u{a0}é\u{9f}"), Some((1, 5, '\u{9f}')));
        assert_eq!(at("a:\tb\r\nc: \"\\e\" # 甲\u{200B}\u{FFFE}\n"), None);
    }

    #[test]
    fn finds_a_control_character_wherever_the_text_is_looked_at_as_a_whole() {
        let at = |text: &str| first_control_character(text).map(|c| c.column);
        for before in [STRETCH - 1, STRETCH, 2 * STRETCH + 3] {
            let pad = "a".repeat(before);
            // A C1 character whose two bytes fall in two stretches.
            assert_eq!(at(&format!("{pad}\u{85}")), Some(before + 1));
            // U+00A0 (0xC2 0xA0) makes its stretch suspect without being a
            // control character: the one found is the later one.
            let spaced = format!("\u{a0}{pad}\u{1}");
            assert_eq!(at(&spaced), Some(before + 2));
        }
        assert_eq!(at(&format!("{}\u{a0}", "甲".repeat(100))), None);
    }

    #[test]
    fn splits_front_matter_from_body() {
        let fm = split_front_matter("---\nunit: a\n---\n正文\n").unwrap();
        assert_eq!(fm.yaml, "unit: a\n");
        assert_eq!(fm.body, "正文\n");
        let empty = split_front_matter("---\n---\n").unwrap();
        assert_eq!((empty.yaml, empty.body), ("", ""));
    }

    #[test]
    fn reports_missing_delimiters() {
        assert_eq!(
            split_front_matter("unit: a\n"),
            Err(FrontMatterError::NoOpening)
        );
        assert_eq!(
            split_front_matter("---\nunit: a\nmade: x\n"),
            Err(FrontMatterError::NoClosing { line: 3 })
        );
        assert_eq!(
            split_front_matter("----\n"),
            Err(FrontMatterError::NoOpening)
        );
    }
}
