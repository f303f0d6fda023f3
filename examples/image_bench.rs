//! Measures the image stage's candidate encoders on a 12-megapixel photo-like image (made here:
//! no photo can be downloaded): bytes out and milliseconds per megapixel, for BENCHMARKS.md.
//! Run: `cargo run --example image_bench` (the codecs are optimised even in debug builds).

use std::io::Cursor;
use std::time::Instant;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::webp::WebPEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageEncoder, Rgb, RgbImage};

/// A deterministic photo-like picture: smooth light, fractal texture, hard edges, sensor noise.
fn photo(w: u32, h: u32) -> RgbImage {
    let hash = |x: i64, y: i64, s: i64| {
        let mut n = (x.wrapping_mul(374_761_393) ^ y.wrapping_mul(668_265_263) ^ s) as u64;
        n = (n ^ (n >> 13)).wrapping_mul(1_274_126_177);
        ((n ^ (n >> 16)) & 0xffff) as f32 / 65535.0
    };
    let noise = |x: f32, y: f32, s: i64| {
        let (xi, yi) = (x.floor() as i64, y.floor() as i64);
        let (fx, fy) = (x - x.floor(), y - y.floor());
        let (sx, sy) = (fx * fx * (3.0 - 2.0 * fx), fy * fy * (3.0 - 2.0 * fy));
        let a = hash(xi, yi, s) + (hash(xi + 1, yi, s) - hash(xi, yi, s)) * sx;
        let b = hash(xi, yi + 1, s) + (hash(xi + 1, yi + 1, s) - hash(xi, yi + 1, s)) * sx;
        a + (b - a) * sy
    };
    RgbImage::from_fn(w, h, |x, y| {
        let (u, v) = (x as f32 / w as f32, y as f32 / h as f32);
        let mut t = 0.0;
        let mut amp = 0.5;
        let mut freq = 4.0;
        for octave in 0..7 {
            t += amp * noise(u * freq, v * freq * 0.75, octave);
            amp *= 0.55;
            freq *= 2.1;
        }
        let sky = v < 0.35 + 0.05 * (u * 9.0).sin();
        let grain = (hash(x as i64, y as i64, 99) - 0.5) * 10.0;
        let (r, g, b) = if sky {
            (
                120.0 + 60.0 * v + 40.0 * t,
                160.0 + 50.0 * t,
                220.0 - 40.0 * v,
            )
        } else if (u - 0.6).abs() < 0.08 && v > 0.3 {
            (70.0 + 90.0 * t, 50.0 + 60.0 * t, 40.0 + 30.0 * t)
        } else {
            (
                60.0 + 120.0 * t,
                90.0 + 140.0 * t * (1.0 - v * 0.4),
                40.0 + 60.0 * t,
            )
        };
        let c = |x: f32| (x + grain).clamp(0.0, 255.0) as u8;
        Rgb([c(r), c(g), c(b)])
    })
}

fn main() {
    let (w, h) = (4032, 3024);
    let mp = f64::from(w * h) / 1e6;
    let original = DynamicImage::ImageRgb8(photo(w, h));
    let mut camera = Vec::new();
    JpegEncoder::new_with_quality(&mut camera, 92)
        .write_image(original.as_bytes(), w, h, image::ExtendedColorType::Rgb8)
        .unwrap();
    println!(
        "input: {w}x{h} ({mp:.1} MP) JPEG q92, {} KB",
        camera.len() / 1024
    );
    let time = |label: &str, mp: f64, f: &mut dyn FnMut() -> usize| {
        let start = Instant::now();
        let bytes = f();
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        println!("{label:<40} {:>8.1} ms/MP {:>9} KB", ms / mp, bytes / 1024);
    };
    time("decode JPEG (image: zune-jpeg)", mp, &mut || {
        let decoded = image::load_from_memory(&camera).unwrap();
        assert_eq!(decoded.width(), w);
        0
    });
    let mut small = original.clone();
    for (name, filter) in [
        ("resize to 1440 Triangle", FilterType::Triangle),
        ("resize to 1440 CatmullRom", FilterType::CatmullRom),
        ("resize to 1440 Lanczos3", FilterType::Lanczos3),
    ] {
        time(name, mp, &mut || {
            small = original.resize_exact(1440, 1080, filter);
            0
        });
    }
    let smp = 1440.0 * 1080.0 / 1e6;
    let rgb = small.to_rgb8();
    for q in [75u8, 80, 85] {
        time(&format!("1440w JPEG q{q} (image)"), smp, &mut || {
            let mut out = Vec::new();
            JpegEncoder::new_with_quality(&mut out, q)
                .write_image(&rgb, 1440, 1080, image::ExtendedColorType::Rgb8)
                .unwrap();
            out.len()
        });
        time(
            &format!("1440w WebP lossy q{q} (libwebp)"),
            smp,
            &mut || {
                webp::Encoder::from_rgb(&rgb, 1440, 1080)
                    .encode(f32::from(q))
                    .len()
            },
        );
    }
    time("1440w WebP lossless (image-webp)", smp, &mut || {
        let mut out = Vec::new();
        WebPEncoder::new_lossless(Cursor::new(&mut out))
            .write_image(&rgb, 1440, 1080, image::ExtendedColorType::Rgb8)
            .unwrap();
        out.len()
    });
}
