-- Offers and vouchers. An automatic offer applies by itself; a voucher
-- offer applies when a shopper enters one of its codes. Money is integer
-- minor units in the offer's currency; times are Unix seconds.
CREATE TABLE offers (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('automatic', 'voucher')),
    -- The products it looks at: all, a catalog, a category (with its
    -- subcategories) or the products in offer_products.
    range_kind      TEXT NOT NULL CHECK (range_kind IN ('all', 'catalog', 'category', 'products')),
    range_id        INTEGER,
    condition_kind  TEXT NOT NULL
                    CHECK (condition_kind IN ('count', 'value', 'basket_total', 'organisation')),
    -- A count, an amount, or an organisation's id.
    condition_value INTEGER NOT NULL CHECK (condition_value >= 0),
    benefit_kind    TEXT NOT NULL CHECK (benefit_kind IN ('percent', 'amount_range', 'amount_basket',
                    'fixed_price', 'free_shipping', 'cheapest_free')),
    -- Hundredths of a percent, an amount, or every how many items is free.
    benefit_value   INTEGER NOT NULL CHECK (benefit_value >= 0),
    currency        TEXT NOT NULL CHECK (length(currency) = 3),
    priority        INTEGER NOT NULL DEFAULT 0,
    exclusive       BOOLEAN NOT NULL DEFAULT FALSE,
    active          BOOLEAN NOT NULL DEFAULT TRUE,
    starts_at       INTEGER,
    ends_at         INTEGER,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX offers_kind ON offers (kind, active, id);

CREATE TABLE offer_products (
    offer_id   INTEGER NOT NULL REFERENCES offers (id) ON DELETE CASCADE,
    product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    PRIMARY KEY (offer_id, product_id)
);

-- Codes are stored in upper case and compared that way. `uses` counts
-- the redemptions of orders not cancelled unpaid; the check keeps it
-- within the limit whatever races.
CREATE TABLE vouchers (
    id               INTEGER PRIMARY KEY,
    offer_id         INTEGER NOT NULL REFERENCES offers (id),
    code             TEXT NOT NULL UNIQUE,
    -- Codes generated together share a batch name.
    batch            TEXT NOT NULL DEFAULT '',
    max_uses         INTEGER CHECK (max_uses IS NULL OR max_uses > 0),
    max_per_customer INTEGER CHECK (max_per_customer IS NULL OR max_per_customer > 0),
    uses             INTEGER NOT NULL DEFAULT 0 CHECK (uses >= 0),
    active           BOOLEAN NOT NULL DEFAULT TRUE,
    created_at       INTEGER NOT NULL,
    CHECK (max_uses IS NULL OR uses <= max_uses)
);
CREATE INDEX vouchers_offer ON vouchers (offer_id, id);

-- The offers each order got, written when it is placed. `returned_at` is
-- set when the order is cancelled unpaid and the use is given back.
CREATE TABLE offer_redemptions (
    id           INTEGER PRIMARY KEY,
    offer_id     INTEGER NOT NULL REFERENCES offers (id),
    voucher_id   INTEGER REFERENCES vouchers (id),
    order_id     INTEGER NOT NULL REFERENCES orders (id),
    user_id      INTEGER,
    email        TEXT NOT NULL,
    amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
    created_at   INTEGER NOT NULL,
    returned_at  INTEGER
);
CREATE INDEX offer_redemptions_offer ON offer_redemptions (offer_id, returned_at);
CREATE INDEX offer_redemptions_voucher_email ON offer_redemptions (voucher_id, email);
CREATE INDEX offer_redemptions_voucher_user ON offer_redemptions (voucher_id, user_id);
CREATE INDEX offer_redemptions_order ON offer_redemptions (order_id);
