-- Payments. An attempt is one try at paying an order with one provider;
-- its status only moves forward (see app/src/domain/payment.rs).
CREATE TABLE payment_attempts (
    id             INTEGER PRIMARY KEY,
    order_id       INTEGER NOT NULL REFERENCES orders (id),
    -- Names the attempt in URLs and to processors: 128 random bits, hex.
    token          TEXT NOT NULL UNIQUE,
    provider       TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('started', 'pending', 'authorised', 'captured', 'failed', 'cancelled', 'refunded')),
    amount_minor   INTEGER NOT NULL CHECK (amount_minor > 0),
    currency       TEXT NOT NULL,
    -- The processor's own name for the payment, once known.
    reference      TEXT,
    captured_minor INTEGER NOT NULL DEFAULT 0 CHECK (captured_minor >= 0),
    refunded_minor INTEGER NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0),
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    CHECK (refunded_minor <= captured_minor)
);
CREATE INDEX payment_attempts_order ON payment_attempts (order_id, id);
CREATE UNIQUE INDEX payment_attempts_reference ON payment_attempts (provider, reference) WHERE reference IS NOT NULL;

-- Every event a processor reported, once: the unique key is what makes a
-- replayed or duplicated notification a no-op.
CREATE TABLE payment_events (
    id           INTEGER PRIMARY KEY,
    attempt_id   INTEGER NOT NULL REFERENCES payment_attempts (id),
    provider     TEXT NOT NULL,
    reference    TEXT NOT NULL,
    kind         TEXT NOT NULL,
    amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
    currency     TEXT NOT NULL,
    at           INTEGER NOT NULL,
    UNIQUE (provider, reference, kind)
);
CREATE INDEX payment_events_attempt ON payment_events (attempt_id, id);

-- What was said to and heard from processors, verbatim but for secrets.
CREATE TABLE processor_responses (
    id         INTEGER PRIMARY KEY,
    provider   TEXT NOT NULL,
    direction  TEXT NOT NULL CHECK (direction IN ('request', 'response', 'notification')),
    order_id   INTEGER,
    attempt_id INTEGER,
    -- Headers and body as received or sent, secrets redacted.
    headers    TEXT NOT NULL,
    body       TEXT NOT NULL,
    at         INTEGER NOT NULL
);
CREATE INDEX processor_responses_order ON processor_responses (order_id, id);
