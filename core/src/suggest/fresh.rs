//! Suggestions as annotations of a document: what is new, ready to add for review.

use std::collections::HashSet;

use super::{Options, suggest};
use crate::annotation::{Annotation, Document, Kind, Origin, Status};
use crate::text::Span;

/// The suggestions for the document's page that it does not hold yet, as annotations with
/// status *suggested* and the rule as origin.
///
/// A suggestion is left out when an annotation of the same label already covers any of its
/// characters, whatever that annotation's status: a rejected suggestion stays in the sidecar,
/// so it is never suggested again, and running this twice adds nothing the second time.
/// Labels missing from the document's tag set are left out too.
pub fn new_suggestions(document: &Document, options: Options) -> Vec<Annotation> {
    let tagset = document.tagset();
    let accepted: Vec<(&str, &str)> = document
        .annotations()
        .iter()
        .filter(|a| a.status == Status::Accepted)
        .filter(|a| tagset.get(&a.label).is_some_and(|t| t.kind == Kind::Entity))
        .map(|a| (a.label.as_str(), a.quote.as_str()))
        .collect();
    let covered = |label: &str, span: Span| document.overlapping(span).any(|a| a.label == label);
    let mut taken: HashSet<(&'static str, usize, usize)> = HashSet::new();
    suggest(document.source(), document.bulletin(), &accepted, options)
        .into_iter()
        .filter(|s| tagset.get(s.label).is_some())
        .filter(|s| !covered(s.label, s.span))
        .filter(|s| taken.insert((s.label, s.span.start, s.span.end)))
        .map(|s| {
            let mut annotation = Annotation::new(
                document.source(),
                s.label,
                s.span,
                Origin::Rule(s.rule.to_owned()),
                document.author(),
            );
            annotation.status = Status::Suggested;
            annotation.metric = s.metric;
            annotation
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::Command;

    fn page() -> (tempfile::TempDir, Document) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(
            &path,
            "## 题\n\n本报讯(记者 林晓舟)新区今年完成投资12.5亿元。\n",
        )
        .unwrap();
        let document = Document::open(&path).unwrap();
        (dir, document)
    }

    #[test]
    fn suggesting_twice_adds_nothing_and_rejections_are_remembered() {
        let (_dir, mut document) = page();
        let first = new_suggestions(&document, Options::default());
        let labels: Vec<(&str, &str)> = first
            .iter()
            .map(|a| (a.label.as_str(), a.quote.as_str()))
            .collect();
        assert!(labels.contains(&("PER", "林晓舟")), "{labels:?}");
        assert!(labels.contains(&("METRIC", "12.5亿元")), "{labels:?}");
        assert!(first.iter().all(|a| a.status == Status::Suggested));
        let metric = first.iter().find(|a| a.label == "METRIC").unwrap();
        assert_eq!(metric.origin, Origin::Rule("metric.money".into()));
        assert_eq!(
            metric.metric.as_ref().and_then(|m| m.number),
            Some(1_250_000_000.0)
        );

        let commands = first.iter().cloned().map(Command::Add).collect();
        document.apply(Command::Batch(commands)).unwrap();
        assert!(new_suggestions(&document, Options::default()).is_empty());

        let person = first.iter().find(|a| a.label == "PER").unwrap();
        document
            .apply(Command::SetStatus {
                id: person.id.clone(),
                status: Status::Rejected,
            })
            .unwrap();
        assert!(new_suggestions(&document, Options::default()).is_empty());
        document.save().unwrap();
        let reopened = Document::open(document.page_path().unwrap()).unwrap();
        assert!(new_suggestions(&reopened, Options::default()).is_empty());
    }
}
