//! The theme's words in the reader's language: the built-in tables (`templates/i18n/<lang>.toml`),
//! a site's `i18n/<lang>.toml` over them, English for any key left out; and the `t()` function
//! templates read them with.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile, toml_error};
use crate::fsutil;

/// The built-in tables: `(language, TOML)`, from the theme.
pub(crate) use crate::theme::I18N as BUILT_IN;

/// The folder of a site's own tables, beside `sitegen.toml`.
pub(crate) const DIR: &str = "i18n";

/// One string of a table: plain, or chosen by `{count}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Text {
    /// The same words for every count.
    Plain(String),
    /// `one` for a single thing (in French and Portuguese also for none), `other` otherwise.
    Plural {
        /// The singular.
        one: String,
        /// Every other count.
        other: String,
    },
}

impl Text {
    fn forms(&self) -> Vec<&str> {
        match self {
            Text::Plain(s) => vec![s],
            Text::Plural { one, other } => vec![one, other],
        }
    }
}

/// The resolved table of a site: every key of the English table, in the site's language where
/// it has the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translations {
    /// The primary subtag of `language` (`de` of `de-CH`), which picks plural forms.
    lang: String,
    texts: BTreeMap<String, Text>,
    /// What is wrong with the site's table or `language`: every build, warm build and `watch`
    /// rebuild reports it (see [`Translations::warnings`]).
    warnings: Vec<Diagnostic>,
}

/// What fills a placeholder.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Arg<'a> {
    /// Plain text.
    Text(&'a str),
    /// A number (also chooses the plural form when named `count`).
    Number(i64),
}

