//! The evaluation of SPEC §6: each unit's components, bonus, score, grade and
//! rank for the reporting year.
//!
//! Scores are rounded to one decimal before grading and ranking, so that the
//! number a reader sees is the number that decided the grade and the rank.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::compute::period::{YearView, open_on};
use crate::records::model::{
    Evaluation, Finding, Honour, Inspection, PledgeStatus, Severity, Unit,
};

/// One unit's evaluation, and why it came out so.
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
    /// What each component earns towards the score.
    pub points: Points,
    /// Bonus points for honours, capped.
    pub bonus: f64,
    /// The bonus before the cap.
    pub bonus_earned: f64,
    /// The score, one decimal; absent when no component is present.
    pub score: Option<f64>,
    /// The grade's name; absent when unrated.
    pub grade: Option<&'a str>,
    /// The highest grade the score alone would earn, when a share cap or a
    /// veto gave a lower one.
    pub held_back_from: Option<&'a str>,
    /// 1 for the best; equal shown scores share a rank; unrated units last.
    pub rank: usize,
    /// Another unit has the same rank (并列).
    pub tied: bool,
    /// Each finding still open on `as_of`, and the points it deducts from the
    /// inspection component.
    pub deductions: Vec<Deduction<'a>>,
    /// Each honour to the unit or one of its members, and its bonus.
    pub honours: Vec<HonourBonus<'a>>,
    /// The unit's findings marked `veto: true` (open or closed).
    pub vetoes: Vec<(&'a Inspection, &'a Finding)>,
}

/// The points each component adds to the score: weight × component, the
/// weights re-normalised over the components present (SPEC §6).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Points {
    /// The share (0–1) of the score each present component carries:
    /// pledges, inspections, appraisal.
    pub shares: [Option<f64>; 3],
    /// Pledge points.
    pub pledges: Option<f64>,
    /// Inspection points before deductions (the component's full share).
    pub inspections: Option<f64>,
    /// Appraisal points.
    pub appraisal: Option<f64>,
    /// Points the open findings take off the score (at most the inspection share).
    pub deduction: f64,
}

/// An open finding and what it costs.
#[derive(Debug, Clone, PartialEq)]
pub struct Deduction<'a> {
    /// The inspection that found it.
    pub inspection: &'a Inspection,
    /// The finding.
    pub finding: &'a Finding,
    /// Points off the inspection component (`deductions.minor` / `.major`).
    pub points: f64,
}

/// An honour that earns a unit bonus points.
#[derive(Debug, Clone, PartialEq)]
pub struct HonourBonus<'a> {
    /// The ceremony.
    pub honour: &'a Honour,
    /// The award category.
    pub category: &'a str,
    /// The member honoured, or `None` for the unit itself.
    pub person: Option<&'a str>,
    /// Points it earns before the cap.
    pub points: f64,
}

/// Evaluates every unit of the roster, in roster order.
pub fn evaluate<'a>(
    units: &'a [Unit],
    view: &YearView<'a>,
    rules: &'a Evaluation,
) -> Vec<UnitScore<'a>> {
    let by_unit = view.by_unit();
    let honoured = honours_by_unit(view, rules);
    let nothing = YearView::empty(view.period);
    // Each unit is scored on its own: side by side.
    let mut scores: Vec<UnitScore> = units
        .par_iter()
        .map(|unit| {
            let id = unit.id.as_str();
            let mine = by_unit.get(id).unwrap_or(&nothing);
            let honours = honoured.get(id).cloned().unwrap_or_default();
            score_unit(unit, mine, honours, rules)
        })
        .collect();
    rank(&mut scores);
    grade(&mut scores, rules);
    scores
}

/// Ranks by shown score, best first: equal scores share a rank and the
/// next rank skips (1, 1, 3); unrated units come last, sharing one rank.
fn rank(scores: &mut [UnitScore]) {
    let order = rank_order(scores);
    let mut previous: Option<(Option<f64>, usize)> = None;
    for (position, &index) in order.iter().enumerate() {
        let score = scores[index].score;
        let rank = match previous {
            Some((s, r)) if s == score => r,
            _ => position + 1,
        };
        previous = Some((score, rank));
        scores[index].rank = rank;
    }
    let mut sharing: HashMap<usize, usize> = HashMap::new();
    for s in scores.iter() {
        *sharing.entry(s.rank).or_default() += 1;
    }
    for s in scores.iter_mut() {
        s.tied = sharing.get(&s.rank).is_some_and(|&n| n > 1);
    }
}

