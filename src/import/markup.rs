//! Small helpers for writing converted bodies: escaping for Markdown and HTML attributes, the
//! hosts of URLs, and the markers that hold a note's place in the text until it is written.

/// Marks the place of a note in the text until the Markdown is written.
pub(super) const NOTE: char = '\u{E011}';

/// Records a note and returns the marker that holds its place in the text (the note's index is
/// carried by a private-use character, which no converter step touches).
pub(super) fn note(notes: &mut Vec<String>, message: String) -> String {
    let index = char::from_u32(0xF0000 + notes.len() as u32).unwrap_or('\u{F0000}');
    notes.push(message);
    format!("{NOTE}{index}")
}

/// The host of an absolute URL (for messages).
pub(super) fn host_of(url: &str) -> String {
    url.split("://")
        .nth(1)
        .unwrap_or(url)
        .split(['/', '?', '#'])
        .next()
        .unwrap_or("")
        .to_string()
}

/// A link destination, in `<…>` when it holds spaces or parentheses.
pub(super) fn destination(url: &str) -> String {
    if url.contains([' ', '(', ')', '<', '>']) {
        format!("<{}>", url.replace('<', "%3C").replace('>', "%3E"))
    } else {
        url.to_string()
    }
}

/// Image alt or link text: Markdown's brackets and backslashes escaped, on one line.
pub(super) fn alt_text(s: &str) -> String {
    let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(one_line.len());
    for c in one_line.chars() {
        match c {
            '[' | ']' | '\\' | '*' | '_' | '`' | '<' => {
                out.push('\\');
                out.push(c);
            }
            '{' => out.push_str("\\{"),
            c => out.push(c),
        }
    }
    out
}

/// `s` escaped for an HTML attribute value in double quotes.
pub(super) fn html_attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
