//! The document model: a report's rendered Markdown read once into a small
//! typed tree, which every output format writes (md, html, docx, xlsx).
//!
//! Every decision about what the Markdown *means* is made here, by
//! [`read`]: which heading is the title, which paragraph is the addressee
//! (主送机关), which text is the signature block and which lines are the
//! attachment note, which bold run is a run-in lead sentence, which
//! headings are numbered "1." and "（1）" (GB/T 9704 §7.3.3), what a
//! `chart` block holds, what each table cell's value is (text, number,
//! percentage, date) and which table is too wide for a portrait page. The
//! writers in `formats/` only lay that tree out; none of them parses the
//! Markdown again or guesses.
//!
//! This stage knows nothing of records, configuration or templates: it takes
//! text and gives the tree.

mod chart;
mod numbering;
pub mod pages;
mod reader;
#[cfg(test)]
mod tests;
pub mod text;

pub use chart::{Bar, Chart};
pub use reader::{fenced, read};

/// A whole report, as its blocks in reading order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// The blocks, top to bottom.
    pub blocks: Vec<Block>,
    /// Where the top-level `chart` and `signature` blocks stand in the
    /// Markdown (byte ranges, in order), for the md writer, which shows them
    /// as plain Markdown and keeps every other byte as the template wrote it.
    pub fenced: Vec<(std::ops::Range<usize>, Block)>,
}

impl Document {
    /// The text of the document title (the first level-1 heading), as plain
    /// text; empty when there is none. For `<title>` and docx properties.
    pub fn title(&self) -> String {
        self.blocks
            .iter()
            .find_map(|b| match b {
                Block::Title(content) => Some(plain_text(content)),
                _ => None,
            })
            .unwrap_or_default()
    }

    /// Whether the document has a table too wide for a portrait page.
    pub fn has_wide_table(&self) -> bool {
        self.blocks
            .iter()
            .any(|b| matches!(b, Block::Table(t) if t.needs_landscape()))
    }
}

/// One block of a document.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A level-1 heading: the document title (标题), centred.
    Title(Vec<Inline>),
    /// The addressee (主送机关): the one-line paragraph right under the title
    /// that ends with a colon, set flush left.
    Addressee(Vec<Inline>),
    /// A heading of level 2 (一、, 黑体), 3 (（一）, 楷体), 4 (1., the body
    /// font, bold) or deeper (bold).
    Heading {
        /// 2 to 6.
        level: u8,
        /// Its text. A Chinese heading of level 4 or 5 starts with its number
        /// ("1.", "（1）") when the template wrote none, so that every writer
        /// shows it.
        content: Vec<Inline>,
    },
    /// A paragraph of body text.
    Paragraph(Paragraph),
    /// A bulleted or numbered list.
    List(List),
    /// A block quote.
    Quote(Vec<Block>),
    /// A code block other than a chart or signature: monospace lines.
    Code(String),
    /// A table.
    Table(Table),
    /// A bar chart (a `chart` code block).
    Chart(Chart),
    /// The attachment note (附件说明, GB/T 9704 §7.3.4) under the body.
    AttachmentNote(AttachmentNote),
    /// The signature block: signing organisation(s) and date (§7.3.5).
    Signature(Signature),
    /// The start of an attachment (附件N): a new page, the label top left,
    /// the title centred.
    Attachment(Attachment),
    /// A thematic break.
    Rule,
}

/// A paragraph, with its run-in lead sentence when it has one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Paragraph {
    /// The run-in lead (`1、**广泛宣传。**`): the number, if any, and the bold
    /// sentence the paragraph starts with. Empty for most paragraphs.
    pub lead: Vec<Inline>,
    /// The rest of the paragraph.
    pub content: Vec<Inline>,
}

impl Paragraph {
    /// The lead and the rest, in order.
    pub fn inlines(&self) -> impl Iterator<Item = &Inline> {
        self.lead.iter().chain(&self.content)
    }
}

/// A list: each item is a list of blocks.
#[derive(Debug, Clone, PartialEq)]
pub struct List {
    /// The number of the first item of a numbered list; `None` for bullets.
    pub start: Option<u64>,
    /// The items.
    pub items: Vec<Vec<Block>>,
}

/// The attachment note: the label (`附件：`, `Attachments:`) and the
/// numbered titles, each as written (`1. 2024年度表彰名单`).
#[derive(Debug, Clone, PartialEq)]
pub struct AttachmentNote {
    /// The label with its colon.
    pub label: String,
    /// One entry a line.
    pub items: Vec<String>,
}

