//! The font table: every font the document names, with the names Word may
//! use in place of the GB2312 faces older systems had.

use super::XmlWriter;
use super::packaging::{R_NS, W_NS, XML_DECL};
use super::page::CODE_FONT;
use super::paragraphs::attr;
use crate::document::text::is_wide;
use std::fmt::Write as _;

impl XmlWriter<'_> {
    pub(super) fn font_table(&self) -> String {
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
        let _ = write!(out, "<w:fonts xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\">");
        for name in names {
            let _ = write!(out, "<w:font w:name=\"{}\">", attr(name));
            // Windows has 仿宋 and 楷体 but not the _GB2312 fonts of older
            // systems; name the fonts Word may use in their place.
            let alt = match name {
                "仿宋_GB2312" => Some("仿宋"),
                "楷体_GB2312" => Some("楷体"),
                "方正小标宋简体" | "方正小标宋_GBK" => Some("宋体"),
                _ => None,
            };
            if let Some(alt) = alt {
                let _ = write!(out, "<w:altName w:val=\"{alt}\"/>");
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
