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

use super::output::{OutFile, Writer, Written, count};
use super::sentence::sentences;
use super::unit::{PageUnits, Unit};
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
