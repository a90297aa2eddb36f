-- Indexes of the demo application, built after the load.

-- Healthy: what the well-written queries need.
CREATE UNIQUE INDEX users_email_key ON users (email);
CREATE INDEX comments_post_id_idx ON comments (post_id);
CREATE INDEX comments_user_id_idx ON comments (user_id);
CREATE INDEX orders_user_id_idx ON orders (user_id);
CREATE INDEX order_items_order_id_idx ON order_items (order_id);
CREATE INDEX order_items_product_id_idx ON order_items (product_id);
CREATE UNIQUE INDEX products_sku_key ON products (sku);

-- Planted problem 2: posts.user_id is a foreign key with no index (left out on purpose).

-- Planted problem 3: created_at is indexed, but the workload filters on created_at::date, which no plain
-- index can serve.
CREATE INDEX posts_created_at_idx ON posts (created_at);

-- Planted problem 5: over-indexing. products_category_idx and products_category_idx2 are duplicates, and
-- both are left prefixes of products_category_price_idx (redundant).
CREATE INDEX products_category_idx ON products (category);
CREATE INDEX products_category_idx2 ON products (category);
CREATE INDEX products_category_price_idx ON products (category, price);
