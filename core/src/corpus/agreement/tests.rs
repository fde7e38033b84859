//! Agreement figures on small cases worked out by hand: each expected number is derived in
//! the comment above it.

use std::path::PathBuf;
use std::sync::Arc;

use super::*;
use crate::text::{PageEncoding, Source};

fn span(label: &str, start: usize, end: usize) -> Span {
    Span {
        start,
        end,
        label: label.to_owned(),
        id: format!("{label}{start}"),
    }
}

fn pair(text: &str, a: Vec<Span>, b: Vec<Span>) -> PagePair {
    PagePair {
        relative: PathBuf::from("p.txt"),
        source: Arc::new(Source::from_text(text, PageEncoding::Utf8)),
        a,
        b,
    }
}

fn close(x: f64, y: f64) -> bool {
    (x - y).abs() < 1e-12
}

/// 27 code points: 投资 at 16-17, 12 at 18-19, 亿元 at 20-21.
const PAGE: &str = "林晓舟说澄江区今年在新区广场举办投资12亿元会议后离开";

#[test]
fn exact_overlap_boundary_label_missing_and_extra() {
    assert_eq!(PAGE.chars().count(), 27);
    let a = vec![
        span("PER", 0, 3),
        span("LOC", 4, 7),
        span("ORG", 10, 14),
        span("METRIC", 15, 20),
    ];
    let b = vec![
        span("PER", 0, 3),
        span("LOC", 4, 6),
        span("PER", 10, 14),
        span("DATE", 21, 23),
    ];
    let agreement = agree(&[pair(PAGE, a, b)]);
    // Exact: only PER 0..3. |A| = 4, |B| = 4: P = R = F1 = 1/4.
    let exact = agreement.exact.micro;
    assert_eq!((exact.a, exact.b, exact.matched), (4, 4, 1));
    assert!(close(exact.precision(), 0.25) && close(exact.recall(), 0.25));
    assert!(close(exact.f1(), 0.25));
    // Overlap: PER 0..3 and LOC 4..7 ~ 4..6 (2 shared): 2 of 4 each way.
    let overlap = agreement.overlap.micro;
    assert_eq!(overlap.matched, 2);
    assert!(close(overlap.f1(), 0.5));
    // PER per label: A has 1, B has 2 (0..3 and 10..14), 1 matched: P 1/2, R 1.
    let per = agreement.exact.labels["PER"];
    assert_eq!((per.a, per.b, per.matched), (1, 2, 1));
    assert!(close(per.precision(), 0.5) && close(per.recall(), 1.0));
    assert!(close(per.f1(), 2.0 / 3.0));
    let kinds: Vec<(Kind, usize, usize, &str)> = agreement
        .disagreements
        .iter()
        .map(|d| {
            let disagreement = &d.disagreement;
            (
                disagreement.kind,
                disagreement.start(),
                disagreement.end(),
                d.text.as_str(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            (Kind::Boundary, 4, 7, "澄江区"),
            (Kind::Label, 10, 14, "新区广场"),
            (Kind::Missing, 15, 20, "办投资12"),
            (Kind::Extra, 21, 23, "元会"),
        ]
    );
    // Kappa over the 27 code points. A: PER 3, LOC 3, ORG 4, METRIC 5, O 12. B: PER 7,
    // LOC 2, DATE 2, O 16. Alike: 0-2, 3, 4-5, 7-9, 14, 20, 23-26 = 3+1+2+3+1+1+4 = 15.
    // po = 15/27; pe = (3·7 + 3·2 + 12·16)/27² = 219/729; kappa = (405 − 219)/(729 − 219).
    assert_eq!(agreement.code_points, 27);
    assert!(close(agreement.observed.unwrap(), 15.0 / 27.0));
    assert!(close(agreement.kappa.unwrap(), 186.0 / 510.0));
}

#[test]
fn an_empty_side_scores_zero_and_both_empty_leave_kappa_undefined() {
    let text = "林晓舟说澄江区好";
    let a = vec![span("PER", 0, 3), span("LOC", 4, 7)];
    let agreement = agree(&[pair(text, a, Vec::new())]);
    let exact = agreement.exact.micro;
    assert_eq!((exact.a, exact.b, exact.matched), (2, 0, 0));
    assert!(close(exact.precision(), 0.0) && close(exact.f1(), 0.0));
    // A: PER 3, LOC 3, O 2 of 8; B: O 8. po = 2/8, pe = (2·8)/64 = 1/4: kappa 0.
    assert!(close(agreement.kappa.unwrap(), 0.0));
    let kinds: Vec<Kind> = agreement
        .disagreements
        .iter()
        .map(|d| d.disagreement.kind)
        .collect();
    assert_eq!(kinds, [Kind::Missing, Kind::Missing]);
    // Nothing on either side: every code point `O`, chance agreement is certain.
    let agreement = agree(&[pair(text, Vec::new(), Vec::new())]);
    assert_eq!(agreement.kappa, None);
    assert_eq!(agreement.observed, Some(1.0));
    assert!(agreement.disagreements.is_empty());
}

#[test]
fn nested_spans_and_characters_beyond_the_basic_plane() {
    // 𠀀 and 𠀂 are one code point each (four bytes in UTF-8): 9 code points.
    let text = "𠀀𠀁中国𠀂东盟说。";
    let a = vec![span("ORG", 0, 6), span("LOC", 2, 4)];
    let same = agree(&[pair(text, a.clone(), a.clone())]);
    assert_eq!(same.exact.micro.matched, 2);
    // Per code point the outer ORG (0, 6) counts: ORG 6, O 3 on both sides. po = 1,
    // pe = (36 + 9)/81 = 5/9: kappa 1.
    assert!(close(same.kappa.unwrap(), 1.0));
    let b = vec![span("ORG", 0, 6), span("LOC", 2, 5)];
    let differ = agree(&[pair(text, a, b)]);
    assert_eq!(differ.exact.micro.matched, 1);
    assert_eq!(differ.overlap.micro.matched, 2);
    let only = &differ.disagreements[0];
    assert_eq!(only.disagreement.kind, Kind::Boundary);
    assert_eq!(only.text, "中国𠀂");
    // The nested LOC never shows per code point: kappa stays 1.
    assert!(close(differ.kappa.unwrap(), 1.0));
}

#[test]
fn overlap_pairs_one_to_one_largest_first_then_earlier_start() {
    let text = "林晓舟说澄江区今年在新区广场举办";
    // Two halves of A's span: the same overlap (2), so the earlier one pairs.
    let halves = agree(&[pair(
        text,
        vec![span("PER", 0, 4)],
        vec![span("PER", 0, 2), span("PER", 2, 4)],
    )]);
    assert_eq!(halves.overlap.micro.matched, 1);
    let kinds: Vec<(Kind, usize)> = halves
        .disagreements
        .iter()
        .map(|d| {
            (
                d.disagreement.kind,
                d.disagreement.b.as_ref().unwrap().start,
            )
        })
        .collect();
    assert_eq!(kinds, [(Kind::Boundary, 0), (Kind::Extra, 2)]);
    // B's span shares 2 code points with A's first and 1 with its second: the first pairs.
    let largest = agree(&[pair(
        text,
        vec![span("LOC", 0, 10), span("LOC", 12, 14)],
        vec![span("LOC", 8, 13)],
    )]);
    let matched = match_page(
        vec![span("LOC", 0, 10), span("LOC", 12, 14)],
        vec![span("LOC", 8, 13)],
    );
    assert_eq!(matched.overlap[0].0.start, 0);
    assert_eq!(largest.overlap.micro.matched, 1);
}
