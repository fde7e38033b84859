//! One paragraph of page text: selectable, with annotations drawn as coloured highlights.
//!
//! A read-only `TextEdit` over the paragraph's text gives selection by mouse and Shift+arrows;
//! its layouter paints the highlights. A paragraph may be made of several parts of the page (a
//! column break repaired), so positions are mapped between the paragraph and the page here.

use std::sync::Arc;

use eframe::egui::{
    self, Align, Color32, FontId, Galley, TextEdit, TextFormat, Ui,
    text::{CCursor, CCursorRange, LayoutJob},
};
use unicode_segmentation::UnicodeSegmentation;

use super::highlight::{Rows, label_band, text_height};
use super::state::proof_marks::ProofView;
use super::wavy::underlines;
use crate::annotation::{Anchor, Annotation, AnnotationId, Document, Status};
use crate::text::{Source, Span};

/// Size of the labels above annotations, in points: 11 px at zoom 1.0.
const LABEL_SIZE: f32 = 11.0;

/// How a paragraph is set.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Style {
    /// Font size in points.
    pub size: f32,
    /// Text colour.
    pub color: Color32,
}

/// What the page looks like around one paragraph: the annotations, what is selected, what
/// find matched.
pub struct Marks<'a> {
    /// The page, its annotations and its tag set (colours and names).
    pub document: &'a Document,
    /// The selected annotation.
    pub selected: Option<&'a AnnotationId>,
    /// Find hits, in page order.
    pub hits: &'a [Span],
    /// The current find hit.
    pub current_hit: Option<Span>,
    /// Dark theme (highlights are mixed differently).
    pub dark: bool,
    /// The proofreading marks to underline.
    pub proof: ProofView<'a>,
}

/// What the user did in a paragraph this frame.
#[derive(Default)]
pub struct Interaction {
    /// A non-empty selection, in page code points (snapped to grapheme clusters).
    pub selection: Option<Span>,
    /// The annotation under a click.
    pub clicked: Option<AnnotationId>,
    /// The paragraph has the keyboard.
    pub focused: bool,
}

/// A paragraph made of page parts, with its text in one string.
pub struct Paragraph {
    parts: Vec<Span>,
    text: String,
    /// Code points in each part, to map paragraph positions to the page.
    lengths: Vec<usize>,
}

impl Paragraph {
    /// The paragraph of `parts` of `source`.
    pub fn new(source: &Source, parts: &[Span]) -> Self {
        let text: String = parts.iter().map(|&part| source.slice(part)).collect();
        Self {
            parts: parts.to_vec(),
            text,
            lengths: parts.iter().map(|part| part.len()).collect(),
        }
    }

    /// The text as read.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Page offset of paragraph position `index` (code points), as the end of a range: the end
    /// of a part maps to the end of that part.
    pub fn to_page(&self, mut index: usize) -> usize {
        for (part, &len) in self.parts.iter().zip(&self.lengths) {
            if index <= len {
                return part.start + index;
            }
            index -= len;
        }
        self.parts.last().map_or(0, |part| part.end)
    }

    /// Page offset of paragraph position `index`, as the start of a range: the end of a part
    /// maps to the start of the next one.
    pub fn to_page_start(&self, mut index: usize) -> usize {
        for (part, &len) in self.parts.iter().zip(&self.lengths) {
            if index < len {
                return part.start + index;
            }
            index -= len;
        }
        self.parts.last().map_or(0, |part| part.end)
    }

    /// Paragraph position of page offset `offset`, clamped into the paragraph.
    pub fn position_of(&self, offset: usize) -> usize {
        let mut before = 0;
        for (part, &len) in self.parts.iter().zip(&self.lengths) {
            if offset < part.end {
                return before + offset.saturating_sub(part.start);
            }
            before += len;
        }
        before
    }

    /// From the first part's start to the last part's end.
    pub fn extent(&self) -> Span {
        let start = self.parts.first().map_or(0, |p| p.start);
        Span::new(start, self.parts.last().map_or(start, |p| p.end))
    }

    /// Page span of paragraph range `range`, widened to grapheme cluster boundaries.
    pub fn snapped_span(&self, start: usize, end: usize) -> Span {
        let (start, end) = snap_to_graphemes(&self.text, start, end);
        Span::new(self.to_page_start(start), self.to_page(end))
    }
}

