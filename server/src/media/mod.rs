//! Product pictures: generated renditions on disk, named by content, so
//! they can be cached forever.

mod art;
mod glyphs;
mod thumbnails;

pub use art::draw_initials;
pub use thumbnails::{LARGE, MediaError, MediaStore, SMALL, StoredImage};
