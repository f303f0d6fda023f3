//! Shortcode scanner: finds `{{ name(args) }}` and `{% name(args) %}…{% end %}` outside code,
//! parses their arguments, and masks them so Markdown sees one placeholder each. Works on a file's
//! text in memory (errors are placed with its line table); knows nothing about the site.

use std::collections::BTreeMap;
use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag};
use serde::Serialize;

mod args;
use args::Cursor;

use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile};

/// How deep arrays in arguments, and body shortcodes inside bodies, may nest. Real content nests
/// two or three levels; the limit keeps absurd input (30,000 `[`) an error instead of a stack
/// overflow.
pub const MAX_DEPTH: usize = 32;

/// An argument value.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Arg {
    /// A quoted string.
    Str(String),
    /// An integer.
    Int(i64),
    /// A float.
    Float(f64),
    /// `true` or `false`.
    Bool(bool),
    /// `[a, b, …]`.
    Array(Vec<Arg>),
}

impl Arg {
    /// Name of the type, for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Arg::Str(_) => "string",
            Arg::Int(_) => "integer",
            Arg::Float(_) => "float",
            Arg::Bool(_) => "boolean",
            Arg::Array(_) => "array",
        }
    }
}

/// One shortcode call found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    /// Shortcode name.
    pub name: String,
    /// Arguments by name, with the offset of each argument (for error messages).
    pub args: BTreeMap<String, (Arg, usize)>,
    /// Byte range of the whole call (including body and `{% end %}`), in the scanned text.
    pub span: Range<usize>,
    /// Byte range of the body, for `{% … %}` calls.
    pub body: Option<Range<usize>>,
    /// Calls found inside the body.
    pub children: Vec<Call>,
}

/// Byte ranges of code (fenced and indented blocks, inline code spans) in `text[range]`,
/// as offsets of `text`.
pub(crate) fn code_ranges(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let base = range.start;
    let mut out = Vec::new();
    let mut block_start = None;
    for (event, r) in Parser::new_ext(&text[range], crate::markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => block_start = Some(r.start),
            Event::End(pulldown_cmark::TagEnd::CodeBlock) => {
                if let Some(s) = block_start.take() {
                    out.push(base + s..base + r.end);
                }
            }
            Event::Code(_) if block_start.is_none() => out.push(base + r.start..base + r.end),
            _ => {}
        }
    }
    out
}

/// Scans `source.text[range]` for shortcodes, skipping `code` ranges. Returns the top-level calls
/// (with nested calls as children); every error found goes to `diagnostics`.
pub(crate) fn scan(
    source: &SourceFile,
    range: Range<usize>,
    code: &[Range<usize>],
    diagnostics: &mut Diagnostics,
) -> Vec<Call> {
    let mut s = Scanner {
        source,
        text: &source.text,
        code,
        errors: diagnostics,
        too_deep: false,
        template_open: Vec::new(),
    };
    let (calls, stray_end) = s.scan_until(range.start, range.end, None, 0);
    if let Some(end_at) = stray_end {
        s.errors.push(stray_end_error(source, end_at));
    }
    calls
}

fn stray_end_error(source: &SourceFile, at: usize) -> Diagnostic {
    source
        .error_at(at, "`{% end %}` without an opening `{% name(…) %}`")
        .with_hint("remove it, or open a body shortcode before it")
}

/// Template statements authors used to Jinja, Tera or Liquid write in posts; a post is Markdown,
/// so each is one error (and its `{% endfor %}` etc. no second one).
const TEMPLATE_WORDS: &[&str] = &[
    "for", "if", "elif", "else", "set", "block", "extends", "include", "import", "macro", "raw",
    "filter", "with", "break", "continue",
];

/// The template statements that have an end tag.
const BLOCK_WORDS: &[&str] = &["for", "if", "block", "macro", "raw", "filter", "with"];

/// A Jinja-style end tag (`{% endexercise %}`): closing a body (`closes`) or standing alone.
fn end_habit_error(source: &SourceFile, at: usize, name: &str, closes: bool) -> Diagnostic {
    let message = if closes {
        format!("`{{% {name} %}}`: a shortcode's body ends with `{{% end %}}`")
    } else {
        format!("`{{% {name} %}}` closes nothing: shortcode bodies end with `{{% end %}}`")
    };
    let hint = if closes {
        format!("replace `{{% {name} %}}` with `{{% end %}}`")
    } else {
        format!(
            "remove `{{% {name} %}}`, or open a body shortcode before it and close it with `{{% end %}}`"
        )
    };
    source.error_at(at, message).with_hint(hint)
}

