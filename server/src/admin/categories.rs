//! Categories and catalogs: listing them depth-first, and saving one.
//! A category's parent may not be the category or anything below it, so
//! the tree stays a tree.

use super::products::{AdminCatalog, not_found};
use crate::db::StoreError;
use crate::vals;
use app::admin::categories::types::{CatalogRow, CategoryInput, CategoryRow, Taxonomy};
use app::domain::category_tree::{CategoryNode, depth_first, subtree};
use app::services::ServiceError;

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    slug: String,
    name: String,
    name_de: Option<String>,
    parent_id: Option<i64>,
    position: i64,
    products: i64,
}

fn taken() -> ServiceError {
    ServiceError::Conflict("Another one already has this name or web address.".into())
}

impl AdminCatalog {
    pub async fn taxonomy(&self) -> Result<Taxonomy, ServiceError> {
        let rows: Vec<Row> = self
            .db
            .rows(
                "SELECT c.id, c.slug, c.name, t.name AS name_de, c.parent_id, c.position, \
                 (SELECT COUNT(*) FROM product_categories pc WHERE pc.category_id = c.id) AS products \
                 FROM categories c LEFT JOIN category_translations t ON t.category_id = c.id AND t.locale = 'de' \
                 ORDER BY c.position, c.name",
                vals![],
            )
            .await
            .map_err(StoreError::from)?;
        let nodes: Vec<CategoryNode> = rows
            .iter()
            .map(|r| CategoryNode {
                id: r.id,
                parent: r.parent_id,
            })
            .collect();
        let categories = depth_first(&nodes)
            .into_iter()
            .filter_map(|(id, depth)| {
                let r = rows.iter().find(|r| r.id == id)?;
                Some(CategoryRow {
                    id,
                    slug: r.slug.clone(),
                    name: r.name.clone(),
                    name_de: r.name_de.clone().unwrap_or_default(),
                    parent: r.parent_id,
                    position: r.position,
                    depth,
                    products: r.products as u32,
                })
            })
            .collect();
        let catalogs: Vec<(i64, String, String, i64)> = self
            .db
            .rows(
                "SELECT c.id, c.key, c.name, (SELECT COUNT(*) FROM catalog_products cp WHERE cp.catalog_id = c.id) \
                 FROM catalogs c ORDER BY c.name",
                vals![],
            )
            .await
            .map_err(StoreError::from)?;
        Ok(Taxonomy {
            categories,
            catalogs: catalogs
                .into_iter()
                .map(|(id, key, name, products)| CatalogRow {
                    id,
                    key,
                    name,
                    products: products as u32,
                })
                .collect(),
        })
    }

    pub async fn save_category(&self, c: &CategoryInput) -> Result<i64, ServiceError> {
        let mut tx = self.db.begin().await.map_err(StoreError::from)?;
        // Writing first takes the lock; the tree is read under it.
        tx.execute(
            "UPDATE categories SET position = position WHERE id = $1",
            vals![c.id.unwrap_or(0)],
        )
        .await
        .map_err(StoreError::from)?;
        let nodes: Vec<(i64, Option<i64>)> = tx
            .rows("SELECT id, parent_id FROM categories", vals![])
            .await
            .map_err(StoreError::from)?;
        let nodes: Vec<CategoryNode> = nodes
            .into_iter()
            .map(|(id, parent)| CategoryNode { id, parent })
            .collect();
        if let Some(parent) = c.parent {
            if !nodes.iter().any(|n| n.id == parent) {
                return Err(ServiceError::Invalid(
                    "Choose a parent from the list.".into(),
                ));
            }
            if let Some(id) = c.id
                && subtree(&nodes, id).contains(&parent)
            {
                return Err(ServiceError::Invalid(
                    "A category cannot be placed below itself or one of its own subcategories."
                        .into(),
                ));
            }
        }
        let id = match c.id {
            Some(id) => {
                if !nodes.iter().any(|n| n.id == id) {
                    return Err(not_found("category"));
                }
                tx.execute(
                    "UPDATE categories SET slug = $2, name = $3, parent_id = $4, position = $5 WHERE id = $1 \
                     AND NOT EXISTS (SELECT 1 FROM categories o WHERE o.id <> $1 AND (o.slug = $2 OR o.name = $3))",
                    vals![id, &c.slug, &c.name, c.parent, c.position],
                )
                .await
                .map_err(StoreError::from)?;
                let same = tx
                    .scalar(
                        "SELECT id FROM categories WHERE id = $1 AND slug = $2 AND name = $3",
                        vals![id, &c.slug, &c.name],
                    )
                    .await
                    .map_err(StoreError::from)?;
                same.ok_or_else(taken)?
            }
            None => tx
                .scalar(
                    "INSERT INTO categories (slug, name, parent_id, position) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT DO NOTHING RETURNING id",
                    vals![&c.slug, &c.name, c.parent, c.position],
                )
                .await
                .map_err(StoreError::from)?
                .ok_or_else(taken)?,
        };
        tx.execute(
            "DELETE FROM category_translations WHERE category_id = $1 AND locale = 'de'",
            vals![id],
        )
        .await
        .map_err(StoreError::from)?;
        if let Some(name) = &c.name_de {
            tx.execute(
                "INSERT INTO category_translations (category_id, locale, name) VALUES ($1, 'de', $2)",
                vals![id, name],
            )
            .await
            .map_err(StoreError::from)?;
        }
        tx.commit().await.map_err(StoreError::from)?;
        crate::catalog::catalog_changed();
        Ok(id)
    }

    pub async fn save_catalog(
        &self,
        id: Option<i64>,
        key: &str,
        name: &str,
    ) -> Result<i64, ServiceError> {
        let mut tx = self.db.begin().await.map_err(StoreError::from)?;
        let saved = match id {
            Some(id) => tx
                .scalar(
                    "UPDATE catalogs SET name = $2 WHERE id = $1 RETURNING id",
                    vals![id, name],
                )
                .await
                .map_err(StoreError::from)?
                .ok_or_else(|| not_found("catalog"))?,
            None => tx
                .scalar(
                    "INSERT INTO catalogs (key, name) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id",
                    vals![key, name],
                )
                .await
                .map_err(StoreError::from)?
                .ok_or_else(taken)?,
        };
        tx.commit().await.map_err(StoreError::from)?;
        Ok(saved)
    }
}
