//! Chart blocks: a bold title and a table label | value | a bar of "█".

use super::{Block, Kind, Para, Row, Run, Table};
use crate::document::{Align, Chart};

/// The width of a chart's longest bar, in "█".
const BAR_CELLS: f64 = 20.0;

/// A chart as a bold title and a label | value | bar table.
pub(super) fn chart_blocks(chart: &Chart) -> Vec<Block> {
    let max = chart.full();
    let mut blocks = Vec::new();
    if !chart.title.is_empty() {
        blocks.push(Block::Para(Para::with_text(
            Kind::ChartTitle,
            &chart.title,
            true,
        )));
    }
    let rows = chart
        .bars
        .iter()
        .map(|bar| {
            let cells = if max > 0.0 && bar.value > 0.0 {
                ((bar.value / max).min(1.0) * BAR_CELLS).round() as usize
            } else {
                0
            };
            let text = |s: String| {
                if s.is_empty() {
                    Vec::new()
                } else {
                    vec![Run::text(s, false)]
                }
            };
            Row {
                header: false,
                cells: vec![
                    text(bar.label.clone()),
                    text(format!("{}{}", bar.written, chart.unit)),
                    text("█".repeat(cells)),
                ],
                whole: vec![false, true, false],
            }
        })
        .collect();
    blocks.push(Block::Table(Table {
        aligns: vec![Align::Left, Align::Right, Align::Left],
        rows,
        wide: false,
    }));
    blocks
}
