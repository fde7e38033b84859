//! Reading doccano's sequence-labelling JSON Lines: one object a line with its `text` and
//! its spans, as `label: [[start, end, "LABEL"], …]` (the older export) or
//! `entities: [{"start_offset": …, "end_offset": …, "label": …}, …]` (the newer one).
//! Each record becomes a page named from its `id`, or from the file and the line.

use std::path::Path;

use serde::Deserialize;
use serde_json::Value;

use super::jsonl::stem;
use super::model::{Record, RecordSpan, Refusal, Target, checked_span, json_lines, page_name};

#[derive(Deserialize)]
struct DoccanoRecord {
    #[serde(default)]
    id: Option<Value>,
    text: String,
    #[serde(default, alias = "labels")]
    label: Vec<(usize, usize, String)>,
    #[serde(default)]
    entities: Vec<Entity>,
}

#[derive(Deserialize)]
struct Entity {
    start_offset: usize,
    end_offset: usize,
    label: String,
}

/// Reads a doccano file: one record a line.
pub(crate) fn read(file: &Path, text: &str, refused: &mut Vec<Refusal>) -> Vec<Record> {
    let mut records = Vec::new();
    for (line_number, record) in json_lines::<DoccanoRecord>(file, text, "doccano", refused) {
        let chars: Vec<char> = record.text.chars().collect();
        let pairs = record.label.into_iter().chain(
            record
                .entities
                .into_iter()
                .map(|e| (e.start_offset, e.end_offset, e.label)),
        );
        let mut spans = Vec::new();
        for (start, end, label) in pairs {
            match checked_span(&chars, start, end, None) {
                Ok(span) => spans.push(RecordSpan::new(line_number, &label, span)),
                Err(why) => refused.push(Refusal::new(
                    file,
                    line_number,
                    format!("{label} span: {why}; left out"),
                )),
            }
        }
        let name = match record.id {
            Some(Value::String(id)) => id,
            Some(Value::Number(id)) => id.to_string(),
            _ => format!("{}-{line_number:04}", stem(file)),
        };
        records.push(Record {
            file: file.to_owned(),
            page: page_name(&name),
            text: record.text,
            target: Target::Own,
            spans,
        });
    }
    records
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::text::Span;

    #[test]
    fn both_shapes_of_doccano_are_read() {
        let text = concat!(
            "{\"id\": 7, \"text\": \"𠀀水县😀林舟\", \"label\": [[0, 3, \"LOC\"], [4, 9, \"PER\"]]}\n",
            "\n",
            "{\"text\": \"甲乙\", \"entities\": [{\"id\": 1, \"start_offset\": 0, \"end_offset\": 2, \"label\": \"ORG\"}]}\n",
        );
        let mut refused = Vec::new();
        let records = read(Path::new("d/all.jsonl"), text, &mut refused);
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].page, PathBuf::from("7.txt"));
        assert_eq!(records[1].page, PathBuf::from("all-0003.txt"));
        assert_eq!(records[0].spans.len(), 1);
        assert_eq!(records[0].spans[0].span, Span::new(0, 3));
        assert_eq!(records[1].spans[0].label, "ORG");
        assert_eq!(
            refused[0].to_string(),
            "d/all.jsonl:1: PER span: the range 4..9 runs past the end of its text (6 characters); left out"
        );
    }
}
