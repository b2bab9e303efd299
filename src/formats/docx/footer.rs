//! The page number (GB/T 9704 §7.5): "— 1 —" in 四号 宋体 under the text,
//! at the right of odd pages and the left of even pages, one character in.
//! Two footers, with `w:evenAndOddHeaders` in the settings.

use super::XmlWriter;
use super::packaging::{R_NS, W_NS, XML_DECL};
use super::page::FOOTER_SZ;
use super::paragraphs::{Fonts, ParaFmt, RunFmt, ppr, rpr, text_run};
use std::fmt::Write as _;

/// Which pages a footer is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    /// Odd pages (the default footer): the number at the right.
    Odd,
    /// Even pages: the number at the left.
    Even,
}

/// One character of 四号, the indent of the page number from the edge.
const ONE_CHAR: u32 = FOOTER_SZ * 10;

impl XmlWriter<'_> {
    /// The footer part of one side.
    pub(super) fn footer(&self, side: Side) -> String {
        let font = &self.style.page_number_font;
        let f = RunFmt {
            fonts: Fonts {
                east: font,
                latin: font,
            },
            sz: FOOTER_SZ,
            bold: false,
            italic: false,
        };
        let mut out = String::new();
        out.push_str(XML_DECL);
        let _ = write!(out, "<w:ftr xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\"><w:p>");
        ppr(
            &mut out,
            &ParaFmt {
                style: Some("Footer"),
                line: Some((240, "auto")),
                jc: match side {
                    Side::Odd => "right",
                    Side::Even => "left",
                },
                right: if side == Side::Odd { ONE_CHAR } else { 0 },
                left: if side == Side::Even { ONE_CHAR } else { 0 },
                ..ParaFmt::default()
            },
        );
        text_run(&mut out, &f, "— ");
        let field = |out: &mut String, inner: &str| {
            out.push_str("<w:r>");
            rpr(out, &f);
            out.push_str(inner);
            out.push_str("</w:r>");
        };
        field(&mut out, "<w:fldChar w:fldCharType=\"begin\"/>");
        field(
            &mut out,
            "<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>",
        );
        field(&mut out, "<w:fldChar w:fldCharType=\"separate\"/>");
        text_run(&mut out, &f, "1");
        field(&mut out, "<w:fldChar w:fldCharType=\"end\"/>");
        text_run(&mut out, &f, " —");
        out.push_str("</w:p></w:ftr>");
        out
    }
}
