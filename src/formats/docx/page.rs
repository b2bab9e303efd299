//! The page (GB/T 9704 §5): A4, the margins 37 / 35 / 28 / 26 mm, and the
//! measures of body text derived from the style: 三号 on a fixed line pitch.

use super::{Block, Kind, Style};
use crate::document::pages::{self, Role};

/// The GB/T 9704 measures derived from a style, in twips and half-points.
#[derive(Debug, Clone, Copy)]
pub(super) struct Metrics {
    pub(super) body_sz: u32,
    pub(super) title_sz: u32,
    /// Table text: 小四 (12pt) for 16pt body text …
    pub(super) table_sz: u32,
    /// … 五号 (10.5pt) for a table whose cells would not fit otherwise, and
    /// 小五 (9pt) when they do not fit either way.
    pub(super) dense_table_sz: [u32; 2],
    pub(super) code_sz: u32,
    /// One character of body text (the two-character indent is twice this).
    pub(super) char_w: u32,
    /// The spacing of every character, in twips (twentieths of a point):
    /// 16 pt characters are set 0.25 pt closer so that 28 fit on the 156 mm
    /// line (GB/T 9704 §5.2.2); 0 when that many fit anyway.
    pub(super) char_spacing: i64,
    /// The fixed line pitch of body text: 28.95pt for 16pt text.
    pub(super) body_line: u32,
    pub(super) title_line: u32,
}

/// A4 and the 公文 margins, in twips (1mm = 56.7 twips).
pub(super) const PAGE_W: u32 = 11906;
pub(super) const PAGE_H: u32 = 16838;
pub(super) const MARGIN_TOP: u32 = 2098; // 37mm
pub(super) const MARGIN_BOTTOM: u32 = 1985; // 35mm
pub(super) const MARGIN_LEFT: u32 = 1588; // 28mm
pub(super) const MARGIN_RIGHT: u32 = 1474; // 26mm
pub(super) const TEXT_W: u32 = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT;
/// From the page's bottom edge to the footer: the page number sits about
/// 7mm below the text area.
pub(super) const FOOTER_DIST: u32 = 1304; // 23mm
pub(super) const HEADER_DIST: u32 = 851; // 15mm
/// 四号 for the page number.
pub(super) const FOOTER_SZ: u32 = 28;
pub(super) const CODE_FONT: &str = "Courier New";
/// The most lines a cell is laid out for (beyond, the columns get their floor).
pub(super) const MAX_CELL_LINES: u32 = 40;
/// Tables of at most this many rows are kept on one page.
pub(super) const KEEP_TOGETHER_ROWS: usize = 12;
/// Cell margins (left and right), in twips.
pub(super) const CELL_MARGIN: u32 = 80;

impl Metrics {
    pub(super) fn new(style: &Style) -> Self {
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
            char_spacing: (i64::from(TEXT_W / LINE_CHARS) - i64::from(body_sz * 10)).min(0),
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

/// Characters on a full line of body text (GB/T 9704 §5.2.2).
pub(super) const LINE_CHARS: u32 = 28;

/// The text width of a landscape page: the same margins, the page turned.
pub(super) const LANDSCAPE_TEXT_W: u32 = PAGE_H - MARGIN_LEFT - MARGIN_RIGHT;

/// The text width of a page of either orientation.
pub(super) fn text_width(landscape: bool) -> u32 {
    if landscape { LANDSCAPE_TEXT_W } else { TEXT_W }
}

/// The section properties: A4 portrait or landscape, the margins, the odd
/// and even footers, and the line grid of 22 lines a page (GB/T 9704 §5.2.2).
///
/// The grid is a line grid with `charSpace` 0: 28 characters a line come
/// from the −0.25 pt spacing of body runs (see `styles`). LibreOffice reads
/// Word's character grid (`linesAndChars` with a negative `charSpace`) as
/// two cells a character; a line grid and run spacing give 28 in Word,
/// WPS and LibreOffice alike.
pub(super) fn section_properties(landscape: bool, line_pitch: u32) -> String {
    let (w, h, orient) = if landscape {
        (PAGE_H, PAGE_W, " w:orient=\"landscape\"")
    } else {
        (PAGE_W, PAGE_H, "")
    };
    format!(
        "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooterOdd\"/>\
         <w:footerReference w:type=\"even\" r:id=\"rIdFooterEven\"/>\
         <w:pgSz w:w=\"{w}\" w:h=\"{h}\"{orient}/>\
         <w:pgMar w:top=\"{MARGIN_TOP}\" w:right=\"{MARGIN_RIGHT}\" w:bottom=\"{MARGIN_BOTTOM}\" \
         w:left=\"{MARGIN_LEFT}\" w:header=\"{HEADER_DIST}\" w:footer=\"{FOOTER_DIST}\" w:gutter=\"0\"/>\
         <w:cols w:space=\"425\"/><w:docGrid w:type=\"lines\" w:linePitch=\"{line_pitch}\" w:charSpace=\"0\"/></w:sectPr>"
    )
}

/// Which blocks stand on landscape pages ([`pages::landscape`]: the ledger
/// throughout, the evaluation from its wide table's heading to the next).
pub(super) fn landscape_blocks(blocks: &[Block]) -> Vec<bool> {
    pages::landscape(blocks, |block| match block {
        Block::Table(t) if t.wide => Role::WideTable,
        Block::Table(_) => Role::Table,
        Block::Para(p)
            if matches!(
                p.kind,
                Kind::Heading | Kind::Subheading | Kind::Minor | Kind::AttachmentLabel
            ) =>
        {
            Role::Heading
        }
        _ => Role::Other,
    })
}
