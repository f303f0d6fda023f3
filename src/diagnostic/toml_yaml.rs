//! Locating TOML and YAML errors (front matter and `sitegen.toml`) at their line in the whole file,
//! and naming the key an author most likely meant.

use super::syntax::{self, Fix};
use super::{Diagnostic, SourceFile, did_you_mean, list_names};

/// What follows a value in the message for a date that cannot be read (`2024-02-30` is not a
/// date: …); such messages get [`DATE_FORMS`] as their hint.
pub(crate) const NOT_A_DATE: &str = " is not a date: ";

/// How to write a date, for the hint of every date that cannot be read.
const DATE_FORMS: &str = "write YYYY-MM-DD (2024-05-01), optionally with a time \
    (2024-05-01T07:30:00) and a UTC offset (2024-05-01T07:30:00+02:00)";

/// toml's own messages for a date, time or offset it cannot read.
const TOML_DATE_ERRORS: &[&str] = &[
    "invalid date",
    "invalid time",
    "invalid offset",
    "invalid datetime",
];

/// A TOML error in `source.text[base..]` as a diagnostic located in the whole file (a block at
/// offset 0 is a whole settings file; anything later is front matter).
pub(crate) fn toml_error(
    source: &SourceFile,
    base: usize,
    e: &toml::de::Error,
    valid: &[&str],
) -> Diagnostic {
    let offset = base + e.span().map_or(0, |s| s.start);
    let block = if base != 0 {
        Block::FrontMatter
    } else if source.path.ends_with("sitegen.toml") {
        Block::Settings
    } else {
        Block::File
    };
    let mut message = e.message().trim().to_string();
    if message == "duplicate key"
        && let Some(d) = duplicate_key(source, block_at(&source.text, base), offset)
    {
        return d;
    }
    if let Some(fix) = syntax::toml(&source.text, block_at(&source.text, base), offset, &message) {
        return fixed(source, fix);
    }
    // toml's "invalid date, expected day between 01 and 29" names no value: name it, as a date
    // sitegen itself refuses is named.
    if let Some(what) = TOML_DATE_ERRORS.iter().find(|w| message.starts_with(**w))
        && let Some(span) = e.span()
    {
        let value = source.text[base + span.start..base + span.end].trim();
        let why = message[what.len()..].trim_start_matches([',', ' ']);
        message = format!("`{value}`{NOT_A_DATE}{why}");
    }
    // Name the key, as YAML errors do (`weight: invalid type: ...`).
    if (message.starts_with("invalid") || message.contains(NOT_A_DATE))
        && let Some(key) = key_of_value_at(&source.text, offset)
    {
        message = format!("{key}: {message}");
    }
    located_error(source, offset, base, message, valid, block)
}

/// A key set twice in a TOML block: named, with the line that set it first.
fn duplicate_key(
    source: &SourceFile,
    block: std::ops::Range<usize>,
    at: usize,
) -> Option<Diagnostic> {
    let text = &source.text;
    let key_of = |line: &str| -> Option<String> {
        let line = line.trim();
        if line.starts_with('[') {
            return Some(line.trim_matches(['[', ']']).trim().to_string());
        }
        let (key, _) = line.split_once('=')?;
        Some(key.trim().trim_matches(['"', '\'']).to_string())
    };
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let key = key_of(&text[at..line_end]).filter(|k| !k.is_empty())?;
    let mut first = None;
    let mut pos = block.start;
    for line in text[block.start..at].split_inclusive('\n') {
        if key_of(line).as_deref() == Some(key.as_str()) && first.is_none() {
            first = Some(pos);
        }
        pos += line.len();
    }
    let (line, _) = source.position(first?);
    Some(
        source
            .error_at(
                at,
                format!("duplicate key `{key}`: it is already set on line {line}"),
            )
            .with_hint("keep one of the two lines: a key is set once"),
    )
}

/// What a TOML or YAML block is, for the words of its messages.
#[derive(Clone, Copy, PartialEq)]
enum Block {
    /// A whole settings file (`sitegen.toml`): its keys are settings.
    Settings,
    /// A post's or exercise's front matter.
    FrontMatter,
    /// Another whole TOML file (a bundle's `comments.toml`).
    File,
}

