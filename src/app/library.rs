//! Drawing the folder library: the list of pages with their state and counts, sortable by any
//! column and filtered by state and label, and the folder's statistics as charts. It changes
//! only view state (sort, filter, cursor, tab) and returns [`Action`]s for the rest.

use std::path::Path;

use eframe::egui::{self, Color32, RichText, Ui};
use egui_extras::{Column as TableColumn, TableBuilder};
use egui_plot::{Bar, BarChart, Legend, Plot};

use super::action::Action;
use super::adjudication::agreement_ui;
use super::state::adjudication::Adjudication;
use super::state::library::{Library, Tab};
use super::ui_command::UiCommand;
use crate::corpus::{Column, FolderStats, PageStatus, PageSummary, RuleCounts};

/// Height of a row of the list.
const ROW_HEIGHT: f32 = 22.0;
/// Height of a chart.
const CHART_HEIGHT: f32 = 240.0;

/// The colour a state is drawn in, in the list and the charts.
fn status_colour(status: PageStatus) -> Color32 {
    match status {
        PageStatus::Untouched => Color32::from_rgb(150, 150, 150),
        PageStatus::InProgress => Color32::from_rgb(230, 160, 40),
        PageStatus::Done => Color32::from_rgb(60, 160, 80),
        PageStatus::Unreadable => Color32::from_rgb(200, 60, 60),
    }
}

/// Draws the library in the central panel. `outstanding`: pages whose sidecar is still being
/// read; `open`: the page open in the app, if any.
pub fn library_ui(
    ui: &mut Ui,
    library: &mut Library,
    adjudication: Option<&mut Adjudication>,
    outstanding: usize,
    open: Option<&Path>,
    actions: &mut Vec<Action>,
) {
    egui::CentralPanel::default().show(ui, |ui| {
        header_ui(
            ui,
            library,
            adjudication.is_some(),
            outstanding,
            open,
            actions,
        );
        ui.separator();
        match (library.tab, adjudication) {
            (Tab::Agreement, Some(adjudication)) => {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    agreement_ui(ui, adjudication, actions);
                });
            }
            (Tab::Statistics, _) => statistics_ui(ui, library.stats()),
            _ => pages_ui(ui, library, open, actions),
        }
    });
}

/// The folder's name and figures, the tabs, the filters and the reading progress.
fn header_ui(
    ui: &mut Ui,
    library: &mut Library,
    comparing: bool,
    outstanding: usize,
    open: Option<&Path>,
    actions: &mut Vec<Action>,
) {
    let name = library.root.file_name().map_or_else(
        || library.root.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let (read, total) = library.progress();
    ui.horizontal(|ui| {
        ui.heading(name);
        let stats = library.stats();
        let done = stats
            .by_status
            .get(PageStatus::Done.name())
            .copied()
            .unwrap_or(0);
        ui.label(format!(
            "{total} pages · {done} done · {} accepted · {} to review",
            stats.accepted, stats.pending
        ));
        if open.is_some() {
            let back = UiCommand::Library;
            let keys = back
                .shortcut()
                .map(|s| ui.ctx().format_shortcut(&s))
                .unwrap_or_default();
            if ui
                .add(egui::Button::new("Back to the page").shortcut_text(keys))
                .clicked()
            {
                actions.push(Action::Ui(back));
            }
        }
    });
    if outstanding > 0 {
        let share = read as f32 / total.max(1) as f32;
        ui.add(
            egui::ProgressBar::new(share)
                .text(format!("Reading sidecars: {read} of {total}"))
                .desired_height(16.0),
        );
    }
    ui.horizontal(|ui| {
        ui.selectable_value(&mut library.tab, Tab::Pages, "Pages");
        ui.selectable_value(&mut library.tab, Tab::Statistics, "Statistics");
        if comparing {
            ui.selectable_value(&mut library.tab, Tab::Agreement, "Agreement");
        }
        if library.tab != Tab::Pages {
            return;
        }
        ui.separator();
        let mut filter = library.filter.clone();
        let shown = filter.status.map_or("every state", PageStatus::name);
        egui::ComboBox::from_label("State")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filter.status, None, "every state");
                for status in PageStatus::ALL {
                    ui.selectable_value(&mut filter.status, Some(status), status.name());
                }
            });
        let labels = library.totals().labels.clone();
        let shown = filter
            .label
            .clone()
            .unwrap_or_else(|| "any label".to_owned());
        egui::ComboBox::from_label("Label")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filter.label, None, "any label");
                for label in labels {
                    ui.selectable_value(&mut filter.label, Some(label.clone()), label);
                }
            });
        library.set_filter(filter);
        let listed = library.listed_len();
        if listed != total {
            ui.label(format!("{listed} of {total} listed"));
        }
    });
}

