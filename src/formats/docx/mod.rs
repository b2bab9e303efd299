//! The docx format: a [`Document`] as a Word document laid out as a Chinese
//! official document (公文, GB/T 9704-2012).
//!
//! The OOXML parts are written here directly and packed with the `zip` crate,
//! so that every byte is under our control: no clock is read (zip entries carry
//! the fixed DOS date 1980-01-01 00:00, `docProps/core.xml` has no dates, a
//! chart's embedded workbook is created on that same fixed date), and
//! every id (list numbering instances, relationships) is a counter local to one
//! call. The same document and style therefore always give the same bytes.
//!
//! One file per element of the page, named after it:
//! - [`layout`]: the document tree as the flat paragraphs and tables Word
//!   holds, with list numbering;
//! - [`page`]: A4, the margins and the line pitch (GB/T 9704 §5.2);
//! - [`paragraphs`]: runs and paragraph properties, the title, headings
//!   (黑体 一、, 楷体 （一）, bold 1.), body text, code;
//! - [`signature`]: 发文机关署名 and 成文日期 (§7.3.5);
//! - [`tables`]: tables with a repeating bold header, columns sized from their
//!   contents, in 小四, or 五号/小五 when the cells would not fit otherwise;
//! - [`charts`]: chart blocks as native Word bar charts, each with its
//!   numbers in an embedded workbook;
//! - [`footer`]: the page number "— 1 —" (§7.5);
//! - [`furniture`]: the 版头 (red issuer, number, red line) and the 版记,
//!   a table floating at the foot of the last page;
//! - [`styles`], [`numbering`], [`fonts`]: the style, numbering and font
//!   parts; [`packaging`]: the package around them.
//!
//! Links are their text only (never a live hyperlink), images their alt
//! text, and no text ever becomes a field.

mod charts;
mod fonts;
mod footer;
mod furniture;
mod layout;
mod numbering;
mod packaging;
mod page;
mod paragraphs;
mod signature;
mod styles;
mod tables;
#[cfg(test)]
mod tests;

pub use furniture::Furniture;
pub use packaging::Error;
pub use styles::Style;

use crate::document::Document;
use page::Metrics;
use paragraphs::Fonts;
use std::borrow::Cow;
use std::fmt::Write as _;

/// Turns one report's document into a .docx file's bytes. Deterministic: the
/// same input gives the same bytes (no timestamps, no random ids).
pub fn to_docx(document: &Document, style: &Style) -> Result<Vec<u8>, Error> {
    let metrics = Metrics::new(style);
    let mut laid = layout::lay_out(document);
    signature::place(&mut laid.blocks, &metrics, style.sealed);
    let writer = XmlWriter { style, m: &metrics };
    let charts = laid.charts.len();
    let body = packaging::packed_in_pieces("word/document.xml", |hand_on| {
        writer.document(&laid, hand_on);
    })?;
    let head: Vec<(String, String)> = vec![
        (
            "[Content_Types].xml".into(),
            packaging::content_types(charts),
        ),
        ("_rels/.rels".into(), packaging::ROOT_RELS.to_string()),
        (
            "docProps/core.xml".into(),
            packaging::core_xml(&document.title()),
        ),
        ("docProps/app.xml".into(), packaging::APP_XML.to_string()),
    ];
    let tail: Vec<(String, String)> = vec![
        ("word/styles.xml".into(), writer.styles()),
        ("word/numbering.xml".into(), writer.numbering(&laid.nums)),
        (
            "word/settings.xml".into(),
            packaging::SETTINGS_XML.to_string(),
        ),
        ("word/fontTable.xml".into(), writer.font_table()),
        ("word/footer1.xml".into(), writer.footer(footer::Side::Odd)),
        ("word/footer2.xml".into(), writer.footer(footer::Side::Even)),
        (
            "word/_rels/document.xml.rels".into(),
            packaging::document_rels(charts),
        ),
    ];
    let pack = |(name, xml): (String, String)| packaging::packed(&name, xml.as_bytes());
    let mut parts = head.into_iter().map(pack).collect::<Result<Vec<_>, _>>()?;
    parts.push(body);
    for part in tail.into_iter().map(pack) {
        parts.push(part?);
    }
    for (name, bytes) in chart_parts(&laid.charts, style)? {
        parts.push(packaging::packed(&name, &bytes)?);
    }
    packaging::package(parts)
}

