//! Stage four: from computed figures to each report's Markdown.
//! [`context`] gathers the one template context, [`templates`] holds the
//! built-in and user templates with the [`filters`] they may use,
//! [`values`] turns the context into the template engine's values, and
//! [`report`] renders every report (and its formats). Depends on compute and
//! records; never on commands.

pub mod context;
pub mod evaluation;
pub mod filters;
pub mod report;
pub mod templates;
pub mod values;
