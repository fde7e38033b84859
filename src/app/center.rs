//! The centre of the window: the item's headline, byline, body and caption panes, or the whole
//! page. Long lists draw only the rows in view, with row heights remembered between frames.

use eframe::egui::{self, Align, Color32, Layout, Rect, RichText, ScrollArea, Ui, UiBuilder};

use super::action::Action;
use super::corrected_view;
use super::state::find::Find;
use super::state::open_page::OpenPage;
use super::state::rows::{Heights, Panes, Row, RowKind, Scroll};
use super::text_view::{Interaction, Marks, Paragraph, Style, paragraph_ui};
use crate::bulletin::{Bulletin, Item, Role};
use crate::text::{Source, Span};

/// Space between rows, in points.
const ROW_SPACING: f32 = 6.0;

/// What the centre reports back to the app after drawing.
#[derive(Default)]
pub struct CenterOutput {
    /// A selection made in any row.
    pub selection: Option<Span>,
    /// Some row had the keyboard (so a selection may have been cleared).
    pub focused: bool,
    /// An annotation clicked.
    pub clicked: Option<crate::annotation::AnnotationId>,
    /// A chip clicked: select this name.
    pub chip: Option<Span>,
}

impl CenterOutput {
    fn take(&mut self, interaction: Interaction) {
        if interaction.focused {
            self.focused = true;
            self.selection = interaction.selection.or(self.selection);
        }
        self.clicked = interaction.clicked.or(self.clicked.take());
    }
}

/// How a row is set.
pub fn style(kind: RowKind, dark: bool) -> Style {
    let strong = if dark {
        Color32::from_gray(240)
    } else {
        Color32::from_gray(20)
    };
    let normal = if dark {
        Color32::from_gray(215)
    } else {
        Color32::from_gray(35)
    };
    let weak = if dark {
        Color32::from_gray(160)
    } else {
        Color32::from_gray(95)
    };
    let (size, color) = match kind {
        RowKind::Kicker => (15.0, weak),
        RowKind::Headline(1) => (27.0, strong),
        RowKind::Headline(2) => (23.0, strong),
        RowKind::Headline(_) => (20.0, strong),
        RowKind::Subtitle => (17.0, normal),
        RowKind::Byline | RowKind::Trailing | RowKind::Staff | RowKind::Credit => (14.5, weak),
        RowKind::Body | RowKind::Caption | RowKind::Other => (16.5, normal),
    };
    Style { size, color }
}

/// A name for screen readers and tests: `body paragraph 3`, `headline`…
pub fn row_label(kind: RowKind, number: usize) -> String {
    match kind {
        RowKind::Kicker => "kicker".to_owned(),
        RowKind::Headline(_) => "headline".to_owned(),
        RowKind::Subtitle => "subtitle".to_owned(),
        RowKind::Byline => "byline".to_owned(),
        RowKind::Trailing => "trailing byline".to_owned(),
        RowKind::Staff => format!("staff {number}"),
        RowKind::Body => format!("body paragraph {number}"),
        RowKind::Caption => format!("caption {number}"),
        RowKind::Credit => "credit".to_owned(),
        RowKind::Other => format!("unplaced text {number}"),
    }
}

/// Everything a row needs to be drawn.
pub struct Context<'a> {
    /// The page text.
    pub source: &'a Source,
    /// Its structure (for byline chips).
    pub bulletin: &'a Bulletin,
    /// Annotations, selection and find hits.
    pub marks: Marks<'a>,
    /// Which view draws the row (ids differ between views).
    pub view: &'static str,
}

/// Draws one row (and, under a byline, the people as chips).
pub fn row_ui(
    ui: &mut Ui,
    context: &Context<'_>,
    row: &Row,
    number: usize,
    out: &mut CenterOutput,
) {
    let paragraph = Paragraph::new(context.source, &row.parts);
    let id = egui::Id::unique((
        context.view,
        row.parts.first().map_or(0, |p| p.start),
        row.item,
    ));
    let label = row_label(row.kind, number);
    let style = style(row.kind, context.marks.dark);
    if let Some(changes) = context.marks.proof.corrected {
        corrected_view::paragraph_ui(ui, &paragraph, changes, style, &label);
        return;
    }
    let interaction = paragraph_ui(ui, &paragraph, style, &context.marks, id, &label);
    out.take(interaction);
    if matches!(row.kind, RowKind::Byline | RowKind::Trailing) {
        byline_chips(ui, context.source, context.bulletin, row, out);
    }
}

