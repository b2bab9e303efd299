//! The furniture of a formal 公文 (GB/T 9704 §7.2, §7.4): the 版头 above the
//! title — the red 发文机关标志, the 发文字号 and a red line as wide as the
//! text — and the 版记 on the last page: 抄送机关, then 印发机关
//! and 印发日期, between rules.

use super::XmlWriter;
use super::page::TEXT_W;
use super::paragraphs::{Fonts, RunFmt, rpr};
use crate::formats::escape;

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
        out.push_str(&format!(
            "<w:p><w:pPr><w:pBdr><w:bottom w:val=\"single\" w:sz=\"18\" w:space=\"8\" w:color=\"{RED}\"/></w:pBdr>\
             <w:spacing w:before=\"{}\" w:after=\"{}\" w:line=\"{line}\" w:lineRule=\"exact\"/>\
             <w:ind w:left=\"0\" w:right=\"0\" w:firstLine=\"0\" w:firstLineChars=\"0\"/><w:jc w:val=\"center\"/></w:pPr>",
            2 * line,
            2 * line
        ));
        if let Some(number) = &furniture.number {
            out.push_str(&self.body_run(number));
        }
        out.push_str("</w:p>");
        out
    }

    /// The 版记 after the last page's text, two lines under it (not yet
    /// pinned to the page's foot): 抄送 with a hanging indent, then 印发机关 at the left and 印发日期 at the right, between a
    /// rule above the first line, a thin one between and one under the last.
    pub(super) fn colophon(&self, furniture: &Furniture) -> String {
        if furniture.cc.is_empty() && furniture.printed_by.is_none() {
            return String::new();
        }
        let one = self.m.char_w;
        let rule = |side: &str, sz: u32| {
            format!("<w:{side} w:val=\"single\" w:sz=\"{sz}\" w:space=\"1\" w:color=\"000000\"/>")
        };
        let mut out = String::new();
        if !furniture.cc.is_empty() {
            let label = "抄送：";
            out.push_str(&format!(
                "<w:p><w:pPr><w:keepNext/><w:spacing w:before=\"{}\" w:after=\"0\"/><w:pBdr>{}{}</w:pBdr><w:ind w:left=\"{}\" w:right=\"{one}\" w:hanging=\"{}\"/><w:jc w:val=\"left\"/></w:pPr>",
                2 * self.m.body_line,
                rule("top", 8),
                rule("bottom", 4),
                one + 3 * one,
                3 * one
            ));
            out.push_str(&self.body_run(&format!("{label}{}。", furniture.cc.join("，"))));
            out.push_str("</w:p>");
        }
        let top = if furniture.cc.is_empty() {
            rule("top", 8)
        } else {
            String::new()
        };
        out.push_str(&format!(
            "<w:p><w:pPr><w:pBdr>{top}{}</w:pBdr><w:tabs><w:tab w:val=\"right\" w:pos=\"{}\"/></w:tabs>\
             <w:ind w:left=\"{one}\" w:right=\"{one}\" w:firstLine=\"0\" w:firstLineChars=\"0\"/><w:jc w:val=\"left\"/></w:pPr>",
            rule("bottom", 8),
            TEXT_W - one
        ));
        let by = furniture.printed_by.as_deref().unwrap_or_default();
        out.push_str(&self.body_run(&format!("{by}\t{}印发", furniture.printed_on)));
        out.push_str("</w:p>");
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
