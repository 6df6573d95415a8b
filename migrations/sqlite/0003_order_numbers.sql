-- The last order number handed out per year. Taking the next one is a
-- single upsert inside the order's transaction, so numbers are unique and
-- follow commit order.
CREATE TABLE order_number_sequences (
    year        INTEGER PRIMARY KEY,
    last_number INTEGER NOT NULL CHECK (last_number > 0)
);
