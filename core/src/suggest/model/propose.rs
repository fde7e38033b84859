//! The model's suggestions and the rules' together, for a document: what F6 and
//! `copydesk suggest --model` add for review.
//!
//! Precedence, in order:
//! 1. The annotations already on the page. Nothing here changes or removes one; a
//!    suggestion is left out where an annotation of its label covers any of its characters
//!    (whatever its status: a rejected one is never proposed again), and a model suggestion
//!    is left out where any accepted annotation is.
//! 2. The rules' figures (`METRIC`), dates (`DATE`) and byline names (`entity.byline…`):
//!    a model suggestion overlapping one is left out.
//! 3. The model's entities of the labels it learned, at or above the threshold.
//! 4. The rules' other entity suggestions: of a label the model learned, left out (the model
//!    read them as clues and decided); of other labels (`WORK`, `EVENT`…), kept where no
//!    model suggestion overlaps them.

use super::Model;
use crate::annotation::{Annotation, Document, Origin, Status};
use crate::suggest::{Options, new_suggestions as rule_suggestions};

/// A rule suggestion the model does not override.
fn kept_by_rules(annotation: &Annotation) -> bool {
    match &annotation.origin {
        Origin::Rule(rule) => {
            matches!(annotation.label.as_str(), "METRIC" | "DATE")
                || rule.starts_with("entity.byline")
        }
        _ => true,
    }
}

/// The new suggestions for `document`: the rules' (as [`crate::suggest::new_suggestions`]
/// gives them), with the model's added by the precedence above when there is a model and
/// entities are asked for. Model suggestions carry origin `Model("perceptron")` and their
/// confidence; those below `threshold` are left out.
pub fn new_suggestions(
    document: &Document,
    options: Options,
    model: Option<&Model>,
    threshold: f32,
) -> Vec<Annotation> {
    let rules = rule_suggestions(document, options);
    let Some(model) = model.filter(|_| options.entities) else {
        return rules;
    };
    let tagset = document.tagset();
    let (kept, weaker): (Vec<Annotation>, Vec<Annotation>) =
        rules.into_iter().partition(kept_by_rules);
    let found: Vec<Annotation> = model
        .tag_page(document.source(), document.bulletin())
        .into_iter()
        .filter(|f| f.confidence >= threshold && tagset.get(&f.label).is_some())
        .filter(|f| {
            !document
                .overlapping(f.span)
                .any(|a| a.label == f.label || a.status == Status::Accepted)
        })
        .filter(|f| !kept.iter().any(|k| k.span().overlaps(f.span)))
        .map(|f| {
            let mut annotation = Annotation::new(
                document.source(),
                &f.label,
                f.span,
                Origin::Model(super::NAME.to_owned()),
                document.author(),
            );
            annotation.status = Status::Suggested;
            annotation.confidence = Some(f.confidence);
            annotation
        })
        .collect();
    let learned = |label: &str| model.labels().iter().any(|l| l == label);
    let mut out = kept;
    out.extend(
        weaker
            .into_iter()
            .filter(|w| !learned(&w.label) && !found.iter().any(|f| f.span().overlaps(w.span()))),
    );
    out.extend(found);
    out.sort_by(|a, b| (a.start, a.end, &a.label).cmp(&(b.start, b.end, &b.label)));
    out
}
