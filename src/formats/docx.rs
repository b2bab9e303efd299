//! The docx format: a report's Markdown as a Word document laid out as a
//! Chinese official document (公文, GB/T 9704-2012).
//!
//! The OOXML parts are written here directly and packed with the `zip` crate,
//! so that every byte is under our control: no clock is read (zip entries carry
//! the fixed DOS date 1980-01-01 00:00, `docProps/core.xml` has no dates), and
//! every id (list numbering instances, relationships) is a counter local to one
//! call. The same Markdown and style therefore always give the same bytes.
//!
//! What is mapped (pulldown-cmark with tables):
//! - `#` → the title (centred, `title_font`/`title_size`); `##` → 黑体 heading;
//!   `###` → 楷体 heading; deeper headings → bold body text; headings and body
//!   paragraphs are indented by two characters, lines have the fixed 公文 pitch;
//! - **bold**, *italic* (also `**…。**` followed by a letter, which
//!   CommonMark leaves literal but Chinese bold lead sentences are written
//!   so); inline code, links (their text only, never a live hyperlink),
//!   images (their alt text) and raw HTML (literal text) as plain text; line
//!   breaks; lists with real Word numbering; tables with a bold, repeating
//!   header row and borders, columns sized from their contents, in 小四, or
//!   五号/小五 when the cells would not fit otherwise;
//! - a fenced code block `chart` (lines `key: value`: settings `title`, `unit`,
//!   `max`, then bars `label: number`) → bold title and a table
//!   label | value | a bar of "█"; other code blocks → monospace paragraphs;
//! - the signature and date: a trailing run of at most two short paragraphs
//!   (≤ 30 characters, no bold) is set right, as GB/T 9704 places 发文机关署名
//!   and 成文日期 on a document without a seal.
//!
//! The page is A4 with the 公文 margins; the footer holds "— PAGE —".

use std::io::{Cursor, Write};

use crate::formats::chart::Chart;
use crate::formats::escape;
pub use crate::records::model::DocxStyle;
use pulldown_cmark::{Alignment, CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, System, ZipWriter};

/// Turns one report's Markdown into a .docx file's bytes. Deterministic: the
/// same input gives the same bytes (no timestamps, no random ids).
pub fn to_docx(markdown: &str, style: &DocxStyle) -> Result<Vec<u8>, String> {
    let mut doc = Converter::default().run(markdown);
    let metrics = Metrics::new(style);
    place_signature(&mut doc.blocks, &metrics);
    let title = doc
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Para(p) if p.kind == Kind::Title => Some(plain_text(&p.inline.runs)),
            _ => None,
        })
        .unwrap_or_default();
    let writer = XmlWriter { style, m: &metrics };
    let parts: [(&str, String); 11] = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", ROOT_RELS.to_string()),
        ("docProps/core.xml", core_xml(&title)),
        ("docProps/app.xml", APP_XML.to_string()),
        ("word/document.xml", writer.document(&doc)),
        ("word/styles.xml", writer.styles()),
        ("word/numbering.xml", writer.numbering(&doc.nums)),
        ("word/settings.xml", SETTINGS_XML.to_string()),
        ("word/fontTable.xml", writer.font_table()),
        ("word/footer1.xml", writer.footer()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
    ];
    package(&parts)
}

// ---------------------------------------------------------------------------
// Document model

/// The kinds of paragraph, each with its own font and layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `#`: 方正小标宋简体, centred.
    Title,
    /// `##`: 黑体.
    Heading,
    /// `###`: 楷体.
    Subheading,
    /// `####` and deeper: bold body font.
    Minor,
    /// Body text (also list items, quotes, literal HTML).
    Body,
    /// A line of a code block: monospace.
    Code,
    /// The title above a chart: bold, centred.
    ChartTitle,
}

#[derive(Debug, Clone, PartialEq)]
enum Run {
    Text {
        text: String,
        bold: bool,
        italic: bool,
    },
    Break,
    /// A literal `*` that pulldown-cmark left unmatched, at this byte offset
    /// of the Markdown; see [`Inline::finish`].
    Star {
        offset: usize,
        bold: bool,
        italic: bool,
    },
}

/// Runs being collected, with a soft line break waiting for the next text
/// (dropped between two CJK characters, a space otherwise).
#[derive(Debug, Default)]
struct Inline {
    runs: Vec<Run>,
    pending_soft: bool,
}

impl Inline {
    fn push_text(&mut self, text: &str, bold: bool, italic: bool) {
        let clean: String = text
            .chars()
            .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
            .collect();
        if clean.is_empty() {
            return;
        }
        let mut text = String::new();
        if std::mem::take(&mut self.pending_soft) {
            let before = self.runs.last().and_then(|r| match r {
                Run::Text { text, .. } => text.chars().last(),
                Run::Star { .. } => Some('*'),
                Run::Break => None,
            });
            let after = clean.chars().next();
            let joined = matches!((before, after), (Some(b), Some(a)) if is_wide(b) && is_wide(a));
            if before.is_some() && !joined {
                text.push(' ');
            }
        }
        text.push_str(&clean);
        if let Some(Run::Text {
            text: last,
            bold: b,
            italic: i,
        }) = self.runs.last_mut()
            && *b == bold
            && *i == italic
        {
            last.push_str(&text);
            return;
        }
        self.runs.push(Run::Text { text, bold, italic });
    }

    fn push_break(&mut self) {
        self.pending_soft = false;
        self.runs.push(Run::Break);
    }

    fn push_star(&mut self, offset: usize, bold: bool, italic: bool) {
        if std::mem::take(&mut self.pending_soft) {
            self.push_text(" ", bold, italic);
        }
        self.runs.push(Run::Star {
            offset,
            bold,
            italic,
        });
    }

    /// CommonMark cannot close `**` after punctuation when a letter follows,
    /// which is how bold lead sentences of Chinese text are written:
    /// `1、**广泛宣传，营造浓厚氛围。**年初……`. pulldown-cmark leaves such
    /// delimiters as literal asterisks; here each pair of them (two adjacent
    /// unescaped `*`, the opener followed and the closer preceded by
    /// non-space text) makes the text between bold. Other unmatched
    /// asterisks stay literal text.
    fn finish(&mut self) {
        let runs = std::mem::take(&mut self.runs);
        self.pending_soft = false;
        // Group adjacent stars into delimiter runs: (first index, count).
        let mut groups: Vec<(usize, usize)> = Vec::new();
        let mut last_offset: Option<usize> = None;
        for (i, run) in runs.iter().enumerate() {
            match run {
                Run::Star { offset, .. } => {
                    let adjacent = i > 0
                        && matches!(runs.get(i - 1), Some(Run::Star { .. }))
                        && last_offset.is_some_and(|o| o + 1 == *offset);
                    match groups.last_mut() {
                        Some((_, count)) if adjacent => *count += 1,
                        _ => groups.push((i, 1)),
                    }
                    last_offset = Some(*offset);
                }
                _ => last_offset = None,
            }
        }
        let text_at = |i: Option<usize>, first: bool| -> Option<char> {
            match i.and_then(|i| runs.get(i)) {
                Some(Run::Text { text, .. }) if first => text.chars().next(),
                Some(Run::Text { text, .. }) => text.chars().last(),
                _ => None,
            }
        };
        // Pair the `**` runs in order.
        let mut bold_ranges: Vec<(usize, usize)> = Vec::new();
        let mut opener: Option<(usize, usize)> = None;
        for &(start, count) in &groups {
            if count != 2 {
                continue;
            }
            let end = start + 2;
            let before = text_at(start.checked_sub(1), false);
            let after = text_at(Some(end), true);
            match opener {
                Some((o_start, o_end))
                    if before.is_some_and(|c| !c.is_whitespace()) && o_end < start =>
                {
                    bold_ranges.push((o_start, end));
                    opener = None;
                }
                _ => {
                    if after.is_some_and(|c| !c.is_whitespace()) {
                        opener = Some((start, end));
                    }
                }
            }
        }
        let in_bold = |i: usize| bold_ranges.iter().any(|&(a, b)| a <= i && i < b);
        let delimiter = |i: usize| {
            bold_ranges
                .iter()
                .any(|&(a, b)| i == a || i == a + 1 || i + 2 == b || i + 1 == b)
        };
        for (i, run) in runs.into_iter().enumerate() {
            match run {
                Run::Star { bold, italic, .. } => {
                    if !delimiter(i) {
                        self.push_text("*", bold, italic);
                    }
                }
                Run::Text { text, bold, italic } => {
                    self.push_text(&text, bold || in_bold(i), italic)
                }
                Run::Break => self.runs.push(Run::Break),
            }
        }
        self.pending_soft = false;
    }

    fn soft_break(&mut self) {
        if !self.runs.is_empty() {
            self.pending_soft = true;
        }
    }
}

#[derive(Debug)]
struct Para {
    kind: Kind,
    inline: Inline,
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
}

impl Para {
    fn new(kind: Kind) -> Self {
        Para {
            kind,
            inline: Inline::default(),
            numbering: None,
            list_level: None,
            quote: 0,
            signature: None,
        }
    }

    fn with_text(kind: Kind, text: &str, bold: bool) -> Self {
        let mut p = Para::new(kind);
        p.inline.push_text(text, bold, false);
        p
    }
}

#[derive(Debug)]
struct Row {
    header: bool,
    cells: Vec<Vec<Run>>,
}

#[derive(Debug)]
struct Table {
    aligns: Vec<Alignment>,
    rows: Vec<Row>,
}

#[derive(Debug)]
enum Block {
    Para(Para),
    Table(Table),
}

/// One numbering instance (`w:num`): a list, restarting at `start`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct NumDef {
    ordered: bool,
    ilvl: u32,
    start: u32,
}

#[derive(Debug, Default)]
struct Document {
    blocks: Vec<Block>,
    nums: Vec<NumDef>,
}

