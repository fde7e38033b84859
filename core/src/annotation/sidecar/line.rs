//! An annotation's line of a sidecar, written and read directly for the common case, byte
//! for byte as the RON serializer writes it and value for value as the RON parser reads it.
//!
//! A sidecar holds thousands of annotations and is read whenever its page opens and written
//! at every save; through the general RON machinery, 20 000 of them took about 50 ms each
//! way (every field name checked against Unicode tables, every value through serde's
//! visitors). Here the fields are written and read in the fixed order of
//! [`to_ron`](super::to_ron) with their known spellings. Anything else — a figure's
//! attributes, an adjudication, fields a newer copydesk wrote, a control character where it
//! would need the escaping serializer, any spelling this reader does not expect — is left to
//! RON: [`write()`] returns `false` and [`read`] `None`, and the caller uses the general path.
//! Tests check both against RON on the same annotations.

use std::fmt::Write as _;

use jiff::Timestamp;

use crate::annotation::metric::{Change, Direction, Metric};
use crate::annotation::model::{Anchor, Annotation, AnnotationId, Origin, Status};

/// Appends `annotation` as its line (without indent or the comma after it), as the RON
/// serializer would; `false`, with nothing appended, if it is not in the simple form.
pub(super) fn write(annotation: &Annotation, out: &mut String) -> bool {
    is_simple(annotation) && write_fields(annotation, out).is_ok()
}

/// The fields of [`write()`] (writing to a string cannot fail).
fn write_fields(a: &Annotation, out: &mut String) -> std::fmt::Result {
    out.push_str("(id: ");
    string(out, &a.id.0);
    out.push_str(", label: ");
    string(out, &a.label);
    write!(out, ", start: {}, end: {}, quote: ", a.start, a.end)?;
    string(out, &a.quote);
    out.push_str(", prefix: ");
    string(out, &a.prefix);
    out.push_str(", suffix: ");
    string(out, &a.suffix);
    out.push_str(", status: ");
    out.push_str(status_name(a.status));
    out.push_str(", origin: ");
    match origin_parts(&a.origin) {
        (variant, None) => out.push_str(variant),
        (variant, Some(name)) => {
            out.push_str(variant);
            out.push('(');
            string(out, name);
            out.push(')');
        }
    }
    out.push_str(", author: ");
    string(out, &a.author);
    write!(
        out,
        ", created: \"{}\", modified: \"{}\"",
        a.created, a.modified
    )?;
    if let Some(note) = &a.note {
        some_string(out, "note", note);
    }
    if let Some(metric) = &a.metric {
        write_metric(out, metric)?;
    }
    if let Some(correction) = &a.correction {
        some_string(out, "correction", correction);
    }
    if a.anchor != Anchor::Exact {
        out.push_str(", anchor: ");
        out.push_str(anchor_name(a.anchor));
    }
    if let Some(check) = &a.check {
        some_string(out, "check", check);
    }
    if let Some(confidence) = a.confidence {
        write!(out, ", confidence: Some({confidence:?})")?;
    }
    out.push(')');
    Ok(())
}

/// No figure, adjudication or unknown field, and control characters only where they are
/// escaped in place: in free text written as a plain `"…"` string.
fn is_simple(a: &Annotation) -> bool {
    let has_control = |text: &str| text.chars().any(char::is_control);
    let metric = a.metric.as_deref();
    let bare = [&a.id.0, &a.label, &a.author]
        .into_iter()
        .chain(origin_parts(&a.origin).1)
        .chain(a.check.as_ref())
        .chain(metric.into_iter().flat_map(metric_strings));
    let free = [&a.quote, &a.prefix, &a.suffix]
        .into_iter()
        .chain(a.note.as_ref())
        .chain(a.correction.as_ref());
    metric.is_none_or(|m| [m.number, m.upper].iter().flatten().all(|n| n.is_finite()))
        && a.decided.is_none()
        && a.unknown.is_empty()
        && a.confidence.is_none_or(f32::is_finite)
        && !bare.into_iter().any(|text| has_control(text))
        && !free
            .into_iter()
            .any(|text| has_control(text) && text.contains(['"', '\\']))
}

