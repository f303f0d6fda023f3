//! A rendered HTML page with its links written in the site's URL mode (`urls`, see
//! `site::public`): every URL attribute, the `og:` URLs of `<meta>`, and the URLs inside its
//! JSON-LD, whether they came from a template, Markdown, a shortcode or raw HTML.

use serde_json::Value;

use super::rewrite::{Found, rewrite};
use crate::config::{Config, UrlMode};
use crate::render::seo::script_json;
use crate::site::public::{link, published};

/// `html`, the page at output path `page`, in the URL mode (unchanged in pretty mode).
pub(crate) fn localize(config: &Config, html: String, page: &str) -> String {
    if config.urls == UrlMode::Pretty {
        return html;
    }
    rewrite(&html, &mut |found| match found {
        Found::Url(url) => changed(url, link(config, url, Some(page)).into_owned()),
        Found::Meta(value) if is_http(value) => changed(value, published(config, value)),
        Found::Meta(_) => None,
        Found::JsonLd(text) => {
            let mut value: Value = serde_json::from_str(text).ok()?;
            let mut any = false;
            publish_strings(config, &mut value, &mut any);
            any.then(|| script_json(&value))
        }
    })
}

/// A rendered page's bytes with [`localize`] applied; pretty URLs (and, never
/// expected, bytes that are not UTF-8) pass through without a copy.
pub(crate) fn localize_page(config: &Config, bytes: Vec<u8>, page: &str) -> Vec<u8> {
    if config.urls == UrlMode::Pretty {
        return bytes;
    }
    match String::from_utf8(bytes) {
        Ok(html) => localize(config, html, page).into_bytes(),
        Err(e) => e.into_bytes(),
    }
}

fn changed(old: &str, new: String) -> Option<String> {
    (new != old).then_some(new)
}

fn is_http(s: &str) -> bool {
    s.starts_with("https://") || s.starts_with("http://")
}

/// Every absolute URL among the strings of `value` in its published form.
fn publish_strings(config: &Config, value: &mut Value, any: &mut bool) {
    match value {
        Value::String(s) if is_http(s) => {
            let new = published(config, s);
            if new != *s {
                *s = new;
                *any = true;
            }
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|v| publish_strings(config, v, any)),
        Value::Object(map) => map
            .values_mut()
            .for_each(|v| publish_strings(config, v, any)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(mode: UrlMode) -> Config {
        let mut c = Config::for_tests("/blog/");
        c.base_url = "https://example.org/blog/".into();
        c.urls = mode;
        c
    }

    const PAGE: &str = r##"<link rel="canonical" href="https://example.org/blog/core/"><meta property="og:url" content="https://example.org/blog/core/"><meta name="description" content="a/b/"><link rel="stylesheet" href="/blog/style.css"><script type="application/ld+json">{"url":"https://example.org/blog/core/","x":"https://other.org/"}</script><a href="/blog/joint/#a">j</a><a href="#b">b</a><img srcset="/blog/core/p-480.webp 480w, /blog/core/p-960.webp 960w">"##;

    #[test]
    fn pretty_mode_is_the_page_as_rendered() {
        assert_eq!(
            localize(&config(UrlMode::Pretty), PAGE.into(), "core/index.html"),
            PAGE
        );
    }

    #[test]
    fn index_mode_names_index_files_everywhere() {
        assert_eq!(
            localize(&config(UrlMode::Index), PAGE.into(), "core/index.html"),
            r##"<link rel="canonical" href="https://example.org/blog/core/index.html"><meta property="og:url" content="https://example.org/blog/core/index.html"><meta name="description" content="a/b/"><link rel="stylesheet" href="/blog/style.css"><script type="application/ld+json">{"url":"https://example.org/blog/core/index.html","x":"https://other.org/"}</script><a href="/blog/joint/index.html#a">j</a><a href="#b">b</a><img srcset="/blog/core/p-480.webp 480w, /blog/core/p-960.webp 960w">"##
        );
    }

    #[test]
    fn relative_mode_keeps_absolute_urls_absolute_and_relates_the_rest() {
        assert_eq!(
            localize(&config(UrlMode::Relative), PAGE.into(), "core/index.html"),
            r##"<link rel="canonical" href="https://example.org/blog/core/index.html"><meta property="og:url" content="https://example.org/blog/core/index.html"><meta name="description" content="a/b/"><link rel="stylesheet" href="../style.css"><script type="application/ld+json">{"url":"https://example.org/blog/core/index.html","x":"https://other.org/"}</script><a href="../joint/index.html#a">j</a><a href="#b">b</a><img srcset="p-480.webp 480w, p-960.webp 960w">"##
        );
    }
}
