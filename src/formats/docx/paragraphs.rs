//! Runs and paragraphs: the title (标题), the addressee (主送机关), the
//! headings of the three levels (GB/T 9704 §7.3.3), body text and code.

use super::page::CODE_FONT;
use super::{Kind, Para, Run, XmlWriter, plain_text};
use crate::document::text::is_wide;
use crate::formats::escape_into;
use std::cell::OnceCell;
use std::fmt::Write as _;

/// Escapes an attribute value.
pub(super) fn attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_attr(&mut out, text);
    out
}

/// [`attr`], appending to `out`.
fn push_attr(out: &mut String, text: &str) {
    let start = out.len();
    escape_into(out, text);
    if out[start..].contains('\'') {
        let quoted = out[start..].replace('\'', "&apos;");
        out.truncate(start);
        out.push_str(&quoted);
    }
}

/// Fonts of a run: East Asian and Latin.
#[derive(Clone, Copy)]
pub(super) struct Fonts<'a> {
    pub(super) east: &'a str,
    pub(super) latin: &'a str,
}

pub(super) struct RunFmt<'a> {
    pub(super) fonts: Fonts<'a>,
    pub(super) sz: u32,
    pub(super) bold: bool,
    pub(super) italic: bool,
}

pub(super) fn rpr(out: &mut String, f: &RunFmt<'_>) {
    // Written straight into `out`: this runs for every run of every cell.
    let (east, latin) = (f.fonts.east, f.fonts.latin);
    out.push_str("<w:rPr><w:rFonts w:ascii=\"");
    push_attr(out, latin);
    out.push_str("\" w:hAnsi=\"");
    push_attr(out, latin);
    out.push_str("\" w:eastAsia=\"");
    push_attr(out, east);
    out.push_str("\" w:cs=\"");
    push_attr(out, latin);
    out.push_str("\"/>");
    if f.bold {
        out.push_str("<w:b/><w:bCs/>");
    }
    if f.italic {
        out.push_str("<w:i/><w:iCs/>");
    }
    let sz = f.sz.to_string();
    for tag in ["<w:sz w:val=\"", "\"/><w:szCs w:val=\""] {
        out.push_str(tag);
        out.push_str(&sz);
    }
    out.push_str("\"/></w:rPr>");
}

/// A run of text; tabs become `w:tab`, the text is never a field.
pub(super) fn text_run(out: &mut String, f: &RunFmt<'_>, text: &str) {
    out.push_str("<w:r>");
    rpr(out, f);
    push_text(out, text);
    out.push_str("</w:r>");
}

/// The text of a run, escaped, its tabs as `w:tab`.
fn push_text(out: &mut String, text: &str) {
    for (i, piece) in text.split('\t').enumerate() {
        if i > 0 {
            out.push_str("<w:tab/>");
        }
        if !piece.is_empty() {
            out.push_str("<w:t xml:space=\"preserve\">");
            escape_into(out, piece);
            out.push_str("</w:t>");
        }
    }
}

/// The run properties of one pair of fonts and one size, each of the four
/// (bold or not, italic or not) written when first needed and then copied:
/// every cell of a table shares them.
pub(super) struct RunProps<'a> {
    fonts: Fonts<'a>,
    sz: u32,
    written: [OnceCell<String>; 4],
}

impl<'a> RunProps<'a> {
    pub(super) fn new(fonts: Fonts<'a>, sz: u32) -> Self {
        RunProps {
            fonts,
            sz,
            written: Default::default(),
        }
    }

    fn get(&self, bold: bool, italic: bool) -> &str {
        self.written[usize::from(bold) * 2 + usize::from(italic)].get_or_init(|| {
            let mut out = String::new();
            rpr(
                &mut out,
                &RunFmt {
                    fonts: self.fonts,
                    sz: self.sz,
                    bold,
                    italic,
                },
            );
            out
        })
    }
}

/// The runs of a paragraph or a cell, all of them bold when `bold_all`.
pub(super) fn runs_xml(out: &mut String, runs: &[Run], props: &RunProps<'_>, bold_all: bool) {
    for run in runs {
        out.push_str("<w:r>");
        match run {
            Run::Text { text, bold, italic } => {
                out.push_str(props.get(*bold || bold_all, *italic));
                push_text(out, text);
            }
            Run::Break => {
                out.push_str(props.get(bold_all, false));
                out.push_str("<w:br/>");
            }
        }
        out.push_str("</w:r>");
    }
}

