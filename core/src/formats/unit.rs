//! Export units: the text of one record — a story, a photo item, a page's unplaced lines, or a
//! whole page — with its sections and the annotations in it, in code points of that text.
//!
//! Every format writes units, so the offsets rule holds for all of them: a unit's text is
//! built here once, and a span's `text` is always `text[start..end]` of it. An item's text is
//! its elements (kicker, headline, subtitle, byline, paragraphs with their column breaks
//! rejoined, trailing byline; captions and credit), each on its own line; a page's is the
//! page. Line endings are written as `\n` in both (a CR LF page would otherwise shift every
//! offset for readers that translate line endings).

use crate::annotation::{Anchor, Annotation, Document, Location, Pane, Status};
use crate::bulletin::Item;
use crate::text::{CharOffsets, Source, Span};

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

/// Which annotations go into an export.
pub fn is_exported(annotation: &Annotation, include_suggested: bool) -> bool {
    match annotation.status {
        Status::Accepted => true,
        Status::Suggested => include_suggested,
        Status::Rejected => false,
    }
}

impl<'a> PageUnits<'a> {
    /// The units of `document` (found as `file`): accepted annotations, and suggestions when
    /// `include_suggested`; rejected ones never.
    pub fn new(
        document: &'a Document,
        file: String,
        kind: UnitKind,
        include_suggested: bool,
    ) -> Self {
        let source = document.source();
        let items = &document.bulletin().items;
        let mut left_out = LeftOut::default();
        let (mut layouts, owner) = match kind {
            UnitKind::Item => item_layouts(source, items),
            UnitKind::Page => (vec![page_layout(source, items)], vec![Some(0); items.len()]),
        };
        let mut spans: Vec<Vec<UnitSpan<'a>>> = layouts.iter().map(|_| Vec::new()).collect();
        for annotation in document.annotations() {
            if !is_exported(annotation, include_suggested) {
                continue;
            }
            if annotation.anchor == Anchor::Orphaned {
                left_out.orphaned += 1;
                continue;
            }
            let location = document.locate(annotation.span());
            let unit = location.and_then(|l| owner.get(l.item).copied().flatten());
            let Some((unit, layout)) = unit.and_then(|u| Some((u, layouts.get_mut(u)?))) else {
                left_out.blank += 1;
                continue;
            };
            match layout.place(source, annotation, location) {
                Some((span, cut)) => {
                    left_out.cut += usize::from(cut);
                    spans[unit].push(span);
                }
                None => left_out.blank += 1,
            }
        }
        let units = layouts
            .drain(..)
            .zip(spans)
            .filter(|(layout, spans)| layout.name != UnitName::Other || !spans.is_empty())
            .map(|(layout, mut spans)| {
                spans.sort_by(|a, b| {
                    (a.span, &a.annotation.label).cmp(&(b.span, &b.annotation.label))
                });
                Unit {
                    name: layout.name,
                    text: layout.text,
                    sections: layout.sections,
                    spans,
                }
            })
            .collect();
        Self {
            document,
            file,
            units,
            left_out,
        }
    }

    /// How many annotations the units hold.
    pub fn span_count(&self) -> usize {
        self.units.iter().map(|unit| unit.spans.len()).sum()
    }
}

/// A unit's text as it is built: pieces of the page, with line breaks between elements.
#[derive(Debug)]
struct Layout {
    name: UnitName,
    text: String,
    /// Code points in `text`.
    chars: usize,
    /// Runs of the page copied into `text`, in page order.
    pieces: Vec<Piece>,
    sections: Vec<Section>,
    /// Page ranges left out inside a rejoined paragraph (page units only).
    gaps: Vec<Span>,
    /// Built on first use, when `text` is complete.
    offsets: Option<CharOffsets>,
}

/// A run of page text in a unit.
#[derive(Clone, Copy, Debug)]
struct Piece {
    page: Span,
    unit_start: usize,
}

