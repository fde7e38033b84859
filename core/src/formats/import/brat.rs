//! Reading brat standoff: a `.txt` and its `.ann`. The `.txt` becomes the page; each
//! text-bound line (`T3\tLOC 5 8\t𠀀水县`, discontinuous `T4\tORG 10 12;14 19\t新区 建设指挥部`)
//! a span from its first piece to its last, checked piece by piece against the text.
//!
//! What copydesk's own brat export writes comes back: `Status Suggested`, a metric's `Unit`,
//! `Scale`, `Approx` and `Direction` attributes, and the annotator's note with the metric's
//! other fields and the correction (`value=386.2; number=…; correction=，`). Relations,
//! events and normalizations are not spans: each is reported and left out.

use std::collections::HashMap;
use std::path::Path;

use super::model::{Record, RecordSpan, Refusal, Target};
use crate::annotation::{Change, Direction, Metric, Status};
use crate::text::Span;

/// The note's fields that are a metric's, as the export writes them.
const METRIC_FIELDS: [&str; 6] = ["value", "number", "upper", "indicator", "period", "change"];

/// One text-bound line, split: label, pieces and the text it quotes.
fn text_bound(fields: &str, chars: &[char]) -> Result<(String, Span), String> {
    let (kind, quoted) = fields
        .split_once('\t')
        .ok_or("no tab before the quoted text")?;
    let (label, offsets) = kind.split_once(' ').ok_or("no offsets after the label")?;
    let mut pieces = Vec::new();
    for piece in offsets.split(';') {
        let (start, end) = piece
            .trim()
            .split_once(' ')
            .and_then(|(s, e)| Some((s.parse::<usize>().ok()?, e.parse::<usize>().ok()?)))
            .ok_or_else(|| format!("the offsets {offsets:?} are not numbers"))?;
        if start >= end || end > chars.len() {
            return Err(format!(
                "{label} span: the range {start}..{end} does not fit its text ({} characters); left out",
                chars.len()
            ));
        }
        pieces.push(Span::new(start, end));
    }
    let text: Vec<String> = pieces
        .iter()
        .map(|p| chars[p.start..p.end].iter().collect())
        .collect();
    let text = text.join(" ");
    if text != quoted {
        return Err(format!(
            "{label} span: its text {quoted:?} does not match its range {offsets}, which holds {text:?}; left out"
        ));
    }
    let (Some(first), Some(last)) = (pieces.first(), pieces.last()) else {
        return Err(format!("{label} span has no offsets; left out"));
    };
    Ok((label.to_owned(), Span::new(first.start, last.end)))
}

/// A span's metric, created when the first of its fields is met.
fn metric(span: &mut RecordSpan) -> &mut Metric {
    span.metric.get_or_insert_with(Metric::default)
}

/// Sets an attribute line's value (`A2\tScale T7 亿`) on its span.
fn attribute(span: &mut RecordSpan, name: &str, value: &str) {
    match name {
        "Status" if value == "Suggested" => span.status = Status::Suggested,
        "Unit" => metric(span).unit = Some(value.to_owned()),
        "Scale" => {
            let metric = metric(span);
            let number = metric.number;
            if metric.set_field("scale", value).is_ok() {
                metric.number = number;
            }
        }
        "Approx" => metric(span).approx = Some(value.to_owned()),
        "Direction" => {
            let direction = match value {
                "Up" => Direction::Up,
                "Down" => Direction::Down,
                _ => Direction::Unknown,
            };
            metric(span)
                .change
                .get_or_insert_with(Change::default)
                .direction = direction;
        }
        _ => {}
    }
}

/// Reads an annotator's note back into the note, the metric's fields and the correction.
fn note(span: &mut RecordSpan, text: &str) {
    let mut free = Vec::new();
    for part in text.split("; ") {
        let field = part
            .split_once('=')
            .filter(|(name, _)| METRIC_FIELDS.contains(name) || *name == "correction");
        match field {
            Some(("correction", value)) => span.correction = Some(value.to_owned()),
            Some(("value", value)) => value.clone_into(&mut metric(span).value),
            Some(("number", value)) => metric(span).number = value.parse().ok(),
            Some(("upper", value)) => metric(span).upper = value.parse().ok(),
            Some(("indicator", value)) => metric(span).indicator = Some(value.to_owned()),
            Some(("period", value)) => metric(span).period = Some(value.to_owned()),
            Some(("change", value)) => {
                let (phrase, figure) = value.rsplit_once(' ').unwrap_or((value, ""));
                let change = metric(span).change.get_or_insert_with(Change::default);
                phrase.clone_into(&mut change.phrase);
                figure.clone_into(&mut change.figure);
            }
            _ => free.push(part),
        }
    }
    if !free.is_empty() {
        span.note = Some(free.join("; "));
    }
}

