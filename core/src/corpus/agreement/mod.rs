//! Agreement between two annotators of the same pages, by the textbook definitions, and the
//! list of their disagreements — what `copydesk agree` prints and adjudication steps through.
//!
//! Conventions (stated in the README and in `agree`'s output):
//! - A is the reference: precision = matched / |B|, recall = matched / |A|, F1 their harmonic
//!   mean; each is 0 where its denominator is 0 (as `nervaluate` does); per label, and the
//!   micro average over all;
//! - *exact*: same label, same start and end; *overlap*: same label and at least one shared
//!   code point, one to one, greedily (largest overlap first, ties by the earlier start);
//! - Cohen's kappa over every code point of the pages, `O` where a side has no annotation;
//!   where spans overlap, the one with the smallest (start, end, label) counts;
//! - accepted annotations only, unless suggestions are asked for; corrections and notes are
//!   not compared.
//!
//! - `matching`: one page's spans paired, and the disagreements left;
//! - `kappa`: the code-point confusion counts and kappa;
//! - [`pairs`]: the same pages read from two folders, or from two authors of one folder.

mod kappa;
mod matching;
pub mod pairs;

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

pub use kappa::{Confusion, OUTSIDE};
pub use matching::{Disagreement, Kind, PageMatch, Span, match_page};
pub use pairs::{PagePair, Sides, load_pairs};

/// Matched spans and the sizes of both sides (written with their precision, recall and F1).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Spans of A (the reference).
    pub a: usize,
    /// Spans of B.
    pub b: usize,
    /// Pairs matched.
    pub matched: usize,
}

/// `n / d`, 0 when `d` is 0.
fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 { 0.0 } else { n as f64 / d as f64 }
}

impl Counts {
    /// matched / |B|.
    pub fn precision(self) -> f64 {
        ratio(self.matched, self.b)
    }

    /// matched / |A|.
    pub fn recall(self) -> f64 {
        ratio(self.matched, self.a)
    }

    /// The harmonic mean of precision and recall; 0 when both are 0.
    pub fn f1(self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

impl Serialize for Counts {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("Counts", 6)?;
        out.serialize_field("a", &self.a)?;
        out.serialize_field("b", &self.b)?;
        out.serialize_field("matched", &self.matched)?;
        out.serialize_field("precision", &self.precision())?;
        out.serialize_field("recall", &self.recall())?;
        out.serialize_field("f1", &self.f1())?;
        out.end()
    }
}

/// Scores of one kind of match: per label and over all.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Scores {
    /// Over every label (micro average).
    pub micro: Counts,
    /// Per label.
    pub labels: BTreeMap<String, Counts>,
}

impl Scores {
    fn add(&mut self, a: &[Span], b: &[Span], matched: &[(Span, Span)]) {
        for (side, spans) in [(0, a), (1, b)] {
            for span in spans {
                let counts = self.labels.entry(span.label.clone()).or_default();
                if side == 0 {
                    counts.a += 1;
                    self.micro.a += 1;
                } else {
                    counts.b += 1;
                    self.micro.b += 1;
                }
            }
        }
        for (x, _) in matched {
            self.labels.entry(x.label.clone()).or_default().matched += 1;
            self.micro.matched += 1;
        }
    }
}

/// A disagreement with the page it is on and the text it covers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PageDisagreement {
    /// The page's path below the folder.
    pub page: PathBuf,
    /// The text from the earlier start to the later end.
    pub text: String,
    /// The spans.
    #[serde(flatten)]
    pub disagreement: Disagreement,
}

/// The agreement of two sides over their pages.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Agreement {
    /// Pages compared.
    pub pages: usize,
    /// Exact matches.
    pub exact: Scores,
    /// Overlap matches.
    pub overlap: Scores,
    /// Cohen's kappa over code points (`None` where undefined).
    pub kappa: Option<f64>,
    /// The share of code points labelled alike.
    pub observed: Option<f64>,
    /// Code points compared.
    pub code_points: u64,
    /// Every disagreement, page by page, in page order.
    pub disagreements: Vec<PageDisagreement>,
}

/// The conventions of the figures, as `copydesk agree` and the app state them.
pub const CONVENTIONS: &str = "precision = matched/|B|, recall = matched/|A|; exact: same label, start and end; overlap: same label, a shared code point, one to one";

impl Agreement {
    /// Each label's exact and overlap counts, by label.
    pub fn per_label(&self) -> Vec<(&str, Counts, Counts)> {
        self.exact
            .labels
            .iter()
            .map(|(label, exact)| {
                let overlap = self.overlap.labels.get(label).copied().unwrap_or_default();
                (label.as_str(), *exact, overlap)
            })
            .collect()
    }
}

/// The agreement over `pairs`.
pub fn agree(pairs: &[PagePair]) -> Agreement {
    let mut agreement = Agreement::default();
    let mut confusion = Confusion::default();
    for pair in pairs {
        agreement.pages += 1;
        confusion.add_page(pair.source.char_len(), &pair.a, &pair.b);
        let matched = match_page(pair.a.clone(), pair.b.clone());
        agreement.exact.add(&pair.a, &pair.b, &matched.exact);
        agreement.overlap.add(&pair.a, &pair.b, &matched.overlap);
        for disagreement in matched.disagreements {
            let range = crate::text::Span::new(disagreement.start(), disagreement.end());
            agreement.disagreements.push(PageDisagreement {
                page: pair.relative.clone(),
                text: pair.source.slice(range).to_owned(),
                disagreement,
            });
        }
    }
    agreement.kappa = confusion.kappa();
    agreement.observed = confusion.observed();
    agreement.code_points = confusion.total;
    agreement
}

#[cfg(test)]
mod tests;
