//! The typed context turned into the template engine's values, for one
//! group of reports at a time.
//!
//! A context of 100 000 records is mostly its long lists, and the engine's
//! value of a record is several times the size of the typed view it comes
//! from. So the long lists are converted only when the reports that name
//! them are about to be rendered, and freed with those reports' context:
//! the reports that name a list in common are one group, rendered side by
//! side, and when the lists are long the groups come one after another
//! (see [`groups`]), so that one group's lists live at a time.
//! A row that two lists show is converted once and shared: the overdue
//! findings are findings of the ledger, and the ranking holds the rows of
//! the evaluation in another order.

use std::collections::BTreeSet;

use rayon::prelude::*;
use serde::Serialize;
use tera::Value;
use tera::value::{Key, Map};

use crate::render::context::{
    AppraisalView, Context, FindingView, HonourView, InspectionView, Ledger, PledgeView,
    UnfulfilledItem,
};
use crate::render::evaluation::ScoreRow;

/// A long list of the context, which a template names by its key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum List {
    /// The ledger's findings.
    Findings,
    /// The overdue findings.
    Overdue,
    /// The unfulfilled pledge items.
    Unfulfilled,
    /// The year's pledges.
    Pledges,
    /// The year's inspections.
    Inspections,
    /// The year's honours.
    Honours,
    /// The year's appraisals.
    Appraisals,
    /// The evaluation's rows and ranking (a template names `evaluation`,
    /// other than through one of [`List::spared`]).
    Evaluation,
}

impl List {
    /// Every long list.
    pub const ALL: [List; 8] = [
        List::Findings,
        List::Overdue,
        List::Unfulfilled,
        List::Pledges,
        List::Inspections,
        List::Honours,
        List::Appraisals,
        List::Evaluation,
    ];

    /// The context key by which a template names the list.
    pub fn key(self) -> &'static str {
        match self {
            List::Findings => "findings",
            List::Overdue => "overdue",
            List::Unfulfilled => "unfulfilled",
            List::Pledges => "pledges",
            List::Inspections => "inspections",
            List::Honours => "honours",
            List::Appraisals => "appraisals",
            List::Evaluation => "evaluation",
        }
    }

    /// The attributes of the list's key that a template reads without the
    /// list: the evaluation's grades (with their units), counts and rules
    /// are there without its rows and ranking.
    pub fn spared(self) -> &'static [&'static str] {
        match self {
            List::Evaluation => &[
                "grades",
                "rated",
                "unrated",
                "reweighted",
                "weights",
                "deductions",
                "bonus",
                "veto_grade",
                "comments",
            ],
            _ => &[],
        }
    }
}

/// How many rows of long lists the reports are rendered side by side
/// with, all lists made at once: at 100 000 record files the summary's and
/// the evaluation's lists are 84 000 rows and 112 MB of values. Above it,
/// the reports that share no list are rendered one group after another,
/// their lists made and freed in turn, which keeps the memory of a build
/// of 100 000 records lower (the ledger's 50 000 rows come after) at the
/// price of a core idle while one report renders alone.
pub const SIDE_BY_SIDE: usize = 100_000;

/// Reports rendered side by side with one context, and the long lists
/// they name.
#[derive(Debug, PartialEq, Eq)]
pub struct Group {
    /// The long lists named by the group's reports.
    pub lists: BTreeSet<List>,
    /// The group's reports, as positions in report order.
    pub reports: Vec<usize>,
}

/// The reports, whose long lists are `lists` (in report order), in the
/// groups they are rendered in: reports that share a list are one group;
/// a report that names no long list joins the first; groups follow one
/// another in the order of their first report, and consecutive groups are
/// rendered as one while their lists hold at most `side_by_side` `rows`
/// together ([`SIDE_BY_SIDE`] in a build).
pub fn groups(
    lists: &[BTreeSet<List>],
    rows: impl Fn(List) -> usize,
    side_by_side: usize,
) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for (at, names) in lists.iter().enumerate() {
        let this = Group {
            lists: names.clone(),
            reports: vec![at],
        };
        let shares = |group: &Group| !group.lists.is_disjoint(names);
        let first = groups.iter().position(shares);
        let Some(first) = first.or((names.is_empty() && !groups.is_empty()).then_some(0)) else {
            groups.push(this);
            continue;
        };
        // Later groups that share a list with this report merge into the
        // first.
        let mut index = first + 1;
        while index < groups.len() {
            if shares(&groups[index]) {
                let later = groups.remove(index);
                merge(&mut groups[first], later);
            } else {
                index += 1;
            }
        }
        merge(&mut groups[first], this);
    }
    merge_while_short(groups, rows, side_by_side)
}

/// `groups` with consecutive ones merged while their lists hold at most
/// `side_by_side` `rows` together.
fn merge_while_short(
    groups: Vec<Group>,
    rows: impl Fn(List) -> usize,
    side_by_side: usize,
) -> Vec<Group> {
    let total = |group: &Group| group.lists.iter().map(|&list| rows(list)).sum::<usize>();
    let mut merged: Vec<Group> = Vec::new();
    for group in groups {
        match merged.last_mut() {
            Some(last) if total(last) + total(&group) <= side_by_side => merge(last, group),
            _ => merged.push(group),
        }
    }
    merged
}

