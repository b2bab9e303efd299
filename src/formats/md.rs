//! The md format: the Markdown as the template rendered it, for git, with
//! the top-level `chart` blocks as a table of their values and `signature`
//! blocks as their lines, so that any Markdown viewer shows them.

use crate::document::{Block, Chart, Signature};
use std::fmt::Write as _;

/// The Markdown of a report, its chart and signature blocks made plain:
/// `fenced` are its top-level chart and signature blocks and where they
/// stand (`document::fenced`, or a document's `fenced`).
pub fn write(markdown: &str, fenced: &[(std::ops::Range<usize>, Block)]) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut at = 0;
    for (range, block) in fenced {
        let Some(before) = markdown.get(at..range.start) else {
            break;
        };
        out.push_str(before);
        let source = markdown.get(range.clone()).unwrap_or_default();
        let plain = match block {
            Block::Chart(chart) => chart_table(chart),
            Block::Signature(signature) => signature_lines(signature),
            _ => source.to_string(),
        };
        // The block's range ends with its closing fence's line end, or not.
        out.push_str(plain.trim_end_matches('\n'));
        if source.ends_with('\n') {
            out.push('\n');
        }
        at = range.end;
    }
    out.push_str(markdown.get(at..).unwrap_or_default());
    out
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