/// About how long a piece of the document part is when it is handed on to
/// be compressed.
const PIECE: usize = 1 << 20;

/// Each chart's part, its relationships and its embedded workbook.
fn chart_parts(
    charts: &[crate::document::Chart],
    style: &Style,
) -> Result<Vec<(String, Vec<u8>)>, Error> {
    let fonts = (style.body_font.as_str(), style.latin_font.as_str());
    let mut parts = Vec::with_capacity(3 * charts.len());
    for (n, chart) in (1..).zip(charts) {
        let book_name = format!("word/{}", charts::workbook_name(n));
        let book = charts::workbook(chart)
            .map_err(|e| Error::new(&book_name, std::io::Error::other(e)))?;
        parts.push((
            format!("word/{}", charts::part_name(n)),
            charts::part(chart, fonts).into_bytes(),
        ));
        parts.push((
            format!("word/charts/_rels/chart{n}.xml.rels"),
            charts::rels(n).into_bytes(),
        ));
        parts.push((book_name, book));
    }
    Ok(parts)
}

/// The kinds of paragraph, each with its own font and layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// The title: 方正小标宋简体, centred.
    Title,
    /// The addressee: body text flush left.
    Addressee,
    /// Level 2: 黑体.
    Heading,
    /// Level 3: 楷体.
    Subheading,
    /// Level 4 and deeper: bold body font.
    Minor,
    /// Body text (also list items, quotes, the attachment note).
    Body,
    /// A line of a code block: monospace.
    Code,
    /// The title above a chart: bold, centred.
    ChartTitle,
    /// The label of an attachment (附件1): 黑体, flush left, on a new page.
    AttachmentLabel,
}

/// A run of a paragraph or a cell.
/// A paragraph's part in the signature block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sign {
    /// Not in it.
    No,
    /// A signing organisation.
    Signer,
    /// The date.
    Date,
}

/// A run of text with one emphasis, or a line break. Its text is the
/// document's, borrowed: the runs of a ledger of 50 000 findings would
/// otherwise copy every cell's text once more.
#[derive(Debug, Clone, PartialEq)]
enum Run<'a> {
    Text {
        text: Cow<'a, str>,
        bold: bool,
        italic: bool,
    },
    Break,
}

impl<'a> Run<'a> {
    fn text(text: impl Into<Cow<'a, str>>, bold: bool) -> Run<'a> {
        Run::Text {
            text: text.into(),
            bold,
            italic: false,
        }
    }
}

#[derive(Debug)]
struct Para<'a> {
    kind: Kind,
    runs: Vec<Run<'a>>,
    /// `(numId, ilvl)` of the list item this paragraph opens.
    numbering: Option<(u32, u32)>,
    /// The list level whose text this paragraph continues (a later paragraph
    /// of a list item).
    list_level: Option<u32>,
    /// How many block quotes it is in.
    quote: u32,
    /// Set right as signature or date: right indent in twips, and whether a
    /// blank line precedes it.
    signature: Option<(u32, bool)>,
    /// Which line of the signature block it is, to be placed by
    /// [`signature::place`].
    signs: Sign,
    /// Kept on the page of the paragraph after it.
    keep_with_next: bool,
    /// Lines of space before it (the room for a seal over the signature).
    lines_before: u32,
}

impl<'a> Para<'a> {
    fn new(kind: Kind) -> Self {
        Para {
            kind,
            runs: Vec::new(),
            numbering: None,
            list_level: None,
            quote: 0,
            signature: None,
            signs: Sign::No,
            keep_with_next: false,
            lines_before: 0,
        }
    }

    fn with_text(kind: Kind, text: &'a str, bold: bool) -> Self {
        let mut p = Para::new(kind);
        if !text.is_empty() {
            p.runs.push(Run::text(text, bold));
        }
        p
    }
}

#[derive(Debug, Clone)]
struct Row<'a> {
    header: bool,
    cells: Vec<Vec<Run<'a>>>,
    /// Which cells hold a date or a number, never to be broken.
    whole: Vec<bool>,
}

#[derive(Debug)]
struct Table<'a> {
    aligns: Vec<crate::document::Align>,
    rows: Vec<Row<'a>>,
    /// Too wide for portrait: set in a landscape section.
    wide: bool,
}

