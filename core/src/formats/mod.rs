//! Export: pages and their annotations as the files researchers train and analyse with.
//!
//! [`export()`] is the one entry point, for the command line (`copydesk export`) and the app
//! alike: it finds the pages, builds each page's [`Unit`]s (one record per story or photo
//! item, or per page), hands them to the chosen [`Format`]'s writer — one module per format —
//! and writes the files atomically under the output folder, reporting [`Progress`] to a
//! callback that can drive any progress bar. Offsets are code points into each record's
//! text, and a span's `text` is always that text at its range.
//!
//! [`import()`] is the way back in: a reader per format (`import::…`, beside these writers)
//! turns brat, JSON Lines, doccano, Label Studio and CoNLL files into pages and sidecars.

pub mod brat;
pub mod conll;
pub mod corrected;
pub mod csv_metrics;
mod export;
#[cfg(test)]
mod fixture;
pub mod import;
pub mod jsonl;
pub mod label_studio;
mod layout;
mod model;
pub mod output;
pub mod pages;
pub(crate) mod sentence;
mod unit;

pub use export::{ExportError, ExportRequest, Progress, Summary, export};
pub use import::{
    ImportError, ImportFormat, ImportProgress, ImportRequest, ImportSummary, Refusal, import,
};
pub use model::{LeftOut, PageUnits, Section, Unit, UnitKind, UnitName, UnitSpan};
pub use unit::is_exported;

use output::Writer;

/// The formats `copydesk export --format` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// JSON Lines, one record per unit ([`jsonl`]).
    Jsonl,
    /// Character-level IOB2 ([`conll`]).
    Conll,
    /// brat standoff files ([`brat`]).
    Brat,
    /// Label Studio tasks and labelling config ([`label_studio`]).
    LabelStudio,
    /// A table of metrics ([`csv_metrics`]).
    CsvMetrics,
    /// The pages with their corrections applied ([`corrected`]).
    Corrected,
}

impl Format {
    /// Every format, in the order the help lists them.
    pub const ALL: [Self; 6] = [
        Self::Jsonl,
        Self::Conll,
        Self::Brat,
        Self::LabelStudio,
        Self::CsvMetrics,
        Self::Corrected,
    ];

    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            Self::Jsonl => "jsonl",
            Self::Conll => "conll",
            Self::Brat => "brat",
            Self::LabelStudio => "label-studio",
            Self::CsvMetrics => "csv-metrics",
            Self::Corrected => "corrected",
        }
    }

    /// The format of a name in [`Format::name`].
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|format| format.name() == name)
    }

    /// The units this format writes when `requested` was asked for: the metrics table always
    /// takes its context from items, corrected text is always whole pages.
    fn units(self, requested: UnitKind) -> UnitKind {
        match self {
            Self::CsvMetrics => UnitKind::Item,
            Self::Corrected => UnitKind::Page,
            Self::Jsonl | Self::Conll | Self::Brat | Self::LabelStudio => requested,
        }
    }

    fn writer(self, include_suggested: bool) -> Box<dyn Writer> {
        match self {
            Self::Jsonl => Box::<jsonl::Jsonl>::default(),
            Self::Conll => Box::<conll::Conll>::default(),
            Self::Brat => Box::<brat::Brat>::default(),
            Self::LabelStudio => Box::<label_studio::LabelStudio>::default(),
            Self::CsvMetrics => Box::<csv_metrics::CsvMetrics>::default(),
            Self::Corrected => Box::new(corrected::Corrected::new(include_suggested)),
        }
    }
}
