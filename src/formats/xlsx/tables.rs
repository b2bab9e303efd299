//! The tables of a report's Markdown, each with the heading it stands
//! under, and the typed value of every cell: what the xlsx writer needs.

use chrono::NaiveDate;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::{Cell, Sheet, Table, Value};

/// The document title (the first level-1 heading) and every table with
/// the nearest heading above it (the title when there is none).
pub fn read(markdown: &str) -> (String, Vec<Sheet>) {
    let mut title: Option<String> = None;
    let mut heading = String::new();
    let mut text = String::new();
    let mut sheets = Vec::new();
    let mut table: Option<Table> = None;
    let mut row: Vec<Cell> = Vec::new();
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading { .. } | Tag::TableCell) => text.clear(),
            Event::End(TagEnd::Heading(level)) => {
                heading = text.split_whitespace().collect::<Vec<_>>().join(" ");
                if level == HeadingLevel::H1 && title.is_none() {
                    title = Some(heading.clone());
                }
            }
            Event::Start(Tag::Table(_)) => {
                table = Some(Table {
                    header: Vec::new(),
                    rows: Vec::new(),
                })
            }
            Event::End(TagEnd::TableCell) => row.push(cell(text.trim())),
            Event::End(TagEnd::TableHead) => {
                if let Some(table) = table.as_mut() {
                    table.header = std::mem::take(&mut row);
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let Some(table) = table.as_mut() {
                    table.rows.push(std::mem::take(&mut row));
                }
            }
            Event::End(TagEnd::Table) => sheets.extend(table.take().map(|table| Sheet {
                heading: heading.clone(),
                table,
            })),
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    (title.unwrap_or_default(), sheets)
}

fn cell(text: &str) -> Cell {
    Cell {
        text: text.to_owned(),
        value: value(text),
    }
}

/// What a cell's whole text is: a number (`1,234`, `-3.5`), a percentage
/// (`87.5%`), a date (`2024-04-18`, `2024年4月18日`) or text.
pub fn value(text: &str) -> Value {
    if let Some(n) = text.strip_suffix('%').and_then(number) {
        return Value::Percent(n / 100.0);
    }
    if let Some(n) = number(text) {
        return Value::Number(n);
    }
    date(text).map_or(Value::Text, Value::Date)
}

fn number(text: &str) -> Option<f64> {
    let digits = text.replace(',', "");
    let plain = !digits.is_empty()
        && digits
            .trim_start_matches('-')
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.')
        && digits
            .trim_start_matches('-')
            .starts_with(|c: char| c.is_ascii_digit());
    plain
        .then(|| digits.parse().ok())
        .flatten()
        .filter(|n: &f64| n.is_finite())
}

fn date(text: &str) -> Option<NaiveDate> {
    if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Some(day);
    }
    let (year, rest) = text.split_once('年')?;
    let (month, rest) = rest.split_once('月')?;
    let day = rest.strip_suffix('日')?;
    let all_digits = [year, month, day]
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    if !all_digits {
        return None;
    }
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_cells_by_their_whole_text() {
        assert_eq!(value("1,234"), Value::Number(1234.0));
        assert_eq!(value("-3.5"), Value::Number(-3.5));
        assert_eq!(value("87.5%"), Value::Percent(0.875));
        assert_eq!(
            value("2024年4月18日"),
            Value::Date(NaiveDate::from_ymd_opt(2024, 4, 18).unwrap())
        );
        assert_eq!(
            value("2024-04-18"),
            Value::Date(NaiveDate::from_ymd_opt(2024, 4, 18).unwrap())
        );
        for text in ["逾期169天", "—", "", "2024年2月30日", "1.2.3", "-", "第1名"] {
            assert_eq!(value(text), Value::Text, "{text}");
        }
    }

    #[test]
    fn each_table_under_its_heading() {
        let (title, sheets) = read(
            "# 台账\n\n说明\n\n| 单位 | 率 |\n| --- | ---: |\n| 雷畈村 | 81.8% |\n\n## 一、结果\n\n| A |\n| --- |\n| **1** |\n",
        );
        assert_eq!(title, "台账");
        assert_eq!(sheets.len(), 2);
        assert_eq!(sheets[0].heading, "台账");
        assert_eq!(sheets[0].table.header[1].text, "率");
        assert_eq!(sheets[0].table.rows[0][1].value, Value::Percent(0.818));
        assert_eq!(sheets[1].heading, "一、结果");
        assert_eq!(sheets[1].table.rows[0][0].value, Value::Number(1.0));
    }
}
