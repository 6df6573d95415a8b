-- The last order number handed out per year. Taking the next one is a
-- single upsert inside the order's transaction, so numbers are unique and
-- follow commit order (the row stays locked until the transaction ends).
CREATE TABLE order_number_sequences (
    year        BIGINT PRIMARY KEY,
    last_number BIGINT NOT NULL CHECK (last_number > 0)
);
