//! What the model reads: a page cut into sentences, each with the clues the rest of copydesk
//! has about its characters (the pane each is in, the rules' suggestions over it).
//!
//! A sentence is the export's (`formats::sentence`): a line of the page, cut again after
//! `。！？` and the closing marks that follow them — short enough to decode quickly, long
//! enough to hold its names whole, and the same sentences a CoNLL export writes. Nothing here looks at annotations; the
//! training examples (`examples`) and the tagging (`Model::tag_page`) both start from these.

use crate::annotation::{Pane, PaneIndex};
use crate::bulletin::Bulletin;
use crate::suggest::{Options, suggest};
use crate::text::{Source, Span};

/// A rule's suggestion over part of a sentence, a clue for the model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hint {
    /// The rule's label (`PER`, `METRIC`…).
    pub label: &'static str,
    /// First character, counted in the sentence.
    pub start: usize,
    /// One past the last.
    pub end: usize,
}

/// A stretch of a page the model tags at once.
#[derive(Clone, Debug, PartialEq)]
pub struct Sentence {
    /// Where its first character is on the page, in code points.
    pub start: usize,
    /// Its characters.
    pub chars: Vec<char>,
    /// The pane of each character; `None` where the segmenter placed nothing.
    pub panes: Vec<Option<Pane>>,
    /// The rules' suggestions inside it.
    pub hints: Vec<Hint>,
}

impl Sentence {
    /// A sentence with no page around it: every character in the body, no rule clues. For
    /// corpora that come as bare sentences and for tests.
    pub fn bare(text: &str) -> Self {
        let chars: Vec<char> = text.chars().collect();
        Self {
            start: 0,
            panes: vec![Some(Pane::Body); chars.len()],
            chars,
            hints: Vec::new(),
        }
    }

    /// Its span on the page.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.start + self.chars.len())
    }
}

/// The page's sentences in order, with their panes and the rules' suggestions as clues.
/// Blank stretches are left out.
pub fn sentences(source: &Source, bulletin: &Bulletin) -> Vec<Sentence> {
    let panes = PaneIndex::new(bulletin);
    let page: Vec<char> = source.text().chars().collect();
    let mut out: Vec<Sentence> = crate::formats::sentence::sentences(&page)
        .into_iter()
        .filter_map(|range| {
            let chars = page.get(range.clone())?;
            if chars.iter().all(|c| c.is_whitespace()) {
                return None;
            }
            Some(Sentence {
                start: range.start,
                panes: range
                    .map(|at| panes.locate(Span::new(at, at + 1)).map(|l| l.pane))
                    .collect(),
                chars: chars.to_vec(),
                hints: Vec::new(),
            })
        })
        .collect();
    add_hints(&mut out, source, bulletin);
    out
}

/// Puts each rule suggestion on the sentence it starts in, cut to that sentence.
fn add_hints(sentences: &mut [Sentence], source: &Source, bulletin: &Bulletin) {
    for suggestion in suggest(source, bulletin, &[], Options::default()) {
        let span = suggestion.span;
        let after = sentences.partition_point(|s| s.start <= span.start);
        let Some(sentence) = after.checked_sub(1).and_then(|i| sentences.get_mut(i)) else {
            continue;
        };
        let end = span.end.min(sentence.span().end);
        if end > span.start {
            sentence.hints.push(Hint {
                label: suggestion.label,
                start: span.start - sentence.start,
                end: end - sentence.start,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bulletin::segment;
    use crate::text::PageEncoding;

    #[test]
    fn lines_are_cut_after_full_stops_with_panes_and_hints() {
        let text = "## 新区纪事\n\n本报讯(记者 林晓舟)新区完成投资12.5亿元。苏念说好！\n";
        let source = Source::from_text(text, PageEncoding::Utf8);
        let found = sentences(&source, &segment(text));
        let texts: Vec<String> = found.iter().map(|s| s.chars.iter().collect()).collect();
        assert_eq!(
            texts,
            [
                "## 新区纪事",
                "本报讯(记者 林晓舟)新区完成投资12.5亿元。",
                "苏念说好！"
            ]
        );
        assert_eq!(found[1].start, 9);
        assert_eq!(found[2].start, 9 + 24);
        assert_eq!(found[0].panes[3], Some(Pane::Headline));
        assert_eq!(found[1].panes[7], Some(Pane::Byline));
        assert_eq!(found[1].panes[14], Some(Pane::Body));
        let hints: Vec<(&str, usize, usize)> = found[1]
            .hints
            .iter()
            .map(|h| (h.label, h.start, h.end))
            .collect();
        assert!(hints.contains(&("PER", 7, 10)), "{hints:?}");
        assert!(hints.contains(&("METRIC", 17, 23)), "{hints:?}");
        // A quotation's closing mark stays with its sentence, as in the CoNLL export.
        let quoted = "苏念说：“好。”林晓舟走了。\n";
        let source = Source::from_text(quoted, PageEncoding::Utf8);
        let found = sentences(&source, &segment(quoted));
        let texts: Vec<String> = found.iter().map(|s| s.chars.iter().collect()).collect();
        assert_eq!(texts, ["苏念说：“好。”", "林晓舟走了。"]);
        assert_eq!(found[1].start, 8);
    }
}