/// A column's header text.
fn column_title(column: &Column) -> String {
    match column {
        Column::Page => "Page".to_owned(),
        Column::Status => "State".to_owned(),
        Column::Accepted => "Accepted".to_owned(),
        Column::Label(label) => label.clone(),
        Column::Pending => "To review".to_owned(),
        Column::Orphaned => "Orphaned".to_owned(),
        Column::Marks => "Proof marks".to_owned(),
        Column::LastAuthor => "Last by".to_owned(),
        Column::LastChanged => "Last changed (UTC)".to_owned(),
    }
}

/// The cell of `page` in `column`.
fn cell_ui(ui: &mut Ui, page: &PageSummary, column: &Column) {
    let count = |n: usize| {
        if n == 0 {
            RichText::new("·").weak()
        } else {
            RichText::new(n.to_string())
        }
    };
    match column {
        Column::Page => {
            ui.label(page.relative.display().to_string());
        }
        Column::Status => {
            let text = RichText::new(page.status.name()).color(status_colour(page.status));
            let response = ui.label(text);
            if let Some(problem) = &page.problem {
                response.on_hover_text(problem);
            }
        }
        Column::Accepted => {
            ui.label(count(page.accepted));
        }
        Column::Label(label) => {
            ui.label(count(page.labels.get(label).copied().unwrap_or(0)));
        }
        Column::Pending => {
            ui.label(count(page.pending));
        }
        Column::Orphaned => {
            ui.label(count(page.orphaned));
        }
        Column::Marks => {
            let text = count(page.marks);
            let response = if page.mark_errors > 0 {
                ui.label(text.color(status_colour(PageStatus::Unreadable)))
            } else {
                ui.label(text)
            };
            response.on_hover_text(format!(
                "{} proofreading marks open, {} of error severity",
                page.marks, page.mark_errors
            ));
        }
        Column::LastAuthor => {
            ui.label(page.last_author.as_deref().unwrap_or(""));
        }
        Column::LastChanged => {
            let when = page
                .last_changed
                .map_or_else(String::new, |at| at.strftime("%Y-%m-%d %H:%M").to_string());
            ui.label(when);
        }
    }
}

