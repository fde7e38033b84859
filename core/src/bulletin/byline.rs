//! Recognizing bylines, photo credits and trailing bylines, and the people they name.
//!
//! Each function looks at one trimmed [`Line`] and either recognizes its form completely or says
//! no; none of them decides where on the page the line stands (that is the segmenter's job).

use std::sync::LazyLock;

use regex::Regex;

use super::lines::Line;
use super::model::{Byline, BylinePlacement, Credit, Person, Role, TrailingByline};
use crate::text::Span;

/// Role words, longest first so that `特约记者` is not read as `记者`.
const ROLES: &[(&str, Role)] = &[
    ("新华社记者", Role::Reporter),
    ("本报通讯员", Role::Correspondent),
    ("特约记者", Role::SpecialReporter),
    ("见习记者", Role::Reporter),
    ("摄影记者", Role::Reporter),
    ("本报记者", Role::Reporter),
    ("实习记者", Role::Intern),
    ("通讯员", Role::Correspondent),
    ("实习生", Role::Intern),
    ("记者", Role::Reporter),
];

/// Characters that end or divide a sentence; a byline, credit or kicker has none of them.
pub const SENTENCE_PUNCTUATION: &[char] = &[
    '。', '！', '？', '!', '?', '；', ';', '，', ',', '：', ':', '、',
];

/// Longest line taken as an own-line byline or a credit, in code points.
const MAX_BYLINE_LINE: usize = 60;
/// Longest name accepted with a `·` in it (`买买提·艾力`); other names have two to four
/// characters.
const MAX_DOTTED_NAME: usize = 12;

/// `本报讯`, `新华社北京12月5日电`, `本报郑州讯`… at the start of a paragraph.
static LEAD: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^(?P<agency>本报|新华社|中新社|中新网|人民网|央视网|\p{Han}{2,6}?(?:日报|晚报|社))(?P<dateline>\p{Han}{0,6}?(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})月(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})日|\p{Han}{2,5}?)?(?P<kind>电|讯)",
    )
});

/// `本报记者 …`, `□记者 …`, `新华社记者 …` on a line of their own.
static OWN_LINE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^(?P<mark>[□■◎●☆★◇◆]\s*)?(?P<agency>本报|新华社|中新社)?(?:特约记者|见习记者|实习记者|摄影记者|记者|通讯员|实习生)",
    )
});

#[expect(
    clippy::expect_used,
    reason = "constant patterns, compiled by the tests"
)]
fn compile(pattern: &str) -> Regex {
    Regex::new(pattern).expect("byline patterns are valid")
}

/// A byline at the start of a paragraph, and the byte offset (in the line) where the body
/// text begins after it. The offset equals the line's length if nothing follows.
pub fn lead_byline(line: &Line) -> Option<(Byline, usize)> {
    let text = line.text;
    let caps = LEAD.captures(text)?;
    let kind = caps.name("kind")?;
    let dateline = caps.name("dateline");
    let after = &text[kind.end()..];
    let separated = after.is_empty()
        || after.starts_with(|c: char| c.is_whitespace() || matches!(c, '(' | '（' | '【'));
    if dateline.is_some() && !separated {
        return None;
    }
    let mut end = kind.end();
    let mut people = Vec::new();
    let open = kind.end() + (after.len() - after.trim_start().len());
    if let Some((inner, close_end)) = bracket_at(text, open)
        && let Some(found) = people_in(line, inner.start, inner.end, Role::Unspecified)
    {
        people = found;
        end = close_end;
    }
    let agency_end = if dateline.is_some() {
        caps.name("agency")?.end()
    } else {
        kind.end()
    };
    let body_start = end + (text[end..].len() - text[end..].trim_start().len());
    let byline = Byline {
        span: Span::new(line.char_start, line.char_at(end)),
        placement: BylinePlacement::Lead,
        agency: Some(Span::new(line.char_start, line.char_at(agency_end))),
        dateline: dateline.map(|m| Span::new(line.char_at(m.start()), line.char_at(m.end()))),
        people,
    };
    Some((byline, body_start))
}

