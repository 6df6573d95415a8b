-- Every change made in the merchant admin: who, what and when.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         INTEGER NOT NULL,
    user_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    -- Kept as written, so the record survives the account.
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    subject    TEXT NOT NULL,
    detail     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at, id);

-- Stock changes made by hand, with their reason.
CREATE TABLE stock_movements (
    id         INTEGER PRIMARY KEY,
    variant_id INTEGER NOT NULL REFERENCES variants (id) ON DELETE CASCADE,
    delta      INTEGER NOT NULL,
    reason     TEXT NOT NULL,
    actor      TEXT NOT NULL,
    at         INTEGER NOT NULL
);
CREATE INDEX stock_movements_variant ON stock_movements (variant_id, at);

-- Merchants' notes on an order; customers never see them.
CREATE TABLE order_notes (
    id         INTEGER PRIMARY KEY,
    order_id   INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    author     TEXT NOT NULL,
    body       TEXT NOT NULL,
    at         INTEGER NOT NULL
);
CREATE INDEX order_notes_order ON order_notes (order_id, at);

-- The store's own details (name, seller address for invoices, sender…),
-- set in the admin; unset keys fall back to the configuration.
CREATE TABLE store_settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL
);

CREATE INDEX orders_created ON orders (created_at, id);

-- How the order is paid, for the admin's filter (also in the snapshot).
ALTER TABLE orders ADD COLUMN payment_method TEXT NOT NULL DEFAULT '';
UPDATE orders SET payment_method = COALESCE(json_extract(snapshot, '$.payment.code'), '');
CREATE INDEX orders_payment_method ON orders (payment_method, created_at);
