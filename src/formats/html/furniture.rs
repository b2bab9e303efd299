//! The furniture of a formal 公文 in html (GB/T 9704 §7.2, §7.4), from the
//! same [`Furniture`] the docx writer lays out: the 版头 above the title —
//! the red 发文机关标志, the 发文字号 under it and the red line as wide as
//! the text — and the 版记 after the body: 抄送机关, then 印发机关 and
//! 印发日期, between rules.
//!
//! The issuer is drawn as an SVG text line at its natural size (the docx's
//! 44 pt, twice the title) that the layout scales down to the text width
//! when it is longer, so that a long name stays on one line as the standard
//! wants; like a chart, it is put in after the sanitiser has run.

use std::fmt::Write as _;

use crate::document::text::width;
use crate::formats::{Furniture, escape, escape_text};

/// The size of the 发文机关标志 when it fits the text width, in points.
const ISSUER_SIZE: f64 = 44.0;

/// The red of the 版头, as in the docx.
pub(super) const RED: &str = "#FF0000";

/// The 版头's elements other than the issuer, as html, or `None` when there
/// is neither an issuer nor a number. The issuer's drawing goes where
/// `issuer_mark` stands.
pub(super) fn masthead(furniture: &Furniture, issuer_mark: &str) -> Option<String> {
    if furniture.issuer.is_none() && furniture.number.is_none() {
        return None;
    }
    let mut out = String::from("<div class=\"masthead\">\n");
    if furniture.issuer.is_some() {
        out.push_str(issuer_mark);
        out.push('\n');
    }
    // The red line is the number's bottom border: it is drawn with or
    // without a number.
    let number = furniture.number.as_deref().unwrap_or_default();
    let _ = writeln!(
        out,
        "<p class=\"document-number\">{}</p>",
        escape_text(number)
    );
    out.push_str("</div>\n");
    Some(out)
}

/// The 发文机关标志 as an SVG line of red text, `None` without an issuer.
pub(super) fn issuer_svg(furniture: &Furniture) -> Option<String> {
    let issuer = furniture.issuer.as_deref()?;
    let w = f64::from(width(issuer)) / 2.0 * ISSUER_SIZE;
    let h = ISSUER_SIZE * 1.25;
    let baseline = ISSUER_SIZE;
    Some(format!(
        "<svg class=\"issuer\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" \
         aria-label=\"{text}\" width=\"{w}pt\" height=\"{h}pt\" viewBox=\"0 0 {w} {h}\">\
         <text x=\"{x}\" y=\"{baseline}\" text-anchor=\"middle\" font-size=\"{ISSUER_SIZE}\" \
         fill=\"{RED}\">{text}</text></svg>",
        text = escape(issuer),
        x = w / 2.0,
    ))
}

/// The 版记, as html, or `None` when it would say nothing (no 抄送 and no
/// 印发机关): the 抄送 line (its second line under the first name), then
/// 印发机关 at the left and 印发日期 at the right.
pub(super) fn colophon(furniture: &Furniture) -> Option<String> {
    if furniture.cc.is_empty() && furniture.printed_by.is_none() {
        return None;
    }
    let mut out = String::from("<div class=\"colophon\">\n");
    if !furniture.cc.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"cc\">抄送：{}。</p>",
            escape_text(&furniture.cc.join("，"))
        );
    }
    let by = furniture.printed_by.as_deref().unwrap_or_default();
    let _ = writeln!(
        out,
        "<p class=\"printed\"><span class=\"printed-by\">{}</span>\
         <span class=\"printed-on\">{}印发</span></p>",
        escape_text(by),
        escape_text(&furniture.printed_on)
    );
    out.push_str("</div>\n");
    Some(out)
}
