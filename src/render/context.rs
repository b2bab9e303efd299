//! The one context every report template receives (documented key by key in
//! docs/templates.md). It borrows from the records: it is built once per
//! build and shared by every report.

use std::collections::HashMap;

use serde::Serialize;

use crate::compute::figures::{self, Figures};
use crate::compute::period::{Period, YearView, open_on, overdue_on};
use crate::compute::scoring::{self, UnitScore};
use crate::records::model::*;

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
    /// The year's figures.
    pub figures: Figures,
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
    /// Every finding of the year, open ones first: the rectification ledger.
    pub findings: Vec<FindingView<'a>>,
    /// The findings overdue on `as_of`.
    pub overdue: Vec<FindingView<'a>>,
}

/// A unit of the roster.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct UnitView<'a> {
    /// Id.
    pub id: &'a str,
    /// Full name.
    pub name: &'a str,
    /// Short name (the name when none is given).
    pub short: &'a str,
    /// Grouping word, or null.
    pub kind: Option<&'a str>,
    /// Parent unit id, or null.
    pub parent: Option<&'a str>,
}

/// The evaluation.
#[derive(Debug, Serialize)]
pub struct EvaluationView<'a> {
    /// Every unit, in roster order.
    pub rows: Vec<ScoreRow<'a>>,
    /// Every unit, best first.
    pub ranking: Vec<ScoreRow<'a>>,
    /// Each grade with how many units earned it, highest first.
    pub grades: Vec<GradeCount<'a>>,
    /// Units without a score.
    pub unrated: usize,
    /// The weights used.
    pub weights: Weights,
    /// The deductions used.
    pub deductions: Deductions,
    /// The bonus rules used.
    pub bonus: Bonus,
    /// The leadership comments, by roster order then date.
    pub comments: Vec<CommentView<'a>>,
}

/// Each component's weight, as a percentage of the three weights' sum.
#[derive(Debug, Serialize)]
pub struct Weights {
    /// Pledges.
    pub pledges: f64,
    /// Inspections.
    pub inspections: f64,
    /// Appraisal.
    pub appraisal: f64,
}

/// The deductions per open finding.
#[derive(Debug, Serialize)]
pub struct Deductions {
    /// Per minor finding.
    pub minor: f64,
    /// Per major finding.
    pub major: f64,
}

/// The bonus rules.
#[derive(Debug, Serialize)]
pub struct Bonus {
    /// Per honour to the unit.
    pub unit: f64,
    /// Per honour to a member.
    pub member: f64,
    /// The cap.
    pub max: f64,
}

/// One unit's evaluation.
#[derive(Debug, Clone, Serialize)]
pub struct ScoreRow<'a> {
    /// Rank, 1 for the best.
    pub rank: usize,
    /// The unit.
    pub unit: UnitView<'a>,
    /// Pledge component, or null.
    pub pledges: Option<f64>,
    /// Inspection component, or null.
    pub inspections: Option<f64>,
    /// Appraisal component, or null.
    pub appraisal: Option<f64>,
    /// Bonus points.
    pub bonus: f64,
    /// Score (one decimal), or null when unrated.
    pub score: Option<f64>,
    /// Grade name, or 未评定 / "not rated".
    pub grade: &'a str,
    /// Whether the unit has a score.
    pub rated: bool,
}

/// A grade and its count.
#[derive(Debug, Serialize)]
pub struct GradeCount<'a> {
    /// Name.
    pub name: &'a str,
    /// Lowest score.
    pub min: f64,
    /// Units with this grade.
    pub count: usize,
}

/// A leadership comment.
#[derive(Debug, Serialize)]
pub struct CommentView<'a> {
    /// The unit.
    pub unit: UnitView<'a>,
    /// When.
    pub date: Date,
    /// The comment, Markdown.
    pub comment: &'a str,
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

/// A pledge item neither done nor dropped, with whose it is.
#[derive(Debug, Serialize)]
pub struct UnfulfilledItem<'a> {
    /// The unit.
    pub unit: UnitView<'a>,
    /// The member, or null.
    pub person: Option<&'a str>,
    /// The item.
    #[serde(flatten)]
    pub item: ItemView<'a>,
    /// Its due date is before `as_of`.
    pub overdue: bool,
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
#[derive(Debug, Clone, Serialize)]
pub struct FindingView<'a> {
    /// The unit inspected.
    pub unit: UnitView<'a>,
    /// The inspection's date.
    pub date: Date,
    /// The inspection's kind label.
    pub kind_label: &'static str,
    /// What was found.
    pub issue: &'a str,
    /// Severity key.
    pub severity: Severity,
    /// Severity label.
    pub severity_label: &'static str,
    /// Rectification required, or null.
    pub action: Option<&'a str>,
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
}

