//! Round trips through export and import on the page every format is tested with (emoji and
//! CJK Extension B characters, nested and overlapping spans, a span across a column break, a
//! metric, a note, a correction and a suggestion), and the import's refusals.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::{ImportFormat, ImportRequest, ImportSummary, import};
use crate::annotation::{Document, Origin, Status};
use crate::formats::fixture::{Fixture, PAGE, fixture};
use crate::formats::{ExportRequest, Format, UnitKind, export};

fn request(source: PathBuf, format: ImportFormat, into: &Path) -> ImportRequest {
    ImportRequest {
        source,
        format,
        into: into.to_owned(),
        author: None,
        add_labels: false,
    }
}

fn run(request: &ImportRequest) -> ImportSummary {
    let summary = import(request, &mut |_| {}).unwrap();
    assert_eq!(summary.failures, Vec::<String>::new());
    summary
}

/// Exports `paths` to `out` and returns the files written there, by path, as text.
fn export_to(
    paths: Vec<PathBuf>,
    format: Format,
    unit: UnitKind,
    out: &Path,
) -> Vec<(PathBuf, String)> {
    let request = ExportRequest {
        paths,
        format,
        out: out.to_owned(),
        unit,
        include_suggested: true,
        force: false,
    };
    export(&request, &mut |_| {}).unwrap();
    let mut files = Vec::new();
    collect(out, out, &mut files);
    files.sort();
    files
}

fn collect(root: &Path, folder: &Path, files: &mut Vec<(PathBuf, String)>) {
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(root, &path, files);
        } else {
            let text = std::fs::read_to_string(&path).unwrap();
            files.push((path.strip_prefix(root).unwrap().to_owned(), text));
        }
    }
}

/// An export of the fixture, imported into `back/` (where `prepare` may put pages first), and
/// exported again.
struct RoundTrip {
    fixture: Fixture,
    first: Vec<(PathBuf, String)>,
    into: PathBuf,
    summary: ImportSummary,
    again: Vec<(PathBuf, String)>,
}

/// Exports the fixture as `format` in `unit`s, imports `file` of the output (the folder
/// itself when empty) as `back`, then exports what was imported in `again` units.
fn round_trip(
    format: Format,
    unit: UnitKind,
    file: &str,
    back: ImportFormat,
    again: UnitKind,
    prepare: impl FnOnce(&Path),
) -> RoundTrip {
    let fixture = fixture();
    let first = export_to(vec![fixture.folder()], format, unit, &fixture.out());
    let into = fixture.dir.path().join("back");
    std::fs::create_dir_all(&into).unwrap();
    prepare(&into);
    let summary = run(&request(fixture.out().join(file), back, &into));
    let again = export_to(
        vec![into.clone()],
        format,
        again,
        &fixture.dir.path().join("out2"),
    );
    RoundTrip {
        fixture,
        first,
        into,
        summary,
        again,
    }
}

impl RoundTrip {
    /// The first export's only file, its page's path put where the import wrote the page.
    fn first_moved(&self) -> String {
        self.first[0].1.replace(
            &self.fixture.folder().display().to_string(),
            &self.into.display().to_string(),
        )
    }
}

#[test]
fn jsonl_page_records_round_trip_to_the_same_file() {
    let trip = round_trip(
        Format::Jsonl,
        UnitKind::Page,
        "export.jsonl",
        ImportFormat::Jsonl,
        UnitKind::Page,
        |_| {},
    );
    let summary = &trip.summary;
    assert_eq!(
        (summary.pages, summary.pages_written, summary.spans),
        (1, 1, 17)
    );
    assert_eq!(summary.refused, []);
    assert_eq!(
        std::fs::read_to_string(trip.into.join("p01.txt")).unwrap(),
        PAGE
    );
    assert_eq!(trip.again[0].1, trip.first_moved());
    // Ids, origins and authors are the page's own.
    let document = Document::open(&trip.into.join("p01.txt")).unwrap();
    let date = document
        .annotations()
        .iter()
        .find(|a| a.label == "DATE")
        .unwrap();
    assert_eq!(
        (date.status, &date.origin, date.author.as_str()),
        (
            Status::Suggested,
            &Origin::Rule("date.period".to_owned()),
            "editor"
        )
    );
}