impl Layout {
    fn new(name: UnitName) -> Self {
        Self {
            name,
            text: String::new(),
            chars: 0,
            pieces: Vec::new(),
            sections: Vec::new(),
            gaps: Vec::new(),
            offsets: None,
        }
    }

    /// Copies a page range, writing each CR LF or lone CR as `\n`.
    fn push_page(&mut self, source: &Source, span: Span) {
        let slice = source.slice(span);
        if !slice.contains('\r') {
            self.push_run(slice, span);
            return;
        }
        let mut start = span.start;
        let mut run_start_byte = 0;
        let mut chars = slice.char_indices().peekable();
        let mut at = span.start;
        while let Some((byte, c)) = chars.next() {
            if c == '\r' {
                self.push_run(&slice[run_start_byte..byte], Span::new(start, at));
                let crlf = chars.peek().is_some_and(|&(_, next)| next == '\n');
                if !crlf {
                    self.push_break();
                }
                start = at + 1;
                run_start_byte = byte + 1;
            }
            at += 1;
        }
        self.push_run(&slice[run_start_byte..], Span::new(start, span.end));
    }

    fn push_run(&mut self, text: &str, page: Span) {
        if page.is_empty() {
            return;
        }
        self.pieces.push(Piece {
            page,
            unit_start: self.chars,
        });
        self.text.push_str(text);
        self.chars += page.len();
    }

    fn push_break(&mut self) {
        self.text.push('\n');
        self.chars += 1;
    }

    /// Adds an element made of `parts` (several for a rejoined paragraph), on its own line.
    fn push_element(&mut self, source: &Source, item: usize, pane: Pane, parts: &[Span]) {
        if !self.text.is_empty() {
            self.push_break();
        }
        let start = self.chars;
        for &part in parts {
            self.push_page(source, part);
        }
        self.sections.push(Section {
            pane,
            item: item + 1,
            span: Span::new(start, self.chars),
        });
    }

    /// The unit range of a page range: from the first character of it in the unit to the
    /// last. `None` if the unit holds none of it.
    fn map(&self, page: Span) -> Option<Span> {
        let first = self.pieces.partition_point(|p| p.page.end <= page.start);
        let piece = self.pieces.get(first)?;
        let start = piece.unit_start + page.start.saturating_sub(piece.page.start);
        let last = self
            .pieces
            .partition_point(|p| p.page.start < page.end)
            .checked_sub(1)?;
        let piece = self.pieces.get(last)?;
        let end = piece.unit_start + page.end.min(piece.page.end) - piece.page.start;
        (start < end).then_some(Span::new(start, end))
    }

    /// The annotation as a span of this unit, and whether it was cut at the unit's end.
    fn place<'a>(
        &mut self,
        source: &Source,
        annotation: &'a Annotation,
        location: Option<Location>,
    ) -> Option<(UnitSpan<'a>, bool)> {
        let page = annotation.span();
        let span = self.map(page)?;
        let cut = self.leaves_out_text(source, page);
        let fragments = if self.gaps.is_empty() {
            vec![span]
        } else {
            without_gaps(page, &self.gaps)
                .into_iter()
                .filter_map(|fragment| self.map(fragment))
                .collect()
        };
        let text = self.slice(span).to_owned();
        let span = UnitSpan {
            annotation,
            span,
            fragments,
            text,
            location,
        };
        Some((span, cut))
    }

    /// True if some of the page's text in `page` is not in the unit (blanks and headline
    /// markers aside): the annotation runs into another item.
    fn leaves_out_text(&self, source: &Source, page: Span) -> bool {
        let blank = |from: usize, to: usize| {
            source
                .slice(Span::new(from, to))
                .chars()
                .all(|c| c.is_whitespace() || c == '#')
        };
        let first = self.pieces.partition_point(|p| p.page.end <= page.start);
        let mut at = page.start;
        for piece in self.pieces[first..]
            .iter()
            .take_while(|p| p.page.start < page.end)
        {
            if piece.page.start > at && !blank(at, piece.page.start) {
                return true;
            }
            at = at.max(piece.page.end);
        }
        at < page.end && !blank(at, page.end)
    }

    fn slice(&mut self, span: Span) -> &str {
        let offsets = self
            .offsets
            .get_or_insert_with(|| CharOffsets::new(&self.text));
        offsets.slice(&self.text, span).unwrap_or_default()
    }
}

