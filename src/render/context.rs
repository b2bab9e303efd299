//! The one context every report template receives (documented key by key in
//! docs/templates.md). It borrows from the records: it is built once per
//! build, and every report's template values are made from it.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::compute::figures::{self, Figures};
use crate::compute::period::{Period, YearView, open_on, overdue_on, unfulfilled};
use crate::compute::scoring;
use crate::records::model::*;
use crate::render::evaluation::{EvaluationView, GradeTally, evaluation_view};

/// The template context.
#[derive(Debug, Serialize)]
pub struct Context<'a> {
    /// The organisation, from annals.yaml.
    pub organisation: &'a str,
    /// The reporting year.
    pub year: i32,
    /// `zh-CN` or `en`.
    pub locale: &'static str,
    /// The summary's title.
    pub title: String,
    /// The day the figures are taken.
    pub as_of: Date,
    /// The date under the signature.
    pub signed: Date,
    /// The formal name signed under a report: `signature`, else `organisation`.
    pub signature: &'a str,
    /// 主送机关 printed under the title, or null.
    pub addressee: Option<&'a str>,
    /// The signature leaves room for the seal.
    pub sealed: bool,
    /// The 版头 and 版记 of a formal 公文, or null.
    pub document: Option<&'a DocumentFurniture>,
    /// The records' git commit (`abc1234`, `abc1234-dirty`) when the build
    /// was asked to stamp it, else null.
    pub commit: Option<&'a str>,
    /// The roster, in roster order.
    pub units: Vec<UnitView<'a>>,
    /// The roster by kind, in the order each kind first appears.
    pub kinds: Vec<KindCount<'a>>,
    /// The year's figures.
    pub figures: Figures,
    /// The same figures for the year before (as of its 31 December), when
    /// the folder holds records of that year; else null.
    pub previous: Option<Previous<'a>>,
    /// The summary's numbered attachments (附件1 …).
    pub attachments: Attachments,
    /// The evaluation of every unit.
    pub evaluation: EvaluationView<'a>,
    /// The year's pledges, by date made then id.
    pub pledges: Vec<PledgeView<'a>>,
    /// The year's inspections, by date then id.
    pub inspections: Vec<InspectionView<'a>>,
    /// The year's honours, by date then id.
    pub honours: Vec<HonourView<'a>>,
    /// The year's appraisals, by date then id.
    pub appraisals: Vec<AppraisalView<'a>>,
    /// The narrative sections.
    pub narrative: NarrativeView<'a>,
    /// Pledge items neither done nor dropped.
    pub unfulfilled: Vec<UnfulfilledItem<'a>>,
    /// Every finding of the year, open ones first (`findings`, the
    /// rectification ledger), and those overdue on `as_of` (`overdue`):
    /// made only when the reports that show them are rendered.
    #[serde(skip)]
    pub ledger: Ledger<'a>,
}

/// The findings of the year's inspections, not yet made into rows: a
/// folder of 100 000 records has tens of thousands of them, and the
/// reports that show them may be rendered one after another (see
/// [`crate::render::values`]), so the rows of each are made when it comes.
#[derive(Debug)]
pub struct Ledger<'a> {
    inspections: Vec<&'a Inspection>,
    units: Units<'a>,
    locale: Locale,
    as_of: Date,
}

