//! Drawing the agreement tab of the library: the figures of the folder against another
//! annotator's, and the disagreement shown — both versions side by side on the same text — with
//! the choices that settle it into the gold folder.

use eframe::egui::{self, Color32, RichText, Ui, text::LayoutJob};

use super::action::Action;
use super::state::adjudication::Adjudication;
use super::ui_command::UiCommand;
use crate::corpus::agreement::{Counts, Span};
use crate::text::Source;

/// Code points of context shown on each side of a disagreement.
const CONTEXT: usize = 24;

/// The agreement tab.
pub fn agreement_ui(ui: &mut Ui, adjudication: &mut Adjudication, actions: &mut Vec<Action>) {
    let result = &adjudication.agreement;
    ui.label(format!(
        "A = {} (the reference) · B = {} · gold → {}",
        adjudication.a.display(),
        adjudication.b.display(),
        adjudication.gold.display()
    ));
    for problem in &adjudication.problems {
        ui.colored_label(Color32::from_rgb(200, 60, 60), problem);
    }
    figures_ui(ui, adjudication);
    ui.label(format!(
        "Cohen's kappa over {} code points: {} · {}",
        result.code_points,
        result
            .kappa
            .map_or_else(|| "undefined".to_owned(), |k| format!("{k:.3}")),
        crate::corpus::agreement::CONVENTIONS
    ));
    ui.separator();
    disagreement_ui(ui, adjudication, actions);
}

/// The table of figures, per label and over all.
fn figures_ui(ui: &mut Ui, adjudication: &Adjudication) {
    let result = &adjudication.agreement;
    let cells = |ui: &mut Ui, name: &str, exact: Counts, overlap: Counts| {
        ui.label(name);
        ui.label(exact.a.to_string());
        ui.label(exact.b.to_string());
        for counts in [exact, overlap] {
            ui.label(format!("{:.3}", counts.precision()));
            ui.label(format!("{:.3}", counts.recall()));
            ui.label(RichText::new(format!("{:.3}", counts.f1())).strong());
        }
        ui.end_row();
    };
    egui::Grid::new("agreement figures")
        .striped(true)
        .show(ui, |ui| {
            for title in [
                "label",
                "|A|",
                "|B|",
                "exact P",
                "R",
                "F1",
                "overlap P",
                "R",
                "F1",
            ] {
                ui.label(RichText::new(title).strong());
            }
            ui.end_row();
            for (label, exact, overlap) in result.per_label() {
                cells(ui, label, exact, overlap);
            }
            cells(ui, "all (micro)", result.exact.micro, result.overlap.micro);
        });
}

/// The text around `from..to` on `source`, in the colour `text`, with `span` (if any)
/// highlighted in `colour`.
fn context_job(
    source: &Source,
    (from, to): (usize, usize),
    span: Option<&Span>,
    (text, colour): (Color32, Color32),
) -> LayoutJob {
    let start = from.saturating_sub(CONTEXT);
    let end = (to + CONTEXT).min(source.char_len());
    let mut job = LayoutJob::default();
    let plain = egui::TextFormat {
        font_id: egui::FontId::proportional(16.0),
        color: text,
        ..Default::default()
    };
    let marked = egui::TextFormat {
        background: colour,
        ..plain.clone()
    };
    let piece = |a: usize, b: usize| {
        source
            .slice(crate::text::Span::new(a, b))
            .replace('\n', " ")
    };
    let (s, e) = span.map_or((from, from), |span| (span.start, span.end));
    job.append(&piece(start, s), 0.0, plain.clone());
    job.append(&piece(s, e), 0.0, marked);
    job.append(&piece(e, end), 0.0, plain);
    job
}

/// The disagreement shown, A's and B's versions side by side, and the choices.
fn disagreement_ui(ui: &mut Ui, adjudication: &mut Adjudication, actions: &mut Vec<Action>) {
    let total = adjudication.agreement.disagreements.len();
    let Some(item) = adjudication.current().cloned() else {
        ui.label("No disagreements: the two folders agree on every annotation.");
        return;
    };
    let d = &item.disagreement;
    let decided = adjudication
        .decided
        .get(&adjudication.cursor)
        .map_or_else(|| "open".to_owned(), |take| format!("took {}", take.name()));
    ui.horizontal(|ui| {
        ui.heading(format!(
            "Disagreement {} of {total}: {}",
            adjudication.cursor + 1,
            d.kind.name()
        ));
        ui.label(format!(
            "{} · {}:{} · {} · {} settled",
            item.page.display(),
            d.start(),
            d.end(),
            decided,
            adjudication.settled()
        ));
    });
    let source = match adjudication.source(&item.page) {
        Ok(source) => source,
        Err(err) => {
            ui.label(err);
            return;
        }
    };
    let side = |ui: &mut Ui, name: &str, span: Option<&Span>, colour: Color32| {
        ui.vertical(|ui| {
            let label = span.map_or_else(
                || format!("{name}: nothing here"),
                |s| format!("{name}: {} {}:{}", s.label, s.start, s.end),
            );
            ui.label(RichText::new(label).strong());
            let text = ui.visuals().text_color();
            let job = context_job(&source, (d.start(), d.end()), span, (text, colour));
            ui.add(egui::Label::new(job).wrap());
        });
    };
    ui.columns(2, |columns| {
        side(
            &mut columns[0],
            "A",
            d.a.as_ref(),
            Color32::from_rgba_unmultiplied(70, 130, 220, 90),
        );
        side(
            &mut columns[1],
            "B",
            d.b.as_ref(),
            Color32::from_rgba_unmultiplied(220, 130, 40, 90),
        );
    });
    ui.horizontal(|ui| {
        for command in [
            UiCommand::TakeA,
            UiCommand::TakeB,
            UiCommand::TakeBoth,
            UiCommand::TakeNeither,
            UiCommand::PreviousDisagreement,
            UiCommand::NextDisagreement,
        ] {
            let keys = command
                .shortcut()
                .map(|s| ui.ctx().format_shortcut(&s))
                .unwrap_or_default();
            if ui
                .add(egui::Button::new(command.text()).shortcut_text(keys))
                .clicked()
            {
                actions.push(Action::Ui(command));
            }
        }
    });
}
