//! List numbering: one bulleted and one decimal abstract numbering, and an
//! instance per list so that each restarts at its own number.

use super::packaging::{R_NS, W_NS, XML_DECL};
use super::paragraphs::{Fonts, RunFmt, rpr};
use super::{NumDef, XmlWriter};
use std::fmt::Write as _;

/// The deepest list level Word numbering has (0-based).
pub(super) const MAX_LEVEL: u32 = 8;
/// Abstract numbering ids.
const ABSTRACT_BULLET: u32 = 0;
const ABSTRACT_DECIMAL: u32 = 1;

impl XmlWriter<'_> {
    pub(super) fn numbering(&self, nums: &[NumDef]) -> String {
        let m = self.m;
        let mut out = String::new();
        out.push_str(XML_DECL);
        let _ = write!(out, "<w:numbering xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\">");
        for (id, ordered) in [(ABSTRACT_BULLET, false), (ABSTRACT_DECIMAL, true)] {
            let _ = write!(
                out,
                "<w:abstractNum w:abstractNumId=\"{id}\"><w:multiLevelType w:val=\"multilevel\"/>"
            );
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
                let _ = write!(
                    out,
                    "<w:lvl w:ilvl=\"{lvl}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"{fmt}\"/>\
                     <w:suff w:val=\"tab\"/><w:lvlText w:val=\"{text}\"/><w:lvlJc w:val=\"left\"/>\
                     <w:pPr><w:tabs><w:tab w:val=\"num\" w:pos=\"{left}\"/></w:tabs>\
                     <w:ind w:left=\"{left}\" w:hanging=\"{hanging}\"/></w:pPr>",
                    left = self.list_left(lvl),
                    hanging = self.list_hanging(),
                );
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
            let _ = write!(
                out,
                "<w:num w:numId=\"{}\"><w:abstractNumId w:val=\"{abstract_id}\"/>\
                 <w:lvlOverride w:ilvl=\"{}\"><w:startOverride w:val=\"{}\"/></w:lvlOverride></w:num>",
                i + 1,
                num.ilvl,
                num.start
            );
        }
        out.push_str("</w:numbering>");
        out
    }
}
