//! The merchant's offers and vouchers: listing with what each brought in,
//! the editor, codes one by one or in batches. Every change takes effect
//! in this process at once (`offers_changed`).

use super::live::offers_changed;
use super::rows::{OFFER_COLUMNS, OfferRow};
use crate::db::{Db, StoreError, Tx, Val};
use crate::vals;
use app::admin::offers::rules::{NewCodes, ValidOffer, ValidRange, ValidVouchers};
use app::admin::offers::types::{
    BenefitKind, ConditionKind, OfferEditor, OfferForm, OfferKind, OfferRow as ListRow, OfferStats,
    RangeKind, VoucherRow,
};
use app::admin::services::AdminOfferService;
use app::domain::dates::day_of;
use app::domain::offers::{Range, WindowStatus, format_code, headline};
use app::domain::{Currency, FieldError, Money};
use app::services::ServiceError;
use async_trait::async_trait;
use rand::RngCore;
use rust_decimal::Decimal;

/// Codes shown on the editor; the rest are in the CSV export.
const CODES_SHOWN: i64 = 100;
/// Rows per insert when generating codes.
const CHUNK: usize = 200;

#[derive(Clone)]
pub struct AdminOfferStore {
    pub db: Db,
    pub currency: Currency,
}

#[derive(sqlx::FromRow)]
struct Listed {
    #[sqlx(flatten)]
    offer: OfferRow,
    range_name: String,
    organisation_name: Option<String>,
    codes: i64,
    redemptions: i64,
    discount_minor: i64,
    revenue_minor: i64,
}

fn store(error: impl Into<StoreError>) -> ServiceError {
    ServiceError::from(error.into())
}

/// Redemptions not given back, and the totals of their orders.
const STATS: &str = "(SELECT COUNT(*) FROM offer_redemptions r WHERE r.offer_id = o.id AND r.returned_at IS NULL) AS redemptions, \
     (SELECT CAST(COALESCE(SUM(r.amount_minor), 0) AS BIGINT) FROM offer_redemptions r \
      WHERE r.offer_id = o.id AND r.returned_at IS NULL) AS discount_minor, \
     (SELECT CAST(COALESCE(SUM(x.total_minor), 0) AS BIGINT) FROM offer_redemptions r JOIN orders x ON x.id = r.order_id \
      WHERE r.offer_id = o.id AND r.returned_at IS NULL) AS revenue_minor";

