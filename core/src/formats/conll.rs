//! `conll`: character-level IOB2 in `export.conll`, one character and its tag per line
//! (`澄 B-LOC`), a blank line after every sentence, for sequence labellers and `seqeval`.
//!
//! Sentences end after 。！？ and at line ends, but never inside a span. Chinese is written
//! character by character: no space is ever invented between characters, and the text's own
//! spaces and other blanks are left out (a line cannot hold a blank as its token). Only labels
//! of kind entity and metric are tagged; notes and corrections are not sequence labels. Where
//! spans overlap or nest, the longest wins (ties: the earlier start, then the label earlier in
//! the tag set); the export says how many were left out.

use std::path::Path;

use super::model::{PageUnits, Unit};
use super::output::{OutFile, Writer, Written, count};
use super::sentence::sentences;
use crate::annotation::{Kind, TagSet};

/// The file written under the output folder.
pub const FILE: &str = "export.conll";

/// Collects the sentences of `export.conll`.
#[derive(Default)]
pub struct Conll {
    text: String,
    /// Spans left out where spans overlap or nest, and the pages that had any.
    dropped: usize,
    pages_dropping: usize,
}

/// Whether a label is tagged in CoNLL: entities and metrics, and labels no tag set names.
fn is_sequence_label(tagset: &TagSet, label: &str) -> bool {
    tagset
        .get(label)
        .is_none_or(|tag| matches!(tag.kind, Kind::Entity | Kind::Metric))
}

/// The spans that keep their characters: longest first, then earlier start, then tag-set
/// order; a span sharing a character with one kept is dropped. Returns, for every character,
/// the index of the kept span on it, and how many were dropped.
fn winners(unit: &Unit<'_>, tagset: &TagSet, chars: usize) -> (Vec<Option<usize>>, usize) {
    let order = |label: &str| {
        tagset
            .tags()
            .iter()
            .position(|tag| tag.label == label)
            .unwrap_or(usize::MAX)
    };
    let mut candidates: Vec<usize> = (0..unit.spans.len())
        .filter(|&k| is_sequence_label(tagset, &unit.spans[k].annotation.label))
        .collect();
    candidates.sort_by_key(|&k| {
        let span = &unit.spans[k];
        (
            std::cmp::Reverse(span.span.len()),
            span.span.start,
            order(&span.annotation.label),
        )
    });
    let mut owner = vec![None; chars];
    let mut dropped = 0;
    for k in candidates {
        let range = unit.spans[k].span.start.min(chars)..unit.spans[k].span.end.min(chars);
        if owner[range.clone()].iter().any(Option::is_some) {
            dropped += 1;
        } else {
            owner[range].fill(Some(k));
        }
    }
    (owner, dropped)
}

impl Conll {
    fn unit(&mut self, unit: &Unit<'_>, tagset: &TagSet) -> usize {
        let chars: Vec<char> = unit.text.chars().collect();
        let (owner, dropped) = winners(unit, tagset, chars.len());
        // The span of the last character written, to begin a span at its first written
        // character even when blanks before it were left out.
        let mut previous: Option<usize> = None;
        let mut open = false;
        for range in sentences(&chars) {
            let continues = open && owner[range.start].is_some() && owner[range.start] == previous;
            if open && !continues {
                self.text.push('\n');
                previous = None;
            }
            open = false;
            for k in range {
                let c = chars[k];
                if c.is_whitespace() {
                    continue;
                }
                self.text.push(c);
                match owner[k] {
                    Some(span) => {
                        let begin = if previous == Some(span) { 'I' } else { 'B' };
                        self.text.push(' ');
                        self.text.push(begin);
                        self.text.push('-');
                        self.text.push_str(&unit.spans[span].annotation.label);
                    }
                    None => self.text.push_str(" O"),
                }
                self.text.push('\n');
                previous = owner[k];
                open = true;
            }
        }
        if open {
            self.text.push('\n');
        }
        dropped
    }
}

impl Writer for Conll {
    fn page(
        &mut self,
        page: &PageUnits<'_>,
        _relative: &Path,
        _files: &mut Vec<OutFile>,
    ) -> Written {
        let tagset = page.document.tagset();
        let mut written = Written::default();
        let mut dropped = 0;
        for unit in &page.units {
            dropped += self.unit(unit, tagset);
            written.units += 1;
            written.spans += unit
                .spans
                .iter()
                .filter(|span| is_sequence_label(tagset, &span.annotation.label))
                .count();
        }
        written.spans -= dropped;
        self.dropped += dropped;
        self.pages_dropping += usize::from(dropped > 0);
        written
    }

