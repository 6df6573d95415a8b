//! Builds the listing and search statements: full-text match, filters,
//! sort order and page, with every value bound as a parameter. Pure, so the
//! shapes are unit-tested; the integration tests run them on both
//! databases.

use crate::db::Val;
use app::catalog::types::{ListingPage, SortOrder};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A validated browse request, in database terms.
#[derive(Debug, Clone, PartialEq)]
pub struct Browse {
    /// Search words (letters and digits only); empty for plain browsing.
    pub words: Vec<String>,
    /// The whole text, for the exact-title boost.
    pub text: String,
    pub categories: Option<Vec<i64>>,
    pub min_price: Option<i64>,
    pub max_price: Option<i64>,
    pub in_stock: bool,
    pub sort: SortOrder,
    pub page: u32,
    pub currency: String,
    /// `None` for the default locale (no translation lookups).
    pub locale: Option<String>,
}

/// Pages beyond this are not served; nobody pages that far, and offsets
/// that large are slow.
pub const MAX_PAGE: u32 = 5_000;
const MAX_WORDS: usize = 10;
const MAX_WORD_LEN: usize = 40;

/// The words of a search, lowercased; punctuation separates them.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(MAX_WORDS)
        .map(|w| {
            w.chars()
                .take(MAX_WORD_LEN)
                .collect::<String>()
                .to_lowercase()
        })
        .collect()
}

/// Every word must match, as a prefix, so results follow typing. With
/// `names_only`, every word must be in the title or a SKU.
pub fn match_expression(backend: Backend, words: &[String], names_only: bool) -> String {
    match (backend, names_only) {
        (Backend::Sqlite, false) => words
            .iter()
            .map(|w| format!("\"{w}\"*"))
            .collect::<Vec<_>>()
            .join(" "),
        (Backend::Sqlite, true) => words
            .iter()
            .map(|w| format!("{{title sku}} : \"{w}\"*"))
            .collect::<Vec<_>>()
            .join(" "),
        // Titles and SKUs carry weight A in the document.
        (Backend::Postgres, names_only) => words
            .iter()
            .map(|w| format!("{w}:*{}", if names_only { "A" } else { "" }))
            .collect::<Vec<_>>()
            .join(" & "),
    }
}

struct Sql {
    vals: Vec<Val>,
    currency: Option<String>,
}

impl Sql {
    fn bind(&mut self, val: impl Into<Val>) -> String {
        self.vals.push(val.into());
        format!("${}", self.vals.len())
    }

    /// The currency placeholder, bound on first use: PostgreSQL refuses
    /// parameters a statement never mentions.
    fn currency(&mut self, b: &Browse) -> String {
        if let Some(p) = &self.currency {
            return p.clone();
        }
        let p = self.bind(b.currency.as_str());
        self.currency = Some(p.clone());
        p
    }

    fn min_price(&mut self, b: &Browse) -> String {
        let currency = self.currency(b);
        format!(
            "(SELECT MIN(vp.amount_minor) FROM variants v JOIN variant_prices vp ON vp.variant_id = v.id \
             AND vp.currency = {currency} WHERE v.product_id = p.id)"
        )
    }
}

pub struct Statement {
    pub sql: String,
    pub vals: Vec<Val>,
}

fn title(b: &Browse) -> &'static str {
    match &b.locale {
        Some(_) => "COALESCE(t.title, p.title)",
        None => "p.title",
    }
}

