//! The style part, and the [`Style`] a caller gives: the fonts and sizes of
//! the 公文 (GB/T 9704 §6, §7.3.3).

use super::XmlWriter;
use super::packaging::{R_NS, W_NS, XML_DECL};
use super::page::{CODE_FONT, FOOTER_SZ};
use super::paragraphs::attr;
use std::fmt::Write as _;

/// The fonts and sizes of a Word document. The defaults are the 公文 ones;
/// the renderer fills it from the `docx:` settings of annals.yaml.
#[derive(Debug, Clone, PartialEq)]
pub struct Style {
    /// East Asian font of body text; default "仿宋_GB2312".
    pub body_font: String,
    /// Font of the title; default "方正小标宋简体".
    pub title_font: String,
    /// Font of level-2 headings (the 一、 level); default "黑体".
    pub heading_font: String,
    /// Font of level-3 headings (the （一） level); default "楷体_GB2312".
    pub subheading_font: String,
    /// Font of Latin text (ascii/hAnsi); default "Times New Roman".
    pub latin_font: String,
    /// Body size in points; default 16.0 (三号).
    pub body_size: f64,
    /// Title size in points; default 22.0 (二号).
    pub title_size: f64,
    /// Font of the page number; default "宋体".
    pub page_number_font: String,
    /// Whether the signature block leaves room for a seal (GB/T 9704
    /// §7.3.5.1); default false (§7.3.5.2).
    pub sealed: bool,
    /// Headings and paragraphs flush left, as an English report has them,
    /// instead of the 公文's two-character indent; default false.
    pub flush: bool,
    /// The 版头 and 版记 of a formal 公文, when the document has them.
    pub furniture: Option<super::Furniture>,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            body_font: "仿宋_GB2312".to_string(),
            title_font: "方正小标宋简体".to_string(),
            heading_font: "黑体".to_string(),
            subheading_font: "楷体_GB2312".to_string(),
            latin_font: "Times New Roman".to_string(),
            body_size: 16.0,
            title_size: 22.0,
            page_number_font: "宋体".to_string(),
            sealed: false,
            flush: false,
            furniture: None,
        }
    }
}

impl XmlWriter<'_> {
    pub(super) fn styles(&self) -> String {
        let s = self.style;
        let m = self.m;
        let fonts = |east: &str, latin: &str| {
            let (east, latin) = (attr(east), attr(latin));
            format!(
                "<w:rFonts w:ascii=\"{latin}\" w:hAnsi=\"{latin}\" w:eastAsia=\"{east}\" w:cs=\"{latin}\"/>"
            )
        };
        let sz = |v: u32| format!("<w:sz w:val=\"{v}\"/><w:szCs w:val=\"{v}\"/>");
        let heading = |id: &str, name: &str, level: u32, east: &str, bold: bool| {
            format!(
                "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/>\
                 <w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/><w:qFormat/>\
                 <w:pPr><w:keepNext/><w:outlineLvl w:val=\"{level}\"/></w:pPr>\
                 <w:rPr>{}{}{}</w:rPr></w:style>",
                fonts(east, &s.latin_font),
                if bold { "<w:b/><w:bCs/>" } else { "" },
                sz(m.body_sz)
            )
        };
        let mut out = String::new();
        out.push_str(XML_DECL);
        let _ = write!(out, "<w:styles xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\">");
        let _ = write!(
            out,
            "<w:docDefaults><w:rPrDefault><w:rPr>{}<w:spacing w:val=\"{}\"/><w:kern w:val=\"2\"/>{}\
             <w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>\
             <w:pPrDefault><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"{}\" w:lineRule=\"exact\"/>\
             <w:jc w:val=\"both\"/></w:pPr></w:pPrDefault></w:docDefaults>",
            fonts(&s.body_font, &s.latin_font),
            m.char_spacing,
            sz(m.body_sz),
            m.body_line
        );
        out.push_str(
            "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/>\
             <w:pPr><w:widowControl w:val=\"0\"/></w:pPr></w:style>",
        );
        let _ = write!(
            out,
            "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/>\
             <w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"10\"/><w:qFormat/>\
             <w:pPr><w:keepNext/><w:jc w:val=\"center\"/><w:outlineLvl w:val=\"0\"/></w:pPr>\
             <w:rPr>{}{}</w:rPr></w:style>",
            fonts(&s.title_font, &s.latin_font),
            sz(m.title_sz)
        );
        out.push_str(&heading("Heading1", "heading 1", 1, &s.heading_font, false));
        out.push_str(&heading(
            "Heading2",
            "heading 2",
            2,
            &s.subheading_font,
            false,
        ));
        out.push_str(&heading("Heading3", "heading 3", 3, &s.body_font, true));
        let _ = write!(
            out,
            "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"Code\"><w:name w:val=\"Code\"/>\
             <w:basedOn w:val=\"Normal\"/><w:rPr>{}{}</w:rPr></w:style>",
            fonts(&s.body_font, CODE_FONT),
            sz(m.code_sz)
        );
        let _ = write!(
            out,
            "<w:style w:type=\"paragraph\" w:styleId=\"Footer\"><w:name w:val=\"footer\"/>\
             <w:basedOn w:val=\"Normal\"/><w:uiPriority w:val=\"99\"/>\
             <w:pPr><w:jc w:val=\"center\"/></w:pPr><w:rPr>{}</w:rPr></w:style>",
            sz(FOOTER_SZ)
        );
        out.push_str(
            "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">\
             <w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/></w:style>\
             <w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>\
             <w:uiPriority w:val=\"99\"/><w:semiHidden/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/>\
             <w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>\
             <w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>\
             <w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/>\
             <w:basedOn w:val=\"TableNormal\"/><w:uiPriority w:val=\"39\"/><w:tblPr><w:tblBorders>\
             <w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>\
             <w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>\
             <w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>\
             <w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>\
             <w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>\
             <w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/>\
             </w:tblBorders></w:tblPr></w:style>\
             <w:style w:type=\"numbering\" w:default=\"1\" w:styleId=\"NoList\"><w:name w:val=\"No List\"/>\
             <w:uiPriority w:val=\"99\"/><w:semiHidden/></w:style>",
        );
        out.push_str("</w:styles>");
        out
    }
}
