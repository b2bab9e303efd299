//! The one Markdown reader: pulldown-cmark events into the [`Document`]
//! tree, then the decisions about meaning (addressee, lead sentences,
//! signature, attachment note and attachments), each in one named function.

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::chart::{Chart, number};
use super::text::is_wide;
use super::{
    Align, Attachment, AttachmentNote, Block, Cell, Document, Image, Inline, Link, List, Paragraph,
    Signature, Span, Table, Value, plain_text,
};

/// Reads a report's Markdown (CommonMark with tables) into its document.
/// Total: any text gives a document, nothing is lost but raw HTML's meaning
/// (it is kept as the characters typed).
pub fn read(markdown: &str) -> Document {
    let mut reader = Reader::default();
    for (event, range) in Parser::new_ext(markdown, Options::ENABLE_TABLES).into_offset_iter() {
        if matches!(event, Event::Start(Tag::CodeBlock(_))) && reader.stack.is_empty() {
            reader.code_range = Some(range.clone());
        }
        if is_lone_star(markdown, &event, range.start) && reader.code.is_none() {
            reader.star(range.start);
        } else {
            reader.event(event);
        }
    }
    let fenced = std::mem::take(&mut reader.fenced);
    let mut document = decide(reader.finish());
    document.fenced = fenced;
    document
}

/// Only the top-level `chart` and `signature` blocks of a report's Markdown
/// and where they stand: the same as [`read`]'s `fenced`, for the md
/// writer, without building the whole tree (a 100k-row ledger's tree is
/// most of a build's memory when only md is asked for). Tables are read as
/// plain paragraphs here: a fence ends a table as it ends a paragraph, and
/// the parser's tree of a table's cells is several times the table's size.
pub fn fenced(markdown: &str) -> Vec<(std::ops::Range<usize>, Block)> {
    let mut fenced = Vec::new();
    let mut containers = 0usize;
    let mut open: Option<(std::ops::Range<usize>, String, String)> = None;
    for (event, range) in Parser::new_ext(markdown, Options::empty()).into_offset_iter() {
        match event {
            Event::Start(Tag::BlockQuote(_) | Tag::List(_) | Tag::Item) => containers += 1,
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item) => {
                containers = containers.saturating_sub(1)
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) if containers == 0 => {
                let word = info.split_whitespace().next().unwrap_or("").to_string();
                open = Some((range, word, String::new()));
            }
            Event::Text(text) => {
                if let Some((_, _, code)) = &mut open {
                    code.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((range, info, text)) = open.take() {
                    let block = code_block(&info, text);
                    if matches!(block, Block::Chart(_) | Block::Signature(_)) {
                        fenced.push((range, block));
                    }
                }
            }
            _ => {}
        }
    }
    fenced
}

/// What a code block with this info string's first word holds: a chart
/// (when it has bars), a signature block, or code.
fn code_block(info: &str, text: String) -> Block {
    match info {
        "chart" => {
            let chart = Chart::parse(&text);
            if chart.bars.is_empty() {
                Block::Code(text)
            } else {
                Block::Chart(chart)
            }
        }
        "signature" => Block::Signature(signature_block(&text)),
        _ => Block::Code(text),
    }
}

/// An unescaped `*` that pulldown-cmark left as text (see [`Runs::finish`]).
fn is_lone_star(markdown: &str, event: &Event, start: usize) -> bool {
    let Event::Text(t) = event else { return false };
    let backslashes = markdown
        .as_bytes()
        .get(..start)
        .unwrap_or_default()
        .iter()
        .rev()
        .take_while(|&&b| b == b'\\')
        .count();
    &**t == "*" && backslashes % 2 == 0
}

// ---------------------------------------------------------------------------
// Inline runs

