//! Which URL schemes an author may write: `javascript:`, `vbscript:`, `data:` (but raster images)
//! and `file:` URLs are build errors unless `allow_url_schemes` in `sitegen.toml` lists them.
//!
//! Browsers run a `javascript:` or `vbscript:` link as code in the page; a `data:` URL can carry
//! a whole HTML page with its scripts (browsers refuse to open one from a link); a `file:` URL
//! points at the reader's own disk. Hugo blanks such links silently; sitegen names the place,
//! since a blanked link is a broken page nobody notices.

use crate::diagnostic::{Diagnostic, list_names};

/// A scheme sitegen refuses unless the site allows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scheme {
    /// `javascript:`: code run by a click.
    Javascript,
    /// `vbscript:`: code, for old Internet Explorer.
    Vbscript,
    /// `data:`: inline content (raster images in Markdown images are always allowed).
    Data,
    /// `file:`: a file on the reader's computer.
    File,
}

impl Scheme {
    const ALL: [Scheme; 4] = [
        Scheme::Javascript,
        Scheme::Vbscript,
        Scheme::Data,
        Scheme::File,
    ];

    /// The scheme's name, as written in `allow_url_schemes`.
    pub fn name(self) -> &'static str {
        match self {
            Scheme::Javascript => "javascript",
            Scheme::Vbscript => "vbscript",
            Scheme::Data => "data",
            Scheme::File => "file",
        }
    }

    fn named(name: &str) -> Option<Scheme> {
        Scheme::ALL.into_iter().find(|s| {
            s.name()
                .eq_ignore_ascii_case(name.trim().trim_end_matches(':'))
        })
    }
}

/// Where a URL is written, which decides how strictly it is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A link's destination (Markdown link, autolink, a URL setting): always a URL.
    Link,
    /// An image's source: always a URL; `data:image/png` and other raster images are allowed.
    Image,
    /// A value that may be text or a URL (a shortcode argument or an `extra` field of the front
    /// matter whose name does not say): a URL only when nothing but the URL is written, so
    /// `"JavaScript: the good parts"` is text and `"javascript:alert(1)"` a URL.
    Value,
}

impl Place {
    /// The place of a value named `name` (a shortcode argument or `extra` key): names that say
    /// "URL" (`url`, `href`, `link`, `*_url`) are links, names that say "image" (`src`, `image`,
    /// `poster`, `*_image`) images, anything else [`Place::Value`].
    pub fn of_name(name: &str) -> Place {
        let n = name.to_ascii_lowercase();
        let ends = |suffixes: &[&str]| {
            suffixes
                .iter()
                .any(|s| n == *s || n.ends_with(&format!("_{s}")) || n.ends_with(&format!("-{s}")))
        };
        if ends(&["src", "image", "img", "poster", "icon", "picture", "photo"]) {
            Place::Image
        } else if ends(&["url", "href", "link", "uri"]) || n.ends_with("url") {
            Place::Link
        } else {
            Place::Value
        }
    }
}

/// The schemes a site allows (none by default).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct SchemePolicy {
    allowed: Vec<Scheme>,
}

/// The setting's name in `sitegen.toml`.
pub const SETTING: &str = "allow_url_schemes";

impl SchemePolicy {
    /// The policy of `allow_url_schemes = [...]`, or why a name cannot be allowed.
    pub fn from_names(names: &[String]) -> Result<SchemePolicy, Diagnostic> {
        let mut allowed = Vec::new();
        for name in names {
            let Some(scheme) = Scheme::named(name) else {
                let all: Vec<&str> = Scheme::ALL.iter().map(|s| s.name()).collect();
                return Err(Diagnostic::new(format!(
                    "`{SETTING}` lists `{name}`, which is not a scheme sitegen refuses"
                ))
                .with_hint(format!(
                    "it may list {}; every other scheme (https:, mailto:, tel:, …) is always allowed",
                    list_names(&all)
                )));
            };
            if !allowed.contains(&scheme) {
                allowed.push(scheme);
            }
        }
        Ok(SchemePolicy { allowed })
    }