/// Agency, dateline and the people by role, as chips; clicking a name selects it. Under a
/// trailing byline, its names.
fn byline_chips(
    ui: &mut Ui,
    source: &Source,
    bulletin: &Bulletin,
    row: &Row,
    out: &mut CenterOutput,
) {
    let Some(Item::Article(article)) = bulletin.items.get(row.item) else {
        return;
    };
    let (fields, people) = match row.kind {
        RowKind::Byline => match &article.byline {
            Some(byline) => (
                vec![("agency", byline.agency), ("dateline", byline.dateline)],
                &byline.people,
            ),
            None => return,
        },
        RowKind::Trailing => match &article.trailing_byline {
            Some(trailing) => (Vec::new(), &trailing.people),
            None => return,
        },
        _ => return,
    };
    ui.horizontal_wrapped(|ui| {
        for (caption, span) in fields {
            if let Some(span) = span {
                ui.label(
                    RichText::new(format!("{caption}: {}", source.slice(span)))
                        .small()
                        .weak(),
                );
            }
        }
        for person in people {
            let role = match person.role {
                Role::Unspecified => "",
                role => role.chinese(),
            };
            let text = format!("{role} {}", source.slice(person.name));
            let chip = ui
                .add(egui::Button::new(RichText::new(text.trim()).small()).corner_radius(8.0))
                .on_hover_text("Select this name (then press a label's key to tag it)");
            if chip.clicked() {
                out.chip = Some(person.name);
            }
        }
    });
}

/// Where a list of rows is asked to scroll this frame.
#[derive(Clone, Copy, Default)]
pub struct Scrolling {
    /// Bring this row into view.
    pub to_row: Option<usize>,
    /// A keyboard scroll.
    pub by: Option<Scroll>,
}

/// Draws `rows` in a scroll area, laying out only those in view, and scrolls as `scrolling`
/// asks. `id_salt` keeps the scroll position: one per page (and item), so a page opened fresh
/// starts at its top.
pub fn virtual_rows(
    ui: &mut Ui,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    rows: &[Row],
    heights: &mut Heights,
    scrolling: Scrolling,
    mut draw: impl FnMut(&mut Ui, usize, &Row),
) {
    // Rows are as wide as the scroll area leaves beside its scroll bar.
    let width = ui.available_width() - ui.spacing().scroll.allocated_width();
    if (heights.width - width).abs() > 0.5 || heights.values.len() != rows.len() {
        heights.width = width;
        heights.values = vec![None; rows.len()];
    }
    let tops: Vec<f32> = std::iter::once(0.0)
        .chain(rows.iter().enumerate().scan(0.0, |top, (i, row)| {
            *top += heights.values[i].unwrap_or_else(|| estimate(row, width));
            Some(*top)
        }))
        .collect();
    let total = tops.last().copied().unwrap_or(0.0);
    let mut area = ScrollArea::vertical()
        .id_salt(id_salt)
        .auto_shrink([false, false]);
    if let Some(row) = scrolling.to_row
        && let Some(&top) = tops.get(row)
    {
        area = area.vertical_scroll_offset((top - 12.0).max(0.0));
    } else if let Some(scroll) = scrolling.by {
        area = area.vertical_scroll_offset(heights.scrolled(scroll, total));
    }
    let output = area.show_viewport(ui, |ui, viewport| {
        ui.set_height(total);
        let origin = ui.max_rect().min;
        let first = tops
            .partition_point(|&top| top <= viewport.min.y)
            .saturating_sub(1);
        let mut y = tops.get(first).copied().unwrap_or(0.0);
        for (index, row) in rows.iter().enumerate().skip(first) {
            if y > viewport.max.y {
                break;
            }
            let rect = Rect::from_min_size(
                origin + egui::vec2(0.0, y),
                egui::vec2(width, f32::INFINITY),
            );
            let mut child = ui.new_child(
                UiBuilder::new()
                    .max_rect(rect)
                    .layout(Layout::top_down(Align::Min)),
            );
            draw(&mut child, index, row);
            let height = child.min_rect().height() + ROW_SPACING;
            heights.values[index] = Some(height);
            y += height;
        }
    });
    heights.offset = output.state.clamped_offset().y;
    heights.viewport = output.inner_rect.height();
}

/// A guess at a row's height before it was laid out: CJK characters are about one em wide.
fn estimate(row: &Row, width: f32) -> f32 {
    let style = style(row.kind, false);
    let chars: usize = row.parts.iter().map(|p| p.len()).sum();
    let per_line = (width / style.size).max(1.0);
    let lines = (chars as f32 / per_line).ceil().max(1.0);
    lines * style.size * 1.9 + ROW_SPACING
}

