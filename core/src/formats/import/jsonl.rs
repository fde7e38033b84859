//! Reading copydesk's own JSON Lines (`copydesk-export`): each record names the page it was
//! exported from (`source.file`) and where each span was there (`source.spans`), and carries
//! every attribute — id, status, origin, author, note, correction, metric.
//!
//! The spans go back onto the page the record names, below the destination folder, placed by
//! their text and context; when that page is not there, the record's text becomes the page
//! (for page records, the page's own path; for item records, `PAGE-item-03.txt`).

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::model::{
    Record, RecordSpan, Refusal, Target, checked_span, json_lines, page_name, relative_page,
};
use crate::annotation::{Metric, Origin, Status};
use crate::text::Span;

#[derive(Deserialize)]
struct JsonRecord {
    #[serde(default)]
    id: Option<String>,
    text: String,
    #[serde(default)]
    spans: Vec<JsonSpan>,
    #[serde(default)]
    source: Option<JsonSource>,
}

#[derive(Deserialize)]
struct JsonSpan {
    #[serde(default)]
    id: Option<String>,
    start: usize,
    end: usize,
    label: String,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    attributes: Option<JsonAttributes>,
}

#[derive(Deserialize, Default)]
struct JsonAttributes {
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    origin: Option<String>,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    correction: Option<String>,
    #[serde(default)]
    metric: Option<Metric>,
}

#[derive(Deserialize)]
struct JsonSource {
    file: String,
    #[serde(default)]
    unit: Option<String>,
    #[serde(default)]
    item: Option<usize>,
    #[serde(default)]
    spans: Vec<[usize; 2]>,
}

/// An origin as the export writes it (`manual`, `rule:date.period`, `import:brat`).
fn origin(name: &str) -> Option<Origin> {
    match name.split_once(':') {
        None if name == "manual" => Some(Origin::Manual),
        Some(("rule", rule)) => Some(Origin::Rule(rule.to_owned())),
        Some(("import", from)) => Some(Origin::Import(from.to_owned())),
        Some(("model", model)) => Some(Origin::Model(model.to_owned())),
        _ => None,
    }
}

fn status(name: &str) -> Option<Status> {
    match name {
        "accepted" => Some(Status::Accepted),
        "suggested" => Some(Status::Suggested),
        "rejected" => Some(Status::Rejected),
        _ => None,
    }
}

/// Where an item record's text goes when its page is not there: `sub/a01-item-03.txt`.
fn fallback(page: &Path, source: &JsonSource) -> PathBuf {
    let stem = page.with_extension("");
    let suffix = match (source.unit.as_deref(), source.item) {
        (Some("page"), _) => return page.to_owned(),
        (_, Some(item)) => format!("-item-{item:02}.txt"),
        _ => "-other.txt".to_owned(),
    };
    let mut name = stem.into_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// Reads our JSON Lines: one record a line (blank lines skipped).
pub(crate) fn read(file: &Path, text: &str, refused: &mut Vec<Refusal>) -> Vec<Record> {
    let mut records = Vec::new();
    for (line_number, record) in json_lines::<JsonRecord>(file, text, "JSON Lines", refused) {
        let chars: Vec<char> = record.text.chars().collect();
        let mut spans = Vec::new();
        for (n, span) in record.spans.into_iter().enumerate() {
            let page_span = record
                .source
                .as_ref()
                .and_then(|source| source.spans.get(n))
                .map(|&[start, end]| Span::new(start, end));
            match read_span(&chars, span, line_number, page_span) {
                Ok(span) => spans.push(span),
                Err(reason) => refused.push(Refusal::new(file, line_number, reason)),
            }
        }
        let (page, target) = match &record.source {
            Some(source) => {
                let page = relative_page(&source.file);
                let fallback = fallback(&page, source);
                (page, Target::OntoPage { fallback })
            }
            None => (
                page_name(
                    &record
                        .id
                        .unwrap_or_else(|| format!("{}-{line_number:04}", stem(file))),
                ),
                Target::Own,
            ),
        };
        records.push(Record {
            file: file.to_owned(),
            page,
            text: record.text,
            target,
            spans,
        });
    }
    records
}

/// The file's name without its extension, to name the pages made from its records.
pub(crate) fn stem(file: &Path) -> String {
    file.file_stem()
        .map_or_else(|| "record".to_owned(), |s| s.to_string_lossy().into_owned())
}

fn read_span(
    chars: &[char],
    span: JsonSpan,
    line: usize,
    page_span: Option<Span>,
) -> Result<RecordSpan, String> {
    let JsonSpan {
        id,
        start,
        end,
        label,
        text,
        attributes,
    } = span;
    let checked = checked_span(chars, start, end, text.as_deref())
        .map_err(|why| format!("{label} span: {why}; left out"))?;
    let attributes = attributes.unwrap_or_default();
    let status = match attributes.status.as_deref() {
        None => Status::Accepted,
        Some(name) => status(name).ok_or_else(|| {
            format!("{label} span {start}..{end}: unknown status {name:?}; left out")
        })?,
    };
    let mut read = RecordSpan::new(line, &label, checked);
    read.page_span = page_span;
    read.id = id.filter(|id| !id.trim().is_empty());
    read.status = status;
    read.origin = attributes.origin.as_deref().and_then(origin);
    read.author = attributes.author.filter(|a| !a.trim().is_empty());
    read.note = attributes.note;
    read.correction = attributes.correction;
    read.metric = attributes.metric;
    Ok(read)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_names_its_page_and_refuses_spans_that_do_not_match() {
        let line = r#"{"id": "pages/p.txt#2", "text": "𠀀水县😀林舟", "spans": [
            {"id": "01A", "start": 0, "end": 3, "label": "LOC", "text": "𠀀水县",
             "attributes": {"status": "suggested", "origin": "rule:entity.place", "author": "ed",
                            "note": "a\nb", "correction": null, "metric": null}},
            {"id": "01B", "start": 4, "end": 6, "label": "PER", "text": "林𠀀"}],
            "source": {"file": "pages/p.txt", "unit": "item", "item": 2, "spans": [[30, 33], [34, 36]]}}"#
            .replace('\n', " ");
        let mut refused = Vec::new();
        let records = read(Path::new("export.jsonl"), &line, &mut refused);
        assert_eq!(records.len(), 1);
        let record = &records[0];
        assert_eq!(record.page, PathBuf::from("pages/p.txt"));
        assert_eq!(
            record.target,
            Target::OntoPage {
                fallback: PathBuf::from("pages/p-item-02.txt")
            }
        );
        assert_eq!(record.spans.len(), 1);
        let span = &record.spans[0];
        assert_eq!(
            (
                span.id.as_deref(),
                span.status,
                span.page_span,
                span.note.as_deref()
            ),
            (
                Some("01A"),
                Status::Suggested,
                Some(Span::new(30, 33)),
                Some("a\nb")
            )
        );
        assert_eq!(span.origin, Some(Origin::Rule("entity.place".to_owned())));
        assert_eq!(
            refused[0].to_string(),
            "export.jsonl:1: PER span: its text \"林𠀀\" does not match its range 4..6, which holds \"林舟\"; left out"
        );
    }
}
