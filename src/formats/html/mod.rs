//! The html format: a [`Document`] as a safe HTML fragment (the content of
//! `<main>` in `templates/layout.html`), charts drawn as inline SVG.
//!
//! Every element is written here from the document tree, its text escaped;
//! the reader has already turned raw HTML into text and dropped unsafe link
//! and image targets (anything but http, https, mailto and relative URLs).
//! As a second layer the fragment must pass an allow-list of exactly the
//! tags, attributes, classes and link schemes this module emits, or it goes
//! through ammonia with that list (see [`allowed`]). The SVG
//! drawings (the charts, built from parsed numbers and escaped labels, and
//! the red issuer of the 版头) are put in after that pass, in place of
//! `<annals-chart>` placeholders: a literal `<` can only come from this
//! module, never from the input.
//!
//! Table cells carry their Markdown alignment as a class (`align-left`,
//! `align-center`, `align-right`) rather than an inline style, and the
//! value the document model reads in them (`number`, `percent`, `date`:
//! never broken over two lines), or `short` for the text cells of a column
//! of short words (statuses, severities), kept on one line too; every table is wrapped in
//! `<div class="table-wrap">`. The meaning the document gives is marked with
//! a class: `addressee`, `signature` (each signature line, in a
//! `signature-block`), `attachment-note`,
//! `attachment` (the label of an attachment, which starts a new page).
//! The part of the document that holds a wide table is a
//! `<section class="landscape">`, printed on landscape pages (the docx's
//! rule for its landscape sections); a formal 公文's 版头 (`masthead`) and 版记
//! (`colophon`) frame the whole (see [`framed`]).

mod allowed;
mod chart;
mod furniture;
#[cfg(test)]
mod tests;

use std::fmt::Write as _;

use crate::document::pages::{self, Role};
use crate::document::{
    Align, AttachmentNote, Block, Cell, Document, Image, Inline, Link, List, Signature, Span,
    Table, Value, text,
};
use crate::formats::{Furniture, escape, escape_text, escape_text_into};

const DRAWING_MARK: &str = "<annals-chart></annals-chart>";

/// One report's document as a safe HTML fragment (the content of `<main>`).
pub fn fragment(document: &Document) -> String {
    framed(document, None)
}

/// One report's document as a safe HTML fragment, with the 版头 before it
/// and the 版记 after it when it is a formal 公文 (`document:` in
/// annals.yaml).
pub fn framed(document: &Document, furniture: Option<&Furniture>) -> String {
    let writer = written(document, furniture);
    insert_drawings(&allowed::sanitise(writer.out), &writer.drawings)
}

/// The writer's fragment of [`framed`] before the allow-list, with its
/// drawings.
fn written(document: &Document, furniture: Option<&Furniture>) -> Writer {
    let mut writer = Writer::default();
    let blocks = &document.blocks;
    let parts = landscape_parts(blocks);
    let mut start = 0;
    while start < blocks.len() {
        let landscape = parts[start];
        let end = (start..blocks.len())
            .find(|&i| parts[i] != landscape)
            .unwrap_or(blocks.len());
        if landscape {
            writer.out.push_str("<section class=\"landscape\">\n");
        }
        if start == 0 {
            writer.masthead(furniture);
        }
        writer.blocks(&blocks[start..end]);
        if end == blocks.len() {
            writer.colophon(furniture);
        }
        if landscape {
            writer.out.push_str("</section>\n");
        }
        start = end;
    }
    if blocks.is_empty() {
        writer.masthead(furniture);
        writer.colophon(furniture);
    }
    writer
}

/// Which top-level blocks stand on landscape pages, by the rule of the
/// docx's landscape sections ([`pages::landscape`]).
fn landscape_parts(blocks: &[Block]) -> Vec<bool> {
    pages::landscape(blocks, |block| match block {
        Block::Table(t) if t.needs_landscape() => Role::WideTable,
        Block::Table(_) => Role::Table,
        Block::Heading { .. } | Block::Attachment(_) => Role::Heading,
        _ => Role::Other,
    })
}

/// The widest text (in half characters) of a column whose cells are kept
/// on one line: a status, a severity, a short name ("未整改", "严重").
const SHORT_COLUMN: u32 = 8;

