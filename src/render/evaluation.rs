//! The `evaluation` key of the template context: every unit's score as the
//! points each component earns, why it lost or gained points, its grade and
//! rank (并列), and the grade distribution with its ranges and caps.

use std::collections::HashMap;

use serde::Serialize;

use crate::compute::figures;
use crate::compute::period::YearView;
use crate::compute::scoring::{UnitScore, cap, round1};
use crate::records::model::*;
use crate::render::context::{UnitView, choice_label};

/// The evaluation.
#[derive(Debug, Serialize)]
pub struct EvaluationView<'a> {
    /// Every unit, in roster order.
    pub rows: Vec<ScoreRow<'a>>,
    /// Every unit, best first (within a shared rank by unit id); unrated
    /// last: as positions in `rows`, which templates see as the rows
    /// themselves (see [`crate::render::values`]).
    #[serde(skip)]
    pub ranking: Vec<usize>,
    /// Each grade with its range, cap and how many units earned it, highest first.
    pub grades: Vec<GradeCount<'a>>,
    /// Units with a score.
    pub rated: usize,
    /// Units without a score.
    pub unrated: usize,
    /// Units scored on fewer than three components (weights re-normalised).
    pub reweighted: usize,
    /// The weights used, as points of 100.
    pub weights: Weights,
    /// The deductions used.
    pub deductions: Deductions,
    /// The bonus rules used.
    pub bonus: Bonus,
    /// The highest grade a unit with a veto finding can get.
    pub veto_grade: &'a str,
    /// The leadership comments, by roster order then date.
    pub comments: Vec<CommentView<'a>>,
}

/// Each component's weight, as a percentage of the three weights' sum: the
/// points it is worth when every component is present.
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
#[derive(Debug, Serialize)]
pub struct ScoreRow<'a> {
    /// Rank, 1 for the best; equal shown scores share it.
    pub rank: usize,
    /// Another unit shares the rank (并列).
    pub tied: bool,
    /// The unit.
    pub unit: UnitView<'a>,
    /// Pledge component (0–100), or null.
    pub pledges: Option<f64>,
    /// Inspection component (0–100), or null.
    pub inspections: Option<f64>,
    /// Appraisal component (0–100), or null.
    pub appraisal: Option<f64>,
    /// The points each component earns towards the score.
    pub points: PointsView,
    /// Bonus points (capped).
    pub bonus: f64,
    /// Bonus points before the cap.
    pub bonus_earned: f64,
    /// Score (one decimal), or null when unrated.
    pub score: Option<f64>,
    /// Grade name, or 未评定 / "not rated".
    pub grade: &'a str,
    /// Whether the unit has a score.
    pub rated: bool,
    /// Some component is absent, so the weights were re-normalised.
    pub reweighted: bool,
    /// The grade its score alone earns, when a share cap or a veto gave a
    /// lower one; else null.
    pub held_back_from: Option<&'a str>,
    /// Held back by a veto (else, when held back, by a share cap).
    pub vetoed: bool,
    /// 扣分明细: each finding still open on `as_of` and its deduction.
    pub deductions: Vec<DeductionView<'a>>,
    /// Each honour to the unit or a member and its bonus.
    pub honours: Vec<BonusView<'a>>,
    /// The unit's veto findings (一票否决).
    pub vetoes: Vec<VetoView<'a>>,
}

/// What each component adds to a unit's score, one decimal: weight ×
/// component, the weights re-normalised over the components present.
/// `pledges + inspections + appraisal + bonus − deduction` is the score
/// (before rounding and the cap at 100).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct PointsView {
    /// Pledge points, or null.
    pub pledges: Option<f64>,
    /// Inspection points before deductions (the component's full share), or null.
    pub inspections: Option<f64>,
    /// Appraisal points, or null.
    pub appraisal: Option<f64>,
    /// Points taken off the score by open findings.
    pub deduction: f64,
    /// What the inspection component is worth to this unit (for "扣完为止").
    pub inspection_share: Option<f64>,
}

