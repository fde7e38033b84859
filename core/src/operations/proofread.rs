//! Proofreading a document: the marks still to show, and the commands that record a mark's
//! fix as a correction or remember it as ignored — for the app's Enter and I keys and
//! `copydesk check --apply` / `--ignore` alike.
//!
//! The page is never changed. A fix becomes an annotation of the tag set's correction label
//! holding the replacement, with the check's id in its `check` field; an ignored mark becomes
//! one with no replacement, status rejected. Both re-anchor, merge and undo like every
//! annotation. A range of blanks alone (a space to delete) cannot be annotated, so such a
//! range takes in the character before it, and the replacement keeps that character.

use std::fmt;

use crate::annotation::{Annotation, Command, Document, Kind, Origin, Status};
use crate::proof::{self, Corrected, Mark, ProofSettings};
use crate::text::Span;

/// The origin of every annotation made here.
pub const ORIGIN: &str = "proof";

/// Why a mark could not be recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProofreadError {
    /// The tag set has no label of kind correction to record it with.
    NoCorrectionLabel,
    /// The mark has no fix to apply (an editor has to decide).
    NoFix {
        /// The check.
        check: &'static str,
        /// Where.
        span: Span,
    },
}

impl fmt::Display for ProofreadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoCorrectionLabel => f.write_str(
                "the tag set has no label of kind Correction to record proofreading with; add one to tagset.ron",
            ),
            Self::NoFix { check, span } => write!(
                f,
                "the {check} mark at {}:{} has no fix; correct it by hand or ignore it",
                span.start, span.end
            ),
        }
    }
}

impl std::error::Error for ProofreadError {}

/// The marks on the document's page that are neither ignored nor already corrected, in page
/// order.
pub fn open_marks(document: &Document, settings: &ProofSettings) -> Vec<Mark> {
    let marks = proof::check_page(document.source(), document.bulletin(), settings);
    still_open(document, &marks)
}

/// Those of `marks` (found on the document's page, perhaps on another thread) that are
/// neither ignored nor corrected.
pub fn still_open(document: &Document, marks: &[Mark]) -> Vec<Mark> {
    proof::open_among(document.annotations(), marks)
        .cloned()
        .collect()
}

/// The commands recording the fixes of `marks` as corrections (apply them as one step). A
/// mark without a fix is refused.
pub fn fix_commands<'m>(
    document: &Document,
    marks: impl IntoIterator<Item = &'m Mark>,
) -> Result<Vec<Command>, ProofreadError> {
    let label = correction_label(document)?;
    marks
        .into_iter()
        .map(|mark| {
            let Some(fix) = &mark.fix else {
                return Err(ProofreadError::NoFix {
                    check: mark.check.id(),
                    span: mark.span,
                });
            };
            let (span, replacement) = not_blank(document, mark.span, fix);
            let mut annotation = record(document, &label, span, mark);
            annotation.correction = Some(replacement);
            Ok(Command::Add(annotation))
        })
        .collect()
}

/// The commands remembering `marks` as ignored, so they are not shown again.
pub fn ignore_commands<'m>(
    document: &Document,
    marks: impl IntoIterator<Item = &'m Mark>,
) -> Result<Vec<Command>, ProofreadError> {
    let label = correction_label(document)?;
    Ok(marks
        .into_iter()
        .map(|mark| {
            let (span, _) = not_blank(document, mark.span, "");
            let mut annotation = record(document, &label, span, mark);
            annotation.status = Status::Rejected;
            Command::Add(annotation)
        })
        .collect())
}

/// The page's text with its accepted corrections applied: what `copydesk fix` writes and the
/// app's corrected view shows (suggested corrections wait for review; ignored marks hold no
/// replacement).
pub fn corrected(document: &Document) -> Corrected {
    let accepted = document
        .annotations()
        .iter()
        .filter(|annotation| annotation.status == Status::Accepted);
    proof::apply_corrections(document.source().text(), accepted)
}

fn correction_label(document: &Document) -> Result<String, ProofreadError> {
    document
        .tagset()
        .tags()
        .iter()
        .find(|tag| tag.kind == Kind::Correction)
        .map(|tag| tag.label.clone())
        .ok_or(ProofreadError::NoCorrectionLabel)
}

fn record(document: &Document, label: &str, span: Span, mark: &Mark) -> Annotation {
    let mut annotation = Annotation::new(
        document.source(),
        label,
        span,
        Origin::Rule(ORIGIN.to_owned()),
        document.author(),
    );
    annotation.check = Some(mark.check.id().to_owned());
    annotation
}

