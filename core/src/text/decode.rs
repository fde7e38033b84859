//! Turning the bytes of a bulletin file into text.
//!
//! Pages arrive as UTF-8 (with or without a byte-order mark), UTF-16 with a BOM, or in the legacy
//! Chinese encodings GB18030/GBK and Big5. This module finds out which, decodes, and refuses files
//! that are not text at all (empty, or binary). It never looks at line endings: CRLF and lone CR
//! are kept as they are, so offsets always refer to the decoded text exactly.

use std::fmt;

use encoding_rs::{BIG5, Encoding, GBK, UTF_8, UTF_16BE, UTF_16LE};

/// The encoding a page was stored in, as reported to the user.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PageEncoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 with a byte-order mark (removed from the text).
    Utf8Bom,
    /// UTF-16, little-endian, with a byte-order mark.
    Utf16Le,
    /// UTF-16, big-endian, with a byte-order mark.
    Utf16Be,
    /// GB18030 or its subsets GBK and GB2312 (one decoder reads them all).
    Gb18030,
    /// Big5 (traditional characters).
    Big5,
}

impl PageEncoding {
    /// The name shown in the status bar and in `segment --json`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Utf8 => "UTF-8",
            Self::Utf8Bom => "UTF-8 (BOM)",
            Self::Utf16Le => "UTF-16LE",
            Self::Utf16Be => "UTF-16BE",
            Self::Gb18030 => "GB18030",
            Self::Big5 => "Big5",
        }
    }
}

impl fmt::Display for PageEncoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why some bytes could not be taken as a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The file holds nothing at all.
    Empty,
    /// The file holds nothing but blank lines (and perhaps a byte-order mark).
    NoText,
    /// The file looks binary: NUL bytes, or more than 5 % of its bytes undecodable in every
    /// supported encoding.
    Binary,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("the file is empty; a page needs some text"),
            Self::NoText => {
                f.write_str("the file has no text, only blank lines; a page needs some text")
            }
            Self::Binary => f.write_str(
                "this looks like a binary file, not a text page (UTF-8, UTF-16, GB18030 or Big5)",
            ),
        }
    }
}

/// Bytes that could not be decoded and were replaced with U+FFFD: how many, and where the
/// first one is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Replaced {
    /// Undecodable bytes (each run of them became one replacement character).
    pub bytes: usize,
    /// 1-based line of the first, in the decoded text.
    pub line: usize,
    /// 1-based column (in characters) of the first.
    pub column: usize,
}

impl fmt::Display for Replaced {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Self {
            bytes,
            line,
            column,
        } = self;
        let what = if *bytes == 1 { "byte" } else { "bytes" };
        write!(
            f,
            "{bytes} {what} could not be decoded and show as � (the first at line {line}, column {column}); annotations are safe, but check the page"
        )
    }
}

impl std::error::Error for DecodeError {}

/// Decoded text and the encoding it was found in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The text, BOM removed, line endings untouched.
    pub text: String,
    /// Where the text came from.
    pub encoding: PageEncoding,
    /// Bytes that had to be replaced, if any.
    pub replaced: Option<Replaced>,
}

/// At most this share of suspicious characters is tolerated in a page (one stray byte in a long
/// page is common; binary data decoded as text is full of them).
const MAX_SUSPICIOUS_RATIO: f64 = 0.02;

/// More than this share of undecodable bytes in every supported encoding makes a file binary;
/// a file with at most this share of invalid UTF-8 is UTF-8 with a few stray bytes.
const MAX_UNDECODABLE_RATIO: f64 = 0.05;

