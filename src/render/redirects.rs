//! Redirects for aliases, in every form a host can use: the `alias.html` page at each old path
//! (meta refresh, canonical, noindex, a visible link), a script on the home page for `/?KEY=VALUE`
//! aliases, `_redirects` (Netlify, Cloudflare Pages), and the nginx and Apache lines that
//! `sitegen redirects` prints.

use serde::Serialize;

use crate::site::public::{link, published};
use crate::site::{AliasEntry, AliasForm, Site};

/// `target` of `alias.html`: where an old address leads.
#[derive(Serialize)]
pub(crate) struct AliasTarget<'a> {
    title: &'a str,
    url: &'a str,
    canonical: Option<&'a str>,
    alias: &'a str,
}

impl<'a> AliasTarget<'a> {
    /// The target of alias `i`.
    pub fn new(site: &'a Site, i: usize) -> Self {
        let a = &site.aliases[i];
        let p = &site.posts[a.post];
        AliasTarget {
            title: &p.post.doc.meta.title,
            url: &p.url,
            canonical: p
                .permalink
                .starts_with("http")
                .then_some(p.permalink.as_str()),
            alias: &a.written,
        }
    }
}

/// The aliases with a page of their own, and where they lead (in the URL mode's form).
fn paths(site: &Site) -> impl Iterator<Item = (&AliasEntry, String)> {
    site.aliases
        .iter()
        .filter(|a| matches!(a.form, AliasForm::Path { .. }))
        .map(|a| (a, published(&site.config, &site.posts[a.post].url)))
}

/// The `/?KEY=VALUE` aliases as `(key, value, target url)`, the URL as the home page links it.
fn queries(site: &Site) -> impl Iterator<Item = (&str, &str, String)> {
    site.aliases.iter().filter_map(|a| match &a.form {
        AliasForm::Query { key, value } => Some((
            key.as_str(),
            value.as_str(),
            link(&site.config, &site.posts[a.post].url, Some("index.html")).into_owned(),
        )),
        AliasForm::Path { .. } => None,
    })
}

/// The script the home page carries when there are `/?KEY=VALUE` aliases: it sends such a request
/// to its target (`location.replace`, so the old address leaves no history entry). `None` when
/// there are none.
pub(crate) fn query_script(site: &Site) -> Option<String> {
    let mut map = serde_json::Map::new();
    for (key, value, url) in queries(site) {
        let by_value = map
            .entry(key.to_string())
            .or_insert_with(|| serde_json::Value::Object(Default::default()));
        if let serde_json::Value::Object(m) = by_value {
            m.insert(
                value.to_string(),
                serde_json::Value::String(url.to_string()),
            );
        }
    }
    if map.is_empty() {
        return None;
    }
    let json = serde_json::Value::Object(map)
        .to_string()
        .replace('<', "\\u003c");
    Some(format!(
        "(function(){{var r={json},q=new URLSearchParams(location.search);\
         for(var k in r){{var v=q.get(k);\
         if(v!==null&&Object.prototype.hasOwnProperty.call(r[k],v)){{location.replace(r[k][v]);return}}}}}})();"
    ))
}

/// `_redirects`: one `301` line per alias (a query alias in Netlify's `KEY=VALUE` form).
pub(crate) fn netlify(site: &Site) -> String {
    let base = &site.config.base_path;
    let mut out = String::from("# Redirects of old addresses (aliases), written by sitegen.\n");
    for (a, url) in paths(site) {
        out.push_str(&format!("{base}{} {url} 301\n", &a.written[1..]));
    }
    for (key, value, url) in queries(site) {
        out.push_str(&format!("{base} {key}={value} {url} 301\n"));
    }
    out
}

/// Lines to put in an nginx `server { … }` block: a `location =` with `return 301` per path alias,
/// and the query aliases tested on the site root.
pub(crate) fn nginx(site: &Site) -> String {
    let c = &site.config;
    let mut out = String::from(
        "# Redirects of old addresses (aliases), written by `sitegen redirects nginx`.\n\
         # Put these lines inside the site's `server { … }` block.\n",
    );
    for (a, url) in paths(site) {
        out.push_str(&format!(
            "location = \"{}\" {{ return 301 {}; }}\n",
            a.request(c),
            location(&url)
        ));
    }
    let mut queries: Vec<_> = queries(site).collect();
    if !queries.is_empty() {
        out.push_str(&format!("location = {} {{\n", c.base_path));
        queries.sort();
        for (key, value, url) in queries {
            out.push_str(&format!(
                "    if ($arg_{key} = \"{value}\") {{ return 301 {}; }}\n",
                location(&url)
            ));
        }
        out.push_str("}\n");
    }
    out
}

/// Lines for Apache's server or virtual-host configuration: `RedirectMatch 301` per path alias
/// (exact, unlike `Redirect`, which also moves everything below the path), and mod_rewrite rules
/// for the query aliases.
pub(crate) fn apache(site: &Site) -> String {
    let c = &site.config;
    let mut out = String::from(
        "# Redirects of old addresses (aliases), written by `sitegen redirects apache`.\n\
         # Put these lines in the site's <VirtualHost> (or server) configuration.\n",
    );
    for (a, url) in paths(site) {
        let request = a.request(c);
        let exact = regex_escape(request.trim_end_matches('/'));
        let slash = if request.ends_with('/') { "/?" } else { "" };
        out.push_str(&format!(
            "RedirectMatch 301 \"^{exact}{slash}$\" \"{url}\"\n"
        ));
    }
    let queries: Vec<_> = queries(site).collect();
    if !queries.is_empty() {
        out.push_str("RewriteEngine On\n");
        let root = regex_escape(c.base_path.trim_start_matches('/'));
        for (key, value, url) in queries {
            out.push_str(&format!(
                "RewriteCond %{{QUERY_STRING}} \"(^|&){}={}(&|$)\"\nRewriteRule \"^/?{root}$\" \"{url}?\" [R=301,L]\n",
                regex_escape(key),
                regex_escape(value)
            ));
        }
    }
    out
}

/// A URL as a `Location` header must carry it (ASCII only): every byte outside the characters a
/// URL may hold as they are percent-encoded (`/greek/επίπεδο/` → `/greek/%CE%B5%CF%80…/`), and
/// nothing that would end an nginx directive (`;`, a space, braces, quotes).
fn location(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for b in url.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:?#@!$&'()*+,=%".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `s` with the characters that mean something in a PCRE escaped.
fn regex_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\.+*?()|[]{}^$".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