/// The list of pages: a fixed header of sortable columns over the rows in view.
fn pages_ui(ui: &mut Ui, library: &mut Library, open: Option<&Path>, actions: &mut Vec<Action>) {
    if library.listed_len() == 0 {
        ui.label(if library.pages().is_empty() {
            "No pages (.txt files) in this folder yet: pages added to it appear here."
        } else {
            "No page matches the filters."
        });
        return;
    }
    let mut columns = vec![Column::Page, Column::Status, Column::Accepted];
    columns.extend(library.totals().labels.iter().cloned().map(Column::Label));
    columns.extend([
        Column::Pending,
        Column::Orphaned,
        Column::Marks,
        Column::LastAuthor,
        Column::LastChanged,
    ]);
    let mut table = TableBuilder::new(ui)
        .id_salt("library")
        .striped(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(
            TableColumn::initial(220.0)
                .at_least(120.0)
                .clip(true)
                .resizable(true),
        );
    for column in &columns[1..] {
        // Wide enough for the header's title and a sort arrow.
        let title = column_title(column).chars().count() as f32;
        let width = (title * 8.0 + 36.0).max(56.0);
        table = table.column(
            TableColumn::initial(width)
                .at_least(40.0)
                .clip(true)
                .resizable(true),
        );
    }
    if std::mem::take(&mut library.scroll_to_cursor) {
        table = table.scroll_to_row(library.cursor, None);
    }
    let mut sort = None;
    let mut clicked = None;
    table
        .header(ROW_HEIGHT, |mut header| {
            for column in &columns {
                header.col(|ui| {
                    let mut title = column_title(column);
                    if *column == library.column {
                        title.push_str(if library.descending { " ↓" } else { " ↑" });
                    }
                    if ui.button(RichText::new(title).strong()).clicked() {
                        sort = Some(column.clone());
                    }
                });
            }
        })
        .body(|body| {
            body.rows(ROW_HEIGHT, library.listed_len(), |mut row| {
                let index = row.index();
                let Some(page) = library.row(index) else {
                    return;
                };
                row.set_selected(index == library.cursor);
                for column in &columns {
                    row.col(|ui| {
                        let mut page_name = None;
                        if *column == Column::Page && Some(page.path.as_path()) == open {
                            page_name = Some("open");
                        }
                        cell_ui(ui, page, column);
                        if let Some(tag) = page_name {
                            ui.label(RichText::new(tag).small().weak());
                        }
                    });
                }
                let response = row.response();
                if response.double_clicked() {
                    actions.push(Action::Open(page.path.clone()));
                } else if response.clicked() {
                    clicked = Some(index);
                }
            });
        });
    if let Some(row) = clicked {
        library.cursor = row;
    }
    if let Some(column) = sort {
        library.sort_by(column);
    }
}

/// Bars at 0, 1, 2… with the given heights, named by `names` on hover.
fn bars(values: &[(String, f64)]) -> Vec<Bar> {
    values
        .iter()
        .enumerate()
        .map(|(i, (name, value))| Bar::new(i as f64, *value).name(name).width(0.7))
        .collect()
}

/// How a category chart lays its bars.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Bars {
    /// Upright, categories along the bottom (few, short names).
    Vertical,
    /// Lying, categories down the left (many, or long names).
    Horizontal,
}

/// A bar chart over named categories: one series, or several stacked (each a name and its
/// values, in the order of `categories`).
fn category_chart(
    ui: &mut Ui,
    id: &str,
    title: &str,
    categories: &[String],
    series: &[Series],
    bars_lie: Bars,
) {
    ui.label(RichText::new(title).strong());
    let names = categories.to_vec();
    let name_of = move |mark: egui_plot::GridMark, _: &std::ops::RangeInclusive<f64>| {
        let index = mark.value.round();
        if (mark.value - index).abs() > 1e-6 || index < 0.0 {
            return String::new();
        }
        names.get(index as usize).cloned().unwrap_or_default()
    };
    let height = match bars_lie {
        Bars::Vertical => CHART_HEIGHT,
        Bars::Horizontal => (20.0 * categories.len() as f32 + 40.0).max(120.0),
    };
    let mut plot = Plot::new(id)
        .height(height)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .show_x(false)
        .show_y(false);
    plot = match bars_lie {
        // A few bars keep a bar's width, instead of filling the chart.
        Bars::Vertical => plot
            .include_y(0.0)
            .include_x(-0.5)
            .include_x(categories.len().max(6) as f64 - 0.5)
            .show_grid([false, true])
            .x_axis_formatter(name_of),
        Bars::Horizontal => plot
            .include_x(0.0)
            .show_grid([true, false])
            .y_axis_min_width(120.0)
            .y_axis_formatter(name_of),
    };
    // A legend, unless each series is a category of its own (and named under its bar).
    let own_bars = series.iter().map(|(name, ..)| name).eq(categories.iter());
    if series.len() > 1 && !own_bars {
        plot = plot.legend(Legend::default());
    }
    plot.show(ui, |plot| {
        let mut charts: Vec<BarChart> = Vec::new();
        for (name, values, colour) in series {
            let named: Vec<(String, f64)> = categories
                .iter()
                .cloned()
                .zip(values.iter().copied())
                .collect();
            let mut chart = BarChart::new(name.clone(), bars(&named));
            if bars_lie == Bars::Horizontal {
                chart = chart.horizontal();
            }
            if let Some(colour) = colour {
                chart = chart.color(*colour);
            }
            let below: Vec<&BarChart> = charts.iter().collect();
            let chart = chart.stack_on(&below);
            charts.push(chart);
        }
        for chart in charts {
            plot.bar_chart(chart);
        }
    });
}

