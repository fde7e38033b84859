//! Tagging: a label on ranges of the page, from a selection in the app or `copydesk tag`.
//!
//! Tagging never doubles an annotation: where one of the label already covers exactly the
//! range it is kept (accepted if it was a suggestion; a rejected one stays rejected, since a
//! reviewer said no to it and a gazetteer pass must not overrule that), and a suggestion of another
//! label on exactly the range takes the new label and is accepted, as if the user had
//! reviewed it. Only where nothing covers exactly the range is an annotation added; a metric
//! label gets its figure read as a suggestion of it would be. A label given to one selected
//! annotation ([`label_annotation`]) accepts it too, if it was a suggestion.

use std::collections::HashSet;

use crate::annotation::{
    Annotation, AnnotationId, Command, Document, Kind, Metric, Origin, Status,
};
use crate::suggest;
use crate::text::Span;

/// What to tag with.
#[derive(Clone, Debug, PartialEq)]
pub struct Tagging<'a> {
    /// A label of the document's tag set.
    pub label: &'a str,
    /// Accepted (a person tagging), or suggested (a script adding pre-annotations to review).
    pub status: Status,
    /// A note for annotations this adds.
    pub note: Option<&'a str>,
}

impl<'a> Tagging<'a> {
    /// A person tagging with `label`: accepted, without a note.
    pub fn accepted(label: &'a str) -> Self {
        Self {
            label,
            status: Status::Accepted,
            note: None,
        }
    }
}

/// What tagging did to one range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// An annotation of the label was there already, with the status asked for.
    Unchanged(AnnotationId),
    /// An annotation of the label was there, rejected by a reviewer: it is left as it is (the
    /// user can accept it on purpose, by id or with the review key).
    Rejected(AnnotationId),
    /// An annotation of the label was there as a suggestion: it is accepted.
    Accepted(AnnotationId),
    /// A suggestion of another label was there: it takes the label and is accepted.
    Relabelled(AnnotationId),
    /// A new annotation.
    Added(AnnotationId),
}

impl Outcome {
    /// The annotation that now carries the label on the range.
    pub fn id(&self) -> &AnnotationId {
        match self {
            Self::Unchanged(id)
            | Self::Rejected(id)
            | Self::Accepted(id)
            | Self::Relabelled(id)
            | Self::Added(id) => id,
        }
    }
}

/// How much an annotation of the label already on the range counts: an accepted one first,
/// then a suggestion, then a rejected one.
fn rank(status: Status) -> u8 {
    match status {
        Status::Accepted => 0,
        Status::Suggested => 1,
        Status::Rejected => 2,
    }
}

/// The commands that tag `spans`, and what each does, in the order of `spans` (a span given
/// twice is tagged once). Apply the commands as one step: they are empty when no outcome is
/// [`Outcome::Accepted`], [`Outcome::Relabelled`] or [`Outcome::Added`]. The label is not
/// checked here: applying the commands refuses a label outside the tag set, and a range that
/// does not fit the page, and then changes nothing.
pub fn tag(
    document: &Document,
    spans: &[Span],
    tagging: &Tagging<'_>,
) -> (Vec<Command>, Vec<Outcome>) {
    let mut commands = Vec::new();
    let mut outcomes: Vec<Outcome> = Vec::new();
    let mut done: HashSet<Span> = HashSet::new();
    for &span in spans {
        if !done.insert(span) {
            continue;
        }
        let on_span: Vec<&Annotation> = document
            .overlapping(span)
            .filter(|a| a.span() == span)
            .collect();
        let same = on_span
            .iter()
            .filter(|a| a.label == tagging.label)
            .min_by_key(|a| rank(a.status));
        let other_suggestion = on_span
            .iter()
            .find(|a| a.status == Status::Suggested && tagging.status == Status::Accepted);
        let outcome = match (same, other_suggestion) {
            (Some(same), _) if same.status == Status::Rejected => {
                Outcome::Rejected(same.id.clone())
            }
            (Some(same), _)
                if same.status == tagging.status || tagging.status == Status::Suggested =>
            {
                Outcome::Unchanged(same.id.clone())
            }
            (Some(same), _) => {
                commands.push(Command::SetStatus {
                    id: same.id.clone(),
                    status: tagging.status,
                });
                Outcome::Accepted(same.id.clone())
            }
            (None, Some(suggestion)) => {
                commands.extend(label_annotation(document, suggestion, tagging.label));
                Outcome::Relabelled(suggestion.id.clone())
            }
            (None, None) => {
                let mut annotation = Annotation::new(
                    document.source(),
                    tagging.label,
                    span,
                    Origin::Manual,
                    document.author(),
                );
                annotation.status = tagging.status;
                annotation.note = tagging.note.map(str::to_owned);
                annotation.metric = figure_for(document, tagging.label, span).map(Box::new);
                let id = annotation.id.clone();
                commands.push(Command::Add(annotation));
                Outcome::Added(id)
            }
        };
        outcomes.push(outcome);
    }
    (commands, outcomes)
}

