//! `brat`: a `.txt` and an `.ann` file per unit, with `annotation.conf` and `visual.conf` made
//! from the tag set, for the brat annotation tool and the programs that read its standoff
//! files.
//!
//! Item units go to `PAGE/item-03.txt` (and `PAGE/other.txt`) beside where the page was,
//! page units to `PAGE.txt`. Each annotation is a text-bound line `T1\tLOC 5 8\t澄江区`; one
//! that crosses a line break or, in page units, a rejoined column break is discontinuous
//! (`T2\tORG 10 14;16 19\t…`, the pieces' texts joined by a space, as brat writes them).
//! A suggestion has the attribute `Status` `Suggested`; a metric's unit, scale, approximation
//! and change direction are attributes (`A3\tUnit T2 元`) and its free-text fields, the note
//! and the correction go into the annotator's note (`#1\tAnnotatorNotes T2\t…`).

use std::path::{Path, PathBuf};

use super::model::{PageUnits, Unit, UnitName, UnitSpan};
use super::output::{Labels, OutFile, Writer, Written, page_stem};
use crate::annotation::{Annotation, Direction, Status};
use crate::text::Span;

/// The attributes written as attribute lines, in `annotation.conf` order.
const ATTRIBUTES: [&str; 5] = ["Status", "Unit", "Scale", "Approx", "Direction"];

/// Collects the documents, the labels and the attribute values met.
#[derive(Default)]
pub struct Brat {
    labels: Labels,
    /// For each of [`ATTRIBUTES`], the values met, in order.
    values: [Vec<String>; 5],
}

/// An attribute value as brat can hold it: one word.
fn word(value: &str) -> String {
    value
        .trim()
        .chars()
        .map(|c| {
            if c.is_whitespace() || c == '|' || c == ',' {
                '_'
            } else {
                c
            }
        })
        .collect()
}

/// A note as one line.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The attribute values of an annotation, by index into [`ATTRIBUTES`].
fn attributes(annotation: &Annotation) -> Vec<(usize, String)> {
    let mut values = Vec::new();
    if annotation.status == Status::Suggested {
        values.push((0, "Suggested".to_owned()));
    }
    if let Some(metric) = &annotation.metric {
        if let Some(unit) = metric.unit.as_deref().filter(|u| !u.trim().is_empty()) {
            values.push((1, word(unit)));
        }
        if metric.scale > 1 {
            values.push((2, word(&metric.field("scale"))));
        }
        if let Some(approx) = metric.approx.as_deref().filter(|a| !a.trim().is_empty()) {
            values.push((3, word(approx)));
        }
        if let Some(change) = &metric.change {
            let direction = match change.direction {
                Direction::Up => "Up",
                Direction::Down => "Down",
                Direction::Unknown => "Unknown",
            };
            values.push((4, direction.to_owned()));
        }
    }
    values
}

