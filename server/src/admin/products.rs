//! The admin's reads of the catalog: the product list, the editor's
//! contents, low stock; and the small writes on a product's images and
//! visibility. Saving the editor is in `product_writer`.

use crate::catalog::queries::image_view;
use crate::db::{Db, StoreError};
use crate::vals;
use app::admin::catalog::types::{
    AdminImage, Choice, DownloadFile, ProductEditor, ProductFilter, ProductForm, ProductPage,
    ProductRow, TranslationForm, VariantForm,
};
use app::admin::insights::types::LowStockRow;
use app::domain::category_tree::{CategoryNode, ancestry};
use app::domain::{Currency, Locale, Money};
use app::services::ServiceError;

pub const PAGE_SIZE: u32 = 25;

#[derive(Clone)]
pub struct AdminCatalog {
    pub db: Db,
    pub currency: Currency,
    /// For releasing reservations the way the sweeper does.
    pub baskets: std::sync::Arc<crate::basket::BasketStore>,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    sku: String,
    title: String,
    product_type: String,
    active: bool,
    variants: i64,
    stock: i64,
    price: Option<i64>,
    image: Option<String>,
}

#[derive(sqlx::FromRow)]
struct ProductRecord {
    sku: String,
    slug: String,
    title: String,
    short_description: String,
    description: String,
    product_type: String,
    tax_class: String,
    weight_grams: i64,
    shippable: bool,
    active: bool,
    download_filename: Option<String>,
    download_attempts: i64,
    download_days: i64,
}

#[derive(sqlx::FromRow)]
struct VariantRecord {
    id: i64,
    sku: String,
    stock_on_hand: i64,
    stock_kind: String,
}

#[derive(sqlx::FromRow)]
struct ImageRecord {
    id: i64,
    alt: String,
    media_key: String,
    small_width: i64,
    small_height: i64,
    large_width: i64,
    large_height: i64,
}

pub fn not_found(what: &str) -> ServiceError {
    ServiceError::NotFound(format!("There is no such {what}."))
}

/// `text` as a LIKE pattern matching it anywhere, wildcards escaped.
pub fn contains_pattern(text: &str) -> String {
    let escaped: String = text
        .trim()
        .chars()
        .take(100)
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            c => vec![c.to_ascii_lowercase()],
        })
        .collect();
    format!("%{escaped}%")
}