/// A chart's series: a name, a value per category, and a colour (`None`: the plot's own).
type Series = (String, Vec<f64>, Option<Color32>);

/// The folder's figures as charts: pages by state, accepted annotations per label (per
/// author where there are several) and per day, and suggestions per rule.
fn statistics_ui(ui: &mut Ui, stats: &FolderStats) {
    egui::ScrollArea::vertical().show(ui, |ui| {
        if stats.pages == 0 {
            ui.label("No pages yet.");
            return;
        }
        ui.columns(2, |columns| {
            states_chart(&mut columns[0], stats);
            labels_chart(&mut columns[1], stats);
        });
        ui.add_space(8.0);
        days_chart(ui, stats);
        if !stats.rules.is_empty() {
            ui.add_space(8.0);
            rules_chart(ui, stats);
        }
    });
}

/// Pages by state, each state in its colour.
fn states_chart(ui: &mut Ui, stats: &FolderStats) {
    let states: Vec<String> = PageStatus::ALL
        .iter()
        .map(|s| s.name().to_owned())
        .collect();
    let series: Vec<Series> = PageStatus::ALL
        .iter()
        .map(|&status| {
            let values = PageStatus::ALL
                .iter()
                .map(|&s| {
                    if s == status {
                        stats.by_status.get(s.name()).copied().unwrap_or(0) as f64
                    } else {
                        0.0
                    }
                })
                .collect();
            (
                status.name().to_owned(),
                values,
                Some(status_colour(status)),
            )
        })
        .collect();
    category_chart(
        ui,
        "pages by state",
        "Pages by state",
        &states,
        &series,
        Bars::Vertical,
    );
}

/// Accepted annotations per label, stacked by author.
fn labels_chart(ui: &mut Ui, stats: &FolderStats) {
    let labels: Vec<String> = stats.labels.keys().cloned().collect();
    let per_author: Vec<Series> = stats
        .authors
        .iter()
        .map(|(author, counts)| {
            let values = labels
                .iter()
                .map(|label| counts.get(label).copied().unwrap_or(0) as f64)
                .collect();
            (author.clone(), values, None)
        })
        .collect();
    let title = "Accepted annotations per label, by author";
    category_chart(ui, "per label", title, &labels, &per_author, Bars::Vertical);
}

/// Accepted annotations per day, stacked by author.
fn days_chart(ui: &mut Ui, stats: &FolderStats) {
    let days: Vec<String> = stats.days.keys().cloned().collect();
    let per_day: Vec<Series> = stats
        .authors
        .keys()
        .map(|author| {
            let values = stats
                .days
                .values()
                .map(|counts| counts.get(author).copied().unwrap_or(0) as f64)
                .collect();
            (author.clone(), values, None)
        })
        .collect();
    let title = "Accepted annotations per day (of their last change)";
    category_chart(ui, "per day", title, &days, &per_day, Bars::Vertical);
}

/// Suggestions per rule: accepted, rejected and still to review, stacked.
fn rules_chart(ui: &mut Ui, stats: &FolderStats) {
    let rules: Vec<String> = stats.rules.keys().cloned().collect();
    let pick = |count: fn(&RuleCounts) -> usize| -> Vec<f64> {
        stats.rules.values().map(|c| count(c) as f64).collect()
    };
    let series = vec![
        (
            "accepted".to_owned(),
            pick(|c| c.accepted),
            Some(status_colour(PageStatus::Done)),
        ),
        (
            "rejected".to_owned(),
            pick(|c| c.rejected),
            Some(status_colour(PageStatus::Unreadable)),
        ),
        (
            "to review".to_owned(),
            pick(|c| c.pending),
            Some(status_colour(PageStatus::Untouched)),
        ),
    ];
    let title = "Suggestions per rule: accepted, rejected, to review";
    category_chart(ui, "per rule", title, &rules, &series, Bars::Horizontal);
}