    fn finish(self: Box<Self>, files: &mut Vec<OutFile>) -> Vec<String> {
        files.push(OutFile::shared(FILE, self.text.into_bytes()));
        if self.dropped == 0 {
            return Vec::new();
        }
        vec![format!(
            "{FILE}: {} left out in {} (the longest of each overlap kept)",
            count(self.dropped, "overlapping or nested span"),
            count(self.pages_dropping, "page")
        )]
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::fixture;
    use super::super::{Format, UnitKind};

    /// The sentences of a CoNLL file, as (character, tag) pairs; checks each line's shape and
    /// that every I- tag continues a span of its label.
    fn parse(text: &str) -> Vec<Vec<(char, String)>> {
        assert!(
            text.ends_with("\n\n"),
            "a blank line ends the last sentence"
        );
        text.split_terminator("\n\n")
            .map(|sentence| {
                let mut previous = "O".to_owned();
                sentence
                    .lines()
                    .map(|line| {
                        let (token, tag) = line.split_once(' ').unwrap();
                        let mut chars = token.chars();
                        let c = chars.next().unwrap();
                        assert!(chars.next().is_none() && !c.is_whitespace(), "{line:?}");
                        if let Some(label) = tag.strip_prefix("I-") {
                            assert!(
                                previous.ends_with(&format!("-{label}")),
                                "{line:?} after {previous}"
                            );
                        } else {
                            assert!(tag == "O" || tag.starts_with("B-"), "{line:?}");
                        }
                        previous = tag.to_owned();
                        (c, tag.to_owned())
                    })
                    .collect()
            })
            .collect()
    }

    /// (label, text) of every tagged span, in order.
    fn entities(sentences: &[Vec<(char, String)>]) -> Vec<(String, String)> {
        let mut entities: Vec<(String, String)> = Vec::new();
        for (c, tag) in sentences.iter().flatten() {
            if let Some(label) = tag.strip_prefix("B-") {
                entities.push((label.to_owned(), c.to_string()));
            } else if tag.starts_with("I-") {
                entities.last_mut().unwrap().1.push(*c);
            }
        }
        entities
    }

    fn pairs(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|&(l, t)| (l.to_owned(), t.to_owned()))
            .collect()
    }

    #[test]
    fn characters_and_iob2_tags_with_the_longest_of_overlapping_spans() {
        let fixture = fixture();
        let summary = fixture.export(Format::Conll, UnitKind::Item, false);
        assert_eq!((summary.units, summary.spans), (4, 10));
        assert_eq!(
            summary.warnings,
            [
                "export.conll: 4 overlapping or nested spans left out in 1 page (the longest of each overlap kept)"
            ]
        );
        let sentences = parse(&fixture.read("export.conll"));
        let texts: Vec<String> = sentences
            .iter()
            .map(|s| s.iter().map(|(c, _)| c).collect())
            .collect();
        assert_eq!(
            texts,
            [
                "稳增长促发展",
                "𠀀水县：新区😀建设提速",
                "本报讯(记者林𠀀舟通讯员苏念)",
                "前三季度,𠀀水县统计局发布数据,全县地区生产总值完成386.2亿元,同比增长6.8%。",
                "😀城南新区建设指挥部加快推进。",
                "第二条新闻",
                "正文😀甲乙说,丙丁戊到了。",
                "图为𠀀水县新区😀夜景。",
                "本报记者林𠀀舟摄",
                "𠀀水日报2026年11月20日第1版",
            ]
        );
        assert_eq!(
            entities(&sentences),
            pairs(&[
                ("LOC", "𠀀水县"),
                ("PER", "林𠀀舟"),
                // Nested: the longer ORG wins over the LOC inside it.
                ("ORG", "𠀀水县统计局"),
                ("METRIC", "386.2亿元"),
                // Overlapping: the longer ORG wins over 城南新区; across the column break.
                ("ORG", "新区建设指挥部"),
                // A tie of one range: PER comes first in the tag set.
                ("PER", "甲乙"),
                // A tie of length: the earlier start wins.
                ("LOC", "丙丁"),
                ("LOC", "𠀀水县新区"),
                ("PER", "林𠀀舟"),
                ("LOC", "𠀀水"),
            ])
        );
        let tags: Vec<&str> = sentences[1].iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(&tags[..4], ["B-LOC", "I-LOC", "I-LOC", "O"]);
    }

    #[test]
    fn a_span_across_a_column_break_keeps_its_sentence_in_page_units() {
        let fixture = fixture();
        fixture.export(Format::Conll, UnitKind::Page, true);
        let sentences = parse(&fixture.read("export.conll"));
        let texts: Vec<String> = sentences
            .iter()
            .map(|s| s.iter().map(|(c, _)| c).collect())
            .collect();
        assert!(
            texts.contains(&"😀城南新区建设指挥部加快推进。".to_owned()),
            "{texts:?}"
        );
        assert!(texts.contains(&"##第二条新闻".to_owned()), "{texts:?}");
        let entities = entities(&sentences);
        assert!(entities.contains(&("ORG".to_owned(), "新区建设指挥部".to_owned())));
        assert!(
            entities.contains(&("DATE".to_owned(), "前三季度".to_owned())),
            "suggested"
        );
    }
}
