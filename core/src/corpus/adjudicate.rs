//! Adjudication: settling two annotators' disagreements into a third folder, the gold set.
//!
//! What both sides agree on (exact matches) goes into the gold set as A has it. Each
//! disagreement settled takes A's version, B's, both or neither; the versions not taken are
//! kept in the gold sidecar as rejected, so the choice is remembered, and every one records who
//! decided and when ([`Decision`]). The page files are copied into the gold folder (never
//! changed); deciding again replaces the earlier decision. The same commands serve the app,
//! one undoable step per choice, and `copydesk adjudicate`.

use std::collections::HashSet;
use std::path::Path;

use super::agreement::{Disagreement, PageMatch, Span, match_page, pairs};
use super::library::list;
use crate::annotation::model::now;
use crate::annotation::{
    Annotation, AnnotationId, Command, Decision, Document, Status, Take, tagset,
};

/// How to settle the disagreements.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Choice {
    /// Every one: this side's version (`Take::A` or `Take::B`); where that side has nothing,
    /// neither.
    Prefer(Take),
    /// Those with an annotation of one of these ids, on either side.
    Take {
        /// The choice.
        take: Take,
        /// Annotation ids (as `copydesk agree` lists them).
        ids: Vec<String>,
    },
}

impl Choice {
    /// What this choice decides for `disagreement`; `None` if it leaves it open.
    pub fn decide(&self, disagreement: &Disagreement) -> Option<Take> {
        match self {
            Self::Prefer(Take::B) => Some(if disagreement.b.is_some() {
                Take::B
            } else {
                Take::Neither
            }),
            Self::Prefer(_) => Some(if disagreement.a.is_some() {
                Take::A
            } else {
                Take::Neither
            }),
            Self::Take { take, ids } => {
                let named =
                    |span: &Option<Span>| span.as_ref().is_some_and(|s| ids.contains(&s.id));
                (named(&disagreement.a) || named(&disagreement.b)).then_some(*take)
            }
        }
    }
}

/// A copy of `annotation` for the gold set, with `status` and `decided`; a new id if the gold
/// set has its id already (two sides edited one annotation).
fn copy(
    annotation: &Annotation,
    status: Status,
    decided: Option<Decision>,
    taken: &mut HashSet<AnnotationId>,
) -> Annotation {
    let mut copy = annotation.clone();
    copy.status = status;
    copy.decided = decided;
    if !taken.insert(copy.id.clone()) {
        copy.id = AnnotationId::generate();
        taken.insert(copy.id.clone());
    }
    copy
}

/// The commands putting into `gold` what A and B agree on (their exact matches, as A has
/// them), for those not there yet.
pub fn agreed_commands(gold: &Document, a: &Document, matched: &PageMatch) -> Vec<Command> {
    let mut taken: HashSet<AnnotationId> =
        gold.annotations().iter().map(|g| g.id.clone()).collect();
    matched
        .exact
        .iter()
        .filter_map(|(x, _)| a.get(&AnnotationId(x.id.clone())))
        .filter(|annotation| !gold.contains(&annotation.id))
        .map(|annotation| Command::Add(copy(annotation, Status::Accepted, None, &mut taken)))
        .collect()
}

/// The commands settling `disagreement` in `gold` as `take`, by `by`: any earlier decision on
/// it is replaced.
pub fn decision_commands(
    gold: &Document,
    a: &Document,
    b: &Document,
    disagreement: &Disagreement,
    take: Take,
    by: &str,
) -> Vec<Command> {
    let find = |document: &Document, span: &Option<Span>| {
        span.as_ref()
            .and_then(|s| document.get(&AnnotationId(s.id.clone())))
            .cloned()
    };
    let (a_version, b_version) = (find(a, &disagreement.a), find(b, &disagreement.b));
    let mut commands = Vec::new();
    let mut taken: HashSet<AnnotationId> =
        gold.annotations().iter().map(|g| g.id.clone()).collect();
    // An earlier decision on the same versions goes first; a copy made under a new id (both
    // sides had one id) is found by its range and label.
    for version in a_version.iter().chain(&b_version) {
        let earlier = gold.annotations().iter().filter(|g| {
            g.decided.is_some()
                && (g.id == version.id
                    || (g.start, g.end, &g.label) == (version.start, version.end, &version.label))
        });
        for annotation in earlier {
            if taken.remove(&annotation.id) {
                commands.push(Command::Delete(annotation.id.clone()));
            }
        }
    }
    let decided = Decision {
        took: take,
        by: by.to_owned(),
        at: now(),
    };
    let (take_a, take_b) = match take {
        Take::A => (true, false),
        Take::B => (false, true),
        Take::Both => (true, true),
        Take::Neither => (false, false),
    };
    for (version, taken_here) in [(a_version, take_a), (b_version, take_b)] {
        if let Some(version) = version {
            let status = if taken_here {
                Status::Accepted
            } else {
                Status::Rejected
            };
            let annotation = copy(&version, status, Some(decided.clone()), &mut taken);
            commands.push(Command::Add(annotation));
        }
    }
    commands
}

