//! Applying recorded corrections to a page's text.

use crate::annotation::{Anchor, Annotation};
use crate::text::{CharOffsets, Span};

/// A page's text with its corrections applied, and what was left out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Corrected {
    /// The corrected text.
    pub text: String,
    /// How many corrections were applied.
    pub applied: usize,
    /// Corrections left out because an earlier one already replaced some of their range.
    pub overlapping: usize,
    /// Corrections left out because their range is not on this text (orphaned, or past its
    /// end).
    pub unplaced: usize,
    /// The corrections applied, in page order: the range of the original text replaced (code
    /// points) and what replaced it — for showing a proof with deletions and insertions.
    pub changes: Vec<(Span, String)>,
}

/// Applies every correction among `annotations` to `text`: each annotation holding a
/// replacement (`correction: Some`) has its range replaced by it (an empty replacement
/// deletes). Which annotations to trust (accepted only, or suggestions too) is the caller's
/// choice; annotations without a replacement are passed over.
///
/// Ranges are code points into `text`. Where two corrections overlap, the one that starts
/// first wins (the shorter, if both start together) and the other is counted in
/// [`Corrected::overlapping`], so a correction is never applied to text another one has
/// already changed.
pub fn apply_corrections<'a>(
    text: &str,
    annotations: impl IntoIterator<Item = &'a Annotation>,
) -> Corrected {
    let offsets = CharOffsets::new(text);
    let mut corrected = Corrected::default();
    let mut corrections: Vec<(usize, usize, &str, Span)> = Vec::new();
    for annotation in annotations {
        let Some(replacement) = annotation.correction.as_deref() else {
            continue;
        };
        let bytes = (annotation.anchor != Anchor::Orphaned && annotation.start <= annotation.end)
            .then(|| {
                Some((
                    offsets.to_byte(text, annotation.start)?,
                    offsets.to_byte(text, annotation.end)?,
                ))
            })
            .flatten();
        match bytes {
            Some((start, end)) => {
                corrections.push((start, end, replacement, annotation.span()));
            }
            None => corrected.unplaced += 1,
        }
    }
    corrections.sort_unstable_by_key(|&(start, end, _, _)| (start, end));
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for (start, end, replacement, span) in corrections {
        if start < copied {
            corrected.overlapping += 1;
            continue;
        }
        out.push_str(&text[copied..start]);
        out.push_str(replacement);
        copied = end;
        corrected.applied += 1;
        corrected.changes.push((span, replacement.to_owned()));
    }
    out.push_str(&text[copied..]);
    corrected.text = out;
    corrected
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::Origin;
    use crate::text::{PageEncoding, Source, Span};

    fn correction(source: &Source, span: Span, replacement: &str) -> Annotation {
        let mut annotation = Annotation::new(source, "CORR", span, Origin::Manual, "editor");
        annotation.correction = Some(replacement.to_owned());
        annotation
    }

    #[test]
    fn replaces_deletes_and_counts_code_points_past_non_bmp_characters() {
        // 𠀀 (CJK Extension B) and 😀 are one code point each, four bytes each.
        let source = Source::from_text("𠀀甲,乙😀丙丙丁", PageEncoding::Utf8);
        let annotations = [
            correction(&source, Span::new(2, 3), "，"),
            correction(&source, Span::new(5, 7), "丙"),
            // No replacement: a mark, not a correction.
            Annotation::new(&source, "CORR", Span::new(0, 1), Origin::Manual, "editor"),
        ];
        let corrected = apply_corrections(source.text(), &annotations);
        assert_eq!(
            corrected,
            Corrected {
                text: "𠀀甲，乙😀丙丁".to_owned(),
                applied: 2,
                overlapping: 0,
                unplaced: 0,
                changes: vec![
                    (Span::new(2, 3), "，".to_owned()),
                    (Span::new(5, 7), "丙".to_owned())
                ],
            }
        );
        let deleted = apply_corrections(source.text(), &[correction(&source, Span::new(4, 5), "")]);
        assert_eq!(deleted.text, "𠀀甲,乙丙丙丁");
    }

    #[test]
    fn the_earlier_of_two_overlapping_corrections_wins() {
        let source = Source::from_text("一二三四五", PageEncoding::Utf8);
        let annotations = [
            correction(&source, Span::new(1, 4), "X"),
            correction(&source, Span::new(0, 2), "Y"),
            correction(&source, Span::new(4, 5), "Z"),
        ];
        let corrected = apply_corrections(source.text(), &annotations);
        assert_eq!(corrected.text, "Y三四Z");
        assert_eq!((corrected.applied, corrected.overlapping), (2, 1));
    }

    #[test]
    fn orphaned_and_out_of_range_corrections_are_not_applied() {
        let source = Source::from_text("一二三", PageEncoding::Utf8);
        let mut orphan = correction(&source, Span::new(0, 1), "X");
        orphan.anchor = Anchor::Orphaned;
        let mut past_end = correction(&source, Span::new(0, 1), "Y");
        past_end.start = 2;
        past_end.end = 9;
        let corrected = apply_corrections(source.text(), &[orphan, past_end]);
        assert_eq!(corrected.text, "一二三");
        assert_eq!((corrected.applied, corrected.unplaced), (0, 2));
    }
}