/// Widens a code-point range to grapheme cluster boundaries of `text`.
pub fn snap_to_graphemes(text: &str, start: usize, end: usize) -> (usize, usize) {
    let mut position = 0;
    let mut snapped_start = start;
    let mut snapped_end = end;
    for grapheme in text.graphemes(true) {
        let len = grapheme.chars().count();
        let (from, to) = (position, position + len);
        if from < start && start < to {
            snapped_start = from;
        }
        if from < end && end < to {
            snapped_end = to;
        }
        position = to;
        if position >= end {
            break;
        }
    }
    (snapped_start, snapped_end)
}

/// The annotations drawn over `extent`: not rejected, not orphaned.
pub fn drawn_over<'a>(marks: &Marks<'a>, extent: Span) -> impl Iterator<Item = &'a Annotation> {
    marks
        .document
        .overlapping(extent)
        .filter(|a| a.status != Status::Rejected && a.anchor != Anchor::Orphaned)
}

/// Shows a paragraph. `label` names it for screen readers and tests.
pub fn paragraph_ui(
    ui: &mut Ui,
    paragraph: &Paragraph,
    style: Style,
    marks: &Marks<'_>,
    id: egui::Id,
    label: &str,
) -> Interaction {
    let extent = paragraph.extent();
    let visible: Vec<&Annotation> = drawn_over(marks, extent).collect();
    let label_font = FontId::proportional(LABEL_SIZE);
    // The rows' height: the tallest glyph (a Chinese one) and a band for labels above it.
    let (text_height, band) = ui.fonts_mut(|fonts| {
        let probe = fonts.layout_no_wrap(
            "国A".to_owned(),
            FontId::proportional(style.size),
            style.color,
        );
        (
            text_height(&probe),
            label_band(fonts.row_height(&label_font)),
        )
    });
    let job_template = build_job(paragraph, style, marks, text_height + band);
    let mut layouter = |ui: &Ui, _text: &dyn egui::TextBuffer, wrap_width: f32| -> Arc<Galley> {
        let mut job = job_template.clone();
        job.wrap.max_width = wrap_width;
        ui.ctx().fonts_mut(|fonts| fonts.layout_job(job))
    };
    // Highlights go under the text: keep their place in the paint order before the text.
    let underneath = ui.painter().add(egui::Shape::Noop);
    let mut text: &str = paragraph.text();
    let output = TextEdit::multiline(&mut text)
        .id(id)
        // Room above the first row for its labels (the rows below have it between them).
        .frame(egui::Frame::NONE.inner_margin(egui::Margin {
            top: (band / 2.0).ceil() as i8,
            ..egui::Margin::ZERO
        }))
        .desired_width(f32::INFINITY)
        .desired_rows(1)
        .layouter(&mut layouter)
        .show(ui);
    ui.ctx()
        .accesskit_node_builder(id, |node| node.set_label(label));
    let rows = Rows::of(&output.galley);
    let offset = output.galley_pos.to_vec2();
    let mut shapes = highlight_shapes(paragraph, marks, &visible, &rows);
    for shape in &mut shapes {
        shape.translate(offset);
    }
    ui.painter().set(underneath, egui::Shape::Vec(shapes));
    let right = ui.clip_rect().right().min(output.response.rect.right()) - offset.x;
    paint_labels(ui, paragraph, marks, &visible, &rows, (offset, right));
    // Over the text, not under it: a line, so the highlights stay in sight.
    let proof = marks.proof.over(extent).map(|mark| {
        let from = paragraph.position_of(mark.span.start.max(extent.start));
        let to = paragraph.position_of(mark.span.end.min(extent.end));
        (mark, rows.boxes(from, to))
    });
    let mut lines = underlines(proof, marks.proof.selected, marks.dark);
    for shape in &mut lines {
        shape.translate(offset);
    }
    ui.painter().extend(lines);

    let mut interaction = Interaction {
        focused: output.response.has_focus(),
        ..Interaction::default()
    };
    let response = &output.response;
    // The text field selects its own idea of a word on a double-click; replace it with the word
    // the Chinese segmenter finds.
    let double_clicked = response.clicked() && second_click(ui, id);
    if double_clicked && let Some(range) = output.cursor_range {
        let [from, _] = range.sorted_cursors();
        let (start, end) = word_at(paragraph.text(), from.index.0);
        if start < end {
            let mut state = output.state.clone();
            state.cursor.set_char_range(Some(CCursorRange::two(
                CCursor::new(start),
                CCursor::new(end),
            )));
            state.store(ui.ctx(), id);
            interaction.selection = Some(paragraph.snapped_span(start, end));
            return interaction;
        }
    }
    if let Some(range) = output.cursor_range {
        let [from, to] = range.sorted_cursors();
        if from.index != to.index && interaction.focused {
            interaction.selection = Some(paragraph.snapped_span(from.index.0, to.index.0));
        } else if response.clicked() {
            let offset = paragraph.to_page_start(from.index.0);
            interaction.clicked = visible
                .iter()
                .filter(|a| a.start <= offset && offset <= a.end)
                .min_by_key(|a| a.span().len())
                .map(|a| a.id.clone());
        }
    }
    interaction
}