/// The gold copy of the page at `relative` below `a_root`: the page file copied below
/// `gold_root` (and A's tag set, if the gold folder has none), then opened with its sidecar.
fn open_gold(a_root: &Path, gold_root: &Path, relative: &Path) -> Result<Document, String> {
    let (a_page, gold_page) = (a_root.join(relative), gold_root.join(relative));
    let name = |p: &Path| p.display().to_string();
    if !gold_page.exists() {
        if let Some(folder) = gold_page.parent() {
            std::fs::create_dir_all(folder)
                .map_err(|err| format!("{}: cannot make the folder: {err}", name(folder)))?;
        }
        std::fs::copy(&a_page, &gold_page)
            .map_err(|err| format!("{}: cannot copy the page there: {err}", name(&gold_page)))?;
    }
    let (a_tags, gold_tags) = (
        a_root.join(tagset::FOLDER_FILE),
        gold_root.join(tagset::FOLDER_FILE),
    );
    if a_tags.is_file() && !gold_tags.exists() {
        std::fs::copy(&a_tags, &gold_tags)
            .map_err(|err| format!("{}: cannot copy the tag set: {err}", name(&gold_tags)))?;
    }
    Document::open(&gold_page).map_err(|err| err.to_string())
}

/// A page ready to adjudicate: both sides' documents, how they match, and the gold copy
/// holding what they agree on.
pub struct Prepared {
    /// A's document.
    pub a: Document,
    /// B's document.
    pub b: Document,
    /// Their spans matched.
    pub matched: PageMatch,
    /// The gold page, with the agreed annotations applied (not yet saved).
    pub gold: Document,
    /// Agreed annotations newly copied into it.
    pub agreed: usize,
}

/// Opens the page at `relative` in the folders `a` and `b` and its gold copy below `gold`
/// (recording `by` as who decides), checks that the three texts are one, and copies into the
/// gold what both sides agree on.
pub fn prepare(
    a: &Path,
    b: &Path,
    gold: &Path,
    relative: &Path,
    by: &str,
    suggested: bool,
) -> Result<Prepared, String> {
    let (a_page, b_page) = (a.join(relative), b.join(relative));
    let a_document = Document::open(&a_page).map_err(|err| err.to_string())?;
    let b_document = Document::open(&b_page).map_err(|err| err.to_string())?;
    if a_document.source().fingerprint() != b_document.source().fingerprint() {
        return Err(format!(
            "{}: its text differs from {}",
            a_page.display(),
            b_page.display()
        ));
    }
    let mut gold_document = open_gold(a, gold, relative)?;
    if gold_document.source().fingerprint() != a_document.source().fingerprint() {
        return Err(format!(
            "{}: the gold copy's text differs from {}",
            gold.join(relative).display(),
            a_page.display()
        ));
    }
    gold_document.set_author(by);
    let matched = match_page(
        pairs::spans(&a_document, None, suggested),
        pairs::spans(&b_document, None, suggested),
    );
    let commands = agreed_commands(&gold_document, &a_document, &matched);
    let agreed = commands.len();
    if agreed > 0 {
        gold_document
            .apply(Command::Batch(commands))
            .map_err(|err| format!("{}: {err}", gold.join(relative).display()))?;
    }
    Ok(Prepared {
        a: a_document,
        b: b_document,
        matched,
        gold: gold_document,
        agreed,
    })
}

/// What an adjudication run did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Adjudicated {
    /// Pages written to the gold folder.
    pub pages: usize,
    /// Annotations both sides agreed on, newly copied.
    pub agreed: usize,
    /// Disagreements settled.
    pub decided: usize,
    /// Disagreements left open.
    pub open: usize,
    /// Pages left out, one line each naming the file and why.
    pub problems: Vec<String>,
}

/// The folders of an adjudication, and how it decides.
struct Run<'r> {
    a: &'r Path,
    b: &'r Path,
    gold: &'r Path,
    choice: &'r Choice,
    by: &'r str,
    suggested: bool,
}

/// One page: A's and B's documents compared, the gold's updated and saved.
fn adjudicate_page(run: &Run<'_>, relative: &Path, result: &mut Adjudicated) -> Result<(), String> {
    let Prepared {
        a,
        b,
        matched,
        mut gold,
        agreed,
    } = prepare(run.a, run.b, run.gold, relative, run.by, run.suggested)?;
    result.agreed += agreed;
    let gold_page = run.gold.join(relative);
    for disagreement in &matched.disagreements {
        let Some(take) = run.choice.decide(disagreement) else {
            result.open += 1;
            continue;
        };
        // Each decision sees the ones before it on the page.
        let decided = decision_commands(&gold, &a, &b, disagreement, take, run.by);
        gold.apply(Command::Batch(decided))
            .map_err(|err| format!("{}: {err}", gold_page.display()))?;
        result.decided += 1;
    }
    gold.save().map_err(|err| err.to_string())?;
    result.pages += 1;
    Ok(())
}