/// A run being collected; links are numbered within their paragraph.
#[derive(Debug, Clone, PartialEq)]
enum Run {
    Text(Span, Option<usize>),
    Image(Inline),
    Break,
    /// A soft line break: kept until the paragraph is complete, so that its
    /// lines can be told apart (the attachment note, the signature).
    Soft,
    /// A literal `*` at this byte offset of the Markdown.
    Star {
        offset: usize,
        bold: bool,
        italic: bool,
    },
}

/// The runs of one paragraph, heading or cell, and the links among them.
#[derive(Debug, Default)]
struct Runs {
    runs: Vec<Run>,
    links: Vec<(String, String)>,
}

impl Runs {
    fn push(&mut self, run: Run) {
        if let Run::Text(span, link) = &run
            && let Some(Run::Text(last, last_link)) = self.runs.last_mut()
            && last_link == link
            && (last.bold, last.italic, last.code) == (span.bold, span.italic, span.code)
        {
            last.text.push_str(&span.text);
            return;
        }
        self.runs.push(run);
    }

    /// CommonMark cannot close `**` after punctuation when a letter follows,
    /// which is how bold lead sentences of Chinese text are written:
    /// `1、**广泛宣传，营造浓厚氛围。**年初……`. pulldown-cmark leaves such
    /// delimiters as literal asterisks; here each pair of them (two adjacent
    /// unescaped `*`, the opener followed and the closer preceded by
    /// non-space text) makes the text between bold. Other unmatched
    /// asterisks stay literal text.
    fn finish(self) -> Vec<Run> {
        let runs = self.runs;
        let groups = star_groups(&runs);
        let bold_ranges = pair_stars(&runs, &groups);
        let in_bold = |i: usize| bold_ranges.iter().any(|&(a, b)| a <= i && i < b);
        let delimiter = |i: usize| {
            bold_ranges
                .iter()
                .any(|&(a, b)| i == a || i == a + 1 || i + 2 == b || i + 1 == b)
        };
        let mut out = Runs::default();
        for (i, run) in runs.into_iter().enumerate() {
            match run {
                Run::Star { bold, italic, .. } if !delimiter(i) => {
                    let span = Span {
                        text: "*".into(),
                        bold,
                        italic,
                        code: false,
                    };
                    out.push(Run::Text(span, None));
                }
                Run::Star { .. } => {}
                Run::Text(mut span, link) => {
                    span.bold |= in_bold(i);
                    out.push(Run::Text(span, link));
                }
                other => out.push(other),
            }
        }
        out.runs
    }
}

/// Adjacent stars as delimiter runs: (first index, count).
fn star_groups(runs: &[Run]) -> Vec<(usize, usize)> {
    let mut groups: Vec<(usize, usize)> = Vec::new();
    let mut last_offset: Option<usize> = None;
    for (i, run) in runs.iter().enumerate() {
        if let Run::Star { offset, .. } = run {
            let adjacent = last_offset.is_some_and(|o| o + 1 == *offset);
            match groups.last_mut() {
                Some((_, count)) if adjacent => *count += 1,
                _ => groups.push((i, 1)),
            }
            last_offset = Some(*offset);
        } else {
            last_offset = None;
        }
    }
    groups
}

/// Pairs the `**` groups in order: the run ranges (with their delimiters)
/// that are bold.
fn pair_stars(runs: &[Run], groups: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let char_at = |i: Option<usize>, first: bool| -> Option<char> {
        match i.and_then(|i| runs.get(i)) {
            Some(Run::Text(span, _)) if first => span.text.chars().next(),
            Some(Run::Text(span, _)) => span.text.chars().last(),
            _ => None,
        }
    };
    let mut ranges = Vec::new();
    let mut opener: Option<(usize, usize)> = None;
    for &(start, count) in groups {
        if count != 2 {
            continue;
        }
        let end = start + 2;
        let before = char_at(start.checked_sub(1), false);
        let after = char_at(Some(end), true);
        match opener {
            Some((o_start, o_end))
                if before.is_some_and(|c| !c.is_whitespace()) && o_end < start =>
            {
                ranges.push((o_start, end));
                opener = None;
            }
            _ if after.is_some_and(|c| !c.is_whitespace()) => opener = Some((start, end)),
            _ => {}
        }
    }
    ranges
}