/// An open finding and its deduction.
#[derive(Debug, Serialize)]
pub struct DeductionView<'a> {
    /// The inspection's date.
    pub date: Date,
    /// What was found.
    pub issue: &'a str,
    /// Severity key.
    pub severity: Severity,
    /// Severity label.
    pub severity_label: &'static str,
    /// Points off the inspection component (0–100 scale).
    pub points: f64,
    /// The same, as points off the score (weighted), one decimal.
    pub score_points: f64,
}

/// An honour and its bonus.
#[derive(Debug, Serialize)]
pub struct BonusView<'a> {
    /// The ceremony's date.
    pub date: Date,
    /// The occasion.
    pub occasion: &'a str,
    /// The award category.
    pub category: &'a str,
    /// The member honoured, or null for the unit.
    pub person: Option<&'a str>,
    /// Points it earns (before the cap).
    pub points: f64,
}

/// A veto finding.
#[derive(Debug, Serialize)]
pub struct VetoView<'a> {
    /// The inspection's date.
    pub date: Date,
    /// What was found.
    pub issue: &'a str,
    /// Status label (a veto counts whether open or closed).
    pub status_label: &'static str,
}

/// A grade, its range, its cap and its count.
#[derive(Debug, Serialize)]
pub struct GradeCount<'a> {
    /// Name.
    pub name: &'a str,
    /// Lowest score (inclusive).
    pub min: f64,
    /// Highest score that earns it (the grade above's `min` − 0.1), or null
    /// for the highest grade.
    pub upper: Option<f64>,
    /// `max_share` (0–1), or null.
    pub max_share: Option<f64>,
    /// The most units that may get it (⌊max_share × rated⌋), or null.
    pub cap: Option<usize>,
    /// Units with this grade.
    pub count: usize,
    /// The units with this grade, best first: a report lists them without
    /// walking the whole ranking once for every grade.
    pub units: Vec<UnitView<'a>>,
    /// Units whose score earns this grade but that got a lower one.
    pub held_back: usize,
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
    /// The appraisal's Markdown body, trimmed (empty when none).
    pub body: &'a str,
}

/// Builds the evaluation view from the scores.
pub fn evaluation_view<'a>(
    scores: &[UnitScore<'a>],
    config: &'a Config,
    unit: &dyn Fn(&'a str) -> UnitView<'a>,
    view: &YearView<'a>,
) -> EvaluationView<'a> {
    let locale = config.locale;
    let rows: Vec<ScoreRow> = scores.iter().map(|s| score_row(s, locale, unit)).collect();
    let mut ranking: Vec<usize> = (0..rows.len()).collect();
    ranking.sort_by(|&a, &b| {
        let (a, b) = (&rows[a], &rows[b]);
        (!a.rated, a.rank)
            .cmp(&(!b.rated, b.rank))
            .then_with(|| a.unit.id.cmp(b.unit.id))
    });
    let rules = &config.evaluation;
    let rated = scores.iter().filter(|s| s.score.is_some()).count();
    EvaluationView {
        grades: grade_counts(scores, rules, rated, &rows, &ranking),
        rated,
        unrated: scores.len() - rated,
        reweighted: rows.iter().filter(|r| r.rated && r.reweighted).count(),
        rows,
        ranking,
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
        veto_grade: rules
            .grades
            .get(rules.veto_index())
            .map_or("", |g| g.name.as_str()),
        comments: comments(scores, unit, view),
    }
}

