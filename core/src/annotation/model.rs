//! One annotation: a labelled range of a page, with what is needed to find it again.

use std::fmt;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::decision::Decision;
use super::metric::Metric;
use super::unknown::UnknownFields;
use crate::text::{Source, Span};

/// Code points of context kept on each side of an annotation for re-anchoring.
pub const CONTEXT_CHARS: usize = 12;

/// A stable, unique annotation id (a ULID: sortable by creation time, unique across copies of
/// the app without coordination).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AnnotationId(pub String);

impl AnnotationId {
    /// A new id, unique with overwhelming probability.
    pub fn generate() -> Self {
        Self(ulid::Ulid::generate().to_string())
    }
}

impl fmt::Display for AnnotationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where an annotation stands in review.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Status {
    /// Proposed by a rule or an import; not yet reviewed.
    Suggested,
    /// Made or confirmed by a person.
    #[default]
    Accepted,
    /// Turned down; kept so that the same suggestion is not made again.
    Rejected,
}

impl Status {
    /// Lower-case name for tables and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Self::Suggested => "suggested",
            Self::Accepted => "accepted",
            Self::Rejected => "rejected",
        }
    }
}

/// Who or what made an annotation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Origin {
    /// A person, by hand.
    #[default]
    Manual,
    /// A suggestion rule, named (`metric.money`, `entity.byline`…).
    Rule(String),
    /// An import from another tool or file, named.
    Import(String),
    /// The folder's trained model ([`crate::suggest::model`]), named by its file's name for
    /// the model (`perceptron`). Sidecars holding it are written as version 2, which older
    /// builds refuse without overwriting (see [`crate::annotation::sidecar::VERSION`]).
    Model(String),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Manual => f.write_str("manual"),
            Self::Rule(rule) => write!(f, "rule:{rule}"),
            Self::Import(source) => write!(f, "import:{source}"),
            Self::Model(model) => write!(f, "model:{model}"),
        }
    }
}

/// How an annotation was placed on the page as it is now.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Anchor {
    /// The page is unchanged, or the quote is still at the same range.
    #[default]
    Exact,
    /// The page changed; the quote was found elsewhere, matched by its context.
    Moved,
    /// Placed by a guess, to check: the quote itself changed (the closest match was taken), or
    /// lookalikes on the page made the choice unclear.
    Fuzzy,
    /// Not found on the page: the annotation is kept, with its old range, to be placed by hand.
    Orphaned,
}

impl Anchor {
    /// Lower-case name for tables and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Self::Exact => "exact",
            Self::Moved => "moved",
            Self::Fuzzy => "fuzzy",
            Self::Orphaned => "orphaned",
        }
    }
}

/// A labelled range of a page.
///
/// Entities and metrics, proofreading corrections and free notes are all annotations; which
/// one is decided by the label's kind in the tag set. Ranges are code points into the decoded
/// page, like every persisted offset.
#[derive(Clone, Debug, PartialEq)]
pub struct Annotation {
    /// Stable unique id.
    pub id: AnnotationId,
    /// The tag-set label: `PER`, `METRIC`…
    pub label: String,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The characters at the range when the annotation was last placed.
    pub quote: String,
    /// Up to [`CONTEXT_CHARS`] code points before the range.
    pub prefix: String,
    /// Up to [`CONTEXT_CHARS`] code points after the range.
    pub suffix: String,
    /// Suggested, accepted or rejected.
    pub status: Status,
    /// Who or what made it.
    pub origin: Origin,
    /// The person who made or last changed it.
    pub author: String,
    /// When it was made.
    pub created: Timestamp,
    /// When it was last changed; the newer side wins when two copies are merged.
    pub modified: Timestamp,
    /// A free note.
    pub note: Option<String>,
    /// Attributes of a figure, for labels of kind metric (boxed: most annotations have none,
    /// and an annotation is moved and stored by the ten thousand).
    pub metric: Option<Box<Metric>>,
    /// The replacement text, for labels of kind correction.
    pub correction: Option<String>,
    /// How it was placed on the current page text.
    pub anchor: Anchor,
    /// In a gold set: the adjudication that put it there (or kept it out, rejected).
    pub decided: Option<Decision>,
    /// The proofreading check whose mark this annotation answers (`punct.halfwidth`): a
    /// correction made from the mark's fix, or, with no correction and status rejected, the
    /// mark ignored. Added after version 1 first shipped; left out when `None`.
    pub check: Option<String>,
    /// How sure the model was of a suggestion it made, from 0 to 1; `None` for everything
    /// else (rules, people, imports).
    pub confidence: Option<f32>,
    /// Fields a newer copydesk wrote, kept as they were.
    pub unknown: UnknownFields,
}

/// The current time, to the millisecond (finer is noise in a sidecar).
pub fn now() -> Timestamp {
    let now = Timestamp::now();
    now.round(jiff::Unit::Millisecond).unwrap_or(now)
}

impl Annotation {
    /// A new annotation of `span` in `source`, with its quote and context taken from the text.
    pub fn new(source: &Source, label: &str, span: Span, origin: Origin, author: &str) -> Self {
        let now = now();
        let mut annotation = Self {
            id: AnnotationId::generate(),
            label: label.to_owned(),
            start: span.start,
            end: span.end,
            quote: String::new(),
            prefix: String::new(),
            suffix: String::new(),
            status: Status::Accepted,
            origin,
            author: author.to_owned(),
            created: now,
            modified: now,
            note: None,
            metric: None,
            correction: None,
            anchor: Anchor::Exact,
            decided: None,
            check: None,
            confidence: None,
            unknown: UnknownFields::default(),
        };
        annotation.place(source, span);
        annotation
    }

    /// The range, as a span.
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }

    /// Moves the annotation to `span` and takes quote and context from the text there.
    pub fn place(&mut self, source: &Source, span: Span) {
        self.start = span.start;
        self.end = span.end;
        self.quote = source.slice(span).to_owned();
        let before = Span::new(span.start.saturating_sub(CONTEXT_CHARS), span.start);
        self.prefix = source.slice(before).to_owned();
        let after = Span::new(span.end, (span.end + CONTEXT_CHARS).min(source.char_len()));
        self.suffix = source.slice(after).to_owned();
    }
}