impl AdminCatalog {
    pub async fn products(&self, filter: &ProductFilter) -> Result<ProductPage, StoreError> {
        let mut conditions = vec!["1 = 1".to_owned()];
        let mut params: Vec<crate::db::Val> = Vec::new();
        if !filter.q.trim().is_empty() {
            params.push(contains_pattern(&filter.q).into());
            let n = params.len();
            conditions.push(format!(
                "(LOWER(p.title) LIKE ${n} ESCAPE '\\' OR LOWER(p.sku) LIKE ${n} ESCAPE '\\' \
                 OR EXISTS (SELECT 1 FROM variants v WHERE v.product_id = p.id AND LOWER(v.sku) LIKE ${n} ESCAPE '\\'))"
            ));
        }
        match filter.status.as_str() {
            "active" => conditions.push("p.active = TRUE".into()),
            "inactive" => conditions.push("p.active = FALSE".into()),
            _ => {}
        }
        if !filter.kind.is_empty() {
            params.push(filter.kind.chars().take(20).collect::<String>().into());
            conditions.push(format!("p.product_type = ${}", params.len()));
        }
        let condition = conditions.join(" AND ");
        let total = self
            .db
            .scalar(
                &format!("SELECT COUNT(*) FROM products p WHERE {condition}"),
                &params,
            )
            .await? as u64;
        let pages = (total.div_ceil(u64::from(PAGE_SIZE))).max(1) as u32;
        let page = filter.page.clamp(1, pages);
        let offset = i64::from((page - 1) * PAGE_SIZE);
        params.push(self.currency.code().into());
        let currency = params.len();
        let rows: Vec<Row> = self
            .db
            .rows(
                &format!(
                    "SELECT p.id, p.sku, p.title, p.product_type, p.active, \
                     (SELECT COUNT(*) FROM variants v WHERE v.product_id = p.id) AS variants, \
                     (SELECT CAST(COALESCE(SUM(v.stock_on_hand - v.reserved), 0) AS BIGINT) \
                        FROM variants v WHERE v.product_id = p.id) AS stock, \
                     (SELECT MIN(vp.amount_minor) FROM variant_prices vp JOIN variants v ON v.id = vp.variant_id \
                        WHERE v.product_id = p.id AND vp.currency = ${currency}) AS price, \
                     (SELECT i.media_key FROM product_images i WHERE i.product_id = p.id \
                        ORDER BY i.position LIMIT 1) AS image \
                     FROM products p WHERE {condition} ORDER BY p.id DESC LIMIT {PAGE_SIZE} OFFSET {offset}"
                ),
                &params,
            )
            .await?;
        Ok(ProductPage {
            rows: rows
                .into_iter()
                .map(|r| ProductRow {
                    id: r.id,
                    sku: r.sku,
                    name: r.title,
                    product_type: r.product_type,
                    active: r.active,
                    variants: r.variants as u32,
                    stock: r.stock,
                    price: r.price.map(|minor| Money::from_minor(minor, self.currency)),
                    thumbnail: r.image.map(|key| {
                        format!(
                            "/media/{}",
                            crate::media::MediaStore::file_name(&key, crate::media::SMALL)
                        )
                    }),
                })
                .collect(),
            total,
            page,
            pages,
        })
    }

    async fn choices(&self) -> Result<(Vec<Choice>, Vec<Choice>, Vec<String>), StoreError> {
        let categories: Vec<(i64, String, Option<i64>)> = self
            .db
            .rows(
                "SELECT id, name, parent_id FROM categories ORDER BY position, name",
                vals![],
            )
            .await?;
        let nodes: Vec<CategoryNode> = categories
            .iter()
            .map(|(id, _, parent)| CategoryNode {
                id: *id,
                parent: *parent,
            })
            .collect();
        let path = |id: i64| {
            ancestry(&nodes, id)
                .into_iter()
                .filter_map(|step| categories.iter().find(|c| c.0 == step))
                .map(|(_, name, _)| name.as_str())
                .collect::<Vec<_>>()
                .join(" › ")
        };
        let mut category_choices: Vec<Choice> = categories
            .iter()
            .map(|(id, _, _)| Choice {
                id: *id,
                label: path(*id),
            })
            .collect();
        category_choices.sort_by(|a, b| a.label.cmp(&b.label));
        let catalogs: Vec<(i64, String)> = self
            .db
            .rows("SELECT id, name FROM catalogs ORDER BY name", vals![])
            .await?;
        let mut classes: Vec<(String,)> = self
            .db
            .rows(
                "SELECT DISTINCT tax_class FROM tax_rates UNION SELECT DISTINCT tax_class FROM products",
                vals![],
            )
            .await?;
        if !classes.iter().any(|(c,)| c == "standard") {
            classes.push(("standard".into(),));
        }
        let mut classes: Vec<String> = classes.into_iter().map(|(c,)| c).collect();
        classes.sort();
        classes.dedup();
        Ok((
            category_choices,
            catalogs
                .into_iter()
                .map(|(id, label)| Choice { id, label })
                .collect(),
            classes,
        ))
    }

