//! The data of an export: units (records) with their sections and spans, as every format
//! reads them. [`PageUnits::new`] (in `unit`) builds them.

use crate::annotation::{Annotation, Document, Location, Pane};
use crate::text::Span;

/// What one record of an export holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum UnitKind {
    /// One record per story or photo item, plus one for a page's unplaced text when an
    /// annotation falls there.
    #[default]
    Item,
    /// One record per page: the page's text as it is (line endings as `\n`).
    Page,
}

impl UnitKind {
    /// The names `--unit` takes.
    pub const NAMES: [&'static str; 2] = ["item", "page"];

    /// The kind of a name in [`UnitKind::NAMES`].
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "item" => Some(Self::Item),
            "page" => Some(Self::Page),
            _ => None,
        }
    }
}

/// Which record of a page a unit is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitName {
    /// A story or photo item, numbered from 1 as in the outline.
    Item(usize),
    /// The page's unplaced (`other`) text.
    Other,
    /// The whole page.
    Page,
}

impl UnitName {
    /// The item number, for item units.
    pub fn item(self) -> Option<usize> {
        match self {
            Self::Item(n) => Some(n),
            Self::Other | Self::Page => None,
        }
    }

    /// `item`, `other` or `page`.
    pub fn kind(self) -> &'static str {
        match self {
            Self::Item(_) => "item",
            Self::Other => "other",
            Self::Page => "page",
        }
    }
}

/// One element's place in a unit's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Section {
    /// The pane the element is shown in.
    pub pane: Pane,
    /// The item it belongs to, numbered from 1.
    pub item: usize,
    /// Code points into the unit's text.
    pub span: Span,
}

/// An annotation placed in a unit.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitSpan<'a> {
    /// The annotation, with its page range, label and attributes.
    pub annotation: &'a Annotation,
    /// Code points into the unit's text.
    pub span: Span,
    /// The pieces of `span` that are text of the page: one, except in page units where the
    /// annotation crosses a rejoined column break (the break's blank lines are left out).
    pub fragments: Vec<Span>,
    /// The unit's text at `span`.
    pub text: String,
    /// The item and pane where the annotation starts.
    pub location: Option<Location>,
}

/// One record: its text, the elements in it and the annotations on it.
#[derive(Clone, Debug, PartialEq)]
pub struct Unit<'a> {
    /// Which record of the page this is.
    pub name: UnitName,
    /// The text, line endings as `\n`.
    pub text: String,
    /// The elements, in order.
    pub sections: Vec<Section>,
    /// The annotations, by start, end and label.
    pub spans: Vec<UnitSpan<'a>>,
}

/// Annotations that no unit holds, or holds only in part.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LeftOut {
    /// Annotations that could not be placed on the page as it is now.
    pub orphaned: usize,
    /// Annotations on nothing but blank text or headline markers.
    pub blank: usize,
    /// Annotations that run into another item: in item units, only the part in the item
    /// where they start is kept.
    pub cut: usize,
}

/// A page's units, ready for any format.
#[derive(Debug)]
pub struct PageUnits<'a> {
    /// The page, with its tag set.
    pub document: &'a Document,
    /// The page file as it was found (the path given, or the folder given joined with the
    /// path below it).
    pub file: String,
    /// The records.
    pub units: Vec<Unit<'a>>,
    /// What the records leave out.
    pub left_out: LeftOut,
}
