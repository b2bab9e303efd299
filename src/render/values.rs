//! The typed context turned into the template engine's values, list by list.
//!
//! A context of 100 000 records is mostly its lists, and the engine's value
//! of a record is several times the size of the typed view it comes from.
//! So each list is converted on its own and its typed views dropped at once,
//! and a row that two lists show is converted once and shared: the overdue
//! findings are findings of the ledger, and the ranking holds the rows of
//! the evaluation in another order.

use serde::Serialize;
use tera::Value;
use tera::value::Key;

use crate::render::context::Context;

/// `context` as tera's values, sharing what two lists show.
pub fn into_tera(mut context: Context) -> tera::TeraResult<tera::Context> {
    // The three long lists are converted side by side.
    let ((findings, rows), unfulfilled) = rayon::join(
        || {
            rayon::join(
                || values(&context.findings),
                || values(&context.evaluation.rows),
            )
        },
        || values(&context.unfulfilled),
    );
    let (findings, rows, unfulfilled) = (findings?, rows?, unfulfilled?);
    context.unfulfilled = Vec::new();
    let overdue = if context.findings.is_empty() {
        values(&context.overdue)?
    } else {
        shared_overdue(&context, &findings)
    };
    let evaluation = &mut context.evaluation;
    let ranking = shared_ranking(&evaluation.ranking, &rows);
    evaluation.rows = Vec::new();
    evaluation.ranking = Vec::new();
    let lists = [
        ("findings", Value::from(findings)),
        ("overdue", Value::from(overdue)),
        ("unfulfilled", Value::from(unfulfilled)),
        ("pledges", take(&mut context.pledges)?),
        ("inspections", take(&mut context.inspections)?),
        ("honours", take(&mut context.honours)?),
        ("appraisals", take(&mut context.appraisals)?),
    ];
    context.findings = Vec::new();
    context.overdue = Vec::new();
    let mut tera = tera::Context::from_serialize(&context)?;
    drop(context);
    for (key, list) in lists {
        tera.insert_value(key, list);
    }
    if let Some(mut evaluation) = tera.remove("evaluation").and_then(Value::into_map) {
        evaluation.insert(Key::Str("rows"), Value::from(rows));
        evaluation.insert(Key::Str("ranking"), Value::from(ranking));
        tera.insert_value("evaluation", Value::from(evaluation));
    }
    Ok(tera)
}

/// Each item of `list` as the engine's value.
fn values<T: Serialize>(list: &[T]) -> tera::TeraResult<Vec<Value>> {
    list.iter().map(Value::try_from_serializable).collect()
}

/// `list` as one value, emptied so that its typed views are freed.
fn take<T: Serialize>(list: &mut Vec<T>) -> tera::TeraResult<Value> {
    let converted = values(list)?;
    *list = Vec::new();
    Ok(Value::from(converted))
}

/// The overdue findings as the ledger's values (the overdue list is the
/// ledger's overdue findings, in ledger order).
fn shared_overdue(context: &Context, findings: &[Value]) -> Vec<Value> {
    if context.overdue.is_empty() {
        return Vec::new();
    }
    context
        .findings
        .iter()
        .zip(findings)
        .filter(|(finding, _)| finding.overdue)
        .map(|(_, value)| value.clone())
        .collect()
}

/// The ranking as the rows' values.
fn shared_ranking(ranking: &[usize], rows: &[Value]) -> Vec<Value> {
    ranking
        .iter()
        .filter_map(|&at| rows.get(at).cloned())
        .collect()
}
