-- Background work, written in the same transaction as the change that
-- causes it (a transactional outbox), and run by the worker.
CREATE TABLE jobs (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    payload      TEXT NOT NULL,
    -- One job per cause: a second enqueue of the same key adds nothing.
    dedupe_key   TEXT NOT NULL UNIQUE,
    order_id     INTEGER REFERENCES orders (id),
    status       TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'dead')),
    attempts     INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    max_attempts INTEGER NOT NULL CHECK (max_attempts >= 1),
    run_at       INTEGER NOT NULL,
    -- A running job belongs to `worker` until then; past it, it is free
    -- again (its worker died).
    lease_until  INTEGER,
    worker       TEXT,
    last_error   TEXT,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);
CREATE INDEX jobs_due ON jobs (status, run_at);
CREATE INDEX jobs_order ON jobs (order_id);

-- What a digital product delivers: a file in storage, how often it may be
-- fetched and for how many days.
ALTER TABLE products ADD COLUMN download_key TEXT;
ALTER TABLE products ADD COLUMN download_filename TEXT;
ALTER TABLE products ADD COLUMN download_attempts INTEGER NOT NULL DEFAULT 3
    CHECK (download_attempts BETWEEN 1 AND 1000);
ALTER TABLE products ADD COLUMN download_days INTEGER NOT NULL DEFAULT 7
    CHECK (download_days BETWEEN 1 AND 3650);
-- Made and shipped by an external partner (a print or pressing service).
ALTER TABLE products ADD COLUMN external_fulfilment BOOLEAN NOT NULL DEFAULT FALSE;

-- One link per digital line of a paid order. The token is the only name
-- a shopper ever sees; the file's place in storage never leaves the store.
CREATE TABLE download_links (
    id            INTEGER PRIMARY KEY,
    token         TEXT NOT NULL UNIQUE,
    order_id      INTEGER NOT NULL REFERENCES orders (id),
    line_position INTEGER NOT NULL,
    name          TEXT NOT NULL,
    file_key      TEXT NOT NULL,
    filename      TEXT NOT NULL,
    max_attempts  INTEGER NOT NULL CHECK (max_attempts >= 1),
    attempts_used INTEGER NOT NULL DEFAULT 0,
    expires_at    INTEGER NOT NULL,
    created_at    INTEGER NOT NULL,
    UNIQUE (order_id, line_position),
    CHECK (attempts_used >= 0 AND attempts_used <= max_attempts)
);

-- Every hand-off of an order to the external fulfilment partner, with
-- the partner's answer.
CREATE TABLE fulfilment_handoffs (
    id           INTEGER PRIMARY KEY,
    order_id     INTEGER NOT NULL REFERENCES orders (id),
    status_code  INTEGER,
    response     TEXT NOT NULL,
    accepted     BOOLEAN NOT NULL,
    at           INTEGER NOT NULL
);
CREATE INDEX fulfilment_handoffs_order ON fulfilment_handoffs (order_id);

-- The carrier's tracking number, once shipped.
ALTER TABLE orders ADD COLUMN tracking_number TEXT;