/// The deepest list level Word numbering has (0-based).
const MAX_LEVEL: u32 = 8;
/// Abstract numbering ids.
const ABSTRACT_BULLET: u32 = 0;
const ABSTRACT_DECIMAL: u32 = 1;
/// The width of a chart's longest bar, in "█".
const BAR_CELLS: f64 = 20.0;

// ---------------------------------------------------------------------------
// Markdown → model

#[derive(Debug, Clone, Copy)]
struct ListCtx {
    num_id: u32,
    ilvl: u32,
}

#[derive(Debug)]
struct CodeBuf {
    chart: bool,
    text: String,
}

#[derive(Debug)]
struct TableBuild {
    table: Table,
    cell: Option<Inline>,
}

#[derive(Debug, Default)]
struct Converter {
    doc: Document,
    cur: Option<Para>,
    strong: u32,
    emphasis: u32,
    lists: Vec<ListCtx>,
    /// The next body paragraph opens the current list item (takes its number).
    item_fresh: bool,
    quote: u32,
    code: Option<CodeBuf>,
    html: Option<String>,
    table: Option<TableBuild>,
}

impl Converter {
    fn run(mut self, markdown: &str) -> Document {
        for (event, range) in Parser::new_ext(markdown, Options::ENABLE_TABLES).into_offset_iter() {
            let star = matches!(&event, Event::Text(t) if &**t == "*")
                && range.len() == 1
                && markdown
                    .as_bytes()
                    .get(..range.start)
                    .unwrap_or_default()
                    .iter()
                    .rev()
                    .take_while(|&&b| b == b'\\')
                    .count()
                    % 2
                    == 0;
            if star && self.code.is_none() && self.html.is_none() {
                let (bold, italic) = (self.strong > 0, self.emphasis > 0);
                self.sink().push_star(range.start, bold, italic);
            } else {
                self.event(event);
            }
        }
        // pulldown-cmark closes every block, but leave nothing behind anyway.
        self.flush();
        self.end_code();
        self.end_html();
        self.end_table();
        self.doc
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => {
                if let Some(code) = &mut self.code {
                    code.text.push_str(&text);
                } else if let Some(html) = &mut self.html {
                    html.push_str(&text);
                } else {
                    self.text(&text);
                }
            }
            Event::Html(text) => {
                if let Some(html) = &mut self.html {
                    html.push_str(&text);
                } else {
                    self.text(&text);
                }
            }
            Event::Code(text)
            | Event::InlineHtml(text)
            | Event::InlineMath(text)
            | Event::DisplayMath(text) => self.text(&text),
            Event::FootnoteReference(label) => self.text(&format!("[{label}]")),
            Event::SoftBreak => self.sink().soft_break(),
            Event::HardBreak => self.sink().push_break(),
            Event::TaskListMarker(done) => self.text(if done { "☑ " } else { "☐ " }),
            Event::Rule => self.flush(),
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph if self.table.is_none() => self.open(Kind::Body),
            Tag::Heading { level, .. } => {
                let kind = match level {
                    HeadingLevel::H1 => Kind::Title,
                    HeadingLevel::H2 => Kind::Heading,
                    HeadingLevel::H3 => Kind::Subheading,
                    _ => Kind::Minor,
                };
                self.open(kind);
            }
            Tag::BlockQuote(_) => {
                self.flush();
                self.quote = self.quote.saturating_add(1);
            }
            Tag::CodeBlock(kind) => {
                self.flush();
                let chart = match &kind {
                    CodeBlockKind::Fenced(info) => info.split_whitespace().next() == Some("chart"),
                    CodeBlockKind::Indented => false,
                };
                self.code = Some(CodeBuf {
                    chart,
                    text: String::new(),
                });
            }
            Tag::HtmlBlock => {
                self.flush();
                self.html = Some(String::new());
            }
            Tag::List(start) => {
                self.flush();
                let ilvl = u32::try_from(self.lists.len())
                    .unwrap_or(MAX_LEVEL)
                    .min(MAX_LEVEL);
                // pulldown-cmark gives a start number to ordered lists only.
                let ordered = start.is_some();
                let start = start.map_or(1, |s| u32::try_from(s).unwrap_or(u32::MAX).min(32767));
                self.doc.nums.push(NumDef {
                    ordered,
                    ilvl,
                    start,
                });
                let num_id = u32::try_from(self.doc.nums.len()).unwrap_or(u32::MAX);
                self.lists.push(ListCtx { num_id, ilvl });
                self.item_fresh = false;
            }
            Tag::Item => {
                self.flush();
                self.item_fresh = true;
            }
            Tag::Table(aligns) => {
                self.flush();
                self.end_table();
                self.table = Some(TableBuild {
                    table: Table {
                        aligns,
                        rows: Vec::new(),
                    },
                    cell: None,
                });
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(t) = &mut self.table {
                    t.table.rows.push(Row {
                        header: matches!(tag, Tag::TableHead),
                        cells: Vec::new(),
                    });
                }
            }
            Tag::TableCell => {
                if let Some(t) = &mut self.table {
                    t.cell = Some(Inline::default());
                }
            }
            Tag::Strong => self.strong = self.strong.saturating_add(1),
            Tag::Emphasis => self.emphasis = self.emphasis.saturating_add(1),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) => self.flush(),
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.quote = self.quote.saturating_sub(1);
            }
            TagEnd::CodeBlock => self.end_code(),
            TagEnd::HtmlBlock => self.end_html(),
            TagEnd::List(_) => {
                self.flush();
                self.lists.pop();
                self.item_fresh = false;
            }
            TagEnd::Item => {
                self.flush();
                if self.item_fresh {
                    // An empty item still shows its number.
                    self.open(Kind::Body);
                    self.flush_keep_empty();
                }
                self.item_fresh = false;
            }
            TagEnd::TableCell => {
                if let Some(t) = &mut self.table {
                    let mut cell = t.cell.take().unwrap_or_default();
                    cell.finish();
                    if t.table.rows.is_empty() {
                        t.table.rows.push(Row {
                            header: false,
                            cells: Vec::new(),
                        });
                    }
                    if let Some(row) = t.table.rows.last_mut() {
                        row.cells.push(cell.runs);
                    }
                }
            }
            TagEnd::Table => self.end_table(),
            TagEnd::Strong => self.strong = self.strong.saturating_sub(1),
            TagEnd::Emphasis => self.emphasis = self.emphasis.saturating_sub(1),
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        let (bold, italic) = (self.strong > 0, self.emphasis > 0);
        self.sink().push_text(text, bold, italic);
    }

    /// Where inline content goes: the open table cell, else the open
    /// paragraph (opened as body text if there is none, as in tight lists).
    fn sink(&mut self) -> &mut Inline {
        if self.table.is_some() {
            let t = self.table.get_or_insert_with(|| TableBuild {
                table: Table {
                    aligns: Vec::new(),
                    rows: Vec::new(),
                },
                cell: None,
            });
            return t.cell.get_or_insert_with(Inline::default);
        }
        if self.cur.is_none() {
            let p = self.new_para(Kind::Body);
            self.cur = Some(p);
        }
        &mut self.cur.get_or_insert_with(|| Para::new(Kind::Body)).inline
    }

    /// A paragraph of `kind` placed in the current list and quote context.
    fn new_para(&mut self, kind: Kind) -> Para {
        let mut p = Para::new(kind);
        p.quote = self.quote;
        if let Some(list) = self.lists.last().copied()
            && matches!(kind, Kind::Body | Kind::Code)
        {
            if self.item_fresh && kind == Kind::Body {
                p.numbering = Some((list.num_id, list.ilvl));
                self.item_fresh = false;
            } else {
                p.list_level = Some(list.ilvl);
            }
        }
        p
    }

    fn open(&mut self, kind: Kind) {
        self.flush();
        let p = self.new_para(kind);
        self.cur = Some(p);
    }

    /// Closes the open paragraph; empty body text is dropped.
    fn flush(&mut self) {
        if let Some(mut p) = self.cur.take() {
            p.inline.finish();
            let empty_body =
                p.kind == Kind::Body && p.inline.runs.is_empty() && p.numbering.is_none();
            if !empty_body {
                self.doc.blocks.push(Block::Para(p));
            }
        }
    }

    fn flush_keep_empty(&mut self) {
        if let Some(mut p) = self.cur.take() {
            p.inline.finish();
            self.doc.blocks.push(Block::Para(p));
        }
    }

    fn end_code(&mut self) {
        let Some(code) = self.code.take() else { return };
        if code.chart
            && let Some(blocks) = chart_blocks(&code.text)
        {
            self.doc.blocks.extend(blocks);
            return;
        }
        let text = code.text.strip_suffix('\n').unwrap_or(&code.text);
        for line in text.split('\n') {
            let mut p = self.new_para(Kind::Code);
            p.inline
                .push_text(line.strip_suffix('\r').unwrap_or(line), false, false);
            self.doc.blocks.push(Block::Para(p));
        }
    }

    fn end_html(&mut self) {
        let Some(html) = self.html.take() else { return };
        for line in html.lines() {
            if line.trim().is_empty() {
                continue;
            }
            let mut p = self.new_para(Kind::Body);
            p.inline.push_text(line, false, false);
            self.doc.blocks.push(Block::Para(p));
        }
    }

    fn end_table(&mut self) {
        let Some(mut t) = self.table.take() else {
            return;
        };
        if let Some(mut cell) = t.cell.take()
            && let Some(row) = t.table.rows.last_mut()
        {
            cell.finish();
            row.cells.push(cell.runs);
        }
        let columns = t
            .table
            .rows
            .iter()
            .map(|r| r.cells.len())
            .chain([t.table.aligns.len()])
            .max()
            .unwrap_or(0);
        if columns == 0 || t.table.rows.is_empty() {
            return;
        }
        t.table.aligns.resize(columns, Alignment::None);
        for row in &mut t.table.rows {
            row.cells.resize(columns, Vec::new());
        }
        self.doc.blocks.push(Block::Table(t.table));
    }
}

