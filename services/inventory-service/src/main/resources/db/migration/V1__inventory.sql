-- Products and their stock. available = on_hand - reserved; the checks make overselling impossible even if
-- the code were wrong: a reservation that would take more than is on hand fails its transaction.
CREATE TABLE products (
    sku        text PRIMARY KEY,
    name       text           NOT NULL,
    unit_price numeric(12, 2) NOT NULL CHECK (unit_price >= 0),
    currency   char(3)        NOT NULL,
    on_hand    integer        NOT NULL CHECK (on_hand >= 0),
    reserved   integer        NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    CONSTRAINT reserved_within_on_hand CHECK (reserved <= on_hand)
);

-- One reservation per order. RESERVED holds stock; RELEASED, COMMITTED and REJECTED are final. A RELEASED row
-- without lines is a tombstone: the order was cancelled before it was seen, so it must never reserve.
CREATE TABLE reservations (
    order_id   text PRIMARY KEY,
    user_id    text,
    status     text        NOT NULL,
    lines      jsonb       NOT NULL DEFAULT '[]',
    reason     text,
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reservations_holding_stock ON reservations (status) WHERE status = 'RESERVED';

-- The demo catalogue. Plenty of most things, and one scarce item to see StockRejected happen.
INSERT INTO products (sku, name, unit_price, currency, on_hand) VALUES
    ('BOOK-DDD',     'Domain-Driven Design (book)',              54.90, 'EUR', 5000),
    ('BOOK-EIP',     'Enterprise Integration Patterns (book)',   59.00, 'EUR', 5000),
    ('BOOK-DDIA',    'Designing Data-Intensive Applications',    45.50, 'EUR', 5000),
    ('MUG-KAFKA',    'Mug with a Kafka log on it',               12.00, 'EUR', 5000),
    ('MUG-SAGA',     'Mug: "compensate, do not roll back"',      12.00, 'EUR', 5000),
    ('TSHIRT-OUTBOX','T-shirt: transactional outbox',            19.90, 'EUR', 5000),
    ('STICKER-CE',   'CloudEvents sticker pack',                  3.50, 'EUR', 5000),
    ('PEN-FOUNTAIN', 'Fountain pen',                             24.00, 'EUR', 5000),
    ('NOTEBOOK-A5',  'A5 dotted notebook',                        8.90, 'EUR', 5000),
    ('KEYBOARD-60',  '60% mechanical keyboard',                  89.00, 'EUR', 5000),
    ('LAMP-LIMITED', 'Limited edition desk lamp',               149.00, 'EUR', 5);
