//! Which item and pane of the page an annotation falls in.

use serde::Serialize;

use crate::bulletin::{Bulletin, Item};
use crate::text::Span;

/// The panes a story or photo is shown in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Pane {
    /// The line above a headline (引题).
    Kicker,
    /// The headline and its `——` subtitle.
    Headline,
    /// The byline, or a trailing line of names.
    Byline,
    /// Story paragraphs.
    Body,
    /// Photo caption paragraphs.
    Caption,
    /// A photo credit.
    Credit,
    /// Text the segmenter could not place.
    Other,
}

impl Pane {
    /// Lower-case name for tables and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Self::Kicker => "kicker",
            Self::Headline => "headline",
            Self::Byline => "byline",
            Self::Body => "body",
            Self::Caption => "caption",
            Self::Credit => "credit",
            Self::Other => "other",
        }
    }
}

/// Item (index into [`Bulletin::items`]) and pane of a range.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Location {
    /// Index of the item in the bulletin.
    pub item: usize,
    /// The pane inside the item.
    pub pane: Pane,
}

/// Every element of a page by position, to find the pane of a range quickly.
#[derive(Clone, Debug, Default)]
pub struct PaneIndex {
    /// Element spans in page order, with their location.
    elements: Vec<(Span, Location)>,
}

impl PaneIndex {
    /// Indexes the elements of `bulletin`.
    pub fn new(bulletin: &Bulletin) -> Self {
        let mut elements = Vec::new();
        for (item, entry) in bulletin.items.iter().enumerate() {
            let mut push = |span: Span, pane: Pane| elements.push((span, Location { item, pane }));
            match entry {
                Item::Article(article) => {
                    article.kicker.iter().for_each(|&s| push(s, Pane::Kicker));
                    push(article.headline.span, Pane::Headline);
                    article
                        .subtitle
                        .iter()
                        .for_each(|&s| push(s, Pane::Headline));
                    article
                        .byline
                        .iter()
                        .for_each(|b| push(b.span, Pane::Byline));
                    for paragraph in &article.paragraphs {
                        paragraph.parts.iter().for_each(|&s| push(s, Pane::Body));
                    }
                    article
                        .trailing_byline
                        .iter()
                        .for_each(|t| push(t.span, Pane::Byline));
                    // Editors and proofreaders are named with the story's people.
                    article
                        .staff
                        .iter()
                        .for_each(|staff| push(staff.span, Pane::Byline));
                }
                Item::Photo(photo) => {
                    for paragraph in &photo.caption {
                        paragraph.parts.iter().for_each(|&s| push(s, Pane::Caption));
                    }
                    photo.credit.iter().for_each(|c| push(c.span, Pane::Credit));
                }
                Item::Other(span) => push(*span, Pane::Other),
            }
        }
        elements.sort_by_key(|(span, _)| span.start);
        Self { elements }
    }

    /// Where `span` starts: the element containing its first character, or, if it starts
    /// between elements, the next element. `None` past the last element.
    pub fn locate(&self, span: Span) -> Option<Location> {
        let after = self
            .elements
            .partition_point(|(s, _)| s.start <= span.start);
        if after > 0 {
            let (element, location) = self.elements[after - 1];
            if span.start < element.end || (element.is_empty() && element.start == span.start) {
                return Some(location);
            }
        }
        self.elements.get(after).map(|(_, location)| *location)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bulletin::segment;

    #[test]
    fn a_staff_line_is_in_the_byline_pane() {
        let text =
            "## 标题\n\n本报讯(记者 林晓舟)正文第一段。\n\n正文第二段。\n\n责编：苏念 校对：方可\n";
        let bulletin = segment(text);
        let crate::bulletin::Item::Article(article) = &bulletin.items[0] else {
            panic!("{bulletin:?}");
        };
        assert_eq!(article.staff.len(), 2, "{article:?}");
        let index = PaneIndex::new(&bulletin);
        let name = text.chars().count() - 9;
        assert_eq!(text.chars().skip(name).take(2).collect::<String>(), "苏念");
        let location = index.locate(Span::new(name, name + 2)).unwrap();
        assert_eq!((location.item, location.pane), (0, Pane::Byline));
    }

    #[test]
    fn panes_of_a_story_and_a_photo() {
        let text = "引题 短语\n## 标题\n本报讯(记者 林晓舟)正文。\n(苏念)\n\n\n说明。\n白川/摄\n";
        let index = PaneIndex::new(&segment(text));
        let at = |start: usize| {
            index
                .locate(Span::new(start, start + 1))
                .map(|l| (l.item, l.pane))
        };
        assert_eq!(at(0), Some((0, Pane::Kicker)));
        assert_eq!(at(9), Some((0, Pane::Headline)));
        assert_eq!(at(15), Some((0, Pane::Byline)), "林 in the byline");
        assert_eq!(at(24), Some((0, Pane::Body)));
        assert_eq!(at(29), Some((0, Pane::Byline)), "the trailing byline");
        assert_eq!(at(35), Some((1, Pane::Caption)));
        assert_eq!(at(39), Some((1, Pane::Credit)));
        assert_eq!(
            at(5),
            Some((0, Pane::Headline)),
            "between elements: the next one"
        );
        assert_eq!(at(60), None);
    }
}
