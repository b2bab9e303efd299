//! From a parsed YAML [`Node`] to typed records (SPEC §1, §2), one function per
//! record kind. Problems local to one file (missing or unknown fields, wrong
//! types, bad dates and values, dates that look wrong) are found here;
//! problems across files (unit references) are found by [`crate::check`].

mod reader;
pub mod shape;

pub use reader::{PLACEHOLDERS, Problem, Reader};

use chrono::Datelike;

use crate::i18n::Message;
use crate::records::model::*;
use crate::records::yaml::Part;
use crate::records::yaml::{Node, YamlPath};

/// What a record file says beyond its YAML: where it is and its Markdown body.
pub struct Origin<'a> {
    /// The record's id (`2024/leifan`, `2024/members#3`).
    pub id: String,
    /// The file, relative to the root.
    pub file: &'a str,
    /// The Markdown body of a `.md` record, empty for YAML records.
    pub body: &'a str,
}

impl Origin<'_> {
    fn record_id(&self) -> RecordId {
        RecordId::new(&self.id, self.file)
    }
}

/// Reads annals.yaml.
pub fn config(r: &mut Reader, node: &Node) -> Option<Config> {
    let root = YamlPath::root();
    let f = r.fields(node, &root, &shape::CONFIG)?;
    let organisation = r.required(&f, "organisation", Reader::text);
    let year = r.required(&f, "year", year);
    let stated_locale = r.optional(&f, "locale", Reader::choice);
    let locale = stated_locale.unwrap_or(Locale::ZhCn);
    let title = r.optional(&f, "title", Reader::text);
    let signed = r.optional(&f, "signed", Reader::date);
    let as_of = r.optional(&f, "as_of", Reader::date);
    if let (Some(year), Some(day)) = (year, as_of)
        && day.year() != year
    {
        r.report(
            crate::diagnostic::Severity::Warning,
            &f.path.key("as_of"),
            Part::Value,
            Message::AsOfOutsideYear {
                day: day.to_string(),
                year,
            },
            Some(Message::HintAsOfYear {
                year,
                other: day.year(),
            }),
        );
    }
    let evaluation = r
        .optional(&f, "evaluation", |r, n, p| evaluation(r, n, p, locale))
        .unwrap_or_else(|| Evaluation::for_locale(locale));
    let reports = r
        .optional(&f, "reports", |r, n, p| r.list(n, p, report))
        .unwrap_or_default();
    let stamp = r.optional(&f, "stamp", Reader::flag).unwrap_or(false);
    let docx = r.optional(&f, "docx", docx_style).unwrap_or_default();
    let signature = r.optional(&f, "signature", Reader::text);
    let addressee = r.optional(&f, "addressee", Reader::text);
    let sealed = r.optional(&f, "sealed", Reader::flag).unwrap_or(false);
    let document = r.optional(&f, "document", document_furniture).map(Box::new);
    let kinds = r.optional(&f, "kinds", kinds).unwrap_or_default();
    Some(Config {
        stamp,
        docx,
        signature,
        addressee,
        sealed,
        document,
        kinds,
        organisation: organisation?,
        year: year?,
        locale,
        stated_locale,
        title,
        signed,
        as_of,
        evaluation,
        reports,
    })
}

fn year(r: &mut Reader, node: &Node, path: &YamlPath) -> Option<i32> {
    let value = r.int(node, path)?;
    match i32::try_from(value) {
        Ok(y) if YEARS.contains(&y) => Some(y),
        _ => {
            r.error(
                path,
                Message::NotAYear {
                    value: value.to_string(),
                },
                Some(Message::HintYearDigits),
            );
            None
        }
    }
}