/// The strings of a figure's attributes.
fn metric_strings(m: &Metric) -> impl Iterator<Item = &String> {
    [&m.unit, &m.approx, &m.indicator, &m.period]
        .into_iter()
        .flatten()
        .chain([&m.value])
        .chain(m.change.iter().flat_map(|c| [&c.phrase, &c.figure]))
}

/// `, metric: Some((…))`, every attribute written, as the derived serializer does.
fn write_metric(out: &mut String, m: &Metric) -> std::fmt::Result {
    out.push_str(", metric: Some((value: ");
    string(out, &m.value);
    for (name, number) in [("number", m.number), ("upper", m.upper)] {
        match number {
            Some(number) => write!(out, ", {name}: Some({number:?})")?,
            None => write!(out, ", {name}: None")?,
        }
    }
    write!(out, ", scale: {}", m.scale)?;
    let texts = [
        ("unit", &m.unit),
        ("approx", &m.approx),
        ("indicator", &m.indicator),
        ("period", &m.period),
    ];
    for (name, text) in texts {
        match text {
            Some(text) => some_string(out, name, text),
            None => write!(out, ", {name}: None")?,
        }
    }
    match &m.change {
        Some(change) => {
            out.push_str(", change: Some((phrase: ");
            string(out, &change.phrase);
            out.push_str(", direction: ");
            out.push_str(direction_name(change.direction));
            out.push_str(", figure: ");
            string(out, &change.figure);
            out.push_str("))");
        }
        None => out.push_str(", change: None"),
    }
    out.push_str("))");
    Ok(())
}

fn direction_name(direction: Direction) -> &'static str {
    match direction {
        Direction::Up => "Up",
        Direction::Down => "Down",
        Direction::Unknown => "Unknown",
    }
}

/// `, NAME: Some("…")`.
fn some_string(out: &mut String, name: &str, text: &str) {
    out.push_str(", ");
    out.push_str(name);
    out.push_str(": Some(");
    string(out, text);
    out.push(')');
}

/// A string as the unescaping RON serializer writes it: raw (`r#"…"#`, with more hashes than
/// the text's longest run) where it holds a quote or a backslash, else plain, with control
/// characters escaped as Rust escapes them.
fn string(out: &mut String, text: &str) {
    if text.contains(['"', '\\']) {
        let mut run = 0;
        let mut longest = 0;
        for c in text.chars() {
            run = if c == '#' { run + 1 } else { 0 };
            longest = longest.max(run);
        }
        let hashes = "#".repeat(longest + 1);
        out.push('r');
        out.push_str(&hashes);
        out.push('"');
        out.push_str(text);
        out.push('"');
        out.push_str(&hashes);
        return;
    }
    out.push('"');
    escaping_controls(out, text);
    out.push('"');
}

/// Appends `text` with its control characters escaped as Rust escapes them (`\n`, `\u{1b}`),
/// as the escaping serializer would, and every other character as it is.
pub(super) fn escaping_controls(out: &mut String, text: &str) {
    if !text.chars().any(char::is_control) {
        out.push_str(text);
        return;
    }
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
}

fn status_name(status: Status) -> &'static str {
    match status {
        Status::Suggested => "Suggested",
        Status::Accepted => "Accepted",
        Status::Rejected => "Rejected",
    }
}

fn anchor_name(anchor: Anchor) -> &'static str {
    match anchor {
        Anchor::Exact => "Exact",
        Anchor::Moved => "Moved",
        Anchor::Fuzzy => "Fuzzy",
        Anchor::Orphaned => "Orphaned",
    }
}

/// The variant's name and the name it holds.
fn origin_parts(origin: &Origin) -> (&'static str, Option<&String>) {
    match origin {
        Origin::Manual => ("Manual", None),
        Origin::Rule(name) => ("Rule", Some(name)),
        Origin::Import(name) => ("Import", Some(name)),
        Origin::Model(name) => ("Model", Some(name)),
    }
}

