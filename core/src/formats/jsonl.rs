//! `jsonl`: one JSON object per unit in `export.jsonl`, for training scripts (Hugging Face
//! `datasets`, spaCy, doccano).
//!
//! Each line holds the unit's `text`, its `sections` (the range of every element), its `spans`
//! with their attributes, the `source` (page file, item, and each span's range in the page) and
//! a doccano-style `label` list. Every offset is a code point into `text`, and every span's
//! `text` is `text[start:end]`. Fields are always present (`null` when empty), so that every
//! line has the same shape.

use std::path::Path;

use serde::Serialize;

use super::model::{PageUnits, Unit, UnitSpan};
use super::output::{OutFile, Writer, Written, unwritten};
use crate::annotation::{Annotation, Metric};

/// Name of the format, in every line.
pub const FORMAT: &str = "copydesk-export";
/// Version of the format.
pub const VERSION: u32 = 1;
/// The file written under the output folder.
pub const FILE: &str = "export.jsonl";

/// One line of `export.jsonl`.
#[derive(Serialize)]
struct Record<'a> {
    format: &'static str,
    version: u32,
    /// `FILE#ITEM`, `FILE#other` or `FILE`.
    id: String,
    text: &'a str,
    sections: Vec<SectionJson>,
    spans: Vec<SpanJson<'a>>,
    source: SourceJson<'a>,
    /// doccano: `[[start, end, "LABEL"], …]`.
    label: Vec<(usize, usize, &'a str)>,
}

#[derive(Serialize)]
struct SectionJson {
    pane: &'static str,
    item: usize,
    start: usize,
    end: usize,
}

/// A span, with the attributes a researcher filters or trains on.
#[derive(Serialize)]
pub(super) struct SpanJson<'a> {
    id: &'a str,
    start: usize,
    end: usize,
    label: &'a str,
    text: &'a str,
    attributes: Attributes<'a>,
}

/// An annotation's attributes, as every JSON format writes them.
#[derive(Serialize)]
pub(super) struct Attributes<'a> {
    status: &'static str,
    origin: String,
    author: &'a str,
    note: Option<&'a str>,
    correction: Option<&'a str>,
    metric: Option<&'a Metric>,
}

impl<'a> Attributes<'a> {
    /// The attributes of `annotation`.
    pub(super) fn of(annotation: &'a Annotation) -> Self {
        Self {
            status: annotation.status.name(),
            origin: annotation.origin.to_string(),
            author: &annotation.author,
            note: annotation.note.as_deref(),
            correction: annotation.correction.as_deref(),
            metric: annotation.metric.as_deref(),
        }
    }
}

#[derive(Serialize)]
struct SourceJson<'a> {
    file: &'a str,
    /// `item`, `other` or `page`.
    unit: &'static str,
    item: Option<usize>,
    /// Each span's range in the page, in the order of `spans`.
    spans: Vec<[usize; 2]>,
}

/// The record id of a unit: `FILE#ITEM`, `FILE#other` or `FILE`.
pub(super) fn unit_id(file: &str, unit: &Unit<'_>) -> String {
    match unit.name {
        super::UnitName::Item(n) => format!("{file}#{n}"),
        super::UnitName::Other => format!("{file}#other"),
        super::UnitName::Page => file.to_owned(),
    }
}

impl<'a> SpanJson<'a> {
    fn of(span: &'a UnitSpan<'a>) -> Self {
        Self {
            id: &span.annotation.id.0,
            start: span.span.start,
            end: span.span.end,
            label: &span.annotation.label,
            text: &span.text,
            attributes: Attributes::of(span.annotation),
        }
    }
}

/// Collects the lines of `export.jsonl`.
#[derive(Default)]
pub struct Jsonl {
    lines: Vec<u8>,
    /// Set if a record could not be serialized (it cannot happen with these types).
    error: Option<String>,
}

