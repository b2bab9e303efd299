//! Test support: records written as YAML snippets and read through the real
//! decoder, so unit tests state their inputs the way users write them.

use chrono::NaiveDate;

use crate::compute::period::{Period, YearView};
use crate::compute::scoring::{UnitScore, evaluate};
use crate::diagnostic::Severity;
use crate::records::decode::{self, Origin, Reader};
use crate::records::model::{Evaluation, Records};
use crate::records::yaml::{self, YamlPath};

/// Records read from YAML snippets through the real decoder.
#[derive(Default)]
pub struct Given {
    /// The records.
    pub records: Records,
}

impl Given {
    /// A roster of units named by their ids.
    pub fn units(mut self, ids: &[&str]) -> Self {
        let text: String = ids
            .iter()
            .map(|id| format!("- {{id: {id}, name: {id}}}\n"))
            .collect();
        self.records.units = decode::units(&mut Reader::new(0), &yaml::parse(&text).unwrap().root);
        self
    }
    /// Reads one record; any error fails the test.
    fn read<T>(text: &str, f: fn(&mut Reader, &yaml::Node, &YamlPath, &Origin) -> Option<T>) -> T {
        let origin = Origin {
            id: "t".into(),
            file: "t",
            body: "",
        };
        let mut reader = Reader::new(0);
        let record = f(
            &mut reader,
            &yaml::parse(text).unwrap().root,
            &YamlPath::root(),
            &origin,
        );
        let errors = reader
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Error);
        assert_eq!(errors.count(), 0, "{:?}", reader.problems);
        record.unwrap()
    }
    /// Adds a pledge written in YAML.
    pub fn pledge(mut self, text: &str) -> Self {
        self.records.pledges.push(Self::read(text, decode::pledge));
        self
    }
    /// Adds a inspection written in YAML.
    pub fn inspection(mut self, text: &str) -> Self {
        self.records
            .inspections
            .push(Self::read(text, decode::inspection));
        self
    }
    /// Adds a honour written in YAML.
    pub fn honour(mut self, text: &str) -> Self {
        self.records.honours.push(Self::read(text, decode::honour));
        self
    }
    /// Adds a appraisal written in YAML.
    pub fn appraisal(mut self, text: &str) -> Self {
        self.records
            .appraisals
            .push(Self::read(text, decode::appraisal));
        self
    }
    /// The evaluation of every unit, keyed by unit id, for 2024 as of 31 December.
    pub fn scores<'a>(&'a self, rules: &'a Evaluation) -> Vec<(String, UnitScore<'a>)> {
        let view = self.view();
        evaluate(&self.records.units, &view, rules)
            .into_iter()
            .map(|s| (s.unit.id.clone(), s))
            .collect()
    }
}

impl Given {
    /// The records of 2024, as of 31 December.
    pub fn view(&self) -> YearView<'_> {
        let end = NaiveDate::from_ymd_opt(2024, 12, 31).unwrap();
        let period = Period {
            year: 2024,
            as_of: end,
            signed: end,
        };
        YearView::new(&self.records, period)
    }
}
