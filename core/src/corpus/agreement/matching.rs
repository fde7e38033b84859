//! Matching two annotators' spans on one page: exact matches, overlap matches (one to one,
//! greedy), and what is left over as disagreements.

use serde::Serialize;

/// A labelled range, as compared: code points into the page, end exclusive.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Span {
    /// First code point.
    pub start: usize,
    /// One past the last.
    pub end: usize,
    /// The label.
    pub label: String,
    /// The annotation's id in its sidecar.
    pub id: String,
}

impl Span {
    /// Code points both spans cover.
    fn overlap(&self, other: &Self) -> usize {
        self.end
            .min(other.end)
            .saturating_sub(self.start.max(other.start))
    }
}

/// What kind of disagreement a pair (or a lone span) is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Only A has it.
    Missing,
    /// Only B has it.
    Extra,
    /// Same label, overlapping, different boundaries.
    Boundary,
    /// Overlapping, different labels.
    Label,
}

impl Kind {
    /// The name in tables and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Self::Missing => "missing",
            Self::Extra => "extra",
            Self::Boundary => "boundary",
            Self::Label => "label",
        }
    }
}

/// One disagreement on a page: A's span, B's, or both.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Disagreement {
    /// Missing, extra, boundary or label.
    pub kind: Kind,
    /// A's span, if A has one here.
    pub a: Option<Span>,
    /// B's span, if B has one here.
    pub b: Option<Span>,
}

impl Disagreement {
    /// Where it starts on the page: the earlier of the two spans.
    pub fn start(&self) -> usize {
        self.a
            .iter()
            .chain(&self.b)
            .map(|s| s.start)
            .min()
            .unwrap_or(0)
    }

    /// Where it ends: the later of the two ends.
    pub fn end(&self) -> usize {
        self.a
            .iter()
            .chain(&self.b)
            .map(|s| s.end)
            .max()
            .unwrap_or(0)
    }
}

/// One page compared.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageMatch {
    /// Pairs of identical label and range, as (A, B).
    pub exact: Vec<(Span, Span)>,
    /// Pairs of the same label sharing a code point, one to one (the exact ones included).
    pub overlap: Vec<(Span, Span)>,
    /// Everything not matched exactly, in page order.
    pub disagreements: Vec<Disagreement>,
}

/// Pairs spans of `a` with spans of `b` one to one, greedily: the pair sharing the most code
/// points first, ties by A's earlier start, then B's; `accept` says which pairs may pair.
/// Returns the pairs (as indexes) and which of each side were left alone.
fn greedy(
    a: &[Span],
    b: &[Span],
    accept: impl Fn(&Span, &Span) -> bool,
) -> (Vec<(usize, usize)>, Vec<bool>, Vec<bool>) {
    let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
    // Both sides are sorted by start: B's spans that can overlap an A span are a short run.
    let reach = longest(b);
    for (i, x) in a.iter().enumerate() {
        let from = b.partition_point(|y| y.start < x.start.saturating_sub(reach));
        for (j, y) in b.iter().enumerate().skip(from) {
            if y.start >= x.end {
                break;
            }
            let shared = x.overlap(y);
            if shared > 0 && accept(x, y) {
                candidates.push((shared, i, j));
            }
        }
    }
    candidates.sort_by(|p, q| {
        q.0.cmp(&p.0)
            .then(a[p.1].start.cmp(&a[q.1].start))
            .then(b[p.2].start.cmp(&b[q.2].start))
            .then(p.1.cmp(&q.1))
            .then(p.2.cmp(&q.2))
    });
    let mut a_free = vec![true; a.len()];
    let mut b_free = vec![true; b.len()];
    let mut pairs = Vec::new();
    for (_, i, j) in candidates {
        if a_free[i] && b_free[j] {
            a_free[i] = false;
            b_free[j] = false;
            pairs.push((i, j));
        }
    }
    (pairs, a_free, b_free)
}

/// The longest span's length, to bound how far back an overlapping span can start.
fn longest(spans: &[Span]) -> usize {
    spans.iter().map(|s| s.end - s.start).max().unwrap_or(0)
}

/// Compares A's spans with B's on one page. Both are sorted here.
pub fn match_page(mut a: Vec<Span>, mut b: Vec<Span>) -> PageMatch {
    a.sort();
    b.sort();
    let mut result = PageMatch::default();
    // Exact: same label, same range, one to one.
    let mut b_exact = vec![false; b.len()];
    let mut a_exact = vec![false; a.len()];
    for (i, x) in a.iter().enumerate() {
        let from = b.partition_point(|y| (y.start, y.end, &y.label) < (x.start, x.end, &x.label));
        if let Some(j) = (from..b.len())
            .take_while(|&j| (b[j].start, b[j].end, &b[j].label) == (x.start, x.end, &x.label))
            .find(|&j| !b_exact[j])
        {
            b_exact[j] = true;
            a_exact[i] = true;
            result.exact.push((x.clone(), b[j].clone()));
        }
    }
    // Overlap: same label, at least one shared code point.
    let (pairs, _, _) = greedy(&a, &b, |x, y| x.label == y.label);
    for &(i, j) in &pairs {
        result.overlap.push((a[i].clone(), b[j].clone()));
    }
    // Disagreements: what is not an exact match. Overlap pairs that are not exact differ in
    // their boundaries; of the rest, overlapping spans of different labels differ in label.
    let mut a_used = a_exact.clone();
    let mut b_used = b_exact.clone();
    for &(i, j) in &pairs {
        if !a_exact[i] && !b_exact[j] {
            a_used[i] = true;
            b_used[j] = true;
            result.disagreements.push(Disagreement {
                kind: Kind::Boundary,
                a: Some(a[i].clone()),
                b: Some(b[j].clone()),
            });
        }
    }
    let a_rest: Vec<usize> = (0..a.len()).filter(|&i| !a_used[i]).collect();
    let b_rest: Vec<usize> = (0..b.len()).filter(|&j| !b_used[j]).collect();
    let a_left: Vec<Span> = a_rest.iter().map(|&i| a[i].clone()).collect();
    let b_left: Vec<Span> = b_rest.iter().map(|&j| b[j].clone()).collect();
    let (label_pairs, a_free, b_free) = greedy(&a_left, &b_left, |x, y| x.label != y.label);
    for (i, j) in label_pairs {
        result.disagreements.push(Disagreement {
            kind: Kind::Label,
            a: Some(a_left[i].clone()),
            b: Some(b_left[j].clone()),
        });
    }
    for (span, _) in a_left.iter().zip(&a_free).filter(|(_, free)| **free) {
        result.disagreements.push(Disagreement {
            kind: Kind::Missing,
            a: Some(span.clone()),
            b: None,
        });
    }
    for (span, _) in b_left.iter().zip(&b_free).filter(|(_, free)| **free) {
        result.disagreements.push(Disagreement {
            kind: Kind::Extra,
            a: None,
            b: Some(span.clone()),
        });
    }
    result
        .disagreements
        .sort_by_key(|d| (d.start(), d.end(), d.kind.name()));
    result
}
