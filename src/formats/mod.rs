//! The output formats. Every report is rendered to Markdown by its template;
//! the other formats are made from that Markdown, so one template serves all.

pub mod chart;
pub mod docx;
pub mod html;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Format {
    /// Markdown, as the template renders it.
    Md,
    /// A self-contained HTML page, print-ready.
    Html,
    /// A Word document in the style of Chinese official documents.
    Docx,
}

impl Format {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Docx => "docx",
        }
    }
}
