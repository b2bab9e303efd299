//! Finding the columns of a spreadsheet by their headers, in Chinese or
//! English, with the variants offices use (单位/单位名称/unit …).

use crate::diagnostic::{Diagnostic, Severity, suggest};
use crate::i18n::Message;

use super::ImportKind;
use super::sheet::{Cell, Table, column_letters};

/// A record field a column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The unit (id, full name or short name).
    Unit,
    /// The inspection's date.
    Date,
    /// The inspection team.
    Team,
    /// How the inspection was held.
    Kind,
    /// The problem found.
    Issue,
    /// How serious it is.
    Severity,
    /// The rectification required.
    Action,
    /// The deadline (of a finding or a pledge item).
    Due,
    /// The status (of a finding or a pledge item).
    Status,
    /// The day a finding was closed.
    Closed,
    /// Who answers for the rectification.
    Responsible,
    /// What was done to rectify it.
    Result,
    /// Whether the finding is a 一票否决 matter.
    Veto,
    /// The member who pledged.
    Person,
    /// The day a pledge was made.
    Made,
    /// What was pledged.
    Text,
    /// The day a pledge item was fulfilled.
    Done,
}

/// A field, whether a sheet must have it, and the headers that name it
/// (compared without spaces, brackets' contents or ASCII case).
struct Spec {
    field: Field,
    required: bool,
    headers: &'static [&'static str],
}

const INSPECTIONS: &[Spec] = &[
    spec(
        Field::Unit,
        true,
        &["单位", "单位名称", "被检查单位", "责任单位", "unit"],
    ),
    spec(
        Field::Date,
        true,
        &[
            "检查日期",
            "检查时间",
            "督查日期",
            "督查时间",
            "发现时间",
            "date",
            "inspected",
        ],
    ),
    spec(
        Field::Team,
        false,
        &["检查组", "督查组", "检查单位", "team"],
    ),
    spec(
        Field::Kind,
        false,
        &["检查方式", "检查类型", "督查方式", "kind"],
    ),
    spec(
        Field::Issue,
        true,
        &[
            "问题",
            "存在问题",
            "发现问题",
            "问题描述",
            "问题清单",
            "issue",
            "problem",
        ],
    ),
    spec(
        Field::Severity,
        false,
        &["严重程度", "问题等级", "问题性质", "severity"],
    ),
    spec(
        Field::Action,
        false,
        &["整改措施", "整改要求", "action", "actionrequired"],
    ),
    spec(
        Field::Due,
        false,
        &["整改时限", "完成时限", "整改期限", "due", "deadline"],
    ),
    spec(
        Field::Status,
        true,
        &["整改状态", "是否整改", "整改进度", "status"],
    ),
    spec(
        Field::Closed,
        false,
        &["销号日期", "销号时间", "整改完成日期", "closed"],
    ),
    spec(
        Field::Responsible,
        false,
        &["责任人", "整改责任人", "responsible"],
    ),
    spec(
        Field::Result,
        false,
        &["整改情况", "整改结果", "完成情况", "result"],
    ),
    spec(Field::Veto, false, &["一票否决", "是否一票否决", "veto"]),
];

const PLEDGES: &[Spec] = &[
    spec(
        Field::Unit,
        true,
        &["承诺主体", "单位", "单位名称", "承诺单位", "unit"],
    ),
    spec(
        Field::Person,
        false,
        &["承诺人", "姓名", "党员姓名", "person", "member"],
    ),
    spec(
        Field::Made,
        true,
        &["承诺日期", "承诺时间", "日期", "made", "date"],
    ),
    spec(
        Field::Text,
        true,
        &["承诺事项", "承诺内容", "事项", "text", "pledge", "item"],
    ),
    spec(
        Field::Due,
        false,
        &["完成时限", "计划完成时间", "时限", "due", "deadline"],
    ),
    spec(
        Field::Status,
        true,
        &["完成情况", "完成状态", "兑现情况", "状态", "status"],
    ),
    spec(
        Field::Done,
        false,
        &["完成日期", "兑现日期", "实际完成时间", "done"],
    ),
];