impl<'a> Ledger<'a> {
    /// Every finding as a row, in inspection order, the open ones first.
    pub fn rows(&self) -> Vec<FindingView<'a>> {
        let mut findings = self.rows_of(|_| true);
        findings.par_sort_by_key(|f| !f.open);
        findings
    }

    /// The overdue findings as rows, in ledger order: without making the
    /// rows of the others, for a report that shows only these.
    pub fn overdue_rows(&self) -> Vec<FindingView<'a>> {
        // Overdue findings are open, so inspection order is ledger order.
        self.rows_of(|f| overdue_on(f, self.as_of))
    }

    /// The findings `shown` picks as rows, in inspection order, made side
    /// by side (a folder of 100 000 records has some 50 000).
    fn rows_of(&self, shown: impl Fn(&Finding) -> bool + Sync) -> Vec<FindingView<'a>> {
        self.inspections
            .par_iter()
            .flat_map_iter(|&i| {
                let unit = self.units.get(&i.unit.id);
                let views = i.findings.iter().filter(|f| shown(f));
                views.map(move |f| finding_view(i, f, unit.clone(), self.locale, self.as_of))
            })
            .collect()
    }

    /// How many findings there are.
    pub fn count(&self) -> usize {
        self.findings().count()
    }

    /// How many findings are overdue on `as_of`.
    pub fn overdue(&self) -> usize {
        self.findings()
            .filter(|f| overdue_on(f, self.as_of))
            .count()
    }

    fn findings(&self) -> impl Iterator<Item = &'a Finding> + '_ {
        self.inspections.iter().flat_map(|i| &i.findings)
    }
}

/// The roster's views by unit id, and a view of its id for a unit the
/// roster does not have.
#[derive(Debug)]
struct Units<'a> {
    by_id: HashMap<&'a str, UnitView<'a>>,
    records: &'a Records,
    config: &'a Config,
}

impl<'a> Units<'a> {
    fn get(&self, id: &'a str) -> UnitView<'a> {
        self.by_id
            .get(id)
            .cloned()
            .unwrap_or_else(|| unknown_unit(id, self.records, self.config))
    }
}

/// A unit of the roster. Every record shows its unit, so the unit is
/// turned into the template engine's value once, when the view is made,
/// and every record that shows it shares that value (tera takes a value
/// met while serialising as it is): a context of 100 000 records holds each
/// unit once, not once a record. The view itself is shared the same way:
/// a record's view holds a pointer to its unit's, not a copy.
#[derive(Debug, Clone)]
pub struct UnitView<'a>(Arc<UnitData<'a>>);

/// What a [`UnitView`] shows.
#[derive(Debug)]
pub struct UnitData<'a> {
    /// Id.
    pub id: &'a str,
    /// Full name.
    pub name: &'a str,
    /// Short name (the name when none is given).
    pub short: &'a str,
    /// Grouping word, or null.
    pub kind: Option<&'a str>,
    /// The kind's label in the report's language (村党支部), from `kinds:` or
    /// the built-in ones; for a unit without a kind, 其他 / "other".
    pub kind_label: &'a str,
    /// Parent unit id, or null.
    pub parent: Option<&'a str>,
    /// The fields above as the template engine's value.
    shared: tera::Value,
}

/// The fields of a [`UnitView`] as templates see them.
#[derive(Serialize)]
struct UnitFields<'a> {
    id: &'a str,
    name: &'a str,
    short: &'a str,
    kind: Option<&'a str>,
    kind_label: &'a str,
    parent: Option<&'a str>,
}

impl<'a> UnitView<'a> {
    fn new(fields: UnitFields<'a>) -> Self {
        // Text and nothing cannot fail to serialise; were it to, the unit
        // would show as null rather than stop the build.
        let shared =
            tera::Value::try_from_serializable(&fields).unwrap_or_else(|_| tera::Value::none());
        UnitView(Arc::new(UnitData {
            id: fields.id,
            name: fields.name,
            short: fields.short,
            kind: fields.kind,
            kind_label: fields.kind_label,
            parent: fields.parent,
            shared,
        }))
    }
}

impl<'a> std::ops::Deref for UnitView<'a> {
    type Target = UnitData<'a>;
    fn deref(&self) -> &UnitData<'a> {
        &self.0
    }
}

impl Serialize for UnitView<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.shared.serialize(serializer)
    }
}

