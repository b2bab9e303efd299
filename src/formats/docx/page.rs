//! The page (GB/T 9704 §5): A4, the margins 37 / 35 / 28 / 26 mm, and the
//! measures of body text derived from the style: 三号 on a fixed line pitch.

use super::Style;

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

/// The section properties: A4 portrait, the margins, the footer.
pub(super) fn section_properties() -> String {
    format!(
        "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooter1\"/>\
         <w:pgSz w:w=\"{PAGE_W}\" w:h=\"{PAGE_H}\"/>\
         <w:pgMar w:top=\"{MARGIN_TOP}\" w:right=\"{MARGIN_RIGHT}\" w:bottom=\"{MARGIN_BOTTOM}\" \
         w:left=\"{MARGIN_LEFT}\" w:header=\"{HEADER_DIST}\" w:footer=\"{FOOTER_DIST}\" w:gutter=\"0\"/>\
         <w:cols w:space=\"425\"/></w:sectPr>"
    )
}