    /// Whether the site allows `scheme`.
    pub fn allows(&self, scheme: Scheme) -> bool {
        self.allowed.contains(&scheme)
    }

    /// `Ok` when `url`, written at `place`, may be published; otherwise the error (without a
    /// position: the caller places it at the URL).
    pub fn check(&self, url: &str, place: Place) -> Result<(), Diagnostic> {
        let Some((scheme, rest)) = refused_scheme(url) else {
            return Ok(());
        };
        if self.allows(scheme) {
            return Ok(());
        }
        if place == Place::Value && rest.starts_with(' ') {
            return Ok(()); // "JavaScript: the good parts": text, not a URL
        }
        if scheme == Scheme::Data && place != Place::Link && is_raster_image(rest) {
            return Ok(());
        }
        let shown = shorten(url.trim());
        let allow = format!(
            "to allow {}: URLs anyway, add `{SETTING} = [\"{}\"]` to sitegen.toml",
            scheme.name(),
            scheme.name()
        );
        let d = match (scheme, place) {
            (Scheme::Javascript | Scheme::Vbscript, _) => Diagnostic::new(format!(
                "`{shown}` is a {}: URL, which runs code in the reader's browser",
                scheme.name()
            ))
            .with_hint(format!(
                "link to a page or an https:// address instead; {allow}"
            )),
            (Scheme::Data, Place::Image) => Diagnostic::new(format!(
                "`{shown}` is a data: URL but not a PNG, GIF, JPEG, WebP or AVIF image"
            ))
            .with_hint(format!(
                "put the file in `static/` (or beside the post) and show it from there; {allow}"
            )),
            (Scheme::Data, _) => Diagnostic::new(format!(
                "`{shown}` is a data: URL, which can carry a whole page with its scripts \
                 (browsers refuse to open one from a link)"
            ))
            .with_hint(format!(
                "put the file in `static/` (or beside the post) and link to it; {allow}"
            )),
            (Scheme::File, _) => Diagnostic::new(format!(
                "`{shown}` is a file: URL, which points at a file on the reader's own computer"
            ))
            .with_hint(format!(
                "put the file in `static/` and link to it from the site root (`/name.pdf`); {allow}"
            )),
        };
        Err(d)
    }
}

/// Checks every string of a front matter's free-form `extra` table, each by the name of the key
/// that holds it ([`Place::of_name`]); `report` gets the string and its error.
pub fn check_extra(
    policy: &SchemePolicy,
    extra: &serde_yaml_ng::Value,
    report: &mut dyn FnMut(&str, Diagnostic),
) {
    fn walk(
        policy: &SchemePolicy,
        value: &serde_yaml_ng::Value,
        place: Place,
        report: &mut dyn FnMut(&str, Diagnostic),
    ) {
        use serde_yaml_ng::Value;
        match value {
            Value::String(s) => {
                if let Err(d) = policy.check(s, place) {
                    report(s, d);
                }
            }
            Value::Sequence(items) => {
                for item in items {
                    walk(policy, item, place, report);
                }
            }
            Value::Mapping(map) => {
                for (k, v) in map {
                    let place = k.as_str().map_or(Place::Value, Place::of_name);
                    walk(policy, v, place, report);
                }
            }
            Value::Tagged(t) => walk(policy, &t.value, place, report),
            Value::Null | Value::Bool(_) | Value::Number(_) => {}
        }
    }
    walk(policy, extra, Place::Value, report);
}

/// The refused scheme `url` has, read as a browser reads an `href` (leading and trailing spaces
/// and control characters dropped, tabs and line breaks removed, any case), and what follows its
/// colon.
fn refused_scheme(url: &str) -> Option<(Scheme, &str)> {
    let trimmed = url.trim_matches(|c: char| c <= ' ');
    let colon = trimmed.find(':')?;
    let name: String = trimmed[..colon]
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let scheme = Scheme::ALL
        .into_iter()
        .find(|s| s.name().eq_ignore_ascii_case(&name))?;
    Some((scheme, &trimmed[colon + 1..]))
}

