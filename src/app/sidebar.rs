//! The right panel: the annotation list (filtered, click to jump) and the inspector for the
//! selected annotation, where label, status, note and metric fields are edited.

use eframe::egui::{self, Color32, RichText, Ui};

use super::Action;
use super::page::OpenPage;
use super::text_view::rgb;
use crate::annotation::{
    Annotation, AnnotationId, Change, Command, Direction, Kind, Metric, Status,
};

/// List filters and the inspector's unsaved edits.
#[derive(Debug, Default)]
pub struct SidebarState {
    /// Only this label.
    pub label: Option<String>,
    /// Only this status.
    pub status: Option<Status>,
    /// The whole page instead of the current item.
    pub whole_page: bool,
    /// Edits in the inspector's fields, for this annotation.
    draft: Option<(AnnotationId, Draft)>,
    /// The fields as they were filled in, and the document generation then.
    draft_pristine: Draft,
    draft_generation: u64,
    /// Indices of the annotations the list shows, and what they were chosen for.
    shown: Vec<usize>,
    shown_key: Option<ListKey>,
}

/// What the list's contents depend on: annotations, filters and item.
type ListKey = (u64, Option<String>, Option<Status>, bool, usize);

/// The inspector's text fields, committed as one undoable step when a field loses focus.
#[derive(Clone, Debug, Default, PartialEq)]
struct Draft {
    note: String,
    correction: String,
    value: String,
    unit: String,
    scale: String,
    approx: String,
    indicator: String,
    period: String,
    change_phrase: String,
    change_figure: String,
}

impl Draft {
    fn of(annotation: &Annotation) -> Self {
        let metric = annotation.metric.clone().unwrap_or_default();
        let change = metric.change.clone().unwrap_or_default();
        Self {
            note: annotation.note.clone().unwrap_or_default(),
            correction: annotation.correction.clone().unwrap_or_default(),
            value: metric.value,
            unit: metric.unit.unwrap_or_default(),
            scale: scale_name(metric.scale).to_owned(),
            approx: metric.approx.unwrap_or_default(),
            indicator: metric.indicator.unwrap_or_default(),
            period: metric.period.unwrap_or_default(),
            change_phrase: change.phrase,
            change_figure: change.figure,
        }
    }

    /// The commands that make `annotation` say what the fields say (none if nothing changed).
    fn commands(&self, annotation: &Annotation, kind: Option<Kind>) -> Vec<Command> {
        let id = &annotation.id;
        let optional = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_owned());
        let mut commands = Vec::new();
        let note = optional(&self.note);
        if note != annotation.note {
            commands.push(Command::SetNote {
                id: id.clone(),
                note,
            });
        }
        let correction = optional(&self.correction);
        if kind == Some(Kind::Correction) && correction != annotation.correction {
            commands.push(Command::SetCorrection {
                id: id.clone(),
                correction,
            });
        }
        if kind == Some(Kind::Metric) {
            let metric = self.metric(annotation.metric.as_ref());
            if metric != annotation.metric {
                commands.push(Command::SetMetric {
                    id: id.clone(),
                    metric,
                });
            }
        }
        commands
    }

    /// The metric these fields describe, keeping what the fields do not show.
    fn metric(&self, before: Option<&Metric>) -> Option<Metric> {
        let optional = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_owned());
        let empty = [
            &self.value,
            &self.unit,
            &self.approx,
            &self.indicator,
            &self.period,
            &self.change_phrase,
            &self.change_figure,
        ]
        .iter()
        .all(|s| s.trim().is_empty());
        if empty && before.is_none() {
            return None;
        }
        let mut metric = before.cloned().unwrap_or_default();
        let scale = scale_value(&self.scale);
        if metric.value != self.value.trim() || metric.scale != scale {
            metric.value = self.value.trim().to_owned();
            metric.scale = scale;
            metric.renumber();
        }
        metric.unit = optional(&self.unit);
        metric.approx = optional(&self.approx);
        metric.indicator = optional(&self.indicator);
        metric.period = optional(&self.period);
        let before_change = before.and_then(|m| m.change.as_ref());
        metric.change = optional(&self.change_phrase).map(|phrase| Change {
            // Keep the direction the annotation has unless the phrase itself changed.
            direction: match before_change {
                Some(change) if change.phrase == phrase => change.direction,
                _ => Direction::of_phrase(&phrase),
            },
            phrase,
            figure: self.change_figure.trim().to_owned(),
        });
        Some(metric)
    }
}

fn scale_name(scale: u64) -> &'static str {
    match scale {
        Metric::WAN => "万",
        Metric::YI => "亿",
        Metric::WAN_YI => "万亿",
        _ => "",
    }
}

