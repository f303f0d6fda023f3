//! Gutenberg's dynamic blocks, whose HTML WordPress makes each time a page is shown rather than
//! saving it in the post: social links become links (a placeholder `#` link its label as text),
//! and footnotes (their text kept in the post's
//! `footnotes` field) become Markdown footnotes, marked in the HTML until the Markdown is written.

/// Marks a footnote reference (`[^n]`), followed by the character `0xF0000 + n`.
pub(super) const FOOTNOTE_REF: char = '\u{E013}';
/// Marks the start of a footnote's text (`[^n]: `), followed by the character `0xF0000 + n`.
pub(super) const FOOTNOTE_TEXT: char = '\u{E014}';

/// `html` with social links written out, footnote references marked and, when the post has
/// footnotes (`footnotes` is the field's JSON), their texts as paragraphs at the end.
pub(super) fn expand(html: &str, footnotes: Option<&str>) -> String {
    let notes: Vec<(String, String)> = footnotes
        .and_then(|json| serde_json::from_str::<Vec<serde_json::Value>>(json).ok())
        .unwrap_or_default()
        .iter()
        .filter_map(|n| {
            Some((
                n.get("id")?.as_str()?.to_string(),
                n.get("content")?.as_str()?.to_string(),
            ))
        })
        .collect();
    let mut out = social_links(html);
    if notes.is_empty() {
        return out;
    }
    for (i, (id, _)) in notes.iter().enumerate() {
        out = mark_reference(&out, id, i + 1);
    }
    for (i, (_, content)) in notes.iter().enumerate() {
        out.push_str(&format!(
            "\n<p>{}{content}</p>\n",
            marker(FOOTNOTE_TEXT, i + 1)
        ));
    }
    out
}

/// A footnote marker: `kind` and the number it carries.
fn marker(kind: char, n: usize) -> String {
    let number = char::from_u32(0xF0000 + n as u32).unwrap_or('\u{F0000}');
    format!("{kind}{number}")
}

/// The number a marker's second character carries.
pub(super) fn number(c: char) -> u32 {
    (c as u32).wrapping_sub(0xF0000)
}

/// The `<sup data-fn="id">…</sup>` of footnote `n` replaced by its marker.
fn mark_reference(html: &str, id: &str, n: usize) -> String {
    let needle = format!("data-fn=\"{id}\"");
    let Some(at) = html.find(&needle) else {
        return html.to_string();
    };
    let Some(start) = html[..at].rfind("<sup") else {
        return html.to_string();
    };
    let Some(end) = html[at..].find("</sup>").map(|e| at + e + "</sup>".len()) else {
        return html.to_string();
    };
    format!(
        "{}{}{}",
        &html[..start],
        marker(FOOTNOTE_REF, n),
        &html[end..]
    )
}

/// Each `<!-- wp:social-link {"url":…,"service":…} /-->` as a list item with its link.
fn social_links(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<!-- wp:social-link ") {
        out.push_str(&rest[..at]);
        let Some(end) = rest[at..].find("-->").map(|e| at + e + 3) else {
            break;
        };
        let comment = &rest[at..end];
        let json = comment
            .trim_start_matches("<!-- wp:social-link")
            .trim_end_matches("-->")
            .trim()
            .trim_end_matches('/')
            .trim();
        if let Ok(attrs) = serde_json::from_str::<serde_json::Value>(json) {
            let url = attrs.get("url").and_then(|u| u.as_str()).unwrap_or("");
            let service = attrs
                .get("service")
                .and_then(|s| s.as_str())
                .unwrap_or("link");
            let label = attrs
                .get("label")
                .and_then(|l| l.as_str())
                .map_or_else(|| service_name(service), str::to_string);
            let label = super::markup::html_attr(&label);
            if url.starts_with('#') {
                // The block editor's placeholder (`#`): a link that leads nowhere; its label stays.
                out.push_str(&format!("<li>{label}</li>"));
            } else if !url.is_empty() {
                out.push_str(&format!(
                    "<li><a href=\"{}\">{label}</a></li>",
                    super::markup::html_attr(url)
                ));
            }
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// A social service's name as people write it (`fivehundredpx` is 500px).
fn service_name(service: &str) -> String {
    match service {
        "fivehundredpx" => "500px".into(),
        "wordpress" => "WordPress".into(),
        "github" => "GitHub".into(),
        "linkedin" => "LinkedIn".into(),
        "youtube" => "YouTube".into(),
        "chain" => "Link".into(),
        s => {
            let mut chars = s.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn social_links_and_footnotes_are_written_out() {
        let html = "<ul class=\"wp-block-social-links\"><!-- wp:social-link {\"url\":\"https://github.com/x\",\"service\":\"github\"} /--><!-- wp:social-link {\"url\":\"#\",\"service\":\"wordpress\"} /--></ul>\n\
                    <p>Rest<sup data-fn=\"a1\" class=\"fn\"><a href=\"#a1\" id=\"a1-link\">1</a></sup>.</p>\n<!-- wp:footnotes /-->";
        let out = expand(
            html,
            Some(r#"[{"content":"Two <strong>minutes</strong>.","id":"a1"}]"#),
        );
        assert!(
            out.contains("<li><a href=\"https://github.com/x\">GitHub</a></li>"),
            "{out}"
        );
        assert!(
            out.contains(&format!("<p>Rest{}.</p>", marker(FOOTNOTE_REF, 1))),
            "{out}"
        );
        assert!(
            out.ends_with(&format!(
                "<p>{}Two <strong>minutes</strong>.</p>\n",
                marker(FOOTNOTE_TEXT, 1)
            )),
            "{out}"
        );
    }
}
