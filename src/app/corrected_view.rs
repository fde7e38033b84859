//! The corrected view (F8): each paragraph with the page's corrections applied, marked as
//! editors mark proofs — the text taken out struck through in red, the text put in green.
//!
//! The corrections are those [`crate::operations::proofread::corrected`] applied (the text
//! `copydesk fix` writes), so the view and the command line always agree. The view is for
//! reading: selecting and tagging happen in the text as printed.

use eframe::egui::{self, Color32, FontId, Stroke, TextFormat, Ui, text::LayoutJob};

use super::text_view::{Paragraph, Style};
use crate::text::Span;

/// Red of the text taken out.
const DELETED: Color32 = Color32::from_rgb(205, 35, 35);
/// Green of the text put in.
const INSERTED: Color32 = Color32::from_rgb(20, 140, 60);

/// Shows `paragraph` with the `changes` (original range, replacement; in page order) that
/// fall in it. Screen readers (and tests) read the corrected text, after `label`.
pub fn paragraph_ui(
    ui: &mut Ui,
    paragraph: &Paragraph,
    changes: &[(Span, String)],
    style: Style,
    label: &str,
) {
    let (job, corrected) = proof_job(paragraph, changes, style);
    let response = ui.add(egui::Label::new(job).wrap());
    response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Label,
            true,
            format!("{label}, corrected: {corrected}"),
        )
    });
}

/// The paragraph's text as runs: as printed, struck out, put in; and the text as corrected.
fn proof_job(
    paragraph: &Paragraph,
    changes: &[(Span, String)],
    style: Style,
) -> (LayoutJob, String) {
    let base = TextFormat {
        font_id: FontId::proportional(style.size),
        color: style.color,
        ..TextFormat::default()
    };
    let deleted = TextFormat {
        color: DELETED,
        strikethrough: Stroke::new(1.5, DELETED),
        ..base.clone()
    };
    let inserted = TextFormat {
        color: INSERTED,
        underline: Stroke::new(1.0, INSERTED),
        ..base.clone()
    };
    let text = paragraph.text();
    let byte = |position: usize| {
        text.char_indices()
            .nth(position)
            .map_or(text.len(), |(at, _)| at)
    };
    let extent = paragraph.extent();
    // Applied corrections never overlap, so their ends are in order like their starts.
    let from = changes.partition_point(|(span, _)| span.end <= extent.start);
    let to = changes.partition_point(|(span, _)| span.start < extent.end);
    let mut job = LayoutJob::default();
    let mut corrected = String::with_capacity(text.len());
    let mut copied = 0;
    for (span, replacement) in &changes[from..to.max(from)] {
        let start = byte(paragraph.position_of(span.start.max(extent.start)));
        let end = byte(paragraph.position_of(span.end.min(extent.end)));
        let kept = &text[copied..start.max(copied)];
        job.append(kept, 0.0, base.clone());
        corrected.push_str(kept);
        job.append(
            &text[start.max(copied)..end.max(copied)],
            0.0,
            deleted.clone(),
        );
        // Put in where the correction starts: once, in the paragraph holding its start.
        if span.start >= extent.start {
            job.append(replacement, 0.0, inserted.clone());
            corrected.push_str(replacement);
        }
        copied = end.max(copied);
    }
    job.append(&text[copied..], 0.0, base);
    corrected.push_str(&text[copied..]);
    (job, corrected)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{PageEncoding, Source};

    #[test]
    fn deletions_are_struck_out_in_red_and_insertions_green_across_a_column_break() {
        let source = Source::from_text("甲,乙\n\n丙 丁。", PageEncoding::Utf8);
        let paragraph = Paragraph::new(&source, &[Span::new(0, 3), Span::new(5, 9)]);
        let changes = vec![
            (Span::new(1, 2), "，".to_owned()),
            (Span::new(5, 7), "丙".to_owned()),
        ];
        let style = Style {
            size: 16.0,
            color: Color32::BLACK,
        };
        let (job, corrected) = proof_job(&paragraph, &changes, style);
        assert_eq!(corrected, "甲，乙丙丁。");
        let runs: Vec<(&str, Color32)> = job
            .sections
            .iter()
            .map(|s| {
                (
                    &job.text[s.byte_range.start.0..s.byte_range.end.0],
                    s.format.color,
                )
            })
            .filter(|(text, _)| !text.is_empty())
            .collect();
        assert_eq!(
            runs,
            [
                ("甲", Color32::BLACK),
                (",", DELETED),
                ("，", INSERTED),
                ("乙", Color32::BLACK),
                ("丙 ", DELETED),
                ("丙", INSERTED),
                ("丁。", Color32::BLACK),
            ]
        );
        let struck = job
            .sections
            .iter()
            .filter(|s| s.format.strikethrough.width > 0.0);
        assert_eq!(struck.count(), 2);
    }
}