/// A byline standing alone on its line: `本报记者 甲乙 通讯员 丙丁`, `□记者 甲乙`.
pub fn own_line_byline(line: &Line) -> Option<Byline> {
    if line.char_len > MAX_BYLINE_LINE || line.text.contains(SENTENCE_PUNCTUATION) {
        return None;
    }
    let caps = OWN_LINE.captures(line.text)?;
    let people_start = caps
        .name("agency")
        .or_else(|| caps.name("mark"))
        .map_or(0, |m| m.end());
    let people = people_in(line, people_start, line.text.len(), Role::Unspecified)?;
    Some(Byline {
        span: Span::new(line.char_start, line.char_end()),
        placement: BylinePlacement::OwnLine,
        agency: caps
            .name("agency")
            .map(|m| Span::new(line.char_at(m.start()), line.char_at(m.end()))),
        dateline: None,
        people,
    })
}

/// A photo credit filling the whole line: `本报记者 甲乙 摄`, `甲乙/摄`, `文/图 甲乙`,
/// optionally in brackets.
pub fn credit(line: &Line) -> Option<Credit> {
    if line.char_len > MAX_BYLINE_LINE {
        return None;
    }
    credit_in(line, 0, line.text.len())
}

/// A credit written at the end of a caption line, after its last sentence:
/// `图为…现场。本报记者 甲乙 摄`. Returns the byte offset where the caption text ends.
pub fn inline_credit(line: &Line) -> Option<(usize, Credit)> {
    let text = line.text;
    if !text.ends_with(['摄', ')', '）']) {
        return None;
    }
    let sentence_end = text.rfind(['。', '！', '？'])?;
    let credit_start = sentence_end + '。'.len_utf8();
    let rest = &text[credit_start..];
    let skipped = rest.len() - rest.trim_start().len();
    if skipped == rest.len() {
        return None;
    }
    let found = credit_in(line, credit_start + skipped, text.len())?;
    Some((credit_start, found))
}

fn credit_in(line: &Line, start: usize, end: usize) -> Option<Credit> {
    let whole = &line.text[start..end];
    let (inner_start, inner_end) =
        strip_brackets(whole).map_or((start, end), |(a, b)| (start + a, start + b));
    let inner = &line.text[inner_start..inner_end];
    if inner.contains(SENTENCE_PUNCTUATION) {
        return None;
    }
    let people = if let Some(before) = inner.strip_suffix('摄') {
        let names = before.trim_end().trim_end_matches(['/', '／']);
        people_in(
            line,
            inner_start,
            inner_start + names.len(),
            Role::Unspecified,
        )?
    } else {
        let prefix = ["文/图", "图/文", "文／图", "图／文", "文图/", "图/", "图／"]
            .iter()
            .find(|prefix| inner.starts_with(**prefix))?;
        people_in(
            line,
            inner_start + prefix.len(),
            inner_end,
            Role::Unspecified,
        )?
    };
    Some(Credit {
        span: Span::new(line.char_at(start), line.char_at(end)),
        people,
    })
}

/// A closing line of names in brackets: `(甲乙 丙丁 戊己)`.
pub fn trailing_byline(line: &Line) -> Option<TrailingByline> {
    if line.char_len > MAX_BYLINE_LINE {
        return None;
    }
    let (inner_start, inner_end) = strip_brackets(line.text)?;
    let people = people_in(line, inner_start, inner_end, Role::Unspecified)?;
    Some(TrailingByline {
        span: Span::new(line.char_start, line.char_end()),
        people,
    })
}

/// Byte range inside the brackets if `text` is wholly enclosed in `(…)` or `（…）`.
fn strip_brackets(text: &str) -> Option<(usize, usize)> {
    let open = text.chars().next().filter(|c| matches!(c, '(' | '（'))?;
    let close = text
        .chars()
        .next_back()
        .filter(|c| matches!(c, ')' | '）'))?;
    let start = open.len_utf8();
    let end = text.len().checked_sub(close.len_utf8())?;
    (start <= end && !text[start..end].contains(['(', '（', ')', '）'])).then_some((start, end))
}

/// If a bracket opens at byte `open` and closes on the same line: the byte range inside it,
/// and the byte offset just past the closing bracket.
fn bracket_at(text: &str, open: usize) -> Option<(std::ops::Range<usize>, usize)> {
    let rest = text.get(open..)?;
    let open_len = rest
        .chars()
        .next()
        .filter(|c| matches!(c, '(' | '（'))?
        .len_utf8();
    let close = rest.find([')', '）'])?;
    let close_len = rest[close..].chars().next().map_or(1, char::len_utf8);
    Some((open + open_len..open + close, open + close + close_len))
}

