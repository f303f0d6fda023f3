//! Code blocks highlighted at build time (tree-sitter grammars), as `<span class="hl-…">` tokens
//! that `highlight.css` colours in both colour schemes; no JavaScript.

mod languages;
pub mod themes;

use std::cell::RefCell;

use tree_sitter_highlight::{Highlight, HighlightEvent, Highlighter};

use crate::html::escape_text;

pub use languages::{Language, find};
pub use themes::Theme;

/// The output path of the generated stylesheet (a site's `static/highlight.css` replaces it).
pub(crate) const STYLESHEET: &str = "highlight.css";

/// How a highlighted block starts; [`has_code`] looks for it.
const PRE_OPEN: &str = "<pre class=\"hl\">";

/// The token kinds sitegen colours, as tree-sitter capture names; a capture not listed takes the
/// longest listed prefix (`function.method` → `function`), else stays plain (brackets, variables:
/// no span for what every theme leaves in the text colour).
pub(crate) const CAPTURES: &[&str] = &[
    "attribute",
    "boolean",
    "comment",
    "constant",
    "constant.builtin",
    "constructor",
    "escape",
    "function",
    "function.builtin",
    "function.macro",
    "keyword",
    "label",
    "number",
    "operator",
    "property",
    "punctuation.special",
    "string",
    "string.special",
    "tag",
    "text.emphasis",
    "text.literal",
    "text.reference",
    "text.strong",
    "text.title",
    "text.uri",
    "type",
    "type.builtin",
    "variable.builtin",
    "variable.parameter",
];

/// The class of a capture: `function.builtin` → `hl-function-builtin`.
pub(crate) fn class_of(capture: &str) -> String {
    format!("hl-{}", capture.replace('.', "-"))
}

thread_local! {
    /// One highlighter per thread (it keeps its parser and buffers between blocks).
    static HIGHLIGHTER: RefCell<Highlighter> = RefCell::new(Highlighter::new());
}

/// The HTML of a fenced block of `code` whose info string names `lang`: `<pre class="hl"><code
/// class="language-LANG">` with tokens as spans, or `None` when sitegen has no grammar for it
/// (or the grammar cannot read it): the block is then written plain, as Markdown renders it.
pub fn block(lang: &str, code: &str) -> Option<String> {
    let language = find(lang)?;
    let tokens = tokens(language, code)?;
    let mut out = String::with_capacity(tokens.len() + 64);
    out.push_str(PRE_OPEN);
    out.push_str("<code class=\"language-");
    escape_text(&mut out, lang);
    out.push_str("\">");
    out.push_str(&tokens);
    out.push_str("</code></pre>\n");
    Some(out)
}

/// `code` as escaped text with its tokens wrapped in spans.
fn tokens(language: &'static Language, code: &str) -> Option<String> {
    let config = language.config()?;
    let classes: Vec<String> = CAPTURES.iter().map(|c| class_of(c)).collect();
    HIGHLIGHTER.with(|cell| {
        let mut highlighter = cell.borrow_mut();
        let events = highlighter
            .highlight(config, code.as_bytes(), None, None, |name| {
                find(name).and_then(Language::config)
            })
            .ok()?;
        let mut out = String::with_capacity(code.len() * 2);
        for event in events {
            match event.ok()? {
                HighlightEvent::Source { start, end } => {
                    escape_text(&mut out, code.get(start..end)?)
                }
                HighlightEvent::HighlightStart(Highlight(i)) => {
                    out.push_str("<span class=\"");
                    out.push_str(&classes[i]);
                    out.push_str("\">");
                }
                HighlightEvent::HighlightEnd => out.push_str("</span>"),
            }
        }
        Some(out)
    })
}

/// Whether rendered HTML holds a highlighted block (its page then links `highlight.css`).
pub fn has_code(html: &str) -> bool {
    html.contains(PRE_OPEN)
}

#[cfg(test)]
mod tests;