const fn spec(field: Field, required: bool, headers: &'static [&'static str]) -> Spec {
    Spec {
        field,
        required,
        headers,
    }
}

/// Where the columns of a sheet are.
#[derive(Debug, Clone, PartialEq)]
pub struct Columns {
    /// Index in `Table::rows` of the header row.
    pub header_row: usize,
    /// Each recognised field with its 0-based column and header text.
    pub found: Vec<(Field, usize, String)>,
    /// Headers that name no field, as `B (序号)`, for the user to see.
    pub ignored: Vec<String>,
}

impl Columns {
    /// The column and header of `field`, when the sheet has it.
    pub fn get(&self, field: Field) -> Option<(usize, &str)> {
        self.found
            .iter()
            .find(|(f, _, _)| *f == field)
            .map(|(_, column, header)| (*column, header.as_str()))
    }
}

/// How many rows at the top may hold a title and notes above the header.
const HEADER_SEARCH: usize = 10;

/// Finds the header row (the one among the first rows naming the most
/// fields) and the column of every field. Errors name the missing columns
/// with the headers that would do, and a near header when there is one.
pub fn find(table: &Table, kind: ImportKind) -> Result<Columns, Vec<Diagnostic>> {
    let specs = match kind {
        ImportKind::Pledges => PLEDGES,
        ImportKind::Inspections => INSPECTIONS,
    };
    let best = table
        .rows
        .iter()
        .take(HEADER_SEARCH)
        .enumerate()
        .map(|(i, row)| (i, match_row(specs, &row.cells)))
        .max_by_key(|(i, (found, _))| (found.len(), std::cmp::Reverse(*i)));
    let Some((header_row, (found, ignored))) = best.filter(|(_, (f, _))| f.len() >= 2) else {
        return Err(vec![no_header(table, specs)]);
    };
    let row = &table.rows[header_row];
    let mut errors = duplicates(table, row.number, &found);
    for spec in specs.iter().filter(|s| s.required) {
        if !found.iter().any(|(f, _, _)| *f == spec.field) {
            errors.push(missing(table, row.number, spec, &ignored));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Columns {
        header_row,
        ignored: ignored
            .iter()
            .map(|(column, header)| format!("{} ({header})", column_letters(*column)))
            .collect(),
        found,
    })
}

type Matched = (Vec<(Field, usize, String)>, Vec<(usize, String)>);

fn match_row(specs: &[Spec], cells: &[Cell]) -> Matched {
    let mut found = Vec::new();
    let mut ignored = Vec::new();
    for (column, cell) in cells.iter().enumerate() {
        let Cell::Text(text) = cell else { continue };
        let header = text.trim();
        if header.is_empty() {
            continue;
        }
        let key = normalise(header);
        match specs.iter().find(|s| s.headers.contains(&key.as_str())) {
            Some(spec) => found.push((spec.field, column, header.to_owned())),
            None => ignored.push((column, header.to_owned())),
        }
    }
    (found, ignored)
}

/// A header as compared: no white space (ASCII or full-width), no
/// bracketed note (`整改时限（日期）`), no `*` marking a required column,
/// ASCII lower case.
fn normalise(header: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in header.chars() {
        match c {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth = depth.saturating_sub(1),
            c if depth > 0 || c.is_whitespace() || c == '*' || c == '＊' => {}
            c => out.push(c.to_ascii_lowercase()),
        }
    }
    out
}

fn no_header(table: &Table, specs: &[Spec]) -> Diagnostic {
    let headers: Vec<String> = specs
        .iter()
        .filter(|s| s.required)
        .map(|s| s.headers[0].to_owned())
        .collect();
    let message = match &table.sheet {
        Some(sheet) => Message::ImportNoHeaderInSheet {
            rows: HEADER_SEARCH,
            sheet: sheet.clone(),
        },
        None => Message::ImportNoHeader {
            rows: HEADER_SEARCH,
        },
    };
    Diagnostic::file(Severity::Error, &table.file, message)
        .with_help(Some(Message::HintImportHeader { headers }))
}

fn missing(table: &Table, row: usize, spec: &Spec, ignored: &[(usize, String)]) -> Diagnostic {
    let near = suggest::closest(
        spec.headers[0],
        ignored.iter().map(|(_, header)| header.as_str()),
    );
    let headers = Message::HintImportColumnHeaders {
        headers: spec.headers.iter().map(|h| (*h).to_owned()).collect(),
    };
    let hint = match near {
        Some(near) => Message::HintImportColumnNear {
            near: near.to_owned(),
            rest: headers.boxed(),
        },
        None => headers,
    };
    let message = Message::ImportMissingColumn {
        place: table.place(row).boxed(),
        header: spec.headers[0].to_owned(),
        field: field_name(spec.field).boxed(),
    };
    Diagnostic::file(Severity::Error, &table.file, message).with_help(Some(hint))
}

fn duplicates(table: &Table, row: usize, found: &[(Field, usize, String)]) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for (i, (field, column, header)) in found.iter().enumerate() {
        if let Some((_, first, first_header)) = found[..i].iter().find(|(f, _, _)| f == field) {
            let message = Message::ImportDuplicateColumn {
                place: table.place(row).boxed(),
                first: column_letters(*first),
                first_header: first_header.clone(),
                second: column_letters(*column),
                second_header: header.clone(),
                field: field_name(*field).boxed(),
            };
            errors.push(
                Diagnostic::file(Severity::Error, &table.file, message)
                    .with_help(Some(Message::HintImportDuplicateColumn)),
            );
        }
    }
    errors
}

