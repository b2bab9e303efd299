//! The html format: a [`Document`] as a safe HTML fragment (the content of
//! `<main>` in `templates/layout.html`), charts drawn as inline SVG.
//!
//! Every element is written here from the document tree, its text escaped;
//! the reader has already turned raw HTML into text and dropped unsafe link
//! and image targets (anything but http, https, mailto and relative URLs).
//! As a second layer the fragment goes through ammonia with a whitelist of
//! exactly the tags, attributes and classes this module emits. The charts
//! are built from parsed numbers and escaped labels and are put in after
//! that pass, in place of `<annals-chart>` placeholders: a literal `<` can
//! only come from this module, never from the input.
//!
//! Table cells carry their Markdown alignment as a class (`align-left`,
//! `align-center`, `align-right`) rather than an inline style, and every
//! table is wrapped in `<div class="table-wrap">` (`table-wrap wide` for a
//! table printed landscape). The meaning the document gives is marked with
//! a class: `addressee`, `signature` (each signature line, in a
//! `signature-block`), `attachment-note`,
//! `attachment` (the label of an attachment, which starts a new page).

mod chart;
#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};

use crate::document::{
    Align, AttachmentNote, Block, Cell, Document, Inline, List, Signature, Span, Table,
};
use crate::formats::escape;

/// The placeholder of a chart in the fragment until ammonia has run.
const CHART_TAG: &str = "annals-chart";
const CHART_MARK: &str = "<annals-chart></annals-chart>";

/// One report's document as a safe HTML fragment (the content of `<main>`).
pub fn fragment(document: &Document) -> String {
    let mut writer = Writer::default();
    writer.blocks(&document.blocks);
    let clean = sanitise(&writer.out);
    insert_charts(&clean, &writer.charts)
}

#[derive(Default)]
struct Writer {
    out: String,
    charts: Vec<String>,
}

impl Writer {
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
                self.out.push_str(&escape(text));
                self.out.push_str("</code></pre>\n");
            }
            Block::Table(table) => self.table(table),
            Block::Chart(c) => {
                self.charts.push(chart::svg(c));
                self.out.push_str(CHART_MARK);
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
            Block::Rule => self.out.push_str("<hr />\n"),
        }
    }

    fn element(&mut self, tag: &str, attributes: &str, content: &[Inline]) {
        self.out.push_str(&format!("<{tag}{attributes}>"));
        inlines(&mut self.out, content);
        self.out.push_str(&format!("</{tag}>\n"));
    }

    fn line(&mut self, tag: &str, attributes: &str, text: &str) {
        self.out
            .push_str(&format!("<{tag}{attributes}>{}</{tag}>\n", escape(text)));
    }

    fn list(&mut self, list: &List) {
        match list.start {
            None => self.out.push_str("<ul>\n"),
            Some(1) => self.out.push_str("<ol>\n"),
            Some(n) => self.out.push_str(&format!("<ol start=\"{n}\">\n")),
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
        let wrap = if table.needs_landscape() {
            "table-wrap wide"
        } else {
            "table-wrap"
        };
        self.out
            .push_str(&format!("<div class=\"{wrap}\">\n<table><thead><tr>"));
        self.row("th", &table.header, &table.align);
        self.out.push_str("</tr></thead><tbody>\n");
        for row in &table.rows {
            self.out.push_str("<tr>");
            self.row("td", row, &table.align);
            self.out.push_str("</tr>\n");
        }
        self.out.push_str("</tbody></table>\n</div>\n");
    }

    fn row(&mut self, tag: &str, cells: &[Cell], align: &[Align]) {
        for (cell, align) in cells.iter().zip(align) {
            let class = match align {
                Align::Left => " class=\"align-left\"",
                Align::Center => " class=\"align-center\"",
                Align::Right => " class=\"align-right\"",
                Align::None => "",
            };
            self.out.push_str(&format!("<{tag}{class}>"));
            inlines(&mut self.out, &cell.content);
            self.out.push_str(&format!("</{tag}>"));
        }
    }

    fn attachment_note(&mut self, note: &AttachmentNote) {
        self.out.push_str("<p class=\"attachment-note\">");
        self.out.push_str(&escape(&note.label));
        for (i, item) in note.items.iter().enumerate() {
            if i > 0 {
                self.out.push_str("<br />\n");
            }
            self.out.push_str(&escape(item));
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
            Inline::Link {
                url,
                title,
                content,
            } => {
                out.push_str(&format!("<a href=\"{}\"", escape(url)));
                if !title.is_empty() {
                    out.push_str(&format!(" title=\"{}\"", escape(title)));
                }
                out.push('>');
                content.iter().for_each(|s| self::span(out, s));
                out.push_str("</a>");
            }
            Inline::Image { src, alt, title } => {
                out.push_str(&format!(
                    "<img src=\"{}\" alt=\"{}\"",
                    escape(src),
                    escape(alt)
                ));
                if !title.is_empty() {
                    out.push_str(&format!(" title=\"{}\"", escape(title)));
                }
                out.push_str(" />");
            }
            Inline::Break => out.push_str("<br />\n"),
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
        out.push_str(&format!("<{tag}>"));
    }
    out.push_str(&escape(&span.text));
    for tag in tags.iter().rev() {
        out.push_str(&format!("</{tag}>"));
    }
}

/// Ammonia over the fragment, allowing exactly what this module emits.
fn sanitise(html: &str) -> String {
    let tags: HashSet<&str> = [
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "em",
        "strong",
        "code",
        "pre",
        "blockquote",
        "hr",
        "br",
        "a",
        "img",
        "div",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        CHART_TAG,
    ]
    .into_iter()
    .collect();
    let attributes: HashMap<&str, HashSet<&str>> = [
        ("a", ["href", "title"].into_iter().collect()),
        ("img", ["src", "alt", "title"].into_iter().collect()),
        ("ol", ["start"].into_iter().collect()),
    ]
    .into_iter()
    .collect();
    let aligned: HashSet<&str> = ["align-left", "align-center", "align-right"]
        .into_iter()
        .collect();
    let classes: HashMap<&str, HashSet<&str>> = [
        (
            "p",
            ["signature", "addressee", "attachment-note", "attachment"]
                .into_iter()
                .collect(),
        ),
        (
            "div",
            ["table-wrap", "wide", "signature-block"]
                .into_iter()
                .collect(),
        ),
        ("th", aligned.clone()),
        ("td", aligned),
    ]
    .into_iter()
    .collect();
    ammonia::Builder::empty()
        .tags(tags)
        .tag_attributes(attributes)
        .generic_attributes(HashSet::new())
        .allowed_classes(classes)
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(None)
        .strip_comments(true)
        .clean(html)
        .to_string()
}

/// Puts the charts in place of their placeholders, in order.
fn insert_charts(html: &str, charts: &[String]) -> String {
    let mut out = String::with_capacity(html.len() + charts.iter().map(String::len).sum::<usize>());
    let mut rest = html;
    let mut charts = charts.iter();
    while let Some(at) = rest.find(CHART_MARK) {
        out.push_str(&rest[..at]);
        if let Some(svg) = charts.next() {
            out.push_str(svg);
        }
        rest = &rest[at + CHART_MARK.len()..];
    }
    out.push_str(rest);
    out
}
