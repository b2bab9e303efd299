//! The year's figures for the summary (SPEC §5): counts and rates of pledges,
//! inspections, honours and appraisals, computed once from a [`YearView`].
//!
//! Rates are percentages (0–100) and absent (`None`) when there is nothing to
//! divide by, so a report can say "—" instead of a made-up 0%.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::compute::period::{YearView, open_on, overdue_on};
use crate::records::model::{Appraisal, AppraisalKind, PledgeStatus, Severity, Unit, Votes};

/// All figures of the year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    /// Units on the roster.
    pub units: usize,
    /// Pledge figures.
    pub pledges: PledgeFigures,
    /// Inspection and rectification figures.
    pub inspections: InspectionFigures,
    /// Every honour category with its recipients.
    pub honours: Vec<HonourCategory>,
    /// Honours ceremonies held.
    pub ceremonies: usize,
    /// Units honoured, summed over the categories (a unit honoured in two
    /// categories counts twice).
    pub honoured_units: usize,
    /// People honoured, summed over the categories.
    pub honoured_people: usize,
    /// Public appraisal figures.
    pub appraisal: AppraisalFigures,
}

/// Pledges and their items.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PledgeFigures {
    /// Pledges made.
    pub total: usize,
    /// Pledges made by units themselves.
    pub by_units: usize,
    /// Distinct units that made a pledge of their own.
    pub units: usize,
    /// Pledges made by members.
    pub by_members: usize,
    /// Distinct members who made a pledge.
    pub members: usize,
    /// Items pledged, dropped ones included.
    pub items: usize,
    /// Items counted for fulfilment: all but the dropped ones.
    pub counted: usize,
    /// Items done (fulfilled).
    pub done: usize,
    /// Items partly done.
    pub partial: usize,
    /// Items in progress.
    pub in_progress: usize,
    /// Items planned, not started.
    pub planned: usize,
    /// Items missed.
    pub missed: usize,
    /// Items dropped.
    pub dropped: usize,
    /// done ÷ counted, in percent.
    pub rate: Option<f64>,
}

/// Inspections and the rectification of their findings.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct InspectionFigures {
    /// Inspections held.
    pub held: usize,
    /// Distinct units inspected.
    pub units_covered: usize,
    /// Findings in all.
    pub findings: usize,
    /// Minor findings.
    pub minor: usize,
    /// Major findings.
    pub major: usize,
    /// Findings rectified by `as_of`.
    pub rectified: usize,
    /// Findings still open on `as_of`.
    pub open: usize,
    /// Open findings past their deadline on `as_of`.
    pub overdue: usize,
    /// Commendations recorded.
    pub commendations: usize,
    /// rectified ÷ findings, in percent.
    pub rate: Option<f64>,
}

/// One honour category of the year, its recipients merged over every
/// ceremony in the order first written, each name once.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HonourCategory {
    /// 先进基层党组织 …
    pub category: String,
    /// Short names of the units honoured.
    pub units: Vec<String>,
    /// Names of the people honoured.
    pub people: Vec<String>,
    /// units + people.
    pub count: usize,
}

/// Public appraisal votes of the year.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AppraisalFigures {
    /// Public appraisals held.
    pub public: usize,
    /// Leadership comments given.
    pub leadership: usize,
    /// Votes cast.
    pub votes: u64,
    /// 满意.
    pub satisfied: u64,
    /// 基本满意.
    pub basic: u64,
    /// 不满意.
    pub unsatisfied: u64,
    /// (satisfied + basic) ÷ votes, in percent: the usual 满意率.
    pub satisfaction_rate: Option<f64>,
}

/// `part ÷ whole` in percent, absent when `whole` is 0.
pub fn percent(part: f64, whole: f64) -> Option<f64> {
    (whole > 0.0).then(|| 100.0 * part / whole)
}

/// Computes the figures of the year.
pub fn figures(units: &[Unit], view: &YearView) -> Figures {
    let honours = honour_categories(units, view);
    Figures {
        units: units.len(),
        pledges: pledge_figures(view),
        inspections: inspection_figures(view),
        ceremonies: view.honours.len(),
        honoured_units: honours.iter().map(|c| c.units.len()).sum(),
        honoured_people: honours.iter().map(|c| c.people.len()).sum(),
        honours,
        appraisal: appraisal_figures(view),
    }
}

