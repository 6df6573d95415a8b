-- Who may run the shop. A separate table rather than a column of users:
-- staff membership is granted and withdrawn on its own, and the admin
-- checks read it on every merchant request.
CREATE TABLE staff_members (
    user_id    INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('admin', 'staff')),
    created_at INTEGER NOT NULL
);
INSERT INTO staff_members (user_id, role, created_at)
    SELECT id, 'admin', created_at FROM users WHERE role = 'merchant';

-- Refunds are counted on the order as payments are; never more than paid.
ALTER TABLE orders ADD COLUMN refunded_minor INTEGER NOT NULL DEFAULT 0
    CHECK (refunded_minor >= 0 AND refunded_minor <= paid_minor);

-- Payments a merchant records by hand (bank transfers) name who did.
ALTER TABLE payment_attempts ADD COLUMN recorded_by TEXT;

-- What a wallet opens to pay (a BIP21 bitcoin URI), shown as a QR code
-- while the payment is pending.
ALTER TABLE payment_attempts ADD COLUMN pay_uri TEXT;

-- Bank transfer was offered under the code "invoice" before it became a
-- payment provider of its own.
UPDATE orders SET snapshot = REPLACE(snapshot, '"code":"invoice"', '"code":"bank_transfer"')
    WHERE snapshot LIKE '%"code":"invoice"%';
