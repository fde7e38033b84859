//! The readable outline of a page: one block per item, people by role, staff, paragraph counts.

use std::io;

use super::Output;
use super::page::Page;
use crate::bulletin::{Bulletin, Item, Paragraph, Person, Role};

/// Prints the outline of one page.
pub fn print(page: &Page, bulletin: &Bulletin, out: &mut Output) -> io::Result<()> {
    let source = &page.source;
    let text = |span| source.slice(span);
    out.line(&format!(
        "{}  {}  {} characters  {} items",
        page.name,
        source.encoding(),
        source.char_len(),
        bulletin.items.len()
    ))?;
    for (n, item) in bulletin.items.iter().enumerate() {
        let number = n + 1;
        match item {
            Item::Article(article) => {
                let marks = "#".repeat(usize::from(article.headline.level));
                if let Some(kicker) = article.kicker {
                    out.line(&format!("{number:>3}  {:<9}{}", "kicker", text(kicker)))?;
                    out.line(&format!("     {marks:<9}{}", text(article.headline.span)))?;
                } else {
                    out.line(&format!(
                        "{number:>3}  {marks:<9}{}",
                        text(article.headline.span)
                    ))?;
                }
                if let Some(subtitle) = article.subtitle {
                    out.line(&format!("     {:<9}{}", "subtitle", text(subtitle)))?;
                }
                if let Some(byline) = &article.byline {
                    let mut parts: Vec<String> = Vec::new();
                    parts.extend(byline.agency.map(|span| text(span).to_owned()));
                    parts.extend(byline.dateline.map(|span| text(span).to_owned()));
                    parts.extend(people(source, &byline.people));
                    out.line(&format!("     {:<9}{}", "byline", parts.join("  ")))?;
                }
                out.line(&format!(
                    "     {:<9}{}",
                    "body",
                    paragraph_summary(&article.paragraphs)
                ))?;
                if let Some(trailing) = &article.trailing_byline {
                    out.line(&format!(
                        "     {:<9}{}",
                        "by",
                        people(source, &trailing.people).join("  ")
                    ))?;
                }
                if !article.staff.is_empty() {
                    let entries: Vec<String> = article
                        .staff
                        .iter()
                        .map(|staff| {
                            let names: Vec<&str> = staff.names.iter().map(|&n| text(n)).collect();
                            format!("{} {}", text(staff.role), names.join(" "))
                        })
                        .collect();
                    out.line(&format!("     {:<9}{}", "staff", entries.join("  ")))?;
                }
            }
            Item::Photo(photo) => {
                out.line(&format!(
                    "{number:>3}  {:<9}{}",
                    "photo",
                    paragraph_summary(&photo.caption)
                ))?;
                if let Some(credit) = &photo.credit {
                    out.line(&format!("     {:<9}{}", "credit", text(credit.span)))?;
                }
            }
            Item::Other(span) => {
                out.line(&format!("{number:>3}  {:<9}{}", "other", text(*span)))?;
            }
        }
    }
    Ok(())
}

/// `记者 甲乙 丙丁`, `通讯员 戊己`: names grouped by role, in order.
fn people(source: &crate::text::Source, people: &[Person]) -> Vec<String> {
    let mut groups: Vec<(Role, Vec<&str>)> = Vec::new();
    for person in people {
        let name = source.slice(person.name);
        match groups.last_mut() {
            Some((role, names)) if *role == person.role => names.push(name),
            _ => groups.push((person.role, vec![name])),
        }
    }
    groups
        .into_iter()
        .map(|(role, names)| {
            let names = names.join(" ");
            if role == Role::Unspecified {
                names
            } else {
                format!("{} {names}", role.chinese())
            }
        })
        .collect()
}

fn paragraph_summary(paragraphs: &[Paragraph]) -> String {
    let rejoined = paragraphs.iter().filter(|p| p.is_rejoined()).count();
    let noun = if paragraphs.len() == 1 {
        "paragraph"
    } else {
        "paragraphs"
    };
    if rejoined == 0 {
        format!("{} {noun}", paragraphs.len())
    } else {
        format!(
            "{} {noun}, {rejoined} rejoined across a column break",
            paragraphs.len()
        )
    }
}
