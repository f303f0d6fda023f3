//! Site settings from `sitegen.toml` and the command line, resolved once into a `Config`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use crate::date::{Date, today};
use crate::diagnostic::{Diagnostic, Diagnostics, Failure, SourceFile, toml_error};
use crate::fsutil;
use crate::highlight::Theme;
use crate::i18n::Translations;
use crate::schemes::SchemePolicy;

/// The optional `sitegen.toml` at the site root.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SettingsFile {
    title: Option<String>,
    short_name: Option<String>,
    description: Option<String>,
    author: Option<String>,
    base_url: Option<String>,
    language: Option<String>,
    feed_content: Option<FeedContent>,
    feed_limit: Option<usize>,
    paginate: Option<usize>,
    spare_output: Option<bool>,
    search: Option<bool>,
    search_shard_pages: Option<std::num::NonZeroUsize>,
    highlight: Option<bool>,
    highlight_theme: Option<Theme>,
    highlight_theme_dark: Option<Theme>,
    routine: Option<RoutineSettings>,
    image_widths: Option<Vec<u32>>,
    image_quality: Option<u8>,
    urls: Option<UrlMode>,
    allow_url_schemes: Option<Vec<String>>,
    allow_outside_symlinks: Option<bool>,
}

/// How fenced code is highlighted: `highlight` (on unless `false`), `highlight_theme` (the light
/// colour scheme's colours) and `highlight_theme_dark`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct HighlightSettings {
    /// Whether blocks in a language sitegen knows are highlighted.
    pub enabled: bool,
    /// Colours in the light colour scheme.
    pub light: Theme,
    /// Colours in the dark colour scheme.
    pub dark: Theme,
}

impl Default for HighlightSettings {
    fn default() -> Self {
        HighlightSettings {
            enabled: true,
            light: Theme::GithubLight,
            dark: Theme::GithubDark,
        }
    }
}

/// `[routine]` in `sitegen.toml`: what a routine's estimated time assumes where an embed or an
/// exercise does not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RoutineSettings {
    /// Sets of an embed that gives no `sets`.
    pub sets: u32,
    /// Reps of an embed that gives no `reps`, for an exercise without a `duration`.
    pub reps: u32,
    /// Seconds one rep takes, for an exercise without its own `seconds_per_rep`.
    pub seconds_per_rep: u32,
    /// Seconds of rest between two sets of one exercise.
    pub rest_between_sets: u32,
    /// Seconds to move from one exercise to the next.
    pub rest_between_exercises: u32,
}

impl Default for RoutineSettings {
    fn default() -> Self {
        RoutineSettings {
            sets: 1,
            reps: 10,
            seconds_per_rep: 4,
            rest_between_sets: 30,
            rest_between_exercises: 15,
        }
    }
}

/// The keys of `[routine]`.
const ROUTINE_KEYS: &[&str] = &[
    "sets",
    "reps",
    "seconds_per_rep",
    "rest_between_sets",
    "rest_between_exercises",
];

/// What a feed entry carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FeedContent {
    /// The whole post, as HTML.
    #[default]
    Full,
    /// Only the summary.
    Summary,
}

/// How internal links are written (`urls` in `sitegen.toml`, `--urls`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UrlMode {
    /// Folder URLs, root-relative (`/core/`): for hosts that serve a folder's `index.html`.
    #[default]
    Pretty,
    /// Root-relative URLs naming the file (`/core/index.html`): for object stores and CDNs
    /// without index documents.
    Index,
    /// URLs relative to the page, naming the file (`../core/index.html`): for `file://` and any
    /// host, at any path.
    Relative,
}

/// Command-line choices that override or complement `sitegen.toml`.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// Output folder (default `ROOT/public`).
    pub output: Option<PathBuf>,
    /// Build draft posts too.
    pub drafts: bool,
    /// Replace the configured base URL.
    pub base_url: Option<String>,
    /// Build posts dated after today too.
    pub future: bool,
    /// Replace the configured URL mode.
    pub urls: Option<UrlMode>,
}

