-- The full product model: product types and tax classes, translations,
-- a category hierarchy with many-to-many membership, catalogs, variant
-- options, prices per currency with a billing interval, serial-numbered
-- units, images, and the full-text search index.

ALTER TABLE categories ADD COLUMN parent_id INTEGER REFERENCES categories (id);
ALTER TABLE categories ADD COLUMN position INTEGER NOT NULL DEFAULT 0;

CREATE TABLE category_translations (
    category_id INTEGER NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
    locale      TEXT NOT NULL,
    name        TEXT NOT NULL,
    PRIMARY KEY (category_id, locale)
);

ALTER TABLE products ADD COLUMN product_type TEXT NOT NULL DEFAULT 'physical'
    CHECK (product_type IN ('physical', 'digital', 'service'));
ALTER TABLE products ADD COLUMN shippable BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE products ADD COLUMN tax_class TEXT NOT NULL DEFAULT 'standard';
ALTER TABLE products ADD COLUMN short_description TEXT NOT NULL DEFAULT '';
ALTER TABLE products ADD COLUMN statement_descriptor TEXT NOT NULL DEFAULT '';
CREATE INDEX products_newest ON products (active, created_at, id);

-- A missing field (NULL) falls back to the product's own, default-locale text.
CREATE TABLE product_translations (
    product_id           INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    locale               TEXT NOT NULL,
    title                TEXT,
    description          TEXT,
    short_description    TEXT,
    statement_descriptor TEXT,
    PRIMARY KEY (product_id, locale)
);

-- Every category a product is in, its primary one (products.category_id,
-- used for breadcrumbs) included.
CREATE TABLE product_categories (
    product_id  INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    category_id INTEGER NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
    PRIMARY KEY (product_id, category_id)
);
CREATE INDEX product_categories_category ON product_categories (category_id, product_id);
INSERT INTO product_categories (product_id, category_id) SELECT id, category_id FROM products;

CREATE TABLE catalogs (
    id   INTEGER PRIMARY KEY,
    key  TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);

CREATE TABLE catalog_products (
    catalog_id INTEGER NOT NULL REFERENCES catalogs (id) ON DELETE CASCADE,
    product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    PRIMARY KEY (catalog_id, product_id)
);

-- Serial-numbered variants keep stock_on_hand = units not sold and
-- reserved = units held by baskets, in the same transaction as the unit
-- changes, so availability reads the same for both kinds.
ALTER TABLE variants ADD COLUMN stock_kind TEXT NOT NULL DEFAULT 'fungible'
    CHECK (stock_kind IN ('fungible', 'serial'));

CREATE TABLE variant_options (
    variant_id INTEGER NOT NULL REFERENCES variants (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    value      TEXT NOT NULL,
    PRIMARY KEY (variant_id, name)
);

CREATE TABLE variant_prices (
    variant_id   INTEGER NOT NULL REFERENCES variants (id) ON DELETE CASCADE,
    currency     TEXT NOT NULL CHECK (length(currency) = 3),
    amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
    billing_interval TEXT NOT NULL DEFAULT 'one_off'
        CHECK (billing_interval IN ('one_off', 'month', 'year')),
    PRIMARY KEY (variant_id, currency)
);
INSERT INTO variant_prices (variant_id, currency, amount_minor)
    SELECT id, currency, price_minor FROM variants;
ALTER TABLE variants DROP COLUMN price_minor;
ALTER TABLE variants DROP COLUMN currency;

CREATE TABLE serial_units (
    id             INTEGER PRIMARY KEY,
    product_id     INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    variant_id     INTEGER NOT NULL REFERENCES variants (id) ON DELETE CASCADE,
    serial_number  TEXT NOT NULL,
    notes          TEXT NOT NULL DEFAULT '',
    price_minor    INTEGER CHECK (price_minor >= 0),
    currency       TEXT CHECK (length(currency) = 3),
    status         TEXT NOT NULL DEFAULT 'available'
        CHECK (status IN ('available', 'reserved', 'sold')),
    -- The one basket holding a reserved unit.
    basket_id      INTEGER REFERENCES baskets (id),
    reserved_until INTEGER NOT NULL DEFAULT 0,
    UNIQUE (product_id, serial_number),
    CHECK ((status = 'reserved') = (basket_id IS NOT NULL)),
    CHECK ((price_minor IS NULL) = (currency IS NULL))
);
CREATE INDEX serial_units_variant ON serial_units (variant_id, status, serial_number);
CREATE INDEX serial_units_reservations ON serial_units (reserved_until) WHERE status = 'reserved';

-- Units a basket asked for. The unit row says whether this basket still
-- holds it; a lapsed one may have gone to someone else.
CREATE TABLE basket_units (
    basket_id INTEGER NOT NULL REFERENCES baskets (id) ON DELETE CASCADE,
    unit_id   INTEGER NOT NULL REFERENCES serial_units (id),
    added_at  INTEGER NOT NULL,
    PRIMARY KEY (basket_id, unit_id)
);

CREATE TABLE product_images (
    id           INTEGER PRIMARY KEY,
    product_id   INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    variant_id   INTEGER REFERENCES variants (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    alt          TEXT NOT NULL DEFAULT '',
    -- File stem under the media directory: <key>-320.jpg and <key>-800.jpg.
    media_key    TEXT NOT NULL,
    small_width  INTEGER NOT NULL,
    small_height INTEGER NOT NULL,
    large_width  INTEGER NOT NULL,
    large_height INTEGER NOT NULL,
    UNIQUE (product_id, position)
);

-- One row per product and locale, kept by the catalog writers. The rowid
-- is product id * 16 + locale slot, so a product's rows are one range.
CREATE VIRTUAL TABLE product_search USING fts5 (
    product_id UNINDEXED,
    locale UNINDEXED,
    title,
    body,
    sku,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO product_search (rowid, product_id, locale, title, body, sku)
    SELECT p.id * 16, p.id, '', p.title, p.description, p.sku FROM products p;
