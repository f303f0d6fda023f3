mod harness;
use tree_sitter_highlight::{HighlightConfiguration, Highlighter, HtmlRenderer};

const NAMES: &[&str] = &[
    "attribute", "comment", "constant", "constant.builtin", "constructor", "function", "function.builtin",
    "function.macro", "keyword", "label", "number", "operator", "property", "punctuation", "punctuation.bracket",
    "punctuation.delimiter", "punctuation.special", "string", "string.special", "tag", "type", "type.builtin",
    "variable", "variable.builtin", "variable.parameter", "escape", "embedded", "text.title", "text.literal",
    "text.uri", "text.reference", "text.emphasis", "text.strong",
];

fn config(lang: tree_sitter_language::LanguageFn, name: &str, hl: &str, inj: &str) -> HighlightConfiguration {
    let mut c = HighlightConfiguration::new(lang.into(), name, hl, inj, "").unwrap();
    c.configure(NAMES);
    c
}

fn main() {
    harness::run(|| {
        let configs: Vec<(&str, HighlightConfiguration)> = vec![
            ("rust", config(tree_sitter_rust::LANGUAGE, "rust", tree_sitter_rust::HIGHLIGHTS_QUERY, tree_sitter_rust::INJECTIONS_QUERY)),
            ("toml", config(tree_sitter_toml_ng::LANGUAGE, "toml", tree_sitter_toml_ng::HIGHLIGHTS_QUERY, "")),
            ("yaml", config(tree_sitter_yaml::LANGUAGE, "yaml", tree_sitter_yaml::HIGHLIGHTS_QUERY, "")),
            ("bash", config(tree_sitter_bash::LANGUAGE, "bash", tree_sitter_bash::HIGHLIGHT_QUERY, "")),
            ("html", config(tree_sitter_html::LANGUAGE, "html", tree_sitter_html::HIGHLIGHTS_QUERY, tree_sitter_html::INJECTIONS_QUERY)),
            ("css", config(tree_sitter_css::LANGUAGE, "css", tree_sitter_css::HIGHLIGHTS_QUERY, "")),
            ("javascript", config(tree_sitter_javascript::LANGUAGE, "javascript", tree_sitter_javascript::HIGHLIGHT_QUERY, tree_sitter_javascript::INJECTIONS_QUERY)),
            ("json", config(tree_sitter_json::LANGUAGE, "json", tree_sitter_json::HIGHLIGHTS_QUERY, "")),
            ("python", config(tree_sitter_python::LANGUAGE, "python", tree_sitter_python::HIGHLIGHTS_QUERY, "")),
            ("markdown", config(tree_sitter_md::LANGUAGE, "markdown", tree_sitter_md::HIGHLIGHT_QUERY_BLOCK, tree_sitter_md::INJECTION_QUERY_BLOCK)),
        ];
        let attrs: Vec<String> = NAMES.iter().map(|n| format!("class=\"ts-{}\"", n.replace('.', "-"))).collect();
        Box::new(move |lang, code| {
            let cfg = &configs.iter().find(|(n, _)| *n == lang).unwrap().1;
            let mut hl = Highlighter::new();
            let events = hl.highlight(cfg, code.as_bytes(), None, None, |_| None).unwrap();
            let mut r = HtmlRenderer::new();
            r.render(events, code.as_bytes(), &|h, out: &mut Vec<u8>| out.extend_from_slice(attrs[h.0].as_bytes())).unwrap();
            String::from_utf8(r.html).unwrap()
        })
    });
}
