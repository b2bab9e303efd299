//! The evaluation of SPEC §6: each unit's components, bonus, score, grade and
//! rank for the reporting year.
//!
//! Scores are rounded to one decimal before grading and ranking, so that the
//! number a reader sees is the number that decided the grade and the rank.

use std::collections::HashMap;

use crate::compute::period::{YearView, open_on};
use crate::records::model::{Evaluation, PledgeStatus, Severity, Unit};

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
    let by_unit = view.by_unit();
    let honoured = honours_by_unit(view);
    let nothing = YearView::empty(view.period);
    let mut scores: Vec<UnitScore> = units
        .iter()
        .map(|unit| {
            let id = unit.id.as_str();
            let mine = by_unit.get(id).unwrap_or(&nothing);
            let (to_unit, to_members) = honoured.get(id).copied().unwrap_or_default();
            let earned = rules.bonus_unit * to_unit as f64 + rules.bonus_member * to_members as f64;
            score_unit(unit, mine, earned.min(rules.bonus_max), rules)
        })
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

/// For each unit id: honours awarded to the unit, and to people of the unit.
fn honours_by_unit<'a>(view: &YearView<'a>) -> HashMap<&'a str, (usize, usize)> {
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    for award in view.honours.iter().flat_map(|h| &h.awards) {
        for unit in &award.units {
            counts.entry(&unit.id).or_default().0 += 1;
        }
        for unit in award.people.iter().filter_map(|p| p.unit.as_ref()) {
            counts.entry(&unit.id).or_default().1 += 1;
        }
    }
    counts
}

/// Scores one unit from its own records (`view`) and its capped bonus.
fn score_unit<'a>(
    unit: &'a Unit,
    view: &YearView,
    bonus: f64,
    rules: &'a Evaluation,
) -> UnitScore<'a> {
    let pledges = pledge_component(view);
    let inspections = inspection_component(view, rules);
    let appraisal = appraisal_component(view);
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
    // Each weight as a share of the present ones first: a large weight
    // times a component cannot overflow.
    let score = (weight > 0.0).then(|| {
        let mean: f64 = weighted
            .iter()
            .filter_map(|(c, w)| c.map(|c| c * (w / weight)))
            .sum();
        round1((mean + bonus).min(100.0))
    });
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