fn evaluation(r: &mut Reader, node: &Node, path: &YamlPath, locale: Locale) -> Option<Evaluation> {
    let f = r.fields(node, path, &shape::EVALUATION)?;
    let mut e = Evaluation::for_locale(locale);
    if let Some(w) = f.get("weights") {
        let w = r.fields(w, &path.key("weights"), &shape::WEIGHTS)?;
        set(r, &w, "pledges", &mut e.weight_pledges);
        set(r, &w, "inspections", &mut e.weight_inspections);
        set(r, &w, "appraisal", &mut e.weight_appraisal);
        check_weights(r, &e, &path.key("weights"));
    }
    if let Some(d) = f.get("deductions") {
        let d = r.fields(d, &path.key("deductions"), &shape::DEDUCTIONS)?;
        set(r, &d, "minor", &mut e.deduction_minor);
        set(r, &d, "major", &mut e.deduction_major);
    }
    if let Some(b) = f.get("bonus") {
        let b = r.fields(b, &path.key("bonus"), &shape::BONUS)?;
        set(r, &b, "unit", &mut e.bonus_unit);
        set(r, &b, "member", &mut e.bonus_member);
        set(r, &b, "max", &mut e.bonus_max);
    }
    if let Some(grades) = r.optional(&f, "grades", |r, n, p| {
        r.non_empty_list(n, p, Message::OneGrade, grade)
    }) {
        let ordered = grades.windows(2).all(|w| w[0].min > w[1].min);
        let floor = grades.last().is_some_and(|g| g.min == 0.0);
        if ordered && !floor {
            r.error(&path.key("grades"), Message::GradesWithoutFloor, None);
        } else if ordered {
            if grades.last().is_some_and(|g| g.max_share.is_some()) {
                let last = path.key("grades").index(grades.len() - 1);
                r.error(
                    &last.key("max_share"),
                    Message::MaxShareOnLowest,
                    Some(Message::HintMaxShareOnLowest),
                );
            }
            e.grades = grades;
        } else {
            r.error(&path.key("grades"), Message::GradesOutOfOrder, None);
        }
    }
    if let Some(name) = r.optional(&f, "veto_grade", Reader::text) {
        if e.grades.iter().any(|g| g.name == name) {
            e.veto_grade = Some(name);
        } else {
            let names: Vec<String> = e.grades.iter().map(|g| g.name.clone()).collect();
            r.error(
                &path.key("veto_grade"),
                Message::UnknownVetoGrade { name: name.clone() },
                Some(Message::HintGrades { names }),
            );
        }
    }
    Some(e)
}

/// Reads `kinds:`, the labels of unit kinds (`village: 村党支部`).
fn kinds(r: &mut Reader, node: &Node, path: &YamlPath) -> Option<Vec<(String, String)>> {
    let Node::Map(entries) = node else {
        r.wrong_type(path, Message::NounKindLabels, node);
        return None;
    };
    let mut labels = Vec::new();
    for (key, value) in entries {
        if let Some(label) = r.text(value, &path.key(key)) {
            labels.push((key.to_string(), label));
        }
    }
    Some(labels)
}

/// Weights that cannot score anyone: all 0 (every score would be
/// missing, and the report would say there was no assessment data), or so
/// large that their sum overflows.
fn check_weights(r: &mut Reader, e: &Evaluation, path: &YamlPath) {
    let total = e.weight_pledges + e.weight_inspections + e.weight_appraisal;
    if total == 0.0 {
        r.error(
            path,
            Message::WeightsAllZero,
            Some(Message::HintWeightsAllZero),
        );
    } else if !total.is_finite() {
        r.error(
            path,
            Message::WeightsOverflow,
            Some(Message::HintWeightsShares),
        );
    }
}

fn docx_style(r: &mut Reader, node: &Node, path: &YamlPath) -> Option<DocxStyle> {
    let f = r.fields(node, path, &shape::DOCX)?;
    Some(DocxStyle {
        body_font: r.optional(&f, "body_font", Reader::text),
        title_font: r.optional(&f, "title_font", Reader::text),
        heading_font: r.optional(&f, "heading_font", Reader::text),
        subheading_font: r.optional(&f, "subheading_font", Reader::text),
        latin_font: r.optional(&f, "latin_font", Reader::text),
        body_size: r.optional(&f, "body_size", Reader::amount),
        title_size: r.optional(&f, "title_size", Reader::amount),
    })
}

fn document_furniture(r: &mut Reader, node: &Node, path: &YamlPath) -> Option<DocumentFurniture> {
    let f = r.fields(node, path, &shape::DOCUMENT)?;
    Some(DocumentFurniture {
        issuer: r.optional(&f, "issuer", Reader::text),
        number: r.optional(&f, "number", Reader::text),
        cc: r
            .optional(&f, "cc", |r, n, p| r.list(n, p, Reader::text))
            .unwrap_or_default(),
        printed_by: r.optional(&f, "printed_by", Reader::text),
    })
}

fn set(r: &mut Reader, f: &reader::Fields, key: &'static str, target: &mut f64) {
    if let Some(value) = r.optional(f, key, Reader::amount) {
        *target = value;
    }
}