    /// `None` when there is no product `id`.
    pub async fn editor(&self, id: Option<i64>) -> Result<Option<ProductEditor>, StoreError> {
        let (categories, catalogs, tax_classes) = self.choices().await?;
        let blank_translations = || {
            Locale::ALL
                .into_iter()
                .filter(|l| *l != Locale::DEFAULT)
                .map(|l| TranslationForm {
                    locale: l.code().to_owned(),
                    ..TranslationForm::default()
                })
                .collect::<Vec<_>>()
        };
        let Some(id) = id else {
            return Ok(Some(ProductEditor {
                form: ProductForm {
                    product_type: "physical".into(),
                    tax_class: "standard".into(),
                    active: Some("on".into()),
                    shippable: Some("on".into()),
                    variants: vec![VariantForm::default(), VariantForm::default()],
                    translations: blank_translations(),
                    ..ProductForm::default()
                },
                errors: Vec::new(),
                categories,
                catalogs,
                tax_classes,
                images: Vec::new(),
                download: None,
                public_url: None,
            }));
        };
        let Some(product): Option<ProductRecord> = self
            .db
            .rows(
                "SELECT sku, slug, title, short_description, description, product_type, tax_class, \
                 weight_grams, shippable, active, download_filename, download_attempts, download_days \
                 FROM products WHERE id = $1",
                vals![id],
            )
            .await?
            .into_iter()
            .next()
        else {
            return Ok(None);
        };
        let chosen: Vec<(i64,)> = self
            .db
            .rows(
                "SELECT pc.category_id FROM product_categories pc JOIN products p ON p.id = pc.product_id \
                 WHERE pc.product_id = $1 ORDER BY CASE WHEN pc.category_id = p.category_id THEN 0 ELSE 1 END, pc.category_id",
                vals![id],
            )
            .await?;
        let in_catalogs: Vec<(i64,)> = self
            .db
            .rows(
                "SELECT catalog_id FROM catalog_products WHERE product_id = $1 ORDER BY catalog_id",
                vals![id],
            )
            .await?;
        let variants: Vec<VariantRecord> = self
            .db
            .rows(
                "SELECT id, sku, stock_on_hand, stock_kind FROM variants WHERE product_id = $1 AND position >= 0 ORDER BY position",
                vals![id],
            )
            .await?;
        // The variants' options and prices in two queries, not two per
        // variant.
        let options = self.variant_options(id).await?;
        let all_prices: Vec<(i64, String, i64, String)> = self
            .db
            .rows(
                "SELECT vp.variant_id, vp.currency, vp.amount_minor, vp.billing_interval \
                 FROM variant_prices vp JOIN variants v ON v.id = vp.variant_id \
                 WHERE v.product_id = $1 ORDER BY vp.variant_id, vp.currency",
                vals![id],
            )
            .await?;
        let mut variant_forms = Vec::with_capacity(variants.len() + 1);
        for v in variants {
            let prices: Vec<String> = all_prices
                .iter()
                .filter(|(variant, ..)| *variant == v.id)
                .filter_map(|(_, code, minor, interval)| {
                    let currency = Currency::parse(code).ok()?;
                    let amount = Money::from_minor(*minor, currency).amount();
                    Some(match interval.as_str() {
                        "one_off" => format!("{code} {amount}"),
                        other => format!("{code} {amount} {other}"),
                    })
                })
                .collect();
            let mut own = options.iter().filter(|(variant, ..)| *variant == v.id);
            let (option_name, option_value) = own
                .next()
                .map(|(_, name, value)| (name.clone(), value.clone()))
                .unwrap_or_default();
            let more_options = own
                .map(|(_, name, value)| format!("{name}: {value}"))
                .collect::<Vec<_>>()
                .join("; ");
            let serial = v.stock_kind == "serial";
            variant_forms.push(VariantForm {
                id: v.id.to_string(),
                sku: v.sku,
                option_name,
                option_value,
                more_options,
                prices: prices.join("\n"),
                stock: v.stock_on_hand.to_string(),
                serial: serial.then(|| "on".to_owned()),
            });
        }
        variant_forms.push(VariantForm::default());
        let translations: Vec<(String, Option<String>, Option<String>, Option<String>)> = self
            .db
            .rows(
                "SELECT locale, title, short_description, description FROM product_translations WHERE product_id = $1",
                vals![id],
            )
            .await?;
        let mut translation_forms = blank_translations();
        for form in &mut translation_forms {
            if let Some((_, name, short, description)) =
                translations.iter().find(|t| t.0 == form.locale)
            {
                form.name = name.clone().unwrap_or_default();
                form.short_description = short.clone().unwrap_or_default();
                form.description = description.clone().unwrap_or_default();
            }
        }
        let images = self.images(id).await?;
        let on = |b: bool| b.then(|| "on".to_owned());
        Ok(Some(ProductEditor {
            form: ProductForm {
                id: id.to_string(),
                sku: product.sku,
                name: product.title,
                slug: product.slug.clone(),
                short_description: product.short_description,
                description: product.description,
                product_type: product.product_type,
                tax_class: product.tax_class,
                weight_grams: product.weight_grams.to_string(),
                shippable: on(product.shippable),
                active: on(product.active),
                categories: chosen.into_iter().map(|(c,)| c.to_string()).collect(),
                catalogs: in_catalogs.into_iter().map(|(c,)| c.to_string()).collect(),
                variants: variant_forms,
                translations: translation_forms,
                download_attempts: product.download_attempts.to_string(),
                download_days: product.download_days.to_string(),
            },
            errors: Vec::new(),
            categories,
            catalogs,
            tax_classes,
            images,
            download: product.download_filename.map(|filename| DownloadFile {
                filename,
                attempts: product.download_attempts as u32,
                days: product.download_days as u32,
            }),
            public_url: Some(format!("/product/{}", product.slug)),
        }))
    }