/// A `chart` block as a bold title and a label | value | bar table; `None`
/// when it has no bar (then it shows as the code it is).
fn chart_blocks(text: &str) -> Option<Vec<Block>> {
    let chart = Chart::parse(text);
    if chart.bars.is_empty() {
        return None;
    }
    let max = chart.full();
    let (title, unit) = (chart.title, chart.unit);
    let bars = chart
        .bars
        .into_iter()
        .map(|(label, v, value)| (label, value, v));
    let mut blocks = Vec::new();
    if !title.is_empty() {
        blocks.push(Block::Para(Para::with_text(Kind::ChartTitle, &title, true)));
    }
    let rows = bars
        .map(|(label, value, v)| {
            let cells = if max > 0.0 && v > 0.0 {
                ((v / max).min(1.0) * BAR_CELLS).round() as usize
            } else {
                0
            };
            let text = |s: String| {
                vec![Run::Text {
                    text: s,
                    bold: false,
                    italic: false,
                }]
            };
            Row {
                header: false,
                cells: vec![
                    text(label),
                    text(format!("{value}{unit}")),
                    text("█".repeat(cells)),
                ],
            }
        })
        .collect();
    blocks.push(Block::Table(Table {
        aligns: vec![Alignment::Left, Alignment::Right, Alignment::Left],
        rows,
    }));
    Some(blocks)
}

// ---------------------------------------------------------------------------
// Layout

/// The GB/T 9704 measures derived from a style, in twips and half-points.
#[derive(Debug, Clone, Copy)]
struct Metrics {
    body_sz: u32,
    title_sz: u32,
    /// Table text: 小四 (12pt) for 16pt body text …
    table_sz: u32,
    /// … 五号 (10.5pt) for a table whose cells would not fit otherwise, and
    /// 小五 (9pt) when they do not fit either way.
    dense_table_sz: [u32; 2],
    code_sz: u32,
    /// One character of body text (the two-character indent is twice this).
    char_w: u32,
    /// The fixed line pitch of body text: 28.95pt for 16pt text.
    body_line: u32,
    title_line: u32,
}

/// A4 and the 公文 margins, in twips (1mm = 56.7 twips).
const PAGE_W: u32 = 11906;
const PAGE_H: u32 = 16838;
const MARGIN_TOP: u32 = 2098; // 37mm
const MARGIN_BOTTOM: u32 = 1985; // 35mm
const MARGIN_LEFT: u32 = 1588; // 28mm
const MARGIN_RIGHT: u32 = 1474; // 26mm
const TEXT_W: u32 = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT;
/// From the page's bottom edge to the footer: the page number sits about
/// 7mm below the text area.
const FOOTER_DIST: u32 = 1304; // 23mm
const HEADER_DIST: u32 = 851; // 15mm
/// 四号 for the page number.
const FOOTER_SZ: u32 = 28;
const CODE_FONT: &str = "Courier New";
/// The most lines a cell is laid out for (beyond, the columns get their floor).
const MAX_CELL_LINES: u32 = 40;
/// Tables of at most this many rows are kept on one page.
const KEEP_TOGETHER_ROWS: usize = 12;
/// Cell margins (left and right), in twips.
const CELL_MARGIN: u32 = 80;

impl Metrics {
    fn new(style: &DocxStyle) -> Self {
        let body_sz = half_points(style.body_size, 32);
        let title_sz = half_points(style.title_size, 44);
        let table_sz = (body_sz * 3 / 4).max(2);
        Metrics {
            body_sz,
            title_sz,
            table_sz,
            dense_table_sz: [(body_sz * 21 / 32).max(2), (body_sz * 9 / 16).max(2)],
            code_sz: table_sz,
            char_w: body_sz * 10,
            body_line: (body_sz * 579 + 16) / 32,
            title_line: title_sz * 16,
        }
    }
}

/// Points → half-points, within what Word accepts.
fn half_points(points: f64, default: u32) -> u32 {
    if points.is_finite() && points > 0.0 {
        (points * 2.0).round().clamp(2.0, 3276.0) as u32
    } else {
        default
    }
}

/// Whether a character takes a full em (CJK ideographs, kana, hangul,
/// full-width forms and punctuation).
fn is_wide(c: char) -> bool {
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
        | 0x2588
        | 0x20000..=0x3FFFD)
}

/// Display width in half characters, with the quarter-character space Word
/// puts between CJK text and Latin letters or digits (autoSpaceDE/DN).
fn width(text: &str) -> u32 {
    let mut halves: u32 = 0;
    let mut changes: u32 = 0;
    let mut last: Option<bool> = None;
    for c in text.chars() {
        let wide = is_wide(c);
        halves += if wide { 2 } else { 1 };
        if c.is_alphanumeric() || wide {
            if last.is_some_and(|w| w != wide) {
                changes += 1;
            }
            last = Some(wide);
        }
    }
    halves + changes.div_ceil(2)
}

fn plain_text(runs: &[Run]) -> String {
    runs.iter()
        .map(|r| match r {
            Run::Text { text, .. } => text.as_str(),
            Run::Star { .. } => "*",
            Run::Break => " ",
        })
        .collect()
}

/// Sets right the signature and the date: a trailing run of at most two short
/// body paragraphs (≤ 30 characters) without bold, as docs/templates.md
/// promises for html and docx. Laid out as GB/T 9704 §7.3.5.2 for a document without a seal: the signature two
/// characters from the right, the date below it starting two characters
/// further right (or, when it is longer, two from the right and the signature
/// moved left accordingly).
fn place_signature(blocks: &mut [Block], m: &Metrics) {
    let mut run: Vec<usize> = Vec::new();
    for (i, block) in blocks.iter().enumerate().rev() {
        let Block::Para(p) = block else { break };
        let text = plain_text(&p.inline.runs);
        let short = p.kind == Kind::Body
            && p.numbering.is_none()
            && p.list_level.is_none()
            && p.quote == 0
            && !p
                .inline
                .runs
                .iter()
                .any(|r| matches!(r, Run::Break | Run::Text { bold: true, .. }))
            && !text.trim().is_empty()
            && text.chars().count() <= 30;
        if !short || run.len() == 2 {
            break;
        }
        run.push(i);
    }
    let Some(&last) = run.first() else { return };
    // Widths in half characters; one half character is `char_w / 2` twips.
    let w = |i: usize| match blocks.get(i) {
        Some(Block::Para(p)) => width(plain_text(&p.inline.runs).trim()),
        _ => 0,
    };
    let half = m.char_w / 2;
    let cap = |halves: u32| (halves * half).min(TEXT_W / 2);
    if let [date, sign] = run[..] {
        let (s, d) = (w(sign), w(date));
        let (sign_r, date_r) = if s >= d + 4 {
            (4, s - d)
        } else {
            (d + 8 - s, 4)
        };
        set_signature(blocks, sign, cap(sign_r), true);
        set_signature(blocks, date, cap(date_r), false);
    } else {
        set_signature(blocks, last, cap(4), true);
    }
}

fn set_signature(blocks: &mut [Block], i: usize, right: u32, space_before: bool) {
    if let Some(Block::Para(p)) = blocks.get_mut(i) {
        p.signature = Some((right, space_before));
    }
}

/// Column widths (twips, adding up to the text width) from the cells'
/// contents, in the spirit of a browser's automatic table layout:
/// 1. when every cell fits on one line, the columns share the width in
///    proportion to their contents;
/// 2. else, when the body cells fit with the headers broken into two lines
///    (see [`split_header`]), the columns whose header can then still be made
///    whole are, cheapest first, and the rest is shared in proportion;
/// 3. else the columns are as wide as needed for their longest cell to fit
///    in as few lines as possible (so that rows are as low as they can be),
///    never narrower than half their header; then the columns whose cells
///    can still be made whole (dates, short names) are, cheapest first.
///
/// Also tells in how many lines the longest cells fit (1 in cases 1, 2).
fn column_widths(table: &Table, sz: u32) -> (Vec<u32>, u32) {
    let n = table.aligns.len().max(1);
    let half = (sz * 10 / 2).max(1); // twips per half character
    let pad = 2 * CELL_MARGIN + half;
    let cell_w = |runs: &[Run]| {
        width(&plain_text(runs))
            .saturating_mul(half)
            .saturating_add(pad)
    };
    let mut full = vec![pad; n];
    let mut data = vec![pad; n];
    let mut floor = vec![2 * half + pad; n];
    for row in &table.rows {
        for (c, cell) in row.cells.iter().enumerate().take(n) {
            let w = cell_w(cell);
            full[c] = full[c].max(w);
            if row.header {
                let halved = split_header(cell).map_or(w, |(a, b)| cell_w(&a).max(cell_w(&b)));
                floor[c] = floor[c].max(halved);
            } else {
                data[c] = data[c].max(w);
            }
        }
    }
    for c in 0..n {
        data[c] = data[c].max(floor[c]);
    }
    let total = TEXT_W;
    let sum = |v: &[u32]| v.iter().map(|&x| u64::from(x)).sum::<u64>();
    let scale = |v: &[u32]| -> Vec<u32> {
        let s = sum(v).max(1);
        v.iter()
            .map(|&x| u32::try_from(u64::from(x) * u64::from(total) / s).unwrap_or(total))
            .collect()
    };
    let mut lines = 1;
    let mut widths = if sum(&full) <= u64::from(total) {
        scale(&full)
    } else if sum(&data) <= u64::from(total) {
        scale(&widen(data.clone(), &full, total))
    } else {
        // The fewest lines in which every column's longest cell fits, each
        // column at least its floor; what is left is shared in proportion.
        let need = |d: u32, f: u32, l: u32| {
            let text = d.saturating_sub(pad);
            (text.div_ceil(l).div_ceil(2 * half) * 2 * half + pad).max(f)
        };
        let layout = (2..=MAX_CELL_LINES).find_map(|l| {
            let w: Vec<u32> = data
                .iter()
                .zip(&floor)
                .map(|(&d, &f)| need(d, f, l))
                .collect();
            (sum(&w) <= u64::from(total)).then_some((w, l))
        });
        match layout {
            Some((w, l)) => {
                lines = l;
                scale(&widen(w, &data, total))
            }
            None => {
                lines = MAX_CELL_LINES;
                scale(&floor)
            }
        }
    };
    // Rounding leftovers go to the widest column so the table is exactly as
    // wide as the text.
    let used: u32 = widths.iter().sum();
    if let Some(widest) = widths.iter_mut().rev().max_by_key(|w| **w) {
        *widest = widest.saturating_add(total.saturating_sub(used));
    }
    (widths, lines)
}

