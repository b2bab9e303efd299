//! The `chart` code block of report templates: the data of a bar chart,
//! which html draws as SVG, docx as a native Word chart and md as a table.

/// A parsed `chart` block.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Chart {
    /// The caption.
    pub title: String,
    /// The unit written after each value (`%`, `分`).
    pub unit: String,
    /// The value of a full bar, when given.
    pub max: Option<f64>,
    /// The bars, in the order written.
    pub bars: Vec<Bar>,
}

/// One bar of a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// The label.
    pub label: String,
    /// The value.
    pub value: f64,
    /// The value as written, without the unit (`87.5`, `1,200`).
    pub written: String,
}

/// Reads a chart block: lines `key: value` (ASCII or fullwidth colon). The
/// settings `title`, `unit` and `max` are split at the first colon and may
/// stand anywhere; every other line is a bar `label: number`, split at the
/// last colon, the number optionally followed by the unit and with `,` as a
/// thousands separator allowed. Blank and malformed lines are skipped.
impl Chart {
    /// Parses the text of a chart block.
    pub fn parse(text: &str) -> Chart {
        let mut chart = Chart::default();
        let colon = |c: char| c == ':' || c == '：';
        let mut bars = Vec::new();
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            if let Some(at) = line.find(colon) {
                let key = line[..at].trim().to_ascii_lowercase();
                let value = line[at..].trim_start_matches(colon).trim();
                match key.as_str() {
                    "title" => {
                        chart.title = value.to_string();
                        continue;
                    }
                    "unit" => {
                        chart.unit = value.to_string();
                        continue;
                    }
                    "max" => {
                        chart.max = number(value).filter(|m| *m > 0.0);
                        continue;
                    }
                    _ => {}
                }
            }
            if let Some(at) = line.rfind(colon) {
                let label = line[..at].trim();
                let value = line[at..].trim_start_matches(colon).trim();
                if !label.is_empty() {
                    bars.push((label.to_string(), value.to_string()));
                }
            }
        }
        for (label, written) in bars {
            let bare = match chart.unit.as_str() {
                "" => written.as_str(),
                unit => written.strip_suffix(unit).unwrap_or(&written).trim_end(),
            };
            if let Some(value) = number(bare) {
                chart.bars.push(Bar {
                    label,
                    value,
                    written: bare.to_string(),
                });
            }
        }
        chart
    }

    /// The value of a full bar: `max`, else the largest value (at least 1).
    pub fn full(&self) -> f64 {
        self.max
            .unwrap_or_else(|| self.bars.iter().map(|b| b.value).fold(1.0, f64::max))
    }
}

/// A number as written in a chart or a table cell: digits with an optional
/// sign, decimals and `,` thousands separators; never "inf" or "NaN".
pub(crate) fn number(text: &str) -> Option<f64> {
    let text = text.trim().replace(',', "");
    let starts_well = text
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | '.'));
    if !starts_well {
        return None; // no "inf", "NaN"
    }
    text.parse::<f64>().ok().filter(|v| v.is_finite())
}