/// Which columns hold only short texts (at most [`SHORT_COLUMN`] half
/// characters in every body cell): printed on one line, so that the
/// browser gives the long texts the width and breaks those instead.
fn short_columns(table: &Table) -> Vec<bool> {
    (0..table.columns())
        .map(|c| {
            table
                .rows
                .iter()
                .filter_map(|row| row.get(c))
                .all(|cell| text::width(&cell.text()) <= SHORT_COLUMN)
        })
        .collect()
}

#[derive(Default)]
struct Writer {
    out: String,
    /// The SVG drawings, in the order of their placeholders.
    drawings: Vec<String>,
}

impl Writer {
    /// The 版头, when there is one.
    fn masthead(&mut self, given: Option<&Furniture>) {
        let Some(given) = given else { return };
        if let Some(html) = furniture::masthead(given, DRAWING_MARK) {
            self.drawings.extend(furniture::issuer_svg(given));
            self.out.push_str(&html);
        }
    }

    /// The 版记, when there is one.
    fn colophon(&mut self, given: Option<&Furniture>) {
        if let Some(html) = given.and_then(furniture::colophon) {
            self.out.push_str(&html);
        }
    }

    fn blocks(&mut self, blocks: &[Block]) {
        for block in blocks {
            self.block(block);
        }
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Title(content) => self.element("h1", "", content),
            Block::Addressee(content) => self.element("p", " class=\"addressee\"", content),
            Block::Heading { level, content } => {
                self.element(&format!("h{}", level.clamp(&2, &6)), "", content)
            }
            Block::Paragraph(p) => {
                let inlines: Vec<Inline> = p.inlines().cloned().collect();
                self.element("p", "", &inlines);
            }
            Block::List(list) => self.list(list),
            Block::Quote(blocks) => {
                self.out.push_str("<blockquote>\n");
                self.blocks(blocks);
                self.out.push_str("</blockquote>\n");
            }
            Block::Code(text) => {
                self.out.push_str("<pre><code>");
                escape_text_into(&mut self.out, text);
                self.out.push_str("</code></pre>\n");
            }
            Block::Table(table) => self.table(table),
            Block::Chart(c) => {
                self.drawings.push(chart::svg(c));
                self.out.push_str(DRAWING_MARK);
                self.out.push('\n');
            }
            Block::AttachmentNote(note) => self.attachment_note(note),
            Block::Signature(signature) => self.signature(signature),
            Block::Attachment(a) => {
                self.line("p", " class=\"attachment\"", &a.label);
                if !a.title.is_empty() {
                    self.line("h1", "", &a.title);
                }
            }
            Block::Rule => self.out.push_str("<hr>\n"),
        }
    }

    fn element(&mut self, tag: &str, attributes: &str, content: &[Inline]) {
        let _ = write!(self.out, "<{tag}{attributes}>");
        inlines(&mut self.out, content);
        let _ = writeln!(self.out, "</{tag}>");
    }

    fn line(&mut self, tag: &str, attributes: &str, text: &str) {
        self.out.push_str(&format!(
            "<{tag}{attributes}>{}</{tag}>\n",
            escape_text(text)
        ));
    }

    fn list(&mut self, list: &List) {
        match list.start {
            None => self.out.push_str("<ul>\n"),
            Some(1) => self.out.push_str("<ol>\n"),
            Some(n) => {
                let _ = writeln!(self.out, "<ol start=\"{n}\">");
            }
        }
        for item in &list.items {
            self.out.push_str("<li>");
            match &item[..] {
                // One paragraph: a tight item, its text right in the <li>.
                [Block::Paragraph(p)] => {
                    let content: Vec<Inline> = p.inlines().cloned().collect();
                    inlines(&mut self.out, &content);
                }
                blocks => {
                    self.out.push('\n');
                    self.blocks(blocks);
                }
            }
            self.out.push_str("</li>\n");
        }
        self.out.push_str(if list.start.is_some() {
            "</ol>\n"
        } else {
            "</ul>\n"
        });
    }

    fn table(&mut self, table: &Table) {
        self.out
            .push_str("<div class=\"table-wrap\">\n<table><thead><tr>");
        self.row("th", &table.header, &table.align, &[]);
        self.out.push_str("</tr></thead><tbody>\n");
        let short = short_columns(table);
        for row in &table.rows {
            self.out.push_str("<tr>");
            self.row("td", row, &table.align, &short);
            self.out.push_str("</tr>\n");
        }
        self.out.push_str("</tbody></table>\n</div>\n");
    }

    /// One row's cells, each with the classes of its alignment, its value
    /// and, in a `short` column, `short`.
    fn row(&mut self, tag: &str, cells: &[Cell], align: &[Align], short: &[bool]) {
        for (i, (cell, align)) in cells.iter().zip(align).enumerate() {
            let align = match align {
                Align::Left => Some("align-left"),
                Align::Center => Some("align-center"),
                Align::Right => Some("align-right"),
                Align::None => None,
            };
            let value = match cell.value {
                Value::Number(_) => Some("number"),
                Value::Percent(_) => Some("percent"),
                Value::Date { .. } => Some("date"),
                Value::Text => short.get(i).is_some_and(|&s| s).then_some("short"),
            };
            let classes: Vec<&str> = [align, value].into_iter().flatten().collect();
            if classes.is_empty() {
                let _ = write!(self.out, "<{tag}>");
            } else {
                let _ = write!(self.out, "<{tag} class=\"{}\">", classes.join(" "));
            }
            inlines(&mut self.out, &cell.content);
            let _ = write!(self.out, "</{tag}>");
        }
    }

    fn attachment_note(&mut self, note: &AttachmentNote) {
        self.out.push_str("<p class=\"attachment-note\">");
        escape_text_into(&mut self.out, &note.label);
        for (i, item) in note.items.iter().enumerate() {
            if i > 0 {
                self.out.push_str("<br>\n");
            }
            escape_text_into(&mut self.out, item);
        }
        self.out.push_str("</p>\n");
    }

    /// The signature block: its lines in one block, so that the signature
    /// can be centred over the date.
    fn signature(&mut self, signature: &Signature) {
        self.out.push_str("<div class=\"signature-block\">\n");
        for line in signature.lines() {
            self.line("p", " class=\"signature\"", line);
        }
        self.out.push_str("</div>\n");
    }
}