/// Everything a build needs to know, resolved.
#[derive(Debug, Clone)]
pub struct Config {
    /// Site root (holds `posts/`, `templates/`, `static/`, `sitegen.toml`).
    pub root: PathBuf,
    /// Output folder.
    pub output: PathBuf,
    /// Whether drafts are built.
    pub drafts: bool,
    /// Site title.
    pub title: String,
    /// A shorter name for a phone's home screen (`short_name`; the title when not set).
    pub short_name: Option<String>,
    /// One-line site description.
    pub description: String,
    /// Author's name.
    pub author: String,
    /// Base URL, always ending in `/` (either `/`, `/sub/` or `https://host/sub/`).
    pub base_url: String,
    /// The path part of `base_url` (`/` or `/sub/`), used for every internal link.
    pub base_path: String,
    /// Language code for `<html lang>`.
    pub language: String,
    /// The theme's words in `language` (the built-in table and the site's `i18n/<lang>.toml`):
    /// part of the settings, so a change to them re-renders every page.
    pub(crate) i18n: Arc<Translations>,
    /// Whether posts dated after `today` are built.
    pub future: bool,
    /// Today (UTC; `SOURCE_DATE_EPOCH` when set): posts dated later are scheduled.
    pub today: Date,
    /// Full posts or summaries in feeds.
    pub feed_content: FeedContent,
    /// How many of the newest posts a feed holds (0: all).
    pub feed_limit: usize,
    /// Entries per page of the home page, tag pages and series pages (`paginate`, default
    /// `DEFAULT_PAGINATE`; 0: every list on one page).
    pub paginate: usize,
    /// Whether the previous output is kept beside the new one as a spare that the next build
    /// recycles (`spare_output`, default true).
    pub spare_output: bool,
    /// Whether `build` makes the search index, the search page and the header's search box
    /// (`search`, default true).
    pub search: bool,
    /// Searchable pages per shard of the search index, on average, past which the index is split
    /// (`search_shard_pages`, default `search::shards::SHARD_PAGES`).
    pub search_shard_pages: usize,
    /// Highlighting of fenced code blocks.
    pub highlight: HighlightSettings,
    /// Defaults of routines' estimated times.
    pub routine: RoutineSettings,
    /// How photos are resized and encoded.
    pub images: ImageSettings,
    /// How internal links are written.
    pub urls: UrlMode,
    /// Which refused URL schemes (`javascript:`, `data:`, …) the site allows anyway.
    pub url_schemes: SchemePolicy,
    /// Whether a symlink of the sources may lead outside the site's folder
    /// (`allow_outside_symlinks`, default false: such a link is an error).
    pub outside_symlinks: bool,
}

/// How the image stage makes the variants of a photo (part of every cached variant's key).
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct ImageSettings {
    /// Widths in pixels to resize to (never above the original's).
    pub widths: Vec<u32>,
    /// Encoder quality, 1–100 (JPEG and lossy WebP).
    pub quality: u8,
}

impl Default for ImageSettings {
    fn default() -> Self {
        ImageSettings {
            widths: vec![480, 960, 1440],
            quality: 80,
        }
    }
}

impl ImageSettings {
    /// The settings of `sitegen.toml`, or why they cannot be used.
    fn from_file(widths: Option<Vec<u32>>, quality: Option<u8>) -> Result<Self, Diagnostic> {
        let default = ImageSettings::default();
        let mut widths = widths.unwrap_or(default.widths);
        widths.sort_unstable();
        widths.dedup();
        if widths.is_empty() || widths.iter().any(|&w| !(16..=8192).contains(&w)) {
            return Err(Diagnostic::file_error(
                SETTINGS_FILE,
                "`image_widths` must list widths from 16 to 8192 pixels",
            )
            .with_hint("for example image_widths = [480, 960, 1440]"));
        }
        let quality = quality.unwrap_or(default.quality);
        if !(1..=100).contains(&quality) {
            return Err(Diagnostic::file_error(
                SETTINGS_FILE,
                "`image_quality` must be from 1 to 100",
            )
            .with_hint("80 keeps photos sharp at a quarter of their size"));
        }
        Ok(ImageSettings { widths, quality })
    }
}