/// The figure at `span` if `label` is a metric label, read as a suggestion of it would be.
fn figure_for(document: &Document, label: &str, span: Span) -> Option<Metric> {
    let metric_label = document
        .tagset()
        .get(label)
        .is_some_and(|tag| tag.kind == Kind::Metric);
    metric_label.then(|| suggest::metric_at(document.source(), document.bulletin(), span))
}

/// The commands that give an annotation another label: the label, and — when it becomes a
/// metric without a figure — the figure read at its range, as tagging would. The inspector's
/// label box and `copydesk edit --label` use this. None if the label is the same.
pub fn relabel(document: &Document, annotation: &Annotation, label: &str) -> Vec<Command> {
    if annotation.label == label {
        return Vec::new();
    }
    let mut commands = vec![Command::Relabel {
        id: annotation.id.clone(),
        label: label.to_owned(),
    }];
    if annotation.metric.is_none()
        && let Some(metric) = figure_for(document, label, annotation.span())
    {
        commands.push(Command::SetMetric {
            id: annotation.id.clone(),
            metric: Some(metric),
        });
    }
    commands
}

/// The commands that give one annotation the label, as a label key does on a selected
/// annotation: it is [`relabel`]led, and a suggestion is accepted too (the user has looked at
/// it and said what it is). None if there is nothing to change.
pub fn label_annotation(document: &Document, annotation: &Annotation, label: &str) -> Vec<Command> {
    let mut commands = relabel(document, annotation, label);
    if annotation.status == Status::Suggested {
        commands.push(Command::SetStatus {
            id: annotation.id.clone(),
            status: Status::Accepted,
        });
    }
    commands
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::PageEncoding;
    use crate::text::Source;

    const PAGE: &str =
        "## 新区建设提速\n\n本报讯(记者 林晓舟)新区今年完成投资12.5亿元,林晓舟说。\n";

    fn document() -> Document {
        Document::unsaved("a.txt", Source::from_text(PAGE, PageEncoding::Utf8))
    }

    fn suggestion(document: &Document, label: &str, span: Span) -> Annotation {
        let mut annotation = Annotation::new(
            document.source(),
            label,
            span,
            Origin::Rule("test".into()),
            "rules",
        );
        annotation.status = Status::Suggested;
        annotation
    }

    fn apply(document: &mut Document, commands: Vec<Command>) {
        document.apply(Command::Batch(commands)).unwrap();
    }

    #[test]
    fn a_new_range_gets_a_new_accepted_annotation_and_tagging_it_again_changes_nothing() {
        let mut document = document();
        let span = document.source().find_all("新区")[1];
        let (commands, outcomes) = tag(&document, &[span], &Tagging::accepted("LOC"));
        assert!(matches!(outcomes.as_slice(), [Outcome::Added(_)]));
        apply(&mut document, commands);
        let annotation = &document.annotations()[0];
        assert_eq!(
            (
                annotation.label.as_str(),
                annotation.status,
                annotation.quote.as_str()
            ),
            ("LOC", Status::Accepted, "新区")
        );
        assert_eq!(annotation.origin, Origin::Manual);
        let (commands, outcomes) = tag(&document, &[span], &Tagging::accepted("LOC"));
        assert!(commands.is_empty());
        assert_eq!(outcomes, [Outcome::Unchanged(annotation.id.clone())]);
    }

    #[test]
    fn a_suggestion_of_the_label_is_accepted_instead_of_doubled() {
        let mut document = document();
        let span = document.source().find_all("林晓舟")[0];
        let suggested = suggestion(&document, "PER", span);
        let id = suggested.id.clone();
        apply(&mut document, vec![Command::Add(suggested)]);
        let (commands, outcomes) = tag(&document, &[span], &Tagging::accepted("PER"));
        assert_eq!(outcomes, [Outcome::Accepted(id.clone())]);
        apply(&mut document, commands);
        assert_eq!(document.annotations().len(), 1);
        assert_eq!(document.get(&id).map(|a| a.status), Some(Status::Accepted));
    }

    #[test]
    fn a_rejected_annotation_stays_rejected_unless_a_suggestion_is_there_too() {
        let mut document = document();
        let span = document.source().find_all("林晓舟")[0];
        let rejected = suggestion(&document, "PER", span);
        let rejected_id = rejected.id.clone();
        apply(&mut document, vec![Command::Add(rejected)]);
        apply(
            &mut document,
            vec![Command::SetStatus {
                id: rejected_id.clone(),
                status: Status::Rejected,
            }],
        );
        let (commands, outcomes) = tag(&document, &[span], &Tagging::accepted("PER"));
        assert!(commands.is_empty());
        assert_eq!(outcomes, [Outcome::Rejected(rejected_id.clone())]);
        // A new suggestion of the same label on the same range is the one accepted.
        let again = suggestion(&document, "PER", span);
        let again_id = again.id.clone();
        apply(&mut document, vec![Command::Add(again)]);
        let (commands, outcomes) = tag(&document, &[span], &Tagging::accepted("PER"));
        assert_eq!(outcomes, [Outcome::Accepted(again_id.clone())]);
        apply(&mut document, commands);
        assert_eq!(
            document.get(&again_id).map(|a| a.status),
            Some(Status::Accepted)
        );
        assert_eq!(
            document.get(&rejected_id).map(|a| a.status),
            Some(Status::Rejected)
        );
    }

    #[test]
    fn a_suggestion_relabelled_as_a_metric_gets_its_figure() {
        let mut document = document();
        let span = document.source().find_all("12.5亿元")[0];
        let suggested = suggestion(&document, "DATE", span);
        let id = suggested.id.clone();
        apply(&mut document, vec![Command::Add(suggested)]);
        let (commands, outcomes) = tag(&document, &[span], &Tagging::accepted("METRIC"));
        assert_eq!(outcomes, [Outcome::Relabelled(id.clone())]);
        apply(&mut document, commands);
        let annotation = document.get(&id).unwrap();
        assert_eq!(annotation.label, "METRIC");
        assert_eq!(
            annotation.metric.as_ref().and_then(|m| m.number),
            Some(1_250_000_000.0)
        );
        // Back to an entity: the figure is kept (undo is the way to drop it), nothing added.
        assert_eq!(relabel(&document, annotation, "DATE").len(), 1);
        assert!(relabel(&document, annotation, "METRIC").is_empty());
    }

    #[test]
    fn a_suggestion_of_another_label_is_relabelled_and_accepted() {
        let mut document = document();
        let span = document.source().find_all("新区")[0];
        let suggested = suggestion(&document, "ORG", span);
        let id = suggested.id.clone();
        apply(&mut document, vec![Command::Add(suggested)]);
        let (commands, outcomes) = tag(&document, &[span], &Tagging::accepted("LOC"));
        assert_eq!(outcomes, [Outcome::Relabelled(id.clone())]);
        apply(&mut document, commands);
        let annotation = document.get(&id).unwrap();
        assert_eq!(
            (
                document.annotations().len(),
                annotation.label.as_str(),
                annotation.status
            ),
            (1, "LOC", Status::Accepted)
        );
        // One step: undo puts the suggestion back as it was.
        document.undo();
        let annotation = document.get(&id).unwrap();
        assert_eq!(
            (annotation.label.as_str(), annotation.status),
            ("ORG", Status::Suggested)
        );
    }

    #[test]
    fn a_label_on_a_selected_suggestion_accepts_it_and_on_anything_else_relabels() {
        let mut document = document();
        let span = document.source().find_all("新区")[0];
        let suggested = suggestion(&document, "ORG", span);
        let id = suggested.id.clone();
        apply(&mut document, vec![Command::Add(suggested)]);
        let annotation = document.get(&id).unwrap();
        assert_eq!(
            label_annotation(&document, annotation, "ORG"),
            [Command::SetStatus {
                id: id.clone(),
                status: Status::Accepted
            }]
        );
        let commands = label_annotation(&document, annotation, "LOC");
        apply(&mut document, commands);
        let annotation = document.get(&id).unwrap();
        assert_eq!(
            (annotation.label.as_str(), annotation.status),
            ("LOC", Status::Accepted)
        );
        assert!(label_annotation(&document, annotation, "LOC").is_empty());
        assert_eq!(
            label_annotation(&document, annotation, "ORG"),
            [Command::Relabel {
                id,
                label: "ORG".into()
            }]
        );
    }

    #[test]
    fn an_accepted_annotation_of_another_label_is_kept_beside_the_new_one() {
        let mut document = document();
        let span = document.source().find_all("新区")[0];
        let (commands, _) = tag(&document, &[span], &Tagging::accepted("ORG"));
        apply(&mut document, commands);
        let (commands, outcomes) = tag(&document, &[span], &Tagging::accepted("LOC"));
        assert!(matches!(outcomes.as_slice(), [Outcome::Added(_)]));
        apply(&mut document, commands);
        let labels: Vec<&str> = document
            .annotations()
            .iter()
            .map(|a| a.label.as_str())
            .collect();
        assert_eq!(labels.len(), 2);
        assert!(
            labels.contains(&"ORG") && labels.contains(&"LOC"),
            "{labels:?}"
        );
    }

    #[test]
    fn tagging_as_suggested_leaves_what_is_there_and_adds_suggestions_with_the_note() {
        let mut document = document();
        let spans = document.source().find_all("林晓舟");
        let (commands, _) = tag(&document, &spans[..1], &Tagging::accepted("PER"));
        apply(&mut document, commands);
        let tagging = Tagging {
            label: "PER",
            status: Status::Suggested,
            note: Some("gazetteer"),
        };
        let (commands, outcomes) = tag(&document, &spans, &tagging);
        assert!(matches!(
            outcomes.as_slice(),
            [Outcome::Unchanged(_), Outcome::Added(_)]
        ));
        apply(&mut document, commands);
        let added = &document.annotations()[1];
        assert_eq!(
            (added.status, added.note.as_deref(), added.start),
            (Status::Suggested, Some("gazetteer"), spans[1].start)
        );
        assert_eq!(document.annotations()[0].status, Status::Accepted);
    }

    #[test]
    fn a_metric_tagged_by_hand_gets_its_number_as_a_suggestion_would() {
        let mut document = document();
        let span = document.source().find_all("12.5亿元")[0];
        let (commands, _) = tag(&document, &[span, span], &Tagging::accepted("METRIC"));
        assert_eq!(commands.len(), 1, "a span given twice is tagged once");
        apply(&mut document, commands);
        let metric = document.annotations()[0].metric.clone().unwrap();
        assert_eq!(metric.number, Some(1_250_000_000.0));
        assert_eq!(
            (metric.value.as_str(), metric.scale, metric.unit.as_deref()),
            ("12.5", crate::annotation::Metric::YI, Some("元"))
        );
        let suggested = suggest::suggest(
            document.source(),
            document.bulletin(),
            &[],
            suggest::Options::default(),
        );
        let same = suggested.iter().find(|s| s.span == span).unwrap();
        assert_eq!(same.metric, Some(metric));
    }
}
