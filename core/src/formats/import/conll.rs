//! Reading CoNLL: one token (a character, in Chinese corpora) and its tag a line, separated
//! by a tab or spaces, a blank line between sentences; tags in IOB2 (`B-PER`, `I-PER`, `O`)
//! or BIOES (`S-`, `E-` too), told apart by the file itself.
//!
//! A file becomes pages of [`SENTENCES_PER_PAGE`] sentences, one sentence a line, tokens
//! joined as they are (no space is put between Chinese characters). A tag that breaks the
//! scheme — `I-LOC` after `O`, a BIOES `B-` never closed by `E-`, a tag of neither scheme — is
//! refused with its line, and the tokens it would have covered stay untagged.

use std::path::{Path, PathBuf};

use super::model::{Record, RecordSpan, Refusal, Target};
use crate::text::Span;

/// Sentences on each page made from a CoNLL file: a few hundred, as a newspaper page holds.
pub const SENTENCES_PER_PAGE: usize = 200;

/// A tag, split.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tag<'a> {
    Outside,
    Begin(&'a str),
    Inside(&'a str),
    End(&'a str),
    Single(&'a str),
}

fn parse_tag(tag: &str) -> Option<Tag<'_>> {
    if tag == "O" {
        return Some(Tag::Outside);
    }
    let (prefix, label) = tag.split_once('-')?;
    if label.is_empty() {
        return None;
    }
    match prefix {
        "B" => Some(Tag::Begin(label)),
        "I" | "M" => Some(Tag::Inside(label)),
        "E" => Some(Tag::End(label)),
        "S" => Some(Tag::Single(label)),
        _ => None,
    }
}

/// A span being read: its label, first character and the line of its first tag.
struct Open<'a> {
    label: &'a str,
    start: usize,
    line: usize,
}

/// The reader's state over one file.
struct Reader<'a> {
    file: &'a Path,
    stem: String,
    bioes: bool,
    records: Vec<Record>,
    refused: &'a mut Vec<Refusal>,
    text: String,
    chars: usize,
    sentences: usize,
    spans: Vec<RecordSpan>,
    open: Option<Open<'a>>,
    /// Inside a sentence (a token read since the last blank line).
    in_sentence: bool,
}

impl<'a> Reader<'a> {
    fn close(&mut self, end: usize) {
        if let Some(open) = self.open.take() {
            self.spans.push(RecordSpan::new(
                open.line,
                open.label,
                Span::new(open.start, end),
            ));
        }
    }

    /// A span that breaks the scheme: refused, never guessed.
    fn refuse_open(&mut self, why: &str) {
        if let Some(open) = self.open.take() {
            self.refused.push(Refusal::new(
                self.file,
                open.line,
                format!("the {} span starting here {why}; left out", open.label),
            ));
        }
    }

    fn end_sentence(&mut self) {
        if !self.in_sentence {
            return;
        }
        if self.bioes {
            self.refuse_open("is not closed by E-");
        } else {
            self.close(self.chars);
        }
        self.in_sentence = false;
        self.sentences += 1;
        if self.sentences == SENTENCES_PER_PAGE {
            self.finish_page();
        }
    }

    fn finish_page(&mut self) {
        if self.text.is_empty() {
            return;
        }
        self.text.push('\n');
        let n = self.records.len() + 1;
        self.records.push(Record {
            file: self.file.to_owned(),
            page: PathBuf::from(format!("{}-{n:03}.txt", self.stem)),
            text: std::mem::take(&mut self.text),
            target: Target::Own,
            spans: std::mem::take(&mut self.spans),
        });
        self.chars = 0;
        self.sentences = 0;
    }

    fn token(&mut self, line: usize, token: &str, tag: Tag<'a>) {
        if !self.in_sentence && !self.text.is_empty() {
            self.text.push('\n');
            self.chars += 1;
        }
        self.in_sentence = true;
        let start = self.chars;
        let same =
            |open: &Option<Open<'_>>, label: &str| open.as_ref().is_some_and(|o| o.label == label);
        match tag {
            Tag::Outside => {
                if self.bioes {
                    self.refuse_open("is not closed by E-");
                } else {
                    self.close(start);
                }
            }
            Tag::Begin(label) => {
                if self.bioes {
                    self.refuse_open("is not closed by E-");
                } else {
                    self.close(start);
                }
                self.open = Some(Open { label, start, line });
            }
            Tag::Single(label) => {
                self.refuse_open("is not closed by E-");
                self.open = Some(Open { label, start, line });
                self.close(start + token.chars().count());
            }
            Tag::Inside(label) if same(&self.open, label) => {}
            Tag::End(label) if self.bioes && same(&self.open, label) => {
                self.close(start + token.chars().count());
            }
            Tag::Inside(label) | Tag::End(label) => {
                if self.bioes {
                    self.refuse_open("is not closed by E-");
                } else {
                    self.close(start);
                }
                let prefix = if matches!(tag, Tag::End(_)) { "E" } else { "I" };
                self.refused.push(Refusal::new(
                    self.file,
                    line,
                    format!("{prefix}-{label} does not continue a {label} span begun by B-{label}; left out"),
                ));
            }
        }
        self.text.push_str(token);
        self.chars += token.chars().count();
    }
}