/// The centre: the item's panes, or the whole page.
pub fn center_ui(
    ui: &mut Ui,
    page: &mut OpenPage,
    find: &Find,
    dark: bool,
    actions: &mut Vec<Action>,
) {
    let selected = page.selected().cloned();
    let OpenPage {
        document,
        item,
        whole_page,
        selection,
        tagged_selection,
        panes,
        page_rows,
        body_heights,
        page_heights,
        scroll_to,
        scroll,
        proof,
        ..
    } = page;
    let page_id = document.page_path().map(std::path::Path::to_path_buf);
    let marks = Marks {
        document,
        selected: selected.as_ref(),
        hits: if find.open { &find.hits } else { &[] },
        current_hit: find.current().filter(|_| find.open),
        dark,
        proof: proof.view(document),
    };
    let mut context = Context {
        source: document.source(),
        bulletin: document.bulletin(),
        marks,
        view: "item",
    };
    let target = scroll_to.take();
    let by = scroll.take();
    let mut out = CenterOutput::default();
    egui::CentralPanel::default().show(ui, |ui| {
        if *whole_page {
            ui.label(RichText::new("Whole page").strong());
            ui.separator();
            let scroll_row =
                target.and_then(|span| page_rows.iter().position(|row| row.shows(span)));
            context.view = "page";
            virtual_rows(
                ui,
                ("whole-page", &page_id),
                page_rows,
                page_heights,
                Scrolling {
                    to_row: scroll_row,
                    by,
                },
                |ui, index, row| {
                    row_ui(ui, &context, row, index + 1, &mut out);
                },
            );
        } else {
            let shown = Shown {
                number: *item + 1,
                page_id: &page_id,
                panes,
                body_heights,
                target,
                by,
            };
            item_panes_ui(ui, &context, shown, &mut out);
        }
    });
    if out.focused {
        *selection = out.selection.filter(|s| Some(*s) != *tagged_selection);
        if out.selection != *tagged_selection {
            *tagged_selection = None;
        }
    }
    if let Some(id) = out.clicked {
        actions.push(Action::SelectInPlace(id));
    }
    if let Some(span) = out.chip {
        actions.push(Action::SelectSpan(span));
    }
}

/// The item on show, for [`item_panes_ui`].
struct Shown<'a> {
    /// Its number, from 1.
    number: usize,
    /// The page's file, which with the item keeps the body's scroll position.
    page_id: &'a Option<std::path::PathBuf>,
    panes: &'a Panes,
    body_heights: &'a mut Heights,
    /// A range to bring into view.
    target: Option<Span>,
    /// A keyboard scroll of the body.
    by: Option<Scroll>,
}

/// The item's headline, byline, body and caption panes.
fn item_panes_ui(ui: &mut Ui, context: &Context<'_>, shown: Shown<'_>, out: &mut CenterOutput) {
    let Shown {
        number,
        page_id,
        panes,
        body_heights,
        target,
        by,
    } = shown;
    let pane = |ui: &mut Ui, title: &str, rows: &[Row], out: &mut CenterOutput| {
        if rows.is_empty() {
            return;
        }
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(title).small().weak());
            for (index, row) in rows.iter().enumerate() {
                row_ui(ui, context, row, index + 1, out);
            }
        });
    };
    pane(ui, "Headline", &panes.headline, out);
    pane(ui, "Byline", &panes.byline, out);
    let captions_height = if panes.captions.is_empty() {
        0.0
    } else {
        (ui.available_height() * 0.3).min(220.0)
    };
    if !panes.body.is_empty() {
        // Text the segmenter could not place (a masthead) is no story's body.
        let pane = if panes.body.iter().all(|row| row.kind == RowKind::Other) {
            "Text"
        } else {
            "Body"
        };
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                RichText::new(format!(
                    "{pane} · story {number} of {}",
                    context.bulletin.items.len()
                ))
                .small()
                .weak(),
            );
            let height = (ui.available_height() - captions_height - 24.0).max(120.0);
            ui.allocate_ui(egui::vec2(ui.available_width(), height), |ui| {
                let scroll_row =
                    target.and_then(|span| panes.body.iter().position(|row| row.shows(span)));
                virtual_rows(
                    ui,
                    ("body", page_id, number),
                    &panes.body,
                    body_heights,
                    Scrolling {
                        to_row: scroll_row,
                        by,
                    },
                    |ui, index, row| {
                        row_ui(ui, context, row, index + 1, out);
                    },
                );
            });
        });
    }
    egui::ScrollArea::vertical()
        .id_salt("captions")
        .show(ui, |ui| {
            pane(ui, "Photo captions", &panes.captions, out);
        });
}