fn grade(r: &mut Reader, node: &Node, path: &YamlPath) -> Option<Grade> {
    let f = r.fields(node, path, &shape::GRADE)?;
    let name = r.required(&f, "name", Reader::text);
    let min = r.required(&f, "min", Reader::amount);
    let max_share = r.optional(&f, "max_share", share);
    if let Some(min) = min.filter(|&m| m > 100.0) {
        r.error(
            &path.key("min"),
            Message::GradeAbove100 {
                min: min.to_string(),
            },
            Some(Message::HintGradeMin),
        );
    }
    Some(Grade {
        name: name?,
        min: min?,
        max_share,
    })
}

fn share(r: &mut Reader, node: &Node, path: &YamlPath) -> Option<f64> {
    let value = r.amount(node, path)?;
    if value > 1.0 {
        r.error(
            path,
            Message::MaxShareAboveOne {
                value: value.to_string(),
            },
            Some(Message::HintShare),
        );
        return None;
    }
    Some(value)
}

fn report(r: &mut Reader, node: &Node, path: &YamlPath) -> Option<ReportSpec> {
    let f = r.fields(node, path, &shape::REPORT)?;
    let name = r.required(&f, "name", Reader::text);
    let template = r.required(&f, "template", Reader::text);
    Some(ReportSpec {
        name: name?,
        template: template?,
        site: r.site(path),
    })
}

/// Reads units.yaml: a list of units.
/// Reads units.yaml: a sequence of units, or a mapping of `units:` (that
/// sequence) and `kinds:` (labels of unit kinds, as in annals.yaml).
pub fn roster(r: &mut Reader, node: &Node) -> Roster {
    let Node::Map(_) = node else {
        return Roster {
            units: units(r, node),
            kinds: Vec::new(),
        };
    };
    let Some(f) = r.fields(node, &YamlPath::root(), &shape::ROSTER) else {
        return Roster::default();
    };
    Roster {
        units: r.required(&f, "units", unit_list).unwrap_or_default(),
        kinds: r.optional(&f, "kinds", kinds).unwrap_or_default(),
    }
}

/// Reads a sequence of units at the top of units.yaml.
pub fn units(r: &mut Reader, node: &Node) -> Vec<Unit> {
    unit_list(r, node, &YamlPath::root()).unwrap_or_default()
}

fn unit_list(r: &mut Reader, node: &Node, path: &YamlPath) -> Option<Vec<Unit>> {
    r.list(node, path, |r, n, p| {
        let f = r.fields(n, p, &shape::UNIT)?;
        let id = r.required(&f, "id", Reader::unit_id);
        let name = r.required(&f, "name", Reader::text);
        Some(Unit {
            site: r.site(&p.key("id")),
            id: id?,
            name: name?,
            short: r.optional(&f, "short", Reader::text),
            kind: r.optional(&f, "kind", Reader::text),
            parent: r.optional(&f, "parent", Reader::unit),
        })
    })
}

/// Reads a pledge.
pub fn pledge(r: &mut Reader, node: &Node, path: &YamlPath, origin: &Origin) -> Option<Pledge> {
    let f = r.fields(node, path, &shape::PLEDGE)?;
    let unit = r.required(&f, "unit", Reader::unit);
    let person = r.optional(&f, "person", Reader::text);
    let explicit_year = r.optional(&f, "year", year);
    let made = r.required(&f, "made", Reader::date);
    let pledge_year = explicit_year.or(made.map(|d| d.year()));
    let items = r.required(&f, "items", |r, n, p| {
        r.non_empty_list(n, p, Message::OneItem, |r, n, p| {
            pledge_item(r, n, p, pledge_year)
        })
    });
    Some(Pledge {
        id: origin.record_id(),
        unit: unit?,
        person,
        year: pledge_year?,
        made: made?,
        items: items?,
        body: origin.body.to_owned(),
    })
}

fn pledge_item(
    r: &mut Reader,
    node: &Node,
    path: &YamlPath,
    year: Option<i32>,
) -> Option<PledgeItem> {
    let f = r.fields(node, path, &shape::PLEDGE_ITEM)?;
    let text = r.required(&f, "text", Reader::text);
    let due = r.optional(&f, "due", Reader::date);
    let status = r.required(&f, "status", Reader::choice::<PledgeStatus>);
    let done = r.optional(&f, "done", Reader::date);
    if let (Some(status), Some(_)) = (status, done)
        && status != PledgeStatus::Done
    {
        let message = Message::DoneDateUnfinished {
            status: status.key().to_owned(),
        };
        r.warn(&path.key("done"), message, Some(Message::HintDoneDate));
    }
    if let Some(year) = year {
        r.check_deadline(due, year, &path.key("due"), Message::WhosePledge);
        r.check_year(done, year, &path.key("done"), Message::WhosePledge);
    }
    Some(PledgeItem {
        text: text?,
        due,
        status: status?,
        done,
    })
}

