//! `label-studio`: `tasks.json`, one task per unit, and `config.xml`, the labelling config
//! made from the tag set, for importing into Label Studio with the spans in place.
//!
//! Accepted annotations are the task's `annotations`, suggestions its `predictions`; each
//! span is a `labels` region with `start`, `end` (code points into `data.text`, as Label
//! Studio stores them) and `text`. A note, a correction and a metric's fields are per-region
//! text areas (`note`, `correction`, `metric`) on the same region id.

use std::path::Path;

use serde::Serialize;
use serde_json::{Value, json};

use super::jsonl::unit_id;
use super::model::{PageUnits, UnitSpan};
use super::output::{Labels, OutFile, Writer, Written, unwritten};
use crate::annotation::{Metric, Status};

/// The tasks file under the output folder.
pub const TASKS: &str = "tasks.json";
/// The labelling config under the output folder.
pub const CONFIG: &str = "config.xml";

/// Collects the tasks and the labels met.
#[derive(Default)]
pub struct LabelStudio {
    /// The tasks so far, each on a line of its own, separated by commas.
    tasks: Vec<u8>,
    labels: Labels,
    /// Set if a task could not be serialized (these types cannot fail).
    error: Option<String>,
}

#[derive(Serialize)]
struct Task<'a> {
    data: TaskData<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    annotations: Vec<Value>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    predictions: Vec<Value>,
}

#[derive(Serialize)]
struct TaskData<'a> {
    text: &'a str,
    /// `FILE#ITEM`, `FILE#other` or `FILE`, as the JSON Lines record id.
    unit: String,
    file: &'a str,
    item: Option<usize>,
}

/// The fields of a metric as lines for its text area (`unit=元`).
fn metric_lines(metric: &Metric) -> Vec<String> {
    Metric::FIELDS
        .iter()
        .map(|&name| (name, metric.field(name)))
        .filter(|(_, value)| !value.is_empty())
        .map(|(name, value)| format!("{name}={value}"))
        .collect()
}

/// The regions of one span: its label, then a text area for each of note, correction and
/// metric it has.
fn regions(span: &UnitSpan<'_>, results: &mut Vec<Value>) {
    let annotation = span.annotation;
    let (id, start, end) = (&annotation.id.0, span.span.start, span.span.end);
    results.push(json!({
        "id": id, "from_name": "label", "to_name": "text", "type": "labels",
        "value": {"start": start, "end": end, "text": span.text, "labels": [annotation.label]},
    }));
    let areas = [
        ("note", annotation.note.iter().cloned().collect::<Vec<_>>()),
        (
            "correction",
            annotation.correction.iter().cloned().collect(),
        ),
        (
            "metric",
            annotation
                .metric
                .as_deref()
                .map(metric_lines)
                .unwrap_or_default(),
        ),
    ];
    for (name, text) in areas {
        if !text.is_empty() {
            results.push(json!({
                "id": id, "from_name": name, "to_name": "text", "type": "textarea",
                "value": {"start": start, "end": end, "text": text},
            }));
        }
    }
}

/// Characters XML needs escaped in an attribute.
fn xml_attribute(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            _ => escaped.push(c),
        }
    }
    escaped
}

impl LabelStudio {
    fn config(&self) -> String {
        let mut xml = String::from("<View>\n  <Labels name=\"label\" toName=\"text\">\n");
        for entry in self.labels.entries() {
            xml.push_str(&format!(
                "    <Label value=\"{}\"",
                xml_attribute(&entry.label)
            ));
            if let Some(colour) = &entry.colour {
                xml.push_str(&format!(" background=\"{}\"", xml_attribute(colour)));
            }
            if let Some((zh, en)) = &entry.names {
                xml.push_str(&format!(
                    " hint=\"{}\"",
                    xml_attribute(&format!("{zh} {en}"))
                ));
            }
            xml.push_str("/>\n");
        }
        xml.push_str(concat!(
            "  </Labels>\n",
            "  <Text name=\"text\" value=\"$text\"/>\n",
            "  <View visibleWhen=\"region-selected\">\n",
            "    <Header value=\"Note\"/>\n",
            "    <TextArea name=\"note\" toName=\"text\" perRegion=\"true\" editable=\"true\"/>\n",
            "    <Header value=\"Correction\"/>\n",
            "    <TextArea name=\"correction\" toName=\"text\" perRegion=\"true\" editable=\"true\"/>\n",
            "    <Header value=\"Metric\"/>\n",
            "    <TextArea name=\"metric\" toName=\"text\" perRegion=\"true\" editable=\"true\"/>\n",
            "  </View>\n",
            "</View>\n",
        ));
        xml
    }
}