/// One kind of unit and how many the roster holds.
#[derive(Debug, Serialize)]
pub struct KindCount<'a> {
    /// The kind word (`village`), or null for units without one.
    pub kind: Option<&'a str>,
    /// Its label (村党支部).
    pub label: &'a str,
    /// Units of this kind.
    pub count: usize,
}

/// The figures and the evaluation of the year before the reporting year,
/// for the comparisons of the summary and the evaluation.
#[derive(Debug, Serialize)]
pub struct Previous<'a> {
    /// That year.
    pub year: i32,
    /// Its figures, with the same keys as `figures`.
    #[serde(flatten)]
    pub figures: Figures,
    /// Units per grade that year, by grade name, scored by the same rules
    /// as of its 31 December: `previous.grades[g.name]`.
    pub grades: GradeTally<'a>,
    /// Units with a score that year (a unit with no records that year is
    /// not rated, so not counted in any grade).
    pub rated: usize,
}

/// The summary's attachments: each long list gets a number when it is not
/// empty, in this order: honours, unfulfilled pledge items, overdue findings.
#[derive(Debug, Default, Serialize)]
pub struct Attachments {
    /// Every attachment in order.
    pub list: Vec<Attachment>,
    /// Number of the list of honours and their recipients, or null.
    pub honours: Option<usize>,
    /// Number of the list of unfulfilled pledge items, or null.
    pub unfulfilled: Option<usize>,
    /// Number of the list of overdue findings, or null.
    pub overdue: Option<usize>,
}

/// One attachment.
#[derive(Debug, Serialize)]
pub struct Attachment {
    /// 1, 2 …
    pub number: usize,
    /// Its title in the report's language (2024年度表彰名单).
    pub title: String,
}

/// A pledge.
#[derive(Debug, Serialize)]
pub struct PledgeView<'a> {
    /// Record id.
    pub id: &'a str,
    /// File.
    pub file: &'a str,
    /// The unit.
    pub unit: UnitView<'a>,
    /// The member, or null for the unit's own pledge.
    pub person: Option<&'a str>,
    /// When made.
    pub made: Date,
    /// The items.
    pub items: Vec<ItemView<'a>>,
    /// Markdown body.
    pub body: &'a str,
}

/// A pledge item.
#[derive(Debug, Serialize)]
pub struct ItemView<'a> {
    /// What was promised.
    pub text: &'a str,
    /// By when, or null.
    pub due: Option<Date>,
    /// Status key (`done`).
    pub status: PledgeStatus,
    /// Status label in the report's language.
    pub status_label: &'static str,
    /// When fulfilled, or null.
    pub done: Option<Date>,
}

/// A pledge item neither done nor dropped, with whose it is. Templates see
/// the item's fields beside `unit`, `person` and `overdue`.
#[derive(Debug)]
pub struct UnfulfilledItem<'a> {
    /// The unit.
    pub unit: UnitView<'a>,
    /// The member, or null.
    pub person: Option<&'a str>,
    /// The item.
    pub item: ItemView<'a>,
    /// Its due date is before `as_of`.
    pub overdue: bool,
}

/// Written out field by field rather than with `#[serde(flatten)]`, which
/// serialises through a map of unknown length: the engine's value then
/// grows its table entry by entry, with room to spare in the map of every
/// item of a list that can hold all the items of the year.
impl Serialize for UnfulfilledItem<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let ItemView {
            text,
            due,
            status,
            status_label,
            done,
        } = &self.item;
        let mut s = serializer.serialize_struct("UnfulfilledItem", 8)?;
        s.serialize_field("unit", &self.unit)?;
        s.serialize_field("person", &self.person)?;
        s.serialize_field("text", text)?;
        s.serialize_field("due", due)?;
        s.serialize_field("status", status)?;
        s.serialize_field("status_label", status_label)?;
        s.serialize_field("done", done)?;
        s.serialize_field("overdue", &self.overdue)?;
        s.end()
    }
}