fn pledge_component(view: &YearView) -> Option<f64> {
    let items = view
        .pledges
        .iter()
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

fn inspection_component(view: &YearView, rules: &Evaluation) -> Option<f64> {
    if view.inspections.is_empty() {
        return None;
    }
    let deducted: f64 = view
        .inspections
        .iter()
        .flat_map(|i| &i.findings)
        .filter(|f| open_on(f, view.period.as_of))
        .map(|f| match f.severity {
            Severity::Minor => rules.deduction_minor,
            Severity::Major => rules.deduction_major,
        })
        .sum();
    Some((100.0 - deducted).max(0.0))
}

fn appraisal_component(view: &YearView) -> Option<f64> {
    let votes = crate::compute::figures::public_votes(&view.appraisals);
    let total = votes.total().unwrap_or(u64::MAX);
    (total > 0).then(|| 100.0 * (votes.satisfied as f64 + 0.5 * votes.basic as f64) / total as f64)
}

#[cfg(test)]
mod tests {
    use crate::records::model::Evaluation;
    use crate::testing::Given;

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-9)
    }

    #[test]
    fn pledges_count_partial_as_half_and_leave_out_dropped_items() {
        let given = Given::default().units(&["a", "b"]).pledge(
            "{unit: a, made: 2024-02-01, items: [{text: x, status: done}, {text: y, status: 已完成},
              {text: z, status: partial}, {text: w, status: missed}, {text: v, status: dropped}]}",
        ).pledge("{unit: b, made: 2024-02-01, items: [{text: x, status: dropped}]}");
        let rules = Evaluation::default();
        let scores = given.scores(&rules);
        // (2 + 0.5) / 4 items
        assert!(close(scores[0].1.pledges, 62.5));
        // Every item dropped: no component, and so no score.
        assert_eq!(scores[1].1.pledges, None);
        assert_eq!(scores[1].1.score, None);
        assert_eq!(scores[1].1.grade, None);
    }

    #[test]
    fn inspections_deduct_for_findings_still_open_on_as_of() {
        let given = Given::default()
            .units(&["a", "b", "c"])
            .inspection(
                "{date: 2024-05-10, unit: a, findings: [
                   {issue: x, status: open},
                   {issue: y, severity: major, status: open},
                   {issue: z, severity: major, status: closed, closed: 2024-06-01}]}",
            )
            // Closed only after as_of: still open on it.
            .inspection(
                "{date: 2024-10-10, unit: b, findings: [{issue: x, status: closed, closed: 2025-01-05}]}",
            )
            .inspection(
                "{date: 2024-10-10, unit: c, findings: [
                   {issue: a, severity: major, status: open}, {issue: b, severity: major, status: open},
                   {issue: c, severity: major, status: open}, {issue: d, severity: major, status: open},
                   {issue: e, severity: major, status: open}, {issue: f, severity: major, status: open},
                   {issue: g, severity: major, status: open}]}",
            );
        let rules = Evaluation::default();
        let scores = given.scores(&rules);
        assert!(close(scores[0].1.inspections, 80.0)); // 100 - 5 - 15
        assert!(close(scores[1].1.inspections, 95.0));
        assert!(close(scores[2].1.inspections, 0.0)); // 7 × 15 > 100: floored at 0
    }

    #[test]
    fn appraisal_sums_public_votes_and_counts_basic_as_half() {
        let given = Given::default()
            .units(&["a", "b"])
            .appraisal("{date: 2024-12-20, unit: a, kind: public, votes: {satisfied: 30, basic: 8, unsatisfied: 2}}")
            .appraisal("{date: 2024-12-21, unit: a, kind: 群众评议, votes: {satisfied: 15, basic: 0, unsatisfied: 0}}")
            .appraisal("{date: 2024-12-21, unit: b, kind: leadership, comment: 好}")
            .appraisal("{date: 2024-12-21, unit: b, kind: public, votes: {satisfied: 0, basic: 0, unsatisfied: 0}}");
        let rules = Evaluation::default();
        let scores = given.scores(&rules);
        // (45 + 4) / 55
        assert!(close(scores[0].1.appraisal, 100.0 * 49.0 / 55.0));
        assert_eq!(scores[1].1.appraisal, None);
    }

    #[test]
    fn absent_components_are_reweighted_and_the_bonus_is_capped() {
        let given = Given::default()
            .units(&["a"])
            .pledge("{unit: a, made: 2024-02-01, items: [{text: x, status: done}, {text: y, status: missed}]}")
            .appraisal("{date: 2024-12-20, unit: a, kind: public, votes: {satisfied: 6, basic: 2, unsatisfied: 2}}")
            .honour(
                "{date: 2024-07-01, occasion: 七一, awards: [
                   {category: 先进, units: [a]}, {category: 示范, units: [a]},
                   {category: 优秀党员, people: [{name: 甲, unit: a}, 乙]}]}",
            );
        let rules = Evaluation::default();
        let scores = given.scores(&rules);
        let a = &scores[0].1;
        // pledges 50 (0.4), appraisal 70 (0.3), no inspection: (20 + 21) / 0.7
        // = 58.571…; bonus 3 + 3 + 1 = 7, capped at 5.
        assert_eq!(a.bonus, 5.0);
        assert_eq!(a.score, Some(63.6));
        assert_eq!(a.grade, Some("一般"));
    }

    #[test]
    fn the_score_is_capped_at_100() {
        let given = Given::default()
            .units(&["a"])
            .pledge("{unit: a, made: 2024-02-01, items: [{text: x, status: done}]}")
            .honour("{date: 2024-07-01, occasion: 七一, awards: [{category: 先进, units: [a]}]}");
        let rules = Evaluation::default();
        assert_eq!(given.scores(&rules)[0].1.score, Some(100.0));
    }

    #[test]
    fn ranks_by_score_then_unit_id_with_unrated_units_last() {
        let given = Given::default()
            .units(&["zeta", "alpha", "none", "mid"])
            .pledge("{unit: zeta, made: 2024-02-01, items: [{text: x, status: partial}]}")
            .pledge("{unit: alpha, made: 2024-02-01, items: [{text: x, status: partial}]}")
            .pledge("{unit: mid, made: 2024-02-01, items: [{text: x, status: missed}]}");
        let ranks: Vec<(String, usize)> = given
            .scores(&Evaluation::default())
            .into_iter()
            .map(|(id, s)| (id, s.rank))
            .collect();
        assert_eq!(
            ranks,
            [
                ("zeta".into(), 2),
                ("alpha".into(), 1),
                ("none".into(), 4),
                ("mid".into(), 3)
            ]
        );
    }

    #[test]
    fn records_of_other_years_are_left_out() {
        let given = Given::default()
            .units(&["a"])
            .pledge("{unit: a, made: 2023-02-01, items: [{text: x, status: missed}]}")
            .pledge("{unit: a, made: 2023-12-01, year: 2024, items: [{text: x, status: done}]}");
        let rules = Evaluation::default();
        assert!(close(given.scores(&rules)[0].1.pledges, 100.0));
    }
}