/// True if this click follows another on the same paragraph closely enough to make a
/// double-click. (The text field's own response does not report double-clicks here.)
fn second_click(ui: &Ui, id: egui::Id) -> bool {
    let key = id.with("last click");
    let now = ui.input(|i| i.time);
    let last: Option<f64> = ui.data(|data| data.get_temp(key));
    let double = last
        .is_some_and(|then| now - then <= ui.options(|o| o.input_options.max_double_click_delay));
    ui.data_mut(|data| {
        if double {
            data.remove::<f64>(key);
        } else {
            data.insert_temp(key, now);
        }
    });
    double
}

/// The word around paragraph position `index` (code points), by the Chinese word segmenter;
/// `(index, index)` if there is none.
pub fn word_at(text: &str, index: usize) -> (usize, usize) {
    let mut position = 0;
    let mut last = (index, index);
    for word in crate::text::words::cut(text) {
        let range = (position, position + word.chars().count());
        position = range.1;
        last = if word.trim().is_empty() {
            (index, index)
        } else {
            range
        };
        if index < position {
            return last;
        }
    }
    last
}

/// An RGB triple as a colour.
pub fn rgb([r, g, b]: [u8; 3]) -> Color32 {
    Color32::from_rgb(r, g, b)
}

/// The layout of a paragraph, rows `line_height` tall: one run of text, but for find hits, set
/// black to read on their yellow.
fn build_job(
    paragraph: &Paragraph,
    style: Style,
    marks: &Marks<'_>,
    line_height: f32,
) -> LayoutJob {
    let text = paragraph.text();
    let base = TextFormat {
        font_id: FontId::proportional(style.size),
        color: style.color,
        line_height: Some(line_height),
        valign: Align::BOTTOM,
        ..TextFormat::default()
    };
    let on_hit = TextFormat {
        color: Color32::BLACK,
        ..base.clone()
    };
    let mut job = LayoutJob::default();
    let mut from = 0;
    for hit in hits_in(paragraph, marks) {
        let (start, end) = (byte_of(text, hit.0), byte_of(text, hit.1));
        if from < start {
            job.append(&text[from..start], 0.0, base.clone());
        }
        // Hits do not overlap, but a hit inside one already set must not be set twice.
        if start.max(from) < end {
            job.append(&text[start.max(from)..end], 0.0, on_hit.clone());
        }
        from = end.max(from);
    }
    if from < text.len() || job.is_empty() {
        job.append(&text[from..], 0.0, base);
    }
    job
}

/// Byte offset of code point `index` in `text`.
fn byte_of(text: &str, index: usize) -> usize {
    text.char_indices()
        .nth(index)
        .map_or(text.len(), |(b, _)| b)
}

/// The find hits in the paragraph, as paragraph positions, in order.
fn hits_in(paragraph: &Paragraph, marks: &Marks<'_>) -> Vec<(usize, usize)> {
    let extent = paragraph.extent();
    marks
        .hits
        .iter()
        .filter(|hit| hit.overlaps(extent) && hit.start < hit.end)
        .map(|hit| {
            (
                paragraph.position_of(hit.start.max(extent.start)),
                paragraph.position_of(hit.end.min(extent.end)),
            )
        })
        .collect()
}

/// How an annotation's boxes are painted.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Paint {
    /// Fill.
    pub fill: Color32,
    /// Outline (transparent for none).
    pub outline: egui::Stroke,
}

/// An accepted annotation is a solid fill; a suggestion only a faint fill inside an outline of
/// its colour, so what a person decided always stands out more than what is proposed, in either
/// theme; the selected annotation is strongest.
pub fn paint(colour: Color32, status: Status, selected: bool, dark: bool) -> Paint {
    let accepted = if dark { 0.5 } else { 0.3 };
    match (selected, status) {
        (true, _) => Paint {
            fill: colour.gamma_multiply(0.65),
            outline: egui::Stroke::new(2.0, colour),
        },
        (false, Status::Suggested) => Paint {
            fill: colour.gamma_multiply(0.08),
            outline: egui::Stroke::new(1.0, colour.gamma_multiply(0.8)),
        },
        (false, _) => Paint {
            fill: colour.gamma_multiply(accepted),
            outline: egui::Stroke::NONE,
        },
    }
}