/// The signature block: the signing organisation(s) and the date.
#[derive(Debug, Clone, PartialEq)]
pub struct Signature {
    /// The signing organisations, usually one; may be empty.
    pub signers: Vec<String>,
    /// The date (成文日期) as written; may be empty.
    pub date: String,
}

impl Signature {
    /// The lines of the block, signers first, then the date.
    pub fn lines(&self) -> impl Iterator<Item = &str> {
        self.signers
            .iter()
            .map(String::as_str)
            .chain(Some(self.date.as_str()).filter(|d| !d.is_empty()))
    }
}

/// The heading of an attachment: `附件1` and its title.
#[derive(Debug, Clone, PartialEq)]
pub struct Attachment {
    /// `附件1`, `Attachment 1`.
    pub label: String,
    /// The attachment's title; may be empty.
    pub title: String,
}

/// A table: a header row and body rows, every row as wide as the table.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The alignment of each column.
    pub align: Vec<Align>,
    /// The header cells.
    pub header: Vec<Cell>,
    /// The body rows.
    pub rows: Vec<Vec<Cell>>,
}

/// Tables with more columns than this are "wide": a landscape page in docx
/// and print, a sheet printed landscape in xlsx.
pub const WIDE_COLUMNS: usize = 8;

impl Table {
    /// The number of columns.
    pub fn columns(&self) -> usize {
        self.align.len()
    }

    /// Whether the table is too wide for a portrait page (more than
    /// [`WIDE_COLUMNS`] columns): the one rule for every format.
    pub fn needs_landscape(&self) -> bool {
        self.columns() > WIDE_COLUMNS
    }
}

/// The alignment of a table column, as the Markdown delimiter row gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// No alignment given.
    None,
    /// `:--`.
    Left,
    /// `:-:`.
    Center,
    /// `--:`.
    Right,
}

/// A table cell: its text as inlines and the value it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// The cell's content.
    pub content: Vec<Inline>,
    /// What the text is, for writers that store typed values (xlsx).
    pub value: Value,
}

impl Cell {
    /// The cell's plain text.
    pub fn text(&self) -> String {
        plain_text(&self.content)
    }
}

/// The typed value of a table cell, read from its whole text.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Anything else (also an empty cell).
    Text,
    /// A number: `12`, `-3.5`, `1,234` (thousands separators allowed).
    Number(f64),
    /// A percentage, as the fraction (`87.5%` → 0.875).
    Percent(f64),
    /// A date: `2024-04-18`, `2024年4月18日`.
    Date {
        /// The year.
        year: i32,
        /// 1 to 12.
        month: u32,
        /// 1 to 31 (valid for the month).
        day: u32,
    },
}

/// Inline content. Links and images are boxed: most inlines are text, a
/// ledger of 50 000 findings is some 650 000 cells of one span each, and
/// an inline as wide as a link (three strings) would make each of them
/// 72 bytes instead of 32.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    /// Text with its emphasis.
    Text(Span),
    /// A link whose target is safe to follow (http, https, mailto, relative
    /// or fragment); an unsafe link is read as its text alone.
    Link(Box<Link>),
    /// An image whose source is safe (http, https or relative); any other
    /// image is read as its alt text.
    Image(Box<Image>),
    /// A hard line break.
    Break,
}

/// A link of the text: [`Inline::Link`].
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// The target.
    pub url: String,
    /// Its title; may be empty.
    pub title: String,
    /// The link text.
    pub content: Vec<Span>,
}

/// An image in the text: [`Inline::Image`].
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    /// The source.
    pub src: String,
    /// The alternative text.
    pub alt: String,
    /// Its title; may be empty.
    pub title: String,
}

/// A piece of text with one emphasis.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Span {
    /// The text; never empty. Raw HTML in the Markdown is kept here as the
    /// characters typed.
    pub text: String,
    /// Bold (`**…**`, also a Chinese lead sentence CommonMark leaves literal).
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Inline code.
    pub code: bool,
}

/// The plain text of inlines: links and images as their text, breaks as a
/// space.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(span) => out.push_str(&span.text),
            Inline::Link(link) => link.content.iter().for_each(|s| out.push_str(&s.text)),
            Inline::Image(image) => out.push_str(&image.alt),
            Inline::Break => out.push(' '),
        }
    }
    out
}