/// Widens columns to their `target`, cheapest first, while the total allows.
fn widen(mut widths: Vec<u32>, target: &[u32], total: u32) -> Vec<u32> {
    let mut spare = total.saturating_sub(widths.iter().sum());
    let mut order: Vec<usize> = (0..widths.len()).collect();
    order.sort_by_key(|&c| (target.get(c).map_or(0, |t| t.saturating_sub(widths[c])), c));
    for c in order {
        let cost = target.get(c).map_or(0, |t| t.saturating_sub(widths[c]));
        if cost <= spare {
            widths[c] += cost;
            spare -= cost;
        }
    }
    widths
}

/// A header cell broken into two lines of about the same width, between two
/// CJK characters or at a space; `None` when it cannot be (several runs, or
/// a single word).
fn split_header(runs: &[Run]) -> Option<(Vec<Run>, Vec<Run>)> {
    let [Run::Text { text, bold, italic }] = runs else {
        return None;
    };
    let text = text.trim();
    let total = width(text);
    if total <= 4 {
        return None; // two characters stay on one line
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut best: Option<(u32, usize, usize)> = None; // (imbalance, end of first, start of second)
    let mut left = 0;
    for pair in chars.windows(2) {
        let [(_, a), (i, b)] = pair else { continue };
        left += width(a.encode_utf8(&mut [0; 4]));
        let (end, start) = if *a == ' ' {
            (i - 1, *i)
        } else if is_wide(*a) && is_wide(*b) {
            (*i, *i)
        } else {
            continue;
        };
        let imbalance = left.abs_diff(total - left);
        if best.is_none_or(|(bi, _, _)| imbalance < bi) {
            best = Some((imbalance, end, start));
        }
    }
    let (_, end, start) = best?;
    let run = |t: &str| {
        vec![Run::Text {
            text: t.trim().to_string(),
            bold: *bold,
            italic: *italic,
        }]
    };
    Some((run(text.get(..end)?), run(text.get(start..)?)))
}

// ---------------------------------------------------------------------------
// XML

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// Escapes an attribute value.
fn attr(text: &str) -> String {
    escape(text).replace('\'', "&apos;")
}

/// Fonts of a run: East Asian and Latin.
struct Fonts<'a> {
    east: &'a str,
    latin: &'a str,
}

struct RunFmt<'a> {
    fonts: Fonts<'a>,
    sz: u32,
    bold: bool,
    italic: bool,
}

fn rpr(out: &mut String, f: &RunFmt<'_>) {
    out.push_str("<w:rPr>");
    let (east, latin) = (attr(f.fonts.east), attr(f.fonts.latin));
    out.push_str(&format!(
        "<w:rFonts w:ascii=\"{latin}\" w:hAnsi=\"{latin}\" w:eastAsia=\"{east}\" w:cs=\"{latin}\"/>"
    ));
    if f.bold {
        out.push_str("<w:b/><w:bCs/>");
    }
    if f.italic {
        out.push_str("<w:i/><w:iCs/>");
    }
    out.push_str(&format!(
        "<w:sz w:val=\"{0}\"/><w:szCs w:val=\"{0}\"/>",
        f.sz
    ));
    out.push_str("</w:rPr>");
}

/// A run of text; tabs become `w:tab`, the text is never a field.
fn text_run(out: &mut String, f: &RunFmt<'_>, text: &str) {
    out.push_str("<w:r>");
    rpr(out, f);
    for (i, piece) in text.split('\t').enumerate() {
        if i > 0 {
            out.push_str("<w:tab/>");
        }
        if !piece.is_empty() {
            out.push_str("<w:t xml:space=\"preserve\">");
            out.push_str(&escape(piece));
            out.push_str("</w:t>");
        }
    }
    out.push_str("</w:r>");
}

fn runs_xml(out: &mut String, runs: &[Run], fonts: &Fonts<'_>, sz: u32, bold_all: bool) {
    for run in runs {
        let (text, bold, italic) = match run {
            Run::Text { text, bold, italic } => (text.as_str(), *bold, *italic),
            Run::Star { bold, italic, .. } => ("*", *bold, *italic),
            Run::Break => ("", false, false),
        };
        let f = RunFmt {
            fonts: Fonts {
                east: fonts.east,
                latin: fonts.latin,
            },
            sz,
            bold: bold || bold_all,
            italic,
        };
        match run {
            Run::Text { .. } | Run::Star { .. } => text_run(out, &f, text),
            Run::Break => {
                out.push_str("<w:r>");
                rpr(out, &f);
                out.push_str("<w:br/></w:r>");
            }
        }
    }
}

/// Paragraph properties, in the schema's order.
#[derive(Default)]
struct ParaFmt<'a> {
    style: Option<&'a str>,
    keep_next: bool,
    numbering: Option<(u32, u32)>,
    before: u32,
    after: u32,
    /// `(line, rule)`.
    line: Option<(u32, &'a str)>,
    left: u32,
    right: u32,
    first_line: u32,
    jc: &'a str,
}

fn ppr(out: &mut String, f: &ParaFmt<'_>) {
    out.push_str("<w:pPr>");
    if let Some(s) = f.style {
        out.push_str(&format!("<w:pStyle w:val=\"{s}\"/>"));
    }
    if f.keep_next {
        out.push_str("<w:keepNext/>");
    }
    if let Some((num, ilvl)) = f.numbering {
        out.push_str(&format!(
            "<w:numPr><w:ilvl w:val=\"{ilvl}\"/><w:numId w:val=\"{num}\"/></w:numPr>"
        ));
    }
    out.push_str(&format!(
        "<w:spacing w:before=\"{}\" w:after=\"{}\"",
        f.before, f.after
    ));
    if let Some((line, rule)) = f.line {
        out.push_str(&format!(" w:line=\"{line}\" w:lineRule=\"{rule}\""));
    }
    out.push_str("/>");
    if f.numbering.is_none() {
        out.push_str(&format!(
            "<w:ind w:left=\"{}\" w:right=\"{}\"",
            f.left, f.right
        ));
        if f.first_line > 0 {
            out.push_str(&format!(" w:firstLine=\"{}\"", f.first_line));
        } else {
            out.push_str(" w:firstLine=\"0\" w:firstLineChars=\"0\"");
        }
        out.push_str("/>");
    }
    if !f.jc.is_empty() {
        out.push_str(&format!("<w:jc w:val=\"{}\"/>", f.jc));
    }
    out.push_str("</w:pPr>");
}

