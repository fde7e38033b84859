//! `csv-metrics`: `metrics.csv`, one row per metric annotation, for spreadsheets, pandas and R.
//!
//! UTF-8 with a byte-order mark, so that spreadsheet programs open the Chinese correctly;
//! quoted where a field holds a comma, a quote or a line break. The item, headline, pane and
//! sentence come from the story the metric is in (item units, whatever `--unit` says); `text`
//! and `sentence` are the story's text, column breaks rejoined; `start` and `end` are code
//! points into the page.

use std::path::Path;

use super::model::{PageUnits, Unit, UnitSpan};
use super::output::{OutFile, Writer, Written, unwritten};
use super::sentence::sentences;
use crate::annotation::{Direction, Kind, Metric};
use crate::bulletin::Item;

/// The file written under the output folder.
pub const FILE: &str = "metrics.csv";

/// The columns, in order.
pub const COLUMNS: [&str; 23] = [
    "page",
    "item",
    "headline",
    "pane",
    "sentence",
    "text",
    "value",
    "scale",
    "number",
    "upper",
    "unit",
    "approximation",
    "indicator",
    "period",
    "change_phrase",
    "change_direction",
    "change_figure",
    "status",
    "author",
    "label",
    "start",
    "end",
    "id",
];

/// Collects the rows of `metrics.csv`.
pub struct CsvMetrics {
    writer: csv::Writer<Vec<u8>>,
    /// Set if a row could not be written (into memory, it cannot fail).
    error: Option<String>,
}

impl Default for CsvMetrics {
    fn default() -> Self {
        // The byte-order mark first, so that spreadsheet programs read UTF-8.
        let mut writer = csv::Writer::from_writer("\u{feff}".as_bytes().to_vec());
        let error = writer
            .write_record(COLUMNS)
            .err()
            .map(|err| err.to_string());
        Self { writer, error }
    }
}

/// The text of the sentences of `chars` that `span` touches.
fn sentence_of(
    chars: &[char],
    sentences: &[std::ops::Range<usize>],
    span: &UnitSpan<'_>,
) -> String {
    let touched: Vec<&std::ops::Range<usize>> = sentences
        .iter()
        .filter(|s| s.start < span.span.end && span.span.start < s.end)
        .collect();
    match (touched.first(), touched.last()) {
        (Some(first), Some(last)) => chars[first.start..last.end].iter().collect(),
        _ => String::new(),
    }
}

fn number(n: Option<f64>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

fn direction(direction: Direction) -> &'static str {
    match direction {
        Direction::Up => "Up",
        Direction::Down => "Down",
        Direction::Unknown => "Unknown",
    }
}

impl CsvMetrics {
    fn unit(&mut self, page: &PageUnits<'_>, unit: &Unit<'_>) -> usize {
        let tagset = page.document.tagset();
        let metrics: Vec<&UnitSpan<'_>> = unit
            .spans
            .iter()
            .filter(|span| {
                span.annotation.metric.is_some()
                    || tagset
                        .get(&span.annotation.label)
                        .is_some_and(|tag| tag.kind == Kind::Metric)
            })
            .collect();
        if metrics.is_empty() {
            return 0;
        }
        let chars: Vec<char> = unit.text.chars().collect();
        let sentences = sentences(&chars);
        let item = unit.name.item();
        let headline = item
            .and_then(|n| page.document.bulletin().items.get(n - 1))
            .map(|item| match item {
                Item::Article(article) => page.document.source().slice(article.headline.span),
                Item::Photo(_) | Item::Other(_) => "",
            })
            .unwrap_or_default();
        let empty = Metric::default();
        for span in &metrics {
            let annotation = span.annotation;
            let metric = annotation.metric.as_deref().unwrap_or(&empty);
            let change = metric.change.as_ref();
            let row = [
                page.file.clone(),
                item.map(|n| n.to_string()).unwrap_or_default(),
                headline.to_owned(),
                span.location
                    .map(|l| l.pane.name())
                    .unwrap_or_default()
                    .to_owned(),
                sentence_of(&chars, &sentences, span),
                span.text.clone(),
                metric.value.clone(),
                metric.scale.to_string(),
                number(metric.number),
                number(metric.upper),
                metric.unit.clone().unwrap_or_default(),
                metric.approx.clone().unwrap_or_default(),
                metric.indicator.clone().unwrap_or_default(),
                metric.period.clone().unwrap_or_default(),
                change.map(|c| c.phrase.clone()).unwrap_or_default(),
                change
                    .map(|c| direction(c.direction))
                    .unwrap_or_default()
                    .to_owned(),
                change.map(|c| c.figure.clone()).unwrap_or_default(),
                annotation.status.name().to_owned(),
                annotation.author.clone(),
                annotation.label.clone(),
                annotation.start.to_string(),
                annotation.end.to_string(),
                annotation.id.0.clone(),
            ];
            if let Err(err) = self.writer.write_record(&row) {
                self.error = Some(err.to_string());
            }
        }
        metrics.len()
    }
}

impl Writer for CsvMetrics {
    fn page(
        &mut self,
        page: &PageUnits<'_>,
        _relative: &Path,
        _files: &mut Vec<OutFile>,
    ) -> Written {
        let mut written = Written::default();
        for unit in &page.units {
            let rows = self.unit(page, unit);
            written.units += usize::from(rows > 0);
            written.spans += rows;
        }
        written
    }

    fn finish(self: Box<Self>, files: &mut Vec<OutFile>) -> Vec<String> {
        let Self { writer, mut error } = *self;
        let bytes = writer.into_inner().unwrap_or_else(|err| {
            error = Some(err.error().to_string());
            err.into_inner().get_ref().clone()
        });
        files.push(OutFile::shared(FILE, bytes));
        unwritten(FILE, error)
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::fixture;
    use super::super::{Format, UnitKind};
    use super::COLUMNS;

    #[test]
    fn one_row_per_metric_in_utf8_with_a_byte_order_mark() {
        let fixture = fixture();
        // Page units asked for: the table still takes its context from the item.
        let summary = fixture.export(Format::CsvMetrics, UnitKind::Page, false);
        assert_eq!((summary.units, summary.spans), (1, 1));
        let bytes = std::fs::read(fixture.out().join("metrics.csv")).unwrap();
        let text = std::str::from_utf8(&bytes).unwrap();
        let text = text.strip_prefix('\u{feff}').expect("a byte-order mark");
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        assert_eq!(reader.headers().unwrap(), COLUMNS.as_slice());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 1);
        let file = fixture.page.display().to_string();
        assert_eq!(
            rows[0],
            vec![
                file.as_str(),
                "2",
                "𠀀水县：新区😀建设提速",
                "body",
                "前三季度,𠀀水县统计局发布数据,全县地区生产总值完成386.2亿元,同比增长6.8%。",
                "386.2亿元",
                "386.2",
                "100000000",
                "38620000000",
                "",
                "元",
                "",
                "地区生产总值",
                "前三季度",
                "同比增长",
                "Up",
                "6.8%",
                "accepted",
                "editor",
                "METRIC",
                "89",
                "96",
                rows[0].get(22).unwrap(),
            ]
        );
        assert!(
            text.contains(",\"前三季度,𠀀水县"),
            "a field with commas is quoted"
        );
    }
}