/// Reads an inspection.
pub fn inspection(
    r: &mut Reader,
    node: &Node,
    path: &YamlPath,
    origin: &Origin,
) -> Option<Inspection> {
    let f = r.fields(node, path, &shape::INSPECTION)?;
    let date = r.required(&f, "date", Reader::date);
    let unit = r.required(&f, "unit", Reader::unit);
    let team = r.optional(&f, "team", Reader::text);
    let kind = r
        .optional(&f, "kind", Reader::choice)
        .unwrap_or(InspectionKind::Routine);
    let year = date.map(|d| d.year());
    let findings = r
        .optional(&f, "findings", |r, n, p| {
            r.list(n, p, |r, n, p| finding(r, n, p, year))
        })
        .unwrap_or_default();
    let commendations = r
        .optional(&f, "commendations", |r, n, p| r.list(n, p, Reader::text))
        .unwrap_or_default();
    Some(Inspection {
        id: origin.record_id(),
        date: date?,
        unit: unit?,
        team,
        kind,
        findings,
        commendations,
        body: origin.body.to_owned(),
    })
}

fn finding(r: &mut Reader, node: &Node, path: &YamlPath, year: Option<i32>) -> Option<Finding> {
    let f = r.fields(node, path, &shape::FINDING)?;
    let issue = r.required(&f, "issue", Reader::text);
    let severity = r
        .optional(&f, "severity", Reader::choice)
        .unwrap_or(Severity::Minor);
    let action = r.optional(&f, "action", Reader::text);
    let due = r.optional(&f, "due", Reader::date);
    let status = r.required(&f, "status", Reader::choice::<FindingStatus>);
    let closed = r.optional(&f, "closed", Reader::date);
    let responsible = r.optional(&f, "responsible", Reader::text);
    let result = r.optional(&f, "result", Reader::text);
    let veto = r.optional(&f, "veto", Reader::flag).unwrap_or(false);
    if let (Some(FindingStatus::Open), Some(_)) = (status, closed) {
        r.warn(
            &path.key("closed"),
            Message::ClosedDateOpen,
            Some(Message::HintClosedDate),
        );
    }
    if let Some(year) = year {
        r.check_deadline(due, year, &path.key("due"), Message::WhoseInspection);
        r.check_year(closed, year, &path.key("closed"), Message::WhoseInspection);
    }
    Some(Finding {
        issue: issue?,
        severity,
        action,
        due,
        status: status?,
        closed,
        responsible,
        result,
        veto,
    })
}

/// Reads an honours ceremony.
pub fn honour(r: &mut Reader, node: &Node, path: &YamlPath, origin: &Origin) -> Option<Honour> {
    let f = r.fields(node, path, &shape::HONOUR)?;
    let date = r.required(&f, "date", Reader::date);
    let occasion = r.required(&f, "occasion", Reader::text);
    let by = r.optional(&f, "by", Reader::text);
    let awards = r.required(&f, "awards", |r, n, p| {
        r.non_empty_list(n, p, Message::OneAward, award)
    });
    Some(Honour {
        id: origin.record_id(),
        date: date?,
        occasion: occasion?,
        by,
        awards: awards?,
        body: origin.body.to_owned(),
    })
}

fn award(r: &mut Reader, node: &Node, path: &YamlPath) -> Option<Award> {
    let f = r.fields(node, path, &shape::AWARD)?;
    let category = r.required(&f, "category", Reader::text);
    let units = r.optional(&f, "units", |r, n, p| r.list(n, p, Reader::unit));
    let people = r.optional(&f, "people", |r, n, p| {
        r.list(n, p, |r, n, p| Some((person(r, n, p)?, p.clone())))
    });
    if f.get("units").is_none() && f.get("people").is_none() {
        r.error(
            &path.key("units"),
            Message::AwardWithoutRecipientFields,
            Some(Message::HintAwardRecipients),
        );
        return None;
    }
    let (units, people) = (units.unwrap_or_default(), people.unwrap_or_default());
    if units.is_empty() && people.is_empty() {
        r.error(&path.key("units"), Message::AwardWithoutRecipients, None);
    }
    let people = duplicate_recipients(r, &units, people);
    Some(Award {
        category: category?,
        units,
        people,
    })
}

