-- Catalog, stock and baskets. Money is integer minor units plus an
-- ISO-4217 code; timestamps are Unix seconds (UTC).

CREATE TABLE categories (
    id   INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE products (
    id           INTEGER PRIMARY KEY,
    sku          TEXT NOT NULL UNIQUE,
    slug         TEXT NOT NULL UNIQUE,
    title        TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    category_id  INTEGER NOT NULL REFERENCES categories (id),
    weight_grams INTEGER NOT NULL DEFAULT 0 CHECK (weight_grams >= 0),
    active       BOOLEAN NOT NULL DEFAULT TRUE,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);

-- Listings are ordered by title (then id, for stability) and paginated.
CREATE INDEX products_listing ON products (active, title, id);
CREATE INDEX products_category_listing ON products (category_id, active, title, id);

CREATE TABLE variants (
    id            INTEGER PRIMARY KEY,
    product_id    INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    sku           TEXT NOT NULL UNIQUE,
    position      INTEGER NOT NULL DEFAULT 0,
    price_minor   INTEGER NOT NULL CHECK (price_minor >= 0),
    currency      TEXT NOT NULL CHECK (length(currency) = 3),
    stock_on_hand INTEGER NOT NULL CHECK (stock_on_hand >= 0),
    -- Units held by basket reservations; never more than on hand.
    reserved      INTEGER NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    UNIQUE (product_id, position),
    CHECK (reserved <= stock_on_hand)
);

CREATE TABLE baskets (
    id         INTEGER PRIMARY KEY,
    currency   TEXT NOT NULL CHECK (length(currency) = 3),
    status     TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'merged', 'ordered')),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE basket_lines (
    basket_id  INTEGER NOT NULL REFERENCES baskets (id) ON DELETE CASCADE,
    variant_id INTEGER NOT NULL REFERENCES variants (id),
    quantity   INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 999),
    added_at   INTEGER NOT NULL,
    -- The part of the quantity this line holds reserved, and until when.
    -- A line whose reservation lapsed and could not be renewed holds less.
    reserved_quantity INTEGER NOT NULL DEFAULT 0 CHECK (reserved_quantity >= 0),
    reserved_until    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (basket_id, variant_id),
    CHECK (reserved_quantity <= quantity)
);
CREATE INDEX basket_lines_variant ON basket_lines (variant_id);

-- The sweeper looks for lapsed reservations.
CREATE INDEX basket_lines_reservations ON basket_lines (reserved_until) WHERE reserved_quantity > 0;
