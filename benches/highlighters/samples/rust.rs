use std::collections::HashMap;

/// Counts words in a text, ignoring case.
pub fn count_words(text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for word in text.split_whitespace() {
        let key = word.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        if key.is_empty() {
            continue;
        }
        *counts.entry(key).or_insert(0) += 1;
    }
    counts
}

fn main() {
    let text = "The hip, the hip and the knee";
    for (word, n) in count_words(text) {
        println!("{word}: {n}");
    }
}
