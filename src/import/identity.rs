//! The old site's identity in the new one: `sitegen.toml` with the export's title, tagline,
//! address (`base_url`, so old links and feeds keep their host) and language.

use super::fields::plain_text;
use super::wxr::Export;

/// The settings the export gives, in the order they are written: (key, value).
pub fn settings(export: &Export) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let title = plain_text(&export.title);
    if !title.is_empty() {
        out.push(("title", title));
    }
    let description = plain_text(&export.description);
    if !description.is_empty() {
        out.push(("description", description));
    }
    if let Some(url) = base_url(&export.link).or_else(|| base_url(&export.base_blog_url)) {
        out.push(("base_url", url));
    }
    let language = export.language.trim();
    let is_tag = !language.is_empty()
        && language.len() <= 35
        && language
            .split('-')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()));
    if is_tag {
        out.push(("language", language.to_string()));
    }
    out
}

/// An `http(s)` address with one slash at its end, else `None`.
fn base_url(link: &str) -> Option<String> {
    let link = link.trim();
    let rest = link
        .strip_prefix("https://")
        .or_else(|| link.strip_prefix("http://"))?;
    let host = rest.split('/').next().unwrap_or("");
    let plain = !host.is_empty()
        && !link.contains(['?', '#', ' ', '"', '\\'])
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'));
    plain.then(|| format!("{}/", link.trim_end_matches('/')))
}

/// `sitegen.toml` holding `settings`.
pub fn settings_file(settings: &[(&'static str, String)]) -> String {
    let mut text = String::from("# Settings of the site, from its WordPress export.\n");
    for (key, value) in settings {
        text.push_str(&format!(
            "{key} = {}\n",
            crate::scaffold::write_front::quote(value)
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_export_names_the_site() {
        let export = Export {
            title: "Move &amp; Mend".into(),
            description: "Notes on <em>moving</em> well".into(),
            link: "https://old.example/blog".into(),
            language: "en-US".into(),
            ..Export::default()
        };
        let text = settings_file(&settings(&export));
        assert_eq!(
            text,
            "# Settings of the site, from its WordPress export.\n\
             title = \"Move & Mend\"\n\
             description = \"Notes on moving well\"\n\
             base_url = \"https://old.example/blog/\"\n\
             language = \"en-US\"\n"
        );
        let odd = Export {
            link: "ftp://x".into(),
            language: "en_US!".into(),
            ..Export::default()
        };
        assert!(settings(&odd).is_empty());
    }
}