/// The `WITH` clause, the `FROM` clause and the filter, shared by the page
/// and the count.
fn from_where(
    backend: Backend,
    b: &Browse,
    q: &mut Sql,
    with_translations: bool,
) -> (String, String, String) {
    let mut with = String::new();
    let mut from = String::new();
    if !b.words.is_empty() {
        // Relevance in tiers: words in the title or a SKU (1) before words
        // only in the description (2). Scoring functions (bm25, ts_rank)
        // cost per match and made large catalogs slow; tiers cost one
        // extra index lookup. Exact titles come first (tier 0, in `order`).
        let any = q.bind(match_expression(backend, &b.words, false));
        let names = q.bind(match_expression(backend, &b.words, true));
        with.push_str(&match backend {
            Backend::Sqlite => format!(
                "WITH matched AS (SELECT product_id, 1 AS tier FROM product_search WHERE product_search MATCH {names} \
                 UNION ALL SELECT product_id, 2 AS tier FROM product_search WHERE product_search MATCH {any}), \
                 hits AS (SELECT product_id, MIN(tier) AS tier FROM matched GROUP BY product_id) "
            ),
            Backend::Postgres => format!(
                "WITH hits AS (SELECT product_id, \
                 MIN(CASE WHEN document @@ to_tsquery('simple', {names}) THEN 1 ELSE 2 END) AS tier \
                 FROM product_search WHERE document @@ to_tsquery('simple', {any}) GROUP BY product_id) "
            ),
        });
    }
    from.push_str("FROM products p ");
    if !b.words.is_empty() {
        from.push_str("JOIN hits ON hits.product_id = p.id ");
    }
    if let (Some(locale), true) = (&b.locale, with_translations) {
        let locale = q.bind(locale.as_str());
        from.push_str(&format!(
            "LEFT JOIN product_translations t ON t.product_id = p.id AND t.locale = {locale} "
        ));
    }
    let mut filters = vec!["p.active = TRUE".to_owned()];
    if let Some(ids) = &b.categories {
        // Ids come from the database, never from the request.
        let list = ids
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        filters.push(format!(
            "p.id IN (SELECT product_id FROM product_categories WHERE category_id IN ({list}))"
        ));
    }
    if let Some(min) = b.min_price {
        let price = q.min_price(b);
        filters.push(format!("{price} >= {}", q.bind(min)));
    }
    if let Some(max) = b.max_price {
        let price = q.min_price(b);
        filters.push(format!("{price} <= {}", q.bind(max)));
    }
    if b.in_stock {
        filters.push(
            "EXISTS (SELECT 1 FROM variants v WHERE v.product_id = p.id AND v.stock_on_hand > v.reserved)".to_owned(),
        );
    }
    (with, from, filters.join(" AND "))
}

/// The columns of a card, for the product `p` (with `img` its primary
/// picture and, when translating, `t` its translation).
fn card_columns(b: &Browse, q: &mut Sql) -> String {
    let title = title(b);
    let min_price = q.min_price(b);
    let currency = q.currency(b);
    format!(
        "p.id, p.slug, {title} AS title, {min_price} AS min_price, \
         (SELECT MAX(vp.amount_minor) FROM variants v JOIN variant_prices vp ON vp.variant_id = v.id \
          AND vp.currency = {currency} WHERE v.product_id = p.id) AS max_price, \
         (SELECT vp.billing_interval FROM variants v JOIN variant_prices vp ON vp.variant_id = v.id \
          AND vp.currency = {currency} WHERE v.product_id = p.id ORDER BY vp.amount_minor LIMIT 1) AS billing_interval, \
         (SELECT CAST(SUM(v.stock_on_hand - v.reserved) AS BIGINT) FROM variants v WHERE v.product_id = p.id) AS available, \
         img.alt AS image_alt, img.media_key, img.small_width, img.small_height, img.large_width, img.large_height"
    )
}

fn order(b: &Browse, q: &mut Sql) -> String {
    let title = title(b);
    match (b.sort, b.words.is_empty()) {
        (SortOrder::Relevance, false) => {
            let text = q.bind(b.text.to_lowercase());
            format!(
                "CASE WHEN lower({title}) = {text} OR lower(p.title) = {text} THEN 0 ELSE hits.tier END, {title}, p.id"
            )
        }
        (SortOrder::Relevance | SortOrder::Name, _) => format!("{title}, p.id"),
        (SortOrder::PriceLowToHigh, _) => format!("{} NULLS LAST, p.id", q.min_price(b)),
        (SortOrder::PriceHighToLow, _) => format!("{} DESC NULLS LAST, p.id", q.min_price(b)),
        (SortOrder::Newest, _) => "p.created_at DESC, p.id DESC".to_owned(),
    }
}

/// What to run for a browse request.
pub enum Plan {
    /// Plain listings walk the title index and stop after one page of
    /// cards; the count is a separate statement, cheap to cache.
    Listing { cards: Statement, count: Statement },
    /// Searches rank every match, so one pass picks the page's product ids
    /// and counts all matches (rows of `id, total`); the cards are then
    /// read for those ids only (`cards_for`). `count` serves pages past
    /// the end, which have no rows to carry the total.
    Search { ids: Statement, count: Statement },
}