/// Reads the `.ann` of a page whose text is `text`; `page` is where the page goes.
pub(crate) fn read(
    ann_file: &Path,
    ann: &str,
    text: String,
    page: &Path,
    refused: &mut Vec<Refusal>,
) -> Record {
    let chars: Vec<char> = text.chars().collect();
    let mut spans: Vec<RecordSpan> = Vec::new();
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    for (k, line) in ann.lines().enumerate() {
        let line_number = k + 1;
        let Some((id, rest)) = line.split_once('\t') else {
            continue;
        };
        match id.chars().next() {
            Some('T') => match text_bound(rest, &chars) {
                Ok((label, range)) => {
                    by_id.insert(id, spans.len());
                    spans.push(RecordSpan::new(line_number, &label, range));
                }
                Err(reason) => refused.push(Refusal::new(ann_file, line_number, reason)),
            },
            Some('A' | 'M') => {
                let mut words = rest.split(' ');
                let (name, target, value) = (words.next(), words.next(), words.next());
                if let (Some(name), Some(&k)) = (name, target.and_then(|t| by_id.get(t))) {
                    attribute(&mut spans[k], name, value.unwrap_or_default());
                }
            }
            Some('#') => {
                let Some((kind, note_text)) = rest.split_once('\t') else {
                    continue;
                };
                let target = kind.strip_prefix("AnnotatorNotes ").map(str::trim);
                if let Some(&k) = target.and_then(|t| by_id.get(t)) {
                    note(&mut spans[k], note_text);
                }
            }
            Some('R' | 'E' | 'N' | '*') => refused.push(Refusal::new(
                ann_file,
                line_number,
                "a relation, event or normalization: only text-bound spans are imported; left out",
            )),
            _ => refused.push(Refusal::new(
                ann_file,
                line_number,
                format!("{line:?} is no brat annotation line; left out"),
            )),
        }
    }
    Record {
        file: ann_file.to_owned(),
        page: page.to_owned(),
        text,
        target: Target::Own,
        spans,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_attributes_and_notes_come_back() {
        let text = "𠀀水县完成386.2亿元\n\n新区\n建设指挥部".to_owned();
        let ann = "T1\tLOC 0 3\t𠀀水县
T2\tMETRIC 5 12\t386.2亿元
A1\tUnit T2 元
A2\tScale T2 亿
A3\tDirection T2 Up
#1\tAnnotatorNotes T2\t核对 数字; value=386.2; number=38620000000; change=同比增长 6.8%
T3\tORG 14 16;17 22\t新区 建设指挥部
A4\tStatus T3 Suggested
T4\tPER 0 2\t𠀀县
R1\tPart Arg1:T1 Arg2:T3
";
        let mut refused = Vec::new();
        let record = read(
            Path::new("p.ann"),
            ann,
            text,
            Path::new("p.txt"),
            &mut refused,
        );
        assert_eq!(record.spans.len(), 3);
        let figure = &record.spans[1];
        let metric = figure.metric.as_ref().unwrap();
        assert_eq!(
            (
                metric.value.as_str(),
                metric.number,
                metric.scale,
                metric.unit.as_deref()
            ),
            ("386.2", Some(38_620_000_000.0), Metric::YI, Some("元"))
        );
        let change = metric.change.as_ref().unwrap();
        assert_eq!(
            (
                change.phrase.as_str(),
                change.figure.as_str(),
                change.direction
            ),
            ("同比增长", "6.8%", Direction::Up)
        );
        assert_eq!(figure.note.as_deref(), Some("核对 数字"));
        assert_eq!(
            (record.spans[2].span, record.spans[2].status),
            (Span::new(14, 22), Status::Suggested)
        );
        let said: Vec<String> = refused.iter().map(ToString::to_string).collect();
        assert_eq!(
            said,
            [
                "p.ann:9: PER span: its text \"𠀀县\" does not match its range 0 2, which holds \"𠀀水\"; left out",
                "p.ann:10: a relation, event or normalization: only text-bound spans are imported; left out"
            ]
        );
    }
}
