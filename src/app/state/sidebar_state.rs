//! The right panel's state: the annotation list's filters and what it shows, and the
//! inspector's text fields while the user edits them.

use crate::annotation::{Annotation, AnnotationId, Command, Document, Kind, Metric, Status};

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

/// What the list's contents depend on: annotations (by generation), filters and item.
type ListKey = (u64, Option<String>, Option<Status>, bool, usize);

/// The inspector's text fields, committed as one undoable step when a field loses focus.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Draft {
    /// The note.
    pub note: String,
    /// A correction's replacement text.
    pub correction: String,
    /// A metric's fields as text, in the order of [`Metric::FIELDS`].
    pub metric: [String; Metric::FIELDS.len()],
}

impl Draft {
    /// The fields as `annotation` fills them.
    pub fn of(annotation: &Annotation) -> Self {
        let metric = annotation.metric.clone().unwrap_or_default();
        Self {
            note: annotation.note.clone().unwrap_or_default(),
            correction: annotation.correction.clone().unwrap_or_default(),
            metric: Metric::FIELDS.map(|name| metric.field(name)),
        }
    }

    /// The commands that make `annotation` say what the fields say (none if nothing changed).
    /// A field that cannot be taken (a scale that is no scale) is left out, and said why; the
    /// other fields are still taken.
    pub fn commands(&self, annotation: &Annotation, kind: Option<Kind>) -> Edits {
        let id = &annotation.id;
        let optional = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_owned());
        let mut edits = Edits::default();
        let note = optional(&self.note);
        if note != annotation.note {
            edits.commands.push(Command::SetNote {
                id: id.clone(),
                note,
            });
        }
        let correction = optional(&self.correction);
        if kind == Some(Kind::Correction) && correction != annotation.correction {
            edits.commands.push(Command::SetCorrection {
                id: id.clone(),
                correction,
            });
        }
        if kind == Some(Kind::Metric) {
            let (metric, problems) = self.metric(annotation.metric.as_deref());
            edits.problems = problems;
            if metric.as_ref() != annotation.metric.as_deref() {
                edits.commands.push(Command::SetMetric {
                    id: id.clone(),
                    metric,
                });
            }
        }
        edits
    }

    /// The metric these fields describe: `before` with the fields that differ from it set, so
    /// what the fields do not show (an upper bound, a direction set by hand) is kept, and
    /// `number` is recomputed only when value or scale changed. A field that cannot be set
    /// keeps its value from `before`, and the reason is returned.
    pub fn metric(&self, before: Option<&Metric>) -> (Option<Metric>, Vec<String>) {
        if before.is_none() && self.metric.iter().all(|text| text.trim().is_empty()) {
            return (None, Vec::new());
        }
        let mut metric = before.cloned().unwrap_or_default();
        let mut problems = Vec::new();
        for (name, text) in Metric::FIELDS.iter().zip(&self.metric) {
            if metric.field(name) != text.trim()
                && let Err(err) = metric.set_field(name, text)
            {
                problems.push(err.to_string());
            }
        }
        (Some(metric), problems)
    }
}

/// What committing the inspector's fields asks for.
#[derive(Debug, Default, PartialEq)]
pub struct Edits {
    /// The changes, to apply as one step.
    pub commands: Vec<Command>,
    /// Fields that could not be taken, and why.
    pub problems: Vec<String>,
}

impl SidebarState {
    /// The commands for edits still pending in the inspector's fields, which are then cleared.
    pub fn take_pending(&mut self, document: &Document) -> Edits {
        let Some((id, draft)) = self.draft.take() else {
            return Edits::default();
        };
        match document.get(&id) {
            Some(annotation) => {
                let kind = document.tagset().get(&annotation.label).map(|t| t.kind);
                draft.commands(annotation, kind)
            }
            None => Edits::default(),
        }
    }

    /// Keeps the inspector's fields in step with the selected annotation, and returns the
    /// fields to edit. Edits still pending for an annotation no longer selected come back as
    /// commands to apply first (the selection moved while a field had the keyboard); fields
    /// without pending edits follow undo and other changes.
    pub fn draft_for(
        &mut self,
        document: &Document,
        annotation: &Annotation,
    ) -> (&mut Draft, Edits) {
        let mut pending = Edits::default();
        let keep = match &self.draft {
            Some((old_id, draft)) if old_id != &annotation.id => {
                if let Some(old) = document.get(old_id) {
                    let kind = document.tagset().get(&old.label).map(|t| t.kind);
                    pending = draft.commands(old, kind);
                }
                false
            }
            Some((_, draft)) => {
                self.draft_generation == document.generation() || *draft != self.draft_pristine
            }
            None => false,
        };
        if !keep {
            let draft = Draft::of(annotation);
            self.draft_pristine = draft.clone();
            self.draft_generation = document.generation();
            self.draft = Some((annotation.id.clone(), draft));
        }
        let draft = &mut self
            .draft
            .get_or_insert_with(|| (annotation.id.clone(), Draft::of(annotation)))
            .1;
        (draft, pending)
    }

