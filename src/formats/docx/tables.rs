//! Tables: a bold header row repeated on every page, borders, columns sized
//! from their contents, widths in `tblW`, `gridCol` and `tcW` (WPS reads the
//! grid), text in 小四, or 五号/小五 when the cells would not fit otherwise.

use super::page::{CELL_MARGIN, KEEP_TOGETHER_ROWS, MAX_CELL_LINES, text_width};
use super::paragraphs::{ParaFmt, RunProps, ppr, runs_xml};
use super::{Run, Table, XmlWriter, runs_width};
use crate::document::Align;
use crate::document::text::{is_wide, width};
use std::fmt::Write as _;

/// A cell's width in half characters: whole, and broken into two lines
/// where it is a header (see [`split_header`]; a body cell is never
/// broken for its column's floor). The same at every text size, so a
/// table's cells are measured once, for every size tried.
struct Measure {
    whole: u32,
    broken: u32,
}

/// Every cell of `table` measured, row by row.
fn measure(table: &Table) -> Vec<Vec<Measure>> {
    let row_of = |row: &super::Row| {
        let cell = |cell: &Vec<Run>| {
            let whole = runs_width(cell);
            let broken = match row.header.then(|| split_header(cell)).flatten() {
                Some((first, second)) => runs_width(&first).max(runs_width(&second)),
                None => whole,
            };
            Measure { whole, broken }
        };
        row.cells.iter().map(cell).collect()
    };
    table.rows.iter().map(row_of).collect()
}

/// Column widths (twips, adding up to the text width) from the cells'
/// contents, in the spirit of a browser's automatic table layout:
/// 1. when every cell fits on one line, the columns share the width in
///    proportion to their contents;
/// 2. else, when the body cells fit with the headers broken into two lines
///    (see [`split_header`]), the columns whose header can then still be made
///    whole are, cheapest first, and the rest is shared in proportion;
/// 3. else the columns are as wide as needed for their longest cell to fit
///    in as few lines as possible (so that rows are as low as they can be),
///    never narrower than half their header or their widest date or
///    number; then the columns whose cells
///    can still be made whole (dates, short names) are, cheapest first.
///
/// Also tells in how many lines the longest cells fit (1 in cases 1, 2).
fn column_widths(table: &Table, measured: &[Vec<Measure>], sz: u32, total: u32) -> (Vec<u32>, u32) {
    let n = table.aligns.len().max(1);
    let half = (sz * 10 / 2).max(1); // twips per half character
    let pad = 2 * CELL_MARGIN + half;
    let twips = |halves: u32| halves.saturating_mul(half).saturating_add(pad);
    let mut full = vec![pad; n];
    let mut data = vec![pad; n];
    let mut floor = vec![2 * half + pad; n];
    for (row, measures) in table.rows.iter().zip(measured) {
        for (c, measure) in measures.iter().enumerate().take(n) {
            let w = twips(measure.whole);
            full[c] = full[c].max(w);
            if row.header {
                floor[c] = floor[c].max(twips(measure.broken));
            } else {
                data[c] = data[c].max(w);
                // A date or a number is never broken.
                if row.whole.get(c).copied().unwrap_or(false) {
                    floor[c] = floor[c].max(w);
                }
            }
        }
    }
    for c in 0..n {
        data[c] = data[c].max(floor[c]);
    }
    let sum = |v: &[u32]| v.iter().map(|&x| u64::from(x)).sum::<u64>();
    let scale = |v: &[u32]| -> Vec<u32> {
        let s = sum(v).max(1);
        v.iter()
            .map(|&x| u32::try_from(u64::from(x) * u64::from(total) / s).unwrap_or(total))
            .collect()
    };
    let mut lines = 1;
    let mut widths = if sum(&full) <= u64::from(total) {
        scale(&full)
    } else if sum(&data) <= u64::from(total) {
        scale(&widen(data.clone(), &full, total))
    } else {
        // The fewest lines in which every column's longest cell fits, each
        // column at least its floor; what is left is shared in proportion.
        let need = |d: u32, f: u32, l: u32| {
            let text = d.saturating_sub(pad);
            (text.div_ceil(l).div_ceil(2 * half) * 2 * half + pad).max(f)
        };
        let layout = (2..=MAX_CELL_LINES).find_map(|l| {
            let w: Vec<u32> = data
                .iter()
                .zip(&floor)
                .map(|(&d, &f)| need(d, f, l))
                .collect();
            (sum(&w) <= u64::from(total)).then_some((w, l))
        });
        match layout {
            Some((w, l)) => {
                lines = l;
                scale(&widen(w, &data, total))
            }
            None => {
                lines = MAX_CELL_LINES;
                scale(&floor)
            }
        }
    };
    // Rounding leftovers go to the widest column so the table is exactly as
    // wide as the text.
    let used: u32 = widths.iter().sum();
    if let Some(widest) = widths.iter_mut().rev().max_by_key(|w| **w) {
        *widest = widest.saturating_add(total.saturating_sub(used));
    }
    (widths, lines)
}