/// A Hugo shortcode (`{{< name … >}}`, `{{% name … %}}`) at `at`: another tool's syntax, which
/// would otherwise be published as text.
fn hugo_shortcode(p: &Cursor, at: usize) -> Diagnostic {
    let rest = &p.text[p.pos + 1..];
    let name: String = rest
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '/'))
        .collect();
    let shown = if name.is_empty() {
        "…".to_string()
    } else {
        name.clone()
    };
    let hint = match name.as_str() {
        "youtube" | "vimeo" => format!(
            "sitegen writes a video as {{{{ video(url=\"https://…\") }}}} with the video's address \
             (a `{name}` id becomes https://www.{name}.com/…)"
        ),
        _ => "sitegen's shortcodes are written {{ name(arg=\"value\") }} (built in: exercise, \
              routine, video; a site's own in templates/shortcodes/NAME.html); to show the braces \
              as text, put them in `code` or write `\\{{`"
            .to_string(),
    };
    p.source
        .error_at(
            at,
            format!(
                "`{{{{{} {shown} …` is Hugo's shortcode syntax, which sitegen does not run",
                &p.text[p.pos..p.pos + 1]
            ),
        )
        .with_hint(hint)
}

/// A template statement in a post.
fn template_error(source: &SourceFile, at: usize, tag: &str, word: &str) -> Diagnostic {
    if word == "include" {
        return source
            .error_at(
                at,
                format!("`{tag}` is an include of Jekyll or Liquid, which posts do not run"),
            )
            .with_hint(
                "sitegen's shortcodes are written {{ name(arg=\"value\") }}: make the included \
                 HTML a shortcode (templates/shortcodes/NAME.html) and call it; to show the tag as \
                 text, put it in `code` or write `\\{%`",
            );
    }
    source
        .error_at(
            at,
            format!("`{tag}` is template syntax (`{word}`), which posts do not run"),
        )
        .with_hint(
            "posts are Markdown with shortcodes: put loops and conditions in a template under \
             `templates/` (a site shortcode is `templates/shortcodes/NAME.html`); to show the tag as \
             text, put it in `code` or write `\\{%`",
        )
}

struct Scanner<'a> {
    source: &'a SourceFile,
    text: &'a str,
    code: &'a [Range<usize>],
    errors: &'a mut Diagnostics,
    /// Set when body shortcodes nest deeper than [`MAX_DEPTH`]: the scan stops (one error, not
    /// one per level).
    too_deep: bool,
    /// Template statements reported (`for`, `if`), whose `{% endfor %}` is then not reported again.
    template_open: Vec<String>,
}

enum Tok {
    Call(Call, bool),
    /// `{% end %}` at `start..end`, or a Jinja-style `{% endNAME %}` (the name is kept).
    End(usize, usize, Option<String>),
    /// A template statement (`{% for x in xs %}`) at `start..end`, by its keyword.
    Template(usize, usize, String),
}

