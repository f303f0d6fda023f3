// Shared harness: highlight 10,000 blocks (1,000 per language) and report time.
pub const SAMPLES: &[(&str, &str)] = &[
    ("rust", include_str!("samples/rust.rs")),
    ("toml", include_str!("samples/toml.toml")),
    ("yaml", include_str!("samples/yaml.yaml")),
    ("bash", include_str!("samples/sh.sh")),
    ("html", include_str!("samples/html.html")),
    ("css", include_str!("samples/css.css")),
    ("javascript", include_str!("samples/js.js")),
    ("json", include_str!("samples/json.json")),
    ("python", include_str!("samples/py.py")),
    ("markdown", include_str!("samples/md.md")),
];

pub fn run(setup: impl FnOnce() -> Box<dyn Fn(&str, &str) -> String>) {
    let t0 = std::time::Instant::now();
    let hl = setup();
    let setup_ms = t0.elapsed().as_secs_f64() * 1e3;
    std::fs::create_dir_all("out").unwrap();
    for (lang, code) in SAMPLES {
        std::fs::write(format!("out/{}-{lang}.html", env!("CARGO_PKG_NAME")), hl(lang, code)).unwrap();
    }
    let t1 = std::time::Instant::now();
    let mut bytes = 0;
    for i in 0..10_000 {
        let (lang, code) = SAMPLES[i % SAMPLES.len()];
        bytes += hl(lang, code).len();
    }
    let ms = t1.elapsed().as_secs_f64() * 1e3;
    println!("{} setup {setup_ms:.1} ms, 10000 blocks {ms:.0} ms, {bytes} bytes", env!("CARGO_PKG_NAME"));
}
