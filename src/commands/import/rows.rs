//! Every data row read and checked, then grouped into records as an office
//! would: one inspection per unit and date, one pledge per unit, person and
//! date. Every problem of every row is collected before anything is written.

use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, Severity};
use crate::i18n::Message;
use crate::records::model::{
    Date, Finding, FindingStatus, InspectionKind, PledgeItem, PledgeStatus, Unit,
};

use super::columns::{Columns, Field};
use super::sheet::{Row, Table, column_letters};
use super::values::{self, Bad, Read};

/// A record made from some rows, with the rows' numbers for messages.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft<T> {
    /// The record's content.
    pub record: T,
    /// The sheet rows it was made from, in order.
    pub rows: Vec<usize>,
}

/// An inspection as read from a 整改台账.
#[derive(Debug, Clone, PartialEq)]
pub struct InspectionDraft {
    /// The unit's id.
    pub unit: String,
    /// The day of the inspection.
    pub date: Date,
    /// The inspection team.
    pub team: Option<String>,
    /// How it was held, when the sheet says.
    pub kind: Option<InspectionKind>,
    /// One finding a row that names a problem.
    pub findings: Vec<Finding>,
}

/// A pledge as read from a 承诺事项 list.
#[derive(Debug, Clone, PartialEq)]
pub struct PledgeDraft {
    /// The unit's id.
    pub unit: String,
    /// The member, for a member's pledge.
    pub person: Option<String>,
    /// When the pledge was made.
    pub made: Date,
    /// One item a row.
    pub items: Vec<PledgeItem>,
}

/// Reads the cells of data rows and collects what is wrong with them.
struct RowReader<'a> {
    table: &'a Table,
    columns: &'a Columns,
    units: &'a [Unit],
    errors: Vec<Diagnostic>,
}

impl RowReader<'_> {
    /// The field's value in `row`: `None` when the column is absent, the
    /// cell is empty, or the value is wrong (then the error is recorded).
    fn get<T>(
        &mut self,
        row: &Row,
        field: Field,
        read: impl Fn(&super::sheet::Cell) -> Read<T>,
    ) -> Option<T> {
        let (column, _) = self.columns.get(field)?;
        match read(row.cell(column)) {
            Ok(value) => value,
            Err(bad) => {
                self.error(row, field, bad);
                None
            }
        }
    }

    /// Like [`get`](Self::get) for a field every row needs: an empty cell
    /// is an error too.
    fn need<T>(
        &mut self,
        row: &Row,
        field: Field,
        read: impl Fn(&super::sheet::Cell) -> Read<T>,
    ) -> Option<T> {
        let before = self.errors.len();
        let value = self.get(row, field, read);
        if value.is_none() && self.errors.len() == before {
            let name = super::columns::field_name(field);
            self.error(
                row,
                field,
                Bad {
                    message: Message::ImportMissingValue {
                        field: name.clone().boxed(),
                    }
                    .boxed(),
                    help: Some(
                        Message::HintImportMissingValue {
                            field: name.boxed(),
                        }
                        .boxed(),
                    ),
                },
            );
        }
        value
    }

    fn unit(&mut self, row: &Row) -> Option<String> {
        let units = self.units;
        self.need(row, Field::Unit, |cell| values::unit(cell, units))
    }

    fn error(&mut self, row: &Row, field: Field, bad: Bad) {
        let (column, header) = self.columns.get(field).unwrap_or((0, ""));
        let message = Message::ImportCell {
            place: self.table.place(row.number).boxed(),
            column: column_letters(column),
            header: header.to_owned(),
            message: bad.message,
        };
        self.errors.push(
            Diagnostic::file(Severity::Error, &self.table.file, message)
                .with_help(bad.help.map(|h| *h)),
        );
    }

    /// Records a value shared by the rows of one record; a later row that
    /// gives another value is an error.
    fn shared<T: PartialEq + std::fmt::Debug>(
        &mut self,
        row: &Row,
        field: Field,
        kept: &mut Option<T>,
        new: Option<T>,
        first_row: usize,
    ) {
        match (kept.as_ref(), new) {
            (_, None) => {}
            (None, new) => *kept = new,
            (Some(old), Some(new)) if *old == new => {}
            (Some(_), Some(_)) => self.error(
                row,
                field,
                Bad {
                    message: Message::ImportConflictingRows {
                        first_row,
                        field: super::columns::field_name(field).boxed(),
                    }
                    .boxed(),
                    help: Some(Message::HintImportConflictingRows.boxed()),
                },
            ),
        }
    }
}

/// The data rows of a sheet: those under the header row, blank ones left out.
pub fn data<'a>(table: &'a Table, columns: &Columns) -> impl Iterator<Item = &'a Row> + use<'a> {
    table.rows[columns.header_row + 1..]
        .iter()
        .filter(|r| !r.is_blank())
}

