//! Pre-annotation: figures, dates and names the page probably contains, for an editor or a
//! researcher to accept or reject with one key.
//!
//! [`suggest`] runs deterministic recognizers over the text of every element of a segmented
//! page (kicker, headline, subtitle, byline dateline, paragraphs, captions, unplaced lines —
//! never the `#` markers): [`figures`] for metrics, [`date`] for dates, and [`entity`] for
//! people, places, organisations, titles and events (bylines, `jieba-rs` part-of-speech tags,
//! suffix rules, `《…》`). Nothing here is certain except bylines; nothing here writes
//! annotations — [`new_suggestions`] turns them into annotations with status *suggested* for a
//! [`Document`](crate::annotation::Document), [`metric_at`] reads a figure tagged by hand,
//! and reviewing them is [`operations::review`](crate::operations::review)'s business.
//! [`model`] adds what rules cannot find well — people, places and organisations in running
//! text — with a sequence labeller trained on the folder's accepted annotations.

mod context;
mod date;
mod element;
mod entity;
mod figures;
mod fresh;
mod lexicon;
pub mod model;
mod names;
mod number;
mod shares;
mod units;

use crate::annotation::Metric;
use crate::bulletin::Bulletin;
use crate::text::{Source, Span};

pub use fresh::new_suggestions;
pub use names::load as load_dictionary;

/// One suggested annotation.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    /// `METRIC`, `PER`, `LOC`, `ORG`, `WORK`, `EVENT` or `DATE`.
    pub label: &'static str,
    /// Where, in code points of the whole page. A figure cut by a column break spans the gap.
    pub span: Span,
    /// The rule that found it, such as `metric.money`, `entity.byline`, `date.ymd`: lets a
    /// researcher measure and filter rules.
    pub rule: &'static str,
    /// The parsed figure, for `METRIC` suggestions (boxed: suggestions are moved often, and
    /// a figure's fields are large).
    pub metric: Option<Box<Metric>>,
}

/// Which recognizers to run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// Figures (`METRIC`).
    pub metrics: bool,
    /// Names, titles, events and dates (`PER`, `LOC`, `ORG`, `WORK`, `EVENT`, `DATE`).
    pub entities: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            metrics: true,
            entities: true,
        }
    }
}

/// Suggests annotations for a segmented page.
///
/// `accepted` lists `(label, quote)` of entities already accepted on the page; each is
/// suggested again wherever its quote occurs (rule `entity.accepted`), including where it is
/// already annotated — the caller drops those. The result is sorted by span (then label) and
/// holds no two suggestions with the same label and span. Entity suggestions never overlap
/// each other or a figure; figures and dates never overlap.
pub fn suggest(
    source: &Source,
    bulletin: &Bulletin,
    accepted: &[(&str, &str)],
    options: Options,
) -> Vec<Suggestion> {
    let elements = element::elements(source, bulletin);
    let mut metrics = Vec::new();
    let mut dates = Vec::new();
    for element in &elements {
        let found = figures::find(element);
        if options.metrics {
            metrics.extend(
                found
                    .metrics
                    .into_iter()
                    .map(|(span, rule, metric)| Suggestion {
                        label: "METRIC",
                        span: element.page_span(span),
                        rule,
                        metric: Some(Box::new(metric)),
                    }),
            );
        }
        if options.entities {
            dates.extend(found.dates.into_iter().map(|(span, rule)| Suggestion {
                label: "DATE",
                span: element.page_span(span),
                rule,
                metric: None,
            }));
        }
    }
    let mut out = metrics;
    if options.entities {
        let taken: Vec<Span> = out.iter().map(|s| s.span).collect();
        let entities = entity::find(source, bulletin, &elements, accepted, dates, &taken);
        out.extend(entities);
    }
    let mut out = in_page_order(out);
    out.dedup_by(|a, b| a.span == b.span && a.label == b.label);
    out
}

/// `suggestions` by range, then label (ties in the order given). A suggestion is large (a
/// metric's fields): the keys are sorted and each suggestion moved once, instead of moving
/// them all at every step of a sort.
fn in_page_order(suggestions: Vec<Suggestion>) -> Vec<Suggestion> {
    let mut order: Vec<(Span, &'static str, usize)> = suggestions
        .iter()
        .enumerate()
        .map(|(i, s)| (s.span, s.label, i))
        .collect();
    order.sort_unstable();
    let mut slots: Vec<Option<Suggestion>> = suggestions.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|(_, _, i)| slots.get_mut(i).and_then(Option::take))
        .collect()
}

/// The attributes of the figure at `span`, for a metric tagged by hand, so that it gets the
/// same `number` (and indicator and period) a suggestion of that span would: the
/// recognizer's own reading when it finds exactly `span` in its paragraph; else its reading
/// of the span's text alone when that is one whole figure; else the text as the value, with
/// `number` if it is a decimal figure.
pub fn metric_at(source: &Source, bulletin: &Bulletin, span: Span) -> Metric {
    let in_context = bulletin
        .items
        .iter()
        .filter(|item| {
            let extent = item.extent();
            extent.start <= span.start && span.start < extent.end
        })
        .flat_map(|item| element::item_elements(source, item))
        .find_map(|element| {
            figures::find(&element)
                .metrics
                .into_iter()
                .find(|(at, _, _)| element.page_span(*at) == span)
                .map(|(_, _, metric)| metric)
        });
    if let Some(metric) = in_context {
        return metric;
    }
    let mut alone = element::Element::from_spans(source, &[span]);
    alone.simplify();
    let whole = Span::new(0, alone.chars.len());
    if let Some((_, _, metric)) = figures::find(&alone)
        .metrics
        .into_iter()
        .find(|(at, _, _)| *at == whole)
    {
        return metric;
    }
    let mut metric = Metric {
        value: source.slice(span).trim().to_owned(),
        ..Metric::default()
    };
    metric.renumber();
    metric
}

#[cfg(test)]
mod tests;

#[cfg(test)]
#[path = "measure_tests.rs"]
mod measure_tests;
