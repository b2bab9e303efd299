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

/// Escapes text for XML and HTML content and double-quoted attribute values
/// (SVG in html, WordprocessingML in docx), and drops the characters XML
/// cannot hold (controls other than tab and line ends, U+FFFE, U+FFFF).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
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
