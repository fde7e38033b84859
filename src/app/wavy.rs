//! Proofreading marks drawn as editors mark proofs: a wavy underline under the characters,
//! coloured by severity (red error, orange warning, blue info), over the text rather than a
//! fill under it, so the entity highlights stay in sight.

use eframe::egui::{self, Color32, Pos2, Rect, Stroke};

use crate::proof::{Mark, Severity};
use crate::text::Span;

/// Half the height of a wave, in points.
const AMPLITUDE: f32 = 1.5;
/// The length of one wave, in points.
const WAVELENGTH: f32 = 4.0;

/// The colour of a severity, in the panes and the Proofreading tab.
pub fn severity_colour(severity: Severity, dark: bool) -> Color32 {
    match (severity, dark) {
        (Severity::Error, false) => Color32::from_rgb(210, 30, 30),
        (Severity::Error, true) => Color32::from_rgb(255, 90, 90),
        (Severity::Warning, false) => Color32::from_rgb(215, 120, 0),
        (Severity::Warning, true) => Color32::from_rgb(255, 170, 50),
        (Severity::Info, false) => Color32::from_rgb(40, 110, 220),
        (Severity::Info, true) => Color32::from_rgb(110, 170, 255),
    }
}

/// The wavy lines under each mark's boxes (one box per text row it covers); the selected
/// mark's line is thicker.
pub fn underlines<'a>(
    marks: impl Iterator<Item = (&'a Mark, Vec<Rect>)>,
    selected: Option<Span>,
    dark: bool,
) -> Vec<egui::Shape> {
    let mut shapes = Vec::new();
    for (mark, boxes) in marks {
        let width = if selected == Some(mark.span) {
            2.5
        } else {
            1.2
        };
        let stroke = Stroke::new(width, severity_colour(mark.severity, dark));
        for rect in boxes {
            shapes.push(egui::Shape::line(wave(rect), stroke));
        }
    }
    shapes
}

/// A zigzag along the bottom of `rect`, at least one wave long (a mark of one narrow
/// character still shows).
fn wave(rect: Rect) -> Vec<Pos2> {
    let y = rect.bottom() - AMPLITUDE;
    let right = rect.right().max(rect.left() + WAVELENGTH);
    let mut points = Vec::new();
    let mut x = rect.left();
    let mut up = true;
    while x < right {
        points.push(Pos2::new(x, if up { y - AMPLITUDE } else { y + AMPLITUDE }));
        x += WAVELENGTH / 2.0;
        up = !up;
    }
    points.push(Pos2::new(
        right,
        if up { y - AMPLITUDE } else { y + AMPLITUDE },
    ));
    points
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proof::Check;

    #[test]
    fn a_wave_runs_under_each_box_and_the_selected_one_is_thicker() {
        let mark = Mark {
            check: Check::PunctHalfwidth,
            severity: Severity::Error,
            span: Span::new(3, 4),
            fix: Some("，".into()),
        };
        let boxes = vec![
            Rect::from_min_max(Pos2::new(0.0, 0.0), Pos2::new(16.0, 20.0)),
            Rect::from_min_max(Pos2::new(0.0, 24.0), Pos2::new(2.0, 44.0)),
        ];
        let shapes = underlines([(&mark, boxes)].into_iter(), Some(Span::new(3, 4)), false);
        assert_eq!(shapes.len(), 2);
        let egui::Shape::Path(first) = &shapes[0] else {
            panic!("a line")
        };
        assert_eq!(first.points.len(), 9, "16 points wide, a turn every 2");
        assert!(first.points.iter().all(|p| (17.0..=20.0).contains(&p.y)));
        assert_eq!(first.stroke.width, 2.5);
        let egui::Shape::Path(narrow) = &shapes[1] else {
            panic!("a line")
        };
        assert_eq!(
            narrow.points.last().map(|p| p.x),
            Some(4.0),
            "one wave at least"
        );
    }
}