struct XmlWriter<'a> {
    style: &'a DocxStyle,
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

    fn document(&self, doc: &Document) -> String {
        let mut out = String::with_capacity(64 * 1024);
        out.push_str(XML_DECL);
        out.push_str(&format!(
            "<w:document xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\"><w:body>"
        ));
        for block in &doc.blocks {
            match block {
                Block::Para(p) => self.paragraph(&mut out, p),
                Block::Table(t) => self.table(&mut out, t),
            }
        }
        out.push_str(&format!(
            "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooter1\"/>\
             <w:pgSz w:w=\"{PAGE_W}\" w:h=\"{PAGE_H}\"/>\
             <w:pgMar w:top=\"{MARGIN_TOP}\" w:right=\"{MARGIN_RIGHT}\" w:bottom=\"{MARGIN_BOTTOM}\" \
             w:left=\"{MARGIN_LEFT}\" w:header=\"{HEADER_DIST}\" w:footer=\"{FOOTER_DIST}\" w:gutter=\"0\"/>\
             <w:cols w:space=\"425\"/></w:sectPr>"
        ));
        out.push_str("</w:body></w:document>");
        out
    }

    fn paragraph(&self, out: &mut String, p: &Para) {
        let m = self.m;
        let s = self.style;
        let indent = 2 * m.char_w;
        let quote_left = indent * p.quote;
        let list_left = p.list_level.map_or(0, |l| self.list_left(l));
        let body_line = Some((m.body_line, "exact"));
        let (fmt, fonts, sz, bold_all) = match p.kind {
            Kind::Title => (
                ParaFmt {
                    style: Some("Title"),
                    keep_next: true,
                    after: m.body_line,
                    line: Some((m.title_line, "exact")),
                    jc: "center",
                    ..ParaFmt::default()
                },
                Fonts {
                    east: &s.title_font,
                    latin: &s.latin_font,
                },
                m.title_sz,
                false,
            ),
            Kind::Heading | Kind::Subheading | Kind::Minor => {
                let (style, east) = match p.kind {
                    Kind::Heading => ("Heading1", s.heading_font.as_str()),
                    Kind::Subheading => ("Heading2", s.subheading_font.as_str()),
                    _ => ("Heading3", s.body_font.as_str()),
                };
                (
                    ParaFmt {
                        style: Some(style),
                        keep_next: true,
                        line: body_line,
                        first_line: indent,
                        left: quote_left,
                        jc: "both",
                        ..ParaFmt::default()
                    },
                    Fonts {
                        east,
                        latin: &s.latin_font,
                    },
                    m.body_sz,
                    // 黑体 and 楷体 mark Chinese headings; a heading without
                    // CJK text (an English report) would look like body text.
                    p.kind == Kind::Minor || !plain_text(&p.inline.runs).chars().any(is_wide),
                )
            }
            Kind::Body => {
                let mut fmt = ParaFmt {
                    numbering: p.numbering,
                    line: body_line,
                    left: quote_left + list_left,
                    first_line: if p.numbering.is_some() || p.list_level.is_some() {
                        0
                    } else {
                        indent
                    },
                    jc: "both",
                    ..ParaFmt::default()
                };
                if let Some((right, space_before)) = p.signature {
                    fmt.right = right;
                    fmt.first_line = 0;
                    fmt.jc = "right";
                    if space_before {
                        fmt.before = m.body_line;
                    }
                }
                (fmt, self.body_fonts(), m.body_sz, false)
            }
            Kind::Code => (
                ParaFmt {
                    style: Some("Code"),
                    line: Some((m.code_sz * 13, "exact")),
                    left: quote_left + list_left.max(indent),
                    jc: "left",
                    ..ParaFmt::default()
                },
                Fonts {
                    east: &s.body_font,
                    latin: CODE_FONT,
                },
                m.code_sz,
                false,
            ),
            Kind::ChartTitle => (
                ParaFmt {
                    keep_next: true,
                    before: m.body_line / 2,
                    line: body_line,
                    jc: "center",
                    ..ParaFmt::default()
                },
                self.body_fonts(),
                m.body_sz,
                true,
            ),
        };
        out.push_str("<w:p>");
        ppr(out, &fmt);
        runs_xml(out, &p.inline.runs, &fonts, sz, bold_all);
        out.push_str("</w:p>");
    }

    fn table(&self, out: &mut String, t: &Table) {
        let (mut sz, (mut widths, lines)) = (self.m.table_sz, column_widths(t, self.m.table_sz));
        // Smaller text when the cells would be broken: 五号 if they then fit
        // in two lines, else 小五.
        if lines > 1 {
            sz = self.m.dense_table_sz[0];
            let (dense, lines) = column_widths(t, sz);
            widths = dense;
            if lines > 2 {
                sz = self.m.dense_table_sz[1];
                (widths, _) = column_widths(t, sz);
            }
        }
        out.push_str("<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/>");
        out.push_str(&format!(
            "<w:tblW w:w=\"{TEXT_W}\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>"
        ));
        out.push_str("<w:tblBorders>");
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            out.push_str(&format!(
                "<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
            ));
        }
        out.push_str("</w:tblBorders><w:tblLayout w:type=\"fixed\"/>");
        out.push_str(&format!(
            "<w:tblCellMar><w:left w:w=\"{CELL_MARGIN}\" w:type=\"dxa\"/>\
             <w:right w:w=\"{CELL_MARGIN}\" w:type=\"dxa\"/></w:tblCellMar>"
        ));
        out.push_str("<w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/>");
        out.push_str("</w:tblPr><w:tblGrid>");
        for w in &widths {
            out.push_str(&format!("<w:gridCol w:w=\"{w}\"/>"));
        }
        out.push_str("</w:tblGrid>");
        let fonts = self.body_fonts();
        // A short table stays on one page (and a chart with its title); a
        // header row always stays with the row below it.
        let short = t.rows.len() <= KEEP_TOGETHER_ROWS;
        for (r, row) in t.rows.iter().enumerate() {
            let keep_next = row.header || (short && r + 1 < t.rows.len());
            out.push_str("<w:tr><w:trPr><w:cantSplit/>");
            if row.header {
                out.push_str("<w:tblHeader/>");
            }
            out.push_str("</w:trPr>");
            for (c, cell) in row.cells.iter().enumerate() {
                let w = widths.get(c).copied().unwrap_or(0);
                out.push_str(&format!(
                    "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/><w:vAlign w:val=\"center\"/></w:tcPr>"
                ));
                let jc = if row.header {
                    "center"
                } else {
                    match t.aligns.get(c) {
                        Some(Alignment::Right) => "right",
                        Some(Alignment::Center) => "center",
                        _ => "left",
                    }
                };
                out.push_str("<w:p>");
                ppr(
                    out,
                    &ParaFmt {
                        keep_next,
                        before: 30,
                        after: 30,
                        line: Some((240, "auto")),
                        jc,
                        ..ParaFmt::default()
                    },
                );
                let half = sz * 10 / 2;
                let fits = width(&plain_text(cell)) * half + 2 * CELL_MARGIN <= w;
                match split_header(cell).filter(|_| row.header && !fits) {
                    Some((first, second)) => {
                        runs_xml(out, &first, &fonts, sz, true);
                        runs_xml(out, &[Run::Break], &fonts, sz, true);
                        runs_xml(out, &second, &fonts, sz, true);
                    }
                    None => runs_xml(out, cell, &fonts, sz, row.header),
                }
                out.push_str("</w:p></w:tc>");
            }
            out.push_str("</w:tr>");
        }
        out.push_str("</w:tbl>");
    }

    fn footer(&self) -> String {
        let f = RunFmt {
            fonts: Fonts {
                east: &self.style.body_font,
                latin: &self.style.latin_font,
            },
            sz: FOOTER_SZ,
            bold: false,
            italic: false,
        };
        let mut out = String::new();
        out.push_str(XML_DECL);
        out.push_str(&format!(
            "<w:ftr xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\"><w:p>"
        ));
        ppr(
            &mut out,
            &ParaFmt {
                style: Some("Footer"),
                line: Some((240, "auto")),
                jc: "center",
                ..ParaFmt::default()
            },
        );
        text_run(&mut out, &f, "— ");
        let field = |out: &mut String, inner: &str| {
            out.push_str("<w:r>");
            rpr(out, &f);
            out.push_str(inner);
            out.push_str("</w:r>");
        };
        field(&mut out, "<w:fldChar w:fldCharType=\"begin\"/>");
        field(
            &mut out,
            "<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>",
        );
        field(&mut out, "<w:fldChar w:fldCharType=\"separate\"/>");
        text_run(&mut out, &f, "1");
        field(&mut out, "<w:fldChar w:fldCharType=\"end\"/>");
        text_run(&mut out, &f, " —");
        out.push_str("</w:p></w:ftr>");
        out
    }

    fn styles(&self) -> String {
        let s = self.style;
        let m = self.m;
        let fonts = |east: &str, latin: &str| {
            let (east, latin) = (attr(east), attr(latin));
            format!(
                "<w:rFonts w:ascii=\"{latin}\" w:hAnsi=\"{latin}\" w:eastAsia=\"{east}\" w:cs=\"{latin}\"/>"
            )
        };
        let sz = |v: u32| format!("<w:sz w:val=\"{v}\"/><w:szCs w:val=\"{v}\"/>");
        let heading = |id: &str, name: &str, level: u32, east: &str, bold: bool| {
            format!(
                "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/>\
                 <w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/><w:qFormat/>\
                 <w:pPr><w:keepNext/><w:outlineLvl w:val=\"{level}\"/></w:pPr>\
                 <w:rPr>{}{}{}</w:rPr></w:style>",
                fonts(east, &s.latin_font),
                if bold { "<w:b/><w:bCs/>" } else { "" },
                sz(m.body_sz)
            )
        };
        let mut out = String::new();
        out.push_str(XML_DECL);
        out.push_str(&format!("<w:styles xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\">"));
        out.push_str(&format!(
            "<w:docDefaults><w:rPrDefault><w:rPr>{}<w:kern w:val=\"2\"/>{}\
             <w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>\
             <w:pPrDefault><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"{}\" w:lineRule=\"exact\"/>\
             <w:jc w:val=\"both\"/></w:pPr></w:pPrDefault></w:docDefaults>",
            fonts(&s.body_font, &s.latin_font),
            sz(m.body_sz),
            m.body_line
        ));
        out.push_str(
            "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/>\
             <w:pPr><w:widowControl w:val=\"0\"/></w:pPr></w:style>",
        );
        out.push_str(&format!(
            "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/>\
             <w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"10\"/><w:qFormat/>\
             <w:pPr><w:keepNext/><w:jc w:val=\"center\"/><w:outlineLvl w:val=\"0\"/></w:pPr>\
             <w:rPr>{}{}</w:rPr></w:style>",
            fonts(&s.title_font, &s.latin_font),
            sz(m.title_sz)
        ));
        out.push_str(&heading("Heading1", "heading 1", 1, &s.heading_font, false));
        out.push_str(&heading(
            "Heading2",
            "heading 2",
            2,
            &s.subheading_font,
            false,
        ));
        out.push_str(&heading("Heading3", "heading 3", 3, &s.body_font, true));
        out.push_str(&format!(
            "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"Code\"><w:name w:val=\"Code\"/>\
             <w:basedOn w:val=\"Normal\"/><w:rPr>{}{}</w:rPr></w:style>",
            fonts(&s.body_font, CODE_FONT),
            sz(m.code_sz)
        ));
        out.push_str(&format!(
            "<w:style w:type=\"paragraph\" w:styleId=\"Footer\"><w:name w:val=\"footer\"/>\
             <w:basedOn w:val=\"Normal\"/><w:uiPriority w:val=\"99\"/>\
             <w:pPr><w:jc w:val=\"center\"/></w:pPr><w:rPr>{}</w:rPr></w:style>",
            sz(FOOTER_SZ)
        ));
        out.push_str(
            "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">\
             <w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/></w:style>\
             <w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>\
             <w:uiPriority w:val=\"99\"/><w:semiHidden/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/>\
             <w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>\
             <w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>\
             <w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/>\
             <w:basedOn w:val=\"TableNormal\"/><w:uiPriority w:val=\"39\"/><w:tblPr><w:tblBorders>\
             <w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>\
             <w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>\
             <w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>\
             <w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>\
             <w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>\
             <w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>\
             </w:tblBorders></w:tblPr></w:style>\
             <w:style w:type=\"numbering\" w:default=\"1\" w:styleId=\"NoList\"><w:name w:val=\"No List\"/>\
             <w:uiPriority w:val=\"99\"/><w:semiHidden/></w:style>",
        );
        out.push_str("</w:styles>");
        out
    }

    fn numbering(&self, nums: &[NumDef]) -> String {
        let m = self.m;
        let mut out = String::new();
        out.push_str(XML_DECL);
        out.push_str(&format!(
            "<w:numbering xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\">"
        ));
        for (id, ordered) in [(ABSTRACT_BULLET, false), (ABSTRACT_DECIMAL, true)] {
            out.push_str(&format!(
                "<w:abstractNum w:abstractNumId=\"{id}\"><w:multiLevelType w:val=\"multilevel\"/>"
            ));
            for lvl in 0..=MAX_LEVEL {
                let (fmt, text) = if ordered {
                    ("decimal", format!("%{}.", lvl + 1))
                } else {
                    ("bullet", "•".to_string())
                };
                let f = RunFmt {
                    fonts: Fonts {
                        east: &self.style.body_font,
                        latin: &self.style.latin_font,
                    },
                    sz: m.body_sz,
                    bold: false,
                    italic: false,
                };
                out.push_str(&format!(
                    "<w:lvl w:ilvl=\"{lvl}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"{fmt}\"/>\
                     <w:suff w:val=\"tab\"/><w:lvlText w:val=\"{text}\"/><w:lvlJc w:val=\"left\"/>\
                     <w:pPr><w:tabs><w:tab w:val=\"num\" w:pos=\"{left}\"/></w:tabs>\
                     <w:ind w:left=\"{left}\" w:hanging=\"{hanging}\"/></w:pPr>",
                    left = self.list_left(lvl),
                    hanging = self.list_hanging(),
                ));
                rpr(&mut out, &f);
                out.push_str("</w:lvl>");
            }
            out.push_str("</w:abstractNum>");
        }
        for (i, num) in nums.iter().enumerate() {
            let abstract_id = if num.ordered {
                ABSTRACT_DECIMAL
            } else {
                ABSTRACT_BULLET
            };
            out.push_str(&format!(
                "<w:num w:numId=\"{}\"><w:abstractNumId w:val=\"{abstract_id}\"/>\
                 <w:lvlOverride w:ilvl=\"{}\"><w:startOverride w:val=\"{}\"/></w:lvlOverride></w:num>",
                i + 1,
                num.ilvl,
                num.start
            ));
        }
        out.push_str("</w:numbering>");
        out
    }

    fn font_table(&self) -> String {
        let s = self.style;
        let mut names: Vec<&str> = Vec::new();
        for name in [
            s.body_font.as_str(),
            &s.title_font,
            &s.heading_font,
            &s.subheading_font,
            &s.latin_font,
            CODE_FONT,
        ] {
            if !names.contains(&name) {
                names.push(name);
            }
        }
        let mut out = String::new();
        out.push_str(XML_DECL);
        out.push_str(&format!("<w:fonts xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\">"));
        for name in names {
            out.push_str(&format!("<w:font w:name=\"{}\">", attr(name)));
            // Windows has 仿宋 and 楷体 but not the _GB2312 fonts of older
            // systems; name the fonts Word may use in their place.
            let alt = match name {
                "仿宋_GB2312" => Some("仿宋"),
                "楷体_GB2312" => Some("楷体"),
                "方正小标宋简体" | "方正小标宋_GBK" => Some("宋体"),
                _ => None,
            };
            if let Some(alt) = alt {
                out.push_str(&format!("<w:altName w:val=\"{alt}\"/>"));
            }
            let cjk = name.chars().any(is_wide);
            out.push_str(if cjk {
                "<w:charset w:val=\"86\"/>"
            } else {
                "<w:charset w:val=\"00\"/>"
            });
            out.push_str(if name == CODE_FONT {
                "<w:family w:val=\"modern\"/><w:pitch w:val=\"fixed\"/>"
            } else {
                "<w:family w:val=\"auto\"/><w:pitch w:val=\"variable\"/>"
            });
            out.push_str("</w:font>");
        }
        out.push_str("</w:fonts>");
        out
    }
}

