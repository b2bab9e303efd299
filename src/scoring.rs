//! The evaluation of SPEC §6: each unit's components, bonus, score, grade and
//! rank for the reporting year.
//!
//! Scores are rounded to one decimal before grading and ranking, so that the
//! number a reader sees is the number that decided the grade and the rank.

use crate::model::{AppraisalKind, Evaluation, PledgeStatus, Severity, Unit};
use crate::period::{YearView, open_on};

/// One unit's evaluation.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitScore<'a> {
    /// The unit.
    pub unit: &'a Unit,
    /// Pledge fulfilment, 0–100; absent without items.
    pub pledges: Option<f64>,
    /// Inspection result, 0–100; absent without inspections.
    pub inspections: Option<f64>,
    /// Public appraisal, 0–100; absent without votes.
    pub appraisal: Option<f64>,
    /// Bonus points for honours, capped.
    pub bonus: f64,
    /// The score, one decimal; absent when no component is present.
    pub score: Option<f64>,
    /// The grade's name; absent when unrated.
    pub grade: Option<&'a str>,
    /// 1 for the best; unrated units come last.
    pub rank: usize,
}

/// Evaluates every unit of the roster, in roster order.
pub fn evaluate<'a>(
    units: &'a [Unit],
    view: &YearView,
    rules: &'a Evaluation,
) -> Vec<UnitScore<'a>> {
    let mut scores: Vec<UnitScore> = units
        .iter()
        .map(|unit| score_unit(unit, view, rules))
        .collect();
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| {
        let (sa, sb) = (&scores[a], &scores[b]);
        match (sa.score, sb.score) {
            (Some(x), Some(y)) => y.total_cmp(&x),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
        .then_with(|| sa.unit.id.cmp(&sb.unit.id))
    });
    for (rank, index) in order.into_iter().enumerate() {
        scores[index].rank = rank + 1;
    }
    scores
}

fn score_unit<'a>(unit: &'a Unit, view: &YearView, rules: &'a Evaluation) -> UnitScore<'a> {
    let pledges = pledge_component(unit, view);
    let inspections = inspection_component(unit, view, rules);
    let appraisal = appraisal_component(unit, view);
    let bonus = bonus(unit, view, rules);
    let weighted = [
        (pledges, rules.weight_pledges),
        (inspections, rules.weight_inspections),
        (appraisal, rules.weight_appraisal),
    ];
    let weight: f64 = weighted
        .iter()
        .filter(|(c, _)| c.is_some())
        .map(|(_, w)| w)
        .sum();
    let sum: f64 = weighted.iter().filter_map(|(c, w)| c.map(|c| c * w)).sum();
    let score = (weight > 0.0).then(|| round1((sum / weight + bonus).min(100.0)));
    let grade = score.and_then(|s| {
        rules
            .grades
            .iter()
            .find(|g| g.min <= s)
            .map(|g| g.name.as_str())
    });
    UnitScore {
        unit,
        pledges,
        inspections,
        appraisal,
        bonus,
        score,
        grade,
        rank: 0,
    }
}

/// Rounds to one decimal, halves away from zero.
pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn pledge_component(unit: &Unit, view: &YearView) -> Option<f64> {
    let items = view
        .pledges
        .iter()
        .filter(|p| p.unit.id == unit.id)
        .flat_map(|p| &p.items)
        .filter(|i| i.status != PledgeStatus::Dropped);
    let (mut count, mut earned) = (0usize, 0.0);
    for item in items {
        count += 1;
        earned += match item.status {
            PledgeStatus::Done => 1.0,
            PledgeStatus::Partial => 0.5,
            _ => 0.0,
        };
    }
    (count > 0).then(|| 100.0 * earned / count as f64)
}

fn inspection_component(unit: &Unit, view: &YearView, rules: &Evaluation) -> Option<f64> {
    let mut inspections = view
        .inspections
        .iter()
        .filter(|i| i.unit.id == unit.id)
        .peekable();
    inspections.peek()?;
    let deducted: f64 = inspections
        .flat_map(|i| &i.findings)
        .filter(|f| open_on(f, view.period.as_of))
        .map(|f| match f.severity {
            Severity::Minor => rules.deduction_minor,
            Severity::Major => rules.deduction_major,
        })
        .sum();
    Some((100.0 - deducted).max(0.0))
}

fn appraisal_component(unit: &Unit, view: &YearView) -> Option<f64> {
    let (mut satisfied, mut basic, mut total) = (0u64, 0u64, 0u64);
    for votes in view
        .appraisals
        .iter()
        .filter(|a| a.unit.id == unit.id && a.kind == AppraisalKind::Public)
        .filter_map(|a| a.votes)
    {
        satisfied += votes.satisfied;
        basic += votes.basic;
        total += votes.satisfied + votes.basic + votes.unsatisfied;
    }
    (total > 0).then(|| 100.0 * (satisfied as f64 + 0.5 * basic as f64) / total as f64)
}

fn bonus(unit: &Unit, view: &YearView, rules: &Evaluation) -> f64 {
    let awards = view.honours.iter().flat_map(|h| &h.awards);
    let (mut to_unit, mut to_members) = (0usize, 0usize);
    for award in awards {
        to_unit += award.units.iter().filter(|u| u.id == unit.id).count();
        to_members += award
            .people
            .iter()
            .filter(|p| p.unit.as_ref().is_some_and(|u| u.id == unit.id))
            .count();
    }
    let earned = rules.bonus_unit * to_unit as f64 + rules.bonus_member * to_members as f64;
    earned.min(rules.bonus_max)
}
