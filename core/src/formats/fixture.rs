//! The page every format's tests export: invented, with CJK Extension B characters (𠀀) and
//! emoji before and inside spans, nested and overlapping spans, a span across a column break,
//! a suggestion, a rejected annotation, a metric, a note and a correction.

use std::path::{Path, PathBuf};

use super::{ExportRequest, Format, Summary, UnitKind, export};
use crate::annotation::{Annotation, Change, Command, Direction, Document, Metric, Origin, Status};
use crate::text::Span;

/// The page: a masthead (unplaced), a story with a column-broken paragraph, a short story and
/// a photo item.
pub const PAGE: &str = "𠀀水日报\u{3000}2026年11月20日\u{3000}第1版

稳增长 促发展
# 𠀀水县：新区😀建设提速

本报讯(记者 林𠀀舟 通讯员 苏念)前三季度,𠀀水县统计局发布数据,全县地区生产总值完成386.2亿元,同比增长6.8%。😀城南新区

建设指挥部加快推进。

## 第二条新闻

正文😀甲乙说,丙丁戊到了。


图为𠀀水县新区😀夜景。
本报记者 林𠀀舟 摄
";

/// A page written to a temporary folder with its sidecar.
pub struct Fixture {
    /// Holds the folder.
    pub dir: tempfile::TempDir,
    /// The page file.
    pub page: PathBuf,
}

/// The code-point span of the `nth` occurrence of `quote` in the page.
fn at(document: &Document, quote: &str, nth: usize) -> Span {
    document.source().find_all(quote)[nth]
}

fn annotation(document: &Document, label: &str, span: Span) -> Annotation {
    Annotation::new(document.source(), label, span, Origin::Manual, "editor")
}

/// The figure `386.2亿元` as the metric suggestion reads it.
pub fn metric() -> Metric {
    Metric {
        value: "386.2".to_owned(),
        number: Some(38_620_000_000.0),
        scale: Metric::YI,
        unit: Some("元".to_owned()),
        indicator: Some("地区生产总值".to_owned()),
        period: Some("前三季度".to_owned()),
        change: Some(Change {
            phrase: "同比增长".to_owned(),
            direction: Direction::Up,
            figure: "6.8%".to_owned(),
        }),
        ..Metric::default()
    }
}

/// The page in a folder `pages/`, with every annotation of the tests saved in its sidecar.
pub fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("pages");
    std::fs::create_dir_all(&folder).unwrap();
    let page = folder.join("p01.txt");
    std::fs::write(&page, PAGE).unwrap();
    let mut document = Document::open(&page).unwrap();
    let d = &document;
    let mut annotations = vec![
        annotation(d, "LOC", at(d, "𠀀水", 0)),
        annotation(d, "LOC", at(d, "𠀀水县", 0)),
        annotation(d, "PER", at(d, "林𠀀舟", 0)),
        annotation(d, "ORG", at(d, "𠀀水县统计局", 0)),
        annotation(d, "LOC", at(d, "𠀀水县", 1)),
        annotation(d, "LOC", at(d, "城南新区", 0)),
        // Across the column break: from 新区 to 指挥部.
        annotation(
            d,
            "ORG",
            Span::new(at(d, "城南新区", 0).start + 2, at(d, "指挥部", 0).end),
        ),
        annotation(d, "PER", at(d, "甲乙", 0)),
        annotation(d, "ORG", at(d, "甲乙", 0)),
        annotation(d, "LOC", at(d, "丙丁", 0)),
        annotation(d, "LOC", at(d, "丁戊", 0)),
        annotation(d, "LOC", at(d, "𠀀水县新区", 0)),
        annotation(d, "PER", at(d, "林𠀀舟", 1)),
    ];
    let mut figure = annotation(d, "METRIC", at(d, "386.2亿元", 0));
    figure.metric = Some(Box::new(metric()));
    let mut note = annotation(d, "NOTE", at(d, "地区生产总值完成386.2亿元", 0));
    note.note = Some("核对\n数字".to_owned());
    let mut comma = annotation(d, "CORR", at(d, ",", 0));
    comma.correction = Some("，".to_owned());
    let mut suggested = annotation(d, "DATE", at(d, "前三季度", 0));
    suggested.status = Status::Suggested;
    suggested.origin = Origin::Rule("date.period".to_owned());
    let mut rejected = annotation(d, "PER", at(d, "苏念", 0));
    rejected.status = Status::Rejected;
    annotations.extend([figure, note, comma, suggested, rejected]);
    let commands = annotations.into_iter().map(Command::Add).collect();
    document.apply(Command::Batch(commands)).unwrap();
    document.save().unwrap();
    Fixture { dir, page }
}

impl Fixture {
    /// Exports the page's folder to `out/` below the fixture's folder.
    pub fn export(&self, format: Format, unit: UnitKind, include_suggested: bool) -> Summary {
        let request = ExportRequest {
            paths: vec![self.folder()],
            format,
            out: self.out(),
            unit,
            include_suggested,
            force: false,
        };
        export(&request, &mut |_| {}).unwrap()
    }

    /// The folder of the page.
    pub fn folder(&self) -> PathBuf {
        self.dir.path().join("pages")
    }

    /// The output folder.
    pub fn out(&self) -> PathBuf {
        self.dir.path().join("out")
    }

    /// A file written under the output folder, as text.
    pub fn read(&self, path: impl AsRef<Path>) -> String {
        std::fs::read_to_string(self.out().join(path)).unwrap()
    }
}

/// `text[start..end]` in code points.
pub fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}
