-- Accounts, customers and organisations; the checkout's tax and shipping
-- configuration; order lines that hold their stock as allocations.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    -- Stored lowercased and trimmed, so sign-in is case-insensitive.
    email         TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL DEFAULT 'customer' CHECK (role IN ('customer', 'merchant')),
    created_at    INTEGER NOT NULL
);

CREATE TABLE organisations (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    vat_id     TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
);

CREATE TABLE organisation_members (
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (organisation_id, user_id)
);

-- Who is billed: a user's own records, an organisation's, or an anonymous
-- shopper's (no user, created at their first checkout).
CREATE TABLE customers (
    id              INTEGER PRIMARY KEY,
    user_id         INTEGER REFERENCES users (id),
    organisation_id INTEGER REFERENCES organisations (id),
    email           TEXT NOT NULL,
    name            TEXT NOT NULL,
    company         TEXT NOT NULL DEFAULT '',
    line1           TEXT NOT NULL,
    line2           TEXT NOT NULL DEFAULT '',
    city            TEXT NOT NULL,
    postcode        TEXT NOT NULL,
    country         TEXT NOT NULL CHECK (length(country) = 2),
    vat_id          TEXT NOT NULL DEFAULT '',
    is_default      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at      INTEGER NOT NULL
);
CREATE INDEX customers_user ON customers (user_id);
CREATE INDEX customers_organisation ON customers (organisation_id);
-- At most one default record per user.
CREATE UNIQUE INDEX customers_user_default ON customers (user_id) WHERE is_default AND organisation_id IS NULL;

-- Failed sign-ins per key ('account:<email>' or 'ip:<address>') in the
-- current window.
CREATE TABLE login_failures (
    key          TEXT PRIMARY KEY,
    failures     INTEGER NOT NULL,
    window_start INTEGER NOT NULL
);

CREATE TABLE tax_rates (
    country   TEXT NOT NULL CHECK (length(country) = 2),
    tax_class TEXT NOT NULL,
    -- A decimal percentage as text, e.g. '19' or '5.5'.
    percent   TEXT NOT NULL,
    included  BOOLEAN NOT NULL,
    PRIMARY KEY (country, tax_class)
);

-- kind: 'flat' (amount_minor), 'weight' (bands: 'grams:minor;…'), or
-- 'free_over' (free from threshold_minor, amount_minor below it).
CREATE TABLE shipping_methods (
    code            TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    position        INTEGER NOT NULL DEFAULT 0,
    kind            TEXT NOT NULL CHECK (kind IN ('flat', 'weight', 'free_over')),
    currency        TEXT NOT NULL CHECK (length(currency) = 3),
    amount_minor    INTEGER NOT NULL DEFAULT 0 CHECK (amount_minor >= 0),
    threshold_minor INTEGER CHECK (threshold_minor >= 0),
    bands           TEXT,
    -- Comma-separated country codes; NULL ships everywhere.
    countries       TEXT,
    active          BOOLEAN NOT NULL DEFAULT TRUE
);

ALTER TABLE baskets ADD COLUMN user_id INTEGER REFERENCES users (id);
ALTER TABLE baskets ADD COLUMN merged_into INTEGER REFERENCES baskets (id);
CREATE INDEX baskets_user ON baskets (user_id, id);

ALTER TABLE orders ADD COLUMN user_id INTEGER REFERENCES users (id);
ALTER TABLE orders ADD COLUMN customer_id INTEGER REFERENCES customers (id);
ALTER TABLE orders ADD COLUMN organisation_id INTEGER REFERENCES organisations (id);
ALTER TABLE orders ADD COLUMN email TEXT NOT NULL DEFAULT '';
CREATE INDEX orders_user ON orders (user_id, id);
CREATE INDEX orders_basket ON orders (basket_id);
CREATE INDEX orders_unpaid ON orders (status, created_at);

-- What an order holds. `allocated` is the stock still set aside for the
-- line (counted in variants.reserved); releasing sets it to 0.
CREATE TABLE order_lines (
    order_id         INTEGER NOT NULL REFERENCES orders (id),
    position         INTEGER NOT NULL,
    variant_id       INTEGER NOT NULL REFERENCES variants (id),
    unit_id          INTEGER REFERENCES serial_units (id),
    quantity         INTEGER NOT NULL CHECK (quantity >= 1),
    allocated        INTEGER NOT NULL CHECK (allocated >= 0),
    unit_price_minor INTEGER NOT NULL CHECK (unit_price_minor >= 0),
    PRIMARY KEY (order_id, position),
    CHECK (allocated <= quantity)
);
CREATE INDEX order_lines_variant ON order_lines (variant_id);