fn score_row<'a>(
    s: &UnitScore<'a>,
    locale: Locale,
    unit: &dyn Fn(&'a str) -> UnitView<'a>,
) -> ScoreRow<'a> {
    let unrated_name = match locale {
        Locale::ZhCn => "未评定",
        Locale::En => "not rated",
    };
    let inspection_share = s.points.shares[1];
    ScoreRow {
        rank: s.rank,
        tied: s.tied,
        unit: unit(&s.unit.id),
        pledges: s.pledges.map(round1),
        inspections: s.inspections.map(round1),
        appraisal: s.appraisal.map(round1),
        points: PointsView {
            pledges: s.points.pledges.map(round1),
            inspections: s.points.inspections.map(round1),
            appraisal: s.points.appraisal.map(round1),
            deduction: round1(s.points.deduction),
            inspection_share: inspection_share.map(|w| round1(100.0 * w)),
        },
        bonus: s.bonus,
        bonus_earned: s.bonus_earned,
        score: s.score,
        grade: s.grade.unwrap_or(unrated_name),
        rated: s.score.is_some(),
        reweighted: s.points.shares.iter().any(Option::is_none),
        held_back_from: s.held_back_from,
        vetoed: s.held_back_from.is_some() && !s.vetoes.is_empty(),
        deductions: s
            .deductions
            .iter()
            .map(|d| DeductionView {
                date: d.inspection.date,
                issue: &d.finding.issue,
                severity: d.finding.severity,
                severity_label: choice_label(d.finding.severity, locale),
                points: d.points,
                score_points: round1(d.points * inspection_share.unwrap_or(0.0)),
            })
            .collect(),
        honours: s
            .honours
            .iter()
            .map(|h| BonusView {
                date: h.honour.date,
                occasion: &h.honour.occasion,
                category: h.category,
                person: h.person,
                points: h.points,
            })
            .collect(),
        vetoes: s
            .vetoes
            .iter()
            .map(|(inspection, finding)| VetoView {
                date: inspection.date,
                issue: &finding.issue,
                status_label: choice_label(finding.status, locale),
            })
            .collect(),
    }
}

/// Each grade of `rules` with the units of `scores` (whose rows are `rows`,
/// best first by `ranking`) given it.
fn grade_counts<'a>(
    scores: &[UnitScore<'a>],
    rules: &'a Evaluation,
    rated: usize,
    rows: &[ScoreRow<'a>],
    ranking: &[usize],
) -> Vec<GradeCount<'a>> {
    let grades = &rules.grades;
    grades
        .iter()
        .enumerate()
        .map(|(k, g)| {
            let units: Vec<UnitView> = ranking
                .iter()
                .filter(|&&at| scores[at].grade == Some(g.name.as_str()))
                .map(|&at| rows[at].unit.clone())
                .collect();
            GradeCount {
                name: &g.name,
                min: g.min,
                upper: k
                    .checked_sub(1)
                    .map(|above| round1(grades[above].min - 0.1)),
                max_share: g.max_share,
                cap: g.max_share.map(|s| cap(s, rated)),
                count: units.len(),
                units,
                held_back: counted(scores, &g.name, |s| s.held_back_from),
            }
        })
        .collect()
}

/// How many of `scores` name the grade `name` where `grade` looks (the
/// grade given, or the one held back from).
fn counted<'a>(
    scores: &[UnitScore<'a>],
    name: &str,
    grade: impl Fn(&UnitScore<'a>) -> Option<&'a str>,
) -> usize {
    scores.iter().filter(|s| grade(s) == Some(name)).count()
}

/// How many units each grade went to, by grade name, highest grade first:
/// a template looks a grade up by its name (`previous.grades["优秀"]`).
/// Units without a score are in none.
#[derive(Debug)]
pub struct GradeTally<'a>(Vec<(&'a str, usize)>);

impl<'a> GradeTally<'a> {
    /// Tallies `scores` over every grade of `rules`.
    pub fn of(scores: &[UnitScore], rules: &'a Evaluation) -> Self {
        GradeTally(
            rules
                .grades
                .iter()
                .map(|g| (g.name.as_str(), counted(scores, &g.name, |s| s.grade)))
                .collect(),
        )
    }
}

impl Serialize for GradeTally<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, count) in &self.0 {
            map.serialize_entry(name, count)?;
        }
        map.end()
    }
}

fn comments<'a>(
    scores: &[UnitScore<'a>],
    unit: &dyn Fn(&'a str) -> UnitView<'a>,
    view: &YearView<'a>,
) -> Vec<CommentView<'a>> {
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
                body: a.body.trim(),
            })
        })
        .collect();
    comments.sort_by_key(|c| roster_index.get(c.unit.id).copied().unwrap_or(usize::MAX));
    comments
}
