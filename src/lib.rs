//! annals turns a folder of plain-text records (pledges, inspections, honours,
//! appraisals and narrative prose) into an organisation's year-end reports.
//!
//! The pipeline, one module a stage:
//! [`load`] finds and reads the files (through [`source`] and [`yaml`]),
//! [`decode`] turns YAML into the typed [`model`], [`check`] finds the problems
//! between records, and every problem is a [`diagnostic`].

pub mod check;
pub mod decode;
pub mod diagnostic;
pub mod load;
pub mod model;
pub mod source;
pub mod suggest;
pub mod yaml;
