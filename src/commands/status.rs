//! `annals status`: what needs attention on a given day — open and overdue
//! rectifications, pledge items falling due, and each unit's rates — as
//! aligned terminal tables or as JSON.

use std::collections::HashMap;
use std::fmt::Write as _;

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::compute::figures::{inspection_figures, pledge_figures};
use crate::compute::period::{Period, YearView, open_on, overdue_on, unfulfilled};
use crate::i18n::{Lang, Message};
use crate::records::model::{Date, Records};

/// How far ahead pledge items count as falling due.
pub const DUE_SOON_DAYS: i64 = 30;

/// The overview of one day.
#[derive(Debug, Serialize)]
pub struct Status<'a> {
    /// The reporting year.
    pub year: i32,
    /// The day.
    pub as_of: Date,
    /// Findings open on the day, overdue ones first (most days first).
    pub open_findings: Vec<OpenFinding<'a>>,
    /// Pledge items not done, due within [`DUE_SOON_DAYS`] days of the day.
    pub due_soon: Vec<DueItem<'a>>,
    /// Every unit's rates, in roster order.
    pub units: Vec<UnitRates<'a>>,
}

/// A finding still open.
#[derive(Debug, Serialize)]
pub struct OpenFinding<'a> {
    /// Unit id.
    pub unit: &'a str,
    /// Unit short name.
    pub unit_name: &'a str,
    /// Inspection date.
    pub date: Date,
    /// What was found.
    pub issue: &'a str,
    /// Deadline.
    pub due: Option<Date>,
    /// Days past the deadline (0 when not overdue).
    pub days_overdue: i64,
}

/// A pledge item falling due.
#[derive(Debug, Serialize)]
pub struct DueItem<'a> {
    /// Unit id.
    pub unit: &'a str,
    /// Unit short name.
    pub unit_name: &'a str,
    /// The member, if a member's pledge.
    pub person: Option<&'a str>,
    /// What was pledged.
    pub text: &'a str,
    /// The deadline.
    pub due: Date,
    /// Days left.
    pub days_left: i64,
}

/// One unit's rates on the day.
#[derive(Debug, Serialize)]
pub struct UnitRates<'a> {
    /// Unit id.
    pub unit: &'a str,
    /// Unit short name.
    pub unit_name: &'a str,
    /// Items counted (not dropped).
    pub items: usize,
    /// Items done.
    pub done: usize,
    /// done ÷ items, percent.
    pub fulfilment: Option<f64>,
    /// Findings of the year.
    pub findings: usize,
    /// Findings still open.
    pub open: usize,
    /// Rectified ÷ findings, percent.
    pub rectification: Option<f64>,
}

/// The overview of `period.as_of` over the records of `period.year`.
pub fn status(records: &Records, period: Period) -> Status<'_> {
    let view = YearView::new(records, period);
    let as_of = period.as_of;
    // Each finding and item names its unit: looked up by id (the first
    // unit of an id, as a search would find), not by going through every
    // unit for each, which took nearly two seconds at 25 000 units.
    let mut names: HashMap<&str, &str> = HashMap::with_capacity(records.units.len());
    for unit in records.units.iter().rev() {
        names.insert(&unit.id, unit.short_name());
    }
    let name = |id: &str| names.get(id).copied().unwrap_or("");
    let mut open_findings: Vec<OpenFinding> = view
        .inspections
        .iter()
        .flat_map(|i| i.findings.iter().map(move |f| (i, f)))
        .filter(|(_, f)| open_on(f, as_of))
        .map(|(i, f)| OpenFinding {
            unit: &i.unit.id,
            unit_name: name(&i.unit.id),
            date: i.date,
            issue: &f.issue,
            due: f.due,
            days_overdue: match f.due {
                Some(due) if overdue_on(f, as_of) => (as_of - due).num_days(),
                _ => 0,
            },
        })
        .collect();
    open_findings.sort_by_key(|f| std::cmp::Reverse(f.days_overdue));
    let mut due_soon: Vec<DueItem> = view
        .pledges
        .iter()
        .flat_map(|p| p.items.iter().map(move |i| (p, i)))
        .filter(|(_, i)| unfulfilled(i))
        .filter_map(|(p, i)| {
            let due = i.due?;
            let days_left = (due - as_of).num_days();
            (0..=DUE_SOON_DAYS).contains(&days_left).then_some(DueItem {
                unit: &p.unit.id,
                unit_name: name(&p.unit.id),
                person: p.person.as_deref(),
                text: &i.text,
                due,
                days_left,
            })
        })
        .collect();
    due_soon.sort_by_key(|d| d.days_left);
    let by_unit = view.by_unit();
    let nothing = YearView::empty(period);
    let units = records
        .units
        .iter()
        .map(|u| {
            let mine = by_unit.get(u.id.as_str()).unwrap_or(&nothing);
            let p = pledge_figures(mine);
            let i = inspection_figures(mine);
            UnitRates {
                unit: &u.id,
                unit_name: u.short_name(),
                items: p.counted,
                done: p.done,
                fulfilment: p.rate,
                findings: i.findings,
                open: i.open,
                rectification: i.rate,
            }
        })
        .collect();
    Status {
        year: period.year,
        as_of,
        open_findings,
        due_soon,
        units,
    }
}

