SELECT id, created_at FROM orders ORDER BY created_at LIMIT 10