/// The pledge figures of `view`.
pub fn pledge_figures(view: &YearView) -> PledgeFigures {
    let mut f = PledgeFigures {
        total: view.pledges.len(),
        ..PledgeFigures::default()
    };
    let mut members: Vec<(&str, &str)> = Vec::new();
    let mut units: Vec<&str> = Vec::new();
    for pledge in &view.pledges {
        match &pledge.person {
            Some(person) => {
                f.by_members += 1;
                members.push((person, &pledge.unit.id));
            }
            None => {
                f.by_units += 1;
                units.push(&pledge.unit.id);
            }
        }
        for item in &pledge.items {
            f.items += 1;
            *match item.status {
                PledgeStatus::Done => &mut f.done,
                PledgeStatus::Partial => &mut f.partial,
                PledgeStatus::InProgress => &mut f.in_progress,
                PledgeStatus::Planned => &mut f.planned,
                PledgeStatus::Missed => &mut f.missed,
                PledgeStatus::Dropped => &mut f.dropped,
            } += 1;
        }
    }
    members.sort_unstable();
    members.dedup();
    f.members = members.len();
    units.sort_unstable();
    units.dedup();
    f.units = units.len();
    f.counted = f.items - f.dropped;
    f.rate = percent(f.done as f64, f.counted as f64);
    f
}

/// The inspection figures of `view`.
pub fn inspection_figures(view: &YearView) -> InspectionFigures {
    let as_of = view.period.as_of;
    let mut f = InspectionFigures {
        held: view.inspections.len(),
        ..InspectionFigures::default()
    };
    let mut covered: Vec<&str> = view.inspections.iter().map(|i| &*i.unit.id).collect();
    covered.sort_unstable();
    covered.dedup();
    f.units_covered = covered.len();
    for inspection in &view.inspections {
        f.commendations += inspection.commendations.len();
        for finding in &inspection.findings {
            f.findings += 1;
            match finding.severity {
                Severity::Minor => f.minor += 1,
                Severity::Major => f.major += 1,
            }
            if open_on(finding, as_of) {
                f.open += 1;
            } else {
                f.rectified += 1;
            }
            if overdue_on(finding, as_of) {
                f.overdue += 1;
            }
        }
    }
    f.rate = percent(f.rectified as f64, f.findings as f64);
    f
}

fn honour_categories(units: &[Unit], view: &YearView) -> Vec<HonourCategory> {
    let mut categories: Vec<HonourCategory> = Vec::new();
    // Who each category has already: units by id, people by name and unit,
    // as an award tells them apart, so that the list agrees with the prose.
    let mut seen: Vec<HashSet<(&str, Option<&str>)>> = Vec::new();
    let roster: HashMap<&str, &Unit> = units.iter().map(|u| (u.id.as_str(), u)).collect();
    for award in view.honours.iter().flat_map(|h| &h.awards) {
        let index = match categories.iter().position(|c| c.category == award.category) {
            Some(index) => index,
            None => {
                categories.push(HonourCategory {
                    category: award.category.clone(),
                    units: Vec::new(),
                    people: Vec::new(),
                    count: 0,
                });
                seen.push(HashSet::new());
                categories.len() - 1
            }
        };
        let (category, seen) = (&mut categories[index], &mut seen[index]);
        for unit in &award.units {
            if seen.insert(("", Some(&*unit.id))) {
                let short = roster.get(&*unit.id).map(|u| u.short_name());
                category.units.push(short.unwrap_or(&unit.id).to_owned());
            }
        }
        for person in &award.people {
            let unit = person.unit.as_ref().map(|u| &*u.id);
            if seen.insert((person.name.as_str(), unit)) {
                category.people.push(person.name.clone());
            }
        }
        category.count = category.units.len() + category.people.len();
    }
    categories
}

fn appraisal_figures(view: &YearView) -> AppraisalFigures {
    let mut f = AppraisalFigures::default();
    for appraisal in &view.appraisals {
        match appraisal.kind {
            AppraisalKind::Public => f.public += 1,
            AppraisalKind::Leadership => f.leadership += 1,
        }
    }
    let sum = public_votes(&view.appraisals);
    f.satisfied = sum.satisfied;
    f.basic = sum.basic;
    f.unsatisfied = sum.unsatisfied;
    f.votes = sum.total().unwrap_or(u64::MAX);
    f.satisfaction_rate = percent(sum.satisfied as f64 + sum.basic as f64, f.votes as f64);
    f
}

