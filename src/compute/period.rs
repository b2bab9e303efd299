//! The reporting period (year, `as_of`, signature date) and the records that
//! fall in it: what every figure, score and report is computed over.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use crate::records::model::{
    Appraisal, Config, Date, Honour, Inspection, Narrative, Pledge, PledgeItem, PledgeStatus,
    Records,
};

/// The year reported on and the days that matter for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// The reporting year.
    pub year: i32,
    /// The day the figures are taken: open findings and overdue are judged on it.
    pub as_of: Date,
    /// The date under the signature.
    pub signed: Date,
}

impl Period {
    /// The period from the configuration, with `--year` / `--as-of` applied.
    /// A year other than the configured one drops the configured dates, which
    /// belong to the configured year.
    pub fn new(config: &Config, year: Option<i32>, as_of: Option<Date>) -> Option<Period> {
        let same_year = year.is_none_or(|y| y == config.year);
        let year = year.unwrap_or(config.year);
        let configured = |d: Option<Date>| if same_year { d } else { None };
        let as_of = as_of
            .or(configured(config.as_of))
            .or(NaiveDate::from_ymd_opt(year, 12, 31))?;
        let signed = configured(config.signed).unwrap_or(as_of);
        Some(Period {
            year,
            as_of,
            signed,
        })
    }
}

/// The records of one reporting year, in the order of [`Records`]
/// (by date then id), borrowed, never copied.
#[derive(Debug, Clone)]
pub struct YearView<'a> {
    /// The period.
    pub period: Period,
    /// Pledges whose `year` is the reporting year.
    pub pledges: Vec<&'a Pledge>,
    /// Inspections held in the year.
    pub inspections: Vec<&'a Inspection>,
    /// Honours awarded in the year.
    pub honours: Vec<&'a Honour>,
    /// Appraisals made in the year.
    pub appraisals: Vec<&'a Appraisal>,
    /// Narratives without a year or of the reporting year.
    pub narratives: Vec<&'a Narrative>,
}

impl<'a> YearView<'a> {
    /// Selects the records of `period.year`.
    pub fn new(records: &'a Records, period: Period) -> Self {
        let year = period.year;
        YearView {
            period,
            pledges: records.pledges.iter().filter(|p| p.year == year).collect(),
            inspections: records
                .inspections
                .iter()
                .filter(|i| i.date.year() == year)
                .collect(),
            honours: records
                .honours
                .iter()
                .filter(|h| h.date.year() == year)
                .collect(),
            appraisals: records
                .appraisals
                .iter()
                .filter(|a| a.date.year() == year)
                .collect(),
            narratives: records
                .narratives
                .iter()
                .filter(|n| n.year.is_none_or(|y| y == year))
                .collect(),
        }
    }
}

impl<'a> YearView<'a> {
    /// A view of the period with no records.
    pub fn empty(period: Period) -> Self {
        YearView {
            period,
            pledges: Vec::new(),
            inspections: Vec::new(),
            honours: Vec::new(),
            appraisals: Vec::new(),
            narratives: Vec::new(),
        }
    }

    /// The view split by unit id in one pass: each unit's pledges (its own
    /// and its members'), inspections and appraisals. Honours and
    /// narratives belong to no one unit and are left out.
    pub fn by_unit(&self) -> HashMap<&'a str, YearView<'a>> {
        // Sized for the longest list at once: growing one unit at a time
        // moved every unit's view a dozen times at 25 000 units.
        let most = self.pledges.len().max(self.inspections.len());
        let mut split = HashMap::with_capacity(most.max(self.appraisals.len()));
        let period = self.period;
        for p in &self.pledges {
            slot(&mut split, &p.unit.id, period).pledges.push(p);
        }
        for i in &self.inspections {
            slot(&mut split, &i.unit.id, period).inspections.push(i);
        }
        for a in &self.appraisals {
            slot(&mut split, &a.unit.id, period).appraisals.push(a);
        }
        split
    }
}

/// The view of unit `id` in `split`, made empty the first time.
fn slot<'m, 'a>(
    split: &'m mut HashMap<&'a str, YearView<'a>>,
    id: &'a str,
    period: Period,
) -> &'m mut YearView<'a> {
    split.entry(id).or_insert_with(|| YearView::empty(period))
}

/// Whether a pledge item is still to be fulfilled: neither done nor dropped.
pub fn unfulfilled(item: &PledgeItem) -> bool {
    !matches!(item.status, PledgeStatus::Done | PledgeStatus::Dropped)
}

/// Whether a finding is still open on `as_of`: open, or closed only after it.
pub fn open_on(finding: &crate::records::model::Finding, as_of: Date) -> bool {
    use crate::records::model::FindingStatus;
    match finding.status {
        FindingStatus::Open => true,
        FindingStatus::Closed => finding.closed.is_some_and(|c| c > as_of),
    }
}

/// Whether a finding is overdue on `as_of`: open then, and its deadline passed.
pub fn overdue_on(finding: &crate::records::model::Finding, as_of: Date) -> bool {
    open_on(finding, as_of) && finding.due.is_some_and(|d| d < as_of)
}
