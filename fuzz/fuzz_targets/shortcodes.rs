//! The shortcode scanner and argument parser (and masking, outline) on arbitrary bytes.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| sitegen::fuzzing::shortcodes(data));
