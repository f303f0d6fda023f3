mod harness;
fn main() {
    harness::run(|| Box::new(|_lang, code| {
        let mut s = String::with_capacity(code.len());
        for c in code.chars() { match c { '<' => s.push_str("&lt;"), '>' => s.push_str("&gt;"), '&' => s.push_str("&amp;"), c => s.push(c) } }
        s
    }));
}
