//! Turning one photo into its variants: decode, apply the EXIF orientation, resize to each
//! width (never up), encode in the original format and as lossy WebP. Nothing of the original's
//! metadata (EXIF, GPS, comments) is carried over: every variant is encoded from pixels.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageEncoder, ImageReader};

use crate::config::ImageSettings as Settings;
use crate::diagnostic::Diagnostic;

/// A file format of a variant.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Format {
    /// JPEG.
    Jpeg,
    /// PNG.
    Png,
    /// WebP (lossy, or lossless for a WebP original).
    Webp,
}

impl Format {
    /// File extension.
    pub(crate) fn ext(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::Webp => "webp",
        }
    }

    /// MIME type, for `<source type>`.
    pub(crate) fn mime(self) -> &'static str {
        match self {
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
            Format::Webp => "image/webp",
        }
    }
}

/// One encoded variant.
pub(crate) struct Encoded {
    pub width: u32,
    pub height: u32,
    pub format: Format,
    pub bytes: Vec<u8>,
}

/// The widths to make for an image `width` pixels wide: each configured width below it, and the
/// largest that is not above it (so nothing is upscaled), smallest first.
pub(crate) fn widths(width: u32, settings: &Settings) -> Vec<u32> {
    let max = settings.widths.iter().copied().max().unwrap_or(width);
    let top = width.min(max);
    let mut out: Vec<u32> = settings
        .widths
        .iter()
        .copied()
        .filter(|&w| w < top)
        .collect();
    out.sort_unstable();
    out.dedup();
    out.push(top);
    out
}

/// A codec's error as the reason an image cannot be read (the caller names the file).
fn reason(e: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::new(e.to_string())
}

/// Decodes `bytes` and applies its EXIF orientation.
pub(crate) fn decode(bytes: &[u8]) -> Result<DynamicImage, Diagnostic> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(reason)?;
    let mut decoder = reader.into_decoder().map_err(reason)?;
    let orientation = decoder.orientation().map_err(reason)?;
    let mut img = DynamicImage::from_decoder(decoder).map_err(reason)?;
    img.apply_orientation(orientation);
    Ok(img)
}

/// Every variant of `img` (already oriented): per width, the `original` format and WebP.
pub(crate) fn variants(
    img: &DynamicImage,
    original: Format,
    settings: &Settings,
) -> Result<Vec<Encoded>, Diagnostic> {
    let mut out = Vec::new();
    // Resize from the largest down, each from the one before: a quarter of the work per step.
    let mut source = img.clone();
    for &w in widths(img.width(), settings).iter().rev() {
        let h = ((u64::from(img.height()) * u64::from(w) + u64::from(img.width()) / 2)
            / u64::from(img.width()))
        .max(1) as u32;
        if w != source.width() {
            source = source.resize_exact(w, h, FilterType::CatmullRom);
        }
        let formats: &[Format] = if original == Format::Webp {
            &[Format::Webp]
        } else {
            &[original, Format::Webp]
        };
        for &format in formats {
            out.push(Encoded {
                width: w,
                height: h,
                format,
                bytes: encode(&source, format, settings.quality)?,
            });
        }
    }
    out.sort_by_key(|e| (e.width, e.format));
    Ok(out)
}

fn encode(img: &DynamicImage, format: Format, quality: u8) -> Result<Vec<u8>, Diagnostic> {
    let mut bytes = Vec::new();
    let (w, h) = (img.width(), img.height());
    match format {
        Format::Jpeg => {
            let rgb = img.to_rgb8();
            JpegEncoder::new_with_quality(&mut bytes, quality)
                .write_image(&rgb, w, h, image::ExtendedColorType::Rgb8)
                .map_err(reason)?;
        }
        Format::Png => {
            let rgba = img.to_rgba8();
            PngEncoder::new_with_quality(&mut bytes, CompressionType::Default, PngFilter::Adaptive)
                .write_image(&rgba, w, h, image::ExtendedColorType::Rgba8)
                .map_err(reason)?;
        }
        Format::Webp => {
            let memory = if img.color().has_alpha() {
                let rgba = img.to_rgba8();
                webp::Encoder::from_rgba(&rgba, w, h).encode(f32::from(quality))
            } else {
                let rgb = img.to_rgb8();
                webp::Encoder::from_rgb(&rgb, w, h).encode(f32::from(quality))
            };
            bytes.extend_from_slice(&memory);
        }
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(widths: &[u32]) -> Settings {
        Settings {
            widths: widths.to_vec(),
            quality: 80,
        }
    }

    #[test]
    fn widths_never_upscale_and_keep_the_largest_that_fits() {
        let s = settings(&[480, 960, 1600]);
        assert_eq!(widths(4032, &s), [480, 960, 1600]);
        assert_eq!(widths(1200, &s), [480, 960, 1200]);
        assert_eq!(widths(300, &s), [300]);
        assert_eq!(widths(960, &s), [480, 960]);
    }

    #[test]
    fn variants_come_in_the_original_format_and_webp() {
        let img = DynamicImage::new_rgb8(1000, 500);
        let v = variants(&img, Format::Jpeg, &settings(&[480, 800])).unwrap();
        let got: Vec<(u32, u32, Format)> =
            v.iter().map(|e| (e.width, e.height, e.format)).collect();
        assert_eq!(
            got,
            [
                (480, 240, Format::Jpeg),
                (480, 240, Format::Webp),
                (800, 400, Format::Jpeg),
                (800, 400, Format::Webp)
            ]
        );
        assert!(v[1].bytes.starts_with(b"RIFF"));
        assert!(v[0].bytes.starts_with(&[0xFF, 0xD8]));
    }
}
