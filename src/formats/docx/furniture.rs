//! The furniture of a formal 公文 (GB/T 9704 §7.2, §7.4): the 版头 above the
//! title — the red 发文机关标志, the 发文字号 and a red line as wide as the
//! text — and the 版记 on the last page: 抄送机关, then 印发机关
//! and 印发日期, between rules.

use super::XmlWriter;
use super::page::MARGIN_LEFT;
use super::paragraphs::{Fonts, RunFmt, rpr};
use crate::formats::escape;
use std::fmt::Write as _;

pub use crate::formats::Furniture;

/// The red of the 版头.
const RED: &str = "FF0000";

impl XmlWriter<'_> {
    /// The 版头: the issuer in red 小标宋, centred, the number under it, and
    /// the red line; empty without an issuer or a number.
    pub(super) fn masthead(&self, furniture: &Furniture) -> String {
        let mut out = String::new();
        let s = self.style;
        if let Some(issuer) = &furniture.issuer {
            let f = RunFmt {
                fonts: Fonts {
                    east: &s.title_font,
                    latin: &s.title_font,
                },
                sz: (self.m.title_sz * 2).min(3276),
                bold: false,
                italic: false,
            };
            out.push_str("<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>");
            out.push_str("<w:ind w:left=\"0\" w:right=\"0\" w:firstLine=\"0\" w:firstLineChars=\"0\"/><w:jc w:val=\"center\"/></w:pPr>");
            out.push_str(&red_run(&f, issuer));
            out.push_str("</w:p>");
        }
        if furniture.issuer.is_none() && furniture.number.is_none() {
            return out;
        }
        // The number two lines under the issuer, the red line under it.
        let line = self.m.body_line;
        let _ = write!(
            out,
            "<w:p><w:pPr><w:pBdr><w:bottom w:val=\"single\" w:sz=\"18\" w:space=\"8\" w:color=\"{RED}\"/></w:pBdr>\
             <w:spacing w:before=\"{}\" w:after=\"{}\" w:line=\"{line}\" w:lineRule=\"exact\"/>\
             <w:ind w:left=\"0\" w:right=\"0\" w:firstLine=\"0\" w:firstLineChars=\"0\"/><w:jc w:val=\"center\"/></w:pPr>",
            2 * line,
            2 * line
        );
        if let Some(number) = &furniture.number {
            out.push_str(&self.body_run(number));
        }
        out.push_str("</w:p>");
        out
    }

    /// The 版记 at the foot of the last page (§7.4): 抄送 with a hanging
    /// indent, then 印发机关 at the left and 印发日期 at the right, one
    /// character in, between a thick rule (1 pt, the standard's 0.35 mm)
    /// above the first line, a thin one (¾ pt, 0.25 mm) between and a thick
    /// one under the last, which stands on the bottom edge of the text area.
    ///
    /// It is a floating table anchored to the bottom margin
    /// (`tblpYSpec="bottom"`), which Word and LibreOffice both honour (a
    /// frame, `framePr`, is ignored by LibreOffice); the text of the last page
    /// wraps above it, never under it. Its position is measured from the
    /// page's left edge, not the margin: LibreOffice 7.4 floats a table only
    /// when it is narrower than the room it is positioned in. `width` is the
    /// text width of the last page.
    pub(super) fn colophon(&self, furniture: &Furniture, width: u32) -> String {
        if furniture.cc.is_empty() && furniture.printed_by.is_none() {
            return String::new();
        }
        let rule = |side: &str, sz: u32| {
            format!("<w:{side} w:val=\"single\" w:sz=\"{sz}\" w:space=\"0\" w:color=\"000000\"/>")
        };
        let mut out = format!(
            "<w:tbl><w:tblPr><w:tblpPr w:leftFromText=\"0\" w:rightFromText=\"0\" w:topFromText=\"0\" \
             w:bottomFromText=\"0\" w:vertAnchor=\"margin\" w:horzAnchor=\"page\" w:tblpX=\"{MARGIN_LEFT}\" \
             w:tblpYSpec=\"bottom\"/><w:tblOverlap w:val=\"never\"/><w:tblW w:w=\"{width}\" w:type=\"dxa\"/>\
             <w:tblBorders>{}{}{}</w:tblBorders><w:tblLayout w:type=\"fixed\"/>\
             <w:tblCellMar><w:left w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"0\" w:type=\"dxa\"/></w:tblCellMar>\
             </w:tblPr><w:tblGrid><w:gridCol w:w=\"{width}\"/></w:tblGrid>",
            rule("top", 8),
            rule("bottom", 8),
            rule("insideH", 6),
        );
        let (one, line) = (self.m.char_w, self.m.body_line);
        if !furniture.cc.is_empty() {
            let text = format!("抄送：{}。", furniture.cc.join("，"));
            let ind = format!(
                "<w:ind w:left=\"{}\" w:right=\"{one}\" w:hanging=\"{}\"/>",
                4 * one,
                3 * one
            );
            out.push_str(&colophon_row(width, "", &ind, line, &self.body_run(&text)));
        }
        let by = furniture.printed_by.as_deref().unwrap_or_default();
        let tabs = format!(
            "<w:tabs><w:tab w:val=\"right\" w:pos=\"{}\"/></w:tabs>",
            width - one
        );
        let ind = format!(
            "<w:ind w:left=\"{one}\" w:right=\"{one}\" w:firstLine=\"0\" w:firstLineChars=\"0\"/>"
        );
        let text = format!("{by}\t{}印发", furniture.printed_on);
        out.push_str(&colophon_row(
            width,
            &tabs,
            &ind,
            line,
            &self.body_run(&text),
        ));
        // A table is followed by a paragraph: the table's anchor, as small
        // as Word allows, off the line grid.
        out.push_str(
            "</w:tbl><w:p><w:pPr><w:snapToGrid w:val=\"0\"/>\
             <w:spacing w:before=\"0\" w:after=\"0\" w:line=\"20\" w:lineRule=\"exact\"/>\
             <w:rPr><w:sz w:val=\"2\"/><w:szCs w:val=\"2\"/></w:rPr></w:pPr></w:p>",
        );
        out
    }

    fn body_run(&self, text: &str) -> String {
        let mut out = String::new();
        let f = RunFmt {
            fonts: self.body_fonts(),
            sz: self.m.body_sz * 7 / 8,
            bold: false,
            italic: false,
        };
        super::paragraphs::text_run(&mut out, &f, text);
        out
    }
}

/// One line of the 版记: a row of its table, `width` wide; its paragraph
/// has the tab stops `tabs`, the indent `ind` and the line pitch `line`,
/// and holds `run`.
fn colophon_row(width: u32, tabs: &str, ind: &str, line: u32, run: &str) -> String {
    format!(
        "<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/></w:tcPr>\
         <w:p><w:pPr><w:keepNext/>{tabs}<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"{line}\" w:lineRule=\"exact\"/>\
         {ind}<w:jc w:val=\"left\"/></w:pPr>{run}</w:p></w:tc></w:tr>"
    )
}

fn red_run(f: &RunFmt<'_>, text: &str) -> String {
    let mut props = String::new();
    rpr(&mut props, f);
    // The colour comes before the size in a run's properties.
    let props = props.replacen("<w:sz ", &format!("<w:color w:val=\"{RED}\"/><w:sz "), 1);
    format!(
        "<w:r>{props}<w:t xml:space=\"preserve\">{}</w:t></w:r>",
        escape(text)
    )
}