/// Settles the disagreements between the folders `a` and `b` into `gold` as `choice` says,
/// recorded as decided by `by`; pages that cannot be compared are named in the result and
/// left out.
pub fn adjudicate(
    a: &Path,
    b: &Path,
    gold: &Path,
    choice: &Choice,
    by: &str,
    suggested: bool,
) -> Adjudicated {
    let run = Run {
        a,
        b,
        gold,
        choice,
        by,
        suggested,
    };
    let mut result = Adjudicated::default();
    let (pages, failures) = list(a);
    result.problems.extend(failures);
    for page in pages {
        if !b.join(&page.relative).is_file() {
            result.problems.push(format!(
                "{}: not in {}; left out",
                page.path.display(),
                b.display()
            ));
            continue;
        }
        if let Err(problem) = adjudicate_page(&run, &page.relative, &mut result) {
            result.problems.push(format!("{problem}; left out"));
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::Origin;
    use crate::corpus::agreement::{Sides, agree, load_pairs};
    use crate::text::Span as Range;

    const PAGE: &str =
        "## 新区开工建设\n\n本报讯(记者 林晓舟)澄江区新区今年完成投资12.5亿元,苏念说。\n";

    /// `root/p.txt` tagged with `tags` (label, quote, id).
    fn side(root: &Path, tags: &[(&str, &str, &str)]) {
        std::fs::create_dir_all(root).unwrap();
        let page = root.join("p.txt");
        std::fs::write(&page, PAGE).unwrap();
        let mut document = Document::open(&page).unwrap();
        for &(label, quote, id) in tags {
            let start = document.source().find_all(quote)[0].start;
            let range = Range::new(start, start + quote.chars().count());
            let mut annotation =
                Annotation::new(document.source(), label, range, Origin::Manual, "t");
            annotation.id = AnnotationId(id.to_owned());
            document.apply(Command::Add(annotation)).unwrap();
        }
        document.save().unwrap();
    }

    fn gold_labels(gold: &Path) -> Vec<(String, String, Status, Option<Take>)> {
        let document = Document::open(&gold.join("p.txt")).unwrap();
        document
            .annotations()
            .iter()
            .map(|a| {
                (
                    a.label.clone(),
                    a.quote.clone(),
                    a.status,
                    a.decided.as_ref().map(|d| d.took),
                )
            })
            .collect()
    }

    #[test]
    fn agreed_annotations_go_in_and_each_disagreement_is_settled_as_chosen() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b, gold) = (
            dir.path().join("a"),
            dir.path().join("b"),
            dir.path().join("gold"),
        );
        // Agreed: PER 林晓舟. Label: 澄江区 LOC vs ORG. Missing: METRIC only in A. Extra:
        // PER 苏念 only in B.
        side(
            &a,
            &[
                ("PER", "林晓舟", "A1"),
                ("LOC", "澄江区", "A2"),
                ("METRIC", "12.5亿元", "A3"),
            ],
        );
        side(
            &b,
            &[
                ("PER", "林晓舟", "B1"),
                ("ORG", "澄江区", "B2"),
                ("PER", "苏念", "B3"),
            ],
        );
        let choice = Choice::Take {
            take: Take::B,
            ids: vec!["A2".into()],
        };
        let result = adjudicate(&a, &b, &gold, &choice, "审稿人", false);
        assert_eq!(
            (result.pages, result.agreed, result.decided, result.open),
            (1, 1, 1, 2)
        );
        assert!(result.problems.is_empty(), "{:?}", result.problems);
        use Status::{Accepted, Rejected};
        let expected = |rest: &[(&str, &str, Status, Option<Take>)]| -> Vec<(String, String, Status, Option<Take>)> {
            rest.iter().map(|(l, q, s, t)| ((*l).to_owned(), (*q).to_owned(), *s, *t)).collect()
        };
        assert_eq!(
            gold_labels(&gold),
            expected(&[
                ("PER", "林晓舟", Accepted, None),
                ("LOC", "澄江区", Rejected, Some(Take::B)),
                ("ORG", "澄江区", Accepted, Some(Take::B)),
            ])
        );
        let document = Document::open(&gold.join("p.txt")).unwrap();
        let decided = document.annotations()[2].decided.as_ref().unwrap();
        assert_eq!(decided.by, "审稿人");
        // Deciding again replaces the decision; the rest all go A's way.
        let result = adjudicate(&a, &b, &gold, &Choice::Prefer(Take::A), "审稿人", false);
        assert_eq!((result.agreed, result.decided, result.open), (0, 3, 0));
        assert_eq!(
            gold_labels(&gold),
            expected(&[
                ("PER", "林晓舟", Accepted, None),
                ("LOC", "澄江区", Accepted, Some(Take::A)),
                ("ORG", "澄江区", Rejected, Some(Take::A)),
                ("METRIC", "12.5亿元", Accepted, Some(Take::A)),
                ("PER", "苏念", Rejected, Some(Take::Neither)),
            ])
        );
        // Now the gold agrees with A exactly.
        let (pairs, problems) = load_pairs(&Sides::Folders(a, gold), false);
        assert!(problems.is_empty());
        let agreement = agree(&pairs);
        assert_eq!(agreement.exact.micro.matched, 3);
        assert!(agreement.disagreements.is_empty());
    }
}