/// A YAML error in `source.text[base..]` as a diagnostic located in the whole file.
pub(crate) fn yaml_error(
    source: &SourceFile,
    base: usize,
    e: &serde_yaml_ng::Error,
    valid: &[&str],
) -> Diagnostic {
    let offset = e.location().map_or(0, |l| l.index());
    let message = e.to_string();
    let message = message
        .split(" at line ")
        .next()
        .unwrap_or(&message)
        .to_string();
    let block = block_at(&source.text, base);
    if let Some(fix) = syntax::yaml(&source.text, block, base + offset, &message) {
        return fixed(source, fix);
    }
    located_error(
        source,
        base + offset,
        base,
        message,
        valid,
        Block::FrontMatter,
    )
}

/// The block starting at `base`: up to its closing `---`/`+++` line (front matter), or the whole
/// file (`sitegen.toml`, at 0).
fn block_at(text: &str, base: usize) -> std::ops::Range<usize> {
    if base == 0 {
        return 0..text.len();
    }
    let mut pos = base;
    for line in text[base..].split_inclusive('\n') {
        if matches!(line.trim_end(), "---" | "+++") {
            return base..pos;
        }
        pos += line.len();
    }
    base..text.len()
}

fn fixed(source: &SourceFile, fix: Fix) -> Diagnostic {
    source.error_at(fix.offset, fix.message).with_hint(fix.hint)
}

/// The key of a `key = value` line when `offset` lies after its `=`.
fn key_of_value_at(text: &str, offset: usize) -> Option<&str> {
    let line_start = text.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
    let (key, _) = text[line_start..offset].split_once('=')?;
    let key = key.trim().trim_matches(['"', '\'']);
    (!key.is_empty()).then_some(key)
}

fn located_error(
    source: &SourceFile,
    offset: usize,
    matter_start: usize,
    message: String,
    valid_keys: &[&str],
    block: Block,
) -> Diagnostic {
    // serde names the Rust type ("expected struct PostMeta"); say what the author must write.
    let message = match message.find("expected struct ") {
        Some(i) => format!(
            "{}expected `key: value` (or `key = value`) lines",
            &message[..i]
        ),
        None => message,
    };
    if let Some(key) = unknown_field(&message) {
        let key = key.to_string();
        // Point at the key itself when we can find it.
        let at = find_key(&source.text[matter_start..], &key).map_or(offset, |i| matter_start + i);
        let (message, valid) = match block {
            Block::Settings => (format!("unknown setting `{key}`"), "the settings are"),
            Block::FrontMatter => (
                format!("unknown key `{key}` in front matter"),
                "valid keys are",
            ),
            Block::File => (
                format!("unknown key `{key}` in this file"),
                "valid keys are",
            ),
        };
        let mut hint = format!("{valid} {}", list_names(valid_keys));
        if let Some(best) = did_you_mean(&key, valid_keys.iter().copied()).first() {
            hint = format!("did you mean `{best}`? {hint}");
        }
        return source.error_at(at, message).with_hint(hint);
    }
    if let Some(field) = message.strip_prefix("missing field `") {
        let field = field.trim_end_matches('`');
        return source
            .error_at(
                matter_start.saturating_sub(1),
                format!("missing required field `{field}`"),
            )
            .with_hint(format!("add `{field}` to the front matter"));
    }
    let error = source.error_at(offset, &message);
    if message.contains(NOT_A_DATE) {
        error.with_hint(DATE_FORMS)
    } else {
        error
    }
}

fn unknown_field(message: &str) -> Option<&str> {
    let rest = message.split("unknown field `").nth(1)?;
    rest.split('`').next()
}

fn find_key(matter: &str, key: &str) -> Option<usize> {
    let mut pos = 0;
    for line in matter.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let bare = trimmed.trim_start_matches(['"', '\'']);
        if let Some(rest) = bare.strip_prefix(key)
            && rest
                .trim_start_matches(['"', '\''])
                .trim_start()
                .starts_with(['=', ':'])
        {
            return Some(pos + indent);
        }
        pos += line.len();
    }
    None
}

/// Byte offset of `key` in the block `text[matter]`, or of the block's start when it is absent.
pub(crate) fn key_offset_in(text: &str, matter: std::ops::Range<usize>, key: &str) -> usize {
    let start = matter.start;
    find_key(&text[matter], key).map_or(0, |i| start + i)
}
