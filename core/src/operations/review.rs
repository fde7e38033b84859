//! Reviewing suggestions: which to look at next, every one of a label in a story, and the
//! status changes that accept or reject them — for the app's review keys and `copydesk
//! review` alike.
//!
//! Orphaned suggestions (their text is no longer on the page) are never chosen here: their
//! range says nothing about the page as it is, so accepting one by label or by story would
//! accept text nobody saw. They can still be reviewed one by one, by id.

use crate::annotation::{Anchor, Annotation, AnnotationId, Command, Document, Status};

/// A suggestion waiting for review, and placed on the page.
fn reviewable(annotation: &Annotation) -> bool {
    annotation.status == Status::Suggested && annotation.anchor != Anchor::Orphaned
}

/// The suggestions of `label`, in page order: in item `item` only (0-based) if given.
pub fn suggestions_of_label<'d>(
    document: &'d Document,
    label: &str,
    item: Option<usize>,
) -> Vec<&'d Annotation> {
    document
        .annotations()
        .iter()
        .filter(|a| a.label == label && reviewable(a))
        .filter(|a| {
            item.is_none_or(|item| document.locate(a.span()).is_some_and(|l| l.item == item))
        })
        .collect()
}

/// The commands giving `annotations` the status `status`, and how many had it already
/// (those get no command). An annotation listed twice is counted once.
pub fn set_status<'d>(
    annotations: impl IntoIterator<Item = &'d Annotation>,
    status: Status,
) -> (Vec<Command>, usize) {
    let mut seen: Vec<&AnnotationId> = Vec::new();
    let mut unchanged = 0;
    let mut commands = Vec::new();
    for annotation in annotations {
        if seen.contains(&&annotation.id) {
            continue;
        }
        seen.push(&annotation.id);
        if annotation.status == status {
            unchanged += 1;
        } else {
            commands.push(Command::SetStatus {
                id: annotation.id.clone(),
                status,
            });
        }
    }
    (commands, unchanged)
}

/// The suggestion to look at next (or, going back, the one before): after the annotation
/// `after` in page order, or else after page offset `from` (the start of the story shown);
/// past the end it wraps round. `None` when no suggestion is left.
pub fn next_suggestion(
    document: &Document,
    after: Option<&AnnotationId>,
    from: usize,
    forward: bool,
) -> Option<AnnotationId> {
    let annotations = document.annotations();
    let here = after.and_then(|id| annotations.iter().position(|a| &a.id == id));
    let suggested = |a: &&Annotation| reviewable(a);
    let found = match (here, forward) {
        (Some(at), true) => annotations[at + 1..].iter().find(suggested),
        (Some(at), false) => annotations[..at].iter().rev().find(suggested),
        (None, true) => annotations
            .iter()
            .filter(|a| a.start >= from)
            .find(suggested),
        (None, false) => annotations.iter().rev().find(suggested),
    }
    .or_else(|| {
        if forward {
            annotations.iter().find(suggested)
        } else {
            annotations.iter().rev().find(suggested)
        }
    });
    found.map(|a| a.id.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::Origin;
    use crate::text::{PageEncoding, Source};

    const PAGE: &str = "## 一版\n\n林晓舟和苏念在新区。\n\n## 二版\n\n苏念到河湾市。\n";

    /// The page with suggestions: PER 林晓舟, PER 苏念, LOC 新区 in item 0; PER 苏念, LOC 河湾市
    /// in item 1; returns their ids in page order.
    fn page() -> (Document, Vec<AnnotationId>) {
        let source = Source::from_text(PAGE, PageEncoding::Utf8);
        let mut document = Document::unsaved("a.txt", source);
        let found = |quote: &str| document.source().find_all(quote);
        let spans = [
            ("PER", found("林晓舟")[0]),
            ("PER", found("苏念")[0]),
            ("LOC", found("新区")[0]),
            ("PER", found("苏念")[1]),
            ("LOC", found("河湾市")[0]),
        ];
        let annotations: Vec<Annotation> = spans
            .iter()
            .map(|&(label, span)| {
                let mut a = Annotation::new(
                    document.source(),
                    label,
                    span,
                    Origin::Rule("test".into()),
                    "rules",
                );
                a.status = Status::Suggested;
                a
            })
            .collect();
        let ids = annotations.iter().map(|a| a.id.clone()).collect();
        document
            .apply(Command::Batch(
                annotations.into_iter().map(Command::Add).collect(),
            ))
            .unwrap();
        (document, ids)
    }

    fn ids(annotations: &[&Annotation]) -> Vec<AnnotationId> {
        annotations.iter().map(|a| a.id.clone()).collect()
    }

    #[test]
    fn suggestions_of_a_label_in_a_story_or_on_the_page() {
        let (document, id) = page();
        assert_eq!(
            ids(&suggestions_of_label(&document, "PER", Some(0))),
            [id[0].clone(), id[1].clone()]
        );
        assert_eq!(
            ids(&suggestions_of_label(&document, "PER", Some(1))),
            [id[3].clone()]
        );
        assert_eq!(
            ids(&suggestions_of_label(&document, "PER", None)),
            [id[0].clone(), id[1].clone(), id[3].clone()]
        );
        assert!(suggestions_of_label(&document, "ORG", None).is_empty());
    }

    #[test]
    fn accepted_and_orphaned_suggestions_are_not_chosen_by_label() {
        let (mut document, id) = page();
        document
            .apply(Command::SetStatus {
                id: id[0].clone(),
                status: Status::Accepted,
            })
            .unwrap();
        let mut orphan = document.get(&id[1]).unwrap().clone();
        orphan.anchor = Anchor::Orphaned;
        document.apply(Command::Replace(orphan)).unwrap();
        assert!(suggestions_of_label(&document, "PER", Some(0)).is_empty());
        assert_eq!(
            next_suggestion(&document, None, 0, true),
            Some(id[2].clone())
        );
    }

    #[test]
    fn set_status_counts_what_had_it_and_lists_each_once() {
        let (mut document, id) = page();
        let chosen: Vec<&Annotation> = [&id[0], &id[1], &id[0]]
            .iter()
            .filter_map(|id| document.get(id))
            .collect();
        let (commands, unchanged) = set_status(chosen, Status::Rejected);
        assert_eq!((commands.len(), unchanged), (2, 0));
        document.apply(Command::Batch(commands)).unwrap();
        let again: Vec<&Annotation> = id.iter().filter_map(|id| document.get(id)).collect();
        let (commands, unchanged) = set_status(again, Status::Rejected);
        assert_eq!((commands.len(), unchanged), (3, 2));
    }

    #[test]
    fn next_suggestion_goes_through_the_page_and_wraps() {
        let (document, id) = page();
        let item_1 = document.source().find_all("## 二版")[0].start;
        assert_eq!(
            next_suggestion(&document, None, item_1, true),
            Some(id[3].clone())
        );
        assert_eq!(
            next_suggestion(&document, Some(&id[3]), 0, true),
            Some(id[4].clone())
        );
        assert_eq!(
            next_suggestion(&document, Some(&id[4]), 0, true),
            Some(id[0].clone())
        );
        assert_eq!(
            next_suggestion(&document, Some(&id[0]), 0, false),
            Some(id[4].clone())
        );
        assert_eq!(
            next_suggestion(&document, None, 0, false),
            Some(id[4].clone())
        );
    }
}