/// One narrative.
#[derive(Debug, Serialize)]
pub struct Prose<'a> {
    /// Heading.
    pub title: &'a str,
    /// Markdown, trimmed.
    pub body: &'a str,
}

impl Context<'_> {
    /// Empties the lists of records that no template names (`keep` says
    /// which are named): the built-in reports read the year's figures, the
    /// unfulfilled items and the findings, never every pledge, and a
    /// context is as large as the lists it holds.
    pub fn drop_unnamed(&mut self, keep: impl Fn(&str) -> bool) {
        if !keep("pledges") {
            self.pledges = Vec::new();
        }
        if !keep("inspections") {
            self.inspections = Vec::new();
        }
        if !keep("honours") {
            self.honours = Vec::new();
        }
        if !keep("appraisals") {
            self.appraisals = Vec::new();
        }
        if !keep("unfulfilled") {
            self.unfulfilled = Vec::new();
        }
        if !keep("findings") {
            self.findings = Vec::new();
        }
        if !keep("overdue") {
            self.overdue = Vec::new();
        }
    }
}

/// Builds the context for `period` from checked records.
pub fn build<'a>(
    records: &'a Records,
    config: &'a Config,
    period: Period,
    stamp: Option<&'a str>,
) -> Context<'a> {
    let view = YearView::new(records, period);
    let locale = config.locale;
    let units: Vec<UnitView> = records.units.iter().map(unit_view).collect();
    let by_id: HashMap<&str, UnitView> = units.iter().map(|u| (u.id, *u)).collect();
    let unit = |id: &'a str| {
        by_id.get(id).copied().unwrap_or(UnitView {
            id,
            name: id,
            short: id,
            kind: None,
            parent: None,
        })
    };
    let scores = scoring::evaluate(&records.units, &view, &config.evaluation);
    let as_of = period.as_of;

    let item_view = |item: &'a PledgeItem| ItemView {
        text: &item.text,
        due: item.due,
        status: item.status,
        status_label: choice_label(item.status, locale),
        done: item.done,
    };
    let finding_view = |inspection: &'a Inspection, f: &'a Finding| {
        let overdue = overdue_on(f, as_of);
        FindingView {
            unit: unit(&inspection.unit.id),
            date: inspection.date,
            kind_label: choice_label(inspection.kind, locale),
            issue: &f.issue,
            severity: f.severity,
            severity_label: choice_label(f.severity, locale),
            action: f.action.as_deref(),
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
        }
    };

    let pledges: Vec<PledgeView> = view
        .pledges
        .iter()
        .map(|p| PledgeView {
            id: &p.id.id,
            file: &p.id.file,
            unit: unit(&p.unit.id),
            person: p.person.as_deref(),
            made: p.made,
            items: p.items.iter().map(item_view).collect(),
            body: p.body.trim(),
        })
        .collect();
    let unfulfilled = view
        .pledges
        .iter()
        .flat_map(|p| p.items.iter().map(move |i| (p, i)))
        .filter(|(_, i)| !matches!(i.status, PledgeStatus::Done | PledgeStatus::Dropped))
        .map(|(p, i)| UnfulfilledItem {
            unit: unit(&p.unit.id),
            person: p.person.as_deref(),
            item: item_view(i),
            overdue: i.due.is_some_and(|d| d < as_of),
        })
        .collect();
    let inspections: Vec<InspectionView> = view
        .inspections
        .iter()
        .map(|i| InspectionView {
            id: &i.id.id,
            file: &i.id.file,
            date: i.date,
            unit: unit(&i.unit.id),
            team: i.team.as_deref(),
            kind: i.kind,
            kind_label: choice_label(i.kind, locale),
            findings: i.findings.iter().map(|f| finding_view(i, f)).collect(),
            commendations: &i.commendations,
            body: i.body.trim(),
        })
        .collect();
    let mut findings: Vec<FindingView> = inspections
        .iter()
        .flat_map(|i| i.findings.iter().cloned())
        .collect();
    findings.sort_by_key(|f| !f.open);
    let overdue = findings.iter().filter(|f| f.overdue).cloned().collect();

    let honours = view
        .honours
        .iter()
        .map(|h| HonourView {
            id: &h.id.id,
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
        .collect();
    let appraisals = view
        .appraisals
        .iter()
        .map(|a| AppraisalView {
            id: &a.id.id,
            date: a.date,
            unit: unit(&a.unit.id),
            kind: a.kind,
            kind_label: choice_label(a.kind, locale),
            votes: a.votes,
            comment: a.comment.as_deref(),
        })
        .collect();

    let mut narrative = NarrativeView::default();
    for n in &view.narratives {
        let prose = Prose {
            title: &n.title,
            body: n.body.trim(),
        };
        match n.section {
            Section::Practices => narrative.practices.push(prose),
            Section::Problems => narrative.problems.push(prose),
            Section::Plans => narrative.plans.push(prose),
        }
    }

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
        figures: figures::figures(&records.units, &view),
        evaluation: evaluation_view(&scores, config, locale, &unit, &view),
        units,
        pledges,
        inspections,
        honours,
        appraisals,
        narrative,
        unfulfilled,
        findings,
        overdue,
    }
}