impl Arg<'_> {
    /// A number of things as a placeholder's argument.
    pub(crate) fn count(n: usize) -> Arg<'static> {
        Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl Translations {
    /// The English table alone.
    pub(crate) fn english() -> Translations {
        Translations::english_ref().clone()
    }

    /// The English table, read once.
    pub(crate) fn english_ref() -> &'static Translations {
        static ENGLISH: std::sync::OnceLock<Translations> = std::sync::OnceLock::new();
        ENGLISH.get_or_init(|| Translations {
            lang: "en".to_string(),
            texts: parse_table(BUILT_IN[0].1)
                .map(|(t, _)| t)
                .unwrap_or_default(),
            warnings: Vec::new(),
        })
    }

    /// The table for `language`: the built-in one of its primary subtag, then the site's
    /// `ROOT/i18n/<language>.toml` (or `<subtag>.toml`) over it, English for what is left.
    /// A file that cannot be read is an error in `errors`; the table keeps its warnings.
    pub(crate) fn load(root: &Path, language: &str, errors: &mut Diagnostics) -> Translations {
        let mut found = Diagnostics::default();
        let mut table = Translations::read(root, language, &mut found);
        for d in found {
            if d.is_error() {
                errors.push(d);
            } else {
                table.warnings.push(d);
            }
        }
        table
    }

    /// The warnings about the site's table and `language`, for the build to report.
    pub(crate) fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    fn read(root: &Path, language: &str, errors: &mut Diagnostics) -> Translations {
        let lang = primary_subtag(language);
        let mut table = Translations::english();
        table.lang = lang.clone();
        let built_in = BUILT_IN.iter().find(|(l, _)| *l == lang);
        if let Some((_, text)) = built_in.filter(|(l, _)| *l != "en") {
            let (texts, _) = parse_table(text).unwrap_or_default();
            table.texts.extend(texts);
        }
        let site_file = site_file(root, language, &lang);
        match &site_file {
            Some(path) => table.apply_site_file(root, path, errors),
            None if built_in.is_none() => errors.push(
                Diagnostic::file_error(
                    crate::root::SETTINGS_FILE,
                    format!(
                        "`language = \"{language}\"`: sitegen has no table of the theme's words in this language, so they are in English"
                    ),
                )
                .warning()
                .with_hint(format!(
                    "write them in `{DIR}/{lang}.toml` (the manual lists the keys), or use one of {}",
                    built_in_names()
                )),
            ),
            None => {}
        }
        table
    }

    /// Reads a site's table over this one: unknown keys and missing keys are warnings.
    fn apply_site_file(&mut self, root: &Path, path: &Path, errors: &mut Diagnostics) {
        let source = match fsutil::read_source(root, path) {
            Ok(s) => s,
            Err(e) => return errors.push(e),
        };
        let english = Translations::english_ref();
        let keys: Vec<&str> = english.texts.keys().map(String::as_str).collect();
        let found = match DeTable::parse(&source.text) {
            Ok(t) => t,
            Err(e) => return errors.push(toml_error(&source, 0, &e, &keys)),
        };
        let mut given = BTreeSet::new();
        for (key, value) in found.get_ref() {
            let name = key.get_ref().as_ref();
            let Some(reference) = english.texts.get(name) else {
                errors.push(unknown_key(&source, key.span().start, name, &keys));
                continue;
            };
            match site_text(value.get_ref(), reference) {
                Ok(text) => {
                    given.insert(name.to_string());
                    self.texts.insert(name.to_string(), text);
                }
                Err(why) => errors.push(
                    source
                        .error_at(
                            value.span().start,
                            format!("`{name}`: {why}; the theme's own words are used"),
                        )
                        .warning()
                        .with_hint(format!(
                            "write it like the English: {}",
                            describe(reference)
                        )),
                ),
            }
        }
        let missing: Vec<&str> = keys
            .iter()
            .copied()
            .filter(|k| !given.contains(*k))
            .collect();
        if !missing.is_empty() && BUILT_IN.iter().all(|(l, _)| *l != self.lang) {
            errors.push(missing_keys(&source, &missing));
        }
    }

    /// The string `key` with its placeholders filled from `args`, the plural form chosen by the
    /// arg `count`. `Err` says what is wrong (an unknown key, a placeholder not given).
    pub(crate) fn format(&self, key: &str, args: &[(&str, Arg)]) -> Result<String, Mistake> {
        self.format_with(key, args, &mut |s, out| out.push_str(s))
    }

    /// [`Translations::format`] for Rust code, whose keys and arguments are the theme's own: a
    /// mistake there shows the key rather than stopping the build.
    pub(crate) fn get(&self, key: &str, args: &[(&str, Arg)]) -> String {
        self.format(key, args).unwrap_or_else(|_| key.to_string())
    }

    /// Formats `key`, writing the table's text through `escape` (arguments are written as given).
    fn format_with(
        &self,
        key: &str,
        args: &[(&str, Arg)],
        escape: &mut dyn FnMut(&str, &mut String),
    ) -> Result<String, Mistake> {
        let text = self.texts.get(key).ok_or_else(|| Mistake::UnknownKey {
            key: key.to_string(),
            near: crate::diagnostic::did_you_mean(key, self.texts.keys().map(String::as_str))
                .into_iter()
                .map(str::to_string)
                .collect(),
        })?;
        // A count written as text ("2-3" sets) that is no whole number takes the `other` form.
        let count = args
            .iter()
            .find(|(n, _)| *n == "count")
            .map(|(_, a)| match a {
                Arg::Number(c) => Some(*c),
                Arg::Text(s) => s.trim().parse().ok(),
            });
        let pattern = match (text, count) {
            (Text::Plain(s), _) => s,
            (Text::Plural { one, other }, Some(n)) => {
                if n.is_some_and(|n| plural_is_one(&self.lang, n)) {
                    one
                } else {
                    other
                }
            }
            (Text::Plural { .. }, None) => {
                return Err(Mistake::NeedsCount(key.to_string()));
            }
        };
        fill(pattern, escape, &mut |name, out| {
            let (_, arg) = args.iter().find(|(n, _)| *n == name)?;
            match arg {
                Arg::Text(s) => out.push_str(s),
                Arg::Number(n) => out.push_str(&n.to_string()),
            }
            Some(())
        })
        .map_err(|name| Mistake::MissingArg {
            key: key.to_string(),
            name,
        })
    }

    /// The table as the Tera function `t(key=…, name=…)`: the words escaped as HTML text, the
    /// arguments escaped unless they are already safe (a `{% set %}` block of HTML).
    pub(crate) fn tera_function(
        self: Arc<Self>,
    ) -> impl Fn(tera::Kwargs, &tera::State) -> tera::TeraResult<tera::Value> + Send + Sync + 'static
    {
        move |kwargs, _| {
            let key: String = kwargs.must_get("key")?;
            let mut owned: Vec<(String, Cow<str>, Option<i64>)> = Vec::new();
            for (name, value) in kwargs.iter() {
                let Some(name) = name.as_str().filter(|n| *n != "key") else {
                    continue;
                };
                let text = match value.as_str() {
                    Some(s) if value.is_safe() => Cow::Owned(s.to_string()),
                    Some(s) => Cow::Owned(crate::html::escape_html(s)),
                    None => Cow::Owned(value.to_string()),
                };
                owned.push((name.to_string(), text, value.as_i64()));
            }
            let args: Vec<(&str, Arg)> = owned
                .iter()
                .map(|(n, t, i)| (n.as_str(), i.map_or(Arg::Text(t), Arg::Number)))
                .collect();
            self.format_with(&key, &args, &mut escape_words)
                .map(|s| tera::Value::safe_string(&s))
                .map_err(|e| tera::Error::message(e.to_string()))
        }
    }
}