fn inlines(out: &mut String, content: &[Inline]) {
    for inline in content {
        match inline {
            Inline::Text(span) => self::span(out, span),
            Inline::Link(link) => {
                let Link {
                    url,
                    title,
                    content,
                } = &**link;
                let _ = write!(out, "<a href=\"{}\"", escape(url));
                if !title.is_empty() {
                    let _ = write!(out, " title=\"{}\"", escape(title));
                }
                out.push('>');
                content.iter().for_each(|s| self::span(out, s));
                out.push_str("</a>");
            }
            Inline::Image(image) => {
                let Image { src, alt, title } = &**image;
                let _ = write!(out, "<img src=\"{}\" alt=\"{}\"", escape(src), escape(alt));
                if !title.is_empty() {
                    let _ = write!(out, " title=\"{}\"", escape(title));
                }
                out.push('>');
            }
            Inline::Break => out.push_str("<br>\n"),
        }
    }
}

fn span(out: &mut String, span: &Span) {
    let tags: Vec<&str> = [
        (span.bold, "strong"),
        (span.italic, "em"),
        (span.code, "code"),
    ]
    .into_iter()
    .filter_map(|(on, tag)| on.then_some(tag))
    .collect();
    for tag in &tags {
        let _ = write!(out, "<{tag}>");
    }
    escape_text_into(out, &span.text);
    for tag in tags.iter().rev() {
        let _ = write!(out, "</{tag}>");
    }
}

/// Puts the drawings in place of their placeholders, in order.
fn insert_drawings(html: &str, drawings: &[String]) -> String {
    let mut out =
        String::with_capacity(html.len() + drawings.iter().map(String::len).sum::<usize>());
    let mut rest = html;
    let mut drawings = drawings.iter();
    while let Some(at) = rest.find(DRAWING_MARK) {
        out.push_str(&rest[..at]);
        if let Some(svg) = drawings.next() {
            out.push_str(svg);
        }
        rest = &rest[at + DRAWING_MARK.len()..];
    }
    out.push_str(rest);
    out
}
