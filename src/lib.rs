//! annals turns a folder of plain-text records (pledges, inspections, honours,
//! appraisals and narrative prose) into an organisation's year-end reports.
//!
//! The pipeline, one module a stage:
//! [`load`] finds and reads the files (through [`source`] and [`yaml`]),
//! [`decode`] turns YAML into the typed [`model`], [`check`] finds the problems
//! between records; [`period`] picks the year's records, [`figures`] and
//! [`scoring`] compute, [`context`] gathers everything a template sees,
//! [`templates`] and [`filters`] render it through [`report`], and [`build`]
//! writes the results through [`output`]. Every problem is a [`diagnostic`].

pub mod build;
pub mod check;
pub mod context;
pub mod decode;
pub mod diagnostic;
pub mod figures;
pub mod filters;
pub mod formats;
pub mod hook;
pub mod init;
pub mod load;
pub mod model;
pub mod new;
pub mod output;
pub mod period;
pub mod report;
pub mod scoring;
pub mod source;
pub mod status;
pub mod suggest;
pub mod templates;
#[cfg(test)]
mod testing;
pub mod watch;
pub mod yaml;