/// `ROOT/sitegen.toml`, or the defaults when there is none; a file that cannot be read or parsed
/// is reported in `errors` and the defaults used.
fn read_settings(root: &Path, errors: &mut Diagnostics) -> SettingsFile {
    let settings_path = root.join(SETTINGS_FILE);
    // A settings file that is there but is not a regular file is never read (a FIFO would
    // block) and never dropped silently.
    if settings_path.exists() && !settings_path.is_file() {
        errors.push(
            Diagnostic::file_error(SETTINGS_FILE, "is not a regular file: not read")
                .with_hint("replace it with a plain text file of settings, or remove it"),
        );
    }
    if !settings_path.is_file() {
        return SettingsFile::default();
    }
    fsutil::read_source(root, &settings_path)
        .and_then(|source| parse_settings(&source))
        .unwrap_or_else(|d| {
            errors.push(d);
            SettingsFile::default()
        })
}

/// The settings of the text of `sitegen.toml`; an escaped control character is refused.
fn parse_settings(source: &SourceFile) -> Result<SettingsFile, Diagnostic> {
    if let Some((key, c)) = source
        .text
        .contains('\\')
        .then(|| crate::diagnostic::escaped_control(&source.text, false))
        .flatten()
    {
        let at = source.text.find(key.as_str()).unwrap_or(0);
        return Err(source.error_at(
            at,
            format!("`{key}` holds the control character U+{:04X} (written as an escape): pages and feeds cannot carry it", c as u32),
        ).with_hint("remove the escape"));
    }
    toml::from_str::<SettingsFile>(&source.text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        let valid = match table_at(&source.text, offset) {
            Some("routine") => ROUTINE_KEYS,
            _ => VALID_KEYS,
        };
        toml_error(source, 0, &e, valid)
    })
}

/// The base URL (`--base-url`, else `base_url`, else `/`) and its path; a malformed one is
/// reported in `errors` and `/` used.
fn base_url_and_path(
    cli: Option<String>,
    file: Option<String>,
    errors: &mut Diagnostics,
) -> (String, String) {
    let base_url = cli.or(file).unwrap_or_else(|| "/".to_string());
    normalise_base_url(&base_url).unwrap_or_else(|d| {
        errors.push(Diagnostic {
            path: Some(SETTINGS_FILE.into()),
            ..d
        });
        ("/".to_string(), "/".to_string())
    })
}

/// Name of the settings file at the site root.
pub(crate) use crate::root::SETTINGS_FILE;

impl Config {
    /// Reads `ROOT/sitegen.toml` if present and applies the overrides.
    pub fn load(root: &Path, overrides: Overrides) -> Result<Config, Failure> {
        let mut errors = Diagnostics::default();
        let config = Config::load_reporting(root, overrides, &mut errors)?;
        errors.finish()?;
        Ok(config)
    }

