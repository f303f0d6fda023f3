//! WordPress shortcodes (`[caption]…[/caption]`, `[gallery ids="1,2"]`, `[embed]URL[/embed]`, …):
//! finding them in a post's text with their attributes, as WordPress's `get_shortcode_regex`
//! does, and the oEmbed rule (a URL alone on its line). What each one becomes is the caller's.

/// One shortcode found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Shortcode {
    /// Its name, as written.
    pub name: String,
    /// `key=value` attributes (keys lowercased) and positional values (key empty), in order.
    pub attrs: Vec<(String, String)>,
    /// The text between `[name]` and `[/name]`, when it encloses any.
    pub content: Option<String>,
    /// The whole shortcode as written.
    pub raw: String,
}

impl Shortcode {
    /// The attribute `key`.
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The first positional value (`[youtube URL]`), or the attribute `key`.
    pub fn positional_or(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k.is_empty())
            .map(|(_, v)| v.as_str())
            .or_else(|| self.attr(key))
    }
}

/// Rewrites every shortcode in `text` outside `<pre>` and `<code>` with what `expand` returns for
/// it (`None`: leave it as written). `[[name]]` is WordPress's way to show one as text: it becomes
/// `[name]` and is not expanded.
pub fn rewrite(text: &str, expand: &mut dyn FnMut(&Shortcode) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while let Some(rel) = text[i..].find(['[', '<']) {
        let at = i + rel;
        out.push_str(&text[i..at]);
        let rest = &text[at..];
        if rest.starts_with('<') {
            let skip = raw_element_len(rest).unwrap_or(1);
            out.push_str(&rest[..skip]);
            i = at + skip;
            continue;
        }
        if let Some(inner) = rest.strip_prefix("[[")
            && let Some(code) = parse_at(&rest[1..])
            && inner[code.raw.len() - 1..].starts_with(']')
        {
            out.push_str(&code.raw);
            i = at + code.raw.len() + 2;
            continue;
        }
        match parse_at(rest) {
            Some(code) => {
                match expand(&code) {
                    Some(html) => out.push_str(&html),
                    None => out.push_str(&code.raw),
                }
                i = at + code.raw.len();
            }
            None => {
                out.push('[');
                i = at + 1;
            }
        }
    }
    out.push_str(&text[i..]);
    out
}

/// Length of a `<pre>…</pre>` or `<code>…</code>` element at the start of `s`.
pub(super) fn raw_element_len(s: &str) -> Option<usize> {
    let tag = super::autop::Tag::at(s)?;
    if tag.closing || !matches!(tag.name.as_str(), "pre" | "code") {
        return Some(tag.len);
    }
    let close = format!("</{}>", tag.name);
    let lower = s.to_ascii_lowercase();
    Some(lower.find(&close).map_or(s.len(), |at| at + close.len()))
}

/// The shortcode that `s` starts with: `[name attrs]`, `[name attrs /]`, or
/// `[name attrs]content[/name]` when the closing tag follows.
pub fn parse_at(s: &str) -> Option<Shortcode> {
    let rest = s.strip_prefix('[')?;
    let name_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(rest.len());
    let name = &rest[..name_len];
    if name.is_empty() || !name.as_bytes()[0].is_ascii_alphabetic() {
        return None;
    }
    let after = &rest[name_len..];
    if !after.starts_with([']', ' ', '/', '\t', '\n', '\u{a0}']) {
        return None;
    }
    // The opening tag ends at the first `]` outside quotes.
    let mut quote = None;
    let mut end = None;
    for (i, c) in after.char_indices() {
        match (quote, c) {
            (None, '"' | '\'' | '\u{201c}' | '\u{201d}' | '\u{2033}') => {
                quote = Some(closing_quote(c))
            }
            (Some(q), c) if c == q || (q == '\u{201d}' && c == '\u{2033}') => quote = None,
            (None, '[') => return None,
            (None, ']') => {
                end = Some(i);
                break;
            }
            _ => {}
        }
    }
    let end = end?;
    let inside = &after[..end];
    if inside.is_empty() && after[end + 1..].starts_with('(') {
        return None; // `[text](url)`: a Markdown link written in the editor
    }
    let self_closing = inside.trim_end().ends_with('/');
    let attrs = parse_attrs(inside.trim_end().trim_end_matches('/'));
    let open_len = 1 + name_len + end + 1;
    if !self_closing {
        let close = format!("[/{name}]");
        if let Some(at) = s[open_len..].find(&close) {
            let content = &s[open_len..open_len + at];
            // A later opening of the same shortcode before the close means this one does not
            // enclose (WordPress's rule for unclosed shortcodes followed by closed ones).
            let reopens =
                content.contains(&format!("[{name} ")) || content.contains(&format!("[{name}]"));
            if !reopens {
                let len = open_len + at + close.len();
                return Some(Shortcode {
                    name: name.to_string(),
                    attrs,
                    content: Some(content.to_string()),
                    raw: s[..len].to_string(),
                });
            }
        }
    }
    Some(Shortcode {
        name: name.to_string(),
        attrs,
        content: None,
        raw: s[..open_len].to_string(),
    })
}

