SELECT id, total FROM orders WHERE MONTH(created_at) = 3