/// An inspection.
#[derive(Debug, Serialize)]
pub struct InspectionView<'a> {
    /// Record id.
    pub id: &'a str,
    /// File.
    pub file: &'a str,
    /// When held.
    pub date: Date,
    /// The unit inspected.
    pub unit: UnitView<'a>,
    /// Who inspected, or null.
    pub team: Option<&'a str>,
    /// Kind key.
    pub kind: InspectionKind,
    /// Kind label.
    pub kind_label: &'static str,
    /// The findings.
    pub findings: Vec<FindingView<'a>>,
    /// Commendations.
    pub commendations: &'a [String],
    /// Markdown body.
    pub body: &'a str,
}

/// A finding, with its inspection's date and unit.
#[derive(Debug, Serialize)]
pub struct FindingView<'a> {
    /// The unit inspected.
    pub unit: UnitView<'a>,
    /// The inspection's date.
    pub date: Date,
    /// The inspection's kind label.
    pub kind_label: &'static str,
    /// The inspection's team, or null.
    pub team: Option<&'a str>,
    /// What was found.
    pub issue: &'a str,
    /// Severity key.
    pub severity: Severity,
    /// Severity label.
    pub severity_label: &'static str,
    /// Rectification required, or null.
    pub action: Option<&'a str>,
    /// Who answers for the rectification (责任人), or null.
    pub responsible: Option<&'a str>,
    /// What was done (整改情况), Markdown inline, or null.
    pub result: Option<&'a str>,
    /// A 一票否决 matter.
    pub veto: bool,
    /// Deadline, or null.
    pub due: Option<Date>,
    /// Status key.
    pub status: FindingStatus,
    /// Status label.
    pub status_label: &'static str,
    /// When closed, or null.
    pub closed: Option<Date>,
    /// Still open on `as_of`.
    pub open: bool,
    /// Open and past its deadline on `as_of`.
    pub overdue: bool,
    /// Days past the deadline on `as_of` (0 when not overdue).
    pub days_overdue: i64,
    /// Closed by `as_of` but after its deadline (逾期销号): by how many days; else 0.
    pub days_late: i64,
}

/// An honours ceremony.
#[derive(Debug, Serialize)]
pub struct HonourView<'a> {
    /// Record id.
    pub id: &'a str,
    /// When.
    pub date: Date,
    /// Occasion.
    pub occasion: &'a str,
    /// Awarded by, or null.
    pub by: Option<&'a str>,
    /// The awards.
    pub awards: Vec<AwardView<'a>>,
    /// Markdown body.
    pub body: &'a str,
}

/// One award category of a ceremony.
#[derive(Debug, Serialize)]
pub struct AwardView<'a> {
    /// Category.
    pub category: &'a str,
    /// Units honoured.
    pub units: Vec<UnitView<'a>>,
    /// Names of the people honoured.
    pub people: Vec<&'a str>,
}

/// An appraisal.
#[derive(Debug, Serialize)]
pub struct AppraisalView<'a> {
    /// Record id.
    pub id: &'a str,
    /// When.
    pub date: Date,
    /// The unit.
    pub unit: UnitView<'a>,
    /// Kind key.
    pub kind: AppraisalKind,
    /// Kind label.
    pub kind_label: &'static str,
    /// Votes, or null.
    pub votes: Option<Votes>,
    /// Comment, or null.
    pub comment: Option<&'a str>,
}

/// The narrative sections, each by order then file name.
#[derive(Debug, Default, Serialize)]
pub struct NarrativeView<'a> {
    /// 主要做法.
    pub practices: Vec<Prose<'a>>,
    /// 存在问题.
    pub problems: Vec<Prose<'a>>,
    /// 下一步打算.
    pub plans: Vec<Prose<'a>>,
    /// Every figure topic some practice asks for (`honours` …): the summary
    /// tells those figures in the practice rather than in 基本情况.
    pub woven: Vec<&'static str>,
}