/// Finished runs as inlines: a soft break is dropped between two wide
/// characters and is a space otherwise; runs of one link become one link.
fn inlines(runs: &[Run], links: &[(String, String)]) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    let mut pending_soft = false;
    for run in runs {
        let mut span = match run {
            Run::Soft => {
                pending_soft = !out.is_empty();
                continue;
            }
            Run::Text(span, _) => span.clone(),
            Run::Image(image) => {
                pending_soft = false;
                out.push(image.clone());
                continue;
            }
            Run::Break | Run::Star { .. } => {
                pending_soft = false;
                out.push(Inline::Break);
                continue;
            }
        };
        if std::mem::take(&mut pending_soft) {
            let before = plain_text(&out).chars().last();
            let joined = matches!((before, span.text.chars().next()),
                (Some(b), Some(a)) if is_wide(b) && is_wide(a));
            if before.is_some_and(|b| b != ' ') && !joined {
                span.text.insert(0, ' ');
            }
        }
        let link = match run {
            Run::Text(_, link) => link.and_then(|i| links.get(i)),
            _ => None,
        };
        push_span(&mut out, span, link);
    }
    out.shrink_to_fit();
    out
}

fn push_span(out: &mut Vec<Inline>, span: Span, link: Option<&(String, String)>) {
    let same = |a: &Span, b: &Span| (a.bold, a.italic, a.code) == (b.bold, b.italic, b.code);
    match (out.last_mut(), link) {
        (Some(Inline::Link(last)), Some((url, title)))
            if last.url == *url && last.title == *title =>
        {
            match last.content.last_mut() {
                Some(last) if same(last, &span) => last.text.push_str(&span.text),
                _ => last.content.push(span),
            }
        }
        (_, Some((url, title))) => out.push(Inline::Link(Box::new(Link {
            url: url.clone(),
            title: title.clone(),
            content: vec![span],
        }))),
        (Some(Inline::Text(last)), None) if same(last, &span) => last.text.push_str(&span.text),
        (_, None) => out.push(Inline::Text(span)),
    }
}

/// The plain text of each line of finished runs (split at soft and hard
/// breaks), trimmed.
fn lines(runs: &[Run]) -> Vec<String> {
    let mut lines = vec![String::new()];
    for run in runs {
        match run {
            Run::Text(span, _) => lines
                .last_mut()
                .into_iter()
                .for_each(|l| l.push_str(&span.text)),
            Run::Image(image) => lines
                .last_mut()
                .into_iter()
                .for_each(|l| l.push_str(&plain_text(std::slice::from_ref(image)))),
            Run::Soft | Run::Break => lines.push(String::new()),
            Run::Star { .. } => {}
        }
    }
    lines.into_iter().map(|l| l.trim().to_string()).collect()
}

// ---------------------------------------------------------------------------
// Blocks

/// A top-level block and, for a paragraph, its lines (for the decisions).
type Rooted = (Block, Vec<String>);

/// An open container of blocks.
#[derive(Debug)]
enum Container {
    Quote(Vec<Block>),
    List(Option<u64>, Vec<Vec<Block>>),
    Item(Vec<Block>),
}

/// What the open runs will become.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Leaf {
    Paragraph,
    Title,
    Heading(u8),
    Cell,
}

#[derive(Debug, Default)]
struct TableBuild {
    align: Vec<Align>,
    header: Option<Vec<Cell>>,
    rows: Vec<Vec<Cell>>,
    row: Vec<Cell>,
}