    /// Like [`Config::load`], but a mistake in `sitegen.toml` is recorded in `errors` and its
    /// default used instead, so a build can go on to find the mistakes in the posts too (it
    /// then fails with all of them). Only a site root that is not a folder stops it.
    pub(crate) fn load_reporting(
        root: &Path,
        overrides: Overrides,
        errors: &mut Diagnostics,
    ) -> Result<Config, Diagnostic> {
        if !root.is_dir() {
            return Err(
                Diagnostic::file_error(root, "the site root is not a folder")
                    .with_hint("pass --root with the folder that holds `posts/`"),
            );
        }
        // One absolute spelling of every path, so watch events and loaded files compare equal.
        let root = &root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let settings = read_settings(root, errors);
        let output = overrides.output_in(root);
        let (base_url, base_path) =
            base_url_and_path(overrides.base_url, settings.base_url, errors);
        let today = today().unwrap_or_else(|d| {
            errors.push(d);
            Date::EPOCH
        });
        let language = settings.language.unwrap_or_else(|| "en".to_string());
        let default_title = root
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Posts".to_string());
        Ok(Config {
            output,
            root: root.to_path_buf(),
            drafts: overrides.drafts,
            title: settings.title.unwrap_or(default_title),
            short_name: settings.short_name,
            description: settings.description.unwrap_or_default(),
            author: settings.author.unwrap_or_default(),
            base_url,
            base_path,
            i18n: Arc::new(Translations::load(root, &language, errors)),
            language,
            future: overrides.future,
            today,
            feed_content: settings.feed_content.unwrap_or_default(),
            feed_limit: settings.feed_limit.unwrap_or(DEFAULT_FEED_LIMIT),
            paginate: settings.paginate.unwrap_or(DEFAULT_PAGINATE),
            spare_output: settings.spare_output.unwrap_or(true),
            search: settings.search.unwrap_or(true),
            search_shard_pages: settings
                .search_shard_pages
                .map_or(crate::search::shards::SHARD_PAGES, |n| n.get()),
            highlight: HighlightSettings {
                enabled: settings.highlight.unwrap_or(true),
                light: settings.highlight_theme.unwrap_or(Theme::GithubLight),
                dark: settings.highlight_theme_dark.unwrap_or(Theme::GithubDark),
            },
            routine: settings.routine.unwrap_or_default(),
            images: ImageSettings::from_file(settings.image_widths, settings.image_quality)
                .unwrap_or_else(|d| {
                    errors.push(d);
                    ImageSettings::default()
                }),
            urls: overrides.urls.or(settings.urls).unwrap_or_default(),
            outside_symlinks: settings.allow_outside_symlinks.unwrap_or(false),
            url_schemes: SchemePolicy::from_names(&settings.allow_url_schemes.unwrap_or_default())
                .unwrap_or_else(|d| {
                    errors.push(Diagnostic {
                        path: Some(SETTINGS_FILE.into()),
                        ..d
                    });
                    SchemePolicy::default()
                }),
        })
    }

    /// The name a phone shows under the site's icon: `short_name`, else the title.
    pub(crate) fn short_name(&self) -> &str {
        self.short_name
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or(&self.title)
    }

    /// The scheme and host of `base_url` (`https://example.org`), when it has them.
    pub(crate) fn origin(&self) -> Option<&str> {
        self.base_url
            .strip_suffix(&self.base_path)
            .filter(|o| !o.is_empty())
    }

    /// Path of `p` relative to the site root, for messages.
    pub(crate) fn relative<'a>(&self, p: &'a Path) -> &'a Path {
        fsutil::relative(&self.root, p)
    }
}

#[cfg(test)]
impl Config {
    /// Settings for unit tests: a site at `/site` served under `base_path`.
    pub(crate) fn for_tests(base_path: &str) -> Config {
        Config {
            root: PathBuf::from("/site"),
            output: PathBuf::from("/site/public"),
            drafts: false,
            title: "Test".into(),
            short_name: None,
            description: String::new(),
            author: String::new(),
            base_url: base_path.into(),
            base_path: base_path.into(),
            language: "en".into(),
            i18n: Arc::new(Translations::english()),
            future: false,
            today: Date {
                year: 2024,
                month: 6,
                day: 1,
            },
            feed_content: FeedContent::Full,
            feed_limit: DEFAULT_FEED_LIMIT,
            paginate: DEFAULT_PAGINATE,
            spare_output: true,
            search: true,
            search_shard_pages: crate::search::shards::SHARD_PAGES,
            highlight: HighlightSettings::default(),
            routine: RoutineSettings::default(),
            images: ImageSettings::default(),
            urls: UrlMode::Pretty,
            url_schemes: SchemePolicy::default(),
            outside_symlinks: false,
        }
    }
}

impl Overrides {
    /// The output folder for the site at `root`: `--output`, else `ROOT/public`.
    pub fn output_in(&self, root: &Path) -> PathBuf {
        self.output.clone().unwrap_or_else(|| root.join("public"))
    }
}

const VALID_KEYS: &[&str] = &[
    "title",
    "short_name",
    "description",
    "author",
    "base_url",
    "language",
    "feed_content",
    "feed_limit",
    "paginate",
    "spare_output",
    "search",
    "search_shard_pages",
    "highlight",
    "highlight_theme",
    "highlight_theme_dark",
    "routine",
    "image_widths",
    "image_quality",
    "urls",
    crate::schemes::SETTING,
    "allow_outside_symlinks",
];

