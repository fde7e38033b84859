//! Where highlights and their labels go on a laid-out paragraph, taken from egui's own text rows
//! (not glyph boxes, whose heights differ between the Latin and the Chinese font): one box per
//! row a span runs over, at one height for the whole paragraph, and labels in the band above
//! each row's text, where they cover no character and never run into one another.

use eframe::egui::{Galley, Pos2, Rect, pos2};

/// Space between two labels on one row, and between a label and the text below it.
pub const LABEL_GAP: f32 = 2.0;

/// One row of a laid-out paragraph, in the galley's coordinates.
#[derive(Clone, Debug, PartialEq)]
struct RowGeometry {
    /// Paragraph position (code points) of the row's first character.
    first: usize,
    /// Left edge of each character, then the right edge of the last.
    edges: Vec<f32>,
    /// Top and bottom of the text on the row (the same height on every row).
    text_top: f32,
    text_bottom: f32,
}

/// The rows of a laid-out paragraph.
#[derive(Clone, Debug, PartialEq)]
pub struct Rows {
    rows: Vec<RowGeometry>,
}

impl Rows {
    /// The rows of `galley`. Each row's text band is centred in the row (as egui sets text in a
    /// taller line) and as tall as the tallest glyph of the paragraph, whichever font drew it.
    pub fn of(galley: &Galley) -> Self {
        let height = text_height(galley);
        let mut first = 0;
        let rows = galley
            .rows
            .iter()
            .map(|placed| {
                let rect = placed.rect();
                let mut edges: Vec<f32> = placed
                    .glyphs
                    .iter()
                    .map(|g| placed.pos.x + g.pos.x)
                    .collect();
                edges.push(
                    placed
                        .glyphs
                        .last()
                        .map_or(placed.pos.x, |g| placed.pos.x + g.max_x()),
                );
                let height = height.min(rect.height());
                let middle = rect.center().y;
                let row = RowGeometry {
                    first,
                    edges,
                    text_top: middle - height / 2.0,
                    text_bottom: middle + height / 2.0,
                };
                first += placed.char_count_including_newline().0;
                row
            })
            .collect();
        Self { rows }
    }

    /// One box per row for the characters `from..to` (paragraph code points), each as tall as
    /// the row's text, left to right and top to bottom.
    pub fn boxes(&self, from: usize, to: usize) -> Vec<Rect> {
        self.rows
            .iter()
            .filter_map(|row| {
                let count = row.edges.len() - 1;
                let start = from.max(row.first);
                let end = to.min(row.first + count);
                (start < end).then(|| {
                    Rect::from_min_max(
                        pos2(row.edges[start - row.first], row.text_top),
                        pos2(row.edges[end - row.first], row.text_bottom),
                    )
                })
            })
            .collect()
    }

    /// Where a label `size` wide and tall goes for a span starting at paragraph position `at`:
    /// on the row that shows that character, just above its text.
    fn label_spot(&self, at: usize, height: f32) -> Option<(usize, Pos2)> {
        self.rows.iter().enumerate().find_map(|(index, row)| {
            let count = row.edges.len() - 1;
            (row.first <= at && at < row.first + count).then(|| {
                let x = row.edges[at - row.first];
                (index, pos2(x, row.text_top - LABEL_GAP - height))
            })
        })
    }

    /// Rectangles for labels of the given `(start, width)` (paragraph position of the span's
    /// first character, label width), `height` tall, in the order given: each above its span's
    /// first character, or pushed right past the label before it on the same row so that no
    /// two touch, and drawn back from `right` (the pane's edge) where there is room. `None`
    /// for a span whose first character is not in this paragraph.
    pub fn labels(&self, labels: &[(usize, f32)], height: f32, right: f32) -> Vec<Option<Rect>> {
        let mut order: Vec<usize> = (0..labels.len()).collect();
        let spots: Vec<Option<(usize, Pos2)>> = labels
            .iter()
            .map(|&(at, _)| self.label_spot(at, height))
            .collect();
        // Left to right on each row; for spans starting together, in the order given.
        order.sort_by(|&a, &b| match (spots[a], spots[b]) {
            (Some((ra, pa)), Some((rb, pb))) => ra.cmp(&rb).then(pa.x.total_cmp(&pb.x)),
            (a, b) => a.is_none().cmp(&b.is_none()),
        });
        let mut placed = vec![None; labels.len()];
        let mut previous: Option<(usize, f32)> = None;
        for index in order {
            let Some((row, spot)) = spots[index] else {
                continue;
            };
            let width = labels[index].1;
            let after = match previous {
                Some((previous_row, end)) if previous_row == row => end + LABEL_GAP,
                _ => f32::NEG_INFINITY,
            };
            let left = spot.x.max(after).min(right - width).max(after);
            let rect = Rect::from_min_size(pos2(left, spot.y), (width, height).into());
            previous = Some((row, rect.right()));
            placed[index] = Some(rect);
        }
        placed
    }
}

/// The height of the tallest glyph in `galley`, whichever font drew it: the Chinese font's
/// glyphs are taller than the Latin font's the text is nominally set in.
pub fn text_height(galley: &Galley) -> f32 {
    galley
        .rows
        .iter()
        .flat_map(|row| &row.glyphs)
        .map(|g| g.font_height.max(g.font_face_height))
        .fold(0.0_f32, f32::max)
}