/// One narrative.
#[derive(Debug, Serialize)]
pub struct Prose<'a> {
    /// Heading.
    pub title: &'a str,
    /// Markdown, trimmed.
    pub body: &'a str,
    /// The first paragraph of the body, where figure sentences are woven in.
    pub first: &'a str,
    /// The paragraphs after the first, or empty.
    pub rest: &'a str,
    /// The figure sentences asked for (`pledges`, `inspections`, `honours`,
    /// `appraisals`), in written order.
    pub figures: Vec<&'static str>,
}

/// Builds the context for `period` from checked records, with only the
/// lists of records that `named` says a template names: the built-in
/// reports read the year's figures, the unfulfilled items and the findings,
/// never every pledge, and a context is as large as the lists it holds.
pub fn build<'a>(
    records: &'a Records,
    config: &'a Config,
    period: Period,
    stamp: Option<&'a str>,
    named: impl Fn(&str) -> bool,
) -> Context<'a> {
    let view = YearView::new(records, period);
    let locale = config.locale;
    // Scoring is the longest step here (half of it at 100 000 records, on
    // one core while it splits the year by unit): the unit views and the
    // figures are made beside it.
    let (scores, (units, figures)) = rayon::join(
        || scoring::evaluate(&records.units, &view, &config.evaluation),
        || {
            let units: Vec<UnitView> = records
                .units
                .iter()
                .map(|u| unit_view(u, records, config))
                .collect();
            (units, figures::figures(&records.units, &view))
        },
    );
    let roster = Units {
        by_id: units.iter().map(|u| (u.id, u.clone())).collect(),
        records,
        config,
    };
    let unit = |id: &'a str| roster.get(id);
    let as_of = period.as_of;

    let [
        pledges_wanted,
        unfulfilled_wanted,
        inspections_wanted,
        honours_wanted,
        appraisals_wanted,
    ] = [
        "pledges",
        "unfulfilled",
        "inspections",
        "honours",
        "appraisals",
    ]
    .map(&named);
    // The record lists and the evaluation's rows are made side by side:
    // one after the other they took some 30 ms at 100 000 records.
    let ((pledges, unfulfilled, inspections, honours, appraisals), evaluation) = rayon::join(
        || {
            (
                when(pledges_wanted, || {
                    pledge_views(&view.pledges, &unit, locale)
                }),
                when(unfulfilled_wanted, || {
                    unfulfilled_items(&view.pledges, &unit, locale, as_of)
                }),
                when(inspections_wanted, || {
                    inspection_views(&view.inspections, &unit, locale, as_of)
                }),
                when(honours_wanted, || honour_views(&view.honours, &unit)),
                when(appraisals_wanted, || {
                    appraisal_views(&view.appraisals, &unit, locale)
                }),
            )
        },
        || evaluation_view(&scores, config, &unit, &view),
    );
    let narrative = narrative_view(&view.narratives);
    let ledger = Ledger {
        inspections: when(named("findings") || named("overdue"), || {
            view.inspections.clone()
        }),
        units: roster,
        locale,
        as_of,
    };
    Context {
        organisation: &config.organisation,
        year: period.year,
        locale: locale.key(),
        // A configured title names the configured year.
        title: match &config.title {
            Some(title) if period.year == config.year => title.clone(),
            _ => default_title(config, period.year),
        },
        as_of,
        signed: period.signed,
        signature: config.signature.as_deref().unwrap_or(&config.organisation),
        addressee: config.addressee.as_deref(),
        sealed: config.sealed,
        document: config.document.as_deref(),
        commit: stamp,
        figures,
        previous: previous_year(records, config, period),
        attachments: attachments(config.locale, period.year, &view),
        evaluation,
        kinds: kind_counts(&units),
        units,
        pledges,
        inspections,
        honours,
        appraisals,
        narrative,
        unfulfilled,
        ledger,
    }
}