fn scale_value(name: &str) -> u64 {
    match name.trim() {
        "万" => Metric::WAN,
        "亿" => Metric::YI,
        "万亿" => Metric::WAN_YI,
        _ => 1,
    }
}

impl SidebarState {
    /// The commands for edits still pending in the inspector's fields, which are then cleared.
    pub fn take_pending(&mut self, document: &crate::annotation::Document) -> Vec<Command> {
        let Some((id, draft)) = self.draft.take() else {
            return Vec::new();
        };
        match document.get(&id) {
            Some(annotation) => {
                let kind = document.tagset().get(&annotation.label).map(|t| t.kind);
                draft.commands(annotation, kind)
            }
            None => Vec::new(),
        }
    }
}

/// Keeps the inspector's fields in step with the selected annotation. Edits still pending for
/// an annotation no longer selected are committed first (the selection moved while a field had
/// the keyboard); fields without pending edits follow undo and other changes.
fn refresh_draft(
    sidebar: &mut SidebarState,
    document: &crate::annotation::Document,
    annotation: &Annotation,
    actions: &mut Vec<Action>,
) {
    if let Some((old_id, draft)) = &sidebar.draft {
        if old_id != &annotation.id {
            if let Some(old) = document.get(old_id) {
                let kind = document.tagset().get(&old.label).map(|t| t.kind);
                let commands = draft.commands(old, kind);
                if !commands.is_empty() {
                    actions.push(Action::edit(Command::Batch(commands)));
                }
            }
        } else if sidebar.draft_generation == document.generation()
            || *draft != sidebar.draft_pristine
        {
            return;
        }
    }
    let draft = Draft::of(annotation);
    sidebar.draft_pristine = draft.clone();
    sidebar.draft_generation = document.generation();
    sidebar.draft = Some((annotation.id.clone(), draft));
}

/// Draws the sidebar; returns true if one of its text fields has the keyboard.
pub fn panel(ui: &mut Ui, page: &mut OpenPage, actions: &mut Vec<Action>) -> bool {
    let mut editing = false;
    egui::Panel::right("annotations")
        .resizable(true)
        .default_size(310.0)
        .show(ui, |ui| {
            list_ui(ui, page, actions);
            ui.separator();
            egui::ScrollArea::vertical()
                .id_salt("inspector")
                .show(ui, |ui| {
                    editing = inspector_ui(ui, page, actions);
                });
        });
    editing
}