/// `other` made part of `group`, its reports kept in report order.
fn merge(group: &mut Group, other: Group) {
    group.lists.extend(other.lists);
    group.reports.extend(other.reports);
    group.reports.sort_unstable();
}

/// The context's values without its long lists, and the long lists still
/// typed until a group of reports asks for them.
pub struct Values<'a> {
    /// Every key but the long lists (which stand in it as empty lists) and
    /// the evaluation.
    base: tera::Context,
    /// The evaluation without its rows and ranking.
    evaluation: Map,
    lists: Lists<'a>,
}

/// The long lists of a context, taken out of it.
struct Lists<'a> {
    ledger: Ledger<'a>,
    unfulfilled: Vec<UnfulfilledItem<'a>>,
    pledges: Vec<PledgeView<'a>>,
    inspections: Vec<InspectionView<'a>>,
    honours: Vec<HonourView<'a>>,
    appraisals: Vec<AppraisalView<'a>>,
    rows: Vec<ScoreRow<'a>>,
    ranking: Vec<usize>,
}

impl<'a> Values<'a> {
    /// Converts everything of `context` but its long lists, which are kept
    /// for [`Values::context`].
    pub fn new(mut context: Context<'a>) -> tera::TeraResult<Values<'a>> {
        let unfulfilled = std::mem::take(&mut context.unfulfilled);
        let pledges = std::mem::take(&mut context.pledges);
        let inspections = std::mem::take(&mut context.inspections);
        let honours = std::mem::take(&mut context.honours);
        let appraisals = std::mem::take(&mut context.appraisals);
        let rows = std::mem::take(&mut context.evaluation.rows);
        let ranking = std::mem::take(&mut context.evaluation.ranking);
        let mut base = tera::Context::from_serialize(&context)?;
        for list in [List::Findings, List::Overdue] {
            base.insert_value(list.key(), Value::from(Vec::<Value>::new()));
        }
        let lists = Lists {
            ledger: context.ledger,
            unfulfilled,
            pledges,
            inspections,
            honours,
            appraisals,
            rows,
            ranking,
        };
        let evaluation = base
            .remove(List::Evaluation.key())
            .and_then(Value::into_map)
            .unwrap_or_default();
        Ok(Values {
            base,
            evaluation,
            lists,
        })
    }

    /// How many rows `list` holds.
    pub fn rows(&self, list: List) -> usize {
        let lists = &self.lists;
        match list {
            List::Findings => lists.ledger.count(),
            List::Overdue => lists.ledger.overdue(),
            List::Unfulfilled => lists.unfulfilled.len(),
            List::Pledges => lists.pledges.len(),
            List::Inspections => lists.inspections.len(),
            List::Honours => lists.honours.len(),
            List::Appraisals => lists.appraisals.len(),
            List::Evaluation => lists.rows.len(),
        }
    }

    /// The whole context of the reports that name `wanted`: the lists not
    /// wanted are empty. Each wanted list is converted here and its typed
    /// views freed, so a list serves one group of reports; the ledger's
    /// rows are made here too, for each group that shows them.
    pub fn context(&mut self, wanted: &BTreeSet<List>) -> tera::TeraResult<tera::Context> {
        let mut tera = self.base.clone();
        self.put_ledger(&mut tera, wanted)?;
        let lists = &mut self.lists;
        put(&mut tera, wanted, List::Unfulfilled, &mut lists.unfulfilled)?;
        put(&mut tera, wanted, List::Pledges, &mut lists.pledges)?;
        put(&mut tera, wanted, List::Inspections, &mut lists.inspections)?;
        put(&mut tera, wanted, List::Honours, &mut lists.honours)?;
        put(&mut tera, wanted, List::Appraisals, &mut lists.appraisals)?;
        let evaluation = self.evaluation_with_rows(wanted.contains(&List::Evaluation))?;
        tera.insert_value(List::Evaluation.key(), evaluation);
        Ok(tera)
    }

    /// The ledger's findings and the overdue ones into `tera`, those of the
    /// two that `wanted` names; an overdue finding shares the ledger's value
    /// when both are named.
    fn put_ledger(
        &self,
        tera: &mut tera::Context,
        wanted: &BTreeSet<List>,
    ) -> tera::TeraResult<()> {
        let (findings, overdue) = (
            wanted.contains(&List::Findings),
            wanted.contains(&List::Overdue),
        );
        if !findings && !overdue {
            return Ok(());
        }
        if findings {
            let rows = self.lists.ledger.rows();
            let values = values(&rows)?;
            if overdue {
                tera.insert_value(List::Overdue.key(), Value::from(overdue_of(&rows, &values)));
            }
            tera.insert_value(List::Findings.key(), Value::from(values));
        } else {
            let late = self.lists.ledger.overdue_rows();
            tera.insert_value(List::Overdue.key(), Value::from(values(&late)?));
        }
        Ok(())
    }

    /// The evaluation, with its rows and ranking when `wanted` (converted
    /// and their typed views freed), else with both empty.
    fn evaluation_with_rows(&mut self, wanted: bool) -> tera::TeraResult<Value> {
        let mut evaluation = self.evaluation.clone();
        let (rows, ranking) = if wanted {
            let rows = values(&self.lists.rows)?;
            let ranking = ranked(&self.lists.ranking, &rows);
            self.lists.rows = Vec::new();
            self.lists.ranking = Vec::new();
            (rows, ranking)
        } else {
            (Vec::new(), Vec::new())
        };
        evaluation.insert(Key::Str("rows"), Value::from(rows));
        evaluation.insert(Key::Str("ranking"), Value::from(ranking));
        Ok(Value::from(evaluation))
    }
}

/// Each item of `list` as the engine's value, converted on rayon's threads
/// in order.
fn values<T: Serialize + Sync>(list: &[T]) -> tera::TeraResult<Vec<Value>> {
    list.par_iter().map(Value::try_from_serializable).collect()
}

/// `list` as `tera`'s value of `which` when `wanted` names it, emptied so
/// that its typed views are freed.
fn put<T: Serialize + Sync>(
    tera: &mut tera::Context,
    wanted: &BTreeSet<List>,
    which: List,
    list: &mut Vec<T>,
) -> tera::TeraResult<()> {
    if wanted.contains(&which) {
        let converted = values(list)?;
        *list = Vec::new();
        tera.insert_value(which.key(), Value::from(converted));
    }
    Ok(())
}

/// The overdue findings as the ledger's values (the overdue list is the
/// ledger's overdue findings, in ledger order).
fn overdue_of(findings: &[FindingView], values: &[Value]) -> Vec<Value> {
    findings
        .iter()
        .zip(values)
        .filter(|(finding, _)| finding.overdue)
        .map(|(_, value)| value.clone())
        .collect()
}

/// The ranking as the rows' values.
fn ranked(ranking: &[usize], rows: &[Value]) -> Vec<Value> {
    ranking
        .iter()
        .filter_map(|&at| rows.get(at).cloned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(lists: &[List]) -> BTreeSet<List> {
        lists.iter().copied().collect()
    }

    fn reports(groups: &[Group]) -> Vec<Vec<usize>> {
        groups.iter().map(|g| g.reports.clone()).collect()
    }

    /// The built-in reports' lists: the summary's, the evaluation's, the ledger's.
    fn builtin() -> Vec<BTreeSet<List>> {
        vec![
            set(&[List::Overdue, List::Unfulfilled, List::Honours]),
            set(&[List::Evaluation]),
            set(&[List::Findings]),
        ]
    }

    /// The rows of each list of the benchmark's folder of 100 000 record
    /// files.
    fn at_100k(list: List) -> usize {
        match list {
            List::Overdue => 12_444,
            List::Unfulfilled => 46_185,
            List::Honours => 3,
            List::Evaluation => 25_000,
            List::Findings => 49_760,
            _ => 0,
        }
    }

    /// Reports that share lists: a summary that also shows the evaluation's
    /// rows, the evaluation, the ledger.
    fn sharing() -> Vec<BTreeSet<List>> {
        vec![
            set(&[List::Evaluation, List::Overdue, List::Unfulfilled]),
            set(&[List::Evaluation]),
            set(&[List::Findings]),
        ]
    }

    #[test]
    fn short_lists_render_every_report_side_by_side() {
        let groups = groups(&builtin(), |_| 1_000, SIDE_BY_SIDE);
        assert_eq!(reports(&groups), [vec![0, 1, 2]]);
    }

    #[test]
    fn at_100k_the_ledger_comes_after_the_summary_and_the_evaluation() {
        let groups = groups(&builtin(), at_100k, SIDE_BY_SIDE);
        assert_eq!(reports(&groups), [vec![0, 1], vec![2]]);
        assert_eq!(groups[1].lists, set(&[List::Findings]));
    }

    #[test]
    fn long_lists_keep_apart_the_reports_that_share_none() {
        let groups = groups(&sharing(), |_| 40_000, SIDE_BY_SIDE);
        assert_eq!(reports(&groups), [vec![0, 1], vec![2]]);
        assert_eq!(groups[1].lists, set(&[List::Findings]));
    }

    #[test]
    fn a_report_sharing_lists_with_two_groups_joins_them() {
        let mut lists = sharing();
        lists.push(set(&[List::Pledges]));
        lists.push(set(&[List::Findings, List::Unfulfilled]));
        let groups = groups(&lists, |_| 40_000, 0);
        assert_eq!(reports(&groups), [vec![0, 1, 2, 4], vec![3]]);
    }

    #[test]
    fn a_report_without_long_lists_joins_the_first_group() {
        let mut lists = sharing();
        lists.insert(0, set(&[List::Honours]));
        lists.push(BTreeSet::new());
        let groups = groups(&lists, |_| 40_000, 0);
        assert_eq!(reports(&groups), [vec![0, 4], vec![1, 2], vec![3]]);
    }
}