fn default_title(config: &Config, year: i32) -> String {
    match config.locale {
        Locale::ZhCn => format!("{}{year}年度工作总结", config.organisation),
        Locale::En => format!("{}: annual work summary {year}", config.organisation),
    }
}

fn unit_view(u: &Unit) -> UnitView<'_> {
    UnitView {
        id: &u.id,
        name: &u.name,
        short: u.short_name(),
        kind: u.kind.as_deref(),
        parent: u.parent.as_ref().map(|p| p.id.as_str()),
    }
}

/// A choice's label in the report's language.
pub fn choice_label<C: Choice>(choice: C, locale: Locale) -> &'static str {
    match locale {
        Locale::ZhCn => choice.zh(),
        Locale::En => choice.en(),
    }
}

fn evaluation_view<'a>(
    scores: &[UnitScore<'a>],
    config: &'a Config,
    locale: Locale,
    unit: &dyn Fn(&'a str) -> UnitView<'a>,
    view: &YearView<'a>,
) -> EvaluationView<'a> {
    let unrated_name = match locale {
        Locale::ZhCn => "未评定",
        Locale::En => "not rated",
    };
    let rows: Vec<ScoreRow> = scores
        .iter()
        .map(|s| ScoreRow {
            rank: s.rank,
            unit: unit(&s.unit.id),
            pledges: s.pledges.map(scoring::round1),
            inspections: s.inspections.map(scoring::round1),
            appraisal: s.appraisal.map(scoring::round1),
            bonus: s.bonus,
            score: s.score,
            grade: s.grade.unwrap_or(unrated_name),
            rated: s.score.is_some(),
        })
        .collect();
    let mut ranking = rows.clone();
    ranking.sort_by_key(|r| r.rank);
    let grades = config
        .evaluation
        .grades
        .iter()
        .map(|g| GradeCount {
            name: &g.name,
            min: g.min,
            count: scores.iter().filter(|s| s.grade == Some(&g.name)).count(),
        })
        .collect();
    let roster_index: HashMap<&str, usize> = scores
        .iter()
        .enumerate()
        .map(|(i, s)| (s.unit.id.as_str(), i))
        .collect();
    let mut comments: Vec<CommentView> = view
        .appraisals
        .iter()
        .filter_map(|a| {
            let comment = a.comment.as_deref()?;
            (a.kind == AppraisalKind::Leadership).then(|| CommentView {
                unit: unit(&a.unit.id),
                date: a.date,
                comment: comment.trim(),
            })
        })
        .collect();
    comments.sort_by_key(|c| roster_index.get(c.unit.id).copied().unwrap_or(usize::MAX));
    let rules = &config.evaluation;
    EvaluationView {
        unrated: scores.iter().filter(|s| s.score.is_none()).count(),
        rows,
        ranking,
        grades,
        weights: {
            let sum = rules.weight_pledges + rules.weight_inspections + rules.weight_appraisal;
            let share = |w: f64| figures::percent(w, sum).unwrap_or(0.0);
            Weights {
                pledges: share(rules.weight_pledges),
                inspections: share(rules.weight_inspections),
                appraisal: share(rules.weight_appraisal),
            }
        },
        deductions: Deductions {
            minor: rules.deduction_minor,
            major: rules.deduction_major,
        },
        bonus: Bonus {
            unit: rules.bonus_unit,
            member: rules.bonus_member,
            max: rules.bonus_max,
        },
        comments,
    }
}
