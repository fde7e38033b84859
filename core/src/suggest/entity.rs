//! Entity suggestions: people from bylines and credits (certain), names already accepted on
//! the page at their other occurrences, titles in `《…》`, events named in quotation marks,
//! people introduced by a title (`村民郑有田说`), dates, and [`super::names`]' jieba and suffix
//! rules.
//!
//! Entity suggestions never overlap one another or a figure: where two rules claim the same
//! characters, the stronger rule wins (the order of [`PRIORITY`]), then the longer span. On a
//! page in traditional script the rules read its simplified form; names known on the page are
//! found as written.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use super::element::Element;
use super::{Suggestion, lexicon, names};
use crate::bulletin::{Bulletin, Item, Person};
use crate::text::script::simplified;
use crate::text::{Source, Span};

/// Rules from strongest to weakest.
const PRIORITY: &[&str] = &[
    "entity.byline",
    "entity.accepted",
    "entity.byline-name",
    "entity.work-title",
    "date.ymd",
    "date.year",
    "date.month-range",
    "date.md",
    "date.month",
    "date.day",
    "entity.title-name",
    "entity.dotted-name",
    "entity.quoted-event",
    "entity.suffix-org",
    "entity.suffix-loc",
    "entity.gazetteer",
    "entity.jieba-nt",
    "entity.jieba-ns",
    "entity.jieba-nr",
    "entity.speaker",
    "entity.place-stem",
];

/// Endings of event names written in quotation marks (`“澄江美食节”`).
const EVENT_SUFFIXES: &[&str] = &[
    "节",
    "博览会",
    "运动会",
    "联赛",
    "马拉松",
    "论坛",
    "音乐会",
    "大赛",
    "比赛",
    "杯",
    "展",
    "展览",
    "文化周",
    "峰会",
    "年会",
];
/// Longest title or event name, in characters.
const MAX_TITLE: usize = 50;

/// What introduces a person: `村民郑有田说`, `负责人刘春阳表示`, `主教练许志明说`.
const TITLES: &str = "村民|居民|市民|农民|游客|观众|患者|学生|家长|负责人|发言人|党员|书记|主任|副主任|局长|副局长|处长|科长|厅长|部长|省长|市长|县长|区长|镇长|乡长|村长|经理|站长|所长|队长|院长|校长|馆长|行长|会长|社长|董事长|总经理|理事长|秘书长|主席|副主席|委员|代表|议员|署长|司长|教授|研究员|院士|博士|老师|教师|医生|护士|志愿者|老人|大爷|大妈|阿姨|师傅|工人|演员|作家|画家|导演|选手|队员|球员|运动员|主攻手|主教练|教练|策展人|创始人|专家|律师|民警|法官|检察官";
/// What a person so introduced does next.
const AFTER_TITLE: &str = "说|表示|介绍|告诉|称|笑|满脸|一边|坦言|感慨|指出|认为|建议|强调|透露|回应|质询|解释|出席|带领|获得|夺得|拿下|率队|康复|近日|日前|也|还|在|等|和|对|正在|[：:]";

/// A person introduced by what they are and followed by what they do.
static TITLE_NAME: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(&format!(
        "(?:{TITLES})(?P<name>[{}]\\p{{Han}}{{1,2}}?)(?:{AFTER_TITLE})",
        names::SURNAMES
    ))
    .ok()
});

/// Verbs of speech after which a name at the start of a clause is a person: `，王海荣说`.
static SPEECH: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new("说|表示|介绍|指出|认为|告诉记者").ok());

/// People who speak at the start of a clause (`，王海荣说`): two or three characters before a
/// verb of speech, starting with a surname, after punctuation or at the start, and no common
/// word (`高兴地说` is no one). Byte ranges in `text`.
fn speakers(text: &str) -> Vec<std::ops::Range<usize>> {
    let Some(re) = SPEECH.as_ref() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for verb in re.find_iter(text) {
        let before = &text[..verb.start()];
        for len in [3, 2] {
            let Some((start, _)) = before.char_indices().rev().nth(len - 1) else {
                continue;
            };
            let name = &before[start..];
            let opens_clause = before[..start]
                .chars()
                .next_back()
                .is_none_or(|c| c.is_whitespace() || "，,。；;：:“”、".contains(c));
            let shaped = name.starts_with(|c| names::SURNAMES.contains(c))
                && name.chars().all(crate::bulletin::is_han);
            if opens_clause && shaped && names::could_be_name(name) {
                out.push(start..verb.start());
                break;
            }
        }
    }
    out
}