/// Widens columns to their `target`, cheapest first, while the total allows.
fn widen(mut widths: Vec<u32>, target: &[u32], total: u32) -> Vec<u32> {
    let mut spare = total.saturating_sub(widths.iter().sum());
    let mut order: Vec<usize> = (0..widths.len()).collect();
    order.sort_by_key(|&c| (target.get(c).map_or(0, |t| t.saturating_sub(widths[c])), c));
    for c in order {
        let cost = target.get(c).map_or(0, |t| t.saturating_sub(widths[c]));
        if cost <= spare {
            widths[c] += cost;
            spare -= cost;
        }
    }
    widths
}

/// A header cell broken into two lines of about the same width, between two
/// CJK characters or at a space; `None` when it cannot be (several runs, or
/// a single word).
fn split_header(runs: &[Run]) -> Option<(Vec<Run<'static>>, Vec<Run<'static>>)> {
    let [Run::Text { text, bold, italic }] = runs else {
        return None;
    };
    let text = text.trim();
    let total = width(text);
    if total <= 4 {
        return None; // two characters stay on one line
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut best: Option<(u32, usize, usize)> = None; // (imbalance, end of first, start of second)
    let mut left = 0;
    for pair in chars.windows(2) {
        let [(_, a), (i, b)] = pair else { continue };
        left += width(a.encode_utf8(&mut [0; 4]));
        let (end, start) = if *a == ' ' {
            (i - 1, *i)
        } else if is_wide(*a) && is_wide(*b) {
            (*i, *i)
        } else {
            continue;
        };
        let imbalance = left.abs_diff(total - left);
        if best.is_none_or(|(bi, _, _)| imbalance < bi) {
            best = Some((imbalance, end, start));
        }
    }
    let (_, end, start) = best?;
    let run = |t: &str| {
        vec![Run::Text {
            text: t.trim().to_owned().into(),
            bold: *bold,
            italic: *italic,
        }]
    };
    Some((run(text.get(..end)?), run(text.get(start..)?)))
}

/// The start of a cell `w` twips wide, up to its paragraph's properties.
fn cell_start(w: u32) -> String {
    format!(
        "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/>\
         <w:vAlign w:val=\"center\"/></w:tcPr><w:p>"
    )
}

/// The properties of a cell's paragraph, left, centred and right aligned
/// (its index in [`table`](XmlWriter::table)), each without and with
/// `keepNext`.
fn cell_pprs() -> [[String; 2]; 3] {
    let cell_ppr = |jc: &str, keep_next: bool| {
        let mut out = String::new();
        ppr(
            &mut out,
            &ParaFmt {
                keep_next,
                before: 30,
                after: 30,
                line: Some((240, "auto")),
                jc,
                ..ParaFmt::default()
            },
        );
        out
    };
    ["left", "center", "right"].map(|jc| [cell_ppr(jc, false), cell_ppr(jc, true)])
}

impl XmlWriter<'_> {
    /// A table, as wide as the text of its page; `row_done` is given the
    /// text so far after each row.
    pub(super) fn table(
        &self,
        out: &mut String,
        t: &Table,
        landscape: bool,
        row_done: &mut dyn FnMut(&mut String),
    ) {
        let total = text_width(landscape);
        let measured = measure(t);
        let (mut sz, (mut widths, lines)) = (
            self.m.table_sz,
            column_widths(t, &measured, self.m.table_sz, total),
        );
        // Smaller text when the cells would be broken: 五号 if they then fit
        // in two lines, else 小五.
        if lines > 1 {
            sz = self.m.dense_table_sz[0];
            let (dense, lines) = column_widths(t, &measured, sz, total);
            widths = dense;
            if lines > 2 {
                sz = self.m.dense_table_sz[1];
                (widths, _) = column_widths(t, &measured, sz, total);
            }
        }
        out.push_str("<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/>");
        let _ = write!(
            out,
            "<w:tblW w:w=\"{total}\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>"
        );
        out.push_str("<w:tblBorders>");
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            let _ = write!(
                out,
                "<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
            );
        }
        out.push_str("</w:tblBorders><w:tblLayout w:type=\"fixed\"/>");
        let _ = write!(
            out,
            "<w:tblCellMar><w:left w:w=\"{CELL_MARGIN}\" w:type=\"dxa\"/>\
             <w:right w:w=\"{CELL_MARGIN}\" w:type=\"dxa\"/></w:tblCellMar>"
        );
        out.push_str("<w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/>");
        out.push_str("</w:tblPr><w:tblGrid>");
        for w in &widths {
            let _ = write!(out, "<w:gridCol w:w=\"{w}\"/>");
        }
        out.push_str("</w:tblGrid>");
        // Every cell shares its fonts and size, its column's width and one
        // of six paragraph properties: each is written once and copied.
        let props = RunProps::new(self.body_fonts(), sz);
        let cell_starts: Vec<String> = widths.iter().map(|&w| cell_start(w)).collect();
        // A cell beyond the table's columns (the reader gives every row as
        // many cells as columns, so none is) has no width.
        let beyond = cell_start(0);
        let pprs = cell_pprs();
        // A short table stays on one page (and a chart with its title); a
        // header row always stays with the row below it.
        let short = t.rows.len() <= KEEP_TOGETHER_ROWS;
        let half = sz * 10 / 2;
        for (r, (row, measures)) in t.rows.iter().zip(&measured).enumerate() {
            let keep_next = row.header || (short && r + 1 < t.rows.len());
            out.push_str("<w:tr><w:trPr><w:cantSplit/>");
            if row.header {
                out.push_str("<w:tblHeader/>");
            }
            out.push_str("</w:trPr>");
            for (c, cell) in row.cells.iter().enumerate() {
                let (w, start) = widths
                    .get(c)
                    .zip(cell_starts.get(c))
                    .map_or((0, beyond.as_str()), |(&w, start)| (w, start.as_str()));
                out.push_str(start);
                let jc = if row.header {
                    1
                } else {
                    match t.aligns.get(c) {
                        Some(Align::Right) => 2,
                        Some(Align::Center) => 1,
                        _ => 0,
                    }
                };
                out.push_str(&pprs[jc][usize::from(keep_next)]);
                // Only a header cell too wide for its column is split.
                let whole = measures.get(c).map_or(0, |m| m.whole);
                let split = row.header && whole * half + 2 * CELL_MARGIN > w;
                match split.then(|| split_header(cell)).flatten() {
                    Some((first, second)) => {
                        runs_xml(out, &first, &props, true);
                        runs_xml(out, &[Run::Break], &props, true);
                        runs_xml(out, &second, &props, true);
                    }
                    None => runs_xml(out, cell, &props, row.header),
                }
                out.push_str("</w:p></w:tc>");
            }
            out.push_str("</w:tr>");
            row_done(out);
        }
        out.push_str("</w:tbl>");
    }
}