impl Writer for Jsonl {
    fn page(
        &mut self,
        page: &PageUnits<'_>,
        _relative: &Path,
        _files: &mut Vec<OutFile>,
    ) -> Written {
        let mut written = Written::default();
        for unit in &page.units {
            let record = Record {
                format: FORMAT,
                version: VERSION,
                id: unit_id(&page.file, unit),
                text: &unit.text,
                sections: unit
                    .sections
                    .iter()
                    .map(|section| SectionJson {
                        pane: section.pane.name(),
                        item: section.item,
                        start: section.span.start,
                        end: section.span.end,
                    })
                    .collect(),
                spans: unit.spans.iter().map(SpanJson::of).collect(),
                source: SourceJson {
                    file: &page.file,
                    unit: unit.name.kind(),
                    item: unit.name.item(),
                    spans: unit
                        .spans
                        .iter()
                        .map(|span| [span.annotation.start, span.annotation.end])
                        .collect(),
                },
                label: unit
                    .spans
                    .iter()
                    .map(|span| {
                        (
                            span.span.start,
                            span.span.end,
                            span.annotation.label.as_str(),
                        )
                    })
                    .collect(),
            };
            match serde_json::to_writer(&mut self.lines, &record) {
                Ok(()) => self.lines.push(b'\n'),
                Err(err) => self.error = Some(err.to_string()),
            }
            written.units += 1;
            written.spans += unit.spans.len();
        }
        written
    }

