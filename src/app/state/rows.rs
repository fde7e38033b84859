//! What the centre of the window shows, as rows of page text: the panes of one item, or the
//! whole page in reading order.

use crate::bulletin::{Article, Bulletin, Item, Paragraph, Photo};
use crate::text::Span;

/// Measured row heights of one list at one width, so only visible rows are laid out (the
/// centre's drawing fills them in).
#[derive(Debug, Default)]
pub struct Heights {
    /// The width they were measured at.
    pub width: f32,
    /// Per row, once drawn.
    pub values: Vec<Option<f32>>,
    /// How far the list was scrolled, and how tall its view was, when last drawn.
    pub offset: f32,
    /// See [`Heights::offset`].
    pub viewport: f32,
}

/// A keyboard scroll of the reading pane.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scroll {
    /// A screenful down (PageDown).
    Down,
    /// A screenful up (PageUp).
    Up,
    /// To the top (Home).
    Top,
    /// To the end (End).
    Bottom,
}

impl Heights {
    /// The scroll offset after `scroll`, from where the list was last drawn, for a list `total`
    /// points tall. A screenful keeps a tenth of the view in sight, as readers do.
    pub fn scrolled(&self, scroll: Scroll, total: f32) -> f32 {
        let end = (total - self.viewport).max(0.0);
        let page = self.viewport * 0.9;
        match scroll {
            Scroll::Down => (self.offset + page).min(end),
            Scroll::Up => (self.offset - page).max(0.0),
            Scroll::Top => 0.0,
            Scroll::Bottom => end,
        }
    }
}

/// What a row holds, which decides how it is set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowKind {
    /// 引题 above a headline.
    Kicker,
    /// A headline of level 1 to 3.
    Headline(u8),
    /// The `——` line under a headline.
    Subtitle,
    /// A byline (its people are shown as chips under it).
    Byline,
    /// A closing line of names.
    Trailing,
    /// A staff line's entry: `责编：甲乙`.
    Staff,
    /// A body paragraph.
    Body,
    /// A photo caption paragraph.
    Caption,
    /// A photo credit.
    Credit,
    /// Text the segmenter could not place.
    Other,
}

/// One row: a kind, the item it belongs to, and the page parts it shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// How to set it.
    pub kind: RowKind,
    /// Index of the item in the bulletin.
    pub item: usize,
    /// Page spans shown, read as one paragraph.
    pub parts: Vec<Span>,
}

impl Row {
    fn new(kind: RowKind, item: usize, span: Span) -> Self {
        Self {
            kind,
            item,
            parts: vec![span],
        }
    }

    fn paragraph(kind: RowKind, item: usize, paragraph: &Paragraph) -> Self {
        Self {
            kind,
            item,
            parts: paragraph.parts.clone(),
        }
    }

    /// True if the row shows page offset `offset`.
    pub fn shows(&self, span: Span) -> bool {
        self.parts
            .iter()
            .any(|part| part.start <= span.start && span.start < part.end.max(part.start + 1))
    }
}

/// The panes of one item.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Panes {
    /// Kicker, headline, subtitle.
    pub headline: Vec<Row>,
    /// Byline and trailing byline.
    pub byline: Vec<Row>,
    /// Body paragraphs.
    pub body: Vec<Row>,
    /// Photo captions and credits: the item's own, or those of the photos right after a story.
    pub captions: Vec<Row>,
}

/// The panes for item `index`.
pub fn panes(bulletin: &Bulletin, index: usize) -> Panes {
    let mut panes = Panes::default();
    match bulletin.items.get(index) {
        Some(Item::Article(article)) => {
            article_rows(article, index, &mut panes);
            // Photos printed right after a story belong with it on the page.
            for (offset, item) in bulletin.items[index + 1..].iter().enumerate() {
                match item {
                    Item::Photo(photo) => {
                        photo_rows(photo, index + 1 + offset, &mut panes.captions);
                    }
                    _ => break,
                }
            }
        }
        Some(Item::Photo(photo)) => photo_rows(photo, index, &mut panes.captions),
        Some(Item::Other(span)) => panes.body.push(Row::new(RowKind::Other, index, *span)),
        None => {}
    }
    panes
}

/// Every element of the page in reading order.
pub fn page_rows(bulletin: &Bulletin) -> Vec<Row> {
    let mut rows = Vec::new();
    for (index, item) in bulletin.items.iter().enumerate() {
        match item {
            Item::Article(article) => {
                let mut panes = Panes::default();
                article_rows(article, index, &mut panes);
                // The trailing byline and the staff close the story, as on the page.
                let (closing, byline): (Vec<Row>, Vec<Row>) = panes
                    .byline
                    .into_iter()
                    .partition(|row| matches!(row.kind, RowKind::Trailing | RowKind::Staff));
                rows.extend(panes.headline);
                rows.extend(byline);
                rows.extend(panes.body);
                rows.extend(closing);
            }
            Item::Photo(photo) => photo_rows(photo, index, &mut rows),
            Item::Other(span) => rows.push(Row::new(RowKind::Other, index, *span)),
        }
    }
    rows
}