/// Text styles for the terminal; all empty when colour is off.
struct Style {
    bold: &'static str,
    red: &'static str,
    yellow: &'static str,
    reset: &'static str,
}

impl Style {
    fn new(color: bool) -> Style {
        if color {
            Style {
                bold: "\x1b[1m",
                red: "\x1b[31m",
                yellow: "\x1b[33m",
                reset: "\x1b[0m",
            }
        } else {
            Style {
                bold: "",
                red: "",
                yellow: "",
                reset: "",
            }
        }
    }
}

/// The overview as text in `lang` for a terminal of `width` columns,
/// coloured when `color` is on.
pub fn render(status: &Status, width: usize, color: bool, lang: Lang) -> String {
    use Message::*;
    let s = Style::new(color);
    let t = |message: Message| message.text(lang);
    let mut out = String::new();
    let mut section = |heading: String, header: &[Message], rows: &[Row]| {
        let _ = writeln!(out, "\n{}{heading}{}", s.bold, s.reset);
        let header: Vec<String> = header.iter().map(|h| h.text(lang)).collect();
        table(&mut out, &header, rows, width, &s, &t(StatusNone));
    };
    let overdue = status
        .open_findings
        .iter()
        .filter(|f| f.days_overdue > 0)
        .count();
    section(
        t(StatusOpen {
            count: status.open_findings.len(),
            overdue,
        }),
        &[ColumnUnit, ColumnDue, ColumnOverdue, ColumnIssue],
        &open_rows(&status.open_findings, &s, lang),
    );
    section(
        t(StatusDueSoon {
            days: DUE_SOON_DAYS,
            count: status.due_soon.len(),
        }),
        &[ColumnUnit, ColumnDue, ColumnLeft, ColumnItem],
        &due_soon_rows(&status.due_soon, &s, lang),
    );
    section(
        t(StatusUnits),
        &[
            ColumnUnit,
            ColumnDone,
            ColumnFulfilment,
            ColumnOpen,
            ColumnRectified,
        ],
        &unit_rows(&status.units),
    );
    let title = t(StatusTitle {
        date: status.as_of.to_string(),
        year: status.year,
    });
    format!("{}{title}{}\n{out}", s.bold, s.reset)
}

