//! The output formats: writers over the [`document`](crate::document) tree.
//! Every report is rendered to Markdown by its template and read once into a
//! document; each format writes that document, so one template serves all.
//!
//! This stage depends on `document` only: it knows nothing of records,
//! configuration or templates (the renderer gives each writer what it needs,
//! such as the docx [`Style`](docx::Style)).

pub mod docx;
pub mod html;
pub mod md;
pub mod xlsx;

#[cfg(test)]
mod agreement;

/// What the 版头 and 版记 of a formal 公文 say (GB/T 9704 §7.2, §7.4), for
/// the docx and html writers alike; the renderer fills it from `document:`
/// in annals.yaml and the date of signing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Furniture {
    /// 发文机关标志 (`中共木梓乡委员会文件`).
    pub issuer: Option<String>,
    /// 发文字号 (`木党发〔2024〕12号`).
    pub number: Option<String>,
    /// 抄送机关.
    pub cc: Vec<String>,
    /// 印发机关.
    pub printed_by: Option<String>,
    /// 印发日期, as printed (`2024年12月28日`).
    pub printed_on: String,
}

/// Escapes text for XML and HTML content and double-quoted attribute values
/// (SVG in html, WordprocessingML in docx), and drops the characters that
/// [`is_text_char`] refuses.
pub fn escape(text: &str) -> String {
    escaped(text, escape_into)
}

/// `text` escaped into a new string by `into`.
fn escaped(text: &str, into: fn(&mut String, &str)) -> String {
    let mut out = String::with_capacity(text.len());
    into(&mut out, text);
    out
}

/// [`escape`], appending to `out`: the writers call it for every run of
/// every table cell, and a copy each time is most of the work.
pub fn escape_into(out: &mut String, text: &str) {
    escape_with(out, text, true);
}

/// [`escape`] for html text between tags, where a `"` stays as it is: the
/// form ammonia writes, which the html's allow-list accepts as it stands.
pub fn escape_text(text: &str) -> String {
    escaped(text, escape_text_into)
}

/// [`escape_text`], appending to `out`.
pub fn escape_text_into(out: &mut String, text: &str) {
    escape_with(out, text, false);
}

/// The escape of [`escape_into`], with `"` written as `&quot;` only when
/// `quotes`.
fn escape_with(out: &mut String, text: &str, quotes: bool) {
    // Byte by byte, the text between two characters to replace copied in
    // one piece. A three-byte character with a lead byte up to 0xEE
    // (U+0800–U+EFFF: Chinese and most scripts) is never replaced; other
    // characters beyond ASCII are decoded and asked.
    let bytes = text.as_bytes();
    let (mut clean, mut at) = (0, 0);
    while let Some(&byte) = bytes.get(at) {
        let (replacement, len) = match byte {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' if quotes => ("&quot;", 1),
            b'\t' | b'\n' | b'\r' | 0x20..=0x7E => {
                at += 1;
                continue;
            }
            0x00..=0x1F | 0x7F => ("", 1),
            0xE0..=0xEE => {
                at += 3;
                continue;
            }
            _ => {
                let Some(c) = text[at..].chars().next() else {
                    break;
                };
                if is_text_char(c) {
                    at += c.len_utf8();
                    continue;
                }
                ("", c.len_utf8())
            }
        };
        out.push_str(&text[clean..at]);
        out.push_str(replacement);
        at += len;
        clean = at;
    }
    out.push_str(&text[clean..]);
}

/// Whether `c` may stand in html or docx text. XML cannot hold the C0
/// controls other than tab and line ends; an HTML parser reports DEL, the
/// C1 controls and the noncharacters (U+FDD0–U+FDEF, and U+FFFE and U+FFFF
/// of every plane) as errors. None of them means anything in a report.
pub fn is_text_char(c: char) -> bool {
    let code = c as u32;
    let control = c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    let nonchar = (0xFDD0..=0xFDEF).contains(&code) || code & 0xFFFE == 0xFFFE;
    !(control || nonchar)
}

/// `text` without the characters [`is_text_char`] refuses: for text that
/// reaches html or docx other than through [`escape`] (Markdown before it
/// is converted).
pub fn text_chars(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().all(is_text_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(text.chars().filter(|&c| is_text_char(c)).collect())
}

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Format {
    /// Markdown, as the template renders it, with charts and the signature
    /// block as plain Markdown.
    Md,
    /// A self-contained HTML page, print-ready.
    Html,
    /// A Word document in the style of Chinese official documents.
    Docx,
    /// A workbook with a worksheet for every table of the report.
    Xlsx,
}

impl Format {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Xlsx => "xlsx",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_html_and_xml_cannot_carry_are_dropped() {
        let hostile = "a\u{1}b\u{1b}[31mc\u{7f}d\u{85}e\u{FFFE}f\u{FDD0}g\u{1FFFF}h\ti\nj";
        assert_eq!(escape(hostile), "ab[31mcdefgh\ti\nj");
        assert_eq!(text_chars(hostile), "ab[31mcdefgh\ti\nj");
        assert!(matches!(
            text_chars("雷畈村"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(
            escape("<a href=\"x\">&</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"
        );
        assert_eq!(escape("甲&乙\u{85}<丙\u{1}"), "甲&amp;乙&lt;丙");
        let wide = "é\u{9f}ü\u{a0}\u{fdd0}\u{fffe}\u{e000}\u{ffff}😀\u{10fffe}\u{7ff}\u{800}";
        let expected: String = wide.chars().filter(|&c| is_text_char(c)).collect();
        assert_eq!(escape(wide), expected);
        assert_eq!(expected, "éü\u{a0}\u{e000}😀\u{7ff}\u{800}");
    }

    /// The escaping character by character, as the writers did before.
    fn escaped_char_by_char(text: &str) -> String {
        let mut out = String::new();
        for c in text.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                c if is_text_char(c) => out.push(c),
                _ => {}
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn escaping_byte_by_byte_is_escaping_character_by_character(
            chars in proptest::collection::vec(proptest::char::any(), 0..64)
        ) {
            let text: String = chars.into_iter().collect();
            proptest::prop_assert_eq!(escape(&text), escaped_char_by_char(&text));
        }
    }
}
