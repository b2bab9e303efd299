//! The html format: one report's Markdown as a safe HTML fragment (the
//! content of `<main>` in `templates/layout.html`), with `chart` code blocks
//! drawn as inline SVG bar charts.
//!
//! Safety comes in two layers:
//!
//! 1. The Markdown events are filtered before pulldown-cmark writes them.
//!    Raw HTML, block or inline, becomes plain text (so it shows, escaped,
//!    as the author typed it). Links keep their target only for http,
//!    https, mailto and relative or fragment URLs; any other scheme
//!    (`javascript:`, `data:`, `vbscript:`, `file:` …) leaves the link text
//!    alone. Images keep their source only for http, https and relative
//!    URLs; otherwise only the alt text is shown, as plain text. Heading
//!    attributes (`{#id .class}`) are not enabled, so the input sets no
//!    attribute at all besides link and image URLs and titles, which
//!    pulldown-cmark escapes.
//! 2. The resulting fragment goes through ammonia with a whitelist of exactly
//!    the tags, attributes and classes this module emits. The charts are
//!    built here from parsed numbers and escaped labels and are put in after
//!    that pass, in place of `<annals-chart>` placeholders: a literal `<` can
//!    only come from this module, never from the input, whose `<` is always
//!    written as `&lt;`.
//!
//! Table cells carry their Markdown alignment as a class (`align-left`,
//! `align-center`, `align-right`) rather than an inline style, and every
//! table is wrapped in `<div class="table-wrap">` so that it can scroll on a
//! narrow screen. The one or two short paragraphs that end the document
//! (the signing organisation and the date) get `class="signature"`.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use crate::diagnostic::Diagnostic;
use crate::formats::chart::Chart;
use crate::formats::escape;
use crate::records::model::{Choice, Config};
use crate::render::templates::Templates;
use pulldown_cmark::{
    Alignment, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd,
};

/// The template every HTML page is placed in (built in; a user's
/// `templates/layout.html` replaces it).
pub const LAYOUT: &str = "layout.html";

/// One report's whole HTML page: its Markdown as a safe body, placed in the
/// layout template with the title, language, report name, organisation and
/// year.
pub fn page(
    templates: &Templates,
    markdown: &str,
    report: &str,
    config: &Config,
    year: i32,
) -> Result<String, Diagnostic> {
    let mut ctx = tera::Context::new();
    ctx.insert("title", &title(markdown));
    ctx.insert("lang", config.locale.key());
    ctx.insert("report", report);
    ctx.insert("body", &body(markdown));
    ctx.insert(
        "organisation",
        &crate::formats::text_chars(&config.organisation),
    );
    ctx.insert("year", &year);
    templates.render(LAYOUT, &ctx)
}

/// Turns one report's Markdown into a safe HTML fragment (the content of <main>).
pub fn body(markdown: &str) -> String {
    let markdown = &crate::formats::text_chars(markdown);
    let events: Vec<Event> = Parser::new_ext(markdown, options()).collect();
    let signature = signature_paragraphs(&events);
    let mut charts = Vec::new();
    let events = rewrite(events, &signature, &mut charts);
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    let clean = sanitise(&html);
    insert_charts(&clean, &charts)
}