fn article_rows(article: &Article, index: usize, panes: &mut Panes) {
    panes
        .headline
        .extend(article.kicker.map(|s| Row::new(RowKind::Kicker, index, s)));
    panes.headline.push(Row::new(
        RowKind::Headline(article.headline.level),
        index,
        article.headline.span,
    ));
    panes.headline.extend(
        article
            .subtitle
            .map(|s| Row::new(RowKind::Subtitle, index, s)),
    );
    panes.byline.extend(
        article
            .byline
            .as_ref()
            .map(|b| Row::new(RowKind::Byline, index, b.span)),
    );
    panes.byline.extend(
        article
            .trailing_byline
            .as_ref()
            .map(|t| Row::new(RowKind::Trailing, index, t.span)),
    );
    panes.byline.extend(
        article
            .staff
            .iter()
            .map(|staff| Row::new(RowKind::Staff, index, staff.span)),
    );
    panes.body.extend(
        article
            .paragraphs
            .iter()
            .map(|p| Row::paragraph(RowKind::Body, index, p)),
    );
}

fn photo_rows(photo: &Photo, index: usize, rows: &mut Vec<Row>) {
    rows.extend(
        photo
            .caption
            .iter()
            .map(|p| Row::paragraph(RowKind::Caption, index, p)),
    );
    rows.extend(
        photo
            .credit
            .as_ref()
            .map(|c| Row::new(RowKind::Credit, index, c.span)),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_screenful_keeps_a_tenth_in_sight_and_stops_at_the_ends() {
        let heights = Heights {
            offset: 100.0,
            viewport: 500.0,
            ..Heights::default()
        };
        assert_eq!(heights.scrolled(Scroll::Down, 2000.0), 550.0);
        assert_eq!(heights.scrolled(Scroll::Down, 900.0), 400.0);
        assert_eq!(heights.scrolled(Scroll::Up, 2000.0), 0.0);
        assert_eq!(heights.scrolled(Scroll::Top, 2000.0), 0.0);
        assert_eq!(heights.scrolled(Scroll::Bottom, 2000.0), 1500.0);
        assert_eq!(heights.scrolled(Scroll::Bottom, 300.0), 0.0);
    }
    use crate::bulletin::segment;

    const PAGE: &str = "引题 短语\n## 标题\n本报讯(记者 林晓舟)正文。\n\n第二段\n\n接续。\n(苏念)\n\n\n说明。\n白川/摄\n## 下一篇\n正文。\n";

    #[test]
    fn a_story_has_four_panes_with_its_photo() {
        let bulletin = segment(PAGE);
        let panes = panes(&bulletin, 0);
        let kinds = |rows: &[Row]| rows.iter().map(|r| r.kind).collect::<Vec<_>>();
        assert_eq!(
            kinds(&panes.headline),
            [RowKind::Kicker, RowKind::Headline(2)]
        );
        assert_eq!(kinds(&panes.byline), [RowKind::Byline, RowKind::Trailing]);
        assert_eq!(kinds(&panes.body), [RowKind::Body, RowKind::Body]);
        assert_eq!(panes.body[1].parts.len(), 2, "column break rejoined");
        assert_eq!(kinds(&panes.captions), [RowKind::Caption, RowKind::Credit]);
        assert_eq!(panes.captions[0].item, 1);
    }

    #[test]
    fn the_whole_page_in_reading_order() {
        let rows = page_rows(&segment(PAGE));
        let kinds: Vec<RowKind> = rows.iter().map(|r| r.kind).collect();
        assert_eq!(
            kinds,
            [
                RowKind::Kicker,
                RowKind::Headline(2),
                RowKind::Byline,
                RowKind::Body,
                RowKind::Body,
                RowKind::Trailing,
                RowKind::Caption,
                RowKind::Credit,
                RowKind::Headline(2),
                RowKind::Body
            ]
        );
    }

    #[test]
    fn staff_lines_are_in_the_byline_pane_and_close_the_story_on_the_page() {
        let page =
            "## 标题\n\n本报讯(记者 林晓舟)正文第一段。\n\n正文第二段。\n\n责编：苏念 校对：方可\n";
        let bulletin = segment(page);
        let panes = panes(&bulletin, 0);
        let kinds = |rows: &[Row]| rows.iter().map(|r| r.kind).collect::<Vec<_>>();
        assert_eq!(
            kinds(&panes.byline),
            [RowKind::Byline, RowKind::Staff, RowKind::Staff]
        );
        assert_eq!(
            kinds(&page_rows(&bulletin)),
            [
                RowKind::Headline(2),
                RowKind::Byline,
                RowKind::Body,
                RowKind::Body,
                RowKind::Staff,
                RowKind::Staff
            ]
        );
    }
}
