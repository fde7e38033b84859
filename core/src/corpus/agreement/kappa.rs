//! Cohen's kappa over every code point of the pages: each code point gets A's label and B's
//! (`O` where a side has none), and kappa compares the two sequences.

use std::collections::HashMap;

use super::matching::Span;

/// The label `O`: no annotation on the code point.
pub const OUTSIDE: &str = "O";

/// Counts of (A's label, B's label) over code points, summed over pages.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Confusion {
    /// Code points per (A's label, B's label).
    pub counts: HashMap<(String, String), u64>,
    /// Code points in all.
    pub total: u64,
}

/// Each code point's label on a page of `chars` code points: where spans overlap, the one
/// with the smallest (start, end, label) — the first in sorted order that covers it.
fn labels_of(chars: usize, spans: &[Span]) -> Vec<Option<&str>> {
    let mut sorted: Vec<&Span> = spans.iter().collect();
    sorted.sort_by(|x, y| (x.start, x.end, &x.label).cmp(&(y.start, y.end, &y.label)));
    let mut labels: Vec<Option<&str>> = vec![None; chars];
    for span in sorted {
        let end = span.end.min(chars);
        for slot in labels.iter_mut().take(end).skip(span.start) {
            if slot.is_none() {
                *slot = Some(span.label.as_str());
            }
        }
    }
    labels
}

impl Confusion {
    /// Adds a page of `chars` code points with A's spans and B's.
    pub fn add_page(&mut self, chars: usize, a: &[Span], b: &[Span]) {
        let a = labels_of(chars, a);
        let b = labels_of(chars, b);
        let mut page: HashMap<(Option<&str>, Option<&str>), u64> = HashMap::new();
        for pair in a.into_iter().zip(b) {
            *page.entry(pair).or_default() += 1;
        }
        for ((x, y), n) in page {
            let key = (
                x.unwrap_or(OUTSIDE).to_owned(),
                y.unwrap_or(OUTSIDE).to_owned(),
            );
            *self.counts.entry(key).or_default() += n;
        }
        self.total += chars as u64;
    }

    /// Observed agreement: the share of code points with the same label on both sides.
    pub fn observed(&self) -> Option<f64> {
        (self.total > 0).then(|| {
            let same: u64 = self
                .counts
                .iter()
                .filter(|((x, y), _)| x == y)
                .map(|(_, n)| n)
                .sum();
            same as f64 / self.total as f64
        })
    }

    /// Cohen's kappa, (po − pe) / (1 − pe), pe from each side's label shares; `None` with no
    /// code points, or when chance agreement is certain (both sides one label throughout), where
    /// kappa is undefined.
    pub fn kappa(&self) -> Option<f64> {
        let observed = self.observed()?;
        let total = self.total as f64;
        let mut a_share: HashMap<&str, f64> = HashMap::new();
        let mut b_share: HashMap<&str, f64> = HashMap::new();
        for ((x, y), &n) in &self.counts {
            *a_share.entry(x).or_default() += n as f64 / total;
            *b_share.entry(y).or_default() += n as f64 / total;
        }
        let expected: f64 = a_share
            .iter()
            .map(|(label, p)| p * b_share.get(label).copied().unwrap_or(0.0))
            .sum();
        let room = 1.0 - expected;
        (room.abs() > f64::EPSILON).then(|| (observed - expected) / room)
    }
}
