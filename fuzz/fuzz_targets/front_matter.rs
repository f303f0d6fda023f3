//! Front matter splitting and parsing (TOML and YAML) on arbitrary bytes.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| sitegen::fuzzing::front_matter(data));