impl Scanner<'_> {
    /// Scans from `pos` to `limit`. When `open` is set (the offset of an opening tag), stops at the
    /// matching `{% end %}` and returns its offset; otherwise a `{% end %}` found is returned as stray.
    /// `depth` is the number of bodies the scan is inside.
    fn scan_until(
        &mut self,
        mut pos: usize,
        limit: usize,
        open: Option<usize>,
        depth: usize,
    ) -> (Vec<Call>, Option<usize>) {
        let mut calls = Vec::new();
        while let Some(at) = self.next_candidate(pos, limit) {
            match self.parse_tag(at, limit) {
                Ok(Some(Tok::Template(start, end, word))) => {
                    self.template_statement(start, end, word);
                    pos = end;
                }
                Ok(Some(Tok::End(_, end, Some(name))))
                    if self.template_open.last().map(String::as_str) == Some(&name[3..]) =>
                {
                    // The end of a template statement already reported.
                    self.template_open.pop();
                    pos = end;
                }
                Ok(Some(Tok::End(start, end, habit))) => {
                    if let Some(name) = &habit {
                        self.errors
                            .push(end_habit_error(self.source, start, name, open.is_some()));
                    }
                    if open.is_some() {
                        return (calls, Some(start));
                    }
                    if habit.is_none() {
                        self.errors.push(stray_end_error(self.source, start));
                    }
                    pos = end;
                }
                Ok(Some(Tok::Call(call, has_body))) => {
                    let Some(call) = self.with_body(call, has_body, at, limit, depth) else {
                        return (calls, None);
                    };
                    pos = call.span.end;
                    calls.push(call);
                }
                // Not a shortcode: the next brace may open one (`{{{ x() }}}`).
                Ok(None) => pos = at + 1,
                Err(e) => {
                    self.errors.push(e);
                    pos = at + 2;
                }
            }
        }
        (calls, None)
    }

    /// A template statement (`{% for x in xs %}`) at `start..end` is reported, but for an `else`
    /// or `elif` inside a reported `if`; a block's keyword is kept to match its end.
    fn template_statement(&mut self, start: usize, end: usize, word: String) {
        let in_if = self.template_open.last().is_some_and(|w| w == "if");
        if !(in_if && matches!(word.as_str(), "else" | "elif")) {
            let tag = &self.text[start..end];
            self.errors
                .push(template_error(self.source, start, tag, &word));
        }
        if BLOCK_WORDS.contains(&word.as_str()) {
            self.template_open.push(word);
        }
    }

    /// The call opened at `at`, with its body and the calls inside it when `has_body`; `None`
    /// when the scan must stop (bodies nested too deep, or a body never closed).
    fn with_body(
        &mut self,
        mut call: Call,
        has_body: bool,
        at: usize,
        limit: usize,
        depth: usize,
    ) -> Option<Call> {
        if has_body && depth == MAX_DEPTH {
            self.errors.push(
                self.source
                    .error_at(
                        at,
                        format!(
                            "body shortcodes nested more than {MAX_DEPTH} deep (`{{% {}(…) %}}`)",
                            call.name
                        ),
                    )
                    .with_hint("close the shortcodes above with `{% end %}` before opening more"),
            );
            self.too_deep = true;
        }
        if self.too_deep {
            return None;
        }
        if has_body {
            let body_start = call.span.end;
            let (children, end) = self.scan_until(body_start, limit, Some(at), depth + 1);
            if self.too_deep {
                return None;
            }
            match end {
                Some(end_at) => {
                    let end_len = self.end_tag_len(end_at);
                    call.body = Some(body_start..end_at);
                    call.span.end = end_at + end_len;
                    call.children = children;
                }
                None => {
                    self.errors.push(
                        self.source
                            .error_at(at, format!("`{{% {}(…) %}}` is never closed", call.name))
                            .with_hint("add `{% end %}` after the shortcode's body"),
                    );
                    return None;
                }
            }
        }
        Some(call)
    }

    fn end_tag_len(&self, at: usize) -> usize {
        self.text[at..].find("%}").map_or(2, |i| i + 2)
    }

    /// Offset of the next `{{` or `{%` outside code and not escaped with a backslash.
    fn next_candidate(&self, mut pos: usize, limit: usize) -> Option<usize> {
        loop {
            let rel = self.text.get(pos..limit)?.find(['{'])?;
            let at = pos + rel;
            let next = self.text.as_bytes().get(at + 1).copied();
            if matches!(next, Some(b'{') | Some(b'%'))
                && at + 1 < limit
                && !self.in_code(at)
                && !(at > 0 && self.text.as_bytes()[at - 1] == b'\\')
            {
                return Some(at);
            }
            pos = at + 1;
        }
    }

    fn in_code(&self, at: usize) -> bool {
        let i = self.code.partition_point(|r| r.end <= at);
        self.code.get(i).is_some_and(|r| r.start <= at)
    }

    /// Parses a tag at `at`. `Ok(None)` means the braces are not a shortcode (plain text).
    fn parse_tag(&self, at: usize, limit: usize) -> Result<Option<Tok>, Diagnostic> {
        let text = &self.text[..limit];
        let bytes = text.as_bytes();
        let is_block = bytes[at + 1] == b'%';
        let mut p = Cursor {
            source: self.source,
            text,
            pos: at + 2,
        };
        p.skip_ws();
        if !is_block && text[p.pos..].starts_with(['<', '%']) {
            return Err(hugo_shortcode(&p, at));
        }
        let name = p.ident();
        if name.is_empty() {
            return Ok(None);
        }
        let close = if is_block { "%}" } else { "}}" };
        if is_block && name == "end" {
            p.skip_ws();
            if !p.eat(close) {
                return Err(p.error(p.pos, "expected `%}` to close `{% end`"));
            }
            return Ok(Some(Tok::End(at, p.pos, None)));
        }
        p.skip_ws();
        if is_block && !text[p.pos..].starts_with('(') {
            // `{% endexercise %}`, `{% endfor %}`: a Jinja habit for `{% end %}`.
            if name.len() > 3 && name.starts_with("end") && p.eat(close) {
                return Ok(Some(Tok::End(at, p.pos, Some(name.to_string()))));
            }
            if TEMPLATE_WORDS.contains(&name) {
                let end = text[at..].find(close).map_or(limit, |i| at + i + 2);
                return Ok(Some(Tok::Template(at, end, name.to_string())));
            }
        }
        if !p.eat("(") {
            return Err(p
                .error(
                    p.pos,
                    format!("malformed shortcode `{name}`: expected `(` after the name"),
                )
                .with_hint(format!(
                    "write `{open}{name}(arg=\"value\"){close}`; to show braces literally, put them in `code` or write `\\{open}`",
                    open = &text[at..at + 2]
                )));
        }
        let args = call_args(&mut p, name)?;
        p.skip_ws();
        if !p.eat(close) {
            return Err(p.error(
                p.pos,
                format!("expected `{close}` to close the `{name}` shortcode"),
            ));
        }
        Ok(Some(Tok::Call(
            Call {
                name: name.to_string(),
                args,
                span: at..p.pos,
                body: None,
                children: Vec::new(),
            },
            is_block,
        )))
    }
}

