//! Property tests for re-anchoring and sidecar round trips.

use copydesk::annotation::anchor::reanchor;
use copydesk::annotation::sidecar::{self, SidecarFile, SourceInfo};
use copydesk::annotation::{Anchor, Annotation, Change, Direction, Metric, Origin, Status};
use copydesk::text::{PageEncoding, Source, Span};
use proptest::prelude::*;

/// Page characters: CJK, punctuation, digits, emoji and CJK Extension B, so that byte, UTF-16
/// and code-point offsets all differ.
const ALPHABET: &[char] = &[
    '新', '区', '今', '年', '完', '成', '投', '资', '亿', '元', '林', '晓', '舟', '说', '项', '目',
    '进', '展', '顺', '利', '。', '，', '“', '”', '\n', ' ', '1', '2', '.', '5', '😀', '𠀋', '𪚥',
    '街', '道', '社', '区', '党', '群', '服', '务', '中', '心', '记', '者', '通', '讯', '员',
];

fn text(len: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(ALPHABET), len).prop_map(|c| c.into_iter().collect())
}

/// An edit of the page: replace `len` characters at `at` by `insert` (insertion when len is 0,
/// deletion when `insert` is empty).
#[derive(Debug, Clone)]
struct Edit {
    at: usize,
    len: usize,
    insert: String,
}

fn apply(page: &[char], edit: &Edit) -> String {
    let at = edit.at.min(page.len());
    let end = (at + edit.len).min(page.len());
    page[..at]
        .iter()
        .chain(edit.insert.chars().collect::<Vec<_>>().iter())
        .chain(&page[end..])
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn annotations_whose_quote_survives_are_found_and_none_is_lost(
        page in text(20..400),
        spans in prop::collection::vec((0usize..400, 1usize..12), 1..12),
        edit_at in 0usize..400,
        edit_len in 0usize..8,
        insert in text(0..30),
        near in any::<bool>(),
    ) {
        let chars: Vec<char> = page.chars().collect();
        let source = Source::from_text(page, PageEncoding::Utf8);
        let mut annotations: Vec<Annotation> = spans
            .iter()
            .map(|&(start, len)| {
                let start = start % chars.len();
                let end = (start + len).min(chars.len());
                Annotation::new(&source, "PER", Span::new(start, end), Origin::Manual, "t")
            })
            .collect();
        let originals = annotations.clone();
        // Half the edits land right next to an annotation.
        let at = if near { originals[edit_at % originals.len()].end } else { edit_at % (chars.len() + 1) };
        let edit = Edit { at, len: edit_len, insert };
        let edited = apply(&chars, &edit);
        let new_source = Source::from_text(edited.clone(), PageEncoding::Utf8);
        let report = reanchor(&new_source, &mut annotations);

        prop_assert_eq!(annotations.len(), originals.len());
        prop_assert_eq!(report.exact + report.moved + report.fuzzy + report.orphaned, originals.len());
        let edit_end = (edit.at + edit.len).min(chars.len());
        let inserted = edit.insert.chars().count();
        for (old, new) in originals.iter().zip(&annotations) {
            prop_assert_eq!(&old.id, &new.id);
            let untouched = edit_end <= old.start || edit.at >= old.end;
            if !untouched {
                continue;
            }
            // The quote survives: it must be found, intact.
            prop_assert!(matches!(new.anchor, Anchor::Exact | Anchor::Moved), "{:?} for {:?}", new.anchor, old.quote);
            prop_assert_eq!(new_source.slice(new.span()), old.quote.as_str());
            let expected_start = if edit_end <= old.start {
                old.start - (edit_end - edit.at) + inserted
            } else {
                old.start
            };
            let occurrences = (0..edited.len())
                .filter(|&i| edited.is_char_boundary(i) && edited[i..].starts_with(old.quote.as_str()))
                .count();
            if occurrences == 1 {
                prop_assert_eq!(new.start, expected_start);
            }
        }
    }

    #[test]
    fn sidecar_write_then_read_is_identity(
        quotes in prop::collection::vec(("\\PC{1,8}", "[\"\\\\\n\r\t)(\\PC]{0,6}", any::<bool>()), 0..20),
        value in -1.0e12f64..1.0e12,
    ) {
        let page: String = quotes.iter().map(|(q, _, _)| q.as_str()).collect::<Vec<_>>().join("\n");
        let source = Source::from_text(page, PageEncoding::Utf8);
        let mut start = 0;
        let mut annotations = Vec::new();
        for (n, (quote, note, metric)) in quotes.iter().enumerate() {
            let len = quote.chars().count();
            let mut annotation = Annotation::new(&source, "METRIC", Span::new(start, start + len), Origin::Rule(format!("r{n}")), note);
            start += len + 1;
            annotation.note = Some(note.clone());
            annotation.status = [Status::Suggested, Status::Accepted, Status::Rejected][n % 3];
            if *metric {
                annotation.metric = Some(Metric {
                    value: quote.clone(),
                    number: Some(value),
                    upper: None,
                    scale: Metric::YI,
                    unit: Some("元".into()),
                    approx: Some("余".into()),
                    indicator: Some(note.clone()),
                    period: None,
                    change: Some(Change { phrase: "同比增长".into(), direction: Direction::Up, figure: "27.9%".into() }),
                });
            }
            if n % 4 == 1 {
                annotation.anchor = Anchor::Fuzzy;
            }
            annotations.push(annotation);
        }
        let file = SidecarFile {
            format: sidecar::FORMAT.into(),
            version: sidecar::VERSION,
            source: SourceInfo { file: "页.txt".into(), chars: source.char_len(), fingerprint: source.fingerprint() },
            annotations,
        };
        let text = sidecar::to_ron(&file).unwrap();
        let read = sidecar::parse(std::path::Path::new("页.txt.ann.ron"), text.as_bytes(), &source).unwrap();
        prop_assert_eq!(read, file);
    }
}
