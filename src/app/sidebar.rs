//! The right panel: the annotation list (filtered, click to jump) and the inspector for the
//! selected annotation, where label, status, note and metric fields are edited; beside the
//! list, the Proofreading tab (`proof_panel`).

use eframe::egui::{self, Color32, RichText, Ui};

use super::action::Action;
use super::outline::truncate;
use super::proof_panel;
use super::state::open_page::OpenPage;
use super::state::sidebar_state::Edits;
use super::text_view::rgb;
use super::ui_command::UiCommand;
use crate::annotation::{Annotation, Command, Document, Kind, Status, TagSet};
use crate::operations;

/// Draws the sidebar; returns true if one of its text fields has the keyboard.
pub fn panel(ui: &mut Ui, page: &mut OpenPage, actions: &mut Vec<Action>) -> bool {
    let mut editing = false;
    let (width, range) = super::layout::side_panel(ui.ctx(), 310.0);
    egui::Panel::right("annotations")
        .resizable(true)
        .default_size(width)
        .size_range(range)
        .show(ui, |ui| {
            let marks = page.proof.open(&page.document).len();
            let checking = page.proof.is_checking();
            proof_panel::tabs_ui(ui, &mut page.proof.tab_open, marks, checking);
            if page.proof.tab_open {
                proof_panel::list_ui(ui, page, actions);
            } else {
                list_ui(ui, page, actions);
            }
            ui.separator();
            let mark = page.proof.selected(&page.document);
            egui::ScrollArea::vertical()
                .id_salt("inspector")
                .show(ui, |ui| match &mark {
                    Some(mark) if page.selected().is_none() => {
                        proof_panel::inspector_ui(ui, page.document.source(), mark, actions);
                    }
                    _ => editing = inspector_ui(ui, page, actions),
                });
        });
    editing
}

/// Names a widget for screen readers (and tests) without showing the name.
fn name_for_screen_readers(ui: &Ui, id: egui::Id, name: &str) {
    ui.ctx()
        .accesskit_node_builder(id, |node| node.set_label(name));
}

fn list_ui(ui: &mut Ui, page: &mut OpenPage, actions: &mut Vec<Action>) {
    let selected = page.selected().cloned();
    let OpenPage {
        document,
        sidebar,
        item,
        whole_page: page_view,
        ..
    } = page;
    // The whole-page view lists the whole page's annotations.
    let whole_page = sidebar.whole_page || *page_view;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Annotations").strong());
        if *page_view {
            ui.label(RichText::new("of the whole page").weak());
        } else {
            ui.selectable_value(&mut sidebar.whole_page, false, "story");
            ui.selectable_value(&mut sidebar.whole_page, true, "page");
        }
    });
    ui.horizontal(|ui| {
        // The boxes show what they filter by; their captions are for screen readers only, so
        // that both fit a narrow panel, sharing its width.
        let width = ((ui.available_width() - 3.0 * ui.spacing().item_spacing.x) / 2.0
            - ui.spacing().icon_width)
            .clamp(40.0, 90.0);
        let label_filter = egui::ComboBox::from_id_salt("filter-label")
            .selected_text(sidebar.label.clone().unwrap_or_else(|| "all labels".into()))
            .width(width)
            .truncate()
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut sidebar.label, None, "all labels");
                for tag in document.tagset().tags() {
                    ui.selectable_value(
                        &mut sidebar.label,
                        Some(tag.label.clone()),
                        format!("{} {}", tag.label, tag.zh),
                    );
                }
            });
        name_for_screen_readers(ui, label_filter.response.id, "label filter");
        let status_filter = egui::ComboBox::from_id_salt("filter-status")
            .selected_text(sidebar.status.map_or("any status", Status::name))
            .width(width)
            .truncate()
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut sidebar.status, None, "any status");
                for status in [Status::Suggested, Status::Accepted, Status::Rejected] {
                    ui.selectable_value(&mut sidebar.status, Some(status), status.name());
                }
            });
        name_for_screen_readers(ui, status_filter.response.id, "status filter");
    });
    let shown: Vec<&Annotation> = sidebar
        .shown(document, *item, whole_page)
        .iter()
        .filter_map(|&index| document.annotations().get(index))
        .collect();
    ui.label(
        RichText::new(format!("{} shown", shown.len()))
            .small()
            .weak(),
    );
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    egui::ScrollArea::vertical()
        .id_salt("annotation-list")
        .max_height((ui.available_height() * 0.45).max(120.0))
        .auto_shrink([false, true])
        .show_rows(ui, row_height, shown.len(), |ui, range| {
            for annotation in &shown[range] {
                let colour = document
                    .tagset()
                    .get(&annotation.label)
                    .map_or(Color32::GRAY, |t| rgb(t.rgb()));
                let mark = match annotation.status {
                    Status::Suggested => "?",
                    Status::Accepted => "",
                    Status::Rejected => "×",
                };
                let text = RichText::new(format!(
                    "{mark}{} {}",
                    annotation.label,
                    truncate(&annotation.quote.replace(['\n', '\r'], " "), 24)
                ))
                .color(colour);
                let is_selected = selected.as_ref() == Some(&annotation.id);
                if ui.selectable_label(is_selected, text).clicked() {
                    actions.push(Action::Select(annotation.id.clone()));
                }
            }
        });
}

