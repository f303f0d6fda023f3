use super::*;

fn table(lang: &str) -> (BTreeMap<String, Text>, Vec<String>) {
    let (_, text) = BUILT_IN.iter().find(|(l, _)| *l == lang).unwrap();
    parse_table(text).unwrap_or_else(|| panic!("{lang}.toml is not a table of strings"))
}

fn union(text: &Text) -> BTreeSet<String> {
    text.forms().iter().flat_map(|f| placeholders(f)).collect()
}

#[test]
fn every_built_in_table_has_the_english_keys_and_placeholders() {
    let (english, _) = table("en");
    for (lang, _) in BUILT_IN {
        let (texts, order) = table(lang);
        let mut sorted = order.clone();
        sorted.dedup();
        assert_eq!(order.len(), sorted.len(), "{lang}: a key twice");
        let keys: Vec<&String> = texts.keys().collect();
        let expected: Vec<&String> = english.keys().collect();
        assert_eq!(keys, expected, "{lang}.toml has other keys than en.toml");
        for (key, text) in &texts {
            let reference = &english[key];
            assert_eq!(
                union(text),
                union(reference),
                "{lang}: placeholders of `{key}`"
            );
            if matches!(text, Text::Plural { .. }) {
                assert!(
                    matches!(reference, Text::Plural { .. }),
                    "{lang}: `{key}` is plural, the English is not"
                );
            }
            for form in text.forms() {
                assert!(!form.trim().is_empty(), "{lang}: `{key}` is empty");
                assert_eq!(form, form.trim(), "{lang}: `{key}` has spaces around it");
            }
        }
    }
}

#[test]
fn the_pagination_keys_are_ready_in_every_language() {
    for (lang, _) in BUILT_IN {
        let (texts, _) = table(lang);
        for key in [
            "newer_posts",
            "older_posts",
            "page_n_of",
            "archive",
            "archive_year_count",
        ] {
            assert!(texts.contains_key(key), "{lang}: {key}");
        }
        assert!(matches!(texts["archive_year_count"], Text::Plural { .. }));
    }
}

#[test]
fn placeholders_are_filled_and_plurals_chosen_by_count() {
    let en = Translations::english();
    assert_eq!(
        en.format(
            "part_of",
            &[
                ("n", Arg::Number(2)),
                ("total", Arg::Number(4)),
                ("series", Arg::Text("Core"))
            ]
        ),
        Ok("Part 2 of 4 in Core".to_string())
    );
    assert_eq!(en.get("parts", &[("count", Arg::Number(1))]), "1 part");
    assert_eq!(en.get("parts", &[("count", Arg::Number(0))]), "0 parts");
    assert_eq!(en.get("sets", &[("count", Arg::Text("2-3"))]), "2-3 sets");
    assert_eq!(en.get("sets", &[("count", Arg::Text("1"))]), "1 set");
    let mut fr = Translations::english();
    fr.lang = "fr".into();
    fr.texts.extend(table("fr").0);
    assert_eq!(fr.get("parts", &[("count", Arg::Number(0))]), "0 partie");
    assert_eq!(fr.get("parts", &[("count", Arg::Number(2))]), "2 parties");
}

#[test]
fn mistakes_in_a_call_are_named() {
    let en = Translations::english();
    let e = en.format("previus", &[]).unwrap_err().to_string();
    assert!(e.contains("`previus`") && e.contains("`previous`"), "{e}");
    let e = en
        .format("part_of", &[("n", Arg::Number(2))])
        .unwrap_err()
        .to_string();
    assert!(e.contains("`total=…`"), "{e}");
    let e = en.format("parts", &[]).unwrap_err().to_string();
    assert!(e.contains("count"), "{e}");
    // A brace that starts no name is text.
    let mut out = String::new();
    let filled = fill("{ a } {b", &mut |s, o| o.push_str(s), &mut |_, _| None).unwrap();
    out.push_str(&filled);
    assert_eq!(out, "{ a } {b");
}

#[test]
fn the_words_are_escaped_as_html_text_but_keep_apostrophes() {
    let mut out = String::new();
    escape_words("part's <b> & \"x\"", &mut out);
    assert_eq!(out, "part's &lt;b&gt; &amp; &quot;x&quot;");
}

#[test]
fn the_primary_subtag_chooses_the_table() {
    assert_eq!(primary_subtag("de-CH"), "de");
    assert_eq!(primary_subtag("pt_BR"), "pt");
    assert_eq!(primary_subtag("NL"), "nl");
    let mut errors = Diagnostics::default();
    let t = Translations::load(Path::new("/nonexistent"), "de-CH", &mut errors);
    assert!(errors.is_empty());
    assert_eq!(t.get("previous", &[]), "Zurück");
    let t = Translations::load(Path::new("/nonexistent"), "sv", &mut errors);
    assert_eq!(t.get("previous", &[]), "Previous");
    assert!(errors.is_empty(), "a warning, kept with the table");
    assert_eq!(t.warnings().len(), 1);
}

/// Every key the theme's templates (`templates/`, `t(key=…)`) and sitegen's Rust code (the `get` of `words`
/// or of `config.i18n`) name, found in their text.
fn keys_used() -> BTreeSet<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = BTreeSet::new();
    let files = walkdir::WalkDir::new(root.join("src"))
        .into_iter()
        .chain(walkdir::WalkDir::new(root.join("templates")));
    for entry in files {
        let path = entry.unwrap().into_path();
        let name = path.to_string_lossy().to_string();
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        if name.ends_with(".html") || name.ends_with(".xml") {
            for piece in text.split("t(key=\"").skip(1) {
                found.extend(piece.split('"').next().map(str::to_string));
            }
        } else if name.ends_with(".rs") {
            for (at, _) in text.match_indices(".get(") {
                let before = &text[..at];
                let after = text[at + 5..].trim_start();
                if (before.ends_with("words") || before.ends_with("i18n"))
                    && let Some(rest) = after.strip_prefix('"')
                {
                    found.extend(rest.split('"').next().map(str::to_string));
                }
            }
        }
    }
    found
}

#[test]
fn every_key_the_theme_and_the_code_name_is_in_the_table() {
    let english = Translations::english();
    let used = keys_used();
    assert!(used.len() > 100, "the search for keys found only {used:?}");
    let unknown: Vec<&String> = used
        .iter()
        .filter(|k| !english.texts.contains_key(*k))
        .collect();
    assert!(unknown.is_empty(), "keys not in en.toml: {unknown:?}");
}