fn list_ui(ui: &mut Ui, page: &mut OpenPage, actions: &mut Vec<Action>) {
    let OpenPage {
        document,
        sidebar,
        item,
        selected,
        whole_page: page_view,
        ..
    } = page;
    // The whole-page view lists the whole page's annotations.
    let whole_page = sidebar.whole_page || *page_view;
    ui.horizontal(|ui| {
        ui.label(RichText::new("Annotations").strong());
        ui.selectable_value(&mut sidebar.whole_page, false, "item");
        ui.selectable_value(&mut sidebar.whole_page, true, "page");
    });
    ui.horizontal(|ui| {
        egui::ComboBox::new("filter-label", "label")
            .selected_text(sidebar.label.clone().unwrap_or_else(|| "all labels".into()))
            .width(90.0)
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
        egui::ComboBox::new("filter-status", "status")
            .selected_text(sidebar.status.map_or("any status", Status::name))
            .width(90.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut sidebar.status, None, "any status");
                for status in [Status::Suggested, Status::Accepted, Status::Rejected] {
                    ui.selectable_value(&mut sidebar.status, Some(status), status.name());
                }
            });
    });
    // Filtering 20 000 annotations every frame would cost more than drawing them: the list
    // is rebuilt only when the annotations, the filters or the item change.
    let key = (
        document.generation(),
        sidebar.label.clone(),
        sidebar.status,
        whole_page,
        *item,
    );
    if sidebar.shown_key.as_ref() != Some(&key) {
        sidebar.shown = document
            .annotations()
            .iter()
            .enumerate()
            .filter(|(_, a)| sidebar.label.as_ref().is_none_or(|l| &a.label == l))
            .filter(|(_, a)| sidebar.status.is_none_or(|s| a.status == s))
            .filter(|(_, a)| {
                whole_page || document.locate(a.span()).is_some_and(|l| l.item == *item)
            })
            .map(|(index, _)| index)
            .collect();
        sidebar.shown_key = Some(key);
    }
    let shown: Vec<&Annotation> = sidebar
        .shown
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
                    super::outline::truncate(&annotation.quote.replace(['\n', '\r'], " "), 24)
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
    let OpenPage {
        document,
        sidebar,
        selected,
        selection,
        ..
    } = page;
    let Some(annotation) = selected.as_ref().and_then(|id| document.get(id)) else {
        ui.label(RichText::new("Inspector").strong());
        match selection {
            Some(span) => ui.label(format!(
                "Selected “{}” — press a label's key (1–9) or click a label:",
                super::outline::truncate(document.source().slice(*span), 20)
            )),
            None => ui.label(RichText::new("Select text in a pane, then press a label's key; click a highlight to inspect it.").weak()),
        };
        palette_ui(ui, document.tagset(), actions);
        return false;
    };
    let id = annotation.id.clone();
    refresh_draft(sidebar, document, annotation, actions);
    let Some((_, draft)) = sidebar.draft.as_mut() else {
        return false;
    };
    let kind = document.tagset().get(&annotation.label).map(|t| t.kind);
    let mut editing = false;
    let mut commit = false;
    ui.label(RichText::new("Inspector").strong());
    egui::Grid::new("inspector")
        .num_columns(2)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            ui.label("label");
            egui::ComboBox::new("inspector-label", "relabel")
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
                            actions.push(Action::edit(Command::Relabel {
                                id: id.clone(),
                                label: tag.label.clone(),
                            }));
                        }
                    }
                });
            ui.end_row();
            ui.label("text");
            ui.label(RichText::new(&annotation.quote).strong());
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
            ui.horizontal(|ui| {
                ui.label(annotation.status.name());
                if annotation.status != Status::Accepted && ui.small_button("Accept (A)").clicked()
                {
                    actions.push(Action::edit(Command::SetStatus {
                        id: id.clone(),
                        status: Status::Accepted,
                    }));
                }
                if annotation.status != Status::Rejected && ui.small_button("Reject (X)").clicked()
                {
                    actions.push(Action::edit(Command::SetStatus {
                        id: id.clone(),
                        status: Status::Rejected,
                    }));
                }
            });
            ui.end_row();
            ui.label("origin");
            ui.label(format!("{} · {}", annotation.origin, annotation.author));
            ui.end_row();
            let mut field = |ui: &mut Ui, name: &str, value: &mut String| {
                ui.label(name);
                let response = ui.add(egui::TextEdit::singleline(value).desired_width(170.0));
                editing |= response.has_focus();
                commit |= response.lost_focus();
                ui.end_row();
            };
            field(ui, "note", &mut draft.note);
            if kind == Some(Kind::Correction) {
                field(ui, "correct to", &mut draft.correction);
            }
            if kind == Some(Kind::Metric) {
                field(ui, "value", &mut draft.value);
                field(ui, "scale", &mut draft.scale);
                field(ui, "unit", &mut draft.unit);
                field(ui, "approx.", &mut draft.approx);
                field(ui, "indicator", &mut draft.indicator);
                field(ui, "period", &mut draft.period);
                field(ui, "change", &mut draft.change_phrase);
                field(ui, "change by", &mut draft.change_figure);
            }
        });
    if ui.button("Delete annotation (Del)").clicked() {
        actions.push(Action::edit(Command::Delete(id.clone())));
    }
    if commit {
        let kind = document.tagset().get(&annotation.label).map(|t| t.kind);
        let commands = draft.commands(annotation, kind);
        if !commands.is_empty() {
            actions.push(Action::edit(Command::Batch(commands)));
        }
        sidebar.draft = None;
    }
    editing
}

/// Clickable labels, the same as pressing their keys.
fn palette_ui(ui: &mut Ui, tagset: &crate::annotation::TagSet, actions: &mut Vec<Action>) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metric_fields_round_trip_and_normalize() {
        let draft = Draft {
            value: "554.1".into(),
            scale: "亿".into(),
            unit: "元".into(),
            indicator: "地区生产总值".into(),
            period: "前三季度".into(),
            change_phrase: "同比增长".into(),
            change_figure: "6.8%".into(),
            ..Draft::default()
        };
        let metric = draft.metric(None).unwrap();
        assert_eq!(metric.number, Some(55_410_000_000.0));
        assert_eq!(metric.scale, Metric::YI);
        assert_eq!(
            metric.change.as_ref().map(|c| c.direction),
            Some(Direction::Up)
        );
        let annotation_metric = Some(metric.clone());
        let again = Draft {
            note: String::new(),
            correction: String::new(),
            ..draft
        };
        assert_eq!(again.metric(annotation_metric.as_ref()), Some(metric));
        assert_eq!(Draft::default().metric(None), None);
    }
}
