//! Staff lines: the editors, designers and proofreaders of a story or page, such as
//! `责编：甲乙 校对：丙丁` or `（责任编辑：甲乙）`.
//!
//! A staff line is one or more entries, each a role word, a colon (or a space) and names; it
//! has nothing else, so a sentence that merely mentions an editor is never one.

use std::ops::Range;

use super::byline::{MAX_BYLINE_LINE, strip_brackets};
use super::lines::Line;
use super::model::Staff;
use super::people::{is_separator, split_names};
use crate::text::Span;

/// Role words of staff lines, longest first.
const STAFF_ROLES: &[&str] = &[
    "本版责任编辑",
    "本版责编",
    "值班编辑",
    "责任编辑",
    "责任校对",
    "版面编辑",
    "美术编辑",
    "值班主任",
    "审核",
    "审校",
    "终审",
    "二审",
    "三审",
    "责编",
    "编辑",
    "校对",
    "美编",
    "组版",
    "版式",
    "排版",
    "监制",
    "统筹",
];

/// Characters dividing entries besides spaces.
const DIVIDERS: &[char] = &['|', '｜', '丨'];

/// One entry while it is read: byte ranges in the line.
struct Entry {
    role: Range<usize>,
    end: usize,
    names: Vec<Range<usize>>,
}

/// The entries of a staff line, if `line` (simplified) is one.
pub fn staff_line(line: &Line) -> Option<Vec<Staff>> {
    if line.char_len > MAX_BYLINE_LINE {
        return None;
    }
    let text = line.text;
    let (inner_start, inner_end) = strip_brackets(text).unwrap_or((0, text.len()));
    let mut entries: Vec<Entry> = Vec::new();
    let inner = &text[inner_start..inner_end];
    let tokens = inner
        .split(|c: char| is_separator(c) || DIVIDERS.contains(&c))
        .filter(|token| !token.is_empty());
    for token in tokens {
        let at = inner_start + (token.as_ptr() as usize - inner.as_ptr() as usize);
        let mut names = token;
        if let Some(role) = STAFF_ROLES.iter().find(|role| token.starts_with(**role)) {
            names = token[role.len()..].trim_start_matches(['：', ':']);
            entries.push(Entry {
                role: at..at + role.len(),
                end: at,
                names: Vec::new(),
            });
        }
        if names.is_empty() {
            continue;
        }
        let entry = entries.last_mut()?;
        let names_at = at + token.len() - names.len();
        for (from, to) in split_names(names)? {
            entry.names.push(names_at + from..names_at + to);
        }
        entry.end = at + token.len();
    }
    let last = entries.len().checked_sub(1)?;
    let span = |range: Range<usize>| Span::new(line.char_at(range.start), line.char_at(range.end));
    let mut out = Vec::with_capacity(entries.len());
    for (n, entry) in entries.into_iter().enumerate() {
        if entry.names.is_empty() {
            return None;
        }
        // The line's brackets go to its first and last entries.
        let start = if n == 0 { 0 } else { entry.role.start };
        let end = if n == last { text.len() } else { entry.end };
        out.push(Staff {
            span: span(start..end),
            role: span(entry.role),
            names: entry.names.into_iter().map(span).collect(),
        });
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bulletin::lines::lines;

    fn entries(text: &str) -> Option<Vec<(String, String, Vec<String>)>> {
        let at =
            |span: Span| -> String { text.chars().skip(span.start).take(span.len()).collect() };
        let found = staff_line(&lines(text)[0])?;
        Some(
            found
                .into_iter()
                .map(|s| {
                    (
                        at(s.span),
                        at(s.role),
                        s.names.into_iter().map(at).collect(),
                    )
                })
                .collect(),
        )
    }

    fn entry(whole: &str, role: &str, names: &[&str]) -> (String, String, Vec<String>) {
        (
            whole.to_owned(),
            role.to_owned(),
            names.iter().map(|n| (*n).to_owned()).collect(),
        )
    }

    #[test]
    fn roles_and_names() {
        assert_eq!(
            entries("责编：林晓舟 校对：苏念"),
            Some(vec![
                entry("责编：林晓舟", "责编", &["林晓舟"]),
                entry("校对：苏念", "校对", &["苏念"])
            ])
        );
        assert_eq!(
            entries("（责任编辑：方可、罗一舟）"),
            Some(vec![entry(
                "（责任编辑：方可、罗一舟）",
                "责任编辑",
                &["方可", "罗一舟"]
            )])
        );
        assert_eq!(
            entries("编辑 白川｜美编 苏念"),
            Some(vec![
                entry("编辑 白川", "编辑", &["白川"]),
                entry("美编 苏念", "美编", &["苏念"])
            ])
        );
    }

    #[test]
    fn sentences_are_not_staff_lines() {
        assert_eq!(entries("编辑部收到读者来信。"), None);
        assert_eq!(entries("责编："), None);
        assert_eq!(entries("林晓舟 苏念"), None);
        assert_eq!(entries("编辑：林晓舟 说明了情况"), None);
    }
}