/// The first level-1 heading's text, for the <title>; empty when none.
///
/// Plain text: emphasis and links are reduced to their text, raw HTML is
/// kept as the characters typed, line breaks become spaces. It is not
/// escaped; the layout escapes it (`{{ title | escape_html }}`).
pub fn title(markdown: &str) -> String {
    let mut text = String::new();
    let mut inside = false;
    let markdown = &crate::formats::text_chars(markdown);
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) => inside = true,
            Event::End(TagEnd::Heading(HeadingLevel::H1)) => break,
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) if inside => {
                text.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak if inside => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn options() -> Options {
    Options::ENABLE_TABLES
}

/// The placeholder of a chart in the fragment until ammonia has run.
const CHART_TAG: &str = "annals-chart";
const CHART_MARK: &str = "<annals-chart></annals-chart>";

/// Filters the events: raw HTML to text, unsafe links and images to their
/// text, table cells with classes, tables wrapped, signature paragraphs
/// marked, chart blocks replaced by placeholders (their SVG pushed on
/// `charts`).
fn rewrite<'a>(
    events: Vec<Event<'a>>,
    signature: &HashSet<usize>,
    charts: &mut Vec<String>,
) -> Vec<Event<'a>> {
    let mut out = Vec::with_capacity(events.len() + 8);
    // Whether each open link / image was kept, innermost last.
    let mut links: Vec<bool> = Vec::new();
    let mut images: Vec<bool> = Vec::new();
    let mut alignments: Vec<Alignment> = Vec::new();
    let mut in_head = false;
    let mut cell = 0usize;
    let mut in_signature = false;
    // A chart block being read: its events (to fall back on) and its text.
    let mut chart: Option<(Vec<Event<'a>>, String)> = None;
    // The text of a raw HTML block being read.
    let mut html_block: Option<String> = None;

    for (i, event) in events.into_iter().enumerate() {
        if let Some((held, text)) = chart.as_mut() {
            match event {
                Event::End(TagEnd::CodeBlock) => {
                    held.push(event);
                    if let Some((held, text)) = chart.take() {
                        match render_chart(&text) {
                            Some(svg) => {
                                charts.push(svg);
                                out.push(Event::Html(CowStr::Borrowed(CHART_MARK)));
                                out.push(Event::Html(CowStr::Borrowed("\n")));
                            }
                            // Nothing to draw: show the block as code.
                            None => out.extend(held),
                        }
                    }
                }
                Event::Text(t) => {
                    text.push_str(&t);
                    held.push(Event::Text(t));
                }
                other => held.push(other),
            }
            continue;
        }
        if let Some(text) = html_block.as_mut() {
            match event {
                Event::End(TagEnd::HtmlBlock) => {
                    let text = html_block.take().unwrap_or_default();
                    out.push(Event::Start(Tag::Paragraph));
                    out.push(Event::Text(CowStr::from(text.trim_end().to_string())));
                    out.push(Event::End(TagEnd::Paragraph));
                }
                Event::Html(t) | Event::Text(t) | Event::InlineHtml(t) => text.push_str(&t),
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(ref info))) if is_chart(info) => {
                chart = Some((vec![event], String::new()));
            }
            Event::Start(Tag::HtmlBlock) => html_block = Some(String::new()),
            Event::Html(t) | Event::InlineHtml(t) => out.push(Event::Text(t)),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let keep = link_allowed(&dest_url);
                links.push(keep);
                if keep {
                    out.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
            }
            Event::End(TagEnd::Link) => {
                if links.pop().unwrap_or(false) {
                    out.push(event);
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let keep = image_allowed(&dest_url);
                images.push(keep);
                if keep {
                    out.push(Event::Start(Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
            }
            Event::End(TagEnd::Image) => {
                if images.pop().unwrap_or(false) {
                    out.push(event);
                }
            }
            Event::Start(Tag::Table(a)) => {
                alignments = a.clone();
                out.push(Event::Html(CowStr::Borrowed(
                    "<div class=\"table-wrap\">\n",
                )));
                out.push(Event::Start(Tag::Table(a)));
            }
            Event::End(TagEnd::Table) => {
                out.push(event);
                out.push(Event::Html(CowStr::Borrowed("</div>\n")));
            }
            Event::Start(Tag::TableHead) => {
                in_head = true;
                cell = 0;
                out.push(event);
            }
            Event::End(TagEnd::TableHead) => {
                in_head = false;
                out.push(event);
            }
            Event::Start(Tag::TableRow) => {
                cell = 0;
                out.push(event);
            }
            Event::Start(Tag::TableCell) => {
                let name = if in_head { "th" } else { "td" };
                let class = match alignments.get(cell) {
                    Some(Alignment::Left) => " class=\"align-left\"",
                    Some(Alignment::Center) => " class=\"align-center\"",
                    Some(Alignment::Right) => " class=\"align-right\"",
                    _ => "",
                };
                out.push(Event::Html(CowStr::from(format!("<{name}{class}>"))));
            }
            Event::End(TagEnd::TableCell) => {
                cell += 1;
                let end = if in_head { "</th>" } else { "</td>" };
                out.push(Event::Html(CowStr::Borrowed(end)));
            }
            Event::Start(Tag::Paragraph) if signature.contains(&i) => {
                in_signature = true;
                out.push(Event::Html(CowStr::Borrowed("<p class=\"signature\">")));
            }
            Event::End(TagEnd::Paragraph) if in_signature => {
                in_signature = false;
                out.push(Event::Html(CowStr::Borrowed("</p>\n")));
            }
            other => out.push(other),
        }
    }
    // An unterminated block cannot happen (the parser closes every block),
    // but never lose text if it did.
    if let Some((held, _)) = chart {
        out.extend(held.into_iter().filter(|e| matches!(e, Event::Text(_))));
    }
    if let Some(text) = html_block {
        out.push(Event::Text(CowStr::from(text)));
    }
    out
}

fn is_chart(info: &str) -> bool {
    info.split_whitespace().next() == Some("chart")
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

/// The indices of the `Start(Paragraph)` events that form the signature: the
/// last top-level block, and the one before it, when they are short
/// paragraphs (at most 30 characters, at most two lines, plain text, not
/// ending like a sentence). The earlier one is only taken with the last.
fn signature_paragraphs(events: &[Event]) -> HashSet<usize> {
    // Top-level blocks as (start, end) event indices.
    let mut blocks: Vec<(usize, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut start = 0usize;
    for (i, event) in events.iter().enumerate() {
        match event {
            Event::Start(_) => {
                if depth == 0 {
                    start = i;
                }
                depth += 1;
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    blocks.push((start, i));
                }
            }
            _ if depth == 0 => blocks.push((i, i)),
            _ => {}
        }
    }
    let mut marked = HashSet::new();
    for &(start, end) in blocks.iter().rev().take(2) {
        if !is_signature_line(events, start, end) {
            break;
        }
        marked.insert(start);
    }
    marked
}

fn is_signature_line(events: &[Event], start: usize, end: usize) -> bool {
    if !matches!(events.get(start), Some(Event::Start(Tag::Paragraph))) {
        return false;
    }
    let mut text = String::new();
    let mut lines = 1;
    for event in events.get(start + 1..end).unwrap_or_default() {
        match event {
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => {
                lines += 1;
                text.push(' ');
            }
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough)
            | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough) => {}
            _ => return false,
        }
    }
    let text = text.trim();
    let count = text.chars().filter(|c| !c.is_whitespace()).count();
    let sentence_end = text.ends_with([
        '。', '！', '？', '；', '：', '，', '、', '.', '!', '?', ';', ':', ',',
    ]);
    count > 0 && text.chars().count() <= 30 && lines <= 2 && !sentence_end
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
        ("p", ["signature"].into_iter().collect()),
        ("div", ["table-wrap"].into_iter().collect()),
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

// ---------------------------------------------------------------------------
// Charts

const WIDTH: f64 = 640.0;
const FONT: f64 = 14.0;
const ROW: f64 = 28.0;
const BAR: f64 = 18.0;
const PAD: f64 = 6.0;
const LABEL_MAX: f64 = 220.0;
const BAR_FILL: &str = "#4a6f94";
const AXIS: &str = "#333333";

/// The SVG figure of a chart block; `None` when it has no bar.
fn render_chart(text: &str) -> Option<String> {
    let chart = Chart::parse(text);
    if chart.bars.is_empty() {
        return None;
    }
    let max = chart.full();
    let space = match chart.unit.chars().next() {
        Some(c) if c.is_alphanumeric() && c.is_ascii() => " ",
        _ => "",
    };
    let values: Vec<String> = chart
        .bars
        .iter()
        .map(|b| format!("{}{space}{}", b.2, chart.unit))
        .collect();
    let labels: Vec<(String, bool)> = chart.bars.iter().map(|b| fit(&b.0, LABEL_MAX)).collect();
    let label_w = labels
        .iter()
        .map(|(l, _)| text_width(l))
        .fold(FONT, f64::max);
    let value_w = values
        .iter()
        .map(|v| text_width(v))
        .fold(0.0, f64::max)
        .min(160.0);
    let x0 = label_w + 12.0;
    let area = (WIDTH - x0 - value_w - 12.0).max(120.0);
    let height = PAD * 2.0 + ROW * chart.bars.len() as f64;

    let name = if chart.title.is_empty() {
        "chart"
    } else {
        &chart.title
    };
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<figure class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" font-size=\"{FONT}\" role=\"img\" aria-label=\"{a}\">\n<title>{a}</title>\n",
        w = num(WIDTH),
        h = num(height),
        a = escape(name),
    );
    for (i, (((label, cut), (full, value, _)), shown)) in
        labels.iter().zip(&chart.bars).zip(&values).enumerate()
    {
        let top = PAD + ROW * i as f64;
        let middle = top + ROW / 2.0;
        let length = if max > 0.0 {
            (area * (value / max)).clamp(0.0, area)
        } else {
            0.0
        };
        let tip = if *cut {
            format!("<title>{}</title>", escape(full))
        } else {
            String::new()
        };
        let _ = write!(
            svg,
            "<text x=\"{lx}\" y=\"{my}\" text-anchor=\"end\" dominant-baseline=\"central\">{tip}{l}</text>\n\
             <rect x=\"{x0}\" y=\"{ry}\" width=\"{bw}\" height=\"{BAR}\" fill=\"{BAR_FILL}\"/>\n\
             <text x=\"{vx}\" y=\"{my}\" dominant-baseline=\"central\">{v}</text>\n",
            lx = num(label_w + 4.0),
            my = num(middle),
            l = escape(label),
            x0 = num(x0),
            ry = num(middle - BAR / 2.0),
            bw = num(length),
            vx = num(x0 + length + 6.0),
            v = escape(shown),
        );
    }
    let _ = write!(
        svg,
        "<line x1=\"{x}\" y1=\"{t}\" x2=\"{x}\" y2=\"{b}\" stroke=\"{AXIS}\" stroke-width=\"1\"/>\n</svg>",
        x = num(x0),
        t = num(PAD / 2.0),
        b = num(height - PAD / 2.0),
    );
    if !chart.title.is_empty() {
        let _ = write!(svg, "<figcaption>{}</figcaption>", escape(&chart.title));
    }
    svg.push_str("</figure>\n");
    Some(svg)
}

/// A number for an SVG attribute: at most one decimal, no trailing `.0`.
fn num(x: f64) -> String {
    let s = format!("{x:.1}");
    match s.strip_suffix(".0") {
        Some(whole) => whole.to_string(),
        None => s,
    }
}

/// The estimated width of a text at the chart's font size: a full em for
/// wide (CJK, fullwidth) characters, about half for the others.
fn text_width(text: &str) -> f64 {
    text.chars()
        .map(|c| if is_wide(c) { FONT } else { FONT * 0.6 })
        .sum()
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// The label cut to `width` with an ellipsis; whether it was cut.
fn fit(label: &str, width: f64) -> (String, bool) {
    if text_width(label) <= width {
        return (label.to_string(), false);
    }
    let mut out = String::new();
    let mut used = text_width("…");
    for c in label.chars() {
        used += text_width(c.encode_utf8(&mut [0; 4]));
        if used > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    (out, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# 青石镇党委2024年度<考核>评价报告\n\n\
        根据年度考核评价办法，对所属10个单位进行了**综合**考核评价。\n\n\
        ## 一、考核评价结果\n\n\
        | 名次 | 单位 | 综合得分 | 等次 |\n| ---: | --- | ---: | :---: |\n\
        | 1 | 青石村党支部 | 100.0 | 优秀 |\n| 2 | 龙潭村党支部 | 66.2 | 一般 |\n\n\
        ```chart\ntitle: 各单位综合得分\nunit: 分\nmax: 100\n青石村: 100\n龙潭村：66.2\n```\n\n\
        - **优秀**：青石村等1个单位。\n- [链接](https://example.org/a?b=1&c=2)\n\n\
        > 引用 `代码` <b>粗</b>\n\n\
        青石镇党委\n\n2024年12月28日\n";

    /// The names of the attributes of every tag in `html`, quoted values
    /// skipped.
    fn attribute_names(html: &str) -> Vec<String> {
        let mut names = Vec::new();
        for tag in html.split('<').skip(1) {
            let mut rest = tag.split_once('>').map_or(tag, |(t, _)| t);
            // Skip the tag name.
            rest = rest.trim_start_matches(|c: char| !c.is_whitespace());
            loop {
                rest = rest.trim_start();
                let Some(end) = rest.find(|c: char| c == '=' || c.is_whitespace()) else {
                    if !rest.is_empty() && rest != "/" {
                        names.push(rest.to_string());
                    }
                    break;
                };
                names.push(rest[..end].to_string());
                rest = &rest[end..];
                if let Some(value) = rest.strip_prefix("=\"") {
                    rest = value.split_once('"').map_or("", |(_, r)| r);
                }
            }
        }
        names
    }

    #[test]
    fn raw_html_is_escaped_text() {
        let out = body(
            "<script>alert(1)</script>\n\n\
             text <img src=x onerror=alert(1)> and <a href=\"javascript:x\">a</a>\n\n\
             <div onclick=\"alert(1)\">\n<b>x</b>\n</div>\n\n<style>p{}</style>\n",
        );
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("<img"), "{out}");
        assert!(!out.contains("<div onclick"), "{out}");
        assert!(!out.contains("<style"), "{out}");
        assert!(!out.contains("<b>"), "{out}");
        assert!(
            out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{out}"
        );
        assert!(out.contains("&lt;img src=x onerror=alert(1)&gt;"), "{out}");
        assert!(attribute_names(&out).is_empty(), "{out}");
    }

    #[test]
    fn unsafe_links_keep_only_their_text() {
        for url in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "java%0ascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
        ] {
            let out = body(&format!("[x]({url}) [y](<{url}>)\n\n<{url}>\n"));
            assert!(!out.contains("href"), "{url}: {out}");
            assert!(out.contains('x'), "{url}: {out}");
        }
        let out = body("[x](java\tscript:alert(1)) [y](  javascript:alert(1))\n");
        assert!(!out.contains("href"), "{out}");
        let out = body("[x](javascript:alert(1))\n\n[r]: javascript:alert(2)\n\n[z][r]\n");
        assert!(!out.to_ascii_lowercase().contains("javascript:\""), "{out}");
        assert!(!out.contains("href"), "{out}");
        assert_eq!(body("[x](javascript:alert(1))\n"), "<p>x</p>\n");
    }

    #[test]
    fn safe_links_and_images_are_kept() {
        let out = body(
            "[a](https://example.org/x?a=1&b=2) [b](http://example.org) [c](mailto:a@b.c) \
             [d](../other.html) [e](#part) <https://example.org> <a@b.c>\n",
        );
        assert!(
            out.contains("href=\"https://example.org/x?a=1&amp;b=2\""),
            "{out}"
        );
        assert!(out.contains("href=\"http://example.org\""), "{out}");
        assert!(out.contains("href=\"mailto:a@b.c\""), "{out}");
        assert!(out.contains("href=\"../other.html\""), "{out}");
        assert!(out.contains("href=\"#part\""), "{out}");
        assert_eq!(out.matches("<a ").count(), 7, "{out}");

        let out = body("![logo](img/logo.png \"t\") ![web](https://example.org/a.png)\n");
        assert!(
            out.contains("<img src=\"img/logo.png\" alt=\"logo\" title=\"t\">"),
            "{out}"
        );
        assert!(out.contains("src=\"https://example.org/a.png\""), "{out}");
        let out = body(
            "![bad *alt*](javascript:alert(1)) ![d](data:image/png;base64,AAAA) ![m](mailto:a@b.c)\n",
        );
        assert!(!out.contains("<img"), "{out}");
        assert!(out.contains("bad <em>alt</em>"), "{out}");
        assert!(out.contains('d') && out.contains('m'), "{out}");
        // Attributes stay quoted and escaped.
        let out = body("[x](https://e.org/\"onmouseover=alert(1) \"t\\\" onclick=\\\"x\")\n");
        assert_eq!(attribute_names(&out), ["href", "title"], "{out}");
    }

    #[test]
    fn chart_becomes_svg() {
        let out = body(
            "```chart\ntitle: 各单位 <得分> & 排名\nunit: 分\nmax: 100\n\
             青石村: 100\n龙潭村：66.2\n<script>alert(1)</script>: 50\n\
             a:b:c: 7\nnot a bar\nbad: x\ninf: inf\n```\n",
        );
        assert_eq!(out.matches("<svg").count(), 1, "{out}");
        assert_eq!(out.matches("<rect").count(), 4, "{out}");
        assert!(out.starts_with("<figure class=\"chart\"><svg"), "{out}");
        assert!(
            out.contains("<figcaption>各单位 &lt;得分&gt; &amp; 排名</figcaption>"),
            "{out}"
        );
        assert!(out.contains(">青石村</text>"), "{out}");
        assert!(out.contains(">龙潭村</text>"), "{out}");
        assert!(out.contains(">100分</text>"), "{out}");
        assert!(out.contains(">66.2分</text>"), "{out}");
        assert!(out.contains(">a:b:c</text>"), "{out}");
        assert!(
            out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{out}"
        );
        assert!(!out.contains("<script"), "{out}");
        // Bar lengths follow value / max over the same width.
        let widths: Vec<f64> = out
            .split("<rect ")
            .skip(1)
            .filter_map(|r| r.split("width=\"").nth(1)?.split('"').next()?.parse().ok())
            .collect();
        assert_eq!(widths.len(), 4);
        assert!((widths[1] / widths[0] - 0.662).abs() < 0.01, "{widths:?}");
        assert!((widths[2] / widths[0] - 0.5).abs() < 0.01, "{widths:?}");
    }

    #[test]
    fn chart_defaults_and_edge_cases() {
        // max defaults to the largest value, and to at least 1.
        let out = body("```chart\nA: 2\nB: 4\nC: -3\n```\n");
        assert_eq!(out.matches("<rect").count(), 3, "{out}");
        assert!(!out.contains("<figcaption"), "{out}");
        assert!(out.contains("width=\"0\" height=\"18\""), "{out}");
        let zero = body("```chart\nA: 0\nB: 0.5\n```\n");
        assert_eq!(zero.matches("<rect").count(), 2, "{zero}");
        // An English unit gets a space; values may be wider than max.
        let en = body("```chart\nunit: points\nmax: 10\nScore: 25\n```\n");
        assert!(en.contains(">25 points</text>"), "{en}");
        // Nothing to draw: the block stays as code.
        let none = body("```chart\ntitle: empty\njust text\n```\n");
        assert!(!none.contains("<svg"), "{none}");
        assert!(none.contains("<pre><code>"), "{none}");
        assert!(none.contains("just text"), "{none}");
        // Other code blocks are code.
        let code = body("```rust\nfn main() {}\n```\n");
        assert!(code.contains("<pre><code>fn main() {}"), "{code}");
        // Long labels are cut and keep the full text as a tooltip.
        let long = "很".repeat(40);
        let cut = body(&format!("```chart\n{long}: 3\n```\n"));
        assert!(cut.contains(&format!("<title>{long}</title>")), "{cut}");
        assert!(cut.contains("…</text>"), "{cut}");
    }

    #[test]
    fn chart_inside_a_list_and_a_forged_placeholder() {
        let out = body(
            "- item\n\n  ```chart\n  A: 1\n  ```\n\n\
             <annals-chart></annals-chart> &lt;annals-chart&gt;&lt;/annals-chart&gt;\n",
        );
        assert_eq!(out.matches("<svg").count(), 1, "{out}");
        assert!(!out.contains("<annals-chart"), "{out}");
    }

    #[test]
    fn tables_have_head_and_wrapper() {
        let out = body(
            "| 名次 | 单位 | 得分 | 等次 |\n| ---: | --- | ---: | :-: |\n| 1 | 青石村 | 100.0 | 优秀 |\n| 2 | 龙潭村 | 66.2 | 一般 |\n",
        );
        assert!(
            out.starts_with("<div class=\"table-wrap\">\n<table><thead><tr>"),
            "{out}"
        );
        assert!(
            out.contains("<th class=\"align-right\">名次</th><th>单位</th>"),
            "{out}"
        );
        assert!(out.contains("</thead><tbody>"), "{out}");
        assert!(out.contains("<td class=\"align-right\">66.2</td>"), "{out}");
        assert!(
            out.contains("<td class=\"align-center\">一般</td>"),
            "{out}"
        );
        assert_eq!(out.matches("<tr>").count(), 3, "{out}");
        assert!(
            out.trim_end().ends_with("</tbody></table>\n</div>"),
            "{out}"
        );
        assert!(!out.contains("style="), "{out}");
    }

    #[test]
    fn signature_paragraphs_get_the_class() {
        let out = body(SAMPLE);
        assert!(
            out.contains("<p class=\"signature\">青石镇党委</p>"),
            "{out}"
        );
        assert!(
            out.contains("<p class=\"signature\">2024年12月28日</p>"),
            "{out}"
        );
        assert_eq!(out.matches("signature").count(), 2, "{out}");

        let en = body(
            "Some text that is a long sentence of the body.\n\nQingshi Town Party Committee\n\n28 December 2024\n",
        );
        assert_eq!(en.matches("class=\"signature\"").count(), 2, "{en}");
        // Only the date.
        let one = body("正文内容。\n\n2024年12月28日\n");
        assert_eq!(one.matches("class=\"signature\"").count(), 1, "{one}");
        // Not a sentence, not a long paragraph, not a table or a list.
        for text in [
            "正文。\n\n特此报告。\n",
            "青石镇党委\n\n这是一个很长很长的段落，它的字数远远超过了三十个字，所以不能算作落款的一部分。\n",
            "正文。\n\n| a |\n| - |\n| 1 |\n",
            "正文。\n\n- 青石镇党委\n",
            "正文。\n\n[青石镇党委](https://example.org)\n",
            "",
        ] {
            assert!(!body(text).contains("signature"), "{text}: {}", body(text));
        }
        // Three short paragraphs: only the last two.
        let three = body("甲\n\n乙\n\n丙\n");
        assert_eq!(
            three,
            "<p>甲</p>\n<p class=\"signature\">乙</p>\n<p class=\"signature\">丙</p>\n"
        );
    }

    #[test]
    fn title_is_the_first_level_one_heading() {
        assert_eq!(title(SAMPLE), "青石镇党委2024年度<考核>评价报告");
        assert_eq!(
            title("## 二级\n\n# *Annual* `report`\n\n# second\n"),
            "Annual report"
        );
        assert_eq!(title("Setext\ntitle\n======\n"), "Setext title");
        assert_eq!(title("no heading\n"), "");
        assert_eq!(title(""), "");
        assert!(body(SAMPLE).contains("<h1>青石镇党委2024年度&lt;考核&gt;评价报告</h1>"));
    }

    #[test]
    fn same_input_same_output() {
        assert_eq!(body(SAMPLE), body(SAMPLE));
        assert_eq!(title(SAMPLE), title(SAMPLE));
        let golden = include_str!("../../tests/golden/zh-CN/evaluation.md");
        assert_eq!(body(golden), body(golden));
    }

    #[test]
    fn every_prefix_converts_without_panic() {
        let golden = include_str!("../../tests/golden/zh-CN/evaluation.md");
        for doc in [SAMPLE, golden] {
            for (i, _) in doc.char_indices().chain([(doc.len(), ' ')]) {
                let prefix = &doc[..i];
                let _ = body(prefix);
                let _ = title(prefix);
            }
        }
        for odd in [
            "```chart\n:\n：\n: :\nmax: 0\nmax: -1\nx: 1e400\ny: -0\n```",
            "```chart\nmax: NaN\nunit: %\nz: 5%\n```",
            "```chart",
            "[a](<javascript:x",
            "<",
            "![](",
            "|a|\n|-|\n|<script>|",
            "\u{0}\u{feff}# \u{202e}x",
        ] {
            let _ = body(odd);
            let _ = title(odd);
        }
    }

    #[test]
    fn the_layout_renders_with_tera() {
        let layout = include_str!("../../templates/layout.html");
        let mut tera = tera::Tera::new();
        tera.autoescape_on(Vec::<&str>::new());
        tera.add_raw_template("layout.html", layout)
            .expect("layout.html compiles");
        let mut context = tera::Context::new();
        context.insert("title", &title(SAMPLE));
        context.insert("lang", "zh-CN");
        context.insert("report", "evaluation");
        context.insert("body", &body(SAMPLE));
        context.insert("organisation", "青石镇党委 & \"Co\"");
        context.insert("year", &2024);
        let page = tera.render("layout.html", &context).expect("renders");
        assert!(
            page.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"),
            "{page}"
        );
        assert!(
            page.contains("<title>青石镇党委2024年度&lt;考核&gt;评价报告</title>"),
            "{page}"
        );
        assert!(
            page.contains("content=\"青石镇党委 &amp; &quot;Co&quot;\""),
            "{page}"
        );
        assert!(page.contains("<figure class=\"chart\"><svg"), "{page}");
        assert!(!page.contains("{{") && !page.contains("{%"), "{page}");
        // Self-contained: nothing fetched.
        for external in ["<link", "<script", "@import", "url(", "src=\"http"] {
            assert!(!page.contains(external), "{external}");
        }
    }
}
