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

/// Text without its marks `open…close`, and for each mark: its span in that text, what was
/// inside it, and what `tail` took after it. `tail` is given the inside and the text after the
/// mark, and says how much of the inside is text (the rest is notes) and how many bytes after
/// the mark belong to it.
fn strip_marks(
    marked: &str,
    (open, close): (char, char),
    tail: impl Fn(&str, &str) -> (usize, usize),
) -> (String, Vec<(Span, &str, &str)>) {
    let mut text = String::new();
    let mut marks = Vec::new();
    let mut chars = 0;
    let mut rest = marked;
    while let Some(at) = rest.find(open) {
        let before = &rest[..at];
        text.push_str(before);
        chars += before.chars().count();
        let inner_start = at + open.len_utf8();
        let Some(len) = rest[inner_start..].find(close) else {
            panic!("unclosed mark near {before}");
        };
        let inner = &rest[inner_start..inner_start + len];
        let after = &rest[inner_start + len + close.len_utf8()..];
        let (quote_len, tail_len) = tail(inner, after);
        let quote = &inner[..quote_len];
        let quote_chars = quote.chars().count();
        marks.push((
            Span::new(chars, chars + quote_chars),
            inner,
            &after[..tail_len],
        ));
        text.push_str(quote);
        chars += quote_chars;
        rest = &after[tail_len..];
    }
    text.push_str(rest);
    (text, marks)
}

