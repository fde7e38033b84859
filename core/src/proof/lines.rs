//! Column-break debris: a line that starts with a closing mark or ends with an opening one,
//! and every paragraph the segmenter rejoined across a column break, for the editor to
//! confirm.

use super::found::{Found, Page, is_blank, lines};
use super::model::Check;
use crate::bulletin::{Item, Paragraph};

/// Marks that never start a line in print.
const NO_LINE_START: &[char] = &[
    '，', '。', '、', '；', '：', '？', '！', '）', '》', '〉', '】', '”', '’', '」', '』',
];
/// Marks that never end a line in print.
const NO_LINE_END: &[char] = &['（', '《', '〈', '【', '“', '‘', '「', '『'];

/// Debris at line starts and ends, and the rejoined paragraphs.
pub(super) fn check(page: &Page<'_>, found: &mut Vec<Found>) {
    if page.wants(Check::LinesDebris) {
        debris(page, found);
    }
    if page.wants(Check::LinesRejoined) {
        for item in &page.bulletin.items {
            let paragraphs: &[Paragraph] = match item {
                Item::Article(article) => &article.paragraphs,
                Item::Photo(photo) => &photo.caption,
                Item::Other(_) => &[],
            };
            for paragraph in paragraphs.iter().filter(|p| p.is_rejoined()) {
                // The last character before each break.
                for part in &paragraph.parts[..paragraph.parts.len() - 1] {
                    let bytes = page.bytes(*part);
                    if let Some(last) = page.text()[bytes.clone()].chars().next_back() {
                        let range = bytes.end - last.len_utf8()..bytes.end;
                        found.push(Found::new(Check::LinesRejoined, range, None));
                    }
                }
            }
        }
    }
}

fn debris(page: &Page<'_>, found: &mut Vec<Found>) {
    for (start, line) in lines(page.text()) {
        let trimmed = line.trim_start_matches(is_blank);
        let first_at = start + line.len() - trimmed.len();
        if let Some(first) = trimmed.chars().next()
            && NO_LINE_START.contains(&first)
        {
            found.push(Found::new(
                Check::LinesDebris,
                first_at..first_at + first.len_utf8(),
                None,
            ));
        }
        let trimmed = line.trim_end_matches(is_blank);
        if let Some(last) = trimmed.chars().next_back()
            && NO_LINE_END.contains(&last)
            && trimmed.chars().count() > 1
        {
            let end = start + trimmed.len();
            found.push(Found::new(
                Check::LinesDebris,
                end - last.len_utf8()..end,
                None,
            ));
        }
    }
}