/// A row of a status table: its cells and the colour it is printed in.
type Row = (Vec<String>, &'static str);

/// The open findings, overdue ones in red.
fn open_rows(findings: &[OpenFinding], s: &Style, lang: Lang) -> Vec<Row> {
    findings
        .iter()
        .map(|f| {
            let colour = if f.days_overdue > 0 { s.red } else { "" };
            let late = if f.days_overdue > 0 {
                Message::StatusDays {
                    days: f.days_overdue,
                }
                .text(lang)
            } else {
                "-".to_owned()
            };
            let due = f.due.map_or("-".to_owned(), |d| d.to_string());
            (
                vec![f.unit_name.to_owned(), due, late, f.issue.to_owned()],
                colour,
            )
        })
        .collect()
}

/// The pledge items due soon, those due within a week in yellow.
fn due_soon_rows(items: &[DueItem], s: &Style, lang: Lang) -> Vec<Row> {
    items
        .iter()
        .map(|d| {
            let who = match d.person {
                Some(person) => format!("{} {person}", d.unit_name),
                None => d.unit_name.to_owned(),
            };
            let colour = if d.days_left <= 7 { s.yellow } else { "" };
            let left = Message::StatusDays { days: d.days_left }.text(lang);
            (
                vec![who, d.due.to_string(), left, d.text.to_owned()],
                colour,
            )
        })
        .collect()
}

/// Every unit's fulfilment and rectification rates.
fn unit_rows(units: &[UnitRates]) -> Vec<Row> {
    let percent = |x: Option<f64>| x.map_or("-".to_owned(), |x| format!("{x:.1}%"));
    units
        .iter()
        .map(|u| {
            (
                vec![
                    u.unit_name.to_owned(),
                    format!("{}/{}", u.done, u.items),
                    percent(u.fulfilment),
                    format!("{}", u.open),
                    percent(u.rectification),
                ],
                "",
            )
        })
        .collect()
}

/// The narrowest the last column of a table is cut to.
const MIN_LAST_COLUMN: usize = 10;

/// Writes an aligned table of at most `width` display columns: the last
/// column is cut to fit, and the first (the unit's name) when the others
/// leave too little room.
fn table(
    out: &mut String,
    header: &[String],
    rows: &[(Vec<String>, &str)],
    width: usize,
    s: &Style,
    none: &str,
) {
    if rows.is_empty() {
        let _ = writeln!(out, "  {none}");
        return;
    }
    let columns = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for (cells, _) in rows {
        for (w, cell) in widths.iter_mut().zip(cells) {
            *w = (*w).max(cell.width());
        }
    }
    let fixed = |widths: &[usize]| widths[..columns - 1].iter().map(|w| w + 2).sum::<usize>() + 2;
    let over = (fixed(&widths) + MIN_LAST_COLUMN).saturating_sub(width);
    widths[0] -= over.min(widths[0].saturating_sub(MIN_LAST_COLUMN));
    let room = width.saturating_sub(fixed(&widths)).max(MIN_LAST_COLUMN);
    widths[columns - 1] = widths[columns - 1].min(room);
    let line = |cells: &[String]| {
        let mut text = String::from("  ");
        for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            let cell = fit(cell, *w);
            if i + 1 == columns {
                text.push_str(&cell);
            } else {
                text.push_str(&cell);
                text.push_str(&" ".repeat(w - cell.width() + 2));
            }
        }
        text.trim_end().to_owned()
    };
    let _ = writeln!(out, "{}{}{}", s.bold, line(header), s.reset);
    for (cells, colour) in rows {
        let reset = if colour.is_empty() { "" } else { s.reset };
        let _ = writeln!(out, "{colour}{}{reset}", line(cells));
    }
}

/// `text` cut to `width` display columns, with "…" when cut. Control
/// characters from the records are shown as symbols (␛), never sent to the
/// terminal, where they could move the cursor or change its title.
fn fit(text: &str, width: usize) -> String {
    let text = &crate::diagnostic::visible(text);
    if text.width() <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + c.to_string().width() + 1 > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_wide_characters_by_display_width() {
        assert_eq!(fit("三会一课记录不完整", 9), "三会一课…");
        assert_eq!(fit("short", 9), "short");
        assert!(fit("三会一课记录不完整", 9).width() <= 9);
        assert_eq!(fit("\u{1b}]0;x\u{7}清屏", 20), "␛]0;x␇清屏");
    }
}
