//! A product's pictures: alt text, order (the first is the primary one)
//! and removal. Uploads arrive through `uploads`.

use super::products::{AdminCatalog, not_found};
use crate::catalog::setup::writer::insert_image;
use crate::db::StoreError;
use crate::media::StoredImage;
use crate::vals;
use app::services::ServiceError;

impl AdminCatalog {
    async fn image_product(&self, tx: &mut crate::db::Tx, image: i64) -> Result<i64, ServiceError> {
        // A no-op write takes the lock before anything is read.
        tx.execute(
            "UPDATE product_images SET position = position WHERE id = $1",
            vals![image],
        )
        .await
        .map_err(StoreError::from)?;
        tx.scalar(
            "SELECT product_id FROM product_images WHERE id = $1",
            vals![image],
        )
        .await
        .map_err(StoreError::from)?
        .ok_or_else(|| not_found("picture"))
    }

    pub async fn set_image_alt(&self, image: i64, alt: &str) -> Result<i64, ServiceError> {
        let mut tx = self.db.begin().await.map_err(StoreError::from)?;
        let product = self.image_product(&mut tx, image).await?;
        tx.execute(
            "UPDATE product_images SET alt = $2 WHERE id = $1",
            vals![image, alt],
        )
        .await
        .map_err(StoreError::from)?;
        tx.commit().await.map_err(StoreError::from)?;
        Ok(product)
    }

    pub async fn move_image_up(&self, image: i64) -> Result<i64, ServiceError> {
        let mut tx = self.db.begin().await.map_err(StoreError::from)?;
        let product = self.image_product(&mut tx, image).await?;
        let order: Vec<(i64,)> = tx
            .rows(
                "SELECT id FROM product_images WHERE product_id = $1 ORDER BY position, id",
                vals![product],
            )
            .await
            .map_err(StoreError::from)?;
        let mut ids: Vec<i64> = order.into_iter().map(|(id,)| id).collect();
        if let Some(at) = ids.iter().position(|id| *id == image).filter(|at| *at > 0) {
            ids.swap(at, at - 1);
            renumber(&mut tx, product, &ids).await?;
        }
        tx.commit().await.map_err(StoreError::from)?;
        crate::catalog::catalog_changed();
        Ok(product)
    }

    pub async fn delete_image(&self, image: i64) -> Result<i64, ServiceError> {
        let mut tx = self.db.begin().await.map_err(StoreError::from)?;
        let product = self.image_product(&mut tx, image).await?;
        tx.execute("DELETE FROM product_images WHERE id = $1", vals![image])
            .await
            .map_err(StoreError::from)?;
        tx.commit().await.map_err(StoreError::from)?;
        crate::catalog::catalog_changed();
        // The renditions stay on disk: another product may show the same
        // picture, and file names are content hashes.
        Ok(product)
    }

    /// Adds a stored picture at the end of the product's pictures.
    pub async fn add_image(
        &self,
        product: i64,
        alt: &str,
        stored: &StoredImage,
    ) -> Result<(), ServiceError> {
        let mut tx = self.db.begin().await.map_err(StoreError::from)?;
        let found = tx
            .execute(
                "UPDATE products SET updated_at = $2 WHERE id = $1",
                vals![product, crate::startup::now()],
            )
            .await
            .map_err(StoreError::from)?;
        if found == 0 {
            return Err(not_found("product"));
        }
        let position = tx
            .scalar(
                "SELECT COALESCE(MAX(position), -1) + 1 FROM product_images WHERE product_id = $1",
                vals![product],
            )
            .await
            .map_err(StoreError::from)?
            .unwrap_or(0);
        insert_image(&mut tx, product, None, position, (alt, stored)).await?;
        tx.commit().await.map_err(StoreError::from)?;
        crate::catalog::catalog_changed();
        Ok(())
    }
}

/// Positions follow `ids`; old ones are parked first so the
/// (product, position) uniqueness never collides midway.
async fn renumber(tx: &mut crate::db::Tx, product: i64, ids: &[i64]) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE product_images SET position = -1 - position WHERE product_id = $1",
        vals![product],
    )
    .await?;
    for (position, id) in ids.iter().enumerate() {
        tx.execute(
            "UPDATE product_images SET position = $2 WHERE id = $1",
            vals![*id, position as i64],
        )
        .await?;
    }
    Ok(())
}