/// The votes of the public appraisals among `appraisals`, added up. `check`
/// refuses records whose votes overflow in total, so the votes of any part
/// of them fit; were that ever to fail, the counts would stop at the
/// largest number instead of wrapping.
pub fn public_votes(appraisals: &[&Appraisal]) -> Votes {
    appraisals
        .iter()
        .filter(|a| a.kind == AppraisalKind::Public)
        .filter_map(|a| a.votes)
        .fold(Votes::default(), |sum, v| {
            sum.checked_add(&v).unwrap_or(Votes {
                satisfied: sum.satisfied.saturating_add(v.satisfied),
                basic: sum.basic.saturating_add(v.basic),
                unsatisfied: sum.unsatisfied.saturating_add(v.unsatisfied),
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Given;

    #[test]
    fn counts_a_year_of_records() {
        let given = Given::default()
            .units(&["a", "b", "c"])
            .pledge("{unit: a, made: 2024-02-01, items: [{text: x, status: done}, {text: y, status: dropped}]}")
            .pledge("{unit: a, person: 甲, made: 2024-02-01, items: [{text: x, status: partial}, {text: y, status: missed}]}")
            .pledge("{unit: b, person: 甲, made: 2024-02-01, items: [{text: x, status: done}]}")
            .pledge("{unit: c, made: 2023-02-01, items: [{text: old, status: done}]}")
            .inspection(
                "{date: 2024-05-10, unit: a, findings: [
                   {issue: x, status: open, due: 2024-06-01},
                   {issue: y, severity: major, status: open, due: 2025-01-31},
                   {issue: z, status: closed, closed: 2024-06-01},
                   {issue: w, status: closed, closed: 2025-01-05, due: 2024-12-01}]}",
            )
            .inspection("{date: 2024-10-10, unit: a, commendations: [好]}")
            .honour(
                "{date: 2024-07-01, occasion: 七一, awards: [
                   {category: 先进, units: [a, b]}, {category: 党员, people: [甲, 乙]}]}",
            )
            .honour("{date: 2024-12-01, occasion: 年终, awards: [{category: 先进, units: [b, c]}]}")
            .appraisal("{date: 2024-12-20, unit: a, kind: public, votes: {satisfied: 30, basic: 8, unsatisfied: 2}}");
        let f = figures(&given.records.units, &given.view());
        assert_eq!(f.units, 3);
        let p = &f.pledges;
        assert_eq!((p.total, p.by_units, p.units, p.by_members), (3, 1, 1, 2));
        // 甲 of unit a and 甲 of unit b are two members.
        assert_eq!(p.members, 2);
        assert_eq!(
            (p.items, p.counted, p.done, p.partial, p.missed, p.dropped),
            (5, 4, 2, 1, 1, 1)
        );
        assert_eq!(p.rate, Some(50.0));
        let i = &f.inspections;
        assert_eq!(
            (i.held, i.units_covered, i.findings, i.minor, i.major),
            (2, 1, 4, 3, 1)
        );
        // Closed after as_of counts as open, and is overdue; y is open but not yet due.
        assert_eq!(
            (i.rectified, i.open, i.overdue, i.commendations),
            (1, 3, 2, 1)
        );
        assert_eq!(i.rate, Some(25.0));
        let names: Vec<(&str, Vec<&str>, usize)> = f
            .honours
            .iter()
            .map(|c| {
                (
                    c.category.as_str(),
                    c.units
                        .iter()
                        .chain(&c.people)
                        .map(String::as_str)
                        .collect(),
                    c.count,
                )
            })
            .collect();
        assert_eq!(
            names,
            [
                ("先进", vec!["a", "b", "c"], 3),
                ("党员", vec!["甲", "乙"], 2)
            ]
        );
        assert_eq!(
            (f.ceremonies, f.honoured_units, f.honoured_people),
            (2, 3, 2)
        );
        let a = &f.appraisal;
        assert_eq!((a.public, a.votes), (1, 40));
        assert_eq!(a.satisfaction_rate, Some(95.0));
    }

    #[test]
    fn rates_are_absent_without_anything_to_count() {
        let given = Given::default().units(&["a"]);
        let f = figures(&given.records.units, &given.view());
        assert_eq!(
            (
                f.pledges.rate,
                f.inspections.rate,
                f.appraisal.satisfaction_rate
            ),
            (None, None, None)
        );
    }

    #[test]
    fn namesakes_of_two_units_are_two_recipients_in_the_list() {
        let given = Given::default()
            .units(&["a", "b"])
            .honour(
                "{date: 2024-07-01, occasion: 七一, awards: [
                   {category: 党员, people: [{name: 甲, unit: a}, {name: 甲, unit: b}]}]}",
            )
            .honour("{date: 2024-12-01, occasion: 年终, awards: [{category: 党员, people: [{name: 甲, unit: a}]}]}");
        let f = figures(&given.records.units, &given.view());
        assert_eq!(f.honours[0].people, ["甲", "甲"]);
        assert_eq!(f.honours[0].count, 2);
    }

    #[test]
    fn votes_near_the_largest_number_give_a_true_rate() {
        let big = u64::MAX / 4;
        let given = Given::default()
            .units(&["a"])
            .appraisal(&format!("{{date: 2024-12-20, unit: a, kind: public, votes: {{satisfied: {big}, basic: 0, unsatisfied: 0}}}}"))
            .appraisal(&format!("{{date: 2024-12-21, unit: a, kind: public, votes: {{satisfied: {big}, basic: {big}, unsatisfied: 0}}}}"));
        let a = figures(&given.records.units, &given.view()).appraisal;
        assert_eq!(a.votes, 3 * big);
        assert_eq!(a.satisfaction_rate, Some(100.0));
    }
}