/// A name joined by `·`, written with the characters of transliterated names: `基普乔格·莫伊`,
/// `买买提·艾力`.
static DOTTED_NAME: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let t = lexicon::TRANSLITERATION;
    Regex::new(&format!("[{t}]{{2,6}}(?:[·•‧・][{t}]{{1,6}})+")).ok()
});

/// Entity and date suggestions for the page. `dates` come from the figure scanner; `taken`
/// are the figures' spans, which entities must not overlap.
pub fn find(
    source: &Source,
    bulletin: &Bulletin,
    elements: &[Element],
    accepted: &[(&str, &str)],
    dates: Vec<Suggestion>,
    taken: &[Span],
) -> Vec<Suggestion> {
    let mut candidates: Vec<Candidate> = dates
        .into_iter()
        .map(|date| entity(date.label, date.span, date.rule))
        .collect();
    let people = byline_people(bulletin);
    let mut known: HashMap<String, (&'static str, &'static str)> = HashMap::new();
    for person in &people {
        candidates.push(entity("PER", person.name, "entity.byline"));
        let name = source.slice(person.name);
        if !known.contains_key(name) && spreads(name) {
            known.insert(name.to_owned(), ("PER", "entity.byline-name"));
        }
    }
    for &(label, quote) in accepted {
        if let Some(label) = entity_label(label)
            && spreads(quote)
        {
            known.insert(quote.to_owned(), (label, "entity.accepted"));
        }
    }
    let known_re = known_pattern(&known);
    for element in elements {
        let mut add = |label, span: Span, rule| {
            if !span.is_empty() {
                candidates.push(entity(label, element.page_span(span), rule));
            }
        };
        if let Some(re) = &known_re {
            for m in re.find_iter(&element.text) {
                if let Some(&(label, rule)) = known.get(m.as_str()) {
                    add(label, char_span(element, m.start(), m.end()), rule);
                }
            }
        }
        for (label, inner, rule) in quoted(element) {
            add(label, inner, rule);
        }
        let text = element.simple();
        if let Some(re) = TITLE_NAME.as_ref() {
            for name in re.captures_iter(text).filter_map(|caps| caps.name("name")) {
                let span = char_span(element, name.start(), name.end());
                add("PER", span, "entity.title-name");
            }
        }
        if let Some(re) = DOTTED_NAME.as_ref()
            && text.contains(['·', '•', '‧', '・'])
        {
            for name in re.find_iter(text) {
                let span = char_span(element, name.start(), name.end());
                add("PER", span, "entity.dotted-name");
            }
        }
        for name in speakers(text) {
            add(
                "PER",
                char_span(element, name.start, name.end),
                "entity.speaker",
            );
        }
        for (label, span, rule) in names::find(element.simple()) {
            add(label, span, rule);
        }
    }
    keep_named_stems(source, &mut candidates);
    resolve(candidates, taken)
}

/// Keeps a dictionary place word standing alone ([`names::STEM_RULE`]) only where the page
/// names the same place with a suffix: `南岭` beside `南岭市`.
fn keep_named_stems(source: &Source, candidates: &mut Vec<Candidate>) {
    if !candidates.iter().any(|c| c.rule == names::STEM_RULE) {
        return;
    }
    let read = |span: Span| simplified(source.slice(span));
    let stems: HashSet<String> = candidates
        .iter()
        .filter(|c| c.label == "LOC" && c.rule != names::STEM_RULE)
        .filter_map(|c| {
            let text = read(c.span);
            let text = text.as_ref();
            let suffix = lexicon::PLACE_SUFFIXES
                .iter()
                .filter(|suffix| text.ends_with(**suffix) && text.len() > suffix.len())
                .max_by_key(|suffix| suffix.len())?;
            Some(text[..text.len() - suffix.len()].to_owned())
        })
        .collect();
    candidates.retain(|c| c.rule != names::STEM_RULE || stems.contains(read(c.span).as_ref()));
}

