//! Rendering a setup file's images before its transaction: files are read
//! from next to the setup file or from `public/`, drawings are drawn, and
//! both go through the media store.

use super::spec::{ImageSpec, SetupFile};
use super::writer::Assets;
use crate::db::StoreError;
use crate::media::{StoredImage, draw_initials};
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

/// Rendered images by (product index, variant index or none).
#[derive(Default)]
pub struct PreparedImages {
    by_owner: HashMap<(usize, Option<usize>), Vec<(String, StoredImage)>>,
}

impl PreparedImages {
    pub fn count(&self) -> usize {
        self.by_owner.values().map(Vec::len).sum()
    }

    pub fn for_product(&self, product: usize) -> impl Iterator<Item = (&str, &StoredImage)> {
        self.of((product, None))
    }

    pub fn for_variant(
        &self,
        product: usize,
        variant: usize,
    ) -> impl Iterator<Item = (&str, &StoredImage)> {
        self.of((product, Some(variant)))
    }

    fn of(&self, owner: (usize, Option<usize>)) -> impl Iterator<Item = (&str, &StoredImage)> {
        self.by_owner
            .get(&owner)
            .into_iter()
            .flatten()
            .map(|(alt, stored)| (alt.as_str(), stored))
    }
}

/// A relative path without `..`, so a setup file cannot reach outside its
/// folders.
fn safe_relative(path: &str) -> Option<&Path> {
    let path = Path::new(path);
    path.components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then_some(path)
}

fn source_bytes(image: &ImageSpec, assets: &Assets, item: &str) -> Result<Vec<u8>, StoreError> {
    if let Some(draw) = &image.draw {
        return draw_initials(&draw.text, &draw.colour)
            .map_err(|e| StoreError::Rejected(format!("{item}: {e}")));
    }
    let path = image.path.as_deref().unwrap_or_default();
    let relative = safe_relative(path).ok_or_else(|| {
        StoreError::Rejected(format!(
            "{item}: image path {path} must be relative, without '..'"
        ))
    })?;
    let candidates: [PathBuf; 2] = [
        assets.base_dir.join(relative),
        assets.public_dir.join(relative),
    ];
    let found = candidates.iter().find(|p| p.is_file()).ok_or_else(|| {
        StoreError::Rejected(format!(
            "{item}: image {path} is neither next to the file nor under public/"
        ))
    })?;
    std::fs::read(found)
        .map_err(|e| StoreError::Rejected(format!("{item}: cannot read {path}: {e}")))
}

pub fn prepare_images(
    file: &SetupFile,
    assets: Option<&Assets>,
) -> Result<PreparedImages, StoreError> {
    let mut prepared = PreparedImages::default();
    for (p_index, product) in file.products.iter().enumerate() {
        let owners = std::iter::once(((p_index, None), &product.images)).chain(
            product
                .variants
                .iter()
                .enumerate()
                .map(|(v_index, v)| ((p_index, Some(v_index)), &v.images)),
        );
        for (owner, images) in owners {
            if images.is_empty() {
                continue;
            }
            let assets = assets.ok_or_else(|| {
                StoreError::Rejected(format!("{}: images need a media folder", product.key))
            })?;
            for image in images {
                let bytes = source_bytes(image, assets, &product.key)?;
                let stored = assets
                    .media
                    .store(&bytes)
                    .map_err(|e| StoreError::Rejected(format!("{}: {e}", product.key)))?;
                let alt = if image.alt.is_empty() {
                    product.name.clone()
                } else {
                    image.alt.clone()
                };
                prepared
                    .by_owner
                    .entry(owner)
                    .or_default()
                    .push((alt, stored));
            }
        }
    }
    Ok(prepared)
}
