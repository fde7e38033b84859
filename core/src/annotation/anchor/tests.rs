//! Re-anchoring on invented pages: insertions, edited quotes, words replaced everywhere.

use super::*;
use crate::annotation::model::Origin;
use crate::text::PageEncoding;

fn source(text: &str) -> Source {
    Source::from_text(text, PageEncoding::Utf8)
}

fn tag(source: &Source, quote: &str, nth: usize) -> Annotation {
    let byte = source.text().match_indices(quote).nth(nth).unwrap().0;
    let start = source.offsets().to_char(source.text(), byte).unwrap();
    let span = Span::new(start, start + quote.chars().count());
    Annotation::new(source, "PER", span, Origin::Manual, "test")
}

const PAGE: &str = "本报讯(记者 林晓舟)新区今年完成投资12.5亿元,林晓舟说,项目进展顺利。";

#[test]
fn unchanged_text_is_exact() {
    let page = source(PAGE);
    let mut annotations = vec![tag(&page, "林晓舟", 1)];
    let report = reanchor(&page, &mut annotations);
    assert_eq!(
        report,
        AnchorReport {
            exact: 1,
            ..AnchorReport::default()
        }
    );
}

#[test]
fn insertion_above_moves_to_the_same_occurrence() {
    let before = source(PAGE);
    let mut annotations = vec![tag(&before, "林晓舟", 0), tag(&before, "林晓舟", 1)];
    let after = source(&format!("😀插入一段新的导语。\n\n{PAGE}"));
    let report = reanchor(&after, &mut annotations);
    assert_eq!(report.moved, 2);
    let shift = "😀插入一段新的导语。\n\n".chars().count();
    assert_eq!(annotations[0].start, 7 + shift);
    assert_eq!(annotations[1].start, 26 + shift);
    for annotation in &annotations {
        assert_eq!(after.slice(annotation.span()), "林晓舟");
        assert_eq!(annotation.anchor, Anchor::Moved);
    }
}

#[test]
fn edited_quote_is_found_fuzzily() {
    let before = source(PAGE);
    let mut annotations = vec![tag(&before, "新区今年完成投资12.5亿元", 0)];
    let after = source(&PAGE.replace("12.5亿元", "12.8亿元"));
    let report = reanchor(&after, &mut annotations);
    assert_eq!(report.fuzzy, 1);
    assert_eq!(annotations[0].quote, "新区今年完成投资12.8亿元");
    assert_eq!(annotations[0].anchor, Anchor::Fuzzy);
}

#[test]
fn removed_text_is_orphaned_not_dropped() {
    let before = source(PAGE);
    let mut annotations = vec![tag(&before, "项目进展顺利", 0)];
    let after = source("完全不同的一页。");
    let report = reanchor(&after, &mut annotations);
    assert_eq!(report.orphaned, 1);
    assert_eq!(annotations.len(), 1);
    assert_eq!(annotations[0].quote, "项目进展顺利");
    assert_eq!(annotations[0].anchor, Anchor::Orphaned);
}

/// A page where one name recurs in headlines and bodies, next to colons, with an
/// annotation on every name and every colon.
fn page_with_a_recurring_name() -> (Source, Vec<Annotation>) {
    let mut text = String::new();
    for n in 0..40 {
        text.push_str(&format!(
            "## 管城区：第{n}项工程开工\n\n本报讯 管城区今年推进第{n}项工程,记者从管城区：管城区住建局获悉,工程进展顺利。\n\n"
        ));
    }
    // One colon far below whose context, after the edit, happens to match the others'
    // better than their own: a name that is not replaced, then the replaced one.
    text.push_str("## 经开区：管城区协作\n\n经开区：管城区合作项目签约。\n");
    let page = source(&text);
    let mut annotations = Vec::new();
    for quote in ["管城区", "："] {
        for (nth, _) in text.match_indices(quote).enumerate() {
            let mut a = tag(&page, quote, nth);
            a.label = if quote == "：" {
                "NOTE".into()
            } else {
                "LOC".into()
            };
            annotations.push(a);
        }
    }
    (page, annotations)
}

#[test]
fn a_word_replaced_everywhere_keeps_every_annotation_in_its_place_and_order() {
    let (before, mut annotations) = page_with_a_recurring_name();
    let old: Vec<(usize, String)> = annotations
        .iter()
        .map(|a| (a.start, a.label.clone()))
        .collect();
    let after = source(&before.text().replace("管城区", "管城县"));
    reanchor(&after, &mut annotations);
    // Same length: every annotation stays where it was.
    for (annotation, (start, label)) in annotations.iter().zip(&old) {
        assert_eq!(
            annotation.start, *start,
            "{label} {:?} moved",
            annotation.quote
        );
        if label == "NOTE" {
            assert_eq!(
                annotation.anchor,
                Anchor::Exact,
                "an unchanged colon stays exact"
            );
        } else {
            assert_eq!(annotation.quote, "管城县");
            assert_eq!(
                annotation.anchor,
                Anchor::Fuzzy,
                "a changed name is a guess to check"
            );
        }
    }
}

#[test]
fn annotations_keep_their_order_and_never_merge() {
    let (before, mut annotations) = page_with_a_recurring_name();
    // An insertion at the top and the name replaced: everything shifts alike.
    let edited = format!(
        "插入的导语。\n\n{}",
        before.text().replace("管城区", "管城县")
    );
    let after = source(&edited);
    annotations.sort_by_key(|a| a.start);
    reanchor(&after, &mut annotations);
    let mut seen = std::collections::HashSet::new();
    let mut last = 0;
    for annotation in &annotations {
        assert!(
            annotation.start >= last,
            "order kept: {} after {last}",
            annotation.start
        );
        last = annotation.start;
        assert!(
            seen.insert((annotation.label.clone(), annotation.start, annotation.end)),
            "two annotations merged at {}",
            annotation.start
        );
        assert_ne!(annotation.anchor, Anchor::Orphaned);
    }
}

#[test]
fn similarity_counts_common_characters() {
    assert!((similarity("12.5亿元", "12.8亿元") - 5.0 / 6.0).abs() < 1e-9);
    assert!(similarity("abc", "xyz") < 1e-9);
}