#[derive(Debug, Default)]
struct Reader {
    root: Vec<Rooted>,
    stack: Vec<Container>,
    leaf: Option<(Leaf, Runs)>,
    strong: u32,
    emphasis: u32,
    /// The open links: their number in the paragraph, `None` when unsafe.
    links: Vec<Option<usize>>,
    /// An open image: its source and title when safe, and its alt text.
    image: Option<(Option<(String, String)>, String)>,
    /// An open code block: its info string's first word and its text.
    code: Option<(String, String)>,
    html: Option<String>,
    table: Option<TableBuild>,
    /// Where the open top-level code block stands in the Markdown.
    code_range: Option<std::ops::Range<usize>>,
    /// The top-level chart and signature blocks and where they stand.
    fenced: Vec<(std::ops::Range<usize>, Block)>,
}

impl Reader {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(&text),
            Event::Html(text) => match &mut self.html {
                Some(html) => html.push_str(&text),
                None => self.text(&text),
            },
            Event::Code(text) => self.span(&text, true),
            Event::InlineHtml(text) | Event::InlineMath(text) | Event::DisplayMath(text) => {
                self.span(&text, false)
            }
            Event::FootnoteReference(label) => self.span(&format!("[{label}]"), false),
            Event::SoftBreak => self.runs().push(Run::Soft),
            Event::HardBreak => self.runs().push(Run::Break),
            Event::TaskListMarker(done) => self.span(if done { "☑ " } else { "☐ " }, false),
            Event::Rule => {
                self.close_leaf();
                self.push_block(Block::Rule, Vec::new());
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph if self.table.is_none() => self.open_leaf(Leaf::Paragraph),
            Tag::Heading { level, .. } => self.open_leaf(match level {
                HeadingLevel::H1 => Leaf::Title,
                other => Leaf::Heading(other as u8),
            }),
            Tag::BlockQuote(_) => self.open(Container::Quote(Vec::new())),
            Tag::CodeBlock(kind) => {
                self.close_leaf();
                let info = match &kind {
                    CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or(""),
                    CodeBlockKind::Indented => "",
                };
                self.code = Some((info.to_string(), String::new()));
            }
            Tag::HtmlBlock => {
                self.close_leaf();
                self.html = Some(String::new());
            }
            Tag::List(start) => self.open(Container::List(start, Vec::new())),
            Tag::Item => self.open(Container::Item(Vec::new())),
            Tag::Table(align) => {
                self.close_leaf();
                self.table = Some(TableBuild {
                    align: align.into_iter().map(align_of).collect(),
                    ..TableBuild::default()
                });
            }
            Tag::TableCell => self.open_leaf(Leaf::Cell),
            Tag::Strong => self.strong = self.strong.saturating_add(1),
            Tag::Emphasis => self.emphasis = self.emphasis.saturating_add(1),
            Tag::Link {
                dest_url, title, ..
            } => {
                let runs = self.runs();
                let id = link_allowed(&dest_url).then(|| {
                    runs.links.push((dest_url.to_string(), title.to_string()));
                    runs.links.len() - 1
                });
                self.links.push(id);
            }
            Tag::Image {
                dest_url, title, ..
            } => {
                let safe =
                    image_allowed(&dest_url).then(|| (dest_url.to_string(), title.to_string()));
                self.image = Some((safe, String::new()));
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell => self.close_leaf(),
            TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item => self.close(),
            TagEnd::CodeBlock => self.end_code(),
            TagEnd::HtmlBlock => self.end_html(),
            TagEnd::TableHead => {
                if let Some(t) = &mut self.table {
                    t.header = Some(std::mem::take(&mut t.row));
                }
            }
            TagEnd::TableRow => {
                if let Some(t) = &mut self.table {
                    let mut row = std::mem::take(&mut t.row);
                    row.shrink_to_fit();
                    t.rows.push(row);
                }
            }
            TagEnd::Table => self.end_table(),
            TagEnd::Strong => self.strong = self.strong.saturating_sub(1),
            TagEnd::Emphasis => self.emphasis = self.emphasis.saturating_sub(1),
            TagEnd::Link => {
                self.links.pop();
            }
            TagEnd::Image => self.end_image(),
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        if let Some((_, code)) = &mut self.code {
            code.push_str(text);
        } else if let Some(html) = &mut self.html {
            html.push_str(text);
        } else if let Some((_, alt)) = &mut self.image {
            alt.push_str(text);
        } else {
            self.span(text, false);
        }
    }

    fn span(&mut self, text: &str, code: bool) {
        if let Some((_, alt)) = &mut self.image {
            alt.push_str(text);
            return;
        }
        let clean: String = text
            .chars()
            .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
            .collect();
        if clean.is_empty() {
            return;
        }
        let span = Span {
            text: clean,
            bold: self.strong > 0,
            italic: self.emphasis > 0,
            code,
        };
        let link = self.links.iter().rev().find_map(|l| *l);
        self.runs().push(Run::Text(span, link));
    }

    fn star(&mut self, offset: usize) {
        let (bold, italic) = (self.strong > 0, self.emphasis > 0);
        if let Some((_, alt)) = &mut self.image {
            alt.push('*');
            return;
        }
        self.runs().runs.push(Run::Star {
            offset,
            bold,
            italic,
        });
    }

    fn end_image(&mut self) {
        let Some((safe, alt)) = self.image.take() else {
            return;
        };
        let alt = alt.trim().to_string();
        match safe {
            Some((src, title)) => self.runs().push(Run::Image(Inline::Image(Box::new(Image {
                src,
                alt,
                title,
            })))),
            None => self.span(&alt, false),
        }
    }

    /// The open runs; text outside any paragraph (a tight list item) opens
    /// one.
    fn runs(&mut self) -> &mut Runs {
        if self.leaf.is_none() {
            self.leaf = Some((Leaf::Paragraph, Runs::default()));
        }
        &mut self
            .leaf
            .get_or_insert_with(|| (Leaf::Paragraph, Runs::default()))
            .1
    }

    fn open_leaf(&mut self, leaf: Leaf) {
        self.close_leaf();
        self.leaf = Some((leaf, Runs::default()));
    }

    fn close_leaf(&mut self) {
        let Some((leaf, runs)) = self.leaf.take() else {
            return;
        };
        let links = std::mem::take(&mut self.links);
        let links_table = runs.links.clone();
        let runs = runs.finish();
        self.links = links;
        let content = inlines(&runs, &links_table);
        match leaf {
            Leaf::Cell => {
                if let Some(t) = &mut self.table {
                    let value = value(plain_text(&content).trim());
                    t.row.push(Cell { content, value });
                }
            }
            Leaf::Paragraph if content.is_empty() => {}
            Leaf::Paragraph => {
                let p = Block::Paragraph(Paragraph {
                    lead: Vec::new(),
                    content,
                });
                self.push_block(p, lines(&runs));
            }
            Leaf::Title => self.push_block(Block::Title(content), Vec::new()),
            Leaf::Heading(level) => self.push_block(Block::Heading { level, content }, Vec::new()),
        }
    }

    fn push_block(&mut self, block: Block, lines: Vec<String>) {
        match self.stack.last_mut() {
            Some(Container::Quote(blocks) | Container::Item(blocks)) => blocks.push(block),
            // Blocks cannot stand in a list outside an item; keep them anyway.
            Some(Container::List(_, items)) => items.push(vec![block]),
            None => self.root.push((block, lines)),
        }
    }

    fn open(&mut self, container: Container) {
        self.close_leaf();
        self.stack.push(container);
    }

    fn close(&mut self) {
        self.close_leaf();
        let Some(container) = self.stack.pop() else {
            return;
        };
        match container {
            Container::Item(blocks) => match self.stack.last_mut() {
                Some(Container::List(_, items)) => items.push(blocks),
                _ => blocks
                    .into_iter()
                    .for_each(|b| self.push_block(b, Vec::new())),
            },
            Container::Quote(blocks) => self.push_block(Block::Quote(blocks), Vec::new()),
            Container::List(start, items) => {
                self.push_block(Block::List(List { start, items }), Vec::new())
            }
        }
    }

    fn end_code(&mut self) {
        let Some((info, text)) = self.code.take() else {
            return;
        };
        let block = code_block(&info, text);
        if let Some(range) = self.code_range.take()
            && matches!(block, Block::Chart(_) | Block::Signature(_))
        {
            self.fenced.push((range, block.clone()));
        }
        self.push_block(block, Vec::new());
    }

    /// Raw HTML is shown as typed: one paragraph, its lines kept.
    fn end_html(&mut self) {
        let Some(html) = self.html.take() else { return };
        let mut runs = Runs::default();
        for line in html.lines().filter(|l| !l.trim().is_empty()) {
            if !runs.runs.is_empty() {
                runs.push(Run::Break);
            }
            runs.push(Run::Text(
                Span {
                    text: line.to_string(),
                    ..Span::default()
                },
                None,
            ));
        }
        let content = inlines(&runs.runs, &[]);
        if !content.is_empty() {
            let lines = lines(&runs.runs);
            self.push_block(
                Block::Paragraph(Paragraph {
                    lead: Vec::new(),
                    content,
                }),
                lines,
            );
        }
    }

    fn end_table(&mut self) {
        self.close_leaf();
        let Some(t) = self.table.take() else { return };
        let mut header = t.header.unwrap_or_default();
        let mut rows = t.rows;
        let columns = rows
            .iter()
            .map(Vec::len)
            .chain([header.len(), t.align.len()])
            .max()
            .unwrap_or(0);
        if columns == 0 {
            return;
        }
        let empty = Cell {
            content: Vec::new(),
            value: Value::Text,
        };
        let mut align = t.align;
        align.resize(columns, Align::None);
        header.resize(columns, empty.clone());
        for row in &mut rows {
            row.resize(columns, empty.clone());
        }
        let table = Table {
            align,
            header,
            rows,
        };
        self.push_block(Block::Table(table), Vec::new());
    }

    fn finish(mut self) -> Vec<Rooted> {
        // pulldown-cmark closes every block; leave nothing behind anyway.
        self.close_leaf();
        self.end_code();
        self.end_html();
        self.end_table();
        while !self.stack.is_empty() {
            self.close();
        }
        self.root
    }
}

fn align_of(align: pulldown_cmark::Alignment) -> Align {
    match align {
        pulldown_cmark::Alignment::None => Align::None,
        pulldown_cmark::Alignment::Left => Align::Left,
        pulldown_cmark::Alignment::Center => Align::Center,
        pulldown_cmark::Alignment::Right => Align::Right,
    }
}

/// The scheme of a URL as a browser would read it, lowercased; `None` for a
/// relative or fragment URL. Tabs and newlines are removed and leading
/// controls and spaces trimmed first, as browsers do, so that
/// `java\tscript:` is still seen as `javascript:`. A colon before any `/`,
/// `?` or `#` makes the text before it the scheme even when it is not a
/// well-formed one, so that anything odd is refused rather than passed.
fn scheme(url: &str) -> Option<String> {
    let url: String = url
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let url = url.trim_start_matches(|c: char| c <= ' ');
    let end = url.find([':', '/', '?', '#'])?;
    if url[end..].starts_with(':') {
        Some(url[..end].to_ascii_lowercase())
    } else {
        None
    }
}

fn link_allowed(url: &str) -> bool {
    match scheme(url) {
        None => true,
        Some(s) => matches!(s.as_str(), "http" | "https" | "mailto"),
    }
}

fn image_allowed(url: &str) -> bool {
    match scheme(url) {
        None => !url.trim().is_empty(),
        Some(s) => matches!(s.as_str(), "http" | "https"),
    }
}

// ---------------------------------------------------------------------------
// Typed cells

/// What a cell's text is: a percentage, a number, a date, or text.
fn value(text: &str) -> Value {
    if let Some(n) = text
        .strip_suffix(['%', '％'])
        .and_then(|n| number(n.trim_end()))
    {
        return Value::Percent(n / 100.0);
    }
    if let Some(n) = number(text) {
        return Value::Number(n);
    }
    date(text).map_or(Value::Text, |(year, month, day)| Value::Date {
        year,
        month,
        day,
    })
}

/// `2024-04-18` or `2024年4月18日`, when it names a real day.
fn date(text: &str) -> Option<(i32, u32, u32)> {
    let parts: Vec<&str> = if let Some(rest) = text.strip_suffix('日') {
        rest.split(['年', '月']).collect()
    } else {
        text.split('-').collect()
    };
    let [y, m, d] = parts[..] else { return None };
    let digits = |s: &str, max: usize| {
        !s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !(y.len() == 4 && digits(y, 4) && digits(m, 2) && digits(d, 2)) {
        return None;
    }
    let (year, month, day) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&day).then_some((year, month, day))
}

// ---------------------------------------------------------------------------
// Meaning

/// The decisions about meaning, made once, on the top-level blocks.
fn decide(mut root: Vec<Rooted>) -> Document {
    mark_attachments(&mut root);
    mark_attachment_note(&mut root);
    mark_addressee(&mut root);
    if !root.iter().any(|(b, _)| matches!(b, Block::Signature(_))) {
        mark_trailing_signature(&mut root);
    }
    let mut blocks: Vec<Block> = root.into_iter().map(|(b, _)| b).collect();
    mark_leads(&mut blocks);
    super::numbering::number_minor_headings(&mut blocks);
    Document {
        blocks,
        fenced: Vec::new(),
    }
}

/// `# 附件1 标题` / `# Attachment 1 Title` after the first title: the start
/// of an attachment.
fn mark_attachments(root: &mut [Rooted]) {
    let mut titles = 0;
    for (block, _) in root.iter_mut() {
        let Block::Title(content) = block else {
            continue;
        };
        titles += 1;
        if titles == 1 {
            continue;
        }
        if let Some(attachment) = attachment_heading(&plain_text(content)) {
            *block = Block::Attachment(attachment);
        }
    }
}

fn attachment_heading(text: &str) -> Option<Attachment> {
    let text = text.trim();
    let rest = text
        .strip_prefix("附件")
        .or_else(|| text.strip_prefix("Attachment "))?;
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let label_len = text.len() - rest.len() + digits;
    Some(Attachment {
        label: text[..label_len].to_string(),
        title: text[label_len..].trim().to_string(),
    })
}

/// The attachment note: a paragraph beginning `附件：` (or `Attachments:`)
/// whose lines are the numbered titles; when the label stands alone, the
/// numbered list right after it holds them.
fn mark_attachment_note(root: &mut Vec<Rooted>) {
    let labels = ["附件：", "附件:", "Attachments:", "Attachment:"];
    let Some(at) = root.iter().position(|(b, lines)| {
        matches!(b, Block::Paragraph(_))
            && lines
                .first()
                .is_some_and(|l| labels.iter().any(|p| l.starts_with(p)))
    }) else {
        return;
    };
    let lines = root[at].1.clone();
    let first = &lines[0];
    let label = labels
        .iter()
        .find(|p| first.starts_with(**p))
        .copied()
        .unwrap_or("附件：");
    let mut items: Vec<String> = std::iter::once(first[label.len()..].trim().to_string())
        .chain(lines[1..].iter().cloned())
        .filter(|l| !l.is_empty())
        .collect();
    if items.is_empty()
        && let Some((Block::List(list), _)) = root.get(at + 1)
        && list.start.is_some()
    {
        let start = list.start.unwrap_or(1);
        items = list
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| format!("{}. {}", start + i as u64, blocks_text(item)))
            .collect();
        root.remove(at + 1);
    }
    root[at].0 = Block::AttachmentNote(AttachmentNote {
        label: label.to_string(),
        items,
    });
}

