//! Reading Label Studio's JSON export (a list of tasks, or one task): each task's
//! `data.text` with the `labels` regions of its `annotations` (accepted) and `predictions`
//! (suggestions), `start` and `end` in code points. Text areas on a region (`note`,
//! `correction`, `metric` as copydesk's config has them) become its note, correction and
//! metric fields.
//!
//! A task exported by copydesk (`data.file`, `data.unit`) becomes its page again
//! (`PAGE.txt` for page units, `PAGE-item-03.txt` for items); any other is named from its
//! `id`, or from the file and its place in it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::jsonl::stem;
use super::model::{Record, RecordSpan, Refusal, Target, checked_span, page_name, relative_page};
use crate::annotation::{Metric, Status};

/// The page a task goes to.
fn page_of(file: &Path, task: &Value, n: usize) -> PathBuf {
    let data = &task["data"];
    if let Some(page) = data["file"].as_str() {
        let page = relative_page(page);
        return match data["item"].as_u64() {
            Some(item) => sibling(&page, &format!("-item-{item:02}.txt")),
            None if data["unit"].as_str().is_some_and(|u| u.ends_with("#other")) => {
                sibling(&page, "-other.txt")
            }
            None => page,
        };
    }
    match &task["id"] {
        Value::Number(id) => page_name(&format!("task-{id}")),
        Value::String(id) => page_name(id),
        _ => page_name(&format!("{}-{n:04}", stem(file))),
    }
}

fn sibling(page: &Path, suffix: &str) -> PathBuf {
    let mut name = page.with_extension("").into_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// Sets what a text area on a region holds.
fn area(span: &mut RecordSpan, name: &str, text: String) {
    match name {
        "note" => span.note = Some(text),
        "correction" => span.correction = Some(text),
        "metric" => {
            let mut metric = Metric::default();
            for line in text.lines() {
                if let Some((field, value)) = line.split_once('=') {
                    // Fields it cannot take are the metric's own business: the span stays.
                    #[expect(
                        clippy::let_underscore_must_use,
                        reason = "a metric field copydesk cannot read leaves that field empty"
                    )]
                    let _ = metric.set_field(field, value);
                }
            }
            span.metric = Some(metric);
        }
        _ => {}
    }
}

/// The spans of one list of results (an annotation's or a prediction's).
fn results(
    file: &Path,
    task: usize,
    chars: &[char],
    results: &[Value],
    status: Status,
    spans: &mut Vec<RecordSpan>,
    refused: &mut Vec<Refusal>,
) {
    let mut by_id: HashMap<String, Vec<usize>> = HashMap::new();
    for result in results.iter().filter(|r| r["type"] == "labels") {
        let value = &result["value"];
        let (Some(start), Some(end)) = (value["start"].as_u64(), value["end"].as_u64()) else {
            refused.push(Refusal::new(
                file,
                0,
                format!("task {task}: a region without start and end, left out: {result}"),
            ));
            continue;
        };
        let (start, end) = (start as usize, end as usize);
        let labels = value["labels"].as_array().cloned().unwrap_or_default();
        for label in labels.iter().filter_map(Value::as_str) {
            match checked_span(chars, start, end, value["text"].as_str()) {
                Ok(range) => {
                    let mut span = RecordSpan::new(0, label, range);
                    span.status = status;
                    span.id = result["id"]
                        .as_str()
                        .filter(|id| id.parse::<ulid::Ulid>().is_ok())
                        .map(str::to_owned);
                    if let Some(id) = result["id"].as_str() {
                        by_id.entry(id.to_owned()).or_default().push(spans.len());
                    }
                    spans.push(span);
                }
                Err(why) => refused.push(Refusal::new(
                    file,
                    0,
                    format!("task {task}: {label} region: {why}; left out"),
                )),
            }
        }
    }
    for result in results.iter().filter(|r| r["type"] == "textarea") {
        let (Some(id), Some(name)) = (result["id"].as_str(), result["from_name"].as_str()) else {
            continue;
        };
        let text: Vec<&str> = result["value"]["text"]
            .as_array()
            .map(|lines| lines.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        for &k in by_id.get(id).into_iter().flatten() {
            area(&mut spans[k], name, text.join("\n"));
        }
    }
}

/// Reads a Label Studio export: a JSON list of tasks, or one task.
pub(crate) fn read(
    file: &Path,
    text: &str,
    refused: &mut Vec<Refusal>,
) -> Result<Vec<Record>, String> {
    let value: Value = serde_json::from_str(text)
        .map_err(|err| format!("{}: not Label Studio JSON: {err}", file.display()))?;
    let tasks = match value {
        Value::Array(tasks) => tasks,
        task @ Value::Object(_) => vec![task],
        _ => {
            return Err(format!(
                "{}: not a list of Label Studio tasks",
                file.display()
            ));
        }
    };
    let mut records = Vec::new();
    for (n, task) in tasks.iter().enumerate() {
        let Some(text) = task["data"]["text"].as_str() else {
            refused.push(Refusal::new(
                file,
                0,
                format!("task {} has no data.text; its regions left out", n + 1),
            ));
            continue;
        };
        let chars: Vec<char> = text.chars().collect();
        let mut spans = Vec::new();
        for (list, status) in [
            ("annotations", Status::Accepted),
            ("predictions", Status::Suggested),
        ] {
            for entry in task[list].as_array().into_iter().flatten() {
                let found = entry["result"].as_array().cloned().unwrap_or_default();
                results(file, n + 1, &chars, &found, status, &mut spans, refused);
            }
        }
        records.push(Record {
            file: file.to_owned(),
            page: page_of(file, task, n + 1),
            text: text.to_owned(),
            target: Target::Own,
            spans,
        });
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Span;

    #[test]
    fn regions_with_their_text_areas_and_predictions() {
        let text = r#"[{"id": 3, "data": {"text": "𠀀水县😀386.2亿元"},
          "annotations": [{"result": [
            {"id": "r1", "from_name": "label", "to_name": "text", "type": "labels",
             "value": {"start": 4, "end": 11, "text": "386.2亿元", "labels": ["METRIC"]}},
            {"id": "r1", "from_name": "metric", "to_name": "text", "type": "textarea",
             "value": {"start": 4, "end": 11, "text": ["value=386.2", "scale=亿", "unit=元"]}},
            {"id": "r2", "from_name": "label", "to_name": "text", "type": "labels",
             "value": {"start": 0, "end": 3, "text": "𠀀水", "labels": ["LOC"]}}]}],
          "predictions": [{"result": [
            {"id": "r3", "from_name": "label", "to_name": "text", "type": "labels",
             "value": {"start": 0, "end": 3, "text": "𠀀水县", "labels": ["LOC"]}}]}]}]"#;
        let mut refused = Vec::new();
        let records = read(Path::new("tasks.json"), text, &mut refused).unwrap();
        assert_eq!(records[0].page, PathBuf::from("task-3.txt"));
        let spans = &records[0].spans;
        assert_eq!(spans.len(), 2);
        let metric = spans[0].metric.as_ref().unwrap();
        assert_eq!(
            (metric.number, metric.scale),
            (Some(38_620_000_000.0), Metric::YI)
        );
        assert_eq!(
            (spans[1].span, spans[1].status),
            (Span::new(0, 3), Status::Suggested)
        );
        assert_eq!(
            refused[0].to_string(),
            "tasks.json: task 1: LOC region: its text \"𠀀水\" does not match its range 0..3, which holds \"𠀀水县\"; left out"
        );
    }
}
