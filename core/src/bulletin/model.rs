//! The structure of a page: stories, photo items and leftovers, as spans into the text.
//!
//! Nothing here copies text: every element is a [`Span`] of code points into the page's
//! [`Source`](crate::text::Source). Read the characters with `source.slice(span)`.

use crate::text::Span;

/// A page split into its items, in reading order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Bulletin {
    /// Stories, photo items and unplaced text, in the order they appear on the page.
    pub items: Vec<Item>,
}

/// One thing on the page.
#[derive(Clone, Debug, PartialEq, Eq)]
#[expect(
    clippy::large_enum_variant,
    reason = "items are built once per page and read in place; a box per story buys nothing"
)]
pub enum Item {
    /// A story under a headline.
    Article(Article),
    /// A photo with its caption and credit (图片新闻).
    Photo(Photo),
    /// A line the segmenter could not place; kept so that nothing is lost.
    Other(Span),
}

/// A story: headline, byline and body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Article {
    /// The short line of phrases above the headline (引题), if any.
    pub kicker: Option<Span>,
    /// The headline.
    pub headline: Headline,
    /// The `——` line below the headline (副题), if any.
    pub subtitle: Option<Span>,
    /// Who wrote the story and where it was filed, if given.
    pub byline: Option<Byline>,
    /// Body paragraphs, column breaks repaired.
    pub paragraphs: Vec<Paragraph>,
    /// A closing line of names in brackets, if any.
    pub trailing_byline: Option<TrailingByline>,
    /// The editors and proofreaders named for the story (`责编：甲乙 校对：丙丁`), in page order;
    /// never body text.
    pub staff: Vec<Staff>,
}

/// One role of a staff line and the people in it: `责编：甲乙` in `责编：甲乙 校对：丙丁`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Staff {
    /// The role and its names, with the line's bracket when it is the first or last entry of
    /// a bracketed line.
    pub span: Span,
    /// The role as written: `责编`, `责任编辑`, `校对`, `美编`…
    pub role: Span,
    /// The names.
    pub names: Vec<Span>,
}

/// A headline and its level (`#` = 1 for the lead story, `##` = 2, `###` = 3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Headline {
    /// 1, 2 or 3.
    pub level: u8,
    /// The headline text, without the `#` markers.
    pub span: Span,
    /// The `#` markers themselves (not part of any element's text).
    pub marker: Span,
}

/// The role a person is credited with in a byline or credit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// 记者 (also 本报记者, 新华社记者).
    Reporter,
    /// 特约记者.
    SpecialReporter,
    /// 通讯员.
    Correspondent,
    /// 实习生 (also 实习记者).
    Intern,
    /// The writer of a story whose pictures are credited apart: `A/文`, `文/A`.
    Writer,
    /// The photographer named in a byline: `B/图`, `图/B`, `摄影/B`.
    Photographer,
    /// Named without a role.
    Unspecified,
}

impl Role {
    /// The role as written in Chinese bylines (empty for [`Role::Unspecified`]).
    pub fn chinese(self) -> &'static str {
        match self {
            Self::Reporter => "记者",
            Self::SpecialReporter => "特约记者",
            Self::Correspondent => "通讯员",
            Self::Intern => "实习生",
            Self::Writer => "文",
            Self::Photographer => "摄影",
            Self::Unspecified => "",
        }
    }
}

/// A person named in a byline, credit or trailing byline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Person {
    /// The name.
    pub name: Span,
    /// The role the name is listed under.
    pub role: Role,
}

/// Where a byline stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BylinePlacement {
    /// At the start of the first paragraph: `本报讯(记者 …)`.
    Lead,
    /// On its own line under the headline: `本报记者 …`, `□记者 …`.
    OwnLine,
}

/// A byline: agency, dateline and people.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Byline {
    /// The whole byline.
    pub span: Span,
    /// Where it stands.
    pub placement: BylinePlacement,
    /// `本报讯`, `新华社`, `本报`… if named.
    pub agency: Option<Span>,
    /// Place and date of filing, such as `北京12月5日`, if given.
    pub dateline: Option<Span>,
    /// The people, in the order written.
    pub people: Vec<Person>,
}