/// Reads a CoNLL file as pages of [`SENTENCES_PER_PAGE`] sentences.
pub(crate) fn read(file: &Path, text: &str, refused: &mut Vec<Refusal>) -> Vec<Record> {
    let bioes = text.lines().any(|line| {
        line.split_whitespace()
            .last()
            .is_some_and(|tag| tag.starts_with("E-") || tag.starts_with("S-"))
    });
    let stem = file
        .file_stem()
        .map_or_else(|| "conll".to_owned(), |s| s.to_string_lossy().into_owned());
    let mut reader = Reader {
        file,
        stem,
        bioes,
        records: Vec::new(),
        refused,
        text: String::new(),
        chars: 0,
        sentences: 0,
        spans: Vec::new(),
        open: None,
        in_sentence: false,
    };
    for (k, line) in text.lines().enumerate() {
        let line_number = k + 1;
        let fields: Vec<&str> = line.split_whitespace().collect();
        match fields.as_slice() {
            [] => reader.end_sentence(),
            [first, ..] if first.starts_with("-DOCSTART-") => reader.end_sentence(),
            [_] => reader.refused.push(Refusal::new(
                file,
                line_number,
                format!("{line:?} has no tag (a token and its tag, separated by a tab or a space)"),
            )),
            [token, .., tag] => {
                match parse_tag(tag) {
                    Some(parsed) => reader.token(line_number, token, parsed),
                    None => {
                        reader.refused.push(Refusal::new(
                        file,
                        line_number,
                        format!("the tag {tag:?} is neither IOB2 nor BIOES; the token is kept, untagged"),
                    ));
                        reader.token(line_number, token, Tag::Outside);
                    }
                }
            }
        }
    }
    reader.end_sentence();
    reader.finish_page();
    reader.records
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(record: &Record) -> Vec<(String, usize, usize, String)> {
        let chars: Vec<char> = record.text.chars().collect();
        record
            .spans
            .iter()
            .map(|s| {
                (
                    s.label.clone(),
                    s.span.start,
                    s.span.end,
                    chars[s.span.start..s.span.end].iter().collect(),
                )
            })
            .collect()
    }

    fn owned(spans: &[(&str, usize, usize, &str)]) -> Vec<(String, usize, usize, String)> {
        spans
            .iter()
            .map(|&(l, s, e, t)| (l.to_owned(), s, e, t.to_owned()))
            .collect()
    }

    #[test]
    fn iob2_with_tabs_or_spaces_becomes_one_sentence_a_line() {
        let text = "𠀀\tB-LOC\n水 I-LOC\n县  I-LOC\n😀 O\n林\tB-PER\n舟\tI-PER\n\n-DOCSTART- O\n\n甲 B-ORG\n乙 B-ORG\n";
        let mut refused = Vec::new();
        let records = read(Path::new("ner.conll"), text, &mut refused);
        assert_eq!(refused, []);
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].text, "𠀀水县😀林舟\n甲乙\n");
        assert_eq!(records[0].page, PathBuf::from("ner-001.txt"));
        assert_eq!(
            spans(&records[0]),
            owned(&[
                ("LOC", 0, 3, "𠀀水县"),
                ("PER", 4, 6, "林舟"),
                ("ORG", 7, 8, "甲"),
                ("ORG", 8, 9, "乙")
            ])
        );
        assert_eq!(records[0].spans[1].line, 5);
    }

    #[test]
    fn bioes_is_read_and_its_broken_spans_refused() {
        let text = "南 B-LOC\n京 E-LOC\n人 S-PER\n甲 B-ORG\n乙 O\n丙 E-LOC\n";
        let mut refused = Vec::new();
        let records = read(Path::new("b.txt"), text, &mut refused);
        assert_eq!(
            spans(&records[0]),
            owned(&[("LOC", 0, 2, "南京"), ("PER", 2, 3, "人")])
        );
        let said: Vec<String> = refused.iter().map(ToString::to_string).collect();
        assert_eq!(
            said,
            [
                "b.txt:4: the ORG span starting here is not closed by E-; left out",
                "b.txt:6: E-LOC does not continue a LOC span begun by B-LOC; left out"
            ]
        );
    }

    #[test]
    fn an_inside_tag_without_its_begin_and_a_foreign_tag_are_refused() {
        let text = "甲 O\n乙 I-PER\n丙 I-PER\n丁 X-PER\n戊\n";
        let mut refused = Vec::new();
        let records = read(Path::new("c.conll"), text, &mut refused);
        assert_eq!(records[0].text, "甲乙丙丁\n");
        assert_eq!(spans(&records[0]), []);
        let said: Vec<String> = refused.iter().map(ToString::to_string).collect();
        assert_eq!(
            said,
            [
                "c.conll:2: I-PER does not continue a PER span begun by B-PER; left out",
                "c.conll:3: I-PER does not continue a PER span begun by B-PER; left out",
                "c.conll:4: the tag \"X-PER\" is neither IOB2 nor BIOES; the token is kept, untagged",
                "c.conll:5: \"戊\" has no tag (a token and its tag, separated by a tab or a space)",
            ]
        );
    }

    #[test]
    fn many_sentences_make_pages_of_a_few_hundred() {
        let text = "甲 B-PER\n乙 O\n\n".repeat(SENTENCES_PER_PAGE * 2 + 1);
        let mut refused = Vec::new();
        let records = read(Path::new("big.conll"), &text, &mut refused);
        assert_eq!(records.len(), 3);
        assert_eq!(records[0].text.lines().count(), SENTENCES_PER_PAGE);
        assert_eq!(records[0].spans.len(), SENTENCES_PER_PAGE);
        assert_eq!(records[2].text, "甲乙\n");
        assert_eq!(records[1].spans[1].span, Span::new(3, 4));
    }
}