/// The theme's words as HTML text: an apostrophe stays as it is (the theme's attributes are in
/// double quotes), as it was written in the templates.
fn escape_words(s: &str, out: &mut String) {
    crate::html::escape_text(out, s);
}

/// `pattern` with each `{name}` replaced by `arg(name)`; the rest through `words`. `Err` holds
/// the first name `arg` does not know. A `{` not starting a name is text.
fn fill(
    pattern: &str,
    words: &mut dyn FnMut(&str, &mut String),
    arg: &mut dyn FnMut(&str, &mut String) -> Option<()>,
) -> Result<String, UnknownName> {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let name_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        if name_len == 0 || !after[name_len..].starts_with('}') {
            words(&rest[..open + 1], &mut out);
            rest = after;
            continue;
        }
        words(&rest[..open], &mut out);
        let name = &after[..name_len];
        arg(name, &mut out).ok_or_else(|| UnknownName(name.to_string()))?;
        rest = &after[name_len + 1..];
    }
    words(rest, &mut out);
    Ok(out)
}

/// The `{name}`s of a string.
pub(crate) fn placeholders(pattern: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let _ = fill(pattern, &mut |_, _| {}, &mut |name, _| {
        names.insert(name.to_string());
        Some(())
    });
    names
}

/// Whether `n` takes the `one` form: 1, and also 0 in French and Portuguese (CLDR).
fn plural_is_one(lang: &str, n: i64) -> bool {
    match lang {
        "fr" | "pt" => n == 0 || n == 1,
        _ => n == 1,
    }
}