/// `make()` when the list is wanted, else an empty list.
fn when<T>(wanted: bool, make: impl FnOnce() -> Vec<T>) -> Vec<T> {
    if wanted { make() } else { Vec::new() }
}

/// One item of a pledge.
fn item_view(item: &PledgeItem, locale: Locale) -> ItemView<'_> {
    ItemView {
        text: &item.text,
        due: item.due,
        status: item.status,
        status_label: choice_label(item.status, locale),
        done: item.done,
    }
}

/// The pledges of the year, with their items.
fn pledge_views<'a>(
    pledges: &[&'a Pledge],
    unit: &impl Fn(&'a str) -> UnitView<'a>,
    locale: Locale,
) -> Vec<PledgeView<'a>> {
    pledges
        .iter()
        .map(|p| PledgeView {
            id: p.id.id(),
            file: p.id.file(),
            unit: unit(&p.unit.id),
            person: p.person.as_deref(),
            made: p.made,
            items: p.items.iter().map(|i| item_view(i, locale)).collect(),
            body: p.body.trim(),
        })
        .collect()
}

/// The pledge items neither done nor dropped, with whether each is past
/// its due date on `as_of`.
fn unfulfilled_items<'a>(
    pledges: &[&'a Pledge],
    unit: &impl Fn(&'a str) -> UnitView<'a>,
    locale: Locale,
    as_of: Date,
) -> Vec<UnfulfilledItem<'a>> {
    pledges
        .iter()
        .flat_map(|p| p.items.iter().map(move |i| (p, i)))
        .filter(|(_, i)| unfulfilled(i))
        .map(|(p, i)| UnfulfilledItem {
            unit: unit(&p.unit.id),
            person: p.person.as_deref(),
            item: item_view(i, locale),
            overdue: i.due.is_some_and(|d| d < as_of),
        })
        .collect()
}

/// The inspections of the year, with their findings as they stand on
/// `as_of`.
fn inspection_views<'a>(
    inspections: &[&'a Inspection],
    unit: &impl Fn(&'a str) -> UnitView<'a>,
    locale: Locale,
    as_of: Date,
) -> Vec<InspectionView<'a>> {
    inspections
        .iter()
        .map(|i| InspectionView {
            id: i.id.id(),
            file: i.id.file(),
            date: i.date,
            unit: unit(&i.unit.id),
            team: i.team.as_deref(),
            kind: i.kind,
            kind_label: choice_label(i.kind, locale),
            findings: i
                .findings
                .iter()
                .map(|f| finding_view(i, f, unit(&i.unit.id), locale, as_of))
                .collect(),
            commendations: &i.commendations,
            body: i.body.trim(),
        })
        .collect()
}

/// The honours of the year, with their awards.
fn honour_views<'a>(
    honours: &[&'a Honour],
    unit: &impl Fn(&'a str) -> UnitView<'a>,
) -> Vec<HonourView<'a>> {
    honours
        .iter()
        .map(|h| HonourView {
            id: h.id.id(),
            date: h.date,
            occasion: &h.occasion,
            by: h.by.as_deref(),
            awards: h
                .awards
                .iter()
                .map(|a| AwardView {
                    category: &a.category,
                    units: a.units.iter().map(|u| unit(&u.id)).collect(),
                    people: a.people.iter().map(|p| p.name.as_str()).collect(),
                })
                .collect(),
            body: h.body.trim(),
        })
        .collect()
}

/// The appraisals of the year.
fn appraisal_views<'a>(
    appraisals: &[&'a Appraisal],
    unit: &impl Fn(&'a str) -> UnitView<'a>,
    locale: Locale,
) -> Vec<AppraisalView<'a>> {
    appraisals
        .iter()
        .map(|a| AppraisalView {
            id: a.id.id(),
            date: a.date,
            unit: unit(&a.unit.id),
            kind: a.kind,
            kind_label: choice_label(a.kind, locale),
            votes: a.votes,
            comment: a.comment.as_deref(),
        })
        .collect()
}