/// True if a name known on the page (from a byline, or accepted) is suggested at its other
/// occurrences: two characters or more, and not a common word. A stray `在` accepted by
/// mistake, or a byline name that is also a word (`方可`), stays where it was tagged.
fn spreads(name: &str) -> bool {
    let name = name.trim();
    name.chars().count() >= 2 && !names::is_common_word(name)
}

/// A suggestion before the rules' claims on the same characters are settled: small, since a
/// page has many.
#[derive(Clone, Copy, Debug)]
struct Candidate {
    label: &'static str,
    span: Span,
    rule: &'static str,
}

fn entity(label: &'static str, span: Span, rule: &'static str) -> Candidate {
    Candidate { label, span, rule }
}

/// The static label of an accepted entity; figures are not propagated.
fn entity_label(label: &str) -> Option<&'static str> {
    ["PER", "LOC", "ORG", "WORK", "EVENT", "DATE"]
        .into_iter()
        .find(|known| *known == label)
}

/// Everyone named in a byline, a trailing byline or a photo credit.
fn byline_people(bulletin: &Bulletin) -> Vec<Person> {
    let mut people = Vec::new();
    for item in &bulletin.items {
        match item {
            Item::Article(article) => {
                people.extend(article.byline.iter().flat_map(|b| b.people.iter().copied()));
                people.extend(
                    article
                        .trailing_byline
                        .iter()
                        .flat_map(|t| t.people.iter().copied()),
                );
            }
            Item::Photo(photo) => {
                people.extend(photo.credit.iter().flat_map(|c| c.people.iter().copied()));
            }
            Item::Other(_) => {}
        }
    }
    people
}

/// One pattern matching every known name, longest first.
fn known_pattern(known: &HashMap<String, (&'static str, &'static str)>) -> Option<Regex> {
    if known.is_empty() {
        return None;
    }
    let mut names: Vec<&String> = known.keys().collect();
    names.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    let alternation: Vec<String> = names.iter().map(|name| regex::escape(name)).collect();
    Regex::new(&alternation.join("|")).ok()
}

fn char_span(element: &Element, start: usize, end: usize) -> Span {
    Span::new(element.char_at_byte(start), element.char_at_byte(end))
}

/// Titles in `《…》` (WORK) and event names in `“…”` (EVENT): the text inside the brackets.
fn quoted(element: &Element) -> Vec<(&'static str, Span, &'static str)> {
    let chars = element.simple_chars();
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let close = match chars[k] {
            '《' => '》',
            '“' => '”',
            _ => {
                k += 1;
                continue;
            }
        };
        let Some(end) = chars[k + 1..]
            .iter()
            .take(MAX_TITLE + 1)
            .position(|&c| c == close || c == '\n')
            .map(|n| k + 1 + n)
            .filter(|&end| chars[end] == close && end > k + 1)
        else {
            k += 1;
            continue;
        };
        let inner = Span::new(k + 1, end);
        let text = element.simple_str(inner);
        if close == '》' {
            out.push(("WORK", inner, "entity.work-title"));
        } else if EVENT_SUFFIXES.iter().any(|s| text.ends_with(s))
            && !text.contains(|c: char| "，,。！？；：、".contains(c))
        {
            out.push(("EVENT", inner, "entity.quoted-event"));
        }
        k = end + 1;
    }
    out
}

/// Keeps the strongest candidates that overlap nothing kept before them.
fn resolve(mut candidates: Vec<Candidate>, taken: &[Span]) -> Vec<Suggestion> {
    let rank = |rule: &str| {
        PRIORITY
            .iter()
            .position(|r| *r == rule)
            .unwrap_or(usize::MAX)
    };
    candidates.sort_by_cached_key(|c| (rank(c.rule), std::cmp::Reverse(c.span.len()), c.span));
    let mut kept: BTreeMap<usize, usize> = taken.iter().map(|s| (s.start, s.end)).collect();
    let mut out = Vec::new();
    for candidate in candidates {
        let span = candidate.span;
        let clash = kept
            .range(..span.end)
            .next_back()
            .is_some_and(|(_, &end)| end > span.start);
        if span.is_empty() || clash {
            continue;
        }
        kept.insert(span.start, span.end);
        out.push(Suggestion {
            label: candidate.label,
            span,
            rule: candidate.rule,
            metric: None,
        });
    }
    out
}