/// Whether a `data:` URL's remainder is a raster image (`image/png;base64,…`).
fn is_raster_image(rest: &str) -> bool {
    let lower: String = rest
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase();
    ["png", "gif", "jpeg", "jpg", "webp", "avif"]
        .iter()
        .any(|t| {
            lower
                .strip_prefix("image/")
                .and_then(|r| r.strip_prefix(t))
                .is_some_and(|r| r.starts_with([';', ',']))
        })
}

/// The URL as a message shows it: control characters escaped (`\t`), at most 60 characters.
fn shorten(url: &str) -> String {
    let mut out = String::new();
    for (i, c) in url.chars().enumerate() {
        if i == 57 && url.chars().count() > 60 {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(url: &str, place: Place) -> bool {
        SchemePolicy::default().check(url, place).is_err()
    }

    #[test]
    fn script_urls_are_refused_however_written() {
        for url in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " \u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "vbscript:msgbox(1)",
            "javascript: alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "DATA:image/svg+xml;base64,PHN2Zz4=",
            "file:///etc/passwd",
        ] {
            assert!(refused(url, Place::Link), "{url:?}");
            assert!(refused(url, Place::Image), "{url:?}");
        }
    }

    #[test]
    fn other_schemes_and_paths_pass() {
        for url in [
            "https://example.org/",
            "mailto:a@example.org",
            "tel:+123",
            "/core/",
            "core.md",
            "#top",
            "javascripts/app.js",
            "./javascript:x", // a relative path: browsers do not read a scheme here
            "",
        ] {
            assert!(!refused(url, Place::Link), "{url:?}");
        }
    }

    #[test]
    fn raster_data_images_only_as_images() {
        let png = "data:image/png;base64,iVBORw0KGgo=";
        assert!(!refused(png, Place::Image));
        assert!(!refused("data:image/webp,xx", Place::Image));
        assert!(refused(png, Place::Link));
        assert!(refused(
            "data:image/svg+xml,<svg onload=alert(1)>",
            Place::Image
        ));
        assert!(refused("data:image/pngx;base64,", Place::Image));
    }

    #[test]
    fn values_are_urls_only_when_written_as_one() {
        assert!(!refused("JavaScript: the good parts", Place::Value));
        assert!(!refused("Data: 12 people", Place::Value));
        assert!(refused("javascript:alert(1)", Place::Value));
        assert!(refused("javascript: alert(1)", Place::Link));
        assert_eq!(Place::of_name("url"), Place::Link);
        assert_eq!(Place::of_name("more_url"), Place::Link);
        assert_eq!(Place::of_name("href"), Place::Link);
        assert_eq!(Place::of_name("poster"), Place::Image);
        assert_eq!(Place::of_name("hero_image"), Place::Image);
        assert_eq!(Place::of_name("title"), Place::Value);
    }

    #[test]
    fn the_setting_allows_named_schemes_only() {
        let p = SchemePolicy::from_names(&["JavaScript".into(), "data:".into()]).unwrap();
        assert!(p.check("javascript:void(0)", Place::Link).is_ok());
        assert!(p.check("data:text/plain,hi", Place::Link).is_ok());
        assert!(p.check("vbscript:x", Place::Link).is_err());
        let e = SchemePolicy::from_names(&["https".into()]).unwrap_err();
        assert!(e.message.contains("`https`"), "{}", e.message);
    }

    #[test]
    fn messages_say_what_and_how() {
        let d = SchemePolicy::default()
            .check(&format!("data:text/html,{}", "x".repeat(500)), Place::Link)
            .unwrap_err();
        assert!(d.message.len() < 200, "{}", d.message);
        let hint = d.hint.unwrap();
        assert!(hint.contains("allow_url_schemes = [\"data\"]"), "{hint}");
        let d = SchemePolicy::default()
            .check("java\tscript:x", Place::Link)
            .unwrap_err();
        assert!(d.message.starts_with("`java\\tscript:x`"), "{}", d.message);
    }
}