/// A line without its `⟦…⟧` and `⟦…|N⟧` marks, and the figures they marked.
fn unmark(line: &str) -> (String, Vec<Gold>) {
    let (text, marks) = strip_marks(line, ('⟦', '⟧'), |inner, _| {
        (inner.find('|').unwrap_or(inner.len()), 0)
    });
    let gold = marks
        .into_iter()
        .map(|(span, inner, _)| Gold {
            span,
            number: inner
                .split_once('|')
                .map(|(_, n)| n.parse::<f64>().unwrap()),
        })
        .collect();
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

/// Hand-labelled pages of names, each in another paper's style.
const NAME_PAGES: &[(&str, &str)] = &[
    ("county", include_str!("../../testdata/names/county.txt")),
    (
        "national",
        include_str!("../../testdata/names/national.txt"),
    ),
    ("culture", include_str!("../../testdata/names/culture.txt")),
    ("sports", include_str!("../../testdata/names/sports.txt")),
    ("health", include_str!("../../testdata/names/health.txt")),
    (
        "business",
        include_str!("../../testdata/names/business.txt"),
    ),
    (
        "hongkong",
        include_str!("../../testdata/names/hongkong.txt"),
    ),
];

/// The labels measured.
const NAME_LABELS: [&str; 3] = ["PER", "LOC", "ORG"];

/// A page without its `[…]LABEL` marks, and the `(label, span)` they marked.
fn unmark_names(page: &str) -> (String, HashSet<(&'static str, Span)>) {
    let label_of = |after: &str| NAME_LABELS.into_iter().find(|l| after.starts_with(l));
    let (text, marks) = strip_marks(page, ('[', ']'), |inner, after| {
        let label = label_of(after).unwrap_or_else(|| panic!("no label after [{inner}]"));
        (inner.len(), label.len())
    });
    let gold = marks
        .into_iter()
        .filter_map(|(span, _, tail)| label_of(tail).map(|label| (label, span)))
        .collect();
    (text, gold)
}

/// Names jieba tags in the page as it is, line by line: `nr*` people, `ns` places, `nt`
/// organisations.
fn jieba_names(text: &str) -> HashSet<(&'static str, Span)> {
    let mut found = HashSet::new();
    let mut line_start = 0;
    for line in text.split('\n') {
        for tag in crate::text::words::JIEBA.tag(line, true) {
            let label = match tag.tag {
                "nr" | "nrt" | "nrfg" => "PER",
                "ns" => "LOC",
                "nt" => "ORG",
                _ => continue,
            };
            found.insert((
                label,
                Span::new(line_start + tag.start, line_start + tag.end),
            ));
        }
        line_start += line.chars().count() + 1;
    }
    found
}

/// copydesk's PER, LOC and ORG suggestions for the page.
fn copydesk_names(text: &str) -> HashSet<(&'static str, Span)> {
    let source = crate::text::Source::from_text(text, crate::text::PageEncoding::Utf8);
    let bulletin = crate::bulletin::segment(source.text());
    let options = super::Options {
        metrics: false,
        entities: true,
    };
    super::suggest(&source, &bulletin, &[], options)
        .into_iter()
        .filter(|s| NAME_LABELS.contains(&s.label))
        .map(|s| (s.label, s.span))
        .collect()
}

/// Per label: true positives, found, gold.
type Counts = [(usize, usize, usize); 3];

fn count(
    counts: &mut Counts,
    found: &HashSet<(&'static str, Span)>,
    gold: &HashSet<(&'static str, Span)>,
) {
    for (n, label) in NAME_LABELS.into_iter().enumerate() {
        let of = |set: &HashSet<(&'static str, Span)>| {
            set.iter()
                .filter(|(l, _)| *l == label)
                .copied()
                .collect::<HashSet<_>>()
        };
        let (found, gold) = (of(found), of(gold));
        counts[n].0 += found.intersection(&gold).count();
        counts[n].1 += found.len();
        counts[n].2 += gold.len();
    }
}

#[test]
fn names_beat_raw_jieba_tags() {
    let (mut ours, mut raw) = (Counts::default(), Counts::default());
    let mut total = 0;
    let mut report = Vec::new();
    for (page, marked) in NAME_PAGES {
        let (text, gold) = unmark_names(marked);
        total += gold.len();
        let found = copydesk_names(&text);
        count(&mut ours, &found, &gold);
        count(&mut raw, &jieba_names(&text), &gold);
        let chars: Vec<char> = text.chars().collect();
        let quote = |span: Span| chars[span.start..span.end].iter().collect::<String>();
        let mut missed: Vec<String> = gold
            .difference(&found)
            .map(|(l, s)| format!("{l}:{}", quote(*s)))
            .collect();
        let mut extra: Vec<String> = found
            .difference(&gold)
            .map(|(l, s)| format!("{l}:{}", quote(*s)))
            .collect();
        missed.sort();
        extra.sort();
        report.push(format!(
            "{page}: missed {missed:?}\n{page}: extra {extra:?}"
        ));
    }
    println!("names: {total} labelled entities");
    println!("label  copydesk P/R/F1        jieba tags P/R/F1");
    let mut f1s = Vec::new();
    for (n, label) in NAME_LABELS.into_iter().enumerate() {
        let (p, r, f) = scores(ours[n].0, ours[n].1, ours[n].2);
        let (rp, rr, rf) = scores(raw[n].0, raw[n].1, raw[n].2);
        println!(
            "{label}    {p:.3} {r:.3} {f:.3}     {rp:.3} {rr:.3} {rf:.3}   (gold {})",
            ours[n].2
        );
        f1s.push((label, f, rf, p));
    }
    for line in &report {
        println!("{line}");
    }
    assert!(total >= 300, "{total} entities");
    for (label, f1, raw_f1, precision) in f1s {
        assert!(
            f1 >= raw_f1 + 0.10,
            "{label}: F1 {f1:.3} against jieba's {raw_f1:.3}"
        );
        assert!(precision >= 0.85, "{label}: precision {precision:.3}");
    }
}

/// The labelled People's Daily sentences in `../shared/corpora`, when this checkout has them
/// beside it: research data that is never copied here, read only to measure.
const CORPUS: &str = "../../shared/corpora/ner-train.bio";

/// Every `STEP`th sentence of the corpus is measured.
const STEP: usize = 5;

/// The corpus's sentences: text and `(label, span)` of their names.
fn corpus_sentences(bio: &str) -> Vec<(String, HashSet<(&'static str, Span)>)> {
    let mut out = Vec::new();
    for block in bio.split("\n\n") {
        let mut text = String::new();
        let mut gold = HashSet::new();
        let mut open: Option<(&'static str, usize)> = None;
        let mut n = 0;
        for line in block.lines() {
            let Some((c, tag)) = line.split_once('\t') else {
                continue;
            };
            let label = NAME_LABELS.into_iter().find(|l| tag.ends_with(l));
            let begins = tag.starts_with("B-");
            if let Some((l, start)) = open
                && (begins || label != Some(l))
            {
                gold.insert((l, Span::new(start, n)));
                open = None;
            }
            if let Some(l) = label
                && open.is_none()
            {
                open = Some((l, n));
            }
            text.push_str(c);
            n += 1;
        }
        if let Some((l, start)) = open {
            gold.insert((l, Span::new(start, n)));
        }
        if !text.is_empty() {
            out.push((text, gold));
        }
    }
    out
}

#[test]
#[ignore = "needs ../shared/corpora; run with --ignored to measure"]
fn names_on_the_corpus_sample() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(CORPUS);
    let Ok(bio) = std::fs::read_to_string(&path) else {
        println!("no corpus at {}", path.display());
        return;
    };
    let (mut ours, mut raw) = (Counts::default(), Counts::default());
    let sentences = corpus_sentences(&bio);
    let sample: Vec<_> = sentences.iter().step_by(STEP).collect();
    let mut errors: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (text, gold) in &sample {
        let found = copydesk_names(text);
        count(&mut ours, &found, gold);
        count(&mut raw, &jieba_names(text), gold);
        let chars: Vec<char> = text.chars().collect();
        for (kind, set) in [
            ("missed", gold.difference(&found)),
            ("extra", found.difference(gold)),
        ] {
            for (label, span) in set {
                let quote: String = chars[span.start..span.end].iter().collect();
                *errors.entry(format!("{kind} {label} {quote}")).or_default() += 1;
            }
        }
    }
    let mut errors: Vec<_> = errors.into_iter().collect();
    errors.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    if std::env::var_os("COPYDESK_ERRORS").is_some() {
        for (error, n) in errors.iter().take(150) {
            println!("{n:>4} {error}");
        }
    }
    println!(
        "corpus sample: {} of {} sentences",
        sample.len(),
        sentences.len()
    );
    println!("label  copydesk P/R/F1        jieba tags P/R/F1");
    for (n, label) in NAME_LABELS.into_iter().enumerate() {
        let (p, r, f) = scores(ours[n].0, ours[n].1, ours[n].2);
        let (rp, rr, rf) = scores(raw[n].0, raw[n].1, raw[n].2);
        println!(
            "{label}    {p:.3} {r:.3} {f:.3}     {rp:.3} {rr:.3} {rf:.3}   (gold {})",
            ours[n].2
        );
    }
}