/// Reads the annotation at the start of `text`, written as [`write()`] writes it; with it, how
/// many bytes it took. `None` if it is written any other way (RON then reads it).
pub(super) fn read(text: &str) -> Option<(Annotation, usize)> {
    let mut at = Cursor { text, at: 0 };
    let id = AnnotationId(at.field("(id: ", Cursor::string)?);
    let label = at.field(", label: ", Cursor::string)?;
    let start = at.field(", start: ", Cursor::number)?;
    let end = at.field(", end: ", Cursor::number)?;
    let quote = at.field(", quote: ", Cursor::string)?;
    let prefix = at.field(", prefix: ", Cursor::string)?;
    let suffix = at.field(", suffix: ", Cursor::string)?;
    at.expect(", status: ")?;
    let status = match at.word() {
        "Suggested" => Status::Suggested,
        "Accepted" => Status::Accepted,
        "Rejected" => Status::Rejected,
        _ => return None,
    };
    at.expect(", origin: ")?;
    let origin = match at.word() {
        "Manual" => Origin::Manual,
        variant => {
            at.expect("(")?;
            let name = at.string()?;
            at.expect(")")?;
            match variant {
                "Rule" => Origin::Rule(name),
                "Import" => Origin::Import(name),
                "Model" => Origin::Model(name),
                _ => return None,
            }
        }
    };
    let author = at.field(", author: ", Cursor::string)?;
    let created = at.field(", created: ", Cursor::timestamp)?;
    let modified = at.field(", modified: ", Cursor::timestamp)?;
    let mut annotation = Annotation {
        id,
        label,
        start,
        end,
        quote,
        prefix,
        suffix,
        status,
        origin,
        author,
        created,
        modified,
        note: None,
        metric: None,
        correction: None,
        anchor: Anchor::Exact,
        decided: None,
        check: None,
        confidence: None,
        unknown: Default::default(),
    };
    optional_fields(&mut at, &mut annotation)?;
    at.expect(")")?;
    Some((annotation, at.at))
}

/// The optional fields, each at most once and in the order they are written.
fn optional_fields(at: &mut Cursor<'_>, a: &mut Annotation) -> Option<()> {
    let mut next = 0;
    while at.expect(", ").is_some() {
        let name = at.word();
        at.expect(": ")?;
        let place = match name {
            "note" => {
                a.note = Some(at.some(Cursor::string)?);
                0
            }
            "metric" => {
                a.metric = Some(Box::new(at.some(Cursor::metric)?));
                1
            }
            "correction" => {
                a.correction = Some(at.some(Cursor::string)?);
                2
            }
            "anchor" => {
                a.anchor = match at.word() {
                    "Moved" => Anchor::Moved,
                    "Fuzzy" => Anchor::Fuzzy,
                    "Orphaned" => Anchor::Orphaned,
                    _ => return None,
                };
                3
            }
            "check" => {
                a.check = Some(at.some(Cursor::string)?);
                4
            }
            "confidence" => {
                a.confidence = Some(at.some(Cursor::float).filter(|f: &f32| f.is_finite())?);
                5
            }
            _ => return None,
        };
        if place < next {
            return None;
        }
        next = place + 1;
    }
    Some(())
}

