//! The import report's notes grouped for a person: one line per file and kind of note, with a
//! count and the lines (`posts/x/index.md: warning: 22 × image `…` has no alt text … (lines 44,
//! 50, …)`); a note alone is the warning as it is.

use std::collections::BTreeMap;

use super::ImportReport;
use crate::diagnostic::Diagnostic;

/// Lines listed in a group before `…`.
const LINES_SHOWN: usize = 12;

impl ImportReport {
    /// The notes, one line per file and kind: a kind is a message with its quoted names
    /// (`` `…` ``) left out, so 22 images without alt text in one post are one line.
    pub fn grouped_notes(&self) -> Vec<String> {
        group(&self.notes)
    }
}

/// A note's line (0: the whole file).
fn line_of(note: &Diagnostic) -> usize {
    note.position.map_or(0, |(line, _)| line)
}

fn group(notes: &[Diagnostic]) -> Vec<String> {
    let mut groups: BTreeMap<(String, String), Vec<&Diagnostic>> = BTreeMap::new();
    for note in notes {
        let path = note
            .path
            .as_ref()
            .map_or(String::new(), |p| p.display().to_string());
        groups
            .entry((path, kind(&note.message)))
            .or_default()
            .push(note);
    }
    let mut out: Vec<(usize, String)> = groups
        .into_iter()
        .map(|((path, kind), notes)| {
            let first_line = notes.iter().map(|n| line_of(n)).min().unwrap_or(0);
            if notes.len() == 1 {
                return (first_line, notes[0].to_string());
            }
            let mut lines: Vec<usize> = notes
                .iter()
                .map(|n| line_of(n))
                .filter(|l| *l > 0)
                .collect();
            lines.sort_unstable();
            lines.dedup();
            let mut shown: Vec<String> = lines
                .iter()
                .take(LINES_SHOWN)
                .map(usize::to_string)
                .collect();
            if lines.len() > LINES_SHOWN {
                shown.push("…".into());
            }
            let at = if shown.is_empty() {
                String::new()
            } else {
                format!(" (lines {})", shown.join(", "))
            };
            (
                first_line,
                format!("{path}: warning: {} × {kind}{at}", notes.len()),
            )
        })
        .collect();
    out.sort_by(|a, b| {
        a.1.split(':')
            .next()
            .cmp(&b.1.split(':').next())
            .then(a.0.cmp(&b.0))
    });
    out.into_iter().map(|(_, line)| line).collect()
}

/// A message with every `` `quoted` `` name replaced by `` `…` ``.
fn kind(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut parts = message.split('`');
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    let rest: Vec<&str> = parts.collect();
    for (i, part) in rest.iter().enumerate() {
        // Odd pieces are inside backticks (when closed).
        if i % 2 == 0 && i + 1 < rest.len() {
            out.push_str("`…");
        } else {
            out.push('`');
            out.push_str(part);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(path: &str, line: usize, message: &str) -> Diagnostic {
        crate::import::note_at(path, line, message)
    }

    #[test]
    fn notes_of_one_kind_in_one_file_are_one_line() {
        let notes = [
            note(
                "posts/a/index.md",
                50,
                "image `b.jpg` has no alt text: marked decorative",
            ),
            note(
                "posts/a/index.md",
                44,
                "image `a.jpg` has no alt text: marked decorative",
            ),
            note(
                "posts/a/index.md",
                9,
                "[contact-form-7] shortcode left as text",
            ),
            note(
                "posts/b/index.md",
                3,
                "image `c.jpg` has no alt text: marked decorative",
            ),
        ];
        assert_eq!(
            group(&notes),
            [
                "posts/a/index.md:9:1: warning: [contact-form-7] shortcode left as text",
                "posts/a/index.md: warning: 2 × image `…` has no alt text: marked decorative (lines 44, 50)",
                "posts/b/index.md:3:1: warning: image `c.jpg` has no alt text: marked decorative",
            ]
        );
    }
}