/// The arguments of shortcode `name` after its `(`, up to and including the `)`: `name=value`
/// pairs separated by commas, each name once.
fn call_args(p: &mut Cursor, name: &str) -> Result<BTreeMap<String, (Arg, usize)>, Diagnostic> {
    let mut args = BTreeMap::new();
    loop {
        p.skip_ws();
        if p.eat(")") {
            break;
        }
        let key_at = p.pos;
        let key = p.ident();
        if key.is_empty() {
            return Err(p
                .error(
                    p.pos,
                    format!("malformed arguments to `{name}`: expected an argument name or `)`"),
                )
                .with_hint("arguments are written `name=value, other=value`"));
        }
        p.skip_ws();
        if !p.eat("=") {
            return Err(p.error(
                p.pos,
                format!("malformed arguments to `{name}`: expected `=` after `{key}`"),
            ));
        }
        p.skip_ws();
        let value = p.value()?;
        if args.insert(key.to_string(), (value, key_at)).is_some() {
            return Err(p.error(key_at, format!("argument `{key}` is given twice")));
        }
        p.skip_ws();
        if p.eat(",") {
            continue;
        }
        p.skip_ws();
        if p.eat(")") {
            break;
        }
        return Err(p.error(
            p.pos,
            format!("malformed arguments to `{name}`: expected `,` or `)`"),
        ));
    }
    Ok(args)
}

/// Replaces each call's span in `text` (a copy of the scanned region) with an HTML comment of the
/// same byte length, so every later byte keeps its offset. The comment is one line: a comment
/// spanning lines would be cut short by a blank line in running text or by a container's
/// (blockquote, list) continuation, leaking the placeholder into the page.
pub(crate) fn mask(text: &mut String, base: usize, calls: &[Call]) {
    let mut bytes = std::mem::take(text).into_bytes();
    for call in calls {
        let r = call.span.start - base..call.span.end - base;
        bytes[r.clone()].fill(b' ');
        bytes[r.start..r.start + 4].copy_from_slice(b"<!--");
        bytes[r.end - 3..r.end].copy_from_slice(b"-->");
    }
    // Spans start and end on char boundaries and are overwritten with ASCII, so this is valid UTF-8.
    *text = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
}

#[cfg(test)]
mod tests;
