//! Argument syntax inside a shortcode call: names, strings with escapes, numbers, booleans, arrays.

use super::{Arg, MAX_DEPTH};
use crate::diagnostic::{Diagnostic, SourceFile};

/// A position in the text being parsed.
pub(super) struct Cursor<'a> {
    /// The file being scanned, for errors.
    pub(super) source: &'a SourceFile,
    /// Its text, up to where this scan may look.
    pub(super) text: &'a str,
    pub(super) pos: usize,
}

impl<'a> Cursor<'a> {
    /// An error at a byte offset of the file.
    pub(super) fn error(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        self.source.error_at(offset, message)
    }
    pub(super) fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }
    pub(super) fn skip_ws(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start().len();
    }
    pub(super) fn eat(&mut self, s: &str) -> bool {
        if self.rest().starts_with(s) {
            self.pos += s.len();
            true
        } else {
            false
        }
    }
    pub(super) fn ident(&mut self) -> &'a str {
        let rest = self.rest();
        let len = rest
            .char_indices()
            .find(|&(i, c)| {
                !(c == '_'
                    || c.is_ascii_alphabetic()
                    || (i > 0 && (c.is_ascii_digit() || c == '-')))
            })
            .map_or(rest.len(), |(i, _)| i);
        self.pos += len;
        &rest[..len]
    }
    /// A value; arrays may nest [`MAX_DEPTH`] deep (deeper is an error, not a stack overflow).
    pub(super) fn value(&mut self) -> Result<Arg, Diagnostic> {
        self.value_at(0)
    }
    fn value_at(&mut self, depth: usize) -> Result<Arg, Diagnostic> {
        let start = self.pos;
        let rest = self.rest();
        match rest.chars().next() {
            Some(q @ ('"' | '\'')) => self.string(q),
            Some('[') if depth == MAX_DEPTH => Err(self
                .error(
                    start,
                    format!("arrays nested more than {MAX_DEPTH} deep in a shortcode argument"),
                )
                .with_hint("flatten the argument: no shortcode needs arrays this deep")),
            Some('[') => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_ws();
                    if self.eat("]") {
                        return Ok(Arg::Array(items));
                    }
                    items.push(self.value_at(depth + 1)?);
                    self.skip_ws();
                    if self.eat(",") {
                        continue;
                    }
                    if self.eat("]") {
                        return Ok(Arg::Array(items));
                    }
                    return Err(self.error(self.pos, "expected `,` or `]` in array"));
                }
            }
            _ => {
                let len = rest
                    .find(|c: char| {
                        !(c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '.' | '_'))
                    })
                    .unwrap_or(rest.len());
                let word = &rest[..len];
                self.pos += len;
                match word {
                    "true" => Ok(Arg::Bool(true)),
                    "false" => Ok(Arg::Bool(false)),
                    _ => {
                        if let Ok(i) = word.parse::<i64>() {
                            Ok(Arg::Int(i))
                        } else if let Some(f) = word.parse::<f64>().ok().filter(|f| {
                            f.is_finite() && word.contains(|c: char| c.is_ascii_digit())
                        }) {
                            Ok(Arg::Float(f))
                        } else {
                            let message = if word.is_empty() {
                                "expected a value".into()
                            } else {
                                format!("`{word}` is not a valid value")
                            };
                            Err(self.error(start, message).with_hint(
                                "values are \"strings\", 'strings', numbers, true/false or [arrays]",
                            ))
                        }
                    }
                }
            }
        }
    }
    pub(super) fn string(&mut self, quote: char) -> Result<Arg, Diagnostic> {
        let start = self.pos;
        self.pos += 1;
        let mut out = String::new();
        let mut chars = self.rest().char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                c if c == quote => {
                    self.pos += i + 1;
                    return Ok(Arg::Str(out));
                }
                '\\' => match chars.next() {
                    Some((_, 'n')) => out.push('\n'),
                    Some((_, 't')) => out.push('\t'),
                    Some((_, e @ ('\\' | '"' | '\''))) => out.push(e),
                    Some((j, other)) => {
                        return Err(self
                            .error(
                                self.pos + j - 1,
                                format!("unknown escape `\\{other}` in string"),
                            )
                            .with_hint("use \\\\, \\\", \\', \\n or \\t"));
                    }
                    None => break,
                },
                '\n' if out.ends_with('\n') => break,
                c => out.push(c),
            }
        }
        Err(self
            .error(start, "string is never closed")
            .with_hint(format!("add the closing {quote}")))
    }
}