#[test]
fn jsonl_item_records_go_back_onto_their_page_and_export_the_same() {
    let trip = round_trip(
        Format::Jsonl,
        UnitKind::Item,
        "export.jsonl",
        ImportFormat::Jsonl,
        UnitKind::Item,
        |into| {
            std::fs::write(into.join("p01.txt"), PAGE).unwrap();
        },
    );
    let summary = &trip.summary;
    assert_eq!(
        (summary.pages, summary.pages_written, summary.spans),
        (1, 0, 17)
    );
    assert_eq!(trip.again[0].1, trip.first_moved());
    // Twice adds nothing: every span is on the page already.
    let source = trip.fixture.out().join("export.jsonl");
    let twice = run(&request(source, ImportFormat::Jsonl, &trip.into));
    assert_eq!((twice.pages, twice.spans, twice.refused.len()), (0, 0, 17));
    assert!(
        twice.refused[0]
            .reason
            .ends_with("is on the page already (imported before?); left out"),
        "{}",
        twice.refused[0]
    );
}

#[test]
fn brat_round_trips_to_the_same_files() {
    let trip = round_trip(
        Format::Brat,
        UnitKind::Page,
        "",
        ImportFormat::Brat,
        UnitKind::Page,
        |_| {},
    );
    let summary = &trip.summary;
    assert_eq!(
        (summary.pages, summary.spans, summary.refused.len()),
        (1, 17, 0)
    );
    assert_eq!(trip.again, trip.first);
    let document = Document::open(&trip.into.join("p01.txt")).unwrap();
    let figure = document
        .annotations()
        .iter()
        .find(|a| a.label == "METRIC")
        .unwrap();
    assert_eq!(
        figure.metric.as_deref(),
        Some(&crate::formats::fixture::metric())
    );
    assert_eq!(figure.origin, Origin::Import("brat".to_owned()));
}

#[test]
fn conll_round_trips_to_the_same_labels_and_ranges() {
    let trip = round_trip(
        Format::Conll,
        UnitKind::Item,
        "export.conll",
        ImportFormat::Conll,
        UnitKind::Page,
        |_| {},
    );
    assert_eq!(trip.summary.refused, []);
    assert_eq!((trip.summary.pages, trip.summary.spans), (1, 11));
    assert_eq!(trip.again, trip.first);
}

/// (label, start, end, text) of every labels region of every task.
fn regions(tasks: &str) -> Vec<Vec<(String, u64, u64, String)>> {
    let tasks: Value = serde_json::from_str(tasks).unwrap();
    tasks
        .as_array()
        .unwrap()
        .iter()
        .map(|task| {
            ["annotations", "predictions"]
                .iter()
                .flat_map(|list| task[list].as_array().cloned().unwrap_or_default())
                .flat_map(|entry| entry["result"].as_array().cloned().unwrap_or_default())
                .filter(|r| r["type"] == "labels")
                .map(|r| {
                    let v = &r["value"];
                    (
                        v["labels"][0].as_str().unwrap().to_owned(),
                        v["start"].as_u64().unwrap(),
                        v["end"].as_u64().unwrap(),
                        v["text"].as_str().unwrap().to_owned(),
                    )
                })
                .collect()
        })
        .collect()
}

#[test]
fn label_studio_round_trips_to_the_same_labels_and_ranges() {
    let trip = round_trip(
        Format::LabelStudio,
        UnitKind::Page,
        "tasks.json",
        ImportFormat::LabelStudio,
        UnitKind::Page,
        |_| {},
    );
    let summary = &trip.summary;
    assert_eq!(
        (summary.pages, summary.spans, summary.refused.len()),
        (1, 17, 0)
    );
    let regions_first = regions(&trip.first[1].1);
    assert_eq!(regions_first[0].len(), 17);
    assert_eq!(regions(&trip.again[1].1), regions_first);
    let document = Document::open(&trip.into.join("p01.txt")).unwrap();
    let note = document
        .annotations()
        .iter()
        .find(|a| a.label == "NOTE")
        .unwrap();
    assert_eq!(note.note.as_deref(), Some("核对\n数字"));
}