/// `span` and its replacement, widened by the character before it when the span holds only
/// blanks (or after it, at the page's start).
fn not_blank(document: &Document, span: Span, replacement: &str) -> (Span, String) {
    let source = document.source();
    if !source.slice(span).trim().is_empty() {
        return (span, replacement.to_owned());
    }
    let before = Span::new(span.start.saturating_sub(1), span.start);
    let before_text = source.slice(before);
    if !before.is_empty() && !before_text.trim().is_empty() {
        return (
            Span::new(before.start, span.end),
            format!("{before_text}{replacement}"),
        );
    }
    let after = Span::new(span.end, (span.end + 1).min(source.char_len()));
    let after_text = source.slice(after);
    (
        Span::new(span.start, after.end),
        format!("{replacement}{after_text}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::Anchor;
    use crate::proof::Check;
    use crate::text::{PageEncoding, Source};

    const PAGE: &str = "## 新区建设稳步推进\n\n本报讯（记者 林晓舟）工程 进展顺利,投资12亿元.\n";

    fn document() -> Document {
        Document::unsaved("a.txt", Source::from_text(PAGE, PageEncoding::Utf8))
    }

    #[test]
    fn fixes_become_corrections_that_the_corrected_text_applies_and_undo_removes() {
        let mut document = document();
        let settings = ProofSettings::default();
        let marks = open_marks(&document, &settings);
        let checks: Vec<&str> = marks.iter().map(|m| m.check.id()).collect();
        assert_eq!(checks, ["space.body", "punct.halfwidth", "punct.halfwidth"]);
        let commands = fix_commands(&document, &marks).unwrap();
        document.apply(Command::Batch(commands)).unwrap();
        assert_eq!(open_marks(&document, &settings), []);
        let space = &document.annotations()[0];
        assert_eq!(
            (
                space.quote.as_str(),
                space.correction.as_deref(),
                space.check.as_deref()
            ),
            ("程 ", Some("程"), Some("space.body"))
        );
        assert_eq!(space.origin, Origin::Rule("proof".to_owned()));
        let corrected = super::corrected(&document);
        assert_eq!(
            corrected.text,
            "## 新区建设稳步推进\n\n本报讯（记者 林晓舟）工程进展顺利，投资12亿元。\n"
        );
        document.undo();
        assert_eq!(open_marks(&document, &settings), marks);
    }

    #[test]
    fn an_ignored_mark_stays_hidden_and_a_mark_without_fix_is_refused() {
        let mut document = Document::unsaved(
            "a.txt",
            Source::from_text(
                "## 新区建设\n\n本报讯（记者 林晓舟）他说：“好。\n",
                PageEncoding::Utf8,
            ),
        );
        let settings = ProofSettings::default();
        let marks = open_marks(&document, &settings);
        assert_eq!(marks.len(), 1);
        assert_eq!(marks[0].check, Check::PairsUnbalanced);
        assert_eq!(
            fix_commands(&document, &marks).unwrap_err().to_string(),
            "the pairs.unbalanced mark at 23:24 has no fix; correct it by hand or ignore it"
        );
        let commands = ignore_commands(&document, &marks).unwrap();
        document.apply(Command::Batch(commands)).unwrap();
        assert_eq!(open_marks(&document, &settings), []);
        let ignored = &document.annotations()[0];
        assert_eq!(
            (ignored.status, ignored.correction.as_deref()),
            (Status::Rejected, None)
        );
        // An ignored mark changes nothing in the text.
        assert_eq!(super::corrected(&document).applied, 0);
    }

    #[test]
    fn a_long_correction_answers_the_marks_under_it_and_other_annotations_none() {
        let mut document = document();
        let settings = ProofSettings::default();
        let marks = open_marks(&document, &settings);
        let chars: Vec<char> = PAGE.chars().collect();
        let at = |text: &str| {
            let needle: Vec<char> = text.chars().collect();
            let start = chars
                .windows(needle.len())
                .position(|w| w == needle)
                .unwrap();
            Span::new(start, start + needle.len())
        };
        let source = document.source_arc();
        // An entity over the space's mark answers nothing; a correction of the whole clause
        // after it answers both half-width marks inside, the long span before them too.
        let entity = Annotation::new(&source, "ORG", at("工程 进展"), Origin::Manual, "ed");
        let mut clause = Annotation::new(
            &source,
            "CORR",
            at("进展顺利,投资12亿元."),
            Origin::Manual,
            "ed",
        );
        clause.correction = Some("进展顺利，投资12亿元。".to_owned());
        document
            .apply(Command::Batch(vec![
                Command::Add(entity),
                Command::Add(clause),
            ]))
            .unwrap();
        assert_eq!(proof::answering(document.annotations()).count(), 1);
        let open = still_open(&document, &marks);
        assert_eq!(open, marks[..1]);
        assert_eq!(open[0].check.id(), "space.body");
        // Orphaned, the correction is not where it was made: it answers nothing, for the
        // library's counts as for the open page.
        let mut orphaned = document.annotations().to_vec();
        for annotation in &mut orphaned {
            annotation.anchor = Anchor::Orphaned;
        }
        assert_eq!(proof::open_among(&orphaned, &marks).count(), 3);
    }
}