/// The boxes under the text: annotations outermost first (so nested ones darken inside them),
/// then find hits on top, in the galley's coordinates.
fn highlight_shapes(
    paragraph: &Paragraph,
    marks: &Marks<'_>,
    visible: &[&Annotation],
    rows: &Rows,
) -> Vec<egui::Shape> {
    let extent = paragraph.extent();
    let mut layered: Vec<&&Annotation> = visible.iter().collect();
    layered.sort_by_key(|a| std::cmp::Reverse(a.span().len()));
    let mut shapes = Vec::new();
    for annotation in layered {
        let colour = label_colour(marks, annotation);
        let selected = marks.selected == Some(&annotation.id);
        let Paint { fill, outline } = paint(colour, annotation.status, selected, marks.dark);
        let from = paragraph.position_of(annotation.start.max(extent.start));
        let to = paragraph.position_of(annotation.end.min(extent.end));
        for rect in rows.boxes(from, to) {
            shapes.push(egui::Shape::rect_filled(rect, 2.0, fill));
            if outline != egui::Stroke::NONE {
                shapes.push(egui::Shape::rect_stroke(
                    rect,
                    2.0,
                    outline,
                    egui::StrokeKind::Inside,
                ));
            }
        }
    }
    for (from, to) in hits_in(paragraph, marks) {
        let current = marks.current_hit.is_some_and(|hit| {
            paragraph.position_of(hit.start.max(extent.start)) <= from
                && to <= paragraph.position_of(hit.end.min(extent.end))
        });
        let fill = if current {
            Color32::from_rgb(255, 150, 0)
        } else {
            Color32::from_rgb(255, 230, 80)
        };
        for rect in rows.boxes(from, to) {
            shapes.push(egui::Shape::rect_filled(rect, 2.0, fill));
        }
    }
    shapes
}

/// Each annotation's label in the band above its first character, outer spans first where
/// several start together; `offset` places the galley in the window, and no label goes past
/// `right` (galley coordinates) where it can be drawn back.
fn paint_labels(
    ui: &Ui,
    paragraph: &Paragraph,
    marks: &Marks<'_>,
    visible: &[&Annotation],
    rows: &Rows,
    (offset, right): (egui::Vec2, f32),
) {
    let mut starting: Vec<&&Annotation> = visible
        .iter()
        .filter(|a| a.start >= paragraph.extent().start)
        .collect();
    starting.sort_by_key(|a| (a.start, std::cmp::Reverse(a.span().len())));
    let galleys: Vec<Arc<Galley>> = starting
        .iter()
        .map(|a| {
            let colour = label_colour(marks, a);
            ui.painter()
                .layout_no_wrap(a.label.clone(), FontId::proportional(LABEL_SIZE), colour)
        })
        .collect();
    let height = galleys.iter().map(|g| g.size().y).fold(0.0, f32::max);
    let wanted: Vec<(usize, f32)> = starting
        .iter()
        .zip(&galleys)
        .map(|(a, g)| (paragraph.position_of(a.start), g.size().x))
        .collect();
    for (rect, galley) in rows.labels(&wanted, height, right).into_iter().zip(galleys) {
        if let Some(rect) = rect {
            let colour = galley
                .job
                .sections
                .first()
                .map_or(Color32::GRAY, |s| s.format.color);
            ui.painter().galley(rect.min + offset, galley, colour);
        }
    }
}