/// The band a paragraph's rows need for labels above their text: a label's height and a gap.
pub fn label_band(label_height: f32) -> f32 {
    label_height + 2.0 * LABEL_GAP
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::fonts::{FontChoice, install};
    use eframe::egui::{self, Align, Color32, FontId, TextFormat, text::LayoutJob};
    use std::sync::Arc;

    /// Lays `text` out as the app sets a body paragraph, with `width` to wrap at, and lays out
    /// a label, returning both galleys and the label band.
    fn laid_out(text: &str, width: f32) -> (Arc<Galley>, Arc<Galley>, f32) {
        let ctx = egui::Context::default();
        install(&ctx, FontChoice::BundledOnly, None);
        let mut out = None;
        for _ in 0..2 {
            let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                let size = 16.5;
                let band = ui.fonts_mut(|f| label_band(f.row_height(&FontId::proportional(11.0))));
                let probe = ui.fonts_mut(|f| {
                    f.layout_no_wrap("国A".into(), FontId::proportional(size), Color32::BLACK)
                });
                let line = text_height(&probe) + band;
                let mut job = LayoutJob::single_section(
                    text.to_owned(),
                    TextFormat {
                        font_id: FontId::proportional(size),
                        color: Color32::BLACK,
                        line_height: Some(line),
                        valign: Align::BOTTOM,
                        ..TextFormat::default()
                    },
                );
                job.wrap.max_width = width;
                let galley = ui.fonts_mut(|f| f.layout_job(job));
                let label = ui.fonts_mut(|f| {
                    f.layout_no_wrap("METRIC".into(), FontId::proportional(11.0), Color32::RED)
                });
                out = Some((galley, label, band));
            });
            output.textures_delta.clear();
        }
        out.expect("laid out")
    }

    /// Every glyph's drawn extent: its advance across, its own face's height down.
    fn glyph_rects(galley: &Galley) -> Vec<Rect> {
        galley
            .rows
            .iter()
            .flat_map(|row| {
                row.glyphs.iter().map(move |g| {
                    let top = row.pos.y + g.pos.y - g.font_face_ascent;
                    Rect::from_min_max(
                        pos2(row.pos.x + g.pos.x, top),
                        pos2(row.pos.x + g.max_x(), top + g.font_face_height),
                    )
                })
            })
            .collect()
    }

    #[test]
    fn a_figure_of_digits_and_chinese_is_one_box_of_the_rows_height() {
        let (galley, _, _) = laid_out("全年投资554.1亿元,同比增长。", 1000.0);
        let rows = Rows::of(&galley);
        let boxes = rows.boxes(4, 11);
        assert_eq!(boxes.len(), 1);
        let glyphs = glyph_rects(&galley);
        // The box spans from the first digit to the end of 元 and holds every glyph inside.
        assert_eq!(boxes[0].left(), glyphs[4].left());
        assert!((boxes[0].right() - glyphs[10].right()).abs() <= 1.0);
        for glyph in &glyphs[4..11] {
            assert!(
                boxes[0].top() <= glyph.top() + 0.5,
                "{glyph:?} in {boxes:?}"
            );
            assert!(
                glyph.bottom() <= boxes[0].bottom() + 0.5,
                "{glyph:?} in {boxes:?}"
            );
        }
        // And stays inside its row.
        let row = galley.rows[0].rect();
        assert!(row.top() <= boxes[0].top() && boxes[0].bottom() <= row.bottom());
    }

    #[test]
    fn a_span_over_a_wrap_is_one_box_per_row_of_equal_height() {
        let text = "新区今年完成投资十二亿元".repeat(6);
        let (galley, _, _) = laid_out(&text, 200.0);
        assert!(galley.rows.len() >= 3, "{}", galley.rows.len());
        let rows = Rows::of(&galley);
        let boxes = rows.boxes(5, 40);
        assert_eq!(boxes.len(), galley.rows.len().min(boxes.len()));
        assert!(boxes.len() >= 3);
        for (rect, row) in boxes.iter().zip(&galley.rows) {
            assert!((rect.height() - boxes[0].height()).abs() < 0.01);
            assert!(row.rect().top() <= rect.top() && rect.bottom() <= row.rect().bottom());
        }
        // Boxes of consecutive rows do not overlap.
        for pair in boxes.windows(2) {
            assert!(pair[0].bottom() <= pair[1].top());
        }
    }

    #[test]
    fn labels_cover_no_text_and_never_touch() {
        let (galley, label, band) = laid_out("国家统计局发布数据显示,全年投资554.1亿元。", 1000.0);
        let rows = Rows::of(&galley);
        let (width, height) = (label.size().x, label.size().y);
        assert!(height >= 11.0, "{height}");
        // Two nested spans starting together, and one starting a character later.
        let right = galley.rect.right();
        let last = galley.rows[0].glyphs.len() - 2;
        let wanted = [
            (0, width),
            (0, width),
            (1, width),
            (99, width),
            (last, width),
        ];
        let placed = rows.labels(&wanted, height, right);
        // A label at the row's end is drawn back to stay inside the pane.
        let end = placed[4].unwrap();
        assert!((end.right() - right).abs() < 0.01, "{end:?} past {right}");
        assert_eq!(placed[3], None);
        let placed: Vec<Rect> = placed.into_iter().flatten().collect();
        assert_eq!(placed.len(), 4);
        assert_eq!(placed[0].left(), glyph_rects(&galley)[0].left());
        // Above the first row, within the margin the paragraph keeps for them.
        assert!(
            placed[0].top() >= -(band / 2.0).ceil(),
            "{placed:?}, band {band}"
        );
        for (i, a) in placed.iter().enumerate() {
            for glyph in glyph_rects(&galley) {
                assert!(!a.intersects(glyph.shrink(0.5)), "{a:?} covers {glyph:?}");
            }
            for b in &placed[i + 1..] {
                assert!(
                    !a.expand(LABEL_GAP / 2.0 - 0.01).intersects(*b),
                    "{a:?} {b:?}"
                );
            }
        }
    }
}