impl Writer for LabelStudio {
    fn page(
        &mut self,
        page: &PageUnits<'_>,
        _relative: &Path,
        _files: &mut Vec<OutFile>,
    ) -> Written {
        self.labels.add_page(page);
        let mut written = Written::default();
        for unit in &page.units {
            let (mut accepted, mut suggested) = (Vec::new(), Vec::new());
            for span in &unit.spans {
                let results = if span.annotation.status == Status::Suggested {
                    &mut suggested
                } else {
                    &mut accepted
                };
                regions(span, results);
            }
            let task = Task {
                data: TaskData {
                    text: &unit.text,
                    unit: unit_id(&page.file, unit),
                    file: &page.file,
                    item: unit.name.item(),
                },
                annotations: if accepted.is_empty() {
                    Vec::new()
                } else {
                    vec![json!({"result": accepted})]
                },
                predictions: if suggested.is_empty() {
                    Vec::new()
                } else {
                    vec![json!({"model_version": "copydesk-suggest", "result": suggested})]
                },
            };
            if !self.tasks.is_empty() {
                self.tasks.extend_from_slice(b",\n");
            }
            if let Err(err) = serde_json::to_writer(&mut self.tasks, &task) {
                self.error = Some(err.to_string());
            }
            written.units += 1;
            written.spans += unit.spans.len();
        }
        written
    }

    fn finish(self: Box<Self>, files: &mut Vec<OutFile>) -> Vec<String> {
        let mut tasks = b"[\n".to_vec();
        tasks.extend_from_slice(&self.tasks);
        tasks.extend_from_slice(b"\n]\n");
        let config = self.config().into_bytes();
        files.push(OutFile::shared(TASKS, tasks));
        files.push(OutFile::shared(CONFIG, config));
        unwritten(TASKS, self.error)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::super::fixture::{fixture, slice};
    use super::super::{Format, UnitKind};

    /// (label, start, end, text) of the labels regions of `results`, checking each against
    /// the task's text.
    fn labels(text: &str, results: &Value) -> Vec<(String, u64, u64, String)> {
        results
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["type"] == "labels")
            .map(|r| {
                let value = &r["value"];
                let (start, end) = (
                    value["start"].as_u64().unwrap(),
                    value["end"].as_u64().unwrap(),
                );
                let quoted = value["text"].as_str().unwrap().to_owned();
                assert_eq!(slice(text, start as usize, end as usize), quoted);
                assert_eq!(
                    (&r["from_name"], &r["to_name"]),
                    (&json!("label"), &json!("text"))
                );
                (
                    value["labels"][0].as_str().unwrap().to_owned(),
                    start,
                    end,
                    quoted,
                )
            })
            .collect()
    }

    #[test]
    fn tasks_with_annotations_predictions_and_per_region_text_areas() {
        let fixture = fixture();
        let summary = fixture.export(Format::LabelStudio, UnitKind::Item, true);
        assert_eq!((summary.units, summary.spans, summary.files), (4, 17, 2));
        let tasks: Value = serde_json::from_str(&fixture.read("tasks.json")).unwrap();
        let tasks = tasks.as_array().unwrap();
        assert_eq!(tasks.len(), 4);
        let story = &tasks[0];
        let text = story["data"]["text"].as_str().unwrap();
        assert_eq!(story["data"]["item"], 2);
        let accepted = labels(text, &story["annotations"][0]["result"]);
        assert_eq!(accepted.len(), 9);
        assert_eq!(
            accepted[8],
            ("ORG".to_owned(), 85, 92, "新区建设指挥部".to_owned())
        );
        let predicted = labels(text, &story["predictions"][0]["result"]);
        assert_eq!(
            predicted,
            [("DATE".to_owned(), 39, 43, "前三季度".to_owned())]
        );
        let areas: Vec<(&str, &Value)> = story["annotations"][0]["result"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["type"] == "textarea")
            .map(|r| (r["from_name"].as_str().unwrap(), &r["value"]["text"]))
            .collect();
        assert_eq!(
            areas,
            [
                ("correction", &json!(["，"])),
                ("note", &json!(["核对\n数字"])),
                (
                    "metric",
                    &json!([
                        "value=386.2",
                        "scale=亿",
                        "unit=元",
                        "indicator=地区生产总值",
                        "period=前三季度",
                        "change=同比增长",
                        "change-figure=6.8%"
                    ])
                ),
            ]
        );
        assert!(
            tasks[1].get("predictions").is_none(),
            "no suggestions there"
        );
        let config = fixture.read("config.xml");
        assert!(
            config.starts_with(
                "<View>\n  <Labels name=\"label\" toName=\"text\">\n    <Label value=\"PER\" background=\"#d6336c\" hint=\"人名 Person\"/>\n"
            ),
            "{config}"
        );
        assert!(config.contains("<Text name=\"text\" value=\"$text\"/>"));
    }
}
