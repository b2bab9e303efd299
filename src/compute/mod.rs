//! Stage three: the year's figures and the evaluation, computed from the typed
//! records. [`period`] selects the records of a reporting year, [`figures`]
//! counts them and [`scoring`] scores and grades each unit. Pure functions over
//! [`crate::records::model`]; nothing here reads files or knows templates.

pub mod figures;
pub mod period;
pub mod scoring;
