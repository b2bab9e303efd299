//! The document tree as Word holds it: a flat run of paragraphs and tables,
//! lists as numbered paragraphs, quotes as indents.

use std::borrow::Cow;

use super::numbering::MAX_LEVEL;
use super::{Block, Kind, Laid, NumDef, Para, Row, Run, Sign, Table, charts};
use crate::document::{self, Document, Inline, Span, Value};

/// Lays the document out.
pub(super) fn lay_out(document: &Document) -> Laid<'_> {
    let mut layout = Layout::default();
    layout.blocks(&document.blocks, Context::default());
    layout.laid
}

/// Where a block stands: how many quotes deep, in which list item.
#[derive(Debug, Clone, Copy, Default)]
struct Context {
    quote: u32,
    /// `(numId, ilvl)` of the innermost list.
    list: Option<(u32, u32)>,
}

#[derive(Debug, Default)]
struct Layout<'a> {
    laid: Laid<'a>,
    /// The next body paragraph opens the current list item (takes its number).
    item_fresh: bool,
}

impl<'a> Layout<'a> {
    fn blocks(&mut self, blocks: &'a [document::Block], cx: Context) {
        for block in blocks {
            self.block(block, cx);
        }
    }

    fn block(&mut self, block: &'a document::Block, cx: Context) {
        use document::Block as B;
        match block {
            B::Title(content) => self.para(Kind::Title, runs(content), cx),
            B::Addressee(content) => self.para(Kind::Addressee, runs(content), cx),
            B::Heading { level, content } => {
                let kind = match level {
                    2 => Kind::Heading,
                    3 => Kind::Subheading,
                    _ => Kind::Minor,
                };
                self.para(kind, runs(content), cx);
            }
            B::Paragraph(p) => self.para(Kind::Body, runs(p.inlines()), cx),
            B::List(list) => self.list(list, cx),
            B::Quote(blocks) => {
                let inner = Context {
                    quote: cx.quote.saturating_add(1),
                    ..cx
                };
                self.blocks(blocks, inner);
            }
            B::Code(text) => {
                let text = text.strip_suffix('\n').unwrap_or(text);
                for line in text.split('\n') {
                    let line = line.strip_suffix('\r').unwrap_or(line);
                    self.para(Kind::Code, text_runs(line), cx);
                }
            }
            B::Table(table) => self.laid.blocks.push(Block::Table(self::table(table))),
            B::Chart(chart) => {
                self.laid
                    .blocks
                    .extend(charts::title(chart).map(Block::Para));
                self.laid.blocks.push(Block::Chart(self.laid.charts.len()));
                self.laid.charts.push(chart.clone());
            }
            B::AttachmentNote(note) => {
                let mut runs = text_runs(&note.label);
                for (i, item) in note.items.iter().enumerate() {
                    if i > 0 {
                        runs.push(Run::Break);
                    }
                    runs.extend(text_runs(item));
                }
                self.para(Kind::Body, runs, cx);
            }
            B::Signature(signature) => {
                let signers = signature.signers.iter().map(|s| (s, Sign::Signer));
                let date = Some(&signature.date).filter(|d| !d.is_empty());
                for (line, sign) in signers.chain(date.map(|d| (d, Sign::Date))) {
                    let mut p = Para::new(Kind::Body);
                    p.runs = text_runs(line);
                    p.signs = sign;
                    self.laid.blocks.push(Block::Para(p));
                }
            }
            B::Attachment(a) => {
                self.para(Kind::AttachmentLabel, text_runs(&a.label), cx);
                if !a.title.is_empty() {
                    self.para(Kind::Title, text_runs(&a.title), cx);
                }
            }
            B::Rule => {}
        }
    }

    /// A paragraph of `kind` placed in the current list and quote context.
    fn para(&mut self, kind: Kind, runs: Vec<Run<'a>>, cx: Context) {
        let mut p = Para::new(kind);
        p.runs = runs;
        p.quote = cx.quote;
        if let Some((num_id, ilvl)) = cx.list
            && matches!(kind, Kind::Body | Kind::Code)
        {
            if self.item_fresh && kind == Kind::Body {
                p.numbering = Some((num_id, ilvl));
                self.item_fresh = false;
            } else {
                p.list_level = Some(ilvl);
            }
        }
        self.laid.blocks.push(Block::Para(p));
    }

    fn list(&mut self, list: &'a document::List, cx: Context) {
        let ilvl = cx
            .list
            .map_or(0, |(_, l)| l.saturating_add(1))
            .min(MAX_LEVEL);
        let start = list
            .start
            .map_or(1, |s| u32::try_from(s).unwrap_or(u32::MAX).min(32767));
        self.laid.nums.push(NumDef {
            ordered: list.start.is_some(),
            ilvl,
            start,
        });
        let num_id = u32::try_from(self.laid.nums.len()).unwrap_or(u32::MAX);
        let inner = Context {
            list: Some((num_id, ilvl)),
            ..cx
        };
        for item in &list.items {
            self.item_fresh = true;
            for block in item {
                if matches!(block, document::Block::List(_)) {
                    self.item_fresh = false;
                }
                self.block(block, inner);
            }
            if self.item_fresh {
                // An empty item still shows its number.
                self.para(Kind::Body, Vec::new(), inner);
            }
            self.item_fresh = false;
        }
    }
}

fn table(table: &document::Table) -> Table<'_> {
    let header = Row {
        header: true,
        cells: table.header.iter().map(|c| runs(&c.content)).collect(),
        whole: Vec::new(),
    };
    let body = table.rows.iter().map(|row| Row {
        header: false,
        cells: row.iter().map(|c| runs(&c.content)).collect(),
        whole: row.iter().map(|c| c.value != Value::Text).collect(),
    });
    Table {
        aligns: table.align.clone(),
        rows: std::iter::once(header).chain(body).collect(),
        wide: table.needs_landscape(),
    }
}

fn text_runs(text: &str) -> Vec<Run<'_>> {
    if text.is_empty() {
        Vec::new()
    } else {
        vec![Run::text(text, false)]
    }
}

/// Inlines as runs: links as their text, images as their alt text.
fn runs<'a>(content: impl IntoIterator<Item = &'a Inline>) -> Vec<Run<'a>> {
    let span_run = |span: &'a Span| Run::Text {
        text: Cow::Borrowed(span.text.as_str()),
        bold: span.bold,
        italic: span.italic,
    };
    let mut out = Vec::new();
    for inline in content {
        match inline {
            Inline::Text(span) => out.push(span_run(span)),
            Inline::Link(link) => out.extend(link.content.iter().map(span_run)),
            Inline::Image(image) => out.push(Run::text(image.alt.as_str(), false)),
            Inline::Break => out.push(Run::Break),
        }
    }
    merge(out)
}

/// Adjacent runs of the same emphasis as one; empty text dropped.
fn merge(runs: Vec<Run<'_>>) -> Vec<Run<'_>> {
    let mut out: Vec<Run> = Vec::new();
    for run in runs {
        match (out.last_mut(), run) {
            (_, Run::Text { text, .. }) if text.is_empty() => {}
            (
                Some(Run::Text {
                    text: last,
                    bold: b,
                    italic: i,
                }),
                Run::Text { text, bold, italic },
            ) if *b == bold && *i == italic => last.to_mut().push_str(&text),
            (_, run) => out.push(run),
        }
    }
    out.shrink_to_fit();
    out
}
