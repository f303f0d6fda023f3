//! Photos from plain Markdown: a 12-megapixel phone JPEG with GPS EXIF and a rotation flag builds
//! to upright, metadata-free, resized variants (JPEG and WebP) with `srcset`, `width` and
//! `height`; a second build encodes nothing (the build's own counter says so); a changed setting
//! re-encodes; a missing image, a damaged one and missing alt text are errors at their line.

use std::io::Cursor;

use image::{ImageFormat, Rgb, RgbImage};

use crate::common::{TestSite, assert_reports, html, post};

/// A 4032×3024 JPEG stored sideways (EXIF orientation 6: turn 90° clockwise to show), with a
/// GPS position, whose stored top-left quarter is red and the rest blue.
fn phone_photo() -> Vec<u8> {
    let (w, h) = (4032u32, 3024u32);
    let img = RgbImage::from_fn(w, h, |x, y| {
        if x < w / 2 && y < h / 2 {
            Rgb([220, 20, 20])
        } else {
            Rgb([20, 40, (x * 7 % 200) as u8 + 40])
        }
    });
    let mut jpeg = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut Cursor::new(&mut jpeg), ImageFormat::Jpeg)
        .unwrap();
    // EXIF (big-endian TIFF): IFD0 with Orientation = 6 and a pointer to a GPS IFD holding
    // GPSLatitudeRef = "N" and GPSLatitude = 51°30'0".
    let mut tiff: Vec<u8> = b"MM\0\x2a\0\0\0\x08".to_vec();
    let entry = |tag: u16, kind: u16, count: u32, value: [u8; 4]| {
        let mut e = tag.to_be_bytes().to_vec();
        e.extend(kind.to_be_bytes());
        e.extend(count.to_be_bytes());
        e.extend(value);
        e
    };
    tiff.extend(2u16.to_be_bytes());
    tiff.extend(entry(0x0112, 3, 1, [0, 6, 0, 0]));
    tiff.extend(entry(0x8825, 4, 1, 38u32.to_be_bytes()));
    tiff.extend(0u32.to_be_bytes());
    assert_eq!(tiff.len(), 38);
    tiff.extend(2u16.to_be_bytes());
    tiff.extend(entry(0x0001, 2, 2, *b"N\0\0\0"));
    tiff.extend(entry(0x0002, 5, 3, 68u32.to_be_bytes()));
    tiff.extend(0u32.to_be_bytes());
    assert_eq!(tiff.len(), 68);
    for (num, den) in [(51u32, 1u32), (30, 1), (0, 1)] {
        tiff.extend(num.to_be_bytes());
        tiff.extend(den.to_be_bytes());
    }
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(tiff);
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
    out.extend(((app1.len() + 2) as u16).to_be_bytes());
    out.extend(app1);
    out.extend(&jpeg[2..]);
    out
}

fn photo_site(body: &str) -> TestSite {
    let site =
        TestSite::with_files(&[("posts/walk/index.md", &post("Walk", "2024-01-01", "", body))]);
    std::fs::write(site.path("posts/walk/photo.jpg"), phone_photo()).unwrap();
    site
}

/// `(width, height)` of an output image, and its bytes.
fn output_image(site: &TestSite, rel: &str) -> (image::DynamicImage, Vec<u8>) {
    let bytes = std::fs::read(site.path("public").join(rel)).unwrap();
    (image::load_from_memory(&bytes).unwrap(), bytes)
}

#[test]
fn a_phone_photo_becomes_upright_metadata_free_variants_encoded_once() {
    let site = photo_site("Intro.\n\n![A path through the woods](photo.jpg)\n");
    let err = site.build_ok(&[]);
    assert!(err.contains("1 image encoded"), "{err}");

    let doc = html(&site.read_output("walk/index.html"));
    let pic = |s: &str| scraper::Selector::parse(s).unwrap();
    let img = doc
        .select(&pic("picture > img"))
        .next()
        .expect("a <picture>");
    let a = |n: &str| img.value().attr(n).unwrap_or("").to_string();
    assert_eq!(a("src"), "/walk/photo.jpg");
    // Turned upright (3024×4032), then at most 1440 wide: 1440×1920.
    assert_eq!((a("width"), a("height")), ("1440".into(), "1920".into()));
    assert_eq!(
        a("srcset"),
        "/walk/photo-480w.jpg 480w, /walk/photo-960w.jpg 960w, /walk/photo.jpg 1440w"
    );
    assert!(!a("sizes").is_empty());
    assert_eq!(a("alt"), "A path through the woods");
    assert_eq!(
        a("loading"),
        "",
        "the first picture of the page is not lazy"
    );
    let webp = doc.select(&pic("picture > source")).next().unwrap();
    assert_eq!(webp.value().attr("type"), Some("image/webp"));
    assert_eq!(
        webp.value().attr("srcset"),
        Some("/walk/photo-480w.webp 480w, /walk/photo-960w.webp 960w, /walk/photo.webp 1440w")
    );

    for (rel, w, h) in [
        ("walk/photo.jpg", 1440, 1920),
        ("walk/photo-480w.jpg", 480, 640),
        ("walk/photo-960w.webp", 960, 1280),
        ("walk/photo.webp", 1440, 1920),
    ] {
        let (img, bytes) = output_image(&site, rel);
        assert_eq!((img.width(), img.height()), (w, h), "{rel}");
        // The stored top-left (red) is the shown top-right after turning clockwise.
        let rgb = img.to_rgb8();
        let top_right = rgb.get_pixel(w - w / 8, h / 8);
        let top_left = rgb.get_pixel(w / 8, h / 8);
        assert!(
            top_right[0] > 150 && top_right[2] < 100,
            "{rel}: {top_right:?}"
        );
        assert!(top_left[0] < 100, "{rel}: {top_left:?}");
        // No EXIF, no GPS, nothing of the original's metadata.
        let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
        assert!(
            !has(b"Exif") && !has(b"EXIF") && !has(b"MM\0\x2a"),
            "{rel} keeps EXIF"
        );
    }

    // A second build encodes nothing, and the output is the same.
    let before = site.snapshot("public");
    let err = site.build_ok(&[]);
    assert!(!err.contains("encoded"), "{err}");
    assert!(site.snapshot("public") == before);

    // A changed setting refreshes the photo's variants.
    site.write("sitegen.toml", "image_quality = 60\n");
    let err = site.build_ok(&[]);
    assert!(err.contains("1 image encoded"), "{err}");
}

#[test]
fn missing_images_damaged_images_and_missing_alt_text_are_errors_at_their_line() {
    let site = photo_site(
        "Intro.\n\n![A path](photo.jpg)\n\n![](photo.jpg)\n\n![Decor](missing.jpg)\n\n![](photo.jpg \"\")\n",
    );
    let err = site.build_err(&[]);
    assert_reports(
        &err,
        "posts/walk/index.md:9:1: error: image `photo.jpg` has no alt text",
    );
    assert_reports(
        &err,
        "posts/walk/index.md:11:1: error: image `missing.jpg` is not a file of the site",
    );
    // The explicitly decorative one (empty title) is fine.
    assert!(!err.contains(":15:1"), "{err}");
    assert!(!site.path("public").exists(), "nothing written");

    let site = photo_site("Intro.\n\n![A path](photo.jpg)\n");
    std::fs::write(
        site.path("posts/walk/photo.jpg"),
        b"\xFF\xD8 not really a jpeg",
    )
    .unwrap();
    let err = site.build_err(&[]);
    assert_reports(
        &err,
        "posts/walk/index.md:7:1: error: cannot read image `posts/walk/photo.jpg`",
    );
}
