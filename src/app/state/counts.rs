//! How many annotations and suggestions each item holds, for the outline and the status bar:
//! a cache rebuilt when the document's generation changes, whichever way it changed.

use crate::annotation::{Anchor, Document, Status};

/// The counts of one version of the document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Per item: annotations accepted, and suggestions waiting. Orphans are not counted: their
    /// old range says nothing about the page.
    pub per_item: Vec<(usize, usize)>,
    /// Suggestions waiting for review on the whole page, orphans included.
    pub suggested: usize,
}

/// [`Tally`] of the document, kept for the generation it was counted at.
#[derive(Debug, Default)]
pub struct Counts {
    counted: Option<(u64, Tally)>,
}

impl Counts {
    /// The counts of `document` as it is now: counted again only if it changed since.
    pub fn get(&mut self, document: &Document) -> &Tally {
        let generation = document.generation();
        if self
            .counted
            .as_ref()
            .is_some_and(|(at, _)| *at != generation)
        {
            self.counted = None;
        }
        &self
            .counted
            .get_or_insert_with(|| (generation, tally(document)))
            .1
    }
}

fn tally(document: &Document) -> Tally {
    let mut per_item = vec![(0, 0); document.bulletin().items.len()];
    let mut suggested = 0;
    for annotation in document.annotations() {
        if annotation.status == Status::Suggested {
            suggested += 1;
        }
        if annotation.anchor == Anchor::Orphaned {
            continue;
        }
        if let Some(location) = document.locate(annotation.span())
            && let Some(count) = per_item.get_mut(location.item)
        {
            match annotation.status {
                Status::Accepted => count.0 += 1,
                Status::Suggested => count.1 += 1,
                Status::Rejected => {}
            }
        }
    }
    Tally {
        per_item,
        suggested,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::{Annotation, Command, Origin};
    use crate::app::state::testing;

    #[test]
    fn counts_follow_commands_undo_and_merges_from_disk() {
        let (_dir, mut document) = testing::page_on_disk();
        let mut counts = Counts::default();
        let counted = |counts: &mut Counts, document: &Document| {
            let tally = counts.get(document);
            (tally.per_item.clone(), tally.suggested)
        };
        assert_eq!(counted(&mut counts, &document), (vec![(0, 0)], 0));
        let span = document.source().find_all("12.5亿元")[0];
        let mut suggestion =
            Annotation::new(document.source(), "METRIC", span, Origin::Manual, "t");
        suggestion.status = Status::Suggested;
        let id = suggestion.id.clone();
        document.apply(Command::Add(suggestion)).unwrap();
        assert_eq!(
            counted(&mut counts, &document),
            (vec![(0, 1)], 1),
            "a command"
        );
        document
            .apply(Command::SetStatus {
                id,
                status: Status::Accepted,
            })
            .unwrap();
        assert_eq!(
            counted(&mut counts, &document),
            (vec![(1, 0)], 0),
            "a review"
        );
        document.undo();
        assert_eq!(counted(&mut counts, &document), (vec![(0, 1)], 1), "undo");
        document.redo();
        assert_eq!(counted(&mut counts, &document), (vec![(1, 0)], 0), "redo");
        testing::merge_from_disk(&mut document, "林晓舟");
        assert_eq!(
            counted(&mut counts, &document),
            (vec![(2, 0)], 0),
            "a merge"
        );
    }
}
