//! Putting records on pages: each record's page written below the destination (or found
//! there), its labels checked against the folder's tag set (or added to it), its spans
//! made annotations and added as one command, then the document saved as every save is.
//!
//! A span is never moved silently: one that names a page (our JSON Lines) lands where its
//! range was if the page still holds its text there, else where its text and context agree
//! (the re-anchoring sidecars use), else it is refused. A span already on the page — the same
//! id, or the same label on the same range — is refused, so importing twice adds nothing.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::model::{Record, RecordSpan, Refusal, Target};
use super::{ImportProgress, ImportRequest, ImportSummary};
use crate::annotation::anchor::reanchor;
use crate::annotation::model::CONTEXT_CHARS;
use crate::annotation::{
    Anchor, Annotation, AnnotationId, Command, Document, Origin, TagSet, default_author, sidecar,
    tagset,
};
use crate::text::{Source, Span};

/// How a page is reached.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Page {
    /// Its text is a record's: written if not there.
    Write(String),
    /// It is there already: the spans are placed by text and context.
    Onto,
}

/// A page with the records to place on it.
struct Group {
    target: PathBuf,
    page: Page,
    records: Vec<Record>,
}

/// Groups the records by the page they go to, in the order first met.
fn group(into: &Path, records: Vec<Record>, refused: &mut Vec<Refusal>) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut index: HashMap<PathBuf, usize> = HashMap::new();
    for record in records {
        let (relative, page) = match &record.target {
            Target::OntoPage { .. } if into.join(&record.page).is_file() => {
                (record.page.clone(), Page::Onto)
            }
            Target::OntoPage { fallback } => (fallback.clone(), Page::Write(record.text.clone())),
            Target::Own => (record.page.clone(), Page::Write(record.text.clone())),
        };
        let target = into.join(&relative);
        match index.get(&target) {
            Some(&k) if groups[k].page == page || page == Page::Onto => {
                groups[k].records.push(record);
            }
            Some(_) => {
                for span in &record.spans {
                    refused.push(Refusal::new(
                        &record.file,
                        span.line,
                        format!(
                            "{} span: another record already makes {} with other text; left out",
                            span.label,
                            target.display()
                        ),
                    ));
                }
            }
            None => {
                index.insert(target.clone(), groups.len());
                groups.push(Group {
                    target,
                    page,
                    records: vec![record],
                });
            }
        }
    }
    groups
}

/// The tag sets of the pages' folders, with labels added when asked.
#[derive(Default)]
struct Labels {
    sets: HashMap<PathBuf, TagSet>,
    /// Labels no tag set had, with the spans of each.
    unknown: HashMap<String, usize>,
    /// Of those, the labels added to a tag set.
    added: HashSet<String>,
}

impl Labels {
    /// The tag set for `page`, with `wanted` labels added if `add` (and written to the
    /// folder's `tagset.ron`).
    fn for_page(
        &mut self,
        page: &Path,
        wanted: &[&str],
        add: bool,
        summary: &mut ImportSummary,
    ) -> Result<TagSet, String> {
        let folder = page.parent().unwrap_or(Path::new(".")).to_owned();
        let mut set = match self.sets.get(&folder) {
            Some(set) => set.clone(),
            None => TagSet::for_page(page).map_err(|err| err.to_string())?,
        };
        let mut changed = false;
        for &label in wanted {
            if set.get(label).is_some() {
                continue;
            }
            if add && let Some(more) = set.with_entity(label) {
                set = more;
                changed = true;
                self.added.insert(label.to_owned());
            }
        }
        if changed {
            let file = folder.join(tagset::FOLDER_FILE);
            let text = set
                .to_ron()
                .map_err(|err| format!("{}: {err}", file.display()))?;
            std::fs::create_dir_all(&folder)
                .and_then(|()| sidecar::stage(&file, text.as_bytes())?.install())
                .map_err(|err| format!("{}: cannot write the tag set: {err}", file.display()))?;
            if !summary.tagsets_written.contains(&file) {
                summary.tagsets_written.push(file);
            }
        }
        self.sets.insert(folder, set.clone());
        Ok(set)
    }
}

