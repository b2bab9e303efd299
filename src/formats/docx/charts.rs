//! Chart blocks as native Word charts (DrawingML `c:barChart`, one part a
//! chart in `word/charts/`), which Word, WPS and LibreOffice draw and a clerk
//! can restyle: horizontal bars, one series, the values as data labels, the
//! axis up to the chart's `max`. The values are held twice: in the chart
//! part's caches, which every reader draws, and in a workbook embedded
//! beside it (`word/embeddings/`), which Word's and WPS's "edit data" opens;
//! the caches' formulas (`Sheet1!$A$2:$A$n`) name its cells.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, XlsxError};
use std::fmt::Write as _;

use super::packaging::XML_DECL;
use super::paragraphs::attr;
use super::{Kind, Para};
use crate::document::Chart;
use crate::formats::escape;

const C_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const A_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const WP_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
/// EMUs a twip.
const EMU_TWIP: u64 = 635;
/// The height of one bar's row, and of the chart's title and axis, in EMUs.
const ROW_EMU: u64 = 420_000;
const FRAME_EMU: u64 = 900_000;
/// The bars' colour, as in the html chart.
const BAR_FILL: &str = "4A6F94";

/// The chart title above the drawing (bold, centred), as html shows its
/// caption.
pub(super) fn title(chart: &Chart) -> Option<Para<'_>> {
    (!chart.title.is_empty()).then(|| Para::with_text(Kind::ChartTitle, &chart.title, true))
}

/// The paragraph holding chart number `n` (from 1) inline, `width` twips
/// wide, keeping it with the paragraph before.
pub(super) fn drawing(chart: &Chart, n: usize, width: u32) -> String {
    let cx = u64::from(width) * EMU_TWIP;
    let cy = FRAME_EMU + ROW_EMU * chart.bars.len() as u64;
    let name = if chart.title.is_empty() {
        format!("Chart {n}")
    } else {
        chart.title.clone()
    };
    format!(
        "<w:p><w:pPr><w:keepLines/><w:spacing w:before=\"0\" w:after=\"120\" w:line=\"240\" w:lineRule=\"auto\"/>\
         <w:ind w:left=\"0\" w:right=\"0\" w:firstLine=\"0\" w:firstLineChars=\"0\"/><w:jc w:val=\"center\"/></w:pPr>\
         <w:r><w:drawing><wp:inline xmlns:wp=\"{WP_NS}\" distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">\
         <wp:extent cx=\"{cx}\" cy=\"{cy}\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>\
         <wp:docPr id=\"{n}\" name=\"{}\"/><wp:cNvGraphicFramePr/>\
         <a:graphic xmlns:a=\"{A_NS}\"><a:graphicData uri=\"{C_NS}\">\
         <c:chart xmlns:c=\"{C_NS}\" r:id=\"{}\"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>",
        attr(&name),
        relationship_id(n)
    )
}

/// The relationship id of chart `n` in `word/_rels/document.xml.rels`.
pub(super) fn relationship_id(n: usize) -> String {
    format!("rIdChart{n}")
}

/// The part name of chart `n`, under `word/`.
pub(super) fn part_name(n: usize) -> String {
    format!("charts/chart{n}.xml")
}

/// The part name of chart `n`'s workbook, under `word/`.
pub(super) fn workbook_name(n: usize) -> String {
    format!("embeddings/Microsoft_Excel_Worksheet{n}.xlsx")
}

/// The relationships of chart `n`: its embedded workbook.
pub(super) fn rels(n: usize) -> String {
    format!(
        "{XML_DECL}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
         <Relationship Id=\"{WORKBOOK_ID}\" \
         Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/package\" \
         Target=\"../{}\"/></Relationships>",
        workbook_name(n)
    )
}

/// The relationship id of the workbook in a chart's relationships.
const WORKBOOK_ID: &str = "rIdWorkbook";

/// The chart's data as a workbook, laid out as the chart's formulas read
/// it: the series name in B1, the labels in A2 down, the values in B2 down.
/// Its creation time is fixed (the zip entries' 1980-01-01), so that two
/// builds give the same bytes.
pub(super) fn workbook(chart: &Chart) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    book.set_properties(
        &DocProperties::new().set_creation_datetime(&ExcelDateTime::from_ymd(1980, 1, 1)?),
    );
    let sheet = book.add_worksheet().set_name("Sheet1")?;
    sheet.write_string(0, 1, series_name(chart))?;
    for (row, bar) in (1u32..).zip(&chart.bars) {
        sheet.write_string(row, 0, &bar.label)?;
        sheet.write_number(row, 1, bar.value)?;
    }
    book.save_to_buffer()
}

/// The series' name: the title, with the unit when there is one.
fn series_name(chart: &Chart) -> String {
    if chart.unit.is_empty() {
        chart.title.clone()
    } else {
        format!("{} ({})", chart.title, chart.unit)
    }
}