/// The annotator's note of an annotation: its note, then the fields no attribute holds.
fn note(annotation: &Annotation) -> Option<String> {
    let mut parts: Vec<String> = annotation.note.iter().map(|n| one_line(n)).collect();
    if let Some(metric) = &annotation.metric {
        let mut field = |name: &str, value: Option<String>| {
            if let Some(value) = value.filter(|v| !v.is_empty()) {
                parts.push(format!("{name}={}", one_line(&value)));
            }
        };
        field("value", Some(metric.value.clone()));
        field("number", metric.number.map(|n| n.to_string()));
        field("upper", metric.upper.map(|n| n.to_string()));
        field("indicator", metric.indicator.clone());
        field("period", metric.period.clone());
        field(
            "change",
            metric
                .change
                .as_ref()
                .map(|c| format!("{} {}", c.phrase, c.figure).trim().to_owned()),
        );
    }
    if let Some(correction) = &annotation.correction {
        parts.push(format!("correction={}", one_line(correction)));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// The pieces of a span brat can hold: its fragments cut at line breaks, blanks trimmed.
fn pieces(unit_chars: &[char], span: &UnitSpan<'_>) -> Vec<Span> {
    let mut pieces = Vec::new();
    for fragment in &span.fragments {
        let mut start = fragment.start;
        for k in fragment.start..=fragment.end {
            let at_break = k == fragment.end || unit_chars.get(k).is_some_and(|&c| c == '\n');
            if at_break {
                if let Some(piece) = trimmed(unit_chars, Span::new(start, k)) {
                    pieces.push(piece);
                }
                start = k + 1;
            }
        }
    }
    pieces
}

/// `span` without blanks at either end, if anything is left.
fn trimmed(chars: &[char], span: Span) -> Option<Span> {
    let blank = |k: usize| chars.get(k).is_none_or(|c| c.is_whitespace());
    let (mut start, mut end) = (span.start, span.end);
    while start < end && blank(start) {
        start += 1;
    }
    while end > start && blank(end - 1) {
        end -= 1;
    }
    (start < end).then_some(Span::new(start, end))
}

impl Brat {
    /// The `.ann` file of a unit.
    fn ann(&mut self, unit: &Unit<'_>) -> (String, usize) {
        let chars: Vec<char> = unit.text.chars().collect();
        let mut ann = String::new();
        let (mut t, mut a, mut notes) = (0, 0, 0);
        for span in &unit.spans {
            let pieces = pieces(&chars, span);
            if pieces.is_empty() {
                continue;
            }
            t += 1;
            let offsets: Vec<String> = pieces
                .iter()
                .map(|p| format!("{} {}", p.start, p.end))
                .collect();
            let texts: Vec<String> = pieces
                .iter()
                .map(|p| chars[p.start..p.end].iter().collect())
                .collect();
            let annotation = span.annotation;
            ann.push_str(&format!(
                "T{t}\t{} {}\t{}\n",
                annotation.label,
                offsets.join(";"),
                texts.join(" ")
            ));
            for (index, value) in attributes(annotation) {
                a += 1;
                ann.push_str(&format!("A{a}\t{} T{t} {value}\n", ATTRIBUTES[index]));
                if !self.values[index].contains(&value) {
                    self.values[index].push(value);
                }
            }
            if let Some(note) = note(annotation) {
                notes += 1;
                ann.push_str(&format!("#{notes}\tAnnotatorNotes T{t}\t{note}\n"));
            }
        }
        (ann, t)
    }

    fn annotation_conf(&self) -> String {
        let mut conf = String::from("# Made by copydesk export from the tag set.\n[entities]\n");
        for entry in self.labels.entries() {
            conf.push_str(&entry.label);
            conf.push('\n');
        }
        conf.push_str("\n[relations]\n\n[events]\n\n[attributes]\n");
        for (name, values) in ATTRIBUTES.iter().zip(&self.values) {
            if !values.is_empty() {
                conf.push_str(&format!(
                    "{name}\tArg:<ENTITY>, Value:{}\n",
                    values.join("|")
                ));
            }
        }
        conf
    }

    fn visual_conf(&self) -> String {
        let mut labels = String::from("[labels]\n");
        let mut drawing = String::from("\n[drawing]\n");
        for entry in self.labels.entries() {
            if let Some((zh, en)) = &entry.names {
                labels.push_str(&format!("{} | {zh} {en} | {zh}\n", entry.label));
            }
            if let Some(colour) = &entry.colour {
                drawing.push_str(&format!("{}\tbgColor:{colour}\n", entry.label));
            }
        }
        labels + &drawing
    }
}

impl Writer for Brat {
    fn page(&mut self, page: &PageUnits<'_>, relative: &Path, files: &mut Vec<OutFile>) -> Written {
        self.labels.add_page(page);
        let stem = page_stem(relative);
        let mut written = Written::default();
        for unit in &page.units {
            let base = match unit.name {
                UnitName::Item(n) => stem.join(format!("item-{n:02}")),
                UnitName::Other => stem.join("other"),
                UnitName::Page => stem.clone(),
            };
            let (ann, spans) = self.ann(unit);
            for (extension, bytes) in [("txt", unit.text.as_bytes()), ("ann", ann.as_bytes())] {
                let mut path = base.clone().into_os_string();
                path.push(".");
                path.push(extension);
                files.push(OutFile {
                    path: PathBuf::from(path),
                    bytes: bytes.to_vec(),
                    page: Some(page.file.clone()),
                });
            }
            written.units += 1;
            written.spans += spans;
        }
        written
    }

    fn finish(self: Box<Self>, files: &mut Vec<OutFile>) -> Vec<String> {
        for (name, text) in [
            ("annotation.conf", self.annotation_conf()),
            ("visual.conf", self.visual_conf()),
        ] {
            files.push(OutFile::shared(name, text.into_bytes()));
        }
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{fixture, slice};
    use super::super::{Format, UnitKind};

    /// Checks every text-bound line of `ann` against `text`: each piece's offsets fit, and
    /// the line's text is the pieces' text joined by a space. Returns the T lines.
    fn check(text: &str, ann: &str) -> Vec<String> {
        let mut lines = Vec::new();
        for line in ann.lines().filter(|line| line.starts_with('T')) {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 3, "{line:?}");
            let (_, offsets) = fields[1].split_once(' ').unwrap();
            let pieces: Vec<String> = offsets
                .split(';')
                .map(|piece| {
                    let (start, end) = piece.split_once(' ').unwrap();
                    slice(text, start.parse().unwrap(), end.parse().unwrap())
                })
                .collect();
            assert_eq!(pieces.join(" "), fields[2], "{line:?}");
            lines.push(line.to_owned());
        }
        lines
    }

    #[test]
    fn a_txt_and_an_ann_per_item_with_attributes_and_notes() {
        let fixture = fixture();
        let summary = fixture.export(Format::Brat, UnitKind::Item, false);
        assert_eq!((summary.units, summary.spans, summary.files), (4, 16, 10));
        for unit in ["item-02", "item-03", "item-04", "other"] {
            let text = fixture.read(format!("p01/{unit}.txt"));
            check(&text, &fixture.read(format!("p01/{unit}.ann")));
        }
        assert_eq!(
            fixture.read("p01/item-02.ann"),
            "T1\tLOC 8 11\t𠀀水县
T2\tPER 27 30\t林𠀀舟
T3\tCORR 43 44\t,
#1\tAnnotatorNotes T3\tcorrection=，
T4\tLOC 44 47\t𠀀水县
T5\tORG 44 50\t𠀀水县统计局
T6\tNOTE 57 72\t地区生产总值完成386.2亿元
#2\tAnnotatorNotes T6\t核对 数字
T7\tMETRIC 65 72\t386.2亿元
A1\tUnit T7 元
A2\tScale T7 亿
A3\tDirection T7 Up
#3\tAnnotatorNotes T7\tvalue=386.2; number=38620000000; indicator=地区生产总值; period=前三季度; change=同比增长 6.8%
T8\tLOC 83 87\t城南新区
T9\tORG 85 92\t新区建设指挥部
"
        );
        assert_eq!(
            fixture.read("annotation.conf"),
            "# Made by copydesk export from the tag set.
[entities]
PER\nLOC\nORG\nWORK\nEVENT\nDATE\nMETRIC\nCORR\nNOTE

[relations]

[events]

[attributes]
Unit\tArg:<ENTITY>, Value:元
Scale\tArg:<ENTITY>, Value:亿
Direction\tArg:<ENTITY>, Value:Up
"
        );
        let visual = fixture.read("visual.conf");
        assert!(
            visual.starts_with("[labels]\nPER | 人名 Person | 人名\n"),
            "{visual}"
        );
        assert!(
            visual.contains("\n[drawing]\nPER\tbgColor:#d6336c\n"),
            "{visual}"
        );
    }

    #[test]
    fn page_units_have_discontinuous_spans_across_column_breaks() {
        let fixture = fixture();
        fixture.export(Format::Brat, UnitKind::Page, true);
        let text = fixture.read("p01.txt");
        assert_eq!(text, super::super::fixture::PAGE);
        let ann = fixture.read("p01.ann");
        let lines = check(&text, &ann);
        assert!(
            lines
                .iter()
                .any(|l| l.ends_with("\tORG 109 111;113 118\t新区 建设指挥部")),
            "{ann}"
        );
        assert!(
            lines.iter().any(|l| l.ends_with("\tDATE 63 67\t前三季度")),
            "{ann}"
        );
        assert!(ann.contains("\tStatus T"), "the suggestion's status: {ann}");
        assert!(
            fixture
                .read("annotation.conf")
                .contains("Status\tArg:<ENTITY>, Value:Suggested\n")
        );
    }
}
