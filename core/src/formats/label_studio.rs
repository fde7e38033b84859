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
use super::output::{Labels, OutFile, Writer, Written, unwritten};
use super::unit::{PageUnits, UnitSpan};
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
                .as_ref()
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
