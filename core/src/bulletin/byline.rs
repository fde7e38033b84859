//! Recognizing bylines, photo credits and trailing bylines, and the people they name.
//!
//! Each function looks at one trimmed [`Line`] and either recognizes its form completely or says
//! no; none of them decides where on the page the line stands (that is the segmenter's job).
//! Lines are read in simplified script ([`crate::text::script`]): 本報訊 is 本报讯.

use std::sync::LazyLock;

use regex::Regex;

use super::lines::Line;
use super::model::{Byline, BylinePlacement, Credit, Role, TrailingByline};
use super::people::{self, people_in};
use crate::text::Span;
use crate::text::script::simplified;

/// Characters that end or divide a sentence; a byline, credit or kicker has none of them.
pub const SENTENCE_PUNCTUATION: &[char] = &[
    '。', '！', '？', '!', '?', '；', ';', '，', ',', '：', ':', '、',
];

/// Longest line taken as an own-line byline or a credit, in code points.
pub const MAX_BYLINE_LINE: usize = 60;

/// `本报讯`, `【本报讯】`, `新华社北京12月5日电`, `据新华社电`, `本报郑州讯`, `南岭日报讯`… at
/// the start of a paragraph.
static LEAD: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^(?P<open>【)?(?:据)?(?P<agency>本报|新华社|中新社|中新网|人民网|央视网|\p{Han}{1,6}?(?:报|社|台|网))(?P<dateline>\p{Han}{0,6}?(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})月(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})日|\p{Han}{2,5}?)?(?P<kind>电|讯)(?P<close>】)?",
    )
});

/// Marks that may stand before an own-line byline: `□记者 …`.
const OWN_LINE_MARKS: &[char] = &['□', '■', '◎', '●', '☆', '★', '◇', '◆', '▲', '△'];

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
    let folded = simplified(line.text);
    let line = &line.with_text(&folded);
    let text = line.text;
    let caps = LEAD.captures(text)?;
    let kind = caps.name("kind")?;
    let agency = caps.name("agency")?;
    if caps.name("open").is_some() != caps.name("close").is_some() {
        return None;
    }
    let head_end = caps.name("close").unwrap_or(kind).end();
    let dateline = caps.name("dateline");
    let after = &text[head_end..];
    let separated = after.is_empty()
        || after.starts_with(|c: char| c.is_whitespace() || matches!(c, '(' | '（' | '【'));
    if dateline.is_some() && !separated {
        return None;
    }
    let mut end = head_end;
    let mut people = Vec::new();
    let open = head_end + (after.len() - after.trim_start().len());
    if let Some((inner, close_end)) = bracket_at(text, open)
        && let Some(found) = people_in(line, inner.start, inner.end, Role::Unspecified)
    {
        people = found;
        end = close_end;
    }
    let agency_end = if dateline.is_some() {
        agency.end()
    } else {
        kind.end()
    };
    let body_start = end + (text[end..].len() - text[end..].trim_start().len());
    let byline = Byline {
        span: Span::new(line.char_start, line.char_at(end)),
        placement: BylinePlacement::Lead,
        agency: Some(Span::new(
            line.char_at(agency.start()),
            line.char_at(agency_end),
        )),
        dateline: dateline.map(|m| Span::new(line.char_at(m.start()), line.char_at(m.end()))),
        people,
    };
    Some((byline, body_start))
}

/// A byline standing alone on its line: `本报记者 甲乙 通讯员 丙丁`, `□记者 甲乙`,
/// `本报记者 甲乙 通讯员 丙丁 文/图`, `记者 甲乙 摄影`, `文/甲乙 图/丙丁`, `记者甲乙丙丁戊`,
/// names divided by `、`.
pub fn own_line_byline(line: &Line) -> Option<Byline> {
    let folded = simplified(line.text);
    let line = &line.with_text(&folded);
    let text = line.text;
    if line.char_len > MAX_BYLINE_LINE
        || text.contains(|c| c != '、' && SENTENCE_PUNCTUATION.contains(&c))
    {
        return None;
    }
    let after_mark = text.trim_start_matches(OWN_LINE_MARKS);
    let people_start = text.len() - after_mark.trim_start().len();
    let rest = &text[people_start..];
    people::role_prefix(rest)?;
    let agency = people::AGENCIES
        .iter()
        .find(|agency| rest.starts_with(**agency))
        .map(|agency| {
            Span::new(
                line.char_at(people_start),
                line.char_at(people_start + agency.len()),
            )
        });
    let people = people_in(line, people_start, text.len(), Role::Unspecified)?;
    Some(Byline {
        span: Span::new(line.char_start, line.char_end()),
        placement: BylinePlacement::OwnLine,
        agency,
        dateline: None,
        people,
    })
}

/// A photo credit filling the whole line: `本报记者 甲乙 摄`, `甲乙/摄`, `文/图 甲乙`,
/// optionally in brackets. `line` is read as it is: the segmenter passes it simplified.
pub fn credit(line: &Line) -> Option<Credit> {
    if line.char_len > MAX_BYLINE_LINE {
        return None;
    }
    credit_in(line, 0, line.text.len())
}

/// A credit written at the end of a caption line, after its last sentence:
/// `图为…现场。本报记者 甲乙 摄`. Returns the byte offset where the caption text ends.
pub fn inline_credit(line: &Line) -> Option<(usize, Credit)> {
    if !line.text.ends_with(['摄', '攝', ')', '）']) {
        return None;
    }
    let folded = simplified(line.text);
    let line = &line.with_text(&folded);
    let text = line.text;
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

/// A closing line of names in brackets: `(甲乙 丙丁 戊己)`, `（本报记者 甲乙/文 丙丁/图）`,
/// `（记者/甲乙 通讯员/丙丁）`. `line` is read as it is: the segmenter passes it simplified.
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
pub fn strip_brackets(text: &str) -> Option<(usize, usize)> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bulletin::lines::lines;
    use crate::bulletin::model::Person;

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
        assert!(LEAD.is_match("【本报讯】"));
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
