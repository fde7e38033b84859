//! The people a byline, credit or staff line lists: role words, names, and the marks around
//! them.
//!
//! A list is made of tokens divided by spaces (full-width too), `、` or commas. A token may start
//! with role words (`本报记者`, `全媒体记者`, `通讯员/`), may end with the part a name played
//! (`甲乙/文`, `丙丁/图`), may be a bare mark (`文/图`, `摄影`, `报道`), and otherwise is one
//! name or several run together (`余海蓉徐棣军`). Everything is read on the simplified text of
//! the line ([`crate::text::script`]), so 記者 and 通訊員 are roles too.

use super::lines::Line;
use super::model::{Person, Role};
use crate::text::Span;

/// Common surnames, most common first; a name split out of a run of names starts with one.
pub const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝楚诸萧";

/// Role words, longest first so that `特约记者` is not read as `记者`. A word ending in `/`
/// needs it (`文/甲乙`): `文` alone starts names such as 文静.
pub const ROLES: &[(&str, Role)] = &[
    ("全媒体记者", Role::Reporter),
    ("融媒体记者", Role::Reporter),
    ("特约通讯员", Role::Correspondent),
    ("特约记者", Role::SpecialReporter),
    ("见习记者", Role::Reporter),
    ("摄影记者", Role::Reporter),
    ("首席记者", Role::Reporter),
    ("实习记者", Role::Intern),
    ("通讯员", Role::Correspondent),
    ("实习生", Role::Intern),
    ("记者", Role::Reporter),
    ("摄影/", Role::Photographer),
    ("摄影／", Role::Photographer),
    ("文/", Role::Writer),
    ("文／", Role::Writer),
    ("图/", Role::Photographer),
    ("图／", Role::Photographer),
];

/// Agencies written before a role word: `本报记者`, `新华社记者`.
pub const AGENCIES: &[&str] = &["本报", "新华社", "中新社", "人民日报"];

/// Tokens that say what the people did, not who they are: `文/图`, `摄影`, `报道`.
const MARKS: &[&str] = &[
    "文/图",
    "图/文",
    "文／图",
    "图／文",
    "文图",
    "图文",
    "摄影",
    "摄",
    "文",
    "图",
    "报道",
    "整理",
    "编译",
    "采写",
];

/// What a name did, written after it: `甲乙/文`, `丙丁/图`.
const AFTER_NAME: &[(&str, Role)] = &[
    ("/文", Role::Writer),
    ("／文", Role::Writer),
    ("/图", Role::Photographer),
    ("／图", Role::Photographer),
    ("/摄影", Role::Photographer),
    ("／摄影", Role::Photographer),
    ("/摄", Role::Photographer),
    ("／摄", Role::Photographer),
];

/// Longest name accepted with a `·` in it (`买买提·艾力`); other names have two to four
/// characters.
const MAX_DOTTED_NAME: usize = 12;
/// Longest run of names written together that is split (`余海蓉徐棣军`: six).
const MAX_RUN: usize = 12;

/// True if a token separator: a space of any width, `、` or a comma.
pub fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '、' | '，' | ',')
}

/// The role words (and the agency before them) at the start of `token`, the role they give and
/// the byte length they take, slashes after them included (`记者/`).
pub fn role_prefix(token: &str) -> Option<(Role, usize)> {
    let mut rest = token;
    let mut role = None;
    loop {
        let after_agency = AGENCIES
            .iter()
            .find_map(|agency| rest.strip_prefix(agency))
            .filter(|after| ROLES.iter().any(|(word, _)| after.starts_with(word)))
            .unwrap_or(rest);
        let Some((word, found)) = ROLES
            .iter()
            .find(|(word, _)| after_agency.starts_with(word))
        else {
            break;
        };
        role = Some(*found);
        rest = after_agency[word.len()..].trim_start_matches(['/', '／']);
    }
    role.map(|role| (role, token.len() - rest.len()))
}

/// The people listed in `line.text[start..end]`; `None` if anything there is not a name, a
/// role or a mark, or no name is given. `line.text` is the simplified text of the line.
pub fn people_in(line: &Line, start: usize, end: usize, default_role: Role) -> Option<Vec<Person>> {
    let text = line.text.get(start..end)?;
    let mut role = default_role;
    let mut people = Vec::new();
    for token in text.split(is_separator).filter(|token| !token.is_empty()) {
        let token_start = start + (token.as_ptr() as usize - text.as_ptr() as usize);
        let (token_role, skip) = role_prefix(token).unwrap_or((role, 0));
        let mut name = &token[skip..];
        if name.is_empty() {
            role = token_role;
            continue;
        }
        if MARKS.contains(&name) {
            continue;
        }
        role = token_role;
        let mut name_role = role;
        if let Some((suffix, played)) = AFTER_NAME.iter().find(|(s, _)| name.ends_with(s)) {
            name = &name[..name.len() - suffix.len()];
            name_role = *played;
        }
        // A name glued to its role word starts with a surname: `记者了解到` is a sentence.
        let glued = skip > 0 && !token[..skip].ends_with(['/', '／']);
        let surname_first = name.chars().next().and_then(surname_rank).is_some();
        if glued && !surname_first {
            return None;
        }
        let name_start = token_start + skip;
        for (from, to) in split_names(name)? {
            people.push(Person {
                name: Span::new(
                    line.char_at(name_start + from),
                    line.char_at(name_start + to),
                ),
                role: name_role,
            });
        }
    }
    (!people.is_empty()).then_some(people)
}

