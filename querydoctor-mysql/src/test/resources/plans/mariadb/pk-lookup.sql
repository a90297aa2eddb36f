SELECT * FROM orders WHERE id = 42