impl Byline {
    /// Names credited as reporters (记者 and 特约记者) or as the writer (`A/文`).
    pub fn reporters(&self) -> impl Iterator<Item = Span> + '_ {
        self.names_where(|role| {
            matches!(role, Role::Reporter | Role::SpecialReporter | Role::Writer)
        })
    }

    /// Names credited for the pictures (`B/图`, `摄影/B`).
    pub fn photographers(&self) -> impl Iterator<Item = Span> + '_ {
        self.names_where(|role| role == Role::Photographer)
    }

    /// Names credited as correspondents (通讯员).
    pub fn correspondents(&self) -> impl Iterator<Item = Span> + '_ {
        self.names_where(|role| role == Role::Correspondent)
    }

    /// Everyone else: interns and names without a role.
    pub fn others(&self) -> impl Iterator<Item = Span> + '_ {
        self.names_where(|role| matches!(role, Role::Intern | Role::Unspecified))
    }

    fn names_where(&self, keep: fn(Role) -> bool) -> impl Iterator<Item = Span> + '_ {
        self.people
            .iter()
            .filter(move |person| keep(person.role))
            .map(|person| person.name)
    }
}

/// A paragraph, made of one part or, when a column break split it, several.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Paragraph {
    /// The pieces in reading order; the paragraph reads as their concatenation.
    pub parts: Vec<Span>,
}

impl Paragraph {
    /// True if a column break was repaired inside this paragraph.
    pub fn is_rejoined(&self) -> bool {
        self.parts.len() > 1
    }

    /// From the start of the first part to the end of the last.
    pub fn extent(&self) -> Span {
        let start = self.parts.first().map_or(0, |part| part.start);
        let end = self.parts.last().map_or(start, |part| part.end);
        Span::new(start, end)
    }
}

/// A closing line of names such as `(甲乙 丙丁)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrailingByline {
    /// The whole line, brackets included.
    pub span: Span,
    /// The names inside.
    pub people: Vec<Person>,
}

/// A photo item: caption and credit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Photo {
    /// Caption paragraphs.
    pub caption: Vec<Paragraph>,
    /// The credit line, if any.
    pub credit: Option<Credit>,
}

/// A photo credit such as `本报记者 甲乙 摄` or `甲乙/摄`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Credit {
    /// The whole credit.
    pub span: Span,
    /// The photographers (and writers, for `文/图`).
    pub people: Vec<Person>,
}

impl Item {
    /// Every span of text this item owns, for checks that nothing is lost or claimed twice.
    /// Headline markers are not included. People's names lie inside their byline, credit or
    /// staff entry and are not listed separately.
    pub fn element_spans(&self) -> Vec<Span> {
        match self {
            Self::Article(article) => {
                let mut spans = Vec::new();
                spans.extend(article.kicker);
                spans.push(article.headline.span);
                spans.extend(article.subtitle);
                spans.extend(article.byline.as_ref().map(|byline| byline.span));
                for paragraph in &article.paragraphs {
                    spans.extend_from_slice(&paragraph.parts);
                }
                spans.extend(article.trailing_byline.as_ref().map(|t| t.span));
                spans.extend(article.staff.iter().map(|staff| staff.span));
                spans
            }
            Self::Photo(photo) => {
                let mut spans: Vec<Span> = photo
                    .caption
                    .iter()
                    .flat_map(|paragraph| paragraph.parts.iter().copied())
                    .collect();
                spans.extend(photo.credit.as_ref().map(|credit| credit.span));
                spans
            }
            Self::Other(span) => vec![*span],
        }
    }

    /// From the first character the item owns to the last.
    pub fn extent(&self) -> Span {
        let spans = self.element_spans();
        let start = spans.iter().map(|span| span.start).min().unwrap_or(0);
        let end = spans.iter().map(|span| span.end).max().unwrap_or(start);
        Span::new(start, end)
    }
}