/// The selected annotation's fields; returns true if a field has the keyboard.
fn inspector_ui(ui: &mut Ui, page: &mut OpenPage, actions: &mut Vec<Action>) -> bool {
    let selected = page.selected().cloned();
    let OpenPage {
        document,
        sidebar,
        selection,
        ..
    } = page;
    let Some(annotation) = selected.as_ref().and_then(|id| document.get(id)) else {
        ui.label(RichText::new("Inspector").strong());
        match selection {
            Some(span) => ui.label(format!(
                "Selected “{}” — press a label's key (1–9) or click a label:",
                truncate(document.source().slice(*span), 20)
            )),
            None => ui.label(RichText::new("Select text in a pane, then press a label's key; click a highlight to inspect it.").weak()),
        };
        palette_ui(ui, document.tagset(), actions);
        return false;
    };
    let (draft, pending) = sidebar.draft_for(document, annotation);
    push_edits(pending, actions);
    let kind = document.tagset().get(&annotation.label).map(|t| t.kind);
    let mut editing = false;
    let mut commit = false;
    ui.label(RichText::new("Inspector").strong());
    // The text and where it came from take the panel's width, above the fields (in the grid a
    // long quote would be cut to its first character or widen the panel).
    // A quote across a column break holds the break's line ends: shown as one line, as read.
    let quote = annotation.quote.replace(['\n', '\r'], " ");
    ui.add(egui::Label::new(RichText::new(quote).strong().size(17.0)).wrap());
    ui.add(
        egui::Label::new(
            RichText::new(format!("{} · {}", annotation.origin, annotation.author))
                .small()
                .weak(),
        )
        .wrap(),
    );
    egui::Grid::new("inspector")
        .num_columns(2)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            facts_ui(ui, annotation, document, actions);
            let mut field = |ui: &mut Ui, name: &str, value: &mut String| {
                ui.label(name);
                let width = ui.available_width().clamp(60.0, 170.0);
                let response = ui.add(egui::TextEdit::singleline(value).desired_width(width));
                editing |= response.has_focus();
                commit |= response.lost_focus();
                ui.end_row();
            };
            field(ui, "note", &mut draft.note);
            if kind == Some(Kind::Correction) {
                field(ui, "correct to", &mut draft.correction);
            }
            if kind == Some(Kind::Metric) {
                let names = [
                    "value",
                    "scale",
                    "unit",
                    "approx.",
                    "indicator",
                    "period",
                    "change",
                    "change by",
                ];
                for (name, value) in names.iter().zip(&mut draft.metric) {
                    field(ui, name, value);
                }
            }
        });
    // Only a click deletes: a button with the keyboard's focus also answers Space and Enter,
    // which are review keys.
    if ui
        .button("Delete annotation (Del)")
        .clicked_by(egui::PointerButton::Primary)
    {
        actions.push(Action::Ui(UiCommand::DeleteAnnotation));
    }
    if commit {
        let kind = document.tagset().get(&annotation.label).map(|t| t.kind);
        let edits = draft.commands(annotation, kind);
        // A field that could not be taken keeps what the user typed, to correct it.
        if edits.problems.is_empty() {
            sidebar.clear_draft();
        }
        push_edits(edits, actions);
    }
    editing
}

/// The inspector's first rows: label (to relabel), range, status (to accept or reject).
fn facts_ui(ui: &mut Ui, annotation: &Annotation, document: &Document, actions: &mut Vec<Action>) {
    ui.label("label");
    let relabel = egui::ComboBox::from_id_salt("inspector-label")
        .selected_text(&annotation.label)
        .show_ui(ui, |ui| {
            for tag in document.tagset().tags() {
                if ui
                    .selectable_label(
                        tag.label == annotation.label,
                        format!("{} {}", tag.label, tag.zh),
                    )
                    .clicked()
                {
                    let commands = operations::tag::relabel(document, annotation, &tag.label);
                    if !commands.is_empty() {
                        actions.push(Action::edit(Command::Batch(commands)));
                    }
                }
            }
        });
    name_for_screen_readers(ui, relabel.response.id, "relabel");
    ui.end_row();
    ui.label("range");
    ui.label(format!(
        "{}:{} · {}",
        annotation.start,
        annotation.end,
        annotation.anchor.name()
    ));
    ui.end_row();
    ui.label("status");
    // The status above its buttons: a wrapped row in a grid cell ran over the next row.
    ui.vertical(|ui| {
        ui.label(annotation.status.name());
        ui.horizontal_wrapped(|ui| {
            if annotation.status != Status::Accepted && ui.small_button("Accept (A)").clicked() {
                actions.push(Action::edit(Command::SetStatus {
                    id: annotation.id.clone(),
                    status: Status::Accepted,
                }));
            }
            if annotation.status != Status::Rejected && ui.small_button("Reject (X)").clicked() {
                actions.push(Action::edit(Command::SetStatus {
                    id: annotation.id.clone(),
                    status: Status::Rejected,
                }));
            }
        });
    });
    ui.end_row();
}

/// Queues the inspector's edits as one step, and says which fields could not be taken.
fn push_edits(edits: Edits, actions: &mut Vec<Action>) {
    let Edits { commands, problems } = edits;
    if !commands.is_empty() {
        actions.push(Action::edit(Command::Batch(commands)));
    }
    if !problems.is_empty() {
        actions.push(Action::Notice(format!(
            "Not taken from the inspector: {}",
            problems.join("; ")
        )));
    }
}

/// Clickable labels, the same as pressing their keys.
fn palette_ui(ui: &mut Ui, tagset: &TagSet, actions: &mut Vec<Action>) {
    ui.horizontal_wrapped(|ui| {
        for tag in tagset.tags() {
            let text = RichText::new(format!("{} {} {}", tag.hotkey, tag.label, tag.zh))
                .color(rgb(tag.rgb()));
            if ui.button(text).on_hover_text(&tag.en).clicked() {
                actions.push(Action::Tag(tag.label.clone()));
            }
        }
    });
}