    async fn images(&self, product: i64) -> Result<Vec<AdminImage>, StoreError> {
        let rows: Vec<ImageRecord> = self
            .db
            .rows(
                "SELECT id, alt, media_key, small_width, small_height, large_width, large_height \
                 FROM product_images WHERE product_id = $1 ORDER BY position",
                vals![product],
            )
            .await?;
        Ok(rows
            .into_iter()
            .map(|r| {
                let view = image_view(
                    r.alt.clone(),
                    &r.media_key,
                    (r.small_width, r.small_height),
                    (r.large_width, r.large_height),
                );
                AdminImage {
                    id: r.id,
                    url: view.small_url,
                    alt: r.alt,
                    width: view.small_width,
                    height: view.small_height,
                }
            })
            .collect())
    }

    pub async fn low_stock(&self, limit: u32) -> Result<Vec<LowStockRow>, StoreError> {
        let rows: Vec<(i64, String, String, i64)> = self
            .db
            .rows(
                &format!(
                    "SELECT p.id, v.sku, p.title, v.stock_on_hand - v.reserved AS available \
                     FROM variants v JOIN products p ON p.id = v.product_id \
                     WHERE p.active = TRUE AND v.position >= 0 AND v.stock_on_hand - v.reserved <= $1 \
                     AND p.product_type = 'physical' \
                     ORDER BY available, v.sku LIMIT {}",
                    limit.min(500)
                ),
                vals![LOW_STOCK],
            )
            .await?;
        Ok(rows
            .into_iter()
            .map(|(product_id, sku, name, available)| LowStockRow {
                product_id,
                sku,
                name,
                available,
            })
            .collect())
    }
}

/// At or below this many units free, a variant counts as running low.
pub const LOW_STOCK: i64 = 5;

impl AdminCatalog {
    /// (variant, name, value) of every option of the product's variants,
    /// by variant and position.
    pub(super) async fn variant_options(
        &self,
        product: i64,
    ) -> Result<Vec<(i64, String, String)>, sqlx::Error> {
        self.db
            .rows(
                "SELECT o.variant_id, o.name, o.value FROM variant_options o \
                 JOIN variants v ON v.id = o.variant_id WHERE v.product_id = $1 \
                 ORDER BY o.variant_id, o.position",
                vals![product],
            )
            .await
    }
}