fn blocks_text(blocks: &[Block]) -> String {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(plain_text(&p.content)),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The addressee: a short one-line paragraph right under the title that
/// ends with a colon and holds no other punctuation of a sentence.
fn mark_addressee(root: &mut [Rooted]) {
    let Some((Block::Title(_), _)) = root.first() else {
        return;
    };
    let Some((block, lines)) = root.get_mut(1) else {
        return;
    };
    let Block::Paragraph(p) = block else { return };
    let [line] = &lines[..] else { return };
    let Some(name) = line.strip_suffix('：').or_else(|| line.strip_suffix(':')) else {
        return;
    };
    let sentence = name.contains(['。', '，', '；', '.', ',', ';', '：', ':']);
    if sentence || name.trim().is_empty() || name.chars().count() > 40 {
        return;
    }
    *block = Block::Addressee(std::mem::take(&mut p.content));
}

/// Without a `signature` block, the old rule: the last one or two short
/// plain paragraphs before the attachments (at most 30 characters, not
/// ending like a sentence) are the signature and the date.
fn mark_trailing_signature(root: &mut Vec<Rooted>) {
    let end = root
        .iter()
        .position(|(b, _)| matches!(b, Block::Attachment(_)))
        .unwrap_or(root.len());
    let mut lines: Vec<String> = Vec::new();
    let mut first = end;
    for i in (0..end).rev() {
        let (block, block_lines) = &root[i];
        let fits = lines.len() + block_lines.len() <= 2;
        if end - i > 2 || !fits || !is_signature_line(block, block_lines) {
            break;
        }
        lines.splice(0..0, block_lines.iter().cloned());
        first = i;
    }
    if lines.is_empty() {
        return;
    }
    let date = lines.pop().unwrap_or_default();
    let signature = if lines.is_empty() && !date.chars().any(|c| c.is_ascii_digit()) {
        Signature {
            signers: vec![date],
            date: String::new(),
        }
    } else {
        Signature {
            signers: lines,
            date,
        }
    };
    root.splice(first..end, [(Block::Signature(signature), Vec::new())]);
}

fn is_signature_line(block: &Block, lines: &[String]) -> bool {
    let Block::Paragraph(p) = block else {
        return false;
    };
    let plain = p
        .content
        .iter()
        .all(|i| matches!(i, Inline::Text(s) if !s.bold) || matches!(i, Inline::Break));
    let text = lines.join(" ");
    let sentence_end = text.ends_with([
        '。', '！', '？', '；', '：', '，', '、', '.', '!', '?', ';', ':', ',',
    ]);
    plain && !text.trim().is_empty() && text.chars().count() <= 30 && !sentence_end
}

/// Run-in lead sentences, in every paragraph: a bold run at the start, or
/// right after a short number (`1、`, `（一）`, `1.`).
fn mark_leads(blocks: &mut [Block]) {
    for block in blocks {
        match block {
            Block::Paragraph(p) => split_lead(p),
            Block::Quote(blocks) => mark_leads(blocks),
            Block::List(list) => list.items.iter_mut().for_each(|item| mark_leads(item)),
            _ => {}
        }
    }
}

fn split_lead(p: &mut Paragraph) {
    let bold = |i: Option<&Inline>| matches!(i, Some(Inline::Text(s)) if s.bold);
    let number = |i: Option<&Inline>| match i {
        Some(Inline::Text(s)) if !s.bold => {
            let t = s.text.trim();
            t.chars().count() <= 5
                && t.chars()
                    .any(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
                && t.ends_with(['、', '.', '．', '）', ')'])
        }
        _ => false,
    };
    let take = if bold(p.content.first()) {
        1
    } else if number(p.content.first()) && bold(p.content.get(1)) {
        2
    } else {
        return;
    };
    if p.content.len() > take {
        p.lead = p.content.drain(..take).collect();
    }
}

/// A `signature` block: every line but the last signs, the last is the date.
fn signature_block(text: &str) -> Signature {
    let mut lines: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    let date = lines.pop().unwrap_or_default();
    Signature {
        signers: lines,
        date,
    }
}