/// `span` without the page ranges in `gaps` (sorted, not overlapping).
fn without_gaps(span: Span, gaps: &[Span]) -> Vec<Span> {
    let mut fragments = Vec::new();
    let mut start = span.start;
    let from = gaps.partition_point(|gap| gap.end <= span.start);
    for gap in gaps[from..].iter().take_while(|gap| gap.start < span.end) {
        if gap.start > start {
            fragments.push(Span::new(start, gap.start));
        }
        start = start.max(gap.end);
    }
    if start < span.end {
        fragments.push(Span::new(start, span.end));
    }
    fragments
}

/// One layout per story or photo item, then one for all unplaced text; and, for each item,
/// the layout holding it.
fn item_layouts(source: &Source, items: &[Item]) -> (Vec<Layout>, Vec<Option<usize>>) {
    let mut layouts = Vec::new();
    let mut owner = Vec::with_capacity(items.len());
    let mut other = Layout::new(UnitName::Other);
    let mut numbered = 0;
    for (n, item) in items.iter().enumerate() {
        if let Item::Other(span) = item {
            other.push_element(source, n, Pane::Other, &[*span]);
            owner.push(None);
            continue;
        }
        let mut layout = Layout::new(UnitName::Item(n + 1));
        for_each_element(item, |pane, parts| {
            layout.push_element(source, n, pane, parts);
        });
        layouts.push(layout);
        owner.push(Some(numbered));
        numbered += 1;
    }
    let other_index = layouts.len();
    for slot in &mut owner {
        slot.get_or_insert(other_index);
    }
    layouts.push(other);
    (layouts, owner)
}

/// The whole page as one layout, with a section for every element (a rejoined paragraph has
/// one per part) and the column breaks inside rejoined paragraphs as gaps.
fn page_layout(source: &Source, items: &[Item]) -> Layout {
    let mut layout = Layout::new(UnitName::Page);
    layout.push_page(source, Span::new(0, source.char_len()));
    let mut sections = Vec::new();
    let mut gaps = Vec::new();
    for (n, item) in items.iter().enumerate() {
        for_each_element(item, |pane, parts| {
            for pair in parts.windows(2) {
                gaps.push(Span::new(pair[0].end, pair[1].start));
            }
            for &part in parts {
                if let Some(span) = layout.map(part) {
                    sections.push(Section {
                        pane,
                        item: n + 1,
                        span,
                    });
                }
            }
        });
    }
    gaps.sort_unstable();
    layout.sections = sections;
    layout.gaps = gaps;
    layout
}

/// Calls `each` with the pane and the parts of every element of `item`, in reading order.
fn for_each_element(item: &Item, mut each: impl FnMut(Pane, &[Span])) {
    match item {
        Item::Article(article) => {
            if let Some(kicker) = article.kicker {
                each(Pane::Kicker, &[kicker]);
            }
            each(Pane::Headline, &[article.headline.span]);
            if let Some(subtitle) = article.subtitle {
                each(Pane::Headline, &[subtitle]);
            }
            if let Some(byline) = &article.byline {
                each(Pane::Byline, &[byline.span]);
            }
            for paragraph in &article.paragraphs {
                each(Pane::Body, &paragraph.parts);
            }
            if let Some(trailing) = &article.trailing_byline {
                each(Pane::Byline, &[trailing.span]);
            }
        }
        Item::Photo(photo) => {
            for paragraph in &photo.caption {
                each(Pane::Caption, &paragraph.parts);
            }
            if let Some(credit) = &photo.credit {
                each(Pane::Credit, &[credit.span]);
            }
        }
        Item::Other(span) => each(Pane::Other, &[*span]),
    }
}