    /// Forgets the fields' edits (they were committed).
    pub fn clear_draft(&mut self) {
        self.draft = None;
    }

    /// Indices into the document's annotations of those the list shows: the filters' label
    /// and status, in item `item` unless `whole_page`. Rebuilt only when the annotations (by
    /// generation), the filters or the item change: filtering 20 000 annotations every frame
    /// would cost more than drawing them.
    pub fn shown(&mut self, document: &Document, item: usize, whole_page: bool) -> &[usize] {
        let key = (
            document.generation(),
            self.label.clone(),
            self.status,
            whole_page,
            item,
        );
        if self.shown_key.as_ref() != Some(&key) {
            let (label, status) = (&self.label, self.status);
            self.shown = document
                .annotations()
                .iter()
                .enumerate()
                .filter(|(_, a)| label.as_ref().is_none_or(|l| &a.label == l))
                .filter(|(_, a)| status.is_none_or(|s| a.status == s))
                .filter(|(_, a)| {
                    whole_page || document.locate(a.span()).is_some_and(|l| l.item == item)
                })
                .map(|(index, _)| index)
                .collect();
            self.shown_key = Some(key);
        }
        &self.shown
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::{Direction, Origin};
    use crate::app::state::testing;

    fn fields(pairs: &[(&str, &str)]) -> [String; Metric::FIELDS.len()] {
        Metric::FIELDS.map(|name| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map_or_else(String::new, |(_, text)| (*text).to_owned())
        })
    }

    #[test]
    fn metric_fields_round_trip_and_normalize() {
        let draft = Draft {
            metric: fields(&[
                ("value", "554.1"),
                ("scale", "亿"),
                ("unit", "元"),
                ("indicator", "地区生产总值"),
                ("period", "前三季度"),
                ("change", "同比增长"),
                ("change-figure", "6.8%"),
            ]),
            ..Draft::default()
        };
        let (metric, problems) = draft.metric(None);
        assert!(problems.is_empty());
        let metric = metric.unwrap();
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
        assert_eq!(
            again.metric(annotation_metric.as_ref()),
            (Some(metric), Vec::new())
        );
        assert_eq!(Draft::default().metric(None), (None, Vec::new()));
    }

    #[test]
    fn a_figure_the_fields_do_not_change_keeps_its_number() {
        // 三千五百 is read by the recognizer, not by renumber: untouched, it stays.
        let before = Metric {
            value: "三千五百".into(),
            number: Some(3500.0),
            unit: Some("户".into()),
            ..Metric::default()
        };
        let mut draft = Draft {
            metric: Metric::FIELDS.map(|name| before.field(name)),
            ..Draft::default()
        };
        draft.metric[2] = "家".into();
        let metric = draft.metric(Some(&before)).0.unwrap();
        assert_eq!(
            (metric.number, metric.unit.as_deref()),
            (Some(3500.0), Some("家"))
        );
        draft.metric[1] = "千".into();
        draft.note = "核对原文".into();
        let annotation = {
            let source =
                crate::text::Source::from_text("三千五百户", crate::text::PageEncoding::Utf8);
            let mut a = Annotation::new(
                &source,
                "METRIC",
                crate::text::Span::new(0, 5),
                Origin::Manual,
                "t",
            );
            a.metric = Some(Box::new(before));
            a
        };
        let edits = draft.commands(&annotation, Some(Kind::Metric));
        assert_eq!(
            edits.problems,
            ["scale \"千\" is not 万, 亿, 万亿 or a positive number"],
            "the bad field is named"
        );
        let taken: Vec<&str> = edits
            .commands
            .iter()
            .map(|c| match c {
                Command::SetNote { .. } => "note",
                Command::SetMetric { .. } => "metric",
                _ => "other",
            })
            .collect();
        assert_eq!(
            taken,
            ["note", "metric"],
            "the other fields are still taken"
        );
        let Some(Command::SetMetric {
            metric: Some(metric),
            ..
        }) = edits.commands.last()
        else {
            panic!("{edits:?}");
        };
        assert_eq!((metric.scale, metric.unit.as_deref()), (1, Some("家")));
    }

    #[test]
    fn the_list_follows_every_change_to_the_annotations() {
        let (_dir, mut document) = testing::page_on_disk();
        let span = document.source().find_all("新区")[0];
        let add = Annotation::new(document.source(), "LOC", span, Origin::Manual, "t");
        let mut sidebar = SidebarState::default();
        assert_eq!(sidebar.shown(&document, 0, false).len(), 0);
        document.apply(Command::Add(add)).unwrap();
        assert_eq!(sidebar.shown(&document, 0, false), [0], "after a command");
        document.undo();
        assert_eq!(sidebar.shown(&document, 0, false).len(), 0, "after undo");
        document.redo();
        assert_eq!(sidebar.shown(&document, 0, false), [0], "after redo");
        testing::merge_from_disk(&mut document, "林晓舟");
        assert_eq!(
            sidebar.shown(&document, 0, false),
            [0, 1],
            "after a merge from disk"
        );
        sidebar.label = Some("PER".into());
        assert_eq!(sidebar.shown(&document, 0, false), [1], "after a filter");
    }
}
