//! Hints for the common causes of YAML and TOML syntax errors in front matter and `sitegen.toml`:
//! a tab in YAML indentation, an unquoted colon (YAML) or unquoted text (TOML), YAML written
//! between `+++` lines, and a string or list left open. The parsers report these where they gave
//! up (often the next line, or the end of the block); each fix here points at the cause.

use std::ops::Range;

/// A clearer message for a syntax error, at the place to change.
pub(super) struct Fix {
    /// Byte offset in the whole file.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
    /// What to write instead.
    pub hint: String,
}

/// The block's lines as `(offset of the line in the file, line without its newline)`.
fn lines(text: &str, block: Range<usize>) -> impl Iterator<Item = (usize, &str)> {
    let start = block.start;
    text[block].split_inclusive('\n').scan(start, |pos, line| {
        let at = *pos;
        *pos += line.len();
        Some((at, line.trim_end_matches(['\n', '\r'])))
    })
}

/// The line holding `offset`: `(its offset, its text)`.
fn line_at(text: &str, block: Range<usize>, offset: usize) -> Option<(usize, &str)> {
    lines(text, block)
        .take_while(|(at, _)| *at <= offset)
        .last()
}

/// `key`, the offset of the value and the value of a `key: value` / `key = value` line.
fn key_value(line: &str, sep: char) -> Option<(&str, usize, &str)> {
    let (key, _) = line.split_once(sep)?;
    let value_at = key.len() + 1;
    let rest = &line[value_at..];
    let value_at = value_at + (rest.len() - rest.trim_start().len());
    let key = key.trim().trim_matches(['"', '\'']);
    let plain = !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || "_-".contains(c));
    plain.then(|| (key, value_at, line[value_at..].trim_end()))
}

/// A `"`/`'` string or a `[`/`{` list that a line opens and does not close, as `(offset in the
/// line, what opened it, what closes it)`.
fn unclosed(value: &str) -> Option<(usize, char, char)> {
    let mut stack: Vec<(usize, char)> = Vec::new();
    let mut chars = value.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match stack.last() {
            Some(&(_, q)) if q == '"' || q == '\'' => {
                if c == '\\' && q == '"' {
                    chars.next();
                } else if c == q {
                    // YAML writes a quote inside '…' as ''.
                    if q == '\'' && chars.peek().is_some_and(|&(_, n)| n == '\'') {
                        chars.next();
                    } else {
                        stack.pop();
                    }
                }
            }
            _ => match c {
                '"' | '\'' | '[' | '{' => stack.push((i, c)),
                ']' | '}' => {
                    stack.pop();
                }
                '#' if stack.is_empty() => break,
                _ => {}
            },
        }
    }
    let &(at, open) = stack.first()?;
    let close = match open {
        '[' => ']',
        '{' => '}',
        q => q,
    };
    Some((at, open, close))
}

/// The first string or list in the block left open on its line.
fn first_unclosed(text: &str, block: Range<usize>, sep: char) -> Option<Fix> {
    lines(text, block).find_map(|(at, line)| {
        let (key, value_at, value) = key_value(line, sep)?;
        let (i, open, close) = unclosed(value)?;
        let what = if open == '[' || open == '{' {
            format!("the list `{open}` of `{key}`")
        } else {
            format!("the string `{open}` of `{key}`")
        };
        Some(Fix {
            offset: at + value_at + i,
            message: format!("{what} is never closed"),
            hint: format!("end the value with `{close}` on the same line"),
        })
    })
}

/// A fix for a YAML error with `message` at `offset`, in the block `block` of `text`.
pub(super) fn yaml(text: &str, block: Range<usize>, offset: usize, message: &str) -> Option<Fix> {
    if message.contains("tab") || message.contains("cannot start any token") {
        let (at, line) = lines(text, block.clone()).find(|(_, l)| {
            let indent = &l[..l.len() - l.trim_start().len()];
            indent.contains('\t')
        })?;
        return Some(Fix {
            offset: at + line.find('\t').unwrap_or(0),
            message: "a tab in the indentation: YAML indents with spaces only".into(),
            hint: "indent with spaces".into(),
        });
    }
    if message.contains("mapping values are not allowed") {
        let (_, line) = line_at(text, block, offset)?;
        let (key, _, value) = key_value(line, ':')?;
        return Some(Fix {
            offset,
            message: format!(
                "the value of `{key}` holds `: `, which YAML reads as the start of another key"
            ),
            hint: format!("quote the {key}: {key}: \"{}\"", value.replace('"', "\\\"")),
        });
    }
    if message.contains("end of stream")
        || message.contains("did not find expected")
        || message.contains("while scanning")
    {
        return first_unclosed(text, block, ':');
    }
    None
}

/// A fix for a TOML error with `message` at `offset`, in the block `block` of `text`.
pub(super) fn toml(text: &str, block: Range<usize>, offset: usize, message: &str) -> Option<Fix> {
    if message.contains("string values must be quoted") {
        let (at, line) = line_at(text, block, offset)?;
        let (key, value_at, value) = key_value(line, '=')?;
        return Some(Fix {
            offset: at + value_at,
            message: format!("the value of `{key}` is text, which TOML writes in quotes"),
            hint: format!(
                "quote the {key}: {key} = \"{}\"",
                value.replace('"', "\\\"")
            ),
        });
    }
    if message.contains("key with no value") {
        let (at, line) = line_at(text, block, offset)?;
        let (key, _, value) = key_value(line, ':')?;
        return Some(Fix {
            offset: at,
            message: format!("`{key}: …` is YAML, but this block is TOML (`key = value` lines)"),
            hint: format!(
                "write {key} = \"{}\" (in sitegen.toml and between `+++` lines), or fence front \
                 matter with `---` lines to write YAML",
                value.trim_matches('"')
            ),
        });
    }
    if message.contains("invalid basic string")
        || message.contains("invalid literal string")
        || message.contains("unclosed")
        || message.contains("missing comma")
    {
        return first_unclosed(text, block, '=');
    }
    None
}

#[cfg(test)]
mod tests {
    use super::unclosed;

    #[test]
    fn open_strings_and_lists_are_found_closed_ones_are_not() {
        assert_eq!(unclosed("\"Core"), Some((0, '"', '"')));
        assert_eq!(unclosed("[a, b"), Some((0, '[', ']')));
        assert_eq!(unclosed("[\"a]\", b"), Some((0, '[', ']')));
        assert_eq!(unclosed("'it''s"), Some((0, '\'', '\'')));
        assert_eq!(unclosed("\"a \\\" b\""), None);
        assert_eq!(unclosed("[a, [b]] # [c"), None);
        assert_eq!(unclosed("'it''s'"), None);
        assert_eq!(unclosed("plain text"), None);
    }
}