/// A recipient written twice in one award is an error: counted twice it
/// would double the bonus, counted once the prose and the list would
/// disagree. A unit is the same by id; a person by name and unit.
fn duplicate_recipients(
    r: &mut Reader,
    units: &[UnitRef],
    people: Vec<(Person, YamlPath)>,
) -> Vec<Person> {
    let help = || Some(Message::HintDuplicateRecipient);
    let mut ids = std::collections::HashSet::with_capacity(units.len());
    for unit in units {
        if !ids.insert(&unit.id) {
            let message = Message::DuplicateUnitRecipient {
                id: unit.id.to_string(),
            };
            r.error(&unit.site.path, message, help());
        }
    }
    let key = |p: &Person| (p.name.clone(), p.unit.as_ref().map(|u| u.id.clone()));
    let mut seen = std::collections::HashSet::new();
    for (person, path) in &people {
        if !seen.insert(key(person)) {
            let message = Message::DuplicatePersonRecipient {
                name: person.name.clone(),
            };
            r.error(path, message, help());
        }
    }
    people.into_iter().map(|(person, _)| person).collect()
}

fn person(r: &mut Reader, node: &Node, path: &YamlPath) -> Option<Person> {
    if let Node::Map(_) = node {
        let f = r.fields(node, path, &shape::PERSON)?;
        let name = r.required(&f, "name", Reader::text);
        let unit = r.optional(&f, "unit", Reader::unit);
        return Some(Person { name: name?, unit });
    }
    Some(Person {
        name: r.text(node, path)?,
        unit: None,
    })
}

/// Reads an appraisal.
pub fn appraisal(
    r: &mut Reader,
    node: &Node,
    path: &YamlPath,
    origin: &Origin,
) -> Option<Appraisal> {
    let f = r.fields(node, path, &shape::APPRAISAL)?;
    let date = r.required(&f, "date", Reader::date);
    let unit = r.required(&f, "unit", Reader::unit);
    let kind = r.required(&f, "kind", Reader::choice::<AppraisalKind>);
    let tally = r.optional(&f, "votes", votes);
    let comment = r.optional(&f, "comment", Reader::text);
    match kind {
        Some(AppraisalKind::Public) if f.get("votes").is_none() => {
            r.required(&f, "votes", votes);
        }
        Some(AppraisalKind::Leadership) if f.get("comment").is_none() => {
            r.required(&f, "comment", Reader::text);
        }
        _ => {}
    }
    let votes_ok = kind != Some(AppraisalKind::Public) || tally.is_some();
    let comment_ok = kind != Some(AppraisalKind::Leadership) || comment.is_some();
    if !(votes_ok && comment_ok) {
        return None;
    }
    Some(Appraisal {
        id: origin.record_id(),
        date: date?,
        unit: unit?,
        kind: kind?,
        votes: tally,
        comment,
        body: origin.body.to_owned(),
    })
}

fn votes(r: &mut Reader, node: &Node, path: &YamlPath) -> Option<Votes> {
    let f = r.fields(node, path, &shape::VOTES)?;
    let satisfied = r.required(&f, "satisfied", Reader::count);
    let basic = r.required(&f, "basic", Reader::count);
    let unsatisfied = r.required(&f, "unsatisfied", Reader::count);
    let votes = Votes {
        satisfied: satisfied?,
        basic: basic?,
        unsatisfied: unsatisfied?,
    };
    if votes.total().is_none() {
        r.error(
            path,
            Message::VotesOverflow {
                max: u64::MAX.to_string(),
            },
            Some(Message::HintVotesCount),
        );
        return None;
    }
    Some(votes)
}

/// Reads a narrative's front matter.
pub fn narrative(r: &mut Reader, node: &Node, origin: &Origin) -> Option<Narrative> {
    let root = YamlPath::root();
    let f = r.fields(node, &root, &shape::NARRATIVE)?;
    let section = r.required(&f, "section", Reader::choice::<Section>);
    let title = r.required(&f, "title", Reader::text);
    let order = r.optional(&f, "order", Reader::number).unwrap_or(0.0);
    let year = r.optional(&f, "year", year);
    let figures = r.optional(&f, "figures", topics).unwrap_or_default();
    Some(Narrative {
        figures,
        id: origin.record_id(),
        section: section?,
        title: title?,
        order,
        year,
        body: origin.body.to_owned(),
    })
}

/// `figures:` of a narrative: one topic or a list of them.
fn topics(r: &mut Reader, node: &Node, path: &YamlPath) -> Option<Vec<Topic>> {
    match node {
        Node::Seq(_) => r.list(node, path, Reader::choice::<Topic>),
        _ => r.choice::<Topic>(node, path).map(|t| vec![t]),
    }
}
