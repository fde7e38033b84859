//! Recall and precision of the suggestions on labelled pages of our own (`core/testdata/`),
//! asserted as floors. `cargo test -p copydesk-core measure -- --nocapture` prints the tables.

use std::collections::HashSet;

use super::element::Element;
use super::figures;
use crate::text::Span;

/// Hand-labelled figures in context.
const FIGURES: &str = include_str!("../../testdata/figures.txt");

/// One labelled figure: its span in the plain text, and its number if the label gives one.
struct Gold {
    span: Span,
    number: Option<f64>,
}

/// A line without its `⟦…⟧` and `⟦…|N⟧` marks, and the figures they marked.
fn unmark(line: &str) -> (String, Vec<Gold>) {
    let mut text = String::new();
    let mut gold = Vec::new();
    let mut chars = 0;
    let mut rest = line;
    while let Some(open) = rest.find('⟦') {
        let before = &rest[..open];
        text.push_str(before);
        chars += before.chars().count();
        let inner_start = open + '⟦'.len_utf8();
        let Some(close) = rest[inner_start..].find('⟧') else {
            panic!("unclosed mark in {line}");
        };
        let inner = &rest[inner_start..inner_start + close];
        let (quote, number) = match inner.split_once('|') {
            Some((quote, number)) => (quote, Some(number.parse::<f64>().unwrap())),
            None => (inner, None),
        };
        let len = quote.chars().count();
        gold.push(Gold {
            span: Span::new(chars, chars + len),
            number,
        });
        text.push_str(quote);
        chars += len;
        rest = &rest[inner_start + close + '⟧'.len_utf8()..];
    }
    text.push_str(rest);
    (text, gold)
}

/// Precision, recall and F1 of `found` against `gold` counts.
fn scores(true_positives: usize, found: usize, gold: usize) -> (f64, f64, f64) {
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let precision = ratio(true_positives, found);
    let recall = ratio(true_positives, gold);
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    (precision, recall, f1)
}

#[test]
fn figures_recall_and_precision() {
    let (mut gold_count, mut found_count, mut hits, mut numbered, mut numbers_right) =
        (0, 0, 0, 0, 0);
    let mut misses = Vec::new();
    for line in FIGURES
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let (text, gold) = unmark(line);
        let mut element = Element::from_text(&text);
        element.simplify();
        let found = figures::find(&element).metrics;
        let spans: HashSet<Span> = found.iter().map(|(span, ..)| *span).collect();
        let gold_spans: HashSet<Span> = gold.iter().map(|g| g.span).collect();
        gold_count += gold.len();
        found_count += found.len();
        hits += gold.iter().filter(|g| spans.contains(&g.span)).count();
        for g in gold.iter().filter(|g| !spans.contains(&g.span)) {
            misses.push(format!("missed {}", element.str(g.span)));
        }
        for (span, ..) in found.iter().filter(|(span, ..)| !gold_spans.contains(span)) {
            misses.push(format!("extra  {}", element.str(*span)));
        }
        for g in &gold {
            let Some(expected) = g.number else { continue };
            numbered += 1;
            let got = found.iter().find(|(span, ..)| *span == g.span);
            let number = got.and_then(|(_, _, metric)| metric.number);
            if number.is_some_and(|n| (n - expected).abs() <= 1e-9 * expected.abs().max(1.0)) {
                numbers_right += 1;
            } else {
                misses.push(format!("number {} = {number:?}", element.str(g.span)));
            }
        }
    }
    let (precision, recall, f1) = scores(hits, found_count, gold_count);
    println!("figures: {gold_count} labelled, {found_count} found, {hits} right");
    println!("  precision {precision:.3}  recall {recall:.3}  F1 {f1:.3}");
    println!("  numbers right {numbers_right} of {numbered}");
    for miss in &misses {
        println!("  {miss}");
    }
    assert!(gold_count >= 250, "a few hundred figures: {gold_count}");
    assert!(recall >= 0.9, "recall {recall:.3}");
    assert!(precision >= 0.95, "precision {precision:.3}");
    assert_eq!(numbers_right, numbered, "normalised numbers");
}
