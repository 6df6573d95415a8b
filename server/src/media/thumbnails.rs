use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageReader, Limits};
use sha2::{Digest, Sha256};
use std::io::Cursor;
use std::path::{Path, PathBuf};

/// The two renditions: cards and thumbnails, and the product page.
pub const SMALL: u32 = 320;
pub const LARGE: u32 = 800;
const JPEG_QUALITY: u8 = 84;
/// Bigger sources are refused rather than decoded (decompression bombs).
const MAX_SOURCE_PIXELS: u64 = 50_000_000;
const MAX_SIDE: u32 = 20_000;

#[derive(Debug, thiserror::Error)]
pub enum MediaError {
    #[error("the picture cannot be read: {0}")]
    Decode(String),
    #[error("the picture cannot be saved: {0}")]
    Io(#[from] std::io::Error),
}

/// Where renditions live and how they are named: `<key>-320.jpg` and
/// `<key>-800.jpg`, the key being a hash of the source.
#[derive(Debug, Clone)]
pub struct MediaStore {
    dir: PathBuf,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredImage {
    pub key: String,
    pub small: (u32, u32),
    pub large: (u32, u32),
}

impl MediaStore {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        MediaStore { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn file_name(key: &str, size: u32) -> String {
        format!("{key}-{size}.jpg")
    }

    /// Decodes a picture and writes both renditions (once: the same source
    /// always yields the same key).
    pub fn store(&self, source: &[u8]) -> Result<StoredImage, MediaError> {
        let key = hex(&Sha256::digest(source)[..12]);
        let mut reader = ImageReader::new(Cursor::new(source))
            .with_guessed_format()
            .map_err(|e| MediaError::Decode(e.to_string()))?;
        // The limits apply to the decode itself, so an oversized source is
        // refused before its pixels are allocated.
        let mut limits = Limits::default();
        limits.max_image_width = Some(MAX_SIDE);
        limits.max_image_height = Some(MAX_SIDE);
        limits.max_alloc = Some(MAX_SOURCE_PIXELS * 4);
        reader.limits(limits);
        let decoded = reader
            .decode()
            .map_err(|e| MediaError::Decode(e.to_string()))?;
        std::fs::create_dir_all(&self.dir)?;
        let small = self.rendition(&decoded, &key, SMALL)?;
        let large = self.rendition(&decoded, &key, LARGE)?;
        Ok(StoredImage { key, small, large })
    }

    /// Fits the picture in a `size` square (never enlarging it) and saves it.
    fn rendition(
        &self,
        source: &DynamicImage,
        key: &str,
        size: u32,
    ) -> Result<(u32, u32), MediaError> {
        let fitted = if source.width() > size || source.height() > size {
            source.resize(size, size, FilterType::Lanczos3)
        } else {
            source.clone()
        };
        let dimensions = (fitted.width(), fitted.height());
        let path = self.dir.join(Self::file_name(key, size));
        if path.exists() {
            return Ok(dimensions);
        }
        let mut bytes = Vec::new();
        JpegEncoder::new_with_quality(&mut bytes, JPEG_QUALITY)
            .encode_image(&fitted.to_rgb8())
            .map_err(|e| MediaError::Decode(e.to_string()))?;
        // Write then rename, so a reader never sees half a file.
        let partial = path.with_extension("part");
        std::fs::write(&partial, bytes)?;
        std::fs::rename(partial, path)?;
        Ok(dimensions)
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageFormat, RgbImage};

    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        RgbImage::from_pixel(width, height, image::Rgb([200, 40, 40]))
            .write_to(&mut out, ImageFormat::Png)
            .expect("encode");
        out.into_inner()
    }

    #[test]
    fn renditions_have_the_promised_sizes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = MediaStore::new(dir.path());
        let stored = store.store(&png(1600, 1200)).expect("stored");
        assert_eq!(stored.small, (320, 240));
        assert_eq!(stored.large, (800, 600));
        for (size, expected) in [(SMALL, (320, 240)), (LARGE, (800, 600))] {
            let file = dir.path().join(MediaStore::file_name(&stored.key, size));
            let written = image::open(&file).expect("readable jpeg");
            assert_eq!((written.width(), written.height()), expected);
        }
    }

    #[test]
    fn small_sources_are_not_enlarged_and_keys_follow_content() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = MediaStore::new(dir.path());
        let a = store.store(&png(200, 500)).expect("stored");
        assert_eq!(a.small, (128, 320));
        assert_eq!(a.large, (200, 500));
        assert_eq!(store.store(&png(200, 500)).expect("again").key, a.key);
        assert_ne!(store.store(&png(201, 500)).expect("other").key, a.key);
    }

    #[test]
    fn garbage_and_oversized_pictures_are_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert!(MediaStore::new(dir.path()).store(b"not a picture").is_err());
        // A tiny file claiming 30,000 pixels across.
        let wide = png(30_000, 1);
        assert!(MediaStore::new(dir.path()).store(&wide).is_err());
    }
}