/// Decodes a page, detecting its encoding.
///
/// A BOM decides first. A file that is UTF-8 but for at most 5 % of its bytes (a stray byte, a
/// Latin-1 `é`, a pasted GBK line) is UTF-8, its bad bytes replaced with U+FFFD and reported in
/// [`Decoded::replaced`], whatever an encoding detector would guess. Otherwise `chardetng`
/// guesses between the legacy encodings. NUL bytes outside UTF-16 mean a binary file, and so
/// does a file more than 5 % undecodable in every encoding.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let page_encoding = if encoding == UTF_8 {
            PageEncoding::Utf8Bom
        } else if encoding == UTF_16LE {
            PageEncoding::Utf16Le
        } else {
            debug_assert!(encoding == UTF_16BE);
            PageEncoding::Utf16Be
        };
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return finish_legacy(text.into_owned(), page_encoding, had_errors);
    }
    if bytes.contains(&0) {
        return Err(DecodeError::Binary);
    }
    // Most pages are UTF-8 and nearly all Chinese: checked with SIMD, several times faster
    // than the standard check on text with few ASCII bytes.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return finish(text.to_owned(), PageEncoding::Utf8, 0);
    }
    let (invalid, multibyte) = utf8_bytes(bytes);
    // A few bad bytes, or more but far fewer than the good non-ASCII ones (a UTF-8 page with
    // a pasted GBK paragraph): UTF-8, whatever a detector would guess.
    let few = invalid as f64 <= bytes.len() as f64 * MAX_UNDECODABLE_RATIO;
    if few || multibyte >= 2 * invalid {
        let text = String::from_utf8_lossy(bytes).into_owned();
        return finish(text, PageEncoding::Utf8, invalid);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (encoding, page_encoding) = if guess == BIG5 {
        (BIG5, PageEncoding::Big5)
    } else {
        // Anything else chardetng might say (a single-byte Western encoding for a page that is
        // mostly broken) is tried as GB18030: that is what Chinese pages are, and a binary file
        // fails the replacement-ratio check either way.
        (GBK, PageEncoding::Gb18030)
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    finish_legacy(text.into_owned(), page_encoding, had_errors)
}

/// [`finish`] after `encoding_rs`, which says only whether it replaced anything: each
/// replacement is counted as one byte.
fn finish_legacy(
    text: String,
    encoding: PageEncoding,
    had_errors: bool,
) -> Result<Decoded, DecodeError> {
    let bad = if had_errors {
        text.matches(char::REPLACEMENT_CHARACTER).count().max(1)
    } else {
        0
    };
    finish(text, encoding, bad)
}

/// How many bytes are not part of a valid UTF-8 sequence, and how many are part of a valid
/// multi-byte one.
fn utf8_bytes(mut bytes: &[u8]) -> (usize, usize) {
    let mut invalid = 0;
    let mut multibyte = 0;
    loop {
        let (valid, rest) = match std::str::from_utf8(bytes) {
            Ok(text) => (text, None),
            Err(err) => {
                let bad = err.error_len().unwrap_or(bytes.len() - err.valid_up_to());
                invalid += bad;
                let valid = std::str::from_utf8(&bytes[..err.valid_up_to()]).unwrap_or_default();
                (valid, Some(&bytes[err.valid_up_to() + bad..]))
            }
        };
        multibyte += valid.bytes().filter(|b| !b.is_ascii()).count();
        match rest {
            Some(rest) => bytes = rest,
            None => return (invalid, multibyte),
        }
    }
}

/// Where the replacement characters of a decoding are, if there are any.
fn replaced(text: &str, bytes: usize) -> Option<Replaced> {
    let at = text.find(char::REPLACEMENT_CHARACTER)?;
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Some(Replaced {
        bytes: bytes.max(1),
        line,
        column: before[line_start..].chars().count() + 1,
    })
}

/// Checks decoded text: not blank, not binary. `undecodable` counts the bytes that were
/// replaced.
fn finish(
    text: String,
    encoding: PageEncoding,
    undecodable: usize,
) -> Result<Decoded, DecodeError> {
    let had_errors = undecodable > 0;
    if text.chars().all(char::is_whitespace) {
        return Err(DecodeError::NoText);
    }
    let legacy = matches!(encoding, PageEncoding::Gb18030 | PageEncoding::Big5);
    // A UTF-8 page with a few stray bytes was measured already (at most 5 % of its bytes).
    let stray_utf8 = had_errors && encoding == PageEncoding::Utf8;
    if (had_errors && !stray_utf8) || legacy || text.contains('\0') {
        let total = text.chars().count();
        let bad = text.chars().filter(|&c| is_suspicious(c)).count();
        if bad as f64 > total as f64 * MAX_SUSPICIOUS_RATIO {
            return Err(DecodeError::Binary);
        }
    }
    let replaced = if had_errors {
        replaced(&text, undecodable)
    } else {
        None
    };
    Ok(Decoded {
        text,
        encoding,
        replaced,
    })
}

/// Characters that text pages hardly ever contain but binary data decoded as text is full of:
/// replacement characters, control characters, and the private-use area that GB18030 and Big5
/// map unassigned byte pairs to.
fn is_suspicious(c: char) -> bool {
    c == char::REPLACEMENT_CHARACTER
        || (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        || ('\u{E000}'..='\u{F8FF}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "## 新区开工建设\n\n本报讯(记者 林晓舟)新区今年完成投资12.5亿元。\n";

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut bytes = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in text.encode_utf16() {
            let pair = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            bytes.extend_from_slice(&pair);
        }
        bytes
    }

    #[test]
    fn plain_utf8() {
        let decoded = decode(PAGE.as_bytes()).unwrap();
        assert_eq!(decoded.text, PAGE);
        assert_eq!(decoded.encoding, PageEncoding::Utf8);
    }

    #[test]
    fn utf8_bom_is_removed() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice(PAGE.as_bytes());
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.text, PAGE);
        assert_eq!(decoded.encoding, PageEncoding::Utf8Bom);
        assert_eq!(decoded.encoding.name(), "UTF-8 (BOM)");
    }

    #[test]
    fn utf16_both_byte_orders() {
        let le = decode(&utf16(PAGE, false)).unwrap();
        assert_eq!(
            (le.text.as_str(), le.encoding),
            (PAGE, PageEncoding::Utf16Le)
        );
        let be = decode(&utf16(PAGE, true)).unwrap();
        assert_eq!(
            (be.text.as_str(), be.encoding),
            (PAGE, PageEncoding::Utf16Be)
        );
    }

    #[test]
    fn utf16_keeps_characters_outside_the_bmp() {
        let text = "𠀋字与😀表情";
        let decoded = decode(&utf16(text, false)).unwrap();
        assert_eq!(decoded.text, text);
    }

    #[test]
    fn gb18030_is_detected() {
        let (bytes, _, _) = encoding_rs::GB18030.encode(PAGE);
        assert!(std::str::from_utf8(&bytes).is_err());
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.text, PAGE);
        assert_eq!(decoded.encoding, PageEncoding::Gb18030);
    }

    #[test]
    fn gb18030_four_byte_sequences_decode() {
        // U+20000 has no GBK code and is stored as a four-byte GB18030 sequence.
        let text = format!("{PAGE}生僻字𠀀在此。\n");
        let (bytes, _, had_errors) = encoding_rs::GB18030.encode(&text);
        assert!(!had_errors);
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.text, text);
        assert_eq!(decoded.encoding, PageEncoding::Gb18030);
    }

    #[test]
    fn big5_is_detected() {
        let text = "## 市區道路整修完成\n\n本報訊(記者 陳國華)市區主要道路整修工程今天全部完成,市民出行更加方便。\n";
        let (bytes, _, had_errors) = BIG5.encode(text);
        assert!(!had_errors);
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.text, text);
        assert_eq!(decoded.encoding, PageEncoding::Big5);
    }

    #[test]
    fn a_stray_byte_in_utf8_is_replaced_and_reported() {
        let mut bytes = PAGE.as_bytes().to_vec();
        // After "## 新区开工建设\n\n本报讯": line 3, column 4.
        let at = PAGE.find("(记者").unwrap();
        bytes.insert(at, 0xFF);
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.encoding, PageEncoding::Utf8);
        assert_eq!(decoded.text, PAGE.replacen("(记者", "\u{FFFD}(记者", 1));
        assert_eq!(
            decoded.replaced,
            Some(Replaced {
                bytes: 1,
                line: 3,
                column: 4
            })
        );
        assert_eq!(
            decoded.replaced.unwrap().to_string(),
            "1 byte could not be decoded and show as � (the first at line 3, column 4); annotations are safe, but check the page"
        );
    }

    #[test]
    fn latin1_and_a_pasted_gbk_line_keep_a_utf8_page_utf8() {
        let mut latin = "## 新区开工建设\n\n本报讯 Café 新区今年完成投资12.5亿元。\n"
            .repeat(3)
            .into_bytes();
        let e = latin.windows(2).position(|w| w == "é".as_bytes()).unwrap();
        latin.splice(e..e + 2, [0xE9]);
        let decoded = decode(&latin).unwrap();
        assert_eq!(decoded.encoding, PageEncoding::Utf8);
        assert_eq!(decoded.replaced.map(|r| (r.bytes, r.line)), Some((1, 3)));

        let (gbk, _, _) = encoding_rs::GBK.encode("贴错的一行");
        let mut mixed = PAGE.repeat(4).into_bytes();
        mixed.extend_from_slice(&gbk);
        mixed.push(b'\n');
        let decoded = decode(&mixed).unwrap();
        assert_eq!(decoded.encoding, PageEncoding::Utf8);
        assert!(
            decoded.text.starts_with(PAGE),
            "the UTF-8 part reads as it is"
        );
        assert_eq!(decoded.replaced.map(|r| r.line), Some(13));
    }

    #[test]
    fn a_long_pasted_gbk_paragraph_keeps_a_utf8_page_utf8() {
        let pasted = "贴错编码的一大段文字。".repeat(8);
        let (gbk, _, _) = encoding_rs::GBK.encode(&pasted);
        let mut mixed = PAGE.repeat(6).into_bytes();
        mixed.extend_from_slice(&gbk);
        let decoded = decode(&mixed).unwrap();
        assert!(utf8_bytes(&mixed).0 as f64 > mixed.len() as f64 * MAX_UNDECODABLE_RATIO);
        assert_eq!(decoded.encoding, PageEncoding::Utf8);
        assert!(
            decoded.text.starts_with(&PAGE.repeat(6)),
            "the UTF-8 part reads as it is"
        );
        // A page all in GBK is still GB18030.
        let all = PAGE.repeat(6);
        let (all_gbk, _, _) = encoding_rs::GBK.encode(&all);
        assert_eq!(decode(&all_gbk).unwrap().encoding, PageEncoding::Gb18030);
    }

    #[test]
    fn mostly_undecodable_bytes_are_binary() {
        // Control bytes among high bytes, as in compressed or executable data.
        let noise: Vec<u8> = (0..4000u32).map(|n| (n * 7919 % 255) as u8 + 1).collect();
        assert_eq!(decode(&noise), Err(DecodeError::Binary));
    }

    #[test]
    fn line_endings_are_untouched() {
        let text = "第一行\r\n第二行\r第三行\n";
        assert_eq!(decode(text.as_bytes()).unwrap().text, text);
    }

    #[test]
    fn empty_and_blank_files_are_refused() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b"  \r\n\n"), Err(DecodeError::NoText));
        assert_eq!(decode(&[0xEF, 0xBB, 0xBF]), Err(DecodeError::NoText));
        assert_eq!(decode(&[0xFF, 0xFE]), Err(DecodeError::NoText));
        assert_eq!(decode("\u{3000}\n".as_bytes()), Err(DecodeError::NoText));
        assert_eq!(
            DecodeError::NoText.to_string(),
            "the file has no text, only blank lines; a page needs some text"
        );
    }

    #[test]
    fn binary_files_are_refused() {
        let png_header = [
            0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D,
        ];
        assert_eq!(decode(&png_header), Err(DecodeError::Binary));
        let noise: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8 | 0x80)
            .collect();
        assert_eq!(decode(&noise), Err(DecodeError::Binary));
    }

    #[test]
    fn a_stray_bad_byte_in_a_long_gb_page_is_tolerated() {
        let text = PAGE.repeat(20);
        let mut bytes = encoding_rs::GB18030.encode(&text).0.into_owned();
        bytes.push(0xFF);
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.encoding, PageEncoding::Gb18030);
        assert!(decoded.text.starts_with(&text));
    }
}