/// The narratives of the year by section, with the figures topics the
/// practices already weave in.
fn narrative_view<'a>(narratives: &[&'a Narrative]) -> NarrativeView<'a> {
    let mut narrative = NarrativeView::default();
    for n in narratives {
        let body = n.body.trim();
        let (first, rest) = body.split_once("\n\n").unwrap_or((body, ""));
        let prose = Prose {
            title: &n.title,
            body,
            first: first.trim(),
            rest: rest.trim(),
            figures: n.figures.iter().map(|t| t.key()).collect(),
        };
        if n.section == Section::Practices {
            for topic in &prose.figures {
                if !narrative.woven.contains(topic) {
                    narrative.woven.push(topic);
                }
            }
        }
        match n.section {
            Section::Practices => narrative.practices.push(prose),
            Section::Problems => narrative.problems.push(prose),
            Section::Plans => narrative.plans.push(prose),
        }
    }
    narrative
}

/// One finding of an inspection of `unit`, as it stands on `as_of`.
fn finding_view<'a>(
    inspection: &'a Inspection,
    f: &'a Finding,
    unit: UnitView<'a>,
    locale: Locale,
    as_of: Date,
) -> FindingView<'a> {
    let overdue = overdue_on(f, as_of);
    FindingView {
        unit,
        date: inspection.date,
        kind_label: choice_label(inspection.kind, locale),
        team: inspection.team.as_deref(),
        issue: &f.issue,
        severity: f.severity,
        severity_label: choice_label(f.severity, locale),
        action: f.action.as_deref(),
        responsible: f.responsible.as_deref(),
        result: f.result.as_deref(),
        veto: f.veto,
        due: f.due,
        status: f.status,
        status_label: choice_label(f.status, locale),
        closed: f.closed,
        open: open_on(f, as_of),
        overdue,
        days_overdue: match (overdue, f.due) {
            (true, Some(due)) => (as_of - due).num_days(),
            _ => 0,
        },
        days_late: match (open_on(f, as_of), f.due, f.closed) {
            (false, Some(due), Some(closed)) if closed > due => (closed - due).num_days(),
            _ => 0,
        },
    }
}

/// A unit the roster does not have (records with errors elsewhere), shown
/// by its id.
fn unknown_unit<'a>(id: &'a str, records: &'a Records, config: &'a Config) -> UnitView<'a> {
    UnitView::new(UnitFields {
        id,
        name: id,
        short: id,
        kind: None,
        kind_label: kind_label(None, records, config),
        parent: None,
    })
}

fn default_title(config: &Config, year: i32) -> String {
    match config.locale {
        Locale::ZhCn => format!("{}{year}年度工作总结", config.organisation),
        Locale::En => format!("{}: annual work summary {year}", config.organisation),
    }
}

fn unit_view<'a>(u: &'a Unit, records: &'a Records, config: &'a Config) -> UnitView<'a> {
    UnitView::new(UnitFields {
        id: &u.id,
        name: &u.name,
        short: u.short_name(),
        kind: u.kind.as_deref(),
        kind_label: kind_label(u.kind.as_deref(), records, config),
        parent: u.parent.as_ref().map(|p| &*p.id),
    })
}

/// Built-in labels of common unit kinds: key, Chinese, English.
const KIND_LABELS: &[(&str, &str, &str)] = &[
    ("village", "村党支部", "villages"),
    ("community", "社区党支部", "communities"),
    ("office", "机关党支部", "offices"),
    ("station", "站所党支部", "service stations"),
    ("enterprise", "企业党支部", "enterprises"),
    ("school", "学校党支部", "schools"),
    ("hospital", "医院党支部", "hospitals"),
    ("ngo", "社会组织党支部", "social organisations"),
];