/// The colour of an annotation's label in the tag set.
fn label_colour(marks: &Marks<'_>, annotation: &Annotation) -> Color32 {
    marks
        .document
        .tagset()
        .get(&annotation.label)
        .map_or(Color32::GRAY, |t| rgb(t.rgb()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::PageEncoding;

    #[test]
    fn positions_map_across_a_column_break() {
        let source = Source::from_text("稳中蓄势\n\n的良好局面。", PageEncoding::Utf8);
        let paragraph = Paragraph::new(&source, &[Span::new(0, 4), Span::new(6, 12)]);
        assert_eq!(paragraph.text(), "稳中蓄势的良好局面。");
        assert_eq!(paragraph.to_page(2), 2);
        assert_eq!(paragraph.to_page(4), 4);
        assert_eq!(paragraph.to_page_start(4), 6);
        assert_eq!(paragraph.to_page(5), 7);
        assert_eq!(paragraph.position_of(7), 5);
        assert_eq!(paragraph.position_of(6), 4);
        // A selection across the break covers both sides on the page.
        assert_eq!(paragraph.snapped_span(2, 6), Span::new(2, 8));
        assert_eq!(paragraph.snapped_span(4, 6), Span::new(6, 8));
    }

    #[test]
    fn selections_snap_to_grapheme_clusters() {
        // 👍🏽 is two code points forming one grapheme; é is e + combining accent.
        let text = "甲👍🏽乙e\u{301}丙";
        assert_eq!(snap_to_graphemes(text, 2, 3), (1, 3));
        assert_eq!(snap_to_graphemes(text, 1, 2), (1, 3));
        assert_eq!(snap_to_graphemes(text, 5, 6), (4, 6));
        assert_eq!(snap_to_graphemes(text, 0, 1), (0, 1));
    }

    #[test]
    fn rejected_and_orphaned_annotations_are_not_drawn() {
        use crate::annotation::{Command, Origin};
        let source = Source::from_text("甲".repeat(200), PageEncoding::Utf8);
        let mut document = Document::unsaved("a.txt", source);
        let mut add = |start, end, status, anchor| {
            let mut annotation = Annotation::new(
                document.source(),
                "PER",
                Span::new(start, end),
                Origin::Manual,
                "t",
            );
            annotation.status = status;
            annotation.anchor = anchor;
            document.apply(Command::Add(annotation)).unwrap();
        };
        add(0, 150, Status::Accepted, Anchor::Exact);
        add(40, 60, Status::Rejected, Anchor::Exact);
        add(45, 50, Status::Suggested, Anchor::Fuzzy);
        add(90, 95, Status::Accepted, Anchor::Orphaned);
        let marks = Marks {
            document: &document,
            selected: None,
            hits: &[],
            current_hit: None,
            dark: false,
            proof: ProofView::EMPTY,
        };
        let found: Vec<(usize, usize)> = drawn_over(&marks, Span::new(30, 100))
            .map(|a| (a.start, a.end))
            .collect();
        assert_eq!(found, [(0, 150), (45, 50)]);
    }

    #[test]
    fn accepted_annotations_stand_out_more_than_suggestions_in_both_themes() {
        let colour = Color32::from_rgb(200, 60, 60);
        for dark in [false, true] {
            let accepted = paint(colour, Status::Accepted, false, dark);
            let suggested = paint(colour, Status::Suggested, false, dark);
            let selected = paint(colour, Status::Suggested, true, dark);
            assert!(accepted.fill.a() > 2 * suggested.fill.a(), "dark {dark}");
            assert!(selected.fill.a() > accepted.fill.a(), "dark {dark}");
            // A suggestion is told apart by its outline, not by a brighter text colour.
            assert_eq!(suggested.outline.width, 1.0);
            assert_eq!(accepted.outline, egui::Stroke::NONE);
        }
        assert!(
            paint(colour, Status::Accepted, false, true).fill.a()
                > paint(colour, Status::Accepted, false, false).fill.a()
        );
    }

    #[test]
    fn find_hits_are_set_black_and_the_text_stays_whole() {
        let source = Source::from_text("新区今年完成投资12.5亿元", PageEncoding::Utf8);
        let document = Document::unsaved("a.txt", source);
        let hits = [Span::new(0, 3), Span::new(1, 2), Span::new(8, 12)];
        let marks = Marks {
            document: &document,
            selected: None,
            hits: &hits,
            current_hit: None,
            dark: false,
            proof: ProofView::EMPTY,
        };
        let paragraph = Paragraph::new(document.source(), &[Span::new(0, 14)]);
        let style = Style {
            size: 16.0,
            color: Color32::from_gray(35),
        };
        let job = build_job(&paragraph, style, &marks, 30.0);
        assert_eq!(job.text, "新区今年完成投资12.5亿元");
        let black: Vec<&str> = job
            .sections
            .iter()
            .filter(|s| s.format.color == Color32::BLACK)
            .map(|s| &job.text[s.byte_range.start.0..s.byte_range.end.0])
            .collect();
        assert_eq!(black, ["新区今", "12.5"]);
    }

    #[test]
    fn double_click_takes_the_chinese_word() {
        let text = "新区今年完成投资";
        assert_eq!(word_at(text, 5), (4, 6), "完成");
        assert_eq!(word_at(text, 0), (0, 2), "新区");
    }
}