/// The record field a column fills, as messages call it (its key in the
/// records, or its Chinese name).
pub fn field_name(field: Field) -> Message {
    let key = match field {
        Field::Unit => "unit",
        Field::Date => "date",
        Field::Team => "team",
        Field::Kind => "kind",
        Field::Issue => "issue",
        Field::Severity => "severity",
        Field::Action => "action",
        Field::Due => "due",
        Field::Status => "status",
        Field::Closed => "closed",
        Field::Responsible => "responsible",
        Field::Result => "result",
        Field::Veto => "veto",
        Field::Person => "person",
        Field::Made => "made",
        Field::Text => "text",
        Field::Done => "done",
    };
    Message::ImportField {
        field: key.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::import::sheet::Row;

    fn table(rows: &[&[&str]]) -> Table {
        Table {
            file: "t.csv".into(),
            sheet: None,
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, cells)| Row {
                    number: i + 1,
                    cells: cells.iter().map(|c| Cell::Text((*c).into())).collect(),
                })
                .collect(),
            encoding: None,
        }
    }

    #[test]
    fn finds_the_header_under_a_title_row() {
        let t = table(&[
            &["青石镇2024年整改台账"],
            &[
                "序号",
                "单位名称",
                "督查时间",
                "存在问题",
                "是否整改",
                "整改时限（日期）",
            ],
        ]);
        let columns = find(&t, ImportKind::Inspections).unwrap();
        assert_eq!(columns.header_row, 1);
        assert_eq!(columns.get(Field::Unit), Some((1, "单位名称")));
        assert_eq!(columns.get(Field::Due), Some((5, "整改时限（日期）")));
        assert_eq!(columns.ignored, ["A (序号)"]);
    }

    #[test]
    fn english_headers_in_any_case() {
        let t = table(&[&["Unit", "Date", "Issue", "Status", "Action required"]]);
        let columns = find(&t, ImportKind::Inspections).unwrap();
        assert_eq!(columns.get(Field::Action), Some((4, "Action required")));
    }

    #[test]
    fn a_missing_column_suggests_a_near_header() {
        let t = table(&[&["单位", "检查日期", "问题", "整改状况"]]);
        let errors = find(&t, ImportKind::Inspections).unwrap_err();
        assert_eq!(errors.len(), 1);
        let en = |m: &Message| m.text(crate::i18n::Lang::En);
        assert_eq!(
            en(&errors[0].message),
            "row 1: no column for 整改状态 (status)"
        );
        assert_eq!(
            errors[0].help.as_deref().map(en).as_deref(),
            Some(
                "did you mean the column `整改状况`? a header of 整改状态, 是否整改, 整改进度, status names it"
            )
        );
    }
}