/// The label of a unit kind: `kinds:` from units.yaml, else from
/// annals.yaml, else the built-in one, else the word itself; 其他 / "other"
/// for a unit without a kind.
fn kind_label<'a>(kind: Option<&'a str>, records: &'a Records, config: &'a Config) -> &'a str {
    let english = config.locale == Locale::En;
    let Some(kind) = kind else {
        return if english { "other" } else { "其他" };
    };
    let given = records.kinds.iter().chain(&config.kinds);
    if let Some((_, label)) = given.into_iter().find(|(k, _)| k == kind) {
        return label;
    }
    match KIND_LABELS.iter().find(|(k, _, _)| *k == kind) {
        Some((_, zh, en)) => {
            if english {
                en
            } else {
                zh
            }
        }
        None => kind,
    }
}

fn kind_counts<'a>(units: &[UnitView<'a>]) -> Vec<KindCount<'a>> {
    let mut kinds: Vec<KindCount> = Vec::new();
    for u in units {
        match kinds.iter_mut().find(|k| k.kind == u.kind) {
            Some(k) => k.count += 1,
            None => kinds.push(KindCount {
                kind: u.kind,
                label: u.kind_label,
                count: 1,
            }),
        }
    }
    kinds
}

/// The figures and the grades of `period.year − 1` as of its 31 December,
/// when the folder holds any pledge, inspection, honour or appraisal of
/// that year.
fn previous_year<'a>(
    records: &'a Records,
    config: &'a Config,
    period: Period,
) -> Option<Previous<'a>> {
    let year = period.year.checked_sub(1)?;
    let as_of = chrono::NaiveDate::from_ymd_opt(year, 12, 31)?;
    let view = YearView::new(
        records,
        Period {
            year,
            as_of,
            signed: as_of,
        },
    );
    let empty = view.pledges.is_empty()
        && view.inspections.is_empty()
        && view.honours.is_empty()
        && view.appraisals.is_empty();
    if empty {
        return None;
    }
    let scores = scoring::evaluate(&records.units, &view, &config.evaluation);
    Some(Previous {
        year,
        figures: figures::figures(&records.units, &view),
        grades: GradeTally::of(&scores, &config.evaluation),
        rated: scores.iter().filter(|s| s.score.is_some()).count(),
    })
}

/// Numbers the summary's attachments: the honours, the unfulfilled items and
/// the overdue findings, each when there is any.
fn attachments(locale: Locale, year: i32, view: &YearView) -> Attachments {
    let unfulfilled = view
        .pledges
        .iter()
        .flat_map(|p| &p.items)
        .any(|i| !matches!(i.status, PledgeStatus::Done | PledgeStatus::Dropped));
    let inspections = view.inspections.iter();
    let overdue = inspections
        .flat_map(|i| &i.findings)
        .any(|f| overdue_on(f, view.period.as_of));
    let mut a = Attachments::default();
    let mut add = |present: bool, zh: String, en: String| {
        present.then(|| {
            let number = a.list.len() + 1;
            let title = if locale == Locale::En { en } else { zh };
            a.list.push(Attachment { number, title });
            number
        })
    };
    let honours = add(
        !view.honours.is_empty(),
        format!("{year}年度表彰名单"),
        format!("Honours of {year}"),
    );
    let items = add(
        unfulfilled,
        format!("{year}年度未完全兑现承诺事项清单"),
        format!("Pledge items not fulfilled in {year}"),
    );
    let late = add(
        overdue,
        "逾期未整改问题清单".to_owned(),
        "Overdue rectifications".to_owned(),
    );
    a.honours = honours;
    a.unfulfilled = items;
    a.overdue = late;
    a
}

/// A choice's label in the report's language.
pub fn choice_label<C: Choice>(choice: C, locale: Locale) -> &'static str {
    match locale {
        Locale::ZhCn => choice.zh(),
        Locale::En => choice.en(),
    }
}
