//! annals turns a folder of plain-text records (pledges, inspections, honours,
//! appraisals and narrative prose) into an organisation's year-end reports.
//!
//! The pipeline, one folder a stage; dependencies point one way, from the
//! commands down to the records:
//! - [`records`] finds and reads the files and decodes them into the typed model;
//! - [`check`] finds the problems between records;
//! - [`compute`] picks the year's records and computes figures and scores;
//! - [`render`] gathers the template context and renders each report's Markdown;
//! - [`document`] reads that Markdown once into the typed document tree;
//! - [`formats`] writes the document as md, html and docx;
//! - [`output`] writes the results atomically;
//! - [`commands`] are what the command line runs; [`git`] is the hook and stamp;
//!   [`heap`] has the allocator give freed memory back at once.
//!
//! Every problem is a [`diagnostic`]; every message a person reads comes
//! from the [`i18n`] catalogue.

pub mod check;
pub mod commands;
pub mod compute;
pub mod diagnostic;
pub mod document;
pub mod formats;
pub mod git;
pub mod heap;
pub mod i18n;
pub mod output;
pub mod records;
pub mod render;
#[cfg(test)]
mod testing;