/// The byte ranges of the names in `token`: the token itself if it is one name, else the way
/// of cutting a run of five or more Han characters into names of two or three that each start
/// with a surname, the most common surnames winning (`余海蓉徐棣军` → 余海蓉, 徐棣军). A token of
/// four stays one name: two names of two cannot be told from one of four.
pub fn split_names(token: &str) -> Option<Vec<(usize, usize)>> {
    if is_name(token) {
        return Some(vec![(0, token.len())]);
    }
    let chars: Vec<(usize, char)> = token.char_indices().collect();
    if !(5..=MAX_RUN).contains(&chars.len()) || !chars.iter().all(|&(_, c)| is_han(c)) {
        return None;
    }
    let mut best: Option<(usize, Vec<usize>)> = None;
    let mut cuts = Vec::new();
    cut_run(&chars, 0, 0, &mut cuts, &mut best);
    let (_, cuts) = best?;
    let byte = |k: usize| chars.get(k).map_or(token.len(), |&(at, _)| at);
    let mut start = 0;
    let mut out = Vec::new();
    for &end in &cuts {
        out.push((byte(start), byte(end)));
        start = end;
    }
    Some(out)
}

/// Tries every cut of `chars[at..]` into names of two or three characters starting with a
/// surname; keeps in `best` the cut whose surnames are most common (lowest total rank), then
/// the one with fewer names.
fn cut_run(
    chars: &[(usize, char)],
    at: usize,
    rank: usize,
    cuts: &mut Vec<usize>,
    best: &mut Option<(usize, Vec<usize>)>,
) {
    if at == chars.len() {
        let better = best.as_ref().is_none_or(|(best_rank, best_cuts)| {
            (rank, cuts.len()) < (*best_rank, best_cuts.len())
        });
        if better {
            *best = Some((rank, cuts.clone()));
        }
        return;
    }
    let Some(surname) = surname_rank(chars[at].1) else {
        return;
    };
    for len in [3, 2] {
        if at + len <= chars.len() {
            cuts.push(at + len);
            cut_run(chars, at + len, rank + surname, cuts, best);
            cuts.pop();
        }
    }
}

/// Where `c` stands among the common surnames, if it is one.
fn surname_rank(c: char) -> Option<usize> {
    SURNAMES.chars().position(|s| s == c)
}

/// True if `token` looks like a personal name: two to four Han characters, or a longer name
/// joined by `·`.
pub fn is_name(token: &str) -> bool {
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

/// True for CJK ideographs (the basic block and its extensions, the compatibility forms and
/// their supplement) and 〇: one definition for the segmenter and the proofreading checks.
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{20000}'..='\u{2A6DF}'
        | '\u{2A700}'..='\u{2EBEF}'
        | '\u{2F800}'..='\u{2FA1F}'
        | '\u{30000}'..='\u{3134F}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{3007}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bulletin::lines::lines;

    fn listed(text: &str) -> Vec<(String, Role)> {
        let line = lines(text)[0];
        let people = people_in(&line, 0, text.len(), Role::Unspecified).unwrap_or_default();
        people
            .iter()
            .map(|p| {
                let name = text.chars().skip(p.name.start).take(p.name.len()).collect();
                (name, p.role)
            })
            .collect()
    }

    fn pairs(expected: &[(&str, Role)]) -> Vec<(String, Role)> {
        expected.iter().map(|&(n, r)| (n.to_owned(), r)).collect()
    }

    #[test]
    fn names_run_together_are_cut_at_surnames() {
        assert_eq!(
            listed("记者余海蓉徐棣军"),
            pairs(&[("余海蓉", Role::Reporter), ("徐棣军", Role::Reporter)])
        );
        // 李 is a commoner surname than 明: 王芳 李明华, not 王芳李 明华.
        assert_eq!(
            listed("通讯员王芳李明华"),
            pairs(&[
                ("王芳", Role::Correspondent),
                ("李明华", Role::Correspondent)
            ])
        );
        assert_eq!(
            listed("记者林晓舟"),
            pairs(&[("林晓舟", Role::Reporter)]),
            "one name stays whole"
        );
        assert!(listed("记者落实了这件事情").is_empty(), "not names");
    }

    #[test]
    fn roles_marks_and_what_a_name_did() {
        assert_eq!(
            listed("本报全媒体记者 方可、苏念 见习记者 罗一舟"),
            pairs(&[
                ("方可", Role::Reporter),
                ("苏念", Role::Reporter),
                ("罗一舟", Role::Reporter)
            ])
        );
        assert_eq!(
            listed("本报记者 白川/文 林晓舟/图"),
            pairs(&[("白川", Role::Writer), ("林晓舟", Role::Photographer)])
        );
        assert_eq!(
            listed("记者/白川 通讯员/苏念"),
            pairs(&[("白川", Role::Reporter), ("苏念", Role::Correspondent)])
        );
        assert_eq!(
            listed("文/白川 图/林晓舟"),
            pairs(&[("白川", Role::Writer), ("林晓舟", Role::Photographer)])
        );
        assert_eq!(
            listed("本报记者 白川 通讯员 苏念 文/图"),
            pairs(&[("白川", Role::Reporter), ("苏念", Role::Correspondent)])
        );
        assert_eq!(
            listed("记者\u{3000}白川\u{3000}摄影"),
            pairs(&[("白川", Role::Reporter)])
        );
        assert_eq!(listed("记者 文静"), pairs(&[("文静", Role::Reporter)]));
    }
}
