//! The segment JSON format (`copydesk segment --json`), version 1.
//!
//! One object per page; see the README for the schema. Offsets are code points into the decoded
//! text; every `text` is the page's characters at its range, and a paragraph's `text` is its
//! `parts` concatenated. Fields added since version 1 first shipped (`staff`, a byline's
//! `photographers`) are left out when empty, so older readers see the same objects.

use serde::Serialize;

use super::model::{
    Article, Byline, Credit, Item, Paragraph, Person, Photo, Staff, TrailingByline,
};
use crate::text::{Source, Span};

/// Name of the format, written into every object.
pub const FORMAT: &str = "copydesk-segment";
/// Version of the format.
pub const VERSION: u32 = 1;

/// One page's segmentation, ready to serialize.
#[derive(Debug, Serialize)]
pub struct PageJson<'a> {
    format: &'static str,
    version: u32,
    file: &'a str,
    encoding: &'static str,
    chars: usize,
    items: Vec<ItemJson<'a>>,
}

impl<'a> PageJson<'a> {
    /// The JSON view of `items`, whose spans point into `source`, read from `file`.
    pub fn new(file: &'a str, source: &'a Source, items: &'a [Item]) -> Self {
        Self {
            format: FORMAT,
            version: VERSION,
            file,
            encoding: source.encoding().name(),
            chars: source.char_len(),
            items: items
                .iter()
                .map(|item| ItemJson::new(source, item))
                .collect(),
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
#[expect(clippy::large_enum_variant, reason = "short-lived views, one per item")]
enum ItemJson<'a> {
    Article {
        kicker: Option<SpanJson<'a>>,
        headline: HeadlineJson<'a>,
        subtitle: Option<SpanJson<'a>>,
        byline: Option<BylineJson<'a>>,
        paragraphs: Vec<ParagraphJson>,
        trailing_byline: Option<TrailingJson<'a>>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        staff: Vec<StaffJson<'a>>,
    },
    Photo {
        caption: Vec<ParagraphJson>,
        credit: Option<CreditJson<'a>>,
    },
    Other {
        text: &'a str,
        start: usize,
        end: usize,
    },
}

#[derive(Debug, Serialize)]
struct SpanJson<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

#[derive(Debug, Serialize)]
struct HeadlineJson<'a> {
    text: &'a str,
    level: u8,
    start: usize,
    end: usize,
}

#[derive(Debug, Serialize)]
struct BylineJson<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    agency: Option<&'a str>,
    dateline: Option<&'a str>,
    reporters: Vec<&'a str>,
    correspondents: Vec<&'a str>,
    others: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    photographers: Vec<&'a str>,
}

#[derive(Debug, Serialize)]
struct StaffJson<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    role: &'a str,
    names: Vec<&'a str>,
}

#[derive(Debug, Serialize)]
struct ParagraphJson {
    text: String,
    parts: Vec<[usize; 2]>,
}

#[derive(Debug, Serialize)]
struct TrailingJson<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    names: Vec<&'a str>,
}

#[derive(Debug, Serialize)]
struct CreditJson<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    photographers: Vec<&'a str>,
}

impl<'a> ItemJson<'a> {
    fn new(source: &'a Source, item: &'a Item) -> Self {
        match item {
            Item::Article(article) => article_json(source, article),
            Item::Photo(Photo { caption, credit }) => Self::Photo {
                caption: paragraphs(source, caption),
                credit: credit.as_ref().map(|credit| credit_json(source, credit)),
            },
            Item::Other(span) => Self::Other {
                text: source.slice(*span),
                start: span.start,
                end: span.end,
            },
        }
    }
}

fn article_json<'a>(source: &'a Source, article: &'a Article) -> ItemJson<'a> {
    let span = |span: Span| SpanJson {
        text: source.slice(span),
        start: span.start,
        end: span.end,
    };
    ItemJson::Article {
        kicker: article.kicker.map(span),
        headline: HeadlineJson {
            text: source.slice(article.headline.span),
            level: article.headline.level,
            start: article.headline.span.start,
            end: article.headline.span.end,
        },
        subtitle: article.subtitle.map(span),
        byline: article
            .byline
            .as_ref()
            .map(|byline| byline_json(source, byline)),
        paragraphs: paragraphs(source, &article.paragraphs),
        trailing_byline: article
            .trailing_byline
            .as_ref()
            .map(|trailing| trailing_json(source, trailing)),
        staff: article
            .staff
            .iter()
            .map(|staff| staff_json(source, staff))
            .collect(),
    }
}

fn staff_json<'a>(source: &'a Source, staff: &'a Staff) -> StaffJson<'a> {
    StaffJson {
        text: source.slice(staff.span),
        start: staff.span.start,
        end: staff.span.end,
        role: source.slice(staff.role),
        names: staff.names.iter().map(|&name| source.slice(name)).collect(),
    }
}

fn byline_json<'a>(source: &'a Source, byline: &'a Byline) -> BylineJson<'a> {
    let texts = |spans: &mut dyn Iterator<Item = Span>| spans.map(|s| source.slice(s)).collect();
    BylineJson {
        text: source.slice(byline.span),
        start: byline.span.start,
        end: byline.span.end,
        agency: byline.agency.map(|span| source.slice(span)),
        dateline: byline.dateline.map(|span| source.slice(span)),
        reporters: texts(&mut byline.reporters()),
        correspondents: texts(&mut byline.correspondents()),
        others: texts(&mut byline.others()),
        photographers: texts(&mut byline.photographers()),
    }
}

fn trailing_json<'a>(source: &'a Source, trailing: &'a TrailingByline) -> TrailingJson<'a> {
    TrailingJson {
        text: source.slice(trailing.span),
        start: trailing.span.start,
        end: trailing.span.end,
        names: names(source, &trailing.people),
    }
}

fn credit_json<'a>(source: &'a Source, credit: &'a Credit) -> CreditJson<'a> {
    CreditJson {
        text: source.slice(credit.span),
        start: credit.span.start,
        end: credit.span.end,
        photographers: names(source, &credit.people),
    }
}

fn names<'a>(source: &'a Source, people: &[Person]) -> Vec<&'a str> {
    people
        .iter()
        .map(|person| source.slice(person.name))
        .collect()
}

fn paragraphs(source: &Source, paragraphs: &[Paragraph]) -> Vec<ParagraphJson> {
    paragraphs
        .iter()
        .map(|paragraph| ParagraphJson {
            text: paragraph
                .parts
                .iter()
                .map(|&part| source.slice(part))
                .collect(),
            parts: paragraph
                .parts
                .iter()
                .map(|part| [part.start, part.end])
                .collect(),
        })
        .collect()
}