/// Reads every row of a 整改台账 and groups them into inspections, by date
/// then unit id. Any error of any row is returned instead.
pub fn inspections(
    table: &Table,
    columns: &Columns,
    units: &[Unit],
) -> Result<Vec<Draft<InspectionDraft>>, Vec<Diagnostic>> {
    let mut reader = RowReader {
        table,
        columns,
        units,
        errors: Vec::new(),
    };
    let mut groups: BTreeMap<(Date, String), Draft<InspectionDraft>> = BTreeMap::new();
    for row in data(table, columns) {
        let unit = reader.unit(row);
        let date = reader.need(row, Field::Date, values::date);
        let (team, kind) = team_and_kind(&mut reader, row);
        let finding = finding(&mut reader, row);
        let (Some(unit), Some(date)) = (unit, date) else {
            continue;
        };
        let draft = groups.entry((date, unit.clone())).or_insert_with(|| Draft {
            record: InspectionDraft {
                unit,
                date,
                team: None,
                kind: None,
                findings: Vec::new(),
            },
            rows: Vec::new(),
        });
        let first = draft.rows.first().copied().unwrap_or(row.number);
        reader.shared(row, Field::Team, &mut draft.record.team, team, first);
        reader.shared(row, Field::Kind, &mut draft.record.kind, kind, first);
        draft.rows.push(row.number);
        draft.record.findings.extend(finding);
    }
    finish(reader.errors, groups.into_values().collect())
}

/// The team and the kind of a row. A ledger without a team prints the
/// inspection's kind in the team column (定期督查 …): such a cell is the kind.
fn team_and_kind(reader: &mut RowReader, row: &Row) -> (Option<String>, Option<InspectionKind>) {
    let team = reader.get(row, Field::Team, values::text);
    let kind = reader.get(row, Field::Kind, values::choice::<InspectionKind>);
    let team_as_kind = team
        .as_ref()
        .and_then(|t| values::choice::<InspectionKind>(&super::sheet::Cell::Text(t.clone())).ok())
        .flatten();
    match team_as_kind {
        Some(k) => (None, kind.or(Some(k))),
        None => (team, kind),
    }
}

/// The finding of one row; `None` for a row that names no problem (an
/// inspection that found nothing) or whose finding has an error.
fn finding(reader: &mut RowReader, row: &Row) -> Option<Finding> {
    let issue = reader.get(row, Field::Issue, values::text);
    let severity = reader.get(row, Field::Severity, values::choice);
    let action = reader.get(row, Field::Action, values::text);
    let due = reader.get(row, Field::Due, values::date);
    let closed = reader.get(row, Field::Closed, values::date);
    let responsible = reader.get(row, Field::Responsible, values::text);
    let result = reader.get(row, Field::Result, values::text);
    let veto_column = reader.get(row, Field::Veto, values::yes_no);
    let rest_given = severity.is_some() || action.is_some() || due.is_some() || closed.is_some();
    if issue.is_none() && !rest_given && reader.get(row, Field::Status, values::text).is_none() {
        return None;
    }
    let issue = reader.need(row, Field::Issue, values::text);
    let status: Option<FindingStatus> = reader.need(row, Field::Status, values::finding_status);
    let (issue, marked) = values::veto_mark(issue?);
    Some(Finding {
        issue,
        severity: severity.unwrap_or(crate::records::model::Severity::Minor),
        action,
        due,
        status: status?,
        closed,
        responsible,
        result,
        veto: marked || veto_column == Some(true),
    })
}

/// Reads every row of a 承诺事项 list and groups them into pledges, by
/// date, unit id, then person. Any error of any row is returned instead.
pub fn pledges(
    table: &Table,
    columns: &Columns,
    units: &[Unit],
) -> Result<Vec<Draft<PledgeDraft>>, Vec<Diagnostic>> {
    let mut reader = RowReader {
        table,
        columns,
        units,
        errors: Vec::new(),
    };
    let mut groups: BTreeMap<(Date, String, Option<String>), Draft<PledgeDraft>> = BTreeMap::new();
    for row in data(table, columns) {
        let unit = reader.unit(row);
        let person = reader.get(row, Field::Person, values::text);
        let made = reader.need(row, Field::Made, values::date);
        let item = pledge_item(&mut reader, row);
        let (Some(unit), Some(made), Some(item)) = (unit, made, item) else {
            continue;
        };
        let key = (made, unit.clone(), person.clone());
        let draft = groups.entry(key).or_insert_with(|| Draft {
            record: PledgeDraft {
                unit,
                person,
                made,
                items: Vec::new(),
            },
            rows: Vec::new(),
        });
        draft.rows.push(row.number);
        draft.record.items.push(item);
    }
    finish(reader.errors, groups.into_values().collect())
}

fn pledge_item(reader: &mut RowReader, row: &Row) -> Option<PledgeItem> {
    let text = reader.need(row, Field::Text, values::text);
    let due = reader.get(row, Field::Due, values::date);
    let status: Option<PledgeStatus> = reader.need(row, Field::Status, values::choice);
    let done = reader.get(row, Field::Done, values::date);
    Some(PledgeItem {
        text: text?,
        due,
        status: status?,
        done,
    })
}

fn finish<T>(errors: Vec<Diagnostic>, drafts: Vec<T>) -> Result<Vec<T>, Vec<Diagnostic>> {
    if errors.is_empty() {
        Ok(drafts)
    } else {
        Err(errors)
    }
}