#[derive(Debug)]
enum Block<'a> {
    Para(Para<'a>),
    Table(Table<'a>),
    /// A native chart: its index in [`Laid::charts`].
    Chart(usize),
}

/// One numbering instance (`w:num`): a list, restarting at `start`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct NumDef {
    ordered: bool,
    ilvl: u32,
    start: u32,
}

/// The document as Word holds it: paragraphs and tables, and the list
/// numbering instances they use.
#[derive(Debug, Default)]
struct Laid<'a> {
    blocks: Vec<Block<'a>>,
    nums: Vec<NumDef>,
    /// The charts, each its own part.
    charts: Vec<crate::document::Chart>,
}

/// A run's plain text: a line break reads as a space.
fn run_text<'r>(run: &'r Run) -> &'r str {
    match run {
        Run::Text { text, .. } => text,
        Run::Break => " ",
    }
}

/// The width of [`plain_text`] of `runs`, without making it.
fn runs_width(runs: &[Run]) -> u32 {
    crate::document::text::chars_width(runs.iter().flat_map(|r| run_text(r).chars()))
}

/// The plain text of runs.
fn plain_text(runs: &[Run]) -> String {
    runs.iter().map(run_text).collect()
}

/// After a table or a chart that ends a section: an empty paragraph holding
/// the section's properties.
fn end_section(out: &mut String, section: Option<&str>) {
    if let Some(section) = section {
        let _ = write!(out, "<w:p><w:pPr>{section}</w:pPr></w:p>");
    }
}

/// Writes the XML parts for one style and its measures.
struct XmlWriter<'a> {
    style: &'a Style,
    m: &'a Metrics,
}

impl XmlWriter<'_> {
    fn body_fonts(&self) -> Fonts<'_> {
        Fonts {
            east: &self.style.body_font,
            latin: &self.style.latin_font,
        }
    }

    /// Left indent of list level `ilvl`'s text.
    fn list_left(&self, ilvl: u32) -> u32 {
        2 * self.m.char_w * (ilvl + 1) + self.list_hanging()
    }

    fn list_hanging(&self) -> u32 {
        self.m.char_w * 3 / 2
    }

    /// The document part, handed on in pieces of about [`PIECE`] bytes.
    fn document(&self, laid: &Laid, hand_on: &mut dyn FnMut(String)) {
        let mut out = String::with_capacity(PIECE + PIECE / 4);
        // A piece is handed on between blocks and between a table's rows.
        let mut piece_done = |out: &mut String| {
            if out.len() >= PIECE {
                hand_on(std::mem::replace(
                    out,
                    String::with_capacity(PIECE + PIECE / 4),
                ));
            }
        };
        out.push_str(packaging::XML_DECL);
        let _ = write!(
            out,
            "<w:document xmlns:w=\"{}\" xmlns:r=\"{}\"><w:body>",
            packaging::W_NS,
            packaging::R_NS
        );
        let furniture = self.style.furniture.as_ref();
        if let Some(furniture) = furniture {
            out.push_str(&self.masthead(furniture));
        }
        let landscape = page::landscape_blocks(&laid.blocks);
        for (i, block) in laid.blocks.iter().enumerate() {
            // A section ends where the orientation changes; its properties
            // stand in its last paragraph.
            let ends = landscape
                .get(i + 1)
                .is_some_and(|next| *next != landscape[i]);
            let section = ends.then(|| page::section_properties(landscape[i], self.m.body_line));
            match block {
                Block::Para(p) => self.paragraph(&mut out, p, section.as_deref()),
                Block::Table(t) => {
                    self.table(&mut out, t, landscape[i], &mut piece_done);
                    end_section(&mut out, section.as_deref());
                }
                Block::Chart(c) => {
                    let width = page::text_width(landscape[i]);
                    out.push_str(&charts::drawing(&laid.charts[*c], c + 1, width));
                    end_section(&mut out, section.as_deref());
                }
            }
            piece_done(&mut out);
        }
        let last = landscape.last().copied().unwrap_or(false);
        if let Some(furniture) = furniture {
            out.push_str(&self.colophon(furniture, page::text_width(last)));
        }
        out.push_str(&page::section_properties(last, self.m.body_line));
        out.push_str("</w:body></w:document>");
        hand_on(out);
    }
}
