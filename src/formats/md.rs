//! The md format: the Markdown as the template rendered it, for git, with
//! the top-level `chart` blocks as a table of their values and `signature`
//! blocks as their lines, so that any Markdown viewer shows them.

use crate::document::{Block, Chart, Signature};
use std::fmt::Write as _;

/// The Markdown of a report, its chart and signature blocks made plain:
/// `fenced` are its top-level chart and signature blocks and where they
/// stand (`document::fenced`, or a document's `fenced`). The blocks are
/// replaced in place, from the last to the first so that the ranges still
/// to come stand where they were: a report of 100 000 rows is not copied.
pub fn write(mut markdown: String, fenced: &[(std::ops::Range<usize>, Block)]) -> String {
    for (range, block) in fenced.iter().rev() {
        let Some(source) = markdown.get(range.clone()) else {
            continue;
        };
        let mut plain = match block {
            Block::Chart(chart) => chart_table(chart),
            Block::Signature(signature) => signature_lines(signature),
            _ => source.to_string(),
        };
        // The block's range ends with its closing fence's line end, or not.
        plain.truncate(plain.trim_end_matches('\n').len());
        if source.ends_with('\n') {
            plain.push('\n');
        }
        markdown.replace_range(range.clone(), &plain);
    }
    markdown
}

/// A chart as a table: the title over the labels, the unit over the values.
fn chart_table(chart: &Chart) -> String {
    let mut out = format!(
        "| {} | {} |\n| --- | ---: |\n",
        cell(&chart.title),
        cell(&chart.unit)
    );
    for bar in &chart.bars {
        let _ = writeln!(out, "| {} | {} |", cell(&bar.label), bar.written);
    }
    out
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

fn signature_lines(signature: &Signature) -> String {
    signature
        .lines()
        .map(|line| format!("{line}\n"))
        .collect::<Vec<_>>()
        .join("\n")
}