/// Writes the page of a group if it is not there; `Err` refuses the group's spans.
fn write_page(target: &Path, text: &str) -> Result<bool, String> {
    if target.exists() {
        return match Source::load(target) {
            Ok(source) if source.text() == text => Ok(false),
            Ok(_) => Err(format!(
                "{} exists already with other text; import into another folder",
                target.display()
            )),
            Err(err) => Err(err.to_string()),
        };
    }
    if let Some(folder) = target.parent() {
        std::fs::create_dir_all(folder)
            .map_err(|err| format!("{}: cannot make the folder: {err}", folder.display()))?;
    }
    sidecar::stage(target, text.as_bytes())
        .and_then(sidecar::Staged::install)
        .map_err(|err| format!("{}: cannot write the page: {err}", target.display()))?;
    Ok(true)
}

/// The code points of `text` at `span`, and up to [`CONTEXT_CHARS`] each side.
fn context(chars: &[char], span: Span) -> (String, String, String) {
    let before = span.start.saturating_sub(CONTEXT_CHARS);
    let after = (span.end + CONTEXT_CHARS).min(chars.len());
    (
        chars[before..span.start].iter().collect(),
        chars[span.start..span.end].iter().collect(),
        chars[span.end..after].iter().collect(),
    )
}

/// Text without blanks, to compare a span across a rejoined column break with the page.
fn unblanked(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Where a span of a record that names `source`'s page lands on it, if it can be placed.
fn on_page(source: &Source, chars: &[char], span: &RecordSpan) -> Option<Span> {
    let (prefix, quote, suffix) = context(chars, span.span);
    if let Some(hint) = span.page_span
        && hint.end <= source.char_len()
        && !hint.is_empty()
    {
        let there = source.slice(hint);
        if there == quote || unblanked(there) == unblanked(&quote) {
            return Some(hint);
        }
    }
    let hint = span.page_span.unwrap_or(span.span);
    let mut probe = Annotation::new(source, &span.label, Span::new(0, 0), Origin::Manual, "");
    probe.start = hint.start;
    probe.end = hint.end;
    probe.quote = quote;
    probe.prefix = prefix;
    probe.suffix = suffix;
    let mut one = [probe];
    reanchor(source, &mut one);
    let [placed] = one;
    matches!(placed.anchor, Anchor::Exact | Anchor::Moved).then(|| placed.span())
}

/// The annotations of one page, and the spans refused.
struct Built {
    annotations: Vec<Annotation>,
    refused: Vec<Refusal>,
}

fn build(
    request: &ImportRequest,
    document: &Document,
    page: &Page,
    records: &[Record],
    tagset: &TagSet,
    labels: &mut Labels,
) -> Built {
    let source = document.source();
    let mut built = Built {
        annotations: Vec::new(),
        refused: Vec::new(),
    };
    let mut ids: Vec<AnnotationId> = Vec::new();
    let login = default_author();
    for record in records {
        let chars: Vec<char> = record.text.chars().collect();
        for span in &record.spans {
            let refuse = |why: String| {
                Refusal::new(
                    &record.file,
                    span.line,
                    format!("{} span: {why}; left out", span.label),
                )
            };
            if labels.added.contains(&span.label) {
                *labels.unknown.entry(span.label.clone()).or_default() += 1;
            }
            if tagset.get(&span.label).is_none() {
                *labels.unknown.entry(span.label.clone()).or_default() += 1;
                built.refused.push(refuse(format!(
                    "label {} is not in the tag set ({})",
                    span.label,
                    tagset.label_list()
                )));
                continue;
            }
            let range = match page {
                Page::Write(_) => Some(span.span),
                Page::Onto => on_page(source, &chars, span),
            };
            let Some(range) = range else {
                built.refused.push(refuse(format!(
                    "not found on {} as it is now (neither at its range nor by its text and context)",
                    document.name()
                )));
                continue;
            };
            if range.end > source.char_len() || source.slice(range).trim().is_empty() {
                built.refused.push(refuse(format!(
                    "the range {}..{} holds nothing on the page",
                    range.start, range.end
                )));
                continue;
            }
            let id = span.id.clone().map(AnnotationId);
            if let Some(id) = &id
                && (document.contains(id) || ids.contains(id))
            {
                built.refused.push(refuse(format!(
                    "annotation {id} is on the page already (imported before?)"
                )));
                continue;
            }
            let same = document
                .overlapping(range)
                .chain(built.annotations.iter())
                .any(|a| a.span() == range && a.label == span.label);
            if same {
                built.refused.push(refuse(format!(
                    "the page has a {} annotation on {}..{} already",
                    span.label, range.start, range.end
                )));
                continue;
            }
            let author = request
                .author
                .clone()
                .or_else(|| span.author.clone())
                .unwrap_or_else(|| login.clone());
            let origin = span
                .origin
                .clone()
                .unwrap_or_else(|| Origin::Import(request.format.name().to_owned()));
            let mut annotation = Annotation::new(source, &span.label, range, origin, &author);
            if let Some(id) = id {
                ids.push(id.clone());
                annotation.id = id;
            }
            annotation.status = span.status;
            annotation.note.clone_from(&span.note);
            annotation.correction.clone_from(&span.correction);
            annotation.metric = span.metric.clone().map(Box::new);
            built.annotations.push(annotation);
        }
    }
    built
}

/// Places every record, saving each page once.
pub(super) fn place(
    request: &ImportRequest,
    records: Vec<Record>,
    summary: &mut ImportSummary,
    progress: &mut dyn FnMut(ImportProgress),
) {
    let groups = group(&request.into, records, &mut summary.refused);
    let total = groups.len();
    progress(ImportProgress::Placing { done: 0, total });
    let mut labels = Labels::default();
    for (done, group) in groups.into_iter().enumerate() {
        place_group(request, &group, &mut labels, summary);
        progress(ImportProgress::Placing {
            done: done + 1,
            total,
        });
    }
    let mut unknown: Vec<(String, usize)> = labels.unknown.into_iter().collect();
    unknown.sort();
    summary.unknown_labels = unknown;
}

fn refuse_all(group: &Group, why: &str, refused: &mut Vec<Refusal>) {
    for record in &group.records {
        for span in &record.spans {
            refused.push(Refusal::new(
                &record.file,
                span.line,
                format!("{} span: {why}; left out", span.label),
            ));
        }
    }
}

fn place_group(
    request: &ImportRequest,
    group: &Group,
    labels: &mut Labels,
    summary: &mut ImportSummary,
) {
    let mut wanted: Vec<&str> = group
        .records
        .iter()
        .flat_map(|r| r.spans.iter().map(|s| s.label.as_str()))
        .collect();
    wanted.sort_unstable();
    wanted.dedup();
    let tagset = match labels.for_page(&group.target, &wanted, request.add_labels, summary) {
        Ok(set) => set,
        Err(failure) => {
            summary.failures.push(failure);
            return;
        }
    };
    let written = match &group.page {
        Page::Write(text) => match write_page(&group.target, text) {
            Ok(written) => written,
            Err(why) => {
                refuse_all(group, &why, &mut summary.refused);
                return;
            }
        },
        Page::Onto => false,
    };
    let mut document = match Document::open_with_tagset(&group.target, tagset.clone()) {
        Ok(document) => document,
        Err(err) => {
            summary.failures.push(err.to_string());
            refuse_all(group, "its page could not be opened", &mut summary.refused);
            return;
        }
    };
    let built = build(
        request,
        &document,
        &group.page,
        &group.records,
        &tagset,
        labels,
    );
    summary.refused.extend(built.refused);
    let added = built.annotations.len();
    if added > 0 {
        let commands = built.annotations.into_iter().map(Command::Add).collect();
        if let Err(err) = document.apply(Command::Batch(commands)) {
            summary.failures.push(format!(
                "{}: {err}; nothing was added to it",
                group.target.display()
            ));
            return;
        }
        if let Err(err) = document.save() {
            summary.failures.push(err.to_string());
            return;
        }
    }
    summary.spans += added;
    summary.pages_written += usize::from(written);
    if written || added > 0 {
        summary.pages += 1;
    }
}