fn listed_sql(filter: &str) -> String {
    let columns = OFFER_COLUMNS
        .split(", ")
        .map(|c| format!("o.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "SELECT {columns}, \
         COALESCE((SELECT c.name FROM categories c WHERE c.id = o.range_id AND o.range_kind = 'category'), \
                  (SELECT k.name FROM catalogs k WHERE k.id = o.range_id AND o.range_kind = 'catalog'), o.name) AS range_name, \
         (SELECT g.name FROM organisations g WHERE g.id = o.condition_value AND o.condition_kind = 'organisation') AS organisation_name, \
         (SELECT COUNT(*) FROM vouchers v WHERE v.offer_id = o.id) AS codes, {STATS} \
         FROM offers o WHERE o.currency = $1 {filter} ORDER BY o.id DESC"
    )
}

impl AdminOfferStore {
    fn money(&self, minor: i64) -> Money {
        Money::from_minor(minor, self.currency)
    }

    fn stats(&self, l: &Listed) -> OfferStats {
        OfferStats {
            redemptions: l.redemptions,
            discount: self.money(l.discount_minor),
            revenue: self.money(l.revenue_minor),
        }
    }

    fn row(&self, l: Listed) -> Result<ListRow, StoreError> {
        let o = &l.offer;
        // Only the range's name and whether it is everything matter here.
        let range = Range {
            name: l.range_name.clone(),
            products: (o.range_kind != "all").then(Default::default),
        };
        let offer = o.offer(range, l.organisation_name.clone(), self.currency)?;
        let window = o.window();
        let status = if !o.active {
            "Switched off"
        } else {
            match window.status(crate::basket::now()) {
                WindowStatus::NotYet => "Scheduled",
                WindowStatus::Open => "Running",
                WindowStatus::Ended => "Ended",
            }
        };
        let last_day = |end: i64| day_of(end - 1);
        let window = match (window.starts_at, window.ends_at) {
            (Some(s), Some(e)) => format!("{} to {}", day_of(s), last_day(e)),
            (Some(s), None) => format!("From {}", day_of(s)),
            (None, Some(e)) => format!("Until {}", last_day(e)),
            (None, None) => "Always".to_owned(),
        };
        Ok(ListRow {
            id: o.id,
            name: o.name.clone(),
            kind: OfferKind::parse(&o.kind).unwrap_or(OfferKind::Automatic),
            headline: headline(&offer),
            status: status.to_owned(),
            window,
            priority: o.priority,
            exclusive: o.exclusive,
            codes: l.codes,
            stats: self.stats(&l),
        })
    }

    /// The stored offer as the form shows it.
    fn form(&self, o: &OfferRow, skus: Vec<String>) -> OfferForm {
        let decimal = |minor: i64| self.money(minor).amount().to_string();
        let condition_value = match ConditionKind::parse(&o.condition_kind) {
            Some(ConditionKind::Count) => o.condition_value.to_string(),
            Some(ConditionKind::Value | ConditionKind::BasketTotal) => decimal(o.condition_value),
            _ => String::new(),
        };
        let benefit_value = match BenefitKind::parse(&o.benefit_kind) {
            Some(BenefitKind::Percent) => Decimal::new(o.benefit_value, 2).normalize().to_string(),
            Some(BenefitKind::CheapestFree) => o.benefit_value.to_string(),
            Some(BenefitKind::FreeShipping) => String::new(),
            _ => decimal(o.benefit_value),
        };
        OfferForm {
            id: o.id.to_string(),
            name: o.name.clone(),
            kind: o.kind.clone(),
            range: match o.range_id {
                Some(id) => format!("{}:{id}", o.range_kind),
                None => o.range_kind.clone(),
            },
            skus: skus.join(", "),
            condition_kind: o.condition_kind.clone(),
            condition_value,
            organisation: (o.condition_kind == "organisation")
                .then(|| o.condition_value.to_string())
                .unwrap_or_default(),
            benefit_kind: o.benefit_kind.clone(),
            benefit_value,
            priority: o.priority.to_string(),
            exclusive: o.exclusive.then(|| "on".into()),
            active: o.active.then(|| "on".into()),
            starts_on: o.starts_at.map(day_of).unwrap_or_default(),
            ends_on: o.ends_at.map(|e| day_of(e - 1)).unwrap_or_default(),
        }
    }

    async fn choices(&self, sql: &str) -> Result<Vec<(i64, String)>, StoreError> {
        Ok(self.db.rows::<(i64, String)>(sql, vals![]).await?)
    }

    /// Checks that what the offer refers to exists; returns the products
    /// of a chosen-products range.
    async fn references(
        &self,
        tx: &mut Tx,
        offer: &ValidOffer,
    ) -> Result<Result<Vec<i64>, Vec<FieldError>>, StoreError> {
        let mut errors = Vec::new();
        let exists = |table: &str| format!("SELECT COUNT(*) FROM {table} WHERE id = $1");
        let mut products = Vec::new();
        match &offer.range {
            ValidRange::All => {}
            ValidRange::Catalog(id) | ValidRange::Category(id) => {
                let table = if offer.range.kind() == RangeKind::Catalog {
                    "catalogs"
                } else {
                    "categories"
                };
                if tx.scalar(&exists(table), vals![*id]).await?.unwrap_or(0) == 0 {
                    errors.push(FieldError::new(
                        "range",
                        "That catalog or category no longer exists.",
                    ));
                }
            }
            ValidRange::Products(skus) => {
                // One statement for the whole list (at most 500 SKUs).
                let placeholders: Vec<String> = (1..=skus.len()).map(|i| format!("${i}")).collect();
                let values: Vec<Val> = skus.iter().map(Val::from).collect();
                let found: Vec<(i64, String)> = tx
                    .rows(
                        &format!(
                            "SELECT id, sku FROM products WHERE sku IN ({})",
                            placeholders.join(", ")
                        ),
                        &values,
                    )
                    .await?;
                products = found.iter().map(|(id, _)| *id).collect();
                let unknown: Vec<String> = skus
                    .iter()
                    .filter(|sku| !found.iter().any(|(_, known)| known == *sku))
                    .cloned()
                    .collect();
                if !unknown.is_empty() {
                    let list: Vec<String> = unknown.into_iter().take(10).collect();
                    errors.push(FieldError::new(
                        "skus",
                        format!("Unknown SKUs: {}.", list.join(", ")),
                    ));
                }
            }
        }
        if offer.condition == ConditionKind::Organisation
            && tx
                .scalar(&exists("organisations"), vals![offer.condition_value])
                .await?
                .unwrap_or(0)
                == 0
        {
            errors.push(FieldError::new(
                "organisation",
                "That organisation no longer exists.",
            ));
        }
        Ok(if errors.is_empty() {
            Ok(products)
        } else {
            Err(errors)
        })
    }

    async fn insert_codes(
        &self,
        tx: &mut Tx,
        offer: i64,
        codes: &[String],
        batch: &str,
        v: &ValidVouchers,
        now: i64,
    ) -> Result<u64, StoreError> {
        let mut inserted = 0;
        for chunk in codes.chunks(CHUNK) {
            let mut sql = String::from(
                "INSERT INTO vouchers (offer_id, code, batch, max_uses, max_per_customer, created_at) VALUES ",
            );
            let mut values: Vec<Val> = vec![
                offer.into(),
                batch.into(),
                v.max_uses.into(),
                v.max_per_customer.into(),
                now.into(),
            ];
            for (i, code) in chunk.iter().enumerate() {
                if i > 0 {
                    sql.push_str(", ");
                }
                values.push(code.into());
                sql.push_str(&format!("($1, ${}, $2, $3, $4, $5)", values.len()));
            }
            sql.push_str(" ON CONFLICT (code) DO NOTHING");
            inserted += tx.execute(&sql, &values).await?;
        }
        Ok(inserted)
    }
}

#[async_trait]
impl AdminOfferService for AdminOfferStore {
    fn currency(&self) -> Currency {
        self.currency
    }

    async fn offers(&self) -> Result<Vec<ListRow>, ServiceError> {
        let rows: Vec<Listed> = self
            .db
            .rows(&listed_sql(""), vals![self.currency.code()])
            .await
            .map_err(store)?;
        Ok(rows
            .into_iter()
            .map(|l| self.row(l))
            .collect::<Result<_, _>>()?)
    }

    async fn editor(&self, id: Option<i64>) -> Result<OfferEditor, ServiceError> {
        let categories = self
            .choices("SELECT id, name FROM categories ORDER BY name")
            .await?;
        let catalogs = self
            .choices("SELECT id, name FROM catalogs ORDER BY name")
            .await?;
        let organisations = self
            .choices("SELECT id, name FROM organisations ORDER BY name")
            .await?;
        let mut editor = OfferEditor {
            form: OfferForm {
                kind: "automatic".into(),
                range: "all".into(),
                condition_kind: "count".into(),
                condition_value: "1".into(),
                benefit_kind: "percent".into(),
                priority: "0".into(),
                active: Some("on".into()),
                ..OfferForm::default()
            },
            errors: Vec::new(),
            currency: self.currency.code().to_owned(),
            categories,
            catalogs,
            organisations,
            vouchers: Vec::new(),
            voucher_count: 0,
            stats: None,
        };
        let Some(id) = id else {
            return Ok(editor);
        };
        let listed: Listed = self
            .db
            .rows(
                &listed_sql("AND o.id = $2"),
                vals![self.currency.code(), id],
            )
            .await
            .map_err(store)?
            .pop()
            .ok_or_else(|| ServiceError::NotFound("There is no such offer.".into()))?;
        let skus: Vec<(String,)> = self
            .db
            .rows(
                "SELECT p.sku FROM offer_products op JOIN products p ON p.id = op.product_id \
                 WHERE op.offer_id = $1 ORDER BY p.sku",
                vals![id],
            )
            .await
            .map_err(store)?;
        editor.form = self.form(&listed.offer, skus.into_iter().map(|(s,)| s).collect());
        editor.stats = Some(self.stats(&listed));
        editor.voucher_count = listed.codes;
        editor.vouchers = self
            .db
            .rows::<(i64, String, String, i64, Option<i64>, Option<i64>, bool)>(
                "SELECT id, code, batch, uses, max_uses, max_per_customer, active FROM vouchers \
                 WHERE offer_id = $1 ORDER BY id LIMIT $2",
                vals![id, CODES_SHOWN],
            )
            .await
            .map_err(store)?
            .into_iter()
            .map(
                |(id, code, batch, uses, max_uses, max_per_customer, active)| VoucherRow {
                    id,
                    code,
                    batch,
                    uses,
                    max_uses,
                    max_per_customer,
                    active,
                },
            )
            .collect();
        Ok(editor)
    }

    async fn save(&self, offer: &ValidOffer) -> Result<Result<i64, Vec<FieldError>>, ServiceError> {
        let now = crate::basket::now();
        let mut tx = self.db.begin().await.map_err(store)?;
        let products = match self.references(&mut tx, offer).await? {
            Ok(products) => products,
            Err(errors) => {
                tx.rollback().await.map_err(store)?;
                return Ok(Err(errors));
            }
        };
        let values: Vec<Val> = vals![
            &offer.name,
            offer.kind.code(),
            offer.range.kind().code(),
            offer.range.id(),
            offer.condition.code(),
            offer.condition_value,
            offer.benefit.code(),
            offer.benefit_value,
            self.currency.code(),
            offer.priority,
            offer.exclusive,
            offer.active,
            offer.window.starts_at,
            offer.window.ends_at,
            now
        ]
        .to_vec();
        let id = match offer.id {
            None => tx
                .scalar(
                    "INSERT INTO offers (name, kind, range_kind, range_id, condition_kind, condition_value, \
                     benefit_kind, benefit_value, currency, priority, exclusive, active, starts_at, ends_at, \
                     created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15) RETURNING id",
                    &values,
                )
                .await
                .map_err(store)?
                .ok_or_else(|| ServiceError::Internal("offer insert returned no id".into()))?,
            Some(id) => {
                let mut with_id = values.clone();
                with_id.push(id.into());
                let changed = tx
                    .execute(
                        "UPDATE offers SET name = $1, kind = $2, range_kind = $3, range_id = $4, \
                         condition_kind = $5, condition_value = $6, benefit_kind = $7, benefit_value = $8, \
                         currency = $9, priority = $10, exclusive = $11, active = $12, starts_at = $13, \
                         ends_at = $14, updated_at = $15 WHERE id = $16",
                        &with_id,
                    )
                    .await
                    .map_err(store)?;
                if changed == 0 {
                    tx.rollback().await.map_err(store)?;
                    return Err(ServiceError::NotFound("There is no such offer.".into()));
                }
                tx.execute("DELETE FROM offer_products WHERE offer_id = $1", vals![id])
                    .await
                    .map_err(store)?;
                id
            }
        };
        if !products.is_empty() {
            let rows: Vec<String> = (0..products.len())
                .map(|i| format!("($1, ${})", i + 2))
                .collect();
            let mut values: Vec<Val> = vec![id.into()];
            values.extend(products.iter().map(|p| Val::from(*p)));
            tx.execute(
                &format!(
                    "INSERT INTO offer_products (offer_id, product_id) VALUES {}",
                    rows.join(", ")
                ),
                &values,
            )
            .await
            .map_err(store)?;
        }
        tx.commit().await.map_err(store)?;
        offers_changed();
        Ok(Ok(id))
    }

    async fn set_active(&self, id: i64, active: bool) -> Result<String, ServiceError> {
        let name = self
            .db
            .rows::<(String,)>("SELECT name FROM offers WHERE id = $1", vals![id])
            .await
            .map_err(store)?
            .pop()
            .ok_or_else(|| ServiceError::NotFound("There is no such offer.".into()))?;
        self.db
            .execute(
                "UPDATE offers SET active = $2, updated_at = $3 WHERE id = $1",
                vals![id, active, crate::basket::now()],
            )
            .await
            .map_err(store)?;
        offers_changed();
        Ok(name.0)
    }

    async fn add_vouchers(&self, v: &ValidVouchers) -> Result<u32, ServiceError> {
        let kind = self
            .db
            .rows::<(String,)>("SELECT kind FROM offers WHERE id = $1", vals![v.offer])
            .await
            .map_err(store)?
            .pop()
            .ok_or_else(|| ServiceError::NotFound("There is no such offer.".into()))?;
        if kind.0 != OfferKind::Voucher.code() {
            return Err(ServiceError::Conflict(
                "Codes can only be added to an offer of the voucher kind.".into(),
            ));
        }
        let now = crate::basket::now();
        let mut tx = self.db.begin().await.map_err(store)?;
        let added = match &v.codes {
            NewCodes::One(code) => {
                let added = self
                    .insert_codes(&mut tx, v.offer, std::slice::from_ref(code), "", v, now)
                    .await?;
                if added == 0 {
                    tx.rollback().await.map_err(store)?;
                    return Err(ServiceError::Conflict(format!(
                        "The code {code} is already taken."
                    )));
                }
                1
            }
            NewCodes::Batch { count, prefix } => {
                let batch = format!(
                    "{} {}",
                    if prefix.is_empty() { "batch" } else { prefix },
                    app::domain::dates::format_utc(now)
                );
                let mut added: u64 = 0;
                // A clash with an existing code is skipped by the insert and made up for here.
                for _ in 0..5 {
                    let missing = u64::from(*count) - added;
                    if missing == 0 {
                        break;
                    }
                    let codes: Vec<String> = (0..missing)
                        .map(|_| {
                            let mut random = [0u8; 12];
                            rand::rng().fill_bytes(&mut random);
                            format_code(prefix, &random)
                        })
                        .collect();
                    added += self
                        .insert_codes(&mut tx, v.offer, &codes, &batch, v, now)
                        .await?;
                }
                u32::try_from(added).unwrap_or(u32::MAX)
            }
        };
        tx.commit().await.map_err(store)?;
        Ok(added)
    }

    async fn set_voucher_active(&self, id: i64, active: bool) -> Result<String, ServiceError> {
        let code = self
            .db
            .rows::<(String,)>("SELECT code FROM vouchers WHERE id = $1", vals![id])
            .await
            .map_err(store)?
            .pop()
            .ok_or_else(|| ServiceError::NotFound("There is no such voucher code.".into()))?;
        self.db
            .execute(
                "UPDATE vouchers SET active = $2 WHERE id = $1",
                vals![id, active],
            )
            .await
            .map_err(store)?;
        Ok(code.0)
    }
}