/// `de` of `de-CH` or `de_CH`, lower case.
pub(crate) fn primary_subtag(language: &str) -> String {
    language
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// The site's table for `language`: `i18n/<language>.toml`, else `i18n/<subtag>.toml`.
fn site_file(root: &Path, language: &str, lang: &str) -> Option<std::path::PathBuf> {
    [language, lang]
        .iter()
        .filter(|l| !l.is_empty() && !l.contains(['/', '\\']) && !l.starts_with('.'))
        .map(|l| root.join(DIR).join(format!("{l}.toml")))
        .find(|p| p.is_file())
}

fn built_in_names() -> String {
    let names: Vec<String> = BUILT_IN.iter().map(|(l, _)| format!("`{l}`")).collect();
    names.join(", ")
}

/// A built-in table's strings (and, for tests, their names in file order).
fn parse_table(text: &str) -> Option<(BTreeMap<String, Text>, Vec<String>)> {
    let table = DeTable::parse(text).ok()?;
    let mut texts = BTreeMap::new();
    let mut order = Vec::new();
    for (key, value) in table.get_ref() {
        let text = match value.get_ref() {
            DeValue::String(s) => Text::Plain(s.to_string()),
            DeValue::Table(t) => Text::Plural {
                one: t.get("one")?.get_ref().as_str()?.to_string(),
                other: t.get("other")?.get_ref().as_str()?.to_string(),
            },
            _ => return None,
        };
        order.push(key.get_ref().to_string());
        texts.insert(key.get_ref().to_string(), text);
    }
    Some((texts, order))
}

/// A site's value for a key whose English is `reference`: the same shape (plain or plural) and
/// no placeholder the English does not have.
fn site_text(value: &DeValue, reference: &Text) -> Result<Text, Mistake> {
    let text = match (value, reference) {
        (DeValue::String(s), Text::Plain(_)) => Text::Plain(s.to_string()),
        (DeValue::String(s), Text::Plural { .. }) => Text::Plural {
            one: s.to_string(),
            other: s.to_string(),
        },
        (DeValue::Table(t), Text::Plural { .. }) => {
            let form = |f: &str| {
                t.get(f)
                    .and_then(|v| v.get_ref().as_str())
                    .map(str::to_string)
                    .ok_or_else(|| Mistake::NoForm(f.to_string()))
            };
            Text::Plural {
                one: form("one")?,
                other: form("other")?,
            }
        }
        (DeValue::Table(_), Text::Plain(_)) => {
            return Err(Mistake::TableForPlain);
        }
        _ => return Err(Mistake::NotAString),
    };
    let allowed: BTreeSet<String> = reference
        .forms()
        .iter()
        .flat_map(|f| placeholders(f))
        .collect();
    for form in text.forms() {
        if let Some(extra) = placeholders(form).difference(&allowed).next() {
            return Err(Mistake::ExtraPlaceholder(extra.clone()));
        }
    }
    Ok(text)
}

fn describe(reference: &Text) -> String {
    match reference {
        Text::Plain(s) => format!("\"{s}\""),
        Text::Plural { one, other } => format!("{{ one = \"{one}\", other = \"{other}\" }}"),
    }
}

fn unknown_key(source: &SourceFile, at: usize, name: &str, keys: &[&str]) -> Diagnostic {
    let near = crate::diagnostic::did_you_mean(name, keys.iter().copied());
    let hint = if near.is_empty() {
        "the manual lists the theme's keys (Reference, Languages)".to_string()
    } else {
        format!("did you mean {}?", crate::diagnostic::list_names(&near))
    };
    source
        .error_at(at, format!("`{name}` is not a word of the theme: ignored"))
        .warning()
        .with_hint(hint)
}

fn missing_keys(source: &SourceFile, missing: &[&str]) -> Diagnostic {
    let names: Vec<String> = missing.iter().map(|k| format!("`{k}`")).collect();
    Diagnostic::file_error(
        source.path.clone(),
        format!(
            "{} of the theme's words {} not given here, so {} in English: {}",
            missing.len(),
            if missing.len() == 1 { "is" } else { "are" },
            if missing.len() == 1 {
                "it is"
            } else {
                "they are"
            },
            names.join(", ")
        ),
    )
    .warning()
    .with_hint("add them to the file (the manual lists every key with its English)")
}

/// A placeholder name that no argument fills.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UnknownName(String);

/// What is wrong with a use of the table, or with a site's string for a key; shown by its
/// `Display`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Mistake {
    /// A key the table does not have, with the near ones.
    UnknownKey { key: String, near: Vec<String> },
    /// A string with a plural form, used without `count`.
    NeedsCount(String),
    /// A placeholder of `key` that no argument fills.
    MissingArg { key: String, name: UnknownName },
    /// A site's plural table without the form named.
    NoForm(String),
    /// A site's table where the English is one string.
    TableForPlain,
    /// A site's value that is no string.
    NotAString,
    /// A site's placeholder that the English never fills.
    ExtraPlaceholder(String),
}

impl std::fmt::Display for Mistake {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Mistake::UnknownKey { key, near } if near.is_empty() => {
                write!(f, "`{key}` is not a key of the translation table")
            }
            Mistake::UnknownKey { key, near } => write!(
                f,
                "`{key}` is not a key of the translation table; did you mean {}?",
                crate::diagnostic::list_names(near)
            ),
            Mistake::NeedsCount(key) => {
                write!(f, "`{key}` depends on a number: give it as `count=…`")
            }
            Mistake::MissingArg { key, name } => {
                write!(f, "`{key}` needs `{}=…`, which is not given", name.0)
            }
            Mistake::NoForm(form) => write!(f, "the table has no string `{form}`"),
            Mistake::TableForPlain => f.write_str("a plain string is expected here, not a table"),
            Mistake::NotAString => f.write_str("a string is expected"),
            Mistake::ExtraPlaceholder(name) => write!(f, "`{{{name}}}` is not filled in here"),
        }
    }
}

#[cfg(test)]
mod tests;
