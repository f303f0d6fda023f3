//! The languages sitegen highlights: a tree-sitter grammar and its queries each, found by the
//! names an info string uses (`rust`, `rs`, `sh`, `yml`, ...). Compiled on first use.

use std::sync::OnceLock;

use tree_sitter_highlight::HighlightConfiguration;
use tree_sitter_language::LanguageFn;

use super::CAPTURES;

/// A grammar with its highlight and injection queries.
pub struct Language {
    /// The name the manual lists.
    pub name: &'static str,
    /// Every info-string word that selects it (lowercase), the name first.
    pub aliases: &'static [&'static str],
    grammar: LanguageFn,
    highlights: &'static str,
    injections: &'static str,
    config: OnceLock<Option<HighlightConfiguration>>,
}

impl Language {
    const fn new(
        aliases: &'static [&'static str],
        grammar: LanguageFn,
        highlights: &'static str,
        injections: &'static str,
    ) -> Language {
        Language {
            name: aliases[0],
            aliases,
            grammar,
            highlights,
            injections,
            config: OnceLock::new(),
        }
    }

    /// The compiled grammar and queries (compiled once; `None` if a query does not compile,
    /// which the unit tests rule out for every shipped language).
    pub(super) fn config(&'static self) -> Option<&'static HighlightConfiguration> {
        self.config
            .get_or_init(|| {
                let mut config = HighlightConfiguration::new(
                    self.grammar.into(),
                    self.name,
                    self.highlights,
                    self.injections,
                    "",
                )
                .ok()?;
                config.configure(CAPTURES);
                Some(config)
            })
            .as_ref()
    }
}

/// The TOML grammar's own query captures a whole `key = value` pair as `@property` (so values
/// took the key's colour) and every key as a type; this one captures keys and tables apart.
const TOML_HIGHLIGHTS: &str = r#"
(comment) @comment
(table (bare_key) @type)
(table (dotted_key (bare_key) @type))
(table_array_element (bare_key) @type)
(table_array_element (dotted_key (bare_key) @type))
(pair (bare_key) @property)
(pair (dotted_key (bare_key) @property))
(quoted_key) @string
(boolean) @boolean
(string) @string
[(integer) (float)] @number
[(offset_date_time) (local_date_time) (local_date) (local_time)] @string.special
["." ","] @punctuation.delimiter
"=" @operator
["[" "]" "[[" "]]" "{" "}"] @punctuation.bracket
"#;

/// Every language, in the order the manual lists them.
pub static LANGUAGES: [Language; 10] = [
    Language::new(
        &["rust", "rs"],
        tree_sitter_rust::LANGUAGE,
        tree_sitter_rust::HIGHLIGHTS_QUERY,
        tree_sitter_rust::INJECTIONS_QUERY,
    ),
    Language::new(
        &["toml"],
        tree_sitter_toml_ng::LANGUAGE,
        TOML_HIGHLIGHTS,
        "",
    ),
    Language::new(
        &["yaml", "yml"],
        tree_sitter_yaml::LANGUAGE,
        tree_sitter_yaml::HIGHLIGHTS_QUERY,
        "",
    ),
    Language::new(
        &["bash", "sh", "shell", "zsh"],
        tree_sitter_bash::LANGUAGE,
        tree_sitter_bash::HIGHLIGHT_QUERY,
        "",
    ),
    Language::new(
        &["html", "htm"],
        tree_sitter_html::LANGUAGE,
        tree_sitter_html::HIGHLIGHTS_QUERY,
        tree_sitter_html::INJECTIONS_QUERY,
    ),
    Language::new(
        &["css"],
        tree_sitter_css::LANGUAGE,
        tree_sitter_css::HIGHLIGHTS_QUERY,
        "",
    ),
    Language::new(
        &["javascript", "js", "mjs", "cjs", "jsx"],
        tree_sitter_javascript::LANGUAGE,
        tree_sitter_javascript::HIGHLIGHT_QUERY,
        tree_sitter_javascript::INJECTIONS_QUERY,
    ),
    Language::new(
        &["json", "jsonc"],
        tree_sitter_json::LANGUAGE,
        tree_sitter_json::HIGHLIGHTS_QUERY,
        "",
    ),
    Language::new(
        &["python", "py"],
        tree_sitter_python::LANGUAGE,
        tree_sitter_python::HIGHLIGHTS_QUERY,
        "",
    ),
    Language::new(
        &["markdown", "md"],
        tree_sitter_md::LANGUAGE,
        tree_sitter_md::HIGHLIGHT_QUERY_BLOCK,
        tree_sitter_md::INJECTION_QUERY_BLOCK,
    ),
];

/// The language an info-string word names (any case), if sitegen has its grammar.
pub fn find(word: &str) -> Option<&'static Language> {
    let word = word.to_ascii_lowercase();
    LANGUAGES
        .iter()
        .find(|l| l.aliases.contains(&word.as_str()))
}
