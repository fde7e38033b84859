//! How the window's width is shared: the reading pane keeps its room first. Each side panel
//! may take at most a fifth of the window, less its share of the centre's margins, so the body
//! pane keeps 60 % of it at any zoom; on a laptop at 150 % the panels narrow instead of
//! squeezing the text to a few characters a line.

use eframe::egui::{self, Rangef};

/// The largest share of the window's width one side panel may take.
pub const SIDE_SHARE: f32 = 0.2;

/// The narrowest a side panel gets, in points, however narrow the window.
const SIDE_MIN: f32 = 110.0;

/// Each side panel's share of the margins around the body pane, in points.
const MARGIN_SHARE: f32 = 10.0;

/// The width range of a side panel that would like to be `preferred` points wide, in a window
/// `window` points wide: never more than [`SIDE_SHARE`] of it.
pub fn side_range(preferred: f32, window: f32) -> (f32, Rangef) {
    let max = (window * SIDE_SHARE - MARGIN_SHARE).max(SIDE_MIN);
    (preferred.min(max), Rangef::new(SIDE_MIN.min(max), max))
}

/// [`side_range`] for the window `ctx` draws in.
pub fn side_panel(ctx: &egui::Context, preferred: f32) -> (f32, Rangef) {
    side_range(preferred, ctx.content_rect().width())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn side_panels_leave_the_body_sixty_percent_at_laptop_zoom() {
        // 1280 pixels at 150 %: 853 points.
        let window = 1280.0 / 1.5;
        let (outline, outline_range) = side_range(250.0, window);
        let (sidebar, sidebar_range) = side_range(310.0, window);
        assert_eq!(outline, outline_range.max);
        let centre = window - outline_range.max - sidebar_range.max;
        assert!(centre - 2.0 * MARGIN_SHARE >= 0.6 * window - 0.01);
        assert_eq!(outline, sidebar);
        // On a wide window a panel keeps the width it would like.
        assert_eq!(side_range(250.0, 1920.0).0, 250.0);
        // However narrow the window, a panel stays usable.
        assert_eq!(side_range(250.0, 300.0).1.max, 110.0);
    }
}