/// Indices of `scores` in rank order: by shown score descending, then unit id.
pub fn rank_order(scores: &[UnitScore]) -> Vec<usize> {
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
    order
}

/// Gives grades from the highest down (SPEC §6): a unit's score decides its
/// first candidate grade, a veto keeps it at `veto_grade` or below, and a
/// grade with `max_share` takes at most ⌊share × rated⌋ units in rank order,
/// a group of equal scores that would cross the cap falling whole to the
/// next grade, where it is judged again.
fn grade<'a>(scores: &mut [UnitScore<'a>], rules: &'a Evaluation) {
    let grades = &rules.grades;
    let order: Vec<usize> = rank_order(scores)
        .into_iter()
        .filter(|&i| scores[i].score.is_some())
        .collect();
    let rated = order.len();
    let veto_index = rules.veto_index();
    let by_score = |s: f64| {
        grades
            .iter()
            .position(|g| g.min <= s)
            .unwrap_or(grades.len())
    };
    let candidate: Vec<usize> = order
        .iter()
        .map(|&i| {
            let own = by_score(scores[i].score.unwrap_or(0.0));
            if scores[i].vetoes.is_empty() {
                own
            } else {
                own.max(veto_index)
            }
        })
        .collect();
    let mut given: Vec<Option<usize>> = vec![None; rated];
    for (g, grade) in grades.iter().enumerate() {
        let limit = grade.max_share.map_or(rated, |s| cap(s, rated));
        let mut taken = 0;
        let waiting: Vec<usize> = (0..rated)
            .filter(|&k| given[k].is_none() && candidate[k] <= g)
            .collect();
        for group in waiting.chunk_by(|&a, &b| scores[order[a]].score == scores[order[b]].score) {
            if taken + group.len() > limit {
                break;
            }
            taken += group.len();
            for &k in group {
                given[k] = Some(g);
            }
        }
    }
    for (k, &index) in order.iter().enumerate() {
        let own = by_score(scores[index].score.unwrap_or(0.0));
        let g = given[k].unwrap_or(grades.len().saturating_sub(1));
        scores[index].grade = grades.get(g).map(|g| g.name.as_str());
        scores[index].held_back_from = (g > own).then(|| grades[own].name.as_str());
    }
}

/// The most units a grade with `max_share` may take among `rated` units:
/// ⌊share × rated⌋ (a hair of tolerance so that 0.3 × 10 is 3, not 2).
pub fn cap(share: f64, rated: usize) -> usize {
    (share * rated as f64 + 1e-9).floor() as usize
}

/// For each unit id: every honour to the unit or to one of its people.
fn honours_by_unit<'a>(
    view: &YearView<'a>,
    rules: &Evaluation,
) -> HashMap<&'a str, Vec<HonourBonus<'a>>> {
    let mut found: HashMap<&str, Vec<HonourBonus>> = HashMap::new();
    for honour in &view.honours {
        for award in &honour.awards {
            for unit in &award.units {
                found.entry(&unit.id).or_default().push(HonourBonus {
                    honour,
                    category: &award.category,
                    person: None,
                    points: rules.bonus_unit,
                });
            }
            for person in &award.people {
                if let Some(unit) = &person.unit {
                    found.entry(&unit.id).or_default().push(HonourBonus {
                        honour,
                        category: &award.category,
                        person: Some(&person.name),
                        points: rules.bonus_member,
                    });
                }
            }
        }
    }
    found
}

