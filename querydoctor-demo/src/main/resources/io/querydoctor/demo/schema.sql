-- The demo application: a small social/commerce schema. Tables are created without secondary indexes; the
-- indexes are added after the data is loaded (see indexes.sql), as a bulk load should.
CREATE TABLE users (
  id          bigint PRIMARY KEY,
  email       text        NOT NULL,
  name        text        NOT NULL,
  country     char(2)     NOT NULL,
  status      text        NOT NULL,
  created_at  timestamptz NOT NULL
);

CREATE TABLE posts (
  id          bigint PRIMARY KEY,
  user_id     bigint      NOT NULL REFERENCES users (id),
  title       text        NOT NULL,
  body        text        NOT NULL,
  created_at  timestamptz NOT NULL
);

CREATE TABLE comments (
  id          bigint PRIMARY KEY,
  post_id     bigint      NOT NULL REFERENCES posts (id),
  user_id     bigint      NOT NULL REFERENCES users (id),
  body        text        NOT NULL,
  created_at  timestamptz NOT NULL
);

CREATE TABLE products (
  id          bigint PRIMARY KEY,
  sku         text          NOT NULL,
  name        text          NOT NULL,
  category    text          NOT NULL,
  price       numeric(10,2) NOT NULL,
  created_at  timestamptz   NOT NULL
);

CREATE TABLE orders (
  id          bigint PRIMARY KEY,
  user_id     bigint        NOT NULL REFERENCES users (id),
  status      text          NOT NULL,
  total       numeric(12,2) NOT NULL,
  created_at  timestamptz   NOT NULL
);

CREATE TABLE order_items (
  id          bigint PRIMARY KEY,
  order_id    bigint        NOT NULL REFERENCES orders (id),
  product_id  bigint        NOT NULL REFERENCES products (id),
  quantity    integer       NOT NULL,
  unit_price  numeric(10,2) NOT NULL
);

-- New rows written by the workload take ids from these.
CREATE SEQUENCE orders_id_seq OWNED BY orders.id;
CREATE SEQUENCE order_items_id_seq OWNED BY order_items.id;
ALTER TABLE orders ALTER COLUMN id SET DEFAULT nextval('orders_id_seq');
ALTER TABLE order_items ALTER COLUMN id SET DEFAULT nextval('order_items_id_seq');
