//! Export units: the text of one record — a story, a photo item, a page's unplaced lines, or a
//! whole page — with its sections and the annotations in it, in code points of that text.
//!
//! Every format writes units, so the offsets rule holds for all of them: a unit's text is
//! built here once, and a span's `text` is always `text[start..end]` of it. An item's text is
//! its elements (kicker, headline, subtitle, byline, paragraphs with their column breaks
//! rejoined, trailing byline; captions and credit), each on its own line; a page's is the
//! page. Line endings are written as `\n` in both (a CR LF page would otherwise shift every
//! offset for readers that translate line endings).

use super::layout::Layout;
use super::model::{LeftOut, PageUnits, Section, Unit, UnitKind, UnitName, UnitSpan};
use crate::annotation::{Anchor, Annotation, Document, Pane, Status};
use crate::bulletin::Item;
use crate::text::{Source, Span};

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
            for staff in &article.staff {
                each(Pane::Byline, &[staff.span]);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::{Command, Origin};
    use crate::text::PageEncoding;

    fn document(text: &str, spans: &[(&str, Span)]) -> Document {
        let mut document = Document::unsaved("p.txt", Source::from_text(text, PageEncoding::Utf8));
        let commands = spans
            .iter()
            .map(|&(label, span)| {
                Command::Add(Annotation::new(
                    document.source(),
                    label,
                    span,
                    Origin::Manual,
                    "ed",
                ))
            })
            .collect();
        document.apply(Command::Batch(commands)).unwrap();
        document
    }

    #[test]
    fn line_endings_are_written_as_line_feeds_and_offsets_follow() {
        // CR LF after the headline, a lone CR after the first paragraph.
        let text = "## 标题😀\r\n\r\n林𠀀舟说。\r第二段。\r\n";
        let document = document(
            text,
            &[("PER", Span::new(10, 13)), ("NOTE", Span::new(5, 15))],
        );
        let units = PageUnits::new(&document, "p.txt".to_owned(), UnitKind::Page, false);
        let unit = &units.units[0];
        assert_eq!(unit.text, "## 标题😀\n\n林𠀀舟说。\n第二段。\n");
        let spans: Vec<(Span, &str)> = unit
            .spans
            .iter()
            .map(|s| (s.span, s.text.as_str()))
            .collect();
        assert_eq!(
            spans,
            [
                (Span::new(5, 13), "😀\n\n林𠀀舟说。"),
                (Span::new(8, 11), "林𠀀舟")
            ]
        );
        let sections: Vec<(Pane, Span)> = unit.sections.iter().map(|s| (s.pane, s.span)).collect();
        assert_eq!(
            sections,
            [
                (Pane::Headline, Span::new(3, 6)),
                (Pane::Body, Span::new(8, 13)),
                (Pane::Body, Span::new(14, 18))
            ]
        );
    }

    #[test]
    fn an_annotation_running_into_the_next_item_is_cut_and_counted() {
        let text = "## 甲\n\n甲文一。\n\n## 乙\n\n乙文。\n";
        // From 一 in the first story to 乙 in the second headline.
        let document = document(
            text,
            &[("NOTE", Span::new(8, 16)), ("LOC", Span::new(15, 16))],
        );
        let units = PageUnits::new(&document, "p.txt".to_owned(), UnitKind::Item, false);
        assert_eq!(units.units.len(), 2, "no other unit without spans in it");
        assert_eq!(units.units[0].text, "甲\n甲文一。");
        let first: Vec<&str> = units.units[0]
            .spans
            .iter()
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(first, ["一。"]);
        assert_eq!(
            units.left_out,
            LeftOut {
                orphaned: 0,
                blank: 0,
                cut: 1
            }
        );
        assert_eq!(units.units[1].spans[0].text, "乙");
    }

    #[test]
    fn orphaned_and_rejected_annotations_stay_out() {
        let text = "## 甲乙\n\n丙丁。\n";
        let mut document = document(text, &[("PER", Span::new(3, 5))]);
        let mut orphan = document.annotations()[0].clone();
        orphan.id = crate::annotation::AnnotationId::generate();
        orphan.anchor = Anchor::Orphaned;
        let mut rejected = Annotation::new(
            document.source(),
            "LOC",
            Span::new(7, 9),
            Origin::Manual,
            "ed",
        );
        rejected.status = Status::Rejected;
        document
            .apply(Command::Batch(vec![
                Command::Add(orphan),
                Command::Add(rejected),
            ]))
            .unwrap();
        let units = PageUnits::new(&document, "p.txt".to_owned(), UnitKind::Item, true);
        assert_eq!(units.span_count(), 1);
        assert_eq!(units.left_out.orphaned, 1);
    }
}