fn core_xml(title: &str) -> String {
    format!(
        "{XML_DECL}<cp:coreProperties \
         xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
         <dc:title>{}</dc:title><dc:creator>annals</dc:creator></cp:coreProperties>",
        escape(title.trim())
    )
}

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
<Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/>\
<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>\
<Override PartName=\"/word/fontTable.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/>\
<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>\
</Types>";

const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>\
</Relationships>";

const DOCUMENT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
<Relationship Id=\"rIdNumbering\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/>\
<Relationship Id=\"rIdSettings\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>\
<Relationship Id=\"rIdFontTable\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable\" Target=\"fontTable.xml\"/>\
<Relationship Id=\"rIdFooter1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>\
</Relationships>";

const APP_XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">\
<Application>annals</Application></Properties>";

const SETTINGS_XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"420\"/>\
<w:characterSpacingControl w:val=\"compressPunctuation\"/>\
<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>\
</w:settings>";

/// Packs the parts: entries in a fixed order, each with the fixed DOS time
/// 1980-01-01 00:00, Unix permissions 0644 and no extra fields.
fn package(parts: &[(&str, String)]) -> Result<Vec<u8>, String> {
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(DateTime::DEFAULT)
        .system(System::Unix)
        .unix_permissions(0o644);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, content) in parts {
        zip.start_file(*name, options)
            .map_err(|e| format!("docx: cannot add {name}: {e}"))?;
        zip.write_all(content.as_bytes())
            .map_err(|e| format!("docx: cannot write {name}: {e}"))?;
    }
    let cursor = zip
        .finish()
        .map_err(|e| format!("docx: cannot finish the archive: {e}"))?;
    Ok(cursor.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    const SAMPLE: &str = "# 青石镇2024年度工作总结\n\n\
2024年，青石镇党委坚持以党建引领中心工作，**推动**各基层党组织*比学赶超*。\n\
续行文字 `code` 与 [链接](javascript:alert(1)) 和 <b>内联</b>。  \n硬换行之后。\n\n\
1、**广泛宣传，营造浓厚氛围。**年初召开\\*\\*大会， ** 空格。\n\n\
## 一、基本情况\n\n### （一）公开承诺践诺情况\n\n\
| 项目 | 数量 | 说明 |\n| --- | ---: | :---: |\n| 公开承诺（份） | 18 | =cmd\\|' /C calc'!A0 |\n| 承诺事项 | 58 |\n\n\
```chart\ntitle: 主要指标\nunit: %\nmax: 100\n承诺兑现率: 73.7\n问题整改率: 50\n```\n\n\
- 先进基层党组织：青石村（4个）\n- 优秀共产党员\n  1. 陈志刚\n  2. 刘桂兰\n\n\
3. 第三\n4. 第四\n\n> 引用的话\n\n```\nfn main() {}\n\tx\n```\n\n\
<script>alert(1)</script>\n\n#### 小节\n\n---\n\n青石镇党委\n\n2024年12月28日\n";

    /// The parts of a .docx, by name.
    fn parts(bytes: &[u8]) -> Vec<(String, String)> {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip archive");
        let mut out = Vec::new();
        for i in 0..archive.len() {
            let mut file = archive.by_index(i).expect("an entry");
            let mut text = String::new();
            file.read_to_string(&mut text).expect("UTF-8 XML");
            out.push((file.name().expect("a UTF-8 name").to_string(), text));
        }
        out
    }

    fn part(bytes: &[u8], name: &str) -> String {
        parts(bytes)
            .into_iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t)
            .unwrap_or_else(|| panic!("no part {name}"))
    }

    fn render(markdown: &str) -> Vec<u8> {
        to_docx(markdown, &DocxStyle::default()).expect("a docx")
    }

    fn document(markdown: &str) -> String {
        part(&render(markdown), "word/document.xml")
    }

    /// Every `<tag ...>...</tag>` element of `xml` (outermost first, not
    /// nested in another of the same name).
    fn elements<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
        let open = format!("<{tag}>");
        let open_attr = format!("<{tag} ");
        let close = format!("</{tag}>");
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(pos) = next_open(&xml[from..], &open, &open_attr) {
            let start = from + pos;
            let Some(len) = xml[start..].find(&close) else {
                break;
            };
            let end = start + len + close.len();
            out.push(&xml[start..end]);
            from = end;
        }
        out
    }

    fn next_open(xml: &str, open: &str, open_attr: &str) -> Option<usize> {
        match (xml.find(open), xml.find(open_attr)) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// The text of the `w:t` elements of a fragment.
    fn texts(xml: &str) -> String {
        let mut out = String::new();
        for t in elements(xml, "w:t") {
            let inner = &t[t.find('>').map_or(0, |i| i + 1)..t.len() - "</w:t>".len()];
            out.push_str(inner);
        }
        out
    }

    /// A minimal well-formedness check: tags balance, text has no raw `<`,
    /// every `&` starts one of the five entities.
    fn assert_well_formed(xml: &str) {
        let mut stack: Vec<&str> = Vec::new();
        let mut rest = xml;
        while let Some(lt) = rest.find('<') {
            check_text(&rest[..lt]);
            let Some(gt) = rest[lt..].find('>') else {
                panic!("unclosed tag in {xml}")
            };
            let tag = &rest[lt + 1..lt + gt];
            rest = &rest[lt + gt + 1..];
            if tag.starts_with('?') {
                continue;
            }
            if let Some(name) = tag.strip_prefix('/') {
                assert_eq!(stack.pop(), Some(name), "mismatched </{name}>");
            } else if !tag.ends_with('/') {
                let name = tag.split_whitespace().next().unwrap_or("");
                stack.push(name);
            }
            assert!(!tag.contains('<'), "'<' inside a tag: {tag}");
        }
        check_text(rest);
        assert!(stack.is_empty(), "unclosed elements: {stack:?}");
    }

    fn check_text(text: &str) {
        for (i, _) in text.match_indices('&') {
            let entity = &text[i..];
            assert!(
                ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"]
                    .iter()
                    .any(|e| entity.starts_with(e)),
                "bare & in {text}"
            );
        }
    }

    fn paragraphs_with_style<'a>(xml: &'a str, style: &str) -> Vec<&'a str> {
        let marker = format!("<w:pStyle w:val=\"{style}\"/>");
        elements(xml, "w:p")
            .into_iter()
            .filter(|p| p.contains(&marker))
            .collect()
    }

    #[test]
    fn default_style_is_the_gbt_9704_one() {
        let s = DocxStyle::default();
        assert_eq!(s.body_font, "仿宋_GB2312");
        assert_eq!(s.title_font, "方正小标宋简体");
        assert_eq!(s.heading_font, "黑体");
        assert_eq!(s.subheading_font, "楷体_GB2312");
        assert_eq!(s.latin_font, "Times New Roman");
        assert_eq!((s.body_size, s.title_size), (16.0, 22.0));
    }

    #[test]
    fn all_parts_are_well_formed_and_related() {
        let bytes = render(SAMPLE);
        let parts = parts(&bytes);
        let names: Vec<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
        for needed in [
            "[Content_Types].xml",
            "_rels/.rels",
            "word/document.xml",
            "word/styles.xml",
            "word/numbering.xml",
            "word/footer1.xml",
            "word/_rels/document.xml.rels",
            "docProps/core.xml",
        ] {
            assert!(names.contains(&needed), "missing {needed}");
        }
        for (name, xml) in &parts {
            assert!(xml.starts_with("<?xml"), "{name}");
            assert_well_formed(xml);
        }
        let rels = part(&bytes, "word/_rels/document.xml.rels");
        assert!(rels.contains("Id=\"rIdFooter1\"") && rels.contains("Target=\"footer1.xml\""));
        assert!(!rels.contains("hyperlink"));
    }

    #[test]
    fn a_table_has_a_repeating_bold_header_row_and_borders() {
        let xml = document(SAMPLE);
        let tables = elements(&xml, "w:tbl");
        let table = tables
            .iter()
            .find(|t| t.contains("公开承诺"))
            .expect("the table");
        assert!(table.contains("<w:tblBorders>") && table.contains("<w:insideV w:val=\"single\""));
        let rows = elements(table, "w:tr");
        assert_eq!(rows.len(), 3);
        assert!(rows[0].contains("<w:tblHeader/>"), "header row marked");
        assert!(!rows[1].contains("<w:tblHeader/>"));
        for r in elements(rows[0], "w:r") {
            assert!(r.contains("<w:b/>"), "header text is bold: {r}");
        }
        assert_eq!(texts(rows[0]), "项目数量说明");
        // The short row is padded to the header's three cells.
        assert_eq!(elements(rows[2], "w:tc").len(), 3);
        // Right-aligned column as in the Markdown.
        assert!(elements(rows[1], "w:tc")[1].contains("<w:jc w:val=\"right\"/>"));
        // Column widths add up to the text width.
        let grid: u32 = table
            .match_indices("<w:gridCol w:w=\"")
            .map(|(i, m)| {
                let rest = &table[i + m.len()..];
                rest[..rest.find('"').unwrap_or(0)]
                    .parse::<u32>()
                    .unwrap_or(0)
            })
            .sum();
        assert_eq!(grid, TEXT_W);
    }

    #[test]
    fn headings_and_body_carry_their_fonts_and_sizes() {
        let xml = document(SAMPLE);
        let title = paragraphs_with_style(&xml, "Title");
        assert_eq!(title.len(), 1);
        assert!(title[0].contains("<w:jc w:val=\"center\"/>"));
        assert!(title[0].contains("w:eastAsia=\"方正小标宋简体\""));
        assert!(title[0].contains("<w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/>"));
        let h1 = paragraphs_with_style(&xml, "Heading1");
        assert_eq!(texts(h1[0]), "一、基本情况");
        for r in elements(h1[0], "w:r") {
            assert!(r.contains("w:eastAsia=\"黑体\""), "{r}");
            assert!(r.contains("<w:sz w:val=\"32\"/>"));
        }
        let h2 = paragraphs_with_style(&xml, "Heading2");
        assert!(h2[0].contains("w:eastAsia=\"楷体_GB2312\""));
        let body = elements(&xml, "w:p")
            .into_iter()
            .find(|p| p.contains("2024年，青石镇党委"))
            .expect("the first body paragraph");
        assert!(body.contains("w:firstLine=\"640\""), "two-character indent");
        assert!(
            body.contains("w:line=\"579\" w:lineRule=\"exact\""),
            "fixed line pitch"
        );
        for r in elements(body, "w:r") {
            assert!(r.contains("w:eastAsia=\"仿宋_GB2312\""), "{r}");
            assert!(
                r.contains("<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/>"),
                "{r}"
            );
        }
        assert!(body.contains("<w:b/>") && body.contains("<w:i/>"));
        // Hard break, and the soft break between CJK text joins without space.
        assert!(body.contains("<w:br/>"));
        assert!(
            texts(body).contains("比学赶超。续行文字 code 与 链接 和 &lt;b&gt;内联&lt;/b&gt;。")
        );
    }

    #[test]
    fn every_run_names_east_asian_and_latin_fonts() {
        let bytes = render(SAMPLE);
        for name in [
            "word/document.xml",
            "word/footer1.xml",
            "word/numbering.xml",
        ] {
            let xml = part(&bytes, name);
            let runs = elements(&xml, "w:rPr");
            assert!(!runs.is_empty());
            for r in runs {
                assert!(r.contains("w:eastAsia=\""), "{name}: {r}");
                assert!(
                    r.contains("w:ascii=\"") && r.contains("w:hAnsi=\""),
                    "{name}: {r}"
                );
                assert!(
                    r.contains("<w:sz ") && r.contains("<w:szCs "),
                    "{name}: {r}"
                );
            }
        }
    }

    #[test]
    fn custom_fonts_and_sizes_are_used_and_escaped() {
        let style = DocxStyle {
            body_font: "宋体".to_string(),
            latin_font: "A&B \"Sans\"".to_string(),
            body_size: 14.0,
            title_size: f64::NAN,
            ..DocxStyle::default()
        };
        let bytes = to_docx("# 标题\n\n正文", &style).expect("a docx");
        let xml = part(&bytes, "word/document.xml");
        assert_well_formed(&xml);
        assert!(xml.contains("w:eastAsia=\"宋体\" w:cs=\"A&amp;B &quot;Sans&quot;\""));
        assert!(xml.contains("<w:sz w:val=\"28\"/>"));
        assert!(
            xml.contains("<w:sz w:val=\"44\"/>"),
            "a NaN size falls back to the default"
        );
        assert_well_formed(&part(&bytes, "word/fontTable.xml"));
    }

    #[test]
    fn the_page_is_a4_with_the_gongwen_margins() {
        let xml = document(SAMPLE);
        let sect = elements(&xml, "w:sectPr");
        assert_eq!(sect.len(), 1);
        assert!(sect[0].contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
        for margin in [
            "w:top=\"2098\"",
            "w:bottom=\"1985\"",
            "w:left=\"1588\"",
            "w:right=\"1474\"",
        ] {
            assert!(sect[0].contains(margin), "{margin}");
        }
        assert!(sect[0].contains("<w:footerReference w:type=\"default\" r:id=\"rIdFooter1\"/>"));
    }

    #[test]
    fn the_footer_is_a_centred_page_field_between_dashes() {
        let footer = part(&render(SAMPLE), "word/footer1.xml");
        assert!(footer.contains("<w:fldChar w:fldCharType=\"begin\"/>"));
        assert!(footer.contains("<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>"));
        assert!(footer.contains("<w:fldChar w:fldCharType=\"end\"/>"));
        assert!(footer.contains("<w:jc w:val=\"center\"/>"));
        assert_eq!(texts(&footer), "— 1 —");
        assert!(
            footer.contains("w:ascii=\"Times New Roman\"")
                && footer.contains("<w:sz w:val=\"28\"/>")
        );
    }

    #[test]
    fn the_same_input_gives_the_same_bytes() {
        let first = render(SAMPLE);
        let other = render("# 另一份\n\n- 列表\n");
        let again = render(SAMPLE);
        assert_eq!(first, again);
        assert_ne!(first, other);
        let mut archive = zip::ZipArchive::new(Cursor::new(&first[..])).expect("zip");
        for i in 0..archive.len() {
            let file = archive.by_index(i).expect("entry");
            assert_eq!(
                file.last_modified(),
                Some(DateTime::DEFAULT),
                "{:?}",
                file.name()
            );
            assert!(
                file.extra_data().is_none_or(|d| d.is_empty()),
                "{:?}",
                file.name()
            );
        }
        let core = part(&first, "docProps/core.xml");
        assert!(!core.contains("dcterms:created") && !core.contains("dcterms:modified"));
        assert!(core.contains("<dc:title>青石镇2024年度工作总结</dc:title>"));
    }

    #[test]
    fn raw_html_is_literal_text() {
        let xml = document(SAMPLE);
        assert!(!xml.contains("<script"));
        assert!(texts(&xml).contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        let inline = document("前<script>alert(1)</script>后\n");
        assert!(!inline.contains("<script"));
        assert!(texts(&inline).contains("前&lt;script&gt;alert(1)&lt;/script&gt;后"));
    }

    #[test]
    fn links_are_text_and_formulas_stay_plain() {
        let xml = document(SAMPLE);
        assert!(!xml.contains("javascript"));
        assert!(!xml.contains("w:hyperlink"));
        assert!(texts(&xml).contains("=cmd|' /C calc'!A0"));
        assert!(
            !xml.contains("w:fldSimple")
                && !xml.contains("w:instrText")
                && !xml.contains("w:fldChar")
        );
        let formula = document("=cmd|' /C calc'!A0\n\n| a |\n| - |\n| =HYPERLINK(\"x\") |\n");
        assert!(!formula.contains("w:instrText") && !formula.contains("w:fldSimple"));
        assert!(texts(&formula).contains("=HYPERLINK(&quot;x&quot;)"));
    }

    #[test]
    fn a_chart_block_becomes_a_title_and_a_bar_table() {
        let xml = document(SAMPLE);
        let title = elements(&xml, "w:p")
            .into_iter()
            .find(|p| texts(p) == "主要指标")
            .expect("the chart title");
        assert!(title.contains("<w:b/>"));
        let chart = elements(&xml, "w:tbl")
            .into_iter()
            .find(|t| t.contains("承诺兑现率"))
            .expect("the chart table");
        let rows = elements(chart, "w:tr");
        assert_eq!(rows.len(), 2);
        let cells: Vec<String> = elements(rows[0], "w:tc").into_iter().map(texts).collect();
        assert_eq!(cells, ["承诺兑现率", "73.7%", &"█".repeat(15)]);
        let cells: Vec<String> = elements(rows[1], "w:tc").into_iter().map(texts).collect();
        assert_eq!(cells, ["问题整改率", "50%", &"█".repeat(10)]);
        // Without `max` the largest value is the full bar.
        let xml = document("```chart\na: 2\nb: 4\nc: -1\n```\n");
        let cells: Vec<String> = elements(&xml, "w:tc").into_iter().map(texts).collect();
        assert_eq!(
            cells,
            [
                "a",
                "2",
                "█".repeat(10).as_str(),
                "b",
                "4",
                &"█".repeat(20),
                "c",
                "-1",
                ""
            ]
        );
        // Not a chart after all: shown as code.
        let xml = document("```chart\nnothing here\n```\n");
        assert!(!xml.contains("<w:tbl>") && texts(&xml).contains("nothing here"));
    }

    #[test]
    fn code_blocks_are_monospace_lines() {
        let xml = document(SAMPLE);
        let code = paragraphs_with_style(&xml, "Code");
        assert_eq!(code.len(), 2);
        assert!(code[0].contains("w:ascii=\"Courier New\""));
        assert_eq!(texts(code[0]), "fn main() {}");
        assert!(code[1].contains("<w:tab/>"));
    }

    #[test]
    fn lists_use_word_numbering() {
        let bytes = render(SAMPLE);
        let xml = part(&bytes, "word/document.xml");
        let numbered: Vec<&str> = elements(&xml, "w:p")
            .into_iter()
            .filter(|p| p.contains("<w:numPr>"))
            .collect();
        assert_eq!(numbered.len(), 6);
        assert!(numbered[0].contains("<w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/>"));
        assert!(numbered[2].contains("<w:ilvl w:val=\"1\"/><w:numId w:val=\"2\"/>"));
        assert!(numbered[4].contains("<w:ilvl w:val=\"0\"/><w:numId w:val=\"3\"/>"));
        assert_eq!(texts(numbered[4]), "第三");
        let numbering = part(&bytes, "word/numbering.xml");
        assert!(numbering.contains("<w:numFmt w:val=\"bullet\"/>"));
        assert!(numbering.contains("<w:numFmt w:val=\"decimal\"/>"));
        assert!(numbering.contains("w:hanging="));
        assert!(numbering.contains(
            "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"1\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"3\"/>"
        ));
        assert!(numbering.contains("<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/>"));
    }

    #[test]
    fn signature_and_date_are_set_right() {
        let xml = document(SAMPLE);
        let paras = elements(&xml, "w:p");
        let (sign, date) = (paras[paras.len() - 2], paras[paras.len() - 1]);
        assert_eq!(texts(sign), "青石镇党委");
        assert_eq!(texts(date), "2024年12月28日");
        for p in [sign, date] {
            assert!(p.contains("<w:jc w:val=\"right\"/>"), "{p}");
            assert!(!p.contains("w:firstLine=\"640\""));
        }
        // The date is longer: two characters from the right, the signature
        // starting two characters to its left. In half characters of 160
        // twips: the date is 17 wide (8 digits, 3 CJK, 5 CJK/digit spaces of
        // a quarter), the signature 10, so 17 + 4 + 4 - 10 = 15 from the right.
        assert!(date.contains("w:right=\"640\""), "{date}");
        assert!(sign.contains("w:right=\"2400\""), "{sign}");
        assert!(
            sign.contains("w:before=\"579\""),
            "a blank line before the signature"
        );

        // A long last paragraph, bold, a list or a table: nothing moves.
        for md in [
            "正文\n\n- 青石镇党委\n- 2024年12月28日\n",
            "正文\n\n| a |\n| - |\n| 1 |\n",
            "## 标题\n\n这是一段很长的正文，它的长度远远超过三十个字符，所以它不是落款也不是日期，不能右对齐。\n",
            "正文\n\n**青石镇党委**\n\n**2024年12月28日**\n",
        ] {
            assert!(!document(md).contains("<w:jc w:val=\"right\"/>"), "{md}");
        }
        // At most two.
        let xml = document("特此报告。\n\n青石镇党委\n\n2024年12月28日\n");
        let paras = elements(&xml, "w:p");
        assert!(!paras[0].contains("<w:jc w:val=\"right\"/>"));
        assert!(paras[1].contains("<w:jc w:val=\"right\"/>"));
        // Only a date.
        let xml = document(
            "正文很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长。\n\n2024年12月28日\n",
        );
        let paras = elements(&xml, "w:p");
        assert!(
            paras[1].contains("<w:jc w:val=\"right\"/>") && !paras[0].contains("w:val=\"right\"")
        );
    }

    #[test]
    fn bold_lead_sentences_of_chinese_text_are_bold() {
        let xml = document(SAMPLE);
        let p = elements(&xml, "w:p")
            .into_iter()
            .find(|p| p.contains("广泛宣传"))
            .expect("the paragraph");
        let runs = elements(p, "w:r");
        assert_eq!(texts(runs[0]), "1、");
        assert!(!runs[0].contains("<w:b/>"));
        assert_eq!(texts(runs[1]), "广泛宣传，营造浓厚氛围。");
        assert!(runs[1].contains("<w:b/>"));
        // Escaped asterisks and delimiters next to spaces stay literal.
        assert_eq!(texts(runs[2]), "年初召开**大会， ** 空格。");
        assert!(!runs[2].contains("<w:b/>"));
        assert_eq!(runs.len(), 3);
    }

    #[test]
    fn headings_without_cjk_text_are_bold() {
        let xml = document("## 1. Overview\n\n### 1.1 Pledges\n\n## 一、基本情况\n");
        let h1 = paragraphs_with_style(&xml, "Heading1");
        assert!(h1[0].contains("<w:b/>"));
        assert!(!h1[1].contains("<w:b/>"), "黑体 is not made bold");
        assert!(paragraphs_with_style(&xml, "Heading2")[0].contains("<w:b/>"));
    }

    #[test]
    fn wide_tables_get_smaller_text_and_broken_headers() {
        let long = "很长的承诺事项内容需要换行显示在表格里面";
        let mut md = String::from(
            "| 序号 | 单位 | 检查日期 | 问题描述 | 整改措施 | 整改时限 | 整改状态 | 销号日期 |\n",
        );
        md.push_str("| ---: | --- | --- | --- | --- | --- | --- | --- |\n");
        for i in 1..=3 {
            md.push_str(&format!(
                "| {i} | 农业服务中心 | 2024年10月15日 | {long} | {long} | 2024年12月15日 | 未整改 | — |\n"
            ));
        }
        let xml = document(&md);
        let table = elements(&xml, "w:tbl")[0];
        assert!(!table.contains("<w:sz w:val=\"24\"/>"), "not 小四");
        let header = elements(table, "w:tr")[0];
        assert!(
            header.contains("<w:br/>"),
            "long headers are broken in two lines"
        );
        assert!(texts(header).contains("检查日期") || texts(header).contains("检查"));
        let short = document("| a | b |\n| - | - |\n| 1 | 2 |\n");
        assert!(
            short.contains("<w:sz w:val=\"24\"/>"),
            "小四 when everything fits"
        );
        assert!(!short.contains("<w:br/>"));
        assert!(
            short.contains("<w:keepNext/>"),
            "a short table is kept on one page"
        );
    }

    #[test]
    fn every_prefix_converts() {
        let mut sample = SAMPLE.to_string();
        sample.push_str("\n- [x] a\n  | t | u |\n  |---|---|\n  | 1 | 2 |\n> - q\n>   ```chart\n>   max: x\n>   a: 1\n");
        sample.push_str(
            "\n1. \n2.\n\n    indented code\n\n![图](x.png) \\\n*__混合__* \u{0}\u{1b}\t尾\r\n",
        );
        for (i, _) in sample.char_indices().chain([(sample.len(), ' ')]) {
            let bytes = to_docx(&sample[..i], &DocxStyle::default())
                .unwrap_or_else(|e| panic!("prefix {i}: {e}"));
            let xml = part(&bytes, "word/document.xml");
            assert_well_formed(&xml);
        }
    }

    #[test]
    fn empty_and_odd_input() {
        for md in [
            "",
            "\n",
            "#",
            "| a |\n|---|\n",
            "```chart\n```",
            "-",
            "1.",
            "> ",
            "<!-- c -->",
            "\u{0}",
        ] {
            let xml = document(md);
            assert_well_formed(&xml);
            assert!(xml.contains("<w:sectPr>"));
        }
    }

    #[test]
    fn the_golden_reports_convert() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/zh-CN");
        for name in ["summary.md", "evaluation.md", "ledger.md"] {
            let Ok(md) = std::fs::read_to_string(dir.join(name)) else {
                continue;
            };
            let xml = document(&md);
            assert_well_formed(&xml);
            assert_eq!(paragraphs_with_style(&xml, "Title").len(), 1, "{name}");
            assert!(
                !texts(&xml).contains("**"),
                "{name}: no literal bold markers"
            );
            for table in elements(&xml, "w:tbl") {
                let grid: u32 = table
                    .split("<w:gridCol w:w=\"")
                    .skip(1)
                    .map(|rest| {
                        rest[..rest.find('"').unwrap_or(0)]
                            .parse::<u32>()
                            .unwrap_or(0)
                    })
                    .sum();
                assert_eq!(grid, TEXT_W, "{name}: a table as wide as the text");
            }
        }
    }
}
