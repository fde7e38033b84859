//! A folder's figures, summed over its pages: what the library's charts draw and
//! `copydesk stats` prints.

use std::collections::BTreeMap;

use serde::Serialize;

use super::summary::{PageStatus, PageSummary, RuleCounts};

/// The figures of a set of pages.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct FolderStats {
    /// Pages counted.
    pub pages: usize,
    /// Pages per status (`untouched`, `in progress`, `done`, `unreadable`), every status
    /// present.
    pub by_status: BTreeMap<&'static str, usize>,
    /// Accepted annotations in all.
    pub accepted: usize,
    /// Suggestions waiting for review.
    pub pending: usize,
    /// Annotations whose text is no longer on their page.
    pub orphaned: usize,
    /// Proofreading marks neither corrected nor ignored.
    pub marks: usize,
    /// Of those, marks of error severity.
    pub mark_errors: usize,
    /// Accepted annotations per label.
    pub labels: BTreeMap<String, usize>,
    /// Accepted annotations per author, per label.
    pub authors: BTreeMap<String, BTreeMap<String, usize>>,
    /// Accepted annotations per day (of their last change, UTC), per author.
    pub days: BTreeMap<String, BTreeMap<String, usize>>,
    /// Suggestions per rule: accepted, rejected, pending.
    pub rules: BTreeMap<String, RuleCounts>,
}

/// Adds `from`'s counts into `into`, key by key.
fn add_counts(into: &mut BTreeMap<String, usize>, from: &BTreeMap<String, usize>) {
    for (key, count) in from {
        *into.entry(key.clone()).or_default() += count;
    }
}

impl FolderStats {
    /// The figures of `pages`.
    pub fn of<'a>(pages: impl IntoIterator<Item = &'a PageSummary>) -> Self {
        let mut stats = Self {
            by_status: PageStatus::ALL.iter().map(|s| (s.name(), 0)).collect(),
            ..Self::default()
        };
        for page in pages {
            stats.add(page);
        }
        stats
    }

    fn add(&mut self, page: &PageSummary) {
        self.pages += 1;
        *self.by_status.entry(page.status.name()).or_default() += 1;
        self.accepted += page.accepted;
        self.pending += page.pending;
        self.orphaned += page.orphaned;
        self.marks += page.marks;
        self.mark_errors += page.mark_errors;
        add_counts(&mut self.labels, &page.labels);
        for (author, labels) in &page.authors {
            add_counts(self.authors.entry(author.clone()).or_default(), labels);
        }
        for (day, authors) in &page.days {
            add_counts(self.days.entry(day.clone()).or_default(), authors);
        }
        for (rule, counts) in &page.rules {
            self.rules.entry(rule.clone()).or_default().add(*counts);
        }
    }

    /// The figures as the plain text `copydesk stats` prints: one block per table.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        out.push_str(&format!(
            "{} pages: {}\n",
            self.pages,
            self.by_status
                .iter()
                .map(|(status, n)| format!("{n} {status}"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        out.push_str(&format!(
            "{} accepted annotations, {} suggestions to review, {} orphaned; {} proofreading marks open ({} errors)\n",
            self.accepted, self.pending, self.orphaned, self.marks, self.mark_errors
        ));
        if !self.labels.is_empty() {
            out.push_str("\nlabel\taccepted\n");
            for (label, n) in &self.labels {
                out.push_str(&format!("{label}\t{n}\n"));
            }
        }
        if !self.authors.is_empty() {
            out.push_str("\nauthor\taccepted\tper label\n");
            for (author, labels) in &self.authors {
                let total: usize = labels.values().sum();
                let per_label: Vec<String> = labels
                    .iter()
                    .map(|(label, n)| format!("{label} {n}"))
                    .collect();
                out.push_str(&format!("{author}\t{total}\t{}\n", per_label.join(", ")));
            }
        }
        if !self.days.is_empty() {
            out.push_str("\nday\taccepted\tper author\n");
            for (day, authors) in &self.days {
                let total: usize = authors.values().sum();
                let per_author: Vec<String> = authors
                    .iter()
                    .map(|(author, n)| format!("{author} {n}"))
                    .collect();
                out.push_str(&format!("{day}\t{total}\t{}\n", per_author.join(", ")));
            }
        }
        if !self.rules.is_empty() {
            out.push_str("\nrule\taccepted\trejected\tpending\tacceptance\n");
            for (rule, counts) in &self.rules {
                let decided = counts.accepted + counts.rejected;
                let rate = if decided == 0 {
                    "-".to_owned()
                } else {
                    format!("{:.0}%", 100.0 * counts.accepted as f64 / decided as f64)
                };
                out.push_str(&format!(
                    "{rule}\t{}\t{}\t{}\t{rate}\n",
                    counts.accepted, counts.rejected, counts.pending
                ));
            }
        }
        out
    }
}