/// Scores one unit from its own records (`view`) and its honours. Sums
/// start from +0.0 (an empty `f64` sum is −0.0, which would print "-0.0").
fn score_unit<'a>(
    unit: &'a Unit,
    view: &YearView<'a>,
    honours: Vec<HonourBonus<'a>>,
    rules: &'a Evaluation,
) -> UnitScore<'a> {
    let pledges = pledge_component(view);
    let deductions = open_deductions(view, rules);
    let deducted = deductions.iter().fold(0.0, |sum, d| sum + d.points);
    let inspections = (!view.inspections.is_empty()).then(|| (100.0 - deducted).max(0.0));
    let appraisal = appraisal_component(view);
    let present = [pledges, inspections, appraisal].map(|c| c.is_some());
    let weights = [
        rules.weight_pledges,
        rules.weight_inspections,
        rules.weight_appraisal,
    ];
    let total: f64 = (0..3).filter(|&k| present[k]).map(|k| weights[k]).sum();
    let shares = [0, 1, 2].map(|k| (present[k] && total > 0.0).then(|| weights[k] / total));
    let points = Points {
        shares,
        pledges: shares[0].zip(pledges).map(|(s, c)| s * c),
        inspections: shares[1].map(|s| s * 100.0),
        appraisal: shares[2].zip(appraisal).map(|(s, c)| s * c),
        deduction: shares[1].map_or(0.0, |s| s * deducted.min(100.0)),
    };
    let bonus_earned = honours.iter().fold(0.0, |sum, h| sum + h.points);
    let bonus = bonus_earned.min(rules.bonus_max);
    let earned = [points.pledges, points.inspections, points.appraisal];
    let sum = earned.iter().flatten().fold(0.0, |sum, p| sum + p) - points.deduction;
    let score = (total > 0.0).then(|| round1((sum + bonus).min(100.0)));
    let vetoes = view
        .inspections
        .iter()
        .flat_map(|i| i.findings.iter().map(move |f| (*i, f)))
        .filter(|(_, f)| f.veto)
        .collect();
    UnitScore {
        unit,
        pledges,
        inspections,
        appraisal,
        points,
        bonus,
        bonus_earned,
        score,
        grade: None,
        held_back_from: None,
        rank: 0,
        tied: false,
        deductions,
        honours,
        vetoes,
    }
}