fn closing_quote(open: char) -> char {
    match open {
        '\u{201c}' | '\u{201d}' | '\u{2033}' => '\u{201d}',
        c => c,
    }
}

/// `key="v" key='v' key=v "positional" positional` (the editor sometimes curls the quotes).
fn parse_attrs(s: &str) -> Vec<(String, String)> {
    let mut attrs = Vec::new();
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    let quoted = |i: &mut usize| -> Option<String> {
        let q = chars.get(*i).copied()?;
        if !matches!(q, '"' | '\'' | '\u{201c}' | '\u{201d}' | '\u{2033}') {
            return None;
        }
        let close = closing_quote(q);
        let start = *i + 1;
        let mut j = start;
        while j < chars.len()
            && chars[j] != close
            && !(close == '\u{201d}' && chars[j] == '\u{2033}')
        {
            j += 1;
        }
        *i = (j + 1).min(chars.len());
        Some(chars[start..j.min(chars.len())].iter().collect())
    };
    while i < chars.len() {
        if chars[i].is_whitespace() || chars[i] == '\u{a0}' {
            i += 1;
            continue;
        }
        if let Some(v) = quoted(&mut i) {
            attrs.push((String::new(), v));
            continue;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '=' {
            i += 1;
        }
        let word: String = chars[start..i].iter().collect();
        if chars.get(i) == Some(&'=') {
            i += 1;
            let value = match quoted(&mut i) {
                Some(v) => v,
                None => {
                    let vs = i;
                    while i < chars.len() && !chars[i].is_whitespace() {
                        i += 1;
                    }
                    chars[vs..i].iter().collect()
                }
            };
            attrs.push((word.to_ascii_lowercase(), value));
        } else {
            attrs.push((String::new(), word));
        }
    }
    attrs
}

/// The URL that stands alone on a line of `text` (WordPress's oEmbed rule), for each such line:
/// `(byte range of the line, URL)`.
pub fn lone_urls(text: &str) -> Vec<(std::ops::Range<usize>, String)> {
    let mut found = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        let bare = trimmed
            .strip_prefix("<p>")
            .and_then(|t| t.strip_suffix("</p>"))
            .unwrap_or(trimmed)
            .trim();
        if (bare.starts_with("http://") || bare.starts_with("https://"))
            && !bare.contains(|c: char| c.is_whitespace() || c == '"' || c == '<' || c == '>')
        {
            found.push((
                start..start + line.trim_end_matches('\n').len(),
                bare.to_string(),
            ));
        }
        start += line.len();
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_enclosing_and_single_shortcodes() {
        let s = parse_at(r#"[caption id="attachment_6" width='150' align=left]<img src="a.jpg"> A cap[/caption] after"#).unwrap();
        assert_eq!(s.name, "caption");
        assert_eq!(s.attr("width"), Some("150"));
        assert_eq!(s.attr("align"), Some("left"));
        assert_eq!(s.content.as_deref(), Some(r#"<img src="a.jpg"> A cap"#));
        assert!(s.raw.ends_with("[/caption]"));
        let s = parse_at("[youtube https://youtu.be/abc] text").unwrap();
        assert_eq!(s.positional_or("url"), Some("https://youtu.be/abc"));
        assert_eq!(s.raw, "[youtube https://youtu.be/abc]");
        let s = parse_at("[gallery ids=\u{201d}1,2\u{2033}/]").unwrap();
        assert_eq!(s.attr("ids"), Some("1,2"));
        assert_eq!(s.content, None);
        assert!(parse_at("[ not one]").is_none());
        assert!(parse_at("[1]").is_none());
        assert!(parse_at("[link](x)").is_none());
    }

    #[test]
    fn rewrite_skips_code_and_double_brackets() {
        let mut seen = Vec::new();
        let out = rewrite(
            "a [b x=1] <code>[c]</code> <pre>[d]</pre> [[e]] [f]in[/f]",
            &mut |s| {
                seen.push(s.name.clone());
                Some(format!("<{}>", s.name))
            },
        );
        assert_eq!(out, "a <b> <code>[c]</code> <pre>[d]</pre> [e] <f>");
        assert_eq!(seen, ["b", "f"]);
    }

    #[test]
    fn lone_urls_are_found_per_line() {
        let text = "Intro\nhttps://www.youtube.com/watch?v=abc\n<p>https://vimeo.com/1</p>\nsee https://x.y\n";
        let found = lone_urls(text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].1, "https://www.youtube.com/watch?v=abc");
        assert_eq!(&text[found[1].0.clone()], "<p>https://vimeo.com/1</p>");
    }
}
