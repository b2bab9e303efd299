//! A chart block as an inline SVG bar chart (a `<figure>`), built from the
//! parsed numbers and escaped labels.

use std::fmt::Write as _;

use crate::document::Chart;
use crate::document::text::is_wide;
use crate::formats::escape;

const WIDTH: f64 = 640.0;
const FONT: f64 = 14.0;
const ROW: f64 = 28.0;
const BAR: f64 = 18.0;
const PAD: f64 = 6.0;
const LABEL_MAX: f64 = 220.0;
const BAR_FILL: &str = "#4a6f94";
const AXIS: &str = "#333333";

/// The SVG figure of a chart.
pub(super) fn svg(chart: &Chart) -> String {
    let max = chart.full();
    let space = match chart.unit.chars().next() {
        Some(c) if c.is_alphanumeric() && c.is_ascii() => " ",
        _ => "",
    };
    let values: Vec<String> = chart
        .bars
        .iter()
        .map(|b| format!("{}{space}{}", b.written, chart.unit))
        .collect();
    let labels: Vec<(String, bool)> = chart
        .bars
        .iter()
        .map(|b| fit(&b.label, LABEL_MAX))
        .collect();
    let label_w = labels
        .iter()
        .map(|(l, _)| text_width(l))
        .fold(FONT, f64::max);
    let value_w = values
        .iter()
        .map(|v| text_width(v))
        .fold(0.0, f64::max)
        .min(160.0);
    let x0 = label_w + 12.0;
    let area = (WIDTH - x0 - value_w - 12.0).max(120.0);
    let height = PAD * 2.0 + ROW * chart.bars.len() as f64;

    let name = if chart.title.is_empty() {
        "chart"
    } else {
        &chart.title
    };
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<figure class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" font-size=\"{FONT}\" role=\"img\" aria-label=\"{a}\">\n<title>{a}</title>\n",
        w = num(WIDTH),
        h = num(height),
        a = escape(name),
    );
    for (i, (((label, cut), bar), shown)) in labels.iter().zip(&chart.bars).zip(&values).enumerate()
    {
        let (full, value) = (&bar.label, bar.value);
        let top = PAD + ROW * i as f64;
        let middle = top + ROW / 2.0;
        let length = if max > 0.0 {
            (area * (value / max)).clamp(0.0, area)
        } else {
            0.0
        };
        let tip = if *cut {
            format!("<title>{}</title>", escape(full))
        } else {
            String::new()
        };
        let _ = write!(
            svg,
            "<text x=\"{lx}\" y=\"{my}\" text-anchor=\"end\" dominant-baseline=\"central\">{tip}{l}</text>\n\
             <rect x=\"{x0}\" y=\"{ry}\" width=\"{bw}\" height=\"{BAR}\" fill=\"{BAR_FILL}\"/>\n\
             <text x=\"{vx}\" y=\"{my}\" dominant-baseline=\"central\">{v}</text>\n",
            lx = num(label_w + 4.0),
            my = num(middle),
            l = escape(label),
            x0 = num(x0),
            ry = num(middle - BAR / 2.0),
            bw = num(length),
            vx = num(x0 + length + 6.0),
            v = escape(shown),
        );
    }
    let _ = write!(
        svg,
        "<line x1=\"{x}\" y1=\"{t}\" x2=\"{x}\" y2=\"{b}\" stroke=\"{AXIS}\" stroke-width=\"1\"/>\n</svg>",
        x = num(x0),
        t = num(PAD / 2.0),
        b = num(height - PAD / 2.0),
    );
    if !chart.title.is_empty() {
        let _ = write!(svg, "<figcaption>{}</figcaption>", escape(&chart.title));
    }
    svg.push_str("</figure>\n");
    svg
}

/// A number for an SVG attribute: at most one decimal, no trailing `.0`.
fn num(x: f64) -> String {
    let s = format!("{x:.1}");
    match s.strip_suffix(".0") {
        Some(whole) => whole.to_string(),
        None => s,
    }
}

/// The estimated width of a text at the chart's font size: a full em for
/// wide (CJK, fullwidth) characters, about half for the others.
fn text_width(text: &str) -> f64 {
    text.chars()
        .map(|c| if is_wide(c) { FONT } else { FONT * 0.6 })
        .sum()
}

/// The label cut to `width` with an ellipsis; whether it was cut.
fn fit(label: &str, width: f64) -> (String, bool) {
    if text_width(label) <= width {
        return (label.to_string(), false);
    }
    let mut out = String::new();
    let mut used = text_width("…");
    for c in label.chars() {
        used += text_width(c.encode_utf8(&mut [0; 4]));
        if used > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    (out, true)
}