/// A place in the text being read.
struct Cursor<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a [u8] {
        self.text.as_bytes().get(self.at..).unwrap_or_default()
    }

    /// Steps over `literal`, or `None` if the text does not go on with it.
    fn expect(&mut self, literal: &str) -> Option<()> {
        if self.rest().starts_with(literal.as_bytes()) {
            self.at += literal.len();
            Some(())
        } else {
            None
        }
    }

    /// The ASCII letters here (a variant's or a field's name; empty if none).
    fn word(&mut self) -> &'a str {
        let length = self
            .rest()
            .iter()
            .take_while(|b| b.is_ascii_alphabetic())
            .count();
        let word = self.text.get(self.at..self.at + length).unwrap_or_default();
        self.at += length;
        word
    }

    /// A count written in decimal without a leading zero, as the serializer writes it.
    fn number<N: std::str::FromStr>(&mut self) -> Option<N> {
        let digits = self
            .rest()
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let text = self.text.get(self.at..self.at + digits)?;
        if text.is_empty() || (text.len() > 1 && text.starts_with('0')) {
            return None;
        }
        self.at += digits;
        text.parse().ok()
    }

    /// A finite number as `{:?}` writes a float: digits with a point, perhaps an exponent,
    /// perhaps a sign.
    fn float<F: std::str::FromStr>(&mut self) -> Option<F> {
        let length = self
            .rest()
            .iter()
            .take_while(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'-'))
            .count();
        let text = self.text.get(self.at..self.at + length)?;
        let digits = text.strip_prefix('-').unwrap_or(text);
        if !text.contains(['.', 'e']) || !digits.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        self.at += length;
        text.parse().ok()
    }

    /// `None`, or `Some(…)` around what `read` reads.
    fn option<T>(&mut self, read: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        if self.expect("None").is_some() {
            return Some(None);
        }
        self.some(read).map(Some)
    }

    /// A figure's attributes as [`write_metric`] writes them.
    fn metric(&mut self) -> Option<Metric> {
        let value = self.field("(value: ", Cursor::string)?;
        let number = self.field(", number: ", |at| at.option(Cursor::float))?;
        let upper = self.field(", upper: ", |at| at.option(Cursor::float))?;
        let scale = self.field(", scale: ", Cursor::number)?;
        let unit = self.field(", unit: ", |at| at.option(Cursor::string))?;
        let approx = self.field(", approx: ", |at| at.option(Cursor::string))?;
        let indicator = self.field(", indicator: ", |at| at.option(Cursor::string))?;
        let period = self.field(", period: ", |at| at.option(Cursor::string))?;
        let change = self.field(", change: ", |at| at.option(Cursor::change))?;
        self.expect(")")?;
        Some(Metric {
            value,
            number,
            upper,
            scale,
            unit,
            approx,
            indicator,
            period,
            change,
        })
    }

    /// A change as [`write_metric`] writes it.
    fn change(&mut self) -> Option<Change> {
        let phrase = self.field("(phrase: ", Cursor::string)?;
        self.expect(", direction: ")?;
        let direction = match self.word() {
            "Up" => Direction::Up,
            "Down" => Direction::Down,
            "Unknown" => Direction::Unknown,
            _ => return None,
        };
        let figure = self.field(", figure: ", Cursor::string)?;
        self.expect(")")?;
        Some(Change {
            phrase,
            direction,
            figure,
        })
    }

    /// What `read` reads after `literal`.
    fn field<T>(&mut self, literal: &str, read: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        self.expect(literal)?;
        read(self)
    }

    /// `Some(…)` around what `read` reads.
    fn some<T>(&mut self, read: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        self.expect("Some(")?;
        let value = read(self)?;
        self.expect(")")?;
        Some(value)
    }

    fn timestamp(&mut self) -> Option<Timestamp> {
        self.expect("\"")?;
        let length = self.rest().iter().position(|&b| b == b'"')?;
        let text = self.text.get(self.at..self.at + length)?;
        self.at += length + 1;
        text.parse().ok()
    }

    /// A plain string with the escapes Rust's `escape_debug` writes, or a raw one.
    fn string(&mut self) -> Option<String> {
        if self.rest().first() == Some(&b'r') {
            return self.raw_string();
        }
        self.expect("\"")?;
        let mut out = String::new();
        loop {
            let rest = self.rest();
            let stop = rest.iter().position(|&b| b == b'"' || b == b'\\')?;
            out.push_str(self.text.get(self.at..self.at + stop)?);
            self.at += stop + 1;
            if rest[stop] == b'"' {
                return Some(out);
            }
            let escape = *self.rest().first()?;
            self.at += 1;
            let c = match escape {
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'0' => '\0',
                b'\\' => '\\',
                b'"' => '"',
                b'\'' => '\'',
                b'u' => {
                    self.expect("{")?;
                    let digits = self.rest().iter().position(|&b| b == b'}')?;
                    let hex = self.text.get(self.at..self.at + digits)?;
                    if hex.is_empty() || hex.len() > 6 {
                        return None;
                    }
                    self.at += digits + 1;
                    char::from_u32(u32::from_str_radix(hex, 16).ok()?)?
                }
                _ => return None,
            };
            out.push(c);
        }
    }

    /// `r#"…"#`, with any number of hashes, the text taken as it is.
    fn raw_string(&mut self) -> Option<String> {
        self.expect("r")?;
        let hashes = self.rest().iter().take_while(|&&b| b == b'#').count();
        self.at += hashes;
        self.expect("\"")?;
        let closing = format!("\"{}", "#".repeat(hashes));
        let length = self.text.get(self.at..)?.find(&closing)?;
        let text = self.text.get(self.at..self.at + length)?.to_owned();
        self.at += length + closing.len();
        Some(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{PageEncoding, Source, Span};

    /// The line RON writes for `annotation`, with control characters escaped as the sidecar
    /// writer's general path escapes them.
    fn ron_line(annotation: &Annotation) -> String {
        let config = ron::ser::PrettyConfig::new()
            .depth_limit(0)
            .struct_names(false)
            .escape_strings(false);
        let line = ron::ser::to_string_pretty(annotation, config).unwrap();
        line.chars()
            .flat_map(|c| {
                let escaped: Vec<char> = if c.is_control() {
                    c.escape_debug().collect()
                } else {
                    vec![c]
                };
                escaped
            })
            .collect()
    }

    fn sample() -> Annotation {
        let source = Source::from_text(
            "本报讯(记者 林晓舟)新区完成投资12.5亿元。",
            PageEncoding::Utf8,
        );
        Annotation::new(&source, "PER", Span::new(7, 10), Origin::Manual, "林晓舟")
    }

    /// Written as RON writes it, and read back as RON reads it.
    fn same_as_ron(annotation: &Annotation) {
        let mut line = String::new();
        assert!(write(annotation, &mut line), "{annotation:?}");
        assert_eq!(line, ron_line(annotation));
        let (read_back, length) = read(&line).unwrap();
        assert_eq!(length, line.len());
        assert_eq!(read_back, *annotation);
        assert_eq!(ron::from_str::<Annotation>(&line).unwrap(), *annotation);
    }

    #[test]
    fn every_field_this_line_knows_is_written_and_read_as_ron_does() {
        let mut a = sample();
        same_as_ron(&a);
        a.origin = Origin::Rule("entity.byline".into());
        a.status = Status::Suggested;
        a.anchor = Anchor::Fuzzy;
        a.note = Some("两行\n的\t备注".into());
        a.correction = Some(r#"含"引号"与\反斜杠##"#.into());
        a.check = Some("punct.halfwidth".into());
        a.confidence = Some(0.873_125);
        a.prefix = "\n\r前文\u{1b}".into();
        a.suffix = String::new();
        same_as_ron(&a);
        a.origin = Origin::Model("perceptron".into());
        a.confidence = Some(1.0);
        a.status = Status::Rejected;
        a.anchor = Anchor::Orphaned;
        same_as_ron(&a);
        a.origin = Origin::Import("brat".into());
        a.confidence = Some(1.5e-7);
        a.anchor = Anchor::Moved;
        same_as_ron(&a);
        a.metric = Some(Box::new(Metric::default()));
        same_as_ron(&a);
        a.metric = Some(Box::new(Metric {
            value: "554.1".into(),
            number: Some(55_410_000_000.0),
            upper: Some(-1.25e30),
            scale: Metric::YI,
            unit: Some("元".into()),
            approx: Some("余".into()),
            indicator: Some(r#"地区"生产"总值"#.into()),
            period: Some("前三季度".into()),
            change: Some(Change {
                phrase: "同比增长".into(),
                direction: Direction::Up,
                figure: "27.9%".into(),
            }),
        }));
        same_as_ron(&a);
        for direction in [Direction::Down, Direction::Unknown] {
            if let Some(change) = a.metric.as_mut().and_then(|m| m.change.as_mut()) {
                change.direction = direction;
            }
            same_as_ron(&a);
        }
    }

    #[test]
    fn what_needs_the_general_path_is_left_to_it() {
        let mut line = String::new();
        let mut figure = sample();
        figure.metric = Some(Box::new(Metric {
            number: Some(f64::NAN),
            ..Metric::default()
        }));
        let mut figure_break = sample();
        figure_break.metric = Some(Box::new(Metric {
            indicator: Some("两\n行".into()),
            ..Metric::default()
        }));
        let mut quoted_break = sample();
        quoted_break.note = Some("\"引\"\n号".into());
        let mut author_break = sample();
        author_break.author = "林\n晓舟".into();
        let mut infinite = sample();
        infinite.confidence = Some(f32::INFINITY);
        for annotation in [figure, figure_break, quoted_break, author_break, infinite] {
            assert!(!write(&annotation, &mut line), "{annotation:?}");
            assert_eq!(line, "");
        }
        // Spellings RON reads but this reader does not expect are left to RON, not misread.
        let plain = ron_line(&sample());
        let open = plain.strip_suffix(')').unwrap();
        for other in [
            plain.replace(", label", ",label"),
            plain.replace("start: 7", "start: 07"),
            plain.replace("Accepted", "Accepted /* ok */"),
            plain.replace("(id:", "Annotation(id:"),
            plain.replace("\"PER\"", "\"P\\x45R\""),
            format!("{open}, note: None)"),
            format!("{open}, anchor: Exact)"),
            format!("{open}, confidence: Some(1))"),
            format!("{open}, check: Some(\"a\"), note: Some(\"b\"))"),
            format!("{open}, later: 1)"),
        ] {
            assert!(ron::from_str::<Annotation>(&other).is_ok(), "{other}");
            assert_eq!(read(&other), None, "{other}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_annotation_is_written_as_ron_writes_it_or_left_to_ron(
            texts in proptest::collection::vec("[\"\\\\#\n\r\t\u{1b}\u{85}(),:a-z林晓舟。 ]{0,8}", 9),
            place in (0_usize..1000, 1_usize..50),
            choices in proptest::collection::vec(0_usize..4, 6),
            confidence in proptest::option::of(0.0_f32..=1.0),
            figure in proptest::option::of((proptest::option::of(-1.0e15_f64..1.0e15), 0_usize..4)),
        ) {
            let mut a = sample();
            a.id = AnnotationId(texts[0].clone());
            a.label = texts[1].clone();
            (a.start, a.end) = (place.0, place.0 + place.1);
            a.quote = texts[2].clone();
            a.prefix = texts[3].clone();
            a.suffix = texts[4].clone();
            a.author = texts[5].clone();
            a.status = [Status::Suggested, Status::Accepted, Status::Rejected, Status::Accepted][choices[0]];
            a.origin = match choices[1] {
                0 => Origin::Manual,
                1 => Origin::Rule(texts[6].clone()),
                2 => Origin::Import(texts[6].clone()),
                _ => Origin::Model(texts[6].clone()),
            };
            a.anchor = [Anchor::Exact, Anchor::Moved, Anchor::Fuzzy, Anchor::Orphaned][choices[2]];
            a.note = (choices[3] > 1).then(|| texts[7].clone());
            a.correction = (choices[4] > 1).then(|| texts[8].clone());
            a.check = (choices[5] > 1).then(|| texts[6].clone());
            a.confidence = confidence;
            a.metric = figure.map(|(number, n)| {
                Box::new(Metric {
                    value: texts[n].clone(),
                    number,
                    scale: [1, Metric::WAN, Metric::YI, Metric::WAN_YI][n],
                    unit: (n > 1).then(|| texts[n + 1].clone()),
                    indicator: (n % 2 == 1).then(|| texts[8].clone()),
                    change: (n > 0).then(|| Change {
                        phrase: texts[7].clone(),
                        direction: [Direction::Up, Direction::Down, Direction::Unknown][n % 3],
                        figure: texts[1].clone(),
                    }),
                    ..Metric::default()
                })
            });
            let mut line = String::new();
            if write(&a, &mut line) {
                proptest::prop_assert_eq!(&line, &ron_line(&a));
                let (read_back, length) = read(&line).unwrap();
                proptest::prop_assert_eq!(length, line.len());
                proptest::prop_assert_eq!(&read_back, &a);
            } else {
                proptest::prop_assert_eq!(line, "");
            }
            let ron_written = ron_line(&a);
            if let Some((read_back, _)) = read(&ron_written) {
                proptest::prop_assert_eq!(read_back, ron::from_str::<Annotation>(&ron_written).unwrap());
            }
        }
    }
}