/// The people listed in `line.text[start..end]`: names separated by spaces or `、`, each list
/// introduced by a role word. `None` if anything there is not a name or a role, or no name is
/// given.
fn people_in(line: &Line, start: usize, end: usize, default_role: Role) -> Option<Vec<Person>> {
    let text = line.text.get(start..end)?;
    let mut role = default_role;
    let mut people = Vec::new();
    let tokens = text
        .split(|c: char| c.is_whitespace() || matches!(c, '、' | '，' | ','))
        .filter(|token| !token.is_empty());
    for token in tokens {
        let token_start = start + (token.as_ptr() as usize - text.as_ptr() as usize);
        let mut name = token;
        while let Some((word, word_role)) = ROLES.iter().find(|(word, _)| name.starts_with(word)) {
            role = *word_role;
            name = &name[word.len()..];
        }
        if name.is_empty() {
            continue;
        }
        if !is_name(name) {
            return None;
        }
        let name_start = token_start + (token.len() - name.len());
        people.push(Person {
            name: Span::new(
                line.char_at(name_start),
                line.char_at(name_start + name.len()),
            ),
            role,
        });
    }
    (!people.is_empty()).then_some(people)
}

/// True if `token` looks like a personal name: two to four Han characters, or a longer name
/// joined by `·`.
fn is_name(token: &str) -> bool {
    let is_dot = |c: char| matches!(c, '·' | '•' | '‧' | '・');
    let count = token.chars().count();
    let dotted = token.chars().any(is_dot);
    let fits = if dotted {
        count <= MAX_DOTTED_NAME
    } else {
        (2..=4).contains(&count)
    };
    fits && token.chars().all(|c| is_han(c) || is_dot(c))
        && token.chars().next().is_some_and(is_han)
        && token.chars().next_back().is_some_and(is_han)
}