/// The findings of `view` still open on `as_of`, each with its deduction.
fn open_deductions<'a>(view: &YearView<'a>, rules: &Evaluation) -> Vec<Deduction<'a>> {
    view.inspections
        .iter()
        .flat_map(|i| i.findings.iter().map(move |f| (*i, f)))
        .filter(|(_, f)| open_on(f, view.period.as_of))
        .map(|(inspection, finding)| Deduction {
            inspection,
            finding,
            points: match finding.severity {
                Severity::Minor => rules.deduction_minor,
                Severity::Major => rules.deduction_major,
            },
        })
        .collect()
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
    fn equal_shown_scores_share_a_rank_and_the_next_rank_skips() {
        let given = Given::default()
            .units(&["zeta", "alpha", "none", "mid"])
            .pledge("{unit: zeta, made: 2024-02-01, items: [{text: x, status: partial}]}")
            .pledge("{unit: alpha, made: 2024-02-01, items: [{text: x, status: partial}]}")
            .pledge("{unit: mid, made: 2024-02-01, items: [{text: x, status: missed}]}");
        let ranks: Vec<(String, usize, bool)> = given
            .scores(&Evaluation::default())
            .into_iter()
            .map(|(id, s)| (id, s.rank, s.tied))
            .collect();
        assert_eq!(
            ranks,
            [
                ("zeta".into(), 1, true),
                ("alpha".into(), 1, true),
                ("none".into(), 4, false),
                ("mid".into(), 3, false)
            ]
        );
    }

    /// Units `u0`… each with one pledge of `done` of 10 items done.
    fn scored(done: &[usize]) -> Given {
        let ids: Vec<String> = (0..done.len()).map(|k| format!("u{k}")).collect();
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        let mut given = Given::default().units(&refs);
        for (k, &n) in done.iter().enumerate() {
            let items: Vec<String> = (0..10)
                .map(|j| {
                    let status = if j < n { "done" } else { "missed" };
                    format!("{{text: t{j}, status: {status}}}")
                })
                .collect();
            given = given.pledge(&format!(
                "{{unit: u{k}, made: 2024-02-01, items: [{}]}}",
                items.join(", ")
            ));
        }
        given
    }

    fn capped(share: f64) -> Evaluation {
        let mut rules = Evaluation::default();
        rules.grades[0].max_share = Some(share);
        rules
    }

    fn grades(given: &Given, rules: &Evaluation) -> Vec<(String, Option<String>)> {
        given
            .scores(rules)
            .into_iter()
            .map(|(id, s)| (id, s.grade.map(str::to_owned)))
            .collect()
    }

    #[test]
    fn a_share_cap_gives_the_grade_to_the_best_units_only() {
        // Five units score 100, 100, 90, 90, 90 … and 0.5 of 6 rated is 3.
        let given = scored(&[10, 9, 10, 9, 9, 5]);
        let rules = capped(0.5);
        let got = grades(&given, &rules);
        let names: Vec<&str> = got.iter().map(|(_, g)| g.as_deref().unwrap()).collect();
        // u0, u2 (100) fit; the three at 90 would make 5 > 3: they fall whole.
        assert_eq!(names, ["优秀", "良好", "优秀", "良好", "良好", "较差"]);
        let scores = given.scores(&rules);
        assert_eq!(scores[1].1.held_back_from, Some("优秀"));
        assert_eq!(scores[0].1.held_back_from, None);
    }

    #[test]
    fn a_unit_that_falls_is_judged_again_and_may_fall_twice() {
        // 100, then three at 90, then 80; 0.4 of 5 rated is 2 places a grade.
        let given = scored(&[10, 9, 9, 9, 8]);
        let mut rules = capped(0.4);
        rules.grades[1].max_share = Some(0.4);
        // The three at 90 cross the cap of 优秀 and then of 良好: they fall
        // twice, and u4 (80), ranked below them, does not pass them.
        let names: Vec<Option<String>> = grades(&given, &rules).into_iter().map(|g| g.1).collect();
        let want = ["优秀", "一般", "一般", "一般", "一般"].map(|g| Some(g.to_owned()));
        assert_eq!(names, want);
    }

    #[test]
    fn a_veto_finding_holds_the_grade_at_veto_grade_open_or_closed() {
        let given = scored(&[10, 10])
            .inspection("{date: 2024-05-10, unit: u0, findings: [{issue: 安全事故, status: closed, closed: 2024-06-01, veto: true}]}")
            .inspection("{date: 2024-05-10, unit: u1, findings: []}");
        let rules = Evaluation::default();
        let scores = given.scores(&rules);
        assert_eq!(scores[0].1.score, Some(100.0));
        assert_eq!(scores[0].1.grade, Some("较差"));
        assert_eq!(scores[0].1.vetoes.len(), 1);
        assert_eq!(scores[0].1.held_back_from, Some("优秀"));
        let rules = Evaluation {
            veto_grade: Some("一般".into()),
            ..Evaluation::default()
        };
        assert_eq!(given.scores(&rules)[0].1.grade, Some("一般"));
        assert_eq!(given.scores(&rules)[1].1.grade, Some("优秀"));
    }

    #[test]
    fn points_are_the_weighted_components_and_add_up_to_the_score() {
        let given = Given::default()
            .units(&["a"])
            .pledge("{unit: a, made: 2024-02-01, items: [{text: x, status: done}, {text: y, status: missed}]}")
            .inspection("{date: 2024-05-10, unit: a, findings: [{issue: x, severity: major, status: open}]}");
        let rules = Evaluation::default();
        let scores = given.scores(&rules);
        let p = scores[0].1.points;
        // No appraisal: weights 0.4 and 0.3 re-normalised to 4/7 and 3/7.
        assert!(close(p.pledges, 50.0 * 4.0 / 7.0));
        assert!(close(p.inspections, 300.0 / 7.0));
        assert!((p.deduction - 45.0 / 7.0).abs() < 1e-9);
        assert_eq!(p.appraisal, None);
        assert_eq!(scores[0].1.score, Some(65.0)); // 200/7 + 300/7 − 45/7
        assert_eq!(scores[0].1.deductions[0].points, 15.0);
    }

    #[test]
    fn english_folders_get_english_default_grades() {
        let rules = Evaluation::for_locale(crate::records::model::Locale::En);
        let names: Vec<&str> = rules.grades.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(names, ["Excellent", "Good", "Fair", "Poor"]);
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