    fn finish(self: Box<Self>, files: &mut Vec<OutFile>) -> Vec<String> {
        files.push(OutFile::shared(FILE, self.lines));
        unwritten(FILE, self.error)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::super::fixture::{fixture, slice};
    use super::super::{Format, UnitKind};

    fn records(text: &str) -> Vec<Value> {
        text.lines()
            .map(|line| serde_json::from_str(line).unwrap())
            .collect()
    }

    /// (start, end, label, text) of every span, after checking that each span's text is the
    /// record's text at its range and that doccano's `label` says the same.
    fn spans(record: &Value) -> Vec<(u64, u64, String, String)> {
        let text = record["text"].as_str().unwrap();
        let spans: Vec<(u64, u64, String, String)> = record["spans"]
            .as_array()
            .unwrap()
            .iter()
            .map(|span| {
                let (start, end) = (
                    span["start"].as_u64().unwrap(),
                    span["end"].as_u64().unwrap(),
                );
                let quoted = span["text"].as_str().unwrap().to_owned();
                assert_eq!(slice(text, start as usize, end as usize), quoted);
                (
                    start,
                    end,
                    span["label"].as_str().unwrap().to_owned(),
                    quoted,
                )
            })
            .collect();
        let doccano: Vec<(u64, u64, String)> = record["label"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| {
                (
                    l[0].as_u64().unwrap(),
                    l[1].as_u64().unwrap(),
                    l[2].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        let expected: Vec<(u64, u64, String)> = spans
            .iter()
            .map(|(s, e, l, _)| (*s, *e, l.clone()))
            .collect();
        assert_eq!(doccano, expected);
        spans
    }

    fn owned(spans: &[(u64, u64, &str, &str)]) -> Vec<(u64, u64, String, String)> {
        spans
            .iter()
            .map(|&(s, e, l, t)| (s, e, l.to_owned(), t.to_owned()))
            .collect()
    }

    #[test]
    fn one_record_per_item_with_offsets_in_code_points() {
        let fixture = fixture();
        let summary = fixture.export(Format::Jsonl, UnitKind::Item, false);
        assert_eq!(
            (summary.pages, summary.units, summary.spans, summary.files),
            (1, 4, 16, 1)
        );
        let records = records(&fixture.read("export.jsonl"));
        let file = fixture.page.display().to_string();
        let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
        assert_eq!(
            ids,
            [
                format!("{file}#2"),
                format!("{file}#3"),
                format!("{file}#4"),
                format!("{file}#other")
            ]
        );
        let story = &records[0];
        assert_eq!(
            story["text"],
            "稳增长 促发展\n𠀀水县：新区😀建设提速\n本报讯(记者 林𠀀舟 通讯员 苏念)\n前三季度,𠀀水县统计局发布数据,全县地区生产总值完成386.2亿元,同比增长6.8%。😀城南新区建设指挥部加快推进。"
        );
        assert_eq!(
            spans(story),
            owned(&[
                (8, 11, "LOC", "𠀀水县"),
                (27, 30, "PER", "林𠀀舟"),
                (43, 44, "CORR", ","),
                (44, 47, "LOC", "𠀀水县"),
                (44, 50, "ORG", "𠀀水县统计局"),
                (57, 72, "NOTE", "地区生产总值完成386.2亿元"),
                (65, 72, "METRIC", "386.2亿元"),
                (83, 87, "LOC", "城南新区"),
                (85, 92, "ORG", "新区建设指挥部"),
            ])
        );
        let sections: Vec<(&str, u64, u64)> = story["sections"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                (
                    s["pane"].as_str().unwrap(),
                    s["start"].as_u64().unwrap(),
                    s["end"].as_u64().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            sections,
            [
                ("kicker", 0, 7),
                ("headline", 8, 19),
                ("byline", 20, 38),
                ("body", 39, 97)
            ]
        );
        // Back into the page: the span across the column break covers the break's blank lines.
        assert_eq!(story["source"]["item"], 2);
        assert_eq!(story["source"]["spans"][8], serde_json::json!([109, 118]));
        assert_eq!(story["source"]["spans"][0], serde_json::json!([32, 35]));
        let note = &story["spans"][5]["attributes"];
        assert_eq!(note["note"], "核对\n数字");
        assert_eq!(note["status"], "accepted");
        assert_eq!(note["author"], "editor");
        let metric = &story["spans"][6]["attributes"]["metric"];
        assert_eq!(
            (
                &metric["value"],
                &metric["number"],
                &metric["scale"],
                &metric["unit"]
            ),
            (
                &Value::from("386.2"),
                &Value::from(38_620_000_000.0),
                &Value::from(100_000_000),
                &Value::from("元")
            )
        );
        assert_eq!(metric["change"]["direction"], "Up");
        assert_eq!(story["spans"][2]["attributes"]["correction"], "，");

        assert_eq!(
            spans(&records[1]),
            owned(&[
                (9, 11, "ORG", "甲乙"),
                (9, 11, "PER", "甲乙"),
                (13, 15, "LOC", "丙丁"),
                (14, 16, "LOC", "丁戊")
            ])
        );
        assert_eq!(
            spans(&records[2]),
            owned(&[(2, 7, "LOC", "𠀀水县新区"), (17, 20, "PER", "林𠀀舟")])
        );
        let other = &records[3];
        assert_eq!(other["text"], "𠀀水日报\u{3000}2026年11月20日\u{3000}第1版");
        assert_eq!(spans(other), owned(&[(0, 2, "LOC", "𠀀水")]));
        assert_eq!(other["source"]["unit"], "other");
        assert_eq!(other["source"]["item"], Value::Null);
    }

    #[test]
    fn page_records_hold_the_page_and_suggestions_when_asked() {
        let fixture = fixture();
        let summary = fixture.export(Format::Jsonl, UnitKind::Page, true);
        assert_eq!((summary.units, summary.spans), (1, 17));
        let records = records(&fixture.read("export.jsonl"));
        let page = &records[0];
        assert_eq!(page["text"], super::super::fixture::PAGE);
        let spans = spans(page);
        assert!(spans.contains(&(63, 67, "DATE".to_owned(), "前三季度".to_owned())));
        assert!(spans.contains(&(109, 118, "ORG".to_owned(), "新区\n\n建设指挥部".to_owned())));
        assert!(
            !spans.iter().any(|(_, _, _, text)| text == "苏念"),
            "rejected"
        );
        let date = page["spans"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["label"] == "DATE")
            .unwrap();
        assert_eq!(date["attributes"]["status"], "suggested");
        assert_eq!(date["attributes"]["origin"], "rule:date.period");
    }
}