/// The chart part: a horizontal bar chart of one series, first bar on top.
pub(super) fn part(chart: &Chart, fonts: (&str, &str)) -> String {
    let count = chart.bars.len();
    let mut categories = String::new();
    let mut values = String::new();
    for (i, bar) in chart.bars.iter().enumerate() {
        let _ = write!(
            categories,
            "<c:pt idx=\"{i}\"><c:v>{}</c:v></c:pt>",
            escape(&bar.label)
        );
        let _ = write!(values, "<c:pt idx=\"{i}\"><c:v>{}</c:v></c:pt>", bar.value);
    }
    let max = chart
        .max
        .map(|m| format!("<c:max val=\"{m}\"/>"))
        .unwrap_or_default();
    let text = text_properties(fonts);
    format!(
        "{XML_DECL}<c:chartSpace xmlns:c=\"{C_NS}\" xmlns:a=\"{A_NS}\" \
         xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\
         <c:roundedCorners val=\"0\"/><c:chart><c:autoTitleDeleted val=\"1\"/><c:plotArea><c:layout/>\
         <c:barChart><c:barDir val=\"bar\"/><c:grouping val=\"clustered\"/><c:varyColors val=\"0\"/>\
         <c:ser><c:idx val=\"0\"/><c:order val=\"0\"/>\
         <c:tx><c:strRef><c:f>Sheet1!$B$1</c:f><c:strCache><c:ptCount val=\"1\"/><c:pt idx=\"0\"><c:v>{}</c:v></c:pt></c:strCache></c:strRef></c:tx>\
         <c:spPr><a:solidFill><a:srgbClr val=\"{BAR_FILL}\"/></a:solidFill></c:spPr><c:invertIfNegative val=\"0\"/>\
         <c:dLbls>{text}<c:showLegendKey val=\"0\"/><c:showVal val=\"1\"/><c:showCatName val=\"0\"/>\
         <c:showSerName val=\"0\"/><c:showPercent val=\"0\"/><c:showBubbleSize val=\"0\"/></c:dLbls>\
         <c:cat><c:strRef><c:f>Sheet1!$A$2:$A${last}</c:f><c:strCache><c:ptCount val=\"{count}\"/>{categories}</c:strCache></c:strRef></c:cat>\
         <c:val><c:numRef><c:f>Sheet1!$B$2:$B${last}</c:f><c:numCache><c:formatCode>General</c:formatCode>\
         <c:ptCount val=\"{count}\"/>{values}</c:numCache></c:numRef></c:val></c:ser>\
         <c:gapWidth val=\"60\"/><c:axId val=\"1\"/><c:axId val=\"2\"/></c:barChart>\
         <c:catAx><c:axId val=\"1\"/><c:scaling><c:orientation val=\"maxMin\"/></c:scaling><c:delete val=\"0\"/>\
         <c:axPos val=\"l\"/><c:numFmt formatCode=\"General\" sourceLinked=\"0\"/><c:majorTickMark val=\"none\"/>\
         <c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/>{text}<c:crossAx val=\"2\"/><c:crosses val=\"autoZero\"/>\
         <c:auto val=\"1\"/><c:lblAlgn val=\"ctr\"/><c:lblOffset val=\"100\"/><c:noMultiLvlLbl val=\"0\"/></c:catAx>\
         <c:valAx><c:axId val=\"2\"/><c:scaling><c:orientation val=\"minMax\"/>{max}<c:min val=\"0\"/></c:scaling>\
         <c:delete val=\"0\"/><c:axPos val=\"t\"/><c:majorGridlines/><c:numFmt formatCode=\"General\" sourceLinked=\"0\"/>\
         <c:majorTickMark val=\"none\"/><c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/>{text}\
         <c:crossAx val=\"1\"/><c:crosses val=\"max\"/><c:crossBetween val=\"between\"/></c:valAx>\
         </c:plotArea><c:plotVisOnly val=\"1\"/><c:dispBlanksAs val=\"gap\"/></c:chart>\
         <c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"1200\"/></a:pPr><a:endParaRPr lang=\"zh-CN\"/></a:p></c:txPr>\
         <c:externalData r:id=\"{WORKBOOK_ID}\"><c:autoUpdate val=\"0\"/></c:externalData>\
         </c:chartSpace>",
        escape(&series_name(chart)),
        last = count + 1,
    )
}

/// 小四 text in the body fonts, for labels and axes.
fn text_properties((east, latin): (&str, &str)) -> String {
    format!(
        "<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"1200\">\
         <a:latin typeface=\"{}\"/><a:ea typeface=\"{}\"/></a:defRPr></a:pPr>\
         <a:endParaRPr lang=\"zh-CN\"/></a:p></c:txPr>",
        attr(latin),
        attr(east)
    )
}
