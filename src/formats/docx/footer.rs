//! The page number (GB/T 9704 §7.5): "— 1 —" in 四号 under the text.

use super::XmlWriter;
use super::packaging::{R_NS, W_NS, XML_DECL};
use super::page::FOOTER_SZ;
use super::paragraphs::{Fonts, ParaFmt, RunFmt, ppr, rpr, text_run};

impl XmlWriter<'_> {
    pub(super) fn footer(&self) -> String {
        let f = RunFmt {
            fonts: Fonts {
                east: &self.style.body_font,
                latin: &self.style.latin_font,
            },
            sz: FOOTER_SZ,
            bold: false,
            italic: false,
        };
        let mut out = String::new();
        out.push_str(XML_DECL);
        out.push_str(&format!(
            "<w:ftr xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\"><w:p>"
        ));
        ppr(
            &mut out,
            &ParaFmt {
                style: Some("Footer"),
                line: Some((240, "auto")),
                jc: "center",
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