/// Paragraph properties, in the schema's order.
#[derive(Default)]
pub(super) struct ParaFmt<'a> {
    pub(super) style: Option<&'a str>,
    pub(super) keep_next: bool,
    /// Starts a new page (an attachment).
    pub(super) page_break: bool,
    /// The properties of the section this paragraph ends.
    pub(super) section: Option<&'a str>,
    pub(super) numbering: Option<(u32, u32)>,
    pub(super) before: u32,
    pub(super) after: u32,
    /// `(line, rule)`.
    pub(super) line: Option<(u32, &'a str)>,
    pub(super) left: u32,
    pub(super) right: u32,
    pub(super) first_line: u32,
    pub(super) jc: &'a str,
}

pub(super) fn ppr(out: &mut String, f: &ParaFmt<'_>) {
    out.push_str("<w:pPr>");
    if let Some(s) = f.style {
        let _ = write!(out, "<w:pStyle w:val=\"{s}\"/>");
    }
    if f.keep_next {
        out.push_str("<w:keepNext/>");
    }
    if f.page_break {
        out.push_str("<w:pageBreakBefore/>");
    }
    if let Some((num, ilvl)) = f.numbering {
        let _ = write!(
            out,
            "<w:numPr><w:ilvl w:val=\"{ilvl}\"/><w:numId w:val=\"{num}\"/></w:numPr>"
        );
    }
    let _ = write!(
        out,
        "<w:spacing w:before=\"{}\" w:after=\"{}\"",
        f.before, f.after
    );
    if let Some((line, rule)) = f.line {
        let _ = write!(out, " w:line=\"{line}\" w:lineRule=\"{rule}\"");
    }
    out.push_str("/>");
    if f.numbering.is_none() {
        let _ = write!(out, "<w:ind w:left=\"{}\" w:right=\"{}\"", f.left, f.right);
        if f.first_line > 0 {
            let _ = write!(out, " w:firstLine=\"{}\"", f.first_line);
        } else {
            out.push_str(" w:firstLine=\"0\" w:firstLineChars=\"0\"");
        }
        out.push_str("/>");
    }
    if !f.jc.is_empty() {
        let _ = write!(out, "<w:jc w:val=\"{}\"/>", f.jc);
    }
    if let Some(section) = f.section {
        out.push_str(section);
    }
    out.push_str("</w:pPr>");
}

impl XmlWriter<'_> {
    /// A paragraph; `section`, when given, is the properties of the section
    /// it ends.
    pub(super) fn paragraph(&self, out: &mut String, p: &Para, section: Option<&str>) {
        let m = self.m;
        let s = self.style;
        let indent = 2 * m.char_w;
        let quote_left = indent * p.quote;
        // The 公文 indents headings and paragraphs two characters; an
        // English report has them flush left.
        let first_indent = if s.flush { 0 } else { indent };
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
                        first_line: first_indent,
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
                    p.kind == Kind::Minor || !plain_text(&p.runs).chars().any(is_wide),
                )
            }
            Kind::Addressee => (
                ParaFmt {
                    line: body_line,
                    jc: "left",
                    ..ParaFmt::default()
                },
                self.body_fonts(),
                m.body_sz,
                false,
            ),
            Kind::AttachmentLabel => (
                ParaFmt {
                    keep_next: true,
                    page_break: true,
                    line: body_line,
                    jc: "left",
                    ..ParaFmt::default()
                },
                Fonts {
                    east: &s.heading_font,
                    latin: &s.latin_font,
                },
                m.body_sz,
                false,
            ),
            Kind::Body => {
                let mut fmt = ParaFmt {
                    numbering: p.numbering,
                    line: body_line,
                    left: quote_left + list_left,
                    first_line: if p.numbering.is_some() || p.list_level.is_some() {
                        0
                    } else {
                        first_indent
                    },
                    after: if s.flush { m.body_line / 2 } else { 0 },
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
        let mut fmt = fmt;
        fmt.keep_next |= p.keep_with_next;
        fmt.before += p.lines_before * m.body_line;
        fmt.section = section;
        out.push_str("<w:p>");
        ppr(out, &fmt);
        runs_xml(out, &p.runs, &RunProps::new(fonts, sz), bold_all);
        out.push_str("</w:p>");
    }
}