/// True for CJK ideographs (the basic block and its extensions).
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{20000}'..='\u{2A6DF}'
        | '\u{2A700}'..='\u{2EBEF}'
        | '\u{30000}'..='\u{3134F}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{3007}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bulletin::lines::lines;

    fn line(text: &str) -> Line<'_> {
        lines(text)[0]
    }

    /// The characters of `text` at a span (the line starts at offset 0 in these tests).
    fn at(text: &str, span: Span) -> String {
        text.chars().skip(span.start).take(span.len()).collect()
    }

    fn names(text: &str, people: &[Person]) -> Vec<(String, Role)> {
        people.iter().map(|p| (at(text, p.name), p.role)).collect()
    }

    #[test]
    fn patterns_compile() {
        assert!(Regex::new(LEAD.as_str()).is_ok());
        assert!(LEAD.is_match("本报讯"));
        assert!(OWN_LINE.is_match("本报记者 甲"));
    }

    #[test]
    fn lead_byline_with_reporters_and_correspondents() {
        let text = "本报讯(记者 林晓舟 通讯员 苏念 方可)新区今年完成投资。";
        let (byline, body) = lead_byline(&line(text)).unwrap();
        assert_eq!(
            at(text, byline.span),
            "本报讯(记者 林晓舟 通讯员 苏念 方可)"
        );
        assert_eq!(&text[body..], "新区今年完成投资。");
        assert_eq!(at(text, byline.agency.unwrap()), "本报讯");
        assert_eq!(byline.dateline, None);
        assert_eq!(
            names(text, &byline.people),
            vec![
                ("林晓舟".into(), Role::Reporter),
                ("苏念".into(), Role::Correspondent),
                ("方可".into(), Role::Correspondent)
            ]
        );
        assert_eq!(byline.reporters().count(), 1);
        assert_eq!(byline.correspondents().count(), 2);
    }

    #[test]
    fn lead_byline_full_width_brackets_and_roles() {
        let text = "本报讯（特约记者 白川 实习生 罗一舟）近日，";
        let (byline, body) = lead_byline(&line(text)).unwrap();
        assert_eq!(
            at(text, byline.span),
            "本报讯（特约记者 白川 实习生 罗一舟）"
        );
        assert_eq!(&text[body..], "近日，");
        assert_eq!(
            names(text, &byline.people),
            vec![
                ("白川".into(), Role::SpecialReporter),
                ("罗一舟".into(), Role::Intern)
            ]
        );
        assert_eq!(byline.others().count(), 1);
    }

    #[test]
    fn lead_byline_without_names() {
        let text = "本报讯 连日来,街道组织开展走访。";
        let (byline, body) = lead_byline(&line(text)).unwrap();
        assert_eq!(at(text, byline.span), "本报讯");
        assert_eq!(&text[body..], "连日来,街道组织开展走访。");
        assert!(byline.people.is_empty());
    }

    #[test]
    fn agency_byline_with_dateline() {
        let text = "新华社北京12月5日电(记者 韩露)国家统计局今天发布数据。";
        let (byline, body) = lead_byline(&line(text)).unwrap();
        assert_eq!(at(text, byline.span), "新华社北京12月5日电(记者 韩露)");
        assert_eq!(at(text, byline.agency.unwrap()), "新华社");
        assert_eq!(at(text, byline.dateline.unwrap()), "北京12月5日");
        assert_eq!(
            names(text, &byline.people),
            vec![("韩露".into(), Role::Reporter)]
        );
        assert_eq!(&text[body..], "国家统计局今天发布数据。");
    }

    #[test]
    fn an_ordinary_sentence_is_not_a_byline() {
        assert!(lead_byline(&line("本报记者走访了供电公司。")).is_none());
        assert!(lead_byline(&line("报社组织记者采访。")).is_none());
        // A bracket after the agency that is not a list of names stays in the body.
        let text = "本报讯(据市统计局消息,全市增长5%)全市经济平稳。";
        let (byline, body) = lead_byline(&line(text)).unwrap();
        assert_eq!(at(text, byline.span), "本报讯");
        assert!(text[body..].starts_with("(据市统计局"));
    }

    #[test]
    fn own_line_bylines() {
        let text = "本报记者 林晓舟 通讯员 苏念";
        let byline = own_line_byline(&line(text)).unwrap();
        assert_eq!(at(text, byline.span), text);
        assert_eq!(at(text, byline.agency.unwrap()), "本报");
        assert_eq!(
            names(text, &byline.people),
            vec![
                ("林晓舟".into(), Role::Reporter),
                ("苏念".into(), Role::Correspondent)
            ]
        );
        let text = "□记者 方可";
        let byline = own_line_byline(&line(text)).unwrap();
        assert_eq!(byline.agency, None);
        assert_eq!(
            names(text, &byline.people),
            vec![("方可".into(), Role::Reporter)]
        );
        assert!(own_line_byline(&line("记者从市统计局获悉,全市经济平稳。")).is_none());
    }

    #[test]
    fn credit_forms() {
        let cases = [
            ("本报记者 林晓舟 摄", vec!["林晓舟"]),
            ("新华社记者 韩露 摄", vec!["韩露"]),
            ("苏念/摄", vec!["苏念"]),
            ("文/图 方可", vec!["方可"]),
            ("本报记者 林晓舟 通讯员 苏念 摄", vec!["林晓舟", "苏念"]),
            ("(本报记者 白川 摄)", vec!["白川"]),
        ];
        for (text, expected) in cases {
            let found = credit(&line(text)).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(at(text, found.span), text);
            let got: Vec<String> = found.people.iter().map(|p| at(text, p.name)).collect();
            assert_eq!(got, expected, "{text}");
        }
        assert!(credit(&line("他拿起相机拍摄")).is_none());
        assert!(credit(&line("市民在公园晨练,记者 林晓舟 摄")).is_none());
    }

    #[test]
    fn inline_credit_after_the_caption() {
        let text = "图为志愿者在社区义诊。本报记者 白川 摄";
        let (caption_end, found) = inline_credit(&line(text)).unwrap();
        assert_eq!(&text[..caption_end], "图为志愿者在社区义诊。");
        assert_eq!(at(text, found.span), "本报记者 白川 摄");
        assert!(inline_credit(&line("图为志愿者在社区义诊。")).is_none());
    }

    #[test]
    fn trailing_bylines() {
        let text = "(苏念 方可 罗一舟)";
        let found = trailing_byline(&line(text)).unwrap();
        let got: Vec<String> = found.people.iter().map(|p| at(text, p.name)).collect();
        assert_eq!(got, ["苏念", "方可", "罗一舟"]);
        let text = "（本报记者 白川 实习生 买买提·艾力）";
        let found = trailing_byline(&line(text)).unwrap();
        assert_eq!(
            names(text, &found.people),
            vec![
                ("白川".into(), Role::Reporter),
                ("买买提·艾力".into(), Role::Intern)
            ]
        );
        assert!(trailing_byline(&line("(完)")).is_none());
        assert!(trailing_byline(&line("(详见第3版)")).is_none());
        assert!(trailing_byline(&line("(上接第一版)")).is_none());
    }
}
