-- Orders and their event log. An order's lines, names, prices, taxes and
-- addresses live in its JSON snapshot, frozen when it is placed; the
-- columns are what queries and the state machine need.

CREATE TABLE orders (
    id           INTEGER PRIMARY KEY,
    number       TEXT NOT NULL UNIQUE,
    -- The secret in the link to an order placed without an account.
    access_token TEXT NOT NULL UNIQUE,
    basket_id    INTEGER REFERENCES baskets (id),
    status       TEXT NOT NULL CHECK (status IN ('created', 'awaiting_payment', 'paid', 'fulfilled',
                 'shipped', 'completed', 'cancelled', 'refunded', 'partially_refunded')),
    currency     TEXT NOT NULL CHECK (length(currency) = 3),
    total_minor  INTEGER NOT NULL CHECK (total_minor >= 0),
    paid_minor   INTEGER NOT NULL DEFAULT 0 CHECK (paid_minor >= 0),
    snapshot     TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);

-- Every status change, written in the transaction that makes it.
CREATE TABLE order_events (
    id          INTEGER PRIMARY KEY,
    order_id    INTEGER NOT NULL REFERENCES orders (id),
    transition  TEXT NOT NULL,
    from_status TEXT,
    to_status   TEXT NOT NULL,
    actor       TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    at          INTEGER NOT NULL
);
CREATE INDEX order_events_order ON order_events (order_id, id);
