//! A Markdown body prepared in phase 1: shortcodes found outside code and masked, outline read.

use std::ops::Range;

use crate::diagnostic::{Diagnostics, SourceFile};
use crate::markdown::{self, Outline};
use crate::shortcodes::{self, Call};

/// A body ready to be indexed and rendered.
#[derive(Debug, Clone, Default)]
pub(crate) struct Body {
    /// Byte offset of the body in its file.
    pub start: usize,
    /// Byte offset of its end in its file.
    pub end: usize,
    /// The top-level shortcode calls (offsets are offsets of the file).
    pub calls: Vec<Call>,
    /// Headings, first paragraph, word count.
    pub outline: Outline,
}

impl Body {
    /// Scans and masks `source.text[range]`, recording scanner errors.
    pub fn prepare(
        source: &SourceFile,
        range: Range<usize>,
        diagnostics: &mut Diagnostics,
    ) -> Body {
        let code = shortcodes::code_ranges(&source.text, range.clone());
        let calls = shortcodes::scan(source, range.clone(), &code, diagnostics);
        let masked = masked_text(&source.text, range.clone(), &calls);
        let outline = markdown::outline(&masked);
        Body {
            start: range.start,
            end: range.end,
            calls,
            outline,
        }
    }

    /// The body's text in `source` (its file) with every top-level shortcode replaced by a
    /// placeholder of equal length. Made when it is rendered, not kept: a copy of every body
    /// would be about 500 MB at 100,000 posts, beside the files' text.
    pub fn masked(&self, source: &SourceFile) -> String {
        masked_text(&source.text, self.start..self.end, &self.calls)
    }
}

/// `text[range]` with `calls` masked.
pub(crate) fn masked_text(text: &str, range: Range<usize>, calls: &[Call]) -> String {
    let mut masked = text[range.clone()].to_string();
    shortcodes::mask(&mut masked, range.start, calls);
    masked
}

/// Every call in `calls`, depth first, with nested calls after their parent.
pub(crate) fn all_calls(calls: &[Call]) -> Vec<&Call> {
    let mut out = Vec::new();
    for c in calls {
        out.push(c);
        out.extend(all_calls(&c.children));
    }
    out
}