#[test]
fn doccano_reads_the_label_lists_of_an_export() {
    let fixture = fixture();
    export_to(
        vec![fixture.folder()],
        Format::Jsonl,
        UnitKind::Item,
        &fixture.out(),
    );
    let into = fixture.dir.path().join("back");
    let mut asked = request(
        fixture.out().join("export.jsonl"),
        ImportFormat::Doccano,
        &into,
    );
    asked.author = Some("转录员".to_owned());
    let summary = run(&asked);
    assert_eq!(
        (summary.pages, summary.spans, summary.refused.len()),
        (4, 17, 0)
    );
    let id = format!("{}#3", fixture.page.display());
    let page = into.join(super::model::page_name(&id));
    let document = Document::open(&page).unwrap();
    let mut spans: Vec<(&str, &str, &str)> = document
        .annotations()
        .iter()
        .map(|a| (a.label.as_str(), a.quote.as_str(), a.author.as_str()))
        .collect();
    spans.sort_by_key(|&(label, quote, _)| (quote, label));
    assert_eq!(
        spans,
        [
            ("LOC", "丁戊", "转录员"),
            ("LOC", "丙丁", "转录员"),
            ("ORG", "甲乙", "转录员"),
            ("PER", "甲乙", "转录员")
        ]
    );
}

#[test]
fn unknown_labels_are_refused_or_added_to_the_tag_set() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("corpus.conll");
    std::fs::write(&file, "南 B-GPE\n京 I-GPE\n人 B-PER\n").unwrap();
    let into = dir.path().join("pages");
    let summary = run(&request(file.clone(), ImportFormat::Conll, &into));
    assert_eq!((summary.pages, summary.spans), (1, 1));
    assert_eq!(summary.unknown_labels, [("GPE".to_owned(), 1)]);
    assert_eq!(
        summary.refused[0].to_string(),
        format!(
            "{}:1: GPE span: label GPE is not in the tag set (PER, LOC, ORG, WORK, EVENT, DATE, METRIC, CORR, NOTE); left out",
            file.display()
        )
    );
    let mut adding = request(file, ImportFormat::Conll, &into);
    adding.add_labels = true;
    let summary = run(&adding);
    assert_eq!(
        (summary.spans, summary.refused.len()),
        (1, 1),
        "PER is there already"
    );
    assert_eq!(summary.tagsets_written, [into.join("tagset.ron")]);
    assert_eq!(summary.unknown_labels, [("GPE".to_owned(), 1)]);
    let tagset = crate::annotation::TagSet::load(&into.join("tagset.ron")).unwrap();
    let gpe = tagset.get("GPE").unwrap();
    assert_eq!(
        (gpe.hotkey.as_str(), gpe.kind),
        ("0", crate::annotation::Kind::Entity)
    );
    let document = Document::open(&into.join("corpus-001.txt")).unwrap();
    assert_eq!(document.annotations().len(), 2);
}

#[test]
fn a_page_there_with_other_text_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("d.jsonl");
    std::fs::write(
        &file,
        "{\"id\": \"a\", \"text\": \"林舟说\", \"label\": [[0, 2, \"PER\"]]}\n",
    )
    .unwrap();
    let into = dir.path().join("pages");
    std::fs::create_dir_all(&into).unwrap();
    std::fs::write(into.join("a.txt"), "别的文字").unwrap();
    let summary = run(&request(file.clone(), ImportFormat::Doccano, &into));
    assert_eq!((summary.pages, summary.spans), (0, 0));
    assert_eq!(
        summary.refused[0].to_string(),
        format!(
            "{}:1: PER span: {} exists already with other text; import into another folder; left out",
            file.display(),
            into.join("a.txt").display()
        )
    );
    assert_eq!(
        std::fs::read_to_string(into.join("a.txt")).unwrap(),
        "别的文字"
    );
}

#[test]
fn a_span_not_found_on_the_page_it_names_is_refused() {
    let fixture = fixture();
    export_to(
        vec![fixture.folder()],
        Format::Jsonl,
        UnitKind::Item,
        &fixture.out(),
    );
    let into = fixture.dir.path().join("edited");
    std::fs::create_dir_all(&into).unwrap();
    std::fs::write(into.join("p01.txt"), PAGE.replace("甲乙", "某某")).unwrap();
    let summary = run(&request(
        fixture.out().join("export.jsonl"),
        ImportFormat::Jsonl,
        &into,
    ));
    assert_eq!(summary.spans, 15);
    let refused: Vec<&str> = summary.refused.iter().map(|r| r.reason.as_str()).collect();
    assert_eq!(
        refused,
        [
            "ORG span: not found on p01.txt as it is now (neither at its range nor by its text and context); left out",
            "PER span: not found on p01.txt as it is now (neither at its range nor by its text and context); left out"
        ]
    );
    assert_eq!(summary.refused[0].line, 2);
}
