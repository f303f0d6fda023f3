//! A WordPress comment's HTML as the plain text `comments.toml` keeps: WordPress's paragraphs
//! (`wpautop`), a line break kept as a line break, a link's address kept beside its text, quotes as
//! `> ` lines and list items as `- ` lines, entities decoded, every other tag dropped. Read with
//! html5gum's tokenizer, so a `<` in text or a broken tag cannot hide words.

use html5gum::{Token, Tokenizer};

/// Elements that start and end a paragraph of the flattened text: WordPress's block elements
/// (`wpautop`'s list) and list items.
fn is_block(name: &str) -> bool {
    name == "li" || super::autop::BLOCKS.contains(&name)
}

/// `html` (a comment's content) as plain paragraphs, apart by a blank line.
pub(super) fn comment_text(html: &str) -> String {
    let html = super::autop::autop(html);
    let mut f = Flattener::default();
    for token in Tokenizer::new(&html).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                let attr = |n: &str| {
                    tag.attributes
                        .get(n.as_bytes())
                        .map(|v| String::from_utf8_lossy(v).trim().to_string())
                };
                match name.as_str() {
                    "br" => f.current.push('\n'),
                    "a" => f.link = Some((attr("href").unwrap_or_default(), f.current.len())),
                    "img" => {
                        if let Some(alt) = attr("alt").filter(|a| !a.is_empty()) {
                            f.text(&alt);
                        }
                    }
                    "blockquote" => {
                        f.flush();
                        f.quote += 1;
                    }
                    "pre" => {
                        f.flush();
                        f.pre = true;
                    }
                    "li" => {
                        f.flush();
                        f.current.push_str("- ");
                    }
                    _ if is_block(&name) => f.flush(),
                    _ => {}
                }
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                match name.as_str() {
                    "a" => f.end_link(),
                    "blockquote" => {
                        f.flush();
                        f.quote = f.quote.saturating_sub(1);
                    }
                    "pre" => {
                        f.flush();
                        f.pre = false;
                    }
                    _ if is_block(&name) => f.flush(),
                    _ => {}
                }
            }
            Token::String(text) => f.text(&String::from_utf8_lossy(&text)),
            _ => {}
        }
    }
    f.flush();
    f.paragraphs.join("\n\n")
}

#[derive(Default)]
struct Flattener {
    paragraphs: Vec<String>,
    current: String,
    /// How many quotes the text is inside.
    quote: usize,
    /// Inside `<pre>`: spaces and line ends are kept.
    pre: bool,
    /// The open link's address and where its text starts in `current`.
    link: Option<(String, usize)>,
}

impl Flattener {
    fn text(&mut self, text: &str) {
        if self.pre {
            self.current.push_str(text);
            return;
        }
        // Runs of white space are one space, as a browser shows them.
        for (i, word) in text.split(char::is_whitespace).enumerate() {
            if i > 0 && !self.current.ends_with([' ', '\n']) && !self.current.is_empty() {
                self.current.push(' ');
            }
            self.current.push_str(word);
        }
    }

    /// A link's address after its text, when it is a web or mail address the text does not show.
    fn end_link(&mut self) {
        let Some((href, start)) = self.link.take() else {
            return;
        };
        let lower = href.to_ascii_lowercase();
        let web = ["https://", "http://", "mailto:"]
            .iter()
            .any(|s| lower.starts_with(s));
        let shown = self.current.get(start..).unwrap_or("").trim();
        let bare = |u: &str| {
            u.trim_start_matches("mailto:")
                .trim_end_matches('/')
                .to_string()
        };
        if web && !shown.is_empty() && bare(shown) != bare(&href) {
            self.current.push_str(&format!(" ({href})"));
        } else if web && shown.is_empty() {
            self.current.push_str(&href);
        }
    }

    fn flush(&mut self) {
        let text = std::mem::take(&mut self.current);
        let lines: Vec<&str> = text
            .lines()
            .map(|l| if self.pre { l.trim_end() } else { l.trim() })
            .filter(|l| !l.is_empty())
            .collect();
        if lines.is_empty() || lines == ["-"] {
            return;
        }
        let prefix = "> ".repeat(self.quote);
        let para: Vec<String> = lines.iter().map(|l| format!("{prefix}{l}")).collect();
        self.paragraphs.push(para.join("\n"));
    }
}

#[cfg(test)]
mod tests {
    use super::comment_text;

    #[test]
    fn paragraphs_and_line_breaks_as_wordpress_shows_them() {
        assert_eq!(
            comment_text("Great post!\nThanks.\n\nSecond   paragraph &amp; more."),
            "Great post!\nThanks.\n\nSecond paragraph & more."
        );
    }

    #[test]
    fn links_keep_their_address_and_quotes_and_lists_their_shape() {
        assert_eq!(
            comment_text(
                "See <a href=\"https://example.org/a\">this study</a> and <a href=\"https://x.org/\">https://x.org</a>.\n\n\
                 <blockquote>You said <em>this</em>.</blockquote>\n\n<ul><li>one</li><li>two <b>bold</b></li></ul>\n\n\
                 <a href=\"javascript:alert(1)\">click</a> <img src=\"x.png\" alt=\"a smile\">"
            ),
            "See this study (https://example.org/a) and https://x.org.\n\n> You said this.\n\n- one\n\n- two bold\n\nclick a smile"
        );
    }

    #[test]
    fn code_keeps_its_spaces_and_broken_markup_loses_no_words() {
        assert_eq!(
            comment_text("<pre>fn main() {\n    x();\n}</pre>"),
            "fn main() {\n    x();\n}"
        );
        assert_eq!(comment_text("a < b and <b>c"), "a < b and c");
    }
}