pub fn plan(backend: Backend, b: &Browse) -> Plan {
    let mut c = Sql {
        vals: Vec::new(),
        currency: None,
    };
    let (with, from, filter) = from_where(backend, b, &mut c, false);
    let count = Statement {
        sql: format!("{with}SELECT COUNT(*) {from}WHERE {filter}"),
        vals: c.vals,
    };

    let mut q = Sql {
        vals: Vec::new(),
        currency: None,
    };
    let (with, from, filter) = from_where(backend, b, &mut q, true);
    let order = order(b, &mut q);
    let limit = q.bind(i64::from(ListingPage::PAGE_SIZE));
    let offset =
        q.bind(i64::from(b.page.clamp(1, MAX_PAGE) - 1) * i64::from(ListingPage::PAGE_SIZE));
    if b.words.is_empty() {
        let columns = card_columns(b, &mut q);
        let cards = Statement {
            sql: format!(
                "SELECT {columns} {from}{PICTURE} WHERE {filter} ORDER BY {order} LIMIT {limit} OFFSET {offset}"
            ),
            vals: q.vals,
        };
        Plan::Listing { cards, count }
    } else {
        let ids = Statement {
            sql: format!(
                "{with}SELECT p.id, COUNT(*) OVER () AS total {from}WHERE {filter} \
                 ORDER BY {order} LIMIT {limit} OFFSET {offset}"
            ),
            vals: q.vals,
        };
        Plan::Search { ids, count }
    }
}

const PICTURE: &str = "LEFT JOIN product_images img ON img.product_id = p.id AND img.position = 0";

/// The cards of the given products, in no particular order. The ids come
/// from the database, so they are written into the statement.
pub fn cards_for(b: &Browse, ids: &[i64]) -> Statement {
    let mut q = Sql {
        vals: Vec::new(),
        currency: None,
    };
    let columns = card_columns(b, &mut q);
    let translation = match &b.locale {
        Some(locale) => {
            let code = q.bind(locale.as_str());
            format!(
                "LEFT JOIN product_translations t ON t.product_id = p.id AND t.locale = {code} "
            )
        }
        None => String::new(),
    };
    let list = ids
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    Statement {
        sql: format!(
            "SELECT {columns} FROM products p {translation}{PICTURE} WHERE p.id IN ({list})"
        ),
        vals: q.vals,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn browse() -> Browse {
        Browse {
            words: Vec::new(),
            text: String::new(),
            categories: None,
            min_price: None,
            max_price: None,
            in_stock: false,
            sort: SortOrder::Relevance,
            page: 1,
            currency: "USD".into(),
            locale: None,
        }
    }

    #[test]
    fn words_drop_punctuation_and_operators() {
        assert_eq!(
            words("Red \"pencil\" OR-NEAR(*)"),
            vec!["red", "pencil", "or", "near"]
        );
        assert_eq!(words("TEST-0001"), vec!["test", "0001"]);
        assert!(words("  ;;; ").is_empty());
        assert_eq!(words(&"a ".repeat(50)).len(), MAX_WORDS);
    }

    #[test]
    fn match_expressions_are_prefix_conjunctions() {
        let w = words("yellow pen");
        assert_eq!(
            match_expression(Backend::Sqlite, &w, false),
            "\"yellow\"* \"pen\"*"
        );
        assert_eq!(
            match_expression(Backend::Postgres, &w, false),
            "yellow:* & pen:*"
        );
        assert_eq!(
            match_expression(Backend::Sqlite, &w, true),
            "{title sku} : \"yellow\"* {title sku} : \"pen\"*"
        );
        assert_eq!(
            match_expression(Backend::Postgres, &w, true),
            "yellow:*A & pen:*A"
        );
    }

    #[test]
    fn every_value_is_bound_and_numbered_in_order() {
        let b = Browse {
            words: words("pen"),
            text: "pen".into(),
            min_price: Some(100),
            max_price: Some(900),
            in_stock: true,
            locale: Some("de".into()),
            ..browse()
        };
        for backend in [Backend::Sqlite, Backend::Postgres] {
            let Plan::Search { ids: list, count } = plan(backend, &b) else {
                panic!("a search plans as a search")
            };
            let highest = |sql: &str| {
                (1..=20)
                    .filter(|n| sql.contains(&format!("${n}")))
                    .max()
                    .unwrap_or(0)
            };
            assert_eq!(highest(&list.sql), list.vals.len());
            assert_eq!(highest(&count.sql), count.vals.len());
            assert!(!list.sql.contains("900") && !list.sql.contains("'pen"));
            assert!(
                count.sql.starts_with("WITH ")
                    && count.sql.contains("SELECT COUNT(*) FROM products p")
            );
        }
    }

    #[test]
    fn plain_listings_skip_search_and_translations() {
        let Plan::Listing { cards: list, count } = plan(Backend::Sqlite, &browse()) else {
            panic!("a listing plans as a listing")
        };
        assert!(!list.sql.contains("hits") && !list.sql.contains("product_translations"));
        assert!(list.sql.contains("ORDER BY p.title, p.id"));
        assert_eq!(
            count.sql,
            "SELECT COUNT(*) FROM products p WHERE p.active = TRUE"
        );
    }
}
