//! The Proofreading tab beside the annotation list: the page's open marks with filters by
//! check and severity and their counts, and the inspector of the selected mark (its rule,
//! message and fix, with buttons for Enter, I and Shift+Enter).

use eframe::egui::{self, RichText, Ui};

use super::action::Action;
use super::outline::truncate;
use super::state::open_page::OpenPage;
use super::ui_command::UiCommand;
use super::wavy::severity_colour;
use crate::proof::{Check, Mark, Severity};
use crate::text::Source;

/// The two tabs at the top of the sidebar; `tab_open` is true on Proofreading.
pub fn tabs_ui(ui: &mut Ui, tab_open: &mut bool, marks: usize, checking: bool) {
    // Wrapped: on a narrow panel the tabs go on two rows rather than widen it.
    ui.horizontal_wrapped(|ui| {
        ui.selectable_value(tab_open, false, "Annotations");
        let proofreading = if checking {
            "Proofreading …".to_owned()
        } else {
            format!("Proofreading ({marks})")
        };
        ui.selectable_value(tab_open, true, proofreading);
    });
}

/// The list of open marks, filtered, with counts; a click selects a mark.
pub fn list_ui(ui: &mut Ui, page: &mut OpenPage, actions: &mut Vec<Action>) {
    let OpenPage {
        document, proof, ..
    } = page;
    if let Some(problem) = &proof.settings_problem {
        ui.add(
            egui::Label::new(
                RichText::new(problem)
                    .small()
                    .color(ui.visuals().warn_fg_color),
            )
            .wrap(),
        );
    }
    if proof.is_checking() {
        ui.label(RichText::new("Checking the page…").weak());
        return;
    }
    let counts = proof.counts(document);
    let dark = ui.visuals().dark_mode;
    ui.horizontal(|ui| {
        let width = ((ui.available_width() - 3.0 * ui.spacing().item_spacing.x) / 2.0
            - ui.spacing().icon_width)
            .clamp(40.0, 120.0);
        let check_name = |check: Option<Check>| check.map_or("all checks", Check::id);
        egui::ComboBox::from_id_salt("filter-check")
            .selected_text(check_name(proof.check))
            .width(width)
            .truncate()
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut proof.check, None, "all checks");
                for &(check, count) in &counts {
                    ui.selectable_value(
                        &mut proof.check,
                        Some(check),
                        format!("{check} ({count})"),
                    );
                }
            });
        egui::ComboBox::from_id_salt("filter-severity")
            .selected_text(severity_filter_name(proof.min_severity))
            .width(width)
            .truncate()
            .show_ui(ui, |ui| {
                for severity in [Severity::Info, Severity::Warning, Severity::Error] {
                    ui.selectable_value(
                        &mut proof.min_severity,
                        severity,
                        severity_filter_name(severity),
                    );
                }
            });
    });
    let selected = proof.selected(document).map(|m| m.span);
    let shown = proof.shown(document);
    let of = |severity| shown.iter().filter(|m| m.severity == severity).count();
    ui.label(
        RichText::new(format!(
            "{} shown: {} errors, {} warnings, {} info",
            shown.len(),
            of(Severity::Error),
            of(Severity::Warning),
            of(Severity::Info)
        ))
        .small()
        .weak(),
    );
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    egui::ScrollArea::vertical()
        .id_salt("mark-list")
        .max_height((ui.available_height() * 0.45).max(120.0))
        .auto_shrink([false, true])
        .show_rows(ui, row_height, shown.len(), |ui, range| {
            for mark in &shown[range] {
                let text = RichText::new(entry(document.source(), mark))
                    .color(severity_colour(mark.severity, dark));
                if ui
                    .selectable_label(selected == Some(mark.span), text)
                    .clicked()
                {
                    actions.push(Action::SelectMark((*mark).clone()));
                }
            }
        });
}

fn severity_filter_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Info => "every severity",
        Severity::Warning => "warnings and errors",
        Severity::Error => "errors only",
    }
}

/// A mark in the list: its check, the text marked and the fix.
fn entry(source: &Source, mark: &Mark) -> String {
    let quote = truncate(&source.slice(mark.span).replace(['\n', '\r'], " "), 12);
    match mark.fix.as_deref() {
        Some("") => format!("{} “{quote}” → delete", mark.check),
        Some(fix) => format!("{} “{quote}” → “{}”", mark.check, truncate(fix, 12)),
        None => format!("{} “{quote}”", mark.check),
    }
}

/// The selected mark: rule, message, the text and its fix, and what can be done with it.
pub fn inspector_ui(ui: &mut Ui, source: &Source, mark: &Mark, actions: &mut Vec<Action>) {
    ui.label(RichText::new("Proofreading mark").strong());
    let quote = source.slice(mark.span).replace(['\n', '\r'], " ");
    ui.add(egui::Label::new(RichText::new(quote).strong().size(17.0)).wrap());
    egui::Grid::new("mark-inspector")
        .num_columns(2)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            ui.label("rule");
            ui.label(RichText::new(mark.check.id()).monospace());
            ui.end_row();
            ui.label("severity");
            ui.label(
                RichText::new(mark.severity.name())
                    .color(severity_colour(mark.severity, ui.visuals().dark_mode)),
            );
            ui.end_row();
            ui.label("fix");
            ui.label(match mark.fix.as_deref() {
                Some("") => "delete".to_owned(),
                Some(fix) => format!("“{fix}”"),
                None => "none: an editor decides".to_owned(),
            });
            ui.end_row();
        });
    ui.add(egui::Label::new(mark.message()).wrap());
    ui.horizontal_wrapped(|ui| {
        if mark.fix.is_some() && ui.button("Apply (Enter)").clicked() {
            actions.push(Action::Ui(UiCommand::Accept));
        }
        if ui.button("Ignore (I)").clicked() {
            actions.push(Action::Ui(UiCommand::IgnoreMark));
        }
        if mark.fix.is_some() && ui.button("Apply all of this check (Shift+Enter)").clicked() {
            actions.push(Action::Ui(UiCommand::ApplyAllOfCheck));
        }
    });
}