/// The warning of a build whose `base_url` has no host: what the published site lacks, and how
/// to give it one.
pub(crate) fn no_host_warning(config: &Config) -> Diagnostic {
    let settings = config.root.join(SETTINGS_FILE);
    let message = format!(
        "base_url `{}` has no host: the site gets no canonical links, its feed and share cards \
         carry no full address, and feed readers cannot follow its links",
        config.base_url
    );
    let diagnostic = if settings.is_file() {
        Diagnostic::file_error(SETTINGS_FILE, message)
    } else {
        Diagnostic::new(message)
    };
    diagnostic
        .with_hint(
            "before publishing, set `base_url = \"https://your.domain/\"` in sitegen.toml (or \
             build with `--base-url https://your.domain/`)",
        )
        .warning()
}

/// The name of the `[table]` of a TOML file that `offset` lies in, if any.
fn table_at(text: &str, offset: usize) -> Option<&str> {
    let before = text.get(..offset)?;
    before.lines().rev().find_map(|line| {
        let line = line.trim();
        let name = line.strip_prefix('[')?.split(']').next()?;
        Some(name.trim())
    })
}

/// Entries in a feed unless `feed_limit` says otherwise.
const DEFAULT_FEED_LIMIT: usize = 20;

/// Entries per page of a list unless `paginate` says otherwise (Hugo's default too).
pub const DEFAULT_PAGINATE: usize = 10;

/// Returns `(base_url, base_path)`, both ending in `/`.
fn normalise_base_url(raw: &str) -> Result<(String, String), Diagnostic> {
    let raw = raw.trim();
    let with_slash = |s: &str| {
        if s.ends_with('/') {
            s.to_string()
        } else {
            format!("{s}/")
        }
    };
    if let Some(rest) = raw
        .strip_prefix("https://")
        .or_else(|| raw.strip_prefix("http://"))
    {
        let path = rest.find('/').map_or("/", |i| &rest[i..]);
        let host = rest.split('/').next().unwrap_or("");
        if host.is_empty() {
            return Err(bad_base_url(format!("base_url `{raw}` has no host")));
        }
        check_path(path, raw)?;
        Ok((with_slash(raw), with_slash(path)))
    } else if raw.starts_with('/') {
        check_path(raw, raw)?;
        Ok((with_slash(raw), with_slash(raw)))
    } else {
        Err(bad_base_url(format!(
            "base_url `{raw}` must start with `/`, `http://` or `https://`"
        )))
    }
}

fn bad_base_url(message: String) -> Diagnostic {
    Diagnostic::new(message).with_hint(
        "use `/`, a path such as `/blog/`, or a full URL such as `https://example.org/blog/`",
    )
}

fn check_path(path: &str, raw: &str) -> Result<(), Diagnostic> {
    if path.contains(['?', '#', '"', '<', '>', ' ', '\\']) || path.split('/').any(|s| s == "..") {
        return Err(bad_base_url(format!(
            "base_url `{raw}` has characters that cannot be used in a link path"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{normalise_base_url, table_at};

    #[test]
    fn an_offset_knows_its_table() {
        let text = "title = \"x\"\n[routine]\nsets = 2\n";
        assert_eq!(table_at(text, 3), None);
        assert_eq!(table_at(text, text.len() - 3), Some("routine"));
    }

    #[test]
    fn base_urls_get_a_trailing_slash_and_a_path() {
        assert_eq!(normalise_base_url("/").unwrap(), ("/".into(), "/".into()));
        assert_eq!(
            normalise_base_url("https://example.org/blog").unwrap(),
            ("https://example.org/blog/".into(), "/blog/".into())
        );
        assert_eq!(
            normalise_base_url("https://example.org").unwrap(),
            ("https://example.org/".into(), "/".into())
        );
        assert!(normalise_base_url("blog").is_err());
        assert!(normalise_base_url("/a/../b").is_err());
    }
}
